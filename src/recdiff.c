/* recdiff.c - field-aware diff of two versions of a record; see
 * recdiff.h. */
#include "recdiff.h"
#include "err.h"
#include "i18n.h"
#include "record.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cb_rd_change_name(enum cb_rd_change c)
{
	switch (c) {
	case CB_RD_ADDED: return "added";
	case CB_RD_REMOVED: return "removed";
	case CB_RD_CHANGED: return "changed";
	default: return "same";
	}
}

/* What tells one item from its neighbours, in the order a practitioner
 * would name it: a member by name, an entry by date, a plan section by
 * section, an action by its deadline. */
static const char *const describing[] = {
	"Name", "Date", "Section", "Type", "By-When", NULL
};

char *cb_rd_stanza_label(const struct cb_doc *doc, const struct cb_record_type *t,
			 size_t i)
{
	struct cb_sb sb = CB_SB_INIT;
	if (i == 0) {
		cb_sb_adds(&sb, _(t->header->label));
		return cb_sb_take(&sb);
	}
	const struct cb_stanza *s = &doc->stanzas[i];
	const struct cb_stanza_def *sd = cb_record_stanza_def(doc, t, i);
	cb_sb_adds(&sb, sd ? _(sd->label) : _("Item"));
	const char *what = NULL;
	for (size_t k = 0; describing[k] && !what; k++) {
		const char *v = cb_stanza_get(s, describing[k]);
		if (v && *v)
			what = v;
	}
	if (!what && sd && sd->sort_keys && sd->sort_keys[0])
		what = cb_stanza_get(s, sd->sort_keys[0]);
	if (!what || !*what)
		what = cb_stanza_get(s, "Id");
	if (what && *what) {
		/* One line: a label never spans lines, whatever the value holds. */
		cb_sb_addc(&sb, ' ');
		size_t n = strcspn(what, "\n");
		cb_sb_add(&sb, what, n > 60 ? 60 : n);
		if (n > 60 || what[n])
			cb_sb_adds(&sb, "...");
	}
	return cb_sb_take(&sb);
}

struct idx {
	const char *id;
	size_t i;
};

static int idx_cmp(const void *a, const void *b)
{
	const struct idx *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* For each item of a and of b, the index of its partner on the other side
 * (0 = none; the header is never an item). Items are paired by Id, the
 * k-th duplicate with the k-th, so even a damaged record pairs sensibly. */
static int pair_items(const struct cb_doc *a, const struct cb_doc *b,
		      size_t *pa, size_t *pb)
{
	size_t na = a->nstanzas > 1 ? a->nstanzas - 1 : 0;
	size_t nb = b->nstanzas > 1 ? b->nstanzas - 1 : 0;
	struct idx *va = malloc((na + 1) * sizeof *va), *vb = malloc((nb + 1) * sizeof *vb);
	if (!va || !vb) {
		free(va);
		free(vb);
		return CB_ENOMEM;
	}
	for (size_t i = 0; i < na; i++) {
		const char *id = cb_stanza_get(&a->stanzas[i + 1], "Id");
		va[i].id = id ? id : "";
		va[i].i = i + 1;
	}
	for (size_t i = 0; i < nb; i++) {
		const char *id = cb_stanza_get(&b->stanzas[i + 1], "Id");
		vb[i].id = id ? id : "";
		vb[i].i = i + 1;
	}
	qsort(va, na, sizeof *va, idx_cmp);
	qsort(vb, nb, sizeof *vb, idx_cmp);
	size_t i = 0, j = 0;
	while (i < na && j < nb) {
		int c = strcmp(va[i].id, vb[j].id);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			pa[va[i].i] = vb[j].i;
			pb[vb[j].i] = va[i].i;
			i++;
			j++;
		}
	}
	free(va);
	free(vb);
	return 0;
}

static const struct cb_stanza_def *def_of(const struct cb_doc *d,
					  const struct cb_record_type *t, long i)
{
	return i < 0 ? NULL : cb_record_stanza_def(d, t, (size_t)i);
}

static int add_field(struct cb_rd_stanza *st, size_t *cap, const struct cb_stanza_def *sd,
		     const char *name, enum cb_rd_change ch, const char *ov, const char *nv)
{
	if (st->nfields == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		struct cb_rd_field *v = realloc(st->fields, *cap * sizeof *v);
		if (!v)
			return CB_ENOMEM;
		st->fields = v;
	}
	struct cb_rd_field *f = &st->fields[st->nfields];
	memset(f, 0, sizeof *f);
	const struct cb_field_def *fd = sd ? cb_stanza_def_field(sd, name) : NULL;
	f->name = name;
	f->label = fd ? fd->label : name;
	f->change = ch;
	f->old_value = ov;
	f->new_value = nv;
	f->narrative = fd ? fd->type == CB_FT_LONGTEXT
			  : ((ov && strchr(ov, '\n')) || (nv && strchr(nv, '\n')));
	st->nfields++;
	if (ch == CB_RD_CHANGED && f->narrative && cb_worddiff(ov, nv, &f->words))
		return CB_ENOMEM;
	return 0;
}

/* Fills st->fields comparing stanza a (may be NULL) with stanza b (may be
 * NULL): new order first, then fields only the old side has. */
