#!/bin/sh
# ssh.sh - sync over ssh through libgit2 against OpenSSH's sshd, run on a
# high loopback port as the current user with a throwaway host key and an
# authorised key in a temporary HOME: key files, CASEBOOK_SSH_KEY, the
# ssh-agent, a refused key, and an unknown host refused with a message
# saying how to accept it.
. "${top_srcdir:-.}/tests/sync/lib.sh"

. "${top_srcdir:-.}/tests/sync/sshd.sh"
ssh-keygen -q -t ed25519 -N '' -C "a key nobody authorised" -f "$T/stranger"
start_sshd
make_remote team
URL="ssh://$ME@127.0.0.1:$SSH_PORT$T/srv/team.git"
known="[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$S/host_ed25519.pub")"
echo "$known" >"$HOME/.ssh/known_hosts"
SAM="Sam Patel <sam.patel@example.org>"
JO="Jo Okafor <jo.okafor@example.org>"

# ---- push and fetch over ssh ----
ws_init a "$URL" "$SAM"
P=$(add_person a "Kit Sshtest" 2012-09-10)
remember a
if env CASEBOOK_SSH_KEY="$HOME/.ssh/id_ed25519" "$CASEBOOK" -C "$T/a" sync >"$T/out" 2>&1; then
	ok "sync pushes over ssh with CASEBOOK_SSH_KEY"
else
	not_ok "sync pushes over ssh with CASEBOOK_SSH_KEY"
	show "$T/out" "$S/log"
fi
check "the remote has the save" [ "$(remote_tip team)" = "$(tip a)" ]
if cb clone --quiet --user "$JO" "$URL" "$T/b" >"$T/out" 2>&1; then
	ok "clone over ssh finds ~/.ssh/id_ed25519 by itself"
else
	not_ok "clone over ssh finds ~/.ssh/id_ed25519 by itself"
	show "$T/out"
fi
add_entry b "$P" "Visit recorded on laptop B."
remember b
cb -C "$T/b" sync -q 2>"$T/out" || show "$T/out"
add_entry a "$P" "Visit recorded on laptop A."
remember a
cb -C "$T/a" sync -q 2>"$T/out" || show "$T/out"
cb -C "$T/b" sync -q 2>"$T/out" || show "$T/out"
check "fetch, merge and push over ssh converge" converged a b
cb -C "$T/b" show "$P/chronology" >"$T/chron"
check "both entries arrived over ssh" sh -c \
	"grep -q 'laptop A' '$T/chron' && grep -q 'laptop B' '$T/chron'"

# ---- the ssh-agent ----
if command -v ssh-agent >/dev/null && command -v ssh-add >/dev/null; then
	eval "$(ssh-agent -s)" >/dev/null
	pids="$pids $SSH_AGENT_PID"
	ssh-add -q "$HOME/.ssh/id_ed25519" 2>/dev/null
	mv "$HOME/.ssh/id_ed25519" "$T/id_moved"
	add_entry a "$P" "Saved while the key lives only in the agent."
	remember a
	if cb -C "$T/a" sync >"$T/out" 2>&1; then
		ok "sync authenticates through the ssh-agent"
	else
		not_ok "sync authenticates through the ssh-agent"
		show "$T/out"
	fi
	mv "$T/id_moved" "$HOME/.ssh/id_ed25519"
	kill "$SSH_AGENT_PID" 2>/dev/null
	unset SSH_AUTH_SOCK SSH_AGENT_PID
fi

# ---- a key the server does not accept ----
add_entry a "$P" "Saved while using the wrong key."
before=$(remote_tip team)
start=$(date +%s)
if env CASEBOOK_SSH_KEY="$T/stranger" "$CASEBOOK" -C "$T/a" sync >"$T/out" 2>&1; then
	not_ok "a refused key fails"
else
	grep -q "authentication failed" "$T/out" && ok "a refused key fails with 'authentication failed'" ||
		{ not_ok "a refused key says authentication failed"; show "$T/out"; }
fi
check "a refused key is not tried again and again" [ $(( $(date +%s) - start )) -lt 15 ]
check "nothing reached the remote with the wrong key" [ "$(remote_tip team)" = "$before" ]

# ---- an unknown host ----
: >"$HOME/.ssh/known_hosts"
start=$(date +%s)
if cb -C "$T/a" sync >"$T/out" 2>&1; then
	not_ok "an unknown host key is refused"
else
	grep -q "unknown host key" "$T/out" && ok "an unknown host key is refused" ||
		{ not_ok "an unknown host key is refused with a message"; show "$T/out"; }
fi
grep -qF "ssh-keyscan -p $SSH_PORT 127.0.0.1 >> ~/.ssh/known_hosts" "$T/out" &&
	ok "the message says how to accept the key" ||
	{ not_ok "the message says how to accept the key"; show "$T/out"; }
fp=$(ssh-keygen -lf "$S/host_ed25519.pub" | cut -d' ' -f2)
check "the message shows the key's fingerprint" grep -q "$fp" "$T/out"
check "an unknown host is refused at once" [ $(( $(date +%s) - start )) -lt 15 ]
check "nothing reached the remote from an unknown host" [ "$(remote_tip team)" = "$before" ]
# A different key recorded for the host (a server swapped underneath).
ssh-keygen -q -t ed25519 -N '' -f "$T/impostor"
echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$T/impostor.pub")" >"$HOME/.ssh/known_hosts"
if cb -C "$T/a" sync >"$T/out" 2>&1; then
	not_ok "a changed host key is refused"
else
	grep -q "unknown host key" "$T/out" && ok "a changed host key is refused" ||
		{ not_ok "a changed host key is refused with a message"; show "$T/out"; }
fi

# ---- accepted as the message says ----
if command -v ssh-keyscan >/dev/null; then
	ssh-keyscan -p "$SSH_PORT" 127.0.0.1 >"$HOME/.ssh/known_hosts" 2>/dev/null
else
	echo "$known" >"$HOME/.ssh/known_hosts"
fi
remember a
if cb -C "$T/a" sync >"$T/out" 2>&1; then
	ok "after accepting the host key as advised, sync works"
else
	not_ok "after accepting the host key as advised, sync works"
	show "$T/out"
fi
cb -C "$T/b" sync -q 2>"$T/out" || show "$T/out"
check "and everything converges" converged a b
check "the remote passes git fsck" fsck_ok "$T/srv/team.git"
check "no commit was lost" all_kept "$T/srv/team.git"
finish
