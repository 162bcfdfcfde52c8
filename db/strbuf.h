/* strbuf.h - a growable NUL-terminated byte buffer.
 *
 * Allocation failure is sticky: after one, every append is a no-op and
 * cb_sb_failed() says so, so callers check once at the end. */
#ifndef CASEBOOK_STRBUF_H
#define CASEBOOK_STRBUF_H

#include <stddef.h>

struct cb_sb {
	char *buf;
	size_t len, cap;
	int failed;
};

#define CB_SB_INIT { NULL, 0, 0, 0 }

void cb_sb_add(struct cb_sb *sb, const char *s, size_t n);
void cb_sb_adds(struct cb_sb *sb, const char *s);
void cb_sb_addc(struct cb_sb *sb, char c);
void cb_sb_addf(struct cb_sb *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cb_sb_reset(struct cb_sb *sb);
int cb_sb_failed(const struct cb_sb *sb);
/* Hands the buffer to the caller (never NULL unless failed) and resets sb. */
char *cb_sb_take(struct cb_sb *sb);
void cb_sb_free(struct cb_sb *sb);

#endif
