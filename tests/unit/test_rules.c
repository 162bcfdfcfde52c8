/* test_rules.c - every practice alert rule at its boundaries (the day
 * before, on and after; leap years; 29 February birthdays; approximate
 * dates), the ordering of alerts, and the rules file: overrides,
 * defaults where it is silent, and malformed files refused with their
 * line and key. The last test checks that every rule of the table was
 * seen to fire and to stay quiet, and every dated one the day before, on
 * and after its date, so a new rule cannot go untested. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "rules.h"

static struct cb_rules_config cfg;

static int setup(void **state)
{
	(void)state;
	return cb_rules_defaults(&cfg);
}

static int teardown(void **state)
{
	(void)state;
	cb_rules_config_free(&cfg);
	return 0;
}

static struct cb_date day(const char *s)
{
	struct cb_date d;
	assert_int_equal(cb_date_parse(s, &d), 0);
	return d;
}

/* What the tests below have shown of each rule, so that the last test can
 * check that every rule in the table was seen to fire and to stay quiet,
 * and every rule that raises dated alerts was seen the day before, on
 * and after its due date: a rule added to the table without boundary
 * tests fails it. */
static struct {
	int fired, quiet, dated, boundary; /* boundary: bits for -1, 0, +1 */
} covered[64];

/* The alert rule raises for f on today, or found = 0. */
static struct cb_alert found_alert;
static int fires(const struct cb_facts *f, const char *today, const char *rule)
{
	struct cb_alerts out = { 0 };
	struct cb_date t = day(today);
	int r = cb_rule_find(rule);
	assert_true(r >= 0);
	assert_int_equal(cb_rules_eval(&cfg, f, &t, &out), 0);
	int n = 0;
	for (size_t i = 0; i < out.n; i++)
		if (out.v[i].rule == r) {
			if (!n)
				found_alert = out.v[i];
			n++;
			covered[r].dated |= out.v[i].dated;
			if (out.v[i].dated && labs(out.v[i].overdue_days) <= 1)
				covered[r].boundary |= 1 << (out.v[i].overdue_days + 1);
		}
	cb_alerts_free(&out);
	if (n)
		covered[r].fired = 1;
	else
		covered[r].quiet = 1;
	return n;
}

/* Replaces the configuration in force with text over the defaults ("":
 * the defaults again). */
static void use_rules(const char *text)
{
	assert_int_equal(cb_rules_parse(&cfg, text, strlen(text), "config/rules"), 0);
}

/* Days past due of the rule's alert on today (must fire, dated). */
static long overdue(const struct cb_facts *f, const char *today, const char *rule)
{
	assert_true(fires(f, today, rule));
	assert_true(found_alert.dated);
	return found_alert.overdue_days;
}

static void assert_due(const char *want)
{
	char buf[11];
	assert_true(found_alert.dated);
	cb_date_format(&found_alert.due, buf);
	assert_string_equal(buf, want);
}

static struct cb_facts person(const char *status, const char *dob)
{
	struct cb_facts f;
	memset(&f, 0, sizeof f);
	f.p.id = "7QK2M9XD4T";
	f.p.name = "Test Child";
	f.p.status = status;
	f.p.dob = dob;
	f.pp_contingency = f.pp_views = 1;
	f.pp_health_history = "yes";
	return f;
}

static void test_span(void **state)
{
	(void)state;
	struct cb_span sp;
	assert_int_equal(cb_span_parse("6m", &sp), 0);
	assert_int_equal(sp.months, 6);
	assert_int_equal(cb_span_parse("17y6m", &sp), 0);
	assert_int_equal(sp.months, 210);
	assert_int_equal(cb_span_parse("2w", &sp), 0);
	assert_int_equal(sp.days, 14);
	assert_int_equal(cb_span_parse("0d", &sp), 0);
	assert_int_equal(cb_span_parse("6", &sp), CB_EINVALID);
	assert_int_equal(cb_span_parse("m", &sp), CB_EINVALID);
	assert_int_equal(cb_span_parse("-1d", &sp), CB_EINVALID);
	assert_int_equal(cb_span_parse("6x", &sp), CB_EINVALID);
	assert_int_equal(cb_span_parse("", &sp), CB_EINVALID);
	assert_int_equal(cb_span_parse("99999999d", &sp), CB_EINVALID);
}

static void test_pathway_review(void **state)
{
	(void)state;
	struct cb_facts f = person("care-leaver", "2007-01-10");
	f.p.pa = "pa@example.org";
	f.has_pathway = 1;
	f.p.plan_last_review = "2024-08-31"; /* + 6m: clamped to 2025-02-28 */
	assert_int_equal(overdue(&f, "2025-02-27", "pathway-review"), -1);
	assert_due("2025-02-28");
	assert_int_equal(overdue(&f, "2025-02-28", "pathway-review"), 0);
	assert_int_equal(overdue(&f, "2025-03-01", "pathway-review"), 1);
	/* A leap year: the 29th exists. */
	f.p.plan_last_review = "2023-08-31";
	assert_int_equal(overdue(&f, "2024-02-29", "pathway-review"), 0);
	assert_due("2024-02-29");
	/* An earlier Next-Review wins; a later one does not stretch 6 months. */
	f.p.plan_next_review = "2024-01-15";
	assert_int_equal(overdue(&f, "2024-01-16", "pathway-review"), 1);
	f.p.plan_next_review = "2024-12-01";
	fires(&f, "2024-01-01", "pathway-review");
	assert_due("2024-02-29");
	/* Closed: nothing. */
	f.p.status = "closed";
	assert_int_equal(fires(&f, "2025-01-01", "pathway-review"), 0);
}

