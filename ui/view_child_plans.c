/* view_child_plans.c - a child's plans (the plan record): child in need,
 * child protection and pre-proceedings, current plans first and then past
 * ones, each with its actions (what, who, by when, status) and meetings.
 *
 * Every change goes through the form engine and its save path, one commit
 * each, drafts kept: a new or edited plan, action or meeting is a form on
 * that stanza; a new action or meeting is linked to the selected plan
 * (cb_form_link); ending a plan is its form opened on End; marking an
 * action done sets Status and Done in the action's form and saves it.
 *
 * Plans with no contingency or no record of the child's views, and
 * actions with no owner, no date or past their date, are marked, because
 * those are what inspections keep finding (DOMAIN.md). */
#include "ui.h"
#include "history_ui.h"
#include "view_resolve.h"
#include "date.h"
#include "err.h"
#include "forms.h"
#include "i18n.h"
#include "plan.h"
#include "record.h"
#include "sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum row_kind { ROW_HEADING, ROW_PLAN, ROW_ACTION, ROW_MEETING, ROW_NOTE };

struct row {
	enum row_kind kind;
	const char *text;    /* heading text (N_()) */
	size_t stanza;       /* the plan, action or meeting */
	size_t plan;         /* the plan stanza the row belongs to */
};

struct plans_view {
	char id[11];
	const struct cb_record_type *type;
	struct cb_doc doc;
	int exists;
	char today[11];
	struct row *rows;
	size_t nrows;
	struct list l;
	int body;
};

static const char *sget(const struct plans_view *pv, size_t i, const char *name)
{
	const char *v = cb_stanza_get(&pv->doc.stanzas[i], name);
	return v ? v : "";
}

static int add_row(struct plans_view *pv, enum row_kind kind, const char *text,
		   size_t stanza, size_t plan)
{
	void *nv = realloc(pv->rows, (pv->nrows + 1) * sizeof *pv->rows);
	if (!nv)
		return cb_err(CB_ENOMEM, _("out of memory"));
	pv->rows = nv;
	pv->rows[pv->nrows++] = (struct row){ kind, text, stanza, plan };
	return 0;
}

/* A plan's rows: itself, then its actions and its meetings. */
static int add_plan(struct plans_view *pv, size_t p)
{
	const char *pid = sget(pv, p, "Id");
	int rc = add_row(pv, ROW_PLAN, NULL, p, p);
	for (int pass = 0; pass < 2 && !rc; pass++) {
		const char *want = pass ? "meeting" : "action";
		for (size_t i = 1; i < pv->doc.nstanzas && !rc; i++)
			if (strcmp(sget(pv, i, "Kind"), want) == 0 &&
			    strcmp(sget(pv, i, "Plan"), pid) == 0)
				rc = add_row(pv, pass ? ROW_MEETING : ROW_ACTION, NULL, i, p);
	}
	return rc;
}

/* Plans are stored by Start, oldest first; shown newest first. */
static int build(struct plans_view *pv)
{
	pv->nrows = 0;
	int rc = 0;
	for (int past = 0; past < 2 && !rc; past++) {
		rc = add_row(pv, ROW_HEADING, past ? N_("Past plans") : N_("Current plans"), 0, 0);
		size_t before = pv->nrows;
		for (size_t i = pv->doc.nstanzas; i-- > 1 && !rc;) {
			if (strcmp(sget(pv, i, "Kind"), "plan") != 0 ||
			    cb_plan_is_open(&pv->doc.stanzas[i], pv->today) == past)
				continue;
			rc = add_plan(pv, i);
		}
		if (!rc && pv->nrows == before)
			rc = add_row(pv, ROW_NOTE, past ? N_("none") : N_("none (p starts one)"), 0, 0);
	}
	return rc;
}

static int selectable(const struct row *r)
{
	return r->kind != ROW_HEADING && r->kind != ROW_NOTE;
}

/* Selection never rests on a heading or a note. */
static void skip_headings(struct plans_view *pv, int dir)
{
	for (int turns = 0; turns < 2; turns++) {
		while (pv->l.sel < pv->nrows && !selectable(&pv->rows[pv->l.sel])) {
			if (dir > 0 && pv->l.sel + 1 < pv->nrows)
				pv->l.sel++;
			else if (dir < 0 && pv->l.sel > 0)
				pv->l.sel--;
			else
				break;
		}
		if (pv->l.sel < pv->nrows && selectable(&pv->rows[pv->l.sel]))
			return;
		dir = -dir;
	}
}

