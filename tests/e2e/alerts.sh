#!/bin/sh
# alerts.sh - casebook alerts and casebook rules through the real binary:
# the tsv header and columns, text output, scopes and filters, worst
# first, the rules file committed with rules edit and read by every
# command, and a malformed rules file refused with its line and key
# (nothing saved). Today is 2025-06-01 (lib.sh).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

new_ws ws
# A care leaver over 17½ with no personal adviser; a looked-after child
# of 16½ with no needs assessment; someone else's child.
GWYN=$(cb -C "$WS" person add --name "Gwŷn ap Rhys" --dob 2007-01-09 --status care-leaver \
	--team "Leaving Care North")
AN=$(cb -C "$WS" person add --name "Nguyễn Văn An" --dob 2008-11-30 --status looked-after \
	--team "Leaving Care North")
OTHER=$(cb -C "$WS" person add --name "Leah Brennan" --dob 2007-02-01 --status care-leaver \
	--worker someone.else@example.org --team "Leaving Care South")
CLOSED=$(cb -C "$WS" person add --name "Rhodri Evans" --dob 2006-01-01 --status closed \
	--team "Leaving Care North")

cb -C "$WS" alerts --format=tsv >"$T/tsv"
[ "$(head -n 1 "$T/tsv")" = "person${TAB}name${TAB}worker${TAB}team${TAB}rule${TAB}severity${TAB}due${TAB}overdue_days${TAB}reason" ] ||
	fail "header: $(head -n 1 "$T/tsv")"
grep -q "^$GWYN${TAB}Gwŷn ap Rhys${TAB}sam.patel@example.org${TAB}Leaving Care North${TAB}personal-adviser${TAB}high${TAB}2024-07-09${TAB}327${TAB}no personal adviser allocated\$" "$T/tsv" ||
	fail "no personal-adviser row for Gwŷn: $(cat "$T/tsv")"
grep -q "^$AN${TAB}.*${TAB}needs-assessment${TAB}medium${TAB}2025-02-28${TAB}93${TAB}" "$T/tsv" ||
	fail "no needs-assessment row for An: $(cat "$T/tsv")"
grep -q "$OTHER" "$T/tsv" && fail "someone else's child is on my alerts"
grep -q "$CLOSED" "$T/tsv" && fail "a closed case has alerts"
for line in $(tail -n +2 "$T/tsv" | awk -F'\t' '{print NF}'); do
	[ "$line" = 9 ] || fail "a row has $line columns"
done
ok "alerts --format=tsv: header, nine columns, my caseload only, closed cases quiet"

# Worst first: Gwŷn's high-severity overdue alert before An's medium one.
[ "$(sed -n 2p "$T/tsv" | cut -f1)" = "$GWYN" ] || fail "worst is not first: $(cat "$T/tsv")"
cb -C "$WS" alerts >"$T/text"
head -n 1 "$T/text" | grep -q "^$GWYN  Gwŷn ap Rhys  \[high\] OVERDUE 327 days (due 2024-07-09) personal-adviser: no personal adviser allocated" ||
	fail "text: $(cat "$T/text")"
ok "alerts: text output, worst first, with the reason"

cb -C "$WS" alerts --all --format=tsv >"$T/all"
grep -q "^$OTHER${TAB}" "$T/all" || fail "--all lacks the other team"
cb -C "$WS" alerts --team "Leaving Care South" --format=tsv >"$T/south"
[ "$(tail -n +2 "$T/south" | cut -f1 | sort -u)" = "$OTHER" ] || fail "--team NAME: $(cat "$T/south")"
cb -C "$WS" alerts --all --rule needs-assessment --format=tsv >"$T/rule"
[ "$(tail -n +2 "$T/rule" | cut -f5 | sort -u)" = needs-assessment ] || fail "--rule: $(cat "$T/rule")"
cb -C "$WS" alerts --all --worker someone.else@example.org --format=tsv >"$T/w"
[ "$(tail -n +2 "$T/w" | cut -f1 | sort -u)" = "$OTHER" ] || fail "--worker: $(cat "$T/w")"
cb_fails "no rule called" -C "$WS" alerts --rule no-such-rule
cb_fails "usage" -C "$WS" alerts --all --team X
cb_fails "usage" -C "$WS" alerts stray
ok "alerts --all, --team NAME, --rule, --worker; bad options refused"

# ---- the rules file ----
cb -C "$WS" rules list >"$T/list"
grep -q "^personal-adviser" "$T/list" || fail "rules list lacks personal-adviser"
grep -q "Children Act 1989" "$T/list" || fail "rules list lacks sources"
cb -C "$WS" rules show >"$T/show"
grep -q "^Rule: personal-adviser" "$T/show" || fail "rules show"
ok "rules list and rules show: every rule with its default and source"

before=$(tip)
cat >"$T/editor.sh" <<'EOS'
cp "$RULES_IN" "$1"
EOS
EDITOR="sh $T/editor.sh"
export EDITOR
printf 'Rule: personal-adviser\nEnabled: yes\nAge: 18y6m\n\nRule: needs-assessment\nEnabled: maybe\n' >"$T/bad"
RULES_IN=$T/bad
export RULES_IN
cb_fails "config/rules:6: Enabled: must be yes or no.*nothing was saved" -C "$WS" rules edit
[ "$(tip)" = "$before" ] || fail "a malformed rules file was committed"
cb_fails "$T/bad:6: Enabled" -C "$WS" rules check "$T/bad"
printf 'Rule: personal-adviser\nAge: 17y6m\nInterval: 3m\n' >"$T/bad2"
cb_fails "bad2:3: Interval: this rule has no such key" -C "$WS" rules check "$T/bad2"
ok "a malformed rules file is refused with its line and key, nothing saved"

