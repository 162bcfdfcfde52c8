/* test_blame.c - blame and as-at over a real workspace: several saves by
 * different practitioners at different times, a record deleted and made
 * again, and a merge built with libgit2 where each side changed a
 * different field and the merge resolved a third by hand. Also: blame at
 * an older commit, and the version of a record in force at a time.
 *
 * Blame answers from the index's rows where it can (blame_walk.c) and
 * replays every version where it cannot (blame_replay.c): every case here
 * is also blamed by replaying alone, at every commit, and the two answers
 * must be the same field for field; the cases the walk must not answer
 * alone (versions edited by hand: one that does not parse, one of another
 * type, one with its header last, one with an Id twice, one where only the
 * case of a field name changed) are among them. */
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
#include "blame_int.h"
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
	memset(&blob, 0, sizeof blob);
	if (text)
		assert_int_equal(git_blob_create_from_buffer(&blob, repo, text, strlen(text)), 0);
	git_tree_update up = { text ? GIT_TREE_UPDATE_UPSERT : GIT_TREE_UPDATE_REMOVE, blob,
			       GIT_FILEMODE_BLOB, path };
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

/* A commit made with plain git on top of main (text NULL: the record
 * deleted), main moved to it and the index caught up: a version casebook
 * did not write. */
static void hand_edit(struct fixture *f, const char *name, const char *email, int64_t when,
		      const char *text, git_oid *out)
{
	git_oid tip;
	cb_ws_tip(&f->ws, &tip);
	raw_commit(f, &tip, 1, name, email, when, text, out);
	git_reference *ref = NULL;
	assert_int_equal(git_reference_create(&ref, f->ws.store.repo, CB_BRANCH, out, 1,
					      "test hand edit"), 0);
	git_reference_free(ref);
	assert_int_equal(cb_index_catch_up(&f->ws.index, &f->ws.store), 0);
}

/* Blames at commit at (NULL: the tip) from the index's rows and by
 * replaying every version; the answers must be the same. Returns how many
 * versions the first read (0 when both refused, alike). */
static size_t blame_both(struct fixture *f, const git_oid *at)
{

	struct cb_blame a, b;
	int ra = blame_record(&f->ws, PID, f->t, at, 0, &a);
	char ea[512];
	snprintf(ea, sizeof ea, "%s", ra ? cb_err_msg() : "");
	int rb = blame_record(&f->ws, PID, f->t, at, 1, &b);
	assert_int_equal(ra, rb);
	if (ra) {
		assert_string_equal(ea, cb_err_msg());
		return 0;
	}
	assert_int_equal(a.versions, b.versions);
	assert_int_equal(a.nstanzas, b.nstanzas);
	for (size_t i = 0; i < a.nstanzas; i++) {
		const struct cb_blame_stanza *x = &a.stanzas[i], *y = &b.stanzas[i];
		assert_string_equal(x->id ? x->id : "", y->id ? y->id : "");
		assert_string_equal(x->label, y->label);
		assert_string_equal(x->added->commit, y->added->commit);
		assert_int_equal(x->nfields, y->nfields);
		for (size_t k = 0; k < x->nfields; k++) {
			assert_string_equal(x->fields[k].name, y->fields[k].name);
			assert_string_equal(x->fields[k].value, y->fields[k].value);
			if (strcmp(x->fields[k].origin->commit, y->fields[k].origin->commit) != 0)
				fail_msg("%s %s: %.10s from the rows, %.10s replayed",
					 x->id ? x->id : "header", x->fields[k].name,
					 x->fields[k].origin->commit, y->fields[k].origin->commit);
		}
	}
	size_t reads = a.read;
	assert_true(b.read >= b.versions / 2);
	cb_blame_free(&a);
	cb_blame_free(&b);
	return reads;
}

