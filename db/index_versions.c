/* index_versions.c - what each version of a record changed, parsing only
 * the stanzas that differ from the version before; see index_versions.h. */
#include "index_versions.h"
#include "blob.h"
#include "deb822.h"
#include "err.h"
#include "record.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Records kept, direct-mapped by name. A version not kept is read and
 * parsed whole again, so a walk of a long history wants about as many
 * slots as there are records; the cap bounds the memory. */
#define SLOTS_MIN 1024
#define SLOTS_MAX (1u << 18)

static const char bom[] = "\xEF\xBB\xBF";

/* A run of lines between blank lines: what one stanza is parsed from. */
struct chunk {
	size_t off, len;
	uint64_t hash;
	long stanza; /* the stanza it made; -1: none (only comments) */
};

struct version {
	char *key; /* "ID/TYPE"; NULL: an empty slot */
	git_oid oid;
	int ok;    /* 0: cannot be read or does not parse */
	char *text;
	size_t len;
	struct chunk *chunks;
	size_t nchunks;
	struct cb_doc doc;
};

/* What is kept is bounded too: about three times a version's text (the
 * text and its parse). Past the budget a new version is not kept, and the
 * record's next change parses its old version whole again. */
#define BUDGET ((size_t)384 << 20)

struct cb_versions {
	struct version *slot;
	size_t nslots; /* a power of two */
	size_t kept;   /* bytes, about */
};

static size_t weight(const struct version *v)
{
	return v->key ? 3 * v->len + 256 : 0;
}

struct cb_versions *cb_versions_new(size_t records)
{
	struct cb_versions *vs = calloc(1, sizeof *vs);
	if (!vs)
		return NULL;
	vs->nslots = SLOTS_MIN;
	while (vs->nslots < SLOTS_MAX && vs->nslots < records * 2)
		vs->nslots *= 2;
	if (!(vs->slot = calloc(vs->nslots, sizeof *vs->slot))) {
		free(vs);
		return NULL;
	}
	return vs;
}

static void version_clear(struct version *v)
{
	free(v->key);
	free(v->text);
	free(v->chunks);
	cb_doc_free(&v->doc);
	memset(v, 0, sizeof *v);
}

void cb_versions_free(struct cb_versions *vs)
{
	for (size_t i = 0; vs && i < vs->nslots; i++)
		version_clear(&vs->slot[i]);
	if (vs)
		free(vs->slot);
	free(vs);
}

static uint64_t hash_bytes(const char *s, size_t n);

static struct version *slot_of(struct cb_versions *vs, const char *key)
{
	return &vs->slot[hash_bytes(key, strlen(key)) & (vs->nslots - 1)];
}

/* Empties a slot. */
static void drop(struct cb_versions *vs, struct version *v)
{
	vs->kept -= weight(v);
	version_clear(v);
}

void cb_versions_forget(struct cb_versions *vs, const char *key)
{
	struct version *v = slot_of(vs, key);
	if (v->key && strcmp(v->key, key) == 0)
		drop(vs, v);
}

int cb_versions_take(struct cb_versions *vs, const char *key, const git_oid *blob,
		     struct cb_doc *out)
{
	struct version *v = slot_of(vs, key);
	if (!v->key || !v->ok || strcmp(v->key, key) != 0 || !git_oid_equal(&v->oid, blob))
		return 0;
	*out = v->doc;
	memset(&v->doc, 0, sizeof v->doc);
	drop(vs, v);
	return 1;
}

/* ---- cutting a text into stanzas ---- */

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static int add_chunk(struct version *v, size_t *cap, size_t off, size_t end)
{
	if (v->nchunks == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct chunk *c = realloc(v->chunks, nc * sizeof *c);
		if (!c)
			return CB_ENOMEM;
		v->chunks = c;
		*cap = nc;
	}
	struct chunk *c = &v->chunks[v->nchunks++];
	c->off = off;
	c->len = end - off;
	c->hash = hash_bytes(v->text + off, end - off);
	c->stanza = -1;
	return 0;
}

/* Lines as the parser reads them (cut at LF; a CR before the LF is not
 * part of the line); a line of spaces and tabs only ends a stanza. A byte
 * order mark at the very start is skipped, as the parser skips it. */
static int split(struct version *v)
{
	size_t p = 0, cap = 0, start = 0;
	int open = 0;
	if (v->len >= 3 && memcmp(v->text, bom, 3) == 0)
		p = 3;
	while (p < v->len) {
		const char *nl = memchr(v->text + p, '\n', v->len - p);
		size_t stop = nl ? (size_t)(nl - v->text) : v->len;
		size_t n = stop - p;
		if (nl && n > 0 && v->text[stop - 1] == '\r')
			n--;
		if (blank(v->text + p, n)) {
			if (open && add_chunk(v, &cap, start, p))
				return CB_ENOMEM;
			open = 0;
		} else if (!open) {
			start = p;
			open = 1;
		}
		p = nl ? stop + 1 : v->len;
	}
	return open ? add_chunk(v, &cap, start, v->len) : 0;
}

/* ---- building a version ---- */

