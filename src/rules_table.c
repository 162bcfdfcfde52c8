/* rules_table.c - the practice alert rules, one row each; see rules.h.
 *
 * A rule reads the person's facts (db/index_facts.h) and raises alerts
 * with cb_rule_raise: dated ones (what is due and when) or undated ones
 * (something missing now). Thresholds come from cb_rule_param, so an
 * authority's config/rules changes them; the defaults are in the rows.
 * Approximate dates (YYYY-MM, YYYY) are read at whichever end of their
 * period raises the alert sooner: a last visit or oversight at the start,
 * a significant change at the end. doc/alerts.md lists every rule. */
#include "rules.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is(const char *s, const char *v)
{
	return s && strcmp(s, v) == 0;
}

static int empty(const char *s)
{
	return !s || !*s;
}

/* Parses a full or approximate date; late: read YYYY-MM / YYYY as the
 * last day of the period, else the first. */
static int when(const char *s, struct cb_date *d, int late)
{
	if (empty(s) || cb_fuzzy_date_parse(s, d))
		return 0;
	if (!d->m) {
		d->m = late ? 12 : 1;
		d->d = late ? 31 : 1;
	} else if (!d->d) {
		d->d = late ? cb_days_in_month(d->y, d->m) : 1;
	}
	return 1;
}

static int active(const struct cb_facts *f)
{
	return !is(f->p.status, "closed");
}

static void fmt(const struct cb_date *d, char buf[11])
{
	cb_date_format(d, buf);
}

/* ---- pathway plans (care leavers) ---- */

static int pathway_last(const struct cb_facts *f, struct cb_date *d)
{
	return when(f->p.plan_last_review, d, 0) || when(f->p.plan_date, d, 0);
}

static void pathway_review(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	struct cb_date last, next, due;
	char s[11];
	if (!active(f))
		return;
	int have_last = pathway_last(f, &last);
	int have_next = when(f->p.plan_next_review, &next, 0);
	if (have_last) {
		due = last;
		cb_span_add(&due, cb_rule_param(e, 0));
	}
	if (have_next && (!have_last || cb_date_cmp(&next, &due) < 0)) {
		fmt(&next, s);
		cb_rule_raise(e, &next, _("the next review is set for %s"), s);
	} else if (have_last) {
		fmt(&last, s);
		cb_rule_raise(e, &due, _("the last review was on %s"), s);
	}
}

static void pathway_change(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	struct cb_date last, change, due;
	char s[11], l[11];
	if (!active(f) || !f->has_pathway || !pathway_last(f, &last) ||
	    !when(f->change_date, &change, 1) || cb_date_cmp(&change, &last) <= 0)
		return;
	due = change;
	cb_span_add(&due, cb_rule_param(e, 0));
	fmt(&change, s);
	fmt(&last, l);
	cb_rule_raise(e, &due, _("significant change on %s (%s: %s) since the last review on %s"),
		      f->change_date, f->change_category ? f->change_category : "",
		      f->change_event ? f->change_event : "", l);
	(void)s;
}

static int has_pathway_dates(const struct cb_facts *f)
{
	return !empty(f->p.plan_date) || !empty(f->p.plan_last_review) ||
	       !empty(f->p.plan_next_review);
}

static void needs_assessment(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	struct cb_date dob, due;
	if (!(is(f->p.status, "care-leaver") || is(f->p.status, "looked-after")) ||
	    has_pathway_dates(f) || cb_date_parse(f->p.dob ? f->p.dob : "", &dob) ||
	    cb_age_on(&dob, e->today) < 15)
		return;
	due = dob;
	cb_span_add(&due, cb_rule_param(e, 0));
	cb_rule_raise(e, &due, _("needs assessment and pathway plan: none recorded"));
}

static void personal_adviser(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	struct cb_date dob, due;
	if (!is(f->p.status, "care-leaver") || !empty(f->p.pa) ||
	    cb_date_parse(f->p.dob ? f->p.dob : "", &dob))
		return;
	due = dob;
	cb_span_add(&due, cb_rule_param(e, 0));
	cb_rule_raise(e, &due, _("no personal adviser allocated"));
}

