/* review.h - a team manager's review of what changed since they last
 * looked.
 *
 * Each reviewer's mark is a ref, refs/casebook/reviewed/<email>, pointing
 * at the commit they have reviewed up to. A ref (not a record, not a
 * local file) because it is per reviewer, moves without a commit, is kept
 * by the repository itself, and travels with sync when the remote's
 * refs/casebook/ namespace is fetched and pushed. The email is lower-cased
 * and anything a ref name may not hold is written =XX (hex), so any
 * address gives a valid, distinct name: "o'neil@example.org" becomes
 * refs/casebook/reviewed/o=27neil@example.org.
 *
 * What to review: the people whose Team is the manager's team (at the
 * tip), and for each of their records that differs between the mark and
 * the tip, the record diff and who saved it in between. */
#ifndef CASEBOOK_REVIEW_H
#define CASEBOOK_REVIEW_H

#include <git2.h>
#include <stddef.h>
#include <stdint.h>
#include "recdiff.h"
#include "workspace.h"

#define CB_REVIEW_REF_PREFIX "refs/casebook/reviewed/"

/* Writes the ref name for email into out. CB_EINVALID for an empty email
 * or one too long for out. */
int cb_review_ref(const char *email, char *out, size_t n);

/* The reviewer's mark; CB_ENOTFOUND when they have never reviewed. */
int cb_review_mark(git_repository *repo, const char *email, git_oid *out);

/* Moves the mark to commit to (a commit of main's history). Refuses in a
 * read-only workspace. If the mark moved since *expected was read
 * (expected NULL: no check), CB_ECONFLICT. */
int cb_review_set_mark(struct cb_ws *ws, const char *email, const git_oid *to,
		       const git_oid *expected);

struct cb_review_item {
	const char *person, *name;
	const struct cb_record_type *type;
	const struct cb_recdiff *diff; /* NULL when a version did not parse */
	const char *problem;           /* why diff is NULL */
	size_t saves;                  /* saves of this record since the mark */
	const char *authors;           /* their authors, "Sam Patel, Alex Mensah" */
	int64_t last_time;             /* the latest of those saves */
};
typedef int (*cb_review_fn)(const struct cb_review_item *it, void *ctx);

/* Changes to team's people between from (NULL: the beginning) and to,
 * person by person, record by record. *people (may be NULL) gets how many
 * people had changes. Non-zero from fn stops and is returned. */
int cb_review_changes(struct cb_ws *ws, const char *team, const git_oid *from,
		      const git_oid *to, cb_review_fn fn, void *ctx, size_t *people);

#endif
