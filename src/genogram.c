/* genogram.c - a genogram as a character grid, and as DOT; see genogram.h.
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
 * Lines are drawn on a layer of direction bits (up, down, left, right) and
 * turned into box-drawing characters at the end, so junctions come out
 * right wherever lines meet. */
#include "genogram.h"

#include "err.h"
#include "i18n.h"
#include "strbuf.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

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
static const char *const rtype_names[] = {
	N_("married"), N_("cohabiting"), N_("partners"), N_("separated"),
	N_("divorced"), N_("parent"), N_("adoptive-parent"),
	N_("foster-parent"), N_("sibling"), N_("twin"), N_("close"),
	N_("distant"), N_("conflict"), N_("cut-off"), N_("abuse")
};
#define N_RTYPES ((int)(sizeof rtype_names / sizeof rtype_names[0]))

static int is_partner(enum rtype t)
{
	return t <= R_DIVORCED || t == R_IMPLICIT;
}

static int is_parent(enum rtype t)
{
	return t >= R_PARENT && t <= R_FOSTER;
}

static int is_sibling(enum rtype t)
{
	return t == R_SIBLING || t == R_TWIN;
}

/* When one couple has several partner relationships without dates, the
 * later stage of a relationship wins: a divorce outranks the marriage. */
static int partner_rank(enum rtype t)
{
	switch (t) {
	case R_DIVORCED: return 5;
	case R_SEPARATED: return 4;
	case R_MARRIED: return 3;
	case R_COHABITING: return 2;
	case R_PARTNERS: return 1;
	default: return 0;
	}
}

/* Dashed couple lines: not married (McGoldrick). */
static int partner_dashed(enum rtype t)
{
	return t == R_COHABITING || t == R_PARTNERS || t == R_IMPLICIT;
}

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

static int oom(struct geno *G)
{
	G->oom = 1;
	return CB_ENOMEM;
}

static void *xcalloc(struct geno *G, size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		G->oom = 1;
	return p;
}

static const char *field(const struct cb_stanza *s, const char *name)
{
	const char *v = cb_stanza_get(s, name);
	return v ? v : "";
}

static int centre(const struct geno *G, int m)
{
	return G->m[m].x + MID;
}

/* ---- printable text ---- */

struct glyph {
	char b[CB_GENO_CELL_BYTES];
	int w;
};

/* Bidirectional controls reorder what the terminal shows; a name must not
 * be able to do that to the lines around it. */
static int is_bidi_control(wchar_t wc)
{
	return wc == 0x061c || wc == 0x200e || wc == 0x200f ||
	       (wc >= 0x202a && wc <= 0x202e) || (wc >= 0x2066 && wc <= 0x2069);
}

/* Reads one character at s[*pos]: returns its width (-1 for something to
 * show as '?', 0 for a mark that joins the character before it, -2 at the
 * end) and its bytes in buf. Decoding goes through the locale (mbrtowc),
 * so widths agree with what the terminal will do. */
static int read_char(const char *s, size_t *pos, mbstate_t *ps, int ascii,
		     char *buf, size_t *blen)
{
	const char *p = s + *pos;
	if (!*p)
		return -2;
	if ((unsigned char)*p < 0x80) {
		*pos += 1;
		buf[0] = *p;
		*blen = 1;
		return *p >= 0x20 && *p < 0x7f ? 1 : -1;
	}
	wchar_t wc;
	size_t n = mbrtowc(&wc, p, strnlen(p, MB_LEN_MAX), ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		memset(ps, 0, sizeof *ps);
		*pos += 1;
		return -1;
	}
	*pos += n;
	int w = wcwidth(wc);
	if (is_bidi_control(wc) || iswcntrl((wint_t)wc) || w < 0)
		return -1;
	if (ascii)
		return w == 0 ? 0 : -1;
	if (n >= CB_GENO_CELL_BYTES)
		return -1;
	memcpy(buf, p, n);
	*blen = n;
	return w;
}

/* The next glyph of s: a printable character with its combining marks,
 * or '?' for anything else. Returns 0 at the end. */
static int next_glyph(const char *s, size_t *pos, mbstate_t *ps, int ascii,
		      struct glyph *g)
{
	char buf[MB_LEN_MAX + 1];
	size_t blen = 0;
	int w;
	do {
		w = read_char(s, pos, ps, ascii, buf, &blen);
	} while (w == 0); /* a mark with nothing to join: dropped */
	if (w == -2)
		return 0;
	if (w < 0) {
		strcpy(g->b, "?");
		g->w = 1;
	} else {
		memcpy(g->b, buf, blen);
		g->b[blen] = '\0';
		g->w = w;
	}
	/* Combining marks that follow, as long as they fit the cell. */
	for (;;) {
		size_t save = *pos;
		mbstate_t st = *ps;
		int mw = read_char(s, pos, ps, ascii, buf, &blen);
		if (mw != 0) {
			*pos = save;
			*ps = st;
			break;
		}
		if (ascii || w < 0)
			continue;
		size_t have = strlen(g->b);
		if (have + blen < CB_GENO_CELL_BYTES) {
			memcpy(g->b + have, buf, blen);
			g->b[have + blen] = '\0';
		}
	}
	return 1;
}

static int text_width(const char *s, int ascii)
{
	size_t pos = 0;
	mbstate_t ps;
	struct glyph g;
	int w = 0;
	memset(&ps, 0, sizeof ps);
	while (next_glyph(s, &pos, &ps, ascii, &g))
		w += g.w;
	return w;
}

/* ---- the grid ---- */

static struct cb_geno_cell *cell(struct geno *G, int x, int y)
{
	struct cb_geno_grid *g = G->g;
	if (x < 0 || y < 0 || x >= g->width || y >= g->height)
		return NULL;
	return &g->cells[(size_t)y * (size_t)g->width + (size_t)x];
}

static void put(struct geno *G, int x, int y, const char *s, unsigned attr)
{
	struct cb_geno_cell *c = cell(G, x, y);
	if (!c)
		return;
	snprintf(c->text, sizeof c->text, "%s", s);
	c->attr = (unsigned char)attr;
}

/* Writes s at (x, y) in at most maxw columns, centred in them when
 * centred is set; text that does not fit ends in an ellipsis. */
static void put_text(struct geno *G, int x, int y, int maxw, const char *s,
		     unsigned attr, int centred)
{
	int total = text_width(s, G->ascii);
	int room = total > maxw ? maxw - 1 : total;
	if (centred && total < maxw)
		x += (maxw - total) / 2;
	size_t pos = 0;
	mbstate_t ps;
	struct glyph g;
	int used = 0;
	memset(&ps, 0, sizeof ps);
	while (next_glyph(s, &pos, &ps, G->ascii, &g) && used + g.w <= room) {
		put(G, x + used, y, g.b, attr);
		if (g.w == 2)
			put(G, x + used + 1, y, "", attr);
		used += g.w;
	}
	if (total > maxw && maxw > 0)
		put(G, x + used, y, G->ascii ? "~" : "\u2026", attr);
}

static int grid_alloc(struct geno *G, int w, int h)
{
	struct cb_geno_grid *g = G->g;
	g->width = w;
	g->height = h;
	g->cells = xcalloc(G, (size_t)w * (size_t)h, sizeof *g->cells);
	if (!g->cells)
		return CB_ENOMEM;
	for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
		strcpy(g->cells[i].text, " ");
	return 0;
}

char *cb_geno_grid_text(const struct cb_geno_grid *g)
{
	struct cb_sb sb = CB_SB_INIT;
	cb_sb_add(&sb, "", 0);
	for (int y = 0; y < g->height; y++) {
		const struct cb_geno_cell *row = &g->cells[(size_t)y * (size_t)g->width];
		int end = g->width;
		while (end > 0 && strcmp(row[end - 1].text, " ") == 0)
			end--;
		if (y)
			cb_sb_addc(&sb, '\n');
		for (int x = 0; x < end; x++)
			cb_sb_adds(&sb, row[x].text);
	}
	return cb_sb_take(&sb);
}

void cb_geno_grid_free(struct cb_geno_grid *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nplaces; i++)
		free(g->places[i].id);
	free(g->places);
	free(g->cells);
	memset(g, 0, sizeof *g);
}

/* ---- building the model ---- */

static enum gender parse_gender(const char *v)
{
	if (strcmp(v, "male") == 0)
		return G_MALE;
	if (strcmp(v, "female") == 0)
		return G_FEMALE;
	return G_OTHER;
}

static int cmp_member(const void *pa, const void *pb)
{
	const struct member *a = pa, *b = pb;
	/* Oldest first; unknown births after everyone known. */
	if (a->has_born != b->has_born)
		return a->has_born ? -1 : 1;
	if (a->has_born) {
		int c = cb_date_cmp(&a->born, &b->born);
		if (c)
			return c;
	}
	int c = strcmp(a->id, b->id);
	if (c)
		return c;
	return a->stanza < b->stanza ? -1 : a->stanza > b->stanza;
}

