/* test_merge.c - the record-aware merge (src/merge.c): per record (items
 * by Id, fields against the base, conflicts kept in the record, symmetric
 * and canonical output, listing and resolving), a property test of random
 * edits on two sides, and the tree-level merge of two commits in a real
 * bare repository. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deb822.h"
#include "err.h"
#include "merge.h"
#include "record.h"
#include "schema.h"
#include "store.h"
#include "strbuf.h"
#include "repo_fixture.h"
#include "validate.h"

#define PID "7QK2M9XD4T"
#define PID_B "8ZZ0A1B2C3"
#define PID_C "9XY1B2C3D4"

#define CHRON_HEAD "Record: chronology\nPerson: " PID "\nSchema: 1\n"

/* One chronology entry, with its Category and Event given. */
#define ENTRY(id, date, cat, event) \
	"\nId: " id "\nDate: " date "\nCategory: " cat \
	"\nSignificance: high\nSource: School nurse\nEvent: " event "\n"

#define E1_BASE ENTRY("E1AAAAAAAA", "2024-03-14", "health", "Not registered with a GP.")

/* ---- helpers ---- */

static const struct cb_record_type *type_of(const char *name)
{
	const struct cb_record_type *t = cb_record_type_find(name);
	assert_non_null(t);
	return t;
}

static void parse_rec(struct cb_doc *d, const char *text, const char *type)
{
	struct cb_parse_error e;
	int rc = cb_record_parse(d, text, strlen(text), type, NULL, &e);
	if (rc)
		print_error("unexpected parse error: %s\n%s\n", e.msg, text);
	assert_int_equal(rc, 0);
}

static char *text_of(const struct cb_doc *d, const struct cb_record_type *t)
{
	if (d->nstanzas == 0)
		return strdup("");
	char *s = cb_record_serialise(d, t, NULL);
	assert_non_null(s);
	return s;
}

/* The text is canonical: it parses and serialises to itself. */
static void assert_reparses(const char *text, const struct cb_record_type *t)
{
	if (!*text)
		return;
	struct cb_doc d;
	parse_rec(&d, text, t->name);
	char *again = text_of(&d, t);
	assert_string_equal(again, text);
	free(again);
	cb_doc_free(&d);
}

/* Merges the docs both ways round: the results must be the same bytes
 * and canonical. Returns the merged text ("" = deleted). */
static char *merge_docs_sym(const struct cb_doc *b, const struct cb_doc *o,
			    const struct cb_doc *t, const struct cb_record_type *ty,
			    size_t *nconf)
{
	struct cb_doc m1, m2;
	size_t n1 = 99, n2 = 98;
	assert_int_equal(cb_merge_record(b, o, t, ty, &m1, &n1), 0);
	assert_int_equal(cb_merge_record(b, t, o, ty, &m2, &n2), 0);
	char *s1 = text_of(&m1, ty), *s2 = text_of(&m2, ty);
	assert_string_equal(s1, s2);
	assert_int_equal(n1, n2);
	assert_int_equal(cb_record_conflicts(&m1, NULL, NULL), (int)n1);
	assert_reparses(s1, ty);
	free(s2);
	cb_doc_free(&m1);
	cb_doc_free(&m2);
	if (nconf)
		*nconf = n1;
	return s1;
}

/* The same from texts; NULL stands for "no such record". */
static char *merge_texts(const char *type, const char *b, const char *o,
			 const char *t, size_t *nconf)
{
	const struct cb_record_type *ty = type_of(type);
	struct cb_doc db = { 0 }, dO = { 0 }, dt = { 0 };
	if (b)
		parse_rec(&db, b, type);
	if (o)
		parse_rec(&dO, o, type);
	if (t)
		parse_rec(&dt, t, type);
	char *r = merge_docs_sym(b ? &db : NULL, o ? &dO : NULL, t ? &dt : NULL, ty, nconf);
	cb_doc_free(&db);
	cb_doc_free(&dO);
	cb_doc_free(&dt);
	return r;
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("expected to find:\n%s\nin:\n%s", needle, hay);
}

static void assert_lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle))
		fail_msg("did not expect:\n%s\nin:\n%s", needle, hay);
}

static int validates(const char *text, const char *type)
{
	struct cb_doc d;
	struct cb_problems p = { 0 };
	parse_rec(&d, text, type);
	int rc = cb_validate(&d, type_of(type), PID, &p);
	if (rc) {
		char *s = cb_problems_format(&p, &d);
		print_error("%s", s ? s : "?");
		free(s);
	}
	cb_problems_free(&p);
	cb_doc_free(&d);
	return rc == 0;
}

/* ---- per record ---- */

static void test_concurrent_additions(void **state)
{
	(void)state;
	const char *b = CHRON_HEAD E1_BASE;
	const char *o = CHRON_HEAD E1_BASE ENTRY("E2BBBBBBBB", "2024-05-01", "education", "Missed school.");
	const char *t = CHRON_HEAD ENTRY("E0CCCCCCCC", "2023-12-01", "family", "Moved in with aunt.") E1_BASE;
	size_t n;
	char *m = merge_texts("chronology", b, o, t, &n);
	assert_int_equal(n, 0);
	/* All three, in date order. */
	assert_string_equal(m, CHRON_HEAD
		ENTRY("E0CCCCCCCC", "2023-12-01", "family", "Moved in with aunt.")
		E1_BASE
		ENTRY("E2BBBBBBBB", "2024-05-01", "education", "Missed school."));
	free(m);
}

static void test_one_side_and_same_change(void **state)
{
	(void)state;
	const char *b = CHRON_HEAD E1_BASE;
	const char *o = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "police", "Not registered with a GP.");
	const char *t = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "police", "Not registered with a GP.");
	size_t n;
	char *m = merge_texts("chronology", b, o, t, &n);
	assert_int_equal(n, 0);
	assert_string_equal(m, o);
	free(m);
	/* Changed on one side only: that change, whichever side. */
	m = merge_texts("chronology", b, o, b, &n);
	assert_int_equal(n, 0);
	assert_string_equal(m, o);
	free(m);
}

#define E1_CONFLICT \
	"\nId: E1AAAAAAAA\nDate: 2024-03-14\nCategory: health\n" \
	"Significance: high\nSource: School nurse\nEvent: Not registered with a GP.\n" \
	"Conflict: Category\nConflict-Category-1: health\nConflict-Category-2: police\n"

static void test_conflict_keeps_both(void **state)
{
	(void)state;
	const char *b = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "other", "Not registered with a GP.");
	const char *o = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "police", "Not registered with a GP.");
	const char *t = CHRON_HEAD E1_BASE;
	size_t n;
	char *m = merge_texts("chronology", b, o, t, &n);
	assert_int_equal(n, 1);
	/* Both values kept, in bytewise order, the field holding the first. */
	assert_string_equal(m, CHRON_HEAD E1_CONFLICT);
	assert_true(validates(m, "chronology"));
	free(m);
}

