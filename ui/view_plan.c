/* view_plan.c - a care leaver's pathway plan: its dates, the young
 * person's views, the contingency plan, the ten statutory sections (each
 * marked filled or not) and the reviews. Enter edits the selected part in
 * the form engine: the plan's own fields, one section, or one review.
 *
 * The contingency plan and the young person's views are shown near the
 * top and flagged when empty because inspectors repeatedly find them
 * missing (DOMAIN.md, reference/003). */
#include "ui.h"
#include "history_ui.h"
#include "view_resolve.h"
#include "export_ui.h"
#include "date.h"
#include "err.h"
#include "forms.h"
#include "i18n.h"
#include "record.h"
#include "sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum row_kind { ROW_HEADING, ROW_FIELD, ROW_SECTION, ROW_REVIEW };

struct row {
	enum row_kind kind;
	const char *text;    /* heading text, or the header field's name */
	size_t stanza;       /* for sections and reviews */
};

struct plan_view {
	char id[11];
	const struct cb_record_type *type;
	struct cb_doc doc;
	int exists;
	struct row *rows;
	size_t nrows;
	struct list l;
	int body;
};

/* What the section keys (stored) are called on screen. */
static const struct {
	const char *key, *label;
} section_labels[] = {
	{ "contact-support", N_("Contact and personal support") },
	{ "accommodation", N_("Accommodation") },
	{ "education-training", N_("Education and training") },
	{ "employment", N_("Employment or other activity") },
	{ "relationships", N_("Family and social relationships") },
	{ "practical-skills", N_("Practical and living skills") },
	{ "finance", N_("Financial support") },
	{ "health", N_("Health, including mental health") },
	{ "identity", N_("Identity") },
	{ "contingency", N_("Contingency") },
};

static const char *section_label(const char *key, int *number)
{
	for (size_t i = 0; i < sizeof section_labels / sizeof section_labels[0]; i++)
		if (key && strcmp(section_labels[i].key, key) == 0) {
			*number = (int)i + 1;
			return _(section_labels[i].label);
		}
	*number = 0;
	return key ? key : "?";
}

/* The plan's own fields shown on this screen, in this order. */
static const char *const header_rows[] = {
	"Personal-Adviser", "Needs-Assessment-Date", "Plan-Date", "Last-Review",
	"Next-Review", "Young-Person-Views", "Contingency-Plan", "Consent-To-Share",
	"Staying-Put", "Local-Offer-Discussed", NULL
};

static const char *hget(struct plan_view *pv, const char *name)
{
	return pv->doc.nstanzas ? cb_stanza_get(&pv->doc.stanzas[0], name) : NULL;
}

static const char *kind_of(struct plan_view *pv, size_t i)
{
	const char *k = cb_stanza_get(&pv->doc.stanzas[i], "Kind");
	return k ? k : "";
}

static int add_row(struct plan_view *pv, enum row_kind kind, const char *text, size_t stanza)
{
	void *nv = realloc(pv->rows, (pv->nrows + 1) * sizeof *pv->rows);
	if (!nv)
		return cb_err(CB_ENOMEM, _("out of memory"));
	pv->rows = nv;
	pv->rows[pv->nrows++] = (struct row){ kind, text, stanza };
	return 0;
}

static int build(struct plan_view *pv)
{
	pv->nrows = 0;
	int rc = add_row(pv, ROW_HEADING, N_("The plan"), 0);
	for (size_t i = 0; header_rows[i] && !rc; i++)
		rc = add_row(pv, ROW_FIELD, header_rows[i], 0);
	if (!rc)
		rc = add_row(pv, ROW_HEADING, N_("Sections"), 0);
	for (size_t i = 1; i < pv->doc.nstanzas && !rc; i++)
		if (strcmp(kind_of(pv, i), "section") == 0)
			rc = add_row(pv, ROW_SECTION, NULL, i);
	if (!rc)
		rc = add_row(pv, ROW_HEADING, N_("Reviews (r records one)"), 0);
	for (size_t i = 1; i < pv->doc.nstanzas && !rc; i++)
		if (strcmp(kind_of(pv, i), "review") == 0)
			rc = add_row(pv, ROW_REVIEW, NULL, i);
	return rc;
}

/* Selection never rests on a heading. */
static void skip_headings(struct plan_view *pv, int dir)
{
	while (pv->l.sel < pv->nrows && pv->rows[pv->l.sel].kind == ROW_HEADING) {
		if (dir > 0 && pv->l.sel + 1 < pv->nrows)
			pv->l.sel++;
		else if (dir < 0 && pv->l.sel > 0)
			pv->l.sel--;
		else if (dir < 0)
			dir = 1;
		else
			break;
	}
}

