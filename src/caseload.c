/* caseload.c - caseload rows, scope, sort and search; see caseload.h. */
#include "caseload.h"
#include "alerts.h"
#include "index_facts.h"
#include "err.h"
#include "i18n.h"
#include "search.h"
#include "sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *cb_caseload_col_title(enum cb_cl_col col)
{
	switch (col) {
	case CB_COL_NAME: return _("Name");
	case CB_COL_AGE: return _("Age");
	case CB_COL_STATUS: return _("Status");
	case CB_COL_DUE: return _("Alert / next due");
	case CB_COL_FLAGS: return _("Flags");
	default: return "";
	}
}

enum cb_cl_col cb_caseload_col_by_name(const char *name)
{
	static const char *const names[CB_COL_N] = {
		[CB_COL_NAME] = "name", [CB_COL_AGE] = "age", [CB_COL_STATUS] = "status",
		[CB_COL_DUE] = "alert", [CB_COL_FLAGS] = "flags",
	};
	for (int c = 0; c < CB_COL_N; c++)
		if (strcasecmp(name, names[c]) == 0)
			return (enum cb_cl_col)c;
	return CB_COL_N;
}

const char *cb_caseload_scope_title(enum cb_scope scope)
{
	switch (scope) {
	case CB_SCOPE_MINE: return _("My caseload");
	case CB_SCOPE_TEAM: return _("Team caseload");
	default: return _("Everyone");
	}
}

static void rows_clear(struct cb_caseload *cl)
{
	for (size_t i = 0; i < cl->n; i++) {
		free(cl->rows[i].name);
		free(cl->rows[i].status);
		free(cl->rows[i].team);
	}
	cl->n = 0;
	cl->nview = 0;
}

struct load_ctx {
	struct cb_caseload *cl;
	int nomem;
	struct cb_alerts alerts;
};

static int add_row(const struct cb_facts *f, void *ctx)
{
	const struct cb_person_row *p = &f->p;
	struct load_ctx *lc = ctx;
	struct cb_caseload *cl = lc->cl;
	if (cl->n == cl->cap) {
		size_t cap = cl->cap ? cl->cap * 2 : 64;
		void *nv = realloc(cl->rows, cap * sizeof *cl->rows);
		if (!nv)
			goto nomem;
		cl->rows = nv;
		cl->cap = cap;
	}
	struct cb_cl_row *r = &cl->rows[cl->n];
	memset(r, 0, sizeof *r);
	snprintf(r->id, sizeof r->id, "%s", p->id ? p->id : "");
	r->name = strdup(p->name ? p->name : "");
	r->status = strdup(p->status ? p->status : "");
	r->team = strdup(p->team ? p->team : "");
	if (!r->name || !r->status || !r->team) {
		free(r->name);
		free(r->status);
		free(r->team);
		goto nomem;
	}
	struct cb_date dob;
	r->age = p->dob && cb_date_parse(p->dob, &dob) == 0
		? cb_age_on(&dob, &cl->today) : -1;
	if (!cl->rules_error) {
		if (cb_rules_eval(&cl->rules, f, &cl->today, &lc->alerts)) {
			free(r->name);
			free(r->status);
			free(r->team);
			goto nomem;
		}
		cb_due_from_alerts(&lc->alerts, &cl->today, &r->due);
		for (size_t i = 0; i < lc->alerts.n; i++) {
			if (!cb_alert_active(&cl->rules, &lc->alerts.v[i], &cl->today))
				continue;
			if (!r->nalerts++)
				r->worst = lc->alerts.v[i]; /* worst first */
		}
	}
	if (r->due.has)
		cb_date_format(&r->due.date, r->due_s);
	r->unsynced = cb_unsynced_for(&cl->unsynced, r->id);
	r->conflicts = cb_conflicts_for(&cl->unsynced, r->id);
	cl->n++;
	return 0;
nomem:
	lc->nomem = 1;
	return CB_ENOMEM;
}

static int first_team(const struct cb_person_row *p, void *ctx)
{
	char **team = ctx;
	if (p->team && *p->team) {
		*team = strdup(p->team);
		return 1;
	}
	return 0;
}