static void test_pathway_change(void **state)
{
	(void)state;
	struct cb_facts f = person("care-leaver", "2007-01-10");
	f.has_pathway = 1;
	f.p.plan_last_review = "2025-03-15";
	f.change_category = "placement-move";
	f.change_event = "Moved to supported lodgings";
	f.change_date = "2025-03-15"; /* the same day as the review: covered */
	assert_int_equal(fires(&f, "2025-06-01", "pathway-change-review"), 0);
	f.change_date = "2025-03-16";
	assert_int_equal(overdue(&f, "2025-03-16", "pathway-change-review"), 0);
	assert_non_null(strstr(found_alert.reason, "Moved to supported lodgings"));
	assert_int_equal(overdue(&f, "2025-03-17", "pathway-change-review"), 1);
	/* Approximate: a change in "2025-03" may be after the 15th. */
	f.change_date = "2025-03";
	assert_int_equal(fires(&f, "2025-06-01", "pathway-change-review"), 1);
	assert_due("2025-03-31");
	f.change_date = "2025";
	assert_int_equal(fires(&f, "2025-06-01", "pathway-change-review"), 1);
	f.p.plan_last_review = "2025-04-01";
	f.change_date = "2025-03";
	assert_int_equal(fires(&f, "2025-06-01", "pathway-change-review"), 0);
}

static void test_needs_assessment(void **state)
{
	(void)state;
	struct cb_facts f = person("looked-after", "2009-02-28");
	/* 16y3m: 2025-05-28 */
	assert_int_equal(overdue(&f, "2025-05-27", "needs-assessment"), -1);
	assert_int_equal(overdue(&f, "2025-05-28", "needs-assessment"), 0);
	assert_int_equal(overdue(&f, "2025-05-29", "needs-assessment"), 1);
	/* Under 15: not yet. */
	f.p.dob = "2011-01-01";
	assert_int_equal(fires(&f, "2025-06-01", "needs-assessment"), 0);
	/* A pathway plan exists: nothing. */
	f.p.dob = "2009-02-28";
	f.p.plan_date = "2025-04-01";
	assert_int_equal(fires(&f, "2025-06-01", "needs-assessment"), 0);
}

static void test_personal_adviser(void **state)
{
	(void)state;
	/* Born on 29 February: 17y6m is 29 August. */
	struct cb_facts f = person("care-leaver", "2008-02-29");
	assert_int_equal(overdue(&f, "2025-08-28", "personal-adviser"), -1);
	assert_due("2025-08-29");
	assert_int_equal(overdue(&f, "2025-08-29", "personal-adviser"), 0);
	assert_int_equal(overdue(&f, "2025-08-30", "personal-adviser"), 1);
	/* 31 August + 17y6m: the end of February. */
	f.p.dob = "2007-08-31";
	fires(&f, "2025-01-01", "personal-adviser");
	assert_due("2025-02-28");
	f.p.dob = "2006-08-31"; /* + 17y6m lands in a leap February */
	fires(&f, "2024-01-01", "personal-adviser");
	assert_due("2024-02-29");
	f.p.pa = "pa@example.org";
	assert_int_equal(fires(&f, "2025-06-01", "personal-adviser"), 0);
	f.p.pa = NULL;
	f.p.status = "child-in-need";
	assert_int_equal(fires(&f, "2025-06-01", "personal-adviser"), 0);
}

static void test_pathway_content(void **state)
{
	(void)state;
	struct cb_facts f = person("care-leaver", "2007-01-10");
	f.has_pathway = 1;
	assert_int_equal(fires(&f, "2025-06-01", "health-history"), 0);
	assert_int_equal(fires(&f, "2025-06-01", "pathway-contingency"), 0);
	assert_int_equal(fires(&f, "2025-06-01", "pathway-views"), 0);
	f.pp_health_history = "no";
	f.pp_contingency = 0;
	f.pp_views = 0;
	assert_int_equal(fires(&f, "2025-06-01", "health-history"), 1);
	assert_false(found_alert.dated);
	assert_int_equal(fires(&f, "2025-06-01", "pathway-contingency"), 1);
	assert_int_equal(fires(&f, "2025-06-01", "pathway-views"), 1);
	f.pp_health_history = NULL;
	assert_int_equal(fires(&f, "2025-06-01", "health-history"), 1);
	f.has_pathway = 0;
	assert_int_equal(fires(&f, "2025-06-01", "pathway-contingency"), 0);
	assert_int_equal(fires(&f, "2025-06-01", "health-history"), 0);
}

