/* cmd_log.c - casebook log [ID[/RECORD]] [--author EMAIL] [--since DATE]
 * [--until DATE] [--format=tsv]: saves, newest first, from the index's
 * per-record history (O(versions) per record). The filters let an auditor
 * walk history by child, by author or by date range. */
#include "cli.h"
#include "cli_access.h"
#include "cmd_history.h"
#include "err.h"
#include "i18n.h"
#include "when.h"

#include <getopt.h>
#include <string.h>
#include <strings.h>

struct log_ctx {
	int tsv;
	size_t n;
	const char *author;     /* email, compared without regard to case */
	int64_t since, until;   /* inclusive; 0 = open */
	int has_since, has_until;
	const char *fields_label; /* translated once, not per row */
};

static int wanted(const struct log_ctx *lc, const struct cb_history_row *r)
{
	if (lc->author && (!r->author_email || strcasecmp(r->author_email, lc->author) != 0))
		return 0;
	if (lc->has_since && r->time < lc->since)
		return 0;
	if (lc->has_until && r->time > lc->until)
		return 0;
	return 1;
}

static int row(const struct cb_history_row *r, void *ctx)
{
	struct log_ctx *lc = ctx;
	if (!wanted(lc, r))
		return 0;
	char when[40];
	cb_time_format(r->time, r->tz, when, sizeof when);
	lc->n++;
	if (lc->tsv) {
		const char *cells[] = { r->commit, when, r->author_name, r->author_email,
					r->person, r->type, r->fields, r->summary };
		for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
			if (i)
				putchar('\t');
			cli_put_tsv(stdout, cells[i] ? cells[i] : "");
		}
		putchar('\n');
		return 0;
	}
	printf("%.10s  %.16s  ", r->commit, when);
	cli_put(stdout, r->author_name);
	printf("  %s/%s\n    ", r->person, r->type);
	cli_put(stdout, r->summary);
	if (r->fields && *r->fields) {
		fputs(lc->fields_label, stdout);
		cli_put(stdout, r->fields);
	}
	putchar('\n');
	return 0;
}

int cmd_log(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "author", required_argument, NULL, 'a' },
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook log [ID[/RECORD]] [--author EMAIL] [--since DATE] "
			      "[--until DATE] [--format=tsv] [--reason TEXT]");
	struct log_ctx lc = { .fields_label = _("\n    fields: ") };
	const char *reason = NULL;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'f':
			if (hcli_format(optarg, &lc.tsv, usage))
				return EXIT_USAGE;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'a':
			lc.author = optarg;
			break;
		case 's':
			/* From the start of the day given... */
			if (cb_when_parse(optarg, 0, &lc.since))
				return cli_fail(_("--since %s: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]"),
						optarg);
			lc.has_since = 1;
			break;
		case 'u':
			/* ...to the end of the day given. */
			if (cb_when_parse(optarg, 1, &lc.until))
				return cli_fail(_("--until %s: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]"),
						optarg);
			lc.has_until = 1;
			break;
		default:
			return cli_usage(usage);
		}
	}
	if (optind < argc - 1)
		return cli_usage(usage);
	if (lc.has_since && lc.has_until && lc.since > lc.until)
		return cli_fail(_("--since is after --until: nothing can match"));
	char id[11];
	const struct cb_record_type *t = NULL;
	/* log reads nothing but the index. */
	if (cli_open_index(c))
		return 1;
	if (optind == argc - 1) {
		/* A full id works for someone no longer in the index. */
		if (hcli_record_arg(c, argv[optind], id, &t, 1) ||
		    cli_access(c, id, t ? t->name : NULL, "log", reason))
			return 1;
	} else if (cli_open(c)) {
		return 1;
	}
	if (lc.tsv)
		printf("commit\ttime\tauthor_name\tauthor_email\tperson\trecord\tfields\tsummary\n");
	if (cb_index_history(&c->ws.index, optind == argc - 1 ? id : NULL,
			     t ? t->name : NULL, 0, row, &lc))
		return cli_fail_last();
	return fflush(stdout) == 0 ? 0 : cli_fail(_("cannot write the output"));
}
