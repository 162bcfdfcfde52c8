/* test_plan_validate.c - the rules of a child's plan record that cross
 * stanzas (src/validate.c, "plan records"), checked against the real
 * field tables in db/schema_types.c: a plan record is only as good as its
 * table and its rules together.
 *
 * Each case starts from one valid record and changes one thing, so a
 * failure names the rule that broke. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deb822.h"
#include "err.h"
#include "record.h"
#include "schema.h"
#include "validate.h"

#define PID "7QK2M9XD4T"

#define HEADER "Record: plan\nPerson: " PID "\nSchema: 1\n"

#define CIN_PLAN \
	"\nId: PCIN\nKind: plan\nType: child-in-need\nStart: 2023-01-09\n" \
	"End: 2023-09-01\nEnd-Reason: stepped down to early help\n"
#define CP_PLAN \
	"\nId: PCP\nKind: plan\nType: child-protection\nCategory: neglect\n" \
	"Start: 2024-01-15\nLast-Review: 2024-04-10\nNext-Review: 2024-10-10\n" \
	"Outcomes: Jay is fed and warm.\nChild-Views: \"I want my own bed.\"\n" \
	"Views-Gathered: Seen alone at school\nContingency: Legal planning meeting.\n"
#define PLO_PLAN \
	"\nId: PPLO\nKind: plan\nType: pre-proceedings\nStart: 2024-05-01\n" \
	"Letter-Before-Proceedings: 2024-04-24\nReview-Point: 2024-07-31\n" \
	"Decision: extend\nDecision-Date: 2024-07-31\n"
#define ACTION \
	"\nId: A1\nKind: action\nPlan: PCP\nAction: Referral to food bank\n" \
	"Who: Sam Patel\nBy-When: 2024-02-01\nStatus: done\nDone: 2024-01-30\n"
#define MEETING \
	"\nId: M1\nKind: meeting\nPlan: PCP\nType: review-conference\n" \
	"Date: 2024-04-10\nNotes: Plan continues.\n"

static const char valid[] = HEADER CIN_PLAN CP_PLAN PLO_PLAN ACTION MEETING;

/* Validates text as a plan record; returns the problems (caller frees). */
static struct cb_problems check(const char *text, int *rc)
{
	const struct cb_record_type *t = cb_record_type_find("plan");
	assert_non_null(t);
	struct cb_doc d;
	struct cb_parse_error err = { 0 };
	if (cb_record_parse(&d, text, strlen(text), "plan", NULL, &err))
		fail_msg("parse failed: %s", err.msg);
	struct cb_problems p = { 0 };
	*rc = cb_validate(&d, t, PID, &p);
	cb_doc_free(&d);
	return p;
}

static void assert_valid(const char *text)
{
	int rc;
	struct cb_problems p = check(text, &rc);
	for (size_t i = 0; i < p.n; i++)
		print_message("unexpected problem: %s\n", p.v[i].msg);
	assert_int_equal(rc, 0);
	assert_int_equal(p.n, 0);
	cb_problems_free(&p);
}

/* Exactly one problem, on field, its message containing what. */
static void assert_one_problem(const char *text, const char *field, const char *what)
{
	int rc;
	struct cb_problems p = check(text, &rc);
	for (size_t i = 0; i < p.n; i++)
		print_message("problem: %s\n", p.v[i].msg);
	assert_int_equal(rc, CB_EINVALID);
	assert_int_equal(p.n, 1);
	assert_non_null(p.v[0].field);
	assert_string_equal(p.v[0].field, field);
	if (!strstr(p.v[0].msg, what))
		fail_msg("\"%s\" does not say \"%s\"", p.v[0].msg, what);
	cb_problems_free(&p);
}

/* valid with the first occurrence of from replaced by to. */
static char *with(const char *from, const char *to)
{
	const char *at = strstr(valid, from);
	assert_non_null(at);
	size_t pre = (size_t)(at - valid), flen = strlen(from), tlen = strlen(to);
	char *s = malloc(strlen(valid) - flen + tlen + 1);
	assert_non_null(s);
	memcpy(s, valid, pre);
	memcpy(s + pre, to, tlen);
	strcpy(s + pre + tlen, at + flen);
	return s;
}

static void expect(const char *from, const char *to, const char *field, const char *what)
{
	char *s = with(from, to);
	assert_one_problem(s, field, what);
	free(s);
}

static void expect_valid(const char *from, const char *to)
{
	char *s = with(from, to);
	assert_valid(s);
	free(s);
}

/* ---- cases ---- */

