/* merge.c - record-aware three-way merge of one record, and its conflict
 * markers; see merge.h and the MERGE
 * CONFLICTS section of casebook-record(5).
 *
 * The merge works on an "exploded" view of each stanza in which every
 * field is a set of values: no value is an absent field, one a plain
 * field, two or more an open conflict (the field together with its
 * Conflict-<Field>-<n> alternatives). Flags such as "deleted elsewhere"
 * are pseudo-fields holding "yes", named with a leading space so that no
 * real field can clash with them. Merging sets rather than strings lets a
 * record that already carries conflicts merge by the same three rules as
 * any other, and writing every set back in one normal form keeps the
 * output canonical and the same whichever side is "ours". */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "merge.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "git_lib.h"
#include "i18n.h"
#include "record.h"
#include "strbuf.h"

#define FIELD_NAME_MAX 64
/* Longest field name used as it is inside an alternative's name:
 * "Conflict-" + name + "-" + up to four digits stays within 64. */
#define STEM_PLAIN_MAX 50
/* A longer name is cut to this many characters plus "-" and 8 hex digits
 * of its hash, which is again STEM_PLAIN_MAX long. */
#define STEM_KEEP 41
#define FLAG_MARK ' '
#define FLAG_YES "yes"

/* ---- sets of values ---- */

struct vset {
	char **v; /* distinct, in bytewise order */
	size_t n, cap;
};

static const struct vset no_value;

static void vset_free(struct vset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* Adds a copy of value unless it is there already, keeping the order. */
static int vset_add(struct vset *s, const char *value)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s->v[mid], value);
		if (c == 0)
			return 0;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 2;
		char **v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return CB_ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	char *copy = strdup(value);
	if (!copy)
		return CB_ENOMEM;
	memmove(&s->v[lo + 1], &s->v[lo], (s->n - lo) * sizeof *s->v);
	s->v[lo] = copy;
	s->n++;
	return 0;
}

static int vset_eq(const struct vset *a, const struct vset *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return 0;
	return 1;
}

/* Adds every value of src to dst; an absent src adds "" (removed). */
static int vset_merge_in(struct vset *dst, const struct vset *src)
{
	if (src->n == 0)
		return vset_add(dst, "");
	for (size_t i = 0; i < src->n; i++)
		if (vset_add(dst, src->v[i]))
			return CB_ENOMEM;
	return 0;
}

static int vset_copy(struct vset *dst, const struct vset *src)
{
	memset(dst, 0, sizeof *dst);
	for (size_t i = 0; i < src->n; i++) {
		if (vset_add(dst, src->v[i])) {
			vset_free(dst);
			return CB_ENOMEM;
		}
	}
	return 0;
}

/* ---- exploded stanzas ---- */

struct mfield {
	char *name; /* compared without regard to case */
	struct vset vals;
};

struct mstanza {
	struct mfield *f;
	size_t n, cap;
};

static void ms_free(struct mstanza *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->f[i].name);
		vset_free(&m->f[i].vals);
	}
	free(m->f);
	memset(m, 0, sizeof *m);
}

static struct mfield *ms_find(const struct mstanza *m, const char *name)
{
	for (size_t i = 0; m && i < m->n; i++)
		if (strcasecmp(m->f[i].name, name) == 0)
			return &m->f[i];
	return NULL;
}

/* Appends a field with no value. The pointer is valid until the next add. */
static struct mfield *ms_add(struct mstanza *m, const char *name)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 8;
		struct mfield *f = realloc(m->f, cap * sizeof *f);
		if (!f)
			return NULL;
		m->f = f;
		m->cap = cap;
	}
	char *copy = strdup(name);
	if (!copy)
		return NULL;
	struct mfield *f = &m->f[m->n++];
	f->name = copy;
	memset(&f->vals, 0, sizeof f->vals);
	return f;
}

/* Adds value to the field's set, creating the field if needed. */
static int ms_put(struct mstanza *m, const char *name, const char *value)
{
	struct mfield *f = ms_find(m, name);
	if (!f && !(f = ms_add(m, name)))
		return CB_ENOMEM;
	return vset_add(&f->vals, value);
}

static int is_flag(const struct mfield *f)
{
	return f->name[0] == FLAG_MARK;
}

/* Every field with a value in a has the same set in b. */
static int ms_sub(const struct mstanza *a, const struct mstanza *b)
{
	for (size_t i = 0; i < a->n; i++) {
		if (a->f[i].vals.n == 0)
			continue;
		const struct mfield *g = ms_find(b, a->f[i].name);
		if (!g || !vset_eq(&a->f[i].vals, &g->vals))
			return 0;
	}
	return 1;
}

