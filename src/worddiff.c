/* worddiff.c - word-level diff by longest common subsequence; see
 * worddiff.h. */
#include "worddiff.h"
#include "err.h"
#include "i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Above this many token pairs the table would cost tens of megabytes:
 * narrative fields are paragraphs, so this only trips on pasted documents,
 * which are then shown as replaced whole. */
#define MAX_CELLS ((size_t)4 * 1000 * 1000)

enum tclass { T_WORD, T_SPACE, T_PUNCT };

struct tok {
	size_t off, len;
	uint32_t hash;
	enum tclass cls;
};

/* Decodes one UTF-8 sequence at p (n bytes left). Invalid bytes come back
 * as themselves with length 1, so any input can be cut into tokens. */
static uint32_t decode(const unsigned char *p, size_t n, size_t *len)
{
	unsigned c = p[0];
	size_t k = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
		 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (k == 0 || k > n) {
		*len = 1;
		return c;
	}
	uint32_t cp = k == 1 ? c : k == 2 ? c & 0x1f : k == 3 ? c & 0x0f : c & 0x07;
	for (size_t i = 1; i < k; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*len = 1;
			return c;
		}
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	*len = k;
	return cp;
}

static enum tclass classify(uint32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xa0 ||
	    (cp >= 0x2000 && cp <= 0x200b) || cp == 0x3000)
		return T_SPACE;
	if (cp < 0x80)
		return ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
			(cp >= 'A' && cp <= 'Z') || cp == '_') ? T_WORD : T_PUNCT;
	/* Latin-1 punctuation and symbols, general punctuation (dashes,
	 * curly quotes, ellipsis), CJK punctuation: marks, not letters. */
	if ((cp >= 0xa1 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 ||
	    (cp >= 0x2010 && cp <= 0x206f) || (cp >= 0x3001 && cp <= 0x303f) ||
	    (cp >= 0xff01 && cp <= 0xff0f))
		return T_PUNCT;
	return T_WORD;
}

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static int tokenise(const char *s, struct tok **out, size_t *nout)
{
	size_t n = s ? strlen(s) : 0, cap = 16, nt = 0;
	struct tok *v = malloc(cap * sizeof *v);
	if (!v)
		return CB_ENOMEM;
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t len;
		enum tclass cls = classify(decode(p + i, n - i, &len));
		size_t start = i;
		i += len;
		if (cls != T_PUNCT) {
			while (i < n) {
				size_t l2;
				if (classify(decode(p + i, n - i, &l2)) != cls)
					break;
				i += l2;
			}
		}
		if (nt == cap) {
			cap *= 2;
			struct tok *nv = realloc(v, cap * sizeof *v);
			if (!nv) {
				free(v);
				return CB_ENOMEM;
			}
			v = nv;
		}
		v[nt].off = start;
		v[nt].len = i - start;
		v[nt].hash = hash(s + start, i - start);
		v[nt].cls = cls;
		nt++;
	}
	*out = v;
	*nout = nt;
	return 0;
}

static int tok_eq(const char *a, const struct tok *x, const char *b, const struct tok *y)
{
	return x->hash == y->hash && x->len == y->len &&
	       memcmp(a + x->off, b + y->off, x->len) == 0;
}

enum opkind { OP_SAME, OP_DEL, OP_INS, OP_BOTH };

struct op {
	enum opkind kind;
	size_t oi, ni; /* token indexes; oi for SAME/DEL/BOTH, ni for SAME/INS/BOTH */
};

struct ctx {
	const char *a, *b;
	struct tok *ta, *tb;
	size_t na, nb;
	struct op *ops;
	size_t nops;
};

static void push(struct ctx *c, enum opkind k, size_t oi, size_t ni)
{
	c->ops[c->nops].kind = k;
	c->ops[c->nops].oi = oi;
	c->ops[c->nops].ni = ni;
	c->nops++;
}

/* The middle part (after common ends are dropped): a suffix-LCS table,
 * then a forward walk that prefers deleting, so a changed stretch reads
 * as the old words followed by the new ones. */