static int load(struct view *v)
{
	struct plans_view *pv = v->priv;
	/* Keep the selection on the same stanza across a reload. */
	char keep[48] = "";
	if (pv->l.sel < pv->nrows && selectable(&pv->rows[pv->l.sel]))
		snprintf(keep, sizeof keep, "%s", sget(pv, pv->rows[pv->l.sel].stanza, "Id"));
	size_t keep_row = pv->l.sel;
	struct cb_date today;
	cb_date_today(&today);
	cb_date_format(&today, pv->today);
	cb_doc_free(&pv->doc);
	int rc = cb_ws_read(v->t->ws, NULL, pv->id, pv->type, &pv->doc, &pv->exists);
	if (rc) {
		memset(&pv->doc, 0, sizeof pv->doc);
		pv->nrows = 0;
		return rc;
	}
	if ((rc = build(pv)))
		return rc;
	list_set_count(&pv->l, pv->nrows);
	pv->l.sel = keep_row < pv->nrows ? keep_row : 0;
	for (size_t i = 0; keep[0] && i < pv->nrows; i++)
		if (selectable(&pv->rows[i]) && strcmp(sget(pv, pv->rows[i].stanza, "Id"), keep) == 0)
			pv->l.sel = i;
	skip_headings(pv, 1);
	char *who = ui_person_title(v->t, pv->id);
	snprintf(v->title, sizeof v->title, _("Plans %s %s"), glyph(GL_DASH), who ? who : pv->id);
	free(who);
	return 0;
}

/* ---- drawing ---- */

static const char *type_label(const char *type)
{
	if (strcmp(type, "child-in-need") == 0)
		return _("Child in need plan");
	if (strcmp(type, "child-protection") == 0)
		return _("Child protection plan");
	if (strcmp(type, "pre-proceedings") == 0)
		return _("Pre-proceedings (PLO)");
	return type;
}

static void draw_plan(struct plans_view *pv, const struct row *r, int y, int sel)
{
	size_t p = r->stanza;
	char line[600];
	const char *cat = sget(pv, p, "Category"), *end = sget(pv, p, "End");
	int n = snprintf(line, sizeof line, "%s%s%s%s  %s %s", type_label(sget(pv, p, "Type")),
			 *cat ? " (" : "", cat, *cat ? ")" : "", _("from"), sget(pv, p, "Start"));
	if (n > 0 && (size_t)n < sizeof line && *end)
		n += snprintf(line + n, sizeof line - (size_t)n, _(" to %s"), end);
	const char *next = sget(pv, p, "Next-Review"), *rp = sget(pv, p, "Review-Point");
	const char *dec = sget(pv, p, "Decision");
	if (n > 0 && (size_t)n < sizeof line && *next && !*end)
		n += snprintf(line + n, sizeof line - (size_t)n, _(", next review %s"), next);
	if (n > 0 && (size_t)n < sizeof line && *rp)
		n += snprintf(line + n, sizeof line - (size_t)n, _(", review point %s"), rp);
	if (n > 0 && (size_t)n < sizeof line && *dec)
		snprintf(line + n, sizeof line - (size_t)n, _(", decision: %s"), dec);
	theme_set(sel ? TH_SELECTED : TH_LABEL);
	draw_cell(y, 1, COLS - 2, line);
	/* What is missing, at the right. */
	char warn[200] = "";
	if (!*sget(pv, p, "Contingency"))
		snprintf(warn, sizeof warn, "%s", _("no contingency"));
	if (!*sget(pv, p, "Child-Views")) {
		size_t len = strlen(warn);
		snprintf(warn + len, sizeof warn - len, "%s%s", len ? ", " : "",
			 _("no child's views"));
	}
	int ww = (int)strlen(warn);
	if (warn[0] && COLS > ww + 40) {
		theme_set(sel ? TH_SELECTED : TH_WARN);
		draw_text(y, COLS - ww - 2, ww + 1, warn);
	}
	theme_set(TH_NORMAL);
}

