/* deb822.c - the record text format; see deb822.h for the rules.
 *
 * Parsing is one pass over the buffer, line by line. Every line is checked
 * for encoding problems before its structure is looked at, so the first
 * error reported is always the first bad line of the file. Values are built
 * in a scratch buffer that drops leading empty lines and holds back empty
 * lines until a non-empty one follows, which gives the value normal form
 * without a second pass. Duplicate field names are found with a small hash
 * set reused across stanzas, so a stanza with a huge number of fields still
 * parses in linear time. */
#include "deb822.h"
#include "err.h"
#include "i18n.h"
#include "strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_LEN 64
/* How much of a bad field name an error message quotes. */
#define SHOW_NAME_MAX 40

/* ---- small helpers ---- */

static char *memdup0(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Field names are ASCII, so a byte-wise fold is exact; done by hand so the
 * file needs no POSIX feature macros for strcasecmp. */
static int name_eq(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = ascii_lower((unsigned char)*a);
		unsigned char y = ascii_lower((unsigned char)*b);
		if (x != y)
			return 0;
		if (!x)
			return 1;
	}
}

static int is_name_char(unsigned char c, int first)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return !first && (c == '-' || c == '_');
}

/* Length of s[0..n) without its trailing spaces and tabs. */
static size_t rstrip_len(const char *s, size_t n)
{
	while (n > 0 && is_ws(s[n - 1]))
		n--;
	return n;
}

static int all_dots(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '.')
			return 0;
	return 1;
}

/* cb_sb_take() on a buffer that never grew returns storage without a
 * terminating NUL; an empty append first makes sure there is one. */
static char *sb_finish(struct cb_sb *sb)
{
	cb_sb_add(sb, "", 0);
	return cb_sb_take(sb);
}

/* ---- UTF-8 and control characters ---- */

/* Decodes one UTF-8 sequence from p (n bytes available, n >= 1). Returns its
 * length and the code point, or 0 for anything that is not the shortest
 * encoding of a Unicode scalar value (overlongs, surrogates, > U+10FFFF,
 * stray continuation bytes, truncated sequences). */
static size_t utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char c = p[0];
	size_t len;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xC2)
		return 0; /* continuation byte, or a 2-byte overlong lead */
	if (c < 0xE0) {
		len = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if (c < 0xF0) {
		len = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c < 0xF5) {
		len = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

enum fault_kind { FAULT_NONE, FAULT_UTF8, FAULT_NUL, FAULT_CTRL };

struct text_fault {
	enum fault_kind kind;
	size_t off;  /* byte offset of the problem */
	uint32_t cp; /* the control character, for FAULT_CTRL */
};

static int is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

/* Finds the first encoding problem in s[0..n). Tab is always allowed; '\n'
 * only when allow_nl (a value spans lines, a parsed line never does). */
static enum fault_kind scan_text(const char *s, size_t n, int allow_nl,
				 struct text_fault *f)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		/* Printable ASCII is the bulk of any record. */
		if (p[i] >= 0x20 && p[i] < 0x7F) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp);
		f->off = i;
		f->cp = 0;
		if (k == 0)
			return f->kind = FAULT_UTF8;
		if (cp == 0)
			return f->kind = FAULT_NUL;
		if (is_control(cp) && cp != '\t' && !(allow_nl && cp == '\n')) {
			f->cp = cp;
			return f->kind = FAULT_CTRL;
		}
		i += k;
	}
	return f->kind = FAULT_NONE;
}

/* Copies a (possibly bad) field name into dst for an error message: at most
 * SHOW_NAME_MAX bytes, cut on a character boundary, with anything that is
 * not a printable character replaced by '?', so that a message can never
 * carry a terminal escape. */
static void show_name(char *dst, size_t dstsz, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp);
		int ok = k > 0 && !is_control(cp);
		size_t need = ok ? k : 1;
		if (o + need > SHOW_NAME_MAX || o + need + 4 > dstsz) {
			memcpy(dst + o, "...", 3);
			o += 3;
			break;
		}
		if (ok)
			memcpy(dst + o, s + i, k);
		else
			dst[o] = '?';
		o += need;
		i += ok ? k : 1;
	}
	dst[o] = '\0';
}

/* ---- value building ---- */

/* Accumulates a value line by line in normal form: leading empty lines
 * are dropped and empty lines are only written once a non-empty line
 * follows them, so trailing empty lines never reach the buffer. Callers
 * strip trailing whitespace from each line before adding it. */