static int ms_equal(const struct mstanza *a, const struct mstanza *b)
{
	return ms_sub(a, b) && ms_sub(b, a);
}

/* ---- marker names ---- */

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a over the lower-cased name */
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		h ^= (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
		h *= 16777619u;
	}
	return h;
}

/* The part of an alternative's name that stands for the field: the name
 * itself, or for a long one a cut name plus a hash, so that every
 * alternative's name is a valid field name of at most 64 characters. */
static void marker_stem(const char *name, char out[STEM_PLAIN_MAX + 1])
{
	size_t len = strlen(name);
	if (len <= STEM_PLAIN_MAX) {
		memcpy(out, name, len + 1);
		return;
	}
	snprintf(out, STEM_PLAIN_MAX + 1, "%.*s-%08x", STEM_KEEP, name,
		 (unsigned)name_hash(name));
}

/* 1 if name is an alternative, "Conflict-<stem>-<n>", with the stem
 * copied out. The conflict line itself is never a stem, so a hand-made
 * "Conflict-Conflict-1" stays an ordinary field. */
static int alt_stem(const char *name, char stem[FIELD_NAME_MAX + 1])
{
	size_t pl = strlen(CB_CONFLICT_PREFIX);
	if (strncasecmp(name, CB_CONFLICT_PREFIX, pl) != 0)
		return 0;
	const char *rest = name + pl;
	size_t len = strlen(rest), d = len;
	while (d > 0 && rest[d - 1] >= '0' && rest[d - 1] <= '9')
		d--;
	if (d == len || d < 2 || rest[d - 1] != '-' || d - 1 > FIELD_NAME_MAX)
		return 0;
	memcpy(stem, rest, d - 1);
	stem[d - 1] = '\0';
	return strcasecmp(stem, CB_CONFLICT_FIELD) != 0;
}

static int is_conflict_line(const char *name)
{
	return strcasecmp(name, CB_CONFLICT_FIELD) == 0;
}

/* ---- exploding a stanza ---- */

/* Flags from a Conflict line: comma-separated tokens holding a space
 * (field names cannot), whitespace runs folded to one space. The field
 * names in the line are derived from the alternatives and not read. */
static int flags_from_line(struct mstanza *m, const char *line)
{
	struct cb_sb tok = CB_SB_INIT;
	int rc = 0;
	for (const char *p = line;; p++) {
		if (*p && *p != ',') {
			int ws = *p == ' ' || *p == '\t' || *p == '\n';
			if (!ws)
				cb_sb_addc(&tok, *p);
			else if (tok.len && tok.buf[tok.len - 1] != ' ')
				cb_sb_addc(&tok, ' ');
			continue;
		}
		if (tok.len && tok.buf[tok.len - 1] == ' ')
			tok.buf[--tok.len] = '\0';
		if (cb_sb_failed(&tok)) {
			rc = CB_ENOMEM;
			break;
		}
		if (tok.len && strchr(tok.buf, ' ')) {
			char name[2] = { FLAG_MARK, '\0' };
			struct cb_sb fl = CB_SB_INIT;
			cb_sb_adds(&fl, name);
			cb_sb_adds(&fl, tok.buf);
			rc = cb_sb_failed(&fl) ? CB_ENOMEM : ms_put(m, fl.buf, FLAG_YES);
			cb_sb_free(&fl);
			if (rc)
				break;
		}
		cb_sb_reset(&tok);
		if (!*p)
			break;
	}
	cb_sb_free(&tok);
	return rc;
}

/* The field an alternative belongs to; created (absent: "") if the
 * stanza no longer has it, so its alternatives are never lost. */
static int add_alternative(struct mstanza *m, const char *stem, const char *value)
{
	struct mfield *target = NULL;
	char s[STEM_PLAIN_MAX + 1];
	for (size_t i = 0; i < m->n && !target; i++) {
		if (is_flag(&m->f[i]))
			continue;
		marker_stem(m->f[i].name, s);
		if (strcasecmp(m->f[i].name, stem) == 0 || strcasecmp(s, stem) == 0)
			target = &m->f[i];
	}
	if (!target) {
		if (!(target = ms_add(m, stem)) || vset_add(&target->vals, ""))
			return CB_ENOMEM;
	}
	return vset_add(&target->vals, value);
}