static int lcs(struct ctx *c, size_t a0, size_t a1, size_t b0, size_t b1)
{
	size_t n = a1 - a0, m = b1 - b0;
	if (n == 0 || m == 0 || (n + 1) > MAX_CELLS / (m + 1)) {
		for (size_t i = a0; i < a1; i++)
			push(c, OP_DEL, i, 0);
		for (size_t j = b0; j < b1; j++)
			push(c, OP_INS, 0, j);
		return 0;
	}
	size_t w = m + 1;
	uint16_t *L = calloc((n + 1) * w, sizeof *L);
	if (!L)
		return CB_ENOMEM;
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;) {
			if (tok_eq(c->a, &c->ta[a0 + i], c->b, &c->tb[b0 + j]))
				L[i * w + j] = (uint16_t)(L[(i + 1) * w + j + 1] + 1);
			else {
				uint16_t d = L[(i + 1) * w + j], r = L[i * w + j + 1];
				L[i * w + j] = d >= r ? d : r;
			}
		}
	size_t i = 0, j = 0;
	while (i < n && j < m) {
		if (tok_eq(c->a, &c->ta[a0 + i], c->b, &c->tb[b0 + j])) {
			push(c, OP_SAME, a0 + i, b0 + j);
			i++;
			j++;
		} else if (L[(i + 1) * w + j] >= L[i * w + j + 1]) {
			push(c, OP_DEL, a0 + i++, 0);
		} else {
			push(c, OP_INS, 0, b0 + j++);
		}
	}
	for (; i < n; i++)
		push(c, OP_DEL, a0 + i, 0);
	for (; j < m; j++)
		push(c, OP_INS, 0, b0 + j);
	free(L);
	return 0;
}

static int add_run(struct cb_wd *out, size_t *cap, enum cb_wd_kind k,
		   const char *text, size_t len)
{
	if (len == 0)
		return 0;
	if (out->n && out->runs[out->n - 1].kind == k &&
	    out->runs[out->n - 1].text + out->runs[out->n - 1].len == text) {
		out->runs[out->n - 1].len += len;
		return 0;
	}
	if (out->n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		struct cb_wd_run *v = realloc(out->runs, *cap * sizeof *v);
		if (!v)
			return CB_ENOMEM;
		out->runs = v;
	}
	out->runs[out->n].kind = k;
	out->runs[out->n].text = text;
	out->runs[out->n].len = len;
	out->n++;
	return 0;
}

/* A stretch only inserted (or only deleted) can sit at several places
 * when its first token repeats just after it ("the| house| move" or "the
 * |house |move"). Sliding it as far on as it goes puts it at the start
 * of a word, where a reader expects it. */
static void slide(struct ctx *c)
{
	for (size_t k = 0; k < c->nops; k++) {
		enum opkind kind = c->ops[k].kind;
		if (kind != OP_INS && kind != OP_DEL)
			continue;
		size_t e = k;
		while (e + 1 < c->nops && c->ops[e + 1].kind == kind)
			e++;
		/* ops[k..e] is the stretch; ops[e + 1] the same token after it. */
		while (e + 1 < c->nops && c->ops[e + 1].kind == OP_SAME) {
			struct op *first = &c->ops[k], *next = &c->ops[e + 1];
			int ins = kind == OP_INS;
			const struct tok *ft = ins ? &c->tb[first->ni] : &c->ta[first->oi];
			const struct tok *nt = ins ? &c->tb[next->ni] : &c->ta[next->oi];
			const char *txt = ins ? c->b : c->a;
			if (!tok_eq(txt, ft, txt, nt))
				break;
			struct op same = *next, moved = *first;
			/* The same token now pairs with the stretch's first token;
			 * the stretch takes in the token after it. */
			if (ins) {
				same.ni = first->ni;
				moved.ni = next->ni;
			} else {
				same.oi = first->oi;
				moved.oi = next->oi;
			}
			memmove(&c->ops[k + 1], &c->ops[k], (e - k + 1) * sizeof *c->ops);
			c->ops[k] = same;
			/* the stretch is now ops[k+1..e+1], in token order */
			memmove(&c->ops[k + 1], &c->ops[k + 2], (e - k) * sizeof *c->ops);
			c->ops[e + 1] = moved;
			k++;
			e++;
		}
		k = e;
	}
}

