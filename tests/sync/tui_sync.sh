#!/bin/bash
# tui_sync.sh - sync from the workbench: the sync key runs a sync in the
# background; the status line counts the saves not yet on the remote and
# shows when the last sync succeeded; against a remote that stops
# answering, keys keep working while the progress bar shows the attempt,
# and the sync gives up after the time-out with a message.
. "${top_srcdir:-.}/tests/tui/lib.sh"

PROXY="${top_builddir:-.}/tests/sync/flakyproxy"
[ -x "$PROXY" ] || { echo "Bail out! $PROXY is missing (make check builds it)"; exit 99; }

demo
ellis=$(id_of "Ellis Nguyễn")
"$CASEBOOK" -C "$WS" chronology add "$ellis" --date 2026-04-30 --event "Visited at the flat." \
	--category health >/dev/null 2>>"$ERR" || fail "a save from the command line"

start 80 24
wait_for "My caseload"
wait_for "1 unsynced"
screen | tail -1 | grep -qF "never synced" || fail "a workspace never synced says so"
ok "the status line counts the save not yet on the remote, at 80 columns"

keys S
wait_for "0 unsynced"
wait_for "Synced: received 0, sent 1"
screen | tail -1 | grep -qE "[0-9][0-9]:[0-9][0-9]" || fail "no time of the last sync"
[ "$(git -C "$WS/repo.git" rev-parse main)" = "$(git -C "$WS/remote.git" rev-parse main)" ] ||
	fail "the remote does not have the save"
ok "S syncs in the background: 0 unsynced, the time of the sync, the remote has the save"
quit

# A remote that accepts the connection and then says nothing: git daemon
# behind the proxy in stall mode.
for try in 1 2 3 4 5 6 7 8; do
	port=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
	git daemon --enable=receive-pack --base-path="$WS" --export-all --listen=127.0.0.1 \
		--port="$port" --reuseaddr >"$T/daemon.log" 2>&1 &
	dpid=$!
	up=0
	for i in $(seq 1 30); do
		if git ls-remote "git://127.0.0.1:$port/remote.git" >/dev/null 2>&1; then
			up=1
			break
		fi
		kill -0 "$dpid" 2>/dev/null || break
		sleep 0.1
	done
	[ $up = 1 ] && break
	kill "$dpid" 2>/dev/null || :
done
[ $up = 1 ] || fail "cannot start git daemon"
"$PROXY" "$T/proxy.port" "$port" stall 0 2>"$T/proxy.log" &
ppid=$!
trap 'kill $dpid $ppid 2>/dev/null; cleanup' EXIT
for i in $(seq 1 40); do
	[ -s "$T/proxy.port" ] && break
	sleep 0.05
done
git -C "$WS/repo.git" remote set-url origin "git://127.0.0.1:$(cat "$T/proxy.port")/remote.git"
"$CASEBOOK" -C "$WS" chronology add "$ellis" --date 2026-05-01 --event "Phoned about college." \
	--category education >/dev/null 2>>"$ERR" || fail "a second save"

start 80 24 CASEBOOK_SYNC_TIMEOUT=3 CASEBOOK_SYNC_ATTEMPTS=1
wait_for "1 unsynced"
keys S
wait_for "Sync: connecting"
# While the sync waits on the silent remote: open a person and come back.
keys Enter
wait_for "Chronology"
screen | grep -qF "Sync: connecting" || fail "the sync finished too soon to test typing meanwhile"
keys q
wait_for "My caseload"
keys j
screen | grep -qF "Sync: " || fail "the sync finished too soon to test typing meanwhile"
ok "keys work while the sync waits on a remote that stopped answering"

wait_for "Sync failed" 20
wait_gone "Sync: connecting"
screen | tail -1 | grep -qF "1 unsynced" || fail "the save is still not on the remote"
ok "the sync gives up after the time-out with a message; the save is still counted"
quit
echo "1..$n"
