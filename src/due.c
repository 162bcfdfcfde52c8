/* due.c - next due date per person, from the rules; see due.h. */
#include "due.h"
#include "i18n.h"

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

void cb_due_next(const struct cb_person_row *p, const struct cb_date *today,
		 struct cb_due *out)
{
	struct cb_rules_config cfg;
	struct cb_alerts alerts = { 0 };
	struct cb_facts f = { .p = *p };
	f.has_pathway = p->plan_date || p->plan_last_review || p->plan_next_review;
	f.pp_contingency = f.pp_views = 1; /* not known here: not reported */
	f.pp_health_history = "yes";
	memset(out, 0, sizeof *out);
	if (cb_rules_defaults(&cfg))
		return;
	if (cb_rules_eval(&cfg, &f, today, &alerts) == 0)
		cb_due_from_alerts(&alerts, today, out);
	cb_alerts_free(&alerts);
	cb_rules_config_free(&cfg);
}
