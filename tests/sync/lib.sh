# lib.sh - shared by the sync tests: a scratch directory, real servers on
# loopback (git daemon), workspaces, and TAP-style results.
#
# Sourced by tests/sync/*.sh. Needs CASEBOOK (the binary) and, for the
# proxy, top_builddir; both default to a build in the current directory.
# Every name and record here is invented.

set -u
CASEBOOK=${CASEBOOK:-${top_builddir:-.}/casebook}
top_builddir=${top_builddir:-$(dirname "$CASEBOOK")}
export LC_ALL=C.UTF-8 TZ=UTC
# The tests' own ssh settings, keys and credential helpers only.
unset SSH_AUTH_SOCK CASEBOOK_SSH_KEY CASEBOOK_DIR CASEBOOK_AUTHOR GIT_DIR VISUAL \
	CASEBOOK_SYNC_TIMEOUT CASEBOOK_SYNC_ATTEMPTS
export GIT_CONFIG_NOSYSTEM=1

T=$(mktemp -d "${TMPDIR:-/tmp}/casebook-sync.XXXXXX")
export HOME="$T/home"
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global user.name "Test Harness"
git config --global user.email "harness@example.org"

n=0
failed=0
pids=""

cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
finish() {
	echo "1..$n"
	[ "$failed" -eq 0 ] || { echo "# $failed of $n failed"; exit 1; }
	exit 0
}
# Shows a file in the log (indented) when a test needs explaining.
show() { sed 's/^/#   /' "$@" >&2; }

cb() { "$CASEBOOK" "$@"; }

# A port between 20000 and 59999 that differs from run to run, so
# parallel runs rarely meet; start_daemon tries others if it is taken.
random_port() {
	echo $(( 20000 + ($(od -An -N2 -tu2 /dev/urandom) % 40000) ))
}

# A bare repository under $T/srv that refuses rewrites and deletions, as a
# team's remote should (only a real server honours these).
make_remote() {
	git init -q --bare -b main "$T/srv/$1.git"
	git -C "$T/srv/$1.git" config receive.denyNonFastForwards true
	git -C "$T/srv/$1.git" config receive.denyDeletes true
}

# Starts git daemon serving $T/srv with push enabled; sets DAEMON_PORT.
start_daemon() {
	mkdir -p "$T/srv"
	# An empty repository to ask: ls-remote succeeds once the daemon answers.
	[ -d "$T/srv/probe.git" ] || git init -q --bare "$T/srv/probe.git"
	for try in 1 2 3 4 5 6 7 8; do
		DAEMON_PORT=$(random_port)
		git daemon --enable=receive-pack --base-path="$T/srv" --export-all \
			--listen=127.0.0.1 --port="$DAEMON_PORT" --reuseaddr \
			--informative-errors >"$T/daemon.log" 2>&1 &
		dpid=$!
		for wait in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
			if git ls-remote "git://127.0.0.1:$DAEMON_PORT/probe.git" >/dev/null 2>&1; then
				pids="$pids $dpid"
				return 0
			fi
			kill -0 "$dpid" 2>/dev/null || break
			sleep 0.1
		done
		kill "$dpid" 2>/dev/null
		wait "$dpid" 2>/dev/null
	done
	echo "# cannot start git daemon:" >&2
	show "$T/daemon.log"
	exit 1
}

daemon_url() { echo "git://127.0.0.1:$DAEMON_PORT/$1.git"; }

# ws_init NAME URL "Name <email>": a workspace at $T/NAME with that remote.
ws_init() {
	cb init --remote "$2" --user "$3" "$T/$1" >/dev/null
}
# ws_clone NAME URL "Name <email>"
ws_clone() {
	cb clone --quiet --user "$3" "$2" "$T/$1"
}

tip() { git -C "$T/$1/repo.git" rev-parse -q --verify refs/heads/main; }
remote_tip() { git -C "$T/srv/$1.git" rev-parse -q --verify refs/heads/main; }

# Adds a person in workspace NAME; prints the id.
add_person() {
	cb -C "$T/$1" person add --name "$2" --dob "${3:-2012-05-17}"
}
# add_entry WS ID EVENT: a chronology entry.
add_entry() {
	cb -C "$T/$1" chronology add "$2" --date 2026-03-14 --event "$3" \
		--category health >/dev/null
}

# Every commit a workspace has made is remembered here, so the tests can
# show at the end that none was lost anywhere.
remember() {
	git -C "$T/$1/repo.git" rev-list refs/heads/main >>"$T/all-commits"
}
# all_kept REPO: every remembered commit is reachable from REPO's main.
all_kept() {
	missing=0
	t=$(git -C "$1" rev-parse refs/heads/main) || return 1
	sort -u "$T/all-commits" >"$T/all-commits.u"
	while read -r c; do
		git -C "$1" merge-base --is-ancestor "$c" "$t" 2>/dev/null || {
			echo "# lost: $c" >&2
			missing=1
		}
	done <"$T/all-commits.u"
	return $missing
}

fsck_ok() { git -C "$1" fsck --no-progress --no-dangling >/dev/null 2>"$T/fsck.err" || { show "$T/fsck.err"; return 1; }; }

# converged WS...: every workspace's main equals the remote's (team).
converged() {
	r=$(remote_tip team) || return 1
	for w in "$@"; do
		[ "$(tip "$w")" = "$r" ] || { echo "# $w is at $(tip "$w"), remote at $r" >&2; return 1; }
	done
}
