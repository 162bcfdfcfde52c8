/* genogram_dot.c - the genogram as a Graphviz digraph (see genogram.h). */
#include "genogram_model.h"

#include "err.h"
#include "i18n.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends s as the inside of a DOT quoted string. Quotes and backslashes
 * are escaped (a backslash would otherwise start \N, \G, \l...), newlines
 * become \n, '&' becomes &amp; (Graphviz reads entities in labels, so
 * "&lt;" in a name would otherwise come out as '<'), and control
 * characters and invalid UTF-8 become '?'. The
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
		if (c == '&') {
			cb_sb_adds(sb, "&amp;");
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

/* Name, then "b. 1980 (44)" (the age as at style->today), then for the
 * dead "✕ d. 2020 (40)", then the role. */
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
		int age = m->has_born ? cb_age_on(&m->born, &m->died) : -1;
		cb_sb_adds(&txt, "\n\u2715 ");
		if (age >= 0)
			cb_sb_addf(&txt, _("d. %d (%d)"), m->died.y, age);
		else
			cb_sb_addf(&txt, _("d. %d"), m->died.y);
	} else if (m->dead) {
		cb_sb_addf(&txt, "\n\u2715 %s", _("deceased"));
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

/* McGoldrick's symbols: a square for a male, a circle for a female, a
 * diamond for anyone else; the index person's outline doubled; the dead
 * shaded, with the cross and year of death in the label. */
static void dot_node(const struct geno *G, struct cb_sb *sb, int i, const char *indent)
{
	static const char *const shapes[3] = { "square", "circle", "diamond" };
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

/* A couple: a point between the partners that their children hang
 * from, on a line solid for married, dashed for cohabiting or partners,
 * with "/" separated and "//" divorced. The partner to the left in the
 * terminal drawing is on the left here too. */
static void dot_couple(const struct geno *G, struct cb_sb *sb, int i)
{
	const struct couple *c = &G->c[i];
	int a = c->a, b = c->b;
	if (G->m[a].slot > G->m[b].slot) {
		a = c->b;
		b = c->a;
	}
	const char *mark = c->type == R_SEPARATED ? "/" : c->type == R_DIVORCED ? "//" : NULL;
	cb_sb_addf(sb, "\tc%d [shape=point, width=0.05];\n", i);
	cb_sb_addf(sb, "\tm%d -> c%d [style=%s", a, i, dot_style(c->type));
	if (mark)
		cb_sb_addf(sb, ", label=\"%s\"", mark);
	cb_sb_adds(sb, "];\n");
	cb_sb_addf(sb, "\tc%d -> m%d [style=%s];\n", i, b, dot_style(c->type));
}

/* Children hang from the couple's point (or a lone parent), oldest
 * first, which ordering=out keeps on the left; adopted children on
 * dashed lines, fostered on dotted; twins from one point of their own. */
static void dot_family(const struct geno *G, struct cb_sb *sb, const struct family *f, int fi)
{
	static const enum rtype kinds[3] = { R_PARENT, R_ADOPTIVE, R_FOSTER };
	char from[32];
	if (f->couple >= 0)
		snprintf(from, sizeof from, "c%d", f->couple);
	else
		snprintf(from, sizeof from, "m%d", f->a);
	for (int i = 0; i < f->nk;) {
		int j = i;
		while (j + 1 < f->nk && geno_is_twin(G, f->kids[j], f->kids[j + 1]))
			j++;
		if (j == i) {
			cb_sb_addf(sb, "\t%s -> m%d [style=%s, headport=n];\n", from, f->kids[i],
				   dot_style(kinds[f->kstyle[i] % 3]));
		} else {
			cb_sb_addf(sb, "\tt%d_%d [shape=point, width=0.03];\n", fi, i);
			cb_sb_addf(sb, "\t%s -> t%d_%d;\n", from, fi, i);
			for (int k = i; k <= j; k++)
				cb_sb_addf(sb, "\tt%d_%d -> m%d [style=%s, headport=n];\n", fi, i, f->kids[k],
					   dot_style(kinds[f->kstyle[k] % 3]));
		}
		i = j + 1;
	}
}

/* Links not drawn as family lines: emotional ties and the rest,
 * labelled with their type and kept out of the ranking. */
static void dot_other(const struct geno *G, struct cb_sb *sb, const struct rel *r)
{
	cb_sb_addf(sb, "\tm%d -> m%d [style=%s, constraint=false", r->from, r->to,
		   dot_style(r->type));
	if (r->type == R_CONFLICT || r->type == R_CUTOFF || r->type == R_ABUSE)
		cb_sb_adds(sb, ", color=red");
	if (r->type == R_ABUSE || geno_is_parent(r->type))
		cb_sb_adds(sb, ", dir=forward");
	cb_sb_adds(sb, ", label=\"");
	dot_escape(sb, (int)r->type < N_RTYPES ? _(geno_rtype_names[r->type]) : r->type_s);
	cb_sb_adds(sb, "\"];\n");
}

/* One rank per generation, in the terminal drawing's order: the
 * members by slot, chained left to right by invisible edges. */
static int dot_generations(const struct geno *G, struct cb_sb *sb)
{
	int *by = calloc((size_t)G->nm, sizeof *by);
	if (!by)
		return CB_ENOMEM;
	for (int l = 0; l < G->nlayers; l++) {
		int n = 0;
		for (int i = 0; i < G->nm; i++)
			if (G->m[i].layer == l)
				by[G->m[i].slot] = i, n++;
		cb_sb_adds(sb, "\t{ rank=same;");
		for (int k = 0; k < n; k++)
			cb_sb_addf(sb, " m%d;", by[k]);
		for (int i = 0; i < G->nc; i++)
			if (G->m[G->c[i].a].layer == l)
				cb_sb_addf(sb, " c%d;", i);
		cb_sb_adds(sb, " }\n");
		for (int k = 1; k < n; k++)
			cb_sb_addf(sb, "\tm%d -> m%d [style=invis];\n", by[k - 1], by[k]);
	}
	free(by);
	return 0;
}

static int dot_body(const struct geno *G, struct cb_sb *sb)
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
	if (dot_generations(G, sb))
		return CB_ENOMEM;
	for (int i = 0; i < G->nc; i++)
		dot_couple(G, sb, i);
	for (int i = 0; i < G->nf; i++)
		dot_family(G, sb, &G->f[i], i);
	for (int i = 0; i < G->nr; i++)
		if (G->r[i].legend)
			dot_other(G, sb, &G->r[i]);
	return 0;
}

char *cb_genogram_dot(const struct cb_doc *geno,
		      const struct cb_genogram_style *style)
{
	struct geno G;
	geno_init(&G, style);
	struct cb_sb sb = CB_SB_INIT;
	if (geno_analyse(&G, geno) == 0 && (!G.nm || geno_order(&G) == 0)) {
		cb_sb_adds(&sb, "digraph genogram {\n");
		/* newrank: a generation's rank may cross the household
		 * cluster; ordering=out: children in the order given. */
		cb_sb_adds(&sb, "\tgraph [rankdir=TB, charset=\"UTF-8\", newrank=true, ordering=out];\n");
		cb_sb_adds(&sb, "\tnode [fontsize=10];\n");
		cb_sb_adds(&sb, "\tedge [dir=none];\n");
		if (dot_body(&G, &sb))
			sb.failed = 1;
		cb_sb_adds(&sb, "}\n");
	} else {
		sb.failed = 1;
	}
	geno_free(&G);
	if (cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		cb_err(CB_ENOMEM, _("out of memory drawing the genogram"));
		return NULL;
	}
	return cb_sb_take(&sb);
}
