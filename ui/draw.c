/* draw.c - putting text on the screen by display columns.
 *
 * Names like Nguyễn and Zoë are several bytes per character and some
 * characters take two columns, so text is measured with wcwidth and cut
 * by columns, never by bytes. draw_cell is the one door through which
 * repository text reaches curses: it sanitises first (src/sanitize.c). */
#include "ui.h"
#include "sanitize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One character of safe text: its wide character and display width.
 * Returns the bytes consumed (at least 1). */
static size_t next_char(const char *s, size_t n, wchar_t *wc, int *w)
{
	uint32_t cp;
	size_t len = cb_utf8_decode(s, n, &cp);
	if (len == 0) {
		*wc = L'?';
		*w = 1;
		return 1;
	}
	*wc = (wchar_t)cp;
	if (cp == '\t' || cp == '\n') {
		*wc = L' ';
		*w = 1;
		return len;
	}
	int cw = wcwidth(*wc);
	if (cw < 0) {
		/* Not printable in this locale (e.g. a plain C locale): show a
		 * placeholder of known width rather than let curses guess. */
		*wc = L'?';
		cw = 1;
	}
	*w = cw;
	return len;
}

int text_width(const char *s)
{
	size_t n = strlen(s), i = 0;
	int total = 0;
	while (i < n) {
		wchar_t wc;
		int w;
		i += next_char(s + i, n - i, &wc, &w);
		total += w;
	}
	return total;
}

int draw_text(int y, int x, int width, const char *safe)
{
	if (width <= 0 || !safe)
		return 0;
	size_t n = strlen(safe), i = 0;
	int full = text_width(safe);
	const char *ell = glyph(GL_ELLIPSIS);
	int limit = full <= width ? width : width - text_width(ell);
	wchar_t buf[256];
	size_t nb = 0;
	int used = 0;
	move(y, x);
	while (i < n) {
		wchar_t wc;
		int w;
		size_t len = next_char(safe + i, n - i, &wc, &w);
		if (used + w > limit)
			break;
		buf[nb++] = wc;
		used += w;
		i += len;
		if (nb == sizeof buf / sizeof buf[0] - 1) {
			addnwstr(buf, (int)nb);
			nb = 0;
		}
	}
	if (nb)
		addnwstr(buf, (int)nb);
	if (full > width && limit >= 0) {
		addstr(ell);
		used += text_width(ell);
	}
	return used;
}

void draw_clear_to(int y, int x, int width)
{
	for (int i = 0; i < width; i++)
		mvaddch(y, x + i, ' ');
}

int draw_cell_safe(int y, int x, int width, const char *safe)
{
	int used = draw_text(y, x, width, safe ? safe : "");
	if (used < width)
		draw_clear_to(y, x + used, width - used);
	return used;
}

int draw_cell(int y, int x, int width, const char *raw)
{
	char *safe = cb_sanitize(raw ? raw : "", CB_SAN_ONELINE);
	int used = draw_cell_safe(y, x, width, safe ? safe : "?");
	free(safe);
	return used;
}

void text_wrap(const char *safe, int width, wrap_fn fn, void *ctx)
{
	if (width < 1)
		width = 1;
	const char *p = safe ? safe : "";
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t linelen = nl ? (size_t)(nl - p) : strlen(p);
		/* One source line into as many screen lines as it needs,
		 * breaking after the last space that fits. */
		size_t start = 0;
		do {
			size_t i = start, brk = 0;
			int used = 0;
			while (i < linelen) {
				wchar_t wc;
				int w;
				size_t len = next_char(p + i, linelen - i, &wc, &w);
				if (used + w > width)
					break;
				used += w;
				i += len;
				if (wc == L' ')
					brk = i;
			}
			size_t end = i;
			if (i < linelen && brk > start)
				end = brk;
			if (end == start && i < linelen) /* one very wide char */
				end = start + 1;
			fn(ctx, p + start, end - start);
			start = end;
		} while (start < linelen);
		if (!nl)
			break;
		p = nl + 1;
	}
}
