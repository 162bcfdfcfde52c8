/* test_caseload.c - the caseload model: whose people, ages and what is
 * due, sorting, the search filter, and the unsynced-saves flag. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "caseload.h"
#include "unit.h"

#define P1 "7QK2M9XD4T"
#define P2 "7QK2M9XD5V"
#define P3 "A1B2C3D4E5"

static int setup(void **state)
{
	struct ut_ws *u = ut_ws_new();
	if (!u ||
	    ut_person(u, P1, "Zoë Ådahl", "2008-03-01", "care-leaver", "sam.patel@example.org", "North") ||
	    ut_person(u, P2, "Amir Brennan", "2010-05-06", "looked-after", "ffion@example.org", "North") ||
	    ut_person(u, P3, "Kai Nguyễn", "2012-07-08", "child-in-need", "grace@example.org", "South"))
		return -1;
	*state = u;
	return 0;
}

static int teardown(void **state)
{
	ut_ws_free(*state);
	return 0;
}

static const char *row_id(const struct cb_caseload *cl, size_t i)
{
	return cl->rows[cl->view[i]].id;
}

static void scopes(void **state)
{
	struct ut_ws *u = *state;
	struct cb_caseload cl = { 0 };
	assert_int_equal(cb_caseload_load(&cl, &u->ws, CB_SCOPE_MINE), 0);
	assert_int_equal(cl.nview, 1);
	assert_string_equal(row_id(&cl, 0), P1);
	assert_int_equal(cl.rows[0].age, 18);
	/* A care leaver with no pathway plan and no PA: something is due. */
	assert_true(cl.rows[0].due.has);
	assert_int_equal(cb_caseload_load(&cl, &u->ws, CB_SCOPE_TEAM), 0);
	assert_string_equal(cl.team, "North");
	assert_int_equal(cl.nview, 2);
	assert_int_equal(cb_caseload_load(&cl, &u->ws, CB_SCOPE_ALL), 0);
	assert_int_equal(cl.nview, 3);
	cb_caseload_free(&cl);
}

static void sorting(void **state)
{
	struct ut_ws *u = *state;
	struct cb_caseload cl = { 0 };
	assert_int_equal(cb_caseload_load(&cl, &u->ws, CB_SCOPE_ALL), 0);
	/* By name at first. */
	assert_string_equal(row_id(&cl, 0), P2);
	assert_string_equal(row_id(&cl, 2), P1);
	cb_caseload_sort(&cl, CB_COL_AGE, 0);
	assert_string_equal(row_id(&cl, 0), P3); /* youngest */
	cb_caseload_sort(&cl, CB_COL_AGE, 1);
	assert_string_equal(row_id(&cl, 0), P1);
	cb_caseload_sort(&cl, CB_COL_STATUS, 0);
	assert_string_equal(row_id(&cl, 0), P1); /* care-leaver */
	cb_caseload_sort(&cl, CB_COL_DUE, 0);
	assert_true(cl.rows[cl.view[0]].due.has);
	/* The sort is kept across a reload. */
	assert_int_equal(cb_caseload_load(&cl, &u->ws, CB_SCOPE_ALL), 0);
	assert_int_equal(cl.sort, CB_COL_DUE);
	assert_int_equal(cb_caseload_find(&cl, P3) >= 0, 1);
	assert_int_equal(cb_caseload_find(&cl, "NOSUCHID00"), -1);
	cb_caseload_free(&cl);
}

static void filtering(void **state)
{
	struct ut_ws *u = *state;
	struct cb_caseload cl = { 0 };
	assert_int_equal(cb_caseload_load(&cl, &u->ws, CB_SCOPE_ALL), 0);
	assert_int_equal(cb_caseload_filter(&cl, &u->ws.index, "zo"), 0);
	assert_int_equal(cl.nview, 1);
	assert_string_equal(cl.filter, "zo");
	assert_int_equal(cb_caseload_filter(&cl, &u->ws.index, "7QK2"), 0);
	assert_int_equal(cl.nview, 2);
	assert_int_equal(cb_caseload_filter(&cl, &u->ws.index, "nobody"), 0);
	assert_int_equal(cl.nview, 0);
	assert_int_equal(cb_caseload_filter(&cl, &u->ws.index, ""), 0);
	assert_int_equal(cl.nview, 3);
	assert_null(cl.filter);
	/* The filter only narrows the scope shown. */
	assert_int_equal(cb_caseload_load(&cl, &u->ws, CB_SCOPE_MINE), 0);
	assert_int_equal(cb_caseload_filter(&cl, &u->ws.index, "kai"), 0);
	assert_int_equal(cl.nview, 0);
	cb_caseload_free(&cl);
}

static void flags_and_unsynced(void **state)
{
	struct ut_ws *u = *state;
	struct cb_unsynced us;
	/* No remote-tracking branch: nothing to compare with. */
	assert_int_equal(cb_unsynced_scan(&u->ws.store, 0, &us), 0);
	assert_false(us.known);
	cb_unsynced_free(&us);

	/* Pretend the remote has everything but the next two saves. */
	git_oid tip;
	cb_ws_tip(&u->ws, &tip);
	git_reference *ref = NULL;
	assert_int_equal(git_reference_create(&ref, u->ws.store.repo, "refs/remotes/origin/main",
					      &tip, 1, "test"), 0);
	git_reference_free(ref);
	assert_int_equal(ut_person(u, P1, "Zoë Ådahl-Smith", "2008-03-01", "care-leaver",
				   "sam.patel@example.org", "North"), 0);
	assert_int_equal(ut_person(u, P1, "Zoë Ådahl", "2008-03-01", "care-leaver",
				   "sam.patel@example.org", "North"), 0);
	assert_int_equal(cb_unsynced_scan(&u->ws.store, 0, &us), 0);
	assert_true(us.known);
	assert_int_equal(us.total, 2);
	assert_int_equal(cb_unsynced_for(&us, P1), 2);
	assert_int_equal(cb_unsynced_for(&us, P2), 0);
	cb_unsynced_free(&us);

	struct cb_caseload cl = { 0 };
	assert_int_equal(cb_caseload_load(&cl, &u->ws, CB_SCOPE_MINE), 0);
	char flags[96];
	cb_caseload_flags(&cl.rows[0], flags, sizeof flags);
	assert_non_null(strstr(flags, "2 unsynced"));
	assert_int_equal(cl.rows[0].conflicts, 0);
	struct cb_cl_row r = cl.rows[0];
	r.due.overdue = 1;
	r.conflicts = 1;
	cb_caseload_flags(&r, flags, sizeof flags);
	assert_string_equal(flags, "overdue 2 unsynced conflict");
	cb_caseload_flags(&r, flags, 8);
	assert_string_equal(flags, "overdue");
	cb_caseload_free(&cl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(scopes, setup, teardown),
		cmocka_unit_test_setup_teardown(sorting, setup, teardown),
		cmocka_unit_test_setup_teardown(filtering, setup, teardown),
		cmocka_unit_test_setup_teardown(flags_and_unsynced, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
