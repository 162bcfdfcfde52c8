/* cmd_log.c - casebook log [ID[/RECORD]] [--format=tsv]: saves, newest
 * first, from the index's per-record history (O(versions) per record). */
#include "cli.h"
#include "err.h"
#include "i18n.h"

#include <getopt.h>
#include <string.h>
#include <time.h>

struct log_ctx {
	int tsv;
	size_t n;
};

static void format_time(int64_t t, int tz, char *buf, size_t n)
{
	time_t local = (time_t)(t + (int64_t)tz * 60);
	struct tm tm;
	gmtime_r(&local, &tm);
	size_t k = strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + k, n - k, "%c%02d:%02d", tz < 0 ? '-' : '+', (tz < 0 ? -tz : tz) / 60,
		 (tz < 0 ? -tz : tz) % 60);
}

static int row(const struct cb_history_row *r, void *ctx)
{
	struct log_ctx *lc = ctx;
	char when[40];
	format_time(r->time, r->tz, when, sizeof when);
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
		printf(_("\n    fields: "));
		cli_put(stdout, r->fields);
	}
	putchar('\n');
	return 0;
}

int cmd_log(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook log [ID[/RECORD]] [--format=tsv]");
	struct log_ctx lc = { 0 };
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'f' && strcmp(optarg, "tsv") == 0)
			lc.tsv = 1;
		else if (o == 'f' && strcmp(optarg, "text") == 0)
			lc.tsv = 0;
		else
			return cli_usage(usage);
	}
	if (optind < argc - 1)
		return cli_usage(usage);
	char id[11];
	const struct cb_record_type *t = NULL;
	if (optind == argc - 1) {
		if (cli_record_arg(c, argv[optind], id, &t, 1))
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
