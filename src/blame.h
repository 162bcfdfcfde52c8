/* blame.h - who last changed each field of a record, when, and in which
 * commit.
 *
 * Built from the index's history rows for that one record, so the cost
 * is O(versions of the record), never O(all commits). Each version is, in
 * effect, compared with the record as it stood in each parent commit of
 * its save: a field whose value equals a parent's keeps that parent's
 * attribution; anything else is attributed to the save itself. This
 * follows merges (a value brought in from the other branch keeps its
 * author; a conflict resolved by hand belongs to the merge) and deletion:
 * a record deleted and later created again starts afresh with the save
 * that re-created it. A version that does not parse breaks the chain:
 * the next good version's fields are attributed to the save that made it.
 *
 * The comparison was already made once, when the index applied each save
 * (the rows' fields column), so blame reads only the version blamed and
 * walks the rows back (blame_walk.c), reading versions only around a
 * merge or a version edited by hand; where the rows cannot answer for
 * certain it reads and compares every version (blame_replay.c). */
#ifndef CASEBOOK_BLAME_H
#define CASEBOOK_BLAME_H

#include <git2.h>
#include <stddef.h>
#include <stdint.h>
#include "deb822.h"
#include "schema.h"
#include "workspace.h"

struct cb_blame_origin {
	char commit[GIT_OID_HEXSZ + 1];
	char *author_name, *author_email, *summary;
	int64_t time;
	int tz;
};

struct cb_blame_field {
	const char *name, *value;              /* borrowed from doc */
	const struct cb_blame_origin *origin;  /* last change of this value */
};

struct cb_blame_stanza {
	const char *id;                        /* item Id; NULL for the header */
	char *label;                           /* "Chronology entry 2024-03-14" */
	const struct cb_blame_origin *added;   /* when the stanza first appeared */
	struct cb_blame_field *fields;
	size_t nfields;
};

struct cb_blame {
	const struct cb_record_type *type;
	struct cb_doc doc;                     /* the version blamed */
	struct cb_blame_stanza *stanzas;       /* parallel to doc.stanzas */
	size_t nstanzas;
	struct cb_blame_origin *origins;       /* one per version read */
	size_t norigins;
	size_t versions;                       /* history rows walked */
	size_t read;                           /* versions read from the repository */
};

/* Blames person's record of type t as it is at commit at (NULL: the tip).
 * CB_ENOTFOUND with a message when the record does not exist there. */
int cb_blame_record(struct cb_ws *ws, const char *person, const struct cb_record_type *t,
		    const git_oid *at, struct cb_blame *out);
void cb_blame_free(struct cb_blame *b);

#endif
