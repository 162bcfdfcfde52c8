/* ssda903.h - the Department for Education's SSDA903 return, file OC3:
 * care leavers' contact, activity and accommodation around their 17th to
 * 21st birthdays. Columns, codes, who is included and the sources are in
 * doc/ssda903.md. */
#ifndef CASEBOOK_SSDA903_H
#define CASEBOOK_SSDA903_H

#include <stddef.h>

#include "export.h"

/* One problem that keeps a child out of the return. */
struct cb_oc3_error {
	char child[11];   /* the person's id */
	char *field;      /* "pathway-plan: In-Touch", "person: Date-Of-Birth" */
	char *problem;    /* what is wrong, translated; recorded values cleaned */
};

struct cb_oc3 {
	char *csv;        /* the OC3 file: header and one row per child, CRLF */
	size_t len;
	size_t nrows;     /* children in it */
	struct cb_oc3_error *err; /* by child id, then field */
	size_t nerr;
};

/* The header line's columns, in order. */
extern const char *const cb_oc3_columns[];

/* The return for the collection year ending 31 March `year`. Children
 * with problems are left out of the CSV and listed in out->err; the
 * rest are in it. Returns 0 (even with problems) or CB_E* on failure
 * (ENOMEM, a repository that cannot be read). */
int cb_ssda903_oc3(struct cb_ws *ws, int year, struct cb_oc3 *out);
void cb_oc3_free(struct cb_oc3 *o);

/* The problems as CSV: CHILD,FIELD,PROBLEM. malloc'd, or NULL. */
char *cb_oc3_errors_csv(const struct cb_oc3 *o, size_t *len);

/* The collection year an export made on date `on` (YYYY-MM-DD) reports:
 * the last one to have ended by then. */
int cb_oc3_year_for(const char *on);

/* The workbench's export: the year for the production date; refused
 * (nothing written, CB_EINVALID naming the first child and field) when
 * any child has a problem. */
int cb_export_ssda903(struct cb_ws *ws, const char *person_id, const char *path,
		      const struct cb_export_ctx *x);

#endif
