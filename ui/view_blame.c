/* view_blame.c - who last changed each field of a record, when, and in
 * which save (src/blame.c: O(versions of the record)). One line per
 * field under a heading per entry; Enter shows what that save changed. */
#include "history_ui.h"
#include "err.h"
#include "i18n.h"
#include "revs.h"
#include "sanitize.h"
#include "blame.h"
#include "record.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bline {
	const struct cb_blame_origin *origin; /* NULL: nothing to show */
	size_t stanza;
	long field;                           /* -1: the entry's heading */
};

struct blame_view {
	char person[11];
	const struct cb_record_type *type;
	struct cb_blame b;
	struct bline *lines;
	size_t nlines;
	struct list l;
	int rows;
};

static int build(struct blame_view *bv)
{
	size_t n = 0;
	for (size_t s = 0; s < bv->b.nstanzas; s++)
		n += 1 + bv->b.stanzas[s].nfields;
	bv->lines = calloc(n ? n : 1, sizeof *bv->lines);
	if (!bv->lines)
		return cb_err(CB_ENOMEM, _("out of memory"));
	for (size_t s = 0; s < bv->b.nstanzas; s++) {
		const struct cb_blame_stanza *st = &bv->b.stanzas[s];
		bv->lines[bv->nlines++] = (struct bline){ st->added, s, -1 };
		for (size_t f = 0; f < st->nfields; f++)
			bv->lines[bv->nlines++] = (struct bline){ st->fields[f].origin, s, (long)f };
	}
	bv->l.n = bv->nlines;
	return 0;
}

/* "2026-05-01  Sam Patel  1a2b3c4": who, when and where, fixed width. */
static int draw_origin(int y, const struct cb_blame_origin *o, int wide)
{
	int cd = 10, ca = wide ? 20 : 14, cc = 7;
	if (!o) {
		draw_clear_to(y, 1, cd + ca + cc + 2);
		return 1 + cd + ca + cc + 3;
	}
	char when[32];
	cb_time_format_local(o->time, when, sizeof when);
	when[10] = '\0';
	draw_cell_safe(y, 1, cd, when);
	draw_cell(y, 1 + cd + 1, ca, o->author_name);
	char c[8];
	snprintf(c, sizeof c, "%.7s", o->commit);
	draw_cell_safe(y, 1 + cd + 1 + ca + 1, cc, c);
	return 1 + cd + ca + cc + 3;
}

static void draw(struct view *v, int top, int rows)
{
	struct blame_view *bv = v->priv;
	bv->rows = rows;
	list_scroll(&bv->l, rows);
	int wide = COLS >= 100;
	for (int r = 0; r < rows; r++) {
		size_t i = bv->l.top + (size_t)r;
		if (i >= bv->nlines)
			break;
		const struct bline *ln = &bv->lines[i];
		const struct cb_blame_stanza *st = &bv->b.stanzas[ln->stanza];
		int y = top + r, sel = i == bv->l.sel;
		theme_set(sel ? TH_SELECTED : TH_DIM);
		draw_clear_to(y, 0, COLS);
		int x = draw_origin(y, ln->origin, wide);
		if (ln->field < 0) {
			theme_set(sel ? TH_SELECTED : TH_HEADER);
			const char *label = st->label ? st->label : _(bv->type->label);
			draw_cell(y, x, COLS - x - 1, label);
		} else {
			const struct cb_blame_field *f = &st->fields[ln->field];
			const struct cb_stanza_def *sd =
				cb_record_stanza_def(&bv->b.doc, bv->type, ln->stanza);
			const struct cb_field_def *fd = sd ? cb_stanza_def_field(sd, f->name) : NULL;
			char label[200];
			snprintf(label, sizeof label, "  %s: ", fd ? _(fd->label) : f->name);
			theme_set(sel ? TH_SELECTED : TH_LABEL);
			int lw = draw_cell(y, x, COLS - x - 1, label);
			theme_set(sel ? TH_SELECTED : TH_NORMAL);
			char *first = cb_sanitize_first_line(f->value);
			draw_cell_safe(y, x + lw, COLS - x - lw - 1, first ? first : "");
			free(first);
		}
		theme_set(TH_NORMAL);
	}
}

static void show_save(struct view *v)
{
	struct blame_view *bv = v->priv;
	if (bv->l.sel >= bv->nlines || !bv->lines[bv->l.sel].origin)
		return;
	const struct cb_blame_origin *o = bv->lines[bv->l.sel].origin;
	git_oid commit;
	struct cb_recdiff d;
	if (git_oid_fromstr(&commit, o->commit) < 0 ||
	    cb_version_diff_at(v->t->ws->store.repo, bv->type, bv->person, &commit, &d)) {
		tui_error(v->t, "%s", cb_err_msg());
		return;
	}
	char when[40], head[1024], title[512];
	cb_time_format(o->time, o->tz, when, sizeof when);
	snprintf(head, sizeof head, _("Saved %s by %s <%s>, commit %.10s\n%s"), when,
		 o->author_name ? o->author_name : "", o->author_email ? o->author_email : "",
		 o->commit, o->summary ? o->summary : "");
	char *who = ui_person_title(v->t, bv->person);
	snprintf(title, sizeof title, _("Changes %s %s %s %s"), glyph(GL_DASH),
		 _(bv->type->label), glyph(GL_DASH), who ? who : bv->person);
	free(who);
	tui_push(v->t, view_diff_open(v->t, title, head, &d, bv->person, NULL, NULL));
}

static int request(struct view *v, enum request r)
{
	struct blame_view *bv = v->priv;
	if (list_request(&bv->l, r, bv->rows))
		return 1;
	if (r == REQ_ENTER) {
		show_save(v);
		return 1;
	}
	return 0;
}

static void done(struct view *v)
{
	struct blame_view *bv = v->priv;
	cb_blame_free(&bv->b);
	free(bv->lines);
	free(bv);
}

static const struct view_ops blame_ops = {
	.name = "blame",
	.keymap = KM_BLAME,
	.request = request,
	.draw = draw,
	.done = done,
};

struct view *view_blame_open(struct tui *t, const char *person,
			     const struct cb_record_type *type, const git_oid *at)
{
	struct blame_view *bv = calloc(1, sizeof *bv);
	struct view *v = bv ? view_new(t, &blame_ops, bv) : NULL;
	if (!v) {
		free(bv);
		tui_error(t, "%s", _("out of memory"));
		return NULL;
	}
	snprintf(bv->person, sizeof bv->person, "%s", person);
	bv->type = type;
	if (cb_blame_record(t->ws, person, type, at, &bv->b)) {
		tui_error(t, "%s", cb_err_msg());
		free(bv);
		free(v);
		return NULL;
	}
	if (build(bv)) {
		tui_error(t, "%s", cb_err_msg());
		done(v);
		free(v);
		return NULL;
	}
	char *who = ui_person_title(t, person);
	char at_s[32] = "";
	if (at)
		snprintf(at_s, sizeof at_s, _(" at %.7s"), git_oid_tostr_s(at));
	snprintf(v->title, sizeof v->title, _("Blame %s %s %s %s%s"), glyph(GL_DASH),
		 _(type->label), glyph(GL_DASH), who ? who : person, at_s);
	free(who);
	return v;
}