/* A child's plan (the plan record): two laptops each add an action to
 * the same plan, and both change its contingency. */
#define PLAN_HEAD "Record: plan\nPerson: " PID "\nSchema: 1\n"
#define PLAN_P(contingency) \
	"\nId: P1AAAAAAAA\nKind: plan\nType: child-protection\nCategory: neglect\n" \
	"Start: 2024-01-15\nContingency: " contingency "\n"
#define PLAN_ACTION(id, what, by) \
	"\nId: " id "\nKind: action\nPlan: P1AAAAAAAA\nAction: " what "\n" \
	"By-When: " by "\nStatus: open\n"

static void test_plan_actions_and_conflict(void **state)
{
	(void)state;
	const char *b = PLAN_HEAD PLAN_P("Legal planning meeting.");
	const char *o = PLAN_HEAD PLAN_P("Legal planning meeting within 5 days.")
		PLAN_ACTION("A1OOOOOOOO", "Food bank referral", "2024-02-01");
	const char *t = PLAN_HEAD PLAN_P("Strategy discussion, then legal planning.")
		PLAN_ACTION("A2TTTTTTTT", "Dental check-up", "2024-03-01");
	size_t n;
	char *m = merge_texts("plan", b, o, t, &n);
	/* Both actions kept, in By-When order, under the plan ... */
	assert_contains(m, PLAN_ACTION("A1OOOOOOOO", "Food bank referral", "2024-02-01")
			PLAN_ACTION("A2TTTTTTTT", "Dental check-up", "2024-03-01"));
	/* ... and the contingency changed on both sides is a conflict
	 * holding both values, not one side's quietly winning. */
	assert_int_equal(n, 1);
	assert_contains(m, "Conflict: Contingency\n");
	assert_contains(m, "Conflict-Contingency-1: Legal planning meeting within 5 days.\n");
	assert_contains(m, "Conflict-Contingency-2: Strategy discussion, then legal planning.\n");
	assert_true(validates(m, "plan"));
	free(m);
	/* The same edit on both sides, with an action each: no conflict. */
	t = PLAN_HEAD PLAN_P("Legal planning meeting within 5 days.")
		PLAN_ACTION("A2TTTTTTTT", "Dental check-up", "2024-03-01");
	m = merge_texts("plan", b, o, t, &n);
	assert_int_equal(n, 0);
	assert_string_equal(m, PLAN_HEAD PLAN_P("Legal planning meeting within 5 days.")
			    PLAN_ACTION("A1OOOOOOOO", "Food bank referral", "2024-02-01")
			    PLAN_ACTION("A2TTTTTTTT", "Dental check-up", "2024-03-01"));
	free(m);
}

struct seen {
	int n;
	char field[64], flag[64], values[4][128];
	size_t nvalues, stanza;
};

static int collect(const struct cb_conflict *c, void *payload)
{
	struct seen *s = payload;
	s->n++;
	s->stanza = c->stanza;
	snprintf(s->field, sizeof s->field, "%s", c->field ? c->field : "");
	snprintf(s->flag, sizeof s->flag, "%s", c->flag ? c->flag : "");
	s->nvalues = c->nvalues;
	for (size_t i = 0; i < c->nvalues && i < 4; i++)
		snprintf(s->values[i], sizeof s->values[i], "%s", c->values[i]);
	return 0;
}

static void test_list_and_resolve(void **state)
{
	(void)state;
	const struct cb_record_type *t = type_of("chronology");
	struct cb_doc d;
	parse_rec(&d, CHRON_HEAD ENTRY("E0CCCCCCCC", "2023-12-01", "family", "Aunt.") E1_CONFLICT,
		  "chronology");
	struct seen s = { 0 };
	assert_int_equal(cb_record_conflicts(&d, collect, &s), 1);
	assert_int_equal(s.stanza, 2);
	assert_string_equal(s.field, "Category");
	assert_string_equal(s.flag, "");
	assert_int_equal(s.nvalues, 2);
	assert_string_equal(s.values[0], "health");
	assert_string_equal(s.values[1], "police");

	/* A choice out of range, a field with no conflict: refused. */
	assert_int_equal(cb_conflict_resolve(&d, t, 2, "Category", 2, NULL), CB_EINVALID);
	assert_int_equal(cb_conflict_resolve(&d, t, 2, "Date", 0, NULL), CB_ENOTFOUND);
	assert_int_equal(cb_conflict_resolve(&d, t, 9, "Category", 0, NULL), CB_ENOTFOUND);

	assert_int_equal(cb_conflict_resolve(&d, t, 2, "Category", 1, NULL), 0);
	assert_int_equal(cb_record_conflicts(&d, NULL, NULL), 0);
	char *m = text_of(&d, t);
	assert_string_equal(m, CHRON_HEAD ENTRY("E0CCCCCCCC", "2023-12-01", "family", "Aunt.")
			    ENTRY("E1AAAAAAAA", "2024-03-14", "police", "Not registered with a GP."));
	assert_true(validates(m, "chronology"));
	free(m);
	cb_doc_free(&d);
}

/* A conflict on a sort key: resolving with an edited value moves the item
 * to its place and leaves a record that validates. */
static void test_resolve_edited_value(void **state)
{
	(void)state;
	const struct cb_record_type *t = type_of("chronology");
	const char *b = CHRON_HEAD E1_BASE ENTRY("E2BBBBBBBB", "2024-05-01", "education", "School.");
	const char *o = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-15", "health", "Not registered with a GP.")
		ENTRY("E2BBBBBBBB", "2024-05-01", "education", "School.");
	const char *th = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-16", "health", "Not registered with a GP.")
		ENTRY("E2BBBBBBBB", "2024-05-01", "education", "School.");
	size_t n;
	char *m = merge_texts("chronology", b, o, th, &n);
	assert_int_equal(n, 1);
	assert_contains(m, "Date: 2024-03-15\n");
	assert_contains(m, "Conflict: Date\nConflict-Date-1: 2024-03-15\nConflict-Date-2: 2024-03-16\n");
	assert_true(validates(m, "chronology"));
	struct cb_doc d;
	parse_rec(&d, m, "chronology");
	/* A value with a control character is refused and changes nothing. */
	assert_int_equal(cb_conflict_resolve(&d, t, 1, "Date", 0, "2024\00106-01"), CB_EINVALID);
	char *same = text_of(&d, t);
	assert_string_equal(same, m);
	free(same);
	free(m);
	assert_int_equal(cb_conflict_resolve(&d, t, 1, "Date", 0, "2024-06-01"), 0);
	m = text_of(&d, t);
	assert_string_equal(m, CHRON_HEAD ENTRY("E2BBBBBBBB", "2024-05-01", "education", "School.")
			    ENTRY("E1AAAAAAAA", "2024-06-01", "health", "Not registered with a GP."));
	assert_true(validates(m, "chronology"));
	free(m);
	cb_doc_free(&d);
}

