#!/bin/bash
# workbench.sh - the workbench on an encrypted workspace, driven in tmux:
# locked, it says so plainly (and how to unlock) and exits without
# drawing; unlocked, the caseload shows, search finds the same people on
# the same screen as on the plain workspace made by the same demo, and a
# child opens with their decrypted records. All names are invented.
. "${top_srcdir:-.}/tests/tui/lib.sh"

PASS='correct horse battery staple'
trap '[ -S "$WS/agent.sock" ] && "$CASEBOOK" -C "$WS" lock >/dev/null 2>&1; cleanup' EXIT

# search_everyone FILE: from the caseload, everyone, searched for "zo";
# the screen to FILE.
search_everyone() {
	wait_for "My caseload (8 of 8)"
	keys t t
	wait_for "Everyone (57 of 57)"
	keys /
	type_text "zo"
	wait_for "(3 of 57)"
	wait_for "Zoë Okonkwo"
	keys Enter
	wait_for "3 found"
	screen >"$1"
}

# The plain demo first: what search shows there (same directory name:
# the status line shows it).
mkdir "$T/plain"
WS=$T/plain/ws
demo
start 100 30
search_everyone "$T/plain.screen"
quit
ok "the plain workbench searched (zo: 3 of 57)"

WS=$T/ws
printf '%s\n' "$PASS" | "$CASEBOOK" demo --encrypt "$WS" --seed 7 >/dev/null 2>"$ERR" ||
	fail "casebook demo --encrypt"
"$CASEBOOK" -C "$WS" lock >/dev/null 2>"$ERR" || fail "casebook lock"
start 100 30
st=$(wait_exit)
[ "$st" = 1 ] || fail "locked: exit status $st, not 1"
grep -q "is locked: run casebook -C .* unlock" "$ERR" || fail "locked: no clear message"
no_sanitizer_reports
screen | grep -qF "caseload" && fail "locked: the caseload was drawn"
ok "locked: a clear message naming unlock, exit status 1, nothing drawn"

printf '%s\n' "$PASS" | "$CASEBOOK" -C "$WS" unlock --timeout 300 >/dev/null 2>"$ERR" ||
	fail "casebook unlock"
start 100 30
wait_for "My caseload (8 of 8)"
wait_for "Ellis Nguyễn"
wait_for "Gruffydd ap Rhys"
ok "unlocked: the caseload shows, names decrypted"

search_everyone "$T/enc.screen"
if ! cmp -s "$T/plain.screen" "$T/enc.screen"; then
	diff "$T/plain.screen" "$T/enc.screen" | sed 's/^/# /' | head -n 20
	fail "search shows another screen than on the plain workspace"
fi
ok "search in the sealed in-memory index: the same screen as on the plain workspace"

id=$(id_of "Zoë Thorne" --all)
event=$("$CASEBOOK" -C "$WS" show "$id/chronology" | sed -n 's/^Event: //p' | tail -n 1 | cut -c1-30)
[ -n "$event" ] || fail "no chronology entry to look for"
find_by_id "$id"
wait_for "Not on your caseload. Reason"
keys Enter
wait_for "Zoë Thorne — $id"
wait_for "Chronology"
keys c
wait_for "$event"
ok "a child opens, their chronology decrypted on screen"
quit
ok "Q quits cleanly"