static int load(struct view *v)
{
	struct plan_view *pv = v->priv;
	size_t keep = pv->l.sel;
	cb_doc_free(&pv->doc);
	int rc = cb_ws_read(v->t->ws, NULL, pv->id, pv->type, &pv->doc, &pv->exists);
	if (rc) {
		memset(&pv->doc, 0, sizeof pv->doc);
		return rc;
	}
	if ((rc = build(pv)))
		return rc;
	list_set_count(&pv->l, pv->nrows);
	pv->l.sel = keep < pv->nrows ? keep : 0;
	skip_headings(pv, 1);
	char *who = ui_person_title(v->t, pv->id);
	snprintf(v->title, sizeof v->title, _("Pathway plan %s %s%s"), glyph(GL_DASH),
		 who ? who : pv->id, pv->exists ? "" : _(" (not started)"));
	free(who);
	return 0;
}

static void mark(int y, int x, int filled, int warn_empty)
{
	theme_set(filled ? TH_OK : warn_empty ? TH_WARN : TH_DIM);
	draw_text(y, x, 2, filled ? glyph(GL_CHECK) : warn_empty ? glyph(GL_WARN) : glyph(GL_EMPTY));
	theme_set(TH_NORMAL);
}

/* The next review, with whether it is overdue. */
static void review_note(struct plan_view *pv, char *out, size_t n)
{
	struct cb_date today, d;
	cb_date_today(&today);
	const char *next = hget(pv, "Next-Review");
	const char *last = hget(pv, "Last-Review");
	const char *plan = hget(pv, "Plan-Date");
	out[0] = '\0';
	if (next && cb_date_parse(next, &d) == 0) {
		if (cb_date_cmp(&d, &today) < 0)
			snprintf(out, n, "%s", _("overdue"));
	} else if ((last && cb_date_parse(last, &d) == 0) ||
		   (plan && cb_date_parse(plan, &d) == 0)) {
		char buf[11];
		cb_date_add_months(&d, 6);
		cb_date_format(&d, buf);
		snprintf(out, n, _("due by %s (6 months)%s"), buf,
			 cb_date_cmp(&d, &today) < 0 ? _(", overdue") : "");
	}
}

static void draw_row(struct view *v, const struct row *r, int y, int sel)
{
	struct plan_view *pv = v->priv;
	int lw = COLS >= 100 ? 34 : 31;
	int vx = 4 + lw + 1, vw = COLS - vx - 1;
	theme_set(sel ? TH_SELECTED : TH_NORMAL);
	draw_clear_to(y, 0, COLS);
	if (r->kind == ROW_HEADING) {
		theme_set(TH_HEADER);
		draw_text(y, 1, COLS - 2, _(r->text));
		theme_set(TH_NORMAL);
		return;
	}
	if (r->kind == ROW_FIELD) {
		const struct cb_field_def *fd = cb_stanza_def_field(pv->type->header, r->text);
		const char *val = hget(pv, r->text);
		int important = strcmp(r->text, "Contingency-Plan") == 0 ||
				strcmp(r->text, "Young-Person-Views") == 0;
		if (!sel)
			mark(y, 1, val && *val, important);
		theme_set(sel ? TH_SELECTED : TH_LABEL);
		draw_text(y, 4, lw, fd ? _(fd->label) : r->text);
		theme_set(sel ? TH_SELECTED : TH_NORMAL);
		char *first = cb_sanitize_first_line(val && *val ? val : "");
		int used = draw_text(y, vx, vw, first && *first ? first
				     : important ? _("missing") : "-");
		free(first);
		if (strcmp(r->text, "Next-Review") == 0) {
			char note[128];
			review_note(pv, note, sizeof note);
			if (note[0] && vw - used > 4) {
				if (!sel)
					theme_set(TH_WARN);
				draw_text(y, vx + used + 2, vw - used - 2, note);
			}
		}
		theme_set(TH_NORMAL);
		return;
	}
	const struct cb_stanza *s = &pv->doc.stanzas[r->stanza];
	const struct cb_stanza_def *sd = cb_record_stanza_def(&pv->doc, pv->type, r->stanza);
	if (r->kind == ROW_SECTION) {
		int num;
		const char *label = section_label(cb_stanza_get(s, "Section"), &num);
		if (!sel)
			mark(y, 1, cb_stanza_filled(s, sd), 0);
		theme_set(sel ? TH_SELECTED : TH_NORMAL);
		char buf[160];
		snprintf(buf, sizeof buf, "%2d %s", num, label);
		draw_text(y, 4, lw, buf);
		const char *status = cb_stanza_get(s, "Status");
		const char *who = cb_stanza_get(s, "Who");
		const char *by = cb_stanza_get(s, "By-When");
		char line[512];
		snprintf(line, sizeof line, "%-12s %s%s%s", status ? status : "",
			 who ? who : "", by ? _(" by ") : "", by ? by : "");
		draw_cell(y, vx, vw, line);
	} else {
		const char *date = cb_stanza_get(s, "Date");
		const char *reason = cb_stanza_get(s, "Reason");
		const char *notes = cb_stanza_get(s, "Notes");
		theme_set(sel ? TH_SELECTED : TH_NORMAL);
		char buf[160];
		snprintf(buf, sizeof buf, _("Review %s"), date ? date : "?");
		char *safe = cb_sanitize(buf, CB_SAN_ONELINE);
		draw_text(y, 4, lw, safe ? safe : "");
		free(safe);
		char line[512];
		snprintf(line, sizeof line, "%-20s %s", reason ? reason : "",
			 notes ? notes : "");
		char *first = cb_sanitize_first_line(line);
		draw_cell_safe(y, vx, vw, first ? first : "");
		free(first);
	}
	theme_set(TH_NORMAL);
}

