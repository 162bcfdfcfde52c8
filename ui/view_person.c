/* view_person.c - one child or young person: who they are, what is due,
 * and their records with when and by whom each last changed. */
#include "ui.h"
#include "export_ui.h"
#include "history_ui.h"
#include "date.h"
#include "alerts.h"
#include "due.h"
#include "err.h"
#include "forms.h"
#include "i18n.h"
#include "plan.h"
#include "record.h"
#include "sanitize.h"
#include "view_resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NREC 8

struct person_view {
	char id[11];
	char *name, *preferred, *dob, *gender, *status, *worker, *pa, *team;
	struct cb_due due;
	int age;
	struct {
		const struct cb_record_type *type;
		int exists;
		char changed[64];   /* "2026-05-01 14:03" */
		char *by;           /* author name (raw) */
		char summary[160];  /* "12 entries" (safe) */
	} rec[NREC];
	size_t nrec;
	struct list l;
	struct cb_alert_list alerts; /* worst first */
	char alerts_error[300];      /* why there are none (a bad config/rules) */
};

static void person_clear(struct person_view *pv)
{
	free(pv->name);
	free(pv->preferred);
	free(pv->dob);
	free(pv->gender);
	free(pv->status);
	free(pv->worker);
	free(pv->pa);
	free(pv->team);
	pv->name = pv->preferred = pv->dob = pv->gender = pv->status = NULL;
	pv->worker = pv->pa = pv->team = NULL;
	for (size_t i = 0; i < pv->nrec; i++) {
		free(pv->rec[i].by);
		pv->rec[i].by = NULL;
	}
	pv->nrec = 0;
}

static char *dup0(const char *s)
{
	return strdup(s ? s : "");
}

static int got_person(const struct cb_person_row *p, void *ctx)
{
	struct person_view *pv = ctx;
	struct cb_date today, dob;
	pv->name = dup0(p->name);
	pv->preferred = dup0(p->preferred_name);
	pv->dob = dup0(p->dob);
	pv->gender = dup0(p->gender);
	pv->status = dup0(p->status);
	pv->worker = dup0(p->worker);
	pv->pa = dup0(p->pa);
	pv->team = dup0(p->team);
	cb_date_today(&today);
	pv->age = p->dob && cb_date_parse(p->dob, &dob) == 0 ? cb_age_on(&dob, &today) : -1;
	return 0;
}

static int got_record(const struct cb_record_row *r, void *ctx)
{
	struct person_view *pv = ctx;
	for (size_t i = 0; i < pv->nrec; i++) {
		if (strcmp(pv->rec[i].type->name, r->type) != 0)
			continue;
		time_t tt = (time_t)r->time;
		struct tm tm;
		if (localtime_r(&tt, &tm))
			strftime(pv->rec[i].changed, sizeof pv->rec[i].changed, "%Y-%m-%d %H:%M", &tm);
		free(pv->rec[i].by);
		pv->rec[i].by = dup0(r->author_name);
	}
	return 0;
}

