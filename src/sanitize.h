/* sanitize.h - making repository text safe to show on a terminal.
 *
 * Records arrive from other laptops through sync, so their text is
 * untrusted: an escape sequence in a chronology entry must not be able to
 * retitle the window, move the cursor or reprogram keys. Everything the
 * workbench draws from a record or the index goes through cb_sanitize (or,
 * character by character in the form editor, cb_sanitize_cp), which shows
 * control characters, invalid UTF-8 and text-direction overrides as
 * visible escapes such as \x1b or \u202e. */
#ifndef CASEBOOK_SANITIZE_H
#define CASEBOOK_SANITIZE_H

#include <stddef.h>
#include <stdint.h>

struct cb_sb;

/* Flags for cb_sanitize. */
#define CB_SAN_ONELINE 0x1u /* newline and tab become one space each */

/* The visible form of one code point that must not reach the terminal
 * as itself: writes "\xNN" or "\uNNNN" into out and returns 1; returns 0
 * (out untouched) when cp may be shown as it is. Tab and newline are
 * allowed here: callers lay them out themselves. */
int cb_sanitize_cp(uint32_t cp, char out[12]);

/* Appends the safe form of s (NULL is ""). */
void cb_sanitize_sb(struct cb_sb *out, const char *s, unsigned flags);
/* malloc'd safe copy of s, or NULL when out of memory. */
char *cb_sanitize(const char *s, unsigned flags);
/* malloc'd safe copy of the first line of s (for table cells), with
 * " …" appended when more lines follow. NULL when out of memory. */
char *cb_sanitize_first_line(const char *s);

/* Decodes one UTF-8 sequence at s (n bytes available). Returns its
 * length and sets *cp, or returns 0 for an invalid or truncated sequence
 * (overlongs, surrogates and values above U+10FFFF are invalid). */
size_t cb_utf8_decode(const char *s, size_t n, uint32_t *cp);

#endif
