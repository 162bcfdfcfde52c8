/* index_util.c - the small SQLite helpers the index's files share. */
#include "index_util.h"
#include "err.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>


int ix_sql_fail(struct cb_index *ix, const char *what)
{
	return cb_err(CB_ERROR, _("index: %s: %s"), what, sqlite3_errmsg(ix->db));
}

int ix_exec(struct cb_index *ix, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(ix->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = cb_err(CB_ERROR, _("index: %s"), msg ? msg : "?");
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

sqlite3_stmt *ix_prep(struct cb_index *ix, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(ix->db, sql, -1, &st, NULL) != SQLITE_OK) {
		ix_sql_fail(ix, sql);
		return NULL;
	}
	return st;
}

void ix_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int ix_step_done(struct cb_index *ix, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : ix_sql_fail(ix, what);
}

const char *ix_col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

int ix_meta_get(struct cb_index *ix, const char *key, char *out, size_t n)
{
	out[0] = '\0';
	sqlite3_stmt *st = ix_prep(ix, "SELECT value FROM meta WHERE key = ?");
	if (!st)
		return CB_ERROR;
	ix_bind_text(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, n, "%s", ix_col(st, 0));
	sqlite3_finalize(st);
	return 0;
}

int ix_meta_set(struct cb_index *ix, const char *key, const char *value)
{
	sqlite3_stmt *st = ix_prep(ix, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
	if (!st)
		return CB_ERROR;
	ix_bind_text(st, 1, key);
	ix_bind_text(st, 2, value);
	int rc = ix_step_done(ix, st, "meta");
	sqlite3_finalize(st);
	return rc;
}

