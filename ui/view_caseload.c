/* view_caseload.c - the home screen: whose children, what is due, flags.
 *
 * The rows, their order and the search filter are the caseload model's
 * (src/caseload.c); this file lays them out in columns that fit the
 * terminal, from 80 columns up, and only draws the rows it can see, so a
 * 10,000-person "everyone" list costs no more to draw than a caseload of
 * twelve. */
#include "ui.h"
#include "export_ui.h"
#include "history_ui.h"
#include "caseload.h"
#include "err.h"
#include "i18n.h"
#include "sanitize.h"
#include "view_resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct caseload_view {
	struct cb_caseload cl;
	struct list l;
	char *before_search; /* the filter to go back to when a search is cancelled */
	int rows;            /* body rows at the last draw, for paging */
};

static void set_title(struct view *v)
{
	struct caseload_view *cv = v->priv;
	char filt[200] = "";
	if (cv->cl.filter) {
		char *safe = cb_sanitize(cv->cl.filter, CB_SAN_ONELINE);
		snprintf(filt, sizeof filt, _("  search: %s"), safe ? safe : "");
		free(safe);
	}
	snprintf(v->title, sizeof v->title, _("%s %s %s (%zu of %zu)%s"), "casebook",
		 glyph(GL_DASH), cb_caseload_scope_title(cv->cl.scope),
		 cv->cl.nview, cv->cl.n, filt);
}

static const char *selected_id(struct caseload_view *cv)
{
	if (!cv->cl.nview || cv->l.sel >= cv->cl.nview)
		return NULL;
	return cv->cl.rows[cv->cl.view[cv->l.sel]].id;
}

/* Puts the selection back on the person who had it, after a reload, a
 * new sort or a new search. */
static void reselect(struct caseload_view *cv, const char *id)
{
	list_set_count(&cv->l, cv->cl.nview);
	long at = id ? cb_caseload_find(&cv->cl, id) : -1;
	cv->l.sel = at >= 0 ? (size_t)at : 0;
	list_scroll(&cv->l, cv->rows ? cv->rows : 10);
}

static int load(struct view *v, enum cb_scope scope)
{
	struct caseload_view *cv = v->priv;
	char keep[11] = "";
	const char *id = selected_id(cv);
	if (id)
		snprintf(keep, sizeof keep, "%s", id);
	char *filter = cv->cl.filter ? strdup(cv->cl.filter) : NULL;
	int rc = cb_caseload_load(&cv->cl, v->t->ws, scope);
	if (!rc && filter)
		rc = cb_caseload_filter(&cv->cl, &v->t->ws->index, filter);
	free(filter);
	reselect(cv, keep[0] ? keep : NULL);
	set_title(v);
	if (!rc && cv->cl.rules_error)
		tui_error(v->t, _("alerts off: %s"), cv->cl.rules_error);
	return rc;
}

/* Column widths for the terminal's width: name and "due for" share what
 * the fixed columns leave; past 30 columns a name needs no more, and the
 * alert's reason gets the rest. */
struct layout {
	int name, age, status, due, what, flags;
};

static struct layout lay_out(int cols)
{
	struct layout L = { 0, 3, 16, 10, 0, 10 };
	if (cols >= 110)
		L.flags = 20;
	int rest = cols - 1 - (L.age + L.status + L.due + L.flags) - 2 * 5;
	if (rest < 20)
		rest = 20;
	L.name = rest * 55 / 100;
	if (L.name > 30)
		L.name = 30;
	L.what = rest - L.name;
	return L;
}

