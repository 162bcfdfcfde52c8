/* access.h - the access log: who opened which child's record, when, and why.
 *
 * Opening a record appends one line to DIR/access.pending (0600, fsync'd),
 * which costs a write and no git: show, log and the workbench stay as fast
 * as before. A sync (and `casebook access`) first folds the pending lines
 * into this workspace's own ref, refs/casebook/access/<workspace-id>, one
 * commit per fold, one file per child (<c0>/<c1>/<id>, its lines appended).
 * Each workspace writes only its own ref, so the refs of different
 * workspaces never diverge and sync carries them like the review marks
 * (everything under refs/casebook/ moves by fast-forwards only); the log as a whole is the union of
 * every ref under refs/casebook/access/, so nothing ever needs merging and
 * no entry is lost. The records' own branch is untouched: saves stay as
 * fast as before and a record's history shows only its saves.
 *
 * A line is tab-separated: time (seconds since the epoch), person id,
 * record (or "*" for all of a person's records), what (show, log, blame,
 * diff, workbench), author email, author name, reason; tab, newline and
 * backslash escaped as \t \n \\. */
#ifndef CASEBOOK_ACCESS_H
#define CASEBOOK_ACCESS_H

#include <stdint.h>
#include "workspace.h"

#define CB_ACCESS_REFS "refs/casebook/access/"

struct cb_access_entry {
	int64_t when;
	const char *person, *record, *what;
	const char *email, *name, *reason; /* reason may be "" */
	const char *ref;                   /* on listing: the workspace ref it came from, or NULL (pending) */
};

/* Appends an entry to DIR/access.pending (access_note.c: no libgit2). */
int cb_access_note(const char *dir, const struct cb_access_entry *e);
/* DIR/access.pending. */
void cb_access_pending_path(char *out, size_t sz, const char *dir);

/* Folds DIR/access.pending into this workspace's access ref (made on first
 * use, its id kept in git config casebook.accessid) and empties it. Needs
 * ws->store.repo. No pending lines: nothing is done. */
int cb_access_flush(struct cb_ws *ws);

/* Calls fn for every entry about person (NULL: everyone) in every access
 * ref and in the pending file, in no particular order. Non-zero from fn
 * stops the walk and is returned. */
typedef int (*cb_access_fn)(const struct cb_access_entry *e, void *ctx);
int cb_access_list(struct cb_ws *ws, const char *person, cb_access_fn fn, void *ctx);

#endif
