/* history_ui.h - the workbench's history, review and audit screens.
 *
 * A history screen lists the saves of a person or one record, newest
 * first, from the index's per-record history rows (O(versions)); Enter
 * shows what a save changed in the record's own terms (view_diff.c), B
 * who last changed each field (view_blame.c) and @ the record or person
 * as they stood on a date (view_asat.c). A team manager's review
 * (view_review.c) lists the changes to the team's records since their
 * review mark; from a diff they record management oversight
 * (view_oversight.c) in one commit and the mark moves on.
 *
 * Everything here reads; the only save is the oversight, and it is
 * refused up front in a read-only workspace. */
#ifndef CASEBOOK_UI_HISTORY_H
#define CASEBOOK_UI_HISTORY_H

#include <git2.h>
#include "ui.h"
#include "forms.h"
#include "recdiff.h"
#include "schema.h"

/* h, B and @ on a person's screen (type NULL: the whole person; B then
 * needs a record, given as type by the caller) or a record's screen.
 * Returns 1 when r was one of them. */
int ui_history_request(struct view *v, enum request r, const char *person,
		       const struct cb_record_type *type);

/* The saves of person's records (type NULL: all of them), newest first. */
struct view *view_history_open(struct tui *t, const char *person,
			       const struct cb_record_type *type);

/* What a save or a review changed. d is taken (freed with the view);
 * head is raw text shown above the changes (who saved it, when), or NULL.
 * When oversight is non-NULL, o on the diff calls it with review (the
 * view that opened the diff, below it on the stack) and the person. */
typedef void (*diff_oversight_fn)(struct view *review, const char *person);
struct view *view_diff_open(struct tui *t, const char *title, const char *head,
			    struct cb_recdiff *d, const char *person,
			    diff_oversight_fn oversight, struct view *review);

/* Who last changed each field of person's record, as at commit at (NULL:
 * the tip). */
struct view *view_blame_open(struct tui *t, const char *person,
			     const struct cb_record_type *type, const git_oid *at);

/* Asks for a date or time and shows the record (type NULL: every record
 * of the person) as it stood then, read-only. */
void ui_asat_prompt(struct tui *t, const char *person, const struct cb_record_type *type);

/* The manager's review of their team's changes since their mark. */
struct view *view_review_open(struct tui *t);

/* The oversight composer: a decision and actions, each written in a
 * form, saved as one commit by saved(review, ...) when ^S is pressed. */
struct oversight_draft {
	char *decision, *date;
	struct { char *action, *who, *by_when; } *actions;
	size_t nactions;
};
typedef int (*oversight_save_fn)(struct view *review, const char *person,
				 const struct oversight_draft *od);
/* Opens the composer and, on top of it, the decision's form. When saved
 * returns 0 it has closed the composer (and whatever else it chose). */
void ui_oversight_start(struct tui *t, const char *person, oversight_save_fn saved,
			struct view *review);

/* A form that hands its values to its opener instead of saving them: the
 * fields come from the schema as in every form (fields limits them to
 * those named, NULL-terminated; NULL shows all), prefill may set values
 * after it opens, and ^S calls done once every field is valid; when done
 * returns 0 the form closes. Used where one commit needs several
 * stanzas (an oversight and its actions). */
struct form_collect {
	const char *const *fields;
	void (*prefill)(void *ctx, struct cb_form *form);
	int (*done)(void *ctx, const struct cb_form *form);
	void *ctx;
};
struct view *view_form_open_collect(struct tui *t, const char *person_id,
				    const char *record, const char *kind,
				    const struct form_collect *fc);

#endif
