/* cmd_export_chronology.c - casebook export chronology ID --format=...:
 * options to struct cb_chron_export, then src/export_chronology.c. */
#include "cli.h"
#include "cmd_export.h"
#include "date.h"
#include "err.h"
#include "export_chronology.h"
#include "i18n.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WITH 16

static int date_opt(const char *name, const char *v)
{
	struct cb_date d;
	if (cb_date_parse(v, &d))
		return cli_fail(_("%s \"%s\": expected a date YYYY-MM-DD"), name, v);
	return 0;
}

int cmd_export_chronology(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "significance", required_argument, NULL, 's' },
		{ "with", required_argument, NULL, 'w' },
		{ "output", required_argument, NULL, 'o' },
		{ "produced-on", required_argument, NULL, 'p' },
		{ "produced-by", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	struct cb_chron_export o = { 0 };
	struct cb_export_ctx x = { 0 };
	const char *format = NULL, *output = NULL;
	const char *with_args[MAX_WITH];
	size_t nwith = 0;
	int opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'f': format = optarg; break;
		case 'F': o.from = optarg; break;
		case 'T': o.to = optarg; break;
		case 's': o.significance = optarg; break;
		case 'w':
			if (nwith == MAX_WITH) {
				cli_fail(ngettext("--with: at most %d sibling", "--with: at most %d siblings",
						  MAX_WITH), MAX_WITH);
				return EXIT_USAGE;
			}
			with_args[nwith++] = optarg;
			break;
		case 'o': output = optarg; break;
		case 'p': x.produced_on = optarg; break;
		case 'b': x.produced_by = optarg; break;
		default:
			cli_fail(_("export chronology: unknown option or missing value: %s"),
				 argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		cli_fail(_("export chronology: expected one person id"));
		return EXIT_USAGE;
	}
	if (!format) {
		cli_fail(_("export chronology: --format=court, csv or md is needed"));
		return EXIT_USAGE;
	}
	if (cb_chron_format_parse(format, &o.format)) {
		cli_fail_last();
		return EXIT_USAGE;
	}
	if ((o.from && date_opt("--from", o.from)) || (o.to && date_opt("--to", o.to)) ||
	    (x.produced_on && date_opt("--produced-on", x.produced_on)))
		return EXIT_USAGE;
	if (o.from && o.to && strcmp(o.from, o.to) > 0) {
		cli_fail(_("--from %s is after --to %s"), o.from, o.to);
		return EXIT_USAGE;
	}
	if (o.significance && strcmp(o.significance, "low") != 0 &&
	    strcmp(o.significance, "medium") != 0 && strcmp(o.significance, "high") != 0) {
		cli_fail(_("--significance \"%s\": expected low, medium or high"), o.significance);
		return EXIT_USAGE;
	}
	if (o.format == CB_CHRON_COURT && !output) {
		cli_fail(_("export chronology: --format=court writes a PDF: name it with --output FILE.pdf"));
		return EXIT_USAGE;
	}

	char id[11];
	if (cli_person(c, argv[optind], id))
		return 1;
	char with_ids[MAX_WITH][11];
	const char *with[MAX_WITH];
	for (size_t i = 0; i < nwith; i++) {
		if (cli_person(c, with_args[i], with_ids[i]))
			return 1;
		with[i] = with_ids[i];
	}
	o.with = with;
	o.nwith = nwith;

	if (o.format == CB_CHRON_COURT) {
		if (cb_export_chronology(&c->ws, id, &o, output, &x))
			return cli_fail_last();
		return 0;
	}
	char *text = NULL;
	size_t len = 0;
	if (cb_chronology_render(&c->ws, id, &o, &x, 0, &text, &len))
		return cli_fail_last();
	int rc = cmd_export_write(output, text, len);
	free(text);
	return rc;
}
