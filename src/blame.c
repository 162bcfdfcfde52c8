/* blame.c - per-field attribution over one record's versions; see
 * blame.h. This file gathers the history rows and the version blamed and
 * lays out the answer; blame_walk.c and blame_replay.c find it. */
#include "blame_int.h"
#include "blob.h"
#include "err.h"
#include "i18n.h"
#include "recdiff.h"
#include "record.h"
#include "store.h"
#include "version.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void blame_attr_free(struct blame_attr *a)
{
	free(a->added);
	free(a->first);
	free(a->field);
	memset(a, 0, sizeof *a);
}

int blame_parse(const struct cb_record_type *t, const char *text, size_t len,
		struct cb_doc *doc, int *header_first)
{
	int rc = cb_doc_parse(doc, text, len, NULL);
	if (rc)
		return rc;
	int first = doc->nstanzas && cb_stanza_get(&doc->stanzas[0], "Record");
	if (header_first)
		*header_first = first;
	if (doc->nstanzas && !first)
		cb_record_canonicalise(doc, t);
	const char *rec = doc->nstanzas ? cb_stanza_get(&doc->stanzas[0], "Record") : NULL;
	if (!rec || strcmp(rec, t->name) != 0) {
		cb_doc_free(doc);
		return CB_EINVALID;
	}
	return 0;
}

int blame_read_version(struct blame_hist *h, const git_oid *blob, struct cb_doc *doc,
		       int *header_first)
{
	char *text = NULL;
	size_t len = 0;
	h->reads++;
	if (cb_blob_read(h->repo, blob, &text, &len)) {
		cb_err_clear();
		return 1;
	}
	int rc = blame_parse(h->t, text, len, doc, header_first);
	free(text);
	if (rc == CB_ENOMEM)
		return cb_err(CB_ENOMEM, _("out of memory"));
	return rc ? 1 : 0;
}

static int collect(const struct cb_history_row *r, void *ctx)
{
	struct blame_hist *h = ctx;
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 32;
		struct cb_blame_origin *v = realloc(h->rows, cap * sizeof *v);
		if (!v)
			return cb_err(CB_ENOMEM, _("out of memory"));
		h->rows = v;
		git_oid *o = realloc(h->blobs, cap * sizeof *o);
		if (!o)
			return cb_err(CB_ENOMEM, _("out of memory"));
		h->blobs = o;
		char **pp = realloc(h->parents, cap * sizeof *pp);
		if (!pp)
			return cb_err(CB_ENOMEM, _("out of memory"));
		h->parents = pp;
		char **ff = realloc(h->fields, cap * sizeof *ff);
		if (!ff)
			return cb_err(CB_ENOMEM, _("out of memory"));
		h->fields = ff;
		h->cap = cap;
	}
	struct cb_blame_origin *o = &h->rows[h->n];
	memset(o, 0, sizeof *o);
	memset(&h->blobs[h->n], 0, sizeof *h->blobs);
	h->parents[h->n] = h->fields[h->n] = NULL;
	size_t k = h->n++;
	if ((r->parents && !(h->parents[k] = strdup(r->parents))) ||
	    (r->fields && !(h->fields[k] = strdup(r->fields))))
		return cb_err(CB_ENOMEM, _("out of memory"));
	snprintf(o->commit, sizeof o->commit, "%s", r->commit);
	o->author_name = strdup(r->author_name ? r->author_name : "");
	o->author_email = strdup(r->author_email ? r->author_email : "");
	o->summary = strdup(r->summary ? r->summary : "");
	o->time = r->time;
	o->tz = r->tz;
	if (r->blob && *r->blob && git_oid_fromstr(&h->blobs[k], r->blob) < 0)
		return cb_err(CB_ERROR, _("the index names a version that is not an object id"));
	if (!o->author_name || !o->author_email || !o->summary)
		return cb_err(CB_ENOMEM, _("out of memory"));
	return 0;
}

/* Newest first from the index; both ways of attributing go by row
 * number oldest first. */
static void reverse(struct blame_hist *h)
{
	for (size_t i = 0, j = h->n ? h->n - 1 : 0; i < j; i++, j--) {
		struct cb_blame_origin o = h->rows[i];
		h->rows[i] = h->rows[j];
		h->rows[j] = o;
		git_oid x = h->blobs[i];
		h->blobs[i] = h->blobs[j];
		h->blobs[j] = x;
		char *pp = h->parents[i];
		h->parents[i] = h->parents[j];
		h->parents[j] = pp;
		char *ff = h->fields[i];
		h->fields[i] = h->fields[j];
		h->fields[j] = ff;
	}
}

static void hist_free(struct blame_hist *h)
{
	for (size_t i = 0; i < h->n; i++) {
		if (h->rows) {
			free(h->rows[i].author_name);
			free(h->rows[i].author_email);
			free(h->rows[i].summary);
		}
		free(h->parents[i]);
		free(h->fields[i]);
	}
	free(h->rows);
	free(h->blobs);
	free(h->parents);
	free(h->fields);
	memset(h, 0, sizeof *h);
}

