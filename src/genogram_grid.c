/* genogram_grid.c - the character grid the diagram is drawn on: putting
 * glyphs and cut text in cells, the grid as text, freeing it. */
#include "genogram_model.h"

#include "err.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct cb_geno_cell *cell(struct geno *G, int x, int y)
{
	struct cb_geno_grid *g = G->g;
	if (x < 0 || y < 0 || x >= g->width || y >= g->height)
		return NULL;
	return &g->cells[(size_t)y * (size_t)g->width + (size_t)x];
}

void geno_put(struct geno *G, int x, int y, const char *s, unsigned attr)
{
	struct cb_geno_cell *c = cell(G, x, y);
	if (!c)
		return;
	snprintf(c->text, sizeof c->text, "%s", s);
	c->attr = (unsigned char)attr;
}

/* Writes s at (x, y) in at most maxw columns, centred in them when
 * centred is set; text that does not fit ends in an ellipsis. */
void geno_put_text(struct geno *G, int x, int y, int maxw, const char *s,
		     unsigned attr, int centred)
{
	int total = geno_text_width(s, G->ascii);
	int room = total > maxw ? maxw - 1 : total;
	if (centred && total < maxw)
		x += (maxw - total) / 2;
	size_t pos = 0;
	mbstate_t ps;
	struct glyph g;
	int used = 0;
	memset(&ps, 0, sizeof ps);
	while (geno_next_glyph(s, &pos, &ps, G->ascii, &g) && used + g.w <= room) {
		geno_put(G, x + used, y, g.b, attr);
		if (g.w == 2)
			geno_put(G, x + used + 1, y, "", attr);
		used += g.w;
	}
	if (total > maxw && maxw > 0)
		geno_put(G, x + used, y, G->ascii ? "~" : "\u2026", attr);
}

int geno_grid_alloc(struct geno *G, int w, int h)
{
	struct cb_geno_grid *g = G->g;
	g->width = w;
	g->height = h;
	g->cells = geno_xcalloc(G, (size_t)w * (size_t)h, sizeof *g->cells);
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
