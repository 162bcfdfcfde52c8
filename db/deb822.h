/* deb822.h - the record text format: deb822-style stanzas.
 *
 * A document is a list of stanzas separated by blank lines; a stanza is a
 * list of "Field: value" pairs. Continuation lines start with one space
 * (a tab is accepted on input); an empty line inside a value is written
 * " ."; a line made only of dots gets one more dot, so "." is " ..".
 * Lines starting with '#' in column 0 are comments and are dropped, also
 * inside a stanza or between the lines of a value.
 *
 * This layer knows nothing of record types: it keeps stanzas and fields in
 * the order given. Schema order is applied by record.c (canonicalise).
 *
 * Value normal form (what parse produces and what serialise expects):
 * no trailing whitespace on any line, no leading or trailing empty lines,
 * lines joined with '\n', valid UTF-8, no control characters except '\t'
 * and '\n'. Values not in normal form are normalised by cb_value_normalise. */
#ifndef CASEBOOK_DEB822_H
#define CASEBOOK_DEB822_H

#include <stddef.h>

struct cb_field {
	char *name;
	char *value;
};

struct cb_stanza {
	struct cb_field *fields;
	size_t nfields, cap;
	size_t line; /* first line in the parsed text (1-based), 0 if built */
};

struct cb_doc {
	struct cb_stanza *stanzas;
	size_t nstanzas, cap;
};

struct cb_parse_error {
	size_t line;    /* 1-based line of the problem, 0 if not line-bound */
	char msg[256];  /* translated, names what is wrong */
};

/* Parses len bytes (NUL bytes inside are refused). Accepts CRLF, trailing
 * whitespace, a missing final newline, several blank lines between stanzas.
 * Refuses: invalid UTF-8, NUL and other control characters, a line with no
 * colon, an empty or malformed field name, a continuation before any field,
 * the same field twice in one stanza (case-insensitive).
 * Returns 0, or CB_EINVALID with err filled (err may be NULL), or CB_ENOMEM
 * (err->line 0). *out is output only (its old contents are not freed); on
 * failure it is left empty. A UTF-8 byte order mark at the very start is
 * skipped. */
int cb_doc_parse(struct cb_doc *out, const char *buf, size_t len,
		 struct cb_parse_error *err);

/* Writes the document in its stored order. Empty stanzas are skipped.
 * Returns a malloc'd NUL-terminated string (length in *len if non-NULL),
 * or NULL on allocation failure. */
char *cb_doc_serialise(const struct cb_doc *doc, size_t *len);

void cb_doc_free(struct cb_doc *doc);
/* Deep copy; returns 0 or CB_ENOMEM. dst is output only; empty on failure. */
int cb_doc_copy(struct cb_doc *dst, const struct cb_doc *src);
/* Field-by-field equality (names compared exactly, order significant).
 * Stanzas without fields are ignored, as serialise skips them; line numbers
 * are not compared. */
int cb_doc_equal(const struct cb_doc *a, const struct cb_doc *b);

/* Appends an empty stanza; returns it or NULL on allocation failure. */
struct cb_stanza *cb_doc_add_stanza(struct cb_doc *doc);
void cb_doc_remove_stanza(struct cb_doc *doc, size_t i);

/* Field access: names compared case-insensitively (ASCII). */
const char *cb_stanza_get(const struct cb_stanza *s, const char *name);
/* Sets (replacing in place, or appending). The value is normalised.
 * A replaced field takes the spelling of name given here.
 * Returns 0, CB_EINVALID (bad name or value) or CB_ENOMEM. */
int cb_stanza_set(struct cb_stanza *s, const char *name, const char *value);
/* Returns 0, or CB_ENOTFOUND when there is no such field. */
int cb_stanza_remove(struct cb_stanza *s, const char *name);
void cb_stanza_free(struct cb_stanza *s);

/* 1 if name is a valid field name: [A-Za-z0-9][A-Za-z0-9_-]*, at most 64. */
int cb_field_name_valid(const char *name);
/* Checks a value: valid UTF-8, no control chars but \t and \n.
 * Returns 0 or CB_EINVALID with a reason in cb_err_msg(). */
int cb_value_check(const char *value, size_t len);
/* malloc'd normal-form copy of value (see above), or NULL on ENOMEM. */
char *cb_value_normalise(const char *value);

#endif