static void test_edit_vs_delete(void **state)
{
	(void)state;
	const struct cb_record_type *t = type_of("chronology");
	const char *E2 = ENTRY("E2BBBBBBBB", "2024-05-01", "education", "School.");
	char b[1024], o[1024], th[1024];
	snprintf(b, sizeof b, "%s%s%s", CHRON_HEAD, E1_BASE, E2);
	snprintf(o, sizeof o, "%s%s%s", CHRON_HEAD,
		 ENTRY("E1AAAAAAAA", "2024-03-14", "health", "Registered at Bankside."), E2);
	snprintf(th, sizeof th, "%s%s", CHRON_HEAD, E2);
	size_t n;
	char *m = merge_texts("chronology", b, o, th, &n);
	assert_int_equal(n, 1);
	assert_contains(m, "Event: Registered at Bankside.\nConflict: deleted elsewhere\n");
	assert_true(validates(m, "chronology"));

	struct cb_doc d, d2;
	parse_rec(&d, m, "chronology");
	parse_rec(&d2, m, "chronology");
	free(m);
	struct seen s = { 0 };
	assert_int_equal(cb_record_conflicts(&d, collect, &s), 1);
	assert_string_equal(s.flag, CB_CONFLICT_DELETED);
	assert_string_equal(s.field, "");
	assert_int_equal(s.nvalues, 0);
	/* Keep it: the flag goes, the edit stays. */
	assert_int_equal(cb_conflict_resolve(&d, t, 1, NULL, CB_RESOLVE_KEEP, NULL), 0);
	m = text_of(&d, t);
	assert_string_equal(m, o);
	free(m);
	/* Or accept the deletion. */
	assert_int_equal(cb_conflict_resolve(&d2, t, 1, CB_CONFLICT_DELETED, CB_RESOLVE_DELETE, NULL), 0);
	m = text_of(&d2, t);
	assert_string_equal(m, th);
	free(m);
	cb_doc_free(&d);
	cb_doc_free(&d2);
}

static void test_delete_vs_delete(void **state)
{
	(void)state;
	const char *E2 = ENTRY("E2BBBBBBBB", "2024-05-01", "education", "School.");
	char b[1024], rest[1024];
	snprintf(b, sizeof b, "%s%s%s", CHRON_HEAD, E1_BASE, E2);
	snprintf(rest, sizeof rest, "%s%s", CHRON_HEAD, E2);
	size_t n;
	char *m = merge_texts("chronology", b, rest, rest, &n);
	assert_int_equal(n, 0);
	assert_string_equal(m, rest);
	free(m);
	/* Deleted on one side, untouched on the other: gone. */
	m = merge_texts("chronology", b, rest, b, &n);
	assert_int_equal(n, 0);
	assert_string_equal(m, rest);
	free(m);
}

static void test_whole_record_deleted(void **state)
{
	(void)state;
	const struct cb_record_type *t = type_of("chronology");
	const char *b = CHRON_HEAD E1_BASE;
	const char *o = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "health", "Registered.");
	size_t n;
	/* Deleted on one side, untouched on the other: deleted. */
	char *m = merge_texts("chronology", b, NULL, b, &n);
	assert_string_equal(m, "");
	assert_int_equal(n, 0);
	free(m);
	/* Deleted on both. */
	m = merge_texts("chronology", b, NULL, NULL, &n);
	assert_string_equal(m, "");
	free(m);
	/* Edited on one side: kept whole, flagged in the header. */
	m = merge_texts("chronology", b, o, NULL, &n);
	assert_int_equal(n, 1);
	assert_string_equal(m, CHRON_HEAD "Conflict: deleted elsewhere\n"
			    ENTRY("E1AAAAAAAA", "2024-03-14", "health", "Registered."));
	assert_true(validates(m, "chronology"));
	struct cb_doc d;
	parse_rec(&d, m, "chronology");
	free(m);
	struct seen s = { 0 };
	assert_int_equal(cb_record_conflicts(&d, collect, &s), 1);
	assert_int_equal(s.stanza, 0);
	assert_int_equal(cb_conflict_resolve(&d, t, 0, NULL, CB_RESOLVE_DELETE, NULL), 0);
	assert_int_equal(d.nstanzas, 0);
	cb_doc_free(&d);
	/* Created on one side only (no base). */
	m = merge_texts("chronology", NULL, NULL, o, &n);
	assert_string_equal(m, o);
	assert_int_equal(n, 0);
	free(m);
}

#define GENO_HEAD "Record: genogram\nPerson: " PID "\nSchema: 1\n"
#define MEMBER(id, name, born) "\nId: " id "\nKind: member\nName: " name "\nBorn: " born "\n"

/* The same person's genogram drawn on two laptops: no base. Members with
 * different Ids are all kept; the header's notes clash. */
static void test_created_on_both(void **state)
{
	(void)state;
	const char *o = "Record: genogram\nPerson: " PID "\nSchema: 1\nNotes: Drawn at school.\n"
		MEMBER("M1AAAAAAAA", "Lena", "1986") MEMBER("M2AAAAAAAA", "Zoe", "2008");
	const char *t = "Record: genogram\nPerson: " PID "\nSchema: 1\nNotes: Drawn at home.\n"
		MEMBER("M3BBBBBBBB", "Tomas", "1983") MEMBER("M4BBBBBBBB", "Zoe A", "2008");
	size_t n;
	char *m = merge_texts("genogram", NULL, o, t, &n);
	assert_int_equal(n, 1);
	assert_string_equal(m, "Record: genogram\nPerson: " PID "\nSchema: 1\n"
		"Notes: Drawn at home.\nConflict: Notes\n"
		"Conflict-Notes-1: Drawn at home.\nConflict-Notes-2: Drawn at school.\n"
		MEMBER("M3BBBBBBBB", "Tomas", "1983") MEMBER("M1AAAAAAAA", "Lena", "1986")
		MEMBER("M2AAAAAAAA", "Zoe", "2008") MEMBER("M4BBBBBBBB", "Zoe A", "2008"));
	assert_true(validates(m, "genogram"));
	free(m);
}

/* Two new pathway plans: the ten fixed sections share their Ids, so
 * edits to different sections merge without conflict. */
