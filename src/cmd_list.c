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

/* One person as listed: their fields in one allocation, and next due. */
struct list_row {
	char *buf;
	const char *id, *name, *dob, *status, *worker, *team;
	struct cb_due due;
};

struct list_ctx {
	int tsv;
	const struct cb_rules_config *cfg; /* NULL: no due dates */
	struct cb_date today;
	struct cb_alerts alerts;
	struct list_row *v;
	size_t n, cap;
};

/* One pass over the index's facts gives both the people and what the
 * rules need for their next due; the rows are then put in name order
 * (ORDER BY name, id as the index lists people: binary collation). */
static int collect(const struct cb_facts *f, void *ctx)
{
	struct list_ctx *lc = ctx;
	if (lc->n == lc->cap) {
		size_t cap = lc->cap ? lc->cap * 2 : 256;
		void *nv = realloc(lc->v, cap * sizeof *lc->v);
		if (!nv)
			return cb_err(CB_ENOMEM, _("out of memory"));
		lc->v = nv;
		lc->cap = cap;
	}
	const struct cb_person_row *p = &f->p;
	const char *src[6] = { p->id, p->name, p->dob, p->status, p->worker, p->team };
	size_t len[6], total = 0;
	for (int i = 0; i < 6; i++)
		total += (len[i] = src[i] ? strlen(src[i]) : 0) + 1;
	struct list_row *r = &lc->v[lc->n];
	memset(r, 0, sizeof *r);
	if (!(r->buf = malloc(total)))
		return cb_err(CB_ENOMEM, _("out of memory"));
	const char **dst[6] = { &r->id, &r->name, &r->dob, &r->status, &r->worker, &r->team };
	char *at = r->buf;
	for (int i = 0; i < 6; i++) {
		memcpy(at, src[i] ? src[i] : "", len[i] + 1);
		*dst[i] = at;
		at += len[i] + 1;
	}
	lc->n++;
	if (!lc->cfg)
		return 0;
	int rc = cb_rules_eval(lc->cfg, f, &lc->today, &lc->alerts);
	if (!rc)
		cb_due_from_alerts(&lc->alerts, &lc->today, &r->due);
	return rc;
}

static int by_name(const void *pa, const void *pb)
{
	const struct list_row *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->id, b->id);
}

static void print_row(const struct list_ctx *lc, const struct list_row *r)
{
	char due_s[11] = "";
	if (r->due.has)
		cb_date_format(&r->due.date, due_s);
	if (lc->tsv) {
		const char *cells[] = { r->id, r->name, r->dob, r->status, r->worker,
					r->team, due_s, r->due.has ? r->due.what : "" };
		for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
			if (i)
				putchar('\t');
			cli_put_tsv(stdout, cells[i]);
		}
		putchar('\n');
		return;
	}
	struct cb_date dob;
	char age[8] = "?";
	if (cb_date_parse(r->dob, &dob) == 0)
		snprintf(age, sizeof age, "%d", cb_age_on(&dob, &lc->today));
	printf("%-10s  ", r->id);
	cli_put(stdout, r->name);
	printf("  (%s)  ", age);
	cli_put(stdout, r->status);
	if (r->due.has)
		printf(r->due.overdue ? _("  OVERDUE %s: %s") : _("  due %s: %s"), due_s,
		       r->due.what);
	putchar('\n');
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
		lc.cfg = &cfg;
	} else if (rc == CB_EINVALID) {
		fprintf(stderr, _("casebook: no due dates: %s\n"), cb_err_msg());
		rules_bad = 1;
		rc = 0;
	}
	if (!rc)
		rc = cb_index_facts(&c->ws.index, scope_email, scope_team, NULL, collect, &lc);
	if (lc.cfg)
		cb_rules_config_free(&cfg);
	cb_alerts_free(&lc.alerts);
	free(tc.team);
	if (!rc) {
		if (lc.n > 1)
			qsort(lc.v, lc.n, sizeof *lc.v, by_name);
		if (lc.tsv)
			printf("id\tname\tdob\tstatus\tworker\tteam\tnext_due\tnext_due_what\n");
		for (size_t i = 0; i < lc.n; i++)
			print_row(&lc, &lc.v[i]);
	}
	for (size_t i = 0; i < lc.n; i++)
		free(lc.v[i].buf);
	free(lc.v);
	if (rc)
		return cli_fail_last();
	if (!lc.tsv && lc.n == 0)
		printf(all ? _("No people in this workspace.\n")
			   : _("No one is allocated to you (list --all shows everyone).\n"));
	if (fflush(stdout) != 0)
		return cli_fail(_("cannot write the output"));
	return rules_bad;
}
