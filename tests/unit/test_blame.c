/* test_blame.c - blame and as-at over a real workspace: several saves by
 * different practitioners at different times, a record deleted and made
 * again, and a merge built with libgit2 where each side changed a
 * different field and the merge resolved a third by hand. Also: blame at
 * an older commit, and the version of a record in force at a time. */
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

#include "asat.h"
#include "blame.h"
#include "err.h"
#include "record.h"
#include "schema.h"
#include "store.h"
#include "testutil.h"
#include "version.h"
#include "workspace.h"

#define PID "7QK2M9XD4T"
#define T0 1717200000 /* 2024-06-01T00:00:00Z */
#define DAY 86400

#define SAM "Sam Patel <sam.patel@example.org>"
#define ALEX "Alex Mensah <alex.mensah@example.org>"
#define JO "Jo Byrne <jo.byrne@example.org>"

struct fixture {
	char *tmp;
	struct cb_ws ws;
	const struct cb_record_type *t;
	git_oid c[8]; /* commits, in the order made */
};

static const char v1[] =
	"Record: chronology\nPerson: " PID "\nSchema: 1\n\n"
	"Id: E1\nDate: 2024-05-30\nCategory: health\nSignificance: medium\n"
	"Event: Missed her dental appointment.\n";
/* Alex: E1's Event reworded, E2 added. */
static const char v2[] =
	"Record: chronology\nPerson: " PID "\nSchema: 1\n\n"
	"Id: E1\nDate: 2024-05-30\nCategory: health\nSignificance: medium\n"
	"Event: Missed her dental appointment; carer unwell.\n\n"
	"Id: E2\nDate: 2024-06-01\nCategory: education\nSignificance: low\n"
	"Event: Joined the college football team.\n";
/* Sam: E2's significance raised. */
static const char v3[] =
	"Record: chronology\nPerson: " PID "\nSchema: 1\n\n"
	"Id: E1\nDate: 2024-05-30\nCategory: health\nSignificance: medium\n"
	"Event: Missed her dental appointment; carer unwell.\n\n"
	"Id: E2\nDate: 2024-06-01\nCategory: positive\nSignificance: medium\n"
	"Event: Joined the college football team.\n";

static void set_author(struct cb_ws *ws, const char *who)
{
	/* The workspace remembers who saves; forget it to switch. */
	setenv("CASEBOOK_AUTHOR", who, 1);
	free(ws->user_name);
	free(ws->user_email);
	ws->user_name = ws->user_email = NULL;
}

static void save(struct fixture *f, const char *who, const char *text, int64_t when,
		 git_oid *out)
{
	struct cb_doc d;
	struct cb_parse_error err;
	if (text && cb_record_parse(&d, text, strlen(text), "chronology", NULL, &err))
		fail_msg("parse: %s", err.msg);
	set_author(&f->ws, who);
	struct cb_save sv = { PID, f->t, text ? &d : NULL };
	int made = 0;
	if (cb_ws_save(&f->ws, &sv, 1, "test save", NULL, when, out, &made))
		fail_msg("save: %s", cb_err_msg());
	assert_int_equal(made, 1);
	if (text)
		cb_doc_free(&d);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f || !(f->tmp = tu_mkdtemp("blame")))
		return -1;
	char *dir = tu_path(f->tmp, "ws");
	if (cb_ws_init(dir, NULL, SAM) || cb_ws_open(&f->ws, dir)) {
		fprintf(stderr, "setup: %s\n", cb_err_msg());
		free(dir);
		return -1;
	}
	free(dir);
	f->t = cb_record_type_find("chronology");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	cb_ws_close(&f->ws);
	tu_rmrf(f->tmp);
	free(f->tmp);
	free(f);
	return 0;
}

