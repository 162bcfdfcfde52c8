#!/bin/sh
# plan.sh - `casebook plan`: a child's child in need, child protection and
# pre-proceedings plans, their actions and meetings, through the real
# binary; ids by unique prefix; bad input refused with nothing changed; and
# show, edit, log, diff, blame and show --at of ID/plan through the same
# generic paths as every other record.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

new_ws ws
MIA=$(cb -C "$WS" person add --name "Mia Kowalczyk" --dob 2016-03-02 --status child-protection)

# state: the tip, the index and the drafts, to prove a refusal changed nothing
state() {
	echo "$(tip) $(hash_of "$WS/index.sqlite") $(ls "$WS" | tr '\n' ' ')"
}

# ---- plan add ----

CP=$(cb -C "$WS" plan add "$MIA" --type child-protection --category neglect \
	--start 2025-01-10 --outcomes "Mia is fed, warm and at school" \
	--child-views "I want my own bed" --views-gathered "Seen alone at school" \
	--contingency "Legal planning meeting" --next-review 2025-04-10)
printf '%s\n' "$CP" | grep -q -E '^[0-9A-Z]{10}$' || fail "plan add printed '$CP', not an id"
[ "$(ncommits)" = 2 ] || fail "plan add made $(( $(ncommits) - 1 )) commits"
rec=$(git_record "$MIA" plan)
for line in "Record: plan" "Person: $MIA" "Id: $CP" "Kind: plan" "Type: child-protection" \
	"Category: neglect" "Start: 2025-01-10" "Child-Views: I want my own bed" \
	"Contingency: Legal planning meeting" "Next-Review: 2025-04-10"; do
	printf '%s\n' "$rec" | grep -q -x -- "$line" || fail "plan record lacks '$line'"
done
git -C "$REPO" log -1 --format=%s | grep -q "Add plan for Mia Kowalczyk" ||
	fail "commit message: $(git -C "$REPO" log -1 --format=%s)"
ok "plan add writes the plan record in one commit and prints the plan's id"

PLO=$(cb -C "$WS" plan add "${MIA%??????}" --type pre-proceedings --start 2025-02-01 \
	--letter 2025-01-28 --review-point 2025-05-01)
git_record "$MIA" plan | grep -q -x "Letter-Before-Proceedings: 2025-01-28" || fail "no letter"
git_record "$MIA" plan | grep -q -x "Review-Point: 2025-05-01" || fail "no review point"
ok "plan add takes a person id prefix and a pre-proceedings letter and review point"

# ---- actions and meetings ----

A1=$(cb -C "$WS" plan action add "$MIA" --plan "$(printf %s "$CP" | cut -c1-4 | tr A-Z a-z)" \
	--action "Referral to the food bank" --who "Sam Patel" --by 2025-02-01)
A2=$(cb -C "$WS" plan action add "$MIA" --plan "$CP" --action "Dental check-up")
git_record "$MIA" plan | grep -q -x "Plan: $CP" || fail "action does not name the full plan id"
git_record "$MIA" plan | grep -q -x "Status: open" || fail "a new action is not open"
[ "$(git_record "$MIA" plan | grep -c -x "Kind: action")" = 2 ] || fail "two actions not kept"
ok "plan action add by plan id prefix, with and without owner and date"

cb -C "$WS" plan action done "$MIA" "$(printf %s "$A1" | cut -c1-5)" --date 2025-01-30 >/dev/null
git_record "$MIA" plan | sed -n "/^Id: $A1\$/,/^\$/p" | grep -q -x "Status: done" ||
	fail "action not done"
git_record "$MIA" plan | sed -n "/^Id: $A1\$/,/^\$/p" | grep -q -x "Done: 2025-01-30" ||
	fail "done date not kept"
cb -C "$WS" plan action done "$MIA" "$A2" >/dev/null
git_record "$MIA" plan | sed -n "/^Id: $A2\$/,/^\$/p" | grep -q -x "Done: 2025-06-01" ||
	fail "done without --date is not today"
ok "plan action done by action id prefix, on a date or today"

M1=$(cb -C "$WS" plan meeting add "$MIA" --plan "$PLO" --type plo-meeting --date 2025-02-01 \
	--notes "Both parents and their solicitor")