static struct cb_plan_fact plan(const char *type, const char *start)
{
	struct cb_plan_fact p;
	memset(&p, 0, sizeof p);
	p.id = "P1";
	p.type = type;
	p.start = start;
	p.contingency = p.views = 1;
	return p;
}

static void test_cp_review(void **state)
{
	(void)state;
	struct cb_facts f = person("child-protection", "2015-05-05");
	struct cb_plan_fact p = plan("child-protection", "2023-11-20");
	f.plans = &p;
	f.nplans = 1;
	p.initial_conf = "2023-11-29"; /* + 3m: 2024-02-29 (leap) */
	assert_int_equal(overdue(&f, "2024-02-28", "cp-review-conference"), -1);
	assert_int_equal(overdue(&f, "2024-02-29", "cp-review-conference"), 0);
	assert_int_equal(overdue(&f, "2024-03-01", "cp-review-conference"), 1);
	/* No initial conference recorded: from the plan's start. */
	p.initial_conf = NULL;
	fires(&f, "2024-01-01", "cp-review-conference");
	assert_due("2024-02-20");
	/* Then every 6 months from the last review conference. */
	p.last_review_conf = "2024-08-31";
	assert_int_equal(overdue(&f, "2025-02-28", "cp-review-conference"), 0);
	assert_int_equal(overdue(&f, "2025-03-01", "cp-review-conference"), 1);
	/* Ended, or not a CP plan: nothing. */
	p.end = "2024-12-01";
	assert_int_equal(fires(&f, "2025-03-01", "cp-review-conference"), 0);
	p.end = NULL;
	p.type = "child-in-need";
	assert_int_equal(fires(&f, "2025-03-01", "cp-review-conference"), 0);
}

static void test_visits(void **state)
{
	(void)state;
	struct cb_facts f = person("child-in-need", "2015-05-05");
	struct cb_plan_fact p = plan("child-in-need", "2025-01-01");
	f.plans = &p;
	f.nplans = 1;
	f.last_visit = "2025-04-20"; /* + 6w: 2025-06-01 */
	assert_int_equal(overdue(&f, "2025-05-31", "plan-visits"), -1);
	assert_int_equal(overdue(&f, "2025-06-01", "plan-visits"), 0);
	assert_int_equal(overdue(&f, "2025-06-02", "plan-visits"), 1);
	/* Child protection: every 2 weeks. */
	p.type = "child-protection";
	fires(&f, "2025-05-01", "plan-visits");
	assert_due("2025-05-04");
	/* An approximate visit counts from the start of its month. */
	f.last_visit = "2025-04";
	fires(&f, "2025-05-01", "plan-visits");
	assert_due("2025-04-15");
	/* None since the plan began: from its start. */
	f.last_visit = "2024-12-01";
	fires(&f, "2025-05-01", "plan-visits");
	assert_due("2025-01-15");
	/* No open plan: no visit rule. */
	p.end = "2025-03-01";
	assert_int_equal(fires(&f, "2025-05-01", "plan-visits"), 0);
}

static void test_plan_content(void **state)
{
	(void)state;
	struct cb_facts f = person("child-in-need", "2015-05-05");
	struct cb_plan_fact p[2] = { plan("child-in-need", "2025-01-01"),
				     plan("pre-proceedings", "2025-02-01") };
	f.plans = p;
	f.nplans = 2;
	assert_int_equal(fires(&f, "2025-06-01", "plan-contingency"), 0);
	p[0].contingency = 0;
	p[1].contingency = 0;
	p[1].views = 0;
	assert_int_equal(fires(&f, "2025-06-01", "plan-contingency"), 2);
	assert_int_equal(fires(&f, "2025-06-01", "plan-views"), 1);
	assert_non_null(strstr(found_alert.reason, "pre-proceedings"));
	p[1].end = "2025-05-01";
	assert_int_equal(fires(&f, "2025-06-01", "plan-contingency"), 1);
}

static void test_actions(void **state)
{
	(void)state;
	struct cb_facts f = person("child-in-need", "2015-05-05");
	struct cb_plan_fact p = plan("child-in-need", "2025-01-01");
	f.plans = &p;
	f.nplans = 1;
	assert_int_equal(fires(&f, "2025-06-01", "action-incomplete"), 0);
	p.actions_no_owner = 1;
	assert_int_equal(fires(&f, "2025-06-01", "action-incomplete"), 1);
	p.actions_no_owner = 0;
	p.actions_no_date = 2;
	assert_int_equal(fires(&f, "2025-06-01", "action-incomplete"), 1);
	assert_non_null(strstr(found_alert.reason, "2 with no date"));

	p.action_dates = "2025-05-31,2025-06-01,2025-06-02";
	p.first_action = "Register with a GP";
	assert_int_equal(overdue(&f, "2025-05-30", "action-overdue"), -1);
	assert_int_equal(overdue(&f, "2025-05-31", "action-overdue"), 0);
	assert_int_equal(overdue(&f, "2025-06-01", "action-overdue"), 1);
	assert_non_null(strstr(found_alert.reason, "1 action past its date"));
	assert_int_equal(overdue(&f, "2025-06-03", "action-overdue"), 3);
	assert_non_null(strstr(found_alert.reason, "3 actions past"));
	assert_non_null(strstr(found_alert.reason, "Register with a GP"));
}

