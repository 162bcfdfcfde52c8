/* view_oversight.c - composing management oversight: the decision and
 * its time-bound actions (what, who, by when), each written in the form
 * engine from the oversight record type's fields, kept here until ^S
 * saves all of them as ONE commit (an oversight never lands without its
 * actions, nor the other way round).
 *
 * The forms collect rather than save (view_form_open_collect): each
 * checks its fields as any form does and keeps a draft while typed. */
#include "history_ui.h"
#include "date.h"
#include "err.h"
#include "i18n.h"
#include "sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ov_view {
	char person[11];
	struct oversight_draft od;
	size_t cap;
	struct list l;          /* row 0: the decision; then the actions */
	int rows;
	long editing;           /* the action a form is editing; -1: a new one */
	int dirty;
	int saving;             /* leaving after a save: nothing to ask */
	oversight_save_fn saved;
	struct view *review;
};

static const char *const action_fields[] = { "Action", "Who", "By-When", NULL };

static char *dup_field(const struct cb_form *f, const char *name)
{
	long i = cb_form_field_index(f, name);
	return strdup(i >= 0 ? f->f[i].value : "");
}

static void set_field(struct cb_form *f, const char *name, const char *value)
{
	long i = cb_form_field_index(f, name);
	if (i >= 0 && value)
		cb_form_set(f, (size_t)i, value);
}

/* ---- the decision ---- */

static void decision_prefill(void *ctx, struct cb_form *f)
{
	struct ov_view *ov = ctx;
	char today[11];
	struct cb_date d;
	cb_date_today(&d);
	cb_date_format(&d, today);
	set_field(f, "Date", ov->od.date ? ov->od.date : today);
	set_field(f, "Decision", ov->od.decision);
}

