/* sync.h - sync with the shared remote: fetch, merge, push.
 *
 * The remote is the workspace's "origin" (set by init --remote or clone).
 * A sync fetches refs/heads/main into refs/remotes/origin/main and the
 * refs under refs/casebook/ into refs/remotes/origin/casebook/, brings
 * main up to date (fast-forward, or a two-parent merge commit whose tree
 * the caller's record-aware merge makes), pushes main and the refs under
 * refs/casebook/, and, when the push is refused because the remote moved
 * meanwhile, does it all again (a few rounds at most).
 *
 * libgit2 1.5 has no network time-outs, and a read blocked on a silent
 * connection cannot be interrupted from inside the process. So every
 * network operation runs in a child process that reports progress over a
 * pipe; the parent kills it when nothing has arrived for the time-out and
 * tries again after a pause. The child only writes objects and remote-
 * tracking refs (each atomically), never main, never SQLite: a sync cut
 * off at any moment leaves both repositories valid, and the next sync
 * finishes the job. */
#ifndef CASEBOOK_SYNC_H
#define CASEBOOK_SYNC_H

#include <git2.h>
#include <stddef.h>
#include <stdint.h>

#include "workspace.h"

#define CB_REMOTE "origin"
#define CB_TRACKING "refs/remotes/origin/main"

/* The record-aware merge (src/merge.h, cb_merge_commits): given to sync
 * by the caller, as db/ does not depend on src/. Returns 0 with the merged
 * tree written to the object database, or a CB_E* code. */
typedef int (*cb_merge_fn)(git_repository *repo, const git_oid *ours,
			   const git_oid *theirs, git_oid *out_tree,
			   size_t *nconflicts);

enum cb_sync_phase {
	CB_SYNC_CONNECTING, /* a network child started; nothing received yet */
	CB_SYNC_FETCHING,   /* objects received / total, bytes */
	CB_SYNC_MERGING,
	CB_SYNC_PUSHING,    /* objects sent / total, bytes */
	CB_SYNC_WAITING,    /* pausing before another attempt (retry_in) */
	CB_SYNC_INDEXING
};

struct cb_sync_progress {
	enum cb_sync_phase phase;
	unsigned attempt;        /* of this network step, from 1 */
	size_t objects, total;   /* received or sent so far, of total */
	size_t indexed;          /* fetch: objects checked so far */
	uint64_t bytes;
	unsigned retry_in;       /* CB_SYNC_WAITING: seconds left */
	const char *why;         /* CB_SYNC_WAITING: why the last attempt failed */
};

/* Called on every change and at least every 100 ms while sync waits on the
 * network, so a front end can redraw and read keys. Returning non-zero
 * cancels the sync (the network child is killed; nothing is lost). */
typedef int (*cb_sync_progress_fn)(const struct cb_sync_progress *p,
				   void *payload);

struct cb_sync_opts {
	/* Seconds without any progress before a network attempt is given up:
	 * 0 means $CASEBOOK_SYNC_TIMEOUT, else 30. */
	unsigned timeout;
	/* Attempts per network step: 0 means $CASEBOOK_SYNC_ATTEMPTS, else 3. */
	unsigned attempts;
	/* No attempt starts later than this many seconds after the sync began
	 * (an attempt that keeps making progress is never cut short):
	 * 0 means 4 x timeout, at least 60. */
	unsigned total;
	/* NULL: a history that diverged from the remote cannot be merged, and
	 * sync stops after the fetch with a message saying so. */
	cb_merge_fn merge;
	cb_sync_progress_fn progress;
	void *payload;
	/* May git's credential helpers prompt on the terminal? (0 in a TUI.) */
	int interactive;
};

/* Why a sync failed, for a short status; the full message is cb_err_msg(). */
enum cb_sync_failure {
	CB_SYNC_OK = 0,
	CB_SYNC_NO_REMOTE,   /* no "origin" configured */
	CB_SYNC_HOSTKEY,     /* ssh host key not in known_hosts (or changed) */
	CB_SYNC_AUTH,        /* authentication failed */
	CB_SYNC_TIMEOUT,     /* the network stopped responding */
	CB_SYNC_NETWORK,     /* connection failed or dropped */
	CB_SYNC_REFUSED,     /* the remote refused the push */
	CB_SYNC_BUSY,        /* another sync of this workspace is running */
	CB_SYNC_CANCELLED,
	CB_SYNC_LOCAL        /* a local problem: merge, disk, identity */
};

struct cb_sync_result {
	size_t fetched;    /* commits new to this laptop */
	size_t merged;     /* merge commits made */
	size_t conflicts;  /* open conflicts those merges left */
	size_t pushed;     /* commits the remote did not have */
	int fast_forward;  /* main moved to the remote's tip without a merge */
	size_t diverged;   /* refs under refs/casebook/ left alone (both sides moved) */
	git_oid old_tip, new_tip; /* main before and after (zero: none) */
	enum cb_sync_failure failure;
};

/* Reads CASEBOOK_SYNC_TIMEOUT / CASEBOOK_SYNC_ATTEMPTS into zero fields. */
void cb_sync_opts_resolve(struct cb_sync_opts *o);

/* Syncs the workspace with its remote. Returns 0, or a CB_E* code with a
 * message (res->failure says which kind). res is filled either way, so a
 * sync that merged and then failed to push reports what it did. */
int cb_sync(struct cb_ws *ws, const struct cb_sync_opts *opts,
	    struct cb_sync_result *res);

/* Makes a workspace at dir (as cb_ws_init with remote url and user, which
 * may be NULL) and syncs it, so main is the remote's main and the index is
 * built. On failure the directory is removed again if clone made it. */
int cb_clone(const char *url, const char *dir, const char *user,
	     const struct cb_sync_opts *opts, struct cb_sync_result *res);

/* 1 when the workspace names a remote to sync with. */
int cb_sync_has_remote(struct cb_ws *ws);

/* What a status line shows. */
struct cb_sync_status {
	int has_remote;
	int tracking;        /* 0: never fetched, so unpushed counts all of main */
	size_t unpushed;     /* commits on main that origin/main does not have */
	int64_t last_sync;   /* time of the last successful sync; 0: never */
	int64_t last_attempt;/* time of the last sync, successful or not */
	char *last_error;    /* message of the last sync if it failed, else NULL */
	size_t conflicts;    /* records that need resolving */
};

/* Fills *st (free with cb_sync_status_free). Cheap enough for a status
 * line: the conflict scan looks only at records changed since last time. */
int cb_sync_status(struct cb_ws *ws, struct cb_sync_status *st);
void cb_sync_status_free(struct cb_sync_status *st);

/* Calls fn with the path of every record holding open conflict markers
 * (and every file a merge kept beside a record), sorted. */
int cb_sync_conflicts(struct cb_ws *ws,
		      int (*fn)(const char *path, void *payload), void *payload);

#endif
