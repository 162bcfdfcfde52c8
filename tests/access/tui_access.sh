#!/bin/bash
# tui_access.sh - the workbench logs each child it opens, asks a reason
# for a child outside the caseload (and refuses an empty one when one is
# required), runs with core dumps off, and wipes the screen when it is
# suspended (^Z or SIGTSTP) and when it exits, redrawing on resume.
. "${top_srcdir:-.}/tests/tui/lib.sh"

demo
git -C "$WS/repo.git" config casebook.accessReason require
start 100 30
wait_for "My caseload (8 of 8)"
p=$(pid)
grep -E '^Max core file size +0 +0 ' "/proc/$p/limits" >/dev/null ||
	fail "core dumps are not off: $(grep core "/proc/$p/limits")"
ok "the workbench runs with a core file size limit of 0"

# open_mateusz: from Sam's caseload to the team's, Mateusz (not Sam's)
# found and Enter pressed on him.
open_mateusz() {
	keys t
	wait_for "Team caseload (15 of 15)"
	keys /
	type_text "Mateusz"
	keys Enter
	sleep 0.3
	keys Enter
}

mine=$(id_of "Ellis Nguyễn")
keys Enter
wait_for "Ellis Nguyễn"
keys q
wait_for "My caseload (8 of 8)"
"$CASEBOOK" -C "$WS" access "$mine" --format=tsv >"$T/acc" || fail "casebook access"
grep -q "	$mine	\*	workbench	sam.patel@example.org	Sam Patel	\$" "$T/acc" ||
	fail "opening a child on the caseload was not logged: $(cat "$T/acc")"
ok "opening a child on the caseload is logged, with no reason asked"

open_mateusz
wait_for "Not on your caseload. Reason (required):"
keys Enter
wait_for "a reason is required"
ok "an empty reason is refused when one is required"
other=$(id_of "Mateusz Ferreira" --all)
"$CASEBOOK" -C "$WS" access "$other" --format=tsv >"$T/acc" || fail "casebook access"
[ "$(wc -l <"$T/acc")" = 1 ] || fail "a refused opening was logged"
keys Enter
wait_for "Not on your caseload. Reason (required):"
type_text "Duty cover for the team"
keys Enter
wait_for "Mateusz Ferreira"
"$CASEBOOK" -C "$WS" access "$other" --format=tsv >"$T/acc" || fail "casebook access"
grep -q "	$other	\*	workbench	sam.patel@example.org	Sam Patel	Duty cover for the team\$" "$T/acc" ||
	fail "the reason was not logged: $(cat "$T/acc")"
ok "with a reason it opens, and the reason is logged"

kill -TSTP "$p"
wait_gone "Mateusz Ferreira"
grep -q '^State:.*T' "/proc/$p/status" || fail "not stopped after SIGTSTP"
ok "SIGTSTP wipes the screen and stops"
kill -CONT "$p"
wait_for "Mateusz Ferreira"
ok "...and it redraws on resume"

keys C-z
wait_gone "Mateusz Ferreira"
kill -CONT "$p"
wait_for "Mateusz Ferreira"
ok "^Z does the same"

quit
screen | grep -qF "Mateusz" && fail "the record is still on the screen after exit"
ok "the screen is wiped on exit"

# Left unset, casebook.accessReason asks (and an empty answer opens).
git -C "$WS/repo.git" config --unset casebook.accessReason
start 100 30
wait_for "My caseload (8 of 8)"
open_mateusz
wait_for "Not on your caseload. Reason (Enter to skip):"
keys Enter
wait_for "Mateusz Ferreira —"
"$CASEBOOK" -C "$WS" access "$other" --format=tsv >"$T/acc" || fail "casebook access"
[ "$(grep -c "	$other	\*	workbench	sam.patel@example.org	Sam Patel	\$" "$T/acc")" = 1 ] ||
	fail "the opening without a reason was not logged: $(cat "$T/acc")"
ok "by default a reason is asked for outside the caseload, and may be skipped"
quit
echo "1..$n"
