/* test_index.c - the SQLite index derived from the git store: built on
 * open, brought up to date one commit at a time, rebuilt without fuss when
 * it is missing, damaged, of another version or ahead of a rewritten
 * branch; per-record history newest first; id prefixes; full-text search. */
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

#include "err.h"
#include "index.h"
#include "record.h"
#include "schema.h"
#include "store.h"
#include "strbuf.h"
#include "workspace.h"
#include "testutil.h"

#define ZOE "7QK2M9XD4T"
#define ZOE2 "7QK2AAAAAA"  /* shares the prefix 7QK2 with ZOE */
#define AN "8ZZ0A1B2C3"
#define GWYN "G0000WYNNN"

struct fixture {
	char *tmp, *dir, *ixpath;
	struct cb_ws ws;
	int open;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	tu_env(TU_AUTHOR, TU_TODAY);
	f->tmp = tu_mkdtemp("index");
	f->dir = f->tmp ? tu_path(f->tmp, "ws") : NULL;
	f->ixpath = f->dir ? tu_path(f->dir, "index.sqlite") : NULL;
	if (!f->ixpath || cb_ws_init(f->dir, NULL, TU_AUTHOR) || cb_ws_open(&f->ws, f->dir)) {
		fprintf(stderr, "setup: %s\n", cb_err_msg());
		return -1;
	}
	f->open = 1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	if (f->open)
		cb_ws_close(&f->ws);
	tu_rmrf(f->tmp);
	free(f->ixpath);
	free(f->dir);
	free(f->tmp);
	free(f);
	return 0;
}

static void reopen(struct fixture *f)
{
	if (f->open)
		cb_ws_close(&f->ws);
	f->open = 0;
	if (cb_ws_open(&f->ws, f->dir))
		fail_msg("reopen: %s", cb_err_msg());
	f->open = 1;
}

static const struct cb_record_type *type(const char *name)
{
	const struct cb_record_type *t = cb_record_type_find(name);
	assert_non_null(t);
	return t;
}

/* Saves the person record with these fields changed (NULL: unchanged). */
static git_oid save_person(struct fixture *f, const char *id, const char *name,
			   const char *dob, const char *status)
{
	struct cb_doc d;
	int exists = 0;
	assert_int_equal(cb_ws_read(&f->ws, NULL, id, type("person"), &d, &exists), 0);
	if (name)
		assert_int_equal(cb_stanza_set(&d.stanzas[0], "Name", name), 0);
	if (dob)
		assert_int_equal(cb_stanza_set(&d.stanzas[0], "Date-Of-Birth", dob), 0);
	if (status)
		assert_int_equal(cb_stanza_set(&d.stanzas[0], "Status", status), 0);
	assert_int_equal(cb_stanza_set(&d.stanzas[0], "Worker", TU_AUTHOR_EMAIL), 0);
	struct cb_save sv = { id, type("person"), &d };
	git_oid c;
	int made = 0;
	char summary[200];
	snprintf(summary, sizeof summary, "%s person %s", exists ? "Update" : "Add",
		 name ? name : id);
	if (cb_ws_save(&f->ws, &sv, 1, summary, NULL, 0, &c, &made))
		fail_msg("save: %s", cb_err_msg());
	assert_int_equal(made, 1);
	cb_doc_free(&d);
	return c;
}

static git_oid add_entry(struct fixture *f, const char *id, const char *eid,
			 const char *date, const char *event)
{
	const struct cb_record_type *t = type("chronology");
	struct cb_doc d;
	int exists = 0;
	assert_int_equal(cb_ws_read(&f->ws, NULL, id, t, &d, &exists), 0);
	struct cb_stanza *s = cb_record_add_item(&d, t, &t->items[0], eid);
	assert_non_null(s);
	assert_int_equal(cb_stanza_set(s, "Date", date), 0);
	assert_int_equal(cb_stanza_set(s, "Event", event), 0);
	struct cb_save sv = { id, t, &d };
	git_oid c;
	int made = 0;
	if (cb_ws_save(&f->ws, &sv, 1, "Add chronology entry", NULL, 0, &c, &made))
		fail_msg("save: %s", cb_err_msg());
	assert_int_equal(made, 1);
	cb_doc_free(&d);
	return c;
}

/* Commits raw text at a record path straight into git, as another tool
 * (or a sync) would, without going through the workspace's index. */
static git_oid raw_commit(struct fixture *f, const char *id, const char *record,
			  const char *text, const char *summary)
{
	char path[128];
	assert_int_equal(cb_record_path(path, sizeof path, id, record), 0);
	struct cb_write w = { path, text, text ? strlen(text) : 0 };
	struct cb_commit_info ci = { "Ffion Hughes", "ffion.hughes@example.org",
				     1717000000, 0, summary };
	git_oid c;
	int made = 0;
	if (cb_store_commit(&f->ws.store, &w, 1, &ci, NULL, &c, &made))
		fail_msg("raw commit: %s", cb_err_msg());
	assert_int_equal(made, 1);
	return c;
}

