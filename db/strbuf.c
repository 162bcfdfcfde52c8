/* strbuf.c - growable buffer; see strbuf.h. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(struct cb_sb *sb, size_t extra)
{
	if (sb->failed)
		return -1;
	if (sb->len + extra + 1 <= sb->cap)
		return 0;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + extra + 1) {
		if (cap > ((size_t)-1) / 2) {
			sb->failed = 1;
			return -1;
		}
		cap *= 2;
	}
	char *nb = realloc(sb->buf, cap);
	if (!nb) {
		sb->failed = 1;
		return -1;
	}
	sb->buf = nb;
	sb->cap = cap;
	sb->buf[sb->len] = '\0';
	return 0;
}

void cb_sb_add(struct cb_sb *sb, const char *s, size_t n)
{
	if (grow(sb, n))
		return;
	if (n)
		memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void cb_sb_adds(struct cb_sb *sb, const char *s)
{
	cb_sb_add(sb, s, strlen(s));
}

void cb_sb_addc(struct cb_sb *sb, char c)
{
	cb_sb_add(sb, &c, 1);
}

void cb_sb_addf(struct cb_sb *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || grow(sb, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

void cb_sb_reset(struct cb_sb *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

int cb_sb_failed(const struct cb_sb *sb)
{
	return sb->failed;
}

char *cb_sb_take(struct cb_sb *sb)
{
	if (sb->failed) {
		cb_sb_free(sb);
		return NULL;
	}
	if (!sb->buf && grow(sb, 0))
		return NULL;
	char *r = sb->buf;
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return r;
}

void cb_sb_free(struct cb_sb *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	sb->failed = 0;
}