static int explode(const struct cb_stanza *s, struct mstanza *m)
{
	char stem[FIELD_NAME_MAX + 1];
	int rc = 0;
	memset(m, 0, sizeof *m);
	/* Plain fields first, so a field's own value is in its set before
	 * the alternatives are matched to it. */
	for (size_t i = 0; i < s->nfields && !rc; i++) {
		const struct cb_field *f = &s->fields[i];
		if (is_conflict_line(f->name))
			rc = flags_from_line(m, f->value);
		else if (!alt_stem(f->name, stem))
			rc = ms_put(m, f->name, f->value);
	}
	for (size_t i = 0; i < s->nfields && !rc; i++) {
		const struct cb_field *f = &s->fields[i];
		if (!is_conflict_line(f->name) && alt_stem(f->name, stem))
			rc = add_alternative(m, stem, f->value);
	}
	if (rc)
		ms_free(m);
	return rc;
}

/* ---- writing an exploded stanza back ---- */

static int flag_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The flags of m, sorted, as the start of a Conflict line. */
static int flags_line(const struct mstanza *m, struct cb_sb *sb)
{
	const char **v = calloc(m->n ? m->n : 1, sizeof *v);
	size_t n = 0;
	if (!v)
		return CB_ENOMEM;
	for (size_t i = 0; i < m->n; i++)
		if (is_flag(&m->f[i]) && m->f[i].vals.n)
			v[n++] = m->f[i].name + 1;
	qsort(v, n, sizeof *v, flag_cmp);
	for (size_t i = 0; i < n; i++) {
		if (sb->len)
			cb_sb_adds(sb, ", ");
		cb_sb_adds(sb, v[i]);
	}
	free(v);
	return cb_sb_failed(sb) ? CB_ENOMEM : 0;
}

/* A conflicting field: the field keeps the first non-empty alternative
 * (so a required field stays filled in and the record still sorts and
 * validates), then every alternative is written, numbered from 1. */
static int put_conflict(struct cb_stanza *s, const struct mfield *f)
{
	char stem[STEM_PLAIN_MAX + 1], name[FIELD_NAME_MAX * 2];
	const char *shown = f->vals.v[0][0] ? f->vals.v[0] : f->vals.v[1];
	int rc = cb_stanza_set(s, f->name, shown);
	marker_stem(f->name, stem);
	for (size_t k = 0; k < f->vals.n && !rc; k++) {
		snprintf(name, sizeof name, "%s%s-%zu", CB_CONFLICT_PREFIX, stem, k + 1);
		rc = cb_stanza_set(s, name, f->vals.v[k]);
	}
	return rc;
}

/* Writes m into the empty stanza s. The Conflict line holds only the
 * flags here; rebuild_line adds the field names once fields are in
 * canonical order. */
static int implode(const struct mstanza *m, struct cb_stanza *s)
{
	struct cb_sb line = CB_SB_INIT;
	int rc = 0;
	for (size_t i = 0; i < m->n && !rc; i++) {
		const struct mfield *f = &m->f[i];
		if (is_flag(f) || f->vals.n == 0)
			continue;
		if (f->vals.n == 1)
			rc = cb_stanza_set(s, f->name, f->vals.v[0]);
		else
			rc = put_conflict(s, f);
	}
	if (!rc)
		rc = flags_line(m, &line);
	if (!rc && line.len)
		rc = cb_stanza_set(s, CB_CONFLICT_FIELD, line.buf);
	cb_sb_free(&line);
	return rc;
}

/* Rewrites stanza i of doc from its exploded form. */
static int reimplode(struct cb_doc *doc, size_t i)
{
	struct mstanza m;
	struct cb_stanza fresh = { 0 };
	int rc = explode(&doc->stanzas[i], &m);
	if (rc)
		return rc;
	rc = implode(&m, &fresh);
	ms_free(&m);
	if (rc) {
		cb_stanza_free(&fresh);
		return rc;
	}
	fresh.line = doc->stanzas[i].line;
	cb_stanza_free(&doc->stanzas[i]);
	doc->stanzas[i] = fresh;
	return 0;
}

/* Sets the Conflict line: flags, then the conflicting fields in the
 * stanza's own order; removes it when nothing is open. */
static int rebuild_line(struct cb_stanza *s)
{
	struct mstanza m;
	struct cb_sb line = CB_SB_INIT;
	char stem[FIELD_NAME_MAX + 1];
	int rc = explode(s, &m);
	if (rc)
		return rc;
	rc = flags_line(&m, &line);
	for (size_t i = 0; i < s->nfields && !rc; i++) {
		const char *name = s->fields[i].name;
		if (is_conflict_line(name) || alt_stem(name, stem))
			continue;
		const struct mfield *f = ms_find(&m, name);
		if (f && f->vals.n >= 2) {
			if (line.len)
				cb_sb_adds(&line, ", ");
			cb_sb_adds(&line, name);
		}
	}
	ms_free(&m);
	if (!rc && cb_sb_failed(&line))
		rc = CB_ENOMEM;
	if (!rc && line.len)
		rc = cb_stanza_set(s, CB_CONFLICT_FIELD, line.buf);
	else if (!rc)
		cb_stanza_remove(s, CB_CONFLICT_FIELD); /* CB_ENOTFOUND is fine */
	cb_sb_free(&line);
	return rc;
}