static void read_member(struct member *m, const struct cb_stanza *s, size_t i)
{
	memset(m, 0, sizeof *m);
	m->stanza = i;
	m->id = field(s, "Id");
	m->name = field(s, "Name");
	m->role = field(s, "Role");
	m->gender = parse_gender(field(s, "Gender"));
	m->has_born = cb_fuzzy_date_parse(field(s, "Born"), &m->born) == 0;
	const char *died = field(s, "Died");
	m->dead = *died != '\0';
	m->has_died = m->dead && cb_fuzzy_date_parse(died, &m->died) == 0;
	m->index = strcmp(field(s, "Index"), "yes") == 0;
	m->household = strcmp(field(s, "Household"), "yes") == 0;
	m->gen = GEN_NONE;
	m->block = -1;
}

/* The member with this Id (the first in birth order when two share it). */
static int find_member(const struct geno *G, const char *id)
{
	if (!*id)
		return -1;
	for (int i = 0; i < G->nm; i++)
		if (strcmp(G->m[i].id, id) == 0)
			return i;
	return -1;
}

static enum rtype parse_rtype(const char *v)
{
	for (int i = 0; i < N_RTYPES; i++)
		if (strcmp(v, rtype_names[i]) == 0)
			return (enum rtype)i;
	return R_OTHER;
}

static int cmp_rel(const void *pa, const void *pb)
{
	const struct rel *a = pa, *b = pb;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	return a->stanza < b->stanza ? -1 : a->stanza > b->stanza;
}

static int build_model(struct geno *G, const struct cb_doc *doc)
{
	size_t n = doc ? doc->nstanzas : 0;
	G->m = xcalloc(G, n, sizeof *G->m);
	G->r = xcalloc(G, n, sizeof *G->r);
	if (G->oom)
		return CB_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct cb_stanza *s = &doc->stanzas[i];
		if (strcmp(field(s, "Kind"), "member") == 0 && !cb_stanza_get(s, "Record"))
			read_member(&G->m[G->nm++], s, i);
	}
	qsort(G->m, (size_t)G->nm, sizeof *G->m, cmp_member);
	for (size_t i = 0; i < n; i++) {
		const struct cb_stanza *s = &doc->stanzas[i];
		if (strcmp(field(s, "Kind"), "relationship") != 0)
			continue;
		struct rel *r = &G->r[G->nr];
		memset(r, 0, sizeof *r);
		r->stanza = i;
		r->from = find_member(G, field(s, "From"));
		r->to = find_member(G, field(s, "To"));
		r->type_s = field(s, "Type");
		r->type = parse_rtype(r->type_s);
		r->has_start = cb_fuzzy_date_parse(field(s, "Start"), &r->start) == 0;
		/* A line needs both ends: a missing member, or a member related
		 * to themselves, leaves nothing to draw. */
		if (r->from < 0 || r->to < 0 || r->from == r->to || !*r->type_s)
			continue;
		G->nr++;
	}
	qsort(G->r, (size_t)G->nr, sizeof *G->r, cmp_rel);
	return 0;
}

/* ---- generations ---- */

static int index_member(const struct geno *G)
{
	for (int i = 0; i < G->nm; i++)
		if (G->m[i].index)
			return i;
	return 0;
}