/* blame_both at the tip and at each of the n commits. */
static void blame_both_everywhere(struct fixture *f, const git_oid *c, size_t n)
{
	blame_both(f, NULL);
	for (size_t i = 0; i < n; i++)
		blame_both(f, &c[i]);
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

struct row_fields {
	char commit[GIT_OID_HEXSZ + 1];
	char fields[256];
	int found;
};

static int merge_row(const struct cb_history_row *r, void *ctx)
{
	struct row_fields *rf = ctx;
	if (strcmp(r->commit, rf->commit) == 0) {
		snprintf(rf->fields, sizeof rf->fields, "%s", r->fields ? r->fields : "");
		rf->found = 1;
	}
	return 0;
}

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

	/* The merge's own history row names what it made itself: E1's Action
	 * differs from both parents; E2's Source came from the side and E1's
	 * Impact from main. */
	struct row_fields rf = { .found = 0 };
	git_oid_tostr(rf.commit, sizeof rf.commit, &merge);
	assert_int_equal(cb_index_history(&f->ws.index, PID, "chronology", 0, merge_row, &rf), 0);
	assert_true(rf.found);
	assert_string_equal(rf.fields, "E1:Action");

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
	/* The merge is settled by reading it and its parents' versions;
	 * what lies behind them comes from the rows. */
	size_t reads = blame_both(f, NULL);
	assert_true(reads > 1);
	assert_true(reads < b.versions);
	cb_blame_free(&b);
	git_oid all[6] = { f->c[0], f->c[1], f->c[2], side, f->c[3], merge };
	blame_both_everywhere(f, all, 6);
}

/* A record of n entries: E1 with the given Significance and Event, then
 * E2 .. En appended one per save. */
static void entries(char *buf, size_t size, size_t n, const char *sig, const char *event,
		    const char *impact)
{
	int k = snprintf(buf, size,
			 "Record: chronology\nPerson: " PID "\nSchema: 1\n\n"
			 "Id: E1\nDate: 2024-05-30\nCategory: health\nSignificance: %s\n"
			 "Event: %s\n%s%s%s",
			 sig, event, impact ? "Impact: " : "", impact ? impact : "", impact ? "\n" : "");
	for (size_t i = 2; i <= n && k > 0 && (size_t)k < size; i++)
		k += snprintf(buf + k, size - (size_t)k,
			      "\nId: E%zu\nDate: 2024-06-%02zu\nCategory: education\n"
			      "Significance: low\nEvent: Entry %zu.\n", i, i, i);
}

/* An entry changed long ago and not since, while every later save only
 * appended: the walk reads the version blamed and nothing else. */
static void test_old_change_then_appends(void **state)
{
	struct fixture *f = *state;
	char text[4096];
	const char *authors[] = { SAM, ALEX, JO };
	entries(text, sizeof text, 1, "medium", "Missed her dental appointment.", NULL);
	save(f, SAM, text, T0, &f->c[0]);
	entries(text, sizeof text, 1, "medium", "Missed her dental appointment; carer unwell.",
		NULL);
	save(f, ALEX, text, T0 + DAY, &f->c[1]);
	for (size_t n = 2; n <= 7; n++) {
		entries(text, sizeof text, n, "medium",
			"Missed her dental appointment; carer unwell.", NULL);
		save(f, authors[n % 3], text, T0 + (int64_t)n * DAY, &f->c[n]);
	}
	struct cb_blame b;
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, NULL, &b), 0);
	assert_int_equal(b.versions, 8);
	assert_int_equal(b.read, 1);
	assert_commit(who(&b, "E1", "Event"), &f->c[1]);
	assert_commit(who(&b, "E1", "Date"), &f->c[0]);
	assert_commit(stanza(&b, "E1")->added, &f->c[0]);
	assert_commit(who(&b, NULL, "Person"), &f->c[0]);
	for (size_t n = 2; n <= 7; n++) {
		char id[8];
		snprintf(id, sizeof id, "E%zu", n);
		assert_commit(stanza(&b, id)->added, &f->c[n]);
		assert_commit(who(&b, id, "Event"), &f->c[n]);
	}
	cb_blame_free(&b);
	assert_int_equal(blame_both(f, NULL), 1);
	blame_both_everywhere(f, f->c, 8);
}

/* A field changed and changed back belongs to the save that changed it
 * back; one removed and added again with its old value, to the save that
 * added it again. */
static void test_changed_back(void **state)
{
	struct fixture *f = *state;
	char text[4096];
	const char *ev = "Missed her dental appointment.";
	entries(text, sizeof text, 1, "medium", ev, "Toothache.");
	save(f, SAM, text, T0, &f->c[0]);
	entries(text, sizeof text, 1, "high", ev, NULL);
	save(f, ALEX, text, T0 + DAY, &f->c[1]);
	entries(text, sizeof text, 1, "medium", ev, NULL);
	save(f, JO, text, T0 + 2 * DAY, &f->c[2]);
	entries(text, sizeof text, 2, "medium", ev, "Toothache.");
	save(f, ALEX, text, T0 + 3 * DAY, &f->c[3]);
	entries(text, sizeof text, 3, "medium", ev, "Toothache.");
	save(f, SAM, text, T0 + 4 * DAY, &f->c[4]);
	struct cb_blame b;
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, NULL, &b), 0);
	assert_commit(who(&b, "E1", "Significance"), &f->c[2]);
	assert_commit(who(&b, "E1", "Impact"), &f->c[3]);
	assert_commit(who(&b, "E1", "Event"), &f->c[0]);
	assert_int_equal(b.read, 1);
	cb_blame_free(&b);
	blame_both_everywhere(f, f->c, 5);
}

