/* cli.c - helpers shared by the subcommands; see cli.h. Saving a record
 * from the command line is cli_save.c. */
#include "cli.h"
#include "err.h"
#include "i18n.h"
#include "id.h"
#include "record.h"

#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void cli_start(void)
{
	setlocale(LC_ALL, "");
#if ENABLE_NLS
	/* CASEBOOK_LOCALEDIR: the catalogues built but not installed (tests). */
	bindtextdomain(PACKAGE, getenv("CASEBOOK_LOCALEDIR") && *getenv("CASEBOOK_LOCALEDIR")
		       ? getenv("CASEBOOK_LOCALEDIR") : LOCALEDIR);
	textdomain(PACKAGE);
#endif
	/* Records are special category personal data: nothing casebook
	 * creates is readable by anyone else. */
	umask(077);
}

int cli_global_options(struct cli *c, int argc, char **argv)
{
	c->dir = getenv("CASEBOOK_DIR");
	int i = 1;
	for (; i < argc; i++) {
		if (strcmp(argv[i], "-C") == 0 && i + 1 < argc)
			c->dir = argv[++i];
		else if (strncmp(argv[i], "-C", 2) == 0 && argv[i][2])
			c->dir = argv[i] + 2;
		else if (strcmp(argv[i], "--read-only") == 0)
			c->read_only = 1;
		else
			break;
	}
	if (!c->dir || !*c->dir)
		c->dir = ".";
	return i;
}

int cli_fail(const char *fmt, ...)
{
	/* Messages quote what they refuse (an argument, a value), so they go
	 * through the same escaping as repository text: a message can never
	 * drive the terminal. */
	char small[512], *buf = small;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof small && (buf = malloc((size_t)n + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	fputs("casebook: ", stderr);
	cli_put(stderr, n < 0 ? fmt : buf ? buf : small);
	fputc('\n', stderr);
	if (buf != small)
		free(buf);
	return 1;
}

int cli_fail_last(void)
{
	return cli_fail("%s", cb_err_msg());
}

int cli_usage(const char *usage)
{
	fprintf(stderr, _("usage: %s\n"), usage);
	return EXIT_USAGE;
}

int cli_open(struct cli *c)
{
	if (c->open)
		return 0;
	if (c->repo_ops->open(&c->ws, c->dir))
		return cli_fail_last();
	c->open = 1;
	return 0;
}

int cli_open_index(struct cli *c)
{
	if (c->open)
		return 0;
	if (cb_ws_open_for_index_reads(&c->ws, c->dir, c->repo_ops))
		return cli_fail_last();
	c->open = 1;
	return 0;
}

void cli_close(struct cli *c)
{
	if (c->open && c->ws.warning[0])
		fprintf(stderr, _("casebook: warning: %s\n"), c->ws.warning);
	if (c->open)
		cb_ws_close(&c->ws);
	c->open = 0;
}

int cli_person(struct cli *c, const char *arg, char id[11])
{
	if (cli_open(c))
		return 1;
	if (cb_index_resolve(&c->ws.index, arg, id))
		return cli_fail_last();
	return 0;
}

int cli_record_arg(struct cli *c, const char *arg, char id[11],
		   const struct cb_record_type **t, int allow_bare)
{
	const char *slash = strchr(arg, '/');
	*t = NULL;
	char who[32];
	if (!slash) {
		if (!allow_bare)
			return cli_fail(_("\"%s\": expected ID/RECORD, e.g. 7QK2M9/chronology"), arg);
		if (strlen(arg) >= sizeof who)
			return cli_fail(_("\"%s\" is not a person id"), arg);
		return cli_person(c, arg, id);
	}
	size_t n = (size_t)(slash - arg);
	if (n == 0 || n >= sizeof who)
		return cli_fail(_("\"%s\": expected ID/RECORD"), arg);
	memcpy(who, arg, n);
	who[n] = '\0';
	*t = cb_record_type_find(slash + 1);
	if (!*t) {
		cli_fail(_("\"%s\": unknown record; one of:"), slash + 1);
		for (size_t i = 0; cb_record_types[i]; i++)
			fprintf(stderr, "  %s\n", cb_record_types[i]->name);
		return 1;
	}
	return cli_person(c, who, id);
}

static void put(FILE *f, const char *s, int tsv)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		/* Plain text up to the next byte that needs a look, written in
		 * one go rather than a byte at a time. */
		const unsigned char *q = p;
		while ((*q >= 0x20 && *q < 0x7f && !(tsv && *q == '\\')) ||
		       (!tsv && (*q == '\t' || *q == '\n')))
			q++;
		if (q != p) {
			fwrite(p, 1, (size_t)(q - p), f);
			p = q;
			continue;
		}
		unsigned c = *p;
		if (tsv && (c == '\t' || c == '\n' || c == '\\')) {
			fputs(c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\\\", f);
			p++;
			continue;
		}
		if (c < 0x80) { /* C0 or DEL */
			fprintf(f, "\\x%02x", c);
			p++;
			continue;
		}
		/* Multi-byte: copy a well-formed sequence unless it is a C1
		 * control (U+0080..U+009F, which some terminals obey). */
		size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
		size_t k = 1;
		while (len && k < len && (p[k] & 0xc0) == 0x80)
			k++;
		if (!len || k != len || (c == 0xc2 && p[1] < 0xa0)) {
			fprintf(f, "\\x%02x", c);
			p++;
			continue;
		}
		fwrite(p, 1, len, f);
		p += len;
	}
}

void cli_put(FILE *f, const char *s)
{
	put(f, s, 0);
}

void cli_put_tsv(FILE *f, const char *s)
{
	put(f, s, 1);
}

static int grab_name(const struct cb_person_row *r, void *ctx)
{
	*(char **)ctx = strdup(r->name);
	return 0;
}

char *cli_person_name(struct cli *c, const char *id)
{
	char *name = NULL;
	if (cb_index_person(&c->ws.index, id, grab_name, &name) || !name)
		return strdup(id);
	return name;
}