static void test_oversight(void **state)
{
	(void)state;
	struct cb_facts f = person("child-in-need", "2015-05-05");
	f.has_oversight = 1;
	f.last_oversight = "2025-01-31"; /* + 1m: 2025-02-28 */
	assert_int_equal(overdue(&f, "2025-02-27", "oversight-due"), -1);
	assert_int_equal(overdue(&f, "2025-02-28", "oversight-due"), 0);
	assert_int_equal(overdue(&f, "2025-03-01", "oversight-due"), 1);
	f.last_oversight = "2024-01-31"; /* leap year */
	fires(&f, "2024-03-01", "oversight-due");
	assert_due("2024-02-29");
	/* None, and no plan: nothing to count from. */
	f.last_oversight = NULL;
	assert_int_equal(fires(&f, "2025-06-01", "oversight-due"), 0);
	struct cb_plan_fact p = plan("child-in-need", "2025-04-10");
	f.plans = &p;
	f.nplans = 1;
	fires(&f, "2025-06-01", "oversight-due");
	assert_due("2025-05-10");
	assert_int_equal(fires(&f, "2025-06-01", "oversight-action-date"), 0);
	f.oversight_undated = 2;
	assert_int_equal(fires(&f, "2025-06-01", "oversight-action-date"), 1);
}

static void test_drift(void **state)
{
	(void)state;
	struct cb_facts f = person("child-protection", "2015-05-05");
	struct cb_plan_fact p = plan("child-protection", "2023-11-30");
	f.plans = &p;
	f.nplans = 1;
	/* 18 months: 2025-05-30 */
	assert_int_equal(overdue(&f, "2025-05-29", "drift-long-plan"), -1);
	assert_int_equal(overdue(&f, "2025-05-30", "drift-long-plan"), 0);
	assert_int_equal(overdue(&f, "2025-05-31", "drift-long-plan"), 1);

	/* Repeat plan within 2 years of the last one's end (inclusive). */
	p.start = "2025-06-01";
	p.prev_end = "2023-06-01";
	assert_int_equal(fires(&f, "2025-06-10", "drift-repeat-plan"), 1);
	p.start = "2025-06-02";
	assert_int_equal(fires(&f, "2025-06-10", "drift-repeat-plan"), 0);
	/* An approximate end counts from the end of its month. */
	p.prev_end = "2023-06";
	p.start = "2025-06-30";
	assert_int_equal(fires(&f, "2025-07-10", "drift-repeat-plan"), 1);

	/* Pre-proceedings past its review point with no decision. */
	struct cb_plan_fact q = plan("pre-proceedings", "2025-01-06");
	f.plans = &q;
	q.review_point = "2025-05-01";
	assert_int_equal(overdue(&f, "2025-04-30", "drift-pre-proceedings"), -1);
	assert_int_equal(overdue(&f, "2025-05-01", "drift-pre-proceedings"), 0);
	assert_int_equal(overdue(&f, "2025-05-02", "drift-pre-proceedings"), 1);
	q.decision = "extend";
	assert_int_equal(fires(&f, "2025-05-02", "drift-pre-proceedings"), 0);
	/* No review point: 16 weeks after the letter. */
	q.decision = NULL;
	q.review_point = NULL;
	q.letter = "2025-01-06";
	fires(&f, "2025-05-02", "drift-pre-proceedings");
	assert_due("2025-04-28");
}

static void test_order_and_active(void **state)
{
	(void)state;
	struct cb_facts f = person("care-leaver", "2008-02-29");
	f.has_pathway = 1;
	f.p.plan_last_review = "2025-01-10"; /* due 2025-07-10 */
	f.pp_views = 0;                       /* undated, medium */
	struct cb_alerts out = { 0 };
	struct cb_date t = day("2025-09-01");
	assert_int_equal(cb_rules_eval(&cfg, &f, &t, &out), 0);
	/* personal-adviser (high, overdue 3 days) before pathway-review (high,
	 * overdue 53 days)? No: the most overdue first within a severity. */
	assert_true(out.n >= 3);
	assert_string_equal(cb_rules[out.v[0].rule].name, "pathway-review");
	assert_string_equal(cb_rules[out.v[1].rule].name, "personal-adviser");
	assert_string_equal(cb_rules[out.v[2].rule].name, "pathway-views");
	cb_alerts_free(&out);
	/* Due soon: within 28 days shows, later does not. */
	struct cb_alert a = { 0 };
	a.dated = 1;
	a.due = day("2025-06-29");
	t = day("2025-06-01");
	assert_true(cb_alert_active(&cfg, &a, &t));
	a.due = day("2025-06-30");
	assert_false(cb_alert_active(&cfg, &a, &t));
}

