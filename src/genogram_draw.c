/* genogram_draw.c - the laid-out genogram drawn on the grid. Lines are
 * drawn on a layer of direction bits (up, down, left, right) and turned
 * into box-drawing characters at the end, so junctions come out right
 * wherever lines meet; then the boxes over them and the legend under. */
#include "genogram_model.h"

#include "err.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	int ca = geno_centre(G, c->a), cb = geno_centre(G, c->b);
	int row = couple_row(G, l, c->track);
	int border = G->ytop[l] + BOX_H - 1;
	draw_v(G, ca, border, row, 0);
	draw_v(G, cb, border, row, 0);
	draw_h(G, row, ca, cb, geno_partner_dashed(c->type));
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
	geno_bar_points(G, f, pts);
	for (int i = 0, p = 0; i < f->nk; p++) {
		int j = i;
		while (j + 1 < f->nk && geno_is_twin(G, f->kids[j], f->kids[j + 1]))
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
	G->lines = geno_xcalloc(G, (size_t)G->dw * (size_t)G->dh, sizeof *G->lines);
	int *pts = geno_xcalloc(G, (size_t)G->nm + 1, sizeof *pts);
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
				geno_put(G, x, y, line_glyph(G, c, x), CB_GENO_LINE);
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
		geno_put(G, x + i, y, top && (top->bits & L_UP) ? g.jt : g.h, a);
		geno_put(G, x + i, bot, low && (low->bits & L_DOWN) ? g.jb : g.h, a);
	}
	geno_put(G, x, y, g.tl, a);
	geno_put(G, x + BOX_W - 1, y, g.tr, a);
	geno_put(G, x, bot, g.bl, a);
	geno_put(G, x + BOX_W - 1, bot, g.br, a);
	if (m->household)
		geno_put(G, x + 1, y, "H", a);
	for (int r = 1; r < BOX_H - 1; r++) {
		geno_put(G, x, y + r, g.l, a);
		for (int i = 1; i < BOX_W - 1; i++)
			geno_put(G, x + i, y + r, " ", a);
		geno_put(G, x + BOX_W - 1, y + r, g.r, a);
	}
	char dates[64];
	dates_line(G, m, dates, sizeof dates);
	geno_put_text(G, x + 1, y + 1, INNER, *m->name ? m->name : "?", a, 1);
	geno_put_text(G, x + 1, y + 2, INNER, dates, a, 1);
	geno_put_text(G, x + 1, y + 3, INNER, m->role, a, 1);
}

static int record_places(struct geno *G)
{
	struct cb_geno_grid *g = G->g;
	g->places = geno_xcalloc(G, (size_t)G->nm, sizeof *g->places);
	if (!g->places)
		return CB_ENOMEM;
	for (int i = 0; i < G->nm; i++) {
		struct cb_geno_place *p = &g->places[g->nplaces];
		p->id = strdup(G->m[i].id);
		if (!p->id)
			return geno_oom(G);
		p->stanza = G->m[i].stanza;
		p->x = G->m[i].x;
		p->y = G->ytop[G->m[i].layer];
		p->w = BOX_W;
		p->h = BOX_H;
		g->nplaces++;
	}
	return 0;
}


/* ---- the whole grid ---- */

int geno_render(struct geno *G)
{
	int lw = 0;
	for (int i = 0; i < G->nleg; i++) {
		int w = geno_text_width(G->leg[i].text, G->ascii);
		lw = w > lw ? w : lw;
	}
	int w = G->dw > lw ? G->dw : lw;
	int h = G->dh + (G->nleg ? G->nleg + 1 : 0);
	if (geno_grid_alloc(G, w, h) || draw_lines(G))
		return CB_ENOMEM;
	for (int i = 0; i < G->nm; i++)
		draw_box(G, i);
	for (int i = 0; i < G->nleg; i++)
		geno_put_text(G, 0, G->dh + 1 + i, w, G->leg[i].text, G->leg[i].attr, 0);
	return record_places(G);
}

int geno_layout_empty(struct geno *G)
{
	const char *msg = _("No family members recorded.");
	if (geno_grid_alloc(G, geno_text_width(msg, G->ascii), 1))
		return CB_ENOMEM;
	geno_put_text(G, 0, 0, G->g->width, msg, CB_GENO_LEGEND, 0);
	return 0;
}