struct vbuild {
	struct cb_sb sb;
	size_t pending; /* empty lines seen since the last non-empty one */
	int started;    /* a non-empty line has been written */
};

static void vb_line(struct vbuild *vb, const char *s, size_t n)
{
	if (n == 0) {
		if (vb->started)
			vb->pending++;
		return;
	}
	if (vb->started) {
		for (size_t i = 0; i <= vb->pending; i++)
			cb_sb_addc(&vb->sb, '\n');
	}
	vb->started = 1;
	vb->pending = 0;
	cb_sb_add(&vb->sb, s, n);
}

static void vb_reset(struct vbuild *vb)
{
	cb_sb_reset(&vb->sb);
	vb->pending = 0;
	vb->started = 0;
}

/* ---- stanza and document primitives ---- */

static void field_free(struct cb_field *f)
{
	free(f->name);
	free(f->value);
	f->name = f->value = NULL;
}

/* Makes room for one more field; 0 or CB_ENOMEM. */
static int stanza_reserve(struct cb_stanza *s)
{
	if (s->nfields < s->cap)
		return 0;
	size_t cap = s->cap ? s->cap * 2 : 8;
	if (cap > SIZE_MAX / sizeof *s->fields)
		return CB_ENOMEM;
	struct cb_field *nf = realloc(s->fields, cap * sizeof *nf);
	if (!nf)
		return CB_ENOMEM;
	s->fields = nf;
	s->cap = cap;
	return 0;
}

static long stanza_find(const struct cb_stanza *s, const char *name)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (name_eq(s->fields[i].name, name))
			return (long)i;
	return -1;
}

void cb_stanza_free(struct cb_stanza *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nfields; i++)
		field_free(&s->fields[i]);
	free(s->fields);
	memset(s, 0, sizeof *s);
}

void cb_doc_free(struct cb_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nstanzas; i++)
		cb_stanza_free(&doc->stanzas[i]);
	free(doc->stanzas);
	memset(doc, 0, sizeof *doc);
}

struct cb_stanza *cb_doc_add_stanza(struct cb_doc *doc)
{
	if (doc->nstanzas == doc->cap) {
		size_t cap = doc->cap ? doc->cap * 2 : 8;
		if (cap > SIZE_MAX / sizeof *doc->stanzas)
			return NULL;
		struct cb_stanza *ns = realloc(doc->stanzas, cap * sizeof *ns);
		if (!ns)
			return NULL;
		doc->stanzas = ns;
		doc->cap = cap;
	}
	struct cb_stanza *s = &doc->stanzas[doc->nstanzas++];
	memset(s, 0, sizeof *s);
	return s;
}

void cb_doc_remove_stanza(struct cb_doc *doc, size_t i)
{
	if (i >= doc->nstanzas)
		return;
	cb_stanza_free(&doc->stanzas[i]);
	memmove(&doc->stanzas[i], &doc->stanzas[i + 1],
		(doc->nstanzas - i - 1) * sizeof *doc->stanzas);
	doc->nstanzas--;
}

/* ---- field access ---- */

int cb_field_name_valid(const char *name)
{
	if (!name || !is_name_char((unsigned char)name[0], 1))
		return 0;
	size_t i = 1;
	for (; name[i]; i++)
		if (i >= NAME_MAX_LEN || !is_name_char((unsigned char)name[i], 0))
			return 0;
	return 1;
}

const char *cb_stanza_get(const struct cb_stanza *s, const char *name)
{
	if (!s || !name)
		return NULL;
	long i = stanza_find(s, name);
	return i < 0 ? NULL : s->fields[i].value;
}

