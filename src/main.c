/* main.c - casebook's entry point: global options, then a subcommand. */
#include "cli.h"
#include "err.h"
#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage_text[] = N_(
"usage: casebook [-C DIR] [COMMAND [ARGS]]\n"
"\n"
"With no command, opens the workbench on the workspace.\n"
"\n"
"  init [--remote URL] [--user \"Name <email>\"] DIR\n"
"  demo DIR [--people N] [--seed N]\n"
"  person add --name N --dob YYYY-MM-DD [--status S] [--worker EMAIL]\n"
"  person edit ID [--name N] [--dob D] [--status S] [--worker EMAIL]\n"
"  list [--all] [--team] [--format=tsv]\n"
"  chronology add ID --date D --event TEXT [--category C] [--source S]\n"
"                 [--significance low|medium|high] [--impact TEXT]\n"
"  show ID/RECORD\n"
"  edit ID/RECORD\n"
"  log [ID[/RECORD]] [--format=tsv]\n"
"  reindex\n"
"\n"
"RECORD is one of person, chronology, genogram, pathway-plan.\n"
"The workspace is -C DIR, else $CASEBOOK_DIR, else the current directory.\n"
"See casebook(1) and casebook-record(5).\n");

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
#if ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif
	/* Records are special category personal data: nothing casebook
	 * creates is readable by anyone else. */
	umask(077);

	struct cli c = { 0 };
	c.dir = getenv("CASEBOOK_DIR");
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-C") == 0 && i + 1 < argc) {
			c.dir = argv[++i];
		} else if (strncmp(argv[i], "-C", 2) == 0 && argv[i][2]) {
			c.dir = argv[i] + 2;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(_(usage_text), stdout);
			return 0;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("casebook %s\n", PACKAGE_VERSION);
			return 0;
		} else {
			fprintf(stderr, _("casebook: unknown option %s\n"), argv[i]);
			fputs(_(usage_text), stderr);
			return EXIT_USAGE;
		}
	}
	if (!c.dir || !*c.dir)
		c.dir = ".";
	if (i >= argc) {
		fputs(_(usage_text), stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[i];
	int sub_argc = argc - i;
	char **sub_argv = argv + i;
	int rc;
	if (strcmp(cmd, "init") == 0)
		rc = cmd_init(sub_argc, sub_argv);
	else if (strcmp(cmd, "demo") == 0)
		rc = cmd_demo(sub_argc, sub_argv);
	else if (strcmp(cmd, "person") == 0)
		rc = cmd_person(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "list") == 0)
		rc = cmd_list(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "chronology") == 0)
		rc = cmd_chronology(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "show") == 0)
		rc = cmd_show(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "edit") == 0)
		rc = cmd_edit(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "log") == 0)
		rc = cmd_log(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "reindex") == 0)
		rc = cmd_reindex(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "help") == 0) {
		fputs(_(usage_text), stdout);
		rc = 0;
	} else {
		fprintf(stderr, _("casebook: unknown command \"%s\"\n"), cmd);
		fputs(_(usage_text), stderr);
		rc = EXIT_USAGE;
	}
	cli_close(&c);
	return rc;
}