static void test_valid_record(void **state)
{
	(void)state;
	assert_valid(valid);
	assert_valid(HEADER);
	/* An action with no owner or date is recordable: the alerts flag it. */
	assert_valid(HEADER CP_PLAN "\nId: A2\nKind: action\nPlan: PCP\nAction: Visit\n");
}

static void test_required_fields(void **state)
{
	(void)state;
	expect("Type: child-in-need\n", "", "Type", "required");
	expect("Start: 2023-01-09\n", "", "Start", "required");
	expect("Action: Referral to food bank\n", "", "Action", "required");
	expect("Date: 2024-04-10\n", "", "Date", "required");
	expect("Type: review-conference\n", "", "Type", "required");
	expect("Plan: PCP\nAction", "Action", "Plan", "required");
	expect("Type: child-in-need", "Type: early-help", "Type", "not one of");
	expect("Category: neglect", "Category: poverty", "Category", "not one of");
	expect("Decision: extend", "Decision: continue", "Decision", "not one of");
}

static void test_plan_reference(void **state)
{
	(void)state;
	expect("Plan: PCP\nAction", "Plan: PNONE\nAction", "Plan", "no plan with Id PNONE");
	expect("Plan: PCP\nType: review", "Plan: A1\nType: review", "Plan", "no plan with Id A1");
	/* A plan's own actions may belong to an ended plan. */
	expect_valid("Plan: PCP\nAction", "Plan: PCIN\nAction");
	/* An id is never a path. */
	expect("Plan: PCP\nAction", "Plan: ../PCP\nAction", "Plan", "not a valid id");
}

static void test_end_not_before_start(void **state)
{
	(void)state;
	expect("End: 2023-09-01", "End: 2023-01-08", "End", "before Start");
	expect_valid("End: 2023-09-01", "End: 2023-01-09");
	expect("Last-Review: 2024-04-10", "Last-Review: 2024-01-14", "Last-Review", "before Start");
	expect("Next-Review: 2024-10-10", "Next-Review: 2024-04-09", "Next-Review", "before Last-Review");
	expect("Review-Point: 2024-07-31\nDecision: extend\nDecision-Date: 2024-07-31",
	       "Review-Point: 2024-04-30\nDecision: extend\nDecision-Date: 2024-07-31",
	       "Review-Point", "before Start");
	expect("Decision-Date: 2024-07-31", "Decision-Date: 2024-04-30", "Decision-Date", "before Start");
	/* A letter before proceedings usually comes before the plan starts. */
	expect_valid("Letter-Before-Proceedings: 2024-04-24", "Letter-Before-Proceedings: 2024-03-01");
	/* The end of a plan and the decision have happened: not in the future. */
	expect("End: 2023-09-01", "End: 2099-09-01", "End", "in the future");
	expect("Decision-Date: 2024-07-31", "Decision-Date: 2099-07-31", "Decision-Date", "in the future");
	/* Review points and next reviews are in the future. */
	expect_valid("Next-Review: 2024-10-10", "Next-Review: 2099-10-10");
	expect("End: 2023-09-01", "End: 2023-02-30", "End", "no such date");
}

static void test_pre_proceedings_only(void **state)
{
	(void)state;
	static const char *const fields[] = {
		"Letter-Before-Proceedings: 2024-01-01\n", "Review-Point: 2024-06-01\n",
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		char to[128];
		snprintf(to, sizeof to, "Start: 2024-01-15\n%s", fields[i]);
		char name[32];
		snprintf(name, sizeof name, "%.*s", (int)(strchr(fields[i], ':') - fields[i]), fields[i]);
		expect("Start: 2024-01-15\n", to, name, "only a pre-proceedings plan");
	}
	/* A decision on a child in need plan: both fields are out of place. */
	int rc;
	char *s = with("Start: 2023-01-09\n", "Start: 2023-01-09\nDecision: step-down\nDecision-Date: 2023-06-01\n");
	struct cb_problems p = check(s, &rc);
	assert_int_equal(rc, CB_EINVALID);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.v[0].field, "Decision");
	assert_non_null(strstr(p.v[0].msg, "only a pre-proceedings plan has this; this plan is child-in-need"));
	assert_string_equal(p.v[1].field, "Decision-Date");
	cb_problems_free(&p);
	free(s);
	/* A decision date alone: out of place, and no decision with it. */
	s = with("Start: 2024-01-15\n", "Start: 2024-01-15\nDecision-Date: 2024-06-01\n");
	p = check(s, &rc);
	assert_int_equal(rc, CB_EINVALID);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.v[0].field, "Decision-Date");
	assert_non_null(strstr(p.v[0].msg, "only a pre-proceedings plan"));
	assert_string_equal(p.v[1].field, "Decision");
	cb_problems_free(&p);
	free(s);
}

