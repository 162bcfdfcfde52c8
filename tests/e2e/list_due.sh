#!/bin/sh
# list_due.sh - casebook list's next-due column follows the practice
# rules in force: the plan rules (a visit due on a child protection plan)
# and the authority's thresholds in config/rules, not built-in defaults;
# it agrees with casebook alerts; a malformed config/rules gives no due
# dates, says why with the file, line and key, and exits 1.
# Today is 2025-06-01 (lib.sh).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

new_ws ws
# A care leaver with no pathway plan and no personal adviser: the needs
# assessment was due at 16 and 3 months (2023-04-09), the adviser at 17½
# (2024-07-09).
GWYN=$(cb -C "$WS" person add --name "Gwŷn ap Rhys" --dob 2007-01-09 --status care-leaver \
	--team "Leaving Care North")
# A child on a child protection plan since 2025-05-20 with no visit yet:
# a visit is due two weeks after the start (2025-06-03); oversight a
# month after (2025-06-20); the first review conference in three months.
MIA=$(cb -C "$WS" person add --name "Mia Okafor" --dob 2016-02-29 --status child-protection \
	--team "Leaving Care North")
cb -C "$WS" plan add "$MIA" --type child-protection --category neglect --start 2025-05-20 \
	--contingency "Legal planning meeting." --child-views "Wants her own room." >/dev/null

# due ID: "next_due<TAB>next_due_what" of ID in list --format=tsv.
due() {
	awk -F'\t' -v id="$1" '$1 == id { print $7 "\t" $8 }' "$T/list"
}

cb -C "$WS" list --format=tsv >"$T/list"
[ "$(due "$GWYN")" = "2023-04-09${TAB}needs assessment and pathway plan" ] ||
	fail "Gwŷn's next due: $(due "$GWYN")"
[ "$(due "$MIA")" = "2025-06-03${TAB}Visits" ] || fail "Mia's next due: $(due "$MIA")"
cb -C "$WS" list >"$T/text"
grep -q "^$MIA  Mia Okafor  (9)  child-protection  due 2025-06-03: Visits\$" "$T/text" ||
	fail "text list: $(cat "$T/text")"
grep -q "^$GWYN  .*OVERDUE 2023-04-09: needs assessment and pathway plan\$" "$T/text" ||
	fail "text list: $(cat "$T/text")"
ok "list: the next due comes from the plan rules as well as the person's age"

# The dates list gives are the dates alerts gives.
cb -C "$WS" alerts --format=tsv >"$T/alerts"
grep -q "^$MIA${TAB}.*${TAB}plan-visits${TAB}high${TAB}2025-06-03${TAB}-2${TAB}" "$T/alerts" ||
	fail "alerts disagree: $(cat "$T/alerts")"
ok "list and alerts give the same date"

# The authority's thresholds: visits every 10 days on a child protection
# plan, no needs assessment rule, the personal adviser flagged at 18.
cat >"$T/editor.sh" <<'EOS'
cp "$RULES_IN" "$1"
EOS
EDITOR="sh $T/editor.sh"
RULES_IN=$T/rules
export EDITOR RULES_IN
printf 'Rule: plan-visits\nChild-Protection: 10d\n\nRule: needs-assessment\nEnabled: no\n\nRule: personal-adviser\nAge: 18y\n' >"$T/rules"
cb -C "$WS" rules edit >/dev/null
cb -C "$WS" list --format=tsv >"$T/list"
[ "$(due "$MIA")" = "2025-05-30${TAB}Visits" ] || fail "config/rules ignored for Mia: $(due "$MIA")"
[ "$(due "$GWYN")" = "2025-01-09${TAB}personal adviser allocation" ] ||
	fail "config/rules ignored for Gwŷn: $(due "$GWYN")"
cb -C "$WS" list --all --format=tsv >"$T/list"
[ "$(due "$MIA")" = "2025-05-30${TAB}Visits" ] || fail "list --all: $(due "$MIA")"
ok "list follows config/rules' thresholds (list and list --all)"

# A rule turned off is not a next due either.
printf 'Rule: plan-visits\nEnabled: no\n\nRule: needs-assessment\nEnabled: no\n\nRule: personal-adviser\nEnabled: no\n' >"$T/rules"
cb -C "$WS" rules edit >/dev/null
cb -C "$WS" list --format=tsv >"$T/list"
[ "$(due "$MIA")" = "2025-06-20${TAB}Management oversight" ] || fail "disabled rule: $(due "$MIA")"
[ "$(due "$GWYN")" = "$TAB" ] || fail "disabled PA rule still due: $(due "$GWYN")"
ok "a rule turned off in config/rules gives no next due"

# A malformed file that arrives by sync (plain git here): everyone is
# still listed, with no due dates, and the file, line and key are named.
before=$(tip)
printf 'Rule: plan-visits\nInterval: weekly\n' >"$T/bad"
blob=$(git -C "$REPO" hash-object -w "$T/bad")
rm -f "$T/gi"
GIT_INDEX_FILE=$T/gi git -C "$REPO" read-tree refs/heads/main
GIT_INDEX_FILE=$T/gi git -C "$REPO" update-index --add --cacheinfo "100644,$blob,config/rules"
tree=$(GIT_INDEX_FILE=$T/gi git -C "$REPO" write-tree)
c=$(git -C "$REPO" commit-tree "$tree" -p "$before" -m "rules: a typo")
git -C "$REPO" update-ref refs/heads/main "$c"
cb_fails "config/rules:2: Interval: not a length of time.*weekly" -C "$WS" list --format=tsv
[ "$rc" -eq 1 ] || fail "exit status $rc"
cp "$T/out" "$T/list"
[ "$(head -n 1 "$T/list")" = "id${TAB}name${TAB}dob${TAB}status${TAB}worker${TAB}team${TAB}next_due${TAB}next_due_what" ] ||
	fail "header: $(head -n 1 "$T/list")"
[ "$(tail -n +2 "$T/list" | wc -l)" -eq 2 ] || fail "not everyone listed: $(cat "$T/list")"
[ "$(due "$MIA")" = "$TAB" ] || fail "a due date from a malformed file: $(due "$MIA")"
[ "$(tip)" = "$c" ] || fail "list changed the repository"
ok "a malformed config/rules: everyone listed, no due dates, file and line named, exit 1"
