/* cmd_list.c - casebook list [--all] [--team] [--format=tsv]
 *
 * Without --all: the caller's caseload (people whose allocated worker or
 * personal adviser is the caller). --team: everyone in the caller's team
 * (the team of the people they hold).
 *
 * The next due date is the rules' (src/due.h), with the authority's
 * thresholds from config/rules: the same date the caseload shows. A
 * malformed config/rules still lists everyone, with no due dates, says
 * why on stderr and exits 1: never a date from a silent default. */
#include "alerts.h"
#include "cli.h"
#include "date.h"
#include "due.h"
#include "err.h"
#include "i18n.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

struct list_ctx {
	int tsv;
	struct cb_date today;
	size_t n;
	struct cb_due_map dues;
};

static int row(const struct cb_person_row *p, void *ctx)
{
	struct list_ctx *lc = ctx;
	struct cb_due due = { 0 };
	char due_s[11] = "";
	const struct cb_due *d = cb_due_map_find(&lc->dues, p->id);
	if (d)
		due = *d;
	if (due.has)
		cb_date_format(&due.date, due_s);
	lc->n++;
	if (lc->tsv) {
		const char *cells[] = { p->id, p->name, p->dob, p->status, p->worker,
					p->team, due_s, due.has ? due.what : "" };
		for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
			if (i)
				putchar('\t');
			cli_put_tsv(stdout, cells[i] ? cells[i] : "");
		}
		putchar('\n');
		return 0;
	}
	struct cb_date dob;
	char age[8] = "?";
	if (p->dob && cb_date_parse(p->dob, &dob) == 0)
		snprintf(age, sizeof age, "%d", cb_age_on(&dob, &lc->today));
	printf("%-10s  ", p->id);
	cli_put(stdout, p->name);
	printf("  (%s)  ", age);
	cli_put(stdout, p->status ? p->status : "");
	if (due.has) {
		printf(due.overdue ? _("  OVERDUE %s: %s") : _("  due %s: %s"), due_s, due.what);
	}
	putchar('\n');
	return 0;
}

struct team_ctx {
	char *team;
};

static int first_team(const struct cb_person_row *p, void *ctx)
{
	struct team_ctx *tc = ctx;
	if (p->team && *p->team) {
		tc->team = strdup(p->team);
		return 1;
	}
	return 0;
}

int cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "team", no_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook list [--all] [--team] [--format=tsv]");
	int all = 0, team = 0;
	struct list_ctx lc = { 0 };
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'a')
			all = 1;
		else if (o == 't')
			team = 1;
		else if (o == 'f' && strcmp(optarg, "tsv") == 0)
			lc.tsv = 1;
		else if (o == 'f' && strcmp(optarg, "text") == 0)
			lc.tsv = 0;
		else
			return cli_usage(usage);
	}
	if (optind != argc)
		return cli_usage(usage);
	/* list reads the index, and settings from the repository's config. */
	if (cli_open_index(c))
		return 1;
	cb_date_today(&lc.today);
	const char *email = NULL, *name;
	if (!all && cb_ws_author(&c->ws, &name, &email))
		return cli_fail(_("%s (or use list --all)"), cb_err_msg());
	struct team_ctx tc = { 0 };
	if (team && !all) {
		cb_ws_config_get(&c->ws, "casebook.team", &tc.team);
		if (!tc.team)
			cb_index_people(&c->ws.index, email, NULL, first_team, &tc);
		if (!tc.team)
			return cli_fail(_("cannot tell your team: set it with "
					  "git -C WS/repo.git config casebook.team NAME"));
	}
	const char *scope_email = all ? NULL : email, *scope_team = all ? NULL : tc.team;
	struct cb_rules_config cfg;
	int rules_bad = 0, rc = cb_alerts_config(&c->ws.index, &cfg);
	if (rc == 0) {
		rc = cb_due_map_load(&lc.dues, &c->ws.index, &cfg, scope_email, scope_team, NULL,
				     &lc.today);
		cb_rules_config_free(&cfg);
	} else if (rc == CB_EINVALID) {
		fprintf(stderr, _("casebook: no due dates: %s\n"), cb_err_msg());
		rules_bad = 1;
		rc = 0;
	}
	if (!rc && lc.tsv)
		printf("id\tname\tdob\tstatus\tworker\tteam\tnext_due\tnext_due_what\n");
	if (!rc)
		rc = cb_index_people(&c->ws.index, scope_email, scope_team, row, &lc);
	free(tc.team);
	cb_due_map_free(&lc.dues);
	if (rc)
		return cli_fail_last();
	if (!lc.tsv && lc.n == 0)
		printf(all ? _("No people in this workspace.\n")
			   : _("No one is allocated to you (list --all shows everyone).\n"));
	if (fflush(stdout) != 0)
		return cli_fail(_("cannot write the output"));
	return rules_bad;
}