static void some_people(struct fixture *f)
{
	save_person(f, ZOE, "Zoë Ådahl", "2008-04-02", "care-leaver");
	save_person(f, AN, "Nguyễn Văn An", "2012-11-30", "looked-after");
	save_person(f, GWYN, "Gwŷn ap Rhys", "2015-01-09", NULL);
	add_entry(f, ZOE, "E1", "2024-03-14", "Not registered with a GP since the move.");
	add_entry(f, ZOE, "E2", "2024-05-02", "Repeat prescription at risk.");
	save_person(f, AN, NULL, NULL, "child-protection");
}

/* Everything a rebuild must reproduce, as one string. */
static int history_line(const struct cb_history_row *r, void *ctx)
{
	cb_sb_addf(ctx, "%s %s %s %s <%s> %lld %d [%s] {%s} %s\n", r->commit, r->person,
		   r->type, r->author_name, r->author_email, (long long)r->time, r->tz,
		   r->summary ? r->summary : "", r->fields ? r->fields : "", r->blob);
	return 0;
}

static int person_line(const struct cb_person_row *p, void *ctx)
{
	cb_sb_addf(ctx, "%s|%s|%s|%s|%s\n", p->id, p->name, p->dob ? p->dob : "",
		   p->status ? p->status : "", p->worker ? p->worker : "");
	return 0;
}

static int record_line(const struct cb_record_row *r, void *ctx)
{
	cb_sb_addf(ctx, "%s/%s %s %s %d\n", r->person, r->type, r->blob, r->commit, r->valid);
	return 0;
}

static char *snapshot(struct cb_index *ix)
{
	struct cb_sb sb = CB_SB_INIT;
	static const char *const tables[] = { "person", "chronology", "history", "record",
					      "search_row", "plan" };
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
		cb_sb_addf(&sb, "%s=%lld\n", tables[i], (long long)cb_index_count(ix, tables[i]));
	assert_int_equal(cb_index_people(ix, NULL, NULL, person_line, &sb), 0);
	assert_int_equal(cb_index_history(ix, NULL, NULL, 0, history_line, &sb), 0);
	static const char *const ids[] = { ZOE, AN, GWYN };
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(cb_index_records(ix, ids[i], record_line, &sb), 0);
	char head[GIT_OID_HEXSZ + 1];
	assert_int_equal(cb_index_head(ix, head), 0);
	cb_sb_addf(&sb, "head=%s\n", head);
	assert_false(cb_sb_failed(&sb));
	return cb_sb_take(&sb);
}

static void assert_head_is_tip(struct fixture *f)
{
	git_oid tip;
	char hex[GIT_OID_HEXSZ + 1], head[GIT_OID_HEXSZ + 1];
	assert_int_equal(cb_store_head(&f->ws.store, &tip), 0);
	git_oid_tostr(hex, sizeof hex, &tip);
	assert_int_equal(cb_index_head(&f->ws.index, head), 0);
	assert_string_equal(head, hex);
}

static int count_rows(void *ctx, int ncol, char **v, char **names)
{
	(void)ncol;
	(void)names;
	*(long *)ctx = v[0] ? strtol(v[0], NULL, 10) : -1;
	return 0;
}

static long sql_count(struct cb_index *ix, const char *sql)
{
	long n = -1;
	char *msg = NULL;
	if (sqlite3_exec(ix->db, sql, count_rows, &n, &msg) != SQLITE_OK) {
		fail_msg("%s: %s", sql, msg ? msg : "?");
	}
	return n;
}

/* ---- building and catching up ---- */

static void test_open_builds_index(void **state)
{
	struct fixture *f = *state;
	assert_true(tu_exists(f->ixpath));
	assert_int_equal(tu_mode(f->ixpath), 0600);
	char head[GIT_OID_HEXSZ + 1] = "x";
	assert_int_equal(cb_index_head(&f->ws.index, head), 0);
	assert_string_equal(head, "");
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 0);

	some_people(f);
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 3);
	assert_int_equal(cb_index_count(&f->ws.index, "chronology"), 2);
	assert_int_equal(cb_index_count(&f->ws.index, "history"), 6);
	assert_int_equal(cb_index_count(&f->ws.index, "record"), 4);
	assert_int_equal(cb_index_count(&f->ws.index, "no_such_table"), -1);
	assert_head_is_tip(f);

	/* the same from nothing: a fresh index file on an existing history */
	cb_ws_close(&f->ws);
	f->open = 0;
	assert_int_equal(unlink(f->ixpath), 0);
	reopen(f);
	assert_true(f->ws.index.rebuilt);
	assert_int_equal(f->ws.index.applied, 6);
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 3);
	assert_int_equal(cb_index_count(&f->ws.index, "chronology"), 2);
	assert_int_equal(cb_index_count(&f->ws.index, "history"), 6);
	assert_head_is_tip(f);

	/* an index that is up to date is left alone */
	reopen(f);
	assert_false(f->ws.index.rebuilt);
	assert_int_equal(f->ws.index.applied, 0);
}

