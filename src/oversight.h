/* oversight.h - recording management oversight on a child's record.
 *
 * One call adds one oversight stanza (date, manager, decision, the commit
 * reviewed up to) and its actions (what, who, by when) to the person's
 * oversight record, validated, in ONE commit: an oversight never lands
 * without its actions or the other way round. The review mark is not
 * moved here (it is global per reviewer; see review.h): the caller moves
 * it when the manager asks. */
#ifndef CASEBOOK_OVERSIGHT_H
#define CASEBOOK_OVERSIGHT_H

#include <git2.h>
#include <stddef.h>
#include "workspace.h"

struct cb_oversight_action {
	const char *action, *who, *by_when;
};

struct cb_oversight {
	const char *decision;
	const struct cb_oversight_action *actions;
	size_t nactions;
	const git_oid *reviewed_to; /* NULL: the tip at the time of saving */
	const char *date;           /* YYYY-MM-DD of the review; NULL: today */
};

/* Splits "TEXT|WHO|YYYY-MM-DD" at its last two '|' (the text may hold
 * '|'). The three parts are malloc'd. CB_EINVALID with a message when a
 * part is missing or empty. */
int cb_oversight_action_parse(const char *spec, char **action, char **who,
			      char **by_when);

/* Adds the oversight to person's record and saves. On success *commit is
 * the new commit, *parent the tip it was made on (so a caller can tell
 * whether anything else landed in between) and entry_id the new stanza's
 * Id. CB_EINVALID with every problem in the message when it does not
 * validate (nothing saved); CB_EREADONLY in a read-only workspace. */
int cb_oversight_add(struct cb_ws *ws, const char *person, const struct cb_oversight *o,
		     git_oid *commit, git_oid *parent, char entry_id[41]);

#endif
