/* blame.c - per-field attribution over one record's versions; see
 * blame.h. */
#include "blame.h"
#include "err.h"
#include "i18n.h"
#include "recdiff.h"
#include "record.h"
#include "store.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARENTS 16

struct idref {
	const char *id;
	size_t i;
};

/* One parsed version and, for each of its fields, the row (origin) that
 * last changed it. */
struct state {
	int ok;
	struct cb_doc doc;
	size_t *added;     /* per stanza */
	size_t **field;    /* per stanza, per field */
	struct idref *ids; /* item Ids sorted, for matching against children */
	size_t nids;
	size_t nst;        /* stanzas with a field array (doc may be handed on) */
};

struct map_slot {
	git_oid blob;
	size_t state; /* index + 1; 0 = empty */
};

struct bctx {
	git_repository *repo;
	const struct cb_record_type *t;
	char path[128];
	struct cb_blame_origin *rows;
	git_oid *blobs;    /* per row; zero when the row deleted the record */
	size_t nrows, caprows;
	struct state *states; /* per row */
	struct map_slot *map; /* blob -> latest state with that blob */
	size_t mapcap;
};

static void state_free(struct state *s)
{
	for (size_t i = 0; s->field && i < s->nst; i++)
		free(s->field[i]);
	free(s->field);
	free(s->added);
	free(s->ids);
	cb_doc_free(&s->doc);
	memset(s, 0, sizeof *s);
}

static int collect(const struct cb_history_row *r, void *ctx)
{
	struct bctx *b = ctx;
	if (b->nrows == b->caprows) {
		size_t cap = b->caprows ? b->caprows * 2 : 32;
		struct cb_blame_origin *v = realloc(b->rows, cap * sizeof *v);
		if (!v)
			return cb_err(CB_ENOMEM, _("out of memory"));
		b->rows = v;
		git_oid *o = realloc(b->blobs, cap * sizeof *o);
		if (!o)
			return cb_err(CB_ENOMEM, _("out of memory"));
		b->blobs = o;
		b->caprows = cap;
	}
	struct cb_blame_origin *o = &b->rows[b->nrows];
	memset(o, 0, sizeof *o);
	memset(&b->blobs[b->nrows], 0, sizeof *b->blobs);
	b->nrows++;
	snprintf(o->commit, sizeof o->commit, "%s", r->commit);
	o->author_name = strdup(r->author_name ? r->author_name : "");
	o->author_email = strdup(r->author_email ? r->author_email : "");
	o->summary = strdup(r->summary ? r->summary : "");
	o->time = r->time;
	o->tz = r->tz;
	if (r->blob && *r->blob && git_oid_fromstr(&b->blobs[b->nrows - 1], r->blob) < 0)
		return cb_err(CB_ERROR, _("the index names a version that is not an object id"));
	if (!o->author_name || !o->author_email || !o->summary)
		return cb_err(CB_ENOMEM, _("out of memory"));
	return 0;
}

static size_t slot_of(const struct bctx *b, const git_oid *oid)
{
	size_t h = 0;
	memcpy(&h, oid->id, sizeof h);
	size_t i = h & (b->mapcap - 1);
	while (b->map[i].state && !git_oid_equal(&b->map[i].blob, oid))
		i = (i + 1) & (b->mapcap - 1);
	return i;
}

static struct state *lookup(struct bctx *b, const git_oid *blob)
{
	size_t i = slot_of(b, blob);
	if (!b->map[i].state)
		return NULL;
	struct state *s = &b->states[b->map[i].state - 1];
	return s->ok ? s : NULL;
}

static int idref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct idref *)a)->id, ((const struct idref *)b)->id);
}

static long find_stanza(const struct state *s, size_t i, const char *id)
{
	if (i == 0)
		return s->doc.nstanzas ? 0 : -1;
	if (!id)
		return -1;
	struct idref key = { id, 0 };
	const struct idref *hit = bsearch(&key, s->ids, s->nids, sizeof *s->ids, idref_cmp);
	return hit ? (long)hit->i : -1;
}

/* hint: where the field usually is (the same place in the parent). */
static long find_field(const struct cb_stanza *st, const char *name, size_t hint)
{
	if (hint < st->nfields && strcmp(st->fields[hint].name, name) == 0)
		return (long)hint;
	for (size_t f = 0; f < st->nfields; f++)
		if (strcmp(st->fields[f].name, name) == 0)
			return (long)f;
	return -1;
}