static void test_config(void **state)
{
	(void)state;
	const char *text =
		"# an authority's rules\n"
		"Rule: defaults\n"
		"Due-Soon: 2w\n"
		"\n"
		"Rule: plan-visits\n"
		"Child-Protection: 10d\n"
		"Severity: medium\n"
		"\n"
		"Rule: health-history\n"
		"Enabled: no\n";
	struct cb_rules_config c;
	assert_int_equal(cb_rules_defaults(&c), 0);
	assert_int_equal(cb_rules_parse(&c, text, strlen(text), "config/rules"), 0);
	int v = cb_rule_find("plan-visits");
	assert_int_equal(c.param[v][1].days, 10);
	assert_int_equal(c.param[v][0].days, 42); /* not in the file: default */
	assert_int_equal(c.severity[v], CB_SEV_MEDIUM);
	assert_int_equal(c.due_soon.days, 14);
	assert_false(c.enabled[cb_rule_find("health-history")]);
	assert_true(c.enabled[cb_rule_find("pathway-review")]);
	/* The formatted configuration reads back the same. */
	char *s = cb_rules_format(&c);
	assert_non_null(s);
	struct cb_rules_config d;
	assert_int_equal(cb_rules_defaults(&d), 0);
	assert_int_equal(cb_rules_parse(&d, s, strlen(s), "x"), 0);
	assert_int_equal(d.param[v][1].days, 10);
	assert_false(d.enabled[cb_rule_find("health-history")]);
	free(s);
	cb_rules_config_free(&d);
	cb_rules_config_free(&c);
}

static void refused(const char *text, const char *want)
{
	struct cb_rules_config c;
	assert_int_equal(cb_rules_defaults(&c), 0);
	assert_int_equal(cb_rules_parse(&c, text, strlen(text), "config/rules"), CB_EINVALID);
	if (!strstr(cb_err_msg(), want))
		fail_msg("\"%s\" does not contain \"%s\"", cb_err_msg(), want);
	/* Left with the defaults, not half the file. */
	assert_int_equal(c.param[cb_rule_find("plan-visits")][0].days, 42);
	cb_rules_config_free(&c);
}

static void test_config_refused(void **state)
{
	(void)state;
	refused("Rule: plan-visits\nInterval: 3w\n\nRule: pathway-review\nInterval: six months\n",
		"config/rules:5: Interval: not a length of time");
	refused("Rule: plan-visits\nInterval: 3w\nEnabled: maybe\n",
		"config/rules:3: Enabled: must be yes or no");
	refused("# c\n\nRule: plan-visits\nSeverity: urgent\n", "config/rules:4: Severity:");
	refused("Rule: plan-visits\nColour: red\n", "config/rules:2: Colour: this rule has no such key");
	refused("Rule: no-such-rule\n", "config/rules:1: Rule: no such rule");
	refused("Rule: plan-visits\n\nRule: plan-visits\n", "config/rules:3: Rule: this rule already");
	refused("Interval: 3w\n", "config/rules:1: Rule:");
	refused("Rule: plan-visits\nno colon here\n", "config/rules:2:");
	refused("Rule: defaults\nDue-Soon: soon\n", "config/rules:2: Due-Soon:");
}

static void test_disabled(void **state)
{
	(void)state;
	struct cb_rules_config c;
	const char *text = "Rule: personal-adviser\nEnabled: no\n";
	assert_int_equal(cb_rules_defaults(&c), 0);
	assert_int_equal(cb_rules_parse(&c, text, strlen(text), "config/rules"), 0);
	struct cb_facts f = person("care-leaver", "2005-01-01");
	struct cb_alerts out = { 0 };
	struct cb_date t = day("2025-06-01");
	assert_int_equal(cb_rules_eval(&c, &f, &t, &out), 0);
	for (size_t i = 0; i < out.n; i++)
		assert_string_not_equal(cb_rules[out.v[i].rule].name, "personal-adviser");
	assert_int_equal(cb_rules_eval(&cfg, &f, &t, &out), 0);
	int seen = 0;
	for (size_t i = 0; i < out.n; i++)
		seen |= strcmp(cb_rules[out.v[i].rule].name, "personal-adviser") == 0;
	assert_true(seen);
	cb_alerts_free(&out);
	cb_rules_config_free(&c);
}

static void test_table(void **state)
{
	(void)state;
	/* Every rule has a unique name, what it checks and a source. */
	for (size_t i = 0; i < cb_nrules; i++) {
		assert_true(cb_rules[i].checks && *cb_rules[i].checks);
		assert_true(cb_rules[i].source && *cb_rules[i].source);
		assert_int_equal(cb_rule_find(cb_rules[i].name), (int)i);
		for (int k = 0; k < CB_RULE_MAX_PARAMS && cb_rules[i].params[k].key; k++) {
			struct cb_span sp;
			assert_int_equal(cb_span_parse(cb_rules[i].params[k].def, &sp), 0);
		}
	}
}

/* ---- leap years, 29 February and approximate dates, rule by rule ---- */