static void test_deleted_made_again_agrees(void **state)
{
	struct fixture *f = *state;
	three_saves(f);
	save(f, ALEX, NULL, T0 + 3 * DAY, &f->c[3]);
	save(f, JO, v3, T0 + 4 * DAY, &f->c[4]);
	save(f, SAM, v2, T0 + 5 * DAY, &f->c[5]);
	struct cb_blame b;
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, NULL, &b), 0);
	/* v2 is v3 with E2 as it was: changed by Sam now, E1 as re-made. */
	assert_commit(who(&b, "E2", "Significance"), &f->c[5]);
	assert_commit(who(&b, "E1", "Event"), &f->c[4]);
	assert_commit(stanza(&b, "E2")->added, &f->c[4]);
	cb_blame_free(&b);
	blame_both_everywhere(f, f->c, 6);
}

#define PRIYA "Priya Shah", "priya.shah@example.org"

/* Versions edited by hand between casebook's saves: blame from the rows
 * must still say what replaying every version says. */
static void test_hand_edits(void **state)
{
	struct fixture *f = *state;
	git_oid c[16];
	size_t n = 0;
	int64_t t = T0;
	save(f, SAM, v1, t += DAY, &c[n++]);
	/* Does not parse (a line without a colon): breaks the chain. */
	hand_edit(f, PRIYA, t += DAY, "Record: chronology\nPerson: " PID "\nSchema: 1\n\n"
		  "Id: E1\nthis line has no colon\n", &c[n++]);
	/* (casebook will not save over a damaged version: mended by hand.) */
	hand_edit(f, "Alex Mensah", "alex.mensah@example.org", t += DAY, v2, &c[n++]);
	/* Another record type's header: no version of this record. */
	hand_edit(f, PRIYA, t += DAY, "Record: person\nPerson: " PID "\nSchema: 1\n\n"
		  "Id: E1\nDate: 2024-05-30\nCategory: health\nSignificance: medium\n"
		  "Event: Missed her dental appointment; carer unwell.\n", &c[n++]);
	hand_edit(f, "Sam Patel", "sam.patel@example.org", t += DAY, v2, &c[n++]);
	save(f, JO, v3, t += DAY, &c[n++]);
	/* The header last, and E2's Event changed. */
	hand_edit(f, PRIYA, t += DAY,
		  "Id: E1\nDate: 2024-05-30\nCategory: health\nSignificance: medium\n"
		  "Event: Missed her dental appointment; carer unwell.\n\n"
		  "Id: E2\nDate: 2024-06-01\nCategory: positive\nSignificance: medium\n"
		  "Event: Joined the college football team as goalkeeper.\n\n"
		  "Record: chronology\nPerson: " PID "\nSchema: 1\n", &c[n++]);
	/* Again, with E1's Event changed: the index takes E1 for the
	 * header of both versions. */
	hand_edit(f, PRIYA, t += DAY,
		  "Id: E1\nDate: 2024-05-30\nCategory: health\nSignificance: medium\n"
		  "Event: Missed her dental appointment again.\n\n"
		  "Id: E2\nDate: 2024-06-01\nCategory: positive\nSignificance: medium\n"
		  "Event: Joined the college football team as goalkeeper.\n\n"
		  "Record: chronology\nPerson: " PID "\nSchema: 1\n", &c[n++]);
	save(f, ALEX, main_v, t += DAY, &c[n++]);
	/* E2 twice. */
	hand_edit(f, PRIYA, t += DAY,
		  "Record: chronology\nPerson: " PID "\nSchema: 1\n\n"
		  "Id: E1\nDate: 2024-05-30\nCategory: health\nSignificance: medium\n"
		  "Event: Missed her dental appointment; carer unwell.\n"
		  "Impact: Toothache at school.\nAction: Rebook for next week.\n\n"
		  "Id: E2\nDate: 2024-06-01\nCategory: positive\nSignificance: medium\n"
		  "Event: Joined the college football team.\n\n"
		  "Id: E2\nDate: 2024-06-02\nCategory: positive\nSignificance: high\n"
		  "Event: Scored.\n", &c[n++]);
	save(f, JO, main_v, t += DAY, &c[n++]);
	/* Only the case of a field name: nothing changed, as the index sees
	 * it; then a save writes the name as the schema spells it. */
	hand_edit(f, PRIYA, t += DAY,
		  "Record: chronology\nPerson: " PID "\nSchema: 1\n\n"
		  "Id: E1\nDate: 2024-05-30\nCategory: health\nSignificance: medium\n"
		  "event: Missed her dental appointment; carer unwell.\n"
		  "Impact: Toothache at school.\nAction: Rebook for next week.\n\n"
		  "Id: E2\nDate: 2024-06-01\nCategory: positive\nSignificance: medium\n"
		  "Event: Joined the college football team.\n", &c[n++]);
	save(f, SAM, merged_v, t += DAY, &c[n++]);
	/* A comment and blank lines: no change at all. */
	char commented[2048];
	snprintf(commented, sizeof commented, "# checked by hand\n%s\n\n", merged_v);
	size_t commented_at = n;
	hand_edit(f, PRIYA, t += DAY, commented, &c[n++]);
	/* Deleted by hand, then made again. */
	hand_edit(f, PRIYA, t += DAY, NULL, &c[n++]);
	save(f, ALEX, merged_v, t += DAY, &c[n++]);
	save(f, JO, side_v, t += DAY, &c[n++]);
	blame_both_everywhere(f, c, n);

	struct cb_blame b;
	/* As it was after the comment was added (the same text as the save
	 * before it would be the record made again, whose every field is
	 * the re-making save's): the save that wrote "Event" again after
	 * the hand edit wrote "event" changed it, as replaying every version
	 * says; E1's Date goes back to the version mended after another
	 * record type's header. */
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, &c[commented_at], &b), 0);
	assert_commit(who(&b, "E1", "Event"), &c[commented_at - 1]);
	assert_commit(who(&b, "E1", "Date"), &c[4]);
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

