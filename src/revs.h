/* revs.h - naming points in history: revisions, and (when.h) dates and
 * times.
 *
 * Auditors and managers name a moment either as a git revision (a commit
 * id prefix, "main~3", any revspec) or as a date or time in local time.
 * A bare date means the END of that day: "as at 2024-03-01" is what the
 * authority knew by the close of that day. */
#ifndef CASEBOOK_REVS_H
#define CASEBOOK_REVS_H

#include <git2.h>
#include "when.h"

/* Resolves a revision (commit id prefix or any revspec git understands)
 * to a commit. CB_ENOTFOUND with a message naming spec. */
int cb_rev_resolve(git_repository *repo, const char *spec, git_oid *out);

#endif