static void test_pathway_review_dates(void **state)
{
	(void)state;
	struct cb_facts f = person("care-leaver", "2007-01-10");
	f.p.pa = "pa@example.org";
	f.has_pathway = 1;
	/* Reviewed on 29 February: six months on is 29 August. */
	f.p.plan_last_review = "2024-02-29";
	assert_int_equal(overdue(&f, "2024-08-28", "pathway-review"), -1);
	assert_int_equal(overdue(&f, "2024-08-29", "pathway-review"), 0);
	assert_int_equal(overdue(&f, "2024-08-30", "pathway-review"), 1);
	/* No review yet: from the plan's date. */
	f.p.plan_last_review = NULL;
	f.p.plan_date = "2024-03-15";
	fires(&f, "2024-06-01", "pathway-review");
	assert_due("2024-09-15");
	/* An approximate last review counts from the start of its period. */
	f.p.plan_last_review = "2024-08";
	fires(&f, "2024-10-01", "pathway-review");
	assert_due("2025-02-01");
	f.p.plan_last_review = "2024";
	fires(&f, "2024-10-01", "pathway-review");
	assert_due("2024-07-01");
}

static void test_pathway_change_dates(void **state)
{
	(void)state;
	struct cb_facts f = person("care-leaver", "2007-01-10");
	f.has_pathway = 1;
	f.p.plan_last_review = "2024-02-28";
	f.change_category = "accommodation";
	f.change_event = "Moved to a hostel";
	/* The day before the review: the review covered it. */
	f.change_date = "2024-02-27";
	assert_int_equal(fires(&f, "2024-03-10", "pathway-change-review"), 0);
	/* 29 February, the day after the review: due at once. */
	f.change_date = "2024-02-29";
	assert_int_equal(overdue(&f, "2024-02-29", "pathway-change-review"), 0);
	assert_int_equal(overdue(&f, "2024-03-01", "pathway-change-review"), 1);
	/* With a month allowed (config/rules): 31 January + 1m is 29 February. */
	use_rules("Rule: pathway-change-review\nWithin: 1m\n");
	f.change_date = "2024-01-31";
	f.p.plan_last_review = "2024-01-30";
	assert_int_equal(overdue(&f, "2024-02-28", "pathway-change-review"), -1);
	assert_int_equal(overdue(&f, "2024-02-29", "pathway-change-review"), 0);
	assert_int_equal(overdue(&f, "2024-03-01", "pathway-change-review"), 1);
	use_rules("");
	/* No pathway plan, or a closed case: nothing. */
	f.has_pathway = 0;
	assert_int_equal(fires(&f, "2024-03-01", "pathway-change-review"), 0);
	f.has_pathway = 1;
	f.p.status = "closed";
	assert_int_equal(fires(&f, "2024-03-01", "pathway-change-review"), 0);
}

static void test_needs_assessment_dates(void **state)
{
	(void)state;
	/* Born on 29 February: 16 years on is the 29th in a leap year, and
	 * 16y3m is 29 May. */
	struct cb_facts f = person("care-leaver", "2008-02-29");
	assert_int_equal(overdue(&f, "2024-05-28", "needs-assessment"), -1);
	assert_int_equal(overdue(&f, "2024-05-29", "needs-assessment"), 0);
	assert_int_equal(overdue(&f, "2024-05-30", "needs-assessment"), 1);
	/* Landing on a leap day. */
	f.p.dob = "2007-11-29";
	fires(&f, "2024-01-01", "needs-assessment");
	assert_due("2024-02-29");
	/* A date of birth must be exact (the person record requires it): an
	 * approximate one gives no date to count from, not a guessed one. */
	f.p.dob = "2008-02";
	assert_int_equal(fires(&f, "2024-06-01", "needs-assessment"), 0);
	f.p.dob = "2008";
	assert_int_equal(fires(&f, "2024-06-01", "needs-assessment"), 0);
}

static void test_personal_adviser_dates(void **state)
{
	(void)state;
	struct cb_facts f = person("care-leaver", "2007-02");
	assert_int_equal(fires(&f, "2025-06-01", "personal-adviser"), 0);
	/* The authority flags at 18 (config/rules): a 29 February birthday
	 * is 28 February in a common year. */
	use_rules("Rule: personal-adviser\nAge: 18y\n");
	f.p.dob = "2008-02-29";
	assert_int_equal(overdue(&f, "2026-02-27", "personal-adviser"), -1);
	assert_int_equal(overdue(&f, "2026-02-28", "personal-adviser"), 0);
	assert_int_equal(overdue(&f, "2026-03-01", "personal-adviser"), 1);
	use_rules("");
}

static void test_cp_review_dates(void **state)
{
	(void)state;
	struct cb_facts f = person("child-protection", "2015-05-05");
	struct cb_plan_fact p = plan("child-protection", "2024-02-20");
	f.plans = &p;
	f.nplans = 1;
	/* An initial conference on 29 February: the first review by 29 May. */
	p.initial_conf = "2024-02-29";
	assert_int_equal(overdue(&f, "2024-05-28", "cp-review-conference"), -1);
	assert_int_equal(overdue(&f, "2024-05-29", "cp-review-conference"), 0);
	assert_int_equal(overdue(&f, "2024-05-30", "cp-review-conference"), 1);
	/* Approximate meetings count from the start of their period. */
	p.initial_conf = "2024-02";
	fires(&f, "2024-03-01", "cp-review-conference");
	assert_due("2024-05-01");
	p.last_review_conf = "2024-08";
	fires(&f, "2024-09-01", "cp-review-conference");
	assert_due("2025-02-01");
	/* A closed case: nothing. */
	f.p.status = "closed";
	assert_int_equal(fires(&f, "2025-03-01", "cp-review-conference"), 0);
}

