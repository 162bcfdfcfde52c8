#!/bin/bash
# child_plans.sh - a child's plans in the workbench: P on the person
# screen opens them; a new child protection plan and an action on it are
# written through the form engine, one commit each, and shown; an action
# is marked done; the keys are in ? help.
. "${top_srcdir:-.}/tests/tui/lib.sh"

demo
id=$(id_of "Ellis Nguyễn")
before=$(commits)
start 110 30
wait_for "Ellis Nguyễn"
keys Enter
wait_for "Ellis Nguyễn — $id"
keys '?'
wait_for "Open the child's plans (CIN, CP, pre-proceedings)"
keys q
wait_gone "Keys: Person"
keys P
wait_for "Plans — Ellis Nguyễn"
wait_for "Current plans"
wait_for "none (p starts one)"
ok "P on the person screen opens the child's plans"

keys p
wait_for "New plan — Ellis Nguyễn"
keys c c
wait_for "< child-protection >"
keys Tab n
wait_for "< neglect >"
keys Tab
type_text "2026-04-20"
keys C-s
wait_for "Saved: Add plan for Ellis Nguyễn"
wait_for "Plans — Ellis Nguyễn"
wait_for "Child protection plan (neglect)  from 2026-04-20"
screen | grep -F "Child protection plan" | grep -qF "no contingency" || fail "missing contingency not shown"
[ "$(commits)" = $((before + 1)) ] || fail "expected one commit"
ok "a new plan is written in the form and shown, its missing contingency marked"

keys a
wait_for "New plan action — Ellis Nguyễn"
type_text "Referral to the food bank"
keys Tab
type_text "Sam Patel"
keys Tab
type_text "2026-05-08"
keys C-s
wait_for "Saved: Add plan action for Ellis Nguyễn"
wait_for "Referral to the food bank"
screen | grep -F "Referral to the food bank" | grep -F "Sam Patel" | grep -qF "2026-05-08" ||
	fail "action row: $(screen | grep -F Referral)"
[ "$(commits)" = $((before + 2)) ] || fail "expected a second commit"
rec=$(git -C "$WS/repo.git" show "main:people/${id:0:1}/${id:1:1}/$id/plan")
plan=$(echo "$rec" | awk '/^Id: /{id=$2} /^Kind: plan$/{print id}')
echo "$rec" | grep -qx "Plan: $plan" || fail "the action does not name its plan: $rec"
ok "an action added to the selected plan names it and shows who and by when"

keys j
keys d
wait_for "Action marked done"
screen | grep -F "Referral to the food bank" | grep -qF "done $TODAY" || fail "not shown done"
[ "$(commits)" = $((before + 3)) ] || fail "expected a third commit"
rec=$(git -C "$WS/repo.git" show "main:people/${id:0:1}/${id:1:1}/$id/plan")
echo "$rec" | grep -qx "Done: $TODAY" || fail "Done not saved"
ok "d marks the selected action done today, one commit"

quit
ok "the workbench exits cleanly"
