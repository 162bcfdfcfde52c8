/* index_facts.c - the alert rules' facts in the index; see index_facts.h.
 *
 * Each record type that feeds a rule is reduced here to one row (or one
 * row per plan episode), so a caseload of 10,000 people reads a few
 * narrow tables instead of opening records. */
#include "index_facts.h"
#include "err.h"
#include "i18n.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int run(sqlite3 *db, const char *sql, const char *a1)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return cb_err(CB_ERROR, _("index: %s"), sqlite3_errmsg(db));
	if (a1)
		sqlite3_bind_text(s, 1, a1, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : cb_err(CB_ERROR, _("index: %s"), sqlite3_errmsg(db));
}

int cb_facts_clear(sqlite3 *db, const char *person, const char *type)
{
	if (strcmp(type, "pathway-plan") == 0)
		return run(db, "DELETE FROM fact_pathway WHERE person = ?", person);
	if (strcmp(type, "chronology") == 0)
		return run(db, "DELETE FROM fact_chronology WHERE person = ?", person);
	if (strcmp(type, "oversight") == 0)
		return run(db, "DELETE FROM fact_oversight WHERE person = ?", person);
	if (strcmp(type, "plan") == 0)
		return run(db, "DELETE FROM fact_plan WHERE person = ?", person);
	return 0;
}

int cb_facts_clear_all(sqlite3 *db)
{
	int rc = run(db, "DELETE FROM fact_pathway", NULL);
	if (!rc)
		rc = run(db, "DELETE FROM fact_chronology", NULL);
	if (!rc)
		rc = run(db, "DELETE FROM fact_oversight", NULL);
	if (!rc)
		rc = run(db, "DELETE FROM fact_plan", NULL);
	if (!rc)
		rc = run(db, "DELETE FROM meta WHERE key = 'rules'", NULL);
	return rc;
}

static const char *get(const struct cb_stanza *s, const char *name)
{
	const char *v = cb_stanza_get(s, name);
	return v && *v ? v : NULL;
}

static int is(const char *s, const char *v)
{
	return s && strcmp(s, v) == 0;
}

/* Dates compare as text: YYYY < YYYY-MM < YYYY-MM-DD within one year or
 * month, which reads an approximate date as the start of its period. */
static int later(const char *a, const char *b)
{
	return a && (!b || strcmp(a, b) > 0);
}

static void bind(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static int step(sqlite3 *db, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? 0 : cb_err(CB_ERROR, _("index: %s"), sqlite3_errmsg(db));
}

static int put_pathway(sqlite3 *db, const char *person, const struct cb_doc *d)
{
	const struct cb_stanza *h = &d->stanzas[0];
	int contingency = get(h, "Contingency-Plan") != NULL;
	int views = get(h, "Young-Person-Views") != NULL;
	for (size_t i = 1; i < d->nstanzas; i++) {
		const struct cb_stanza *s = &d->stanzas[i];
		if (!is(get(s, "Kind"), "section"))
			continue;
		if (is(get(s, "Section"), "contingency") &&
		    (get(s, "Need") || get(s, "Action")))
			contingency = 1;
		if (get(s, "Young-Person-Views"))
			views = 1;
	}
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO fact_pathway(person, contingency,"
			       " views, health_history) VALUES (?, ?, ?, ?)", -1, &s, NULL))
		return cb_err(CB_ERROR, _("index: %s"), sqlite3_errmsg(db));
	bind(s, 1, person);
	sqlite3_bind_int(s, 2, contingency);
	sqlite3_bind_int(s, 3, views);
	bind(s, 4, get(h, "Health-History"));
	int rc = step(db, s);
	sqlite3_finalize(s);
	return rc;
}

/* A significant change for the pathway plan review rule: an entry of
 * high significance, or a change of accommodation. */
static int significant(const struct cb_stanza *e)
{
	const char *cat = get(e, "Category");
	return is(get(e, "Significance"), "high") || is(cat, "accommodation") ||
	       is(cat, "placement-move");
}