/* v3 with E1's Event as given, by a field name as given; E2 twice when
 * twice is set; the header last when last is set. */
static void v3_edited(char *buf, size_t size, const char *event_name, const char *event,
		      const char *impact, int twice, int last)
{
	static const char header[] = "Record: chronology\nPerson: " PID "\nSchema: 1\n";
	snprintf(buf, size,
		 "%s%s"
		 "Id: E1\nDate: 2024-05-30\nCategory: health\nSignificance: medium\n"
		 "%s: %s\n%s%s%s\n"
		 "Id: E2\nDate: 2024-06-01\nCategory: positive\nSignificance: medium\n"
		 "Event: Joined the college football team.\n%s%s%s",
		 last ? "" : header, last ? "" : "\n", event_name, event,
		 impact ? "Impact: " : "", impact ? impact : "", impact ? "\n" : "",
		 twice ? "\nId: E2\nDate: 2024-06-02\nCategory: positive\n"
			 "Significance: high\nEvent: Scored.\n" : "",
		 last ? "\n" : "", last ? header : "");
}

#define UNWELL "Missed her dental appointment; carer unwell."

/* A hand edit changed only the case of a field name (the index names
 * nothing), and the next save wrote the schema's spelling again: the
 * replay gives the field to that save, and so must blame. */
static void test_case_of_a_name(void **state)
{
	struct fixture *f = *state;
	char text[2048];
	three_saves(f);
	v3_edited(text, sizeof text, "event", UNWELL, NULL, 0, 0);
	hand_edit(f, PRIYA, T0 + 3 * DAY, text, &f->c[3]);
	v3_edited(text, sizeof text, "Event", UNWELL, "Toothache at school.", 0, 0);
	save(f, JO, text, T0 + 4 * DAY, &f->c[4]);
	struct cb_blame b;
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, NULL, &b), 0);
	assert_commit(who(&b, "E1", "Event"), &f->c[4]);
	assert_commit(who(&b, "E1", "Date"), &f->c[0]);
	cb_blame_free(&b);
	blame_both_everywhere(f, f->c, 5);
}

/* The same with the value changed too: the index names the field by the
 * hand edit's spelling. */