static void draw(struct view *v, int top, int rows)
{
	struct caseload_view *cv = v->priv;
	struct layout L = lay_out(COLS);
	int x = 1;
	/* Header, with the sort column marked. */
	theme_set(TH_HEADER);
	draw_clear_to(top, 0, COLS);
	const int widths[CB_COL_N] = { L.name, L.age, L.status, L.due + 2 + L.what, L.flags };
	for (int c = 0; c < CB_COL_N; c++) {
		char h[96];
		snprintf(h, sizeof h, "%s%s", cb_caseload_col_title((enum cb_cl_col)c),
			 (int)cv->cl.sort == c ? glyph(cv->cl.reverse ? GL_UP : GL_DOWN) : "");
		/* The sort mark may use the gap after a narrow column. */
		draw_text(top, x, widths[c] + 1, h);
		x += widths[c] + 2;
	}
	theme_set(TH_NORMAL);
	rows--;
	cv->rows = rows;
	if (!cv->cl.nview) {
		const char *msg = cv->cl.filter ? _("No one matches the search. x clears it.")
			: cv->cl.scope == CB_SCOPE_MINE
			? _("No one is allocated to you. Press t for your team or everyone.")
			: _("No people here yet.");
		draw_text(top + 2, 2, COLS - 4, msg);
		return;
	}
	list_scroll(&cv->l, rows);
	for (int r = 0; r < rows; r++) {
		size_t i = cv->l.top + (size_t)r;
		if (i >= cv->cl.nview)
			break;
		const struct cb_cl_row *row = &cv->cl.rows[cv->cl.view[i]];
		int y = top + 1 + r, sel = i == cv->l.sel;
		theme_set(sel ? TH_SELECTED : TH_NORMAL);
		draw_clear_to(y, 0, COLS);
		x = 1;
		draw_cell(y, x, L.name, row->name);
		x += L.name + 2;
		char age[16] = "";
		if (row->age >= 0)
			snprintf(age, sizeof age, "%3d", row->age);
		draw_cell_safe(y, x, L.age, age);
		x += L.age + 2;
		draw_cell(y, x, L.status, row->status);
		x += L.status + 2;
		/* The worst alert (what and why), else the next due date. */
		char adate[16] = "", what[320];
		cb_caseload_alert(row, what, sizeof what);
		if (row->nalerts && row->worst.dated)
			cb_date_format(&row->worst.due, adate);
		else if (row->nalerts)
			snprintf(adate, sizeof adate, "%s", _("now"));
		if (!sel && (row->due.overdue || (row->nalerts && (!row->worst.dated ||
								   row->worst.overdue_days > 0))))
			theme_set(TH_WARN);
		draw_cell_safe(y, x, L.due, row->nalerts ? adate : row->due_s);
		x += L.due + 2;
		draw_cell(y, x, L.what, row->nalerts ? what : row->due.has ? row->due.what : "");
		x += L.what + 2;
		char flags[96];
		cb_caseload_flags(row, flags, sizeof flags);
		draw_cell_safe(y, x, L.flags, flags);
		theme_set(TH_NORMAL);
	}
}

static void search_change(void *ctx, const char *text)
{
	struct view *v = ctx;
	struct caseload_view *cv = v->priv;
	if (cb_caseload_filter(&cv->cl, &v->t->ws->index, text))
		tui_error(v->t, "%s", cb_err_msg());
	/* Search as you type: the best match is the first row. */
	cv->l.sel = 0;
	cv->l.top = 0;
	list_set_count(&cv->l, cv->cl.nview);
	set_title(v);
}

static void search_done(void *ctx, const char *text, int accepted)
{
	struct view *v = ctx;
	struct caseload_view *cv = v->priv;
	if (!accepted) {
		search_change(v, cv->before_search ? cv->before_search : "");
	} else {
		search_change(v, text);
		if (*text)
			tui_message(v->t, ngettext("%zu found; Enter opens, n/N move, x clears the search",
						   "%zu found; Enter opens, n/N move, x clears the search",
						   cv->cl.nview), cv->cl.nview);
	}
	free(cv->before_search);
	cv->before_search = NULL;
}