static int put_chronology(sqlite3 *db, const char *person, const struct cb_doc *d)
{
	const char *visit = NULL, *change = NULL;
	const struct cb_stanza *ce = NULL;
	for (size_t i = 1; i < d->nstanzas; i++) {
		const struct cb_stanza *e = &d->stanzas[i];
		const char *date = get(e, "Date");
		if (is(get(e, "Category"), "visit") && later(date, visit))
			visit = date;
		if (significant(e) && later(date, change)) {
			change = date;
			ce = e;
		}
	}
	/* The event's first line, shortened: it is a reason, not the entry. */
	char event[96] = "";
	const char *ev = ce ? get(ce, "Event") : NULL;
	if (ev) {
		size_t n = strcspn(ev, "\n");
		if (n >= sizeof event) {
			n = sizeof event - 4;
			while (n > 0 && ((unsigned char)ev[n] & 0xC0) == 0x80)
				n--; /* not inside a UTF-8 sequence */
			memcpy(event, ev, n);
			memcpy(event + n, "...", 4);
		} else {
			memcpy(event, ev, n);
			event[n] = '\0';
		}
	}
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO fact_chronology(person, last_visit,"
			       " change_date, change_category, change_event)"
			       " VALUES (?, ?, ?, ?, ?)", -1, &s, NULL))
		return cb_err(CB_ERROR, _("index: %s"), sqlite3_errmsg(db));
	bind(s, 1, person);
	bind(s, 2, visit);
	bind(s, 3, change);
	bind(s, 4, ce ? get(ce, "Category") : NULL);
	bind(s, 5, ce ? event : NULL);
	int rc = step(db, s);
	sqlite3_finalize(s);
	return rc;
}

static int open_action(const struct cb_stanza *s)
{
	const char *st = get(s, "Status");
	return !st || is(st, "open");
}

static int put_oversight(sqlite3 *db, const char *person, const struct cb_doc *d)
{
	const char *last = NULL;
	int undated = 0;
	for (size_t i = 1; i < d->nstanzas; i++) {
		const struct cb_stanza *s = &d->stanzas[i];
		const char *kind = get(s, "Kind");
		if (is(kind, "oversight") && later(get(s, "Date"), last))
			last = get(s, "Date");
		else if (is(kind, "action") && open_action(s) && !get(s, "By-When"))
			undated++;
	}
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO fact_oversight(person, last_date,"
			       " undated) VALUES (?, ?, ?)", -1, &s, NULL))
		return cb_err(CB_ERROR, _("index: %s"), sqlite3_errmsg(db));
	bind(s, 1, person);
	bind(s, 2, last);
	sqlite3_bind_int(s, 3, undated);
	int rc = step(db, s);
	sqlite3_finalize(s);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One plan episode: its meetings and open actions folded in, and the end
 * of the previous plan of the same type (for the repeat-plan rule). */
static int put_episode(sqlite3 *db, sqlite3_stmt *ins, const char *person,
		       const struct cb_doc *d, const struct cb_stanza *p)
{
	const char *pid = get(p, "Id"), *type = get(p, "Type"), *start = get(p, "Start");
	const char *initial = NULL, *review = NULL, *prev_end = NULL, *first = NULL;
	const char *first_date = NULL;
	int no_owner = 0, no_date = 0;
	const char **dates = calloc(d->nstanzas + 1, sizeof *dates);
	size_t ndates = 0;
	if (!dates)
		return cb_err(CB_ENOMEM, _("out of memory"));
	for (size_t i = 1; i < d->nstanzas; i++) {
		const struct cb_stanza *s = &d->stanzas[i];
		const char *kind = get(s, "Kind");
		if (is(kind, "plan") && s != p && is(get(s, "Type"), type) &&
		    start && get(s, "Start") && strcmp(get(s, "Start"), start) < 0 &&
		    later(get(s, "End"), prev_end))
			prev_end = get(s, "End");
		if (!pid || !is(get(s, "Plan"), pid))
			continue;
		const char *date = get(s, "Date");
		if (is(kind, "meeting") && is(get(s, "Type"), "initial-conference") && date &&
		    (!initial || strcmp(date, initial) < 0))
			initial = date;
		if (is(kind, "meeting") && is(get(s, "Type"), "review-conference") &&
		    later(date, review))
			review = date;
		if (is(kind, "action") && open_action(s)) {
			const char *by = get(s, "By-When");
			no_owner += !get(s, "Who");
			if (!by) {
				no_date++;
				continue;
			}
			dates[ndates++] = by;
			if (!first_date || strcmp(by, first_date) < 0) {
				first_date = by;
				first = get(s, "Action");
			}
		}
	}
	qsort(dates, ndates, sizeof *dates, cmp_str);
	struct cb_sb list = CB_SB_INIT;
	for (size_t i = 0; i < ndates; i++)
		cb_sb_addf(&list, "%s%s", i ? "," : "", dates[i]);
	free(dates);
	char act[96] = "";
	if (first) {
		size_t n = strcspn(first, "\n");
		if (n >= sizeof act)
			n = sizeof act - 1;
		while (n > 0 && n < strlen(first) && ((unsigned char)first[n] & 0xC0) == 0x80)
			n--;
		memcpy(act, first, n);
		act[n] = '\0';
	}
	bind(ins, 1, person);
	bind(ins, 2, pid ? pid : "");
	bind(ins, 3, type);
	bind(ins, 4, start);
	bind(ins, 5, get(p, "End"));
	bind(ins, 6, get(p, "Next-Review"));
	sqlite3_bind_int(ins, 7, get(p, "Contingency") != NULL);
	sqlite3_bind_int(ins, 8, get(p, "Child-Views") != NULL);
	bind(ins, 9, initial);
	bind(ins, 10, review);
	bind(ins, 11, prev_end);
	bind(ins, 12, get(p, "Letter-Before-Proceedings"));
	bind(ins, 13, get(p, "Review-Point"));
	bind(ins, 14, get(p, "Decision"));
	sqlite3_bind_int(ins, 15, no_owner);
	sqlite3_bind_int(ins, 16, no_date);
	bind(ins, 17, list.buf);
	bind(ins, 18, first ? act : NULL);
	int rc = cb_sb_failed(&list) ? cb_err(CB_ENOMEM, _("out of memory")) : step(db, ins);
	cb_sb_free(&list);
	return rc;
}

