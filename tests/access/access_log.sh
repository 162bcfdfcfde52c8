#!/bin/sh
# access_log.sh - opening a child's record with show, log, blame or diff
# logs who, when, which record and why; a reason is refused when required
# and missing; two workspaces that both log access and sync keep every
# entry of both, with nothing to merge by hand.
. "${top_srcdir:-.}/tests/access/lib.sh"

SAM="Sam Patel <sam.patel@example.org>"
ALEX="Alex Mensah <alex.mensah@example.org>"
git init -q --bare "$T/remote.git"
new_ws a --remote "$T/remote.git"
A=$(cb -C "$WS" person add --name "Zoë Ådahl" --dob 2008-04-02 --worker sam.patel@example.org)
B=$(cb -C "$WS" person add --name "Kai Osei" --dob 2009-01-15 --worker alex.mensah@example.org)
cb -C "$WS" chronology add "$A" --date 2024-03-14 --event "Registered with a GP." >/dev/null
cb -C "$WS" sync --quiet >/dev/null
WSA=$WS

# ---- each opening command is logged ----
cb -C "$WSA" show "$A/person" >/dev/null
cb -C "$WSA" log "$A" >/dev/null
cb -C "$WSA" blame "$A/chronology" >/dev/null
c1=$(git -C "$WSA/repo.git" rev-list --max-parents=0 main)
c2=$(git -C "$WSA/repo.git" rev-parse main)
cb -C "$WSA" diff "$c1" "$c2" "$A" >/dev/null
cb -C "$WSA" access "$A" --format=tsv >"$T/acc"
check "access lists four openings of the child's records" \
	test "$(tail -n +2 "$T/acc" | wc -l)" -eq 4
for what in show log blame diff; do
	check "...one by $what" grep -q "	$A	[a-z*-]*	$what	sam.patel@example.org	Sam Patel	" "$T/acc"
done
check "...show names the record" grep -q "	$A	person	show	" "$T/acc"
check "...nothing about the other child" hasnt "$B" "$T/acc"
check "the log is not in the records' history" \
	test "$(git -C "$WSA/repo.git" rev-list --count main)" -eq 3

# ---- reasons: outside the caseload ----
cb -C "$WSA" show "$B/person" --reason "Covering for Alex on duty" >/dev/null
cb -C "$WSA" access "$B" >"$T/acc"
check "a reason given is kept" has "reason: Covering for Alex on duty" "$T/acc"
git -C "$WSA/repo.git" config casebook.accessReason require
cb_fails "requires a reason" -C "$WSA" show "$B/person"
check "...refused without one, nothing shown" test ! -s "$T/out"
cb_fails "requires a reason" -C "$WSA" log "$B"
cb_fails "requires a reason" -C "$WSA" blame "$B/person"
cb_fails "requires a reason" -C "$WSA" diff "$c1" "$c2" "$B"
cb -C "$WSA" access "$B" --format=tsv >"$T/acc"
check "...and the refusals are not logged as access" test "$(tail -n +2 "$T/acc" | wc -l)" -eq 1
cb -C "$WSA" show "$A/person" >/dev/null
ok "a child on the caseload needs no reason"
git -C "$WSA/repo.git" config casebook.accessReason off

# ---- manager's view: outside each worker's caseload ----
cb -C "$WSA" access --outside-caseload --format=tsv >"$T/acc"
check "outside-caseload lists Sam's look at Alex's child" has "$B	person	show	sam.patel@example.org" "$T/acc"
check "...and not Sam's own children" hasnt "$A	" "$T/acc"

# ---- two workspaces log and sync: every entry kept ----
cb clone --user "$ALEX" --quiet "$T/remote.git" "$T/b" >/dev/null
WSB=$T/b
CASEBOOK_AUTHOR=$ALEX cb -C "$WSB" show "$A/chronology" --reason "Duty cover" >/dev/null
CASEBOOK_AUTHOR=$ALEX cb -C "$WSB" show "$B/person" >/dev/null
cb -C "$WSA" show "$A/chronology" >/dev/null
cb -C "$WSA" sync --quiet >/dev/null
CASEBOOK_AUTHOR=$ALEX cb -C "$WSB" sync --quiet >/dev/null
cb -C "$WSA" sync --quiet >/dev/null
CASEBOOK_AUTHOR=$ALEX cb -C "$WSB" sync --quiet >/dev/null
for w in "$WSA" "$WSB"; do
	cb -C "$w" access "$A" --format=tsv >"$T/acc"
	check "$(basename "$w"): all seven openings of $A from both workspaces" \
		test "$(tail -n +2 "$T/acc" | wc -l)" -eq 7
	check "$(basename "$w"): ...Alex's with the reason" grep -q "alex.mensah@example.org	Alex Mensah	Duty cover" "$T/acc"
	cb -C "$w" access "$B" --format=tsv >"$T/acc"
	check "$(basename "$w"): both openings of $B" test "$(tail -n +2 "$T/acc" | wc -l)" -eq 2
done
check "the remote holds one access ref per workspace" \
	test "$(git -C "$T/remote.git" for-each-ref refs/casebook/access/ | wc -l)" -eq 2
check "the remote's main is untouched by the log" \
	test "$(git -C "$T/remote.git" rev-parse main)" = "$(git -C "$WSA/repo.git" rev-parse main)"
git -C "$T/remote.git" show "$(git -C "$T/remote.git" for-each-ref --format='%(refname)' refs/casebook/access/ | head -n 1):$(printf %s "$A" | cut -c1)/$(printf %s "$A" | cut -c2)/$A" >"$T/plain"
check "plain git reads the log" grep -q "	$A	" "$T/plain"
echo "1..$n"