static void draw_action(struct plans_view *pv, const struct row *r, int y, int sel)
{
	size_t a = r->stanza;
	const char *status = sget(pv, a, "Status"), *who = sget(pv, a, "Who");
	const char *by = sget(pv, a, "By-When");
	if (!*status)
		status = "open";
	int open = strcmp(status, "open") == 0;
	int late = open && *by && strcmp(by, pv->today) < 0;
	int ww = COLS >= 100 ? 24 : 16, bw = 11, sw = 16;
	int tx = 4, tw = COLS - tx - ww - bw - sw - 6;
	theme_set(sel ? TH_SELECTED : open ? TH_NORMAL : TH_DIM);
	draw_clear_to(y, 0, COLS);
	draw_text(y, 2, 2, open ? glyph(GL_EMPTY) : glyph(GL_CHECK));
	char *first = cb_sanitize_first_line(sget(pv, a, "Action"));
	draw_text(y, tx, tw, first ? first : "");
	free(first);
	int x = tx + tw + 2;
	if (!*who && open && !sel)
		theme_set(TH_WARN);
	draw_cell(y, x, ww, *who ? who : _("no owner"));
	theme_set(sel ? TH_SELECTED : open ? TH_NORMAL : TH_DIM);
	x += ww + 2;
	if ((!*by || late) && open && !sel)
		theme_set(TH_WARN);
	draw_cell(y, x, bw, *by ? by : _("no date"));
	theme_set(sel ? TH_SELECTED : open ? TH_NORMAL : TH_DIM);
	x += bw + 2;
	char st[64];
	if (late)
		snprintf(st, sizeof st, "%s", _("overdue"));
	else if (!open && *sget(pv, a, "Done"))
		snprintf(st, sizeof st, "%s %s", status, sget(pv, a, "Done"));
	else
		snprintf(st, sizeof st, "%s", status);
	if (late && !sel)
		theme_set(TH_WARN);
	draw_cell(y, x, COLS - x - 1, st);
	theme_set(TH_NORMAL);
}

static void draw_meeting(struct plans_view *pv, const struct row *r, int y, int sel)
{
	size_t m = r->stanza;
	char line[600];
	snprintf(line, sizeof line, "%s  %s  %s", sget(pv, m, "Date"), sget(pv, m, "Type"),
		 sget(pv, m, "Notes"));
	char *first = cb_sanitize_first_line(line);
	theme_set(sel ? TH_SELECTED : TH_NORMAL);
	draw_clear_to(y, 0, COLS);
	draw_text(y, 2, 2, glyph(GL_DASH));
	draw_text(y, 4, COLS - 5, first ? first : "");
	free(first);
	theme_set(TH_NORMAL);
}

static void draw(struct view *v, int top, int rows)
{
	struct plans_view *pv = v->priv;
	pv->body = rows;
	list_scroll(&pv->l, rows);
	for (int k = 0; k < rows; k++) {
		size_t i = pv->l.top + (size_t)k;
		if (i >= pv->nrows)
			break;
		const struct row *r = &pv->rows[i];
		int y = top + k, sel = i == pv->l.sel;
		theme_set(TH_NORMAL);
		draw_clear_to(y, 0, COLS);
		switch (r->kind) {
		case ROW_HEADING:
			theme_set(TH_HEADER);
			draw_clear_to(y, 0, COLS);
			draw_text(y, 1, COLS - 2, _(r->text));
			theme_set(TH_NORMAL);
			break;
		case ROW_NOTE:
			theme_set(TH_DIM);
			draw_text(y, 2, COLS - 3, _(r->text));
			theme_set(TH_NORMAL);
			break;
		case ROW_PLAN:
			draw_plan(pv, r, y, sel);
			break;
		case ROW_ACTION:
			draw_action(pv, r, y, sel);
			break;
		case ROW_MEETING:
			draw_meeting(pv, r, y, sel);
			break;
		}
	}
}

/* ---- changes, all through the form engine ---- */

static const struct row *selected(struct plans_view *pv)
{
	if (pv->l.sel >= pv->nrows || !selectable(&pv->rows[pv->l.sel]))
		return NULL;
	return &pv->rows[pv->l.sel];
}

static void edit(struct view *v)
{
	struct plans_view *pv = v->priv;
	const struct row *r = selected(pv);
	if (!r)
		return;
	const char *kind = r->kind == ROW_PLAN ? "plan" : r->kind == ROW_ACTION ? "action" : "meeting";
	tui_push(v->t, view_form_open(v->t, pv->id, "plan", kind, sget(pv, r->stanza, "Id"), NULL));
}

static void add_to_plan(struct view *v, const char *kind)
{
	struct plans_view *pv = v->priv;
	const struct row *r = selected(pv);
	if (!r) {
		tui_message(v->t, "%s", _("Select a plan first (p starts one)"));
		return;
	}
	tui_push(v->t, view_form_open_linked(v->t, pv->id, "plan", kind, "Plan",
					     sget(pv, r->plan, "Id")));
}

