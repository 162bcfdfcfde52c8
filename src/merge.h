/* merge.h - record-aware three-way merge of records and of commits.
 *
 * A record is merged against the merge base stanza by stanza (the header
 * is stanza 0, items are matched by Id) and then field by field. A field
 * changed differently on both sides is not decided: both values stay in
 * the record, marked as an open conflict (the form is fixed in
 * casebook-record(5), MERGE CONFLICTS). The same inputs always give the
 * same bytes, whichever side is "ours", so laptops that merge the same two
 * histories make identical trees.
 *
 * In short, a stanza with open conflicts carries
 *   Conflict: deleted elsewhere, Date, Event
 *   Conflict-Date-1: 2024-03-14
 *   Conflict-Date-2: 2024-03-15
 *   ...
 * the field itself holding the first non-empty alternative, so required
 * fields keep a value and the record still validates. */
#ifndef CASEBOOK_MERGE_H
#define CASEBOOK_MERGE_H

#include <git2.h>
#include <stddef.h>

#include "deb822.h"
#include "schema.h"

/* The field that lists a stanza's open conflicts. */
#define CB_CONFLICT_FIELD "Conflict"
/* Alternatives are "Conflict-<Field>-<n>", n counting from 1. */
#define CB_CONFLICT_PREFIX "Conflict-"
/* The flag on an item (or, in the header, the whole record) that was
 * edited on one side and deleted on the other. */
#define CB_CONFLICT_DELETED "deleted elsewhere"

/* Merges one record. Any of base, ours and theirs may be NULL (or have no
 * stanzas): a missing base means both sides created the record, a missing
 * side means that side deleted it. On success *out is the merged record in
 * canonical form, with no stanzas when the merged result is "deleted";
 * *nconflicts (if non-NULL) is the number of open conflicts it carries,
 * old ones included. Symmetric: swapping ours and theirs gives the same
 * record. Long text fields changed on both sides are merged line by line
 * when that merges cleanly. Returns 0 or CB_ENOMEM / CB_EINVALID. */
int cb_merge_record(const struct cb_doc *base, const struct cb_doc *ours,
		    const struct cb_doc *theirs, const struct cb_record_type *t,
		    struct cb_doc *out, size_t *nconflicts);

/* One open conflict, as cb_record_conflicts reports it. Pointers are valid
 * only during the callback. */
struct cb_conflict {
	size_t stanza;      /* index in the document (0: the header) */
	const char *id;     /* the item's Id; NULL for the header */
	const char *field;  /* the field in conflict; NULL for a flag */
	const char *flag;   /* for a flag, e.g. CB_CONFLICT_DELETED; else NULL */
	/* The alternatives in bytewise order (what choice indexes in
	 * cb_conflict_resolve). "" means the field was removed or emptied on
	 * that side. None for a flag. */
	const char *const *values;
	size_t nvalues;
};

/* Returns 0 to go on; a negative value stops the walk and is returned. */
typedef int (*cb_conflict_fn)(const struct cb_conflict *c, void *payload);

/* Calls fn (may be NULL) for every open conflict in doc, stanza by stanza
 * (flags first, then fields in the stanza's order). Returns the number of
 * conflicts, or a negative error (CB_ENOMEM, or what fn returned). */
int cb_record_conflicts(const struct cb_doc *doc, cb_conflict_fn fn,
			void *payload);

/* Choices for a CB_CONFLICT_DELETED flag. */
#define CB_RESOLVE_KEEP 0   /* keep the item (or record): drop the flag */
#define CB_RESOLVE_DELETE 1 /* accept the deletion */

/* Resolves one conflict of stanza and re-canonicalises doc (of type t), so
 * stanza indexes may change afterwards.
 *  - field names a field in conflict: it gets value when value is non-NULL
 *    (an edited value), else the alternative values[choice] as listed by
 *    cb_record_conflicts; an empty value removes the field. Its markers go.
 *  - field is NULL or a flag (CB_CONFLICT_DELETED): choice is
 *    CB_RESOLVE_KEEP or CB_RESOLVE_DELETE. Deleting the header's flag
 *    empties doc: the caller saves that as deleting the record.
 * Returns 0, CB_ENOTFOUND (no such conflict), CB_EINVALID (bad choice or
 * value) or CB_ENOMEM. */
int cb_conflict_resolve(struct cb_doc *doc, const struct cb_record_type *t,
			size_t stanza, const char *field, int choice,
			const char *value);

/* Rewrites every stanza's conflict markers in their normal form (after a
 * hand edit: a stale Conflict line, a field edited without resolving it)
 * and canonicalises. Never drops a value. Returns 0 or CB_ENOMEM. */
int cb_record_conflicts_tidy(struct cb_doc *doc, const struct cb_record_type *t);

/* Merges commit theirs into commit ours in repo without touching any ref:
 * git's tree merge (in memory, from the merge base; rename detection off),
 * then every conflicting file under people/ merged with cb_merge_record.
 * A record text that does not parse is never dropped: the text that parses
 * (or the bytewise smaller one) stays at the path and the other is kept
 * beside it as "<path>.conflict-<12 hex digits of its blob id>". A
 * conflicting file outside people/ keeps our version. *out_tree gets the
 * merged tree (written to the object database; the caller makes the
 * two-parent commit). *nconflicts (if non-NULL) counts the open conflicts
 * in the records merged here, plus one per file kept beside a record or
 * kept as ours. Returns 0 or a CB_E* code with a message. */
int cb_merge_commits(git_repository *repo, const git_oid *ours,
		     const git_oid *theirs, git_oid *out_tree,
		     size_t *nconflicts);

#endif
