/* genogram.h - a genogram record drawn as a character grid, and as DOT.
 *
 * The layout is pure: it reads a parsed genogram record (members and
 * relationships, see db/schema_types.c) and produces a grid of terminal
 * cells that the TUI paints and `casebook genogram show` prints. It knows
 * nothing of curses or of the workspace.
 *
 * Conventions (McGoldrick & Gerson, adapted to a terminal): one generation
 * per band of rows; a square box for a male, a round-cornered box for a
 * female, diamond corners for anyone else; the index person's box doubled;
 * partners joined by a line under their boxes (solid married, dashed
 * otherwise, "/" separated, "//" divorced); children hang from the couple
 * line, oldest on the left, adopted and fostered children on dashed and
 * dotted lines, twins from one point. Emotional relationships, household
 * membership and anything that cannot be drawn are listed in a legend
 * under the diagram.
 *
 * Everything taken from the record is untrusted: the grid holds printable
 * characters only, and names are cut to the box by display columns. */
#ifndef CASEBOOK_GENOGRAM_H
#define CASEBOOK_GENOGRAM_H

#include <stddef.h>

#include "date.h"
#include "deb822.h"

struct cb_genogram_style {
	int ascii;             /* 1: plain ASCII (no box drawing, no UTF-8) */
	struct cb_date today;  /* for ages; today.y == 0 shows no ages */
	int no_legend;         /* 1: the diagram only */
};

/* Cell attribute bits: what the TUI may colour. */
#define CB_GENO_INDEX     0x01u /* the index person's box */
#define CB_GENO_DECEASED  0x02u /* a deceased member's box */
#define CB_GENO_HOUSEHOLD 0x04u /* the box of someone living with the child */
#define CB_GENO_LINE      0x08u /* a relationship line */
#define CB_GENO_CONFLICT  0x10u /* a conflict, cut-off or abuse legend line */
#define CB_GENO_LEGEND    0x20u /* legend text */

/* One terminal column: the UTF-8 of one printable character and any
 * combining marks on it; "" for the right half of a double-width
 * character (print nothing there); " " when blank. */
#define CB_GENO_CELL_BYTES 16
struct cb_geno_cell {
	char text[CB_GENO_CELL_BYTES];
	unsigned char attr;
};

/* Where a member's box was drawn, so the TUI can select and open it. */
struct cb_geno_place {
	char *id;        /* the member's Id as recorded: untrusted, escape it */
	size_t stanza;   /* the member's stanza index in the document */
	int x, y, w, h;  /* box in grid cells */
};

struct cb_geno_grid {
	int width, height;
	struct cb_geno_cell *cells; /* row-major: cells[y * width + x] */
	struct cb_geno_place *places;
	size_t nplaces;
};

/* Lays out the genogram record geno (its header stanza is ignored).
 * style may be NULL: Unicode, today's date, legend. Anything odd in the
 * record (missing members, cycles, relationships across the wrong
 * generations) is skipped or listed in the legend, never an error.
 * Returns 0 or CB_ENOMEM; *out must be freed with cb_geno_grid_free
 * either way. */
int cb_genogram_layout(const struct cb_doc *geno,
		       const struct cb_genogram_style *style,
		       struct cb_geno_grid *out);

/* The grid as text: rows joined with '\n' (no final newline), trailing
 * blanks trimmed. malloc'd, or NULL on allocation failure. */
char *cb_geno_grid_text(const struct cb_geno_grid *g);

void cb_geno_grid_free(struct cb_geno_grid *g);

/* The genogram as a Graphviz digraph: shape by gender, peripheries=2 for
 * the index person, couples through a point node that children hang from,
 * household members in cluster_household. Every string is DOT-escaped.
 * style may be NULL (used for ages only). malloc'd, or NULL on ENOMEM. */
char *cb_genogram_dot(const struct cb_doc *geno,
		      const struct cb_genogram_style *style);

#endif