static void draw(struct view *v, int top, int rows)
{
	struct plan_view *pv = v->priv;
	pv->body = rows;
	list_scroll(&pv->l, rows);
	for (int r = 0; r < rows; r++) {
		size_t i = pv->l.top + (size_t)r;
		if (i >= pv->nrows)
			break;
		draw_row(v, &pv->rows[i], top + r, i == pv->l.sel);
	}
}

static void edit(struct view *v)
{
	struct plan_view *pv = v->priv;
	if (pv->l.sel >= pv->nrows)
		return;
	const struct row *r = &pv->rows[pv->l.sel];
	if (r->kind == ROW_FIELD) {
		tui_push(v->t, view_form_open(v->t, pv->id, "pathway-plan", NULL, NULL, r->text));
	} else if (r->kind == ROW_SECTION || r->kind == ROW_REVIEW) {
		const char *id = cb_stanza_get(&pv->doc.stanzas[r->stanza], "Id");
		if (id)
			tui_push(v->t, view_form_open(v->t, pv->id, "pathway-plan",
						      r->kind == ROW_SECTION ? "section" : "review",
						      id, NULL));
	}
}

static int request(struct view *v, enum request r)
{
	struct plan_view *pv = v->priv;
	size_t before = pv->l.sel;
	if (list_request(&pv->l, r, pv->body ? pv->body : 10)) {
		skip_headings(pv, pv->l.sel >= before ? 1 : -1);
		list_scroll(&pv->l, pv->body ? pv->body : 10);
		return 1;
	}
	switch (r) {
	case REQ_ENTER:
		edit(v);
		return 1;
	case REQ_ADD_REVIEW:
		tui_push(v->t, view_form_open(v->t, pv->id, "pathway-plan", "review", NULL, NULL));
		return 1;
	default:
		return ui_history_request(v, r, pv->id, cb_record_type_find("pathway-plan")) ||
		       ui_resolve_request(v, r, pv->id, cb_record_type_find("pathway-plan")) ||
		       ui_export_request(v, r, pv->id);
	}
}

static void resume(struct view *v)
{
	if (load(v))
		tui_error(v->t, "%s", cb_err_msg());
}

static void done(struct view *v)
{
	struct plan_view *pv = v->priv;
	cb_doc_free(&pv->doc);
	free(pv->rows);
	free(pv);
}

static const struct view_ops plan_ops = {
	.name = "pathway-plan",
	.keymap = KM_PLAN,
	.request = request,
	.draw = draw,
	.resume = resume,
	.done = done,
};

struct view *view_plan_open(struct tui *t, const char *person_id)
{
	struct plan_view *pv = calloc(1, sizeof *pv);
	struct view *v = pv ? view_new(t, &plan_ops, pv) : NULL;
	if (!v) {
		free(pv);
		tui_error(t, "%s", _("out of memory"));
		return NULL;
	}
	snprintf(pv->id, sizeof pv->id, "%s", person_id);
	pv->type = cb_record_type_find("pathway-plan");
	if (!pv->type || load(v)) {
		tui_error(t, "%s", cb_err_msg());
		done(v);
		free(v);
		return NULL;
	}
	return v;
}
