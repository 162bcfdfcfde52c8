/* test_date.c - calendar dates: parsing, leap years, day arithmetic. */
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
#include <time.h>

#include "date.h"
#include "err.h"

static void assert_date(const struct cb_date *dt, int y, int m, int d)
{
	assert_int_equal(dt->y, y);
	assert_int_equal(dt->m, m);
	assert_int_equal(dt->d, d);
}

static int parses(const char *s)
{
	struct cb_date dt;
	return cb_date_parse(s, &dt) == 0;
}

static int fuzzy_parses(const char *s)
{
	struct cb_date dt;
	return cb_fuzzy_date_parse(s, &dt) == 0;
}

static struct cb_date mk(int y, int m, int d)
{
	struct cb_date dt = { y, m, d };
	return dt;
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_true(parses("2024-02-29"));
	assert_true(parses("2000-02-29"));
	assert_true(parses("1904-02-29"));
	assert_false(parses("2023-02-29"));
	assert_false(parses("2024-02-30"));
	assert_false(parses("1900-02-29"));
	assert_false(parses("2100-02-29"));
	assert_int_equal(cb_days_in_month(2024, 2), 29);
	assert_int_equal(cb_days_in_month(2023, 2), 28);
	assert_int_equal(cb_days_in_month(1900, 2), 28);
	assert_int_equal(cb_days_in_month(2000, 2), 29);
	assert_int_equal(cb_days_in_month(2400, 2), 29);
}

static void test_days_in_month(void **state)
{
	(void)state;
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	for (int m = 1; m <= 12; m++)
		assert_int_equal(cb_days_in_month(2023, m), len[m - 1]);
	assert_int_equal(cb_days_in_month(2023, 0), 0);
	assert_int_equal(cb_days_in_month(2023, 13), 0);
	assert_int_equal(cb_days_in_month(2023, -1), 0);
}

static void test_parse_ok(void **state)
{
	(void)state;
	struct cb_date dt;
	assert_int_equal(cb_date_parse("2024-03-14", &dt), 0);
	assert_date(&dt, 2024, 3, 14);
	assert_int_equal(cb_date_parse("1900-01-01", &dt), 0);
	assert_date(&dt, 1900, 1, 1);
	assert_int_equal(cb_date_parse("2100-12-31", &dt), 0);
	assert_date(&dt, 2100, 12, 31);
	assert_true(parses("2024-04-30"));
	assert_false(parses("2024-04-31"));
	assert_true(parses("2024-12-31"));
	assert_false(parses("2024-12-32"));
}

static void test_parse_malformed(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2024-2-3", "2024-02-031", "", "abcd-ef-gh",
		"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94", /* fullwidth 2024 */
		"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94-01-01",
		"2024/02/03", "2024-02-03 ", " 2024-02-03", "2024-02-03\n",
		"2024-00-10", "2024-13-01", "2024-01-00", "0000-01-01",
		"+024-01-01", "-024-01-01", "2024-1a-01", "2024--2-03",
		"20240203", "2024-02", "2024", "24-02-03", "2024-02-3x",
		"2024_02_03", "12024-02-03",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct cb_date dt = { 7, 7, 7 };
		assert_int_equal(cb_date_parse(bad[i], &dt), CB_EINVALID);
		/* A failed parse leaves the output alone. */
		assert_date(&dt, 7, 7, 7);
	}
	struct cb_date dt;
	assert_int_equal(cb_date_parse(NULL, &dt), CB_EINVALID);
	/* The reason is kept for the caller. */
	cb_date_parse("2024-02-30", &dt);
	assert_non_null(strstr(cb_err_msg(), "no such date"));
}

static void test_date_valid(void **state)
{
	(void)state;
	assert_true(cb_date_valid(2024, 2, 29));
	assert_false(cb_date_valid(2023, 2, 29));
	assert_false(cb_date_valid(2024, 0, 1));
	assert_false(cb_date_valid(2024, 1, 0));
	assert_false(cb_date_valid(2024, 1, 32));
	assert_false(cb_date_valid(0, 1, 1));
	assert_false(cb_date_valid(10000, 1, 1));
	assert_true(cb_date_valid(1, 1, 1));
	assert_true(cb_date_valid(9999, 12, 31));
}