static const struct cb_blame_stanza *stanza(const struct cb_blame *b, const char *id)
{
	for (size_t i = 0; i < b->nstanzas; i++)
		if ((id == NULL && b->stanzas[i].id == NULL) ||
		    (id && b->stanzas[i].id && strcmp(b->stanzas[i].id, id) == 0))
			return &b->stanzas[i];
	fail_msg("no stanza %s", id ? id : "(header)");
	return NULL;
}

static const struct cb_blame_origin *who(const struct cb_blame *b, const char *id,
					 const char *field)
{
	const struct cb_blame_stanza *s = stanza(b, id);
	for (size_t i = 0; i < s->nfields; i++)
		if (strcmp(s->fields[i].name, field) == 0)
			return s->fields[i].origin;
	fail_msg("no field %s in %s", field, id ? id : "(header)");
	return NULL;
}

static void assert_commit(const struct cb_blame_origin *o, const git_oid *c)
{
	assert_string_equal(o->commit, git_oid_tostr_s(c));
}

static void three_saves(struct fixture *f)
{
	save(f, SAM, v1, T0, &f->c[0]);
	save(f, ALEX, v2, T0 + DAY, &f->c[1]);
	save(f, SAM, v3, T0 + 2 * DAY, &f->c[2]);
}

static void test_linear(void **state)
{
	struct fixture *f = *state;
	three_saves(f);
	struct cb_blame b;
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, NULL, &b), 0);
	assert_int_equal(b.versions, 3);
	assert_int_equal(b.nstanzas, 3);
	assert_commit(who(&b, NULL, "Person"), &f->c[0]);
	assert_commit(who(&b, "E1", "Date"), &f->c[0]);
	assert_commit(who(&b, "E1", "Event"), &f->c[1]);
	assert_string_equal(who(&b, "E1", "Event")->author_email, "alex.mensah@example.org");
	assert_int_equal(who(&b, "E1", "Event")->time, T0 + DAY);
	assert_commit(stanza(&b, "E1")->added, &f->c[0]);
	assert_commit(stanza(&b, "E2")->added, &f->c[1]);
	assert_commit(who(&b, "E2", "Event"), &f->c[1]);
	assert_commit(who(&b, "E2", "Category"), &f->c[2]);
	assert_commit(who(&b, "E2", "Significance"), &f->c[2]);
	assert_string_equal(who(&b, "E2", "Significance")->author_name, "Sam Patel");
	assert_string_equal(stanza(&b, "E2")->label, "Chronology entry 2024-06-01");
	cb_blame_free(&b);

	/* As it was at the second save. */
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, &f->c[1], &b), 0);
	assert_commit(who(&b, "E2", "Significance"), &f->c[1]);
	assert_string_equal(stanza(&b, "E2")->fields[3].value, "low");
	cb_blame_free(&b);

	/* What the second save did, for a history screen. */
	struct cb_recdiff d;
	assert_int_equal(cb_version_diff_at(f->ws.store.repo, f->t, PID, &f->c[1], &d), 0);
	assert_int_equal(d.change, CB_RD_CHANGED);
	assert_int_equal(d.nstanzas, 2);
	assert_string_equal(d.stanzas[0].id, "E1");
	assert_string_equal(d.stanzas[0].fields[0].name, "Event");
	assert_string_equal(d.stanzas[1].id, "E2");
	assert_int_equal(d.stanzas[1].change, CB_RD_ADDED);
	cb_recdiff_free(&d);
	assert_int_equal(cb_version_diff_at(f->ws.store.repo, f->t, PID, &f->c[0], &d), 0);
	assert_int_equal(d.change, CB_RD_ADDED);
	cb_recdiff_free(&d);

	/* Another person has no such record. */
	assert_int_equal(cb_blame_record(&f->ws, "8ZZ0A1B2C3", f->t, NULL, &b), CB_ENOTFOUND);
}

