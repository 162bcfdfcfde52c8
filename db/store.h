/* store.h - the git store: records as files in a bare repository.
 *
 * Every save is one commit built in memory (blobs, then
 * git_tree_create_updated, then a commit with no ref) and published by
 * moving refs/heads/main with a compare-and-swap, so a process killed at
 * any point leaves the repository valid with the save wholly there or
 * wholly absent. fsync is on for the git directory.
 *
 * Paths: people/<c0>/<c1>/<person-id>/<record>, c0 and c1 the id's first
 * two characters (see README, "Design decisions"). */
#ifndef CASEBOOK_STORE_H
#define CASEBOOK_STORE_H

#include <git2.h>
#include <stddef.h>
#include <stdint.h>

#define CB_BRANCH "refs/heads/main"

struct cb_store {
	git_repository *repo;
	int read_only;
};

/* One file to write (data != NULL) or delete (data == NULL). */
struct cb_write {
	const char *path;
	const char *data;
	size_t len;
};

struct cb_commit_info {
	const char *author_name, *author_email;
	int64_t when;        /* seconds since the epoch; 0 = now */
	int tz_minutes;      /* offset from UTC */
	const char *message; /* full message: summary line, blank line, trailers */
};

/* Makes a bare repository at gitdir (0700) with HEAD -> main. */
int cb_store_init(const char *gitdir);
int cb_store_open(struct cb_store *s, const char *gitdir);
void cb_store_close(struct cb_store *s);

/* The tip of main; CB_ENOTFOUND on an empty repository. */
int cb_store_head(struct cb_store *s, git_oid *out);
/* The branch's commit id (40 hex digits) read straight from gitdir's ref
 * files, without starting libgit2, whose start-up can cost more than a
 * whole index query (with some TLS back ends it parses every system
 * certificate). 0, or CB_ENOTFOUND when the files do not say plainly
 * (no branch yet, or anything unexpected): the caller then opens the
 * repository the ordinary way. */
int cb_store_peek_branch(const char *gitdir, char hex[41]);

/* Commits the writes on top of expected_parent (NULL = the current tip; a
 * zero oid = "the branch must not exist yet"). If the branch has moved from
 * the parent, returns CB_ECONFLICT and commits nothing. If the resulting
 * tree equals the parent's, makes no commit and sets *made = 0. */
int cb_store_commit(struct cb_store *s, const struct cb_write *w, size_t n,
		    const struct cb_commit_info *ci, const git_oid *expected_parent,
		    git_oid *out_commit, int *made);

/* Reads path at commit (NULL = tip). CB_ENOTFOUND when absent. The buffer
 * is malloc'd and NUL-terminated. */
int cb_store_read(struct cb_store *s, const git_oid *commit, const char *path,
		  char **buf, size_t *len);

/* Builds "people/<c0>/<c1>/<id>/<record>" (record may be NULL for the
 * directory). The id must be a valid person id (checked). */
int cb_record_path(char *out, size_t outsz, const char *person_id,
		   const char *record);
/* Splits a path made by cb_record_path; returns 0 if it is one (with
 * person id and record name copied out), CB_ENOTFOUND otherwise. */
int cb_record_path_parse(const char *path, char id[11], char record[64]);

/* Bulk mode for generators (demo, benchmark): skip fsync per object.
 * Never used for a practitioner's save. */
void cb_store_set_fsync(int on);

#endif

/* Pushes main to the named remote (used by demo for its local remote; the
 * sync feature builds on it). CB_ECONFLICT if the remote refused. */
int cb_store_push(struct cb_store *s, const char *remote_name);
