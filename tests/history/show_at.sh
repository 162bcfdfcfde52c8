#!/bin/sh
# show_at.sh - casebook show ID/RECORD --at DATE|REV and show ID --at: a
# record, or the whole person, as it stood then.
. "${top_srcdir:-.}/tests/history/lib.sh"

new_ws "$tmp/ws"
dated_history
g() { git -C "$ws/repo.git" "$@"; }

cb show $P/chronology --at 2024-03-09 > "$tmp/before"
check "a date before a change shows the old value" has "Significance: medium" "$tmp/before"
check "...and not the new one" hasnt "Significance: high" "$tmp/before"
check "...nor entries added later" hasnt "Id: E2" "$tmp/before"
check "says which save it is" has "saved 2024-03-01T10:00:00+00:00 by Sam Patel <sam.patel@example.org>" "$tmp/before"

cb show $P/chronology --at 2024-03-10 > "$tmp/day"
check "a bare date means the end of that day" has "Significance: high" "$tmp/day"
cb show $P/chronology --at 2024-03-10T13:59 > "$tmp/minute"
check "a time before the save on that day: the old value" has "Significance: medium" "$tmp/minute"
cb show $P/chronology --at "2024-03-10 14:00:00" > "$tmp/exact"
check "exactly at the save: the new value" has "Significance: high" "$tmp/exact"

# The output is still a record: the provenance line is a comment.
grep -v '^#' "$tmp/before" > "$tmp/plain"
cb show $P/chronology --at "$(g rev-parse main~3)" | grep -v '^#' > "$tmp/byrev"
check "--at REV gives the same text as the date" cmp -s "$tmp/plain" "$tmp/byrev"
cb show $P/person --at main~1 > "$tmp/rev"
check "--at accepts any revspec" has "Status: care-leaver" "$tmp/rev"

cb show $P/chronology --at 2024-02-01 > "$tmp/out" 2> "$tmp/err"
check "a date before the record existed is refused" test $? -eq 1
check "...with a clear message" has "had no chronology record at 2024-02-01 23:59: it was first saved at 2024-03-01 10:00" "$tmp/err"
check "...and nothing on stdout" test ! -s "$tmp/out"

cb show $P --at 2024-03-15 > "$tmp/whole"
check "the whole person: the person record then" has "Status: looked-after" "$tmp/whole"
check "the whole person: the chronology then" has "Event: Visited by her aunt." "$tmp/whole"
check "the whole person: a heading per record" \
	test "$(grep -c "^# $P/" "$tmp/whole")" -eq 2
cb show $P --at 2024-01-01 > "$tmp/out" 2> "$tmp/err"
check "the whole person before anything was saved is refused" test $? -eq 1
check "...saying when the first record was saved" has "the first was saved at 2024-03-01 09:00" "$tmp/err"

cb show $P/chronology --at nonsense > "$tmp/out" 2> "$tmp/err"
check "neither a date nor a revision is refused" test $? -ne 0
check "...saying what is expected" has "YYYY-MM-DD" "$tmp/err"
cb show $P/chronology --at 2024-02-30 > "$tmp/out" 2> "$tmp/err"
check "an impossible date is not taken for a revision" has "2024-02-30" "$tmp/err"
finish
