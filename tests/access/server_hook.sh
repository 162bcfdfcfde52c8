#!/bin/sh
# server_hook.sh - casebook server-hook install puts casebook's own checks
# in front of a team's bare repository, served by a real git daemon: a
# good push is accepted; a rewrite, a deletion, a record that does not
# validate and an unknown author are refused, each with the server's
# message shown to the pusher and the server's repository unchanged.
. "${top_srcdir:-.}/tests/sync/lib.sh"

LSAN_SUPP=$T/lsan.supp
printf 'leak:libpcre2-8.so\nleak:pcre2_match_data_create\n' >"$LSAN_SUPP"
export LSAN_OPTIONS=suppressions=$LSAN_SUPP
SAM="Sam Patel <sam.patel@example.org>"
EVE="Eve Stone <eve.stone@example.org>"
mkdir -p "$T/srv"
# No receive.deny* settings: the hook alone does the refusing.
git init -q --bare -b main "$T/srv/team.git"
cb server-hook install "$T/srv/team.git" >"$T/out" 2>&1
check "server-hook install succeeds" grep -q "pre-receive" "$T/out"
check "...and the hook runs this casebook by its absolute path" \
	grep -q "^exec '/.*' server-check\$" "$T/srv/team.git/hooks/pre-receive"
start_daemon
URL=$(daemon_url team)

ws_init a "$URL" "$SAM"
P=$(cb -C "$T/a" person add --name "Kit Hooktest" --dob 2012-09-10 --worker sam.patel@example.org)
add_entry a "$P" "Visit recorded and pushed."
if cb -C "$T/a" sync >"$T/out" 2>&1; then ok "a good push is accepted"; else not_ok "a good push is accepted"; show "$T/out"; fi
check "...the server has it" [ "$(remote_tip team)" = "$(tip a)" ]
good=$(remote_tip team)

# refused PUSHER-OUTPUT MESSAGE DESCRIPTION
refused() {
	check "$3: refused, with the server's words shown" grep -q "$2" "$1"
	check "$3: ...the server's main unchanged" [ "$(remote_tip team)" = "$good" ]
	[ "$(remote_tip team)" = "$good" ] || show "$1"
}

# ---- an unknown author, through casebook sync ----
ws_clone b "$URL" "$EVE"
add_entry b "$P" "Written by someone the team does not know."
cb -C "$T/b" sync >"$T/out" 2>&1
check "unknown author: sync fails" [ $? -ne 0 ]
refused "$T/out" "not a known practitioner" "unknown author"
check "...naming them" grep -q "eve.stone@example.org" "$T/out"

# ---- a record that does not validate, committed with plain git ----
ws_clone c "$URL" "$SAM"
R=$T/c/repo.git
c0=$(printf %s "$P" | cut -c1)
c1=$(printf %s "$P" | cut -c2)
bad=$(printf 'Record: chronology\nPerson: %s\nSchema: 1\n\nId: X1\nDate: 2024-13-45\nEvent: a date that is not one\n' "$P" |
	git -C "$R" hash-object -w --stdin)
GIT_INDEX_FILE=$T/idx git -C "$R" read-tree main
GIT_INDEX_FILE=$T/idx git -C "$R" update-index --add --cacheinfo "100644,$bad,people/$c0/$c1/$P/chronology"
tree=$(GIT_INDEX_FILE=$T/idx git -C "$R" write-tree)
cm=$(GIT_AUTHOR_NAME="Sam Patel" GIT_AUTHOR_EMAIL=sam.patel@example.org \
	GIT_COMMITTER_NAME="Sam Patel" GIT_COMMITTER_EMAIL=sam.patel@example.org \
	git -C "$R" commit-tree "$tree" -p main -m "Plain git: a bad record")
git -C "$R" update-ref refs/heads/main "$cm"
cb -C "$T/c" sync >"$T/out" 2>&1
check "invalid record: sync fails" [ $? -ne 0 ]
refused "$T/out" "is not valid\|does not parse" "invalid record"
check "...naming the record" grep -q "people/$c0/$c1/$P/chronology" "$T/out"

# ---- a rewrite, force-pushed with plain git ----
git clone -q "$URL" "$T/plain" 2>/dev/null
(cd "$T/plain" && git -c user.name="Sam Patel" -c user.email=sam.patel@example.org \
	commit -q --amend -m "Quietly reworded" &&
	git push -f origin HEAD:main) >"$T/out" 2>&1
refused "$T/out" "rewrites history" "a rewrite"

# ---- a deletion ----
(cd "$T/plain" && git push origin :main) >"$T/out" 2>&1
refused "$T/out" "refusing to delete refs/heads/main" "a deletion"
git -C "$T/srv/team.git" rev-parse -q --verify refs/heads/main >/dev/null
check "...main still exists" [ $? -eq 0 ]

# ---- the good workspace still syncs ----
add_entry a "$P" "A second visit."
if cb -C "$T/a" sync >"$T/out" 2>&1; then ok "a later good push is accepted"; else not_ok "a later good push is accepted"; show "$T/out"; fi
check "...and fsck is clean on the server" fsck_ok "$T/srv/team.git"

# ---- over ssh: the same hook, a push through sshd ----
. "${top_srcdir:-.}/tests/sync/sshd.sh"
start_sshd
echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$S/host_ed25519.pub")" >"$HOME/.ssh/known_hosts"
git init -q --bare -b main "$T/srv/ssh.git"
cb server-hook install "$T/srv/ssh.git" >/dev/null
SURL="ssh://$ME@127.0.0.1:$SSH_PORT$T/srv/ssh.git"
ws_init s "$SURL" "$SAM"
Q=$(cb -C "$T/s" person add --name "Ada Sshhook" --dob 2011-05-05 --worker sam.patel@example.org)
if cb -C "$T/s" sync >"$T/out" 2>&1; then ok "over ssh: a good push is accepted"; else not_ok "over ssh: a good push is accepted"; show "$T/out" "$S/log"; fi
sgood=$(git -C "$T/srv/ssh.git" rev-parse -q --verify main)
check "...the server has it" [ "$sgood" = "$(tip s)" ]
env CASEBOOK_AUTHOR="$EVE" "$CASEBOOK" -C "$T/s" chronology add "$Q" --date 2026-03-14 --event "Written over ssh by someone unknown." >/dev/null
cb -C "$T/s" sync >"$T/out" 2>&1
check "over ssh: an unknown author is refused" [ $? -ne 0 ]
check "...with the server's words shown" grep -q "not a known practitioner" "$T/out"
check "...and the server's main unchanged" [ "$(git -C "$T/srv/ssh.git" rev-parse main)" = "$sgood" ]
finish