static int put_plans(sqlite3 *db, const char *person, const struct cb_doc *d)
{
	sqlite3_stmt *ins = NULL;
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO fact_plan(person, id, type, start,"
			       " end_date, next_review, contingency, views, initial_conf,"
			       " last_review_conf, prev_end, letter, review_point, decision,"
			       " actions_no_owner, actions_no_date, action_dates, first_action)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       -1, &ins, NULL))
		return cb_err(CB_ERROR, _("index: %s"), sqlite3_errmsg(db));
	int rc = 0;
	for (size_t i = 1; i < d->nstanzas && !rc; i++)
		if (is(get(&d->stanzas[i], "Kind"), "plan"))
			rc = put_episode(db, ins, person, d, &d->stanzas[i]);
	sqlite3_finalize(ins);
	return rc;
}

int cb_facts_put(sqlite3 *db, const char *person, const char *type,
		 const struct cb_doc *d)
{
	if (!d->nstanzas)
		return 0;
	if (strcmp(type, "pathway-plan") == 0)
		return put_pathway(db, person, d);
	if (strcmp(type, "chronology") == 0)
		return put_chronology(db, person, d);
	if (strcmp(type, "oversight") == 0)
		return put_oversight(db, person, d);
	if (strcmp(type, "plan") == 0)
		return put_plans(db, person, d);
	return 0;
}

int cb_facts_tip(sqlite3 *db, git_repository *repo, git_tree *root)
{
	git_tree_entry *e = NULL;
	git_blob *b = NULL;
	int rc = run(db, "DELETE FROM meta WHERE key = 'rules'", NULL);
	if (rc || !root || git_tree_entry_bypath(&e, root, CB_RULES_PATH) < 0)
		return rc;
	if (git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
	    git_blob_lookup(&b, repo, git_tree_entry_id(e)) == 0) {
		sqlite3_stmt *s = NULL;
		if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta(key, value)"
				       " VALUES ('rules', ?)", -1, &s, NULL) != SQLITE_OK) {
			rc = cb_err(CB_ERROR, _("index: %s"), sqlite3_errmsg(db));
		} else {
			sqlite3_bind_text(s, 1, git_blob_rawcontent(b), (int)git_blob_rawsize(b),
					  SQLITE_TRANSIENT);
			rc = step(db, s);
			sqlite3_finalize(s);
		}
		git_blob_free(b);
	}
	git_tree_entry_free(e);
	return rc;
}

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
	bind(ps, 1, id);
	bind(ps, 2, team);
	bind(ps, 3, email);
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
	bind(s, 1, id);
	bind(s, 2, team);
	bind(s, 3, email);
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
