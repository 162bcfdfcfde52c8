/* test_validate.c - record validation against a field table.
 *
 * The record types here are small stand-ins written for the test, and the
 * documents are built by hand, so these tests exercise the rules alone,
 * whatever the real tables and the parser do. */
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
#include "schema.h"
#include "validate.h"

#define PID "7QK2M9XD4T"
#define OTHER_PID "8ZZ0A1B2C3"

/* ---- test schema ---- */

static const char *const sig_choices[] = { "low", "medium", "high", NULL };
static const char *const cat_choices[] = { "Health", "Education", "Family", NULL };
static const char *const kind_choices[] = { "member", "relationship", NULL };
static const char *const rel_choices[] = { "married", "cohabiting", "separated", NULL };
static const char *const gender_choices[] = { "female", "male", "other", "unknown", NULL };

#define FD(n, t, f) { .name = (n), .type = (t), .flags = (f), .label = (n) }
#define FDC(n, f, c) { .name = (n), .type = CB_FT_CHOICE, .flags = (f), .choices = (c), .label = (n) }
#define FDD(n, t, f, r) { .name = (n), .type = (t), .flags = (f), .label = (n), .range = (r) }
#define REQ CB_FF_REQUIRED

static const struct cb_field_def person_fields[] = {
	FD("Record", CB_FT_TEXT, REQ | CB_FF_KEY),
	FD("Id", CB_FT_PERSON_REF, REQ | CB_FF_AUTO),
	FD("Schema", CB_FT_TEXT, REQ),
	FD("Name", CB_FT_TEXT, REQ),
	FDC("Gender", 0, gender_choices),
	FDD("Date-Of-Birth", CB_FT_DATE, 0, CB_DR_PAST),
	FDD("Date-Of-Death", CB_FT_DATE, 0, CB_DR_PAST),
	FD("Email", CB_FT_EMAIL, 0),
	FD("Worker", CB_FT_IDENTITY, 0),
	FD("Siblings", CB_FT_INT, 0),
	FD("Notes", CB_FT_LONGTEXT, 0),
	FDD("Last-Review", CB_FT_DATE, 0, CB_DR_PAST),
	FDD("Next-Review", CB_FT_DATE, 0, CB_DR_PLAN),
};
static const struct cb_stanza_def person_header = {
	NULL, "Person", person_fields,
	sizeof person_fields / sizeof person_fields[0], NULL
};
static const struct cb_record_type person_type = {
	"person", "Person", &person_header, NULL, 0, NULL, NULL, NULL
};

static const struct cb_field_def sub_header_fields[] = {
	FD("Record", CB_FT_TEXT, REQ | CB_FF_KEY),
	FD("Person", CB_FT_PERSON_REF, REQ),
	FD("Schema", CB_FT_TEXT, REQ),
	FDD("Last-Review", CB_FT_DATE, 0, CB_DR_PAST),
	FDD("Next-Review", CB_FT_DATE, 0, CB_DR_PLAN),
};
static const struct cb_stanza_def sub_header = {
	NULL, "Header", sub_header_fields,
	sizeof sub_header_fields / sizeof sub_header_fields[0], NULL
};

static const struct cb_field_def entry_fields[] = {
	FD("Id", CB_FT_ID, REQ | CB_FF_AUTO),
	FDD("Date", CB_FT_DATE, REQ, CB_DR_PAST),
	FDC("Category", 0, cat_choices),
	FDC("Significance", REQ, sig_choices),
	FD("Event", CB_FT_LONGTEXT, REQ),
	FD("Source", CB_FT_TEXT, 0),
	FD("Recorded-By", CB_FT_IDENTITY, 0),
	FD("Count", CB_FT_INT, 0),
};
static const struct cb_stanza_def entry_kind[] = { {
	"entry", "Chronology entry", entry_fields,
	sizeof entry_fields / sizeof entry_fields[0], NULL
} };
static const struct cb_record_type chron_type = {
	"chronology", "Chronology", &sub_header, entry_kind, 1, NULL, NULL, NULL
};

static const struct cb_field_def member_fields[] = {
	FD("Id", CB_FT_ID, REQ | CB_FF_AUTO),
	FDC("Kind", REQ | CB_FF_KEY, kind_choices),
	FD("Name", CB_FT_TEXT, REQ),
	FDC("Gender", 0, gender_choices),
	FDD("Born", CB_FT_FUZZY_DATE, 0, CB_DR_PAST),
	FDD("Died", CB_FT_FUZZY_DATE, 0, CB_DR_PAST),
};
static const struct cb_field_def rel_fields[] = {
	FD("Id", CB_FT_ID, REQ | CB_FF_AUTO),
	FDC("Kind", REQ | CB_FF_KEY, kind_choices),
	FDC("Type", REQ, rel_choices),
	FD("From", CB_FT_MEMBER_REF, REQ),
	FD("To", CB_FT_MEMBER_REF, REQ),
	FDD("Start", CB_FT_FUZZY_DATE, 0, CB_DR_ANY),
	FDD("End", CB_FT_FUZZY_DATE, 0, CB_DR_ANY),
};
static const struct cb_stanza_def geno_kinds[] = {
	{ "member", "Member", member_fields,
	  sizeof member_fields / sizeof member_fields[0], NULL },
	{ "relationship", "Relationship", rel_fields,
	  sizeof rel_fields / sizeof rel_fields[0], NULL },
};
static const struct cb_record_type geno_type = {
	"genogram", "Genogram", &sub_header, geno_kinds, 2, "Kind", NULL, NULL
};

/* ---- documents built by hand ---- */

static char *xstrdup(const char *s)
{
	char *r = strdup(s);
	assert_non_null(r);
	return r;
}

