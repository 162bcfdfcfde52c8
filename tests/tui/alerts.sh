#!/bin/bash
# alerts.sh - practice alerts in the workbench, on the demo a newcomer
# opens: the caseload shows each child's worst alert with its reason,
# worst first; the person screen lists the child's alerts, worst first;
# the team view (A) filters by worker (w) and by rule (f), x clears.
. "${top_srcdir:-.}/tests/tui/lib.sh"

demo
jasper=$(id_of "Jasper Quayle")
milo=$(id_of "Milo Hargreave")

# body: the screen without its title, column header and status lines.
body() {
	screen | sed '1,2d;$d'
}

# row_of TEXT: the screen's line number of the first line holding TEXT.
row_of() {
	screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1
}

# No configuration file: the caseload opens in its default order, worst
# alert first.
rm -f "$HOME/.config/casebook/config"
start 160 45
wait_for "My caseload (8 of 8)"
wait_for "Alert / next due▼"
keys g
# The worst first: the most overdue high-severity alerts, then the
# undated ones (something missing now).
prev=0
for name in "Jasper Quayle" "Tegan Marlow" "Milo Hargreave" "Wiktor Rushworth" \
	"Layla Okorie" "Rosa Varga"; do
	r=$(row_of "$name")
	[ -n "$r" ] || fail "$name is not on Sam Patel's caseload"
	[ "$r" -gt "$prev" ] || fail "$name is not in worst-first order"
	prev=$r
done
[ "$(row_of "Jasper Quayle")" = 3 ] || fail "the worst alert is not on the first row"
screen | grep -F "Jasper Quayle" |
	grep -qF "2026-04-10  Action overdue: child-in-need plan: 1 action past its date" ||
	fail "Jasper's row lacks the alert and its reason"
screen | grep -F "Milo Hargreave" | grep -F "Pre-proceedings review point" |
	grep -qF "review point 2026-04-19" || fail "Milo's row lacks the pre-proceedings alert"
screen | grep -F "Wiktor Rushworth" | grep -qF "significant change on 2026-04-22 (placement-mo" ||
	fail "Wiktor's row lacks the change that makes his review due"
screen | grep -F "Rosa Varga" | grep -F "now" |
	grep -qF "Plan contingency: child-protection plan has no contingency (+3)" ||
	fail "Rosa's row lacks the missing contingency and the count of the others"
ok "the caseload opens worst alert first, each child's worst alert with its reason"

# The person screen: Jasper (the first row) and his three alerts.
keys Enter
wait_for "Jasper Quayle — $jasper"
wait_for "Alerts (3), worst first"
a=$(row_of "Action overdue: child-in-need plan: 1 action past its date: Speech and language assessment")
v=$(row_of "Visits: the last visit was on 2026-03-13")
o=$(row_of "Management oversight: management oversight: none recorded since the plan began on 2025-10-13")
[ -n "$a" ] && [ -n "$v" ] && [ -n "$o" ] || fail "the person screen lacks one of Jasper's alerts"
[ "$a" -lt "$v" ] && [ "$v" -lt "$o" ] || fail "Jasper's alerts are not worst first"
screen | sed -n "${a}p" | grep -qF "high   overdue 21 days (2026-04-10)" ||
	fail "the action's severity and date: $(screen | sed -n "${a}p")"
screen | sed -n "${o}p" | grep -qF "medium overdue 169 days (2025-11-13)" ||
	fail "the oversight's severity and date: $(screen | sed -n "${o}p")"
ok "the person screen lists the child's alerts, worst first, with when and why"
keys q
wait_for "My caseload (8 of 8)"

# The team view: Sam Patel's team is North Leaving Care (the demo sets it).
keys A
wait_for "Alerts — North Leaving Care ("
total=$(screen | head -n 1 | sed -n 's/.*(\([0-9]*\) of \([0-9]*\)).*/\2/p')
[ -n "$total" ] && [ "$total" -gt 10 ] || fail "the team has too few alerts: $total"
screen | grep -qF "ffion.hughes@example.org" || fail "the team view lacks Ffion Hughes's alerts"
screen | grep -qF "sam.patel@example.org" || fail "the team view lacks Sam Patel's alerts"
screen | grep -qF "grace.mensah@example.org" && fail "another team's alert in the team view"
ok "A shows the team's alerts, every worker's"

# w: one worker at a time, in order; each press moves on to the next.
keys w
wait_for "worker: ffion.hughes@example.org  rule: any"
body | grep -qF "sam.patel@example.org" && fail "Sam's alerts under Ffion's filter"
keys w
wait_for "worker: sam.patel@example.org  rule: any"
body | grep -qF "ffion.hughes@example.org" && fail "Ffion's alerts under Sam's filter"
mine=$("$CASEBOOK" -C "$WS" alerts --format=tsv | tail -n +2 | wc -l)
wait_for "($mine of $total)"
ok "w filters by worker: Sam Patel's alerts are the $mine of casebook alerts"

# f: one rule at a time, with the worker filter still on; x clears both.
for i in $(seq 1 25); do
	screen | head -n 1 | grep -qF "rule: drift-pre-proceedings" && break
	keys f
	sleep 0.2
done
wait_for "worker: sam.patel@example.org  rule: drift-pre-proceedings"
wait_for "(1 of $total)"
screen | grep -F "Milo Hargreave" | grep -qF "Pre-proceedings review point: pre-proceedings review point 2026-04-19" ||
	fail "the pre-proceedings alert is not Milo's"
keys x
wait_for "Alerts — North Leaving Care ($total of $total)"
for i in $(seq 1 25); do
	screen | head -n 1 | grep -qF "rule: health-history" && break
	keys f
	sleep 0.2
done
wait_for "worker: any  rule: health-history"
body | grep -v "^ *$" | grep -vF "Health history: no record" | grep -q . &&
	fail "another rule's alert under the health-history filter"
screen | grep -qF "ffion.hughes@example.org" || fail "the rule filter lost Ffion's alerts"
ok "f filters by rule (with or without a worker), x clears the filters"

# Enter opens the child.
keys x
for i in $(seq 1 25); do
	screen | head -n 1 | grep -qF "rule: drift-pre-proceedings" && break
	keys f
	sleep 0.2
done
wait_for "rule: drift-pre-proceedings"
keys Enter
wait_for "Milo Hargreave — $milo"
wait_for "Pre-proceedings review point"
ok "Enter on an alert opens the child"

quit
ok "the workbench exits cleanly"
