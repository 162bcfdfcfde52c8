/* date.c - calendar dates as practitioners write them; see date.h.
 *
 * All arithmetic is on the proleptic Gregorian calendar, counting days
 * from 0001-01-01, so that dates from 1900 (old family members in a
 * genogram) to 2100 (plan dates) share one code path with no time zones
 * or struct tm involved. Only cb_date_today looks at the clock. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
/* localtime_r is POSIX, not C11. */
#if !defined(_POSIX_C_SOURCE) && !defined(_GNU_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "i18n.h"

/* Four-digit years only: the text format has no room for more, and year 0
 * is not something a practitioner writes. */
#define YEAR_MIN 1
#define YEAR_MAX 9999

/* Days before the first of each month in a common year. */
static const int days_before_month[12] = {
	0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
};

/* Division rounding towards minus infinity, so that dates before the
 * epoch (negative day counts) convert the same way as later ones. */
static long floor_div(long a, long b)
{
	long q = a / b;
	if (a % b != 0 && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 0001-01-01 to the first of January of year y. */
static long days_before_year(long y)
{
	long p = y - 1;
	return 365 * p + floor_div(p, 4) - floor_div(p, 100) + floor_div(p, 400);
}

/* Days from 0001-01-01 to the first of month m (1..12) of year y. */
static long month_start(long y, int m)
{
	return days_before_year(y) + days_before_month[m - 1] +
	       (m > 2 && is_leap(y));
}

int cb_days_in_month(int y, int m)
{
	static const int len[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	if (m < 1 || m > 12)
		return 0;
	return len[m - 1] + (m == 2 && is_leap(y));
}

int cb_date_valid(int y, int m, int d)
{
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12)
		return 0;
	return d >= 1 && d <= cb_days_in_month(y, m);
}

/* Reads n ASCII digits. isdigit() is not used because it follows the
 * locale; only '0'..'9' belong in a stored date. */
static int read_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Splits a string of exactly the shape YYYY, YYYY-MM or YYYY-MM-DD into
 * numbers (0 for the parts not written), without judging the calendar. */
static int split_date(const char *s, struct cb_date *dt)
{
	size_t len = strlen(s);
	dt->m = dt->d = 0;
	if (len != 4 && len != 7 && len != 10)
		return -1;
	if (read_digits(s, 4, &dt->y))
		return -1;
	if (len >= 7 && (s[4] != '-' || read_digits(s + 5, 2, &dt->m)))
		return -1;
	if (len == 10 && (s[7] != '-' || read_digits(s + 8, 2, &dt->d)))
		return -1;
	return 0;
}

int cb_date_parse(const char *s, struct cb_date *out)
{
	struct cb_date dt;
	if (!s || strlen(s) != 10 || split_date(s, &dt))
		return cb_err(CB_EINVALID, _("not a date: write it as YYYY-MM-DD"));
	if (!cb_date_valid(dt.y, dt.m, dt.d))
		return cb_err(CB_EINVALID, _("no such date: %.10s"), s);
	*out = dt;
	return 0;
}

int cb_fuzzy_date_parse(const char *s, struct cb_date *out)
{
	struct cb_date dt;
	if (!s || split_date(s, &dt))
		return cb_err(CB_EINVALID,
			      _("not a date: write YYYY-MM-DD, or YYYY-MM or YYYY when estimated"));
	/* Judge each written part: the missing ones stand for "any". */
	size_t len = strlen(s);
	int ok;
	if (len == 10)
		ok = cb_date_valid(dt.y, dt.m, dt.d);
	else if (len == 7)
		ok = cb_date_valid(dt.y, dt.m, 1);
	else
		ok = dt.y >= YEAR_MIN && dt.y <= YEAR_MAX;
	if (!ok)
		return cb_err(CB_EINVALID, _("no such date: %.10s"), s);
	*out = dt;
	return 0;
}

long cb_date_to_days(const struct cb_date *dt)
{
	/* A fuzzy date counts from the start of the period it names; out of
	 * range parts are clamped rather than indexing past the table. */
	int m = dt->m < 1 ? 1 : dt->m > 12 ? 12 : dt->m;
	int d = dt->d < 1 ? 1 : dt->d;
	return month_start(dt->y, m) + d - 1 - days_before_year(1970);
}

void cb_days_to_date(long days, struct cb_date *out)
{
	long n = days + days_before_year(1970);
	/* 146097 days make 400 Gregorian years: a first guess that is at
	 * most a year out, corrected below. */
	long y = 1 + floor_div(n * 400, 146097);
	while (days_before_year(y) > n)
		y--;
	while (days_before_year(y + 1) <= n)
		y++;
	int m = 12;
	while (m > 1 && month_start(y, m) > n)
		m--;
	out->y = (int)y;
	out->m = m;
	out->d = (int)(n - month_start(y, m)) + 1;
}

int cb_date_cmp(const struct cb_date *a, const struct cb_date *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

void cb_date_today(struct cb_date *out)
{
	/* Tests and demos pin the day so that due dates are reproducible; a
	 * malformed override is ignored rather than making every date wrong. */
	const char *env = getenv("CASEBOOK_TODAY");
	if (env && *env && cb_date_parse(env, out) == 0)
		return;
	time_t now = time(NULL);
	struct tm tm;
	if (now == (time_t)-1 || !localtime_r(&now, &tm)) {
		out->y = 1970;
		out->m = 1;
		out->d = 1;
		return;
	}
	out->y = tm.tm_year + 1900;
	out->m = tm.tm_mon + 1;
	out->d = tm.tm_mday;
}

int cb_age_on(const struct cb_date *birth, const struct cb_date *on)
{
	/* A birthday not yet reached this year takes one off. Someone born
	 * on 29 February is a year older on 1 March in a common year, which
	 * is how the anniversary is counted in England. Negative when on is
	 * before birth. */
	int age = on->y - birth->y;
	if (on->m < birth->m || (on->m == birth->m && on->d < birth->d))
		age--;
	return age;
}

void cb_date_add_months(struct cb_date *dt, int months)
{
	if (dt->m == 0) {
		/* A year-only date can only move by whole years. */
		dt->y += (int)floor_div(months, 12);
		return;
	}
	long total = (long)dt->y * 12 + (dt->m - 1) + months;
	long y = floor_div(total, 12);
	dt->y = (int)y;
	dt->m = (int)(total - y * 12) + 1;
	int last = cb_days_in_month(dt->y, dt->m);
	if (dt->d > last)
		dt->d = last;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void cb_date_format(const struct cb_date *dt, char buf[11])
{
	/* Clamped so the text always fits the caller's 11 bytes. */
	int y = clamp(dt->y, 0, 9999);
	int m = clamp(dt->m, 0, 99);
	int d = clamp(dt->d, 0, 99);
	if (m == 0)
		snprintf(buf, 11, "%04d", y);
	else if (d == 0)
		snprintf(buf, 11, "%04d-%02d", y, m);
	else
		snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
}
