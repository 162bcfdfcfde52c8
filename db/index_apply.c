/* index_apply.c - catching the index up with the store.
 *
 * Catching up walks the commits the index has not seen (oldest first),
 * writes one history row per (commit, record) the commit changed, then
 * re-reads the current version of each changed record from the tip to
 * refresh the tables the interactive paths read. A rebuild is the same
 * walk from the first commit, followed by reading the whole tip tree. */
#include "index_util.h"
#include "blob.h"
#include "deb822.h"
#include "err.h"
#include "i18n.h"
#include "id.h"
#include "index_facts.h"
#include "keys.h"
#include "index_rows.h"
#include "index_versions.h"
#include "record.h"
#include "schema.h"
#include "strbuf.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


/* Parsed versions of blobs, direct-mapped by oid: during a walk the old
 * version of a record is almost always the one parsed a few commits ago. */
#define CACHE_SLOTS 4096
struct doc_cache {
	git_oid oid[CACHE_SLOTS];
	struct cb_doc doc[CACHE_SLOTS];
	signed char state[CACHE_SLOTS]; /* 0 empty, 1 parsed, -1 did not parse */
};

struct apply {
	struct cb_index *ix;
	struct cb_store *st;
	git_commit *commit;
	char commit_hex[GIT_OID_HEXSZ + 1];
	const char *summary;
	const git_signature *author;
	sqlite3_stmt *ins_history;
	struct doc_cache *cache;     /* whole parses, for merges */
	struct cb_versions *versions; /* the last version of each record */
	struct tree_cache *trees;
	struct cb_rows *rows; /* not NULL: rows are kept here, not written */
	/* The commit applied last and its people/ tree (zero when it had
	 * none): in a walk of a linear history, the next commit's parent. */
	git_oid last_commit, last_people;
	int have_last;
	/* A merge's parents after the first (their root trees): a record the
	 * merge took as one of them had already has that version's row, from
	 * the commit that made it, so the merge adds none in its own name. */
	git_tree *others[8];
	size_t nothers;
	/* The record file being compared, as each of those parents had it
	 * (looked up once per record, see look_in_others). */
	enum { OTHER_NONE, OTHER_BLOB, OTHER_NOT_BLOB } other_kind[8];
	git_oid other_blob[8];
	/* records touched since the walk began: "<id>/<type>" entries */
	char **touched;
	size_t ntouched, captouched;
	int collect;
	/* A rebuild: the tables start empty, so nothing is deleted before it
	 * is written, and the full-text rows are loaded in one statement. */
	int fresh;
};

/* Trees, direct-mapped by oid. A rebuild turns libgit2's own object
 * cache off: kept at a size that does not hold every tree, its eviction
 * cost a tenth of the walk. Each commit's trees are mostly the next
 * commit's parent trees, and the upper levels are shared by many. */
#define TREE_SLOTS 2048
struct tree_cache {
	git_tree *t[TREE_SLOTS];
};

/* A reference the caller frees, as from git_tree_lookup. */
static int tree_get(struct apply *a, const git_oid *id, git_tree **out)
{
	git_tree **slot = &a->trees->t[(size_t)(id->id[0] | (id->id[1] << 8)) % TREE_SLOTS];
	*out = NULL;
	if (!*slot || !git_oid_equal(git_tree_id(*slot), id)) {
		git_tree *t = NULL;
		if (git_tree_lookup(&t, a->st->repo, id) < 0)
			return cb_err_git(CB_ERROR, "tree");
		git_tree_free(*slot);
		*slot = t;
	}
	return git_object_dup((git_object **)out, (git_object *)*slot) < 0
		       ? cb_err_git(CB_ERROR, "tree") : 0;
}

static void trees_free(struct tree_cache *c)
{
	for (size_t i = 0; c && i < TREE_SLOTS; i++)
		git_tree_free(c->t[i]);
	free(c);
}

static const struct cb_doc *cached_doc(struct apply *a, const git_oid *oid)
{
	size_t slot = (size_t)((oid->id[0] | (oid->id[1] << 8)) % CACHE_SLOTS);
	struct doc_cache *c = a->cache;
	if (c->state[slot] && git_oid_equal(&c->oid[slot], oid))
		return c->state[slot] > 0 ? &c->doc[slot] : NULL;
	if (c->state[slot] > 0)
		cb_doc_free(&c->doc[slot]);
	c->state[slot] = -1;
	git_oid_cpy(&c->oid[slot], oid);
	char *text = NULL;
	size_t len = 0;
	if (cb_blob_read(a->st->repo, oid, &text, &len)) {
		cb_err_clear(); /* an erased child's versions read as damaged */
		return NULL;
	}
	if (cb_doc_parse(&c->doc[slot], text, len, NULL) == 0)
		c->state[slot] = 1;
	free(text);
	return c->state[slot] > 0 ? &c->doc[slot] : NULL;
}

static void cache_free(struct doc_cache *c)
{
	for (size_t i = 0; c && i < CACHE_SLOTS; i++)
		if (c->state[i] > 0)
			cb_doc_free(&c->doc[i]);
	free(c);
}

static int touched_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int touch(struct apply *a, const char *id, const char *type)
{
	if (!a->collect)
		return 0;
	if (a->ntouched == a->captouched) {
		size_t cap = a->captouched ? a->captouched * 2 : 16;
		char **v = realloc(a->touched, cap * sizeof *v);
		if (!v)
			return cb_err(CB_ENOMEM, _("out of memory"));
		a->touched = v;
		a->captouched = cap;
	}
	size_t n = strlen(id) + strlen(type) + 2;
	char *s = malloc(n);
	if (!s)
		return cb_err(CB_ENOMEM, _("out of memory"));
	snprintf(s, n, "%s/%s", id, type);
	a->touched[a->ntouched++] = s;
	return 0;
}

/* Drops from *list every name not in keep. Both are lists of names as
 * cb_record_changed_fields writes them, joined by ", ". 0 or CB_ENOMEM. */