int cb_caseload_load(struct cb_caseload *cl, struct cb_ws *ws, enum cb_scope scope)
{
	const char *name = NULL, *email = NULL;
	int rc;
	if (scope != CB_SCOPE_ALL && (rc = cb_ws_author(ws, &name, &email)))
		return rc;
	if (scope == CB_SCOPE_TEAM && !cl->team) {
		cb_ws_config_get(ws, "casebook.team", &cl->team);
		if (!cl->team)
			cb_index_people(&ws->index, email, NULL, first_team, &cl->team);
		if (!cl->team)
			return cb_err(CB_ENOTFOUND, _("cannot tell your team: set it with "
						      "git -C WS/repo.git config casebook.team NAME"));
	}
	rows_clear(cl);
	free(cl->filter);
	cl->filter = NULL;
	cl->scope = scope;
	cb_date_today(&cl->today);
	cb_unsynced_free(&cl->unsynced);
	if ((rc = cb_unsynced_scan(&ws->store, 0, &cl->unsynced)))
		return rc;
	/* The conflict flag is a pointer to work, not the caseload itself:
	 * a workspace whose sync state cannot be read still lists people. */
	if (cb_sync_has_remote(ws) && cb_conflicts_scan(ws, &cl->unsynced))
		cb_err_clear();
	cb_rules_config_free(&cl->rules);
	free(cl->rules_error);
	cl->rules_error = NULL;
	if (cb_alerts_config(&ws->index, &cl->rules)) {
		if (!(cl->rules_error = strdup(cb_err_msg())))
			return cb_err(CB_ENOMEM, _("out of memory"));
		cb_err_clear();
	}
	struct load_ctx lc = { cl, 0, { 0 } };
	rc = cb_index_facts(&ws->index, scope == CB_SCOPE_MINE ? email : NULL,
			    scope == CB_SCOPE_TEAM ? cl->team : NULL, NULL, add_row, &lc);
	cb_alerts_free(&lc.alerts);
	if (lc.nomem)
		rc = cb_err(CB_ENOMEM, _("out of memory"));
	if (rc) {
		rows_clear(cl);
		return rc;
	}
	free(cl->view);
	cl->view = malloc((cl->n ? cl->n : 1) * sizeof *cl->view);
	if (!cl->view) {
		rows_clear(cl);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	for (size_t i = 0; i < cl->n; i++)
		cl->view[i] = i;
	cl->nview = cl->n;
	cb_caseload_sort(cl, cl->sort, cl->reverse);
	return 0;
}

/* qsort has no context argument: the rows being sorted are passed here,
 * which is fine for the single UI thread. */
static const struct cb_caseload *sorting;

static int by_name(const struct cb_cl_row *a, const struct cb_cl_row *b)
{
	int c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->id, b->id);
}

static int overdue_alert(const struct cb_cl_row *r)
{
	return r->nalerts && (!r->worst.dated || r->worst.overdue_days > 0);
}

static int flag_weight(const struct cb_cl_row *r)
{
	/* Most urgent first when sorting by flags. */
	return (r->conflicts ? 4 : 0) + (r->due.overdue || overdue_alert(r) ? 2 : 0) +
	       (r->unsynced ? 1 : 0);
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct cb_cl_row *a = &sorting->rows[*(const size_t *)pa];
	const struct cb_cl_row *b = &sorting->rows[*(const size_t *)pb];
	int c = 0;
	switch (sorting->sort) {
	case CB_COL_AGE:
		/* unknown ages last either way */
		if ((a->age < 0) != (b->age < 0))
			return a->age < 0 ? 1 : -1;
		c = (a->age > b->age) - (a->age < b->age);
		break;
	case CB_COL_STATUS:
		c = strcmp(a->status, b->status);
		break;
	case CB_COL_DUE:
		/* Worst alert first, then the next due date. */
		if (!a->nalerts != !b->nalerts)
			return a->nalerts ? -1 : 1;
		if (a->nalerts && (c = cb_alert_cmp(&a->worst, &b->worst)) != 0)
			break;
		if (a->due.has != b->due.has)
			return a->due.has ? -1 : 1;
		c = a->due.has ? cb_date_cmp(&a->due.date, &b->due.date) : 0;
		break;
	case CB_COL_FLAGS:
		c = flag_weight(b) - flag_weight(a);
		break;
	default:
		break;
	}
	if (sorting->reverse)
		c = -c;
	return c ? c : by_name(a, b);
}