int cb_stanza_set(struct cb_stanza *s, const char *name, const char *value)
{
	if (!cb_field_name_valid(name)) {
		char shown[SHOW_NAME_MAX + 4];
		show_name(shown, sizeof shown, name ? name : "",
			  name ? strlen(name) : 0);
		return cb_err(CB_EINVALID, _("invalid field name \"%s\""), shown);
	}
	if (!value)
		return cb_err(CB_EINVALID, _("field %s: no value given"), name);
	char *v = cb_value_normalise(value);
	if (!v)
		return cb_err(CB_ENOMEM, _("out of memory"));
	if (cb_value_check(v, strlen(v))) {
		/* Keep the reason from cb_value_check but say which field. */
		char why[256];
		snprintf(why, sizeof why, "%s", cb_err_msg());
		free(v);
		return cb_err(CB_EINVALID, _("field %s: %s"), name, why);
	}
	/* The caller's spelling of the name wins, so setting "Event" over a
	 * hand-typed "event" also corrects its case. */
	char *n = memdup0(name, strlen(name));
	if (!n) {
		free(v);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	long i = stanza_find(s, name);
	if (i >= 0) {
		field_free(&s->fields[i]);
		s->fields[i].name = n;
		s->fields[i].value = v;
		return 0;
	}
	if (stanza_reserve(s)) {
		free(n);
		free(v);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	s->fields[s->nfields].name = n;
	s->fields[s->nfields].value = v;
	s->nfields++;
	return 0;
}

int cb_stanza_remove(struct cb_stanza *s, const char *name)
{
	long i = name ? stanza_find(s, name) : -1;
	if (i < 0)
		return CB_ENOTFOUND;
	field_free(&s->fields[i]);
	memmove(&s->fields[i], &s->fields[i + 1],
		(s->nfields - (size_t)i - 1) * sizeof *s->fields);
	s->nfields--;
	return 0;
}

/* ---- values ---- */

int cb_value_check(const char *value, size_t len)
{
	struct text_fault f;
	switch (scan_text(value, len, 1, &f)) {
	case FAULT_NONE:
		return 0;
	case FAULT_UTF8:
		return cb_err(CB_EINVALID, _("invalid UTF-8 at byte %zu"), f.off);
	case FAULT_NUL:
		return cb_err(CB_EINVALID, _("NUL byte at byte %zu"), f.off);
	case FAULT_CTRL:
		break;
	}
	return cb_err(CB_EINVALID, _("control character U+%04X at byte %zu"),
		      (unsigned)f.cp, f.off);
}

char *cb_value_normalise(const char *value)
{
	struct vbuild vb = { CB_SB_INIT, 0, 0 };
	const char *p = value ? value : "";

	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		vb_line(&vb, p, rstrip_len(p, n));
		if (!nl)
			break;
		p = nl + 1;
	}
	return sb_finish(&vb.sb); /* "" when nothing was written */
}

/* ---- copy and compare ---- */

static int stanza_copy(struct cb_stanza *dst, const struct cb_stanza *src)
{
	memset(dst, 0, sizeof *dst);
	dst->line = src->line;
	if (src->nfields == 0)
		return 0;
	dst->fields = calloc(src->nfields, sizeof *dst->fields);
	if (!dst->fields)
		return CB_ENOMEM;
	dst->cap = src->nfields;
	for (size_t i = 0; i < src->nfields; i++) {
		const struct cb_field *f = &src->fields[i];
		struct cb_field *g = &dst->fields[i];
		g->name = memdup0(f->name, strlen(f->name));
		g->value = memdup0(f->value, strlen(f->value));
		dst->nfields++; /* counted before the check so free sees it */
		if (!g->name || !g->value)
			return CB_ENOMEM;
	}
	return 0;
}

int cb_doc_copy(struct cb_doc *dst, const struct cb_doc *src)
{
	memset(dst, 0, sizeof *dst);
	if (src->nstanzas == 0)
		return 0;
	dst->stanzas = calloc(src->nstanzas, sizeof *dst->stanzas);
	if (!dst->stanzas)
		return cb_err(CB_ENOMEM, _("out of memory"));
	dst->cap = src->nstanzas;
	for (size_t i = 0; i < src->nstanzas; i++) {
		dst->nstanzas++;
		if (stanza_copy(&dst->stanzas[i], &src->stanzas[i])) {
			cb_doc_free(dst);
			return cb_err(CB_ENOMEM, _("out of memory"));
		}
	}
	return 0;
}

/* Next stanza at or after *i that has fields; NULL when none is left. */
static const struct cb_stanza *next_nonempty(const struct cb_doc *d, size_t *i)
{
	while (*i < d->nstanzas && d->stanzas[*i].nfields == 0)
		(*i)++;
	return *i < d->nstanzas ? &d->stanzas[(*i)++] : NULL;
}

/* Empty stanzas have no text form (serialise skips them), so they are
 * skipped here too: a built document then equals its own reparse. The
 * line numbers are where a stanza came from, not what it says, and are
 * not compared. */
int cb_doc_equal(const struct cb_doc *a, const struct cb_doc *b)
{
	size_t i = 0, j = 0;
	for (;;) {
		const struct cb_stanza *x = next_nonempty(a, &i);
		const struct cb_stanza *y = next_nonempty(b, &j);
		if (!x || !y)
			return !x && !y;
		if (x->nfields != y->nfields)
			return 0;
		for (size_t k = 0; k < x->nfields; k++)
			if (strcmp(x->fields[k].name, y->fields[k].name) ||
			    strcmp(x->fields[k].value, y->fields[k].value))
				return 0;
	}
}

/* ---- serialising ---- */

/* One continuation line: a space, then the line with empty and dots-only
 * lines escaped so that they read back as themselves. */
static void put_continuation(struct cb_sb *sb, const char *s, size_t n)
{
	cb_sb_addc(sb, ' ');
	if (n == 0 || all_dots(s, n))
		cb_sb_addc(sb, '.');
	cb_sb_add(sb, s, n);
	cb_sb_addc(sb, '\n');
}

static void put_field(struct cb_sb *sb, const struct cb_field *f)
{
	const char *v = f->value ? f->value : "";
	const char *nl = strchr(v, '\n');
	size_t first = nl ? (size_t)(nl - v) : strlen(v);

	cb_sb_adds(sb, f->name);
	cb_sb_addc(sb, ':');
	if (!*v) {
		cb_sb_addc(sb, '\n');
		return;
	}
	/* The first line goes after the colon unless reading it back would
	 * lose something: its leading whitespace, or the line itself when
	 * empty (only possible for a value not in normal form). */
	if (first > 0 && !is_ws(v[0])) {
		cb_sb_addc(sb, ' ');
		cb_sb_add(sb, v, first);
		cb_sb_addc(sb, '\n');
		if (!nl)
			return;
		v = nl + 1;
	} else {
		cb_sb_addc(sb, '\n');
	}
	for (;;) {
		nl = strchr(v, '\n');
		size_t n = nl ? (size_t)(nl - v) : strlen(v);
		put_continuation(sb, v, n);
		if (!nl)
			break;
		v = nl + 1;
	}
}

char *cb_doc_serialise(const struct cb_doc *doc, size_t *len)
{
	struct cb_sb sb = CB_SB_INIT;
	int first = 1;

	for (size_t i = 0; i < doc->nstanzas; i++) {
		const struct cb_stanza *s = &doc->stanzas[i];
		if (s->nfields == 0)
			continue;
		if (!first)
			cb_sb_addc(&sb, '\n');
		first = 0;
		for (size_t k = 0; k < s->nfields; k++)
			put_field(&sb, &s->fields[k]);
	}
	size_t n = sb.len;
	char *out = sb_finish(&sb);
	if (len)
		*len = out ? n : 0;
	return out;
}

/* ---- parsing ---- */

/* Open-addressing set of the field names of the stanza being parsed,
 * holding indexes into its fields. A slot is live only when its stamp
 * equals the current generation, so starting a new stanza costs O(1)
 * however large an earlier stanza made the table. */
struct name_set {
	size_t *idx;
	uint32_t *stamp;
	size_t cap, count;
	uint32_t gen;
};

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a over the case-folded name */
	for (; *s; s++) {
		h ^= ascii_lower((unsigned char)*s);
		h *= 16777619u;
	}
	return h;
}

