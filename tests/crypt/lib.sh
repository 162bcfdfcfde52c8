# lib.sh - shared by the encryption tests (tests/crypt/*.sh): the e2e
# helpers, a passphrase given on standard input (as a script gives it;
# never in argv or the environment), and every unlock agent a test started
# stopped at the end. All names and records are invented.
. "$top_srcdir/tests/e2e/lib.sh"

PASS='correct horse battery staple'

# pw ARGS...: casebook with the passphrase on stdin; like run.
pw() {
	set +e
	printf '%s\n' "$PASS" | "$CASEBOOK" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	sanitizer_check "$@"
	[ "$rc" -eq 0 ] || fail "casebook $* exited $rc"
}

# Stops the agents of every workspace under $T, then the e2e clean-up.
crypt_cleanup() {
	for s in "$T"/*/agent.sock "$T"/*/*/agent.sock; do
		[ -S "$s" ] && "$CASEBOOK" -C "$(dirname "$s")" lock >/dev/null 2>&1
	done
	cleanup
}
trap crypt_cleanup EXIT

# Every object of a repository, as git stores them, decompressed.
all_objects() {
	git --git-dir="$1" cat-file --batch-all-objects --batch 2>/dev/null
}
