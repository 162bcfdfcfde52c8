/* export_genogram.h - a child's genogram as a picture: the DOT of
 * cb_genogram_dot laid out and drawn by Graphviz's dot program (SVG, PNG
 * or PDF), or the DOT itself. See doc/exports-genogram.md. */
#ifndef CASEBOOK_EXPORT_GENOGRAM_H
#define CASEBOOK_EXPORT_GENOGRAM_H

#include "export.h"

enum cb_geno_format { CB_GENO_DOT, CB_GENO_SVG, CB_GENO_PNG, CB_GENO_PDF };

/* Parses "dot", "svg", "png" or "pdf". Returns 0 or CB_EINVALID. */
int cb_geno_format_parse(const char *s, enum cb_geno_format *out);
/* "dot", "svg", "png" or "pdf". */
const char *cb_geno_format_name(enum cb_geno_format f);

/* The genogram of person_id as DOT, ages as at the production date (so
 * that a pinned --produced-on gives the same bytes on any day). Refuses a
 * record that does not validate (CB_EINVALID naming record and field) and
 * a person with no genogram (CB_ENOTFOUND). malloc'd into *dot. */
int cb_genogram_render_dot(struct cb_ws *ws, const char *person_id,
			   const struct cb_export_ctx *x, char **dot);

/* Writes the export to path, whole or not at all. */
int cb_export_genogram(struct cb_ws *ws, const char *person_id,
		       enum cb_geno_format f, const char *path,
		       const struct cb_export_ctx *x);

#endif
