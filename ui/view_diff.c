/* view_diff.c - what a save (or everything since a review) changed, in
 * the record's own terms: which entry or field, old and new value,
 * entries added or removed as such, and the words changed inside
 * narrative text.
 *
 * Deleted text is drawn [-like this-] and inserted text {+like this+},
 * as on the command line, in colour as well where there is colour: the
 * markers carry the meaning on a monochrome terminal or with NO_COLOR.
 * n and N go to the next and previous changed entry or field. */
#include "history_ui.h"
#include "rich.h"
#include "i18n.h"
#include "sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct diff_view {
	struct cb_recdiff d;
	struct rich r;
	size_t top;
	int rows;
	char person[11];
	diff_oversight_fn oversight;
	struct view *review;
};

#define TH_DEL TH_WARN
#define TH_INS TH_OK

/* Deleted or inserted text with its markers, in its colour. */
static void marked(struct rich *r, int inserted, const char *text, size_t len)
{
	enum theme_item th = inserted ? TH_INS : TH_DEL;
	attr_t a = inserted ? A_BOLD : 0;
	rich_add(r, th, a, inserted ? "{+" : "[-", 2);
	rich_add(r, th, a, text, len);
	rich_add(r, th, a, inserted ? "+}" : "-]", 2);
}

static void field_label(struct rich *r, const struct cb_rd_field *f)
{
	char label[200];
	snprintf(label, sizeof label, "%s: ", _(f->label));
	rich_line(r, 4, 1);
	rich_add(r, TH_LABEL, 0, label, (size_t)-1);
}

static void add_field(struct rich *r, const struct cb_rd_field *f, enum cb_rd_change stanza)
{
	field_label(r, f);
	/* In an added or removed entry every field is, too. */
	enum cb_rd_change c = stanza == CB_RD_CHANGED ? f->change : stanza;
	int multi = (f->old_value && strchr(f->old_value, '\n')) ||
		    (f->new_value && strchr(f->new_value, '\n'));
	if (multi || (f->narrative && c == CB_RD_CHANGED))
		rich_line(r, 6, 0); /* long text starts on its own line */
	if (c == CB_RD_ADDED) {
		marked(r, 1, f->new_value ? f->new_value : "", (size_t)-1);
	} else if (c == CB_RD_REMOVED) {
		marked(r, 0, f->old_value ? f->old_value : "", (size_t)-1);
	} else if (f->narrative && f->words.n) {
		for (size_t i = 0; i < f->words.n; i++) {
			const struct cb_wd_run *w = &f->words.runs[i];
			if (w->kind == CB_WD_SAME)
				rich_add(r, TH_NORMAL, 0, w->text, w->len);
			else
				marked(r, w->kind == CB_WD_INSERTED, w->text, w->len);
		}
	} else {
		marked(r, 0, f->old_value ? f->old_value : "", (size_t)-1);
		rich_add(r, TH_NORMAL, 0, " ", 1);
		marked(r, 1, f->new_value ? f->new_value : "", (size_t)-1);
	}
}

static void build(struct diff_view *dv, const char *head)
{
	struct rich *r = &dv->r;
	if (head) {
		rich_line(r, 1, 0);
		rich_add(r, TH_DIM, 0, head, (size_t)-1);
	}
	const char *what = NULL;
	switch (dv->d.change) {
	case CB_RD_ADDED: what = _("A new record"); break;
	case CB_RD_REMOVED: what = _("The record was deleted"); break;
	case CB_RD_SAME: what = _("Nothing in the record changed"); break;
	default: break;
	}
	if (what) {
		rich_line(r, 1, 0);
		rich_add(r, TH_HEADER, 0, what, (size_t)-1);
	}
	for (size_t i = 0; i < dv->d.nstanzas; i++) {
		const struct cb_rd_stanza *s = &dv->d.stanzas[i];
		const char *how = s->change == CB_RD_ADDED ? _("added")
				: s->change == CB_RD_REMOVED ? _("removed") : _("changed");
		const char *sign = s->change == CB_RD_ADDED ? "+ "
				 : s->change == CB_RD_REMOVED ? "- " : "~ ";
		char line[400];
		snprintf(line, sizeof line, "%s%s %s %s", sign, s->label ? s->label : "",
			 glyph(GL_DASH), how);
		rich_line(r, 0, 0);
		rich_line(r, 1, 1);
		rich_add(r, s->change == CB_RD_ADDED ? TH_INS : s->change == CB_RD_REMOVED
			 ? TH_DEL : TH_HEADER, A_BOLD, line, (size_t)-1);
		for (size_t k = 0; k < s->nfields; k++)
			add_field(r, &s->fields[k], s->change);
	}
}

