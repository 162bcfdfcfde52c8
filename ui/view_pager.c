/* view_pager.c - reading a text: a whole chronology entry, the help.
 *
 * The text is sanitised once when the pager opens and wrapped to the
 * terminal's width when drawn, so a resize rewraps it. / searches (case
 * blind for ASCII), n and N go to the next and previous line that
 * matches, as in less. */
#include "ui.h"
#include "err.h"
#include "i18n.h"
#include "sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct wline {
	size_t off, len;
};

struct pager {
	char *text;          /* safe */
	struct wline *lines;
	size_t n, cap;
	int width;           /* wrapped for this width */
	size_t top;
	int rows;
	char *term;          /* search */
	int headings;        /* lines starting "## " are headings (help) */
};

static void add_line(void *ctx, const char *line, size_t len)
{
	struct pager *p = ctx;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		void *nv = realloc(p->lines, cap * sizeof *p->lines);
		if (!nv)
			return;
		p->lines = nv;
		p->cap = cap;
	}
	p->lines[p->n].off = (size_t)(line - p->text);
	p->lines[p->n].len = len;
	p->n++;
}

static void rewrap(struct pager *p, int width)
{
	if (width == p->width)
		return;
	p->n = 0;
	p->width = width;
	text_wrap(p->text, width, add_line, p);
}

static int line_matches(const struct pager *p, size_t i)
{
	if (!p->term || !*p->term || i >= p->n)
		return 0;
	size_t tl = strlen(p->term);
	const char *s = p->text + p->lines[i].off;
	for (size_t k = 0; k + tl <= p->lines[i].len; k++)
		if (strncasecmp(s + k, p->term, tl) == 0)
			return 1;
	return 0;
}

static void draw(struct view *v, int top, int rows)
{
	struct pager *p = v->priv;
	rewrap(p, COLS - 2 > 10 ? COLS - 2 : 10);
	p->rows = rows;
	if (p->n > (size_t)rows && p->top > p->n - (size_t)rows)
		p->top = p->n - (size_t)rows;
	if (p->n <= (size_t)rows)
		p->top = 0;
	char buf[4096];
	for (int r = 0; r < rows; r++) {
		size_t i = p->top + (size_t)r;
		if (i >= p->n)
			break;
		size_t len = p->lines[i].len < sizeof buf - 1 ? p->lines[i].len : sizeof buf - 1;
		memcpy(buf, p->text + p->lines[i].off, len);
		buf[len] = '\0';
		/* Headings in generated texts (help) start with "## ". */
		int heading = p->headings && strncmp(buf, "## ", 3) == 0;
		theme_set(line_matches(p, i) ? TH_MATCH : heading ? TH_HEADER : TH_NORMAL);
		draw_text(top + r, 1, COLS - 2, heading ? buf + 3 : buf);
		theme_set(TH_NORMAL);
	}
}

static void find(struct view *v, int dir, int include_current)
{
	struct pager *p = v->priv;
	if (!p->term || !*p->term) {
		tui_message(v->t, "%s", _("No search yet: / searches"));
		return;
	}
	size_t i = p->top;
	for (size_t step = include_current ? 0 : 1; p->n && step <= p->n; step++) {
		size_t k = dir > 0 ? (i + step) % p->n : (i + p->n - step % p->n) % p->n;
		if (line_matches(p, k)) {
			p->top = k;
			return;
		}
	}
	tui_message(v->t, "%s", _("Not found"));
}

static void search_change(void *ctx, const char *text)
{
	struct view *v = ctx;
	struct pager *p = v->priv;
	free(p->term);
	p->term = strdup(text);
	find(v, 1, 1);
}

static void search_done(void *ctx, const char *text, int accepted)
{
	struct view *v = ctx;
	struct pager *p = v->priv;
	if (!accepted) {
		free(p->term);
		p->term = NULL;
	} else {
		(void)text;
	}
}

static int request(struct view *v, enum request r)
{
	struct pager *p = v->priv;
	size_t page = p->rows > 1 ? (size_t)p->rows - 1 : 1;
	size_t last = p->n > (size_t)p->rows ? p->n - (size_t)p->rows : 0;
	switch (r) {
	case REQ_DOWN:
	case REQ_ENTER:
		if (p->top < last)
			p->top++;
		return 1;
	case REQ_UP:
		if (p->top)
			p->top--;
		return 1;
	case REQ_PAGE_DOWN:
		p->top = p->top + page < last ? p->top + page : last;
		return 1;
	case REQ_PAGE_UP:
		p->top = p->top > page ? p->top - page : 0;
		return 1;
	case REQ_FIRST:
		p->top = 0;
		return 1;
	case REQ_LAST:
		p->top = last;
		return 1;
	case REQ_SEARCH:
		tui_prompt(v->t, "/", NULL, search_change, search_done, v);
		return 1;
	case REQ_NEXT:
		find(v, 1, 0);
		return 1;
	case REQ_PREV:
		find(v, -1, 0);
		return 1;
	default:
		return 0;
	}
}

static void done(struct view *v)
{
	struct pager *p = v->priv;
	free(p->text);
	free(p->lines);
	free(p->term);
	free(p);
}

static const struct view_ops pager_ops = {
	.name = "pager",
	.keymap = KM_PAGER,
	.request = request,
	.draw = draw,
	.done = done,
};

struct view *view_pager_open_help(struct tui *t, const char *title, const char *text)
{
	struct view *v = view_pager_open(t, title, text);
	if (v)
		((struct pager *)v->priv)->headings = 1;
	return v;
}

struct view *view_pager_open(struct tui *t, const char *title, const char *text)
{
	struct pager *p = calloc(1, sizeof *p);
	struct view *v = p ? view_new(t, &pager_ops, p) : NULL;
	if (p)
		p->text = cb_sanitize(text, 0);
	if (!v || !p->text) {
		if (p)
			free(p->text);
		free(p);
		free(v);
		tui_error(t, "%s", _("out of memory"));
		return NULL;
	}
	char *safe = cb_sanitize(title, CB_SAN_ONELINE);
	snprintf(v->title, sizeof v->title, "%s", safe ? safe : "");
	free(safe);
	return v;
}
