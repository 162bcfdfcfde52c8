#!/bin/bash
# tui_resolve.sh - resolving a merge conflict in the workbench: two
# workspaces set the same field differently and sync; the caseload lists
# the record that needs resolving, the resolve screen shows both values,
# taking one makes one commit in the practitioner's name with the conflict
# markers gone, and the next sync pushes it.
. "${top_srcdir:-.}/tests/tui/lib.sh"

demo
WS2=$T/ws2
cb() { "$CASEBOOK" "$@" 2>>"$ERR"; }
cb clone --quiet --user "Jo Okafor <jo.okafor@example.org>" "$WS/remote.git" "$WS2" ||
	fail "clone the demo's remote"
id=$(id_of "Amelia Kowalczyk" --all)
cb -C "$WS" person edit "$id" --status looked-after || fail "edit here"
cb -C "$WS2" person edit "$id" --status child-in-need || fail "edit on the other laptop"
# And the same chronology entry's text, edited differently on the two
# laptops ("casebook edit" with a scripted editor).
ellis=$(id_of "Ellis Nguyễn")
event="Told us he is to become a father in the spring"
for side in "$WS:March" "$WS2:April"; do
	printf '#!/bin/sh\nsed -i "s/^Event: %s\\./Event: %s, in %s./" "$1"\n' \
		"$event" "$event" "${side##*:}" >"$T/ed"
	chmod +x "$T/ed"
	EDITOR=$T/ed cb -C "${side%:*}" edit "$ellis/chronology" >/dev/null || fail "edit the entry"
done
cb -C "$WS" sync --quiet && cb -C "$WS2" sync --quiet && cb -C "$WS" sync --quiet ||
	fail "sync both ways"
cb -C "$WS" show "$id/person" | grep -q "^Conflict-Status-2:" || fail "no conflict to resolve"
cb -C "$WS" show "$ellis/chronology" | grep -q "^Conflict-Event-2:" || fail "no clash in the entry"
before=$(commits)

start 100 30
wait_for "2 to resolve"
keys C
wait_for "Records that need resolving (2)"
wait_for "Amelia Kowalczyk"
ok "C on the caseload lists the records that need resolving"

# The list is in the order of the records' paths, that is of the ids.
[[ "$ellis" < "$id" ]] && keys j
keys Enter
wait_for "Resolve: Amelia Kowalczyk"
wait_for "child-in-need"
wait_for "looked-after"
ok "the resolve screen shows both values"

# The values are in byte order: child-in-need, then looked-after.
keys j
keys Enter
wait_for "All resolved"
keys C-s
wait_for "Saved the resolution"
wait_for "Records that need resolving (1)"
[ "$(commits)" = $((before + 1)) ] || fail "not exactly one commit"
git -C "$WS/repo.git" log -1 --format='%an <%ae>|%s' main | grep -qxF \
	"Sam Patel <sam.patel@example.org>|Resolve merge conflicts" || fail "the commit's author or summary"
shown=$(cb -C "$WS" show "$id/person")
echo "$shown" | grep -q "^Conflict" && fail "conflict markers are left"
echo "$shown" | grep -qx "Status: looked-after" || fail "the value taken is not saved"
ok "taking a value saves one commit by the practitioner, markers gone"

# From the record's own screen: C on the chronology, and an edited value.
keys q
wait_for "My caseload"
keys g Enter
wait_for "Chronology"
keys c
wait_for "Interim care order"
keys C
wait_for "Resolve: Ellis Nguyễn"
wait_for "in April."
wait_for "in March."
keys e
wait_for "^S"
keys End
type_text " Confirmed by phone."
keys C-s
wait_for "All resolved"
keys C-s
wait_for "Saved the resolution"
wait_for "Interim care order"
cb -C "$WS" show "$ellis/chronology" | grep -qxF "Event: $event, in April. Confirmed by phone." ||
	fail "the edited value is not saved"
cb -C "$WS" show "$ellis/chronology" | grep -q "^Conflict" && fail "markers left in the entry"
[ "$(commits)" = $((before + 2)) ] || fail "not one commit per resolved record"
ok "C on a record's screen resolves it; an edited value is saved, markers gone"

keys q
keys q
wait_for "My caseload"
wait_gone "to resolve"
wait_for "2 unsynced"
keys S
wait_for "0 unsynced"
[ "$(git -C "$WS/repo.git" rev-parse main)" = "$(git -C "$WS/remote.git" rev-parse main)" ] ||
	fail "the resolution is not on the remote"
ok "the status line clears and the sync pushes the resolution"
quit
echo "1..$n"
