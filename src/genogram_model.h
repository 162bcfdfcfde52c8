/* genogram_model.h - what the genogram's files share (not for use
 * outside src/genogram_*.c; the public interface is genogram.h).
 *
 * The layout runs in steps, each deterministic:
 *   1. the model: members sorted by birth (then Id), relationships resolved
 *      to members; those naming a missing member are dropped;
 *   2. generations: a breadth-first walk from the index person along parent
 *      (+1 / -1), partner and sibling (0) links. Each member is visited
 *      once, so cycles in parent links cannot loop; the first link to reach
 *      a member decides, and links that disagree are listed in the legend
 *      instead of drawn. Groups not linked to the index person are placed
 *      by birth year relative to them;
 *   3. order within a generation: partners grouped into blocks, blocks
 *      sorted (stably) by the mean position of their parents above or their
 *      children below, sweeping down and up a few times. Siblings compare
 *      equal against their parents, so they keep birth order;
 *   4. columns: each generation's blocks pulled towards the column that
 *      centres children under their parents (or parents over children) by
 *      weighted isotonic regression, which gives the closest positions that
 *      keep the order and the spacing.
 * Steps 1 and 2 are genogram_model.c; 3 and 4 and the rows are
 * genogram_layout.c; genogram_draw.c and genogram_legend.c paint the grid
 * (genogram_grid.c, with text cut by genogram_text.c); genogram_dot.c
 * writes the model as Graphviz DOT. */
#ifndef CASEBOOK_GENOGRAM_MODEL_H
#define CASEBOOK_GENOGRAM_MODEL_H

#include "genogram.h"

#include <limits.h>
#include <stddef.h>
#include <wchar.h>

/* Box geometry: three lines inside (name, dates, role). */
#define BOX_W 15
#define BOX_H 5
#define INNER (BOX_W - 2)
#define MID (BOX_W / 2)
#define GAP_IN 3   /* columns between partners in one block */
#define GAP_OUT 4  /* columns between blocks */
#define ATTACH 4   /* offset of a second line on one box edge */
#define MAX_FAMS 3 /* families one child can hang from: centre, -4, +4 */
#define LEGEND_NAME 30
#define GEN_NONE INT_MIN
#define GEN_SPREAD 4 /* unlinked members: at most this far from the index */
#define SWEEPS 4
#define PASSES 6

/* ---- relationship types ---- */

enum rtype {
	R_MARRIED, R_COHABITING, R_PARTNERS, R_SEPARATED, R_DIVORCED,
	R_PARENT, R_ADOPTIVE, R_FOSTER, R_SIBLING, R_TWIN,
	R_CLOSE, R_DISTANT, R_CONFLICT, R_CUTOFF, R_ABUSE,
	R_OTHER,   /* a type this casebook does not know */
	R_IMPLICIT /* two parents of one child with no recorded relationship */
};

/* As spelt in records; also the legend labels (translated on use). */
extern const char *const geno_rtype_names[];
#define N_RTYPES ((int)R_OTHER) /* the types spelt in geno_rtype_names */

/* ---- the model ---- */

enum gender { G_MALE, G_FEMALE, G_OTHER };

struct member {
	size_t stanza;
	const char *id, *name, *role; /* borrowed from the document */
	enum gender gender;
	struct cb_date born, died;
	int has_born;   /* Born parsed */
	int dead;       /* Died present (parsed or not) */
	int has_died;   /* Died parsed */
	int index, household;
	int gen, layer;
	int block, slot, x;
	int fams[MAX_FAMS], nfams; /* families this member hangs from */
	int left_partner, right_partner; /* drawn couple lines each side */
};

struct rel {
	size_t stanza;
	int from, to;
	enum rtype type;
	const char *type_s;
	struct cb_date start;
	int has_start;
	int legend; /* listed under the diagram rather than drawn */
};

struct couple {
	int a, b; /* a is drawn on the left once columns are known */
	enum rtype type;
	struct cb_date start;
	int has_start;
	int track;
};

struct family {
	int a, b;   /* parents; b < 0 for one parent */
	int couple; /* the couple joining a and b, or -1 */
	int layer;  /* the parents' layer */
	int *kids;
	unsigned char *kstyle; /* 0 birth, 1 adopted, 2 fostered */
	int *kcol;  /* where each child's line meets its box */
	int nk, cap;
	int drop, lo, hi, track, twins;
};

struct block {
	int layer, x, n;
	int *mem; /* into geno.block_mem */
	double key, sub;
};

/* A cell of the line layer. */
#define L_UP 1u
#define L_DOWN 2u
#define L_LEFT 4u
#define L_RIGHT 8u
struct lcell {
	unsigned char bits, hdash, vstyle, cross, mark;
};

struct legend_line {
	char *text;
	unsigned attr;
};

struct geno {
	int ascii;
	struct cb_date today;
	int legend;
	struct member *m;
	int nm;
	struct rel *r;
	int nr;
	struct couple *c;
	int nc;
	struct family *f;
	int nf;
	struct block *b;
	int nb;
	int *block_mem;
	int nlayers;
	int *lorder, *loff, *lcount; /* block ids by layer, in order */
	int *ytop, *ct, *bt, *tw;    /* rows: layer top, couple/bar/twin rows */
	int dw, dh;                  /* diagram size */
	struct lcell *lines;
	struct legend_line *leg;
	int nleg;
	int oom;
	struct cb_geno_grid *g;
};

static inline int geno_centre(const struct geno *G, int m)
{
	return G->m[m].x + MID;
}

/* A printable character and its combining marks, and its width. */
struct glyph {
	char b[CB_GENO_CELL_BYTES];
	int w;
};

/* genogram_model.c */
int geno_oom(struct geno *G);
void *geno_xcalloc(struct geno *G, size_t n, size_t size);
int geno_is_parent(enum rtype t);
int geno_partner_dashed(enum rtype t);
int geno_is_twin(const struct geno *G, int a, int b);
void geno_init(struct geno *G, const struct cb_genogram_style *style);
/* Steps 1 and 2, shared by the grid and the DOT export. */
int geno_analyse(struct geno *G, const struct cb_doc *doc);
void geno_free(struct geno *G);

/* genogram_text.c */
int geno_next_glyph(const char *s, size_t *pos, mbstate_t *ps, int ascii,
		    struct glyph *g);
int geno_text_width(const char *s, int ascii);

/* genogram_grid.c */
void geno_put(struct geno *G, int x, int y, const char *s, unsigned attr);
void geno_put_text(struct geno *G, int x, int y, int maxw, const char *s,
		   unsigned attr, int centred);
int geno_grid_alloc(struct geno *G, int w, int h);

/* genogram_layout.c */
/* Step 3: partners in blocks, each generation's order (m[].slot), as
 * the grid draws it; the DOT export follows the same order. */
int geno_order(struct geno *G);
int geno_bar_points(const struct geno *G, const struct family *f, int *pts);

/* genogram_draw.c */
int geno_render(struct geno *G);
int geno_layout_empty(struct geno *G);

/* genogram_legend.c */
int geno_build_legend(struct geno *G);

#endif
