/* index.c - the SQLite index: open, create, rebuild, and a sealed index's
 * close; see index.h. Reading an index that is current is index_read.c;
 * catching up with the store is index_apply.c. */
#include "index_util.h"
#include "index_seal.h"
#include "keys.h"
#include "err.h"
#include "i18n.h"
#include "index_sql.h"

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
	if (!rc && cb_index_schema_version(ix, &v) == 0 && v == CB_INDEX_VERSION) {
		rc = cb_index_catch_up(ix, st);
		if (!rc || !damaged(ix))
			return rc;
	}
	/* Missing, unreadable, damaged or of another version. */
	return recreate(ix, path, st);
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
	if (ix->key)
		sodium_free(ix->key);
	ix->key = NULL;
	free(ix->sealed_path);
	ix->sealed_path = NULL;
	cb_index_close_plain(ix);
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