static void test_decision_and_date(void **state)
{
	(void)state;
	expect("Decision: extend\nDecision-Date: 2024-07-31\n", "Decision: extend\n",
	       "Decision-Date", "required when Decision");
	expect("Decision: extend\nDecision-Date: 2024-07-31\n", "Decision-Date: 2024-07-31\n",
	       "Decision", "required when Decision-Date");
	expect_valid("Decision: extend\nDecision-Date: 2024-07-31\n", "");
}

static void test_cp_category(void **state)
{
	(void)state;
	expect("Category: neglect\n", "", "Category", "required on a child-protection plan");
	/* Optional on the others. */
	expect_valid("Type: child-in-need\n", "Type: child-in-need\nCategory: emotional-abuse\n");
}

static void test_end_reason_needs_end(void **state)
{
	(void)state;
	expect("End: 2023-09-01\n", "", "End-Reason", "no End date");
	expect_valid("End: 2023-09-01\nEnd-Reason: stepped down to early help\n", "");
}

static void test_meeting_types(void **state)
{
	(void)state;
	expect("Type: review-conference", "Type: plo-meeting", "Type",
	       "held only on a pre-proceedings plan");
	expect("Type: review-conference", "Type: cin-review", "Type",
	       "held only on a child-in-need plan");
	expect_valid("Type: review-conference", "Type: core-group");
	expect_valid("Type: review-conference", "Type: initial-conference");
	expect_valid("Type: review-conference", "Type: other");
	expect("Plan: PCP\nType: review", "Plan: PPLO\nType: review", "Type",
	       "held only on a child-protection plan");
}

static void test_action_status_and_done(void **state)
{
	(void)state;
	expect("Status: done\nDone: 2024-01-30\n", "Status: done\n", "Done", "required when Status is done");
	expect("Status: done\nDone: 2024-01-30\n", "Status: open\nDone: 2024-01-30\n", "Done", "still open");
	expect_valid("Status: done\nDone: 2024-01-30\n", "Status: open\n");
	expect_valid("Status: done\nDone: 2024-01-30\n", "Status: cancelled\nDone: 2024-01-30\n");
	expect_valid("Status: done\nDone: 2024-01-30\n", "Status: cancelled\n");
	expect("Status: done\n", "Status: finished\n", "Status", "not one of");
	/* No status is an open action. */
	expect("Status: done\nDone: 2024-01-30\n", "Done: 2024-01-30\n", "Done", "still open");
}

static void test_no_two_plans_of_a_type_at_once(void **state)
{
	(void)state;
	/* A second CP plan while the first is open (its End is empty). */
	char *s = with("\nId: A1", "\nId: PCP2\nKind: plan\nType: child-protection\n"
		       "Category: multiple\nStart: 2024-03-01\n\nId: A1");
	assert_one_problem(s, "Start", "child-protection plan PCP");
	free(s);
	/* One CIN plan starting the day the other ended is fine ... */
	s = with("\nId: A1", "\nId: PCIN2\nKind: plan\nType: child-in-need\nStart: 2023-09-01\n\nId: A1");
	assert_valid(s);
	free(s);
	/* ... the day before is not, */
	s = with("\nId: A1", "\nId: PCIN2\nKind: plan\nType: child-in-need\nStart: 2023-08-31\n\nId: A1");
	assert_one_problem(s, "Start", "still open");
	free(s);
	/* nor is one that starts the same day, reported once. */
	s = with("\nId: A1", "\nId: PCIN2\nKind: plan\nType: child-in-need\nStart: 2023-01-09\n"
		 "End: 2023-02-01\n\nId: A1");
	assert_one_problem(s, "Start", "still open");
	free(s);
	/* Plans of different types may run together (CP alongside PLO). */
	assert_valid(valid);
}

static void test_unknown_kind_kept(void **state)
{
	(void)state;
	/* A stanza of a kind from a newer casebook is left alone. */
	char *s = with("\nId: A1", "\nId: X1\nKind: objective\nPlan: NOWHERE\n\nId: A1");
	assert_valid(s);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_record),
		cmocka_unit_test(test_required_fields),
		cmocka_unit_test(test_plan_reference),
		cmocka_unit_test(test_end_not_before_start),
		cmocka_unit_test(test_pre_proceedings_only),
		cmocka_unit_test(test_decision_and_date),
		cmocka_unit_test(test_cp_category),
		cmocka_unit_test(test_end_reason_needs_end),
		cmocka_unit_test(test_meeting_types),
		cmocka_unit_test(test_action_status_and_done),
		cmocka_unit_test(test_no_two_plans_of_a_type_at_once),
		cmocka_unit_test(test_unknown_kind_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
