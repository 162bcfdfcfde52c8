/* index.h - the SQLite index derived from the git store.
 *
 * Opened with the store: a missing index, one of an older schema, or one
 * whose recorded head is not an ancestor of the branch is rebuilt; one that
 * is merely behind is brought up to date by applying the new commits. A
 * save applies its own commit the same way, so there is one code path.
 *
 * Opening an index that is already current and the queries are
 * index_read.c, which needs neither libgit2 nor libsodium. */
#ifndef CASEBOOK_INDEX_H
#define CASEBOOK_INDEX_H

#include <sqlite3.h>
#include <stdint.h>
#include "store.h"

#define CB_INDEX_VERSION 6

struct cb_index {
	sqlite3 *db;
	int rebuilt;        /* set when open had to rebuild */
	size_t applied;     /* commits applied by the last catch-up */
	/* An encrypted workspace's index: in memory, stored sealed at
	 * sealed_path with key (a copy in locked memory) when it changed. */
	char *sealed_path;
	unsigned char *key;
};

/* Opens (creating or rebuilding as needed) and catches up with the store. */
int cb_index_open(struct cb_index *ix, const char *path, struct cb_store *st);
/* Closes any index, storing a sealed one that changed (index.c). */
void cb_index_close(struct cb_index *ix);
/* Closes an index that has no key, as cb_index_open_current opens it
 * (index_read.c: no libsodium). */
void cb_index_close_plain(struct cb_index *ix);
/* Applies commits between the indexed head and the branch tip. */
int cb_index_catch_up(struct cb_index *ix, struct cb_store *st);
/* Drops everything and rebuilds from the whole history. */
int cb_index_rebuild(struct cb_index *ix, struct cb_store *st);
/* Opens an existing index at path only if it is of this version and was
 * brought up to head_hex (the branch's commit id); never creates, changes
 * or rebuilds anything. 0, or CB_ENOTFOUND (nothing left open) when the
 * index cannot be used as it is. */
int cb_index_open_current(struct cb_index *ix, const char *path, const char *head_hex);
/* The schema version an open index says it has (PRAGMA user_version):
 * 0, or CB_ERROR when the file is not an index at all. */
int cb_index_schema_version(struct cb_index *ix, int *v);
/* The commit the index reflects (hex, "" when empty). */
int cb_index_head(struct cb_index *ix, char out[GIT_OID_HEXSZ + 1]);

struct cb_person_row {
	const char *id, *name, *preferred_name, *dob, *gender, *status;
	const char *worker, *pa, *team;
	const char *plan_date, *plan_last_review, *plan_next_review;
	const char *needs_assessment;
};
/* Strings are borrowed for the duration of the callback. Non-zero return
 * from the callback stops the walk and is returned. */
typedef int (*cb_person_fn)(const struct cb_person_row *row, void *ctx);

/* People whose Worker or Personal-Adviser is email (NULL: everyone), or
 * whose Team is team (when non-NULL; email ignored), ordered by name. */
int cb_index_people(struct cb_index *ix, const char *email, const char *team,
		    cb_person_fn fn, void *ctx);
/* One person by exact id; CB_ENOTFOUND. */
int cb_index_person(struct cb_index *ix, const char *id, cb_person_fn fn, void *ctx);

/* Resolves an id or unique id prefix (any case) to a full id.
 * CB_ENOTFOUND, CB_EAMBIGUOUS (message lists candidates), CB_EINVALID. */
int cb_index_resolve(struct cb_index *ix, const char *prefix, char id[11]);

struct cb_history_row {
	const char *commit, *person, *type, *author_name, *author_email;
	const char *summary, *fields, *blob;
	int64_t time;
	int tz;
	/* The record's blob in each parent of the commit, comma-separated
	 * ("" where that parent had none); NULL when the index did not keep
	 * them (more parents than it follows). */
	const char *parents;
};
typedef int (*cb_history_fn)(const struct cb_history_row *row, void *ctx);
/* History newest first. person and type may be NULL (all). limit 0 = all. */
int cb_index_history(struct cb_index *ix, const char *person, const char *type,
		     size_t limit, cb_history_fn fn, void *ctx);

struct cb_record_row {
	const char *person, *type, *blob, *commit, *author_name, *author_email;
	int64_t time;
	int valid;
};
typedef int (*cb_record_fn)(const struct cb_record_row *row, void *ctx);
/* The records a person has, in type table order. */
int cb_index_records(struct cb_index *ix, const char *person, cb_record_fn fn,
		     void *ctx);

/* Counts (for tests and the status line). */
int64_t cb_index_count(struct cb_index *ix, const char *table);

#endif
