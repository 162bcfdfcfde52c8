/* due.c - next due date per person, from the rules; see due.h. */
#include "due.h"
#include "err.h"
#include "i18n.h"
#include "index_facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cb_due_from_alerts(const struct cb_alerts *alerts, const struct cb_date *today,
			struct cb_due *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < alerts->n; i++) {
		const struct cb_alert *a = &alerts->v[i];
		if (!a->dated || (out->has && cb_date_cmp(&a->due, &out->date) >= 0))
			continue;
		out->has = 1;
		out->date = a->due;
		out->what = _(cb_rules[a->rule].title);
	}
	if (out->has)
		out->overdue = cb_date_cmp(&out->date, today) < 0;
}

struct map_ctx {
	struct cb_due_map *m;
	const struct cb_rules_config *cfg;
	const struct cb_date *today;
	struct cb_alerts alerts;
};

static int put(const struct cb_facts *f, void *ctx)
{
	struct map_ctx *mc = ctx;
	struct cb_due_map *m = mc->m;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		void *nv = realloc(m->v, cap * sizeof *m->v);
		if (!nv)
			return cb_err(CB_ENOMEM, _("out of memory"));
		m->v = nv;
		m->cap = cap;
	}
	struct cb_due_entry *e = &m->v[m->n];
	snprintf(e->id, sizeof e->id, "%s", f->p.id ? f->p.id : "");
	int rc = cb_rules_eval(mc->cfg, f, mc->today, &mc->alerts);
	if (rc)
		return rc;
	cb_due_from_alerts(&mc->alerts, mc->today, &e->due);
	m->n++;
	return 0;
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cb_due_entry *)a)->id, ((const struct cb_due_entry *)b)->id);
}

int cb_due_map_load(struct cb_due_map *m, struct cb_index *ix,
		    const struct cb_rules_config *cfg, const char *email, const char *team,
		    const char *id, const struct cb_date *today)
{
	struct map_ctx mc = { m, cfg, today, { 0 } };
	m->n = 0;
	int rc = cb_index_facts(ix, email, team, id, put, &mc);
	cb_alerts_free(&mc.alerts);
	/* cb_index_facts gives them by id already; sorting again costs
	 * little and keeps the lookup right whatever order it gives. */
	if (!rc && m->n > 1)
		qsort(m->v, m->n, sizeof *m->v, entry_cmp);
	return rc;
}

const struct cb_due *cb_due_map_find(const struct cb_due_map *m, const char *id)
{
	struct cb_due_entry key;
	if (!id || !m->n)
		return NULL;
	snprintf(key.id, sizeof key.id, "%s", id);
	const struct cb_due_entry *e = bsearch(&key, m->v, m->n, sizeof *m->v, entry_cmp);
	return e ? &e->due : NULL;
}

void cb_due_map_free(struct cb_due_map *m)
{
	free(m->v);
	memset(m, 0, sizeof *m);
}