static void test_visits_dates(void **state)
{
	(void)state;
	struct cb_facts f = person("child-protection", "2015-05-05");
	struct cb_plan_fact p = plan("child-protection", "2024-01-01");
	f.plans = &p;
	f.nplans = 1;
	/* Two weeks after 15 February 2024 is the 29th. */
	f.last_visit = "2024-02-15";
	assert_int_equal(overdue(&f, "2024-02-28", "plan-visits"), -1);
	assert_int_equal(overdue(&f, "2024-02-29", "plan-visits"), 0);
	assert_int_equal(overdue(&f, "2024-03-01", "plan-visits"), 1);
	/* A visit known only by its year counts from 1 January. */
	p.type = "child-in-need";
	f.last_visit = "2024";
	fires(&f, "2024-03-01", "plan-visits");
	assert_due("2024-02-12");
	/* A closed case: nothing. */
	f.p.status = "closed";
	assert_int_equal(fires(&f, "2024-03-01", "plan-visits"), 0);
}

static void test_action_dates(void **state)
{
	(void)state;
	struct cb_facts f = person("child-in-need", "2015-05-05");
	struct cb_plan_fact p = plan("child-in-need", "2024-01-01");
	f.plans = &p;
	f.nplans = 1;
	p.first_action = "Dentist";
	p.action_dates = "2024-02-29";
	assert_int_equal(overdue(&f, "2024-02-28", "action-overdue"), -1);
	assert_non_null(strstr(found_alert.reason, "next action due: Dentist"));
	assert_int_equal(overdue(&f, "2024-02-29", "action-overdue"), 0);
	assert_int_equal(overdue(&f, "2024-03-01", "action-overdue"), 1);
	/* "By May" is overdue once May has begun: the start of the period. */
	p.action_dates = "2025-05";
	assert_int_equal(overdue(&f, "2025-05-02", "action-overdue"), 1);
	assert_due("2025-05-01");
	p.action_dates = "2025";
	fires(&f, "2024-12-20", "action-overdue");
	assert_due("2025-01-01");
	/* An ended plan's actions are not chased. */
	p.end = "2025-06-01";
	assert_int_equal(fires(&f, "2025-07-01", "action-overdue"), 0);
	assert_int_equal(fires(&f, "2025-07-01", "action-incomplete"), 0);
}

static void test_oversight_dates(void **state)
{
	(void)state;
	struct cb_facts f = person("child-in-need", "2015-05-05");
	f.has_oversight = 1;
	/* 29 February + 1 month is 29 March. */
	f.last_oversight = "2024-02-29";
	assert_int_equal(overdue(&f, "2024-03-28", "oversight-due"), -1);
	assert_int_equal(overdue(&f, "2024-03-29", "oversight-due"), 0);
	assert_int_equal(overdue(&f, "2024-03-30", "oversight-due"), 1);
	/* Approximate: from the start of the month. */
	f.last_oversight = "2025-01";
	fires(&f, "2025-01-15", "oversight-due");
	assert_due("2025-02-01");
	/* A closed case needs no oversight. */
	f.p.status = "closed";
	f.oversight_undated = 1;
	assert_int_equal(fires(&f, "2025-06-01", "oversight-due"), 0);
	assert_int_equal(fires(&f, "2025-06-01", "oversight-action-date"), 0);
}

