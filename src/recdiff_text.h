/* recdiff_text.h - the command line's rendering of a record diff.
 *
 * Plain text marks deleted words [-like this-] and inserted ones
 * {+like this+}; on a terminal the markers are also coloured (red,
 * green). Colour is added, never instead of the markers, so the diff
 * reads the same to someone who cannot tell red from green. Everything
 * from the record goes through cli_put's escaping. */
#ifndef CASEBOOK_RECDIFF_TEXT_H
#define CASEBOOK_RECDIFF_TEXT_H

#include <stdio.h>
#include "recdiff.h"

/* 1 when f is a terminal and NO_COLOR is not set. */
int cb_rd_want_colour(FILE *f);

/* "@ 7QK2M9XD4T/chronology (Name): changed" then one block per stanza.
 * name may be NULL. */
void cb_recdiff_print(FILE *f, const struct cb_recdiff *d, const char *person,
		      const char *name, int colour);

/* The header row of cb_recdiff_print_tsv. */
void cb_recdiff_tsv_header(FILE *f);
/* One row per changed field: person, record, stanza (item Id, empty for
 * the header), field, change (added|removed|changed), old, new. */
void cb_recdiff_print_tsv(FILE *f, const struct cb_recdiff *d, const char *person);

#endif
