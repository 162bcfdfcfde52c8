/* config_peek.c - one plain setting read from a repository's config file
 * without starting libgit2 (see config_peek.h). */
#include "config_peek.h"
#include "err.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Trims white space from both ends of s, in place. */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* section.key from the config file at path; as cb_config_peek. */
static int peek_file(const char *path, const char *section, const char *key, char **out)
{
	*out = NULL;
	char line[1024];
	FILE *f = fopen(path, "r");
	if (!f)
		return CB_ENOTFOUND;
	int rc = CB_ENOTFOUND, in_section = 0;
	while (rc != CB_EINVALID && fgets(line, sizeof line, f)) {
		if (!strchr(line, '\n') && !feof(f)) {
			rc = CB_EINVALID; /* a line longer than this reader takes */
			break;
		}
		char *s = trim(line);
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			/* [section] or [section "sub"]; includes are git's own. */
			char *end = strchr(s, ']');
			if (!end || end[1]) {
				rc = CB_EINVALID;
				break;
			}
			*end = '\0';
			char *name = trim(s + 1);
			if (strncasecmp(name, "include", 7) == 0) {
				rc = CB_EINVALID;
				break;
			}
			in_section = strcasecmp(name, section) == 0;
			continue;
		}
		if (!in_section)
			continue;
		char *eq = strchr(s, '=');
		if (!eq)
			continue; /* a bare boolean: not a value this reader is asked for */
		*eq = '\0';
		char *k = trim(s), *v = trim(eq + 1);
		if (strcasecmp(k, key) != 0)
			continue;
		/* Quotes, escapes, comments and continuations: git's rules, so
		 * the caller asks git instead. */
		if (strpbrk(v, "\"\\#;")) {
			rc = CB_EINVALID;
			break;
		}
		char *copy = strdup(v);
		if (!copy) {
			rc = CB_ENOMEM;
			break;
		}
		free(*out); /* the last one counts, as in git */
		*out = copy;
		rc = 0;
	}
	fclose(f);
	if (rc) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

int cb_config_peek(const char *gitdir, const char *section, const char *key, char **out)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/config", gitdir);
	return peek_file(path, section, key, out);
}

int cb_config_peek_all(const char *gitdir, const char *section, const char *key, char **out)
{
	/* git's files from the one that wins down: the repository's, the
	 * user's (~/.gitconfig, then the XDG one) and the system's. */
	char files[4][4096];
	size_t n = 0;
	snprintf(files[n++], sizeof files[0], "%s/config", gitdir);
	const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	if (home && *home)
		snprintf(files[n++], sizeof files[0], "%s/.gitconfig", home);
	if (xdg && *xdg)
		snprintf(files[n++], sizeof files[0], "%s/git/config", xdg);
	else if (home && *home)
		snprintf(files[n++], sizeof files[0], "%s/.config/git/config", home);
	snprintf(files[n++], sizeof files[0], "/etc/gitconfig");
	for (size_t i = 0; i < n; i++) {
		int rc = peek_file(files[i], section, key, out);
		if (rc != CB_ENOTFOUND)
			return rc;
	}
	return CB_ENOTFOUND;
}