git_record "$MIA" plan | sed -n "/^Id: $M1\$/,/^\$/p" | grep -q -x "Type: plo-meeting" ||
	fail "meeting not recorded"
cb -C "$WS" plan meeting add "$MIA" --plan "$CP" --type review-conference --date 2025-04-09 >/dev/null
ok "plan meeting add"

cb -C "$WS" plan decide "$MIA" "$PLO" --decision extend --date 2025-05-01 >/dev/null
git_record "$MIA" plan | grep -q -x "Decision: extend" || fail "decision not kept"
cb -C "$WS" plan end "$MIA" "$CP" --date 2025-05-20 --reason "No longer at risk of significant harm" >/dev/null
git_record "$MIA" plan | sed -n "/^Id: $CP\$/,/^\$/p" | grep -q -x "End: 2025-05-20" ||
	fail "plan not ended"
count=$(ncommits)
[ "$count" = 11 ] || fail "$count commits; expected one per command"
ok "plan decide and plan end, one commit each"

# ---- bad input ----

before=$(state)
cb_fails "usage" -C "$WS" plan
cb_fails "usage" -C "$WS" plan frobnicate "$MIA"
cb_fails "usage" -C "$WS" plan add "$MIA" --type child-in-need --start 2025-01-01 --colour red
cb_fails "needs --type" -C "$WS" plan add "$MIA" --start 2025-01-01
cb_fails "Type: \"early-help\" is not one of" -C "$WS" plan add "$MIA" --type early-help --start 2025-01-01
cb_fails "Start: no such date" -C "$WS" plan add "$MIA" --type child-in-need --start 2025-02-30
cb_fails "Category: required on a child-protection plan" -C "$WS" plan add "$MIA" \
	--type child-protection --start 2025-06-01
cb_fails "pre-proceedings plan .* still open" -C "$WS" plan add "$MIA" \
	--type pre-proceedings --start 2025-03-01
cb_fails "only a pre-proceedings plan" -C "$WS" plan add "$MIA" --type child-in-need \
	--start 2025-06-01 --review-point 2025-09-01
cb_fails "no plan with an id starting ZZZZ" -C "$WS" plan action add "$MIA" --plan ZZZZ --action x
cb_fails "not an id" -C "$WS" plan action add "$MIA" --plan ../x --action x
cb_fails "needs --plan and --action" -C "$WS" plan action add "$MIA" --plan "$CP"
cb_fails "By-When: .*not a date" -C "$WS" plan action add "$MIA" --plan "$CP" --action x --by soon
cb_fails "no action with an id" -C "$WS" plan action done "$MIA" "$CP"
cb_fails "Done: .* in the future" -C "$WS" plan action done "$MIA" "$A2" --date 2099-01-01
cb_fails "held only on a child-protection plan" -C "$WS" plan meeting add "$MIA" --plan "$PLO" \
	--type review-conference --date 2025-03-01
cb_fails "End: 2025-01-01 is before Start" -C "$WS" plan end "$MIA" "$PLO" --date 2025-01-01
cb_fails "only a pre-proceedings plan has a decision" -C "$WS" plan decide "$MIA" "$CP" \
	--decision extend --date 2025-05-01
cb_fails "Decision: \"maybe\" is not one of" -C "$WS" plan decide "$MIA" "$PLO" \
	--decision maybe --date 2025-05-01
cb_fails "." -C "$WS" plan add NOSUCHPERSON --type child-in-need --start 2025-01-01
[ "$(state)" = "$before" ] || fail "a refused plan command changed the repository or index"
ok "bad input: a message, a non-zero exit, nothing changed"

# An ambiguous prefix: two plans whose ids share a first character.
P2=$(cb -C "$WS" plan add "$MIA" --type child-in-need --start 2025-05-21)
common=""
for p in "$CP" "$PLO"; do
	if [ "$(printf %s "$p" | cut -c1)" = "$(printf %s "$P2" | cut -c1)" ]; then common=$p; fi
done
if [ -n "$common" ]; then
	cb_fails "matches more than one plan" -C "$WS" plan end "$MIA" "$(printf %s "$P2" | cut -c1)" \
		--date 2025-05-30
