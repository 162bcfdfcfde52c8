/* blame_walk.c - attribution from the index's history rows, reading only
 * the version blamed (see blame.h, blame_int.h).
 *
 * Each row's fields column names what that save changed against the
 * record in its parent commit: header fields by name, "ID:Field" for an
 * entry's field, "+ID" and "-ID" for entries added and removed (see
 * cb_record_changed_fields). So, going from the row of the version blamed
 * to the row of its parent's version, and so on back, a field belongs to
 * the first row that names it and an entry to the row that added it; a
 * row without a parent version (the record made, or made again after a
 * deletion) takes whatever is left. The walk stops when nothing is left:
 * for a long chronology, after a few hundred short strings instead of a
 * few hundred versions of the whole text.
 *
 * This agrees with blame_replay.c, which compares the versions
 * themselves, because a row's fields are that same comparison, made when
 * the index applied the save. Where the two could differ the walk does
 * not guess:
 * - a merge (several parents in the parents column: a merge's fields name
 *   only what differs from every parent), a row whose fields are "!" (a
 *   version that did not parse) or empty (the text changed, but not as
 *   the index counts changes: layout, comments, the case of a name), a
 *   row naming "Record" (the parent's version may not be a record of this
 *   type), naming a field still to attribute by another spelling, or
 *   removing an entry that is still to attribute: that row is settled by
 *   reading its version and its parents' versions and comparing them as
 *   the replay does;
 * - no parents column, a version blamed or read that is not plain (header
 *   not first, an entry without an Id or with one twice, an Id the fields
 *   column could not name unambiguously), or a version that should parse
 *   and does not: the walk gives up and the caller replays.
 * What the rows cannot show is a hand edit that changed the letter case
 * of a field name, leaving its value, in the same commit as another
 * change to the record (the index matches names ignoring case, as
 * casebook does; the replay compares them exactly, so it gives the field
 * to the next save, which writes the schema's spelling again). casebook
 * always writes the schema's spelling: only a version edited by hand can
 * differ from it. */
#include "blame_int.h"
#include "err.h"
#include "i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NONE ((size_t)-1)

/* Units still to attribute, all at one row. */
struct group {
	size_t row;
	size_t count;
};

/* Stanza i of the version blamed has unit base[i] (when it was added)
 * and unit base[i] + 1 + f (its field f). */
struct walk {
	struct blame_hist *h;
	const struct cb_doc *doc;
	size_t nst, nunits;
	size_t *base;      /* per stanza, and base[nst] = nunits */
	size_t *owner;     /* per unit: its group, NONE once attributed */
	size_t *row;       /* per unit: the row it is attributed to */
	struct group *g;
	size_t ng, capg;
	size_t *idtab;     /* the Ids of the version blamed: stanza + 1, 0 empty */
	size_t idcap;
	/* The parents column, per row: entries pstart[r] .. pstart[r + 1]. */
	size_t *pstart;
	git_oid *pblob;    /* per entry; zero when that parent had no record */
	size_t *prow;      /* per entry: the latest earlier row with that blob */
};

