/* revs.h - naming points in history: revisions, dates and times.
 *
 * Auditors and managers name a moment either as a git revision (a commit
 * id prefix, "main~3", any revspec) or as a date or time in local time.
 * A bare date means the END of that day: "as at 2024-03-01" is what the
 * authority knew by the close of that day. */
#ifndef CASEBOOK_REVS_H
#define CASEBOOK_REVS_H

#include <git2.h>
#include <stddef.h>
#include <stdint.h>

/* Parses YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (a space may replace the T)
 * as local time. A bare date gives 23:59:59 of that day when end_of_day,
 * else 00:00:00. Returns 0 with *out in seconds since the epoch, or
 * CB_EINVALID when spec is not a date or time (it may then be a revision). */
int cb_when_parse(const char *spec, int end_of_day, int64_t *out);

/* Resolves a revision (commit id prefix or any revspec git understands)
 * to a commit. CB_ENOTFOUND with a message naming spec. */
int cb_rev_resolve(git_repository *repo, const char *spec, git_oid *out);

/* "2024-03-14T09:30:00+01:00": the time in the offset it was saved with. */
void cb_time_format(int64_t t, int tz_minutes, char *buf, size_t n);

/* Local "2024-03-14 09:30" for messages. */
void cb_time_format_local(int64_t t, char *buf, size_t n);

#endif
