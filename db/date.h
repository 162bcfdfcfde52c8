/* date.h - calendar dates as practitioners write them.
 *
 * Dates are ISO 8601 days (YYYY-MM-DD). Estimated dates may drop the day
 * or the month (YYYY-MM, YYYY), as the SocialCareData draft allows. */
#ifndef CASEBOOK_DATE_H
#define CASEBOOK_DATE_H

struct cb_date {
	int y, m, d; /* m or d 0 when unknown (fuzzy dates only) */
};

/* Parses exactly YYYY-MM-DD, a real calendar date (leap years; no
 * 2024-02-30). Returns 0 or CB_EINVALID. */
int cb_date_parse(const char *s, struct cb_date *out);
/* Parses YYYY, YYYY-MM or YYYY-MM-DD. */
int cb_fuzzy_date_parse(const char *s, struct cb_date *out);
int cb_date_valid(int y, int m, int d);
int cb_days_in_month(int y, int m);
/* Days since 1970-01-01 for a full date (proleptic Gregorian). */
long cb_date_to_days(const struct cb_date *dt);
void cb_days_to_date(long days, struct cb_date *out);
/* Compares, treating unknown month/day as 0. */
int cb_date_cmp(const struct cb_date *a, const struct cb_date *b);
/* Today in local time; CASEBOOK_TODAY=YYYY-MM-DD overrides (tests). */
void cb_date_today(struct cb_date *out);
/* Whole years from birth to on (age). */
int cb_age_on(const struct cb_date *birth, const struct cb_date *on);
/* Adds months, clamping the day to the month's end (2024-08-31 + 6m =
 * 2025-02-28). */
void cb_date_add_months(struct cb_date *dt, int months);
/* Writes "YYYY-MM-DD" (or shorter for fuzzy) into buf (>= 11 bytes). */
void cb_date_format(const struct cb_date *dt, char buf[11]);

#endif
