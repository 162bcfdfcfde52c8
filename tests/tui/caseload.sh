#!/bin/bash
# caseload.sh - the home screen: my caseload, the team's and everyone's,
# sorting, search as you type, opening a person, and resizing.
. "${top_srcdir:-.}/tests/tui/lib.sh"

demo
start 100 30
wait_for "My caseload (8 of 8)"
wait_for "Ellis Nguyễn"
wait_for "Gruffydd ap Rhys"
wait_for "Sam Patel"
ok "opens on Sam Patel's own caseload, UTF-8 names intact"

screen | grep -F "Mateusz Ferreira" >/dev/null && fail "someone else's young person on my caseload"
keys t
wait_for "Team caseload (15 of 15)"
wait_for "Mateusz Ferreira"
screen | grep "Mateusz Ferreira" | grep -qF "overdue" || fail "the overdue review is not flagged"
ok "t shows the team's caseload, with the overdue flag"

keys t
wait_for "Everyone (57 of 57)"
ok "t again shows everyone"

keys s
wait_for "Age▼"
# Sorted by age: the first row is the youngest (the selection stays on
# the person it was on, so go to the top first).
keys g
sleep 0.3
first=$(screen | sed -n 3p)
youngest=$("$CASEBOOK" -C "$WS" list --all --format=tsv | awk -F '\t' 'NR > 1 { print $3 "\t" $2 }' |
	sort -r | head -1 | cut -f2)
echo "$first" | grep -qF "$youngest" || fail "first row is not the youngest ($youngest)"
keys r
wait_for "Age▲"
ok "s sorts by the next column, r reverses"

keys /
type_text "zo"
wait_for "(3 of 57)"
wait_for "Zoë Thorne"
wait_for "Zoë Okonkwo"
ok "/ searches as you type, ignoring accents"

keys BSpace
wait_gone "search: zo"
type_text "oe th"
wait_for "(1 of 57)"
keys Enter
wait_for "1 found"
ok "a second word narrows the search; Enter keeps it"

id=$(id_of "Zoë Thorne" --all)
[ -n "$id" ] || fail "no id for Zoë Thorne"
find_by_id "$id"
# Not on Sam's caseload: a reason is asked for (it may be left empty).
wait_for "Not on your caseload. Reason"
type_text "Covering the duty desk"
keys Enter
wait_for "Zoë Thorne — $id"
wait_for "Chronology"
wait_for "Pathway plan"
wait_for "Ffion Hughes"
ok "an id prefix finds the person; Enter opens them"

tmux -L "$SOCK" resize-window -t tui -x 80 -y 24
wait_for "Next due"
[ "$(screen | wc -l)" -le 24 ] || fail "more lines than the window"
keys q
wait_for "Everyone (1 of 57)"
tmux -L "$SOCK" resize-window -t tui -x 132 -y 40
wait_for "Alert / next due"
ok "redraws on resize, down to 80x24 and up again"

keys '?'
wait_for "Keys: Caseload"
wait_for "Show my caseload, my team's, or everyone"
keys q
wait_for "Everyone"
ok "? lists the screen's keys"

quit
ok "Q quits cleanly"

# Colour, and none with NO_COLOR.
start 100 30
wait_for "My caseload"
tmux -L "$SOCK" capture-pane -e -p -t tui | grep -q $'\033\\[[0-9;]*4[0-9]m' ||
	fail "no background colour on the title bar"
quit
start 100 30 NO_COLOR=1
wait_for "My caseload"
if tmux -L "$SOCK" capture-pane -e -p -t tui | grep -q $'\033\\[[0-9;]*[34][0-7]m'; then
	fail "colours although NO_COLOR is set"
fi
quit
ok "colour by default, none with NO_COLOR"

# The start-up measurement hook: draw once, then exit.
start 100 30 CASEBOOK_TUI_EXIT_AFTER_DRAW=1
st=$(wait_exit)
[ "$st" = 0 ] || fail "CASEBOOK_TUI_EXIT_AFTER_DRAW exit status $st"
no_sanitizer_reports
ok "CASEBOOK_TUI_EXIT_AFTER_DRAW=1 draws the caseload and exits"
