/* test_resolve.c - saving a record's resolved merge conflicts
 * (src/resolve.c): one commit in the practitioner's name with the markers
 * gone; made again on a tip a sync moved when the record is unchanged
 * there; refused when the record itself changed meanwhile. All names are
 * invented. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "merge.h"
#include "resolve.h"
#include "store.h"
#include "repo_fixture.h"

#define PID "7QK2M9XD4T"
#define OTHER "8RL3N0YE5V"
#define PATH "people/7/Q/" PID "/person"

static const char clashing[] =
	"Record: person\nId: " PID "\nSchema: 1\nName: Amira Testcase-Smith\n"
	"Date-Of-Birth: 2012-05-17\n"
	"Conflict: Name\nConflict-Name-1: Amira Testcase-Jones\n"
	"Conflict-Name-2: Amira Testcase-Smith\n";

static int setup(void **state)
{
	return tu_ws_open(state, "resolve");
}

static int teardown(void **state)
{
	return tu_ws_close(state);
}

/* Commits one file as someone else (a colleague's save, or a merge). */
static void put(struct tu_ws *f, const char *path, const char *text, git_oid *out)
{
	struct cb_write w = { path, text, strlen(text) };
	struct cb_commit_info ci = { "Jo Okafor", "jo.okafor@example.org", 1700000000, 0,
				     "A colleague's save\n" };
	int made = 0;
	assert_int_equal(cb_store_commit(&f->ws.store, &w, 1, &ci, NULL, out, &made), 0);
	assert_int_equal(made, 1);
}

static char *text_at_tip(struct tu_ws *f, const char *path)
{
	char *buf = NULL;
	size_t len;
	if (cb_store_read(&f->ws.store, NULL, path, &buf, &len))
		return NULL;
	return buf;
}

/* Takes the first alternative of the header's Name. */
static void take_first(struct cb_resolve *r)
{
	assert_int_equal(cb_record_conflicts(&r->doc, NULL, NULL), 1);
	assert_int_equal(cb_conflict_resolve(&r->doc, r->type, 0, "Name", 0, NULL), 0);
	assert_int_equal(cb_record_conflicts(&r->doc, NULL, NULL), 0);
	r->changed = 1; /* as the resolve screen marks a choice */
}

static void test_one_commit_markers_gone(void **state)
{
	struct tu_ws *f = *state;
	git_oid before, after;
	put(f, PATH, clashing, &before);
	struct cb_resolve r;
	assert_int_equal(cb_resolve_open(&f->ws, PATH, &r), 0);
	take_first(&r);
	assert_int_equal(cb_resolve_save(&f->ws, &r), 0);
	cb_resolve_free(&r);

	assert_int_equal(cb_store_head(&f->ws.store, &after), 0);
	git_commit *c = NULL;
	assert_int_equal(git_commit_lookup(&c, f->ws.store.repo, &after), 0);
	assert_int_equal(git_commit_parentcount(c), 1);
	assert_true(git_oid_equal(git_commit_parent_id(c, 0), &before));
	assert_string_equal(git_commit_author(c)->name, TU_AUTHOR_NAME);
	assert_string_equal(git_commit_summary(c), "Resolve merge conflicts");
	git_commit_free(c);

	char *text = text_at_tip(f, PATH);
	assert_non_null(text);
	assert_non_null(strstr(text, "Name: Amira Testcase-Jones\n"));
	assert_null(strstr(text, "Conflict"));
	free(text);
}

static void test_saved_again_on_a_moved_tip(void **state)
{
	struct tu_ws *f = *state;
	git_oid first, moved, after;
	put(f, PATH, clashing, &first);
	struct cb_resolve r;
	assert_int_equal(cb_resolve_open(&f->ws, PATH, &r), 0);
	take_first(&r);
	/* A sync lands meanwhile with someone else's record. */
	put(f, "people/8/R/" OTHER "/person",
	    "Record: person\nId: " OTHER "\nSchema: 1\nName: Tobias Example\n", &moved);
	assert_int_equal(cb_resolve_save(&f->ws, &r), 0);
	cb_resolve_free(&r);
	assert_int_equal(cb_store_head(&f->ws.store, &after), 0);
	git_commit *c = NULL;
	assert_int_equal(git_commit_lookup(&c, f->ws.store.repo, &after), 0);
	assert_true(git_oid_equal(git_commit_parent_id(c, 0), &moved));
	git_commit_free(c);
	char *text = text_at_tip(f, PATH);
	assert_non_null(text);
	assert_null(strstr(text, "Conflict"));
	free(text);
	text = text_at_tip(f, "people/8/R/" OTHER "/person");
	assert_non_null(text); /* the other save is kept */
	free(text);
}

static void test_refused_when_the_record_moved(void **state)
{
	struct tu_ws *f = *state;
	git_oid first, moved, after;
	put(f, PATH, clashing, &first);
	struct cb_resolve r;
	assert_int_equal(cb_resolve_open(&f->ws, PATH, &r), 0);
	take_first(&r);
	/* Someone resolved it differently meanwhile. */
	put(f, PATH, "Record: person\nId: " PID "\nSchema: 1\nName: Amira Testcase-Smith\n"
	    "Date-Of-Birth: 2012-05-17\n", &moved);
	assert_int_equal(cb_resolve_save(&f->ws, &r), CB_ECONFLICT);
	assert_true(r.changed); /* the choices are still there to save again */
	cb_resolve_free(&r);
	assert_int_equal(cb_store_head(&f->ws.store, &after), 0);
	assert_true(git_oid_equal(&after, &moved));
}

static void test_kept_copy_is_not_a_record(void **state)
{
	struct tu_ws *f = *state;
	struct cb_resolve r;
	assert_int_equal(cb_resolve_open(&f->ws, PATH ".conflict-0123456789ab", &r), CB_ENOTFOUND);
}

int main(void)
{
	git_libgit2_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_one_commit_markers_gone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_saved_again_on_a_moved_tip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_when_the_record_moved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kept_copy_is_not_a_record, setup, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return rc;
}