static void health_history(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	if (is(f->p.status, "care-leaver") && f->has_pathway &&
	    !is(f->pp_health_history, "yes"))
		cb_rule_raise(e, NULL, _("no record that the young person has their health "
					 "history (Health-History: %s)"),
			      empty(f->pp_health_history) ? "-" : f->pp_health_history);
}

static void pathway_contingency(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	if (active(f) && f->has_pathway && !f->pp_contingency)
		cb_rule_raise(e, NULL, _("pathway plan has no contingency plan"));
}

static void pathway_views(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	if (active(f) && f->has_pathway && !f->pp_views)
		cb_rule_raise(e, NULL, _("pathway plan records no views of the young person"));
}

/* ---- plans (child in need, child protection, pre-proceedings) ---- */

static int open_plan(const struct cb_plan_fact *p)
{
	return empty(p->end);
}

static void cp_review(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	for (size_t i = 0; active(f) && i < f->nplans; i++) {
		const struct cb_plan_fact *p = &f->plans[i];
		struct cb_date base, due;
		char s[11];
		if (!open_plan(p) || !is(p->type, "child-protection"))
			continue;
		if (when(p->last_review_conf, &base, 0)) {
			due = base;
			cb_span_add(&due, cb_rule_param(e, 1));
			fmt(&base, s);
			cb_rule_raise(e, &due, _("child protection review conference: the last "
						 "was on %s"), s);
		} else if (when(p->initial_conf, &base, 0) || when(p->start, &base, 0)) {
			due = base;
			cb_span_add(&due, cb_rule_param(e, 0));
			fmt(&base, s);
			cb_rule_raise(e, &due, _("first child protection review conference: the "
						 "initial conference was on %s"), s);
		}
	}
}

static void visits(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	struct cb_date start = { 0, 0, 0 }, visit, due;
	int have_start = 0, cp = 0;
	for (size_t i = 0; i < f->nplans; i++) {
		const struct cb_plan_fact *p = &f->plans[i];
		struct cb_date d;
		if (!open_plan(p) || !when(p->start, &d, 0))
			continue;
		cp |= is(p->type, "child-protection");
		if (!have_start || cb_date_cmp(&d, &start) < 0)
			start = d;
		have_start = 1;
	}
	if (!active(f) || !have_start)
		return;
	const struct cb_span *iv = cb_rule_param(e, cp ? 1 : 0);
	char s[11];
	if (when(f->last_visit, &visit, 0) && cb_date_cmp(&visit, &start) >= 0) {
		due = visit;
		cb_span_add(&due, iv);
		cb_rule_raise(e, &due, _("the last visit was on %s"), f->last_visit);
	} else {
		due = start;
		cb_span_add(&due, iv);
		fmt(&start, s);
		cb_rule_raise(e, &due, _("visit to the child: none recorded since the plan "
					 "began on %s"), s);
	}
}

static const char *plan_type(const struct cb_plan_fact *p)
{
	return empty(p->type) ? _("plan") : p->type;
}

static void plan_contingency(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	for (size_t i = 0; active(f) && i < f->nplans; i++)
		if (open_plan(&f->plans[i]) && !f->plans[i].contingency)
			cb_rule_raise(e, NULL, _("%s plan has no contingency"),
				      plan_type(&f->plans[i]));
}

static void plan_views(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	for (size_t i = 0; active(f) && i < f->nplans; i++)
		if (open_plan(&f->plans[i]) && !f->plans[i].views)
			cb_rule_raise(e, NULL, _("%s plan records no views of the child"),
				      plan_type(&f->plans[i]));
}

static void action_incomplete(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	for (size_t i = 0; active(f) && i < f->nplans; i++) {
		const struct cb_plan_fact *p = &f->plans[i];
		if (!open_plan(p) || (!p->actions_no_owner && !p->actions_no_date))
			continue;
		/* Two counts, each with its own plural form (Welsh has six). */
		char owner[160], date[160];
		snprintf(owner, sizeof owner,
			 ngettext("%d open action with no owner", "%d open actions with no owner",
				  (unsigned long)p->actions_no_owner), p->actions_no_owner);
		snprintf(date, sizeof date,
			 ngettext("%d with no date", "%d with no date", (unsigned long)p->actions_no_date),
			 p->actions_no_date);
		/* TRANSLATORS: plan type, then the two counts above. */
		cb_rule_raise(e, NULL, _("%s plan: %s, %s"), plan_type(p), owner, date);
	}
}