static void end_plan(struct view *v)
{
	struct plans_view *pv = v->priv;
	const struct row *r = selected(pv);
	if (!r) {
		tui_message(v->t, "%s", _("Select a plan to end"));
		return;
	}
	tui_push(v->t, view_form_open(v->t, pv->id, "plan", "plan", sget(pv, r->plan, "Id"),
				      "End"));
}

static int set_field(struct cb_form *f, const char *name, const char *value)
{
	long i = cb_form_field_index(f, name);
	return i < 0 ? cb_err(CB_ENOTFOUND, _("the form has no %s"), name)
		     : cb_form_set(f, (size_t)i, value);
}

/* Done today, in the action's form, saved as any form is. */
static void mark_done(struct view *v)
{
	struct plans_view *pv = v->priv;
	const struct row *r = selected(pv);
	if (!r || r->kind != ROW_ACTION) {
		tui_message(v->t, "%s", _("Select an action to mark done"));
		return;
	}
	if (cb_ws_read_only(v->t->ws)) {
		tui_error(v->t, "%s", _("Read-only: you can look, not save"));
		return;
	}
	if (strcmp(sget(pv, r->stanza, "Status"), "done") == 0) {
		tui_message(v->t, "%s", _("That action is already done"));
		return;
	}
	struct cb_form f;
	git_oid commit;
	int made = 0;
	char *name = cli_person_name(v->t->cli, pv->id);
	char summary[600];
	snprintf(summary, sizeof summary, _("Mark plan action done for %s"), name ? name : pv->id);
	free(name);
	int rc = cb_form_open(&f, v->t->ws, pv->id, pv->type, "action", sget(pv, r->stanza, "Id"));
	if (!rc)
		rc = set_field(&f, "Status", "done");
	if (!rc)
		rc = set_field(&f, "Done", pv->today);
	if (!rc)
		rc = cb_form_save(&f, v->t->ws, summary, &commit, &made);
	if (rc)
		tui_error(v->t, "%s", cb_err_msg());
	else
		tui_message(v->t, "%s", _("Action marked done"));
	cb_form_free(&f);
	if (load(v))
		tui_error(v->t, "%s", cb_err_msg());
}

static int request(struct view *v, enum request r)
{
	struct plans_view *pv = v->priv;
	size_t before = pv->l.sel;
	if (list_request(&pv->l, r, pv->body ? pv->body : 10)) {
		skip_headings(pv, pv->l.sel >= before ? 1 : -1);
		list_scroll(&pv->l, pv->body ? pv->body : 10);
		return 1;
	}
	switch (r) {
	case REQ_ENTER:
	case REQ_EDIT:
		edit(v);
		return 1;
	case REQ_ADD_PLAN:
		tui_push(v->t, view_form_open(v->t, pv->id, "plan", "plan", NULL, NULL));
		return 1;
	case REQ_ADD:
		add_to_plan(v, "action");
		return 1;
	case REQ_ADD_MEETING:
		add_to_plan(v, "meeting");
		return 1;
	case REQ_MARK_DONE:
		mark_done(v);
		return 1;
	case REQ_END_PLAN:
		end_plan(v);
		return 1;
	default:
		return ui_history_request(v, r, pv->id, pv->type) ||
		       ui_resolve_request(v, r, pv->id, pv->type);
	}
}

static void resume(struct view *v)
{
	if (load(v))
		tui_error(v->t, "%s", cb_err_msg());
}

static void done(struct view *v)
{
	struct plans_view *pv = v->priv;
	cb_doc_free(&pv->doc);
	free(pv->rows);
	free(pv);
}

static const struct view_ops plans_ops = {
	.name = "plan",
	.keymap = KM_PLANS,
	.request = request,
	.draw = draw,
	.resume = resume,
	.done = done,
};

struct view *view_child_plans_open(struct tui *t, const char *person_id)
{
	struct plans_view *pv = calloc(1, sizeof *pv);
	struct view *v = pv ? view_new(t, &plans_ops, pv) : NULL;
	if (!v) {
		free(pv);
		tui_error(t, "%s", _("out of memory"));
		return NULL;
	}
	snprintf(pv->id, sizeof pv->id, "%s", person_id);
	pv->type = cb_record_type_find("plan");
	if (!pv->type || load(v)) {
		tui_error(t, "%s", cb_err_msg());
		done(v);
		free(v);
		return NULL;
	}
	return v;
}
