/* main.c - the full program's entry point (installed as casebook-full;
 * front.c runs first): global options, then a subcommand. */
#include "cli.h"
#include "cmd_export.h"
#include "cmd_access.h"
#include "cmd_crypt.h"
#include "cmd_history.h"
#include "cmd_plan.h"
#include "cmd_sync.h"
#include "err.h"
#include "i18n.h"
#include "tui.h"

#include <stdlib.h>
#include <string.h>

static const char usage_text[] = N_(
"usage: casebook [-C DIR] [--read-only] [COMMAND [ARGS]]\n"
"\n"
"With no command, opens the workbench on the workspace.\n"
"\n"
"  init [--remote URL] [--user \"Name <email>\"] [--encrypt [--key-file F]] DIR\n"
"  demo DIR [--people N] [--seed N] [--encrypt [--key-file F]]\n"
"  unlock [--key-file FILE] [--timeout SECONDS] | lock\n"
"  erase ID [--yes]\n"
"  person add --name N --dob YYYY-MM-DD [--status S] [--worker EMAIL]\n"
"  person edit ID [--name N] [--dob D] [--status S] [--worker EMAIL]\n"
"  list [--all] [--team] [--format=tsv]\n"
"  chronology add ID --date D --event TEXT [--category C] [--source S]\n"
"                 [--significance low|medium|high] [--impact TEXT]\n"
"  show ID/RECORD\n"
"  show ID[/RECORD] --at DATE|REV\n"
"  edit ID/RECORD\n"
"  genogram show ID [--ascii]\n"
"  genogram export ID [--format=dot]\n"
"  log [ID[/RECORD]] [--author EMAIL] [--since DATE] [--until DATE] [--format=tsv]\n"
"  diff REV1 REV2 [ID[/RECORD]] [--format=tsv]\n"
"  blame ID/RECORD [--at REV] [--format=tsv]\n"
"  review [--team NAME] [--since-mark|--all] [--format=tsv]\n"
"  review done [--to REV]\n"
"  oversight add ID --decision TEXT [--action \"WHAT|WHO|YYYY-MM-DD\"]...\n"
"                [--reviewed-to REV] [--mark]\n"
"  plan add ID --type T --start D [--category C] [--outcomes TEXT]\n"
"           [--child-views TEXT] [--views-gathered TEXT] [--contingency TEXT]\n"
"           [--next-review D] [--letter D] [--review-point D]\n"
"  plan action add ID --plan PLANID --action TEXT [--who W] [--by D]\n"
"  plan action done ID ACTIONID [--date D]\n"
"  plan meeting add ID --plan PLANID --type T --date D [--notes TEXT]\n"
"  plan end ID PLANID --date D [--reason TEXT]\n"
"  plan decide ID PLANID --decision D --date D\n"
"  verify [--format=tsv]\n"
"  sync [--quiet | --porcelain]\n"
"  clone [--user \"Name <email>\"] [--quiet] URL DIR\n"
"  reindex [--full]\n"
"  export chronology ID --format=court|csv|md [--from DATE] [--to DATE]\n"
"         [--significance LEVEL] [--with ID]... [--output FILE]\n"
"         [--produced-on DATE] [--produced-by \"Name\"]\n"
"  export plan ID --plain [--output FILE] [--produced-on DATE]\n"
"  alerts [--team NAME | --all] [--worker EMAIL] [--rule NAME] [--format=tsv]\n"
"  rules [list | show | check [FILE] | edit]\n"
"  access ID | access --outside-caseload [--team NAME] [--format=tsv]\n"
"  server-hook install REPO\n"
"  transfer ID --to PATH\n"
"\n"
"RECORD is one of person, chronology, genogram, pathway-plan, oversight,\n"
"plan.\n"
"--read-only (or git config casebook.readonly=true) refuses every command\n"
"that would save.\n"
"The workspace is -C DIR, else $CASEBOOK_DIR, else the current directory.\n"
"See casebook(1) and casebook-record(5).\n");

/* Commands that change the repository or make a workspace: under
 * --read-only (or casebook.readonly=true) they are refused before they
 * start. A subcommand list limits the refusal to those subcommands. */