static int floor_div(int a, int b)
{
	int q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* A generation for someone not linked to the reference person: one per
 * 25 years of age difference, rounded to the nearest. */
static int gen_by_birth(const struct geno *G, int m, int ref)
{
	if (!G->m[m].has_born || !G->m[ref].has_born)
		return 0;
	int d = G->m[ref].born.y - G->m[m].born.y;
	int gen = -floor_div(d + 12, 25);
	return gen < -GEN_SPREAD ? -GEN_SPREAD : gen > GEN_SPREAD ? GEN_SPREAD : gen;
}

struct adj {
	int to, delta;
};

static void walk(struct geno *G, int start, int gen, const int *off,
		 const struct adj *adj, int *queue)
{
	int head = 0, tail = 0;
	G->m[start].gen = gen;
	queue[tail++] = start;
	while (head < tail) {
		int v = queue[head++];
		for (int k = off[v]; k < off[v + 1]; k++) {
			int w = adj[k].to;
			if (G->m[w].gen != GEN_NONE)
				continue;
			G->m[w].gen = G->m[v].gen + adj[k].delta;
			queue[tail++] = w;
		}
	}
}

static int structural(enum rtype t)
{
	return (is_partner(t) && t != R_IMPLICIT) || is_parent(t) || is_sibling(t);
}

static int assign_generations(struct geno *G)
{
	int *off = xcalloc(G, (size_t)G->nm + 1, sizeof *off);
	struct adj *adj = xcalloc(G, 2 * (size_t)G->nr, sizeof *adj);
	int *queue = xcalloc(G, (size_t)G->nm, sizeof *queue);
	int *fill = xcalloc(G, (size_t)G->nm + 1, sizeof *fill);
	if (G->oom)
		goto out;
	for (int i = 0; i < G->nr; i++)
		if (structural(G->r[i].type)) {
			off[G->r[i].from + 1]++;
			off[G->r[i].to + 1]++;
		}
	for (int i = 0; i < G->nm; i++)
		off[i + 1] += off[i];
	memcpy(fill, off, ((size_t)G->nm + 1) * sizeof *fill);
	for (int i = 0; i < G->nr; i++) {
		const struct rel *r = &G->r[i];
		if (!structural(r->type))
			continue;
		int d = is_parent(r->type) ? 1 : 0;
		adj[fill[r->from]++] = (struct adj){ r->to, d };
		adj[fill[r->to]++] = (struct adj){ r->from, -d };
	}
	int ref = index_member(G);
	walk(G, ref, 0, off, adj, queue);
	for (int i = 0; i < G->nm; i++)
		if (G->m[i].gen == GEN_NONE)
			walk(G, i, gen_by_birth(G, i, ref), off, adj, queue);
out:
	free(off);
	free(adj);
	free(queue);
	free(fill);
	return G->oom ? CB_ENOMEM : 0;
}

/* Generations in use become layers 0.. from the top; empty ones go. */
static int assign_layers(struct geno *G)
{
	int lo = INT_MAX, hi = INT_MIN;
	for (int i = 0; i < G->nm; i++) {
		lo = G->m[i].gen < lo ? G->m[i].gen : lo;
		hi = G->m[i].gen > hi ? G->m[i].gen : hi;
	}
	/* The walk moves one generation per link, so the range is at most
	 * the member count plus the spread of unlinked members. */
	if (hi < lo)
		return 0;
	size_t span = (size_t)((long)hi - lo + 1);
	int *map = xcalloc(G, span, sizeof *map);
	if (!map)
		return CB_ENOMEM;
	for (int i = 0; i < G->nm; i++)
		map[G->m[i].gen - lo] = 1;
	int L = 0;
	for (size_t k = 0; k < span; k++)
		map[k] = map[k] ? L++ : -1;
	for (int i = 0; i < G->nm; i++)
		G->m[i].layer = map[G->m[i].gen - lo];
	G->nlayers = L;
	free(map);
	return 0;
}

/* ---- couples and families ---- */

static int find_couple(const struct geno *G, int a, int b)
{
	for (int i = 0; i < G->nc; i++)
		if ((G->c[i].a == a && G->c[i].b == b) || (G->c[i].a == b && G->c[i].b == a))
			return i;
	return -1;
}

/* Whether relationship r should replace what couple c shows: the later
 * start when both are dated, else the later stage. */
static int supersedes(const struct rel *r, const struct couple *c)
{
	if (r->has_start && c->has_start) {
		int d = cb_date_cmp(&r->start, &c->start);
		if (d)
			return d > 0;
	}
	return partner_rank(r->type) > partner_rank(c->type);
}

static int add_couple(struct geno *G, int a, int b, enum rtype t,
		      const struct rel *r)
{
	struct couple *c = &G->c[G->nc];
	memset(c, 0, sizeof *c);
	c->a = a;
	c->b = b;
	c->type = t;
	if (r) {
		c->start = r->start;
		c->has_start = r->has_start;
	}
	return G->nc++;
}

static void build_couples(struct geno *G)
{
	for (int i = 0; i < G->nr; i++) {
		struct rel *r = &G->r[i];
		if (!is_partner(r->type))
			continue;
		if (G->m[r->from].gen != G->m[r->to].gen) {
			r->legend = 1;
			continue;
		}
		int k = find_couple(G, r->from, r->to);
		if (k < 0) {
			add_couple(G, r->from, r->to, r->type, r);
		} else if (supersedes(r, &G->c[k])) {
			G->c[k].type = r->type;
			G->c[k].start = r->start;
			G->c[k].has_start = r->has_start;
		}
	}
}

static int find_family(struct geno *G, int a, int b)
{
	if (b >= 0 && b < a) {
		int t = a;
		a = b;
		b = t;
	}
	for (int i = 0; i < G->nf; i++)
		if (G->f[i].a == a && G->f[i].b == b)
			return i;
	struct family *f = &G->f[G->nf];
	memset(f, 0, sizeof *f);
	f->a = a;
	f->b = b;
	f->couple = b >= 0 ? find_couple(G, a, b) : -1;
	f->layer = G->m[a].layer;
	return G->nf++;
}

static int family_add_kid(struct geno *G, int fi, int kid, int style)
{
	struct family *f = &G->f[fi];
	for (int i = 0; i < f->nk; i++)
		if (f->kids[i] == kid)
			return 0;
	if (f->nk == f->cap) {
		int cap = f->cap ? 2 * f->cap : 4;
		int *k = realloc(f->kids, (size_t)cap * sizeof *k);
		if (k)
			f->kids = k;
		unsigned char *s = realloc(f->kstyle, (size_t)cap);
		if (s)
			f->kstyle = s;
		int *col = realloc(f->kcol, (size_t)cap * sizeof *col);
		if (col)
			f->kcol = col;
		if (!k || !s || !col) {
			G->oom = 1;
			return CB_ENOMEM;
		}
		f->cap = cap;
	}
	f->kids[f->nk] = kid;
	f->kstyle[f->nk] = (unsigned char)style;
	f->kcol[f->nk] = 0;
	f->nk++;
	return 0;
}

/* One parent of a child, by the relationship that says so. */
struct par {
	int who, kind, rel, used;
};

/* Hangs the child from a family of parents pa (and pb, or -1). A child
 * hangs from at most MAX_FAMS families; links beyond go to the legend. */
static int attach(struct geno *G, int kid, struct par *pa, struct par *pb)
{
	struct member *m = &G->m[kid];
	if (m->nfams == MAX_FAMS) {
		G->r[pa->rel].legend = 1;
		if (pb)
			G->r[pb->rel].legend = 1;
		return 0;
	}
	int fi = find_family(G, pa->who, pb ? pb->who : -1);
	if (pb && G->f[fi].couple < 0) {
		G->f[fi].couple = add_couple(G, G->f[fi].a, G->f[fi].b, R_IMPLICIT, NULL);
	}
	int style = pb && pb->kind < pa->kind ? pb->kind : pa->kind;
	for (int i = 0; i < m->nfams; i++)
		if (m->fams[i] == fi)
			return 0;
	m->fams[m->nfams++] = fi;
	return family_add_kid(G, fi, kid, style);
}

/* Pairs a child's parents: partners first (one couple line, children
 * below it), then two remaining parents of the same kind (two birth
 * parents with no recorded relationship still had this child together),
 * then anyone left on their own. */
static int pair_parents(struct geno *G, int kid, struct par *p, int np)
{
	for (int i = 0; i < np; i++) {
		if (p[i].used)
			continue;
		for (int j = i + 1; j < np; j++) {
			if (!p[j].used && find_couple(G, p[i].who, p[j].who) >= 0) {
				p[i].used = p[j].used = 1;
				if (attach(G, kid, &p[i], &p[j]))
					return CB_ENOMEM;
				break;
			}
		}
	}
	for (int i = 0; i < np; i++) {
		if (p[i].used)
			continue;
		for (int j = i + 1; j < np; j++) {
			if (!p[j].used && p[j].kind == p[i].kind) {
				p[i].used = p[j].used = 1;
				if (attach(G, kid, &p[i], &p[j]))
					return CB_ENOMEM;
				break;
			}
		}
	}
	for (int i = 0; i < np; i++)
		if (!p[i].used && attach(G, kid, &p[i], NULL))
			return CB_ENOMEM;
	return 0;
}

static int build_families(struct geno *G)
{
	struct par *p = xcalloc(G, (size_t)G->nr, sizeof *p);
	if (!p)
		return CB_ENOMEM;
	for (int kid = 0; kid < G->nm && !G->oom; kid++) {
		int np = 0;
		for (int i = 0; i < G->nr; i++) {
			struct rel *r = &G->r[i];
			if (!is_parent(r->type) || r->to != kid)
				continue;
			if (G->m[kid].gen != G->m[r->from].gen + 1) {
				r->legend = 1;
				continue;
			}
			int dup = 0;
			for (int k = 0; k < np; k++)
				dup |= p[k].who == r->from;
			if (!dup)
				p[np++] = (struct par){ r->from, r->type - R_PARENT, i, 0 };
		}
		pair_parents(G, kid, p, np);
	}
	free(p);
	return G->oom ? CB_ENOMEM : 0;
}

static int same_family(const struct geno *G, int a, int b)
{
	for (int i = 0; i < G->m[a].nfams; i++)
		for (int j = 0; j < G->m[b].nfams; j++)
			if (G->m[a].fams[i] == G->m[b].fams[j])
				return 1;
	return 0;
}

/* What the diagram cannot show goes to the legend: emotional ties,
 * siblings with no parent in common, types this casebook does not know. */
static void mark_legend(struct geno *G)
{
	for (int i = 0; i < G->nr; i++) {
		struct rel *r = &G->r[i];
		if (is_sibling(r->type) && !same_family(G, r->from, r->to))
			r->legend = 1;
		else if (r->type >= R_CLOSE && r->type <= R_OTHER)
			r->legend = 1;
	}
}

static int is_twin(const struct geno *G, int a, int b)
{
	for (int i = 0; i < G->nr; i++) {
		const struct rel *r = &G->r[i];
		if (r->type == R_TWIN && ((r->from == a && r->to == b) ||
					  (r->from == b && r->to == a)))
			return 1;
	}
	return 0;
}

/* ---- blocks: partners kept side by side ---- */

static int uf_find(int *up, int i)
{
	while (up[i] != i) {
		up[i] = up[up[i]];
		i = up[i];
	}
	return i;
}

static int partner_count(const struct geno *G, int m)
{
	int n = 0;
	for (int i = 0; i < G->nc; i++)
		n += G->c[i].a == m || G->c[i].b == m;
	return n;
}

/* Partners of m not yet placed, oldest relationship first. */
static int next_partner(const struct geno *G, int m, const int *side)
{
	int best = -1, bc = -1;
	for (int i = 0; i < G->nc; i++) {
		const struct couple *c = &G->c[i];
		int o = c->a == m ? c->b : c->b == m ? c->a : -1;
		if (o < 0 || side[o] != 2)
			continue;
		int better = best < 0;
		if (!better && c->has_start != G->c[bc].has_start)
			better = c->has_start;
		else if (!better && c->has_start && cb_date_cmp(&c->start, &G->c[bc].start))
			better = cb_date_cmp(&c->start, &G->c[bc].start) < 0;
		else if (!better)
			better = o < best;
		if (better) {
			best = o;
			bc = i;
		}
	}
	return best;
}

/* Lays out one group of partners left to right: the member with most
 * partners in the middle, partners alternating sides (a man's first partner
 * to his right, a woman's to her left, so a couple reads male-female);
 * partners of partners further out on the same side. */
static void arrange_block(struct geno *G, int *mem, int n, int *side, int *queue, int *deque)
{
	if (n == 1)
		return;
	int hub = mem[0], hd = partner_count(G, mem[0]);
	for (int i = 1; i < n; i++) {
		int d = partner_count(G, mem[i]);
		if (d > hd || (d == hd && G->m[mem[i]].gender == G_MALE &&
			       G->m[hub].gender != G_MALE)) {
			hub = mem[i];
			hd = d;
		}
	}
	for (int i = 0; i < n; i++)
		side[mem[i]] = 2; /* not placed */
	int lo = n, hi = n, qh = 0, qt = 0; /* deque[lo..hi) */
	deque[hi++] = hub;
	side[hub] = 0;
	queue[qt++] = hub;
	int next = G->m[hub].gender != G_FEMALE ? 1 : -1;
	while (qh < qt) {
		int v = queue[qh++], p;
		while ((p = next_partner(G, v, side)) >= 0) {
			int s = side[v];
			if (s == 0) {
				s = next;
				next = -next;
			}
			side[p] = s;
			if (s > 0)
				deque[hi++] = p;
			else
				deque[--lo] = p;
			queue[qt++] = p;
		}
	}
	for (int i = 0; i < n; i++)
		mem[i] = deque[lo + i];
}

static int build_blocks(struct geno *G)
{
	int *up = xcalloc(G, (size_t)G->nm, sizeof *up);
	int *side = xcalloc(G, (size_t)G->nm, sizeof *side);
	int *queue = xcalloc(G, (size_t)G->nm, sizeof *queue);
	int *deque = xcalloc(G, 2 * (size_t)G->nm + 1, sizeof *deque);
	G->b = xcalloc(G, (size_t)G->nm, sizeof *G->b);
	G->block_mem = xcalloc(G, (size_t)G->nm, sizeof *G->block_mem);
	if (G->oom)
		goto out;
	for (int i = 0; i < G->nm; i++)
		up[i] = i;
	for (int i = 0; i < G->nc; i++)
		up[uf_find(up, G->c[i].a)] = uf_find(up, G->c[i].b);
	/* Blocks in birth order of their oldest member. */
	int used = 0;
	for (int i = 0; i < G->nm; i++) {
		if (G->m[i].block >= 0)
			continue;
		struct block *b = &G->b[G->nb];
		b->layer = G->m[i].layer;
		b->mem = &G->block_mem[used];
		int root = uf_find(up, i);
		for (int j = i; j < G->nm; j++)
			if (uf_find(up, j) == root) {
				b->mem[b->n++] = j;
				G->m[j].block = G->nb;
			}
		used += b->n;
		arrange_block(G, b->mem, b->n, side, queue, deque);
		G->nb++;
	}
out:
	free(up);
	free(side);
	free(queue);
	free(deque);
	return G->oom ? CB_ENOMEM : 0;
}

static int build_layers(struct geno *G)
{
	G->lorder = xcalloc(G, (size_t)G->nb, sizeof *G->lorder);
	G->loff = xcalloc(G, (size_t)G->nlayers + 1, sizeof *G->loff);
	G->lcount = xcalloc(G, (size_t)G->nlayers, sizeof *G->lcount);
	if (G->oom)
		return CB_ENOMEM;
	for (int i = 0; i < G->nb; i++)
		G->loff[G->b[i].layer + 1]++;
	for (int l = 0; l < G->nlayers; l++)
		G->loff[l + 1] += G->loff[l];
	for (int i = 0; i < G->nb; i++) {
		int l = G->b[i].layer;
		G->lorder[G->loff[l] + G->lcount[l]++] = i;
	}
	return 0;
}

/* ---- order within each layer ---- */

static void compute_slots(struct geno *G, int l)
{
	int slot = 0;
	for (int k = 0; k < G->lcount[l]; k++) {
		const struct block *b = &G->b[G->lorder[G->loff[l] + k]];
		for (int i = 0; i < b->n; i++)
			G->m[b->mem[i]].slot = slot++;
	}
}

static double drop_slot(const struct geno *G, const struct family *f)
{
	if (f->b < 0)
		return G->m[f->a].slot;
	return (G->m[f->a].slot + G->m[f->b].slot) / 2.0;
}

static double kids_slot(const struct geno *G, const struct family *f)
{
	double s = 0;
	for (int i = 0; i < f->nk; i++)
		s += G->m[f->kids[i]].slot;
	return s / f->nk;
}

/* Keys against the layer above: the parents of the block's oldest member
 * who has any, with that member's birth order to keep siblings in it. */
static int key_down(const struct geno *G, const struct block *b, double *key, double *sub)
{
	int best = -1;
	for (int i = 0; i < b->n; i++)
		if (G->m[b->mem[i]].nfams && (best < 0 || b->mem[i] < best))
			best = b->mem[i];
	if (best < 0)
		return 0;
	const struct member *m = &G->m[best];
	double s = 0;
	for (int i = 0; i < m->nfams; i++)
		s += drop_slot(G, &G->f[m->fams[i]]);
	*key = s / m->nfams;
	*sub = best;
	return 1;
}

/* Keys against the layer below: where the block's children are. */
static int key_up(const struct geno *G, const struct block *b, double *key)
{
	double s = 0;
	int n = 0;
	for (int fi = 0; fi < G->nf; fi++) {
		const struct family *f = &G->f[fi];
		if (!f->nk || G->m[f->a].block != b - G->b)
			continue;
		s += kids_slot(G, f);
		n++;
	}
	if (!n)
		return 0;
	*key = s / n;
	return 1;
}

/* Stable: blocks with equal keys keep their order, so siblings stay in
 * birth order and blocks with no key stay after the one before them. */
static void sort_layer(struct geno *G, int l)
{
	int *o = &G->lorder[G->loff[l]];
	for (int i = 1; i < G->lcount[l]; i++) {
		int v = o[i], j = i;
		const struct block *bv = &G->b[v];
		while (j > 0) {
			const struct block *bp = &G->b[o[j - 1]];
			if (bp->key < bv->key || (bp->key == bv->key && bp->sub <= bv->sub))
				break;
			o[j] = o[j - 1];
			j--;
		}
		o[j] = v;
	}
}

static void sweep(struct geno *G, int l, int down)
{
	double carry = -1e18, carry_sub = -1;
	for (int k = 0; k < G->lcount[l]; k++) {
		struct block *b = &G->b[G->lorder[G->loff[l] + k]];
		int has = down ? key_down(G, b, &b->key, &b->sub) : key_up(G, b, &b->key);
		if (has && !down)
			b->sub = k;
		if (!has) {
			b->key = carry;
			b->sub = carry_sub + 0.5;
		}
		carry = b->key;
		carry_sub = b->sub;
	}
	sort_layer(G, l);
	compute_slots(G, l);
}

static void order_layers(struct geno *G)
{
	for (int l = 0; l < G->nlayers; l++)
		compute_slots(G, l);
	for (int s = 0; s <= SWEEPS; s++) {
		for (int l = 1; l < G->nlayers; l++)
			sweep(G, l, 1);
		if (s == SWEEPS)
			break;
		for (int l = G->nlayers - 2; l >= 0; l--)
			sweep(G, l, 0);
	}
}

/* ---- columns ---- */

static int block_width(const struct block *b)
{
	return b->n * BOX_W + (b->n - 1) * GAP_IN;
}

static void set_block_x(struct geno *G, struct block *b, int x)
{
	b->x = x;
	for (int i = 0; i < b->n; i++)
		G->m[b->mem[i]].x = x + i * (BOX_W + GAP_IN);
}

static int family_drop(const struct geno *G, const struct family *f)
{
	if (f->b < 0)
		return centre(G, f->a);
	return (centre(G, f->a) + centre(G, f->b)) / 2;
}

static double kids_mid(const struct geno *G, const struct family *f)
{
	int lo = INT_MAX, hi = INT_MIN;
	for (int i = 0; i < f->nk; i++) {
		int c = centre(G, f->kids[i]);
		lo = c < lo ? c : lo;
		hi = c > hi ? c : hi;
	}
	return (lo + hi) / 2.0;
}

/* Round half to even: a shift of exactly half a column then settles
 * instead of creeping one way on every pass. */
static int round_even(double v)
{
	long t = (long)v;
	if ((double)t > v)
		t--;
	double frac = v - (double)t;
	if (frac > 0.5 || (frac == 0.5 && (t & 1)))
		t++;
	return (int)t;
}

/* Places layer l's blocks as close to want[] as order and spacing allow,
 * minimising the weighted squared distance: pool adjacent violators on the
 * positions less each block's minimum offset from the first. */
static int place_layer(struct geno *G, int l, const double *want, const double *wt)
{
	int n = G->lcount[l];
	double *sum = xcalloc(G, (size_t)n, sizeof *sum);
	double *w = xcalloc(G, (size_t)n, sizeof *w);
	int *cnt = xcalloc(G, (size_t)n, sizeof *cnt);
	int *off = xcalloc(G, (size_t)n, sizeof *off);
	if (G->oom)
		goto out;
	int np = 0;
	for (int k = 0; k < n; k++) {
		if (k)
			off[k] = off[k - 1] + block_width(&G->b[G->lorder[G->loff[l] + k - 1]]) + GAP_OUT;
		sum[np] = (want[k] - off[k]) * wt[k];
		w[np] = wt[k];
		cnt[np] = 1;
		np++;
		while (np > 1 && sum[np - 2] / w[np - 2] > sum[np - 1] / w[np - 1]) {
			sum[np - 2] += sum[np - 1];
			w[np - 2] += w[np - 1];
			cnt[np - 2] += cnt[np - 1];
			np--;
		}
	}
	for (int p = 0, k = 0; p < np; p++) {
		int y = round_even(sum[p] / w[p]);
		for (int i = 0; i < cnt[p]; i++, k++)
			set_block_x(G, &G->b[G->lorder[G->loff[l] + k]], y + off[k]);
	}
out:
	free(sum);
	free(w);
	free(cnt);
	free(off);
	return G->oom ? CB_ENOMEM : 0;
}

/* Where a child's centre belongs: siblings packed side by side, oldest
 * (leftmost) first, centred under the line they hang from. */
static double kid_target(const struct geno *G, const struct family *f, int kid)
{
	int idx = 0;
	for (int i = 0; i < f->nk; i++)
		idx += G->m[f->kids[i]].slot < G->m[kid].slot;
	return family_drop(G, f) + (idx - (f->nk - 1) / 2.0) * (BOX_W + GAP_OUT);
}

/* How far block bi would like to move: its children of the layer above
 * into their places (down), or its couples over their children (up).
 * Returns how many had a say. */
static int block_shift(const struct geno *G, int bi, int down, double *shift)
{
	double s = 0;
	int n = 0;
	for (int fi = 0; fi < G->nf; fi++) {
		const struct family *f = &G->f[fi];
		if (!down) {
			if (G->m[f->a].block == bi) {
				s += kids_mid(G, f) - family_drop(G, f);
				n++;
			}
			continue;
		}
		for (int i = 0; i < f->nk; i++) {
			int k = f->kids[i];
			if (G->m[k].block != bi)
				continue;
			s += kid_target(G, f, k) - centre(G, k);
			n++;
		}
	}
	*shift = n ? s / n : 0;
	return n;
}

static int pass(struct geno *G, int l, int down, double *want, double *wt)
{
	for (int k = 0; k < G->lcount[l]; k++) {
		int bi = G->lorder[G->loff[l] + k];
		double shift;
		int n = block_shift(G, bi, down, &shift);
		want[k] = G->b[bi].x + shift;
		/* Blocks with nothing to align to barely resist their
		 * neighbours, but stay put when free. */
		wt[k] = n ? n : 0.01;
	}
	return place_layer(G, l, want, wt);
}

/* Blocks linked to nothing in the layers next to theirs (someone with no
 * recorded family) are only pushed about by the others: close them up to
 * their neighbours so the diagram is no wider than it needs to be. */
static void tidy_layer(struct geno *G, int l)
{
	int n = G->lcount[l];
	int *o = &G->lorder[G->loff[l]];
	double sh;
	for (int k = 1; k < n; k++) {
		struct block *b = &G->b[o[k]], *p = &G->b[o[k - 1]];
		if (!block_shift(G, o[k], 1, &sh) && !block_shift(G, o[k], 0, &sh))
			set_block_x(G, b, p->x + block_width(p) + GAP_OUT);
	}
	for (int k = n - 2; k >= 0; k--) {
		struct block *b = &G->b[o[k]], *nx = &G->b[o[k + 1]];
		int x = nx->x - GAP_OUT - block_width(b);
		if (x > b->x && !block_shift(G, o[k], 1, &sh) && !block_shift(G, o[k], 0, &sh))
			set_block_x(G, b, x);
	}
}

static int place_columns(struct geno *G)
{
	double *want = xcalloc(G, (size_t)G->nb, sizeof *want);
	double *wt = xcalloc(G, (size_t)G->nb, sizeof *wt);
	if (G->oom)
		goto out;
	for (int l = 0; l < G->nlayers; l++) {
		int x = 0;
		for (int k = 0; k < G->lcount[l]; k++) {
			struct block *b = &G->b[G->lorder[G->loff[l] + k]];
			set_block_x(G, b, x);
			x += block_width(b) + GAP_OUT;
		}
	}
	for (int p = 0; p <= PASSES && !G->oom; p++) {
		for (int l = 1; l < G->nlayers; l++)
			pass(G, l, 1, want, wt);
		if (p == PASSES)
			break;
		for (int l = G->nlayers - 2; l >= 0; l--)
			pass(G, l, 0, want, wt);
	}
	for (int l = 0; l < G->nlayers; l++)
		tidy_layer(G, l);
	int minx = INT_MAX;
	for (int i = 0; i < G->nb; i++)
		minx = G->b[i].x < minx ? G->b[i].x : minx;
	for (int i = 0; i < G->nb; i++)
		set_block_x(G, &G->b[i], G->b[i].x - minx);
out:
	free(want);
	free(wt);
	return G->oom ? CB_ENOMEM : 0;
}

/* ---- rows: tracks for lines that would overlap ---- */

/* Gives each interval the first track where it overlaps nothing. An
 * interval may start need columns after the last one on its track ends:
 * 0 lets two couple lines meet under the partner they share, 2 leaves a
 * blank column between two sibling bars. */
static int assign_tracks(int n, const int *lo, const int *hi, int need, int *track, int *order, int *last)
{
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = 1; i < n; i++) {
		int v = order[i], j = i;
		while (j > 0 && (lo[order[j - 1]] > lo[v] ||
				 (lo[order[j - 1]] == lo[v] && hi[order[j - 1]] > hi[v]))) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = v;
	}
	int nt = 0;
	for (int i = 0; i < n; i++) {
		int v = order[i], t = 0;
		while (t < nt && lo[v] < last[t] + need)
			t++;
		if (t == nt)
			nt++;
		track[v] = t;
		last[t] = hi[v];
	}
	return nt;
}