static void test_deleted_and_recreated(void **state)
{
	struct fixture *f = *state;
	three_saves(f);
	save(f, ALEX, NULL, T0 + 3 * DAY, &f->c[3]);
	struct cb_blame b;
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, NULL, &b), CB_ENOTFOUND);
	assert_non_null(strstr(cb_err_msg(), "no chronology record"));
	/* Made again with the very text it had: the new record starts
	 * afresh, so all of it belongs to the save that re-created it. */
	save(f, JO, v3, T0 + 4 * DAY, &f->c[4]);
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, NULL, &b), 0);
	assert_int_equal(b.versions, 5);
	for (size_t i = 0; i < b.nstanzas; i++) {
		assert_commit(b.stanzas[i].added, &f->c[4]);
		for (size_t k = 0; k < b.stanzas[i].nfields; k++)
			assert_commit(b.stanzas[i].fields[k].origin, &f->c[4]);
	}
	cb_blame_free(&b);
}

/* Makes a commit with the given parents whose record is text, without
 * moving any branch (a side branch, or a merge before it is published). */
static void raw_commit(struct fixture *f, const git_oid *parents, size_t np,
		       const char *name, const char *email, int64_t when,
		       const char *text, git_oid *out)
{
	git_repository *repo = f->ws.store.repo;
	git_commit *pc[2] = { NULL, NULL };
	git_tree *base = NULL, *tree = NULL;
	git_signature *sig = NULL;
	git_oid blob, tree_id;
	char path[128];
	assert_int_equal(cb_record_path(path, sizeof path, PID, "chronology"), 0);
	for (size_t i = 0; i < np; i++)
		assert_int_equal(git_commit_lookup(&pc[i], repo, &parents[i]), 0);
	assert_int_equal(git_commit_tree(&base, pc[0]), 0);
	assert_int_equal(git_blob_create_from_buffer(&blob, repo, text, strlen(text)), 0);
	git_tree_update up = { GIT_TREE_UPDATE_UPSERT, blob, GIT_FILEMODE_BLOB, path };
	assert_int_equal(git_tree_create_updated(&tree_id, repo, base, 1, &up), 0);
	assert_int_equal(git_tree_lookup(&tree, repo, &tree_id), 0);
	assert_int_equal(git_signature_new(&sig, name, email, when, 0), 0);
	char msg[256];
	snprintf(msg, sizeof msg, "Side save\n\nRecord: %s/chronology\n", PID);
	assert_int_equal(git_commit_create(out, repo, NULL, sig, sig, NULL, msg, tree, np,
					   (const git_commit **)pc), 0);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	for (size_t i = 0; i < np; i++)
		git_commit_free(pc[i]);
}

/* From v3: main adds an Impact to E1 (Sam), a side branch adds a Source to
 * E2 (Priya), both change E1's Action, and the merge (Jo) keeps both
 * additions and writes E1's Action anew. */
static const char main_v[] =
	"Record: chronology\nPerson: " PID "\nSchema: 1\n\n"
	"Id: E1\nDate: 2024-05-30\nCategory: health\nSignificance: medium\n"
	"Event: Missed her dental appointment; carer unwell.\n"
	"Impact: Toothache at school.\nAction: Rebook for next week.\n\n"
	"Id: E2\nDate: 2024-06-01\nCategory: positive\nSignificance: medium\n"
	"Event: Joined the college football team.\n";
static const char side_v[] =
	"Record: chronology\nPerson: " PID "\nSchema: 1\n\n"
	"Id: E1\nDate: 2024-05-30\nCategory: health\nSignificance: medium\n"
	"Event: Missed her dental appointment; carer unwell.\n"
	"Action: Carer to rebook.\n\n"
	"Id: E2\nDate: 2024-06-01\nCategory: positive\nSignificance: medium\n"
	"Source: Coach\nEvent: Joined the college football team.\n";