/* Canonical order, then Conflict lines naming fields in that order. The
 * second pass places a newly added Conflict line among the fields. */
static int finish_doc(struct cb_doc *doc, const struct cb_record_type *t)
{
	for (size_t i = doc->nstanzas; i-- > 0;)
		if (doc->stanzas[i].nfields == 0)
			cb_doc_remove_stanza(doc, i);
	cb_record_canonicalise(doc, t);
	for (size_t i = 0; i < doc->nstanzas; i++) {
		int rc = rebuild_line(&doc->stanzas[i]);
		if (rc)
			return rc;
	}
	cb_record_canonicalise(doc, t);
	return 0;
}

static int normalise_doc(struct cb_doc *doc, const struct cb_record_type *t)
{
	for (size_t i = 0; i < doc->nstanzas; i++) {
		int rc = reimplode(doc, i);
		if (rc)
			return rc;
	}
	return finish_doc(doc, t);
}

/* ---- merging one field ---- */

/* value plus a final newline, the way line merging wants text. */
static char *as_lines(const char *value, size_t *len)
{
	size_t n = value ? strlen(value) : 0;
	char *s = malloc(n + 2);
	if (!s)
		return NULL;
	if (n) {
		memcpy(s, value, n);
		s[n++] = '\n';
	}
	s[n] = '\0';
	*len = n;
	return s;
}

static int merge_file_once(git_merge_file_result *r, const char *b, size_t bl,
			   const char *o, size_t ol, const char *t, size_t tl)
{
	git_merge_file_input ib = GIT_MERGE_FILE_INPUT_INIT;
	git_merge_file_input io = GIT_MERGE_FILE_INPUT_INIT;
	git_merge_file_input it = GIT_MERGE_FILE_INPUT_INIT;
	ib.ptr = b;
	ib.size = bl;
	io.ptr = o;
	io.size = ol;
	it.ptr = t;
	it.size = tl;
	ib.mode = io.mode = it.mode = GIT_FILEMODE_BLOB;
	return git_merge_file(r, &ib, &io, &it, NULL);
}

/* Line-level three-way merge of a long text. Returns 1 with *out set
 * when it merges cleanly, and the same way with the sides swapped (so the
 * merge stays symmetric); 0 when it does not; CB_ENOMEM. */
static int line_merge(const char *b, const char *o, const char *t, char **out)
{
	size_t bl, ol, tl;
	char *sb = as_lines(b, &bl), *so = as_lines(o, &ol), *st = as_lines(t, &tl);
	git_merge_file_result r1 = { 0 }, r2 = { 0 };
	int rc = 0;
	*out = NULL;
	if (!sb || !so || !st) {
		rc = CB_ENOMEM;
		goto done;
	}
	cb_git_lib_init(); /* git_merge_file needs libgit2's allocator */
	if (merge_file_once(&r1, sb, bl, so, ol, st, tl) == 0 &&
	    merge_file_once(&r2, sb, bl, st, tl, so, ol) == 0 &&
	    r1.automergeable && r2.automergeable && r1.len == r2.len &&
	    memcmp(r1.ptr, r2.ptr, r1.len) == 0) {
		char *raw = malloc(r1.len + 1);
		if (raw) {
			memcpy(raw, r1.ptr, r1.len);
			raw[r1.len] = '\0';
			*out = cb_value_normalise(raw);
			free(raw);
		}
		rc = *out ? 1 : CB_ENOMEM;
	}
	git_merge_file_result_free(&r1);
	git_merge_file_result_free(&r2);
	git_libgit2_shutdown();
done:
	free(sb);
	free(so);
	free(st);
	return rc;
}

/* Three-way merge of one field's sets. Changed on one side: that side.
 * Changed alike: once. Otherwise a long text is tried line by line, and
 * failing that both sides' values are kept: an open conflict. */
