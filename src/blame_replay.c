/* blame_replay.c - attribution by reading every version of the record
 * and comparing each with the record in its save's parent commits (see
 * blame.h); what blame falls back on when the index's rows cannot answer
 * (blame_walk.c). */
#include "blame_int.h"
#include "blob.h"
#include "err.h"
#include "i18n.h"
#include "record.h"
#include "version.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARENTS BLAME_MAX_PARENTS

struct idref {
	const char *id;
	size_t i;
};

/* One distinct stanza text, parsed once however many versions hold it
 * unchanged. A record with hundreds of entries is written hundreds of
 * times, nearly all of it the same each time: parsing only what changed
 * keeps blame near O(versions + bytes read) instead of parsing every
 * entry of every version. */
struct chunk {
	uint64_t hash;
	size_t len;
	char *text;          /* NULL: a stanza of a version parsed whole */
	struct cb_doc doc;   /* exactly one stanza */
	const char *id;      /* its Id; NULL if it has none */
	int bad;             /* does not parse as exactly one stanza */
	struct chunk *next;  /* every chunk, for freeing */
};

/* Who last changed each field of one stanza in one version; shared with
 * the versions after it in which the stanza did not change. */
struct attr {
	unsigned refs;
	size_t added;
	size_t nfields;
	size_t field[];
};

/* One version: its stanzas (in order) and their attributions. */
struct state {
	int ok;
	size_t n;
	struct chunk **ch;
	struct attr **at;
	struct idref *ids; /* item Ids, for matching against children */
	size_t nids;
	int sorted;        /* ids sorted yet (only when a lookup needs it) */
	int scans;         /* lookups answered by a plain scan so far */
};

struct map_slot {
	git_oid blob;
	size_t state; /* index + 1; 0 = empty */
};

struct bctx {
	struct blame_hist *h;
	git_repository *repo;
	const struct cb_record_type *t;
	const char *path;
	const git_oid *blobs; /* per row; zero when the row deleted the record */
	size_t nrows;
	struct state *states; /* per row */
	struct map_slot *map; /* blob -> latest state with that blob */
	size_t mapcap;
	git_oid *pblobs;     /* per row, MAX_PARENTS: the record in the save's parents */
	unsigned *npar;      /* per row: how many of those */
	size_t *last_use;    /* per row: the last row that needs its state */
	struct chunk **ctab; /* distinct stanza texts, open addressing */
	size_t ccap, ccount;
	struct chunk *chunks;
	struct chunk **tmp;  /* a version's chunks while it is split */
	size_t tmpcap;
};

static void attr_unref(struct attr *a)
{
	if (a && --a->refs == 0)
		free(a);
}

static void state_free(struct state *s)
{
	for (size_t i = 0; s->at && i < s->n; i++)
		attr_unref(s->at[i]);
	free(s->at);
	free(s->ch);
	free(s->ids);
	memset(s, 0, sizeof *s);
}