static void ns_clear(struct name_set *ns)
{
	ns->count = 0;
	if (++ns->gen == 0) {
		if (ns->stamp)
			memset(ns->stamp, 0, ns->cap * sizeof *ns->stamp);
		ns->gen = 1;
	}
}

static void ns_free(struct name_set *ns)
{
	free(ns->idx);
	free(ns->stamp);
	memset(ns, 0, sizeof *ns);
}

static void ns_place(struct name_set *ns, const struct cb_field *fields,
		     size_t i)
{
	size_t mask = ns->cap - 1;
	size_t h = name_hash(fields[i].name) & mask;
	while (ns->stamp[h] == ns->gen)
		h = (h + 1) & mask;
	ns->stamp[h] = ns->gen;
	ns->idx[h] = i;
}

/* Rebuilds the table at twice the size from the stanza's fields. */
static int ns_grow(struct name_set *ns, const struct cb_stanza *s)
{
	size_t cap = ns->cap ? ns->cap * 2 : 32;
	if (cap > SIZE_MAX / sizeof(size_t))
		return CB_ENOMEM;
	size_t *idx = malloc(cap * sizeof *idx);
	uint32_t *stamp = calloc(cap, sizeof *stamp);
	if (!idx || !stamp) {
		free(idx);
		free(stamp);
		return CB_ENOMEM;
	}
	free(ns->idx);
	free(ns->stamp);
	ns->idx = idx;
	ns->stamp = stamp;
	ns->cap = cap;
	ns->gen = 1;
	for (size_t i = 0; i < s->nfields; i++)
		ns_place(ns, s->fields, i);
	return 0;
}

