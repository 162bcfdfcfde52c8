/* index_read.c - reading the SQLite index as it is: opening one that is
 * current, and the queries; see index.h. Nothing here needs libgit2 or
 * libsodium, so a program that only reads the index (the front, see
 * src/front.c) links this without them. Opening with the store, which
 * creates, rebuilds, catches up and unseals, is index.c. */
#include "index_util.h"
#include "err.h"
#include "i18n.h"
#include "id.h"
#include "strbuf.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int cb_index_schema_version(struct cb_index *ix, int *v)
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
		/* A command that reads a current index runs a query or two and
		 * exits: it reads each page about once, so a small page cache
		 * (B-tree roots and interiors stay in it) serves as well as
		 * SQLite's default of 2,000 pages, whose fresh memory costs a
		 * page fault per page read (most of a record's `log`). */
		sqlite3_exec(ix->db, "PRAGMA cache_size=16", NULL, NULL, NULL);
		if (cb_index_schema_version(ix, &v) == 0 && v == CB_INDEX_VERSION &&
		    ix_meta_get(ix, "head", head, sizeof head) == 0 && strcmp(head, head_hex) == 0)
			return 0;
	}
	cb_index_close_plain(ix);
	cb_err_clear();
	return CB_ENOTFOUND;
}

void cb_index_close_plain(struct cb_index *ix)
{
	if (ix->db)
		sqlite3_close(ix->db);
	ix->db = NULL;
}

int cb_index_head(struct cb_index *ix, char out[GIT_OID_HEXSZ + 1])
{
	return ix_meta_get(ix, "head", out, GIT_OID_HEXSZ + 1);
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