static void test_created_on_both_fixed_items(void **state)
{
	(void)state;
	const struct cb_record_type *t = type_of("pathway-plan");
	struct cb_doc o, th;
	assert_int_equal(cb_record_new(&o, t, PID), 0);
	assert_int_equal(cb_record_new(&th, t, PID), 0);
	long io = cb_record_find_item(&o, "accommodation"), it = cb_record_find_item(&th, "health");
	assert_true(io > 0 && it > 0);
	assert_int_equal(cb_stanza_set(&o.stanzas[io], "Need", "Somewhere near college."), 0);
	assert_int_equal(cb_stanza_set(&th.stanzas[it], "Need", "Register with a GP."), 0);
	size_t n;
	char *m = merge_docs_sym(NULL, &o, &th, t, &n);
	assert_int_equal(n, 0);
	assert_contains(m, "Need: Somewhere near college.\n");
	assert_contains(m, "Need: Register with a GP.\n");
	assert_true(validates(m, "pathway-plan"));
	free(m);
	cb_doc_free(&o);
	cb_doc_free(&th);
}

static void test_unknown_fields_and_stanzas(void **state)
{
	(void)state;
	const char *b = GENO_HEAD MEMBER("M1AAAAAAAA", "Lena", "1986")
		"\nId: P1AAAAAAAA\nKind: pet\nName: Biscuit\n";
	const char *o = GENO_HEAD "Agency-Ref: HSG-1\n" MEMBER("M1AAAAAAAA", "Lena", "1986")
		"Shoe-Size: 5\n"
		"\nId: P1AAAAAAAA\nKind: pet\nName: Biscuit\nSpecies: dog\n";
	const char *t = GENO_HEAD MEMBER("M1AAAAAAAA", "Lena", "1986") "Shoe-Size: 6\n"
		"\nId: P1AAAAAAAA\nKind: pet\nName: Biscuit\nColour: brown\n"
		"\nId: P2AAAAAAAA\nKind: pet\nName: Fluff\n";
	size_t n;
	char *m = merge_texts("genogram", b, o, t, &n);
	assert_int_equal(n, 1);
	/* Unknown fields come after known ones, by name; a stanza of an
	 * unknown kind has all its fields by name. */
	assert_string_equal(m, GENO_HEAD "Agency-Ref: HSG-1\n"
		MEMBER("M1AAAAAAAA", "Lena", "1986")
		"Conflict: Shoe-Size\nConflict-Shoe-Size-1: 5\nConflict-Shoe-Size-2: 6\nShoe-Size: 5\n"
		"\nColour: brown\nId: P1AAAAAAAA\nKind: pet\nName: Biscuit\nSpecies: dog\n"
		"\nId: P2AAAAAAAA\nKind: pet\nName: Fluff\n");
	free(m);
}

/* A field removed on one side and changed on the other: the removal is
 * an alternative of its own, written empty. */
static void test_removed_vs_changed(void **state)
{
	(void)state;
	const char *b = GENO_HEAD MEMBER("M1AAAAAAAA", "Lena", "1986");
	const char *o = GENO_HEAD "\nId: M1AAAAAAAA\nKind: member\nName: Lena\n";
	const char *t = GENO_HEAD MEMBER("M1AAAAAAAA", "Lena", "1985");
	size_t n;
	char *m = merge_texts("genogram", b, o, t, &n);
	assert_int_equal(n, 1);
	assert_contains(m, "Born: 1985\nConflict: Born\nConflict-Born-1:\nConflict-Born-2: 1985\n");
	struct cb_doc d;
	parse_rec(&d, m, "genogram");
	free(m);
	/* Choosing the removal removes the field. */
	assert_int_equal(cb_conflict_resolve(&d, type_of("genogram"), 1, "Born", 0, NULL), 0);
	m = text_of(&d, type_of("genogram"));
	assert_string_equal(m, o);
	free(m);
	cb_doc_free(&d);
}

static void test_longtext_clean(void **state)
{
	(void)state;
	const char *b = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "health",
		"Line one.\n Line two.\n Line three.\n Line four.");
	const char *o = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "health",
		"Line one, edited at the office.\n Line two.\n Line three.\n Line four.");
	const char *t = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "health",
		"Line one.\n Line two.\n Line three.\n Line four, edited at home.");
	size_t n;
	char *m = merge_texts("chronology", b, o, t, &n);
	assert_int_equal(n, 0);
	assert_string_equal(m, CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "health",
		"Line one, edited at the office.\n Line two.\n Line three.\n Line four, edited at home."));
	free(m);
}

static void test_longtext_conflict(void **state)
{
	(void)state;
	const char *b = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "health",
		"Line one.\n Line two.");
	const char *o = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "health",
		"Line one.\n Line two, by Sam.");
	const char *t = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "health",
		"Line one.\n Line two, by Alex.");
	size_t n;
	char *m = merge_texts("chronology", b, o, t, &n);
	assert_int_equal(n, 1);
	assert_contains(m, "Event: Line one.\n Line two, by Alex.\nConflict: Event\n"
			"Conflict-Event-1: Line one.\n Line two, by Alex.\n"
			"Conflict-Event-2: Line one.\n Line two, by Sam.\n");
	/* A one-line text field is never merged line by line. */
	assert_true(validates(m, "chronology"));
	free(m);
}

/* Records that already carry conflicts merge by the same rules: one side
 * resolving wins over the other side leaving it alone; two different
 * unresolved conflicts on the same field pool their values. */
static void test_merging_conflicted_records(void **state)
{
	(void)state;
	const char *b = CHRON_HEAD E1_CONFLICT;
	const char *resolved = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "police", "Not registered with a GP.");
	const char *added = CHRON_HEAD E1_CONFLICT ENTRY("E2BBBBBBBB", "2024-05-01", "education", "School.");
	size_t n;
	char *m = merge_texts("chronology", b, resolved, added, &n);
	assert_int_equal(n, 0);
	assert_string_equal(m, CHRON_HEAD
		ENTRY("E1AAAAAAAA", "2024-03-14", "police", "Not registered with a GP.")
		ENTRY("E2BBBBBBBB", "2024-05-01", "education", "School."));
	free(m);
	/* Resolved one way here, changed again there. */
	const char *other = CHRON_HEAD ENTRY("E1AAAAAAAA", "2024-03-14", "family", "Not registered with a GP.");
	m = merge_texts("chronology", b, resolved, other, &n);
	assert_int_equal(n, 1);
	assert_contains(m, "Conflict-Category-1: family\nConflict-Category-2: police\n");
	assert_lacks(m, "health");
	free(m);
	/* Unresolved on both sides, with a third value arriving. */
	const char *third = CHRON_HEAD "\nId: E1AAAAAAAA\nDate: 2024-03-14\nCategory: health\n"
		"Significance: high\nSource: School nurse\nEvent: Not registered with a GP.\n"
		"Conflict: Category\nConflict-Category-1: health\nConflict-Category-2: legal\n";
	m = merge_texts("chronology", CHRON_HEAD E1_BASE, CHRON_HEAD E1_CONFLICT, third, &n);
	assert_int_equal(n, 1);
	assert_contains(m, "Conflict-Category-1: health\nConflict-Category-2: legal\n"
			"Conflict-Category-3: police\n");
	free(m);
}