/* The output: out->doc with each stanza's label and each field's origin. */
static int build(const struct blame_hist *h, const struct blame_attr *a, struct cb_blame *out)
{
	size_t n = out->doc.nstanzas;
	out->stanzas = calloc(n ? n : 1, sizeof *out->stanzas);
	if (!out->stanzas)
		return cb_err(CB_ENOMEM, _("out of memory"));
	out->nstanzas = n;
	for (size_t i = 0; i < n; i++) {
		const struct cb_stanza *st = &out->doc.stanzas[i];
		struct cb_blame_stanza *bs = &out->stanzas[i];
		bs->id = i ? cb_stanza_get(st, "Id") : NULL;
		bs->label = cb_rd_stanza_label(&out->doc, h->t, i);
		bs->added = &out->origins[a->added[i]];
		bs->fields = calloc(st->nfields ? st->nfields : 1, sizeof *bs->fields);
		if (!bs->label || !bs->fields)
			return cb_err(CB_ENOMEM, _("out of memory"));
		bs->nfields = st->nfields;
		for (size_t f = 0; f < st->nfields; f++) {
			bs->fields[f].name = st->fields[f].name;
			bs->fields[f].value = st->fields[f].value;
			bs->fields[f].origin = &out->origins[a->field[a->first[i] + f]];
		}
	}
	return 0;
}

int cb_blame_record(struct cb_ws *ws, const char *person, const struct cb_record_type *t,
		    const git_oid *at, struct cb_blame *out)
{
	return blame_record(ws, person, t, at, 0, out);
}

int blame_record(struct cb_ws *ws, const char *person, const struct cb_record_type *t,
		 const git_oid *at, int replay, struct cb_blame *out)
{
	struct blame_hist h;
	struct blame_attr a;
	memset(&h, 0, sizeof h);
	memset(&a, 0, sizeof a);
	memset(out, 0, sizeof *out);
	out->type = t;
	h.repo = ws->store.repo;
	h.t = t;
	int rc = cb_record_path(h.path, sizeof h.path, person, t->name);
	if (rc)
		return rc;
	git_oid tip, target;
	if (!at) {
		if (cb_store_head(&ws->store, &tip) != 0)
			return cb_err(CB_ENOTFOUND, _("nothing has been saved yet"));
		at = &tip;
	}
	rc = cb_version_blob(h.repo, at, h.path, &target);
	if (rc == CB_ENOTFOUND)
		return cb_err(CB_ENOTFOUND, _("%s has no %s record at commit %.10s"),
			      person, t->name, git_oid_tostr_s(at));
	if (rc)
		return rc;
	rc = cb_index_history(&ws->index, person, t->name, 0, collect, &h);
	if (rc)
		goto out;
	reverse(&h);
	/* Versions are read without libgit2 hashing each object again (a
	 * replay reads hundreds); git itself does not either (its checks
	 * are git fsck and casebook verify), and a damaged pack still fails
	 * its zlib and delta checks. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	int header_first = 0;
	rc = blame_read_version(&h, &target, &out->doc, &header_first);
	int have_doc = rc == 0;
	if (rc < 0)
		goto out;
	/* The row the version blamed stands for: the latest with its blob,
	 * as a save whose parent has that blob would find it. */
	size_t row = h.n;
	for (size_t r = h.n; r-- > 0;)
		if (git_oid_equal(&h.blobs[r], &target)) {
			row = r;
			break;
		}
	rc = 1;
	if (!replay && have_doc && header_first && row < h.n)
		rc = blame_walk(&h, row, &out->doc, &a);
	if (rc == 1)
		rc = blame_replay(&h, &target, have_doc ? &out->doc : NULL, &a);
	if (rc == 1)
		rc = cb_err(CB_ERROR, _("%s/%s: this version is not in the index history, or does "
					"not parse (casebook reindex, then casebook verify)"),
			    person, t->name);
	if (rc)
		goto out;
	out->origins = h.rows;
	out->norigins = out->versions = h.n;
	out->read = h.reads;
	h.rows = NULL;
	rc = build(&h, &a, out);
out:
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	blame_attr_free(&a);
	hist_free(&h);
	if (rc)
		cb_blame_free(out);
	return rc;
}

void cb_blame_free(struct cb_blame *b)
{
	for (size_t i = 0; i < b->nstanzas; i++) {
		free(b->stanzas[i].label);
		free(b->stanzas[i].fields);
	}
	free(b->stanzas);
	for (size_t i = 0; i < b->norigins; i++) {
		free(b->origins[i].author_name);
		free(b->origins[i].author_email);
		free(b->origins[i].summary);
	}
	free(b->origins);
	cb_doc_free(&b->doc);
	memset(b, 0, sizeof *b);
}
