/* worddiff.h - a word-level diff of two texts, for narrative fields.
 *
 * The texts are cut into tokens: words (letters and digits, in any
 * script), runs of white space, and single punctuation marks, so "move."
 * against "move," differs only in the full stop. The longest common
 * subsequence of tokens gives runs marked same, deleted or inserted, each a
 * span of one of the two texts: joining the same and deleted runs gives
 * the old text back exactly, the same and inserted runs the new one. A
 * renderer highlights the deleted and inserted runs. */
#ifndef CASEBOOK_WORDDIFF_H
#define CASEBOOK_WORDDIFF_H

#include <stddef.h>

enum cb_wd_kind {
	CB_WD_SAME,    /* in both texts (text points into the old one) */
	CB_WD_DELETED, /* only in the old text */
	CB_WD_INSERTED /* only in the new text */
};

struct cb_wd_run {
	enum cb_wd_kind kind;
	const char *text; /* borrowed from old or new; not NUL-terminated */
	size_t len;
};

struct cb_wd {
	struct cb_wd_run *runs;
	size_t n;
};

/* Diffs old against new_ (either may be NULL: empty). The runs borrow
 * from the two strings, which must outlive *out. Returns 0 or CB_ENOMEM.
 * Texts too long for a word-by-word comparison (millions of token pairs
 * after common ends are dropped) give one deleted and one inserted run. */
int cb_worddiff(const char *old, const char *new_, struct cb_wd *out);
void cb_wd_free(struct cb_wd *wd);

#endif