static int merge_vals(const struct vset *b, const struct vset *o,
		      const struct vset *t, int longtext, struct vset *out)
{
	memset(out, 0, sizeof *out);
	if (vset_eq(o, t) || vset_eq(t, b))
		return vset_copy(out, o);
	if (vset_eq(o, b))
		return vset_copy(out, t);
	if (longtext && b->n <= 1 && o->n <= 1 && t->n <= 1) {
		char *merged = NULL;
		int rc = line_merge(b->n ? b->v[0] : NULL, o->n ? o->v[0] : NULL,
				    t->n ? t->v[0] : NULL, &merged);
		if (rc < 0)
			return rc;
		if (rc == 1) {
			rc = *merged ? vset_add(out, merged) : 0;
			free(merged);
			return rc;
		}
	}
	if (vset_merge_in(out, o) || vset_merge_in(out, t)) {
		vset_free(out);
		return CB_ENOMEM;
	}
	return 0;
}

static int is_longtext(const struct cb_stanza_def *sd, const char *name)
{
	const struct cb_field_def *fd = cb_stanza_def_field(sd, name);
	return fd && fd->type == CB_FT_LONGTEXT;
}

/* The spelling to write for a field the schema does not know: the
 * bytewise least of the sides' spellings, so that the choice does not
 * depend on which side is ours. */
static const char *spelling(const struct mfield *b, const struct mfield *o,
			    const struct mfield *t)
{
	const char *best = NULL;
	const struct mfield *all[3] = { b, o, t };
	for (int k = 0; k < 3; k++)
		if (all[k] && (!best || strcmp(all[k]->name, best) < 0))
			best = all[k]->name;
	return best;
}

struct trio {
	const struct mstanza *b, *o, *t;
	/* The kinds of the two sides: a field is long text only if it is
	 * long text in both (symmetric even if Kind itself conflicts). */
	const struct cb_stanza_def *so, *st;
};

static int merge_field(const struct trio *x, const char *name, struct mstanza *out)
{
	const struct mfield *fb = ms_find(x->b, name), *fo = ms_find(x->o, name);
	const struct mfield *ft = ms_find(x->t, name);
	struct vset v;
	int lt = is_longtext(x->so, name) && is_longtext(x->st, name);
	int rc = merge_vals(fb ? &fb->vals : &no_value, fo ? &fo->vals : &no_value,
			    ft ? &ft->vals : &no_value, lt, &v);
	if (rc)
		return rc;
	const struct cb_field_def *fd = cb_stanza_def_field(x->so, name);
	if (!fd)
		fd = cb_stanza_def_field(x->st, name);
	struct mfield *f = ms_add(out, fd ? fd->name : spelling(fb, fo, ft));
	if (!f) {
		vset_free(&v);
		return CB_ENOMEM;
	}
	f->vals = v; /* may be empty: absent, skipped when written */
	return 0;
}

static int merge_stanza(const struct trio *x, struct mstanza *out)
{
	const struct mstanza *all[3] = { x->o, x->t, x->b };
	memset(out, 0, sizeof *out);
	for (int k = 0; k < 3; k++) {
		for (size_t i = 0; all[k] && i < all[k]->n; i++) {
			const char *name = all[k]->f[i].name;
			if (ms_find(out, name))
				continue;
			int rc = merge_field(x, name, out);
			if (rc) {
				ms_free(out);
				return rc;
			}
		}
	}
	return 0;
}

/* ---- matching stanzas ---- */

/* A stanza's key: "" for the header, "i:<Id>" for an item, and for an
 * item without an Id its whole text, so identical ones still match. A
 * key seen again in one record (a duplicated Id) gets "\1<n>" appended,
 * which keeps the sorted order. */
struct skey {
	char *key;
	size_t i;
};

struct keyed {
	const struct cb_doc *doc;
	struct skey *k;
	size_t n;
};

static char *stanza_key(const struct cb_stanza *s, size_t i)
{
	struct cb_sb sb = CB_SB_INIT;
	const char *id = i ? cb_stanza_get(s, "Id") : NULL;
	if (i == 0) {
		cb_sb_adds(&sb, "");
	} else if (id && *id) {
		cb_sb_adds(&sb, "i:");
		cb_sb_adds(&sb, id);
	} else {
		cb_sb_adds(&sb, "c:");
		for (size_t f = 0; f < s->nfields; f++)
			cb_sb_addf(&sb, "%s:%s\n", s->fields[f].name, s->fields[f].value);
	}
	return cb_sb_take(&sb);
}

