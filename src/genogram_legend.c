/* genogram_legend.c - the lines under the diagram: a key for the marks
 * that do not explain themselves, and the relationships the diagram
 * does not draw (emotional ties, links across the wrong generations,
 * types this casebook does not know). */
#include "genogram_model.h"

#include "err.h"
#include "i18n.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* A name for the legend: no control characters, not too long. */
static void legend_name(struct geno *G, struct cb_sb *sb, int m)
{
	const char *s = *G->m[m].name ? G->m[m].name : "?";
	size_t pos = 0;
	mbstate_t ps;
	struct glyph g;
	int used = 0, total = geno_text_width(s, G->ascii);
	memset(&ps, 0, sizeof ps);
	while (geno_next_glyph(s, &pos, &ps, G->ascii, &g)) {
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
		return geno_oom(G);
	struct legend_line *l = realloc(G->leg, ((size_t)G->nleg + 1) * sizeof *l);
	if (!l) {
		free(text);
		return geno_oom(G);
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
		cb_sb_adds(sb, _(geno_rtype_names[r->type]));
		return;
	}
	size_t pos = 0;
	mbstate_t ps;
	struct glyph g;
	memset(&ps, 0, sizeof ps);
	for (int used = 0; geno_next_glyph(r->type_s, &pos, &ps, G->ascii, &g) && used < LEGEND_NAME;
	     used += g.w)
		cb_sb_adds(sb, g.b);
}

static int legend_rel(struct geno *G, const struct rel *r)
{
	struct cb_sb sb = CB_SB_INIT;
	int directed = geno_is_parent(r->type) || r->type == R_ABUSE;
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
		return geno_oom(G);
	if (!sb.len) {
		cb_sb_free(&sb);
		return 0;
	}
	return add_legend(G, cb_sb_take(&sb), CB_GENO_LEGEND);
}

int geno_build_legend(struct geno *G)
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
