/* rich.h - styled text for the diff and blame screens: logical lines of
 * pieces, each piece one theme item (plus attributes), wrapped to the
 * terminal's width by words when drawn.
 *
 * Every piece is sanitised when added (repository text is untrusted), so
 * what is drawn can never hold a control character. */
#ifndef CASEBOOK_UI_RICH_H
#define CASEBOOK_UI_RICH_H

#include "ui.h"

struct rich_piece {
	char *text;          /* safe, one line */
	enum theme_item th;
	attr_t extra;        /* added to the theme's attributes */
};

struct rich_line {
	size_t first, n;     /* pieces */
	int indent;          /* columns before the text, also when wrapped */
	int anchor;          /* n and N stop here */
};

struct rich_seg {
	size_t piece, off, len;
	int x;
};

struct rich_row {
	size_t first, n;     /* segments */
	size_t line;
};

struct rich {
	struct rich_piece *p;
	size_t np, capp;
	struct rich_line *l;
	size_t nl, capl;
	/* the layout for width */
	struct rich_seg *s;
	size_t ns, caps;
	struct rich_row *r;
	size_t nr, capr;
	int width;
	int failed;          /* out of memory somewhere */
};

/* Starts a new logical line at column indent. */
void rich_line(struct rich *r, int indent, int anchor);
/* Appends raw text (len bytes; (size_t)-1: up to the NUL) to the current
 * line in th; each newline in it starts a new line with the same indent. */
void rich_add(struct rich *r, enum theme_item th, attr_t extra, const char *raw, size_t len);
/* Wraps the lines to width columns (again only when width changed). */
void rich_layout(struct rich *r, int width);
/* Draws row i of the layout at y, x. */
void rich_draw_row(const struct rich *r, size_t i, int y, int x);
/* The first row of logical line l. */
size_t rich_row_of_line(const struct rich *r, size_t l);
void rich_free(struct rich *r);

#endif