/* A field edited by hand while its conflict was open joins the
 * alternatives, and tidy rewrites a stale Conflict line. */
static void test_tidy(void **state)
{
	(void)state;
	const struct cb_record_type *t = type_of("chronology");
	struct cb_doc d;
	parse_rec(&d, CHRON_HEAD "\nId: E1AAAAAAAA\nDate: 2024-03-14\nCategory: legal\n"
		  "Significance: high\nSource: School nurse\nEvent: Not registered with a GP.\n"
		  "Conflict: Source, Category, deleted   elsewhere\nConflict-Category-1: health\n"
		  "Conflict-Category-2: police\n", "chronology");
	assert_int_equal(cb_record_conflicts_tidy(&d, t), 0);
	char *m = text_of(&d, t);
	assert_string_equal(m, CHRON_HEAD "\nId: E1AAAAAAAA\nDate: 2024-03-14\nCategory: health\n"
		"Significance: high\nSource: School nurse\nEvent: Not registered with a GP.\n"
		"Conflict: deleted elsewhere, Category\nConflict-Category-1: health\n"
		"Conflict-Category-2: legal\nConflict-Category-3: police\n");
	free(m);
	cb_doc_free(&d);
}

/* A field name too long to fit inside an alternative's name still gets
 * valid markers that lead back to it. */
static void test_long_field_name(void **state)
{
	(void)state;
	const struct cb_record_type *t = type_of("chronology");
	const char *name = "Very-Long-Field-Name-Written-By-A-Newer-Version-Of-It";
	char b[1024], o[1024], th[1024];
	snprintf(b, sizeof b, "%s%s%s: a\n", CHRON_HEAD, E1_BASE, name);
	snprintf(o, sizeof o, "%s%s%s: b\n", CHRON_HEAD, E1_BASE, name);
	snprintf(th, sizeof th, "%s%s%s: c\n", CHRON_HEAD, E1_BASE, name);
	size_t n;
	char *m = merge_texts("chronology", b, o, th, &n);
	assert_int_equal(n, 1);
	struct cb_doc d;
	parse_rec(&d, m, "chronology");
	free(m);
	struct seen s = { 0 };
	assert_int_equal(cb_record_conflicts(&d, collect, &s), 1);
	assert_string_equal(s.field, name);
	assert_int_equal(s.nvalues, 2);
	assert_int_equal(cb_conflict_resolve(&d, t, 1, name, 1, NULL), 0);
	m = text_of(&d, t);
	assert_string_equal(m, th);
	free(m);
	cb_doc_free(&d);
}

/* ---- property: random edits on two sides ---- */

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

static const char *const pool_text[] = {
	"a", "b", "c", "Seen at home.", "Seen at school.", "x\ny\nz", "x\ny\nw", "w\ny\nz", ""
};
static const char *const pool_field[] = {
	"Source", "Event", "Impact", "Action", "Link", "Category", "Date", "Agency-Ref", "X-Note"
};
#define NPOOL(a) (sizeof(a) / sizeof((a)[0]))

static void random_item(struct cb_doc *d, const struct cb_record_type *t, const char *id)
{
	struct cb_stanza *s = cb_record_add_item(d, t, &t->items[0], id);
	assert_non_null(s);
	assert_int_equal(cb_stanza_set(s, "Date", rnd(2) ? "2024-01-01" : "2023"), 0);
	assert_int_equal(cb_stanza_set(s, "Event", pool_text[rnd(NPOOL(pool_text) - 1)]), 0);
}

static void random_edit(struct cb_doc *d, const struct cb_record_type *t, char side, int *serial)
{
	char id[16];
	switch (rnd(6)) {
	case 0: /* a new item; now and then the same Id on both sides */
		if (rnd(4) == 0)
			snprintf(id, sizeof id, "S%d", (int)rnd(3));
		else
			snprintf(id, sizeof id, "%c%d", side, (*serial)++);
		if (cb_record_find_item(d, id) < 0)
			random_item(d, t, id);
		break;
	case 1: /* delete an item */
		if (d->nstanzas > 1)
			cb_doc_remove_stanza(d, 1 + rnd((uint32_t)d->nstanzas - 1));
		break;
	case 2: /* remove a field */
		if (d->nstanzas > 1) {
			struct cb_stanza *s = &d->stanzas[1 + rnd((uint32_t)d->nstanzas - 1)];
			cb_stanza_remove(s, pool_field[rnd(NPOOL(pool_field))]);
		}
		break;
	case 3: /* a field of the header */
		assert_int_equal(cb_stanza_set(&d->stanzas[0], "Team-Note",
					       pool_text[rnd(NPOOL(pool_text))]), 0);
		break;
	default: /* set a field of an item */
		if (d->nstanzas > 1) {
			struct cb_stanza *s = &d->stanzas[1 + rnd((uint32_t)d->nstanzas - 1)];
			const char *f = pool_field[rnd(NPOOL(pool_field))];
			assert_int_equal(cb_stanza_set(s, f, pool_text[rnd(NPOOL(pool_text))]), 0);
		}
		break;
	}
}

/* Resolves the first open conflict, now and then, as a practitioner
 * would: one of the first two choices. */
struct pick {
	int got;
	size_t stanza;
	char *name;
};

static int pick_first(const struct cb_conflict *c, void *payload)
{
	struct pick *p = payload;
	if (!p->got) {
		p->got = 1;
		p->stanza = c->stanza;
		p->name = strdup(c->field ? c->field : c->flag);
		assert_non_null(p->name);
	}
	return 0;
}

static void maybe_resolve(struct cb_doc *d, const struct cb_record_type *t)
{
	struct pick p = { 0 };
	if (rnd(2) || cb_record_conflicts(d, pick_first, &p) <= 0)
		return;
	assert_int_equal(cb_conflict_resolve(d, t, p.stanza, p.name, (int)rnd(2), NULL), 0);
	free(p.name);
}

static int stanza_same(const struct cb_stanza *a, const struct cb_stanza *b)
{
	if (a->nfields != b->nfields)
		return 0;
	for (size_t i = 0; i < a->nfields; i++)
		if (strcmp(a->fields[i].name, b->fields[i].name) ||
		    strcmp(a->fields[i].value, b->fields[i].value))
			return 0;
	return 1;
}

/* The value of field f in stanza s of the merge, or one of its
 * alternatives, is v. */
static int holds_value(const struct cb_stanza *s, const char *f, const char *v)
{
	const char *got = cb_stanza_get(s, f);
	if (got && strcmp(got, v) == 0)
		return 1;
	for (int k = 1; k < 10; k++) {
		char name[128];
		snprintf(name, sizeof name, "Conflict-%s-%d", f, k);
		got = cb_stanza_get(s, name);
		if (got && strcmp(got, v) == 0)
			return 1;
	}
	return 0;
}