/* Appends a stanza from NULL-terminated name, value pairs. */
static void add_stanza(struct cb_doc *d, size_t line, ...)
{
	if (d->nstanzas == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 4;
		d->stanzas = realloc(d->stanzas, d->cap * sizeof *d->stanzas);
		assert_non_null(d->stanzas);
	}
	struct cb_stanza *s = &d->stanzas[d->nstanzas++];
	memset(s, 0, sizeof *s);
	s->line = line;
	va_list ap;
	va_start(ap, line);
	const char *name;
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *value = va_arg(ap, const char *);
		if (s->nfields == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 4;
			s->fields = realloc(s->fields, s->cap * sizeof *s->fields);
			assert_non_null(s->fields);
		}
		s->fields[s->nfields].name = xstrdup(name);
		s->fields[s->nfields++].value = xstrdup(value);
	}
	va_end(ap);
}

/* Replaces a field's value, adds the field, or (value NULL) removes it. */
static void set_field(struct cb_doc *d, size_t si, const char *name,
		      const char *value)
{
	struct cb_stanza *s = &d->stanzas[si];
	for (size_t i = 0; i < s->nfields; i++) {
		if (strcmp(s->fields[i].name, name) != 0)
			continue;
		free(s->fields[i].value);
		if (value) {
			s->fields[i].value = xstrdup(value);
		} else {
			free(s->fields[i].name);
			s->fields[i] = s->fields[--s->nfields];
		}
		return;
	}
	if (!value)
		return;
	if (s->nfields == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		s->fields = realloc(s->fields, s->cap * sizeof *s->fields);
		assert_non_null(s->fields);
	}
	s->fields[s->nfields].name = xstrdup(name);
	s->fields[s->nfields++].value = xstrdup(value);
}

static void doc_free(struct cb_doc *d)
{
	for (size_t i = 0; i < d->nstanzas; i++) {
		struct cb_stanza *s = &d->stanzas[i];
		for (size_t j = 0; j < s->nfields; j++) {
			free(s->fields[j].name);
			free(s->fields[j].value);
		}
		free(s->fields);
	}
	free(d->stanzas);
	memset(d, 0, sizeof *d);
}

static void person_doc(struct cb_doc *d)
{
	memset(d, 0, sizeof *d);
	add_stanza(d, 1, "Record", "person", "Id", PID, "Schema", "1",
		   "Name", "Jordan Example", "Gender", "female",
		   "Date-Of-Birth", "2007-06-01", "Email", "jordan@example.org",
		   "Worker", "Sam Patel <sam.patel@example.org>",
		   "Siblings", "2", "Notes", "Likes football.\nTwo younger brothers.",
		   "Last-Review", "2024-01-10", "Next-Review", "2024-07-10", NULL);
}

static void chron_doc(struct cb_doc *d)
{
	memset(d, 0, sizeof *d);
	add_stanza(d, 1, "Record", "chronology", "Person", PID, "Schema", "1",
		   NULL);
	add_stanza(d, 5, "Id", "E3N8P0ZQ1A", "Date", "2024-03-14",
		   "Category", "Health", "Significance", "high",
		   "Source", "School nurse",
		   "Event", "Not registered with a GP since the move.",
		   "Recorded-By", "Sam Patel <sam.patel@example.org>", NULL);
	add_stanza(d, 14, "Id", "F0K1", "Date", "2024-02-29",
		   "Significance", "low", "Event", "Started at a new school.", NULL);
}

/* Stanzas: 1, 2 members; 3 relationship between them. */
static void geno_doc(struct cb_doc *d)
{
	memset(d, 0, sizeof *d);
	add_stanza(d, 1, "Record", "genogram", "Person", PID, "Schema", "1",
		   NULL);
	add_stanza(d, 5, "Id", "m1", "Kind", "member", "Name", "Alex Example",
		   "Born", "1980", "Died", "2019-11", NULL);
	add_stanza(d, 11, "Id", "m2", "Kind", "member", "Name", "Jo Example",
		   "Born", "1982-03-04", NULL);
	add_stanza(d, 16, "Id", "r1", "Kind", "relationship", "Type", "married",
		   "From", "m1", "To", "m2", "Start", "2001-06", "End", "2019-11",
		   NULL);
}

/* ---- helpers for checking results ---- */

static int has_problem(const struct cb_problems *p, size_t stanza,
		       const char *field, const char *text)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct cb_problem *pr = &p->v[i];
		if (pr->stanza != stanza)
			continue;
		if ((field == NULL) != (pr->field == NULL))
			continue;
		if (field && strcmp(field, pr->field) != 0)
			continue;
		if (strstr(pr->msg, text))
			return 1;
	}
	return 0;
}

static void dump(const struct cb_problems *p)
{
	for (size_t i = 0; i < p->n; i++)
		print_message("  [%zu] %s: %s\n", p->v[i].stanza,
			      p->v[i].field ? p->v[i].field : "-", p->v[i].msg);
}

/* Validates and returns the number of problems, checking that the return
 * code agrees with it. */
static size_t run(const struct cb_doc *d, const struct cb_record_type *t,
		  const char *pid, struct cb_problems *p)
{
	size_t before = p->n;
	int rc = cb_validate(d, t, pid, p);
	size_t n = p->n - before;
	if (n == 0)
		assert_int_equal(rc, 0);
	else
		assert_int_equal(rc, CB_EINVALID);
	return n;
}

/* Expects exactly one problem, on stanza si and field, containing text. */
static void expect_one(const struct cb_doc *d, const struct cb_record_type *t,
		       size_t si, const char *field, const char *text)
{
	struct cb_problems p = { 0 };
	size_t n = run(d, t, PID, &p);
	if (n != 1 || !has_problem(&p, si, field, text)) {
		dump(&p);
		fail_msg("expected one problem on stanza %zu, %s: \"%s\"", si,
			 field ? field : "-", text);
	}
	cb_problems_free(&p);
}