static void action_overdue(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	for (size_t i = 0; active(f) && i < f->nplans; i++) {
		const struct cb_plan_fact *p = &f->plans[i];
		if (!open_plan(p) || empty(p->action_dates))
			continue;
		/* Sorted, so the first is the earliest. */
		struct cb_date first, d;
		char buf[11];
		int n = 0, have = 0;
		for (const char *s = p->action_dates; *s;) {
			size_t len = strcspn(s, ",");
			if (len < sizeof buf) {
				memcpy(buf, s, len);
				buf[len] = '\0';
				if (when(buf, &d, 0)) {
					if (!have) {
						first = d;
						have = 1;
					}
					n += cb_date_cmp(&d, e->today) < 0;
				}
			}
			s += len + (s[len] == ',');
		}
		if (!have)
			continue;
		if (n)
			cb_rule_raise(e, &first,
				      ngettext("%s plan: %d action past its date: %s",
					       "%s plan: %d actions past their date; the earliest: %s",
					       (unsigned long)n),
				      plan_type(p), n, p->first_action ? p->first_action : "");
		else
			cb_rule_raise(e, &first, _("%s plan: next action due: %s"), plan_type(p),
				      p->first_action ? p->first_action : "");
	}
}

/* ---- management oversight ---- */

static void oversight_due(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	struct cb_date d;
	char s[11];
	if (!active(f))
		return;
	if (when(f->last_oversight, &d, 0)) {
		fmt(&d, s);
		cb_span_add(&d, cb_rule_param(e, 0));
		cb_rule_raise(e, &d, _("management oversight: the last was on %s"), s);
		return;
	}
	/* None yet: due from the start of the earliest open plan. */
	int have = 0;
	for (size_t i = 0; i < f->nplans; i++) {
		struct cb_date st;
		if (open_plan(&f->plans[i]) && when(f->plans[i].start, &st, 0) &&
		    (!have || cb_date_cmp(&st, &d) < 0)) {
			d = st;
			have = 1;
		}
	}
	if (!have)
		return;
	fmt(&d, s);
	cb_span_add(&d, cb_rule_param(e, 0));
	cb_rule_raise(e, &d, _("management oversight: none recorded since the plan began on %s"),
		      s);
}

static void oversight_undated(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	if (active(f) && f->oversight_undated > 0)
		cb_rule_raise(e, NULL, ngettext("%d open oversight action has no date",
						"%d open oversight actions have no date",
						(unsigned long)f->oversight_undated),
			      f->oversight_undated);
}

/* ---- drift ---- */

static void drift_long(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	for (size_t i = 0; active(f) && i < f->nplans; i++) {
		const struct cb_plan_fact *p = &f->plans[i];
		struct cb_date d;
		if (!open_plan(p) || !when(p->start, &d, 0))
			continue;
		cb_span_add(&d, cb_rule_param(e, 0));
		cb_rule_raise(e, &d, _("on a %s plan since %s"), plan_type(p), p->start);
	}
}

static void drift_repeat(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	for (size_t i = 0; active(f) && i < f->nplans; i++) {
		const struct cb_plan_fact *p = &f->plans[i];
		struct cb_date start, prev;
		if (!open_plan(p) || !when(p->start, &start, 0) || !when(p->prev_end, &prev, 1))
			continue;
		cb_span_add(&prev, cb_rule_param(e, 0));
		if (cb_date_cmp(&start, &prev) <= 0)
			cb_rule_raise(e, NULL, _("a repeat %s plan: it began on %s, the last "
						 "ended on %s"), plan_type(p), p->start, p->prev_end);
	}
}

static void drift_plo(const struct cb_rule_eval *e, const struct cb_facts *f)
{
	for (size_t i = 0; active(f) && i < f->nplans; i++) {
		const struct cb_plan_fact *p = &f->plans[i];
		struct cb_date d;
		if (!open_plan(p) || !is(p->type, "pre-proceedings") || !empty(p->decision))
			continue;
		if (when(p->review_point, &d, 0)) {
			cb_rule_raise(e, &d, _("pre-proceedings review point %s: no decision "
					       "recorded"), p->review_point);
		} else if (when(p->letter, &d, 0) || when(p->start, &d, 0)) {
			cb_span_add(&d, cb_rule_param(e, 0));
			cb_rule_raise(e, &d, _("pre-proceedings since %s: no review point or "
					       "decision recorded"),
				      p->letter ? p->letter : p->start);
		}
	}
}