/* White space alone between two changes joins them: "[-a b-]{+c d+}"
 * reads better than "[-a-]{+c+} [-b-]{+d+}". */
static void fold_spaces(struct ctx *c)
{
	for (size_t k = 1; k + 1 < c->nops; k++) {
		struct op *o = &c->ops[k];
		if (o->kind == OP_SAME && c->ta[o->oi].cls == T_SPACE &&
		    c->ops[k - 1].kind != OP_SAME && c->ops[k + 1].kind != OP_SAME)
			o->kind = OP_BOTH;
	}
}

static int build_runs(struct ctx *c, struct cb_wd *out)
{
	size_t cap = 0;
	size_t k = 0;
	while (k < c->nops) {
		if (c->ops[k].kind == OP_SAME) {
			const struct tok *t = &c->ta[c->ops[k].oi];
			if (add_run(out, &cap, CB_WD_SAME, c->a + t->off, t->len))
				return CB_ENOMEM;
			k++;
			continue;
		}
		/* A changed stretch covers consecutive tokens of each text. */
		size_t o0 = SIZE_MAX, o1 = 0, n0 = SIZE_MAX, n1 = 0;
		for (; k < c->nops && c->ops[k].kind != OP_SAME; k++) {
			const struct op *o = &c->ops[k];
			if (o->kind != OP_INS) {
				if (o0 == SIZE_MAX)
					o0 = c->ta[o->oi].off;
				o1 = c->ta[o->oi].off + c->ta[o->oi].len;
			}
			if (o->kind != OP_DEL) {
				if (n0 == SIZE_MAX)
					n0 = c->tb[o->ni].off;
				n1 = c->tb[o->ni].off + c->tb[o->ni].len;
			}
		}
		if (o0 != SIZE_MAX && add_run(out, &cap, CB_WD_DELETED, c->a + o0, o1 - o0))
			return CB_ENOMEM;
		if (n0 != SIZE_MAX && add_run(out, &cap, CB_WD_INSERTED, c->b + n0, n1 - n0))
			return CB_ENOMEM;
	}
	return 0;
}

int cb_worddiff(const char *old, const char *new_, struct cb_wd *out)
{
	struct ctx c = { .a = old ? old : "", .b = new_ ? new_ : "" };
	int rc;
	out->runs = NULL;
	out->n = 0;
	if ((rc = tokenise(c.a, &c.ta, &c.na)))
		goto nomem;
	if ((rc = tokenise(c.b, &c.tb, &c.nb)))
		goto nomem;
	c.ops = malloc((c.na + c.nb + 1) * sizeof *c.ops);
	if (!c.ops)
		goto nomem;
	size_t pre = 0;
	while (pre < c.na && pre < c.nb && tok_eq(c.a, &c.ta[pre], c.b, &c.tb[pre]))
		pre++;
	size_t suf = 0;
	while (suf < c.na - pre && suf < c.nb - pre &&
	       tok_eq(c.a, &c.ta[c.na - 1 - suf], c.b, &c.tb[c.nb - 1 - suf]))
		suf++;
	for (size_t i = 0; i < pre; i++)
		push(&c, OP_SAME, i, i);
	if ((rc = lcs(&c, pre, c.na - suf, pre, c.nb - suf)))
		goto nomem;
	for (size_t i = 0; i < suf; i++)
		push(&c, OP_SAME, c.na - suf + i, c.nb - suf + i);
	slide(&c);
	fold_spaces(&c);
	if ((rc = build_runs(&c, out)))
		goto nomem;
	free(c.ta);
	free(c.tb);
	free(c.ops);
	return 0;
nomem:
	free(c.ta);
	free(c.tb);
	free(c.ops);
	cb_wd_free(out);
	return cb_err(CB_ENOMEM, _("out of memory"));
}

void cb_wd_free(struct cb_wd *wd)
{
	free(wd->runs);
	wd->runs = NULL;
	wd->n = 0;
}