static int keep_common(char **list, const char *keep)
{
	struct cb_sb out = CB_SB_INIT;
	for (const char *p = *list; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, ",");
		int found = 0;
		for (const char *k = keep; *k && !found;) {
			while (*k == ' ')
				k++;
			size_t m = strcspn(k, ",");
			found = n > 0 && m == n && memcmp(k, p, n) == 0;
			k += m + (k[m] == ',');
		}
		if (found) {
			if (out.len)
				cb_sb_adds(&out, ", ");
			cb_sb_add(&out, p, n);
		}
		p += n + (p[n] == ',');
	}
	char *kept = out.len ? cb_sb_take(&out) : strdup("");
	cb_sb_free(&out);
	if (!kept)
		return CB_ENOMEM;
	free(*list);
	*list = kept;
	return 0;
}

/* A merge's row for a record names only what the merge itself made: the
 * fields that differ from every parent. What one side changed and the
 * merge brought across is that side's commit's, and has its row there. */
static int merge_own_fields(struct apply *a, const struct cb_doc *nd, char **fields)
{
	struct cb_doc ndcopy;
	/* Parsing the other parents' versions may evict nd from the cache. */
	if (cb_doc_copy(&ndcopy, nd))
		return cb_err(CB_ENOMEM, _("out of memory"));
	int rc = 0;
	for (size_t i = 0; i < a->nothers && !rc; i++) {
		int have = a->other_kind[i] == OTHER_BLOB;
		const struct cb_doc *pd = have ? cached_doc(a, &a->other_blob[i]) : NULL;
		if (have && !pd)
			continue; /* that side's version does not parse: no help */
		char *theirs = cb_record_changed_fields(pd, &ndcopy);
		if (!theirs)
			rc = cb_err(CB_ENOMEM, _("out of memory"));
		else if (keep_common(fields, theirs))
			rc = cb_err(CB_ENOMEM, _("out of memory"));
		free(theirs);
	}
	cb_doc_free(&ndcopy);
	return rc;
}

/* The history row's parents column: old (the first parent's blob) and the
 * record in each other parent, comma-separated. NULL (not kept) when the
 * commit has more parents than the walk follows, or on ENOMEM. */
static char *parent_blobs(struct apply *a, const git_oid *old)
{
	if (git_commit_parentcount(a->commit) > 1 + a->nothers)
		return NULL;
	size_t n = (1 + a->nothers) * (GIT_OID_HEXSZ + 1) + 1;
	char *out = malloc(n), *p = out;
	if (!out)
		return NULL;
	*p = '\0';
	if (git_commit_parentcount(a->commit) == 0)
		return out;
	if (old)
		git_oid_tostr(p, GIT_OID_HEXSZ + 1, old);
	p += strlen(p);
	for (size_t i = 0; i < a->nothers; i++) {
		*p++ = ',';
		*p = '\0';
		if (a->other_kind[i] == OTHER_BLOB)
			git_oid_tostr(p, GIT_OID_HEXSZ + 1, &a->other_blob[i]);
		p += strlen(p);
	}
	return out;
}

static int insert_row(struct cb_index *ix, sqlite3_stmt *s, const struct cb_row *r)
{
	ix_bind_text(s, 1, r->commit);
	ix_bind_text(s, 2, r->person);
	ix_bind_text(s, 3, r->type);
	ix_bind_text(s, 4, r->author_name);
	ix_bind_text(s, 5, r->author_email);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)r->time);
	sqlite3_bind_int(s, 7, r->tz);
	ix_bind_text(s, 8, r->summary);
	ix_bind_text(s, 9, r->fields);
	ix_bind_text(s, 10, r->blob);
	ix_bind_text(s, 11, r->parents);
	return ix_step_done(ix, s, "history");
}

/* A merge's fields, from whole parses of every version involved. */
static char *merge_fields(struct apply *a, const git_oid *old, const git_oid *new_)
{
	const struct cb_doc *od = old ? cached_doc(a, old) : NULL;
	int old_bad = old && !od;
	struct cb_doc odcopy = { 0 };
	/* The cache may evict the old doc while parsing the new one. */
	if (od && cb_doc_copy(&odcopy, od))
		return NULL;
	const struct cb_doc *nd = new_ ? cached_doc(a, new_) : NULL;
	int new_bad = new_ && !nd;
	char *fields;
	static const struct cb_doc empty;
	if (old_bad || new_bad)
		fields = strdup("!");
	else if (!new_)
		fields = strdup("-");
	else
		fields = cb_record_changed_fields(old ? &odcopy : NULL, nd ? nd : &empty);
	cb_doc_free(&odcopy);
	if (fields && nd && strcmp(fields, "!") != 0 && merge_own_fields(a, nd, &fields)) {
		free(fields);
		return NULL;
	}
	return fields;
}

static int record_changed(struct apply *a, const char *id, const char *type,
			  const git_oid *old, const git_oid *new_)
{
	char key[80];
	snprintf(key, sizeof key, "%s/%s", id, type);
	char *fields;
	if (a->nothers) {
		fields = merge_fields(a, old, new_);
		cb_versions_forget(a->versions, key);
	} else {
		fields = cb_versions_changed(a->versions, a->st->repo, key, old, new_);
	}
	if (!fields)
		return cb_err(CB_ENOMEM, _("out of memory"));
	char blob_hex[GIT_OID_HEXSZ + 1] = "";
	if (new_)
		git_oid_tostr(blob_hex, sizeof blob_hex, new_);
	char *parents = parent_blobs(a, old);
	struct cb_row row = { a->commit_hex, id, type, a->author->name, a->author->email,
			      a->summary, fields, blob_hex, parents,
			      (int64_t)a->author->when.time, a->author->when.offset };
	int rc = a->rows ? cb_rows_add(a->rows, &row) : insert_row(a->ix, a->ins_history, &row);
	free(parents);
	free(fields);
	if (rc == CB_ENOMEM)
		rc = cb_err(CB_ENOMEM, _("out of memory"));
	return rc ? rc : touch(a, id, type);
}

/* Compares two trees under people/, calling record_changed for every
 * record file that differs. Subtrees with equal ids are skipped, so the
 * cost follows the size of the change, not of the repository. */
static int diff_level(struct apply *a, git_tree *old, git_tree *new_,
		      char *path, size_t plen, int depth);

/* What a merge's other parents had at path, for the three questions
 * below: looked up once per record file. */