/* Nothing side x added or edited is lost, unless the other side y deleted
 * an item x had left as it was in base. */
static void assert_kept(const struct cb_doc *b, const struct cb_doc *x,
			const struct cb_doc *y, const struct cb_doc *m,
			const struct cb_record_type *t)
{
	for (size_t i = 1; i < x->nstanzas; i++) {
		const struct cb_stanza *s = &x->stanzas[i];
		const char *id = cb_stanza_get(s, "Id");
		long ib = cb_record_find_item(b, id), iy = cb_record_find_item(y, id);
		if (ib > 0 && iy < 0 && stanza_same(&b->stanzas[ib], s))
			continue;
		long im = cb_record_find_item(m, id);
		if (im < 0)
			fail_msg("item %s lost", id);
		for (size_t f = 0; f < s->nfields; f++) {
			const char *name = s->fields[f].name, *v = s->fields[f].value;
			const char *old = ib > 0 ? cb_stanza_get(&b->stanzas[ib], name) : NULL;
			if (old && strcmp(old, v) == 0)
				continue; /* not an edit of x's */
			const struct cb_field_def *fd = cb_stanza_def_field(&t->items[0], name);
			if (strncmp(name, "Conflict", 8) == 0 || (fd && fd->type == CB_FT_LONGTEXT))
				continue; /* markers; long text may merge by line */
			if (!holds_value(&m->stanzas[im], name, v))
				fail_msg("item %s: %s: %s lost", id, name, v);
		}
	}
}

/* What the random rounds produced, so the test can check it covered
 * conflicts and deletions and not only clean merges. */
static size_t seen_conflicts, seen_deleted, seen_clean;

static int count_flags(const struct cb_conflict *c, void *payload)
{
	(void)payload;
	if (c->flag)
		seen_deleted++;
	return 0;
}

static void one_round(struct cb_doc *b, const struct cb_record_type *t, int *serial,
		      struct cb_doc *merged)
{
	struct cb_doc o, th;
	assert_int_equal(cb_doc_copy(&o, b), 0);
	assert_int_equal(cb_doc_copy(&th, b), 0);
	maybe_resolve(&o, t);
	maybe_resolve(&th, t);
	for (int k = (int)rnd(5); k >= 0; k--)
		random_edit(&o, t, 'O', serial);
	for (int k = (int)rnd(5); k >= 0; k--)
		random_edit(&th, t, 'T', serial);
	cb_record_canonicalise(&o, t);
	cb_record_canonicalise(&th, t);
	size_t n;
	char *text = merge_docs_sym(b, &o, &th, t, &n);
	parse_rec(merged, text, t->name);
	seen_conflicts += n;
	seen_clean += n == 0;
	assert_int_equal(cb_record_conflicts(merged, count_flags, NULL), (int)n);
	assert_kept(b, &o, &th, merged, t);
	assert_kept(b, &th, &o, merged, t);
	free(text);
	cb_doc_free(&o);
	cb_doc_free(&th);
}

static void random_runs(const char *type, int iterations, int *serial)
{
	const struct cb_record_type *t = type_of(type);
	for (int iter = 0; iter < iterations; iter++) {
		struct cb_doc b;
		assert_int_equal(cb_record_new(&b, t, PID), 0);
		for (int k = (int)rnd(5); k > 0; k--) {
			char id[16];
			snprintf(id, sizeof id, "B%d", (*serial)++);
			random_item(&b, t, id);
		}
		cb_record_canonicalise(&b, t);
		/* Three rounds, each merging onto the last result, so bases
		 * that already carry conflicts are merged too. */
		for (int round = 0; round < 3; round++) {
			struct cb_doc m;
			one_round(&b, t, serial, &m);
			cb_doc_free(&b);
			b = m;
		}
		cb_doc_free(&b);
	}
}

/* A few hundred random pairs of edits from a fixed seed. In a genogram
 * the same fields are unknown ones on a member: they merge the same way,
 * but never line by line. */
static void test_property_random_edits(void **state)
{
	(void)state;
	int serial = 0;
	rng_state = 0x9e3779b97f4a7c15ull;
	random_runs("chronology", 200, &serial);
	random_runs("genogram", 100, &serial);
	assert_true(seen_conflicts > 100);
	assert_true(seen_deleted > 10);
	assert_true(seen_clean > 100);
	print_message("%zu conflicts (%zu deletions flagged), %zu clean merges\n",
		      seen_conflicts, seen_deleted, seen_clean);
}

/* ---- merging commits ---- */

static int repo_setup(void **state)
{
	return tu_repo_open(state, "merge");
}

static int repo_teardown(void **state)
{
	return tu_repo_close(state);
}

static const struct cb_commit_info info = {
	"Sam Patel", "sam.patel@example.org", 1718000000, 60, "A save\n"
};

/* Commits the writes on top of parent (NULL: the first commit), moving
 * main back to parent first so that several branches grow from it. */
static void commit_on(struct tu_repo *f, const git_oid *parent,
		      const struct cb_write *w, size_t n, git_oid *out)
{
	git_reference *ref = NULL;
	int made = 0;
	if (parent) {
		assert_int_equal(git_reference_create(&ref, f->st.repo, CB_BRANCH, parent, 1, "test"), 0);
		git_reference_free(ref);
	}
	int rc = cb_store_commit(&f->st, w, n, &info, parent, out, &made);
	if (rc)
		fail_msg("commit: %s", cb_err_msg());
	assert_true(made);
}

/* The text at path in tree, or NULL when absent (malloc'd). */
static char *tree_read(git_repository *repo, const git_oid *tree_id, const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	char *out = NULL;
	assert_int_equal(git_tree_lookup(&tree, repo, tree_id), 0);
	if (git_tree_entry_bypath(&e, tree, path) == 0) {
		assert_int_equal(git_blob_lookup(&blob, repo, git_tree_entry_id(e)), 0);
		size_t n = (size_t)git_blob_rawsize(blob);
		out = malloc(n + 1);
		assert_non_null(out);
		memcpy(out, git_blob_rawcontent(blob), n);
		out[n] = '\0';
	}
	git_blob_free(blob);
	git_tree_entry_free(e);
	git_tree_free(tree);
	return out;
}

static int count_entries(const char *root, const git_tree_entry *e, void *payload)
{
	(void)root;
	if (git_tree_entry_type(e) == GIT_OBJECT_BLOB)
		(*(int *)payload)++;
	return 0;
}

static char *rpath(const char *pid, const char *rec)
{
	char buf[128];
	assert_int_equal(cb_record_path(buf, sizeof buf, pid, rec), 0);
	return strdup(buf);
}