static void test_save_is_incremental(void **state)
{
	struct fixture *f = *state;
	some_people(f);
	f->ws.index.rebuilt = 0;
	add_entry(f, AN, "A1", "2024-06-01", "Moved to a new foster placement.");
	assert_int_equal(f->ws.index.applied, 1);
	assert_false(f->ws.index.rebuilt);
	assert_int_equal(cb_index_count(&f->ws.index, "chronology"), 3);
	assert_head_is_tip(f);

	/* a commit the index has not seen: catch-up applies exactly it */
	static const char text[] =
		"Record: person\nId: 9XYZ000001\nSchema: 1\nName: Ellis Åberg\n"
		"Date-Of-Birth: 2010-10-10\nStatus: early-help\n";
	raw_commit(f, "9XYZ000001", "person", text, "Add person Ellis Åberg\n");
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 3);
	assert_int_equal(cb_index_catch_up(&f->ws.index, &f->ws.store), 0);
	assert_int_equal(f->ws.index.applied, 1);
	assert_false(f->ws.index.rebuilt);
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 4);
	char id[11];
	assert_int_equal(cb_index_resolve(&f->ws.index, "9xyz", id), 0);
	assert_string_equal(id, "9XYZ000001");
	assert_head_is_tip(f);
	/* nothing new: nothing applied */
	assert_int_equal(cb_index_catch_up(&f->ws.index, &f->ws.store), 0);
	assert_int_equal(f->ws.index.applied, 0);

	/* several behind, seen on the next open */
	raw_commit(f, "9XYZ000002", "person",
		   "Record: person\nId: 9XYZ000002\nSchema: 1\nName: Joël Demir\n"
		   "Date-Of-Birth: 2011-01-01\nStatus: early-help\n", "one\n");
	raw_commit(f, "9XYZ000003", "person",
		   "Record: person\nId: 9XYZ000003\nSchema: 1\nName: Mai Haddad\n"
		   "Date-Of-Birth: 2011-01-02\nStatus: early-help\n", "two\n");
	reopen(f);
	assert_false(f->ws.index.rebuilt);
	assert_int_equal(f->ws.index.applied, 2);
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 6);
	assert_int_equal(cb_index_count(&f->ws.index, "history"), 10);

	/* and all of that equals a rebuild from scratch */
	char *inc = snapshot(&f->ws.index);
	assert_int_equal(cb_index_rebuild(&f->ws.index, &f->ws.store), 0);
	assert_true(f->ws.index.rebuilt);
	assert_int_equal(f->ws.index.applied, 10);
	char *full = snapshot(&f->ws.index);
	assert_string_equal(inc, full);
	free(inc);
	free(full);
}

enum damage { D_MISSING, D_GARBAGE, D_EMPTY, D_VERSION, D_FOREIGN, D_TRUNCATED, D_PAGES };