printf '# Our authority flags the PA a year later, and has no needs rule.\nRule: personal-adviser\nAge: 18y6m\n\nRule: needs-assessment\nEnabled: no\n' >"$T/good"
RULES_IN=$T/good
cb -C "$WS" rules edit >/dev/null
[ "$(git -C "$REPO" cat-file blob refs/heads/main:config/rules)" = "$(cat "$T/good")" ] ||
	fail "config/rules not committed as written"
git -C "$REPO" log -1 --format=%an refs/heads/main | grep -q "Sam Patel" || fail "rules commit author"
cb -C "$WS" rules check | grep -q "config/rules: ok" || fail "rules check of the committed file"
cb -C "$WS" alerts --format=tsv >"$T/tsv2"
grep -q "needs-assessment" "$T/tsv2" && fail "a disabled rule still fires"
grep -q "personal-adviser" "$T/tsv2" && fail "PA rule not moved to 18y6m (due 2025-07-09 is past the 28-day window)"
cb -C "$WS" rules show | grep -q "^Age: 18y6m" || fail "rules show lacks the committed value"
ok "rules edit commits config/rules; alerts follow it at once"

# A bad file that arrives by sync (here: plain git) is refused by every
# command that reads it, naming the line and key, not silently ignored.
blob=$(printf 'Rule: plan-visits\nInterval: weekly\n' | git -C "$REPO" hash-object -w --stdin)
rm -f "$T/gi"
GIT_INDEX_FILE=$T/gi git -C "$REPO" read-tree refs/heads/main
GIT_INDEX_FILE=$T/gi git -C "$REPO" update-index --add --cacheinfo "100644,$blob,config/rules"
tree=$(GIT_INDEX_FILE=$T/gi git -C "$REPO" write-tree)
c=$(git -C "$REPO" commit-tree "$tree" -p refs/heads/main -m "rules: a typo")
git -C "$REPO" update-ref refs/heads/main "$c"
cb_fails "config/rules:2: Interval: not a length of time.*weekly" -C "$WS" alerts
cb_fails "config/rules:2: Interval" -C "$WS" rules check
ok "a malformed committed rules file: alerts refuse with its line and key"

# ---- plan records: the plan rules on real records ----
new_ws ws2
MIA=$(cb -C "$WS" person add --name "Mia Okafor" --dob 2016-02-29 --status child-protection \
	--team "Safeguarding East")
cat >"$T/plan" <<EOP
Record: plan
Person: $MIA
Schema: 1

Id: P-old
Kind: plan
Type: child-protection
Category: neglect
Start: 2023-01-10
End: 2024-01-20
End-Reason: stepped down
Child-Views: Wants to stay at home.
Contingency: Family group conference.

Id: P-now
Kind: plan
Type: child-protection
Category: neglect
Start: 2024-11-29
Outcomes: Mia goes to school every day.

Id: M1
Kind: meeting
Plan: P-now
Type: initial-conference
Date: 2024-11-29

Id: A1
Kind: action
Plan: P-now
Action: Health visitor to check weight
Who: Health visitor
By-When: 2025-05-20

Id: A2
Kind: action
Plan: P-now
Action: Parenting course
EOP
RULES_IN=$T/plan
cb -C "$WS" edit "$MIA/plan" >/dev/null
cb -C "$WS" alerts --format=tsv >"$T/ptsv"
row() { grep "^$MIA${TAB}.*${TAB}$1${TAB}" "$T/ptsv" || fail "no $1 alert: $(cat "$T/ptsv")"; }
# First review conference 3 months after the initial one: 2025-02-28
# (2025 is not a leap year), 93 days before today.
row cp-review-conference | cut -f7,8 | grep -qx "2025-02-28${TAB}93" || fail "cp review: $(row cp-review-conference)"
row plan-contingency >/dev/null
row plan-views >/dev/null
row action-incomplete | grep -q "1 open action with no owner, 1 with no date" || fail "actions: $(row action-incomplete)"
row action-overdue | cut -f7,8 | grep -qx "2025-05-20${TAB}12" || fail "overdue action: $(row action-overdue)"
row drift-repeat-plan | grep -q "the last ended on 2024-01-20" || fail "repeat plan"
# No visit recorded since the plan began: due two weeks after its start.
row plan-visits | cut -f7 | grep -qx "2024-12-13" || fail "visits: $(row plan-visits)"
ok "plan record: review conference, contingency, views, actions, repeat plan, visits"

# A visit recorded in the chronology moves the visit rule on.
cb -C "$WS" chronology add "$MIA" --date 2025-05-25 --category visit \
	--event "Home visit; Mia showed her reading book." >/dev/null
cb -C "$WS" alerts --format=tsv >"$T/ptsv"
row plan-visits | cut -f7,8 | grep -qx "2025-06-08${TAB}-7" || fail "visit not counted: $(row plan-visits)"

ok "a visit in the chronology counts for the visit rule"