/* A few words on what each record holds, read from the record itself. */
static void summarise(struct tui *t, struct person_view *pv, size_t i)
{
	const struct cb_record_type *type = pv->rec[i].type;
	struct cb_doc doc;
	int exists = 0;
	if (cb_ws_read(t->ws, NULL, pv->id, type, &doc, &exists)) {
		snprintf(pv->rec[i].summary, sizeof pv->rec[i].summary, "%s", _("damaged: see casebook show"));
		return;
	}
	pv->rec[i].exists = exists;
	size_t items = doc.nstanzas ? doc.nstanzas - 1 : 0;
	char *s = pv->rec[i].summary;
	size_t n = sizeof pv->rec[i].summary;
	if (!exists) {
		snprintf(s, n, "%s", _("not started"));
	} else if (strcmp(type->name, "chronology") == 0) {
		snprintf(s, n, ngettext("%zu entry", "%zu entries", items), items);
	} else if (strcmp(type->name, "genogram") == 0) {
		size_t m = 0;
		for (size_t k = 1; k < doc.nstanzas; k++) {
			const char *kind = cb_stanza_get(&doc.stanzas[k], "Kind");
			if (kind && strcmp(kind, "member") == 0)
				m++;
		}
		ui_family_counts(s, n, m, items - m);
	} else if (strcmp(type->name, "pathway-plan") == 0) {
		const char *next = cb_stanza_get(&doc.stanzas[0], "Next-Review");
		size_t filled = 0, sections = 0;
		for (size_t k = 1; k < doc.nstanzas; k++) {
			const char *kind = cb_stanza_get(&doc.stanzas[k], "Kind");
			if (!kind || strcmp(kind, "section") != 0)
				continue;
			sections++;
			if (cb_stanza_filled(&doc.stanzas[k], cb_record_stanza_def(&doc, type, k)))
				filled++;
		}
		char *safe = cb_sanitize(next ? next : "-", CB_SAN_ONELINE);
		snprintf(s, n, ngettext("%zu of %zu section filled, next review %s",
					"%zu of %zu sections filled, next review %s", sections),
			 filled, sections, safe ? safe : "");
		free(safe);
	} else if (strcmp(type->name, "plan") == 0) {
		char today[11];
		struct cb_date d;
		size_t cur = 0, past = 0;
		const char *what = NULL;
		cb_date_today(&d);
		cb_date_format(&d, today);
		for (size_t k = 1; k < doc.nstanzas; k++) {
			const char *kind = cb_stanza_get(&doc.stanzas[k], "Kind");
			if (!kind || strcmp(kind, "plan") != 0)
				continue;
			if (cb_plan_is_open(&doc.stanzas[k], today)) {
				cur++;
				what = cb_stanza_get(&doc.stanzas[k], "Type");
			} else {
				past++;
			}
		}
		char *safe = cb_sanitize(what ? what : "", CB_SAN_ONELINE);
		if (cur == 1)
			snprintf(s, n, _("on a %s plan; %zu past"), safe ? safe : "", past);
		else
			snprintf(s, n, ngettext("%zu current plan, %zu past",
						"%zu current plans, %zu past", cur), cur, past);
		free(safe);
	} else if (strcmp(type->name, "person") == 0) {
		snprintf(s, n, "%s", _("details"));
	} else {
		snprintf(s, n, ngettext("%zu item", "%zu items", items), items);
	}
	cb_doc_free(&doc);
}

static int load(struct view *v)
{
	struct person_view *pv = v->priv;
	person_clear(pv);
	cb_alert_list_free(&pv->alerts);
	int rc = cb_index_person(&v->t->ws->index, pv->id, got_person, pv);
	if (rc)
		return rc;
	for (size_t i = 0; cb_record_types[i] && pv->nrec < NREC; i++) {
		pv->rec[pv->nrec].type = cb_record_types[i];
		pv->rec[pv->nrec].changed[0] = '\0';
		pv->rec[pv->nrec].exists = 0;
		pv->nrec++;
	}
	if ((rc = cb_index_records(&v->t->ws->index, pv->id, got_record, pv)))
		return rc;
	/* The child's alerts, worst first, from the index. */
	struct cb_rules_config cfg;
	struct cb_alert_query q = { .id = pv->id, .rule = -1 };
	struct cb_date today;
	cb_date_today(&today);
	cb_alert_list_free(&pv->alerts);
	pv->alerts_error[0] = '\0';
	memset(&pv->due, 0, sizeof pv->due);
	if (cb_alerts_config(&v->t->ws->index, &cfg) == 0) {
		/* Next due by the same rules and thresholds as the alerts. */
		struct cb_due_map dues = { 0 };
		if (cb_alerts_collect(&v->t->ws->index, &cfg, &q, &today, &pv->alerts) ||
		    cb_due_map_load(&dues, &v->t->ws->index, &cfg, NULL, NULL, pv->id, &today))
			snprintf(pv->alerts_error, sizeof pv->alerts_error, "%s", cb_err_msg());
		else if (cb_due_map_find(&dues, pv->id))
			pv->due = *cb_due_map_find(&dues, pv->id);
		cb_due_map_free(&dues);
		cb_rules_config_free(&cfg);
	} else {
		snprintf(pv->alerts_error, sizeof pv->alerts_error, "%s", cb_err_msg());
	}
	for (size_t i = 0; i < pv->nrec; i++)
		summarise(v->t, pv, i);
	list_set_count(&pv->l, pv->nrec);
	char *safe = cb_sanitize(pv->name, CB_SAN_ONELINE);
	snprintf(v->title, sizeof v->title, "%s %s %s", safe ? safe : "", glyph(GL_DASH),
		 pv->id);
	free(safe);
	return 0;
}

/* "Label: value" with the label in its colour; returns the next x. */
static int field(int y, int x, int width, const char *label, const char *raw)
{
	if (width <= 0)
		return x;
	theme_set(TH_LABEL);
	int used = draw_text(y, x, width, label);
	theme_set(TH_NORMAL);
	char *safe = cb_sanitize(raw && *raw ? raw : "-", CB_SAN_ONELINE);
	used += 1 + draw_text(y, x + used + 1, width - used - 1, safe ? safe : "");
	free(safe);
	return x + used + 3;
}