static void sort_kids_and_attach(struct geno *G, struct family *f)
{
	for (int i = 1; i < f->nk; i++) {
		int k = f->kids[i];
		unsigned char s = f->kstyle[i];
		int j = i;
		while (j > 0 && G->m[f->kids[j - 1]].x > G->m[k].x) {
			f->kids[j] = f->kids[j - 1];
			f->kstyle[j] = f->kstyle[j - 1];
			j--;
		}
		f->kids[j] = k;
		f->kstyle[j] = s;
	}
	static const int offs[MAX_FAMS] = { 0, -ATTACH, ATTACH };
	int fi = (int)(f - G->f);
	f->twins = 0;
	for (int i = 0; i < f->nk; i++) {
		const struct member *m = &G->m[f->kids[i]];
		int which = 0;
		for (int k = 0; k < m->nfams; k++)
			if (m->fams[k] == fi)
				which = k;
		f->kcol[i] = m->x + MID + offs[which];
		if (i && is_twin(G, f->kids[i - 1], f->kids[i]))
			f->twins = 1;
	}
}

/* The column a lone parent's children hang from: the middle of the box,
 * or off to the side away from any couple line. */
static int single_drop(const struct geno *G, int p)
{
	const struct member *m = &G->m[p];
	if (!m->left_partner && !m->right_partner)
		return centre(G, p);
	if (!m->left_partner)
		return centre(G, p) - ATTACH;
	return centre(G, p) + ATTACH;
}

