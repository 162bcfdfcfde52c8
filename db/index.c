/* index.c - the SQLite index: open, create, query; see index.h.
 * Catching up with the store is index_apply.c. */
#include "index_util.h"
#include "blob.h"
#include "index_seal.h"
#include "keys.h"
#include "deb822.h"
#include "err.h"
#include "i18n.h"
#include "id.h"
#include "index_facts.h"
#include "index_sql.h"
#include "record.h"
#include "schema.h"
#include "strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- open, create, rebuild ---- */

static int open_db(struct cb_index *ix, const char *path)
{
	int fd_mode = 0600;
	if (ix->key) {
		int fresh;
		int rc = cb_index_seal_load(&ix->db, ix->sealed_path, ix->key, &fresh);
		return rc ? rc : ix_exec(ix, "PRAGMA foreign_keys=OFF;");
	}
	if (sqlite3_open_v2(path, &ix->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		int rc = cb_err(CB_ERROR, _("cannot open the index %s: %s"), path,
				ix->db ? sqlite3_errmsg(ix->db) : "?");
		sqlite3_close(ix->db);
		ix->db = NULL;
		return rc;
	}
	chmod(path, (mode_t)fd_mode);
	sqlite3_busy_timeout(ix->db, 10000);
	/* The index can always be rebuilt from git, so it trades the last
	 * bit of durability for speed; the git store is the durable part. */
	return ix_exec(ix, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
			"PRAGMA foreign_keys=OFF;");
}

static int schema_version(struct cb_index *ix, int *v)
{
	sqlite3_stmt *st = NULL;
	*v = -1;
	if (sqlite3_prepare_v2(ix->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return CB_ERROR; /* not a database: caller rebuilds */
	if (sqlite3_step(st) == SQLITE_ROW)
		*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	/* user_version 0 on a file with tables is someone else's database. */
	return *v >= 0 ? 0 : CB_ERROR;
}

static void remove_db_files(const char *path)
{
	char buf[4096];
	unlink(path);
	snprintf(buf, sizeof buf, "%s-wal", path);
	unlink(buf);
	snprintf(buf, sizeof buf, "%s-shm", path);
	unlink(buf);
	snprintf(buf, sizeof buf, "%s-journal", path);
	unlink(buf);
}

static int create_schema(struct cb_index *ix)
{
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d;", CB_INDEX_VERSION);
	int rc = ix_exec(ix, "BEGIN");
	if (!rc)
		rc = ix_exec(ix, cb_index_sql);
	if (!rc)
		rc = ix_exec(ix, pragma);
	if (!rc)
		rc = ix_exec(ix, "COMMIT");
	else
		sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* After something failed: 1 when the file itself is damaged (a header
 * that reads fine over pages that do not), so starting again is right;
 * 0 for other failures (busy, out of memory), which must not cost the
 * file. Only run on the failure path: the check reads every page. */
static int damaged(struct cb_index *ix)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(ix->db, "PRAGMA quick_check", -1, &st, NULL);
	int bad;
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		bad = !r || strcmp(r, "ok") != 0;
	} else {
		rc &= 0xff;
		bad = rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
	}
	sqlite3_finalize(st);
	return bad;
}

/* Starts again from an empty file. Nothing is lost: the index is derived
 * from the repository. */
static int recreate(struct cb_index *ix, const char *path, struct cb_store *st)
{
	int rc;
	if (ix->db)
		sqlite3_close(ix->db);
	ix->db = NULL;
	remove_db_files(ix->key ? ix->sealed_path : path);
	if ((rc = open_db(ix, path)) || (rc = create_schema(ix)))
		return rc;
	ix->rebuilt = 1;
	return cb_index_catch_up(ix, st);
}

/* In an encrypted workspace: the team key (copied) and where the sealed
 * index lives; a plain index.sqlite left from before is removed. */
static int seal_setup(struct cb_index *ix, const char *path, struct cb_store *st)
{
	const unsigned char *team;
	if (!st || !st->repo || !cb_keys_encrypted(st->repo))
		return 0;
	int rc = cb_keys_team(st->repo, &team);
	if (rc)
		return rc;
	size_t n = strlen(path) + 8;
	if (!(ix->sealed_path = malloc(n)) || !(ix->key = cb_crypt_key_alloc())) {
		cb_index_close(ix);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	snprintf(ix->sealed_path, n, "%s.sealed", path);
	memcpy(ix->key, team, CB_KEY_BYTES);
	remove_db_files(path);
	return 0;
}

int cb_index_open(struct cb_index *ix, const char *path, struct cb_store *st)
{
	memset(ix, 0, sizeof *ix);
	int rc = seal_setup(ix, path, st);
	if (rc)
		return rc;
	rc = open_db(ix, path);
	int v = -1;
	if (!rc && schema_version(ix, &v) == 0 && v == CB_INDEX_VERSION) {
		rc = cb_index_catch_up(ix, st);
		if (!rc || !damaged(ix))
			return rc;
	}
	/* Missing, unreadable, damaged or of another version. */
	return recreate(ix, path, st);
}

int cb_index_open_current(struct cb_index *ix, const char *path, const char *head_hex)
{
	memset(ix, 0, sizeof *ix);
	char head[GIT_OID_HEXSZ + 1] = "";
	int v = -1;
	char sealed[4200];
	struct stat sb;
	snprintf(sealed, sizeof sealed, "%s.sealed", path);
	if (stat(sealed, &sb) == 0)
		return CB_ENOTFOUND; /* encrypted: the key is needed, so the store too */
	if (sqlite3_open_v2(path, &ix->db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(ix->db, 10000);
		if (schema_version(ix, &v) == 0 && v == CB_INDEX_VERSION &&
		    ix_meta_get(ix, "head", head, sizeof head) == 0 && strcmp(head, head_hex) == 0)
			return 0;
	}
	cb_index_close(ix);
	cb_err_clear();
	return CB_ENOTFOUND;
}

void cb_index_close(struct cb_index *ix)
{
	/* The sealed index is stored when this connection changed it. */
	if (ix->db && ix->key && sqlite3_total_changes(ix->db) > 0) {
		char *keep = strdup(cb_err_msg());
		cb_index_seal_store(ix->db, ix->sealed_path, ix->key);
		if (keep) {
			cb_err(CB_OK, "%s", keep);
			free(keep);
		}
	}
	if (ix->db)
		sqlite3_close(ix->db);
	ix->db = NULL;
	if (ix->key)
		sodium_free(ix->key);
	ix->key = NULL;
	free(ix->sealed_path);
	ix->sealed_path = NULL;
}

int cb_index_head(struct cb_index *ix, char out[GIT_OID_HEXSZ + 1])
{
	return ix_meta_get(ix, "head", out, GIT_OID_HEXSZ + 1);
}

int cb_index_catch_up(struct cb_index *ix, struct cb_store *st)
{
	return cb_index_apply(ix, st, 0);
}

int cb_index_rebuild(struct cb_index *ix, struct cb_store *st)
{
	int rc = cb_index_apply(ix, st, 1);
	if (!rc || !damaged(ix))
		return rc;
	/* Too damaged to clear: replace the file. */
	const char *name = sqlite3_db_filename(ix->db, "main");
	char *path = name && *name ? strdup(name) : NULL;
	if (!path)
		return rc;
	rc = recreate(ix, path, st);
	free(path);
	return rc;
}

/* ---- queries ---- */

#define PERSON_COLS "p.id, p.name, p.preferred_name, p.dob, p.gender, p.status," \
	" p.worker, p.pa, p.team, l.plan_date, l.last_review, l.next_review," \
	" l.needs_assessment FROM person p LEFT JOIN plan l ON l.person = p.id"

static int each_person(sqlite3_stmt *s, cb_person_fn fn, void *ctx, int *found)
{
	int rc = 0, sr;
	while ((sr = sqlite3_step(s)) == SQLITE_ROW) {
		struct cb_person_row r = {
			ix_col(s, 0), ix_col(s, 1), ix_col(s, 2), ix_col(s, 3), ix_col(s, 4), ix_col(s, 5),
			ix_col(s, 6), ix_col(s, 7), ix_col(s, 8), ix_col(s, 9), ix_col(s, 10), ix_col(s, 11),
			ix_col(s, 12)
		};
		if (found)
			(*found)++;
		if ((rc = fn(&r, ctx)))
			break;
	}
	if (!rc && sr != SQLITE_DONE && sr != SQLITE_ROW)
		rc = cb_err(CB_ERROR, _("index: %s"), sqlite3_errstr(sr));
	return rc;
}

int cb_index_people(struct cb_index *ix, const char *email, const char *team,
		    cb_person_fn fn, void *ctx)
{
	sqlite3_stmt *s;
	if (team) {
		s = ix_prep(ix, "SELECT " PERSON_COLS " WHERE p.team = ?1 ORDER BY p.name, p.id");
		if (s)
			ix_bind_text(s, 1, team);
	} else if (email) {
		s = ix_prep(ix, "SELECT " PERSON_COLS " WHERE p.worker = ?1 COLLATE NOCASE"
			 " OR p.pa = ?1 COLLATE NOCASE ORDER BY p.name, p.id");
		if (s)
			ix_bind_text(s, 1, email);
	} else {
		s = ix_prep(ix, "SELECT " PERSON_COLS " ORDER BY p.name, p.id");
	}
	if (!s)
		return CB_ERROR;
	int rc = each_person(s, fn, ctx, NULL);
	sqlite3_finalize(s);
	return rc;
}

int cb_index_person(struct cb_index *ix, const char *id, cb_person_fn fn, void *ctx)
{
	sqlite3_stmt *s = ix_prep(ix, "SELECT " PERSON_COLS " WHERE p.id = ?1");
	if (!s)
		return CB_ERROR;
	ix_bind_text(s, 1, id);
	int found = 0;
	int rc = each_person(s, fn, ctx, &found);
	sqlite3_finalize(s);
	if (!rc && !found)
		rc = cb_err(CB_ENOTFOUND, _("no person with id %s"), id);
	return rc;
}

int cb_index_resolve(struct cb_index *ix, const char *prefix, char id[11])
{
	if (!cb_person_id_prefix_valid(prefix))
		return cb_err(CB_EINVALID, _("\"%s\" is not a person id"), prefix);
	char up[11], hi[12];
	size_t n = strlen(prefix);
	for (size_t i = 0; i <= n; i++)
		up[i] = (char)((prefix[i] >= 'a' && prefix[i] <= 'z') ? prefix[i] - 32 : prefix[i]);
	snprintf(hi, sizeof hi, "%s~", up);
	/* From the records, not only the person table: someone whose person
	 * record is damaged must still be found, so the damage is reported. */
	sqlite3_stmt *s = ix_prep(ix, "SELECT r.person, coalesce(p.name, '') FROM"
			       " (SELECT DISTINCT person FROM record WHERE person >= ?1"
			       " AND person < ?2) r LEFT JOIN person p ON p.id = r.person"
			       " ORDER BY r.person LIMIT 6");
	if (!s)
		return CB_ERROR;
	ix_bind_text(s, 1, up);
	ix_bind_text(s, 2, hi);
	struct cb_sb names = CB_SB_INIT;
	int count = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (count == 0)
			snprintf(id, 11, "%s", ix_col(s, 0));
		if (count < 5)
			cb_sb_addf(&names, "\n  %s  %s", ix_col(s, 0), ix_col(s, 1));
		count++;
	}
	sqlite3_finalize(s);
	int rc = 0;
	if (count == 0)
		rc = cb_err(CB_ENOTFOUND, _("no person with id %s"), prefix);
	else if (count > 1)
		rc = cb_err(CB_EAMBIGUOUS, _("id prefix %s matches more than one person:%s"),
			    prefix, names.buf ? names.buf : "");
	cb_sb_free(&names);
	return rc;
}

int cb_index_history(struct cb_index *ix, const char *person, const char *type,
		     size_t limit, cb_history_fn fn, void *ctx)
{
	/* One statement per filter, so that SQLite uses history_record for a
	 * person or a record: "?1 IS NULL OR person = ?1" would scan the whole
	 * table, making a record's history O(commits), not O(versions). */
#define HISTORY_COLS "SELECT commit_id, person, type, author_name, author_email," \
		     " summary, fields, blob, time, tz, parents FROM history"
	const char *sql = person && type ? HISTORY_COLS " WHERE person = ?1 AND type = ?2"
					   " ORDER BY seq DESC LIMIT ?3"
			: person ? HISTORY_COLS " WHERE person = ?1 ORDER BY seq DESC LIMIT ?3"
			: type ? HISTORY_COLS " WHERE type = ?2 ORDER BY seq DESC LIMIT ?3"
			: HISTORY_COLS " ORDER BY seq DESC LIMIT ?3";
#undef HISTORY_COLS
	sqlite3_stmt *s = ix_prep(ix, sql);
	if (!s)
		return CB_ERROR;
	ix_bind_text(s, 1, person);
	ix_bind_text(s, 2, type);
	sqlite3_bind_int64(s, 3, limit ? (sqlite3_int64)limit : -1);
	int rc = 0, sr;
	while ((sr = sqlite3_step(s)) == SQLITE_ROW) {
		struct cb_history_row r = {
			ix_col(s, 0), ix_col(s, 1), ix_col(s, 2), ix_col(s, 3), ix_col(s, 4),
			ix_col(s, 5), ix_col(s, 6), ix_col(s, 7),
			sqlite3_column_int64(s, 8), sqlite3_column_int(s, 9), ix_col(s, 10)
		};
		if ((rc = fn(&r, ctx)))
			break;
	}
	sqlite3_finalize(s);
	return rc;
}

int cb_index_records(struct cb_index *ix, const char *person, cb_record_fn fn, void *ctx)
{
	sqlite3_stmt *s = ix_prep(ix, "SELECT person, type, blob, commit_id, author_name,"
			       " author_email, time, valid FROM record WHERE person = ?");
	if (!s)
		return CB_ERROR;
	ix_bind_text(s, 1, person);
	int rc = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct cb_record_row r = {
			ix_col(s, 0), ix_col(s, 1), ix_col(s, 2), ix_col(s, 3), ix_col(s, 4), ix_col(s, 5),
			sqlite3_column_int64(s, 6), sqlite3_column_int(s, 7)
		};
		if ((rc = fn(&r, ctx)))
			break;
	}
	sqlite3_finalize(s);
	return rc;
}

int64_t cb_index_count(struct cb_index *ix, const char *table)
{
	static const char *const ok[] = { "person", "plan", "record", "chronology",
					  "history", "search_row", NULL };
	for (size_t i = 0; ok[i]; i++) {
		if (strcmp(ok[i], table) != 0)
			continue;
		char sql[64];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
		sqlite3_stmt *s = ix_prep(ix, sql);
		int64_t n = -1;
		if (s && sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
		return n;
	}
	return -1;
}