static void look_in_others(struct apply *a, const char *path)
{
	for (size_t i = 0; i < a->nothers; i++) {
		git_tree_entry *e = NULL;
		a->other_kind[i] = OTHER_NONE;
		if (git_tree_entry_bypath(&e, a->others[i], path) == 0) {
			a->other_kind[i] = git_tree_entry_type(e) == GIT_OBJECT_BLOB
						   ? OTHER_BLOB : OTHER_NOT_BLOB;
			git_oid_cpy(&a->other_blob[i], git_tree_entry_id(e));
		}
		git_tree_entry_free(e);
	}
}

/* 1 when a merge's record (blob, or NULL when removed) is exactly what
 * another parent of the merge had there. */
static int as_in_another_parent(struct apply *a, const git_oid *blob)
{
	for (size_t i = 0; i < a->nothers; i++)
		if (a->other_kind[i] == OTHER_NONE ? !blob
		    : blob && a->other_kind[i] == OTHER_BLOB &&
		      git_oid_equal(&a->other_blob[i], blob))
			return 1;
	return 0;
}

static int diff_entry(struct apply *a, const git_tree_entry *oe,
		      const git_tree_entry *ne, char *path, size_t plen, int depth)
{
	const char *name = git_tree_entry_name(ne ? ne : oe);
	size_t nl = strlen(name);
	if (plen + nl + 2 >= 512)
		return 0;
	memcpy(path + plen, name, nl);
	path[plen + nl] = '\0';
	int otree = oe && git_tree_entry_type(oe) == GIT_OBJECT_TREE;
	int ntree = ne && git_tree_entry_type(ne) == GIT_OBJECT_TREE;
	if (depth < 4) {
		/* people/<c0>/<c1>/<id>: directories only */
		git_tree *ot = NULL, *nt = NULL;
		if (otree && tree_get(a, git_tree_entry_id(oe), &ot))
			return CB_ERROR;
		if (ntree && tree_get(a, git_tree_entry_id(ne), &nt)) {
			git_tree_free(ot);
			return CB_ERROR;
		}
		path[plen + nl] = '/';
		int rc = (ot || nt) ? diff_level(a, ot, nt, path, plen + nl + 1, depth + 1) : 0;
		git_tree_free(ot);
		git_tree_free(nt);
		return rc;
	}
	/* depth 4: record files */
	char id[11], type[64];
	if (cb_record_path_parse(path, id, type) != 0)
		return 0;
	const git_oid *oo = oe && !otree ? git_tree_entry_id(oe) : NULL;
	const git_oid *no = ne && !ntree ? git_tree_entry_id(ne) : NULL;
	if (!oo && !no)
		return 0;
	look_in_others(a, path);
	if (as_in_another_parent(a, no))
		return 0;
	return record_changed(a, id, type, oo, no);
}

static int diff_level(struct apply *a, git_tree *old, git_tree *new_,
		      char *path, size_t plen, int depth)
{
	if (old && new_ && git_oid_equal(git_tree_id(old), git_tree_id(new_)))
		return 0;
	size_t nn = new_ ? git_tree_entrycount(new_) : 0;
	size_t no = old ? git_tree_entrycount(old) : 0;
	for (size_t i = 0; i < nn; i++) {
		const git_tree_entry *ne = git_tree_entry_byindex(new_, i);
		const git_tree_entry *oe = old ? git_tree_entry_byname(old, git_tree_entry_name(ne)) : NULL;
		if (oe && git_oid_equal(git_tree_entry_id(oe), git_tree_entry_id(ne)) &&
		    git_tree_entry_filemode(oe) == git_tree_entry_filemode(ne))
			continue;
		int rc = diff_entry(a, oe, ne, path, plen, depth);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < no; i++) {
		const git_tree_entry *oe = git_tree_entry_byindex(old, i);
		if (new_ && git_tree_entry_byname(new_, git_tree_entry_name(oe)))
			continue;
		int rc = diff_entry(a, oe, NULL, path, plen, depth);
		if (rc)
			return rc;
	}
	return 0;
}

static int people_tree(struct apply *a, git_commit *c, git_tree **out)
{
	git_tree *root = NULL;
	*out = NULL;
	if (tree_get(a, git_commit_tree_id(c), &root))
		return CB_ERROR;
	int rc = 0;
	const git_tree_entry *e = git_tree_entry_byname(root, "people");
	if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE)
		rc = tree_get(a, git_tree_entry_id(e), out);
	git_tree_free(root);
	return rc;
}

/* The first parent's people/ tree: the last commit's, when it is that. */
static int parent_people_tree(struct apply *a, git_commit *c, int have_last, git_tree **out)
{
	*out = NULL;
	if (git_commit_parentcount(c) == 0)
		return 0;
	if (have_last && git_oid_equal(git_commit_parent_id(c, 0), &a->last_commit))
		return git_oid_is_zero(&a->last_people) ? 0 : tree_get(a, &a->last_people, out);
	git_commit *p = NULL;
	if (git_commit_parent(&p, c, 0) < 0)
		return cb_err_git(CB_ERROR, _("cannot read a parent commit"));
	int rc = people_tree(a, p, out);
	git_commit_free(p);
	return rc;
}

static int apply_commit(struct apply *a, const git_oid *oid)
{
	git_commit *c = NULL;
	git_tree *nt = NULL, *ot = NULL;
	int rc = 0;
	int had_last = a->have_last;
	a->have_last = 0; /* set again when this commit is applied */
	if (git_commit_lookup(&c, a->st->repo, oid) < 0)
		return cb_err_git(CB_ERROR, _("cannot read a commit"));
	a->commit = c;
	git_oid_tostr(a->commit_hex, sizeof a->commit_hex, oid);
	a->summary = git_commit_summary(c);
	a->author = git_commit_author(c);
	if ((rc = people_tree(a, c, &nt)) || (rc = parent_people_tree(a, c, had_last, &ot)))
		goto out;
	git_oid_cpy(&a->last_commit, oid);
	memset(&a->last_people, 0, sizeof a->last_people);
	if (nt)
		git_oid_cpy(&a->last_people, git_tree_id(nt));
	a->nothers = 0;
	for (unsigned i = 1; i < git_commit_parentcount(c) && a->nothers < 8; i++) {
		git_commit *op = NULL;
		if (git_commit_parent(&op, c, i) < 0 ||
		    git_commit_tree(&a->others[a->nothers], op) < 0) {
			git_commit_free(op);
			rc = cb_err_git(CB_ERROR, _("cannot read a parent commit"));
			goto out;
		}
		a->nothers++;
		git_commit_free(op);
	}
	char path[512] = "people/";
	if (ot || nt)
		rc = diff_level(a, ot, nt, path, strlen(path), 1);
out:
	for (size_t i = 0; i < a->nothers; i++)
		git_tree_free(a->others[i]);
	a->nothers = 0;
	git_tree_free(nt);
	git_tree_free(ot);
	git_commit_free(c);
	a->have_last = rc == 0;
	return rc;
}