static int diff_stanza(struct cb_rd_stanza *st, const struct cb_stanza_def *sd,
		       const struct cb_stanza *a, const struct cb_stanza *b)
{
	size_t cap = 0;
	for (size_t i = 0; b && i < b->nfields; i++) {
		const struct cb_field *f = &b->fields[i];
		const char *ov = a ? cb_stanza_get(a, f->name) : NULL;
		if (ov && strcmp(ov, f->value) == 0)
			continue;
		if (add_field(st, &cap, sd, f->name, ov ? CB_RD_CHANGED : CB_RD_ADDED, ov, f->value))
			return CB_ENOMEM;
	}
	for (size_t i = 0; a && i < a->nfields; i++) {
		const struct cb_field *f = &a->fields[i];
		if (b && cb_stanza_get(b, f->name))
			continue;
		if (add_field(st, &cap, sd, f->name, CB_RD_REMOVED, f->value, NULL))
			return CB_ENOMEM;
	}
	return 0;
}

static int add_stanza(struct cb_recdiff *d, size_t *cap, long oi, long ni)
{
	const struct cb_stanza *a = oi >= 0 ? &d->old.stanzas[oi] : NULL;
	const struct cb_stanza *b = ni >= 0 ? &d->new_.stanzas[ni] : NULL;
	if (d->nstanzas == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		struct cb_rd_stanza *v = realloc(d->stanzas, *cap * sizeof *v);
		if (!v)
			return CB_ENOMEM;
		d->stanzas = v;
	}
	struct cb_rd_stanza *st = &d->stanzas[d->nstanzas];
	memset(st, 0, sizeof *st);
	st->old_index = oi;
	st->new_index = ni;
	st->change = !a ? CB_RD_ADDED : !b ? CB_RD_REMOVED : CB_RD_CHANGED;
	const struct cb_doc *ld = b ? &d->new_ : &d->old;
	long li = b ? ni : oi;
	const struct cb_stanza_def *sd = def_of(ld, d->type, li);
	int rc = diff_stanza(st, sd, a, b);
	if (rc) {
		free(st->fields);
		return rc;
	}
	if (st->nfields == 0) {
		free(st->fields);
		return 0; /* the same stanza: not part of the diff */
	}
	d->nstanzas++;
	st->id = li > 0 ? cb_stanza_get(&ld->stanzas[li], "Id") : NULL;
	st->kind = li > 0 && sd ? sd->kind : NULL;
	st->label = cb_rd_stanza_label(ld, d->type, (size_t)li);
	return st->label ? 0 : CB_ENOMEM;
}

struct removed {
	size_t anchor, old;
};

static int removed_cmp(const void *a, const void *b)
{
	const struct removed *x = a, *y = b;
	if (x->anchor != y->anchor)
		return x->anchor < y->anchor ? -1 : 1;
	return (x->old > y->old) - (x->old < y->old);
}

/* Emits stanzas in the new version's order; a removed item goes after
 * the item that came before it in the old version, so it shows where it
 * used to be. */
static int diff_items(struct cb_recdiff *d, size_t *cap)
{
	size_t no = d->old.nstanzas, nn = d->new_.nstanzas;
	size_t *po = calloc(no + 1, sizeof *po), *pn = calloc(nn + 1, sizeof *pn);
	struct removed *rm = malloc((no + 1) * sizeof *rm);
	int rc = CB_ENOMEM;
	if (!po || !pn || !rm || pair_items(&d->old, &d->new_, po, pn))
		goto out;
	size_t nrm = 0, anchor = 0;
	for (size_t i = 1; i < no; i++) {
		if (po[i]) {
			anchor = po[i];
		} else {
			rm[nrm].anchor = anchor;
			rm[nrm++].old = i;
		}
	}
	qsort(rm, nrm, sizeof *rm, removed_cmp);
	size_t r = 0;
	rc = 0;
	for (size_t j = 0; j < nn || r < nrm; j++) {
		if (j > 0 && j < nn)
			rc = add_stanza(d, cap, pn[j] ? (long)pn[j] : -1, (long)j);
		while (!rc && r < nrm && rm[r].anchor <= j)
			rc = add_stanza(d, cap, (long)rm[r++].old, -1);
		if (rc)
			break;
	}
out:
	free(po);
	free(pn);
	free(rm);
	return rc;
}

int cb_recdiff(const struct cb_doc *old, const struct cb_doc *new_,
	       const struct cb_record_type *t, struct cb_recdiff *out)
{
	memset(out, 0, sizeof *out);
	out->type = t;
	if ((old && cb_doc_copy(&out->old, old)) || (new_ && cb_doc_copy(&out->new_, new_))) {
		cb_recdiff_free(out);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	int have_old = old && out->old.nstanzas > 0;
	int have_new = new_ && out->new_.nstanzas > 0;
	size_t cap = 0;
	int rc = 0;
	if (have_old || have_new)
		rc = add_stanza(out, &cap, have_old ? 0 : -1, have_new ? 0 : -1);
	if (!rc)
		rc = diff_items(out, &cap);
	if (rc) {
		cb_recdiff_free(out);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	out->change = !have_old && !have_new ? CB_RD_SAME
		    : !have_old ? CB_RD_ADDED
		    : !have_new ? CB_RD_REMOVED
		    : out->nstanzas ? CB_RD_CHANGED : CB_RD_SAME;
	return 0;
}

void cb_recdiff_free(struct cb_recdiff *d)
{
	for (size_t i = 0; i < d->nstanzas; i++) {
		for (size_t f = 0; f < d->stanzas[i].nfields; f++)
			cb_wd_free(&d->stanzas[i].fields[f].words);
		free(d->stanzas[i].fields);
		free(d->stanzas[i].label);
	}
	free(d->stanzas);
	cb_doc_free(&d->old);
	cb_doc_free(&d->new_);
	memset(d, 0, sizeof *d);
}
