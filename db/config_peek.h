/* config_peek.h - one plain setting read straight from a repository's
 * config file, for commands that otherwise need only the index: starting
 * libgit2 costs more than the whole of such a command.
 *
 * Only what casebook itself writes is read here: [section] then
 * "key = value" with nothing quoted or escaped. Anything else (include
 * directives, quotes, escapes, comments after a value, over-long lines)
 * answers CB_EINVALID, and the caller asks libgit2, which knows all of
 * git's rules and the global and system files as well. */
#ifndef CASEBOOK_CONFIG_PEEK_H
#define CASEBOOK_CONFIG_PEEK_H

/* section.key from gitdir/config (section without a subsection, both
 * compared without regard to case); *out malloc'd. 0, CB_ENOTFOUND (not
 * in this file), CB_EINVALID (not plain enough) or CB_ENOMEM. */
int cb_config_peek(const char *gitdir, const char *section, const char *key, char **out);
/* The same, looked for as git looks: the repository's config, then the
 * user's ($HOME/.gitconfig, then $XDG_CONFIG_HOME/git/config) and the
 * system's (/etc/gitconfig). CB_ENOTFOUND means in none of them, so a
 * setting that is not there at all is answered without libgit2 too. */
int cb_config_peek_all(const char *gitdir, const char *section, const char *key, char **out);

#endif
