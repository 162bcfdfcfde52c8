/* cmd_alerts.c - casebook alerts: what is due, overdue or drifting, and why.
 *
 * casebook alerts [--team NAME | --all] [--worker EMAIL] [--rule NAME]
 *                 [--format=tsv]
 * Default: the caller's caseload. Worst first (src/rules.h). The tsv
 * columns are stable: person, name, worker, team, rule, severity, due,
 * overdue_days, reason. */
#include "alerts.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "i18n.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void put_tsv_row(const struct cb_alert_row *r)
{
	char due[11] = "", days[24] = "";
	if (r->a.dated) {
		cb_date_format(&r->a.due, due);
		snprintf(days, sizeof days, "%ld", r->a.overdue_days);
	}
	const char *cells[] = { r->id, r->name, r->worker, r->team, cb_rules[r->a.rule].name,
				cb_severity_name(r->a.severity), due, days, r->a.reason };
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
		if (i)
			putchar('\t');
		cli_put_tsv(stdout, cells[i]);
	}
	putchar('\n');
}

static void put_text_row(const struct cb_alert_row *r)
{
	char due[11] = "";
	printf("%-10s  ", r->id);
	cli_put(stdout, r->name);
	printf("  [%s] ", cb_severity_name(r->a.severity));
	if (r->a.dated) {
		cb_date_format(&r->a.due, due);
		if (r->a.overdue_days > 0)
			printf(ngettext("OVERDUE %ld day (due %s)", "OVERDUE %ld days (due %s)",
					(unsigned long)r->a.overdue_days),
			       r->a.overdue_days, due);
		else
			printf(_("due %s"), due);
		putchar(' ');
	}
	printf("%s: ", cb_rules[r->a.rule].name);
	cli_put(stdout, r->a.reason);
	putchar('\n');
}

int cmd_alerts(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "team", required_argument, NULL, 't' },
		{ "worker", required_argument, NULL, 'w' },
		{ "rule", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook alerts [--team NAME | --all] [--worker EMAIL]"
			      " [--rule NAME] [--format=tsv]");
	int all = 0, team = 0, tsv = 0, o;
	char *team_name = NULL;
	struct cb_alert_query q = { .rule = -1 };
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'a') {
			all = 1;
		} else if (o == 't') {
			team = 1;
			free(team_name);
			team_name = strdup(optarg);
		} else if (o == 'w') {
			q.worker = optarg;
		} else if (o == 'r') {
			if ((q.rule = cb_rule_find(optarg)) < 0) {
				free(team_name);
				return cli_fail(_("no rule called \"%s\" (casebook rules lists them)"),
						optarg);
			}
		} else if (o == 'f' && strcmp(optarg, "tsv") == 0) {
			tsv = 1;
		} else if (o == 'f' && strcmp(optarg, "text") == 0) {
			tsv = 0;
		} else {
			free(team_name);
			return cli_usage(usage);
		}
	}
	if (optind != argc || (all && team)) {
		free(team_name);
		return cli_usage(usage);
	}
	if (cli_open_index(c)) {
		free(team_name);
		return 1;
	}
	const char *name, *email = NULL;
	if (!all && !team_name && cb_ws_author(&c->ws, &name, &email)) {
		free(team_name);
		return cli_fail(_("%s (or use alerts --all)"), cb_err_msg());
	}
	if (team && !team_name)
		return cli_fail(_("out of memory"));
	if (!all && !team)
		q.email = email;
	q.team = team_name;
	struct cb_rules_config cfg;
	struct cb_alert_list l = { 0 };
	struct cb_date today;
	cb_date_today(&today);
	int rc = cb_alerts_config(&c->ws.index, &cfg);
	if (!rc)
		rc = cb_alerts_collect(&c->ws.index, &cfg, &q, &today, &l);
	cb_rules_config_free(&cfg);
	free(team_name);
	if (rc) {
		cb_alert_list_free(&l);
		return cli_fail_last();
	}
	if (tsv)
		printf("person\tname\tworker\tteam\trule\tseverity\tdue\toverdue_days\treason\n");
	for (size_t i = 0; i < l.n; i++)
		(tsv ? put_tsv_row : put_text_row)(&l.v[i]);
	if (!tsv && !l.n)
		printf(_("No alerts.\n"));
	cb_alert_list_free(&l);
	return fflush(stdout) == 0 ? 0 : cli_fail(_("cannot write the output"));
}