static void draw(struct view *v, int top, int rows)
{
	struct diff_view *dv = v->priv;
	rich_layout(&dv->r, COLS - 2);
	dv->rows = rows;
	if (dv->r.nr > (size_t)rows && dv->top > dv->r.nr - (size_t)rows)
		dv->top = dv->r.nr - (size_t)rows;
	if (dv->r.nr <= (size_t)rows)
		dv->top = 0;
	for (int y = 0; y < rows; y++)
		rich_draw_row(&dv->r, dv->top + (size_t)y, top + y, 1);
}

/* The next (dir > 0) or previous row that starts a change. */
static void jump(struct view *v, int dir)
{
	struct diff_view *dv = v->priv;
	const struct rich *r = &dv->r;
	if (r->nr <= (size_t)dv->rows) {
		tui_message(v->t, "%s", _("Every change is on this screen"));
		return;
	}
	for (size_t i = dv->top; dir > 0 ? i + 1 < r->nr : i > 0;) {
		i = dir > 0 ? i + 1 : i - 1;
		const struct rich_row *row = &r->r[i];
		if (r->l[row->line].anchor && (i == 0 || r->r[i - 1].line != row->line)) {
			dv->top = i;
			return;
		}
	}
	tui_message(v->t, "%s", dir > 0 ? _("No more changes below") : _("No more changes above"));
}

static int request(struct view *v, enum request r)
{
	struct diff_view *dv = v->priv;
	size_t page = dv->rows > 1 ? (size_t)dv->rows - 1 : 1;
	size_t last = dv->r.nr > (size_t)dv->rows ? dv->r.nr - (size_t)dv->rows : 0;
	switch (r) {
	case REQ_DOWN:
	case REQ_ENTER:
		if (dv->top < last)
			dv->top++;
		return 1;
	case REQ_UP:
		if (dv->top)
			dv->top--;
		return 1;
	case REQ_PAGE_DOWN:
		dv->top = dv->top + page < last ? dv->top + page : last;
		return 1;
	case REQ_PAGE_UP:
		dv->top = dv->top > page ? dv->top - page : 0;
		return 1;
	case REQ_FIRST:
		dv->top = 0;
		return 1;
	case REQ_LAST:
		dv->top = last;
		return 1;
	case REQ_NEXT:
		jump(v, 1);
		return 1;
	case REQ_PREV:
		jump(v, -1);
		return 1;
	case REQ_OVERSIGHT:
		if (!dv->oversight)
			tui_message(v->t, "%s", _("Oversight is recorded from a review: R on the caseload"));
		else
			dv->oversight(dv->review, dv->person);
		return 1;
	default:
		return 0;
	}
}

static void done(struct view *v)
{
	struct diff_view *dv = v->priv;
	cb_recdiff_free(&dv->d);
	rich_free(&dv->r);
	free(dv);
}

static const struct view_ops diff_ops = {
	.name = "diff",
	.keymap = KM_DIFF,
	.request = request,
	.draw = draw,
	.done = done,
};

struct view *view_diff_open(struct tui *t, const char *title, const char *head,
			    struct cb_recdiff *d, const char *person,
			    diff_oversight_fn oversight, struct view *review)
{
	struct diff_view *dv = calloc(1, sizeof *dv);
	struct view *v = dv ? view_new(t, &diff_ops, dv) : NULL;
	if (!v) {
		free(dv);
		cb_recdiff_free(d);
		tui_error(t, "%s", _("out of memory"));
		return NULL;
	}
	dv->d = *d;
	memset(d, 0, sizeof *d);
	snprintf(dv->person, sizeof dv->person, "%s", person ? person : "");
	dv->oversight = oversight;
	dv->review = review;
	build(dv, head);
	if (dv->r.failed) {
		tui_error(t, "%s", _("out of memory"));
		done(v);
		free(v);
		return NULL;
	}
	char *safe = cb_sanitize(title, CB_SAN_ONELINE);
	snprintf(v->title, sizeof v->title, "%s", safe ? safe : "");
	free(safe);
	return v;
}
