/* test_search.c - search as you type: the FTS5 query built from what was
 * typed, and the people and chronology entries it finds. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "search.h"
#include "strbuf.h"
#include "unit.h"

static void query_is(const char *typed, size_t words, const char *want)
{
	struct cb_sb sb = CB_SB_INIT;
	assert_int_equal(cb_search_fts_query(typed, &sb), words);
	assert_false(cb_sb_failed(&sb));
	assert_string_equal(sb.buf ? sb.buf : "", want);
	cb_sb_free(&sb);
}

static void query_building(void **state)
{
	(void)state;
	query_is("", 0, "");
	query_is(NULL, 0, "");
	query_is("   ", 0, "");
	query_is("zo", 1, "\"zo\"*");
	query_is("  Zoë   Åd ", 2, "\"Zoë\"* \"Åd\"*");
	query_is("O'Sull", 2, "\"O\"* \"Sull\"*");
	query_is("7qk2m9", 1, "\"7qk2m9\"*");
	/* FTS5 syntax typed by the user is only ever text. */
	query_is("zo\" OR \"kai", 3, "\"zo\"* \"OR\"* \"kai\"*");
	query_is("NEAR(a b)", 3, "\"NEAR\"* \"a\"* \"b\"*");
	query_is("name:zo -kai ^x", 4, "\"name\"* \"zo\"* \"kai\"* \"x\"*");
	query_is("*", 0, "");
}

static void query_word_limit(void **state)
{
	(void)state;
	struct cb_sb sb = CB_SB_INIT;
	assert_int_equal(cb_search_fts_query("a b c d e f g h i j k l m n o p q r s t", &sb),
			 CB_SEARCH_MAX_WORDS);
	cb_sb_free(&sb);
}

#define P1 "7QK2M9XD4T"
#define P2 "7QK2M9XD5V"
#define P3 "A1B2C3D4E5"

static int setup(void **state)
{
	struct ut_ws *u = ut_ws_new();
	if (!u)
		return -1;
	if (ut_person(u, P1, "Zoë Ådahl", "2008-03-01", "care-leaver", "sam.patel@example.org", "North") ||
	    ut_person(u, P2, "Zoe Brennan", "2010-05-06", "looked-after", NULL, "North") ||
	    ut_person(u, P3, "Kai Nguyễn", "2012-07-08", "child-in-need", NULL, "South"))
		return -1;
	*state = u;
	return 0;
}

static int teardown(void **state)
{
	ut_ws_free(*state);
	return 0;
}

struct found {
	char ids[8][48];
	size_t n;
};

static int collect(const char *id, void *ctx)
{
	struct found *f = ctx;
	if (f->n < 8)
		snprintf(f->ids[f->n++], sizeof f->ids[0], "%s", id);
	return 0;
}

static struct found people(struct ut_ws *u, const char *typed)
{
	struct found f = { 0 };
	assert_int_equal(cb_search_people(&u->ws.index, typed, 0, collect, &f), 0);
	return f;
}

static void people_by_name(void **state)
{
	struct ut_ws *u = *state;
	struct found f = people(u, "zo");
	assert_int_equal(f.n, 2); /* accents ignored: Zoë and Zoe */
	assert_string_equal(f.ids[0], P1);
	assert_string_equal(f.ids[1], P2);
	f = people(u, "zoe ada");
	assert_int_equal(f.n, 1);
	assert_string_equal(f.ids[0], P1);
	f = people(u, "NGUYEN");
	assert_int_equal(f.n, 1);
	assert_string_equal(f.ids[0], P3);
	f = people(u, "nobody");
	assert_int_equal(f.n, 0);
	f = people(u, "");
	assert_int_equal(f.n, 0);
}

static void people_by_id(void **state)
{
	struct ut_ws *u = *state;
	struct found f = people(u, "7qk2m9");
	assert_int_equal(f.n, 2);
	f = people(u, P3);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.ids[0], P3);
	f = people(u, "7QK2M9XD5");
	assert_int_equal(f.n, 1);
	assert_string_equal(f.ids[0], P2);
}

static void people_limit_and_syntax(void **state)
{
	struct ut_ws *u = *state;
	struct found f = { 0 };
	assert_int_equal(cb_search_people(&u->ws.index, "zo", 1, collect, &f), 0);
	assert_int_equal(f.n, 1);
	/* What would be FTS5 syntax is searched for as words, not run. */
	f = people(u, "zo\" OR \"kai");
	assert_int_equal(f.n, 0);
	f = people(u, "NEAR(zo");
	assert_int_equal(f.n, 0);
	f = people(u, "\"");
	assert_int_equal(f.n, 0);
}

static void entries(void **state)
{
	struct ut_ws *u = *state;
	const struct cb_record_type *t = cb_record_type_find("chronology");
	struct cb_doc d;
	assert_int_equal(cb_record_new(&d, t, P1), 0);
	struct cb_stanza *e = cb_record_add_item(&d, t, &t->items[0], "E1");
	assert_non_null(e);
	assert_int_equal(cb_stanza_set(e, "Date", "2026-01-02"), 0);
	assert_int_equal(cb_stanza_set(e, "Event", "Repeat inhaler prescription missed."), 0);
	e = cb_record_add_item(&d, t, &t->items[0], "E2");
	assert_non_null(e);
	assert_int_equal(cb_stanza_set(e, "Date", "2026-02-03"), 0);
	assert_int_equal(cb_stanza_set(e, "Event", "Started college."), 0);
	struct cb_save sv = { P1, t, &d };
	int made = 0;
	assert_int_equal(cb_ws_save(&u->ws, &sv, 1, "Add", NULL, 0, NULL, &made), 0);
	cb_doc_free(&d);

	struct found f = { 0 };
	assert_int_equal(cb_search_entries(&u->ws.index, P1, "inhal", collect, &f), 0);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.ids[0], "E1");
	f.n = 0;
	assert_int_equal(cb_search_entries(&u->ws.index, P1, "coll", collect, &f), 0);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.ids[0], "E2");
	f.n = 0;
	assert_int_equal(cb_search_entries(&u->ws.index, P2, "coll", collect, &f), 0);
	assert_int_equal(f.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(query_building),
		cmocka_unit_test(query_word_limit),
		cmocka_unit_test_setup_teardown(people_by_name, setup, teardown),
		cmocka_unit_test_setup_teardown(people_by_id, setup, teardown),
		cmocka_unit_test_setup_teardown(people_limit_and_syntax, setup, teardown),
		cmocka_unit_test_setup_teardown(entries, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