const struct cb_rule cb_rules[] = {
	{ "pathway-review", N_("pathway plan review"),
	  N_("A care leaver's pathway plan is reviewed at least every six months "
	     "(Next-Review, or Interval after the last review or the plan date)."),
	  N_("Care Leavers (England) Regulations 2010 and CPPCR 2010: pathway plans "
	     "are reviewed at least every six months."),
	  CB_SEV_HIGH, { { "Interval", "6m", N_("longest time between reviews") } },
	  pathway_review },
	{ "pathway-change-review", N_("Review after a change"),
	  N_("A pathway plan is reviewed when something significant changes: a "
	     "chronology entry of high significance, or of category accommodation "
	     "or placement-move, after the last review."),
	  N_("Care Leavers (England) Regulations 2010: a review whenever something "
	     "significant changes. reference/003: \"Workers generally review pathway "
	     "plans with young people every six months, although they are not "
	     "consistently doing so when significant changes occur in young "
	     "people's lives.\""),
	  CB_SEV_HIGH, { { "Within", "0d", N_("time allowed after the change") } },
	  pathway_change },
	{ "needs-assessment", N_("needs assessment and pathway plan"),
	  N_("A looked-after child or care leaver with no pathway plan has a needs "
	     "assessment and pathway plan by the age given (16 and 3 months)."),
	  N_("CPPCR 2010 reg 42: the needs assessment within 3 months of the 16th "
	     "birthday; Care Leavers Regs reg 5."),
	  CB_SEV_MEDIUM, { { "Age", "16y3m", N_("age by which it is due") } },
	  needs_assessment },
	{ "personal-adviser", N_("personal adviser allocation"),
	  N_("A care leaver has a personal adviser; flagged at the age given (17 "
	     "and a half) when none is recorded."),
	  N_("Children Act 1989 s23B/23C: a personal adviser for each care leaver. "
	     "reference/003 on the role of personal advisers."),
	  CB_SEV_HIGH, { { "Age", "17y6m", N_("age at which it is flagged") } },
	  personal_adviser },
	{ "health-history", N_("Health history"),
	  N_("A care leaver's pathway plan records that they have their health "
	     "history (Health-History: yes)."),
	  N_("reference/003: \"it is not always evident that young people are "
	     "fully aware of their health history and have received their health "
	     "passport.\""),
	  CB_SEV_MEDIUM, { { NULL, NULL, NULL } }, health_history },
	{ "pathway-contingency", N_("Pathway plan contingency"),
	  N_("A pathway plan has a contingency plan (the header's Contingency-Plan "
	     "or the contingency section)."),
	  N_("reference/003: \"Greater attention needs to be given to contingency "
	     "planning, particularly contingency planning for placements, to "
	     "increase the value and relevance of pathway plans in crisis "
	     "situations.\""),
	  CB_SEV_HIGH, { { NULL, NULL, NULL } }, pathway_contingency },
	{ "pathway-views", N_("Young person's views"),
	  N_("A pathway plan records the young person's own views."),
	  N_("Care Leavers (England) Regulations 2010, Schedule 1: the wishes and "
	     "feelings of the young person; reference/003: \"Most care leavers' "
	     "pathway plans are co-produced with them.\""),
	  CB_SEV_MEDIUM, { { NULL, NULL, NULL } }, pathway_views },
	{ "cp-review-conference", N_("CP review conference"),
	  N_("A child on a child protection plan has the first review conference "
	     "within First of the initial conference (or the plan's start), then "
	     "one within Then of the last."),
	  N_("Working Together to Safeguard Children 2023: the first review "
	     "conference within 3 months of the initial conference, then at "
	     "intervals of no more than 6 months."),
	  CB_SEV_HIGH, { { "First", "3m", N_("initial conference to first review") },
			 { "Then", "6m", N_("between review conferences") } },
	  cp_review },
	{ "plan-visits", N_("Visits"),
	  N_("A child on an open plan is visited within Interval of the last "
	     "chronology entry of category visit (Child-Protection for a child "
	     "protection plan), or of the plan's start."),
	  N_("Local procedures (commonly every 10 working days on a child "
	     "protection plan); CPPCR 2010 reg 28 for looked-after children. "
	     "reference/000 on \"regular and purposeful visits\"."),
	  CB_SEV_HIGH, { { "Interval", "6w", N_("between visits, any plan") },
			 { "Child-Protection", "2w", N_("between visits, child protection") } },
	  visits },
	{ "plan-contingency", N_("Plan contingency"),
	  N_("An open child in need, child protection or pre-proceedings plan has "
	     "a contingency."),
	  N_("reference/001: \"Social workers and their managers should make sure "
	     "that in every case where there is a plan there is also a clear "
	     "contingency for what will happen if the plan does not work.\""),
	  CB_SEV_HIGH, { { NULL, NULL, NULL } }, plan_contingency },
	{ "plan-views", N_("Child's views"),
	  N_("An open plan records the child's own views (Child-Views)."),
	  N_("Children Act 1989 s17(4A) and s47(5A): the child's wishes and "
	     "feelings; reference/001 on seeking children's views first."),
	  CB_SEV_MEDIUM, { { NULL, NULL, NULL } }, plan_views },
	{ "action-incomplete", N_("Action without owner or date"),
	  N_("Every open action of an open plan says who does it and by when."),
	  N_("reference/004: plans without \"time-bound actions and therefore plans "
	     "are not always progressed within appropriate timescales.\""),
	  CB_SEV_MEDIUM, { { NULL, NULL, NULL } }, action_incomplete },
	{ "action-overdue", N_("Action overdue"),
	  N_("An open action of an open plan is done by its By-When date."),
	  N_("reference/004: plans \"not always progressed within appropriate "
	     "timescales.\""),
	  CB_SEV_HIGH, { { NULL, NULL, NULL } }, action_overdue },
	{ "oversight-due", N_("Management oversight"),
	  N_("A manager records oversight of an open case within Interval of the "
	     "last (or of the start of its first open plan)."),
	  N_("Local policy (commonly monthly). reference/000: \"the mandatory "
	     "supervision time frame is often too long\"."),
	  CB_SEV_MEDIUM, { { "Interval", "1m", N_("longest time between oversights") } },
	  oversight_due },
	{ "oversight-action-date", N_("Oversight action without date"),
	  N_("Every open action of a management oversight has a By-When date."),
	  N_("reference/004: \"Supervision does not always provide time-bound "
	     "actions.\""),
	  CB_SEV_MEDIUM, { { NULL, NULL, NULL } }, oversight_undated },
	{ "drift-long-plan", N_("Long plan"),
	  N_("A child is on the same open plan for longer than Period."),
	  N_("reference/000: children \"on child protection or pre-proceeding plans "
	     "for a long or repeated periods of time.\""),
	  CB_SEV_MEDIUM, { { "Period", "18m", N_("how long before it is drift") } },
	  drift_long },
	{ "drift-repeat-plan", N_("Repeat plan"),
	  N_("A plan begins within Within of the end of an earlier plan of the "
	     "same type."),
	  N_("reference/000: \"A small number of families remain on a child "
	     "protection plan and within PLO pre-proceedings for long or repeat "
	     "periods of time.\" Working Together 2023 counts repeat plans within "
	     "2 years."),
	  CB_SEV_MEDIUM, { { "Within", "2y", N_("from the end of the last plan") } },
	  drift_repeat },
	{ "drift-pre-proceedings", N_("Pre-proceedings review point"),
	  N_("An open pre-proceedings plan has a decision (step down, extend, "
	     "issue proceedings) by its Review-Point, or Period after the letter "
	     "before proceedings when it has none."),
	  N_("Public Law Working Group guidance: pre-proceedings reviewed at "
	     "(commonly) 16 weeks; reference/000 on drift in pre-proceedings."),
	  CB_SEV_HIGH, { { "Period", "16w", N_("letter to review point") } },
	  drift_plo },
};

const size_t cb_nrules = sizeof cb_rules / sizeof cb_rules[0];