static void chunks_free(struct bctx *b)
{
	while (b->chunks) {
		struct chunk *c = b->chunks;
		b->chunks = c->next;
		free(c->text);
		cb_doc_free(&c->doc);
		free(c);
	}
	free(b->ctab);
	free(b->tmp);
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

/* The stanza of s with this Id. A version usually differs from its parent
 * by an entry added, changed or removed, so the stanza is nearly always at
 * the child's place i or next to it; otherwise the Ids are sorted once and
 * searched. Ids are unique within a record (cb_validate). */
static long find_stanza(struct state *s, size_t i, const char *id)
{
	if (i == 0)
		return s->n ? 0 : -1;
	if (!id)
		return -1;
	for (size_t k = i > 1 ? i - 1 : 1; k <= i + 1 && k < s->n; k++)
		if (s->ch[k]->id && strcmp(s->ch[k]->id, id) == 0)
			return (long)k;
	/* The usual miss is the entry this save added, which the parent does
	 * not have: a scan answers the first few misses for less than a sort
	 * would cost; a version with many moved entries gets sorted once. */
	if (!s->sorted && s->scans < 8) {
		s->scans++;
		for (size_t k = 0; k < s->nids; k++)
			if (strcmp(s->ids[k].id, id) == 0)
				return (long)s->ids[k].i;
		return -1;
	}
	if (!s->sorted) {
		qsort(s->ids, s->nids, sizeof *s->ids, idref_cmp);
		s->sorted = 1;
	}
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
 * the record in the save's parents. A stanza whose text is the same as
 * in the first parent that has it keeps that parent's attribution whole:
 * every field equals that parent's, which is what the field-by-field
 * comparison would find. */
static int attribute(struct state *s, size_t r, struct state **par, size_t npar)
{
	size_t n = s->n;
	s->at = calloc(n ? n : 1, sizeof *s->at);
	s->ids = calloc(n ? n : 1, sizeof *s->ids);
	if (!s->at || !s->ids)
		return cb_err(CB_ENOMEM, _("out of memory"));
	for (size_t i = 0; i < n; i++) {
		const struct chunk *c = s->ch[i];
		const char *id = i ? c->id : NULL;
		if (i && id) {
			s->ids[s->nids].id = id;
			s->ids[s->nids++].i = i;
		}
		long pi[MAX_PARENTS];
		long first = -1;
		for (size_t p = 0; p < npar; p++) {
			pi[p] = find_stanza(par[p], i, id);
			if (pi[p] >= 0 && first < 0)
				first = (long)p;
		}
		if (first >= 0 && par[first]->ch[pi[first]] == c) {
			s->at[i] = par[first]->at[pi[first]];
			s->at[i]->refs++;
			continue;
		}
		const struct cb_stanza *st = &c->doc.stanzas[0];
		struct attr *a = malloc(sizeof *a + (st->nfields ? st->nfields : 1) * sizeof a->field[0]);
		if (!a)
			return cb_err(CB_ENOMEM, _("out of memory"));
		a->refs = 1;
		a->nfields = st->nfields;
		a->added = first >= 0 ? par[first]->at[pi[first]]->added : r;
		s->at[i] = a;
		for (size_t f = 0; f < st->nfields; f++) {
			a->field[f] = r;
			for (size_t p = 0; p < npar; p++) {
				if (pi[p] < 0)
					continue;
				const struct cb_stanza *ps = &par[p]->ch[pi[p]]->doc.stanzas[0];
				long pf = find_field(ps, st->fields[f].name, f);
				if (pf >= 0 && strcmp(ps->fields[pf].value, st->fields[f].value) == 0) {
					a->field[f] = par[p]->at[pi[p]]->field[pf];
					break;
				}
			}
		}
	}
	return 0;
}

static uint64_t hash_bytes(const char *p, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	memcpy(&w, p, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 29);
}

static struct chunk *chunk_new(struct bctx *b)
{
	struct chunk *c = calloc(1, sizeof *c);
	if (c) {
		c->next = b->chunks;
		b->chunks = c;
	}
	return c;
}

/* The chunk for this stanza text: found, or parsed and remembered. */
static struct chunk *chunk_get(struct bctx *b, const char *text, size_t len)
{
	if (2 * (b->ccount + 1) > b->ccap) {
		size_t cap = b->ccap ? 2 * b->ccap : 1024;
		struct chunk **t = calloc(cap, sizeof *t);
		if (!t)
			return NULL;
		for (size_t i = 0; i < b->ccap; i++) {
			struct chunk *c = b->ctab[i];
			if (!c)
				continue;
			size_t j = (size_t)c->hash & (cap - 1);
			while (t[j])
				j = (j + 1) & (cap - 1);
			t[j] = c;
		}
		free(b->ctab);
		b->ctab = t;
		b->ccap = cap;
	}
	uint64_t h = hash_bytes(text, len);
	size_t j = (size_t)h & (b->ccap - 1);
	for (; b->ctab[j]; j = (j + 1) & (b->ccap - 1)) {
		struct chunk *c = b->ctab[j];
		if (c->hash == h && c->len == len && memcmp(c->text, text, len) == 0)
			return c;
	}
	struct chunk *c = chunk_new(b);
	if (!c || !(c->text = malloc(len ? len : 1)))
		return NULL;
	memcpy(c->text, text, len);
	c->hash = h;
	c->len = len;
	if (cb_doc_parse(&c->doc, c->text, len, NULL) != 0 || c->doc.nstanzas != 1)
		c->bad = 1;
	else
		c->id = cb_stanza_get(&c->doc.stanzas[0], "Id");
	b->ctab[j] = c;
	b->ccount++;
	return c;
}

/* Splits a version at its empty lines into chunks. 1 when the text is not
 * plain enough for that (a byte order mark, CRs, a stanza that is not one
 * stanza on its own, a header without Record): the caller parses it whole. */
static int split(struct bctx *b, const char *text, size_t len, struct state *s)
{
	if ((len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) || memchr(text, '\r', len))
		return 1;
	const char *p = text, *end = text + len;
	size_t n = 0;
	for (;;) {
		while (p < end && *p == '\n')
			p++;
		if (p >= end)
			break;
		const char *q = p;
		const char *stop = end;
		while (q < end) {
			const char *nl = memchr(q, '\n', (size_t)(end - q));
			if (!nl)
				break;
			if (nl + 1 < end && nl[1] == '\n') {
				stop = nl + 1;
				break;
			}
			q = nl + 1;
		}
		struct chunk *c = chunk_get(b, p, (size_t)(stop - p));
		if (!c)
			return cb_err(CB_ENOMEM, _("out of memory"));
		if (c->bad)
			return 1;
		if (n == b->tmpcap) {
			size_t cap = b->tmpcap ? 2 * b->tmpcap : 64;
			struct chunk **t = realloc(b->tmp, cap * sizeof *t);
			if (!t)
				return cb_err(CB_ENOMEM, _("out of memory"));
			b->tmp = t;
			b->tmpcap = cap;
		}
		b->tmp[n++] = c;
		p = stop;
	}
	const char *rec = n ? cb_stanza_get(&b->tmp[0]->doc.stanzas[0], "Record") : NULL;
	if (!rec || strcmp(rec, b->t->name) != 0)
		return 1;
	s->ch = malloc(n * sizeof *s->ch);
	if (!s->ch)
		return cb_err(CB_ENOMEM, _("out of memory"));
	memcpy(s->ch, b->tmp, n * sizeof *s->ch);
	s->n = n;
	return 0;
}

/* A version that split() would not take: parsed whole, each stanza made a
 * chunk of its own (never the same as any other). 1: it does not parse. */
static int whole(struct bctx *b, const char *text, size_t len, struct state *s)
{
	struct cb_doc doc;
	if (blame_parse(b->t, text, len, &doc, NULL) != 0)
		return 1;
	s->ch = calloc(doc.nstanzas ? doc.nstanzas : 1, sizeof *s->ch);
	if (!s->ch) {
		cb_doc_free(&doc);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	for (size_t i = 0; i < doc.nstanzas; i++) {
		struct chunk *c = chunk_new(b);
		if (!c || !(c->doc.stanzas = malloc(sizeof *c->doc.stanzas))) {
			for (size_t k = i; k < doc.nstanzas; k++)
				cb_stanza_free(&doc.stanzas[k]);
			free(doc.stanzas);
			return cb_err(CB_ENOMEM, _("out of memory"));
		}
		c->doc.stanzas[0] = doc.stanzas[i];
		c->doc.nstanzas = c->doc.cap = 1;
		c->id = cb_stanza_get(&c->doc.stanzas[0], "Id");
		s->ch[i] = c;
	}
	s->n = doc.nstanzas;
	free(doc.stanzas);
	return 0;
}

/* The record as it stood in each parent commit of row r's save: from the
 * index's parents column when it has one (no git objects read), else from
 * the parent commits' trees. */
static int find_parents(struct bctx *b, size_t r)
{
	b->npar[r] = 0;
	if (git_oid_is_zero(&b->blobs[r]))
		return 0;
	if (b->h->parents[r]) {
		for (const char *p = b->h->parents[r]; b->npar[r] < MAX_PARENTS;) {
			size_t n = strcspn(p, ",");
			git_oid *pblob = &b->pblobs[r * MAX_PARENTS + b->npar[r]];
			if (n == GIT_OID_HEXSZ && git_oid_fromstrn(pblob, p, n) == 0)
				b->npar[r]++;
			else if (n != 0)
				return cb_err(CB_ERROR, _("the index names a version that is not "
							 "an object id"));
			if (!p[n])
				break;
			p += n + 1;
		}
		return 0;
	}
	git_oid commit;
	git_commit *c = NULL;
	if (git_oid_fromstr(&commit, b->h->rows[r].commit) < 0 ||
	    git_commit_lookup(&c, b->repo, &commit) < 0)
		return cb_err_git(CB_ERROR, _("cannot read a commit"));
	unsigned np = git_commit_parentcount(c);
	for (unsigned p = 0; p < np && b->npar[r] < MAX_PARENTS; p++) {
		git_oid *pblob = &b->pblobs[r * MAX_PARENTS + b->npar[r]];
		if (cb_version_blob(b->repo, git_commit_parent_id(c, p), b->path, pblob) == 0)
			b->npar[r]++;
	}
	git_commit_free(c);
	return 0;
}

/* Which row's state each row's parents will find (the latest earlier row
 * with that blob, as lookup() will), so that a state is freed after the
 * last row that needs it: a record with hundreds of versions then holds
 * two or three versions at a time, not all of them. */
static void plan_lifetimes(struct bctx *b, const git_oid *target)
{
	for (size_t r = 0; r < b->nrows; r++) {
		b->last_use[r] = r;
		for (unsigned p = 0; p < b->npar[r]; p++) {
			size_t i = slot_of(b, &b->pblobs[r * MAX_PARENTS + p]);
			if (b->map[i].state)
				b->last_use[b->map[i].state - 1] = r;
		}
		if (!git_oid_is_zero(&b->blobs[r])) {
			size_t i = slot_of(b, &b->blobs[r]);
			git_oid_cpy(&b->map[i].blob, &b->blobs[r]);
			b->map[i].state = r + 1;
		}
	}
	size_t i = slot_of(b, target);
	if (b->map[i].state)
		b->last_use[b->map[i].state - 1] = (size_t)-1;
	memset(b->map, 0, b->mapcap * sizeof *b->map);
}

static int apply_row(struct bctx *b, size_t r)
{
	if (git_oid_is_zero(&b->blobs[r]))
		return 0; /* the save deleted the record */
	struct state *s = &b->states[r];
	char *text = NULL;
	size_t len = 0;
	b->h->reads++;
	if (cb_blob_read(b->repo, &b->blobs[r], &text, &len)) {
		cb_err_clear();
		return 0; /* damaged or erased: breaks the chain (see blame.h) */
	}
	int rc = split(b, text, len, s);
	if (rc == 1) {
		free(s->ch);
		s->ch = NULL;
		s->n = 0;
		rc = whole(b, text, len, s);
	}
	free(text);
	if (rc == 1)
		return 0; /* damaged: breaks the chain (see blame.h) */
	if (rc)
		return rc;
	struct state *par[MAX_PARENTS];
	size_t npar = 0;
	for (unsigned p = 0; p < b->npar[r]; p++) {
		struct state *ps = lookup(b, &b->pblobs[r * MAX_PARENTS + p]);
		if (ps)
			par[npar++] = ps;
	}
	rc = attribute(s, r, par, npar);
	if (rc)
		return rc;
	s->ok = 1;
	size_t i = slot_of(b, &b->blobs[r]);
	git_oid_cpy(&b->map[i].blob, &b->blobs[r]);
	b->map[i].state = r + 1;
	return 0;
}


/* The target's attribution, laid out over doc (the same stanzas and
 * fields, as both come from the same text). */
static int attr_from_state(const struct state *s, const struct cb_doc *doc,
			   struct blame_attr *out)
{
	size_t n = doc->nstanzas, nf = 0;
	if (n != s->n)
		return cb_err(CB_ERROR, "blame: %zu stanzas, %zu attributed", n, s->n);
	for (size_t i = 0; i < n; i++) {
		if (doc->stanzas[i].nfields != s->at[i]->nfields)
			return cb_err(CB_ERROR, "blame: %zu fields, %zu attributed",
				      doc->stanzas[i].nfields, s->at[i]->nfields);
		nf += doc->stanzas[i].nfields;
	}
	out->added = calloc(n ? n : 1, sizeof *out->added);
	out->first = calloc(n ? n : 1, sizeof *out->first);
	out->field = calloc(nf ? nf : 1, sizeof *out->field);
	if (!out->added || !out->first || !out->field)
		return cb_err(CB_ENOMEM, _("out of memory"));
	for (size_t i = 0, k = 0; i < n; i++) {
		const struct attr *a = s->at[i];
		out->added[i] = a->added;
		out->first[i] = k;
		for (size_t f = 0; f < a->nfields; f++)
			out->field[k++] = a->field[f];
	}
	return 0;
}

int blame_replay(struct blame_hist *h, const git_oid *target, const struct cb_doc *doc,
		 struct blame_attr *out)
{
	struct bctx b;
	memset(&b, 0, sizeof b);
	memset(out, 0, sizeof *out);
	b.h = h;
	b.repo = h->repo;
	b.t = h->t;
	b.path = h->path;
	b.blobs = h->blobs;
	b.nrows = h->n;
	int rc = 0;
	size_t nstates = 0;
	b.states = calloc(b.nrows ? b.nrows : 1, sizeof *b.states);
	nstates = b.states ? b.nrows : 0;
	for (b.mapcap = 16; b.mapcap < 2 * b.nrows; b.mapcap *= 2)
		;
	b.map = calloc(b.mapcap, sizeof *b.map);
	b.pblobs = calloc((b.nrows ? b.nrows : 1) * MAX_PARENTS, sizeof *b.pblobs);
	b.npar = calloc(b.nrows ? b.nrows : 1, sizeof *b.npar);
	b.last_use = calloc(b.nrows ? b.nrows : 1, sizeof *b.last_use);
	if (!b.states || !b.map || !b.pblobs || !b.npar || !b.last_use) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
		goto out;
	}
	for (size_t r = 0; r < b.nrows && !rc; r++)
		rc = find_parents(&b, r);
	if (rc)
		goto out;
	plan_lifetimes(&b, target);
	for (size_t r = 0; r < b.nrows && !rc; r++) {
		rc = apply_row(&b, r);
		/* States no later row needs: the parents' last use was this
		 * row, and this row's own when nothing builds on it. */
		for (unsigned p = 0; !rc && p < b.npar[r]; p++) {
			size_t i = slot_of(&b, &b.pblobs[r * MAX_PARENTS + p]);
			size_t k = b.map[i].state;
			if (k && b.last_use[k - 1] == r)
				state_free(&b.states[k - 1]);
		}
		if (!rc && b.last_use[r] == r)
			state_free(&b.states[r]);
	}
	if (rc)
		goto out;
	const struct state *s = lookup(&b, target);
	if (!s || !doc) {
		rc = 1;
		goto out;
	}
	rc = attr_from_state(s, doc, out);
out:
	for (size_t i = 0; i < nstates; i++)
		state_free(&b.states[i]);
	free(b.states);
	free(b.map);
	free(b.pblobs);
	free(b.npar);
	free(b.last_use);
	chunks_free(&b);
	if (rc)
		blame_attr_free(out);
	return rc;
}