/* An Id the fields column names unambiguously (no ", " or ':' in it). */
static int id_ok(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

static uint64_t hash_str(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}

static const char *stanza_id(const struct cb_doc *d, size_t i)
{
	return cb_stanza_get(&d->stanzas[i], "Id");
}

/* The stanza of the version blamed with this Id, or -1. */
static long find_id(const struct walk *w, const char *id, size_t n)
{
	size_t j = (size_t)hash_str(id, n) & (w->idcap - 1);
	for (; w->idtab[j]; j = (j + 1) & (w->idcap - 1)) {
		size_t i = w->idtab[j] - 1;
		const char *s = stanza_id(w->doc, i);
		if (strncmp(s, id, n) == 0 && s[n] == '\0')
			return (long)i;
	}
	return -1;
}

/* 0, or 1 when the version blamed is not plain enough for the walk. */
static int index_ids(struct walk *w)
{
	for (w->idcap = 16; w->idcap < 2 * w->nst; w->idcap *= 2)
		;
	w->idtab = calloc(w->idcap, sizeof *w->idtab);
	if (!w->idtab)
		return cb_err(CB_ENOMEM, _("out of memory"));
	for (size_t i = 1; i < w->nst; i++) {
		const char *id = stanza_id(w->doc, i);
		if (!id || !id_ok(id, strlen(id)) || find_id(w, id, strlen(id)) >= 0)
			return 1;
		size_t j = (size_t)hash_str(id, strlen(id)) & (w->idcap - 1);
		while (w->idtab[j])
			j = (j + 1) & (w->idcap - 1);
		w->idtab[j] = i + 1;
	}
	return 0;
}

struct slot {
	git_oid blob;
	size_t row; /* + 1; 0 = empty */
};

static size_t slot_of(const struct slot *map, size_t cap, const git_oid *oid)
{
	size_t h = 0;
	memcpy(&h, oid->id, sizeof h);
	size_t i = h & (cap - 1);
	while (map[i].row && !git_oid_equal(&map[i].blob, oid))
		i = (i + 1) & (cap - 1);
	return i;
}

/* Splits every row's parents column and finds the row each parent's
 * version is at: the latest earlier row with that blob, as the replay's
 * lookup finds it. 1 when a column is not a list of object ids (the
 * replay says so). */
static int resolve_parents(struct walk *w)
{
	const struct blame_hist *h = w->h;
	size_t total = 0;
	for (size_t r = 0; r < h->n; r++)
		if (h->parents[r])
			for (const char *p = h->parents[r];; p++) {
				if (*p == ',' || !*p)
					total++;
				if (!*p)
					break;
			}
	size_t cap = 16;
	while (cap < 2 * h->n)
		cap *= 2;
	struct slot *map = calloc(cap, sizeof *map);
	w->pstart = calloc(h->n + 1, sizeof *w->pstart);
	w->pblob = calloc(total ? total : 1, sizeof *w->pblob);
	w->prow = calloc(total ? total : 1, sizeof *w->prow);
	if (!map || !w->pstart || !w->pblob || !w->prow) {
		free(map);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	size_t e = 0;
	int rc = 0;
	for (size_t r = 0; r < h->n && !rc; r++) {
		w->pstart[r] = e;
		for (const char *p = h->parents[r]; p && !rc;) {
			size_t n = strcspn(p, ",");
			w->prow[e] = NONE;
			if (n == GIT_OID_HEXSZ && git_oid_fromstrn(&w->pblob[e], p, n) == 0) {
				size_t i = slot_of(map, cap, &w->pblob[e]);
				if (map[i].row)
					w->prow[e] = map[i].row - 1;
			} else if (n != 0) {
				rc = 1;
			}
			e++;
			if (!p[n])
				break;
			p += n + 1;
		}
		if (!git_oid_is_zero(&h->blobs[r])) {
			size_t i = slot_of(map, cap, &h->blobs[r]);
			git_oid_cpy(&map[i].blob, &h->blobs[r]);
			map[i].row = r + 1;
		}
	}
	w->pstart[h->n] = e;
	free(map);
	return rc;
}

static void attribute(struct walk *w, size_t u, size_t r)
{
	w->g[w->owner[u]].count--;
	w->owner[u] = NONE;
	w->row[u] = r;
}

/* Gives every unit group gi holds in stanza i (all stanzas: i NONE) to
 * row r. */
static void attribute_all(struct walk *w, size_t gi, size_t i, size_t r)
{
	size_t from = i == NONE ? 0 : w->base[i];
	size_t to = i == NONE ? w->nunits : w->base[i + 1];
	for (size_t u = from; u < to; u++)
		if (w->owner[u] == gi)
			attribute(w, u, r);
}

static int owns_any(const struct walk *w, size_t gi, size_t i)
{
	for (size_t u = w->base[i]; u < w->base[i + 1]; u++)
		if (w->owner[u] == gi)
			return 1;
	return 0;
}

/* The group at row r, made if there is none. NONE on ENOMEM. */
static size_t group_at(struct walk *w, size_t r)
{
	for (size_t k = 0; k < w->ng; k++)
		if (w->g[k].row == r && w->g[k].count)
			return k;
	for (size_t k = 0; k < w->ng; k++)
		if (!w->g[k].count) {
			w->g[k].row = r;
			return k;
		}
	if (w->ng == w->capg) {
		size_t cap = w->capg ? 2 * w->capg : 8;
		struct group *v = realloc(w->g, cap * sizeof *v);
		if (!v)
			return NONE;
		w->g = v;
		w->capg = cap;
	}
	w->g[w->ng].row = r;
	w->g[w->ng].count = 0;
	return w->ng++;
}

static void move(struct walk *w, size_t u, size_t to)
{
	w->g[w->owner[u]].count--;
	w->owner[u] = to;
	w->g[to].count++;
}

/* One name from a row's fields column: checked (apply 0: 1 when the walk
 * must not trust this row, see the top of this file) or applied. */
static int token(struct walk *w, size_t gi, size_t r, const char *p, size_t len, int apply)
{
	if (len == 0)
		return 1;
	if (p[0] == '+' || p[0] == '-') {
		if (!id_ok(p + 1, len - 1))
			return 1;
		long i = find_id(w, p + 1, len - 1);
		if (i < 0)
			return 0;
		if (p[0] == '-')
			return owns_any(w, gi, (size_t)i);
		if (apply)
			attribute_all(w, gi, (size_t)i, r);
		return 0;
	}
	size_t i = 0;
	const char *name = p;
	size_t nlen = len;
	const char *colon = NULL;
	for (size_t k = len; k-- > 0;)
		if (p[k] == ':') {
			colon = p + k;
			break;
		}
	if (colon) {
		size_t idlen = (size_t)(colon - p);
		if (!id_ok(p, idlen))
			return 1;
		name = colon + 1;
		nlen = len - idlen - 1;
		long k = find_id(w, p, idlen);
		if (k < 0)
			return 0;
		i = (size_t)k;
	} else if (nlen == 6 && strncasecmp(name, "Record", 6) == 0) {
		return 1;
	}
	if (nlen == 0)
		return 1;
	const struct cb_stanza *st = &w->doc->stanzas[i];
	for (size_t f = 0; f < st->nfields; f++) {
		const char *fn = st->fields[f].name;
		if (strncasecmp(fn, name, nlen) != 0 || fn[nlen] != '\0')
			continue;
		size_t u = w->base[i] + 1 + f;
		if (strncmp(fn, name, nlen) != 0)
			return w->owner[u] == gi; /* another spelling */
		if (apply && w->owner[u] == gi)
			attribute(w, u, r);
		return 0;
	}
	return 0;
}

/* Runs token() over a fields column. 1 as soon as one says so. */
static int tokens(struct walk *w, size_t gi, size_t r, const char *fields, int apply)
{
	for (const char *p = fields; *p;) {
		const char *q = strstr(p, ", ");
		size_t n = q ? (size_t)(q - p) : strlen(p);
		if (token(w, gi, r, p, n, apply))
			return 1;
		p += n;
		if (q)
			p += 2;
	}
	return 0;
}

/* A read version's stanzas by Id, for bsearch. */
struct byid {
	const char *id;
	size_t i;
};

static int byid_cmp(const void *a, const void *b)
{
	return strcmp(((const struct byid *)a)->id, ((const struct byid *)b)->id);
}

struct version {
	struct cb_doc doc;
	struct byid *ids;
	size_t nids;
	size_t row;
};

static void version_free(struct version *v)
{
	cb_doc_free(&v->doc);
	free(v->ids);
	memset(v, 0, sizeof *v);
}

/* Reads the version in blob for a merge or a doubtful row. 0; 1 when it
 * cannot be read or does not parse; 2 when it is not plain (header not
 * first, an entry without an Id or with one twice). */
static int version_read(struct walk *w, const git_oid *blob, struct version *v)
{
	memset(v, 0, sizeof *v);
	int first = 0;
	int rc = blame_read_version(w->h, blob, &v->doc, &first);
	if (rc)
		return rc;
	if (!first) {
		version_free(v);
		return 2;
	}
	v->ids = calloc(v->doc.nstanzas ? v->doc.nstanzas : 1, sizeof *v->ids);
	if (!v->ids) {
		version_free(v);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	for (size_t i = 1; i < v->doc.nstanzas; i++) {
		const char *id = stanza_id(&v->doc, i);
		if (!id) {
			version_free(v);
			return 2;
		}
		v->ids[v->nids].id = id;
		v->ids[v->nids++].i = i;
	}
	qsort(v->ids, v->nids, sizeof *v->ids, byid_cmp);
	for (size_t k = 1; k < v->nids; k++)
		if (strcmp(v->ids[k - 1].id, v->ids[k].id) == 0) {
			version_free(v);
			return 2;
		}
	return 0;
}

/* The stanza of v matching stanza i of the version blamed, or -1. */
static long version_find(const struct walk *w, const struct version *v, size_t i)
{
	if (i == 0)
		return 0;
	struct byid key = { stanza_id(w->doc, i), 0 };
	const struct byid *hit = bsearch(&key, v->ids, v->nids, sizeof *v->ids, byid_cmp);
	return hit ? (long)hit->i : -1;
}

/* A field's value by its exact name, as the replay matches names. */
static const char *exact(const struct cb_stanza *st, const char *name)
{
	for (size_t f = 0; f < st->nfields; f++)
		if (strcmp(st->fields[f].name, name) == 0)
			return st->fields[f].value;
	return NULL;
}

/* Row r settled as the replay settles it: its version against each of
 * its parents' versions, for the units group gi holds. 0, 1 (give up) or
 * an error. */
static int compare_row(struct walk *w, size_t gi, size_t r)
{
	struct version v, par[BLAME_MAX_PARENTS];
	size_t np = 0, seen = 0;
	int rc = version_read(w, &w->h->blobs[r], &v);
	if (rc)
		return rc < 0 ? rc : 1;
	for (size_t e = w->pstart[r]; e < w->pstart[r + 1] && !rc; e++) {
		if (git_oid_is_zero(&w->pblob[e]))
			continue; /* that parent had no such record */
		if (seen++ == BLAME_MAX_PARENTS)
			break;
		if (w->prow[e] == NONE)
			continue; /* no row has it: no attribution to keep */
		rc = version_read(w, &w->pblob[e], &par[np]);
		if (rc == 1) {
			rc = 0; /* does not parse: breaks the chain */
			continue;
		}
		if (!rc)
			par[np++].row = w->prow[e];
	}
	for (size_t i = 0; i < w->nst && !rc; i++) {
		if (!owns_any(w, gi, i))
			continue;
		long si = version_find(w, &v, i);
		if (si < 0) {
			rc = 1;
			break;
		}
		long pi[BLAME_MAX_PARENTS];
		size_t first = NONE;
		for (size_t p = 0; p < np; p++) {
			pi[p] = version_find(w, &par[p], i);
			if (pi[p] >= 0 && first == NONE)
				first = p;
		}
		const struct cb_stanza *st = &w->doc->stanzas[i];
		const struct cb_stanza *vs = &v.doc.stanzas[si];
		for (size_t u = w->base[i]; u < w->base[i + 1] && !rc; u++) {
			if (w->owner[u] != gi)
				continue;
			size_t to = NONE;
			if (u == w->base[i]) {
				if (first != NONE)
					to = par[first].row;
			} else {
				const char *name = st->fields[u - w->base[i] - 1].name;
				const char *val = exact(vs, name);
				if (!val) {
					rc = 1;
					break;
				}
				for (size_t p = 0; p < np && to == NONE; p++) {
					if (pi[p] < 0)
						continue;
					const char *pv = exact(&par[p].doc.stanzas[pi[p]], name);
					if (pv && strcmp(pv, val) == 0)
						to = par[p].row;
				}
			}
			if (to == NONE) {
				attribute(w, u, r);
			} else {
				size_t k = group_at(w, to);
				if (k == NONE)
					rc = cb_err(CB_ENOMEM, _("out of memory"));
				else
					move(w, u, k);
			}
		}
	}
	version_free(&v);
	for (size_t p = 0; p < np; p++)
		version_free(&par[p]);
	return rc == 2 ? 1 : rc;
}

/* Moves group gi one row back. 0, 1 (give up) or an error. */
static int step(struct walk *w, size_t gi)
{
	const struct blame_hist *h = w->h;
	size_t r = w->g[gi].row;
	if (!h->parents[r])
		return 1;
	size_t ne = w->pstart[r + 1] - w->pstart[r];
	size_t e = w->pstart[r];
	if (ne > 1)
		return compare_row(w, gi, r);
	if (ne == 0 || git_oid_is_zero(&w->pblob[e])) {
		attribute_all(w, gi, NONE, r); /* the record made here */
		return 0;
	}
	/* Nothing named although the version changed: only what the index
	 * does not count as a change (layout, comments, the case of a
	 * name), some of which the replay does. */
	const char *f = h->fields[r];
	if (!f || !*f || strcmp(f, "!") == 0 || tokens(w, gi, r, f, 0))
		return compare_row(w, gi, r);
	tokens(w, gi, r, f, 1);
	if (!w->g[gi].count)
		return 0;
	if (w->prow[e] == NONE)
		attribute_all(w, gi, NONE, r); /* no row has the parent's version */
	else
		w->g[gi].row = w->prow[e];
	return 0;
}

static void walk_free(struct walk *w)
{
	free(w->base);
	free(w->owner);
	free(w->row);
	free(w->g);
	free(w->idtab);
	free(w->pstart);
	free(w->pblob);
	free(w->prow);
}

int blame_walk(struct blame_hist *h, size_t target_row, const struct cb_doc *doc,
	       struct blame_attr *out)
{
	struct walk w;
	memset(&w, 0, sizeof w);
	memset(out, 0, sizeof *out);
	w.h = h;
	w.doc = doc;
	w.nst = doc->nstanzas;
	w.base = calloc(w.nst + 1, sizeof *w.base);
	if (!w.base) {
		walk_free(&w);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	for (size_t i = 0; i < w.nst; i++) {
		w.base[i] = w.nunits;
		w.nunits += 1 + doc->stanzas[i].nfields;
	}
	w.base[w.nst] = w.nunits;
	w.owner = calloc(w.nunits ? w.nunits : 1, sizeof *w.owner); /* all group 0 */
	w.row = calloc(w.nunits ? w.nunits : 1, sizeof *w.row);
	int rc = 0;
	if (!w.owner || !w.row || group_at(&w, target_row) == NONE)
		rc = cb_err(CB_ENOMEM, _("out of memory"));
	if (!rc) {
		w.g[0].count = w.nunits;
		rc = index_ids(&w);
	}
	if (!rc)
		rc = resolve_parents(&w);
	while (!rc) {
		size_t gi = NONE;
		for (size_t k = 0; k < w.ng; k++)
			if (w.g[k].count && (gi == NONE || w.g[k].row > w.g[gi].row))
				gi = k;
		if (gi == NONE)
			break;
		/* Units that reached this row by different ways go on together. */
		for (size_t k = 0; k < w.ng; k++)
			if (k != gi && w.g[k].count && w.g[k].row == w.g[gi].row)
				for (size_t u = 0; u < w.nunits; u++)
					if (w.owner[u] == k)
						move(&w, u, gi);
		rc = step(&w, gi);
	}
	if (!rc) {
		out->added = calloc(w.nst ? w.nst : 1, sizeof *out->added);
		out->first = calloc(w.nst ? w.nst : 1, sizeof *out->first);
		if (!out->added || !out->first) {
			rc = cb_err(CB_ENOMEM, _("out of memory"));
		} else {
			for (size_t i = 0; i < w.nst; i++) {
				out->added[i] = w.row[w.base[i]];
				out->first[i] = w.base[i] + 1;
			}
			out->field = w.row;
			w.row = NULL;
		}
	}
	walk_free(&w);
	if (rc)
		blame_attr_free(out);
	return rc;
}