/* ---- materialising the current version of a record ---- */

/* The statements below run once or more per record: a rebuild runs them
 * for every record file, and preparing each anew was a tenth of its work.
 * They are prepared once per catch-up, kept here (keyed by the SQL text's
 * address) and finalised when the catch-up ends. */
#define KEPT_MAX 24
static struct {
	sqlite3 *db;
	const char *sql[KEPT_MAX];
	sqlite3_stmt *st[KEPT_MAX];
	size_t n;
} kept;

static sqlite3_stmt *prep_kept(struct cb_index *ix, const char *sql)
{
	if (kept.db != ix->db) {
		for (size_t i = 0; i < kept.n; i++)
			sqlite3_finalize(kept.st[i]);
		kept.n = 0;
		kept.db = ix->db;
	}
	for (size_t i = 0; i < kept.n; i++)
		if (kept.sql[i] == sql)
			return kept.st[i];
	sqlite3_stmt *st = ix_prep(ix, sql);
	if (st && kept.n < KEPT_MAX) {
		kept.sql[kept.n] = sql;
		kept.st[kept.n++] = st;
	} else if (st) {
		sqlite3_finalize(st); /* more than foreseen: a bug, not a crash */
		st = NULL;
		cb_err(CB_ERROR, _("index: too many statements"));
	}
	return st;
}

static void kept_release(void)
{
	for (size_t i = 0; i < kept.n; i++)
		sqlite3_finalize(kept.st[i]);
	kept.n = 0;
	kept.db = NULL;
}

static int delete_person_rows(struct cb_index *ix, const char *id, const char *kind)
{
	sqlite3_stmt *s1 = prep_kept(ix, "DELETE FROM search WHERE rowid IN "
				"(SELECT rowid FROM search_row WHERE person = ?1 AND kind = ?2)");
	sqlite3_stmt *s2 = prep_kept(ix, "DELETE FROM search_row WHERE person = ?1 AND kind = ?2");
	int rc = CB_ERROR;
	if (s1 && s2) {
		ix_bind_text(s1, 1, id);
		ix_bind_text(s1, 2, kind);
		ix_bind_text(s2, 1, id);
		ix_bind_text(s2, 2, kind);
		rc = ix_step_done(ix, s1, "search");
		if (!rc)
			rc = ix_step_done(ix, s2, "search");
	}
	return rc;
}

/* Every statement that writes to the full-text table makes FTS5 write out
 * what it holds in memory; row by row, a rebuild spent a tenth of its time
 * there. A rebuild collects the rows in a temporary table and moves them
 * across in one statement (search_load_end). */
static int search_load_begin(struct cb_index *ix)
{
	return ix_exec(ix, "CREATE TEMP TABLE search_load(rowid INTEGER PRIMARY KEY, text TEXT)");
}

static int search_load_end(struct cb_index *ix)
{
	return ix_exec(ix, "INSERT INTO search(rowid, text) SELECT rowid, text FROM temp.search_load;"
			   " DROP TABLE temp.search_load");
}

static int add_search(struct cb_index *ix, const char *person, const char *kind,
		      const char *entry, const char *text, int fresh)
{
	sqlite3_stmt *s1 = prep_kept(ix, "INSERT INTO search_row(person, kind, entry) VALUES (?, ?, ?)");
	sqlite3_stmt *s2 = fresh ? prep_kept(ix, "INSERT INTO temp.search_load(rowid, text) VALUES (?, ?)")
				 : prep_kept(ix, "INSERT INTO search(rowid, text) VALUES (?, ?)");
	int rc = CB_ERROR;
	if (s1 && s2) {
		ix_bind_text(s1, 1, person);
		ix_bind_text(s1, 2, kind);
		ix_bind_text(s1, 3, entry);
		rc = ix_step_done(ix, s1, "search");
		if (!rc) {
			sqlite3_bind_int64(s2, 1, sqlite3_last_insert_rowid(ix->db));
			ix_bind_text(s2, 2, text);
			rc = ix_step_done(ix, s2, "search");
		}
	}
	return rc;
}

static int run1(struct cb_index *ix, const char *sql, const char *a1, const char *a2)
{
	sqlite3_stmt *s = prep_kept(ix, sql);
	if (!s)
		return CB_ERROR;
	ix_bind_text(s, 1, a1);
	if (a2)
		ix_bind_text(s, 2, a2);
	int rc = ix_step_done(ix, s, sql);
	return rc;
}

static const char *g(const struct cb_stanza *s, const char *name)
{
	return cb_stanza_get(s, name);
}

