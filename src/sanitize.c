/* sanitize.c - safe display of repository text; see sanitize.h. */
#include "sanitize.h"
#include "strbuf.h"

#include <stdio.h>
#include <string.h>

size_t cb_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	if (n == 0)
		return 0;
	unsigned c = p[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2, v = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, v = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

int cb_sanitize_cp(uint32_t cp, char out[12])
{
	if (cp == '\t' || cp == '\n')
		return 0;
	if (cp < 0x20 || cp == 0x7f) {
		snprintf(out, 12, "\\x%02x", (unsigned)cp);
		return 1;
	}
	/* C1 controls (some terminals obey U+009B as CSI), the explicit
	 * direction embeddings, overrides and isolates (they can make text
	 * read differently from what is stored), line and paragraph
	 * separators, and the byte-order mark mid-text. */
	if ((cp >= 0x80 && cp <= 0x9f) ||
	    (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0xfeff) {
		snprintf(out, 12, "\\u%04x", (unsigned)cp);
		return 1;
	}
	return 0;
}

void cb_sanitize_sb(struct cb_sb *out, const char *s, unsigned flags)
{
	if (!s)
		return;
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = cb_utf8_decode(s + i, n - i, &cp);
		char esc[12];
		if (len == 0) {
			snprintf(esc, sizeof esc, "\\x%02x", (unsigned char)s[i]);
			cb_sb_adds(out, esc);
			i++;
			continue;
		}
		if ((flags & CB_SAN_ONELINE) && (cp == '\n' || cp == '\t'))
			cb_sb_addc(out, ' ');
		else if (cb_sanitize_cp(cp, esc))
			cb_sb_adds(out, esc);
		else
			cb_sb_add(out, s + i, len);
		i += len;
	}
}

char *cb_sanitize(const char *s, unsigned flags)
{
	struct cb_sb sb = CB_SB_INIT;
	cb_sb_add(&sb, "", 0);
	cb_sanitize_sb(&sb, s, flags);
	if (cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		return NULL;
	}
	return cb_sb_take(&sb);
}

char *cb_sanitize_first_line(const char *s)
{
	struct cb_sb line = CB_SB_INIT, sb = CB_SB_INIT;
	const char *nl = s ? strchr(s, '\n') : NULL;
	cb_sb_add(&line, s ? s : "", nl ? (size_t)(nl - s) : (s ? strlen(s) : 0));
	cb_sb_add(&sb, "", 0);
	cb_sanitize_sb(&sb, line.buf, CB_SAN_ONELINE);
	if (nl && nl[1])
		cb_sb_adds(&sb, " \xe2\x80\xa6");
	int failed = cb_sb_failed(&line) || cb_sb_failed(&sb);
	cb_sb_free(&line);
	if (failed) {
		cb_sb_free(&sb);
		return NULL;
	}
	return cb_sb_take(&sb);
}