void cb_caseload_sort(struct cb_caseload *cl, enum cb_cl_col col, int reverse)
{
	cl->sort = col < CB_COL_N ? col : CB_COL_NAME;
	cl->reverse = reverse;
	sorting = cl;
	if (cl->nview > 1)
		qsort(cl->view, cl->nview, sizeof *cl->view, row_cmp);
	sorting = NULL;
}

struct match_set {
	char (*ids)[11];
	size_t n, cap;
};

static int add_match(const char *id, void *ctx)
{
	struct match_set *m = ctx;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		void *nv = realloc(m->ids, cap * sizeof *m->ids);
		if (!nv)
			return cb_err(CB_ENOMEM, _("out of memory"));
		m->ids = nv;
		m->cap = cap;
	}
	snprintf(m->ids[m->n++], 11, "%s", id);
	return 0;
}

static int idcmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

int cb_caseload_filter(struct cb_caseload *cl, struct cb_index *ix, const char *query)
{
	free(cl->filter);
	cl->filter = NULL;
	cl->nview = 0;
	if (!query || !*query) {
		for (size_t i = 0; i < cl->n; i++)
			cl->view[cl->nview++] = i;
		cb_caseload_sort(cl, cl->sort, cl->reverse);
		return 0;
	}
	cl->filter = strdup(query);
	if (!cl->filter)
		return cb_err(CB_ENOMEM, _("out of memory"));
	struct match_set m = { 0 };
	/* cb_search_people reports ids in order, so membership is a binary
	 * search per row. */
	int rc = cb_search_people(ix, query, 0, add_match, &m);
	if (!rc) {
		for (size_t i = 0; i < cl->n; i++)
			if (m.n && bsearch(cl->rows[i].id, m.ids, m.n, sizeof *m.ids, idcmp))
				cl->view[cl->nview++] = i;
		cb_caseload_sort(cl, cl->sort, cl->reverse);
	}
	free(m.ids);
	return rc;
}

long cb_caseload_find(const struct cb_caseload *cl, const char *id)
{
	for (size_t i = 0; i < cl->nview; i++)
		if (strcmp(cl->rows[cl->view[i]].id, id) == 0)
			return (long)i;
	return -1;
}

void cb_caseload_flags(const struct cb_cl_row *r, char *out, size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	if (r->due.overdue || overdue_alert(r))
		len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s", _("overdue"));
	if (r->unsynced && len < n) {
		char u[64];
		snprintf(u, sizeof u, ngettext("%u unsynced", "%u unsynced", r->unsynced),
			 r->unsynced);
		len += (size_t)snprintf(out + len, n - len, len ? " %s" : "%s", u);
	}
	if (r->conflicts && len < n)
		snprintf(out + len, n - len, len ? " %s" : "%s", _("conflict"));
}

void cb_caseload_alert(const struct cb_cl_row *r, char *out, size_t n)
{
	if (!n)
		return;
	out[0] = '\0';
	if (!r->nalerts)
		return;
	int len = snprintf(out, n, "%s: %s", _(cb_rules[r->worst.rule].title), r->worst.reason);
	if (r->nalerts > 1 && len >= 0 && (size_t)len < n)
		snprintf(out + len, n - (size_t)len, " (+%zu)", r->nalerts - 1);
}

void cb_caseload_free(struct cb_caseload *cl)
{
	cb_rules_config_free(&cl->rules);
	free(cl->rules_error);
	rows_clear(cl);
	free(cl->rows);
	free(cl->view);
	free(cl->team);
	free(cl->filter);
	cb_unsynced_free(&cl->unsynced);
	memset(cl, 0, sizeof *cl);
}