#define PERSON(pid, name) "Record: person\nId: " pid "\nSchema: 1\nName: " name \
	"\nDate-Of-Birth: 2008-05-02\nStatus: care-leaver\n"

static void test_merge_commits(void **state)
{
	struct tu_repo *f = *state;
	git_repository *repo = f->st.repo;
	char *chron = rpath(PID, "chronology"), *person = rpath(PID, "person");
	char *geno = rpath(PID, "genogram"), *plan = rpath(PID, "pathway-plan");
	char *pb = rpath(PID_B, "person"), *pc = rpath(PID_C, "person");
	const char *E2 = ENTRY("E2BBBBBBBB", "2024-05-01", "education", "School.");
	const char *E3 = ENTRY("E3CCCCCCCC", "2024-06-01", "contact", "Saw her sister.");
	char co[1024], ct[1024];
	snprintf(co, sizeof co, "%s%s%s", CHRON_HEAD, E1_BASE, E2);
	snprintf(ct, sizeof ct, "%s%s%s", CHRON_HEAD, E1_BASE, E3);
	const char *plan_base = "Record: pathway-plan\nPerson: " PID "\nSchema: 1\n";

	git_oid base, ours, theirs, tree, tree2;
	struct cb_write wb[] = {
		{ person, PERSON(PID, "Zoe Adahl"), 0 },
		{ chron, CHRON_HEAD E1_BASE, 0 },
		{ plan, plan_base, 0 },
		{ "README", "shared\n", 0 },
	};
	for (size_t i = 0; i < 4; i++)
		wb[i].len = strlen(wb[i].data);
	commit_on(f, NULL, wb, 4, &base);

	struct cb_write wo[] = {
		{ person, PERSON(PID, "Zoe Adahl") "Team: North\n", 0 },  /* one side */
		{ chron, co, 0 },                                          /* both add */
		{ geno, GENO_HEAD MEMBER("M1AAAAAAAA", "Lena", "1986"), 0 }, /* add/add */
		{ plan, NULL, 0 },                                         /* delete vs edit */
		{ pb, PERSON(PID_B, "Mia Adahl"), 0 },                     /* same child, */
		{ "README", "ours\n", 0 },                                 /* outside people/ */
	};
	struct cb_write wt[] = {
		{ chron, ct, 0 },
		{ geno, GENO_HEAD MEMBER("M3BBBBBBBB", "Tomas", "1983"), 0 },
		{ plan, "Record: pathway-plan\nPerson: " PID "\nSchema: 1\nPlan-Date: 2025-01-10\n", 0 },
		{ pc, PERSON(PID_C, "Mia Adahl"), 0 },                     /* two laptops */
		{ "README", "theirs\n", 0 },
	};
	for (size_t i = 0; i < 6; i++)
		wo[i].len = wo[i].data ? strlen(wo[i].data) : 0;
	for (size_t i = 0; i < 5; i++)
		wt[i].len = strlen(wt[i].data);
	commit_on(f, &base, wo, 6, &ours);
	commit_on(f, &base, wt, 5, &theirs);

	size_t n = 99, n2 = 98;
	assert_int_equal(cb_merge_commits(repo, &ours, &theirs, &tree, &n), 0);
	assert_int_equal(cb_merge_commits(repo, &theirs, &ours, &tree2, &n2), 0);
	/* 1 for the plan (deleted vs edited) + 1 for README (kept ours). */
	assert_int_equal(n, 2);
	assert_int_equal(n2, 2);

	char *s = tree_read(repo, &tree, chron);
	char want[2048];
	snprintf(want, sizeof want, "%s%s%s%s", CHRON_HEAD, E1_BASE, E2, E3);
	assert_string_equal(s, want);
	free(s);
	s = tree_read(repo, &tree, person);
	assert_string_equal(s, PERSON(PID, "Zoe Adahl") "Team: North\n");
	free(s);
	s = tree_read(repo, &tree, geno);
	assert_string_equal(s, GENO_HEAD MEMBER("M3BBBBBBBB", "Tomas", "1983")
			    MEMBER("M1AAAAAAAA", "Lena", "1986"));
	free(s);
	s = tree_read(repo, &tree, plan);
	assert_non_null(s);
	assert_contains(s, "Conflict: deleted elsewhere\n");
	assert_contains(s, "Plan-Date: 2025-01-10\n");
	free(s);
	s = tree_read(repo, &tree, pb);
	assert_non_null(s);
	free(s);
	s = tree_read(repo, &tree, pc);
	assert_non_null(s);
	free(s);
	s = tree_read(repo, &tree, "README");
	assert_string_equal(s, "ours\n");
	free(s);
	/* Other way round: the people/ part is identical; only README
	 * (ours kept) differs. */
	s = tree_read(repo, &tree2, "README");
	assert_string_equal(s, "theirs\n");
	free(s);
	for (const char *const *p = (const char *const[]){ chron, person, geno, plan, pb, pc, NULL }; *p; p++) {
		char *a = tree_read(repo, &tree, *p), *b = tree_read(repo, &tree2, *p);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	free(chron);
	free(person);
	free(geno);
	free(plan);
	free(pb);
	free(pc);
}

/* A text that does not parse is never dropped: it is kept beside the
 * record that does, under a name both laptops agree on. */
static void test_merge_commits_unparseable(void **state)
{
	struct tu_repo *f = *state;
	git_repository *repo = f->st.repo;
	char *chron = rpath(PID, "chronology");
	const char *bad = "this is not\na record\n";
	git_oid base, ours, theirs, tree, tree2;
	struct cb_write wb = { chron, CHRON_HEAD E1_BASE, strlen(CHRON_HEAD E1_BASE) };
	commit_on(f, NULL, &wb, 1, &base);
	const char *good = CHRON_HEAD E1_BASE ENTRY("E2BBBBBBBB", "2024-05-01", "education", "School.");
	struct cb_write wo = { chron, good, strlen(good) };
	struct cb_write wt = { chron, bad, strlen(bad) };
	commit_on(f, &base, &wo, 1, &ours);
	commit_on(f, &base, &wt, 1, &theirs);
	size_t n;
	assert_int_equal(cb_merge_commits(repo, &ours, &theirs, &tree, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(cb_merge_commits(repo, &theirs, &ours, &tree2, &n), 0);
	assert_true(git_oid_equal(&tree, &tree2));
	char *s = tree_read(repo, &tree, chron);
	assert_string_equal(s, good);
	free(s);
	git_oid bad_id;
	assert_int_equal(git_blob_create_from_buffer(&bad_id, repo, bad, strlen(bad)), 0);
	char hex[GIT_OID_HEXSZ + 1], side[256];
	git_oid_tostr(hex, sizeof hex, &bad_id);
	snprintf(side, sizeof side, "%s.conflict-%.12s", chron, hex);
	s = tree_read(repo, &tree, side);
	assert_non_null(s);
	assert_string_equal(s, bad);
	free(s);
	int files = 0;
	git_tree *t = NULL;
	assert_int_equal(git_tree_lookup(&t, repo, &tree), 0);
	assert_int_equal(git_tree_walk(t, GIT_TREEWALK_PRE, count_entries, &files), 0);
	git_tree_free(t);
	assert_int_equal(files, 2);
	free(chron);
}

/* Criss-cross: each side merges the other, then both edit again. There
 * are two merge bases; the result still has every entry. */
static void test_merge_commits_criss_cross(void **state)
{
	struct tu_repo *f = *state;
	git_repository *repo = f->st.repo;
	char *chron = rpath(PID, "chronology");
	git_oid base, o1, t1, o2, t2, tree;
	struct cb_write w = { chron, CHRON_HEAD E1_BASE, strlen(CHRON_HEAD E1_BASE) };
	commit_on(f, NULL, &w, 1, &base);
	const char *a = CHRON_HEAD E1_BASE ENTRY("E2BBBBBBBB", "2024-05-01", "education", "School.");
	const char *b = CHRON_HEAD E1_BASE ENTRY("E3CCCCCCCC", "2024-06-01", "contact", "Sister.");
	w.data = a;
	w.len = strlen(a);
	commit_on(f, &base, &w, 1, &o1);
	w.data = b;
	w.len = strlen(b);
	commit_on(f, &base, &w, 1, &t1);
	/* Two merge commits, one on each laptop, with the same tree. */
	size_t n;
	assert_int_equal(cb_merge_commits(repo, &o1, &t1, &tree, &n), 0);
	git_tree *mt = NULL;
	git_signature *sig = NULL;
	git_commit *c1 = NULL, *c2 = NULL;
	assert_int_equal(git_tree_lookup(&mt, repo, &tree), 0);
	assert_int_equal(git_signature_new(&sig, "Sam", "s@example.org", 1718000100, 0), 0);
	assert_int_equal(git_commit_lookup(&c1, repo, &o1), 0);
	assert_int_equal(git_commit_lookup(&c2, repo, &t1), 0);
	git_oid m1, m2;
	const git_commit *p1[] = { c1, c2 }, *p2[] = { c2, c1 };
	assert_int_equal(git_commit_create(&m1, repo, NULL, sig, sig, NULL, "merge 1", mt, 2, p1), 0);
	assert_int_equal(git_commit_create(&m2, repo, NULL, sig, sig, NULL, "merge 2", mt, 2, p2), 0);
	git_commit_free(c1);
	git_commit_free(c2);
	git_signature_free(sig);
	git_tree_free(mt);
	char *cur = tree_read(repo, &tree, chron);
	char ea[2048], eb[2048];
	snprintf(ea, sizeof ea, "%s%s", cur, ENTRY("E4DDDDDDDD", "2024-07-01", "health", "Dentist."));
	snprintf(eb, sizeof eb, "%s%s", cur, ENTRY("E5EEEEEEEE", "2024-08-01", "police", "Missing."));
	free(cur);
	w.data = ea;
	w.len = strlen(ea);
	commit_on(f, &m1, &w, 1, &o2);
	w.data = eb;
	w.len = strlen(eb);
	commit_on(f, &m2, &w, 1, &t2);
	assert_int_equal(cb_merge_commits(repo, &o2, &t2, &tree, &n), 0);
	assert_int_equal(n, 0);
	char *s = tree_read(repo, &tree, chron);
	for (const char *const *id = (const char *const[]){ "E1AAAAAAAA", "E2BBBBBBBB",
		"E3CCCCCCCC", "E4DDDDDDDD", "E5EEEEEEEE", NULL }; *id; id++)
		assert_contains(s, *id);
	assert_lacks(s, "Conflict");
	free(s);
	free(chron);
}

/* Unrelated histories (two laptops that each started a workspace): no
 * merge base, everything is kept. */
static void test_merge_commits_unrelated(void **state)
{
	struct tu_repo *f = *state;
	git_repository *repo = f->st.repo;
	char *pa = rpath(PID, "person"), *pb = rpath(PID_B, "person");
	git_oid a, b, tree, zero;
	memset(&zero, 0, sizeof zero);
	struct cb_write w = { pa, PERSON(PID, "Zoe Adahl"), strlen(PERSON(PID, "Zoe Adahl")) };
	commit_on(f, NULL, &w, 1, &a);
	/* A second root commit: drop main so the store starts again. */
	assert_int_equal(git_reference_remove(repo, CB_BRANCH), 0);
	w.path = pb;
	w.data = PERSON(PID_B, "Mia Adahl");
	w.len = strlen(w.data);
	int made = 0;
	assert_int_equal(cb_store_commit(&f->st, &w, 1, &info, &zero, &b, &made), 0);
	size_t n;
	assert_int_equal(cb_merge_commits(repo, &a, &b, &tree, &n), 0);
	assert_int_equal(n, 0);
	char *s = tree_read(repo, &tree, pa);
	assert_non_null(s);
	free(s);
	s = tree_read(repo, &tree, pb);
	assert_non_null(s);
	free(s);
	free(pa);
	free(pb);
}

int main(void)
{
	tu_env(TU_AUTHOR, TU_TODAY);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_concurrent_additions),
		cmocka_unit_test(test_one_side_and_same_change),
		cmocka_unit_test(test_conflict_keeps_both),
		cmocka_unit_test(test_plan_actions_and_conflict),
		cmocka_unit_test(test_list_and_resolve),
		cmocka_unit_test(test_resolve_edited_value),
		cmocka_unit_test(test_edit_vs_delete),
		cmocka_unit_test(test_delete_vs_delete),
		cmocka_unit_test(test_whole_record_deleted),
		cmocka_unit_test(test_created_on_both),
		cmocka_unit_test(test_created_on_both_fixed_items),
		cmocka_unit_test(test_unknown_fields_and_stanzas),
		cmocka_unit_test(test_removed_vs_changed),
		cmocka_unit_test(test_longtext_clean),
		cmocka_unit_test(test_longtext_conflict),
		cmocka_unit_test(test_merging_conflicted_records),
		cmocka_unit_test(test_tidy),
		cmocka_unit_test(test_long_field_name),
		cmocka_unit_test(test_property_random_edits),
		cmocka_unit_test_setup_teardown(test_merge_commits, repo_setup, repo_teardown),
		cmocka_unit_test_setup_teardown(test_merge_commits_unparseable, repo_setup, repo_teardown),
		cmocka_unit_test_setup_teardown(test_merge_commits_criss_cross, repo_setup, repo_teardown),
		cmocka_unit_test_setup_teardown(test_merge_commits_unrelated, repo_setup, repo_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
