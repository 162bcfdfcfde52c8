/* changes.h - which records differ between two commits.
 *
 * A tree-to-tree comparison under people/ (or under one person's folder,
 * or one record file): subtrees with the same id are skipped, so the cost
 * follows the size of the change, not the size of the repository or the
 * number of commits in between. Reports come in path order, which is
 * person by person. */
#ifndef CASEBOOK_CHANGES_H
#define CASEBOOK_CHANGES_H

#include <git2.h>

struct cb_change {
	char person[11];
	char record[64];      /* file name: the record type's name when known */
	const char *path;
	int has_old, has_new; /* 0 when the record is absent on that side */
	git_oid old_blob, new_blob;
};

/* Non-zero from the callback stops the walk and is returned. */
typedef int (*cb_change_fn)(const struct cb_change *ch, void *ctx);

/* Records that differ between from (NULL: before the first commit) and to.
 * person limits it to one person (NULL: everyone), record to one record
 * of that person (NULL: all). Paths under people/ that are not record
 * paths are not reported (verify reports those). */
int cb_changes(git_repository *repo, const git_oid *from, const git_oid *to,
	       const char *person, const char *record, cb_change_fn fn, void *ctx);

#endif
