/* genogram_layout.c - where each box and line goes: partners grouped in
 * blocks, the order within each generation (step 3) and the columns
 * (step 4, see genogram_model.h), then the rows that couple lines and
 * sibling bars need; cb_genogram_layout runs the steps in turn. */
#include "genogram_model.h"

#include "err.h"
#include "i18n.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

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
	int *up = geno_xcalloc(G, (size_t)G->nm, sizeof *up);
	int *side = geno_xcalloc(G, (size_t)G->nm, sizeof *side);
	int *queue = geno_xcalloc(G, (size_t)G->nm, sizeof *queue);
	int *deque = geno_xcalloc(G, 2 * (size_t)G->nm + 1, sizeof *deque);
	G->b = geno_xcalloc(G, (size_t)G->nm, sizeof *G->b);
	G->block_mem = geno_xcalloc(G, (size_t)G->nm, sizeof *G->block_mem);
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
	G->lorder = geno_xcalloc(G, (size_t)G->nb, sizeof *G->lorder);
	G->loff = geno_xcalloc(G, (size_t)G->nlayers + 1, sizeof *G->loff);
	G->lcount = geno_xcalloc(G, (size_t)G->nlayers, sizeof *G->lcount);
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

int geno_order(struct geno *G)
{
	if (build_blocks(G) || build_layers(G))
		return CB_ENOMEM;
	order_layers(G);
	return 0;
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
		return geno_centre(G, f->a);
	return (geno_centre(G, f->a) + geno_centre(G, f->b)) / 2;
}

static double kids_mid(const struct geno *G, const struct family *f)
{
	int lo = INT_MAX, hi = INT_MIN;
	for (int i = 0; i < f->nk; i++) {
		int c = geno_centre(G, f->kids[i]);
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
	double *sum = geno_xcalloc(G, (size_t)n, sizeof *sum);
	double *w = geno_xcalloc(G, (size_t)n, sizeof *w);
	int *cnt = geno_xcalloc(G, (size_t)n, sizeof *cnt);
	int *off = geno_xcalloc(G, (size_t)n, sizeof *off);
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
			s += kid_target(G, f, k) - geno_centre(G, k);
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
	double *want = geno_xcalloc(G, (size_t)G->nb, sizeof *want);
	double *wt = geno_xcalloc(G, (size_t)G->nb, sizeof *wt);
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
		if (i && geno_is_twin(G, f->kids[i - 1], f->kids[i]))
			f->twins = 1;
	}
}

/* The column a lone parent's children hang from: the middle of the box,
 * or off to the side away from any couple line. */
static int single_drop(const struct geno *G, int p)
{
	const struct member *m = &G->m[p];
	if (!m->left_partner && !m->right_partner)
		return geno_centre(G, p);
	if (!m->left_partner)
		return geno_centre(G, p) - ATTACH;
	return geno_centre(G, p) + ATTACH;
}

/* The points on a family's bar: one per child, one per set of twins. */
int geno_bar_points(const struct geno *G, const struct family *f, int *pts)
{
	int n = 0;
	for (int i = 0; i < f->nk;) {
		int j = i;
		while (j + 1 < f->nk && geno_is_twin(G, f->kids[j], f->kids[j + 1]))
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
	int n = geno_bar_points(G, f, pts);
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
		lo[n] = geno_centre(G, G->c[i].a);
		hi[n] = geno_centre(G, G->c[i].b);
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
	int *lo = geno_xcalloc(G, n, sizeof *lo), *hi = geno_xcalloc(G, n, sizeof *hi);
	int *idx = geno_xcalloc(G, n, sizeof *idx), *track = geno_xcalloc(G, n, sizeof *track);
	int *order = geno_xcalloc(G, n, sizeof *order), *last = geno_xcalloc(G, n, sizeof *last);
	int *pts = geno_xcalloc(G, n, sizeof *pts);
	G->ytop = geno_xcalloc(G, (size_t)L, sizeof *G->ytop);
	G->ct = geno_xcalloc(G, (size_t)L, sizeof *G->ct);
	G->bt = geno_xcalloc(G, (size_t)L, sizeof *G->bt);
	G->tw = geno_xcalloc(G, (size_t)L, sizeof *G->tw);
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


int cb_genogram_layout(const struct cb_doc *geno,
		       const struct cb_genogram_style *style,
		       struct cb_geno_grid *out)
{
	struct geno G;
	geno_init(&G, style);
	memset(out, 0, sizeof *out);
	G.g = out;
	int rc = geno_analyse(&G, geno);
	if (!rc && !G.nm)
		rc = geno_layout_empty(&G);
	else if (!rc)
		rc = geno_order(&G);
	if (!rc && G.nm) {
		if (place_columns(&G) || place_rows(&G) || geno_build_legend(&G) || geno_render(&G))
			rc = CB_ENOMEM;
	}
	if (G.oom)
		rc = CB_ENOMEM;
	geno_free(&G);
	if (rc)
		return cb_err(CB_ENOMEM, _("out of memory drawing the genogram"));
	return 0;
}