static int request(struct view *v, enum request r)
{
	struct caseload_view *cv = v->priv;
	if (list_request(&cv->l, r, cv->rows ? cv->rows : 10))
		return 1;
	const char *id = selected_id(cv);
	switch (r) {
	case REQ_ENTER:
		if (id)
			ui_open_person(v->t, id);
		return 1;
	case REQ_SCOPE: {
		enum cb_scope next = (enum cb_scope)((cv->cl.scope + 1) % CB_SCOPE_N);
		if (load(v, next)) {
			tui_error(v->t, "%s", cb_err_msg());
			/* The team is unknown: skip to everyone. */
			if (next == CB_SCOPE_TEAM && load(v, CB_SCOPE_ALL))
				tui_error(v->t, "%s", cb_err_msg());
		}
		return 1;
	}
	case REQ_SORT:
	case REQ_SORT_REVERSE: {
		char keep[11] = "";
		if (id)
			snprintf(keep, sizeof keep, "%s", id);
		if (r == REQ_SORT)
			cb_caseload_sort(&cv->cl, (enum cb_cl_col)((cv->cl.sort + 1) % CB_COL_N), 0);
		else
			cb_caseload_sort(&cv->cl, cv->cl.sort, !cv->cl.reverse);
		reselect(cv, keep[0] ? keep : NULL);
		tui_message(v->t, _("Sorted by %s"), cb_caseload_col_title(cv->cl.sort));
		return 1;
	}
	case REQ_SEARCH:
		free(cv->before_search);
		cv->before_search = cv->cl.filter ? strdup(cv->cl.filter) : NULL;
		tui_prompt(v->t, "/", cv->cl.filter, search_change, search_done, v);
		return 1;
	case REQ_NEXT:
	case REQ_PREV:
		if (!cv->cl.filter) {
			tui_message(v->t, "%s", _("No search yet: / searches by name or id"));
			return 1;
		}
		/* Every row shown matches, so the next match is the next row. */
		list_request(&cv->l, r == REQ_NEXT ? REQ_DOWN : REQ_UP, cv->rows ? cv->rows : 10);
		return 1;
	case REQ_FILTER_CLEAR:
		search_change(v, "");
		return 1;
	case REQ_REVIEW:
		tui_push(v->t, view_review_open(v->t));
		return 1;
	case REQ_RESOLVE:
		tui_push(v->t, view_conflicts_open(v->t, NULL));
		return 1;
	case REQ_ALERTS: {
		/* The team the caseload knows, else the user's (as t finds it). */
		if (!cv->cl.team && cv->cl.scope != CB_SCOPE_ALL) {
			struct cb_caseload probe = { 0 };
			if (cb_caseload_load(&probe, v->t->ws, CB_SCOPE_TEAM) == 0 && probe.team)
				cv->cl.team = strdup(probe.team);
			cb_err_clear();
			cb_caseload_free(&probe);
		}
		struct view *a = view_alerts_open(v->t, cv->cl.scope == CB_SCOPE_ALL ? NULL
									 : cv->cl.team);
		if (a)
			tui_push(v->t, a);
		else
			tui_error(v->t, "%s", cb_err_msg());
		return 1;
	}
	case REQ_EXPORT:
		return ui_export_menu(v->t, id, 1);
	case REQ_BACK:
		/* q or Esc after a search goes back to the whole list first,
		 * rather than out of the workbench. */
		if (!cv->cl.filter)
			return 0;
		search_change(v, "");
		return 1;
	default:
		return 0;
	}
}

static void resume(struct view *v)
{
	struct caseload_view *cv = v->priv;
	if (load(v, cv->cl.scope))
		tui_error(v->t, "%s", cb_err_msg());
}

static void done(struct view *v)
{
	struct caseload_view *cv = v->priv;
	cb_caseload_free(&cv->cl);
	free(cv->before_search);
	free(cv);
}

static const struct view_ops caseload_ops = {
	.name = "caseload",
	.keymap = KM_CASELOAD,
	.request = request,
	.draw = draw,
	.resume = resume,
	.done = done,
};

struct view *view_caseload_open(struct tui *t)
{
	struct caseload_view *cv = calloc(1, sizeof *cv);
	struct view *v = cv ? view_new(t, &caseload_ops, cv) : NULL;
	if (!v) {
		free(cv);
		cb_err(CB_ENOMEM, _("out of memory"));
		return NULL;
	}
	int sort, reverse;
	ui_config_caseload_sort(&sort, &reverse);
	cv->cl.sort = (enum cb_cl_col)sort;
	cv->cl.reverse = reverse;
	const char *name, *email;
	enum cb_scope scope = cb_ws_author(t->ws, &name, &email) == 0
		? CB_SCOPE_MINE : CB_SCOPE_ALL;
	if (load(v, scope)) {
		done(v);
		free(v);
		return NULL;
	}
	if (scope == CB_SCOPE_ALL)
		tui_message(t, "%s", _("No identity set, so showing everyone; "
				       "set CASEBOOK_AUTHOR to see your caseload and save"));
	return v;
}