/* Parses chunk c alone into v's doc: 0, 1 when it does not parse as it
 * would inside the whole text, or CB_ENOMEM. */
static int parse_chunk(struct version *v, struct chunk *c)
{
	const char *s = v->text + c->off;
	/* Only the text's first line may start with a byte order mark. */
	if (c->len >= 3 && memcmp(s, bom, 3) == 0)
		return 1;
	struct cb_doc one;
	int rc = cb_doc_parse(&one, s, c->len, NULL);
	if (rc) {
		cb_err_clear();
		return rc == CB_ENOMEM ? CB_ENOMEM : 1;
	}
	for (size_t i = 0; i < one.nstanzas; i++) {
		struct cb_stanza *to = cb_doc_add_stanza(&v->doc);
		if (!to) {
			cb_doc_free(&one);
			return CB_ENOMEM;
		}
		*to = one.stanzas[i];
		memset(&one.stanzas[i], 0, sizeof one.stanzas[i]);
		c->stanza = (long)v->doc.nstanzas - 1;
	}
	cb_doc_free(&one);
	return 0;
}

/* prev's chunks by hash, for finding a new chunk's twin. */
struct twins {
	long *at; /* chunk index, -1 empty */
	size_t mask;
};

static int twins_build(struct twins *t, const struct version *prev)
{
	size_t n = 16;
	while (n < prev->nchunks * 2)
		n *= 2;
	t->mask = n - 1;
	if (!(t->at = malloc(n * sizeof *t->at)))
		return CB_ENOMEM;
	for (size_t i = 0; i < n; i++)
		t->at[i] = -1;
	for (size_t i = 0; i < prev->nchunks; i++) {
		/* Only items (not the first stanza) are shared. */
		if (prev->chunks[i].stanza < 1)
			continue;
		size_t h = (size_t)prev->chunks[i].hash & t->mask;
		while (t->at[h] >= 0)
			h = (h + 1) & t->mask;
		t->at[h] = (long)i;
	}
	return 0;
}

/* The stanza of prev that c's bytes made there, not yet given, or -1. */
static long twin(const struct twins *t, const struct version *prev, const char *given,
		 const struct version *v, const struct chunk *c)
{
	for (size_t h = (size_t)c->hash & t->mask; t->at[h] >= 0; h = (h + 1) & t->mask) {
		const struct chunk *pc = &prev->chunks[t->at[h]];
		if (pc->hash == c->hash && pc->len == c->len && !given[pc->stanza] &&
		    memcmp(prev->text + pc->off, v->text + c->off, c->len) == 0)
			return pc->stanza;
	}
	return -1;
}

/* Parses v->text, taking from prev (when given) every item stanza whose
 * bytes are the same: the stanza is shared, not copied (given[i] marks
 * prev's stanza i, fresh[j] the stanzas of v parsed here). Sets v->ok.
 * 0 or CB_ENOMEM. */
static int build(struct version *v, const struct version *prev, char **given, char **fresh)
{
	struct twins t = { 0 };
	int rc = split(v);
	*given = NULL;
	*fresh = NULL;
	if (!rc && prev && prev->ok && prev->doc.nstanzas > 1) {
		rc = twins_build(&t, prev);
		if (!rc && !(*given = calloc(prev->doc.nstanzas, 1)))
			rc = CB_ENOMEM;
	}
	if (!rc && !(*fresh = calloc(v->nchunks + 1, 1)))
		rc = CB_ENOMEM;
	int bad = 0;
	for (size_t i = 0; i < v->nchunks && !rc && !bad; i++) {
		struct chunk *c = &v->chunks[i];
		long s = *given && v->doc.nstanzas > 0 ? twin(&t, prev, *given, v, c) : -1;
		if (s < 0) {
			rc = parse_chunk(v, c);
			if (rc == 1) {
				bad = 1;
				rc = 0;
			} else if (!rc && c->stanza >= 0) {
				(*fresh)[c->stanza] = 1;
			}
			continue;
		}
		struct cb_stanza *to = cb_doc_add_stanza(&v->doc);
		if (!to) {
			rc = CB_ENOMEM;
			break;
		}
		*to = prev->doc.stanzas[s];
		(*given)[s] = 1;
		c->stanza = (long)v->doc.nstanzas - 1;
	}
	free(t.at);
	v->ok = !rc && !bad;
	return rc;
}

/* Frees what v parsed itself and forgets what it shared. */
static void unshare(struct version *v, const char *fresh)
{
	for (size_t i = 0; i < v->doc.nstanzas; i++)
		if (!fresh || !fresh[i])
			memset(&v->doc.stanzas[i], 0, sizeof v->doc.stanzas[i]);
}

/* ---- comparing ---- */

static int id_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* 1 when every item of d has an Id no other item has. */
static int ids_unique(const struct cb_doc *d)
{
	if (d->nstanzas < 3)
		return 1;
	size_t n = d->nstanzas - 1;
	const char **ids = malloc(n * sizeof *ids);
	if (!ids)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const char *id = cb_stanza_get(&d->stanzas[i + 1], "Id");
		ids[i] = id ? id : "";
	}
	qsort(ids, n, sizeof *ids, id_cmp);
	int unique = 1;
	for (size_t i = 1; i < n && unique; i++)
		unique = strcmp(ids[i - 1], ids[i]) != 0;
	free(ids);
	return unique;
}

