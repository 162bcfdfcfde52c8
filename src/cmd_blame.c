/* cmd_blame.c - casebook blame ID/RECORD [--at REV] [--format=tsv]: for
 * every field of every stanza, who last changed it, when, and the commit.
 * Costs O(versions of the record) through the index (see blame.h). */
#include "cli.h"
#include "blame.h"
#include "cmd_access.h"
#include "cmd_history.h"
#include "err.h"
#include "i18n.h"
#include "revs.h"

#include <getopt.h>
#include <string.h>

static void put_indented(const char *s)
{
	/* Continuation lines of a value indented under it, one line each. */
	for (const char *p = s; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char line[1024];
		while (n > 0) {
			size_t k = n < sizeof line - 1 ? n : sizeof line - 1;
			memcpy(line, p, k);
			line[k] = '\0';
			cli_put(stdout, line);
			p += k;
			n -= k;
		}
		if (!nl)
			break;
		fputs("\n                                      ", stdout);
		p = nl + 1;
	}
}

/* The author's name, then spaces to width characters (never cut: a
 * name is not cut in the middle of a letter). */
static void put_padded(const char *s, int width)
{
	cli_put(stdout, s);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			width--;
	for (; width > -2; width--)
		putchar(' ');
}

/* A save's time as text. Most fields of an entry come from the same save,
 * so the last one formatted is kept. */
static const char *when_of(const struct cb_blame_origin *o)
{
	static const struct cb_blame_origin *last;
	static char buf[40];
	if (o != last) {
		cb_time_format(o->time, o->tz, buf, sizeof buf);
		last = o;
	}
	return buf;
}

static void print_text(const struct cb_blame *b)
{
	for (size_t i = 0; i < b->nstanzas; i++) {
		const struct cb_blame_stanza *s = &b->stanzas[i];
		const char *day = when_of(s->added);
		if (i)
			putchar('\n');
		fputs("== ", stdout);
		cli_put(stdout, s->label);
		if (s->id) {
			fputs(" [", stdout);
			cli_put(stdout, s->id);
			fputc(']', stdout);
		}
		printf(_(" (added %.10s by "), day);
		cli_put(stdout, s->added->author_name);
		printf(", %.10s)\n", s->added->commit);
		for (size_t f = 0; f < s->nfields; f++) {
			const struct cb_blame_field *fd = &s->fields[f];
			printf("%.10s %.10s  ", fd->origin->commit, when_of(fd->origin));
			put_padded(fd->origin->author_name, 14);
			cli_put(stdout, fd->name);
			fputs(": ", stdout);
			put_indented(fd->value);
			putchar('\n');
		}
	}
}

static void print_tsv(const struct cb_blame *b)
{
	puts("stanza\tfield\tcommit\ttime\tauthor_name\tauthor_email");
	for (size_t i = 0; i < b->nstanzas; i++) {
		const struct cb_blame_stanza *s = &b->stanzas[i];
		for (size_t f = 0; f < s->nfields; f++) {
			const struct cb_blame_origin *o = s->fields[f].origin;
			const char *cells[] = { s->id ? s->id : "", s->fields[f].name, o->commit,
						when_of(o), o->author_name, o->author_email };
			for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++) {
				if (k)
					putchar('\t');
				cli_put_tsv(stdout, cells[k]);
			}
			putchar('\n');
		}
	}
}

int cmd_blame(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "at", required_argument, NULL, 'a' },
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook blame ID/RECORD [--at REV] [--format=tsv] [--reason TEXT]");
	int tsv = 0, o;
	const char *at = NULL, *reason = NULL;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'f') {
			if (hcli_format(optarg, &tsv, usage))
				return EXIT_USAGE;
		} else if (o == 'a') {
			at = optarg;
		} else if (o == 'r') {
			reason = optarg;
		} else {
			return cli_usage(usage);
		}
	}
	if (optind != argc - 1)
		return cli_usage(usage);
	char id[11];
	const struct cb_record_type *t;
	if (hcli_record_arg(c, argv[optind], id, &t, 0) ||
	    cli_access(c, id, t->name, "blame", reason))
		return 1;
	git_oid rev;
	if (at && cb_rev_resolve(c->ws.store.repo, at, &rev))
		return cli_fail_last();
	struct cb_blame b;
	if (cb_blame_record(&c->ws, id, t, at ? &rev : NULL, &b))
		return cli_fail_last();
	if (tsv)
		print_tsv(&b);
	else
		print_text(&b);
	cb_blame_free(&b);
	return hcli_flush();
}