static int put_person(struct cb_index *ix, const char *id, const struct cb_doc *d, int fresh)
{
	const struct cb_stanza *h = &d->stanzas[0];
	sqlite3_stmt *s = prep_kept(ix, "INSERT OR REPLACE INTO person(id, name, preferred_name,"
			       " dob, gender, status, worker, pa, team)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!s)
		return CB_ERROR;
	const char *name = g(h, "Name");
	ix_bind_text(s, 1, id);
	ix_bind_text(s, 2, name ? name : "");
	ix_bind_text(s, 3, g(h, "Preferred-Name"));
	ix_bind_text(s, 4, g(h, "Date-Of-Birth"));
	ix_bind_text(s, 5, g(h, "Gender"));
	ix_bind_text(s, 6, g(h, "Status"));
	ix_bind_text(s, 7, g(h, "Worker"));
	ix_bind_text(s, 8, g(h, "Personal-Adviser"));
	ix_bind_text(s, 9, g(h, "Team"));
	int rc = ix_step_done(ix, s, "person");
	if (rc || (!fresh && (rc = delete_person_rows(ix, id, "person"))))
		return rc;
	struct cb_sb text = CB_SB_INIT;
	cb_sb_addf(&text, "%s %s %s", name ? name : "",
		   g(h, "Preferred-Name") ? g(h, "Preferred-Name") : "", id);
	rc = cb_sb_failed(&text) ? CB_ENOMEM : add_search(ix, id, "person", NULL, text.buf, fresh);
	cb_sb_free(&text);
	return rc;
}

static int put_chronology(struct cb_index *ix, const char *id, const struct cb_doc *d, int fresh)
{
	int rc = fresh ? 0 : run1(ix, "DELETE FROM chronology WHERE person = ?", id, NULL);
	if (rc || (!fresh && (rc = delete_person_rows(ix, id, "entry"))))
		return rc;
	sqlite3_stmt *s = prep_kept(ix, "INSERT OR REPLACE INTO chronology(person, id, date,"
			       " category, significance, event, impact, source)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!s)
		return CB_ERROR;
	for (size_t i = 1; i < d->nstanzas && !rc; i++) {
		const struct cb_stanza *e = &d->stanzas[i];
		const char *eid = g(e, "Id");
		if (!eid)
			continue;
		ix_bind_text(s, 1, id);
		ix_bind_text(s, 2, eid);
		ix_bind_text(s, 3, g(e, "Date"));
		ix_bind_text(s, 4, g(e, "Category"));
		ix_bind_text(s, 5, g(e, "Significance"));
		ix_bind_text(s, 6, g(e, "Event"));
		ix_bind_text(s, 7, g(e, "Impact"));
		ix_bind_text(s, 8, g(e, "Source"));
		rc = ix_step_done(ix, s, "chronology");
		if (rc)
			break;
		struct cb_sb text = CB_SB_INIT;
		cb_sb_addf(&text, "%s\n%s\n%s\n%s", g(e, "Event") ? g(e, "Event") : "",
			   g(e, "Impact") ? g(e, "Impact") : "",
			   g(e, "Source") ? g(e, "Source") : "",
			   g(e, "Category") ? g(e, "Category") : "");
		rc = cb_sb_failed(&text) ? CB_ENOMEM : add_search(ix, id, "entry", eid, text.buf, fresh);
		cb_sb_free(&text);
	}
	return rc;
}

static int put_plan(struct cb_index *ix, const char *id, const struct cb_doc *d)
{
	const struct cb_stanza *h = &d->stanzas[0];
	sqlite3_stmt *s = prep_kept(ix, "INSERT OR REPLACE INTO plan(person, plan_date,"
			       " last_review, next_review, needs_assessment, personal_adviser)"
			       " VALUES (?, ?, ?, ?, ?, ?)");
	if (!s)
		return CB_ERROR;
	ix_bind_text(s, 1, id);
	ix_bind_text(s, 2, g(h, "Plan-Date"));
	ix_bind_text(s, 3, g(h, "Last-Review"));
	ix_bind_text(s, 4, g(h, "Next-Review"));
	ix_bind_text(s, 5, g(h, "Needs-Assessment-Date"));
	ix_bind_text(s, 6, g(h, "Personal-Adviser"));
	int rc = ix_step_done(ix, s, "plan");
	return rc;
}

static int clear_record(struct cb_index *ix, const char *id, const char *type)
{
	int rc = run1(ix, "DELETE FROM record WHERE person = ? AND type = ?", id, type);
	if (rc)
		return rc;
	if (strcmp(type, "person") == 0) {
		rc = run1(ix, "DELETE FROM person WHERE id = ?", id, NULL);
		if (!rc)
			rc = delete_person_rows(ix, id, "person");
	} else if (strcmp(type, "chronology") == 0) {
		rc = run1(ix, "DELETE FROM chronology WHERE person = ?", id, NULL);
		if (!rc)
			rc = delete_person_rows(ix, id, "entry");
	} else if (strcmp(type, "pathway-plan") == 0) {
		rc = run1(ix, "DELETE FROM plan WHERE person = ?", id, NULL);
	}
	return rc ? rc : cb_facts_clear(ix->db, id, type);
}

/* Re-reads one record at the tip and refreshes its rows. The last change
 * (commit, author, time) comes from the history rows just written. */
static int materialise(struct apply *a, git_tree *tip, const char *id, const char *type)
{
	struct cb_index *ix = a->ix;
	char path[128];
	if (cb_record_path(path, sizeof path, id, type))
		return 0;
	int rc = a->fresh ? 0 : clear_record(ix, id, type);
	if (rc)
		return rc;
	git_tree_entry *e = NULL;
	if (!tip || git_tree_entry_bypath(&e, tip, path) < 0)
		return 0; /* deleted */
	char *text = NULL;
	size_t len = 0;
	struct cb_doc d;
	const struct cb_record_type *t = NULL;
	int parsed;
	char key[80];
	snprintf(key, sizeof key, "%s/%s", id, type);
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		git_tree_entry_free(e);
		return 0;
	}
	if (a->versions && cb_versions_take(a->versions, key, git_tree_entry_id(e), &d)) {
		/* The walk parsed this version last: no need to read it again. */
		parsed = cb_record_check(&d, type, &t, NULL) == 0;
	} else if (cb_blob_read(a->st->repo, git_tree_entry_id(e), &text, &len)) {
		git_tree_entry_free(e);
		cb_err_clear();
		return 0;
	} else {
		parsed = cb_record_parse(&d, text, len, type, &t, NULL) == 0;
		free(text);
	}
	char blob_hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(blob_hex, sizeof blob_hex, git_tree_entry_id(e));
	git_tree_entry_free(e);
	int valid = parsed;
	/* A record must be about the person whose folder it is in. */
	if (valid) {
		const char *subj = cb_stanza_get(&d.stanzas[0],
						 strcmp(type, "person") == 0 ? "Id" : "Person");
		if (!subj || strcmp(subj, id) != 0)
			valid = 0;
	}
	sqlite3_stmt *s = prep_kept(ix, "INSERT OR REPLACE INTO record(person, type, blob, valid,"
			       " commit_id, author_name, author_email, time)"
			       " SELECT ?1, ?2, ?3, ?4, commit_id, author_name, author_email, time"
			       " FROM history WHERE person = ?1 AND type = ?2"
			       " ORDER BY seq DESC LIMIT 1");
	if (!s) {
		rc = CB_ERROR;
		goto out;
	}
	ix_bind_text(s, 1, id);
	ix_bind_text(s, 2, type);
	ix_bind_text(s, 3, blob_hex);
	sqlite3_bind_int(s, 4, valid);
	rc = ix_step_done(ix, s, "record");
	if (rc || !valid)
		goto out;
	if (strcmp(type, "person") == 0)
		rc = put_person(ix, id, &d, a->fresh);
	else if (strcmp(type, "chronology") == 0)
		rc = put_chronology(ix, id, &d, a->fresh);
	else if (strcmp(type, "pathway-plan") == 0)
		rc = put_plan(ix, id, &d);
	if (!rc)
		rc = cb_facts_put(ix->db, id, type, &d);
out:
	if (parsed) /* valid or not: a misfiled record parsed too */
		cb_doc_free(&d);
	return rc;
}

static int tip_people(struct cb_store *st, const git_oid *tip, git_tree **root)
{
	git_commit *c = NULL;
	*root = NULL;
	if (git_commit_lookup(&c, st->repo, tip) < 0 || git_commit_tree(root, c) < 0) {
		git_commit_free(c);
		return cb_err_git(CB_ERROR, _("cannot read the last commit"));
	}
	git_commit_free(c);
	return 0;
}

/* Calls fn with each people/<c0>/<c1> tree of root, until fn returns
 * non-zero (returned). Trees that cannot be read are passed over. */
static int each_shard(git_repository *repo, git_tree *root,
		      int (*fn)(git_tree *shard, void *ctx), void *ctx)
{
	const git_tree_entry *pe = root ? git_tree_entry_byname(root, "people") : NULL;
	git_tree *people = NULL;
	if (!pe || git_tree_entry_type(pe) != GIT_OBJECT_TREE ||
	    git_tree_lookup(&people, repo, git_tree_entry_id(pe)) < 0)
		return 0;
	int rc = 0;
	for (size_t i = 0; i < git_tree_entrycount(people) && !rc; i++) {
		const git_tree_entry *e0 = git_tree_entry_byindex(people, i);
		git_tree *t0 = NULL;
		if (git_tree_entry_type(e0) != GIT_OBJECT_TREE ||
		    git_tree_lookup(&t0, repo, git_tree_entry_id(e0)) < 0)
			continue;
		for (size_t j = 0; j < git_tree_entrycount(t0) && !rc; j++) {
			const git_tree_entry *e1 = git_tree_entry_byindex(t0, j);
			git_tree *t1 = NULL;
			if (git_tree_entry_type(e1) != GIT_OBJECT_TREE ||
			    git_tree_lookup(&t1, repo, git_tree_entry_id(e1)) < 0)
				continue;
			rc = fn(t1, ctx);
			git_tree_free(t1);
		}
		git_tree_free(t0);
	}
	git_tree_free(people);
	return rc;
}

struct tip_walk {
	struct apply *a;
	git_tree *root;
};

/* Every record file of one shard: <id>/<record>. */
static int materialise_shard(git_tree *shard, void *ctx)
{
	struct tip_walk *w = ctx;
	int rc = 0;
	for (size_t k = 0; k < git_tree_entrycount(shard) && !rc; k++) {
		const git_tree_entry *e2 = git_tree_entry_byindex(shard, k);
		const char *id = git_tree_entry_name(e2);
		git_tree *t2 = NULL;
		if (!cb_person_id_valid(id) || git_tree_entry_type(e2) != GIT_OBJECT_TREE ||
		    git_tree_lookup(&t2, w->a->st->repo, git_tree_entry_id(e2)) < 0)
			continue;
		for (size_t r = 0; r < git_tree_entrycount(t2) && !rc; r++) {
			const char *type = git_tree_entry_name(git_tree_entry_byindex(t2, r));
			if (strlen(type) < 64)
				rc = materialise(w->a, w->root, id, type);
		}
		git_tree_free(t2);
	}
	return rc;
}

/* Every record file in the tip tree (for a rebuild). */
static int materialise_all(struct apply *a, git_tree *root)
{
	struct tip_walk w = { a, root };
	return each_shard(a->st->repo, root, materialise_shard, &w);
}

static int clear_all(struct cb_index *ix)
{
	int rc = ix_exec(ix, "DELETE FROM person; DELETE FROM plan; DELETE FROM record;"
			" DELETE FROM chronology; DELETE FROM search; DELETE FROM search_row;"
			" DELETE FROM history; DELETE FROM meta;");
	return rc ? rc : cb_facts_clear_all(ix->db);
}

/* A rebuild writes every history row at once. Kept up to date row by row,
 * the history table's indexes (by record, by commit: both in an order
 * unrelated to the walk's) were updated at random places, which grows
 * worse than linearly once they outgrow SQLite's page cache. They are
 * dropped for the walk and built again after it, by one sort each. */
#define HISTORY_INDEXES_MAX 8
struct saved_indexes {
	char *sql[HISTORY_INDEXES_MAX];
	size_t n;
};

static int history_indexes_drop(struct cb_index *ix, struct saved_indexes *keep)
{
	sqlite3_stmt *st = ix_prep(ix, "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
				   " AND tbl_name = 'history' AND sql IS NOT NULL ORDER BY name");
	if (!st)
		return CB_ERROR;
	char *names[HISTORY_INDEXES_MAX] = { 0 };
	int rc = 0;
	while (sqlite3_step(st) == SQLITE_ROW && keep->n < HISTORY_INDEXES_MAX) {
		names[keep->n] = sqlite3_mprintf("DROP INDEX \"%w\"", ix_col(st, 0));
		keep->sql[keep->n] = sqlite3_mprintf("%s", ix_col(st, 1));
		if (!names[keep->n] || !keep->sql[keep->n])
			rc = cb_err(CB_ENOMEM, _("out of memory"));
		keep->n++;
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < keep->n; i++) {
		if (!rc)
			rc = ix_exec(ix, names[i]);
		sqlite3_free(names[i]);
	}
	return rc;
}

static int history_indexes_restore(struct cb_index *ix, struct saved_indexes *keep)
{
	int rc = 0;
	for (size_t i = 0; i < keep->n; i++) {
		if (!rc)
			rc = ix_exec(ix, keep->sql[i]);
		sqlite3_free(keep->sql[i]);
		keep->sql[i] = NULL;
	}
	keep->n = 0;
	return rc;
}

static int count_people(git_tree *shard, void *ctx)
{
	*(size_t *)ctx += git_tree_entrycount(shard);
	return 0;
}

/* About how many records the tip (root) holds, three for each person: how
 * much a rebuild keeps parsed. Counting the people reads about a thousand
 * small trees, not the ten thousands of each person's own. */
static size_t records_at(struct cb_store *st, git_tree *root)
{
	size_t n = 0;
	each_shard(st->repo, root, count_people, &n);
	return n * 3;
}

static int walk(struct apply *a, const git_oid *tip, const git_oid *hide)
{
	git_revwalk *w = NULL;
	int rc = 0;
	if (git_revwalk_new(&w, a->st->repo) < 0 ||
	    git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push(w, tip) < 0 || (hide && git_revwalk_hide(w, hide) < 0)) {
		git_revwalk_free(w);
		return cb_err_git(CB_ERROR, _("cannot walk the history"));
	}
	git_oid oid;
	int grc;
	while (!rc && (grc = git_revwalk_next(&oid, w)) == 0) {
		rc = apply_commit(a, &oid);
		a->ix->applied++;
	}
	git_revwalk_free(w);
	return rc;
}

/* ---- a rebuild on several threads ---- */

/* What a walk keeps: its caches, for about records records. */
static int apply_init(struct apply *a, size_t records)
{
	a->cache = calloc(1, sizeof *a->cache);
	a->trees = calloc(1, sizeof *a->trees);
	a->versions = cb_versions_new(records);
	return a->cache && a->trees && a->versions ? 0 : cb_err(CB_ENOMEM, _("out of memory"));
}

static void apply_release(struct apply *a)
{
	cache_free(a->cache);
	trees_free(a->trees);
	cb_versions_free(a->versions);
	a->cache = NULL;
	a->trees = NULL;
	a->versions = NULL;
}

/* Every commit to tip, in the order they are applied (parents first). */
static int walk_list(struct cb_store *st, const git_oid *tip, git_oid **out, size_t *n)
{
	git_revwalk *w = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (git_revwalk_new(&w, st->repo) < 0 ||
	    git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push(w, tip) < 0) {
		git_revwalk_free(w);
		return cb_err_git(CB_ERROR, _("cannot walk the history"));
	}
	git_oid oid;
	int rc = 0;
	while (!rc && git_revwalk_next(&oid, w) == 0) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4096;
			git_oid *v = realloc(*out, cap * sizeof *v);
			if (!v) {
				rc = cb_err(CB_ENOMEM, _("out of memory"));
				break;
			}
			*out = v;
		}
		git_oid_cpy(&(*out)[(*n)++], &oid);
	}
	git_revwalk_free(w);
	return rc;
}

