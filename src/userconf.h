/* userconf.h - the user's configuration file, in git's config syntax.
 *
 * $XDG_CONFIG_HOME/casebook/config (default ~/.config/casebook/config)
 * holds the workbench's key bindings and colours (see doc/config.md). This
 * is the syntax alone: sections, subsections, keys and values, each with
 * its line, so that whoever gives them meaning (ui/userconf.c) can name
 * the file and line of a bad one. A small parser of our own rather than
 * libgit2's: ui/ may not use git, and libgit2 does not report the line of
 * a value it parsed but we refuse. */
#ifndef CASEBOOK_USERCONF_H
#define CASEBOOK_USERCONF_H

#include <stddef.h>

struct cb_conf_entry {
	char *section;   /* lower case: "bind", "color" */
	char *sub;       /* the quoted subsection as written, or NULL */
	char *key;       /* lower case */
	char *value;     /* unquoted, escapes resolved */
	size_t line;     /* 1-based */
};

struct cb_conf {
	char *path;      /* for messages */
	struct cb_conf_entry *v;
	size_t n, cap;
};

/* Parses text (len bytes) read from path. Returns 0, or CB_EINVALID with
 * err set to "PATH:LINE: what is wrong" (translated), or CB_ENOMEM. *out
 * is empty on failure (safe to free). */
int cb_conf_parse(struct cb_conf *out, const char *path, const char *text,
		  size_t len, char *err, size_t errsize);
/* Reads and parses path; a missing file is an empty configuration. */
int cb_conf_load(struct cb_conf *out, const char *path, char *err, size_t errsize);
/* The configuration file's path (malloc'd): $XDG_CONFIG_HOME/casebook/config
 * when XDG_CONFIG_HOME is an absolute path, else
 * $HOME/.config/casebook/config; NULL when neither can be found. */
char *cb_conf_default_path(void);
void cb_conf_free(struct cb_conf *c);

#endif