/* Attributes every field of state s (made by row r) given the states of
 * the record in the save's parents. */
static int attribute(struct state *s, size_t r, struct state **par, size_t npar)
{
	size_t n = s->doc.nstanzas;
	s->added = calloc(n ? n : 1, sizeof *s->added);
	s->field = calloc(n ? n : 1, sizeof *s->field);
	s->ids = calloc(n ? n : 1, sizeof *s->ids);
	if (!s->added || !s->field || !s->ids)
		return cb_err(CB_ENOMEM, _("out of memory"));
	s->nst = n;
	for (size_t i = 0; i < n; i++) {
		const struct cb_stanza *st = &s->doc.stanzas[i];
		const char *id = i ? cb_stanza_get(st, "Id") : NULL;
		if (i && id) {
			s->ids[s->nids].id = id;
			s->ids[s->nids++].i = i;
		}
		s->field[i] = calloc(st->nfields ? st->nfields : 1, sizeof **s->field);
		if (!s->field[i])
			return cb_err(CB_ENOMEM, _("out of memory"));
		long pi[MAX_PARENTS];
		s->added[i] = r;
		int have_added = 0;
		for (size_t p = 0; p < npar; p++) {
			pi[p] = find_stanza(par[p], i, id);
			if (pi[p] >= 0 && !have_added) {
				s->added[i] = par[p]->added[pi[p]];
				have_added = 1;
			}
		}
		for (size_t f = 0; f < st->nfields; f++) {
			s->field[i][f] = r;
			for (size_t p = 0; p < npar; p++) {
				if (pi[p] < 0)
					continue;
				const struct cb_stanza *ps = &par[p]->doc.stanzas[pi[p]];
				long pf = find_field(ps, st->fields[f].name, f);
				if (pf >= 0 && strcmp(ps->fields[pf].value, st->fields[f].value) == 0) {
					s->field[i][f] = par[p]->field[pi[p]][pf];
					break;
				}
			}
		}
	}
	qsort(s->ids, s->nids, sizeof *s->ids, idref_cmp);
	return 0;
}

/* Parses a version. casebook writes records canonical, so the full
 * canonicalisation (which sorts) only runs when the header is not first:
 * matching is by Id, so order does not matter otherwise, and this is the
 * inner loop of blame. */
static int parse(struct bctx *b, const git_oid *blob, struct cb_doc *doc)
{
	git_blob *gb = NULL;
	memset(doc, 0, sizeof *doc);
	if (git_blob_lookup(&gb, b->repo, blob) < 0)
		return CB_ERROR;
	int rc = cb_doc_parse(doc, git_blob_rawcontent(gb), (size_t)git_blob_rawsize(gb), NULL);
	git_blob_free(gb);
	if (rc)
		return rc;
	if (doc->nstanzas && !cb_stanza_get(&doc->stanzas[0], "Record"))
		cb_record_canonicalise(doc, b->t);
	const char *rec = doc->nstanzas ? cb_stanza_get(&doc->stanzas[0], "Record") : NULL;
	if (!rec || strcmp(rec, b->t->name) != 0) {
		cb_doc_free(doc);
		return CB_EINVALID;
	}
	return 0;
}

static int apply_row(struct bctx *b, size_t r)
{
	if (git_oid_is_zero(&b->blobs[r]))
		return 0; /* the save deleted the record */
	struct state *s = &b->states[r];
	if (parse(b, &b->blobs[r], &s->doc) != 0)
		return 0; /* damaged: breaks the chain (see blame.h) */
	git_oid commit;
	git_commit *c = NULL;
	if (git_oid_fromstr(&commit, b->rows[r].commit) < 0 ||
	    git_commit_lookup(&c, b->repo, &commit) < 0)
		return cb_err_git(CB_ERROR, _("cannot read a commit"));
	struct state *par[MAX_PARENTS];
	size_t npar = 0;
	unsigned np = git_commit_parentcount(c);
	for (unsigned p = 0; p < np && npar < MAX_PARENTS; p++) {
		git_oid pblob;
		if (cb_version_blob(b->repo, git_commit_parent_id(c, p), b->path, &pblob) != 0)
			continue;
		struct state *ps = lookup(b, &pblob);
		if (ps)
			par[npar++] = ps;
	}
	git_commit_free(c);
	int rc = attribute(s, r, par, npar);
	if (rc)
		return rc;
	s->ok = 1;
	size_t i = slot_of(b, &b->blobs[r]);
	git_oid_cpy(&b->map[i].blob, &b->blobs[r]);
	b->map[i].state = r + 1;
	return 0;
}