static void test_drift_dates(void **state)
{
	(void)state;
	struct cb_facts f = person("child-protection", "2015-05-05");
	struct cb_plan_fact p = plan("child-protection", "2022-08-29");
	f.plans = &p;
	f.nplans = 1;
	/* 29 August 2022 + 18 months: 29 February 2024. */
	assert_int_equal(overdue(&f, "2024-02-28", "drift-long-plan"), -1);
	assert_int_equal(overdue(&f, "2024-02-29", "drift-long-plan"), 0);
	assert_int_equal(overdue(&f, "2024-03-01", "drift-long-plan"), 1);
	/* A plan begun on 29 February 2024: 29 August 2025. */
	p.start = "2024-02-29";
	fires(&f, "2025-01-01", "drift-long-plan");
	assert_due("2025-08-29");
	/* An approximate start counts from the start of its month. */
	p.start = "2023-11";
	fires(&f, "2025-01-01", "drift-long-plan");
	assert_due("2025-05-01");
	/* An ended plan is not drift, nor is a closed case. */
	p.end = "2025-06-01";
	assert_int_equal(fires(&f, "2025-07-01", "drift-long-plan"), 0);
	p.end = NULL;
	f.p.status = "closed";
	assert_int_equal(fires(&f, "2025-07-01", "drift-long-plan"), 0);
	f.p.status = "child-protection";

	/* Repeat plans: the day before, on and after two years from the end. */
	p.prev_end = "2023-06-01";
	p.start = "2025-05-31";
	assert_int_equal(fires(&f, "2025-06-10", "drift-repeat-plan"), 1);
	p.start = "2025-06-01";
	assert_int_equal(fires(&f, "2025-06-10", "drift-repeat-plan"), 1);
	p.start = "2025-06-02";
	assert_int_equal(fires(&f, "2025-06-10", "drift-repeat-plan"), 0);
	/* Ended on 29 February: two years on is 28 February. */
	p.prev_end = "2024-02-29";
	p.start = "2026-02-28";
	assert_int_equal(fires(&f, "2026-03-10", "drift-repeat-plan"), 1);
	p.start = "2026-03-01";
	assert_int_equal(fires(&f, "2026-03-10", "drift-repeat-plan"), 0);
	/* An end known only by its year counts from 31 December. */
	p.prev_end = "2023";
	p.start = "2025-12-31";
	assert_int_equal(fires(&f, "2026-01-10", "drift-repeat-plan"), 1);
	p.start = "2026-01-01";
	assert_int_equal(fires(&f, "2026-01-10", "drift-repeat-plan"), 0);

	/* Pre-proceedings: a review point on 29 February. */
	struct cb_plan_fact q = plan("pre-proceedings", "2023-11-09");
	f.plans = &q;
	q.review_point = "2024-02-29";
	assert_int_equal(overdue(&f, "2024-02-28", "drift-pre-proceedings"), -1);
	assert_int_equal(overdue(&f, "2024-02-29", "drift-pre-proceedings"), 0);
	assert_int_equal(overdue(&f, "2024-03-01", "drift-pre-proceedings"), 1);
	/* No review point: 16 weeks after a letter of 9 November 2023 is
	 * 29 February 2024. */
	q.review_point = NULL;
	q.letter = "2023-11-09";
	assert_int_equal(overdue(&f, "2024-02-28", "drift-pre-proceedings"), -1);
	assert_int_equal(overdue(&f, "2024-02-29", "drift-pre-proceedings"), 0);
	assert_int_equal(overdue(&f, "2024-03-01", "drift-pre-proceedings"), 1);
	/* Approximate: a letter in January 2025 counts from the 1st; a
	 * review point in May 2025 is due on the 1st. */
	q.letter = "2025-01";
	q.start = "2025-01-06";
	fires(&f, "2025-03-01", "drift-pre-proceedings");
	assert_due("2025-04-23");
	q.review_point = "2025-05";
	fires(&f, "2025-03-01", "drift-pre-proceedings");
	assert_due("2025-05-01");
}

static void test_content_rules_closed(void **state)
{
	(void)state;
	/* The rules of what a plan lacks stay quiet on a closed case. */
	struct cb_facts f = person("closed", "2015-05-05");
	struct cb_plan_fact p = plan("child-in-need", "2024-01-01");
	p.contingency = p.views = 0;
	p.actions_no_owner = 1;
	f.plans = &p;
	f.nplans = 1;
	f.has_pathway = 1;
	f.pp_contingency = f.pp_views = 0;
	f.pp_health_history = "no";
	static const char *const quiet[] = {
		"plan-contingency", "plan-views", "action-incomplete", "pathway-contingency",
		"pathway-views", "health-history", "oversight-action-date",
	};
	for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++)
		assert_int_equal(fires(&f, "2025-06-01", quiet[i]), 0);
}

/* Runs last: every rule was seen to fire and to stay quiet, and every
 * rule with dated alerts the day before, on and after its date. */
static void test_every_rule_covered(void **state)
{
	(void)state;
	assert_true(cb_nrules <= sizeof covered / sizeof covered[0]);
	for (size_t i = 0; i < cb_nrules; i++) {
		if (!covered[i].fired || !covered[i].quiet)
			fail_msg("rule %s: no test sees it %s", cb_rules[i].name,
				 covered[i].fired ? "stay quiet" : "fire");
		if (covered[i].dated && covered[i].boundary != 7)
			fail_msg("rule %s: no test of the day before, on and after its date",
				 cb_rules[i].name);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_span),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_pathway_review),
		cmocka_unit_test(test_pathway_change),
		cmocka_unit_test(test_needs_assessment),
		cmocka_unit_test(test_personal_adviser),
		cmocka_unit_test(test_pathway_content),
		cmocka_unit_test(test_cp_review),
		cmocka_unit_test(test_visits),
		cmocka_unit_test(test_plan_content),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_oversight),
		cmocka_unit_test(test_drift),
		cmocka_unit_test(test_order_and_active),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_config_refused),
		cmocka_unit_test(test_disabled),
		cmocka_unit_test(test_pathway_review_dates),
		cmocka_unit_test(test_pathway_change_dates),
		cmocka_unit_test(test_needs_assessment_dates),
		cmocka_unit_test(test_personal_adviser_dates),
		cmocka_unit_test(test_cp_review_dates),
		cmocka_unit_test(test_visits_dates),
		cmocka_unit_test(test_action_dates),
		cmocka_unit_test(test_oversight_dates),
		cmocka_unit_test(test_drift_dates),
		cmocka_unit_test(test_content_rules_closed),
		cmocka_unit_test(test_every_rule_covered),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
