/* userconf.c - git config syntax, with line numbers; see userconf.h.
 *
 * What is accepted (a subset of git-config(1)'s syntax):
 *   # comment          ; comment
 *   [section]          [section "subsection"]
 *   key = value        key = "quoted value"   key = value  # comment
 * Names are letters, digits and '-', starting with a letter, any case.
 * In a value, double quotes keep spaces and # or ;, and \" \\ \n \t are
 * escapes. A key with no "= value", a line continued with a backslash and
 * anything else is refused with its line number. */
#include "userconf.h"
#include "err.h"
#include "i18n.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CONF_BYTES (1024 * 1024)

static int fail(char *err, size_t size, const char *path, size_t line,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int fail(char *err, size_t size, const char *path, size_t line,
		const char *fmt, ...)
{
	char what[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	snprintf(err, size, "%s:%zu: %s", path, line, what);
	return CB_EINVALID;
}

static int name_char(int c)
{
	return isalnum(c) || c == '-';
}

/* Reads a name at *p (letters, digits, '-', starting with a letter),
 * lower-cased into a new string; NULL if there is none. */
static char *take_name(const char **p, const char *end)
{
	const char *s = *p;
	if (s >= end || !isalpha((unsigned char)*s))
		return NULL;
	while (s < end && name_char((unsigned char)*s))
		s++;
	char *n = strndup(*p, (size_t)(s - *p));
	for (char *q = n; q && *q; q++)
		*q = (char)tolower((unsigned char)*q);
	*p = s;
	return n;
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static int add_entry(struct cb_conf *c, const char *section, const char *sub,
		     char *key, char *value, size_t line)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct cb_conf_entry *v = realloc(c->v, cap * sizeof *v);
		if (!v)
			return CB_ENOMEM;
		c->v = v;
		c->cap = cap;
	}
	struct cb_conf_entry *e = &c->v[c->n];
	e->section = strdup(section);
	e->sub = sub ? strdup(sub) : NULL;
	e->key = key;
	e->value = value;
	e->line = line;
	if (!e->section || (sub && !e->sub)) {
		free(e->section);
		free(e->sub);
		return CB_ENOMEM;
	}
	c->n++;
	return 0;
}

/* Parses the value of one line (from p to end, the newline excluded) into
 * a new string. Returns NULL with *why set on a syntax error. */
static char *take_value(const char *p, const char *end, const char **why)
{
	char *out = malloc((size_t)(end - p) + 1);
	size_t n = 0, keep = 0; /* keep: length up to the last quoted or non-space char */
	int quoted = 0;
	*why = NULL;
	if (!out) {
		*why = "";
		return NULL;
	}
	for (; p < end; p++) {
		char ch = *p;
		if (!quoted && (ch == '#' || ch == ';'))
			break;
		if (ch == '"') {
			quoted = !quoted;
			keep = n;
			continue;
		}
		if (ch == '\\') {
			if (p + 1 >= end) {
				*why = N_("a value continued on the next line (a backslash at the end) is not supported");
				free(out);
				return NULL;
			}
			p++;
			switch (*p) {
			case '"': ch = '"'; break;
			case '\\': ch = '\\'; break;
			case 'n': ch = '\n'; break;
			case 't': ch = '\t'; break;
			default:
				*why = N_("unknown escape after a backslash (use \\\" \\\\ \\n or \\t)");
				free(out);
				return NULL;
			}
			out[n++] = ch;
			keep = n;
			continue;
		}
		if (ch != ' ' && ch != '\t')
			keep = n + 1;
		else if (n == 0 && !quoted)
			continue; /* leading space */
		if ((unsigned char)ch < 0x20 && ch != '\t') {
			*why = N_("a control character in a value");
			free(out);
			return NULL;
		}
		out[n++] = ch;
		if (quoted)
			keep = n;
	}
	if (quoted) {
		*why = N_("a quoted value is not closed");
		free(out);
		return NULL;
	}
	out[keep] = '\0';
	return out;
}

int cb_conf_parse(struct cb_conf *out, const char *path, const char *text,
		  size_t len, char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	out->path = strdup(path);
	if (!out->path)
		return CB_ENOMEM;
	char *section = NULL, *sub = NULL;
	int rc = 0;
	size_t line = 0;
	const char *p = text, *stop = text + len;
	if (memchr(text, '\0', len)) {
		rc = fail(err, errsize, path, 1, "%s", _("not a text file (it has NUL bytes)"));
		goto out;
	}
	while (p < stop && !rc) {
		line++;
		const char *end = memchr(p, '\n', (size_t)(stop - p));
		if (!end)
			end = stop;
		const char *next = end < stop ? end + 1 : stop;
		if (end > p && end[-1] == '\r')
			end--;
		const char *q = skip_space(p, end);
		if (q == end || *q == '#' || *q == ';') {
			p = next;
			continue;
		}
		if (*q == '[') {
			q++;
			char *name = take_name(&q, end);
			if (!name) {
				rc = fail(err, errsize, path, line, "%s", _("a section name must start with a letter"));
				break;
			}
			free(section);
			free(sub);
			section = name;
			sub = NULL;
			q = skip_space(q, end);
			if (q < end && *q == '"') {
				const char *s = ++q;
				while (q < end && *q != '"' && *q != '\\')
					q++;
				if (q >= end || *q != '"') {
					rc = fail(err, errsize, path, line, "%s",
						  _("a subsection name needs a closing \" (no backslashes)"));
					break;
				}
				sub = strndup(s, (size_t)(q - s));
				if (!sub) {
					rc = CB_ENOMEM;
					break;
				}
				q++;
			}
			if (q >= end || *q != ']') {
				rc = fail(err, errsize, path, line, "%s",
					  _("a section header must be [name] or [name \"subsection\"]"));
				break;
			}
			q = skip_space(q + 1, end);
			if (q < end && *q != '#' && *q != ';') {
				rc = fail(err, errsize, path, line, "%s",
					  _("text after a section header"));
				break;
			}
			p = next;
			continue;
		}
		if (!section) {
			rc = fail(err, errsize, path, line, "%s",
				  _("a setting before any [section]"));
			break;
		}
		char *key = take_name(&q, end);
		if (!key || (q < end && !(*q == ' ' || *q == '\t' || *q == '='))) {
			free(key);
			rc = fail(err, errsize, path, line, "%s",
				  _("expected name = value (a name is letters, digits and -)"));
			break;
		}
		q = skip_space(q, end);
		if (q >= end || *q != '=') {
			rc = fail(err, errsize, path, line, _("%s needs = and a value"), key);
			free(key);
			break;
		}
		const char *why;
		char *value = take_value(q + 1, end, &why);
		if (!value) {
			free(key);
			rc = why && *why ? fail(err, errsize, path, line, "%s", _(why)) : CB_ENOMEM;
			break;
		}
		if ((rc = add_entry(out, section, sub, key, value, line))) {
			free(key);
			free(value);
			break;
		}
		p = next;
	}
out:
	free(section);
	free(sub);
	if (rc) {
		if (rc == CB_ENOMEM)
			snprintf(err, errsize, "%s", _("out of memory"));
		cb_conf_free(out);
	}
	return rc;
}

int cb_conf_load(struct cb_conf *out, const char *path, char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT) {
			out->path = strdup(path);
			return out->path ? 0 : CB_ENOMEM;
		}
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
		return CB_ERROR;
	}
	char *buf = malloc(MAX_CONF_BYTES + 1);
	size_t len = buf ? fread(buf, 1, MAX_CONF_BYTES + 1, f) : 0;
	int bad = ferror(f);
	fclose(f);
	if (!buf) {
		snprintf(err, errsize, "%s", _("out of memory"));
		return CB_ENOMEM;
	}
	if (bad || len > MAX_CONF_BYTES) {
		free(buf);
		snprintf(err, errsize, bad ? _("%s: cannot be read") : _("%s: too large for a configuration file"),
			 path);
		return CB_ERROR;
	}
	int rc = cb_conf_parse(out, path, buf, len, err, errsize);
	free(buf);
	return rc;
}

char *cb_conf_default_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *p = NULL;
	int n;
	if (x && x[0] == '/')
		n = asprintf(&p, "%s/casebook/config", x);
	else if (home && *home)
		n = asprintf(&p, "%s/.config/casebook/config", home);
	else
		return NULL;
	return n < 0 ? NULL : p;
}

void cb_conf_free(struct cb_conf *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].section);
		free(c->v[i].sub);
		free(c->v[i].key);
		free(c->v[i].value);
	}
	free(c->v);
	free(c->path);
	memset(c, 0, sizeof *c);
}
