/* verify.h - an auditor's check that the record history is sound.
 *
 * Walks every commit of main (this is the one place casebook reads the
 * whole history: it is the point) and reports:
 * - records: every record version a commit wrote parses and validates
 *   against its type, with the person id taken from its folder, and every
 *   file under people/ sits where a record belongs (people/<c0>/<c1>/<id>/
 *   <known type>); a record about someone else is in the wrong folder;
 * - history: main contains refs/remotes/origin/main when that ref exists,
 *   so a history amended or reset and force-pushed shows up;
 * - authors: commits whose author email is not a known practitioner.
 *   Known = the Worker and Personal-Adviser emails of the people records
 *   at the tip, plus the comma-separated emails in git config
 *   casebook.practitioners (managers, administrators, leavers);
 * - signatures: SSH-signed commits are checked against git config
 *   gpg.ssh.allowedSignersFile; without one they are reported as signed
 *   but not verified (a note, not a problem).
 * - permissions: every path under the workspace, and under the remote
 *   when it is a directory on this machine, has no group or other bits.
 * Identical record versions at the same path are checked once. */
#ifndef CASEBOOK_VERIFY_H
#define CASEBOOK_VERIFY_H

#include <stddef.h>
#include "workspace.h"

enum cb_vkind {
	CB_V_RECORD,    /* a record version does not parse or validate */
	CB_V_PLACE,     /* a file where no record belongs */
	CB_V_HISTORY,   /* main does not contain origin/main */
	CB_V_AUTHOR,    /* author not a known practitioner */
	CB_V_SIGNATURE, /* a signature that fails, or cannot be checked */
	CB_V_PERMISSIONS /* the workspace or a remote on this machine is open to others */
};

struct cb_vfinding {
	enum cb_vkind kind;
	int problem;          /* 0: a note, which does not fail verify */
	const char *commit;   /* hex, or NULL */
	const char *path;     /* or NULL */
	const char *author_name, *author_email; /* of the commit, or NULL */
	const char *msg;      /* translated; may quote repository text */
};

struct cb_vstats {
	size_t commits, versions, problems, notes;
	size_t signed_good, signed_unverified;
};

/* Non-zero from fn stops and is returned. Returns 0 when the walk
 * finished (whatever it found: see stats->problems). */
typedef int (*cb_verify_fn)(const struct cb_vfinding *f, void *ctx);
int cb_verify(struct cb_ws *ws, cb_verify_fn fn, void *ctx, struct cb_vstats *stats);

/* The same checks for a push a server is asked to accept: the commits
 * new_tip has that old (NULL: none) has not, with the known practitioners
 * taken from new_tip's own person records (the repository has no index)
 * and casebook.practitioners; no origin/main check. ws needs only dir (a
 * private directory for signature files) and store.repo. */
int cb_verify_push(struct cb_ws *ws, const git_oid *old, const git_oid *new_tip,
		   cb_verify_fn fn, void *ctx, struct cb_vstats *stats);

const char *cb_vkind_name(enum cb_vkind k);

#endif