/* The points on a family's bar: one per child, one per set of twins. */
static int bar_points(const struct geno *G, const struct family *f, int *pts)
{
	int n = 0;
	for (int i = 0; i < f->nk;) {
		int j = i;
		while (j + 1 < f->nk && is_twin(G, f->kids[j], f->kids[j + 1]))
			j++;
		pts[n++] = (f->kcol[i] + f->kcol[j]) / 2;
		i = j + 1;
	}
	return n;
}

static void family_span(struct geno *G, struct family *f, int *pts)
{
	f->drop = f->couple >= 0 ? family_drop(G, f) : single_drop(G, f->a);
	f->lo = f->hi = f->drop;
	int n = bar_points(G, f, pts);
	for (int i = 0; i < n; i++) {
		f->lo = pts[i] < f->lo ? pts[i] : f->lo;
		f->hi = pts[i] > f->hi ? pts[i] : f->hi;
	}
}

static void mark_partner_sides(struct geno *G)
{
	for (int i = 0; i < G->nc; i++) {
		struct couple *c = &G->c[i];
		if (G->m[c->a].x > G->m[c->b].x) {
			int t = c->a;
			c->a = c->b;
			c->b = t;
		}
		G->m[c->a].right_partner = 1;
		G->m[c->b].left_partner = 1;
	}
}

static int layer_tracks(struct geno *G, int l, int *lo, int *hi, int *idx,
			int *track, int *order, int *last, int *pts)
{
	int n = 0;
	for (int i = 0; i < G->nc; i++) {
		if (G->m[G->c[i].a].layer != l)
			continue;
		lo[n] = centre(G, G->c[i].a);
		hi[n] = centre(G, G->c[i].b);
		idx[n++] = i;
	}
	G->ct[l] = assign_tracks(n, lo, hi, 0, track, order, last);
	for (int i = 0; i < n; i++)
		G->c[idx[i]].track = track[i];
	n = 0;
	G->tw[l] = 0;
	for (int i = 0; i < G->nf; i++) {
		struct family *f = &G->f[i];
		if (f->layer != l || !f->nk)
			continue;
		sort_kids_and_attach(G, f);
		family_span(G, f, pts);
		G->tw[l] |= f->twins;
		lo[n] = f->lo;
		hi[n] = f->hi;
		idx[n++] = i;
	}
	G->bt[l] = assign_tracks(n, lo, hi, 2, track, order, last);
	for (int i = 0; i < n; i++)
		G->f[idx[i]].track = track[i];
	return 0;
}

static int place_rows(struct geno *G)
{
	int L = G->nlayers;
	size_t n = (size_t)(G->nc > G->nf ? G->nc : G->nf) + (size_t)G->nm + 1;
	int *lo = xcalloc(G, n, sizeof *lo), *hi = xcalloc(G, n, sizeof *hi);
	int *idx = xcalloc(G, n, sizeof *idx), *track = xcalloc(G, n, sizeof *track);
	int *order = xcalloc(G, n, sizeof *order), *last = xcalloc(G, n, sizeof *last);
	int *pts = xcalloc(G, n, sizeof *pts);
	G->ytop = xcalloc(G, (size_t)L, sizeof *G->ytop);
	G->ct = xcalloc(G, (size_t)L, sizeof *G->ct);
	G->bt = xcalloc(G, (size_t)L, sizeof *G->bt);
	G->tw = xcalloc(G, (size_t)L, sizeof *G->tw);
	if (G->oom)
		goto out;
	mark_partner_sides(G);
	int y = 0;
	for (int l = 0; l < L; l++) {
		layer_tracks(G, l, lo, hi, idx, track, order, last, pts);
		G->ytop[l] = y;
		/* Below the boxes: couple lines, sibling bars, a row for
		 * twin forks, and one row of plain stems so that adopted and
		 * fostered children's lines show their dashes. Generations not
		 * joined by lines still get a blank row between them. */
		int gap = G->ct[l];
		if (G->bt[l])
			gap += G->bt[l] + G->tw[l] + 1;
		else if (l + 1 < L)
			gap++;
		y += BOX_H + gap;
	}
	G->dh = L ? G->ytop[L - 1] + BOX_H + G->ct[L - 1] : 0;
	G->dw = 0;
	for (int i = 0; i < G->nm; i++)
		G->dw = G->m[i].x + BOX_W > G->dw ? G->m[i].x + BOX_W : G->dw;
out:
	free(lo);
	free(hi);
	free(idx);
	free(track);
	free(order);
	free(last);
	free(pts);
	return G->oom ? CB_ENOMEM : 0;
}

/* ---- lines ---- */

