/* version.h - one version of a record: found in a commit's tree, read
 * from its blob, and compared with another.
 *
 * History, blame, as-at, review and verify all come down to "the record
 * at this commit" or "the record in this blob"; these are the few calls
 * they share. */
#ifndef CASEBOOK_VERSION_H
#define CASEBOOK_VERSION_H

#include <git2.h>
#include "deb822.h"
#include "recdiff.h"
#include "schema.h"

/* The blob of path in commit's tree. CB_ENOTFOUND when the commit has no
 * such file. A tree lookup: the cost does not grow with history. */
int cb_version_blob(git_repository *repo, const git_oid *commit, const char *path,
		    git_oid *blob);

/* Parses a blob as a record of type t (canonicalised). CB_EINVALID with
 * err filled (err may be NULL) when it does not parse or is another type. */
int cb_version_parse(git_repository *repo, const git_oid *blob,
		     const struct cb_record_type *t, struct cb_doc *out,
		     struct cb_parse_error *err);

/* Diffs two blobs of a record (NULL: absent on that side). A version that
 * does not parse gives CB_EINVALID with a message naming the side. */
int cb_version_diff(git_repository *repo, const struct cb_record_type *t,
		    const git_oid *old_blob, const git_oid *new_blob,
		    struct cb_recdiff *out);

/* What one save did to person's record: the record in commit's first
 * parent (absent for a root commit) against the record in commit. For a
 * history screen: Enter on a history row shows this. */
int cb_version_diff_at(git_repository *repo, const struct cb_record_type *t,
		       const char *person, const git_oid *commit, struct cb_recdiff *out);

#endif
