#!/bin/sh
# kill_save_encrypted.sh - tests/e2e/kill_save.sh on an encrypted, unlocked
# workspace: saves killed with SIGKILL at many moments leave the record
# wholly there or wholly absent, sealed in git, the sealed index (kept in
# memory, written by serialize, seal, rename) at the tip after each kill,
# and no plain index or half-written sealed file behind. Fewer runs than
# the plain test: every check reads through casebook, which opens the
# sealed blobs (git cannot), and the machine may be busy.
. "$top_srcdir/tests/crypt/lib.sh"

KILL_SAVE_ENCRYPTED=1
KILL_SAVE_RUNS=${KILL_SAVE_RUNS:-40}
KILL_SAVE_SECONDS=${KILL_SAVE_SECONDS:-120}
KILL_SAVE_MIN_RUNS=${KILL_SAVE_MIN_RUNS:-12}

ks_new_ws() {
	WS=$T/ws
	REPO=$WS/repo.git
	pw init --encrypt --user "Sam Patel <sam.patel@example.org>" "$WS"
	[ -S "$WS/agent.sock" ] || fail "init --encrypt left the workspace locked"
}

# ks_record REV: the chronology at REV, opened by casebook; the blob in
# git must be sealed. Nothing when the record is not there.
ks_record() {
	ksrev=$(git -C "$REPO" rev-parse -q --verify "$1" 2>/dev/null) || return 0
	git -C "$REPO" cat-file -e "$ksrev:$CPATH" 2>/dev/null || return 0
	[ "$(git -C "$REPO" cat-file blob "$ksrev:$CPATH" | head -c 7)" = CBSEAL1 ] ||
		fail "the chronology at $ksrev is not sealed"
	"$CASEBOOK" -C "$WS" show "$ZOE/chronology" --at "$ksrev" 2>"$T/kserr" </dev/null ||
		fail "cannot open the chronology at $ksrev: $(cat "$T/kserr")"
	if grep -q -E 'AddressSanitizer|LeakSanitizer|runtime error:' "$T/kserr"; then
		fail "sanitizer report from show --at $ksrev"
	fi
}

# After the kills: the index is only sealed, with no half-written copy
# left, and no entry's text is in any file of the workspace.
ks_after() {
	[ -f "$WS/index.sqlite.sealed" ] || fail "no sealed index"
	[ ! -e "$WS/index.sqlite" ] || fail "a plain index was written"
	[ ! -e "$WS/index.sqlite.sealed.tmp" ] || fail "a half-written sealed index is left"
	found=$(grep -r -a -l -e "Kill test" -e "Calibration" -e "Still saving" "$WS" || :)
	[ -z "$found" ] || fail "entry text in: $found"
	ok "the index is sealed, none left half-written, no entry text on disk"
}

. "$top_srcdir/tests/e2e/kill_save.sh"
