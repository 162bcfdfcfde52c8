/* genogram_text.c - untrusted text cut into printable glyphs measured in
 * terminal columns, for the boxes and the legend of the grid. */
#include "genogram_model.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

/* Bidirectional controls reorder what the terminal shows; a name must not
 * be able to do that to the lines around it. */
static int is_bidi_control(wchar_t wc)
{
	return wc == 0x061c || wc == 0x200e || wc == 0x200f ||
	       (wc >= 0x202a && wc <= 0x202e) || (wc >= 0x2066 && wc <= 0x2069);
}

/* Reads one character at s[*pos]: returns its width (-1 for something to
 * show as '?', 0 for a mark that joins the character before it, -2 at the
 * end) and its bytes in buf. Decoding goes through the locale (mbrtowc),
 * so widths agree with what the terminal will do. */
static int read_char(const char *s, size_t *pos, mbstate_t *ps, int ascii,
		     char *buf, size_t *blen)
{
	const char *p = s + *pos;
	if (!*p)
		return -2;
	if ((unsigned char)*p < 0x80) {
		*pos += 1;
		buf[0] = *p;
		*blen = 1;
		return *p >= 0x20 && *p < 0x7f ? 1 : -1;
	}
	wchar_t wc;
	size_t n = mbrtowc(&wc, p, strnlen(p, MB_LEN_MAX), ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		memset(ps, 0, sizeof *ps);
		*pos += 1;
		return -1;
	}
	*pos += n;
	int w = wcwidth(wc);
	if (is_bidi_control(wc) || iswcntrl((wint_t)wc) || w < 0)
		return -1;
	if (ascii)
		return w == 0 ? 0 : -1;
	if (n >= CB_GENO_CELL_BYTES)
		return -1;
	memcpy(buf, p, n);
	*blen = n;
	return w;
}

/* The next glyph of s: a printable character with its combining marks,
 * or '?' for anything else. Returns 0 at the end. */
int geno_next_glyph(const char *s, size_t *pos, mbstate_t *ps, int ascii,
		      struct glyph *g)
{
	char buf[MB_LEN_MAX + 1];
	size_t blen = 0;
	int w;
	do {
		w = read_char(s, pos, ps, ascii, buf, &blen);
	} while (w == 0); /* a mark with nothing to join: dropped */
	if (w == -2)
		return 0;
	if (w < 0) {
		strcpy(g->b, "?");
		g->w = 1;
	} else {
		memcpy(g->b, buf, blen);
		g->b[blen] = '\0';
		g->w = w;
	}
	/* Combining marks that follow, as long as they fit the cell. */
	for (;;) {
		size_t save = *pos;
		mbstate_t st = *ps;
		int mw = read_char(s, pos, ps, ascii, buf, &blen);
		if (mw != 0) {
			*pos = save;
			*ps = st;
			break;
		}
		if (ascii || w < 0)
			continue;
		size_t have = strlen(g->b);
		if (have + blen < CB_GENO_CELL_BYTES) {
			memcpy(g->b + have, buf, blen);
			g->b[have + blen] = '\0';
		}
	}
	return 1;
}

int geno_text_width(const char *s, int ascii)
{
	size_t pos = 0;
	mbstate_t ps;
	struct glyph g;
	int w = 0;
	memset(&ps, 0, sizeof ps);
	while (geno_next_glyph(s, &pos, &ps, ascii, &g))
		w += g.w;
	return w;
}