static int value_ok(const struct cb_field_def *fd, const char *v)
{
	char msg[256] = "unchanged";
	int rc = cb_validate_value(fd, v, msg);
	if (rc == 0)
		assert_string_equal(msg, "");
	else
		assert_int_equal(rc, CB_EINVALID);
	return rc == 0;
}

/* Expects the value refused with exactly this message. */
static void value_msg(const struct cb_field_def *fd, const char *v,
		      const char *expect)
{
	char msg[256];
	assert_int_equal(cb_validate_value(fd, v, msg), CB_EINVALID);
	assert_string_equal(msg, expect);
	/* The reason also reaches callers that only look at cb_err_msg. */
	assert_string_equal(cb_err_msg(), expect);
}

static int setup_today(void **state)
{
	(void)state;
	setenv("CASEBOOK_TODAY", "2024-03-14", 1);
	return 0;
}

static int teardown_today(void **state)
{
	(void)state;
	unsetenv("CASEBOOK_TODAY");
	return 0;
}

/* ---- single values ---- */

static void test_value_required(void **state)
{
	(void)state;
	const struct cb_field_def name = FD("Name", CB_FT_TEXT, REQ);
	value_msg(&name, "", "Name: required");
	value_msg(&name, NULL, "Name: required");
	value_msg(&name, "  \t", "Name: required");
	assert_true(value_ok(&name, "Jordan"));

	/* Empty is fine for every type when the field is optional. */
	for (int t = CB_FT_TEXT; t <= CB_FT_INT; t++) {
		const struct cb_field_def fd = FD("Optional", (enum cb_ftype)t, 0);
		assert_true(value_ok(&fd, ""));
		assert_true(value_ok(&fd, NULL));
		const struct cb_field_def rq = FD("Needed", (enum cb_ftype)t, REQ);
		value_msg(&rq, "", "Needed: required");
	}
}

