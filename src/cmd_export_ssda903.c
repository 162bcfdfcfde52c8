/* cmd_export_ssda903.c - casebook export ssda903 --year YYYY: the OC3
 * file of the care leavers' return, and each child's problems. */
#include "cli.h"
#include "cmd_export.h"
#include "err.h"
#include "i18n.h"
#include "ssda903.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* Problems on stderr, one a line: "casebook: ssda903: ID: FIELD: what". */
static void print_errors(const struct cb_oc3 *o)
{
	for (size_t i = 0; i < o->nerr; i++) {
		fprintf(stderr, "casebook: ssda903: %s: %s: ", o->err[i].child, o->err[i].field);
		cli_put(stderr, o->err[i].problem);
		fputc('\n', stderr);
	}
}

int cmd_export_ssda903(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "output", required_argument, NULL, 'o' },
		{ "errors", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 }
	};
	const char *year_s = NULL, *output = NULL, *errors = NULL;
	int opt;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'y': year_s = optarg; break;
		case 'o': output = optarg; break;
		case 'e': errors = optarg; break;
		default:
			cli_fail(_("export ssda903: unknown option or missing value: %s"),
				 argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		cli_fail(_("export ssda903: unexpected argument \"%s\""), argv[optind]);
		return EXIT_USAGE;
	}
	if (!year_s) {
		cli_fail(_("export ssda903: --year YYYY is needed (the year the collection ends on 31 March)"));
		return EXIT_USAGE;
	}
	char *end = NULL;
	long year = strtol(year_s, &end, 10);
	if (strlen(year_s) != 4 || *end || year < 1900 || year > 9998) {
		cli_fail(_("--year \"%s\": expected a year YYYY"), year_s);
		return EXIT_USAGE;
	}
	if (output && errors && strcmp(output, errors) == 0) {
		cli_fail(_("export ssda903: --output and --errors name the same file"));
		return EXIT_USAGE;
	}
	if (cli_open(c))
		return 1;
	struct cb_oc3 o;
	if (cb_ssda903_oc3(&c->ws, (int)year, &o))
		return cli_fail_last();
	int rc = cmd_export_write(output, o.csv, o.len);
	if (!rc && errors) {
		size_t len = 0;
		char *text = cb_oc3_errors_csv(&o, &len);
		rc = text ? cmd_export_write(errors, text, len) : cli_fail_last();
		free(text);
	}
	if (!rc && o.nerr) {
		if (!errors)
			print_errors(&o);
		cli_fail(ngettext("export ssda903: %zu problem kept children out of the return for %ld",
				  "export ssda903: %zu problems kept children out of the return for %ld",
				  o.nerr), o.nerr, year);
		rc = 1;
	}
	cb_oc3_free(&o);
	return rc;
}
