#!/bin/sh
# review.sh - a team manager's review since their mark (a ref per
# reviewer), review done, and management oversight recorded in one commit
# with time-bound actions.
. "${top_srcdir:-.}/tests/history/lib.sh"

new_ws "$tmp/ws"
g() { git -C "$ws/repo.git" "$@"; }
A=$(cb person add --name "Zoë Ådahl" --dob 2008-04-02 --worker sam.patel@example.org --team North)
B=$(cb person add --name "Kai Osei" --dob 2009-01-15 --worker sam.patel@example.org --team South)

CASEBOOK_AUTHOR=$JO
cb review > "$tmp/out" 2> "$tmp/err"
check "review without a team is refused" test $? -eq 1
check "...saying how to set one" has "casebook.team" "$tmp/err"
g config casebook.team North

cb review > "$tmp/first"
check "first review: everything, said so" has "no earlier review" "$tmp/first"
check "first review: the team's child" has "== Zoë Ådahl ($A)" "$tmp/first"
check "first review: not another team's child" hasnt "Kai Osei" "$tmp/first"
check "first review: says how to move the mark" has "casebook review done --to" "$tmp/first"
cb review --team South --format=tsv > "$tmp/south"
check "--team picks another team" has "$(printf '%s\tperson\t\tName\tadded\t\tKai Osei' "$B")" "$tmp/south"

ref=refs/casebook/reviewed/jo.byrne@example.org
cb review done > "$tmp/out"
check "review done makes the reviewer's ref" test "$(g rev-parse $ref)" = "$(g rev-parse main)"
check "...and says where it points" has "moved to $(g rev-parse --short=10 main)" "$tmp/out"

CASEBOOK_AUTHOR=$SAM
cb chronology add $A --date 2024-03-14 --event "Said she has not been registered with a GP." >/dev/null
cb chronology add $B --date 2024-03-15 --event "Missed a contact visit." >/dev/null
CASEBOOK_AUTHOR=$JO
cb review --format=tsv > "$tmp/since"
check "since the mark: the new entry" has "$(printf '%s\tchronology\t' "$A")" "$tmp/since"
check "since the mark: not what was reviewed before" hasnt "$(printf '\tperson\t')" "$tmp/since"
check "since the mark: not the other team" hasnt "$B" "$tmp/since"
cb review > "$tmp/text"
check "text: who saved it" has "(1 save by Sam Patel;" "$tmp/text"
cb review --all --format=tsv > "$tmp/all"
check "--all: from the beginning" has "$(printf '%s\tperson\t' "$A")" "$tmp/all"

before=$(g rev-list --count main)
tip=$(g rev-parse main)
cb oversight add $A --decision "GP registration to be chased; health assessment overdue." \
	--action "Register her with Bankside Surgery|Sam Patel|2030-04-01" \
	--action "Book the health assessment|Sam Patel|2030-04-15" --mark > "$tmp/out" 2> "$tmp/err"
check "oversight add succeeds" test $? -eq 0
entry=$(cat "$tmp/out")
check "...and prints the new entry's id" test -n "$entry"
check "one commit" test "$(g rev-list --count main)" -eq $((before + 1))
check "the commit writes only the oversight record" \
	test "$(g diff-tree --no-commit-id --name-only -r main)" = "$(recpath $A oversight)"
cb show $A/oversight > "$tmp/ov"
check "the oversight names the manager" has "Manager: Jo Byrne <jo.byrne@example.org>" "$tmp/ov"
check "the oversight has the decision" has "Decision: GP registration to be chased; health assessment overdue." "$tmp/ov"
check "the oversight says what was reviewed" has "Reviewed-To: $tip" "$tmp/ov"
check "two actions" test "$(grep -c '^Kind: action' "$tmp/ov")" -eq 2
check "each with who and by when" has "By-When: 2030-04-15" "$tmp/ov"
check "actions point at their oversight" test "$(grep -c "^Oversight: $entry" "$tmp/ov")" -eq 2
check "actions start open" test "$(grep -c '^Status: open' "$tmp/ov")" -eq 2
check "--mark moved the review mark past the oversight itself" \
	test "$(g rev-parse $ref)" = "$(g rev-parse main)"
cb review > "$tmp/after"
check "nothing left to review" has "Nothing to review." "$tmp/after"

# Refusals: nothing saved, mark unchanged.
mark=$(g rev-parse $ref)
before=$(g rev-parse main)
cb oversight add $A --decision "x" --action "Do it|Sam Patel|" > "$tmp/out" 2> "$tmp/err"
check "an action without a date is refused" test $? -ne 0
cb oversight add $A --decision "x" --action "Do it|Sam Patel|2030-02-30" > "$tmp/out" 2> "$tmp/err"
check "an action with an impossible date is refused" test $? -ne 0
check "...naming the field" has "By-When" "$tmp/err"
cb oversight add $A --action "Do it|Sam Patel|2030-02-01" > "$tmp/out" 2> "$tmp/err"
check "an oversight without a decision is refused" test $? -ne 0
check "refusals saved nothing" test "$(g rev-parse main)" = "$before"

rt=$(g rev-parse main~2)
cb oversight add $A --decision "Stable; review next month." --reviewed-to main~2 > /dev/null
check "without --mark the mark stays" test "$(g rev-parse $ref)" = "$mark"
cb show $A/oversight > "$tmp/ov2"
check "--reviewed-to is recorded" has "Reviewed-To: $rt" "$tmp/ov2"
check "the record keeps both oversights" test "$(grep -c '^Kind: oversight' "$tmp/ov2")" -eq 2

cb review done --to main~1 > /dev/null
check "review done --to moves the mark to that commit" test "$(g rev-parse $ref)" = "$(g rev-parse main~1)"
cb review done --to nosuchrev > /dev/null 2>&1
check "review done --to an unknown revision is refused" test $? -ne 0

# Any email gives a valid, distinct ref name.
CASEBOOK_AUTHOR="Pat O'Neil <O'Neil+Team..Lead@Example.org>"
cb review done > /dev/null
check "an awkward email still gets a valid ref" \
	test "$(g for-each-ref --format='%(refname)' refs/casebook/reviewed/ | grep -c neil)" -eq 1
name=$(g for-each-ref --format='%(refname)' refs/casebook/reviewed/ | grep neil)
check "...lower-cased, odd characters escaped" test "$name" = "refs/casebook/reviewed/o=27neil+team.=2elead@example.org"
check "...that git accepts" git check-ref-format "$name"
finish