static void damage_index(struct fixture *f, enum damage how)
{
	char wal[4200], shm[4200];
	snprintf(wal, sizeof wal, "%s-wal", f->ixpath);
	snprintf(shm, sizeof shm, "%s-shm", f->ixpath);
	sqlite3 *db = NULL;
	switch (how) {
	case D_MISSING:
		assert_int_equal(unlink(f->ixpath), 0);
		unlink(wal);
		unlink(shm);
		break;
	case D_GARBAGE: {
		char junk[8192];
		for (size_t i = 0; i < sizeof junk; i++)
			junk[i] = (char)("not a database, just Zoë's notes\n"[i % 33]);
		assert_int_equal(tu_write_file(f->ixpath, junk, sizeof junk), 0);
		break;
	}
	case D_EMPTY:
		assert_int_equal(tu_write_file(f->ixpath, "", 0), 0);
		break;
	case D_VERSION:
		assert_int_equal(sqlite3_open(f->ixpath, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL),
				 SQLITE_OK);
		sqlite3_close(db);
		break;
	case D_FOREIGN:
		/* somebody else's database under our name */
		unlink(f->ixpath);
		unlink(wal);
		unlink(shm);
		assert_int_equal(sqlite3_open(f->ixpath, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, "CREATE TABLE person(x); INSERT INTO person"
					      " VALUES (1)", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
		break;
	case D_TRUNCATED: {
		/* the first page only: the header is fine, the rest is gone */
		FILE *fp = fopen(f->ixpath, "rb");
		assert_non_null(fp);
		char page[1024];
		assert_int_equal(fread(page, 1, sizeof page, fp), sizeof page);
		fclose(fp);
		assert_int_equal(tu_write_file(f->ixpath, page, sizeof page), 0);
		break;
	}
	case D_PAGES: {
		/* the header page intact, every other page overwritten */
		FILE *fp = fopen(f->ixpath, "r+b");
		assert_non_null(fp);
		assert_int_equal(fseek(fp, 0, SEEK_END), 0);
		long size = ftell(fp);
		assert_true(size > 8192);
		assert_int_equal(fseek(fp, 4096, SEEK_SET), 0);
		for (long i = 4096; i < size; i++)
			fputc((int)(i * 7 & 0xff), fp);
		assert_int_equal(fclose(fp), 0);
		break;
	}
	}
}

static void test_rebuild_after_damage(void **state)
{
	struct fixture *f = *state;
	some_people(f);
	char *before = snapshot(&f->ws.index);
	static const enum damage all[] = { D_MISSING, D_GARBAGE, D_EMPTY, D_VERSION,
					   D_FOREIGN, D_TRUNCATED, D_PAGES };
	static const char *const names[] = { "missing", "garbage", "empty", "version",
					     "foreign", "truncated", "pages" };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		cb_ws_close(&f->ws);
		f->open = 0;
		damage_index(f, all[i]);
		if (cb_ws_open(&f->ws, f->dir))
			fail_msg("%s index: open failed: %s", names[i], cb_err_msg());
		f->open = 1;
		if (!f->ws.index.rebuilt)
			fail_msg("%s index: not rebuilt", names[i]);
		assert_int_equal(f->ws.index.applied, 6 + i);
		char *after = snapshot(&f->ws.index);
		if (strcmp(before, after) != 0)
			fail_msg("%s index: rebuilt differently:\n%s\nvs\n%s", names[i], before, after);
		free(after);
		assert_int_equal(sql_count(&f->ws.index, "PRAGMA user_version"), CB_INDEX_VERSION);
		/* and it works for saves afterwards */
		add_entry(f, GWYN, names[i], "2024-07-01", "Contact went well.");
		assert_int_equal(f->ws.index.applied, 1);
		free(before);
		before = snapshot(&f->ws.index);
	}
	free(before);
}

static void test_rebuild_when_branch_rewritten(void **state)
{
	struct fixture *f = *state;
	git_oid c1 = save_person(f, ZOE, "Zoë Ådahl", "2008-04-02", NULL);
	save_person(f, AN, "Nguyễn Văn An", "2012-11-30", NULL);
	add_entry(f, AN, "E1", "2024-01-01", "Referral from school.");
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 2);

	/* history rewritten: main put back to the first commit */
	git_reference *ref = NULL;
	assert_int_equal(git_reference_create(&ref, f->ws.store.repo, CB_BRANCH, &c1, 1,
					      "test: reset"), 0);
	git_reference_free(ref);
	f->ws.index.rebuilt = 0;
	assert_int_equal(cb_index_catch_up(&f->ws.index, &f->ws.store), 0);
	assert_true(f->ws.index.rebuilt);
	assert_int_equal(f->ws.index.applied, 1);
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 1);
	assert_int_equal(cb_index_count(&f->ws.index, "chronology"), 0);
	assert_int_equal(cb_index_count(&f->ws.index, "history"), 1);
	char id[11];
	assert_int_equal(cb_index_resolve(&f->ws.index, AN, id), CB_ENOTFOUND);
	assert_head_is_tip(f);

	/* a different history altogether (a new root commit) */
	git_treebuilder *tb = NULL;
	git_oid empty_tree, root;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	assert_int_equal(git_treebuilder_new(&tb, f->ws.store.repo, NULL), 0);
	assert_int_equal(git_treebuilder_write(&empty_tree, tb), 0);
	git_treebuilder_free(tb);
	assert_int_equal(git_tree_lookup(&tree, f->ws.store.repo, &empty_tree), 0);
	assert_int_equal(git_signature_new(&sig, "Grace Mensah", "grace.mensah@example.org",
					   1717000000, 0), 0);
	assert_int_equal(git_commit_create(&root, f->ws.store.repo, NULL, sig, sig, NULL,
					   "Start again\n", tree, 0, NULL), 0);
	git_signature_free(sig);
	git_tree_free(tree);
	assert_int_equal(git_reference_create(&ref, f->ws.store.repo, CB_BRANCH, &root, 1,
					      "test: new root"), 0);
	git_reference_free(ref);
	reopen(f);
	assert_true(f->ws.index.rebuilt);
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 0);
	assert_int_equal(cb_index_count(&f->ws.index, "history"), 0);
	assert_head_is_tip(f);

	/* an index head naming a commit the repository does not have */
	save_person(f, ZOE, "Zoë Ådahl", "2008-04-02", NULL);
	assert_int_equal(sqlite3_exec(f->ws.index.db, "UPDATE meta SET value ="
				      " '4242424242424242424242424242424242424242'"
				      " WHERE key = 'head'", NULL, NULL, NULL), SQLITE_OK);
	f->ws.index.rebuilt = 0;
	assert_int_equal(cb_index_catch_up(&f->ws.index, &f->ws.store), 0);
	assert_true(f->ws.index.rebuilt);
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 1);
	assert_int_equal(cb_index_count(&f->ws.index, "history"), 1);
	assert_head_is_tip(f);
}