/* d's first stanza and the items keep[] marks, sharing d's stanzas. */
static int reduced(struct cb_doc *out, const struct cb_doc *d, const char *keep, int want)
{
	memset(out, 0, sizeof *out);
	if (!(out->stanzas = malloc((d->nstanzas ? d->nstanzas : 1) * sizeof *out->stanzas)))
		return CB_ENOMEM;
	for (size_t i = 0; i < d->nstanzas; i++)
		if (i == 0 || (keep[i] != 0) == want)
			out->stanzas[out->nstanzas++] = d->stanzas[i];
	out->cap = d->nstanzas;
	return 0;
}

/* cb_record_changed_fields(&prev->doc, &v->doc), looking only at what is
 * not shared: a shared stanza is the same bytes, so the same Id and the
 * same fields in both. With an Id twice in either version the pairing of
 * items by Id is not one to one, so then both are compared whole. */
static char *compare(const struct version *prev, const char *given,
		     const struct version *v, const char *fresh)
{
	if (!given || !ids_unique(&prev->doc) || !ids_unique(&v->doc))
		return cb_record_changed_fields(&prev->doc, &v->doc);
	struct cb_doc ro, rn;
	char *out = NULL;
	if (reduced(&ro, &prev->doc, given, 0) == 0) {
		if (reduced(&rn, &v->doc, fresh, 1) == 0) {
			out = cb_record_changed_fields(&ro, &rn);
			free(rn.stanzas);
		}
		free(ro.stanzas);
	}
	return out;
}

/* ---- one change ---- */

/* Reads blob id into a new version (its text and chunks; not yet parsed).
 * 0, 1 when the blob cannot be read, or CB_ENOMEM. */
static int load(struct version *v, git_repository *repo, const char *key, const git_oid *id)
{
	memset(v, 0, sizeof *v);
	git_oid_cpy(&v->oid, id);
	if (!(v->key = strdup(key)))
		return CB_ENOMEM;
	if (cb_blob_read(repo, id, &v->text, &v->len)) {
		cb_err_clear(); /* an erased child's versions read as damaged */
		return 1;
	}
	return 0;
}

/* The version before: the one kept, when it is old; else read and parsed
 * now into *tmp. NULL when out of memory. */
static struct version *previous(struct version *kept, struct version *tmp, git_repository *repo,
				const char *key, const git_oid *old)
{
	if (kept->key && strcmp(kept->key, key) == 0 && git_oid_equal(&kept->oid, old))
		return kept;
	int rc = load(tmp, repo, key, old);
	if (rc == 0) {
		char *given, *fresh;
		rc = build(tmp, NULL, &given, &fresh);
		free(given);
		free(fresh);
	}
	if (rc == CB_ENOMEM) {
		version_clear(tmp);
		return NULL;
	}
	return tmp;
}

char *cb_versions_changed(struct cb_versions *vs, git_repository *repo, const char *key,
			  const git_oid *old, const git_oid *new_)
{
	struct version *kept = slot_of(vs, key);
	struct version tmp = { 0 }, next;
	struct version *prev = old ? previous(kept, &tmp, repo, key, old) : NULL;
	if (old && !prev)
		return NULL;
	if (!new_) {
		char *out = strdup(prev && !prev->ok ? "!" : "-");
		version_clear(&tmp);
		cb_versions_forget(vs, key);
		return out;
	}
	char *given = NULL, *fresh = NULL, *out = NULL;
	int rc = load(&next, repo, key, new_);
	if (rc == 0)
		rc = build(&next, prev, &given, &fresh);
	if (rc == CB_ENOMEM) {
		unshare(&next, fresh);
		version_clear(&next);
	} else {
		if ((prev && !prev->ok) || !next.ok)
			out = strdup("!");
		else if (!prev)
			out = cb_record_changed_fields(NULL, &next.doc);
		else
			out = compare(prev, given, &next, fresh);
		if (!next.ok)
			unshare(&next, fresh); /* keeps nothing parsed: a bad version */
		/* What next took from prev is next's now (a bad next gave it
		 * back: unshare above). */
		for (size_t i = 0; next.ok && given && prev && i < prev->doc.nstanzas; i++)
			if (given[i])
				memset(&prev->doc.stanzas[i], 0, sizeof prev->doc.stanzas[i]);
		if (!next.ok) {
			free(next.text);
			next.text = NULL;
			free(next.chunks);
			next.chunks = NULL;
			next.nchunks = 0;
			cb_doc_free(&next.doc);
		}
	}
	free(given);
	free(fresh);
	version_clear(&tmp);
	if (rc == CB_ENOMEM)
		return NULL;
	drop(vs, kept); /* prev, when it was kept, or another record */
	if (vs->kept + weight(&next) > BUDGET) {
		version_clear(&next);
		return out;
	}
	*kept = next;
	vs->kept += weight(kept);
	return out;
}
