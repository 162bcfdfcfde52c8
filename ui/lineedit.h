/* lineedit.h - one line of editable text (form fields, the search line).
 *
 * Text is kept as wide characters so the cursor moves by character, and
 * drawn by display column with horizontal scrolling. A field's value may
 * hold newlines (long text typed in the form): they are shown as a
 * visible mark, and control characters from a record as escapes, through
 * the same sanitising rule as everything else. */
#ifndef CASEBOOK_UI_LINEEDIT_H
#define CASEBOOK_UI_LINEEDIT_H

#include <stddef.h>
#include <wchar.h>

struct key;

struct lineedit {
	wchar_t *buf;
	size_t len, cap;
	size_t cur;     /* cursor, in characters */
	int scroll;     /* first column shown */
};

/* Replaces the text (UTF-8); cursor at the end. 0 or -1 (no memory). */
int le_set(struct lineedit *le, const char *utf8);
/* The text as UTF-8, malloc'd (NULL when out of memory). */
char *le_get(const struct lineedit *le);
/* Handles typing and the editing keys (Left, Right, Home, End, ^A,
 * Backspace, Del, ^K, ^W). Returns 0 when the key is not one of them,
 * 1 when only the cursor moved, 2 when the text changed. */
int le_key(struct lineedit *le, const struct key *k);
/* Inserts one character; 0 or -1. */
int le_insert(struct lineedit *le, wchar_t wc);
/* Draws in width columns at y, x; *cursor_x gets the cursor's column. */
void le_draw(struct lineedit *le, int y, int x, int width, int *cursor_x);
void le_free(struct lineedit *le);
/* How one character is shown: writes its text (UTF-8: itself, a mark for
 * newline and tab, or an escape) and returns its width in columns. */
int le_shown(wchar_t wc, char out[16]);

#endif
