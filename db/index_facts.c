/* index_facts.c - the alert rules' facts in the index, as a commit is
 * indexed; see index_facts.h. Reading them is index_facts_read.c.
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
