/* sync_state.h - what sync remembers between runs, in WS/sync-state
 * (internal to db/sync*.c).
 *
 * A small deb822 file, replaced atomically: when the last sync ran and
 * when one last succeeded, why the last one failed, and which records hold
 * open conflicts as of which commit, so the status line finds them by
 * looking only at what changed since. It is a cache: deleting it loses
 * nothing but the times. */
#ifndef CASEBOOK_SYNC_STATE_H
#define CASEBOOK_SYNC_STATE_H

#include <stddef.h>
#include <stdint.h>

struct cb_sync_state {
	int64_t last_sync, last_attempt;
	char *last_error;         /* NULL after a success */
	char conflict_tip[41];    /* commit the list below is for ("" none) */
	char **conflicts;         /* record paths, sorted */
	size_t nconflicts;
};

/* A missing or unreadable file gives an empty state (not an error). */
void cb_sync_state_load(const char *wsdir, struct cb_sync_state *s);
int cb_sync_state_save(const char *wsdir, const struct cb_sync_state *s);
void cb_sync_state_free(struct cb_sync_state *s);

/* Sets last_error (NULL clears it). */
void cb_sync_state_set_error(struct cb_sync_state *s, const char *msg);

#endif
