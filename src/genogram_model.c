/* genogram_model.c - a genogram record read into members, relationships,
 * generations, couples and families: steps 1 and 2 of the layout (see
 * genogram_model.h), shared by the grid and the DOT export. */
#include "genogram_model.h"

#include "err.h"
#include "i18n.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ---- relationship types ---- */

/* As spelt in records; also the legend labels (translated on use). */
const char *const geno_rtype_names[] = {
	N_("married"), N_("cohabiting"), N_("partners"), N_("separated"),
	N_("divorced"), N_("parent"), N_("adoptive-parent"),
	N_("foster-parent"), N_("sibling"), N_("twin"), N_("close"),
	N_("distant"), N_("conflict"), N_("cut-off"), N_("abuse")
};

static int is_partner(enum rtype t)
{
	return t <= R_DIVORCED || t == R_IMPLICIT;
}

int geno_is_parent(enum rtype t)
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
int geno_partner_dashed(enum rtype t)
{
	return t == R_COHABITING || t == R_PARTNERS || t == R_IMPLICIT;
}


int geno_oom(struct geno *G)
{
	G->oom = 1;
	return CB_ENOMEM;
}

void *geno_xcalloc(struct geno *G, size_t n, size_t size)
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
		if (strcmp(v, geno_rtype_names[i]) == 0)
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
	G->m = geno_xcalloc(G, n, sizeof *G->m);
	G->r = geno_xcalloc(G, n, sizeof *G->r);
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
	return (is_partner(t) && t != R_IMPLICIT) || geno_is_parent(t) || is_sibling(t);
}

static int assign_generations(struct geno *G)
{
	int *off = geno_xcalloc(G, (size_t)G->nm + 1, sizeof *off);
	struct adj *adj = geno_xcalloc(G, 2 * (size_t)G->nr, sizeof *adj);
	int *queue = geno_xcalloc(G, (size_t)G->nm, sizeof *queue);
	int *fill = geno_xcalloc(G, (size_t)G->nm + 1, sizeof *fill);
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
		int d = geno_is_parent(r->type) ? 1 : 0;
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
	int *map = geno_xcalloc(G, span, sizeof *map);
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
	struct par *p = geno_xcalloc(G, (size_t)G->nr, sizeof *p);
	if (!p)
		return CB_ENOMEM;
	for (int kid = 0; kid < G->nm && !G->oom; kid++) {
		int np = 0;
		for (int i = 0; i < G->nr; i++) {
			struct rel *r = &G->r[i];
			if (!geno_is_parent(r->type) || r->to != kid)
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

int geno_is_twin(const struct geno *G, int a, int b)
{
	for (int i = 0; i < G->nr; i++) {
		const struct rel *r = &G->r[i];
		if (r->type == R_TWIN && ((r->from == a && r->to == b) ||
					  (r->from == b && r->to == a)))
			return 1;
	}
	return 0;
}


/* ---- putting it together ---- */

void geno_free(struct geno *G)
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

void geno_init(struct geno *G, const struct cb_genogram_style *style)
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
int geno_analyse(struct geno *G, const struct cb_doc *doc)
{
	if (build_model(G, doc) || !G->nm)
		return G->oom ? CB_ENOMEM : 0;
	/* Couples: recorded ones, plus one per pair of a child's parents
	 * with none recorded; families: at most one per parent link. */
	G->c = geno_xcalloc(G, 2 * (size_t)G->nr + 1, sizeof *G->c);
	G->f = geno_xcalloc(G, (size_t)G->nr + 1, sizeof *G->f);
	if (G->oom || assign_generations(G) || assign_layers(G))
		return CB_ENOMEM;
	build_couples(G);
	if (build_families(G))
		return CB_ENOMEM;
	mark_legend(G);
	return 0;
}