/* A stretch of the history that another thread applies, keeping its rows
 * for this one to write when the stretches before it are written. */
struct part {
	struct apply a;
	struct cb_store st; /* its own repository: libgit2 objects stay in one thread */
	struct cb_rows rows;
	const git_oid *oids;
	size_t n;
	int rc, started;
	char err[1024];
	pthread_t thread;
};

static void *part_run(void *arg)
{
	struct part *p = arg;
	for (size_t i = 0; i < p->n && !p->rc; i++)
		p->rc = apply_commit(&p->a, &p->oids[i]);
	if (p->rc)
		snprintf(p->err, sizeof p->err, "%s", cb_err_msg());
	return NULL;
}

/* How many stretches: one per processor (at most four), for a history long
 * enough to be worth it; CASEBOOK_REBUILD_PARTS (1 to 16) says how many
 * whatever the length, for tests and for measuring. An encrypted
 * workspace's keys are read by one thread only. */
static size_t parts_for(struct cb_store *st, size_t commits)
{
	const char *env = getenv("CASEBOOK_REBUILD_PARTS");
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (cb_keys_encrypted(st->repo) || commits < 2)
		return 1;
	if (env && *env) {
		long want = strtol(env, NULL, 10);
		if (want >= 1 && want <= 16)
			return (size_t)want < commits ? (size_t)want : commits;
	}
	if (commits < 4096 || cpus < 2)
		return 1;
	return cpus > 4 ? 4 : (size_t)cpus;
}

