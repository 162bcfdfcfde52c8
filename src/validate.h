/* validate.h - checks a record against its type's field table.
 *
 * Beyond the text format: required fields present and non-empty; dates real
 * and in the field's plausible range; choices from the list; ids and
 * references well-formed; a genogram relationship names members that
 * exist; item ids unique; the header names the right person. */
#ifndef CASEBOOK_VALIDATE_H
#define CASEBOOK_VALIDATE_H

#include <stddef.h>
#include "deb822.h"
#include "schema.h"

struct cb_problem {
	size_t stanza;       /* index of the stanza */
	const char *field;   /* field name (points into the doc or schema), or NULL */
	char msg[256];       /* translated, says what is wrong and what is allowed */
};

struct cb_problems {
	struct cb_problem *v;
	size_t n, cap;
};

/* Validates doc (already canonical) of type t about person_id (may be NULL
 * to skip that check). Appends every problem found to *out.
 * Returns 0 if valid, CB_EINVALID if any problem, CB_ENOMEM. */
int cb_validate(const struct cb_doc *doc, const struct cb_record_type *t,
		const char *person_id, struct cb_problems *out);
/* Checks one value against one field definition (used by forms as the user
 * types). Returns 0 or CB_EINVALID with msg filled. */
int cb_validate_value(const struct cb_field_def *fd, const char *value,
		      char msg[256]);
/* One line per problem: "line 12: Date: no such date 2024-02-30". lines
 * from the parsed stanzas (stanza.line) when known. malloc'd. */
char *cb_problems_format(const struct cb_problems *p, const struct cb_doc *doc);
void cb_problems_free(struct cb_problems *p);

#endif
