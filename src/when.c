/* when.c - dates and times as auditors type and read them; see when.h. */
#include "when.h"
#include "date.h"
#include "err.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int cb_when_parse(const char *spec, int end_of_day, int64_t *out)
{
	size_t n = spec ? strlen(spec) : 0;
	if (n < 10)
		return CB_EINVALID;
	char day[11];
	memcpy(day, spec, 10);
	day[10] = '\0';
	struct cb_date d;
	if (cb_date_parse(day, &d))
		return CB_EINVALID;
	int hh = 0, mm = 0, ss = 0;
	if (n == 10) {
		if (end_of_day) {
			hh = 23;
			mm = 59;
			ss = 59;
		}
	} else {
		const char *t = spec + 11;
		if ((spec[10] != 'T' && spec[10] != ' ') || (n != 16 && n != 19) ||
		    !digits(t, 2) || t[2] != ':' || !digits(t + 3, 2) ||
		    (n == 19 && (t[5] != ':' || !digits(t + 6, 2))))
			return CB_EINVALID;
		hh = num(t, 2);
		mm = num(t + 3, 2);
		ss = n == 19 ? num(t + 6, 2) : 0;
		if (hh > 23 || mm > 59 || ss > 60)
			return CB_EINVALID;
	}
	struct tm tm = { 0 };
	tm.tm_year = d.y - 1900;
	tm.tm_mon = d.m - 1;
	tm.tm_mday = d.d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	tm.tm_isdst = -1; /* let the zone rules say whether summer time applied */
	time_t t = mktime(&tm);
	if (t == (time_t)-1 && !(d.y == 1969 || d.y == 1970))
		return CB_EINVALID;
	*out = (int64_t)t;
	return 0;
}

void cb_time_format(int64_t t, int tz, char *buf, size_t n)
{
	time_t local = (time_t)(t + (int64_t)tz * 60);
	struct tm tm;
	gmtime_r(&local, &tm);
	size_t k = strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
	int a = tz < 0 ? -tz : tz;
	if (k < n)
		snprintf(buf + k, n - k, "%c%02d:%02d", tz < 0 ? '-' : '+', a / 60, a % 60);
}

void cb_time_format_local(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm) || !strftime(buf, n, "%Y-%m-%d %H:%M", &tm))
		snprintf(buf, n, "?");
}
