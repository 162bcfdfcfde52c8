#!/bin/bash
# plan.sh - the pathway plan: sections marked filled or not, the young
# person's views, the contingency plan and review dates; a section edited
# through the form, a long text written in the built-in editor, and a
# review recorded.
. "${top_srcdir:-.}/tests/tui/lib.sh"

demo
id=$(id_of "Ellis Nguyễn")
before=$(commits)
start 100 30
wait_for "Ellis Nguyễn"
keys Enter
wait_for "Ellis Nguyễn — $id"
keys p
wait_for "Pathway plan — Ellis Nguyễn"
wait_for "Young person's views"
wait_for "Contingency plan"
wait_for "Next review"
wait_for "4 Employment or other activity"
wait_for "10 Contingency"
screen | grep -F "Employment or other activity" | grep -qF "not-started" || fail "employment status"
ok "the plan shows its dates, views, contingency and the ten sections"

# Down to section 4 (employment): the plan's own fields come first.
keys G
wait_for "Review "
for _ in $(seq 1 30); do keys k; done
keys g
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13; do keys j; done
keys Enter
wait_for "Plan section: employment — Ellis Nguyễn"
wait_for "Need"
type_text "Not working; would like an apprenticeship in construction."
keys Tab Tab
type_text "PA to refer to the council's apprenticeship scheme."
keys Tab
type_text "Sam Patel"
keys Tab
type_text "2026-07-31"
keys Tab i
wait_for "< in-progress >"
keys C-s
wait_for "Saved: Edit plan section employment for Ellis Nguyễn"
wait_for "Pathway plan — Ellis Nguyễn"
screen | grep -F "Employment or other activity" | grep -qF "Sam Patel by 2026-07-31" || fail "row not updated"
[ "$(commits)" = $((before + 1)) ] || fail "expected one commit"
body=$(git -C "$WS/repo.git" log -1 --format=%b)
echo "$body" | grep -qx "Record: $id/pathway-plan" || fail "trailer: $body"
echo "$body" | grep -q "^Fields: .*employment:Need" || fail "fields: $body"
rec=$(git -C "$WS/repo.git" show "main:people/${id:0:1}/${id:1:1}/$id/pathway-plan")
echo "$rec" | grep -qx "Action: PA to refer to the council's apprenticeship scheme." || fail "action"
ok "a section edited through the form is one commit with its fields"

# The contingency plan, in the built-in editor (no $VISUAL or $EDITOR).
keys g
for _ in 1 2 3 4 5 6; do keys j; done
keys Enter
wait_for "Pathway plan — Ellis Nguyễn"
wait_for "Contingency plan"
keys C-e
wait_for "keeps the text"
keys End Enter
type_text "If the tenancy fails: Nightstop for up to three nights."
keys Enter
type_text "Second line."
keys C-x
wait_gone "keeps the text"
keys C-s
wait_for "Saved: Edit pathway plan for Ellis Nguyễn"
rec=$(git -C "$WS/repo.git" show "main:people/${id:0:1}/${id:1:1}/$id/pathway-plan")
echo "$rec" | grep -qx " If the tenancy fails: Nightstop for up to three nights." || fail "first added line: $rec"
echo "$rec" | grep -qx " Second line." || fail "second added line"
[ "$(commits)" = $((before + 2)) ] || fail "expected a second commit"
ok "long text is written in the built-in editor and saved"

keys r
wait_for "New review — Ellis Nguyễn"
type_text "2026-04-28"
keys Tab m
wait_for "< move >"
keys C-s
wait_for "Saved: Add review for Ellis Nguyễn"
wait_for "Review 2026-04-28"
[ "$(commits)" = $((before + 3)) ] || fail "expected a third commit"
ok "r records a review"

quit
ok "quits cleanly"

# With $VISUAL set, ^E runs it on the text, in a private file that is
# removed afterwards.
cat >"$T/ed.sh" <<'ED'
#!/bin/sh
ls -l "$1" >"$(dirname "$0")/ed.seen"
printf 'Added in the editor.\n' >>"$1"
ED
chmod +x "$T/ed.sh"
start 100 30 "VISUAL=$T/ed.sh"
wait_for "Ellis Nguyễn"
keys Enter p
wait_for "Pathway plan — Ellis Nguyễn"
keys g j j j j j Enter
wait_for "Young person's views"
keys C-e
wait_for "Added in the editor."
keys C-s
wait_for "Saved: Edit pathway plan for Ellis Nguyễn"
rec=$(git -C "$WS/repo.git" show "main:people/${id:0:1}/${id:1:1}/$id/pathway-plan")
echo "$rec" | grep -qx " Added in the editor." || fail "the editor's text was not saved"
grep -q -- '-rw-------' "$T/ed.seen" || fail "the editor's file was not private: $(cat "$T/ed.seen")"
grep -qF "$WS/tmp/" "$T/ed.seen" || fail "the editor's file was not in the workspace"
[ -z "$(ls -A "$WS/tmp")" ] || fail "the editor's file was left behind: $(ls -A "$WS/tmp")"
quit
ok "^E runs \$VISUAL on a private file inside the workspace, removed afterwards"