static const struct {
	const char *cmd;
	const char *sub; /* NULL: every use of cmd */
} saving[] = {
	{ "init", NULL }, { "demo", NULL }, { "person", NULL }, { "chronology", NULL },
	{ "edit", NULL }, { "oversight", NULL }, { "review", "done" }, { "sync", NULL },
	{ "rules", "edit" },
	{ "plan", NULL },
	{ "transfer", NULL },
	{ "erase", NULL },
};

/* The saving command argv starts, or NULL. */
static const char *saves(int argc, char **argv, const char **sub)
{
	for (size_t k = 0; k < sizeof saving / sizeof saving[0]; k++)
		if (strcmp(argv[0], saving[k].cmd) == 0 &&
		    (!saving[k].sub || (argc > 1 && strcmp(argv[1], saving[k].sub) == 0))) {
			*sub = saving[k].sub;
			return saving[k].cmd;
		}
	return NULL;
}

int main(int argc, char **argv)
{
	cli_start();
	struct cli c = { .repo_ops = &cb_ws_repo_git };
	int i = cli_global_options(&c, argc, argv);
	if (c.read_only)
		cb_ws_force_read_only(1);
	if (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(_(usage_text), stdout);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("casebook %s\n", PACKAGE_VERSION);
			return 0;
		}
		cli_fail(_("unknown option %s"), argv[i]);
		fputs(_(usage_text), stderr);
		return EXIT_USAGE;
	}
	if (i >= argc) {
		int tui_rc = tui_main(&c);
		cli_close(&c);
		return tui_rc;
	}
	const char *cmd = argv[i];
	int sub_argc = argc - i;
	char **sub_argv = argv + i;
	int rc;
	const char *saving_sub = NULL;
	const char *saving_cmd = saves(sub_argc, sub_argv, &saving_sub);
	/* init and demo make a new workspace: only --read-only stops them,
	 * not the configuration of whatever directory -C names. */
	int makes_ws = saving_cmd && (strcmp(saving_cmd, "init") == 0 ||
				      strcmp(saving_cmd, "demo") == 0);
	if (saving_cmd && cb_ws_dir_read_only(makes_ws ? NULL : c.dir)) {
		fprintf(stderr, _("casebook: \"%s%s%s\" would save, and this workspace is read-only "
				  "(--read-only or git config casebook.readonly); nothing was changed\n"),
			saving_cmd, saving_sub ? " " : "", saving_sub ? saving_sub : "");
		return 1;
	}
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
	else if (strcmp(cmd, "genogram") == 0)
		rc = cmd_genogram(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "diff") == 0)
		rc = cmd_diff(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "blame") == 0)
		rc = cmd_blame(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "review") == 0)
		rc = cmd_review(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "oversight") == 0)
		rc = cmd_oversight(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "plan") == 0)
		rc = cmd_plan(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "verify") == 0)
		rc = cmd_verify(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "sync") == 0)
		rc = cmd_sync(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "clone") == 0)
		rc = cmd_clone(sub_argc, sub_argv);
	else if (strcmp(cmd, "export") == 0)
		rc = cmd_export(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "alerts") == 0)
		rc = cmd_alerts(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "rules") == 0)
		rc = cmd_rules(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "access") == 0)
		rc = cmd_access(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "unlock") == 0)
		rc = cmd_unlock(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "lock") == 0)
		rc = cmd_lock(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "erase") == 0)
		rc = cmd_erase(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "transfer") == 0)
		rc = cmd_transfer(&c, sub_argc, sub_argv);
	else if (strcmp(cmd, "server-hook") == 0)
		rc = cmd_server_hook(sub_argc, sub_argv);
	else if (strcmp(cmd, "server-check") == 0)
		rc = cmd_server_check(sub_argc, sub_argv);
	else if (strcmp(cmd, "help") == 0) {
		fputs(_(usage_text), stdout);
		rc = 0;
	} else {
		cli_fail(_("unknown command \"%s\""), cmd);
		fputs(_(usage_text), stderr);
		rc = EXIT_USAGE;
	}
	cli_close(&c);
	return rc;
}
