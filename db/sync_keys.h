/* sync_keys.h - the key store in a sync (see sync_keys.c); internal to
 * db/sync.c. */
#ifndef CASEBOOK_SYNC_KEYS_H
#define CASEBOOK_SYNC_KEYS_H

#include "sync.h"

/* Merges the fetched key store into ours. *erased_new: a tombstone came
 * in for a key this workspace had (its copies must be pruned). */
int cb_sync_keys_merge(struct cb_ws *ws, int *erased_new);
/* Pushes our key store when it differs from the remote's, with a lease.
 * *again when the remote moved or refused: fetch and merge again. */
int cb_sync_keys_push(struct cb_ws *ws, const struct cb_sync_opts *o, double deadline,
		      enum cb_sync_failure *failure, int *again);
/* Drops unreachable objects (old key stores) after an erase arrived;
 * a failure becomes the workspace's warning. */
void cb_sync_keys_prune(struct cb_ws *ws);

#endif