/* A rebuild's walk. A history row depends only on the commit and its
 * parents, so the history is cut into stretches applied side by side;
 * each starts with nothing parsed, which costs one whole parse of each
 * record it meets. This thread applies the first stretch (a little
 * shorter: it also writes every row) and then the others' rows, in order,
 * so the rows and their numbers are those of a walk on one thread. The
 * last stretch's kept versions are what materialising the tip can use. */
static int rebuild_walk(struct apply *a, const git_oid *tip, size_t records)
{
	git_oid *oids = NULL;
	size_t n = 0;
	int rc = walk_list(a->st, tip, &oids, &n);
	size_t np = rc ? 1 : parts_for(a->st, n);
	struct part *parts = np > 1 ? calloc(np, sizeof *parts) : NULL;
	if (np > 1 && !parts)
		np = 1;
	size_t first = np > 1 ? n * 9 / (10 * np) : n, start = first;
	for (size_t k = 1; k < np && !rc; k++) {
		struct part *p = &parts[k];
		p->oids = oids + start;
		p->n = k == np - 1 ? n - start : (n - first) / (np - 1);
		start += p->n;
		p->a.st = &p->st;
		p->a.rows = &p->rows;
		if (git_repository_open(&p->st.repo, git_repository_path(a->st->repo)) < 0)
			rc = cb_err_git(CB_ERROR, _("cannot open the repository"));
		else if (!(rc = apply_init(&p->a, records)) &&
			 pthread_create(&p->thread, NULL, part_run, p) == 0)
			p->started = 1;
		else if (!rc)
			rc = cb_err(CB_ERROR, _("cannot start a thread"));
	}
	for (size_t i = 0; i < first && !rc; i++)
		rc = apply_commit(a, &oids[i]);
	if (np > 1) {
		/* Only the last stretch's versions are of use after the walk. */
		cb_versions_free(a->versions);
		a->versions = NULL;
	}
	for (size_t k = 1; k < np; k++) {
		struct part *p = &parts[k];
		if (p->started)
			pthread_join(p->thread, NULL);
		if (!rc && p->started && p->rc)
			rc = cb_err(p->rc, "%s", p->err);
		for (size_t i = 0; i < p->rows.n && !rc; i++)
			rc = insert_row(a->ix, a->ins_history, p->rows.v[i]);
		if (k == np - 1 && !rc) {
			a->versions = p->a.versions;
			p->a.versions = NULL;
		}
		apply_release(&p->a);
		cb_rows_free(&p->rows);
		git_repository_free(p->st.repo);
	}
	free(parts);
	free(oids);
	a->ix->applied += n;
	return rc;
}

