#!/bin/sh
# blame.sh - casebook blame ID/RECORD: for each field of each entry, who
# last changed it, when, and the commit; TSV and text; a deleted record.
. "${top_srcdir:-.}/tests/history/lib.sh"

new_ws "$tmp/ws"
dated_history
g() { git -C "$ws/repo.git" "$@"; }
c1=$(g rev-parse main~3)
c2=$(g rev-parse main~2)
c3=$(g rev-parse main)

cb blame $P/chronology --format=tsv > "$tmp/tsv"
check "blame exits 0" test $? -eq 0
check "TSV header" \
	test "$(head -1 "$tmp/tsv")" = "$(printf 'stanza\tfield\tcommit\ttime\tauthor_name\tauthor_email')"
row() { grep -F "$(printf '%s\t%s\t' "$1" "$2")" "$tmp/tsv" | cut -f3-6; }
check "E1's date: Sam, the first save" \
	test "$(row E1 Date)" = "$(printf '%s\t2024-03-01T10:00:00+00:00\tSam Patel\tsam.patel@example.org' "$c1")"
check "E1's significance: Alex, the second save" \
	test "$(row E1 Significance)" = "$(printf '%s\t2024-03-10T14:00:00+00:00\tAlex Mensah\talex.mensah@example.org' "$c2")"
check "E2's event: Sam, who reworded it" test "$(row E2 Event | cut -f1)" = "$c3"
check "E2's category: Alex, who added it" test "$(row E2 Category | cut -f1)" = "$c2"
check "E3: the last save" test "$(row E3 Event | cut -f1)" = "$c3"
check "header fields have an empty stanza id" test "$(row '' Person | cut -f1)" = "$c1"
check "one row per field" test "$(tail -n +2 "$tmp/tsv" | wc -l)" -eq 18

cb blame $P/chronology > "$tmp/text"
check "text: a block per entry, with when it was added" \
	has "== Chronology entry 2024-03-09 [E2] (added 2024-03-10 by Alex Mensah, $(echo "$c2" | cut -c1-10))" "$tmp/text"
check "text: each field with its commit, date and author" \
	has "$(echo "$c2" | cut -c1-10) 2024-03-10  Alex Mensah     Significance: high" "$tmp/text"

cb blame $P/chronology --at "$c2" --format=tsv > "$tmp/at"
check "--at: as it was then" test "$(grep -F "$(printf 'E2\tEvent\t')" "$tmp/at" | cut -f3)" = "$c2"
check "--at: no E3 yet" hasnt "$(printf 'E3\t')" "$tmp/at"

# Deleted, then made again: the new record's fields belong to the save
# that made it again, whatever the old text said.
gitwork
(cd "$tmp/work" && git rm -q "$(recpath $P chronology)" &&
	GIT_AUTHOR_DATE=2024-05-01T09:00:00+0000 GIT_COMMITTER_DATE=2024-05-01T09:00:00+0000 \
	git -c user.name="Alex Mensah" -c user.email=alex.mensah@example.org commit -q -m "Delete" &&
	git push -q origin HEAD:refs/heads/main) || exit 99
cb blame $P/chronology > "$tmp/out" 2> "$tmp/err"
check "a deleted record cannot be blamed" test $? -ne 0
check "...and the message says there is none" has "no chronology record" "$tmp/err"
gitsave 2024-05-02T09:00:00+0000 "$JO" "$(recpath $P chronology)" "$tmp/rec/c3" "Restore"
c5=$(g rev-parse main)
cb blame $P/chronology --format=tsv > "$tmp/again"
check "made again: every field is the re-creating save's" \
	test "$(tail -n +2 "$tmp/again" | cut -f3 | sort -u)" = "$c5"

cb blame $P > "$tmp/out" 2> "$tmp/err"
check "blame needs a record" test $? -ne 0
cb blame 0000000000/chronology > "$tmp/out" 2> "$tmp/err"
check "an unknown person is refused" test $? -ne 0
finish
