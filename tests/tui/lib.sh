# lib.sh - sourced by the workbench tests: the real casebook binary runs
# inside a private tmux server on a demo workspace made with a fixed date
# and seed; keys go in with send-keys, the screen comes back with
# capture-pane, and the commits that result are read with plain git.
#
# Waiting is by polling the screen with a time-out, never by fixed long
# sleeps, so the tests are quick on a fast machine and still pass under
# AddressSanitizer on a slow one.
#
# A test prints "ok N - what" per check and stops at the first failure
# with "not ok N - what", the screen as it was, and casebook's stderr.

# The tests use bash; make runs them with $(SHELL), which may be another
# shell.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"

set -eu

command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux is not installed"; exit 77; }
command -v git >/dev/null 2>&1 || { echo "SKIP: git is not installed"; exit 77; }

: "${CASEBOOK:?CASEBOOK must name the casebook binary to test}"
case $CASEBOOK in
/*) ;;
*) CASEBOOK=$(cd "$(dirname "$CASEBOOK")" && pwd)/$(basename "$CASEBOOK") ;;
esac
[ -x "$CASEBOOK" ] || { echo "Bail out! $CASEBOOK is not executable"; exit 99; }

T=$(mktemp -d "${TMPDIR:-/tmp}/casebook-tui.XXXXXX")
SOCK="casebook-tui-$$-$(basename "$0" .sh)"
WS=$T/ws
ERR=$T/stderr

cleanup() {
	tmux -L "$SOCK" kill-server >/dev/null 2>&1 || :
	chmod -R u+rwx "$T" 2>/dev/null || :
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' HUP INT TERM

LC_ALL=C.UTF-8
TZ=UTC
TODAY=2026-05-01
CASEBOOK_TODAY=$TODAY
HOME=$T/home
GIT_CONFIG_NOSYSTEM=1
export LC_ALL TZ CASEBOOK_TODAY HOME GIT_CONFIG_NOSYSTEM
unset CASEBOOK_DIR CASEBOOK_AUTHOR VISUAL EDITOR CASEBOOK_SEED NO_COLOR XDG_CONFIG_HOME 2>/dev/null || :
mkdir -p "$HOME"
# The caseload opens worst alert first; most tests were written for it in
# name order, so the user's configuration file asks for that (a test of
# the default removes the file).
mkdir -p "$HOME/.config/casebook"
printf '[caseload]\n\tsort = name\n' >"$HOME/.config/casebook/config"

# Leak checks stay on for casebook's own code. ncurses keeps its terminal
# description and key tables for the life of the process (only a special
# debugging build can free them), and libgit2 1.5 leaks a PCRE2 match
# block per regular expression it runs: both are kept out of the report.
printf '%s\n' 'leak:libncursesw.so' 'leak:libtinfo.so' 'leak:libpcre2-8.so' \
	'leak:pcre2_match_data_create' >"$T/lsan.supp"
LSAN_OPTIONS=suppressions=$T/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
export LSAN_OPTIONS

n=0

ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}

screen() {
	tmux -L "$SOCK" capture-pane -p -t tui 2>/dev/null || :
}

fail() {
	{
		echo "not ok $((n + 1)) - $*"
		echo "# screen:"
		screen | sed 's/^/#   /'
		if [ -s "$ERR" ]; then
			echo "# casebook's stderr:"
			sed 's/^/#   /' "$ERR"
		fi
	} >&2
	exit 1
}

# demo: the workspace every test starts from (40 invented people; the
# user is Sam Patel, a social worker and personal adviser).
demo() {
	"$CASEBOOK" demo "$WS" --seed 7 >/dev/null 2>"$ERR" || fail "casebook demo"
}

# id_of NAME [--all]: the id of the person of that name on Sam Patel's
# caseload (or anyone's, with --all), from the command line's list. The
# demo's invented names can repeat, so two matches fail the test.
id_of() {
	local ids
	ids=$("$CASEBOOK" -C "$WS" list ${2:-} --format=tsv |
		awk -F '\t' -v n="$1" '$2 == n { print $1 }')
	[ "$(echo "$ids" | wc -l)" = 1 ] || fail "more than one $1: $ids"
	echo "$ids"
}

# find_by_id ID: on "Everyone" (57 people in the demo), clears the
# search, searches for the id's first five characters and opens the one
# person found (the reason prompt for someone not on the caseload is the
# caller's to answer).
find_by_id() {
	keys X
	wait_for "(57 of 57)"
	keys /
	type_text "$(echo "$1" | cut -c1-5 | tr 'A-Z' 'a-z')"
	wait_for "(1 of 57)"
	keys Enter
	keys Enter
}

commits() {
	git -C "$WS/repo.git" rev-list --count main
}

# start [COLS ROWS [ENV...]]: casebook with no command, in a fresh tmux
# server. Its exit status is written to a file; the pane stays after it
# exits so the last screen can still be read.
start() {
	local cols=${1:-100} rows=${2:-30}
	shift 2 2>/dev/null || shift $#
	tmux -L "$SOCK" kill-server >/dev/null 2>&1 || :
	# Each start gets a server of its own: a new session asked of a
	# server that is still shutting down fails with "server exited
	# unexpectedly".
	starts=$((${starts:-0} + 1))
	SOCK="casebook-tui-$$-$(basename "$0" .sh)-$starts"
	: >"$ERR"
	# remain-on-exit from the configuration, so it is set before
	# casebook can exit.
	printf '%s\n' 'set -g remain-on-exit on' \
		'set -g status off' >"$T/tmux.conf"
	rm -f "$T/status" "$T/pid"
	# The inner shell records its pid and becomes casebook (exec), so
	# the pid file names casebook itself for kill.
	tmux -L "$SOCK" -f "$T/tmux.conf" new-session -d -s tui -x "$cols" -y "$rows" \
		"sh -c 'echo \$\$ >\"\$0\"; exec \"\$@\"' '$T/pid' \
		env TERM=xterm-256color LC_ALL=C.UTF-8 TZ=UTC CASEBOOK_TODAY=$TODAY \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		LSAN_OPTIONS=suppressions=$T/lsan.supp $* \
		'$CASEBOOK' -C '$WS' 2>'$ERR'; echo \$? >'$T/status.tmp'; mv '$T/status.tmp' '$T/status'"
}

keys() {
	tmux -L "$SOCK" send-keys -t tui "$@"
}

# type TEXT: literal text, spaces and all.
type_text() {
	tmux -L "$SOCK" send-keys -t tui -l "$1"
}

# wait_for TEXT [SECONDS]: until the screen shows TEXT (a fixed string).
wait_for() {
	local text=$1 limit=${2:-15} i=0
	while [ $i -lt $((limit * 10)) ]; do
		if screen | grep -qF -- "$text"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "the screen never showed \"$text\""
}

# wait_gone TEXT [SECONDS]: until the screen no longer shows TEXT.
wait_gone() {
	local text=$1 limit=${2:-15} i=0
	while [ $i -lt $((limit * 10)) ]; do
		if ! screen | grep -qF -- "$text"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "the screen still shows \"$text\""
}

# wait_exit [SECONDS]: until casebook has exited; prints its status.
wait_exit() {
	local limit=${1:-15} i=0
	while [ $i -lt $((limit * 10)) ]; do
		if [ -s "$T/status" ]; then
			cat "$T/status"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "casebook did not exit"
}

# pid: casebook's process id.
pid() {
	local i=0
	while [ ! -s "$T/pid" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	cat "$T/pid"
}

# no_sanitizer_reports: a leak or memory error found by the sanitizers
# fails the test.
no_sanitizer_reports() {
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$ERR"; then
		fail "sanitizer report on stderr"
	fi
}

# quit: leaves the workbench with Q and checks it exited cleanly.
quit() {
	keys Q
	local st
	st=$(wait_exit)
	[ "$st" = 0 ] || fail "casebook exited with status $st"
	no_sanitizer_reports
}
