/* asat.h - a record, or a whole person, as it stood at a moment.
 *
 * The version in force at time T is the last history row of that record
 * (in the order the index applied commits) saved at or before T. The
 * index's per-record history rows make this cost O(versions of the
 * record), and the version is read straight from its blob: no walk of the
 * commit graph. Times are author times, as each save recorded them. */
#ifndef CASEBOOK_ASAT_H
#define CASEBOOK_ASAT_H

#include <git2.h>
#include <stdint.h>
#include "deb822.h"
#include "index.h"
#include "schema.h"
#include "workspace.h"

struct cb_asat {
	const struct cb_record_type *type;
	int found;                         /* a save at or before T */
	int deleted;                       /* ...and it deleted the record */
	char commit[GIT_OID_HEXSZ + 1];    /* that save */
	char blob[GIT_OID_HEXSZ + 1];      /* the version's blob ("" if deleted) */
	char author_name[128], author_email[128];
	int64_t time;
	int tz;
	int64_t first_time;                /* when not found: the first save, or 0 */
};

/* Finds the version of person's record of type t in force at time when. */
int cb_asat_find(struct cb_index *ix, const char *person,
		 const struct cb_record_type *t, int64_t when, struct cb_asat *out);

/* Reads that version into *doc. CB_ENOTFOUND with a message saying why
 * when the record did not exist then (not yet saved, or deleted). */
int cb_asat_read(struct cb_ws *ws, const char *person, const struct cb_record_type *t,
		 int64_t when, struct cb_doc *doc, struct cb_asat *info);

/* Every record the person had at time when, in record type order.
 * CB_ENOTFOUND (with a message) when they had none. */
typedef int (*cb_asat_fn)(const struct cb_asat *a, void *ctx);
int cb_asat_person(struct cb_index *ix, const char *person, int64_t when,
		   cb_asat_fn fn, void *ctx);

#endif