fi
ok "an ambiguous id prefix is refused"

# ---- the generic paths: show, log, blame, diff, show --at, edit ----

cb -C "$WS" show "$MIA/plan" >"$T/show"
git_record "$MIA" plan | cmp -s - "$T/show" || fail "show ID/plan differs from the stored record"
cb -C "$WS" show "$MIA" --at "$(tip)" >/dev/null
grep -q "Kind: plan" "$T/out" || fail "show ID --at does not include the plan record"
ok "show ID/plan prints the record; show ID --at includes it"

cb -C "$WS" log "$MIA/plan" --format=tsv >/dev/null
[ "$(grep -c "${TAB}plan${TAB}" "$T/out")" = 11 ] || fail "log ID/plan: $(cat "$T/out")"
grep -q "+$A1" "$T/out" || fail "log does not name the added action"
grep -q "$A1:Status" "$T/out" || fail "log does not name the changed field"
ok "log ID/plan lists each save with the fields it changed"

cb -C "$WS" blame "$MIA/plan" --format=tsv >/dev/null
grep -q "End" "$T/out" || fail "blame lacks End"
ok "blame ID/plan"

first=$(git -C "$REPO" rev-list --reverse refs/heads/main | sed -n 2p)
cb -C "$WS" diff "$first" "$(tip)" "$MIA/plan" >/dev/null
grep -q "Referral to the food bank" "$T/out" || fail "diff lacks the action: $(cat "$T/out")"
ok "diff REV1 REV2 ID/plan"

cb -C "$WS" show "$MIA/plan" --at "$first" >/dev/null
grep -q -x "Id: $CP" "$T/out" || fail "show --at lacks the first plan"
if grep -q -x "Id: $PLO" "$T/out"; then fail "show --at shows a later plan"; fi
ok "show ID/plan --at REV shows the plans as they stood"

cat >"$T/editor.sh" <<'EOF'
sed -i 's/^Outcomes: .*/Outcomes: Mia is fed, warm, at school and sees her nan/' "$1"
EOF
EDITOR="sh $T/editor.sh"
export EDITOR
run -C "$WS" edit "$MIA/plan"
[ "$rc" -eq 0 ] || fail "edit ID/plan exited $rc"
git_record "$MIA" plan | grep -q -x "Outcomes: Mia is fed, warm, at school and sees her nan" ||
	fail "edit not saved"
count=$(ncommits)
cat >"$T/editor.sh" <<'EOF'
sed -i 's/^Plan: .*/Plan: NOWHERE/' "$1"
EOF
printf 'n\n' >"$T/no"
set +e
"$CASEBOOK" -C "$WS" edit "$MIA/plan" <"$T/no" >"$T/out" 2>"$T/err"
rc=$?
set -e
sanitizer_check edit
[ "$rc" -ne 0 ] || fail "an edit naming no plan was saved"
grep -q "no plan with Id NOWHERE" "$T/err" "$T/out" || fail "edit did not say why: $(cat "$T/err")"
[ "$(ncommits)" = "$count" ] || fail "a refused edit made a commit"
unset EDITOR
ok "edit ID/plan saves a valid change and refuses an action naming no plan"

# The generic index: the plan record's current version and its history.
q() { sqlite3 "$WS/index.sqlite" "$1"; }
[ "$(q "SELECT valid FROM record WHERE person = '$MIA' AND type = 'plan'")" = 1 ] ||
	fail "the index has no valid plan record"
[ "$(q "SELECT blob FROM record WHERE person = '$MIA' AND type = 'plan'")" = \
  "$(git -C "$REPO" rev-parse "main:$(record_path "$MIA" plan)")" ] || fail "index blob is stale"
hist=$(q "SELECT count(*) FROM history WHERE person = '$MIA' AND type = 'plan'")
[ "$hist" = 12 ] || fail "index history has $hist plan rows"
ok "the index keeps the plan record and its history like any record"
cb -C "$WS" reindex >/dev/null
[ "$(q "SELECT count(*) FROM history WHERE person = '$MIA' AND type = 'plan'")" = "$hist" ] ||
	fail "reindex changed the plan history"
cb -C "$WS" verify >/dev/null
ok "reindex and verify accept the plan record"
