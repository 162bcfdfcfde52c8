/* when.h - a moment as a date or time: parsed from what a user types and
 * formatted for output. Apart from revs.h (revisions, which need
 * libgit2) so that commands reading only the index use it without. */
#ifndef CASEBOOK_WHEN_H
#define CASEBOOK_WHEN_H

#include <stddef.h>
#include <stdint.h>

/* Parses YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (a space may replace the T)
 * as local time. A bare date gives 23:59:59 of that day when end_of_day,
 * else 00:00:00. Returns 0 with *out in seconds since the epoch, or
 * CB_EINVALID when spec is not a date or time (it may then be a revision). */
int cb_when_parse(const char *spec, int end_of_day, int64_t *out);

/* "2024-03-14T09:30:00+01:00": the time in the offset it was saved with. */
void cb_time_format(int64_t t, int tz_minutes, char *buf, size_t n);

/* Local "2024-03-14 09:30" for messages. */
void cb_time_format_local(int64_t t, char *buf, size_t n);

#endif
