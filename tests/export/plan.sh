#!/bin/sh
# plan.sh - casebook export plan ID --plain: the pathway plan in plain
# language (golden file on the demo workspace, same bytes twice), the
# reading-ease report for a hard section, the child's open plan from the
# plan record, and refusal of a plan that does not validate.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
. "${top_srcdir:-$(dirname "$0")/../..}/tests/export/lib.sh"

demo_ws
O=$T/o
mkdir "$O"

cb -C "$WS" export plan "$CHILD" --plain --produced-on $ON --output "$O/plan.md" >/dev/null
golden plan.md "$O/plan.md"
grep -q '^reading ease: [0-9-]* overall (Flesch; the target is 60 or above)$' "$T/err" ||
	fail "the overall reading ease is reported"
cb -C "$WS" export plan "$CHILD" --plain --produced-on $ON >"$O/again.md"
cmp -s "$O/plan.md" "$O/again.md" || fail "two plain plans differ"
ok "the plain pathway plan matches its golden file; the same bytes twice"

grep -q '^We wrote this down for you on 1 June 2025\.$' "$O/plan.md" || fail "the date in words"
grep -q '^\*\*We will:\*\* ' "$O/plan.md" || fail "\"We will:\""
grep -q -E '^\*\*Who and when:\*\* .* will do this by [0-9]+ [A-Z][a-z]+ [0-9]{4}\.$' "$O/plan.md" ||
	fail "who will do what by when"
grep -q -i 'Record:\|Kind:\|not-started\|in-progress' "$O/plan.md" && fail "record jargon in the plain plan"
ok "addressed to the young person: we will, who and by when, no record jargon"

# A section written in officialese scores below the target: reported on
# stderr by name, and the plan is still written.
git_record "$CHILD" pathway-plan |
	awk -v hard="Action: Notwithstanding considerable organisational difficulties, the multidisciplinary partnership will facilitate comprehensive accommodation-related interventions commensurate with identified vulnerabilities." '
	     /^Section: accommodation$/ { sec = 1 }
	     sec && /^Action:/ { print hard; sec = 0; next }
	     sec && (/^$/ || /^(Who|By-When|Status):/) { print hard; sec = 0 }
	     END { if (sec) print hard }
	     { print }' >"$T/hard"
grep -q 'Notwithstanding' "$T/hard" || fail "test setup: no accommodation section"
git_commit_file "$CHILD" pathway-plan "$T/hard" "officialese" >/dev/null
cb -C "$WS" export plan "$CHILD" --plain --produced-on $ON --output "$O/hard.md" >/dev/null
grep -q 'reading ease of "Where you live" is -\{0,1\}[0-9]*, below the target of 60' "$T/err" ||
	fail "the hard section is named with its score"
grep -c 'below the target' "$T/err" | grep -q -x 1 || fail "only the hard section is reported"
grep -q 'Notwithstanding' "$O/hard.md" || fail "the plan is still written"
ok "a section below the reading-ease target is named on stderr; the plan is still written"

# The child's open plan (plan record): outcomes, views, actions.
printf 'Record: plan\nPerson: %s\nSchema: 1\n\nId: OLDPLAN1\nKind: plan\nType: child-in-need\nStart: 2024-01-10\nEnd: 2024-06-10\nEnd-Reason: Stepped down.\nOutcomes: Old outcome, not shown.\n\nId: PLAN0001\nKind: plan\nType: child-protection\nCategory: neglect\nStart: 2025-01-10\nNext-Review: 2025-07-10\nOutcomes: You are safe at home and go to school every day.\nChild-Views: I want to stay with my mum and my cat.\n\nId: ACT00001\nKind: action\nPlan: PLAN0001\nAction: Visit you at home every two weeks.\nWho: Sam Patel\nBy-When: 2025-07-01\n\nId: ACT00002\nKind: action\nPlan: PLAN0001\nAction: Cancelled, so not shown.\nStatus: cancelled\n' \
	"$SIB" >"$T/cplan"
git_commit_file "$SIB" plan "$T/cplan" "a child protection plan" >/dev/null
cb -C "$WS" export plan "$SIB" --plain --produced-on $ON --output "$O/cplan.md" >/dev/null
for s in 'This is your child protection plan.' 'again by 10 July 2025' \
	'**You told us:** I want to stay with my mum and my cat.' \
	'**What we want for you:** You are safe at home and go to school every day.' \
	'**We will:** Visit you at home every two weeks.' \
	'**Who and when:** Sam Patel will do this by 1 July 2025.'; do
	grep -q -F -- "$s" "$O/cplan.md" || fail "the child's plan lacks \"$s\""
done
grep -q 'Old outcome\|Cancelled' "$O/cplan.md" && fail "an ended plan or a cancelled action shown"
ok "the child's open plan: type, views, outcomes, each action with who and when"

# A plan that does not validate is refused, naming record and field.
sed 's/^By-When: 2025-07-01$/By-When: 2025-07-32/' "$T/cplan" >"$T/badplan"
git_commit_file "$SIB" plan "$T/badplan" "no such day" >/dev/null
cb_fails "$SIB/plan.*ACT00001.*By-When" -C "$WS" export plan "$SIB" --plain --output "$O/bad.md"
nothing_written "$O/bad.md"
ok "a plan that does not validate is refused; nothing written"
echo "1..$n"
