/* unsynced.h - saves on this laptop that the shared remote has not seen.
 *
 * A practitioner working offline needs to know which children's records
 * hold changes that exist only on this laptop. These are the commits on
 * main that the remote-tracking branch (refs/remotes/origin/main, moved by
 * sync) does not contain; each names the records it changed in its
 * "Record: <id>/<type>" trailers, so the count per person costs a walk of
 * the unsynced commits only, not of the history. */
#ifndef CASEBOOK_UNSYNCED_H
#define CASEBOOK_UNSYNCED_H

#include <stddef.h>
#include "store.h"
#include "workspace.h"

struct cb_unsynced_person {
	char id[11];
	unsigned commits;
};

struct cb_unsynced {
	int known;      /* 0: no remote-tracking branch, so nothing to compare */
	size_t total;   /* unsynced commits */
	struct cb_unsynced_person *v; /* sorted by id */
	size_t n;
	/* Per person, the records holding open merge conflicts ("commits"
	 * counts records here), sorted by id; see cb_conflicts_scan. */
	struct cb_unsynced_person *c;
	size_t nc;
};

/* Walks main back to where origin/main is (at most max commits; 0 means
 * 100000). Fills *out (free with cb_unsynced_free). Returns 0 or an error;
 * a missing remote-tracking branch is not an error (known = 0). */
int cb_unsynced_scan(struct cb_store *st, size_t max, struct cb_unsynced *out);
/* Unsynced commits touching this person's records. */
unsigned cb_unsynced_for(const struct cb_unsynced *u, const char *person_id);
void cb_unsynced_free(struct cb_unsynced *u);

/* Fills u->c from the records sync lists as needing resolving
 * (cb_sync_conflicts). Call after cb_unsynced_scan, which clears u. */
int cb_conflicts_scan(struct cb_ws *ws, struct cb_unsynced *u);
/* Records of this person holding unresolved merge conflicts. */
unsigned cb_conflicts_for(const struct cb_unsynced *u, const char *person_id);

#endif