static int decision_done(void *ctx, const struct cb_form *f)
{
	struct ov_view *ov = ctx;
	char *date = dup_field(f, "Date"), *decision = dup_field(f, "Decision");
	if (!date || !decision) {
		free(date);
		free(decision);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	free(ov->od.date);
	free(ov->od.decision);
	ov->od.date = date;
	ov->od.decision = decision;
	ov->dirty = 1;
	return 0;
}

static void edit_decision(struct view *v)
{
	struct ov_view *ov = v->priv;
	struct form_collect fc = { NULL, decision_prefill, decision_done, ov };
	tui_push(v->t, view_form_open_collect(v->t, ov->person, "oversight", "oversight", &fc));
}

/* ---- actions ---- */

static void action_prefill(void *ctx, struct cb_form *f)
{
	struct ov_view *ov = ctx;
	if (ov->editing < 0)
		return;
	set_field(f, "Action", ov->od.actions[ov->editing].action);
	set_field(f, "Who", ov->od.actions[ov->editing].who);
	set_field(f, "By-When", ov->od.actions[ov->editing].by_when);
}

static int action_done(void *ctx, const struct cb_form *f)
{
	struct ov_view *ov = ctx;
	if (ov->editing < 0 && ov->od.nactions == ov->cap) {
		size_t cap = ov->cap ? ov->cap * 2 : 4;
		void *nv = realloc(ov->od.actions, cap * sizeof *ov->od.actions);
		if (!nv)
			return cb_err(CB_ENOMEM, _("out of memory"));
		ov->od.actions = nv;
		ov->cap = cap;
	}
	char *a = dup_field(f, "Action"), *w = dup_field(f, "Who"), *b = dup_field(f, "By-When");
	if (!a || !w || !b) {
		free(a);
		free(w);
		free(b);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	size_t i = ov->editing < 0 ? ov->od.nactions++ : (size_t)ov->editing;
	if (ov->editing >= 0) {
		free(ov->od.actions[i].action);
		free(ov->od.actions[i].who);
		free(ov->od.actions[i].by_when);
	}
	ov->od.actions[i].action = a;
	ov->od.actions[i].who = w;
	ov->od.actions[i].by_when = b;
	ov->dirty = 1;
	list_set_count(&ov->l, 1 + ov->od.nactions);
	ov->l.sel = 1 + i;
	return 0;
}

static void edit_action(struct view *v, long i)
{
	struct ov_view *ov = v->priv;
	ov->editing = i;
	struct form_collect fc = { action_fields, action_prefill, action_done, ov };
	tui_push(v->t, view_form_open_collect(v->t, ov->person, "oversight", "action", &fc));
}

static void remove_action(struct view *v)
{
	struct ov_view *ov = v->priv;
	if (ov->l.sel == 0 || ov->l.sel > ov->od.nactions) {
		tui_message(v->t, "%s", _("Select an action to remove"));
		return;
	}
	size_t i = ov->l.sel - 1;
	free(ov->od.actions[i].action);
	free(ov->od.actions[i].who);
	free(ov->od.actions[i].by_when);
	memmove(&ov->od.actions[i], &ov->od.actions[i + 1],
		(ov->od.nactions - i - 1) * sizeof *ov->od.actions);
	ov->od.nactions--;
	ov->dirty = 1;
	list_set_count(&ov->l, 1 + ov->od.nactions);
}

/* ---- the screen ---- */

static void draw(struct view *v, int top, int rows)
{
	struct ov_view *ov = v->priv;
	ov->rows = rows - 4;
	list_scroll(&ov->l, ov->rows);
	int y = top;
	theme_set(TH_HEADER);
	char head[200];
	snprintf(head, sizeof head, _("Decision (%s)"), ov->od.date ? ov->od.date : _("not written yet"));
	draw_cell(y++, 1, COLS - 2, head);
	for (size_t i = ov->l.top; i < ov->l.n && y < top + rows - 2; i++) {
		if (i == 1) {
			theme_set(TH_HEADER);
			draw_cell_safe(y++, 1, COLS - 2, _("Actions"));
		}
		theme_set(i == ov->l.sel ? TH_SELECTED : TH_NORMAL);
		draw_clear_to(y, 0, COLS);
		if (i == 0) {
			if (ov->od.decision && *ov->od.decision) {
				char *first = cb_sanitize_first_line(ov->od.decision);
				draw_cell_safe(y, 3, COLS - 4, first ? first : "");
				free(first);
			} else {
				draw_cell_safe(y, 3, COLS - 4, _("(Enter writes the decision)"));
			}
		} else {
			const char *d = glyph(GL_DASH);
			char line[1024];
			snprintf(line, sizeof line, _("%zu. %s %s %s %s by %s"), i,
				 ov->od.actions[i - 1].action, d, ov->od.actions[i - 1].who, d,
				 ov->od.actions[i - 1].by_when);
			draw_cell(y, 3, COLS - 4, line);
		}
		y++;
	}
	if (ov->l.n == 1) {
		theme_set(TH_HEADER);
		draw_cell_safe(y++, 1, COLS - 2, _("Actions"));
		theme_set(TH_DIM);
		draw_cell_safe(y++, 3, COLS - 4, _("none yet"));
	}
	theme_set(TH_DIM);
	draw_text(top + rows - 1, 1, COLS - 2,
		  _("a adds an action (what, who, by when)  Enter edits  d removes  "
		    "^S saves all as one commit  q leaves"));
	theme_set(TH_NORMAL);
}

static int request(struct view *v, enum request r)
{
	struct ov_view *ov = v->priv;
	if (list_request(&ov->l, r, ov->rows))
		return 1;
	switch (r) {
	case REQ_ADD:
		edit_action(v, -1);
		return 1;
	case REQ_ENTER:
	case REQ_EDIT:
		if (ov->l.sel == 0)
			edit_decision(v);
		else
			edit_action(v, (long)ov->l.sel - 1);
		return 1;
	case REQ_DELETE:
		remove_action(v);
		return 1;
	case REQ_SAVE:
		if (cb_ws_read_only(v->t->ws)) {
			tui_error(v->t, "%s", _("Not saved: read-only workspace"));
			return 1;
		}
		if (!ov->od.decision || !*ov->od.decision) {
			tui_error(v->t, "%s", _("Write the decision first: Enter on it"));
			return 1;
		}
		ov->saving = 1;
		if (ov->saved(ov->review, ov->person, &ov->od) == 0)
			return 1; /* the composer is closed: v is gone */
		ov->saving = 0;
		return 1;
	default:
		return 0;
	}
}

static int leave(struct view *v)
{
	struct ov_view *ov = v->priv;
	if (ov->saving || !ov->dirty)
		return 1;
	return tui_ask(v->t, _("Throw this oversight away unsaved? y/n"), "yn") == 'y';
}

static void done(struct view *v)
{
	struct ov_view *ov = v->priv;
	for (size_t i = 0; i < ov->od.nactions; i++) {
		free(ov->od.actions[i].action);
		free(ov->od.actions[i].who);
		free(ov->od.actions[i].by_when);
	}
	free(ov->od.actions);
	free(ov->od.decision);
	free(ov->od.date);
	free(ov);
}

static const struct view_ops oversight_ops = {
	.name = "oversight",
	.keymap = KM_OVERSIGHT,
	.request = request,
	.draw = draw,
	.leave = leave,
	.done = done,
};

void ui_oversight_start(struct tui *t, const char *person, oversight_save_fn saved,
			struct view *review)
{
	if (cb_ws_read_only(t->ws)) {
		tui_error(t, "%s", _("Read-only: cannot record oversight"));
		return;
	}
	struct ov_view *ov = calloc(1, sizeof *ov);
	struct view *v = ov ? view_new(t, &oversight_ops, ov) : NULL;
	if (!v) {
		free(ov);
		tui_error(t, "%s", _("out of memory"));
		return;
	}
	snprintf(ov->person, sizeof ov->person, "%s", person);
	ov->saved = saved;
	ov->review = review;
	ov->l.n = 1;
	char *who = ui_person_title(t, person);
	snprintf(v->title, sizeof v->title, _("Management oversight %s %s"), glyph(GL_DASH),
		 who ? who : person);
	free(who);
	if (tui_push(t, v) == 0)
		edit_decision(v);
}
