/* cmd_export_plan.c - casebook export plan ID --plain: the pathway plan
 * in plain language, and a report of sections that read hard. */
#include "cli.h"
#include "cmd_export.h"
#include "date.h"
#include "err.h"
#include "export_plan.h"
#include "i18n.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

int cmd_export_plan(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "plain", no_argument, NULL, 'P' },
		{ "output", required_argument, NULL, 'o' },
		{ "produced-on", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct cb_export_ctx x = { 0 };
	const char *output = NULL;
	int plain = 0, opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'P': plain = 1; break;
		case 'o': output = optarg; break;
		case 'p': x.produced_on = optarg; break;
		default:
			cli_fail(_("export plan: unknown option or missing value: %s"),
				 argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		cli_fail(_("export plan: expected one person id"));
		return EXIT_USAGE;
	}
	if (!plain) {
		cli_fail(_("export plan: --plain is the one form there is; say --plain"));
		return EXIT_USAGE;
	}
	struct cb_date d;
	if (x.produced_on && cb_date_parse(x.produced_on, &d)) {
		cli_fail(_("--produced-on \"%s\": expected a date YYYY-MM-DD"), x.produced_on);
		return EXIT_USAGE;
	}
	char id[11];
	if (cli_person(c, argv[optind], id))
		return 1;
	char *text = NULL;
	struct cb_plan_scores low = { 0 };
	if (cb_plan_render(&c->ws, id, &x, &text, &low))
		return cli_fail_last();
	int rc = cmd_export_write(output, text, strlen(text));
	free(text);
	/* Hard reading is reported, not refused: the words are the
	 * practitioner's to change, and the plan is still theirs to give. */
	if (rc == 0)
		fprintf(stderr, _("reading ease: %.0f overall (Flesch; the target is %.0f or above)\n"),
			low.overall, CB_PLAN_READING_TARGET);
	for (size_t i = 0; rc == 0 && i < low.n; i++)
		fprintf(stderr, _("casebook: reading ease of \"%s\" is %.0f, below the target of %.0f: "
				  "shorter sentences and shorter words would help\n"),
			low.v[i].section, low.v[i].score, CB_PLAN_READING_TARGET);
	cb_plan_scores_free(&low);
	return rc;
}