static void draw(struct view *v, int top, int rows)
{
	struct person_view *pv = v->priv;
	int y = top + 1, w = COLS - 2;
	if (rows < 6)
		return;
	theme_set(TH_HEADER);
	draw_cell(y, 1, w / 2, pv->name);
	theme_set(TH_NORMAL);
	if (pv->preferred && *pv->preferred) {
		int x = 1 + w / 2;
		field(y, x, COLS - x - 1, _("Known as"), pv->preferred);
	}
	y++;
	char age[32];
	if (pv->age >= 0)
		snprintf(age, sizeof age, "%d", pv->age);
	else
		snprintf(age, sizeof age, "?");
	int x = field(y, 1, w, _("Age"), age);
	x = field(y, x, COLS - x - 1, _("Born"), pv->dob);
	x = field(y, x, COLS - x - 1, _("Status"), pv->status);
	field(y, x, COLS - x - 1, _("Gender"), pv->gender);
	y++;
	x = field(y, 1, w, _("Worker"), pv->worker);
	x = field(y, x, COLS - x - 1, _("PA"), pv->pa);
	field(y, x, COLS - x - 1, _("Team"), pv->team);
	y++;
	theme_set(TH_LABEL);
	x = 1 + draw_text(y, 1, w, _("Next due"));
	theme_set(pv->due.overdue ? TH_WARN : TH_NORMAL);
	if (pv->due.has) {
		char d[11], line[200];
		cb_date_format(&pv->due.date, d);
		snprintf(line, sizeof line, "%s %s%s", d, pv->due.what,
			 pv->due.overdue ? _(" (overdue)") : "");
		draw_text(y, x + 1, w - x, line);
	} else {
		draw_text(y, x + 1, w - x, _("nothing"));
	}
	theme_set(TH_NORMAL);
	y += 2;
	theme_set(TH_HEADER);
	draw_clear_to(y, 0, COLS);
	int c1 = 16, c3 = COLS >= 100 ? 36 : 26;
	int c2 = COLS - 2 - c1 - c3 - 4;
	draw_text(y, 1, c1, _("Record"));
	draw_text(y, 1 + c1 + 2, c2, _("Holds"));
	draw_text(y, 1 + c1 + 2 + c2 + 2, c3, _("Last changed"));
	theme_set(TH_NORMAL);
	y++;
	for (size_t i = 0; i < pv->nrec && y < top + rows; i++, y++) {
		theme_set(i == pv->l.sel ? TH_SELECTED : TH_NORMAL);
		draw_clear_to(y, 0, COLS);
		draw_cell_safe(y, 1, c1, _(pv->rec[i].type->label));
		if (!pv->rec[i].exists && i != pv->l.sel)
			theme_set(TH_DIM);
		draw_cell_safe(y, 1 + c1 + 2, c2, pv->rec[i].summary);
		char changed[300] = "";
		if (pv->rec[i].changed[0]) {
			char *by = cb_sanitize(pv->rec[i].by, CB_SAN_ONELINE);
			/* The time of day only when there is room for it. */
			snprintf(changed, sizeof changed, _("%.*s by %s"),
				 COLS >= 100 ? (int)sizeof pv->rec[i].changed : 10,
				 pv->rec[i].changed, by ? by : "");
			free(by);
		}
		draw_cell_safe(y, 1 + c1 + 2 + c2 + 2, c3, changed);
		theme_set(TH_NORMAL);
	}
	/* Alerts, worst first: when, what, why. */
	if (y + 2 >= top + rows)
		return;
	y++;
	theme_set(TH_HEADER);
	draw_clear_to(y, 0, COLS);
	char head[96];
	snprintf(head, sizeof head, _("Alerts (%zu), worst first"), pv->alerts.n);
	draw_text(y, 1, COLS - 2, head);
	theme_set(TH_NORMAL);
	y++;
	if (pv->alerts_error[0] && y < top + rows) {
		theme_set(TH_WARN);
		draw_cell(y++, 1, COLS - 2, pv->alerts_error);
		theme_set(TH_NORMAL);
	} else if (!pv->alerts.n && y < top + rows) {
		draw_text(y++, 1, COLS - 2, _("nothing due or overdue"));
	}
	for (size_t i = 0; i < pv->alerts.n && y < top + rows; i++, y++) {
		const struct cb_alert *a = &pv->alerts.v[i].a;
		char when[64], line[400];
		cb_alert_when(a, when, sizeof when);
		snprintf(line, sizeof line, "%-6s %-26s %s: %s", cb_severity_name(a->severity), when,
			 _(cb_rules[a->rule].title), a->reason);
		theme_set(!a->dated || a->overdue_days > 0 ? TH_WARN : TH_NORMAL);
		draw_clear_to(y, 0, COLS);
		draw_cell(y, 1, COLS - 2, line);
		theme_set(TH_NORMAL);
	}
}