static struct lcell *lcell(struct geno *G, int x, int y)
{
	if (x < 0 || y < 0 || x >= G->dw || y >= G->dh)
		return NULL;
	return &G->lines[(size_t)y * (size_t)G->dw + (size_t)x];
}

/* A vertical line from row y1 down to y2. Where it passes through a
 * horizontal line of something else, the cell is a crossing, drawn as the
 * vertical so that it does not read as a junction. */
static void draw_v(struct geno *G, int x, int y1, int y2, int vstyle)
{
	for (int y = y1; y <= y2; y++) {
		struct lcell *c = lcell(G, x, y);
		if (!c)
			continue;
		if (y > y1 && y < y2 && (c->bits & (L_LEFT | L_RIGHT)) == (L_LEFT | L_RIGHT) &&
		    !(c->bits & (L_UP | L_DOWN)))
			c->cross = 1;
		if (y > y1)
			c->bits |= L_UP;
		if (y < y2)
			c->bits |= L_DOWN;
		if (y1 == y2)
			c->bits |= L_UP | L_DOWN;
		if (y > y1 && y < y2)
			c->vstyle = (unsigned char)vstyle;
		else if (!(c->bits & (L_LEFT | L_RIGHT)))
			c->vstyle = (unsigned char)vstyle;
	}
}

static void draw_h(struct geno *G, int y, int x1, int x2, int dashed)
{
	for (int x = x1; x <= x2; x++) {
		struct lcell *c = lcell(G, x, y);
		if (!c)
			continue;
		if (x > x1 && x < x2 && (c->bits & (L_UP | L_DOWN)) == (L_UP | L_DOWN) &&
		    !(c->bits & (L_LEFT | L_RIGHT)))
			c->cross = 1;
		if (x > x1)
			c->bits |= L_LEFT;
		if (x < x2)
			c->bits |= L_RIGHT;
		c->hdash = (unsigned char)dashed;
	}
}

static int couple_row(const struct geno *G, int l, int track)
{
	return G->ytop[l] + BOX_H + track;
}

static int bar_row(const struct geno *G, int l, int track)
{
	return G->ytop[l] + BOX_H + G->ct[l] + track;
}

static void draw_couple(struct geno *G, const struct couple *c)
{
	int l = G->m[c->a].layer;
	int ca = centre(G, c->a), cb = centre(G, c->b);
	int row = couple_row(G, l, c->track);
	int border = G->ytop[l] + BOX_H - 1;
	draw_v(G, ca, border, row, 0);
	draw_v(G, cb, border, row, 0);
	draw_h(G, row, ca, cb, partner_dashed(c->type));
	/* Slashes between the left partner and the middle, where the
	 * children's line leaves: one separated, two divorced. */
	int q = (ca + (ca + cb) / 2) / 2;
	int slashes = c->type == R_SEPARATED ? 1 : c->type == R_DIVORCED ? 2 : 0;
	for (int i = 0; i < slashes; i++) {
		struct lcell *lc = lcell(G, q + i, row);
		if (lc)
			lc->mark = '/';
	}
}

static void draw_family(struct geno *G, const struct family *f, int *pts)
{
	int l = f->layer;
	int brow = bar_row(G, l, f->track);
	int child_top = G->ytop[l + 1];
	int twin_row = brow + (G->bt[l] - f->track);
	if (f->couple >= 0)
		draw_v(G, f->drop, couple_row(G, l, G->c[f->couple].track), brow, 0);
	else
		draw_v(G, f->drop, G->ytop[l] + BOX_H - 1, brow, 0);
	draw_h(G, brow, f->lo, f->hi, 0);
	bar_points(G, f, pts);
	for (int i = 0, p = 0; i < f->nk; p++) {
		int j = i;
		while (j + 1 < f->nk && is_twin(G, f->kids[j], f->kids[j + 1]))
			j++;
		if (j == i) {
			draw_v(G, f->kcol[i], brow, child_top, f->kstyle[i]);
		} else {
			/* Twins: one line from the bar, then a fork. */
			draw_v(G, pts[p], brow, twin_row, 0);
			draw_h(G, twin_row, f->kcol[i], f->kcol[j], 0);
			for (int k = i; k <= j; k++)
				draw_v(G, f->kcol[k], twin_row, child_top, f->kstyle[k]);
		}
		i = j + 1;
	}
}

static const char *const glyph_uni[16] = {
	" ", "│", "│", "│", "─", "┘", "┐", "┤",
	"─", "└", "┌", "├", "─", "┴", "┬", "┼"
};
static const char *const glyph_ascii[16] = {
	" ", "|", "|", "|", "-", "+", "+", "+",
	"-", "+", "+", "+", "-", "+", "+", "+"
};

static const char *line_glyph(const struct geno *G, const struct lcell *c, int x)
{
	static const char *const vdash_uni[3] = { "│", "┆", "┊" };
	static const char *const vdash_ascii[3] = { "|", ":", ":" };
	unsigned hv = c->bits & (L_LEFT | L_RIGHT), vv = c->bits & (L_UP | L_DOWN);
	if (c->mark)
		return "/";
	if (c->cross || (vv && !hv))
		return (G->ascii ? vdash_ascii : vdash_uni)[c->vstyle % 3];
	if (hv && !vv && c->hdash)
		return G->ascii ? (x % 2 ? " " : "-") : "┄";
	return (G->ascii ? glyph_ascii : glyph_uni)[c->bits & 15];
}

static int draw_lines(struct geno *G)
{
	G->lines = xcalloc(G, (size_t)G->dw * (size_t)G->dh, sizeof *G->lines);
	int *pts = xcalloc(G, (size_t)G->nm + 1, sizeof *pts);
	if (G->oom) {
		free(pts);
		return CB_ENOMEM;
	}
	for (int i = 0; i < G->nc; i++)
		draw_couple(G, &G->c[i]);
	for (int i = 0; i < G->nf; i++)
		if (G->f[i].nk)
			draw_family(G, &G->f[i], pts);
	free(pts);
	for (int y = 0; y < G->dh; y++)
		for (int x = 0; x < G->dw; x++) {
			const struct lcell *c = lcell(G, x, y);
			if (c->bits || c->mark)
				put(G, x, y, line_glyph(G, c, x), CB_GENO_LINE);
		}
	return 0;
}

/* ---- boxes ---- */

struct box_glyphs {
	const char *tl, *tr, *bl, *br, *h, *l, *r, *jt, *jb;
};

static struct box_glyphs box_glyphs(const struct geno *G, const struct member *m)
{
	static const struct box_glyphs uni[3] = {
		{ "┌", "┐", "└", "┘", "─", "│", "│", "┴", "┬" },
		{ "╭", "╮", "╰", "╯", "─", "│", "│", "┴", "┬" },
		{ "◇", "◇", "◇", "◇", "─", "│", "│", "┴", "┬" },
	};
	static const struct box_glyphs uni_index[3] = {
		{ "╔", "╗", "╚", "╝", "═", "║", "║", "╧", "╤" },
		{ "╭", "╮", "╰", "╯", "═", "║", "║", "╧", "╤" },
		{ "◇", "◇", "◇", "◇", "═", "║", "║", "╧", "╤" },
	};
	static const struct box_glyphs asc[3] = {
		{ "+", "+", "+", "+", "-", "|", "|", "+", "+" },
		{ ".", ".", "'", "'", "-", "(", ")", "+", "+" },
		{ "+", "+", "+", "+", "-", "<", ">", "+", "+" },
	};
	static const struct box_glyphs asc_index[3] = {
		{ "#", "#", "#", "#", "=", "#", "#", "+", "+" },
		{ "#", "#", "#", "#", "=", "(", ")", "+", "+" },
		{ "#", "#", "#", "#", "=", "<", ">", "+", "+" },
	};
	const struct box_glyphs *set = G->ascii ? (m->index ? asc_index : asc)
						: (m->index ? uni_index : uni);
	return set[m->gender];
}

/* The dates line: "b.1980 (44)" for the living, "✕ d.1998 (68)" for the
 * dead, the age at death when both dates are known. */
static void dates_line(const struct geno *G, const struct member *m, char *buf, size_t n)
{
	buf[0] = '\0';
	if (m->dead) {
		const char *cross = G->ascii ? "X" : "\u2715";
		if (!m->has_died) {
			snprintf(buf, n, "%s", cross);
			return;
		}
		int age = m->has_born ? cb_age_on(&m->born, &m->died) : -1;
		if (age >= 0)
			snprintf(buf, n, _("%s d.%d (%d)"), cross, m->died.y, age);
		else
			snprintf(buf, n, _("%s d.%d"), cross, m->died.y);
		return;
	}
	if (!m->has_born)
		return;
	int age = G->today.y ? cb_age_on(&m->born, &G->today) : -1;
	if (age >= 0)
		snprintf(buf, n, _("b.%d (%d)"), m->born.y, age);
	else
		snprintf(buf, n, _("b.%d"), m->born.y);
}

static unsigned box_attr(const struct member *m)
{
	return (m->index ? CB_GENO_INDEX : 0) | (m->dead ? CB_GENO_DECEASED : 0) |
	       (m->household ? CB_GENO_HOUSEHOLD : 0);
}

