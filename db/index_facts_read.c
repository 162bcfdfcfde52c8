/* index_facts_read.c - reading the alert rules' facts and the rules file
 * from the index (see index_facts.h): SQLite alone, no libgit2, so the
 * front (src/front.c) lists a caseload with its due dates by itself.
 * Writing them as a commit is indexed is index_facts.c. */
#include "index_facts.h"
#include "index_util.h"
#include "err.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cb_index_rules_text(struct cb_index *ix, char **out)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(ix->db, "SELECT value FROM meta WHERE key = 'rules'", -1, &s,
			       NULL) != SQLITE_OK)
		return cb_err(CB_ERROR, _("index: %s"), sqlite3_errmsg(ix->db));
	int rc = 0;
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(s, 0);
		if (!(*out = strdup(v ? v : "")))
			rc = cb_err(CB_ENOMEM, _("out of memory"));
	}
	sqlite3_finalize(s);
	return rc;
}

/* ---- the query ---- */

/* One WHERE per scope, as cb_index_people does, so that SQLite uses the
 * person indexes for a caseload instead of scanning everyone. */
static const char *scope_where(const char *id, const char *team, const char *email)
{
	return id ? " WHERE p.id = ?1"
	     : team ? " WHERE p.team = ?2"
	     : email ? " WHERE (p.worker = ?3 COLLATE NOCASE OR p.pa = ?3 COLLATE NOCASE)"
	     : "";
}

static char *dup(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	return v ? strdup(v) : NULL;
}

static void plans_free(struct cb_plan_fact *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char **f[] = { &v[i].id, &v[i].type, &v[i].start, &v[i].end,
				     &v[i].next_review, &v[i].initial_conf,
				     &v[i].last_review_conf, &v[i].prev_end, &v[i].letter,
				     &v[i].review_point, &v[i].decision, &v[i].action_dates,
				     &v[i].first_action };
		for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
			free((char *)*f[k]);
	}
	free(v);
}

struct person_plans {
	char person[11];
	size_t first, n;
};

int cb_index_facts(struct cb_index *ix, const char *email, const char *team,
		   const char *id, cb_facts_fn fn, void *ctx)
{
	sqlite3_stmt *ps = NULL, *s = NULL;
	struct cb_plan_fact *plans = NULL;
	char (*owner)[11] = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	/* The plan episodes of the scope first (few), then one pass over the
	 * people, both ordered by person id, matched as they go. */
	const char *where = scope_where(id, team, email);
	char sql[1024];
	snprintf(sql, sizeof sql, "SELECT e.person, e.id, e.type, e.start, e.end_date,"
			       " e.next_review, e.contingency, e.views, e.initial_conf,"
			       " e.last_review_conf, e.prev_end, e.letter, e.review_point,"
			       " e.decision, e.actions_no_owner, e.actions_no_date,"
			       " e.action_dates, e.first_action FROM fact_plan e"
			       " JOIN person p ON p.id = e.person%s"
			       " ORDER BY e.person, e.start, e.id", where);
	if (sqlite3_prepare_v2(ix->db, sql, -1, &ps, NULL) != SQLITE_OK)
		return cb_err(CB_ERROR, _("index: %s"), sqlite3_errmsg(ix->db));
	ix_bind_text(ps, 1, id);
	ix_bind_text(ps, 2, team);
	ix_bind_text(ps, 3, email);
	while (sqlite3_step(ps) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			void *nv = realloc(plans, cap * sizeof *plans);
			void *no = realloc(owner, cap * sizeof *owner);
			if (nv)
				plans = nv;
			if (no)
				owner = no;
			if (!nv || !no) {
				rc = cb_err(CB_ENOMEM, _("out of memory"));
				goto out;
			}
		}
		struct cb_plan_fact *f = &plans[n];
		snprintf(owner[n], sizeof owner[n], "%s", sqlite3_column_text(ps, 0));
		f->id = dup(ps, 1);
		f->type = dup(ps, 2);
		f->start = dup(ps, 3);
		f->end = dup(ps, 4);
		f->next_review = dup(ps, 5);
		f->contingency = sqlite3_column_int(ps, 6);
		f->views = sqlite3_column_int(ps, 7);
		f->initial_conf = dup(ps, 8);
		f->last_review_conf = dup(ps, 9);
		f->prev_end = dup(ps, 10);
		f->letter = dup(ps, 11);
		f->review_point = dup(ps, 12);
		f->decision = dup(ps, 13);
		f->actions_no_owner = sqlite3_column_int(ps, 14);
		f->actions_no_date = sqlite3_column_int(ps, 15);
		f->action_dates = dup(ps, 16);
		f->first_action = dup(ps, 17);
		n++;
	}
	snprintf(sql, sizeof sql, "SELECT p.id, p.name, p.preferred_name, p.dob, p.gender,"
			       " p.status, p.worker, p.pa, p.team, l.plan_date, l.last_review,"
			       " l.next_review, l.needs_assessment, l.person IS NOT NULL,"
			       " fp.contingency, fp.views, fp.health_history, fc.last_visit,"
			       " fc.change_date, fc.change_category, fc.change_event,"
			       " fo.person IS NOT NULL, fo.last_date, fo.undated"
			       " FROM person p LEFT JOIN plan l ON l.person = p.id"
			       " LEFT JOIN fact_pathway fp ON fp.person = p.id"
			       " LEFT JOIN fact_chronology fc ON fc.person = p.id"
			       " LEFT JOIN fact_oversight fo ON fo.person = p.id"
			       "%s ORDER BY p.id", where);
	if (sqlite3_prepare_v2(ix->db, sql, -1, &s, NULL) != SQLITE_OK) {
		rc = cb_err(CB_ERROR, _("index: %s"), sqlite3_errmsg(ix->db));
		goto out;
	}
	ix_bind_text(s, 1, id);
	ix_bind_text(s, 2, team);
	ix_bind_text(s, 3, email);
	size_t k = 0;
	int sr;
	while (!rc && (sr = sqlite3_step(s)) == SQLITE_ROW) {
#define C(i) ((const char *)sqlite3_column_text(s, i))
		struct cb_facts f = {
			.p = { C(0), C(1), C(2), C(3), C(4), C(5), C(6), C(7), C(8),
			       C(9), C(10), C(11), C(12) },
			.has_pathway = sqlite3_column_int(s, 13),
			.pp_contingency = sqlite3_column_int(s, 14),
			.pp_views = sqlite3_column_int(s, 15),
			.pp_health_history = C(16),
			.last_visit = C(17),
			.change_date = C(18),
			.change_category = C(19),
			.change_event = C(20),
			.has_oversight = sqlite3_column_int(s, 21),
			.last_oversight = C(22),
			.oversight_undated = sqlite3_column_int(s, 23),
		};
#undef C
		const char *pid = f.p.id ? f.p.id : "";
		while (k < n && strcmp(owner[k], pid) < 0)
			k++;
		size_t first = k;
		while (k < n && strcmp(owner[k], pid) == 0)
			k++;
		f.plans = plans + first;
		f.nplans = k - first;
		rc = fn(&f, ctx);
	}
	if (!rc && sr != SQLITE_DONE)
		rc = cb_err(CB_ERROR, _("index: %s"), sqlite3_errstr(sr));
out:
	sqlite3_finalize(ps);
	sqlite3_finalize(s);
	plans_free(plans, n);
	free(owner);
	return rc;
}
