#!/bin/bash
# chronology.sh - a person's chronology: the table, the whole entry,
# filters, search, adding an entry through the form (one commit by the
# practitioner), a refused save that keeps what was typed, and editing.
. "${top_srcdir:-.}/tests/tui/lib.sh"

demo
id=$(id_of "Ellis Nguyễn")
[ -n "$id" ] || fail "no id for Ellis Nguyễn"
before=$(commits)

start 100 30
wait_for "Ellis Nguyễn"
keys Enter
wait_for "Ellis Nguyễn — $id"
keys c
wait_for "Chronology — Ellis Nguyễn"
wait_for "Interim care order granted."
ok "c opens the chronology from the person"

keys g Enter
wait_for "Chronology entry"
wait_for "Recorded by"
keys q
wait_for "Chronology — Ellis Nguyễn"
ok "Enter shows the whole entry"

total=$(screen | sed -n 1p | sed 's/.*(\([0-9]*\)).*/\1/')
keys s
wait_for "significance: high"
keys s
wait_for "significance: medium"
keys X
wait_for "Chronology — Ellis Nguyễn ($total)"
keys c
wait_for "Show which category?"
keys l Enter
wait_for "category: legal"
wait_for "Interim care order granted."
keys X
wait_for "($total)"
ok "filters by significance and category, x clears them"

keys a
wait_for "New chronology entry — Ellis Nguyễn"
wait_for "Date*"
# Save at once: required fields are missing, nothing is committed.
keys C-s
wait_for "Not saved"
wait_for "Date: required"
[ "$(commits)" = "$before" ] || fail "a refused save made a commit"
ok "a save with required fields missing says why and commits nothing"

type_text "2026-04-30"
keys Tab Tab h Tab h Tab
type_text "GP surgery"
keys Tab
type_text "Zoë's brother Ellis registered with a GP at last."
keys Tab
type_text "Can now get his inhaler prescription."
wait_gone "Date: required"
keys C-s
wait_for "Saved: Add chronology entry for Ellis Nguyễn"
wait_for "registered with a GP at last"
[ "$(commits)" = $((before + 1)) ] || fail "expected one new commit"
log=$(git -C "$WS/repo.git" log -1 --format='%an <%ae>%n%s%n%b')
echo "$log" | grep -qx "Sam Patel <sam.patel@example.org>" || fail "author: $log"
echo "$log" | grep -qx "Add chronology entry for Ellis Nguyễn" || fail "summary: $log"
echo "$log" | grep -qx "Record: $id/chronology" || fail "trailer: $log"
rec=$(git -C "$WS/repo.git" show "main:people/${id:0:1}/${id:1:1}/$id/chronology")
echo "$rec" | grep -qx "Event: Zoë's brother Ellis registered with a GP at last." || fail "event not saved"
echo "$rec" | grep -qx "Category: health" || fail "category not saved"
echo "$rec" | grep -qx "Significance: high" || fail "significance not saved"
echo "$rec" | grep -qx "Recorded-By: Sam Patel <sam.patel@example.org>" || fail "Recorded-By not filled"
echo "$rec" | grep -qx "Entered: $TODAY" || fail "Entered not filled"
ok "the form saves one commit in Sam Patel's name with the entry"

keys /
type_text "inhaler"
keys Enter
wait_for "1 entry matches"
keys Enter
wait_for "Can now get his inhaler prescription."
keys q
wait_for "Chronology — Ellis Nguyễn"
ok "/ searches the entries"

# Edit the new entry: the selection is on it after the search.
keys e
wait_for "Chronology entry — Ellis Nguyễn"
keys Tab Tab Tab Tab Tab Tab Tab
type_text " Carer will collect it."
wait_for "Carer will collect it."
keys Escape
wait_for "Save your changes?"
keys y
wait_for "Saved: Edit chronology entry for Ellis Nguyễn"
[ "$(commits)" = $((before + 2)) ] || fail "expected a second commit"
git -C "$WS/repo.git" log -1 --format=%b | grep -q "^Fields: .*:Action" || fail "Fields trailer"
ok "leaving with unsaved changes asks, and y saves"

keys e
wait_for "Chronology entry — Ellis Nguyễn"
type_text "x"
keys Escape
wait_for "Save your changes?"
keys n
wait_for "Changes thrown away"
[ "$(commits)" = $((before + 2)) ] || fail "n made a commit"
ok "n throws the changes away"

quit
ok "quits cleanly"

# A save the store refuses (here a read-only workspace; a full disk takes
# the same path) says why and keeps everything typed, in the form and in
# a draft.
git -C "$WS/repo.git" config casebook.readonly true
n_before=$(commits)
start 100 30
wait_for "read-only"
keys Enter c a
wait_for "New chronology entry"
type_text "2026-04-30"
keys Tab Tab Tab Tab Tab
type_text "Typed while read-only."
keys C-s
wait_for "Not saved:"
wait_for "What you typed is still here."
wait_for "Typed while read-only."
wait_for "Draft saved"
[ "$(commits)" = "$n_before" ] || fail "a commit was made in a read-only workspace"
kill -TERM "$(pid)"
wait_exit >/dev/null
git -C "$WS/repo.git" config --unset casebook.readonly
start 100 30
wait_for "My caseload"
keys Enter c a
wait_for "Restore the unsaved draft"
keys y
wait_for "Typed while read-only."
keys C-s
wait_for "Saved: Add chronology entry"
[ "$(commits)" = $((n_before + 1)) ] || fail "the kept text was not saved later"
quit
ok "a refused save keeps the text; it saves once the workspace allows it"
