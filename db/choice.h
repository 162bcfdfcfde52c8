/* choice.h - controlled values typed loosely, stored canonical.
 *
 * A choice field (CB_FT_CHOICE: category, significance, status, plan
 * type, relationship type, ...) is accepted in any case and as a unique
 * prefix wherever a person types it: the command line, the workbench's
 * forms and `casebook edit`. This is the one place that decides what a
 * typed value means, so every choice field of every record type behaves
 * the same, including types added later. */
#ifndef CASEBOOK_CHOICE_H
#define CASEBOOK_CHOICE_H

#include <stddef.h>
#include "deb822.h"
#include "schema.h"

enum cb_choice_result {
	CB_CHOICE_EXACT = 0,  /* already canonical */
	CB_CHOICE_MATCHED,    /* same letters in another case, or a unique prefix */
	CB_CHOICE_AMBIGUOUS,  /* a prefix of two or more choices */
	CB_CHOICE_UNKNOWN     /* neither */
};

/* What input means in choice field fd. *canon gets the stored spelling
 * (a pointer into fd->choices) when the result is EXACT or MATCHED, else
 * NULL. A value equal to a choice in any case wins over longer choices it
 * is a prefix of. An empty input is UNKNOWN. */
enum cb_choice_result cb_choice_match(const struct cb_field_def *fd,
				      const char *input, const char **canon);

/* The message for a value that did not match (translated): which
 * choices an ambiguous prefix could mean, or every allowed value. Written
 * to msg (size bytes) as "FIELD: "VALUE" ...". The caller shortens and
 * escapes input first if it may be long or untrusted. */
void cb_choice_explain(const struct cb_field_def *fd, const char *input,
		       char *msg, size_t size);

/* Rewrites every choice value in doc (of type t) that matches loosely to
 * its canonical spelling. Values that do not match are left as typed for
 * validation to report. Returns 0 or CB_ENOMEM. */
int cb_choice_canonicalise(struct cb_doc *doc, const struct cb_record_type *t);

#endif