static int skey_cmp(const void *a, const void *b)
{
	const struct skey *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

static void keyed_free(struct keyed *kd)
{
	for (size_t i = 0; i < kd->n; i++)
		free(kd->k[i].key);
	free(kd->k);
	memset(kd, 0, sizeof *kd);
}

/* Makes every key of the sorted list unique (see struct skey). */
static int number_duplicates(struct keyed *kd)
{
	size_t start = 0;
	for (size_t i = 1; i < kd->n; i++) {
		if (strcmp(kd->k[start].key, kd->k[i].key) != 0) {
			start = i;
			continue;
		}
		struct cb_sb sb = CB_SB_INIT;
		cb_sb_addf(&sb, "%s\1%zu", kd->k[i].key, i - start);
		char *nk = cb_sb_take(&sb);
		if (!nk)
			return CB_ENOMEM;
		free(kd->k[i].key);
		kd->k[i].key = nk;
	}
	return 0;
}

static int keyed_make(struct keyed *kd, const struct cb_doc *doc)
{
	memset(kd, 0, sizeof *kd);
	kd->doc = doc;
	if (!doc || doc->nstanzas == 0)
		return 0;
	kd->k = calloc(doc->nstanzas, sizeof *kd->k);
	if (!kd->k)
		return CB_ENOMEM;
	for (size_t i = 0; i < doc->nstanzas; i++) {
		kd->k[i].i = i;
		kd->k[i].key = stanza_key(&doc->stanzas[i], i);
		kd->n++;
		if (!kd->k[i].key) {
			keyed_free(kd);
			return CB_ENOMEM;
		}
	}
	qsort(kd->k, kd->n, sizeof *kd->k, skey_cmp);
	if (number_duplicates(kd)) {
		keyed_free(kd);
		return CB_ENOMEM;
	}
	return 0;
}

/* ---- merging documents ---- */

struct slot {
	const struct cb_doc *doc;
	size_t i;
	int present;
	struct mstanza m;
};

static int slot_load(struct slot *s, const struct keyed *kd, size_t pos,
		     const char *key)
{
	memset(s, 0, sizeof *s);
	if (pos >= kd->n || strcmp(kd->k[pos].key, key) != 0)
		return 0;
	s->doc = kd->doc;
	s->i = kd->k[pos].i;
	s->present = 1;
	return explode(&s->doc->stanzas[s->i], &s->m);
}

static const struct cb_stanza_def *slot_def(const struct slot *s,
					    const struct cb_record_type *t)
{
	return s->present ? cb_record_stanza_def(s->doc, t, s->i) : NULL;
}

static int flag_deleted(struct mstanza *m)
{
	return ms_put(m, " " CB_CONFLICT_DELETED, FLAG_YES); /* FLAG_MARK */
}

static int emit(struct cb_doc *out, const struct mstanza *m)
{
	struct cb_stanza *s = cb_doc_add_stanza(out);
	return s ? implode(m, s) : CB_ENOMEM;
}

/* One stanza key, present in some of base, ours, theirs. */
static int merge_slot(struct slot *b, struct slot *o, struct slot *t,
		      const struct cb_record_type *ty, struct cb_doc *out)
{
	if (o->present && t->present) {
		struct trio x = { &b->m, &o->m, &t->m, slot_def(o, ty), slot_def(t, ty) };
		struct mstanza m;
		int rc = merge_stanza(&x, &m);
		if (!rc)
			rc = emit(out, &m);
		ms_free(&m);
		return rc;
	}
	struct slot *kept = o->present ? o : t->present ? t : NULL;
	if (!kept)
		return 0; /* deleted on both sides, or only in the base */
	if (!b->present)
		return emit(out, &kept->m); /* added on one side */
	if (ms_equal(&b->m, &kept->m))
		return 0; /* deleted on one side, untouched on the other */
	/* Edited on one side, deleted on the other: keep the edit, flagged. */
	int rc = flag_deleted(&kept->m);
	return rc ? rc : emit(out, &kept->m);
}

static const char *min_key(const struct keyed *kd[3], const size_t pos[3])
{
	const char *best = NULL;
	for (int k = 0; k < 3; k++)
		if (pos[k] < kd[k]->n && (!best || strcmp(kd[k]->k[pos[k]].key, best) < 0))
			best = kd[k]->k[pos[k]].key;
	return best;
}

/* Walks the three sorted key lists together, merging each key once. */
static int merge_keyed(const struct keyed *kd[3], const struct cb_record_type *ty,
		       struct cb_doc *out)
{
	size_t pos[3] = { 0, 0, 0 };
	const char *key;
	int rc = 0;
	while (!rc && (key = min_key(kd, pos))) {
		struct slot s[3];
		for (int k = 0; k < 3; k++)
			memset(&s[k], 0, sizeof s[k]);
		for (int k = 0; k < 3 && !rc; k++)
			rc = slot_load(&s[k], kd[k], pos[k], key);
		if (!rc)
			rc = merge_slot(&s[0], &s[1], &s[2], ty, out);
		for (int k = 0; k < 3; k++) {
			if (s[k].present)
				pos[k]++;
			ms_free(&s[k].m);
		}
	}
	return rc;
}

static int merge_docs(const struct cb_doc *b, const struct cb_doc *o,
		      const struct cb_doc *t, const struct cb_record_type *ty,
		      struct cb_doc *out)
{
	struct keyed kb, ko, kt;
	int rc = keyed_make(&kb, b);
	if (!rc && (rc = keyed_make(&ko, o)) != 0)
		keyed_free(&kb);
	if (!rc && (rc = keyed_make(&kt, t)) != 0) {
		keyed_free(&kb);
		keyed_free(&ko);
	}
	if (rc)
		return rc;
	const struct keyed *kd[3] = { &kb, &ko, &kt };
	rc = merge_keyed(kd, ty, out);
	keyed_free(&kb);
	keyed_free(&ko);
	keyed_free(&kt);
	return rc;
}

/* 1 if a and b hold the same stanzas with the same values; <0 on error. */
static int docs_same(const struct cb_doc *a, const struct cb_doc *b)
{
	struct keyed ka, kb;
	int rc = keyed_make(&ka, a), same;
	if (rc)
		return rc;
	if ((rc = keyed_make(&kb, b)) != 0) {
		keyed_free(&ka);
		return rc;
	}
	same = ka.n == kb.n;
	for (size_t i = 0; same && i < ka.n; i++) {
		struct mstanza x, y;
		same = strcmp(ka.k[i].key, kb.k[i].key) == 0;
		if (!same)
			break;
		if ((rc = explode(&a->stanzas[ka.k[i].i], &x)) != 0)
			break;
		if ((rc = explode(&b->stanzas[kb.k[i].i], &y)) != 0) {
			ms_free(&x);
			break;
		}
		same = ms_equal(&x, &y);
		ms_free(&x);
		ms_free(&y);
	}
	keyed_free(&ka);
	keyed_free(&kb);
	return rc ? rc : same;
}

static const struct cb_doc *present(const struct cb_doc *d)
{
	return d && d->nstanzas ? d : NULL;
}

/* The record kept whole because the other side deleted it; flagged in
 * its header when it differs from the base. */
static int keep_one(const struct cb_doc *b, const struct cb_doc *kept,
		    const struct cb_record_type *ty, struct cb_doc *out)
{
	int same = b ? docs_same(b, kept) : 0;
	if (same < 0)
		return same;
	if (same)
		return 0; /* deleted on one side, untouched on the other */
	int rc = merge_docs(NULL, kept, NULL, ty, out);
	if (rc || !b || out->nstanzas == 0)
		return rc;
	struct mstanza m;
	struct cb_stanza fresh = { 0 };
	if ((rc = explode(&out->stanzas[0], &m)) != 0)
		return rc;
	if (!(rc = flag_deleted(&m)))
		rc = implode(&m, &fresh);
	ms_free(&m);
	if (rc) {
		cb_stanza_free(&fresh);
		return rc;
	}
	cb_stanza_free(&out->stanzas[0]);
	out->stanzas[0] = fresh;
	return 0;
}

int cb_merge_record(const struct cb_doc *base, const struct cb_doc *ours,
		    const struct cb_doc *theirs, const struct cb_record_type *t,
		    struct cb_doc *out, size_t *nconflicts)
{
	const struct cb_doc *b = present(base), *o = present(ours);
	const struct cb_doc *th = present(theirs);
	int rc = 0;
	memset(out, 0, sizeof *out);
	if (nconflicts)
		*nconflicts = 0;
	if (o && th)
		rc = merge_docs(b, o, th, t, out);
	else if (o || th)
		rc = keep_one(b, o ? o : th, t, out);
	if (!rc)
		rc = finish_doc(out, t);
	int n = rc ? 0 : cb_record_conflicts(out, NULL, NULL);
	if (!rc && n < 0)
		rc = n;
	if (rc) {
		cb_doc_free(out);
		return rc == CB_ENOMEM ? cb_err(CB_ENOMEM, _("out of memory")) : rc;
	}
	if (nconflicts)
		*nconflicts = (size_t)n;
	return 0;
}

/* ---- listing and resolving ---- */

static int report_stanza(const struct cb_doc *doc, size_t i,
			 const struct mstanza *m, cb_conflict_fn fn,
			 void *payload, int *count)
{
	struct cb_conflict c = { i, i ? cb_stanza_get(&doc->stanzas[i], "Id") : NULL,
				 NULL, NULL, NULL, 0 };
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < m->n; k++) {
			const struct mfield *f = &m->f[k];
			int flag = is_flag(f);
			if (pass == 0 ? !(flag && f->vals.n) : (flag || f->vals.n < 2))
				continue;
			c.field = flag ? NULL : f->name;
			c.flag = flag ? f->name + 1 : NULL;
			c.values = flag ? NULL : (const char *const *)f->vals.v;
			c.nvalues = flag ? 0 : f->vals.n;
			(*count)++;
			int rc = fn ? fn(&c, payload) : 0;
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

int cb_record_conflicts(const struct cb_doc *doc, cb_conflict_fn fn, void *payload)
{
	int count = 0;
	for (size_t i = 0; i < doc->nstanzas; i++) {
		struct mstanza m;
		if (explode(&doc->stanzas[i], &m))
			return cb_err(CB_ENOMEM, _("out of memory"));
		int rc = report_stanza(doc, i, &m, fn, payload, &count);
		ms_free(&m);
		if (rc < 0)
			return rc;
	}
	return count;
}

/* Resolves a flag: drops it, or for "deleted elsewhere" with
 * CB_RESOLVE_DELETE removes the stanza (*removed = 1). */
static int resolve_flag(struct mstanza *m, const char *flag, int choice,
			int *removed)
{
	char name[FIELD_NAME_MAX * 4];
	snprintf(name, sizeof name, "%c%s", FLAG_MARK, flag);
	struct mfield *f = ms_find(m, name);
	if (!f || f->vals.n == 0)
		return cb_err(CB_ENOTFOUND, _("no such conflict: %s"), flag);
	if (choice != CB_RESOLVE_KEEP && choice != CB_RESOLVE_DELETE)
		return cb_err(CB_EINVALID, _("no such choice for a deletion: %d"), choice);
	*removed = choice == CB_RESOLVE_DELETE && strcmp(flag, CB_CONFLICT_DELETED) == 0;
	vset_free(&f->vals);
	return 0;
}

static int resolve_field(struct mstanza *m, const char *field, int choice,
			 const char *value)
{
	struct mfield *f = ms_find(m, field);
	if (!f || f->vals.n < 2 || is_flag(f))
		return cb_err(CB_ENOTFOUND, _("no conflict on field %s"), field);
	if (!value && (choice < 0 || (size_t)choice >= f->vals.n))
		return cb_err(CB_EINVALID, _("%s: no alternative %d"), field, choice + 1);
	if (value && cb_value_check(value, strlen(value)))
		return CB_EINVALID;
	char *v = cb_value_normalise(value ? value : f->vals.v[choice]);
	if (!v)
		return cb_err(CB_ENOMEM, _("out of memory"));
	vset_free(&f->vals);
	int rc = *v ? vset_add(&f->vals, v) : 0; /* empty: the field goes */
	free(v);
	return rc ? cb_err(CB_ENOMEM, _("out of memory")) : 0;
}

int cb_conflict_resolve(struct cb_doc *doc, const struct cb_record_type *t,
			size_t stanza, const char *field, int choice,
			const char *value)
{
	struct mstanza m;
	int removed = 0, rc;
	if (stanza >= doc->nstanzas)
		return cb_err(CB_ENOTFOUND, _("no such stanza: %zu"), stanza);
	if (explode(&doc->stanzas[stanza], &m))
		return cb_err(CB_ENOMEM, _("out of memory"));
	if (!field || strchr(field, ' '))
		rc = resolve_flag(&m, field ? field : CB_CONFLICT_DELETED, choice, &removed);
	else
		rc = resolve_field(&m, field, choice, value);
	if (!rc && removed) {
		ms_free(&m);
		if (stanza == 0)
			cb_doc_free(doc); /* the whole record goes */
		else
			cb_doc_remove_stanza(doc, stanza);
		return 0;
	}
	struct cb_stanza fresh = { 0 };
	if (!rc)
		rc = implode(&m, &fresh);
	ms_free(&m);
	if (rc) {
		cb_stanza_free(&fresh);
		return rc;
	}
	fresh.line = doc->stanzas[stanza].line;
	cb_stanza_free(&doc->stanzas[stanza]);
	doc->stanzas[stanza] = fresh;
	rc = finish_doc(doc, t);
	return rc ? cb_err(rc, _("out of memory")) : 0;
}

int cb_record_conflicts_tidy(struct cb_doc *doc, const struct cb_record_type *t)
{
	int rc = normalise_doc(doc, t);
	return rc ? cb_err(rc, _("out of memory")) : 0;
}