static void test_case_of_a_name_and_value(void **state)
{
	struct fixture *f = *state;
	char text[2048];
	three_saves(f);
	v3_edited(text, sizeof text, "event", "Rebooked.", NULL, 0, 0);
	hand_edit(f, PRIYA, T0 + 3 * DAY, text, &f->c[3]);
	v3_edited(text, sizeof text, "Event", "Rebooked.", "Toothache.", 0, 0);
	save(f, JO, text, T0 + 4 * DAY, &f->c[4]);
	struct cb_blame b;
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, NULL, &b), 0);
	assert_commit(who(&b, "E1", "Event"), &f->c[4]);
	cb_blame_free(&b);
	blame_both_everywhere(f, f->c, 5);
}

/* A merge whose own change is all its row names: what the other side
 * brought is not named there, and must still be that side's. */
static void test_merge_own_field(void **state)
{
	struct fixture *f = *state;
	char text[2048];
	three_saves(f);
	git_oid side, merge;
	raw_commit(f, &f->c[2], 1, PRIYA, T0 + 3 * DAY, side_v, &side);
	snprintf(text, sizeof text, "%s", side_v);
	char *action = strstr(text, "Carer to rebook.");
	assert_non_null(action);
	memcpy(action, "Worker to book.", strlen("Worker to book."));
	memmove(action + strlen("Worker to book."), action + strlen("Carer to rebook."),
		strlen(action + strlen("Carer to rebook.")) + 1);
	raw_commit(f, (git_oid[]){ f->c[2], side }, 2, "Jo Byrne", "jo.byrne@example.org",
		   T0 + 4 * DAY, text, &merge);
	git_reference *ref = NULL;
	assert_int_equal(git_reference_create(&ref, f->ws.store.repo, CB_BRANCH, &merge, 1,
					      "test merge"), 0);
	git_reference_free(ref);
	assert_int_equal(cb_index_catch_up(&f->ws.index, &f->ws.store), 0);
	struct cb_blame b;
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, NULL, &b), 0);
	assert_commit(who(&b, "E2", "Source"), &side);
	assert_commit(who(&b, "E1", "Action"), &merge);
	assert_commit(who(&b, "E1", "Event"), &f->c[1]);
	cb_blame_free(&b);
	git_oid all[5] = { f->c[0], f->c[1], f->c[2], side, merge };
	blame_both_everywhere(f, all, 5);
}

/* A hand edit gave E2 twice; the next save has it once. */
static void test_id_twice(void **state)
{
	struct fixture *f = *state;
	char text[2048];
	three_saves(f);
	v3_edited(text, sizeof text, "Event", UNWELL, NULL, 1, 0);
	hand_edit(f, PRIYA, T0 + 3 * DAY, text, &f->c[3]);
	v3_edited(text, sizeof text, "Event", UNWELL, "Toothache.", 0, 0);
	save(f, JO, text, T0 + 4 * DAY, &f->c[4]);
	struct cb_blame b;
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, NULL, &b), 0);
	assert_commit(stanza(&b, "E2")->added, &f->c[1]);
	assert_commit(who(&b, "E2", "Significance"), &f->c[2]);
	cb_blame_free(&b);
	blame_both_everywhere(f, f->c, 5);
}

/* Two hand edits in a row with the header last: the index takes E1 for
 * the header of both, so E1's Event changing between them is named as a
 * header field. */
static void test_header_last_twice(void **state)
{
	struct fixture *f = *state;
	char text[2048];
	three_saves(f);
	v3_edited(text, sizeof text, "Event", UNWELL, NULL, 0, 1);
	hand_edit(f, PRIYA, T0 + 3 * DAY, text, &f->c[3]);
	v3_edited(text, sizeof text, "Event", "Rebooked.", NULL, 0, 1);
	hand_edit(f, "Alex Mensah", "alex.mensah@example.org", T0 + 4 * DAY, text, &f->c[4]);
	v3_edited(text, sizeof text, "Event", "Rebooked.", "Toothache.", 0, 0);
	save(f, JO, text, T0 + 5 * DAY, &f->c[5]);
	struct cb_blame b;
	assert_int_equal(cb_blame_record(&f->ws, PID, f->t, NULL, &b), 0);
	assert_commit(who(&b, "E1", "Event"), &f->c[4]);
	assert_commit(who(&b, "E1", "Impact"), &f->c[5]);
	cb_blame_free(&b);
	blame_both_everywhere(f, f->c, 6);
}

int main(void)
{
	tu_env(SAM, "2024-06-10");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_linear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_and_recreated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_as_at, setup, teardown),
		cmocka_unit_test_setup_teardown(test_old_change_then_appends, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_made_again_agrees, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hand_edits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_case_of_a_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_case_of_a_name_and_value, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_own_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_id_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_last_twice, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