static void draw_box(struct geno *G, int mi)
{
	const struct member *m = &G->m[mi];
	struct box_glyphs g = box_glyphs(G, m);
	unsigned a = box_attr(m);
	int x = m->x, y = G->ytop[m->layer], bot = y + BOX_H - 1;
	for (int i = 1; i < BOX_W - 1; i++) {
		const struct lcell *top = lcell(G, x + i, y);
		const struct lcell *low = lcell(G, x + i, bot);
		put(G, x + i, y, top && (top->bits & L_UP) ? g.jt : g.h, a);
		put(G, x + i, bot, low && (low->bits & L_DOWN) ? g.jb : g.h, a);
	}
	put(G, x, y, g.tl, a);
	put(G, x + BOX_W - 1, y, g.tr, a);
	put(G, x, bot, g.bl, a);
	put(G, x + BOX_W - 1, bot, g.br, a);
	if (m->household)
		put(G, x + 1, y, "H", a);
	for (int r = 1; r < BOX_H - 1; r++) {
		put(G, x, y + r, g.l, a);
		for (int i = 1; i < BOX_W - 1; i++)
			put(G, x + i, y + r, " ", a);
		put(G, x + BOX_W - 1, y + r, g.r, a);
	}
	char dates[64];
	dates_line(G, m, dates, sizeof dates);
	put_text(G, x + 1, y + 1, INNER, *m->name ? m->name : "?", a, 1);
	put_text(G, x + 1, y + 2, INNER, dates, a, 1);
	put_text(G, x + 1, y + 3, INNER, m->role, a, 1);
}

static int record_places(struct geno *G)
{
	struct cb_geno_grid *g = G->g;
	g->places = xcalloc(G, (size_t)G->nm, sizeof *g->places);
	if (!g->places)
		return CB_ENOMEM;
	for (int i = 0; i < G->nm; i++) {
		struct cb_geno_place *p = &g->places[g->nplaces];
		p->id = strdup(G->m[i].id);
		if (!p->id)
			return oom(G);
		p->stanza = G->m[i].stanza;
		p->x = G->m[i].x;
		p->y = G->ytop[G->m[i].layer];
		p->w = BOX_W;
		p->h = BOX_H;
		g->nplaces++;
	}
	return 0;
}

/* ---- legend ---- */

/* A name for the legend: no control characters, not too long. */
static void legend_name(struct geno *G, struct cb_sb *sb, int m)
{
	const char *s = *G->m[m].name ? G->m[m].name : "?";
	size_t pos = 0;
	mbstate_t ps;
	struct glyph g;
	int used = 0, total = text_width(s, G->ascii);
	memset(&ps, 0, sizeof ps);
	while (next_glyph(s, &pos, &ps, G->ascii, &g)) {
		if (total > LEGEND_NAME && used + g.w > LEGEND_NAME - 1)
			break;
		cb_sb_adds(sb, g.b);
		used += g.w;
	}
	if (total > LEGEND_NAME)
		cb_sb_adds(sb, G->ascii ? "~" : "\u2026");
}

static int add_legend(struct geno *G, char *text, unsigned attr)
{
	if (!text)
		return oom(G);
	struct legend_line *l = realloc(G->leg, ((size_t)G->nleg + 1) * sizeof *l);
	if (!l) {
		free(text);
		return oom(G);
	}
	G->leg = l;
	G->leg[G->nleg].text = text;
	G->leg[G->nleg].attr = attr;
	G->nleg++;
	return 0;
}

/* The type as the legend shows it: known types translated, others as
 * written (cleaned like any other text). */
static void legend_type(struct geno *G, struct cb_sb *sb, const struct rel *r)
{
	if ((int)r->type < N_RTYPES) {
		cb_sb_adds(sb, _(rtype_names[r->type]));
		return;
	}
	size_t pos = 0;
	mbstate_t ps;
	struct glyph g;
	memset(&ps, 0, sizeof ps);
	for (int used = 0; next_glyph(r->type_s, &pos, &ps, G->ascii, &g) && used < LEGEND_NAME;
	     used += g.w)
		cb_sb_adds(sb, g.b);
}

static int legend_rel(struct geno *G, const struct rel *r)
{
	struct cb_sb sb = CB_SB_INIT;
	int directed = is_parent(r->type) || r->type == R_ABUSE;
	legend_type(G, &sb, r);
	cb_sb_adds(&sb, ": ");
	legend_name(G, &sb, r->from);
	if (directed)
		cb_sb_adds(&sb, G->ascii ? " -> " : " \u2192 ");
	else
		cb_sb_adds(&sb, G->ascii ? " - " : " \u2013 ");
	legend_name(G, &sb, r->to);
	unsigned attr = CB_GENO_LEGEND;
	if (r->type == R_CONFLICT || r->type == R_CUTOFF || r->type == R_ABUSE)
		attr |= CB_GENO_CONFLICT;
	return add_legend(G, cb_sb_take(&sb), attr);
}

/* A key for the marks that do not explain themselves. */
static int legend_key(struct geno *G)
{
	int household = 0, styles[3] = { 0 };
	for (int i = 0; i < G->nm; i++)
		household |= G->m[i].household;
	for (int i = 0; i < G->nf; i++)
		for (int k = 0; k < G->f[i].nk; k++)
			styles[G->f[i].kstyle[k] % 3] = 1;
	struct cb_sb sb = CB_SB_INIT;
	const char *sep = "";
	if (household) {
		cb_sb_addf(&sb, "H %s", _("lives with the child"));
		sep = "   ";
	}
	if (G->ascii && (styles[1] || styles[2])) {
		cb_sb_addf(&sb, "%s: %s", sep, _("adopted or fostered"));
	} else {
		if (styles[1]) {
			cb_sb_addf(&sb, "%s\u2506 %s", sep, _("adopted"));
			sep = "   ";
		}
		if (styles[2])
			cb_sb_addf(&sb, "%s\u250a %s", sep, _("fostered"));
	}
	if (cb_sb_failed(&sb))
		return oom(G);
	if (!sb.len) {
		cb_sb_free(&sb);
		return 0;
	}
	return add_legend(G, cb_sb_take(&sb), CB_GENO_LEGEND);
}

static int build_legend(struct geno *G)
{
	if (!G->legend)
		return 0;
	if (legend_key(G))
		return CB_ENOMEM;
	/* Emotional ties first, they are what the legend is for; then links
	 * that could not be drawn; then types this casebook does not know. */
	for (int group = 0; group < 3; group++)
		for (int i = 0; i < G->nr; i++) {
			const struct rel *r = &G->r[i];
			int g = r->type >= R_CLOSE && r->type <= R_ABUSE ? 0 :
				r->type == R_OTHER ? 2 : 1;
			if (r->legend && g == group && legend_rel(G, r))
				return CB_ENOMEM;
		}
	return 0;
}

/* ---- putting it together ---- */

static void free_geno(struct geno *G)
{
	for (int i = 0; i < G->nf; i++) {
		free(G->f[i].kids);
		free(G->f[i].kstyle);
		free(G->f[i].kcol);
	}
	for (int i = 0; i < G->nleg; i++)
		free(G->leg[i].text);
	free(G->leg);
	free(G->m);
	free(G->r);
	free(G->c);
	free(G->f);
	free(G->b);
	free(G->block_mem);
	free(G->lorder);
	free(G->loff);
	free(G->lcount);
	free(G->ytop);
	free(G->ct);
	free(G->bt);
	free(G->tw);
	free(G->lines);
}

static void init_geno(struct geno *G, const struct cb_genogram_style *style)
{
	memset(G, 0, sizeof *G);
	if (style) {
		G->ascii = style->ascii;
		G->today = style->today;
		G->legend = !style->no_legend;
	} else {
		cb_date_today(&G->today);
		G->legend = 1;
	}
}

/* Steps 1 to 3, shared with the DOT export. */
static int analyse(struct geno *G, const struct cb_doc *doc)
{
	if (build_model(G, doc) || !G->nm)
		return G->oom ? CB_ENOMEM : 0;
	/* Couples: recorded ones, plus one per pair of a child's parents
	 * with none recorded; families: at most one per parent link. */
	G->c = xcalloc(G, 2 * (size_t)G->nr + 1, sizeof *G->c);
	G->f = xcalloc(G, (size_t)G->nr + 1, sizeof *G->f);
	if (G->oom || assign_generations(G) || assign_layers(G))
		return CB_ENOMEM;
	build_couples(G);
	if (build_families(G))
		return CB_ENOMEM;
	mark_legend(G);
	return 0;
}

static int render(struct geno *G)
{
	int lw = 0;
	for (int i = 0; i < G->nleg; i++) {
		int w = text_width(G->leg[i].text, G->ascii);
		lw = w > lw ? w : lw;
	}
	int w = G->dw > lw ? G->dw : lw;
	int h = G->dh + (G->nleg ? G->nleg + 1 : 0);
	if (grid_alloc(G, w, h) || draw_lines(G))
		return CB_ENOMEM;
	for (int i = 0; i < G->nm; i++)
		draw_box(G, i);
	for (int i = 0; i < G->nleg; i++)
		put_text(G, 0, G->dh + 1 + i, w, G->leg[i].text, G->leg[i].attr, 0);
	return record_places(G);
}