/* ---- history ---- */

struct rows {
	size_t n;
	char commit[8][GIT_OID_HEXSZ + 1];
	char fields[8][200];
	char summary[8][200];
	char type[8][32];
	char blob[8][GIT_OID_HEXSZ + 1];
	char parents[8][100];
	char author[8][100];
};

static int collect(const struct cb_history_row *r, void *ctx)
{
	struct rows *rs = ctx;
	if (rs->n >= 8)
		return 1;
	snprintf(rs->commit[rs->n], sizeof rs->commit[0], "%s", r->commit);
	snprintf(rs->fields[rs->n], sizeof rs->fields[0], "%s", r->fields ? r->fields : "(null)");
	snprintf(rs->summary[rs->n], sizeof rs->summary[0], "%s", r->summary ? r->summary : "");
	snprintf(rs->type[rs->n], sizeof rs->type[0], "%s", r->type);
	snprintf(rs->blob[rs->n], sizeof rs->blob[0], "%s", r->blob);
	snprintf(rs->parents[rs->n], sizeof rs->parents[0], "%s",
		 r->parents ? r->parents : "(null)");
	snprintf(rs->author[rs->n], sizeof rs->author[0], "%s <%s>", r->author_name,
		 r->author_email);
	rs->n++;
	return 0;
}

static void hex(const git_oid *o, char out[GIT_OID_HEXSZ + 1])
{
	git_oid_tostr(out, GIT_OID_HEXSZ + 1, o);
}

/* The blob of path at commit, hex. */
static void blob_at(struct fixture *f, const char *commit_hex, const char *id,
		    const char *record, char out[GIT_OID_HEXSZ + 1])
{
	git_oid c;
	git_commit *cm = NULL;
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	char path[128];
	assert_int_equal(cb_record_path(path, sizeof path, id, record), 0);
	assert_int_equal(git_oid_fromstr(&c, commit_hex), 0);
	assert_int_equal(git_commit_lookup(&cm, f->ws.store.repo, &c), 0);
	assert_int_equal(git_commit_tree(&t, cm), 0);
	assert_int_equal(git_tree_entry_bypath(&e, t, path), 0);
	hex(git_tree_entry_id(e), out);
	git_tree_entry_free(e);
	git_tree_free(t);
	git_commit_free(cm);
}

/* Every statement cb_index_history runs, as SQLite expanded it. */
static int keep_sql(unsigned type, void *ctx, void *stmt, void *x)
{
	(void)type;
	(void)x;
	char *sql = sqlite3_expanded_sql(stmt);
	if (sql && strstr(sql, "FROM history"))
		snprintf(ctx, 2048, "%s", sql);
	sqlite3_free(sql);
	return 0;
}

static int plan_row(void *ctx, int ncol, char **v, char **names)
{
	(void)names;
	if (ncol >= 4 && v[3] && strlen(ctx) + strlen(v[3]) + 2 < 2048)
		strcat(strcat(ctx, v[3]), "\n");
	return 0;
}

/* A record's history is read from the covering index alone: its rows
 * are scattered through the table in commit order, so a lookup in the
 * table for each would cost a page read per version. */
static void test_history_reads_covering_index(void **state)
{
	struct fixture *f = *state;
	save_person(f, ZOE, "Zoë Ådahl", "2008-04-02", NULL);
	add_entry(f, ZOE, "E1", "2024-03-14", "Not registered with a GP.");
	char sql[2048] = "", plan[2048] = "";
	sqlite3_trace_v2(f->ws.index.db, SQLITE_TRACE_STMT, keep_sql, sql);
	struct rows rs = { 0 };
	assert_int_equal(cb_index_history(&f->ws.index, ZOE, "chronology", 0, collect, &rs), 0);
	sqlite3_trace_v2(f->ws.index.db, 0, NULL, NULL);
	assert_int_equal(rs.n, 1);
	assert_non_null(strstr(sql, "WHERE person = "));
	char *explain = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	assert_int_equal(sqlite3_exec(f->ws.index.db, explain, plan_row, plan, NULL), SQLITE_OK);
	sqlite3_free(explain);
	if (!strstr(plan, "USING COVERING INDEX history_record"))
		fail_msg("the history of one record is not read from history_record alone:\n%s", plan);
}

