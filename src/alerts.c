/* alerts.c - collecting alerts from the index; see alerts.h. */
#include "alerts.h"
#include "err.h"
#include "i18n.h"
#include "index_facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int cb_alerts_config(struct cb_index *ix, struct cb_rules_config *cfg)
{
	char *text = NULL;
	int rc = cb_rules_defaults(cfg);
	if (!rc)
		rc = cb_index_rules_text(ix, &text);
	if (!rc && text)
		rc = cb_rules_parse(cfg, text, strlen(text), CB_RULES_PATH);
	free(text);
	if (rc)
		cb_rules_config_free(cfg);
	return rc;
}

struct collect {
	const struct cb_rules_config *cfg;
	const struct cb_alert_query *q;
	const struct cb_date *today;
	struct cb_alert_list *out;
	struct cb_alerts alerts;
};

static int add(struct cb_alert_list *l, const struct cb_facts *f, const struct cb_alert *a)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		void *nv = realloc(l->v, cap * sizeof *l->v);
		if (!nv)
			return cb_err(CB_ENOMEM, _("out of memory"));
		l->v = nv;
		l->cap = cap;
	}
	struct cb_alert_row *r = &l->v[l->n];
	memset(r, 0, sizeof *r);
	snprintf(r->id, sizeof r->id, "%s", f->p.id ? f->p.id : "");
	const char *worker = f->p.worker && *f->p.worker ? f->p.worker : f->p.pa;
	r->name = strdup(f->p.name ? f->p.name : "");
	r->worker = strdup(worker ? worker : "");
	r->team = strdup(f->p.team ? f->p.team : "");
	r->a = *a;
	if (!r->name || !r->worker || !r->team) {
		free(r->name);
		free(r->worker);
		free(r->team);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	l->n++;
	return 0;
}

static int each(const struct cb_facts *f, void *ctx)
{
	struct collect *c = ctx;
	const char *w = c->q->worker;
	if (w && !((f->p.worker && strcasecmp(f->p.worker, w) == 0) ||
		   (f->p.pa && strcasecmp(f->p.pa, w) == 0)))
		return 0;
	int rc = cb_rules_eval(c->cfg, f, c->today, &c->alerts);
	for (size_t i = 0; !rc && i < c->alerts.n; i++) {
		const struct cb_alert *a = &c->alerts.v[i];
		if ((c->q->rule < 0 || a->rule == c->q->rule) &&
		    cb_alert_active(c->cfg, a, c->today))
			rc = add(c->out, f, a);
	}
	return rc;
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct cb_alert_row *a = pa, *b = pb;
	int c = cb_alert_cmp(&a->a, &b->a);
	if (!c)
		c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->id, b->id);
}

int cb_alerts_collect(struct cb_index *ix, const struct cb_rules_config *cfg,
		      const struct cb_alert_query *q, const struct cb_date *today,
		      struct cb_alert_list *out)
{
	struct collect c = { cfg, q, today, out, { 0 } };
	int rc = cb_index_facts(ix, q->email, q->team, q->id, each, &c);
	cb_alerts_free(&c.alerts);
	if (!rc && out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, row_cmp);
	return rc;
}

void cb_alert_list_free(struct cb_alert_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].worker);
		free(l->v[i].team);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static int strp_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t cb_alert_list_workers(const struct cb_alert_list *l, const char ***out)
{
	const char **v = malloc((l->n ? l->n : 1) * sizeof *v);
	size_t n = 0;
	*out = v;
	if (!v)
		return 0;
	for (size_t i = 0; i < l->n; i++)
		if (*l->v[i].worker)
			v[n++] = l->v[i].worker;
	qsort(v, n, sizeof *v, strp_cmp);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!k || strcmp(v[k - 1], v[i]) != 0)
			v[k++] = v[i];
	return k;
}

void cb_alert_when(const struct cb_alert *a, char *out, size_t n)
{
	char d[11];
	if (!a->dated) {
		snprintf(out, n, "%s", _("now"));
		return;
	}
	cb_date_format(&a->due, d);
	if (a->overdue_days > 0)
		snprintf(out, n, ngettext("overdue %ld day (%s)", "overdue %ld days (%s)",
					  (unsigned long)a->overdue_days), a->overdue_days, d);
	else if (a->overdue_days == 0)
		snprintf(out, n, _("due today (%s)"), d);
	else
		snprintf(out, n, _("due %s"), d);
}

static int board_view(struct cb_alert_board *b)
{
	free(b->view);
	b->nview = 0;
	b->view = malloc((b->all.n ? b->all.n : 1) * sizeof *b->view);
	if (!b->view)
		return cb_err(CB_ENOMEM, _("out of memory"));
	const char *w = b->worker >= 0 ? b->workers[b->worker] : NULL;
	for (size_t i = 0; i < b->all.n; i++) {
		const struct cb_alert_row *r = &b->all.v[i];
		if ((!w || strcmp(r->worker, w) == 0) && (b->rule < 0 || r->a.rule == b->rule))
			b->view[b->nview++] = i;
	}
	return 0;
}

int cb_alert_board_load(struct cb_alert_board *b, struct cb_index *ix, const char *team,
			const struct cb_date *today)
{
	char *keep = NULL;
	if (b->worker >= 0 && b->workers && !(keep = strdup(b->workers[b->worker])))
		return cb_err(CB_ENOMEM, _("out of memory"));
	free(b->workers);
	b->workers = NULL;
	b->nworkers = 0;
	cb_alert_list_free(&b->all);
	free(b->team);
	free(b->rules_error);
	b->rules_error = NULL;
	b->team = team ? strdup(team) : NULL;
	struct cb_rules_config cfg;
	struct cb_alert_query q = { .team = team, .rule = -1 };
	int rc = 0;
	if (cb_alerts_config(ix, &cfg) == 0) {
		rc = cb_alerts_collect(ix, &cfg, &q, today, &b->all);
		cb_rules_config_free(&cfg);
	} else if (!(b->rules_error = strdup(cb_err_msg()))) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
	}
	b->nworkers = cb_alert_list_workers(&b->all, &b->workers);
	b->worker = -1;
	for (size_t i = 0; keep && i < b->nworkers; i++)
		if (strcmp(b->workers[i], keep) == 0)
			b->worker = (long)i;
	free(keep);
	return rc ? rc : board_view(b);
}

void cb_alert_board_next_worker(struct cb_alert_board *b)
{
	b->worker = b->worker + 1 < (long)b->nworkers ? b->worker + 1 : -1;
	board_view(b);
}

void cb_alert_board_next_rule(struct cb_alert_board *b)
{
	/* Only rules that raised something here: no empty stops. */
	for (int r = b->rule + 1; r < (int)cb_nrules; r++)
		for (size_t i = 0; i < b->all.n; i++)
			if (b->all.v[i].a.rule == r) {
				b->rule = r;
				board_view(b);
				return;
			}
	b->rule = -1;
	board_view(b);
}

void cb_alert_board_clear(struct cb_alert_board *b)
{
	b->worker = -1;
	b->rule = -1;
	board_view(b);
}

void cb_alert_board_free(struct cb_alert_board *b)
{
	cb_alert_list_free(&b->all);
	free(b->workers);
	free(b->view);
	free(b->team);
	free(b->rules_error);
	memset(b, 0, sizeof *b);
	b->worker = -1;
	b->rule = -1;
}
