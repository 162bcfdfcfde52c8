/* cmd_export.c - casebook export SUBCOMMAND ...: dispatch from a table of
 * subcommands, so that a new export is one row here and one handler. The
 * exports themselves live in src/export_*.c. */
#include "cmd_export.h"
#include "cli.h"
#include "err.h"
#include "export.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *usage; /* N_() */
} subcommands[] = {
	{ "chronology", cmd_export_chronology,
	  N_("casebook export chronology ID --format=court|csv|md [--from DATE] [--to DATE]\n"
	     "       [--significance low|medium|high] [--with ID]... [--output FILE]\n"
	     "       [--produced-on DATE] [--produced-by \"Name\"]") },
	{ "plan", cmd_export_plan,
	  N_("casebook export plan ID --plain [--output FILE] [--produced-on DATE]") },
	{ "ssda903", cmd_export_ssda903,
	  N_("casebook export ssda903 --year YYYY [--output FILE] [--errors FILE]") },
};

static int usage_all(FILE *f)
{
	fputs(_("usage:\n"), f);
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		fprintf(f, "  %s\n", _(subcommands[i].usage));
	return EXIT_USAGE;
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	if (argc < 2) {
		cli_fail(_("export: which export?"));
		return usage_all(stderr);
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage_all(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		if (strcmp(argv[1], subcommands[i].name) == 0) {
			int rc = subcommands[i].run(c, argc - 1, argv + 1);
			if (rc == EXIT_USAGE)
				fprintf(stderr, _("usage: %s\n"), _(subcommands[i].usage));
			return rc;
		}
	cli_fail(_("export: no export called \"%s\""), argv[1]);
	return usage_all(stderr);
}

int cmd_export_write(const char *path, const char *text, size_t len)
{
	if (!path) {
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
			return cli_fail(_("cannot write the output"));
		return 0;
	}
	if (cb_export_write_file(path, text, len))
		return cli_fail_last();
	return 0;
}
