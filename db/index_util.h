/* index_util.h - small SQLite helpers shared by the index's files
 * (index.c opens and queries, index_apply.c applies commits). */
#ifndef CASEBOOK_INDEX_UTIL_H
#define CASEBOOK_INDEX_UTIL_H

#include "index.h"

int ix_sql_fail(struct cb_index *ix, const char *what);
int ix_exec(struct cb_index *ix, const char *sql);
sqlite3_stmt *ix_prep(struct cb_index *ix, const char *sql);
void ix_bind_text(sqlite3_stmt *st, int i, const char *s);
int ix_step_done(struct cb_index *ix, sqlite3_stmt *st, const char *what);
const char *ix_col(sqlite3_stmt *st, int i);
int ix_meta_get(struct cb_index *ix, const char *key, char *out, size_t n);
int ix_meta_set(struct cb_index *ix, const char *key, const char *value);
/* Applies the commits the index lacks (all of them when rebuild). */
int cb_index_apply(struct cb_index *ix, struct cb_store *st, int rebuild);

#endif