static const char merged_v[] =
	"Record: chronology\nPerson: " PID "\nSchema: 1\n\n"
	"Id: E1\nDate: 2024-05-30\nCategory: health\nSignificance: medium\n"
	"Event: Missed her dental appointment; carer unwell.\n"
	"Impact: Toothache at school.\nAction: Worker to rebook with the carer.\n\n"
	"Id: E2\nDate: 2024-06-01\nCategory: positive\nSignificance: medium\n"
	"Source: Coach\nEvent: Joined the college football team.\n";

static void test_merge(void **state)
{
	struct fixture *f = *state;
	three_saves(f);
	git_oid side, merge;
	/* The side commit is older than main's: the index applies it first,
	 * so attribution cannot lean on the order rows were written. */
	raw_commit(f, &f->c[2], 1, "Priya Shah", "priya.shah@example.org", T0 + 3 * DAY,
		   side_v, &side);
	save(f, SAM, main_v, T0 + 4 * DAY, &f->c[3]);
	git_oid parents[2] = { f->c[3], side };
	raw_commit(f, parents, 2, "Jo Byrne", "jo.byrne@example.org", T0 + 5 * DAY,
		   merged_v, &merge);
	git_reference *ref = NULL;
	assert_int_equal(git_reference_create(&ref, f->ws.store.repo, CB_BRANCH, &merge, 1,
					      "test merge"), 0);
	git_reference_free(ref);
	assert_int_equal(cb_index_catch_up(&f->ws.index, &f->ws.store), 0);

	struct cb_blame b;
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, NULL, &b), 0);
	assert_int_equal(b.versions, 6); /* three saves, side, main, merge */
	assert_commit(who(&b, "E1", "Impact"), &f->c[3]);   /* from main */
	assert_commit(who(&b, "E2", "Source"), &side);      /* from the side */
	assert_string_equal(who(&b, "E2", "Source")->author_name, "Priya Shah");
	assert_commit(who(&b, "E1", "Action"), &merge);     /* resolved by hand */
	assert_commit(who(&b, "E1", "Event"), &f->c[1]);    /* older than both */
	assert_commit(who(&b, "E2", "Significance"), &f->c[2]);
	assert_commit(stanza(&b, "E2")->added, &f->c[1]);
	cb_blame_free(&b);
}

static void test_as_at(void **state)
{
	struct fixture *f = *state;
	three_saves(f);
	struct cb_doc d;
	struct cb_asat a;
	/* Between the second and third saves: E2 still low. */
	assert_int_equal(cb_asat_read(&f->ws, PID, f->t, T0 + DAY + 3600, &d, &a), 0);
	assert_string_equal(a.commit, git_oid_tostr_s(&f->c[1]));
	assert_string_equal(a.author_email, "alex.mensah@example.org");
	assert_int_equal(d.nstanzas, 3);
	assert_string_equal(cb_stanza_get(&d.stanzas[2], "Significance"), "low");
	cb_doc_free(&d);
	/* Exactly at a save's time: that save counts. */
	assert_int_equal(cb_asat_read(&f->ws, PID, f->t, T0 + 2 * DAY, &d, &a), 0);
	assert_string_equal(a.commit, git_oid_tostr_s(&f->c[2]));
	cb_doc_free(&d);
	/* Before the first save: a clear refusal naming when it began. */
	assert_int_equal(cb_asat_read(&f->ws, PID, f->t, T0 - 1, &d, &a), CB_ENOTFOUND);
	assert_non_null(strstr(cb_err_msg(), "first saved"));
	/* After deletion: refused, saying so. */
	save(f, ALEX, NULL, T0 + 3 * DAY, &f->c[3]);
	assert_int_equal(cb_asat_read(&f->ws, PID, f->t, T0 + 3 * DAY + 1, &d, &a), CB_ENOTFOUND);
	assert_non_null(strstr(cb_err_msg(), "deleted"));
	assert_int_equal(a.deleted, 1);
}

int main(void)
{
	tu_env(SAM, "2024-06-10");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_linear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_and_recreated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_as_at, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