/* Hands the state's document and attributions to the result. */
static int build(struct bctx *b, struct state *s, struct cb_blame *out)
{
	out->doc = s->doc;
	memset(&s->doc, 0, sizeof s->doc);
	size_t n = out->doc.nstanzas;
	out->stanzas = calloc(n ? n : 1, sizeof *out->stanzas);
	if (!out->stanzas)
		return cb_err(CB_ENOMEM, _("out of memory"));
	out->nstanzas = n;
	for (size_t i = 0; i < n; i++) {
		const struct cb_stanza *st = &out->doc.stanzas[i];
		struct cb_blame_stanza *bs = &out->stanzas[i];
		bs->id = i ? cb_stanza_get(st, "Id") : NULL;
		bs->label = cb_rd_stanza_label(&out->doc, b->t, i);
		bs->added = &out->origins[s->added[i]];
		bs->fields = calloc(st->nfields ? st->nfields : 1, sizeof *bs->fields);
		if (!bs->label || !bs->fields)
			return cb_err(CB_ENOMEM, _("out of memory"));
		bs->nfields = st->nfields;
		for (size_t f = 0; f < st->nfields; f++) {
			bs->fields[f].name = st->fields[f].name;
			bs->fields[f].value = st->fields[f].value;
			bs->fields[f].origin = &out->origins[s->field[i][f]];
		}
	}
	return 0;
}

int cb_blame_record(struct cb_ws *ws, const char *person, const struct cb_record_type *t,
		    const git_oid *at, struct cb_blame *out)
{
	struct bctx b;
	memset(&b, 0, sizeof b);
	memset(out, 0, sizeof *out);
	out->type = t;
	b.repo = ws->store.repo;
	b.t = t;
	int rc = cb_record_path(b.path, sizeof b.path, person, t->name);
	if (rc)
		return rc;
	git_oid tip, target;
	size_t nstates = 0;
	if (!at) {
		if (cb_store_head(&ws->store, &tip) != 0)
			return cb_err(CB_ENOTFOUND, _("nothing has been saved yet"));
		at = &tip;
	}
	rc = cb_version_blob(b.repo, at, b.path, &target);
	if (rc == CB_ENOTFOUND)
		return cb_err(CB_ENOTFOUND, _("%s has no %s record at commit %.10s"),
			      person, t->name, git_oid_tostr_s(at));
	if (rc)
		return rc;
	rc = cb_index_history(&ws->index, person, t->name, 0, collect, &b);
	if (rc)
		goto out;
	/* Newest first from the index; attribution runs oldest first. */
	for (size_t i = 0; i < b.nrows / 2; i++) {
		struct cb_blame_origin o = b.rows[i];
		b.rows[i] = b.rows[b.nrows - 1 - i];
		b.rows[b.nrows - 1 - i] = o;
		git_oid x = b.blobs[i];
		b.blobs[i] = b.blobs[b.nrows - 1 - i];
		b.blobs[b.nrows - 1 - i] = x;
	}
	b.states = calloc(b.nrows ? b.nrows : 1, sizeof *b.states);
	nstates = b.states ? b.nrows : 0;
	for (b.mapcap = 16; b.mapcap < 2 * b.nrows; b.mapcap *= 2)
		;
	b.map = calloc(b.mapcap, sizeof *b.map);
	if (!b.states || !b.map) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
		goto out;
	}
	for (size_t r = 0; r < b.nrows && !rc; r++)
		rc = apply_row(&b, r);
	if (rc)
		goto out;
	struct state *s = lookup(&b, &target);
	if (!s) {
		rc = cb_err(CB_ERROR, _("%s/%s: this version is not in the index history, or does "
					"not parse (casebook reindex, then casebook verify)"),
			    person, t->name);
		goto out;
	}
	out->origins = b.rows;
	out->norigins = b.nrows;
	out->versions = b.nrows;
	b.rows = NULL;
	b.nrows = 0;
	rc = build(&b, s, out);
out:
	for (size_t i = 0; i < nstates; i++)
		state_free(&b.states[i]);
	for (size_t i = 0; i < b.nrows; i++) {
		free(b.rows[i].author_name);
		free(b.rows[i].author_email);
		free(b.rows[i].summary);
	}
	free(b.rows);
	free(b.blobs);
	free(b.states);
	free(b.map);
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

