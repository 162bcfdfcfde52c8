#!/bin/bash
# tui_history.sh - the workbench's history screens on the real binary in
# tmux: a person's saves and one record's, narrowed by author and dates;
# a save's diff in the record's terms (the changed field, its words
# marked); blame; and a record, then the whole person, as at a date.
# The counts are checked against the command line's own answers.
. "${top_srcdir:-.}/tests/tui/lib.sh"

demo
id=$(id_of "Ellis Nguyễn")
[ -n "$id" ] || fail "no id for Ellis Nguyễn"

# One event corrected from the command line, through an $EDITOR that
# rewrites it: the save the history, diff and blame below must show.
printf '%s\n' '#!/bin/sh' \
	"sed -i 's/Interim care order granted\\./Final care order granted today./' \"\$1\"" \
	>"$T/ed.sh"
chmod +x "$T/ed.sh"
EDITOR=$T/ed.sh "$CASEBOOK" -C "$WS" edit "$id/chronology" >/dev/null 2>>"$ERR" ||
	fail "casebook edit"
edit=$(git -C "$WS/repo.git" rev-parse main)
before=$(commits)

# log_count ARGS...: how many saves the command line's log lists.
log_count() {
	"$CASEBOOK" -C "$WS" log "$@" --format=tsv | tail -n +2 | wc -l
}
all=$(log_count "$id")
chron=$(log_count "$id/chronology")
october=$(log_count "$id" --since 2025-10-01 --until 2025-10-31)
[ "$all" -gt "$chron" ] && [ "$chron" -gt 1 ] && [ "$october" -ge 1 ] ||
	fail "unexpected demo history: $all $chron $october"

start 100 30
wait_for "Ellis Nguyễn"
keys Enter
wait_for "Ellis Nguyễn — $id"
keys h
wait_for "History — Ellis Nguyễn ($all)"
wait_for "Draw genogram for Ellis Nguyễn"
wait_for "Add person Ellis Nguyễn"
# Newest first: the correction is the first row under the heading.
screen | sed -n 3p | grep -qF "Edit chronology for Ellis Nguyễn" || fail "newest save not first"
ok "h on a person lists every save of their records, newest first"

keys a
wait_for "Saves by"
type_text "nobody@example.org"
keys Enter
wait_for "History — Ellis Nguyễn (0)  author: nobody@example.org"
wait_for "No saves match"
keys x
wait_for "History — Ellis Nguyễn ($all)"
keys d
wait_for "Saves from..to"
type_text "2025-10-01..2025-10-31"
keys Enter
wait_for "History — Ellis Nguyễn ($october)  dates: 2025-10-01..2025-10-31"
screen | grep -qF "Edit chronology" && fail "the date filter kept a save from outside it"
keys x
wait_for "History — Ellis Nguyễn ($all)"
ok "a and d narrow the saves to an author or a date range, x shows all"

keys g Enter
wait_for "Changes — Chronology — Ellis Nguyễn"
wait_for "commit ${edit:0:10}"
wait_for "~ Chronology entry 2025-11-03 — changed"
wait_for "Event:"
wait_for "[-Interim-]{+Final+} care order granted{+ today+}."
screen | grep -qF "Source:" && fail "an unchanged field is shown as changed"
ok "Enter shows the save's diff: the entry, the field and the words changed"

keys q
wait_for "History — Ellis Nguyễn"
keys j Enter
wait_for "Changes — "
wait_gone "[-Interim-]"
keys q q
wait_for "Ellis Nguyễn — $id"

keys c
wait_for "Chronology — Ellis Nguyễn"
keys h
wait_for "History — Chronology Ellis Nguyễn ($chron)"
screen | grep -qF "Draw genogram" && fail "a record's history shows another record"
ok "h on the chronology lists that record's saves only"
keys q

keys B
wait_for "Blame — Chronology — Ellis Nguyễn"
wait_for "Event: Final care order granted today."
line=$(screen | grep -F "Event: Final care order granted today.")
echo "$line" | grep -qF "${edit:0:7}" || fail "the corrected event is not blamed on ${edit:0:7}: $line"
echo "$line" | grep -qF "Sam Patel" || fail "blame does not name the author: $line"
source=$(screen | grep -F "Source: Legal services")
[ -n "$source" ] || fail "no Source line in the blame"
echo "$source" | grep -qF "${edit:0:7}" && fail "an unchanged field is blamed on the correction"
ok "B blames each field: the corrected event on the correction, the rest earlier"
keys q

keys @
wait_for "As at (YYYY-MM-DD"
type_text "yesterday"
keys Enter
wait_for "A date is YYYY-MM-DD"
keys @
type_text "2026-01-01"
keys Enter
wait_for "Chronology — Ellis Nguyễn — as at 2026-01-01 23:59 (read-only)"
wait_for "Event: Interim care order granted."
screen | grep -qF "Final care order" && fail "as at 2026-01-01 shows a later correction"
screen | grep -qF "Placement ended at short notice" && fail "as at 2026-01-01 shows a later entry"
ok "@ shows the record as it stood on a date, titled so"

keys q q
wait_for "Ellis Nguyễn — $id"
keys @
type_text "2025-09-01"
keys Enter
wait_for "Every record — Ellis Nguyễn — as at 2025-09-01 23:59 (read-only)"
wait_for "Record: person"
keys /
type_text "Record: genogram"
keys Enter
wait_for "Record: genogram"
screen | grep -qF "Record: pathway-plan" && fail "as at 2025-09-01 shows a plan written later"
ok "@ on the person shows every record they had then"
keys q

keys ?
wait_for "Keys: Person"
wait_for "History of all this person's records"
wait_for "This person's records as they stood on a date"
keys q

[ "$(commits)" = "$before" ] || fail "looking at history made a commit"
quit
ok "nothing was saved, and the workbench exits cleanly"

# A narrow terminal: the diff wraps by words and keeps every character.
start 50 30
wait_for "Ellis"
keys Enter
wait_for "$id"
keys h
wait_for "History"
keys g Enter
wait_for "~ Chronology entry 2025-11-03"
wait_for "[-Interim-]{+Final+} care order granted{+"
wait_for "today+}."
screen | grep -qF "today+}." || fail "the wrapped diff lost its end"
quit
ok "on a narrow terminal the diff wraps by words, losing nothing"