static void test_value_date(void **state)
{
	(void)state;
	const struct cb_field_def any = FDD("Date", CB_FT_DATE, 0, CB_DR_ANY);
	assert_true(value_ok(&any, "2024-02-29"));
	assert_true(value_ok(&any, "2000-02-29"));
	value_msg(&any, "2023-02-29", "Date: no such date 2023-02-29");
	value_msg(&any, "2024-02-30", "Date: no such date 2024-02-30");
	value_msg(&any, "1900-02-29", "Date: no such date 1900-02-29");
	value_msg(&any, "2024-13-01", "Date: no such date 2024-13-01");
	value_msg(&any, "2024-2-3",
		  "Date: \"2024-2-3\" is not a date; write it as YYYY-MM-DD");
	static const char *const bad[] = {
		"2024-02-031", "abcd-ef-gh", "2024", "2024-02", "14/03/2024",
		"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94-01-01",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(value_ok(&any, bad[i]));

	/* Plausible ranges. */
	assert_true(value_ok(&any, "1900-01-01"));
	assert_true(value_ok(&any, "2100-12-31"));
	value_msg(&any, "1899-12-31",
		  "Date: 1899-12-31 is before 1900-01-01, the earliest date allowed here");
	value_msg(&any, "2101-01-01",
		  "Date: 2101-01-01 is after 2100-12-31, the latest date allowed here");

	const struct cb_field_def plan = FDD("Due", CB_FT_DATE, 0, CB_DR_PLAN);
	assert_true(value_ok(&plan, "2000-01-01"));
	assert_true(value_ok(&plan, "2100-12-31"));
	assert_false(value_ok(&plan, "1999-12-31"));
	assert_false(value_ok(&plan, "2101-01-01"));

	/* Past: up to today plus one day (today pinned at 2024-03-14). */
	const struct cb_field_def past = FDD("Date", CB_FT_DATE, 0, CB_DR_PAST);
	assert_true(value_ok(&past, "1900-01-01"));
	assert_true(value_ok(&past, "2024-03-14"));
	assert_true(value_ok(&past, "2024-03-15"));
	value_msg(&past, "2024-03-16",
		  "Date: 2024-03-16 is in the future; the latest date allowed is 2024-03-15");
	assert_false(value_ok(&past, "1899-12-31"));
	setenv("CASEBOOK_TODAY", "2024-12-31", 1);
	assert_true(value_ok(&past, "2025-01-01"));
	assert_false(value_ok(&past, "2025-01-02"));
	setenv("CASEBOOK_TODAY", "2024-03-14", 1);
}

static void test_value_fuzzy(void **state)
{
	(void)state;
	const struct cb_field_def any = FDD("Born", CB_FT_FUZZY_DATE, 0, CB_DR_ANY);
	assert_true(value_ok(&any, "1952"));
	assert_true(value_ok(&any, "1952-07"));
	assert_true(value_ok(&any, "1952-07-30"));
	assert_true(value_ok(&any, "2024-02-29"));
	value_msg(&any, "2023-02-29", "Born: no such date 2023-02-29");
	value_msg(&any, "1952-13", "Born: no such date 1952-13");
	value_msg(&any, "1952-00", "Born: no such date 1952-00");
	value_msg(&any, "52",
		  "Born: \"52\" is not a date; write YYYY-MM-DD, or YYYY-MM or YYYY when estimated");
	assert_false(value_ok(&any, "1952-7"));
	assert_false(value_ok(&any, "c. 1952"));
	assert_false(value_ok(&any, "1950s"));

	/* Ranges compare at the precision written. */
	assert_true(value_ok(&any, "1900"));
	assert_true(value_ok(&any, "1900-01"));
	assert_true(value_ok(&any, "2100"));
	assert_true(value_ok(&any, "2100-12"));
	value_msg(&any, "1899",
		  "Born: 1899 is before 1900-01-01, the earliest date allowed here");
	assert_false(value_ok(&any, "1899-12"));
	assert_false(value_ok(&any, "2101"));

	const struct cb_field_def past = FDD("Born", CB_FT_FUZZY_DATE, 0, CB_DR_PAST);
	assert_true(value_ok(&past, "2024"));
	assert_true(value_ok(&past, "2024-03"));
	assert_true(value_ok(&past, "2024-03-15"));
	assert_false(value_ok(&past, "2024-03-16"));
	assert_false(value_ok(&past, "2024-04"));
	assert_false(value_ok(&past, "2025"));

	const struct cb_field_def plan = FDD("Due", CB_FT_FUZZY_DATE, 0, CB_DR_PLAN);
	assert_true(value_ok(&plan, "2000"));
	assert_false(value_ok(&plan, "1999"));
	assert_false(value_ok(&plan, "1999-12"));
}

static void test_value_choice(void **state)
{
	(void)state;
	const struct cb_field_def sig = FDC("Significance", 0, sig_choices);
	assert_true(value_ok(&sig, "low"));
	assert_true(value_ok(&sig, "medium"));
	assert_true(value_ok(&sig, "high"));
	assert_true(value_ok(&sig, ""));
	value_msg(&sig, "urgent",
		  "Significance: \"urgent\" is not one of: low, medium, high");
	/* Exact and case-sensitive: stored values are codes. */
	assert_false(value_ok(&sig, "High"));
	assert_false(value_ok(&sig, "high "));
	assert_false(value_ok(&sig, "hig"));
	const struct cb_field_def rq = FDC("Significance", REQ, sig_choices);
	value_msg(&rq, "", "Significance: required");
}

static void test_value_id(void **state)
{
	(void)state;
	const struct cb_field_def id = FD("Ref", CB_FT_ID, 0);
	char long_id[42];
	memset(long_id, 'a', 40);
	long_id[40] = '\0';
	assert_true(value_ok(&id, "a"));
	assert_true(value_ok(&id, "E3N8P0ZQ1A"));
	assert_true(value_ok(&id, "section-1"));
	assert_true(value_ok(&id, long_id));
	long_id[40] = 'a';
	long_id[41] = '\0';
	assert_false(value_ok(&id, long_id));
	value_msg(&id, "a_b",
		  "Ref: \"a_b\" is not a valid id; use 1 to 40 letters, digits or '-'");
	assert_false(value_ok(&id, "a b"));
	assert_false(value_ok(&id, "../x"));
	assert_false(value_ok(&id, "caf\xc3\xa9"));
}

static void test_value_person_ref(void **state)
{
	(void)state;
	const struct cb_field_def pr = FD("Person", CB_FT_PERSON_REF, 0);
	assert_true(value_ok(&pr, PID));
	assert_true(value_ok(&pr, "0123456789"));
	assert_true(value_ok(&pr, "ABCDEFGHJK"));
	assert_true(value_ok(&pr, "MNPQRSTVWX"));
	value_msg(&pr, "7qk2m9xd4t",
		  "Person: \"7qk2m9xd4t\" is not a person id; use 10 characters from 0-9 and A-Z without I, L, O, U");
	assert_false(value_ok(&pr, "7QK2M9XD4"));
	assert_false(value_ok(&pr, "7QK2M9XD4TT"));
	assert_false(value_ok(&pr, "7QK2M9XD4I"));
	assert_false(value_ok(&pr, "7QK2M9XD4L"));
	assert_false(value_ok(&pr, "7QK2M9XD4O"));
	assert_false(value_ok(&pr, "7QK2M9XD4U"));
	assert_false(value_ok(&pr, "7QK2M9XD4-"));
	assert_false(value_ok(&pr, "../../etc/"));
}

static void test_value_email(void **state)
{
	(void)state;
	const struct cb_field_def em = FD("Email", CB_FT_EMAIL, 0);
	assert_true(value_ok(&em, "sam.patel@example.org"));
	assert_true(value_ok(&em, "a@b.co"));
	assert_true(value_ok(&em, "first+tag@sub.example.gov.uk"));
	value_msg(&em, "sam",
		  "Email: \"sam\" is not an email address like name@example.org");
	static const char *const bad[] = {
		"a@b@example.org", "@example.org", "sam@", "sam@example",
		"sam patel@example.org", "<sam@example.org>", "sam@.org",
		"sam@example.", "sam@exa..mple.org", "sam@example.org\n",
		"sam\t@example.org", "sam@example.org>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (value_ok(&em, bad[i]))
			fail_msg("accepted email \"%s\"", bad[i]);
	}
}

static void test_value_identity(void **state)
{
	(void)state;
	const struct cb_field_def who = FD("Recorded-By", CB_FT_IDENTITY, 0);
	assert_true(value_ok(&who, "Sam Patel <sam.patel@example.org>"));
	assert_true(value_ok(&who, "S <s@example.org>"));
	assert_true(value_ok(&who, "Zo\xc3\xab O'Neill <zoe@example.org>"));
	value_msg(&who, "Sam Patel",
		  "Recorded-By: \"Sam Patel\" is not a name and email address like Sam Patel <sam.patel@example.org>");
	static const char *const bad[] = {
		"<sam@example.org>", " <sam@example.org>",
		"Sam Patel <sam@example>", "Sam Patel<sam@example.org>",
		"Sam Patel  <sam@example.org>", " Sam <sam@example.org>",
		"Sam Patel <sam@example.org", "Sam <a> <b@example.org>",
		"Sam Patel <sam@example.org> x", "Sam Patel <>",
		"Sam Patel <sam patel@example.org>", "Sam\nPatel <sam@example.org>",
		"Sam > <sam@example.org>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (value_ok(&who, bad[i]))
			fail_msg("accepted identity \"%s\"", bad[i]);
	}
}

static void test_value_int(void **state)
{
	(void)state;
	const struct cb_field_def n = FD("Count", CB_FT_INT, 0);
	assert_true(value_ok(&n, "0"));
	assert_true(value_ok(&n, "42"));
	assert_true(value_ok(&n, "007"));
	assert_true(value_ok(&n, "999999999"));
	value_msg(&n, "1000000000",
		  "Count: \"1000000000\" is not a whole number; use digits only, at most 9");
	static const char *const bad[] = {
		"-1", "+1", "1.5", " 1", "1 ", "1e3", "0x10", "\xef\xbc\x91", "one",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(value_ok(&n, bad[i]));
}

static void test_value_text(void **state)
{
	(void)state;
	const struct cb_field_def t = FD("Source", CB_FT_TEXT, 0);
	assert_true(value_ok(&t, "School nurse"));
	assert_true(value_ok(&t, "Tab\tinside"));
	value_msg(&t, "two\nlines", "Source: must be a single line");
	const struct cb_field_def lt = FD("Event", CB_FT_LONGTEXT, 0);
	assert_true(value_ok(&lt, "two\nlines\n\nand a paragraph"));
}

/* Untrusted values are quoted short, on one line, in whole characters. */
static void test_value_quoting(void **state)
{
	(void)state;
	const struct cb_field_def n = FD("Count", CB_FT_INT, 0);
	char msg[256];
	assert_int_equal(cb_validate_value(&n, "12\x1b[31mred\nx", msg), CB_EINVALID);
	assert_null(strchr(msg, '\x1b'));
	assert_null(strchr(msg, '\n'));
	assert_non_null(strstr(msg, "\"12?[31mred?x\""));

	/* 100 two-byte characters: cut at a character boundary, marked. */
	char big[256] = "";
	for (int i = 0; i < 100; i++)
		strcat(big, "\xc3\xa9");
	assert_int_equal(cb_validate_value(&n, big, msg), CB_EINVALID);
	assert_non_null(strstr(msg, "\xc3\xa9...\""));
	assert_true(strlen(msg) < 256);
	const char *q = strchr(msg, '"');
	assert_non_null(q);
	assert_int_equal(strstr(q + 1, "...") - (q + 1), 40);

	/* A long choice list is cut without splitting a character. */
	static const char *const many[] = {
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		NULL,
	};
	const struct cb_field_def ch = FDC("Choice-With-A-Long-Name", 0, many);
	assert_int_equal(cb_validate_value(&ch, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", msg),
			 CB_EINVALID);
	size_t len = strlen(msg);
	assert_true(len < 256);
	/* Ends in a whole character: the last lead byte has all its bytes. */
	size_t i = len;
	while (i > 0 && ((unsigned char)msg[i - 1] & 0xc0) == 0x80)
		i--;
	assert_true(i > 0);
	unsigned char lead = (unsigned char)msg[i - 1];
	if (lead >= 0xc0)
		assert_int_equal(len - (i - 1), 2);
}

/* ---- whole records ---- */

static void test_valid_records(void **state)
{
	(void)state;
	struct cb_doc d;
	struct cb_problems p = { 0 };

	person_doc(&d);
	assert_int_equal(run(&d, &person_type, PID, &p), 0);
	assert_int_equal(run(&d, &person_type, NULL, &p), 0);
	doc_free(&d);

	chron_doc(&d);
	assert_int_equal(run(&d, &chron_type, PID, &p), 0);
	doc_free(&d);

	geno_doc(&d);
	assert_int_equal(run(&d, &geno_type, PID, &p), 0);
	doc_free(&d);

	/* A header alone is a valid, empty record. */
	memset(&d, 0, sizeof d);
	add_stanza(&d, 1, "Record", "chronology", "Person", PID, "Schema", "1",
		   NULL);
	assert_int_equal(run(&d, &chron_type, PID, &p), 0);
	doc_free(&d);
	assert_int_equal(p.n, 0);
	cb_problems_free(&p);
}

static void test_header_record(void **state)
{
	(void)state;
	struct cb_doc d;
	chron_doc(&d);
	set_field(&d, 0, "Record", "genogram");
	expect_one(&d, &chron_type, 0, "Record",
		   "Record: \"genogram\" is the wrong type; this record must say chronology");
	/* Missing: reported once, though the table lists it as required. */
	set_field(&d, 0, "Record", NULL);
	expect_one(&d, &chron_type, 0, "Record", "Record: required");
	/* Case matters: the type name is also the file name. */
	set_field(&d, 0, "Record", "Chronology");
	expect_one(&d, &chron_type, 0, "Record", "wrong type");
	doc_free(&d);
}

static void test_header_schema(void **state)
{
	(void)state;
	struct cb_doc d;
	chron_doc(&d);
	set_field(&d, 0, "Schema", "2");
	expect_one(&d, &chron_type, 0, "Schema",
		   "Schema: version \"2\" is not supported; this casebook reads version 1");
	set_field(&d, 0, "Schema", "");
	expect_one(&d, &chron_type, 0, "Schema", "Schema: required");
	set_field(&d, 0, "Schema", NULL);
	expect_one(&d, &chron_type, 0, "Schema", "Schema: required");
	doc_free(&d);
}

static void test_header_person(void **state)
{
	(void)state;
	struct cb_doc d;
	struct cb_problems p = { 0 };
	chron_doc(&d);
	/* Filed under another person. */
	assert_int_equal(run(&d, &chron_type, OTHER_PID, &p), 1);
	assert_true(has_problem(&p, 0, "Person",
				"Person: " PID " does not match the person this record belongs to, " OTHER_PID));
	cb_problems_free(&p);

	set_field(&d, 0, "Person", "not-an-id");
	expect_one(&d, &chron_type, 0, "Person", "is not a person id");
	/* With no person to compare, the form is still checked. */
	assert_int_equal(run(&d, &chron_type, NULL, &p), 1);
	cb_problems_free(&p);
	set_field(&d, 0, "Person", NULL);
	expect_one(&d, &chron_type, 0, "Person", "Person: required");
	assert_int_equal(run(&d, &chron_type, NULL, &p), 1);
	cb_problems_free(&p);
	doc_free(&d);

	/* A person record names itself with Id. */
	person_doc(&d);
	assert_int_equal(run(&d, &person_type, OTHER_PID, &p), 1);
	assert_true(has_problem(&p, 0, "Id", "Id: " PID " does not match"));
	cb_problems_free(&p);
	set_field(&d, 0, "Id", NULL);
	expect_one(&d, &person_type, 0, "Id", "Id: required");
	doc_free(&d);
}

static void test_header_fields(void **state)
{
	(void)state;
	struct cb_doc d;
	person_doc(&d);
	set_field(&d, 0, "Name", "");
	expect_one(&d, &person_type, 0, "Name", "Name: required");
	set_field(&d, 0, "Name", "Jordan");
	set_field(&d, 0, "Gender", "x");
	expect_one(&d, &person_type, 0, "Gender",
		   "Gender: \"x\" is not one of: female, male, other, unknown");
	/* A stored record must hold the canonical spelling (what is typed is
	 * canonicalised before validation, in db/choice.c). */
	set_field(&d, 0, "Gender", "f");
	expect_one(&d, &person_type, 0, "Gender",
		   "Gender: \"f\" must be written \"female\"");
	set_field(&d, 0, "Gender", "female");
	set_field(&d, 0, "Date-Of-Birth", "2007-02-29");
	expect_one(&d, &person_type, 0, "Date-Of-Birth",
		   "Date-Of-Birth: no such date 2007-02-29");
	set_field(&d, 0, "Date-Of-Birth", "2030-01-01");
	expect_one(&d, &person_type, 0, "Date-Of-Birth", "is in the future");
	set_field(&d, 0, "Date-Of-Birth", "2007-06-01");
	set_field(&d, 0, "Email", "jordan at example.org");
	expect_one(&d, &person_type, 0, "Email", "not an email address");
	set_field(&d, 0, "Email", "jordan@example.org");
	set_field(&d, 0, "Worker", "Sam Patel");
	expect_one(&d, &person_type, 0, "Worker", "not a name and email address");
	set_field(&d, 0, "Worker", NULL);
	set_field(&d, 0, "Siblings", "two");
	expect_one(&d, &person_type, 0, "Siblings", "not a whole number");
	set_field(&d, 0, "Siblings", "2");
	set_field(&d, 0, "Next-Review", "1999-01-01");
	expect_one(&d, &person_type, 0, "Next-Review", "earliest date allowed");
	doc_free(&d);
}

static void test_unknown_fields_kept(void **state)
{
	(void)state;
	struct cb_doc d;
	chron_doc(&d);
	/* Fields a newer casebook added are none of this version's business. */
	set_field(&d, 0, "Retention-Until", "whenever");
	set_field(&d, 1, "Linked-Record", "not\nchecked\nat all");
	struct cb_problems p = { 0 };
	assert_int_equal(run(&d, &chron_type, PID, &p), 0);
	doc_free(&d);

	/* Field names match case-insensitively, as in the parser. */
	chron_doc(&d);
	set_field(&d, 1, "Significance", NULL);
	set_field(&d, 1, "significance", "urgent");
	expect_one(&d, &chron_type, 1, "Significance", "not one of: low, medium, high");
	doc_free(&d);
}

static void test_item_fields(void **state)
{
	(void)state;
	struct cb_doc d;
	chron_doc(&d);
	set_field(&d, 2, "Significance", "critical");
	expect_one(&d, &chron_type, 2, "Significance",
		   "Significance: \"critical\" is not one of: low, medium, high");
	set_field(&d, 2, "Significance", "low");
	set_field(&d, 2, "Date", "2024-02-30");
	expect_one(&d, &chron_type, 2, "Date", "Date: no such date 2024-02-30");
	set_field(&d, 2, "Date", NULL);
	expect_one(&d, &chron_type, 2, "Date", "Date: required");
	set_field(&d, 2, "Date", "2024-02-29");
	set_field(&d, 1, "Source", "School\nnurse");
	expect_one(&d, &chron_type, 1, "Source", "Source: must be a single line");
	set_field(&d, 1, "Source", "School nurse");
	set_field(&d, 1, "Count", "-3");
	expect_one(&d, &chron_type, 1, "Count", "not a whole number");
	set_field(&d, 1, "Count", "3");
	set_field(&d, 1, "Recorded-By", "sam.patel@example.org");
	expect_one(&d, &chron_type, 1, "Recorded-By", "not a name and email address");
	doc_free(&d);
}

static void test_item_ids(void **state)
{
	(void)state;
	struct cb_doc d;
	chron_doc(&d);
	set_field(&d, 2, "Id", NULL);
	expect_one(&d, &chron_type, 2, "Id", "Id: required");
	set_field(&d, 2, "Id", "has space");
	expect_one(&d, &chron_type, 2, "Id", "is not a valid id");
	/* A repeat is reported on the later item only. */
	set_field(&d, 2, "Id", "E3N8P0ZQ1A");
	expect_one(&d, &chron_type, 2, "Id",
		   "Id: E3N8P0ZQ1A is used by more than one item in this record");
	/* Ids are case-sensitive: these two are different. */
	set_field(&d, 2, "Id", "e3n8p0zq1a");
	struct cb_problems p = { 0 };
	assert_int_equal(run(&d, &chron_type, PID, &p), 0);

	/* Three of one Id: two problems. */
	add_stanza(&d, 30, "Id", "e3n8p0zq1a", "Date", "2024-01-01",
		   "Significance", "low", "Event", "x", NULL);
	add_stanza(&d, 40, "Id", "e3n8p0zq1a", "Date", "2024-01-02",
		   "Significance", "low", "Event", "y", NULL);
	assert_int_equal(run(&d, &chron_type, PID, &p), 2);
	assert_true(has_problem(&p, 3, "Id", "more than one item"));
	assert_true(has_problem(&p, 4, "Id", "more than one item"));
	cb_problems_free(&p);
	doc_free(&d);
}

static void test_unknown_kind(void **state)
{
	(void)state;
	struct cb_doc d;
	geno_doc(&d);
	/* A kind from a newer version: kept, and only its Id is checked. */
	add_stanza(&d, 30, "Id", "h1", "Kind", "household", "Members", "m1 m2",
		   "Since", "not a date", NULL);
	struct cb_problems p = { 0 };
	assert_int_equal(run(&d, &geno_type, PID, &p), 0);
	add_stanza(&d, 40, "Id", "m1", "Kind", "household", NULL);
	expect_one(&d, &geno_type, 5, "Id", "more than one item");
	set_field(&d, 5, "Id", NULL);
	expect_one(&d, &geno_type, 5, "Id", "Id: required");
	/* No Kind at all is an unknown kind too. */
	set_field(&d, 5, "Id", "x1");
	set_field(&d, 5, "Kind", NULL);
	assert_int_equal(run(&d, &geno_type, PID, &p), 0);
	doc_free(&d);
	cb_problems_free(&p);
}

static void test_member_refs(void **state)
{
	(void)state;
	struct cb_doc d;
	geno_doc(&d);
	set_field(&d, 3, "To", "m9");
	expect_one(&d, &geno_type, 3, "To", "To: no member with Id m9 in this genogram");
	/* Naming a relationship, not a member. */
	set_field(&d, 3, "To", "r1");
	expect_one(&d, &geno_type, 3, "To", "To: no member with Id r1 in this genogram");
	/* Ids match exactly. */
	set_field(&d, 3, "To", "M2");
	expect_one(&d, &geno_type, 3, "To", "no member with Id M2");
	set_field(&d, 3, "To", "m2");
	set_field(&d, 3, "From", "bad id!");
	expect_one(&d, &geno_type, 3, "From", "is not a valid id");
	set_field(&d, 3, "From", NULL);
	expect_one(&d, &geno_type, 3, "From", "From: required");
	set_field(&d, 3, "From", "m1");

	/* An item of an unknown kind is not a member, whatever it holds. */
	add_stanza(&d, 30, "Id", "h1", "Kind", "household", NULL);
	set_field(&d, 3, "To", "h1");
	expect_one(&d, &geno_type, 3, "To", "no member with Id h1");
	/* A member added later in the file counts as well as earlier ones. */
	add_stanza(&d, 35, "Id", "m3", "Kind", "member", "Name", "Sam", NULL);
	set_field(&d, 3, "To", "m3");
	struct cb_problems p = { 0 };
	assert_int_equal(run(&d, &geno_type, PID, &p), 0);
	doc_free(&d);
}

static void test_date_order(void **state)
{
	(void)state;
	struct cb_doc d;
	struct cb_problems p = { 0 };
	geno_doc(&d);
	set_field(&d, 1, "Died", "1979");
	expect_one(&d, &geno_type, 1, "Died",
		   "Died: 1979 is before Born 1980; it must be the same or later");
	/* Compared at the coarser precision: same year is not "before". */
	set_field(&d, 1, "Born", "1980-06-15");
	set_field(&d, 1, "Died", "1980");
	assert_int_equal(run(&d, &geno_type, PID, &p), 0);
	set_field(&d, 1, "Died", "1980-06");
	assert_int_equal(run(&d, &geno_type, PID, &p), 0);
	set_field(&d, 1, "Died", "1980-05");
	expect_one(&d, &geno_type, 1, "Died", "Died: 1980-05 is before Born 1980-06-15");
	set_field(&d, 1, "Died", "1980-06-14");
	expect_one(&d, &geno_type, 1, "Died", "is before Born");
	set_field(&d, 1, "Died", "1980-06-15");
	assert_int_equal(run(&d, &geno_type, PID, &p), 0);
	/* A malformed date is reported once, not compared. */
	set_field(&d, 1, "Died", "1980-06-31");
	expect_one(&d, &geno_type, 1, "Died", "no such date");
	set_field(&d, 1, "Died", NULL);
	assert_int_equal(run(&d, &geno_type, PID, &p), 0);

	set_field(&d, 3, "End", "2000");
	expect_one(&d, &geno_type, 3, "End", "End: 2000 is before Start 2001-06");
	set_field(&d, 3, "End", "2001");
	assert_int_equal(run(&d, &geno_type, PID, &p), 0);
	doc_free(&d);

	person_doc(&d);
	set_field(&d, 0, "Date-Of-Death", "2007-05-31");
	expect_one(&d, &person_type, 0, "Date-Of-Death",
		   "Date-Of-Death: 2007-05-31 is before Date-Of-Birth 2007-06-01");
	set_field(&d, 0, "Date-Of-Death", "2007-06-01");
	assert_int_equal(run(&d, &person_type, PID, &p), 0);
	set_field(&d, 0, "Next-Review", "2024-01-09");
	expect_one(&d, &person_type, 0, "Next-Review",
		   "Next-Review: 2024-01-09 is before Last-Review 2024-01-10");
	doc_free(&d);

	chron_doc(&d);
	set_field(&d, 0, "Last-Review", "2024-02-01");
	set_field(&d, 0, "Next-Review", "2024-01-31");
	expect_one(&d, &chron_type, 0, "Next-Review", "is before Last-Review");
	doc_free(&d);
	assert_int_equal(p.n, 0);
	cb_problems_free(&p);
}

static void test_all_problems_reported(void **state)
{
	(void)state;
	struct cb_doc d;
	chron_doc(&d);
	set_field(&d, 0, "Schema", "9");
	set_field(&d, 1, "Date", "2024-02-30");
	set_field(&d, 1, "Significance", "HIGH");
	set_field(&d, 1, "Event", "");
	set_field(&d, 2, "Id", "E3N8P0ZQ1A");
	set_field(&d, 2, "Recorded-By", "nobody");
	struct cb_problems p = { 0 };
	size_t n = run(&d, &chron_type, OTHER_PID, &p);
	if (n != 7)
		dump(&p);
	assert_int_equal(n, 7);
	assert_true(has_problem(&p, 0, "Schema", "not supported"));
	assert_true(has_problem(&p, 0, "Person", "does not match"));
	assert_true(has_problem(&p, 1, "Date", "no such date"));
	assert_true(has_problem(&p, 1, "Significance", "HIGH"));
	assert_true(has_problem(&p, 1, "Event", "Event: required"));
	assert_true(has_problem(&p, 2, "Id", "more than one item"));
	assert_true(has_problem(&p, 2, "Recorded-By", "nobody"));
	/* In record order: header first, then each item in turn. */
	for (size_t i = 1; i < p.n; i++)
		assert_true(p.v[i - 1].stanza <= p.v[i].stanza);
	/* The summary names the first problem and how many follow. */
	assert_non_null(strstr(cb_err_msg(), "Schema: version"));
	assert_non_null(strstr(cb_err_msg(), "and 6 more problems"));

	/* Problems are appended to what the list already holds. */
	assert_int_equal(run(&d, &chron_type, OTHER_PID, &p), 7);
	assert_int_equal(p.n, 14);
	cb_problems_free(&p);
	assert_null(p.v);
	assert_int_equal(p.n, 0);
	doc_free(&d);
}

static void test_empty_doc(void **state)
{
	(void)state;
	struct cb_doc d = { 0 };
	struct cb_problems p = { 0 };
	assert_int_equal(run(&d, &chron_type, PID, &p), 1);
	assert_int_equal(p.v[0].stanza, 0);
	assert_null(p.v[0].field);
	char *s = cb_problems_format(&p, &d);
	assert_non_null(s);
	assert_non_null(strstr(s, "stanza 1: the record is empty"));
	free(s);
	cb_problems_free(&p);

	/* A header with nothing in it. */
	add_stanza(&d, 1, NULL);
	assert_int_equal(run(&d, &chron_type, PID, &p), 3);
	cb_problems_free(&p);
	doc_free(&d);
}

static void test_format(void **state)
{
	(void)state;
	struct cb_doc d;
	chron_doc(&d);
	set_field(&d, 2, "Date", "2024-02-30");
	set_field(&d, 0, "Schema", "2");
	struct cb_problems p = { 0 };
	assert_int_equal(run(&d, &chron_type, PID, &p), 2);
	char *s = cb_problems_format(&p, &d);
	assert_non_null(s);
	assert_string_equal(s,
		"line 1: Schema: version \"2\" is not supported; this casebook reads version 1\n"
		"line 14: Date: no such date 2024-02-30\n");
	free(s);

	/* Built in memory, no lines known: stanzas counted from 1. */
	for (size_t i = 0; i < d.nstanzas; i++)
		d.stanzas[i].line = 0;
	s = cb_problems_format(&p, &d);
	assert_string_equal(s,
		"stanza 1: Schema: version \"2\" is not supported; this casebook reads version 1\n"
		"stanza 3: Date: no such date 2024-02-30\n");
	free(s);
	/* No document at all. */
	s = cb_problems_format(&p, NULL);
	assert_non_null(strstr(s, "stanza 3: Date:"));
	free(s);
	cb_problems_free(&p);

	/* No problems: an empty string, not NULL. */
	s = cb_problems_format(&p, &d);
	assert_string_equal(s, "");
	free(s);
	doc_free(&d);
}

/* A long chronology: repeated Ids are still found, and quickly. */
static void test_large_record(void **state)
{
	(void)state;
	struct cb_doc d = { 0 };
	add_stanza(&d, 1, "Record", "chronology", "Person", PID, "Schema", "1",
		   NULL);
	char id[16];
	for (int i = 0; i < 5000; i++) {
		snprintf(id, sizeof id, "E%05d", i == 4321 ? 17 : i);
		add_stanza(&d, 0, "Id", id, "Date", "2020-01-01",
			   "Significance", "low", "Event", "Visit.", NULL);
	}
	struct cb_problems p = { 0 };
	assert_int_equal(run(&d, &chron_type, PID, &p), 1);
	assert_true(has_problem(&p, 4322, "Id", "E00017"));
	cb_problems_free(&p);
	doc_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_required),
		cmocka_unit_test(test_value_date),
		cmocka_unit_test(test_value_fuzzy),
		cmocka_unit_test(test_value_choice),
		cmocka_unit_test(test_value_id),
		cmocka_unit_test(test_value_person_ref),
		cmocka_unit_test(test_value_email),
		cmocka_unit_test(test_value_identity),
		cmocka_unit_test(test_value_int),
		cmocka_unit_test(test_value_text),
		cmocka_unit_test(test_value_quoting),
		cmocka_unit_test(test_valid_records),
		cmocka_unit_test(test_header_record),
		cmocka_unit_test(test_header_schema),
		cmocka_unit_test(test_header_person),
		cmocka_unit_test(test_header_fields),
		cmocka_unit_test(test_unknown_fields_kept),
		cmocka_unit_test(test_item_fields),
		cmocka_unit_test(test_item_ids),
		cmocka_unit_test(test_unknown_kind),
		cmocka_unit_test(test_member_refs),
		cmocka_unit_test(test_date_order),
		cmocka_unit_test(test_all_problems_reported),
		cmocka_unit_test(test_empty_doc),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_large_record),
	};
	/* Today is pinned so that "in the future" means the same every run. */
	return cmocka_run_group_tests(tests, setup_today, teardown_today);
}
