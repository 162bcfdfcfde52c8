/* lineedit.c - an editable line of text; see lineedit.h. */
#include "ui.h"
#include "lineedit.h"
#include "sanitize.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#define CTRL(c) ((c) & 0x1f)

static int grow(struct lineedit *le, size_t need)
{
	if (need <= le->cap)
		return 0;
	size_t cap = le->cap ? le->cap : 32;
	while (cap < need)
		cap *= 2;
	wchar_t *nb = realloc(le->buf, cap * sizeof *nb);
	if (!nb)
		return -1;
	le->buf = nb;
	le->cap = cap;
	return 0;
}

int le_set(struct lineedit *le, const char *utf8)
{
	size_t n = strlen(utf8 ? utf8 : ""), i = 0;
	le->len = le->cur = 0;
	le->scroll = 0;
	if (grow(le, n + 1))
		return -1;
	while (i < n) {
		uint32_t cp;
		size_t len = cb_utf8_decode(utf8 + i, n - i, &cp);
		if (len == 0) {
			cp = 0xfffd;
			len = 1;
		}
		le->buf[le->len++] = (wchar_t)cp;
		i += len;
	}
	le->cur = le->len;
	return 0;
}

static void put_utf8(char *out, size_t *o, uint32_t cp)
{
	if (cp < 0x80) {
		out[(*o)++] = (char)cp;
	} else if (cp < 0x800) {
		out[(*o)++] = (char)(0xc0 | (cp >> 6));
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		out[(*o)++] = (char)(0xe0 | (cp >> 12));
		out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		out[(*o)++] = (char)(0xf0 | (cp >> 18));
		out[(*o)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	}
}

char *le_get(const struct lineedit *le)
{
	char *out = malloc(le->len * 4 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < le->len; i++) {
		uint32_t cp = (uint32_t)le->buf[i];
		if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			cp = 0xfffd;
		put_utf8(out, &o, cp);
	}
	out[o] = '\0';
	return out;
}

int le_insert(struct lineedit *le, wchar_t wc)
{
	if (grow(le, le->len + 2))
		return -1;
	memmove(le->buf + le->cur + 1, le->buf + le->cur,
		(le->len - le->cur) * sizeof *le->buf);
	le->buf[le->cur++] = wc;
	le->len++;
	return 0;
}

static void delete_range(struct lineedit *le, size_t from, size_t to)
{
	memmove(le->buf + from, le->buf + to, (le->len - to) * sizeof *le->buf);
	le->len -= to - from;
	le->cur = from;
}

int le_key(struct lineedit *le, const struct key *k)
{
	if (!k->fn) {
		unsigned c = k->code;
		if (c == CTRL('a')) {
			le->cur = 0;
			return 1;
		}
		if (c == CTRL('k')) {
			if (le->cur == le->len)
				return 1;
			le->len = le->cur;
			return 2;
		}
		if (c == CTRL('w')) {
			size_t i = le->cur;
			while (i > 0 && le->buf[i - 1] == L' ')
				i--;
			while (i > 0 && le->buf[i - 1] != L' ')
				i--;
			if (i == le->cur)
				return 1;
			delete_range(le, i, le->cur);
			return 2;
		}
		if (c == 127 || c == 8) {
			if (le->cur == 0)
				return 1;
			delete_range(le, le->cur - 1, le->cur);
			return 2;
		}
		if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0) && iswprint((wint_t)c)) {
			return le_insert(le, (wchar_t)c) ? 1 : 2;
		}
		return 0;
	}
	switch (k->code) {
	case KEY_LEFT:
		if (le->cur > 0)
			le->cur--;
		return 1;
	case KEY_RIGHT:
		if (le->cur < le->len)
			le->cur++;
		return 1;
	case KEY_HOME:
		le->cur = 0;
		return 1;
	case KEY_END:
		le->cur = le->len;
		return 1;
	case KEY_BACKSPACE:
		if (le->cur == 0)
			return 1;
		delete_range(le, le->cur - 1, le->cur);
		return 2;
	case KEY_DC:
		if (le->cur == le->len)
			return 1;
		delete_range(le, le->cur, le->cur + 1);
		return 2;
	default:
		return 0;
	}
}

/* How one character is shown: the text to draw (UTF-8) and its width. */
int le_shown(wchar_t wc, char out[16])
{
	char esc[12];
	if (wc == L'\n') {
		snprintf(out, 16, "%s", glyph(GL_NEWLINE));
		return text_width(out);
	}
	if (wc == L'\t') {
		snprintf(out, 16, "%s", glyph(GL_TAB));
		return text_width(out);
	}
	if (cb_sanitize_cp((uint32_t)wc, esc)) {
		snprintf(out, 16, "%s", esc);
		return (int)strlen(esc);
	}
	int w = wcwidth(wc);
	if (w < 0) {
		snprintf(out, 16, "?");
		return 1;
	}
	size_t o = 0;
	put_utf8(out, &o, (uint32_t)wc);
	out[o] = '\0';
	return w;
}

void le_draw(struct lineedit *le, int y, int x, int width, int *cursor_x)
{
	char piece[16];
	int col = 0, cur_col = 0;
	for (size_t i = 0; i < le->len; i++) {
		if (i == le->cur)
			cur_col = col;
		col += le_shown(le->buf[i], piece);
	}
	if (le->cur >= le->len)
		cur_col = col;
	/* Keep the cursor inside the window, with a little context. */
	if (width < 2)
		width = 2;
	if (cur_col < le->scroll)
		le->scroll = cur_col > 4 ? cur_col - 4 : 0;
	if (cur_col >= le->scroll + width)
		le->scroll = cur_col - width + 1;
	if (le->scroll < 0)
		le->scroll = 0;
	draw_clear_to(y, x, width);
	col = 0;
	for (size_t i = 0; i < le->len; i++) {
		int w = le_shown(le->buf[i], piece);
		if (col >= le->scroll && col + w <= le->scroll + width)
			mvaddstr(y, x + col - le->scroll, piece);
		col += w;
		if (col >= le->scroll + width)
			break;
	}
	if (cursor_x)
		*cursor_x = x + cur_col - le->scroll;
}

void le_free(struct lineedit *le)
{
	free(le->buf);
	memset(le, 0, sizeof *le);
}