static void test_history_per_record(void **state)
{
	struct fixture *f = *state;
	git_oid p1 = save_person(f, ZOE, "Zoë Ådahl", "2008-04-02", NULL);
	save_person(f, AN, "Nguyễn Văn An", "2012-11-30", NULL);
	git_oid c1 = add_entry(f, ZOE, "E1", "2024-03-14", "Not registered with a GP.");
	git_oid p2 = save_person(f, ZOE, "Zoë Ådahl-Brennan", NULL, NULL);
	git_oid c2 = add_entry(f, ZOE, "E2", "2024-05-02", "Prescription at risk.");
	git_oid p3 = save_person(f, ZOE, NULL, NULL, "care-leaver");

	struct rows rs = { 0 };
	assert_int_equal(cb_index_history(&f->ws.index, ZOE, "person", 0, collect, &rs), 0);
	assert_int_equal(rs.n, 3);
	char h[GIT_OID_HEXSZ + 1];
	hex(&p3, h);
	assert_string_equal(rs.commit[0], h);
	assert_string_equal(rs.fields[0], "Status");
	assert_string_equal(rs.summary[0], "Update person " ZOE);
	hex(&p2, h);
	assert_string_equal(rs.commit[1], h);
	assert_string_equal(rs.fields[1], "Name");
	hex(&p1, h);
	assert_string_equal(rs.commit[2], h);
	assert_string_equal(rs.fields[2], "+");
	assert_string_equal(rs.summary[2], "Add person Zoë Ådahl");
	for (size_t i = 0; i < rs.n; i++) {
		assert_string_equal(rs.type[i], "person");
		assert_string_equal(rs.author[i], TU_AUTHOR);
		char b[GIT_OID_HEXSZ + 1];
		blob_at(f, rs.commit[i], ZOE, "person", b);
		assert_string_equal(rs.blob[i], b);
	}
	/* Each row keeps the record as its commit's parent had it (for
	 * blame): the previous version, or "" where there was none. */
	assert_string_equal(rs.parents[0], rs.blob[1]);
	assert_string_equal(rs.parents[1], rs.blob[2]);
	assert_string_equal(rs.parents[2], "");

	memset(&rs, 0, sizeof rs);
	assert_int_equal(cb_index_history(&f->ws.index, ZOE, "chronology", 0, collect, &rs), 0);
	assert_int_equal(rs.n, 2);
	hex(&c2, h);
	assert_string_equal(rs.commit[0], h);
	assert_string_equal(rs.fields[0], "+E2");
	hex(&c1, h);
	assert_string_equal(rs.commit[1], h);
	assert_string_equal(rs.fields[1], "+, +E1");

	/* a person: all their records, newest first */
	memset(&rs, 0, sizeof rs);
	assert_int_equal(cb_index_history(&f->ws.index, ZOE, NULL, 0, collect, &rs), 0);
	assert_int_equal(rs.n, 5);
	static const char *const types[] = { "person", "chronology", "person", "chronology",
					     "person" };
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(rs.type[i], types[i]);
	/* a limit */
	memset(&rs, 0, sizeof rs);
	assert_int_equal(cb_index_history(&f->ws.index, ZOE, NULL, 2, collect, &rs), 0);
	assert_int_equal(rs.n, 2);
	/* everyone */
	memset(&rs, 0, sizeof rs);
	assert_int_equal(cb_index_history(&f->ws.index, NULL, NULL, 0, collect, &rs), 0);
	assert_int_equal(rs.n, 6);
	/* nobody */
	memset(&rs, 0, sizeof rs);
	assert_int_equal(cb_index_history(&f->ws.index, GWYN, NULL, 0, collect, &rs), 0);
	assert_int_equal(rs.n, 0);
	/* the walk stops when the callback says so, and says why */
	memset(&rs, 0, sizeof rs);
	rs.n = 8;
	assert_int_equal(cb_index_history(&f->ws.index, NULL, NULL, 0, collect, &rs), 1);

	/* deleting a record: a "-" row, and the record is gone from the tables */
	struct cb_save sv = { AN, type("person"), NULL };
	int made = 0;
	assert_int_equal(cb_ws_save(&f->ws, &sv, 1, "Remove duplicate", NULL, 0, NULL, &made), 0);
	assert_int_equal(made, 1);
	memset(&rs, 0, sizeof rs);
	assert_int_equal(cb_index_history(&f->ws.index, AN, "person", 0, collect, &rs), 0);
	assert_int_equal(rs.n, 2);
	assert_string_equal(rs.fields[0], "-");
	assert_string_equal(rs.blob[0], "");
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 1);
	char id[11];
	assert_int_equal(cb_index_resolve(&f->ws.index, "8ZZ", id), CB_ENOTFOUND);
}

static int record_valid(const struct cb_record_row *r, void *ctx)
{
	if (strcmp(r->type, "person") == 0)
		*(int *)ctx = r->valid;
	return 0;
}