/* 1 if s already has a field called name (any case). */
static int ns_contains(const struct name_set *ns, const struct cb_stanza *s,
		       const char *name)
{
	if (ns->count == 0)
		return 0;
	size_t mask = ns->cap - 1;
	for (size_t h = name_hash(name) & mask; ns->stamp[h] == ns->gen;
	     h = (h + 1) & mask)
		if (name_eq(s->fields[ns->idx[h]].name, name))
			return 1;
	return 0;
}

/* Records that s->fields[i] now exists (all earlier fields are in). */
static int ns_add(struct name_set *ns, const struct cb_stanza *s, size_t i)
{
	if ((ns->count + 1) * 2 > ns->cap) {
		if (ns_grow(ns, s))
			return CB_ENOMEM;
	} else {
		ns_place(ns, s->fields, i);
	}
	ns->count++;
	return 0;
}

struct parser {
	const char *p, *end; /* what is left of the input */
	size_t lineno;       /* number of the line just read */
	struct cb_doc *doc;
	struct cb_stanza *cur; /* stanza being filled; NULL between stanzas */
	char *name;            /* field whose value is being read, if any */
	struct vbuild val;
	struct name_set names;
	struct cb_parse_error *err;
};

static int fail(struct parser *ps, int code, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(struct parser *ps, int code, size_t line, const char *fmt, ...)
{
	va_list ap;
	ps->err->line = line;
	va_start(ap, fmt);
	vsnprintf(ps->err->msg, sizeof ps->err->msg, fmt, ap);
	va_end(ap);
	return cb_err(code, "%s", ps->err->msg);
}

static int nomem(struct parser *ps)
{
	return fail(ps, CB_ENOMEM, 0, "%s", _("out of memory"));
}

/* Reads the next line into s and n without its line ending. Returns 0 at the
 * end of input. A CR is only a line ending when an LF follows it. */
static int next_line(struct parser *ps, const char **s, size_t *n)
{
	if (ps->p >= ps->end)
		return 0;
	const char *nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));
	const char *stop = nl ? nl : ps->end;
	*s = ps->p;
	*n = (size_t)(stop - ps->p);
	if (nl && *n > 0 && stop[-1] == '\r')
		(*n)--;
	ps->p = nl ? nl + 1 : ps->end;
	ps->lineno++;
	return 1;
}

static int check_line(struct parser *ps, const char *s, size_t n)
{
	struct text_fault f;
	switch (scan_text(s, n, 0, &f)) {
	case FAULT_NONE:
		return 0;
	case FAULT_UTF8:
		return fail(ps, CB_EINVALID, ps->lineno,
			    _("line %zu: invalid UTF-8"), ps->lineno);
	case FAULT_NUL:
		return fail(ps, CB_EINVALID, ps->lineno,
			    _("line %zu: NUL byte"), ps->lineno);
	case FAULT_CTRL:
		break;
	}
	if (f.cp == '\r')
		return fail(ps, CB_EINVALID, ps->lineno,
			    _("line %zu: carriage return not followed by a line feed"),
			    ps->lineno);
	return fail(ps, CB_EINVALID, ps->lineno,
		    _("line %zu: control character U+%04X"), ps->lineno,
		    (unsigned)f.cp);
}

/* Moves the field being read, if any, into the current stanza. */
static int finish_field(struct parser *ps)
{
	if (!ps->name)
		return 0;
	struct cb_stanza *st = ps->cur;
	char *v = memdup0(ps->val.sb.buf ? ps->val.sb.buf : "", ps->val.sb.len);
	if (!v || cb_sb_failed(&ps->val.sb) || stanza_reserve(st)) {
		free(v);
		return nomem(ps);
	}
	st->fields[st->nfields].name = ps->name;
	st->fields[st->nfields].value = v;
	ps->name = NULL;
	st->nfields++;
	vb_reset(&ps->val);
	if (ns_add(&ps->names, st, st->nfields - 1))
		return nomem(ps);
	return 0;
}