static void test_fuzzy(void **state)
{
	(void)state;
	struct cb_date dt;
	assert_int_equal(cb_fuzzy_date_parse("2024", &dt), 0);
	assert_date(&dt, 2024, 0, 0);
	assert_int_equal(cb_fuzzy_date_parse("2024-07", &dt), 0);
	assert_date(&dt, 2024, 7, 0);
	assert_int_equal(cb_fuzzy_date_parse("2024-07-15", &dt), 0);
	assert_date(&dt, 2024, 7, 15);
	assert_int_equal(cb_fuzzy_date_parse("2024-02-29", &dt), 0);
	assert_int_equal(cb_fuzzy_date_parse("1950-12", &dt), 0);
	assert_date(&dt, 1950, 12, 0);

	static const char *const bad[] = {
		"2024-7", "24", "2024-13", "2024-00", "2024-02-30", "2023-02-29",
		"20245", "2024-", "2024-07-", "", "0000", "2024-00-00",
		"2024-07-00", "abcd", "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94",
		"2024 ", "c.2024", "2024-7-1",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(fuzzy_parses(bad[i]));
	assert_int_equal(cb_fuzzy_date_parse(NULL, &dt), CB_EINVALID);
}

static void test_cmp(void **state)
{
	(void)state;
	struct cb_date a = mk(2024, 3, 14), b = mk(2024, 3, 15);
	assert_true(cb_date_cmp(&a, &b) < 0);
	assert_true(cb_date_cmp(&b, &a) > 0);
	assert_int_equal(cb_date_cmp(&a, &a), 0);
	struct cb_date c = mk(2023, 12, 31), d = mk(2024, 1, 1);
	assert_true(cb_date_cmp(&c, &d) < 0);
	struct cb_date e = mk(2024, 2, 1), f = mk(2024, 1, 31);
	assert_true(cb_date_cmp(&e, &f) > 0);
	/* Unknown parts count as 0: a year sorts before its months. */
	struct cb_date y = mk(2024, 0, 0), ym = mk(2024, 1, 0);
	assert_true(cb_date_cmp(&y, &ym) < 0);
	assert_true(cb_date_cmp(&ym, &a) < 0);
	assert_true(cb_date_cmp(&c, &y) < 0);
}

static void test_days_anchors(void **state)
{
	(void)state;
	struct cb_date dt = mk(1970, 1, 1);
	assert_int_equal(cb_date_to_days(&dt), 0);
	dt = mk(1969, 12, 31);
	assert_int_equal(cb_date_to_days(&dt), -1);
	dt = mk(2000, 3, 1);
	assert_int_equal(cb_date_to_days(&dt), 11017);
	dt = mk(2024, 2, 29);
	assert_int_equal(cb_date_to_days(&dt), 19782);
	dt = mk(1900, 1, 1);
	assert_int_equal(cb_date_to_days(&dt), -25567);
	dt = mk(2100, 12, 31);
	assert_int_equal(cb_date_to_days(&dt), 47846);
	dt = mk(1, 1, 1);
	assert_int_equal(cb_date_to_days(&dt), -719162);
	dt = mk(9999, 12, 31);
	assert_int_equal(cb_date_to_days(&dt), 2932896);

	cb_days_to_date(-719162, &dt);
	assert_date(&dt, 1, 1, 1);
	cb_days_to_date(2932896, &dt);
	assert_date(&dt, 9999, 12, 31);
	cb_days_to_date(-1, &dt);
	assert_date(&dt, 1969, 12, 31);
	/* Fuzzy dates count from the start of their period. */
	dt = mk(2024, 0, 0);
	assert_int_equal(cb_date_to_days(&dt), 19723);
	dt = mk(2024, 2, 0);
	assert_int_equal(cb_date_to_days(&dt), 19754);
}

/* Every day from 1900 to 2100: consecutive day numbers, a real date each,
 * and the conversion back gives the same date. */
static void test_days_round_trip(void **state)
{
	(void)state;
	struct cb_date dt = mk(1900, 1, 1), back;
	long expect = cb_date_to_days(&dt);
	long count = 0;
	while (dt.y <= 2100) {
		assert_true(cb_date_valid(dt.y, dt.m, dt.d));
		long days = cb_date_to_days(&dt);
		assert_int_equal(days, expect);
		cb_days_to_date(days, &back);
		assert_int_equal(cb_date_cmp(&back, &dt), 0);
		/* Step to the next calendar day by hand. */
		if (++dt.d > cb_days_in_month(dt.y, dt.m)) {
			dt.d = 1;
			if (++dt.m > 12) {
				dt.m = 1;
				dt.y++;
			}
		}
		expect++;
		count++;
	}
	/* 201 years, 49 of them leap (1900 and 2100 are not). */
	assert_int_equal(count, 201 * 365 + 49);
}

static void test_add_months(void **state)
{
	(void)state;
	static const struct {
		struct cb_date from;
		int months;
		struct cb_date to;
	} cases[] = {
		{ { 2024, 8, 31 }, 6, { 2025, 2, 28 } },
		{ { 2023, 8, 31 }, 6, { 2024, 2, 29 } },
		{ { 2024, 1, 31 }, 1, { 2024, 2, 29 } },
		{ { 2023, 1, 31 }, 1, { 2023, 2, 28 } },
		{ { 2024, 3, 31 }, -1, { 2024, 2, 29 } },
		{ { 2024, 3, 31 }, 1, { 2024, 4, 30 } },
		{ { 2024, 5, 15 }, 0, { 2024, 5, 15 } },
		{ { 2024, 12, 15 }, 1, { 2025, 1, 15 } },
		{ { 2024, 1, 15 }, -1, { 2023, 12, 15 } },
		{ { 2024, 1, 15 }, -13, { 2022, 12, 15 } },
		{ { 2024, 1, 15 }, 24, { 2026, 1, 15 } },
		{ { 2024, 2, 29 }, 12, { 2025, 2, 28 } },
		{ { 2024, 2, 29 }, 48, { 2028, 2, 29 } },
		{ { 2024, 2, 29 }, -12, { 2023, 2, 28 } },
		{ { 2024, 10, 31 }, 6, { 2025, 4, 30 } },
		{ { 1999, 12, 31 }, 2, { 2000, 2, 29 } },
		{ { 2024, 6, 30 }, 1200, { 2124, 6, 30 } },
		/* Estimated dates keep their precision. */
		{ { 2024, 11, 0 }, 3, { 2025, 2, 0 } },
		{ { 2024, 0, 0 }, 24, { 2026, 0, 0 } },
		{ { 2024, 0, 0 }, -13, { 2022, 0, 0 } },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct cb_date dt = cases[i].from;
		cb_date_add_months(&dt, cases[i].months);
		assert_date(&dt, cases[i].to.y, cases[i].to.m, cases[i].to.d);
	}
}

static void test_age(void **state)
{
	(void)state;
	struct cb_date b = mk(2008, 5, 20), on;
	on = mk(2024, 5, 19);
	assert_int_equal(cb_age_on(&b, &on), 15);
	on = mk(2024, 5, 20);
	assert_int_equal(cb_age_on(&b, &on), 16);
	on = mk(2024, 12, 31);
	assert_int_equal(cb_age_on(&b, &on), 16);
	on = mk(2025, 1, 1);
	assert_int_equal(cb_age_on(&b, &on), 16);
	on = b;
	assert_int_equal(cb_age_on(&b, &on), 0);
	on = mk(2008, 5, 19);
	assert_int_equal(cb_age_on(&b, &on), -1);

	/* Born on 29 February: a year older on 1 March in common years. */
	b = mk(2008, 2, 29);
	on = mk(2023, 2, 28);
	assert_int_equal(cb_age_on(&b, &on), 14);
	on = mk(2023, 3, 1);
	assert_int_equal(cb_age_on(&b, &on), 15);
	on = mk(2024, 2, 29);
	assert_int_equal(cb_age_on(&b, &on), 16);
	on = mk(2026, 2, 28);
	assert_int_equal(cb_age_on(&b, &on), 17);

	/* 18th birthday: the care leaver threshold. */
	b = mk(2006, 8, 31);
	on = mk(2024, 8, 30);
	assert_int_equal(cb_age_on(&b, &on), 17);
	on = mk(2024, 8, 31);
	assert_int_equal(cb_age_on(&b, &on), 18);
}

static void test_today_env(void **state)
{
	(void)state;
	struct cb_date dt;
	setenv("CASEBOOK_TODAY", "2024-03-14", 1);
	cb_date_today(&dt);
	assert_date(&dt, 2024, 3, 14);
	setenv("CASEBOOK_TODAY", "2000-02-29", 1);
	cb_date_today(&dt);
	assert_date(&dt, 2000, 2, 29);

	/* Without the override (or with a bad one) it is the clock's day. */
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	unsetenv("CASEBOOK_TODAY");
	cb_date_today(&dt);
	assert_date(&dt, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	setenv("CASEBOOK_TODAY", "2024-02-30", 1);
	cb_date_today(&dt);
	assert_date(&dt, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	setenv("CASEBOOK_TODAY", "", 1);
	cb_date_today(&dt);
	assert_date(&dt, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	unsetenv("CASEBOOK_TODAY");
}

static void test_format(void **state)
{
	(void)state;
	char buf[11];
	struct cb_date dt = mk(2024, 3, 4);
	cb_date_format(&dt, buf);
	assert_string_equal(buf, "2024-03-04");
	dt = mk(2024, 11, 0);
	cb_date_format(&dt, buf);
	assert_string_equal(buf, "2024-11");
	dt = mk(1952, 0, 0);
	cb_date_format(&dt, buf);
	assert_string_equal(buf, "1952");
	dt = mk(5, 1, 9);
	cb_date_format(&dt, buf);
	assert_string_equal(buf, "0005-01-09");

	/* Parse and format are inverses. */
	static const char *const s[] = { "2024-02-29", "1900-01-01", "2100-12-31" };
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		assert_int_equal(cb_date_parse(s[i], &dt), 0);
		cb_date_format(&dt, buf);
		assert_string_equal(buf, s[i]);
	}
	static const char *const fz[] = { "1987", "1987-06", "1987-06-05" };
	for (size_t i = 0; i < sizeof fz / sizeof fz[0]; i++) {
		assert_int_equal(cb_fuzzy_date_parse(fz[i], &dt), 0);
		cb_date_format(&dt, buf);
		assert_string_equal(buf, fz[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_days_in_month),
		cmocka_unit_test(test_parse_ok),
		cmocka_unit_test(test_parse_malformed),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_fuzzy),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_days_anchors),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_today_env),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
