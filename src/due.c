/* due.c - next due date per person; see due.h. */
#include "due.h"
#include "i18n.h"

#include <string.h>

static void consider(struct cb_due *out, const struct cb_date *d, const char *what)
{
	if (!out->has || cb_date_cmp(d, &out->date) < 0) {
		out->has = 1;
		out->date = *d;
		out->what = what;
	}
}

static int is(const char *s, const char *v)
{
	return s && strcmp(s, v) == 0;
}

void cb_due_next(const struct cb_person_row *p, const struct cb_date *today,
		 struct cb_due *out)
{
	memset(out, 0, sizeof *out);
	if (is(p->status, "closed"))
		return;
	struct cb_date dob, d;
	int have_dob = p->dob && cb_date_parse(p->dob, &dob) == 0;
	int leaver = is(p->status, "care-leaver");
	int lac = is(p->status, "looked-after");
	int has_plan = p->plan_date || p->plan_last_review || p->plan_next_review;

	if (p->plan_next_review && cb_date_parse(p->plan_next_review, &d) == 0) {
		consider(out, &d, _("pathway plan review"));
	} else if ((p->plan_last_review && cb_date_parse(p->plan_last_review, &d) == 0) ||
		   (p->plan_date && cb_date_parse(p->plan_date, &d) == 0)) {
		cb_date_add_months(&d, 6);
		consider(out, &d, _("pathway plan review"));
	}
	if (have_dob && (leaver || lac) && !has_plan) {
		d = dob;
		cb_date_add_months(&d, 16 * 12 + 3);
		if (cb_age_on(&dob, today) >= 15)
			consider(out, &d, _("needs assessment and pathway plan"));
	}
	if (have_dob && leaver && (!p->pa || !*p->pa)) {
		d = dob;
		cb_date_add_months(&d, 17 * 12 + 6);
		consider(out, &d, _("personal adviser allocation"));
	}
	if (out->has)
		out->overdue = cb_date_cmp(&out->date, today) < 0;
}