/* Record types without a screen of their own are shown as their text. */
static void show_record(struct view *v, const char *name)
{
	struct person_view *pv = v->priv;
	const struct cb_record_type *type = cb_record_type_find(name);
	struct cb_doc doc;
	int exists = 0;
	if (!type || cb_ws_read(v->t->ws, NULL, pv->id, type, &doc, &exists)) {
		tui_error(v->t, "%s", cb_err_msg());
		return;
	}
	char *text = exists ? cb_record_serialise(&doc, type, NULL) : NULL;
	cb_doc_free(&doc);
	if (!exists) {
		tui_message(v->t, _("%s: nothing recorded yet"), _(type->label));
		return;
	}
	char title[300];
	char *who = cb_sanitize(pv->name, CB_SAN_ONELINE);
	snprintf(title, sizeof title, "%s %s %s", _(type->label), glyph(GL_DASH), who ? who : "");
	free(who);
	if (text)
		tui_push(v->t, view_pager_open(v->t, title, text));
	free(text);
}

static void open_record(struct view *v, const char *name)
{
	struct person_view *pv = v->priv;
	if (strcmp(name, "person") == 0)
		tui_push(v->t, view_form_open(v->t, pv->id, "person", NULL, NULL, NULL));
	else if (strcmp(name, "chronology") == 0)
		tui_push(v->t, view_chronology_open(v->t, pv->id));
	else if (strcmp(name, "genogram") == 0)
		tui_push(v->t, view_genogram_open(v->t, pv->id));
	else if (strcmp(name, "pathway-plan") == 0)
		tui_push(v->t, view_plan_open(v->t, pv->id));
	else if (strcmp(name, "plan") == 0)
		tui_push(v->t, view_child_plans_open(v->t, pv->id));
	else
		show_record(v, name);
}

static int request(struct view *v, enum request r)
{
	struct person_view *pv = v->priv;
	if (list_request(&pv->l, r, (int)pv->nrec))
		return 1;
	switch (r) {
	case REQ_ENTER:
		if (pv->l.sel < pv->nrec)
			open_record(v, pv->rec[pv->l.sel].type->name);
		return 1;
	case REQ_PERSON_DETAILS:
		open_record(v, "person");
		return 1;
	case REQ_CHRONOLOGY:
		open_record(v, "chronology");
		return 1;
	case REQ_GENOGRAM:
		open_record(v, "genogram");
		return 1;
	case REQ_PLAN:
		open_record(v, "pathway-plan");
		return 1;
	case REQ_PLANS:
		open_record(v, "plan");
		return 1;
	case REQ_BLAME:
		/* h and @ are about the whole person; blame about one record. */
		if (pv->l.sel < pv->nrec)
			return ui_history_request(v, r, pv->id, pv->rec[pv->l.sel].type);
		return 1;
	case REQ_HISTORY:
	case REQ_AS_AT:
		return ui_history_request(v, r, pv->id, NULL);
	case REQ_EXPORT:
		return ui_export_menu(v->t, pv->id, 0);
	case REQ_RESOLVE:
		tui_push(v->t, view_conflicts_open(v->t, pv->id));
		return 1;
	default:
		return 0;
	}
}

static void resume(struct view *v)
{
	if (load(v))
		tui_error(v->t, "%s", cb_err_msg());
}

static void done(struct view *v)
{
	struct person_view *pv = v->priv;
	person_clear(pv);
	cb_alert_list_free(&pv->alerts);
	free(pv);
}

static const struct view_ops person_ops = {
	.name = "person",
	.keymap = KM_PERSON,
	.request = request,
	.draw = draw,
	.resume = resume,
	.done = done,
};

struct view *view_person_open(struct tui *t, const char *person_id)
{
	struct person_view *pv = calloc(1, sizeof *pv);
	struct view *v = pv ? view_new(t, &person_ops, pv) : NULL;
	if (!v) {
		free(pv);
		tui_error(t, "%s", _("out of memory"));
		return NULL;
	}
	snprintf(pv->id, sizeof pv->id, "%s", person_id);
	if (load(v)) {
		tui_error(t, "%s", cb_err_msg());
		done(v);
		free(v);
		return NULL;
	}
	return v;
}