static int layout_empty(struct geno *G)
{
	const char *msg = _("No family members recorded.");
	if (grid_alloc(G, text_width(msg, G->ascii), 1))
		return CB_ENOMEM;
	put_text(G, 0, 0, G->g->width, msg, CB_GENO_LEGEND, 0);
	return 0;
}

int cb_genogram_layout(const struct cb_doc *geno,
		       const struct cb_genogram_style *style,
		       struct cb_geno_grid *out)
{
	struct geno G;
	init_geno(&G, style);
	memset(out, 0, sizeof *out);
	G.g = out;
	int rc = analyse(&G, geno);
	if (!rc && !G.nm)
		rc = layout_empty(&G);
	else if (!rc)
		rc = build_blocks(&G) || build_layers(&G) ? CB_ENOMEM : 0;
	if (!rc && G.nm) {
		order_layers(&G);
		if (place_columns(&G) || place_rows(&G) || build_legend(&G) || render(&G))
			rc = CB_ENOMEM;
	}
	if (G.oom)
		rc = CB_ENOMEM;
	free_geno(&G);
	if (rc)
		return cb_err(CB_ENOMEM, _("out of memory drawing the genogram"));
	return 0;
}

/* ---- Graphviz DOT ---- */

/* Appends s as the inside of a DOT quoted string. Quotes and backslashes
 * are escaped (a backslash would otherwise start \N, \G, \l...), newlines
 * become \n, and control characters and invalid UTF-8 become '?'. The
 * output is a file format, so UTF-8 is decoded here, not by the locale. */
static void dot_escape(struct cb_sb *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		if (c == '"' || c == '\\') {
			cb_sb_addc(sb, '\\');
			cb_sb_addc(sb, (char)c);
			p++;
			continue;
		}
		if (c == '\n') {
			cb_sb_adds(sb, "\\n");
			p++;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			cb_sb_addc(sb, '?');
			p++;
			continue;
		}
		if (c < 0x80) {
			cb_sb_addc(sb, (char)c);
			p++;
			continue;
		}
		size_t len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
			     c >= 0xf0 && c <= 0xf4 ? 4 : 0;
		size_t k = 1;
		while (len && k < len && (p[k] & 0xc0) == 0x80)
			k++;
		/* Not well formed, or a C1 control (U+0080..U+009F). */
		if (!len || k != len || (c == 0xc2 && p[1] < 0xa0)) {
			cb_sb_addc(sb, '?');
			p += len && k == len ? len : 1;
			continue;
		}
		cb_sb_add(sb, (const char *)p, len);
		p += len;
	}
}

static void dot_label(const struct geno *G, struct cb_sb *sb, const struct member *m)
{
	struct cb_sb txt = CB_SB_INIT;
	cb_sb_adds(&txt, *m->name ? m->name : "?");
	if (m->has_born) {
		int age = !m->dead && G->today.y ? cb_age_on(&m->born, &G->today) : -1;
		cb_sb_addc(&txt, '\n');
		if (age >= 0)
			cb_sb_addf(&txt, _("b. %d (%d)"), m->born.y, age);
		else
			cb_sb_addf(&txt, _("b. %d"), m->born.y);
	}
	if (m->has_died) {
		cb_sb_addc(&txt, '\n');
		cb_sb_addf(&txt, _("d. %d"), m->died.y);
	} else if (m->dead) {
		cb_sb_addf(&txt, "\n%s", _("deceased"));
	}
	if (*m->role)
		cb_sb_addf(&txt, "\n%s", m->role);
	char *t = cb_sb_take(&txt);
	if (!t) {
		cb_sb_adds(sb, "?"); /* marks sb failed on the next append too */
		sb->failed = 1;
		return;
	}
	dot_escape(sb, t);
	free(t);
}

static void dot_node(const struct geno *G, struct cb_sb *sb, int i, const char *indent)
{
	static const char *const shapes[3] = { "box", "ellipse", "diamond" };
	const struct member *m = &G->m[i];
	cb_sb_addf(sb, "%sm%d [shape=%s", indent, i, shapes[m->gender]);
	if (m->index)
		cb_sb_adds(sb, ", peripheries=2");
	if (m->dead)
		cb_sb_adds(sb, ", style=filled, fillcolor=\"#dddddd\"");
	cb_sb_adds(sb, ", label=\"");
	dot_label(G, sb, m);
	cb_sb_adds(sb, "\"];\n");
}

static const char *dot_style(enum rtype t)
{
	switch (t) {
	case R_COHABITING: case R_PARTNERS: case R_IMPLICIT: case R_ADOPTIVE:
		return "dashed";
	case R_FOSTER: case R_DISTANT:
		return "dotted";
	case R_CLOSE:
		return "bold";
	default:
		return "solid";
	}
}

static void dot_couple(const struct geno *G, struct cb_sb *sb, int i)
{
	const struct couple *c = &G->c[i];
	const char *mark = c->type == R_SEPARATED ? "/" : c->type == R_DIVORCED ? "//" : NULL;
	cb_sb_addf(sb, "\tc%d [shape=point, width=0.05];\n", i);
	cb_sb_addf(sb, "\t{ rank=same; m%d; c%d; m%d; }\n", c->a, i, c->b);
	cb_sb_addf(sb, "\tm%d -> c%d [style=%s", c->a, i, dot_style(c->type));
	if (mark)
		cb_sb_addf(sb, ", label=\"%s\"", mark);
	cb_sb_adds(sb, "];\n");
	cb_sb_addf(sb, "\tc%d -> m%d [style=%s];\n", i, c->b, dot_style(c->type));
}

static void dot_family(const struct geno *G, struct cb_sb *sb, const struct family *f)
{
	static const enum rtype kinds[3] = { R_PARENT, R_ADOPTIVE, R_FOSTER };
	for (int k = 0; k < f->nk; k++) {
		if (f->couple >= 0)
			cb_sb_addf(sb, "\tc%d -> m%d", f->couple, f->kids[k]);
		else
			cb_sb_addf(sb, "\tm%d -> m%d", f->a, f->kids[k]);
		cb_sb_addf(sb, " [style=%s];\n", dot_style(kinds[f->kstyle[k] % 3]));
	}
}

/* Links not drawn as family lines: emotional ties, twins and the rest,
 * labelled with their type and kept out of the ranking. */
static void dot_other(const struct geno *G, struct cb_sb *sb, const struct rel *r)
{
	cb_sb_addf(sb, "\tm%d -> m%d [style=%s, constraint=false", r->from, r->to,
		   dot_style(r->type));
	if (r->type == R_CONFLICT || r->type == R_CUTOFF || r->type == R_ABUSE)
		cb_sb_adds(sb, ", color=red");
	if (r->type == R_ABUSE || is_parent(r->type))
		cb_sb_adds(sb, ", dir=forward");
	cb_sb_adds(sb, ", label=\"");
	dot_escape(sb, (int)r->type < N_RTYPES ? _(rtype_names[r->type]) : r->type_s);
	cb_sb_adds(sb, "\"];\n");
}

static void dot_body(const struct geno *G, struct cb_sb *sb)
{
	int household = 0;
	for (int i = 0; i < G->nm; i++)
		household |= G->m[i].household;
	if (household) {
		cb_sb_adds(sb, "\tsubgraph cluster_household {\n\t\tstyle=dashed;\n\t\tlabel=\"");
		dot_escape(sb, _("Household"));
		cb_sb_adds(sb, "\";\n");
		for (int i = 0; i < G->nm; i++)
			if (G->m[i].household)
				dot_node(G, sb, i, "\t\t");
		cb_sb_adds(sb, "\t}\n");
	}
	for (int i = 0; i < G->nm; i++)
		if (!G->m[i].household)
			dot_node(G, sb, i, "\t");
	for (int i = 0; i < G->nc; i++)
		dot_couple(G, sb, i);
	for (int i = 0; i < G->nf; i++)
		dot_family(G, sb, &G->f[i]);
	/* Twins hang from one point in the grid; DOT has no such thing, so
	 * they get a labelled line between them instead. */
	for (int i = 0; i < G->nr; i++)
		if (G->r[i].legend || G->r[i].type == R_TWIN)
			dot_other(G, sb, &G->r[i]);
}

char *cb_genogram_dot(const struct cb_doc *geno,
		      const struct cb_genogram_style *style)
{
	struct geno G;
	init_geno(&G, style);
	struct cb_sb sb = CB_SB_INIT;
	if (analyse(&G, geno) == 0) {
		cb_sb_adds(&sb, "digraph genogram {\n");
		cb_sb_adds(&sb, "\tgraph [rankdir=TB, charset=\"UTF-8\"];\n");
		cb_sb_adds(&sb, "\tnode [fontsize=10];\n");
		cb_sb_adds(&sb, "\tedge [dir=none];\n");
		dot_body(&G, &sb);
		cb_sb_adds(&sb, "}\n");
	} else {
		sb.failed = 1;
	}
	free_geno(&G);
	if (cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		cb_err(CB_ENOMEM, _("out of memory drawing the genogram"));
		return NULL;
	}
	return cb_sb_take(&sb);
}
