/* sync_net.h - the network steps of sync, each in a child process
 * (internal to db/sync*.c and db/credentials.c).
 *
 * The parent forks; the child opens its own git_repository on the same
 * git directory, runs one fetch or push with libgit2 and ends with _exit,
 * never touching SQLite or main. It reports over a pipe, one line a
 * message:
 *   p f RECEIVED TOTAL INDEXED BYTES   fetch progress
 *   p p SENT TOTAL BYTES               push progress
 *   a                                  alive (remote's side band, packing)
 *   w                                  waiting for the user (a password
 *                                      prompt): the time-out is suspended
 *   r REFNAME STATUS                   the remote refused a ref
 *   m TEXT                             a line the remote printed
 *   n                                  libgit2 would not push: the remote
 *                                      has moved on (not a fast-forward)
 *   e KIND MESSAGE                     failed (KIND is a cb_sync_failure)
 *   k                                  done
 * Any line counts as progress. The parent kills the child when no line has
 * come for the time-out, since libgit2 1.5 would wait on a silent
 * connection forever. Messages escape '\n' as "\n" and '\\' as "\\". */
#ifndef CASEBOOK_SYNC_NET_H
#define CASEBOOK_SYNC_NET_H

#include <git2.h>
#include <stddef.h>

#include "sync.h"

enum cb_net_op { CB_NET_FETCH, CB_NET_PUSH };

struct cb_net_job {
	enum cb_net_op op;
	const char *gitdir;
	const char *remote;        /* remote name */
	char **specs;              /* refspecs */
	size_t nspecs;
	int interactive;           /* may credential helpers prompt? */
	/* A push's lease (the key store's force-push): the remote's ref
	 * lease_ref must still be at lease_old (zero: absent) when the push
	 * is negotiated, else it is refused as "stale" and nothing is sent. */
	const char *lease_ref;
	git_oid lease_old;
};

struct cb_net_reject {
	char *ref, *status;
};

struct cb_net_outcome {
	enum cb_sync_failure failure;
	struct cb_net_reject *rejected; /* refs the remote refused (push) */
	size_t nrejected;
	int nonff;                 /* libgit2 refused: the remote moved */
	char remote_said[512];     /* the remote's last lines, if any */
};

void cb_net_outcome_free(struct cb_net_outcome *o);

/* Runs the job with retries and back-off (opts resolved; no attempt
 * starts after deadline, a cb_net_now() time). Returns 0 when the step
 * completed (a push may still have refs in out->rejected), else a CB_E*
 * code with a message and out->failure set. */
int cb_net_run(const struct cb_net_job *job, const struct cb_sync_opts *opts,
	       enum cb_sync_phase phase, double deadline,
	       struct cb_net_outcome *out);

/* Child side: performs the job, reporting on fd; never returns. */
void cb_net_child(const struct cb_net_job *job, int fd)
	__attribute__((noreturn));

/* Writes one protocol line (child side). Returns 0 or -1 if the parent is
 * gone. */
int cb_net_say(int fd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Writes "e KIND MESSAGE" with MESSAGE escaped. */
void cb_net_say_error(int fd, enum cb_sync_failure kind, const char *msg);

/* Seconds since an arbitrary point (CLOCK_MONOTONIC). */
double cb_net_now(void);

#endif