static int continuation(struct parser *ps, const char *s, size_t n)
{
	if (!ps->name)
		return fail(ps, CB_EINVALID, ps->lineno,
			    _("line %zu: continuation line before any field"),
			    ps->lineno);
	/* Drop the one marker character; everything after it is content. */
	s++;
	n = rstrip_len(s, n - 1);
	if (all_dots(s, n))
		n--; /* " ." is an empty line, " .." is ".", and so on */
	vb_line(&ps->val, s, n);
	return 0;
}

static int check_name(struct parser *ps, const char *s, size_t n)
{
	char shown[SHOW_NAME_MAX + 4];

	if (n == 0)
		return fail(ps, CB_EINVALID, ps->lineno,
			    _("line %zu: field name missing before ':'"),
			    ps->lineno);
	if (n > NAME_MAX_LEN) {
		show_name(shown, sizeof shown, s, n);
		return fail(ps, CB_EINVALID, ps->lineno,
			    _("line %zu: field name \"%s\" is longer than %d characters"),
			    ps->lineno, shown, NAME_MAX_LEN);
	}
	for (size_t i = 0; i < n; i++) {
		if (is_name_char((unsigned char)s[i], i == 0))
			continue;
		show_name(shown, sizeof shown, s, n);
		return fail(ps, CB_EINVALID, ps->lineno,
			    i == 0 ? _("line %zu: field name \"%s\" must start with a letter or digit")
				   : _("line %zu: field name \"%s\" may only contain letters, digits, '-' and '_'"),
			    ps->lineno, shown);
	}
	return 0;
}

static int field_line(struct parser *ps, const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	if (!colon)
		return fail(ps, CB_EINVALID, ps->lineno,
			    _("line %zu: expected \"Field: value\""), ps->lineno);
	size_t nlen = (size_t)(colon - s);
	int rc = finish_field(ps);
	if (!rc)
		rc = check_name(ps, s, nlen);
	if (rc)
		return rc;
	char *name = memdup0(s, nlen);
	if (!name)
		return nomem(ps);
	if (!ps->cur) {
		ps->cur = cb_doc_add_stanza(ps->doc);
		if (!ps->cur) {
			free(name);
			return nomem(ps);
		}
		ps->cur->line = ps->lineno;
		ns_clear(&ps->names);
	} else if (ns_contains(&ps->names, ps->cur, name)) {
		fail(ps, CB_EINVALID, ps->lineno,
		     _("line %zu: field %s appears twice"), ps->lineno, name);
		free(name);
		return CB_EINVALID;
	}
	ps->name = name;
	/* First-line value: all leading and trailing whitespace goes. */
	const char *v = colon + 1, *vend = s + n;
	while (v < vend && is_ws(*v))
		v++;
	vb_line(&ps->val, v, rstrip_len(v, (size_t)(vend - v)));
	return 0;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_ws(s[i]))
			return 0;
	return 1;
}

static int parse_line(struct parser *ps, const char *s, size_t n)
{
	int rc = check_line(ps, s, n);
	if (rc)
		return rc;
	if (blank(s, n)) {
		rc = finish_field(ps);
		ps->cur = NULL;
		return rc;
	}
	if (s[0] == '#')
		return 0; /* a comment does not end the stanza or the value */
	if (is_ws(s[0]))
		return continuation(ps, s, n);
	return field_line(ps, s, n);
}

int cb_doc_parse(struct cb_doc *out, const char *buf, size_t len,
		 struct cb_parse_error *err)
{
	struct cb_parse_error local;
	struct parser ps;
	const char *s;
	size_t n;
	int rc = 0;

	memset(out, 0, sizeof *out);
	memset(&ps, 0, sizeof ps);
	ps.err = err ? err : &local;
	ps.err->line = 0;
	ps.err->msg[0] = '\0';
	ps.p = buf ? buf : "";
	ps.end = ps.p + (buf ? len : 0);
	ps.doc = out;
	/* A byte order mark some editors put at the start says nothing. */
	if (ps.end - ps.p >= 3 && memcmp(ps.p, "\xEF\xBB\xBF", 3) == 0)
		ps.p += 3;

	while (!rc && next_line(&ps, &s, &n))
		rc = parse_line(&ps, s, n);
	if (!rc)
		rc = finish_field(&ps);

	free(ps.name);
	cb_sb_free(&ps.val.sb);
	ns_free(&ps.names);
	if (rc)
		cb_doc_free(out);
	return rc;
}
