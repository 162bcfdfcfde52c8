#!/bin/bash
# tui_review.sh - a team manager's review inside the workbench: R on the
# caseload lists what changed in the team's records since the manager's
# review mark; Enter shows a record's diff; o records management
# oversight (a decision and a time-bound action, each written in a form)
# as ONE commit, and the mark (refs/casebook/reviewed/<email>) moves on,
# so the next review shows nothing new. Then a read-only workspace: no
# key saves, each says why.
. "${top_srcdir:-.}/tests/tui/lib.sh"

demo
# The demo's user, Sam Patel, reviews the demo team (git config
# casebook.team). The mark starts at today's tip; then a colleague adds
# one entry for Ellis, the one change this review must show.
team=$(git -C "$WS/repo.git" config casebook.team) || fail "the demo sets no team"
id=$(id_of "Ellis Nguyễn")
ref=refs/casebook/reviewed/sam.patel@example.org
"$CASEBOOK" -C "$WS" review done >/dev/null 2>>"$ERR" || fail "casebook review done"
CASEBOOK_AUTHOR="Alex Mensah <alex.mensah@example.org>" \
	"$CASEBOOK" -C "$WS" chronology add "$id" --date 2026-04-30 \
	--event "Said the new flat has no heating." >/dev/null 2>>"$ERR" || fail "chronology add"
tip=$(git -C "$WS/repo.git" rev-parse main)
before=$(commits)

start 100 30
wait_for "Ellis Nguyễn"
keys R
wait_for "Review — team $team — since"
wait_for "up to ${tip:0:7} — 1 person"
wait_for "Ellis Nguyễn ($id)"
wait_for "1 save by Alex Mensah"
ok "R opens the review: the one person changed since the mark"

keys j Enter
wait_for "Changes since your review — Chronology — Ellis Nguyễn"
wait_for "+ Chronology entry 2026-04-30 — added"
wait_for "{+Said the new flat has no heating.+}"
ok "Enter shows the record's change since the mark"

keys o
wait_for "New oversight — Ellis Nguyễn"
wait_for "Decision*"
keys Tab
type_text "Heating to be fixed before the cold weather; PA to chase the landlord."
keys C-s
wait_for "Management oversight — Ellis Nguyễn"
wait_for "Heating to be fixed before the cold weather"
keys a
wait_for "New action — Ellis Nguyễn"
type_text "Call the landlord about the heating"
keys Tab
type_text "Sam Patel"
keys Tab
type_text "2026-13-45"
keys C-s
wait_for "Not kept"
keys C-u
type_text "2026-05-08"
keys C-s
wait_for "1. Call the landlord about the heating — Sam Patel — by 2026-05-08"
[ "$(commits)" = "$before" ] || fail "writing the oversight saved before ^S"
ok "o writes the decision and an action in forms; a wrong date is refused"

keys C-s
wait_for "Oversight saved"
wait_for "Nothing to review"
[ "$(commits)" = $((before + 1)) ] || fail "expected exactly one new commit"
g() { git -C "$WS/repo.git" "$@"; }
files=$(g diff-tree --no-commit-id --name-only -r main)
[ "$files" = "people/${id:0:1}/${id:1:1}/$id/oversight" ] || fail "the commit wrote: $files"
[ "$(g log -1 --format=%ae main)" = sam.patel@example.org ] || fail "not saved in Sam's name"
rec=$(g show "main:people/${id:0:1}/${id:1:1}/$id/oversight")
echo "$rec" | grep -qx "Decision: Heating to be fixed before the cold weather; PA to chase the landlord." ||
	fail "decision not saved: $rec"
echo "$rec" | grep -qx "Manager: Sam Patel <sam.patel@example.org>" || fail "manager not saved"
echo "$rec" | grep -qx "Reviewed-To: $tip" || fail "Reviewed-To is not the tip read"
echo "$rec" | grep -qx "Action: Call the landlord about the heating" || fail "action not saved"
echo "$rec" | grep -qx "By-When: 2026-05-08" || fail "by-when not saved"
echo "$rec" | grep -qx "Date: $TODAY" || fail "oversight date not today"
[ "$(g rev-parse $ref)" = "$(g rev-parse main)" ] || fail "the review mark did not move to the oversight"
ok "^S saves the oversight and its action as one commit; the mark moves on"

quit
start 100 30
wait_for "Ellis Nguyễn"
keys R
wait_for "Nothing to review"
"$CASEBOOK" -C "$WS" review >"$T/review" 2>>"$ERR" || fail "casebook review"
grep -qF "Nothing to review." "$T/review" || fail "the command line still finds changes"
ok "a second review shows nothing new"
quit

# Read-only: another change to review, then the workspace is an
# auditor's. Looking works; nothing saves.
"$CASEBOOK" -C "$WS" chronology add "$id" --date 2026-04-30 \
	--event "Heating fixed." >/dev/null 2>>"$ERR" || fail "chronology add"
g config casebook.readonly true
mark=$(g rev-parse $ref)
before=$(commits)
start 100 30
wait_for "read-only"
keys R
wait_for "1 save by Sam Patel"
keys j o
wait_for "Read-only: cannot record oversight"
keys M
wait_for "Read-only: the mark cannot move"
keys q Enter
wait_for "Ellis Nguyễn — $id"
keys c
wait_for "Chronology — Ellis Nguyễn"
keys a
wait_for "New chronology entry"
wait_for "Read-only: you can look, not save"
type_text "2026-04-30"
keys Tab Tab Tab Tab Tab
type_text "Typed while read-only."
keys C-s
wait_for "Not saved: this workspace is read-only"
keys Escape
wait_for "Save your changes?"
keys n
wait_for "Chronology — Ellis Nguyễn"
[ "$(commits)" = "$before" ] || fail "a read-only workspace saved"
[ "$(g rev-parse $ref)" = "$mark" ] || fail "a read-only workspace moved the mark"
ok "read-only: oversight, the review mark and forms all refuse to save, saying so"
quit