static void test_damaged_record_indexed_as_invalid(void **state)
{
	struct fixture *f = *state;
	save_person(f, ZOE, "Zoë Ådahl", "2008-04-02", NULL);
	/* not parseable: a raw escape in a value */
	raw_commit(f, ZOE, "person", "Record: person\nId: " ZOE "\nName: Zo\033[2Jë\n",
		   "Break it\n");
	assert_int_equal(cb_index_catch_up(&f->ws.index, &f->ws.store), 0);
	int valid = -1;
	assert_int_equal(cb_index_records(&f->ws.index, ZOE, record_valid, &valid), 0);
	assert_int_equal(valid, 0);
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 0);
	struct rows rs = { 0 };
	assert_int_equal(cb_index_history(&f->ws.index, ZOE, "person", 0, collect, &rs), 0);
	assert_int_equal(rs.n, 2);
	assert_string_equal(rs.fields[0], "!");
	/* still found by id, so that the damage can be shown and mended */
	char id[11];
	assert_int_equal(cb_index_resolve(&f->ws.index, "7qk2", id), 0);
	assert_string_equal(id, ZOE);

	/* a record in the wrong person's folder is not believed either */
	raw_commit(f, AN, "person", "Record: person\nId: " ZOE "\nSchema: 1\nName: Imposter\n"
		   "Date-Of-Birth: 2001-01-01\nStatus: closed\n", "Misfiled\n");
	assert_int_equal(cb_index_catch_up(&f->ws.index, &f->ws.store), 0);
	valid = -1;
	assert_int_equal(cb_index_records(&f->ws.index, AN, record_valid, &valid), 0);
	assert_int_equal(valid, 0);
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 0);

	/* reading it says so, naming the record */
	struct cb_doc d;
	int exists = 0;
	assert_int_equal(cb_ws_read(&f->ws, NULL, ZOE, type("person"), &d, &exists), CB_EINVALID);
	assert_non_null(strstr(cb_err_msg(), ZOE "/person is damaged"));

	/* mended: valid again, and a rebuild agrees */
	raw_commit(f, ZOE, "person", "Record: person\nId: " ZOE "\nSchema: 1\nName: Zoë Ådahl\n"
		   "Date-Of-Birth: 2008-04-02\nStatus: child-in-need\n", "Mend\n");
	assert_int_equal(cb_index_catch_up(&f->ws.index, &f->ws.store), 0);
	assert_int_equal(cb_index_count(&f->ws.index, "person"), 1);
	valid = -1;
	assert_int_equal(cb_index_records(&f->ws.index, ZOE, record_valid, &valid), 0);
	assert_int_equal(valid, 1);
	char *inc = snapshot(&f->ws.index);
	assert_int_equal(cb_index_rebuild(&f->ws.index, &f->ws.store), 0);
	char *full = snapshot(&f->ws.index);
	assert_string_equal(inc, full);
	free(inc);
	free(full);
}

/* ---- resolving ids ---- */

static void test_resolve(void **state)
{
	struct fixture *f = *state;
	save_person(f, ZOE, "Zoë Ådahl", "2008-04-02", NULL);
	save_person(f, ZOE2, "Zoë Lindqvist", "2009-04-02", NULL);
	save_person(f, AN, "Nguyễn Văn An", "2012-11-30", NULL);
	char id[11];

	memset(id, 0, sizeof id);
	assert_int_equal(cb_index_resolve(&f->ws.index, ZOE, id), 0);
	assert_string_equal(id, ZOE);
	assert_int_equal(cb_index_resolve(&f->ws.index, "7QK2M", id), 0);
	assert_string_equal(id, ZOE);
	assert_int_equal(cb_index_resolve(&f->ws.index, "7qk2m9", id), 0);
	assert_string_equal(id, ZOE);
	assert_int_equal(cb_index_resolve(&f->ws.index, "7qk2a", id), 0);
	assert_string_equal(id, ZOE2);
	assert_int_equal(cb_index_resolve(&f->ws.index, "8", id), 0);
	assert_string_equal(id, AN);

	assert_int_equal(cb_index_resolve(&f->ws.index, "7QK2", id), CB_EAMBIGUOUS);
	assert_non_null(strstr(cb_err_msg(), ZOE));
	assert_non_null(strstr(cb_err_msg(), ZOE2));
	assert_null(strstr(cb_err_msg(), AN));
	assert_int_equal(cb_index_resolve(&f->ws.index, "7", id), CB_EAMBIGUOUS);

	assert_int_equal(cb_index_resolve(&f->ws.index, "9", id), CB_ENOTFOUND);
	assert_int_equal(cb_index_resolve(&f->ws.index, "7QK2M9XD4V", id), CB_ENOTFOUND);

	static const char *const bad[] = { "", "../../etc", "ABC/DEF", "7QK2M9XD4TX", "I",
					   "7QK%", "7QK2M9XD4T'--" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (cb_index_resolve(&f->ws.index, bad[i], id) != CB_EINVALID)
			fail_msg("\"%s\" not refused as an id prefix", bad[i]);
}

/* ---- search ---- */

static long matches(struct fixture *f, const char *query, const char *person)
{
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM search JOIN search_row r ON r.rowid = search.rowid"
		 " WHERE search MATCH '%s'%s%s%s", query, person ? " AND r.person = '" : "",
		 person ? person : "", person ? "'" : "");
	return sql_count(&f->ws.index, sql);
}

