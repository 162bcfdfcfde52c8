/* view_alerts.c - the team view of alerts: a manager's list of what is
 * due, overdue or drifting across the team, worst first, filterable by
 * worker (w) and by rule (f); x clears the filters, t switches between
 * the team and everyone, Enter opens the child. The rows and filters are
 * the model's (cb_alert_board, src/alerts.c); this file only draws. */
#include "ui.h"
#include "alerts.h"
#include "err.h"
#include "i18n.h"
#include "sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct alerts_view {
	struct cb_alert_board b;
	char *team;       /* the user's team; NULL when not known */
	int everyone;
	struct list l;
	int rows;
};

static void set_title(struct view *v)
{
	struct alerts_view *av = v->priv;
	char filt[300] = "";
	if (av->b.worker >= 0 || av->b.rule >= 0) {
		char *w = av->b.worker >= 0 ? cb_sanitize(av->b.workers[av->b.worker],
							  CB_SAN_ONELINE) : NULL;
		snprintf(filt, sizeof filt, _("  worker: %s  rule: %s"), w ? w : _("any"),
			 av->b.rule >= 0 ? cb_rules[av->b.rule].name : _("any"));
		free(w);
	}
	char *team = av->b.team ? cb_sanitize(av->b.team, CB_SAN_ONELINE) : NULL;
	snprintf(v->title, sizeof v->title, _("Alerts %s %s (%zu of %zu)%s"), glyph(GL_DASH),
		 team ? team : _("everyone"), av->b.nview, av->b.all.n, filt);
	free(team);
}

static int load(struct view *v)
{
	struct alerts_view *av = v->priv;
	struct cb_date today;
	cb_date_today(&today);
	int rc = cb_alert_board_load(&av->b, &v->t->ws->index, av->everyone ? NULL : av->team,
				     &today);
	list_set_count(&av->l, av->b.nview);
	set_title(v);
	if (!rc && av->b.rules_error)
		tui_error(v->t, _("alerts off: %s"), av->b.rules_error);
	return rc;
}

static void draw(struct view *v, int top, int rows)
{
	struct alerts_view *av = v->priv;
	int wname = COLS >= 120 ? 24 : 18, wwork = COLS >= 120 ? 26 : 16, wsev = 6, wwhen = 24;
	int wwhat = COLS - 2 - wname - wwork - wsev - wwhen - 8;
	if (wwhat < 10)
		wwhat = 10;
	theme_set(TH_HEADER);
	draw_clear_to(top, 0, COLS);
	int x = 1;
	draw_text(top, x, wname, _("Name"));
	x += wname + 2;
	draw_text(top, x, wwork, _("Worker"));
	x += wwork + 2;
	draw_text(top, x, wsev, _("Level"));
	x += wsev + 2;
	draw_text(top, x, wwhen, _("When"));
	x += wwhen + 2;
	draw_text(top, x, wwhat, _("What and why"));
	theme_set(TH_NORMAL);
	rows--;
	av->rows = rows;
	if (!av->b.nview) {
		draw_text(top + 2, 2, COLS - 4, av->b.all.n ? _("No alerts match. x clears the filters.")
						   : _("No alerts."));
		return;
	}
	list_scroll(&av->l, rows);
	for (int r = 0; r < rows; r++) {
		size_t i = av->l.top + (size_t)r;
		if (i >= av->b.nview)
			break;
		const struct cb_alert_row *row = &av->b.all.v[av->b.view[i]];
		int y = top + 1 + r, sel = i == av->l.sel;
		int bad = !row->a.dated || row->a.overdue_days > 0;
		theme_set(sel ? TH_SELECTED : bad ? TH_WARN : TH_NORMAL);
		draw_clear_to(y, 0, COLS);
		x = 1;
		draw_cell(y, x, wname, row->name);
		x += wname + 2;
		draw_cell(y, x, wwork, row->worker);
		x += wwork + 2;
		draw_cell_safe(y, x, wsev, cb_severity_name(row->a.severity));
		x += wsev + 2;
		char when[64], what[400];
		cb_alert_when(&row->a, when, sizeof when);
		draw_cell_safe(y, x, wwhen, when);
		x += wwhen + 2;
		snprintf(what, sizeof what, "%s: %s", _(cb_rules[row->a.rule].title), row->a.reason);
		draw_cell(y, x, wwhat, what);
		theme_set(TH_NORMAL);
	}
}

static int request(struct view *v, enum request r)
{
	struct alerts_view *av = v->priv;
	if (list_request(&av->l, r, av->rows ? av->rows : 10))
		return 1;
	switch (r) {
	case REQ_ENTER:
		if (av->l.sel < av->b.nview)
			tui_push(v->t, view_person_open(v->t, av->b.all.v[av->b.view[av->l.sel]].id));
		return 1;
	case REQ_FILTER_AUTHOR:
		cb_alert_board_next_worker(&av->b);
		break;
	case REQ_FILTER_CATEGORY:
		cb_alert_board_next_rule(&av->b);
		break;
	case REQ_FILTER_CLEAR:
		cb_alert_board_clear(&av->b);
		break;
	case REQ_SCOPE:
		if (!av->team) {
			tui_message(v->t, "%s", _("Your team is not known: showing everyone"));
			return 1;
		}
		av->everyone = !av->everyone;
		if (load(v))
			tui_error(v->t, "%s", cb_err_msg());
		return 1;
	default:
		return 0;
	}
	av->l.sel = 0;
	av->l.top = 0;
	list_set_count(&av->l, av->b.nview);
	set_title(v);
	return 1;
}

static void resume(struct view *v)
{
	if (load(v))
		tui_error(v->t, "%s", cb_err_msg());
}

static void done(struct view *v)
{
	struct alerts_view *av = v->priv;
	cb_alert_board_free(&av->b);
	free(av->team);
	free(av);
}

static const struct view_ops alerts_ops = {
	.name = "alerts",
	.keymap = KM_ALERTS,
	.request = request,
	.draw = draw,
	.resume = resume,
	.done = done,
};

struct view *view_alerts_open(struct tui *t, const char *team)
{
	struct alerts_view *av = calloc(1, sizeof *av);
	struct view *v = av ? view_new(t, &alerts_ops, av) : NULL;
	if (!v) {
		free(av);
		cb_err(CB_ENOMEM, _("out of memory"));
		return NULL;
	}
	cb_alert_board_free(&av->b); /* sets the filters to "any" */
	av->team = team ? strdup(team) : NULL;
	av->everyone = !av->team;
	if (load(v)) {
		done(v);
		free(v);
		return NULL;
	}
	return v;
}
