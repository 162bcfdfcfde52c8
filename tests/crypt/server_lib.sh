# server_lib.sh - shared by the encryption tests that sync through a real
# git daemon (tests/crypt/server_hook.sh, tests/crypt/erase_daemon.sh):
# tests/sync/lib.sh, the leak suppressions, the passphrase, every unlock
# agent stopped at the end, and the team's server as an encrypted team
# has it. All names and records are invented.
. "${top_srcdir:-.}/tests/sync/lib.sh"

LSAN_SUPP=$T/lsan.supp
printf 'leak:libpcre2-8.so\nleak:pcre2_match_data_create\n' >"$LSAN_SUPP"
export LSAN_OPTIONS=suppressions=$LSAN_SUPP
PASS='correct horse battery staple'
SAM="Sam Patel <sam.patel@example.org>"
KEYS=refs/casebook/keys
trap 'for s in "$T"/*/agent.sock; do [ -S "$s" ] && cb -C "${s%/agent.sock}" lock >/dev/null 2>&1; done; cleanup' EXIT

# encrypted_server PRACTITIONERS: $T/srv/team.git with the server hook,
# served by git daemon; sets URL and SRV. No receive.deny* settings: the
# key store is replaced without history, and the hook does the refusing.
# The server cannot read the sealed person records, so the team's
# practitioners (comma-separated emails) are listed in its configuration.
encrypted_server() {
	mkdir -p "$T/srv"
	git init -q --bare -b main "$T/srv/team.git"
	git -C "$T/srv/team.git" config casebook.practitioners "$1"
	cb server-hook install "$T/srv/team.git" >/dev/null 2>&1
	start_daemon
	URL=$(daemon_url team)
	SRV=$T/srv/team.git
}

# encrypted_init NAME: an encrypted workspace $T/NAME for Sam Patel with
# the server as its remote, left unlocked.
encrypted_init() {
	printf '%s\n' "$PASS" | cb init --encrypt --remote "$URL" --user "$SAM" "$T/$1" >/dev/null
}
