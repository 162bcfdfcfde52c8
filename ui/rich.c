/* rich.c - styled, word-wrapped text for the diff and blame screens; see
 * rich.h. */
#include "rich.h"
#include "sanitize.h"

#include <stdlib.h>
#include <string.h>

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 64;
	void *nv = realloc(*v, c * size);
	if (!nv)
		return -1;
	*v = nv;
	*cap = c;
	return 0;
}

void rich_line(struct rich *r, int indent, int anchor)
{
	if (grow((void **)&r->l, &r->capl, r->nl, sizeof *r->l)) {
		r->failed = 1;
		return;
	}
	r->l[r->nl].first = r->np;
	r->l[r->nl].n = 0;
	r->l[r->nl].indent = indent;
	r->l[r->nl].anchor = anchor;
	r->nl++;
	r->width = 0; /* the layout is stale */
}

static void add_piece(struct rich *r, enum theme_item th, attr_t extra, const char *raw,
		      size_t len)
{
	if (!r->nl)
		rich_line(r, 0, 0);
	if (r->failed || grow((void **)&r->p, &r->capp, r->np, sizeof *r->p)) {
		r->failed = 1;
		return;
	}
	char *copy = strndup(raw, len);
	char *safe = copy ? cb_sanitize(copy, CB_SAN_ONELINE) : NULL;
	free(copy);
	if (!safe) {
		r->failed = 1;
		return;
	}
	r->p[r->np].text = safe;
	r->p[r->np].th = th;
	r->p[r->np].extra = extra;
	r->np++;
	r->l[r->nl - 1].n++;
	r->width = 0;
}

void rich_add(struct rich *r, enum theme_item th, attr_t extra, const char *raw, size_t len)
{
	if (!raw)
		return;
	if (len == (size_t)-1)
		len = strlen(raw);
	for (;;) {
		const char *nl = memchr(raw, '\n', len);
		size_t k = nl ? (size_t)(nl - raw) : len;
		if (k)
			add_piece(r, th, extra, raw, k);
		if (!nl)
			return;
		rich_line(r, r->nl ? r->l[r->nl - 1].indent : 0, 0);
		raw = nl + 1;
		len -= k + 1;
	}
}

static size_t one_char(const char *s, size_t n, int *w);

/* Display width of n bytes of safe text. */
static int width_of(const char *s, size_t n)
{
	int w = 0;
	size_t i = 0;
	while (i < n) {
		int cw;
		i += one_char(s + i, n - i, &cw);
		w += cw;
	}
	return w;
}

/* The bytes of the character at s, and its display width. */
static size_t one_char(const char *s, size_t n, int *w)
{
	uint32_t cp;
	size_t len = cb_utf8_decode(s, n, &cp);
	*w = 1;
	if (len == 0)
		return 1;
	int cw = wcwidth((wchar_t)cp);
	if (cw >= 0)
		*w = cw;
	return len;
}

static void add_seg(struct rich *r, size_t piece, size_t off, size_t len, int x)
{
	if (grow((void **)&r->s, &r->caps, r->ns, sizeof *r->s)) {
		r->failed = 1;
		return;
	}
	r->s[r->ns++] = (struct rich_seg){ piece, off, len, x };
	r->r[r->nr - 1].n++;
}

static void new_row(struct rich *r, size_t line)
{
	if (grow((void **)&r->r, &r->capr, r->nr, sizeof *r->r)) {
		r->failed = 1;
		return;
	}
	r->r[r->nr++] = (struct rich_row){ r->ns, 0, line };
}

void rich_layout(struct rich *r, int width)
{
	if (width < 10)
		width = 10;
	if (r->width == width)
		return;
	r->width = width;
	r->ns = r->nr = 0;
	for (size_t li = 0; li < r->nl && !r->failed; li++) {
		const struct rich_line *L = &r->l[li];
		int indent = L->indent < width / 2 ? L->indent : width / 2;
		int col = indent;
		new_row(r, li);
		for (size_t pi = L->first; pi < L->first + L->n && !r->failed; pi++) {
			const char *t = r->p[pi].text;
			size_t n = strlen(t), i = 0;
			while (i < n && !r->failed) {
				/* A word and the spaces after it. */
				size_t e = i;
				while (e < n && t[e] != ' ')
					e++;
				size_t word = e - i;
				while (e < n && t[e] == ' ')
					e++;
				int ww = width_of(t + i, word);
				if (col + ww > width && col > indent) {
					new_row(r, li);
					col = indent;
				}
				if (col + ww > width) {
					/* Longer than a row: cut by characters. */
					size_t k = i;
					while (k < i + word && !r->failed) {
						int cw;
						size_t len = one_char(t + k, n - k, &cw);
						if (col + cw > width && col > indent) {
							new_row(r, li);
							col = indent;
						}
						add_seg(r, pi, k, len, col);
						col += cw;
						k += len;
					}
					i = k;
					continue;
				}
				if (word) {
					add_seg(r, pi, i, word, col);
					col += ww;
				}
				/* Spaces that would pass the end of the row are
				 * dropped: the next word starts the next row. */
				size_t sp = e - (i + word);
				if (sp && col + (int)sp <= width) {
					add_seg(r, pi, i + word, sp, col);
					col += (int)sp;
				}
				i = e;
			}
		}
	}
}

size_t rich_row_of_line(const struct rich *r, size_t l)
{
	for (size_t i = 0; i < r->nr; i++)
		if (r->r[i].line >= l)
			return i;
	return r->nr ? r->nr - 1 : 0;
}

void rich_draw_row(const struct rich *r, size_t i, int y, int x)
{
	if (i >= r->nr)
		return;
	const struct rich_row *row = &r->r[i];
	for (size_t k = row->first; k < row->first + row->n; k++) {
		const struct rich_seg *s = &r->s[k];
		const struct rich_piece *p = &r->p[s->piece];
		char buf[1024];
		size_t len = s->len < sizeof buf - 1 ? s->len : sizeof buf - 1;
		memcpy(buf, p->text + s->off, len);
		buf[len] = '\0';
		attr_set(theme_attr(p->th) | p->extra, (short)theme_pair(p->th), NULL);
		draw_text(y, x + s->x, width_of(buf, len), buf);
	}
	theme_set(TH_NORMAL);
}

void rich_free(struct rich *r)
{
	for (size_t i = 0; i < r->np; i++)
		free(r->p[i].text);
	free(r->p);
	free(r->l);
	free(r->s);
	free(r->r);
	memset(r, 0, sizeof *r);
}
