/* export_chronology.h - a child's chronology (merged with named siblings')
 * as courts in England lay it out: date, event, source, significance and
 * what it meant for the child, sorted by event date, approximate dates
 * marked. Written as CSV (RFC 4180), Markdown, or groff -ms/tbl source
 * that groff turns into a PDF with the authority's header and footer. */
#ifndef CASEBOOK_EXPORT_CHRONOLOGY_H
#define CASEBOOK_EXPORT_CHRONOLOGY_H

#include "export.h"

enum cb_chron_format { CB_CHRON_COURT, CB_CHRON_CSV, CB_CHRON_MD };

struct cb_chron_export {
	enum cb_chron_format format;
	const char *from, *to;        /* YYYY-MM-DD, or NULL for no bound */
	const char *significance;     /* at least this ("high"), or NULL */
	const char *const *with;      /* siblings' ids, merged in */
	size_t nwith;
};

/* Parses "court", "csv" or "md". Returns 0 or CB_EINVALID. */
int cb_chron_format_parse(const char *s, enum cb_chron_format *out);

/* The export as text in o->format (for court: the groff source, with the
 * page count filled in when pages > 0). malloc'd into *text. Refuses a
 * record that does not validate (CB_EINVALID naming record and field). */
int cb_chronology_render(struct cb_ws *ws, const char *person_id,
			 const struct cb_chron_export *o,
			 const struct cb_export_ctx *x, int pages,
			 char **text, size_t *len);

/* Writes the export to path: for csv and md the text; for court the PDF
 * at path and its groff source beside it (path with .ms for .pdf). Files
 * appear whole or not at all. */
int cb_export_chronology(struct cb_ws *ws, const char *person_id,
			 const struct cb_chron_export *o, const char *path,
			 const struct cb_export_ctx *x);

/* The source file written beside a court PDF: malloc'd, or NULL. */
char *cb_chron_source_path(const char *pdf_path);

#endif
