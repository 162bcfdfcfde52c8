/* resolve.h - resolving a record's merge conflicts as one save.
 *
 * A merge that could not decide a field keeps every side's value in the
 * record (casebook-record(5), MERGE CONFLICTS; src/merge.h). Resolving
 * loads the record as it is at the tip, applies the practitioner's choices
 * in memory with cb_conflict_resolve, and saves the result as one commit
 * in the practitioner's name, with the conflict markers gone. */
#ifndef CASEBOOK_RESOLVE_H
#define CASEBOOK_RESOLVE_H

#include <git2.h>

#include "deb822.h"
#include "schema.h"
#include "workspace.h"

struct cb_resolve {
	char person[11];
	const struct cb_record_type *type;
	struct cb_doc doc;   /* the record with the choices made so far */
	git_oid base;        /* the tip it was read at */
	char *orig;          /* its text then, to tell whether it moved */
	int changed;         /* a choice was made since loading */
};

/* Loads the record at path (as cb_sync_conflicts lists it). CB_ENOTFOUND
 * with a message for a path that is not a record (a text a merge kept
 * beside one). */
int cb_resolve_open(struct cb_ws *ws, const char *path, struct cb_resolve *r);
/* Saves the record as one commit. When the tip moved since loading (a
 * sync, or a save elsewhere), saves on the new tip as long as this record
 * did not change there; otherwise CB_ECONFLICT and nothing is saved. */
int cb_resolve_save(struct cb_ws *ws, struct cb_resolve *r);
void cb_resolve_free(struct cb_resolve *r);

#endif