static void test_search(void **state)
{
	struct fixture *f = *state;
	some_people(f);
	/* diacritics removed: "zoe" finds Zoë, "adahl" Ådahl, "nguyen" Nguyễn */
	assert_int_equal(matches(f, "zoe", NULL), 1);
	assert_int_equal(matches(f, "zoe", ZOE), 1);
	assert_int_equal(matches(f, "adahl", ZOE), 1);
	assert_int_equal(matches(f, "nguyen", AN), 1);
	assert_int_equal(matches(f, "van an", AN), 1);
	assert_int_equal(matches(f, "gwyn", GWYN), 1);
	assert_int_equal(matches(f, "Zoë", ZOE), 1);
	assert_int_equal(matches(f, "zebedee", NULL), 0);
	/* chronology text */
	assert_int_equal(matches(f, "prescription", ZOE), 1);
	assert_int_equal(matches(f, "gp", ZOE), 1);
	assert_int_equal(sql_count(&f->ws.index, "SELECT count(*) FROM search_row"
				   " WHERE kind = 'entry' AND entry = 'E2'"), 1);

	/* a rename replaces the row: the old name is no longer found */
	save_person(f, ZOE, "Chloé Fairweather", NULL, NULL);
	assert_int_equal(matches(f, "adahl", NULL), 0);
	assert_int_equal(matches(f, "chloe", ZOE), 1);
	assert_int_equal(matches(f, "fairweather", NULL), 1);
	/* one person row per person, whatever the number of saves */
	assert_int_equal(sql_count(&f->ws.index, "SELECT count(*) FROM search_row"
				   " WHERE kind = 'person'"), 3);
	assert_int_equal(sql_count(&f->ws.index, "SELECT count(*) FROM search"), 5);
	/* and the same after a rebuild */
	assert_int_equal(cb_index_rebuild(&f->ws.index, &f->ws.store), 0);
	assert_int_equal(matches(f, "chloe", ZOE), 1);
	assert_int_equal(matches(f, "zoe", NULL), 0);
	assert_int_equal(matches(f, "prescription", ZOE), 1);
	assert_int_equal(sql_count(&f->ws.index, "SELECT count(*) FROM search"), 5);
}

/* ---- queries ---- */

static int count_cb(const struct cb_person_row *p, void *ctx)
{
	(void)p;
	(*(int *)ctx)++;
	return 0;
}

static void test_caseload_queries(void **state)
{
	struct fixture *f = *state;
	some_people(f);
	/* a person held by someone else */
	raw_commit(f, "9XYZ000001", "person",
		   "Record: person\nId: 9XYZ000001\nSchema: 1\nName: Ellis Åberg\n"
		   "Date-Of-Birth: 2010-10-10\nStatus: early-help\n"
		   "Worker: amara.okafor@example.org\nTeam: Riverside\n", "x\n");
	assert_int_equal(cb_index_catch_up(&f->ws.index, &f->ws.store), 0);
	int n = 0;
	assert_int_equal(cb_index_people(&f->ws.index, NULL, NULL, count_cb, &n), 0);
	assert_int_equal(n, 4);
	n = 0;
	assert_int_equal(cb_index_people(&f->ws.index, TU_AUTHOR_EMAIL, NULL, count_cb, &n), 0);
	assert_int_equal(n, 3);
	n = 0;
	assert_int_equal(cb_index_people(&f->ws.index, "AMARA.OKAFOR@example.org", NULL,
					 count_cb, &n), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(cb_index_people(&f->ws.index, NULL, "Riverside", count_cb, &n), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(cb_index_person(&f->ws.index, AN, count_cb, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(cb_index_person(&f->ws.index, "9XYZ000009", count_cb, &n), CB_ENOTFOUND);
	/* ordered by name */
	struct cb_sb sb = CB_SB_INIT;
	assert_int_equal(cb_index_people(&f->ws.index, NULL, NULL, person_line, &sb), 0);
	const char *g = strstr(sb.buf, "Gwŷn"), *e = strstr(sb.buf, "Ellis"),
		   *ng = strstr(sb.buf, "Nguyễn"), *z = strstr(sb.buf, "Zoë");
	assert_true(e && g && ng && z);
	assert_true(e < g && g < ng && ng < z);
	cb_sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_builds_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_is_incremental, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rebuild_after_damage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rebuild_when_branch_rewritten, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_per_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_reads_covering_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_record_indexed_as_invalid, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_resolve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_caseload_queries, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