int cb_index_apply(struct cb_index *ix, struct cb_store *st, int force_rebuild)
{
	struct apply a = { .ix = ix, .st = st };
	struct saved_indexes dropped = { 0 };
	git_oid tip, old;
	git_tree *root = NULL;
	char old_hex[GIT_OID_HEXSZ + 1];
	int rc;

	ix->applied = 0;
	/* IMMEDIATE: two processes catching up at once must not both apply. */
	if ((rc = ix_exec(ix, "BEGIN IMMEDIATE")))
		return rc;
	if ((rc = ix_meta_get(ix, "head", old_hex, sizeof old_hex)))
		goto fail;
	int have_tip = cb_store_head(st, &tip) == 0;
	int have_old = old_hex[0] && git_oid_fromstr(&old, old_hex) == 0;
	if (!force_rebuild) {
		if (have_tip && have_old && git_oid_equal(&tip, &old))
			return ix_exec(ix, "COMMIT");
		if (!have_tip && !have_old)
			return ix_exec(ix, "COMMIT");
	}
	/* Behind: apply the new commits. Anything else (a rewritten or reset
	 * branch, or asked to) is a rebuild from the first commit. */
	int incremental = !force_rebuild && have_tip && have_old &&
			  git_graph_descendant_of(st->repo, &tip, &old) == 1;
	if (!incremental && ((rc = clear_all(ix)) || (rc = history_indexes_drop(ix, &dropped))))
		goto fail;
	if (!have_tip)
		goto done;
	a.collect = incremental;
	if ((rc = tip_people(st, &tip, &root)))
		goto fail;
	size_t records = incremental ? 0 : records_at(st, root);
	if ((rc = apply_init(&a, records)))
		goto fail;
	a.ins_history = ix_prep(ix, "INSERT INTO history(commit_id, person, type, author_name,"
			     " author_email, time, tz, summary, fields, blob, parents)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!a.ins_history) {
		rc = CB_ERROR;
		goto fail;
	}
	/* A full rebuild reads every tree once; libgit2's object cache would
	 * only keep them all in memory (about 1 GB for 100,000 commits). Nor
	 * is each object hashed again as it is read (an eighth of the work):
	 * git itself does not, a damaged pack still fails its zlib and delta
	 * checks, and casebook verify is the command that checks everything. */
	/* Only trees are kept, in a small cache: each commit's trees are the
	 * next commit's parent trees, so half of all tree reads were of a
	 * tree read a moment before (rebuild of 5,000 commits 5.61 G to
	 * 5.41 G instructions, callgrind). Commits and blobs are read once each. */
	if (!incremental) {
		git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
		git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, (size_t)0);
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	}
	rc = incremental ? walk(&a, &tip, &old) : rebuild_walk(&a, &tip, records);
	if (!rc)
		rc = history_indexes_restore(ix, &dropped);
	if (!incremental) {
		git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
		git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, (size_t)4096);
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	}
	if (rc)
		goto fail;
	if (incremental) {
		/* Sorted, the same record touched by several commits comes
		 * together and is materialised once: O(n log n), where asking
		 * every earlier entry was O(n^2) in the commits caught up. */
		if (a.ntouched > 1)
			qsort(a.touched, a.ntouched, sizeof *a.touched, touched_cmp);
		for (size_t i = 0; i < a.ntouched && !rc; i++) {
			if (i > 0 && strcmp(a.touched[i - 1], a.touched[i]) == 0)
				continue;
			char id[64];
			const char *slash = strchr(a.touched[i], '/');
			size_t il = (size_t)(slash - a.touched[i]);
			if (il >= sizeof id)
				continue; /* not an id touch() was given */
			memcpy(id, a.touched[i], il);
			id[il] = '\0';
			rc = materialise(&a, root, id, slash + 1);
		}
	} else {
		a.fresh = 1;
		rc = search_load_begin(ix);
		if (!rc)
			rc = materialise_all(&a, root);
		if (!rc)
			rc = search_load_end(ix);
	}
	if (!rc)
		rc = cb_facts_tip(ix->db, st->repo, root);
	if (rc)
		goto fail;
done:;
	char tip_hex[GIT_OID_HEXSZ + 1] = "";
	if (have_tip)
		git_oid_tostr(tip_hex, sizeof tip_hex, &tip);
	if ((rc = ix_meta_set(ix, "head", tip_hex)))
		goto fail;
	rc = ix_exec(ix, "COMMIT");
	if (!incremental)
		ix->rebuilt = 1;
	goto out;
fail:
	sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
out:
	kept_release();
	git_tree_free(root);
	sqlite3_finalize(a.ins_history);
	apply_release(&a);
	for (size_t i = 0; i < dropped.n; i++)
		sqlite3_free(dropped.sql[i]); /* the rollback put them back */
	for (size_t i = 0; i < a.ntouched; i++)
		free(a.touched[i]);
	free(a.touched);
	return rc;
}

