#!/bin/bash
# bench/run.sh - casebook at the scale of a local authority, measured
# against git and the sqlite3 command line in the same run.
#
#   bench/run.sh PATH/TO/casebook [PATH/TO/gen]
#
# Builds (or reuses from the cache) a workspace of 10,000 invented people
# and 100,000 commits, then times saves, a reindex from nothing, caseload
# lists, the history, blame and as-at of a record with hundreds of
# versions, the workbench on a terminal and a sync of 1,000 commits over
# git daemon, each next to the nearest thing plain git or sqlite3 does on
# the same data. Prints a table and writes the same figures as TSV. See
# bench/README.md for what each figure means.
#
# Settings (environment):
#   CASEBOOK_BENCH_DIR      cache and scratch space (default: bench/.cache
#                           next to the casebook binary)
#   CASEBOOK_BENCH_RESULTS  the TSV (default: bench/results.tsv next to the
#                           casebook binary)
#   CASEBOOK_BENCH_SEED     generator seed (1)
#   CASEBOOK_BENCH_PEOPLE   people (10000)
#   CASEBOOK_BENCH_COMMITS  commits (100000)
#   CASEBOOK_BENCH_SAVES    saves timed on each side (200)
#   CASEBOOK_BENCH_LISTS    runs of each list (20)
#   CASEBOOK_BENCH_REINDEX  runs of each reindex (3)
#   CASEBOOK_BENCH_HISTORY  runs of log, blame and as-at (20)
#   CASEBOOK_BENCH_GIT_HISTORY  runs of git log without a commit-graph (5)
#   CASEBOOK_BENCH_TUI      workbench start-ups timed (20)
#   CASEBOOK_BENCH_TUI_PEOPLE  people searched for and opened (10)
#   CASEBOOK_BENCH_SYNC_COMMITS  new commits pushed and fetched (1000)
#   CASEBOOK_BENCH_SYNC_RUNS  syncs timed on each side (3)
#   CASEBOOK_BENCH_GENERATE_ONLY  1: make (or check) the cached workspace,
#                           measure nothing
#   CC, CFLAGS              to build the generator when it is not given

# Variables in capitals not set here come from the generator's info file.
# shellcheck disable=SC2154

if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi
set -euo pipefail

die() {
	echo "bench: $*" >&2
	exit 1
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	die "usage: bench/run.sh PATH/TO/casebook [PATH/TO/gen]"
fi
[ -x "$1" ] || die "$1: not an executable casebook"
CASEBOOK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
builddir=$(dirname "$CASEBOOK")
srcdir=$(cd "$(dirname "$0")/.." && pwd)

SEED=${CASEBOOK_BENCH_SEED:-1}
PEOPLE=${CASEBOOK_BENCH_PEOPLE:-10000}
COMMITS=${CASEBOOK_BENCH_COMMITS:-100000}
SAVES=${CASEBOOK_BENCH_SAVES:-200}
LISTS=${CASEBOOK_BENCH_LISTS:-20}
REINDEX=${CASEBOOK_BENCH_REINDEX:-3}
HISTORY=${CASEBOOK_BENCH_HISTORY:-20}
GIT_HISTORY=${CASEBOOK_BENCH_GIT_HISTORY:-5}
TUI_RUNS=${CASEBOOK_BENCH_TUI:-20}
TUI_PEOPLE=${CASEBOOK_BENCH_TUI_PEOPLE:-10}
SYNC_COMMITS=${CASEBOOK_BENCH_SYNC_COMMITS:-1000}
SYNC_RUNS=${CASEBOOK_BENCH_SYNC_RUNS:-3}
CACHE=${CASEBOOK_BENCH_DIR:-$builddir/bench/.cache}
RESULTS=${CASEBOOK_BENCH_RESULTS:-$builddir/bench/results.tsv}
TODAY=2026-11-01

# Everything below runs with a fixed today, UTC and a UTF-8 locale; no
# workspace or identity leaks in from the caller.
export CASEBOOK_TODAY=$TODAY TZ=UTC LC_ALL=C.UTF-8
unset CASEBOOK_DIR CASEBOOK_AUTHOR GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
command -v git >/dev/null || die "git is needed"
command -v tmux >/dev/null || die "tmux is needed (the workbench's keys are sent through it)"
have_sqlite3=1
command -v sqlite3 >/dev/null || have_sqlite3=0

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }

# ---- the generator ----------------------------------------------------

if [ $# -eq 2 ]; then
	GEN=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
	[ -x "$GEN" ] || die "$2: not an executable generator"
else
	# Not given: build it against the libraries next to casebook.
	GEN=$builddir/bench/gen
	for f in config.h libcbdb.a libcbcore.a libcbread.a; do
		[ -e "$builddir/$f" ] || die "$builddir/$f is missing: build casebook first"
	done
	if [ ! -x "$GEN" ] || [ "$srcdir/bench/gen.c" -nt "$GEN" ] ||
	   [ "$builddir/libcbdb.a" -nt "$GEN" ] || [ "$builddir/libcbcore.a" -nt "$GEN" ] ||
	   [ "$builddir/libcbread.a" -nt "$GEN" ]; then
		mkdir -p "$builddir/bench"
		# shellcheck disable=SC2046,SC2086
		${CC:-cc} -std=c11 ${CFLAGS:--O2} -include "$builddir/config.h" \
			-I"$srcdir/db" -I"$srcdir/src" -I"$builddir/db" \
			-o "$GEN" "$srcdir/bench/gen.c" \
			"$builddir/libcbcore.a" "$builddir/libcbdb.a" "$builddir/libcbread.a" \
			$(pkg-config --libs libgit2 sqlite3 libsodium 2>/dev/null || echo -lgit2 -lsqlite3 -lsodium) ||
			die "cannot build the generator"
	fi
fi
GEN_VERSION=$("$GEN" version)

# ---- the workspace: generated once, then cached -------------------------

KEY=g$GEN_VERSION-s$SEED-p$PEOPLE-c$COMMITS
HERE=$CACHE/$KEY
WS=$HERE/ws

generate() {
	local tmp=$HERE.tmp.$$
	rm -rf "$tmp"
	mkdir -p "$tmp"
	# shellcheck disable=SC2064
	trap "rm -rf '$tmp'" EXIT
	echo "bench: generating $PEOPLE people and $COMMITS commits (seed $SEED) in $HERE ..." >&2
	"$CASEBOOK" init --user "Bench Generator <generator@example.org>" "$tmp/ws" >/dev/null
	local t0 t1 t2 t3
	t0=$(now)
	"$GEN" stream --seed "$SEED" --people "$PEOPLE" --commits "$COMMITS" --today "$TODAY" \
		--info "$tmp/info" --sample "$tmp/sample.tsv" |
		git -C "$tmp/ws/repo.git" fast-import --quiet --done
	t1=$(now)
	# One well-deltified pack, as a clone or fetch from a server gives.
	git -C "$tmp/ws/repo.git" repack -a -d -f -q
	t2=$(now)
	# shellcheck disable=SC1091
	. "$tmp/info"
	local name=${CASELOAD_AUTHOR% <*} email=${CASELOAD_AUTHOR##*<}
	email=${email%>}
	git -C "$tmp/ws/repo.git" config user.name "$name"
	git -C "$tmp/ws/repo.git" config user.email "$email"
	git -C "$tmp/ws/repo.git" config casebook.team "$CASELOAD_TEAM"
	# Opening the workspace builds the index.
	"$CASEBOOK" -C "$tmp/ws" list --all >/dev/null
	t3=$(now)
	# Checks: every commit is there, everyone is listed, the caseload is
	# exactly as generated.
	local n_commits n_all n_mine
	n_commits=$(git -C "$tmp/ws/repo.git" rev-list --count main)
	n_all=$("$CASEBOOK" -C "$tmp/ws" list --all --format=tsv | tail -n +2 | wc -l)
	n_mine=$("$CASEBOOK" -C "$tmp/ws" list --format=tsv | tail -n +2 | wc -l)
	[ "$n_commits" -eq "$COMMITS" ] || die "generated $n_commits commits, not $COMMITS"
	[ "$n_all" -eq "$PEOPLE" ] || die "list --all shows $n_all people, not $PEOPLE"
	[ "$n_mine" -eq "$CASELOAD_SIZE" ] || die "the caseload has $n_mine people, not $CASELOAD_SIZE"
	{
		cat "$tmp/info"
		echo "TIP=$(git -C "$tmp/ws/repo.git" rev-parse main)"
		echo "GENERATED_AT='$(date -u '+%Y-%m-%d %H:%M:%S UTC')'"
		echo "T_STREAM=$(secs "$t0" "$t1")"
		echo "T_REPACK=$(secs "$t1" "$t2")"
		echo "T_INDEX=$(secs "$t2" "$t3")"
		echo "PACK_BYTES=$(du -sb "$tmp/ws/repo.git/objects/pack" | cut -f1)"
		echo "INDEX_BYTES=$(stat -c %s "$tmp/ws/index.sqlite")"
		echo "GIT_MADE_WITH='$(git --version)'"
		echo "CASEBOOK_MADE_WITH='$("$CASEBOOK" --version)'"
	} >"$tmp/made"
	rm -rf "$HERE"
	mv "$tmp" "$HERE"
	trap - EXIT
}

if [ ! -f "$HERE/made" ]; then
	generate
	FRESH=1
else
	FRESH=0
fi
if [ "${CASEBOOK_BENCH_GENERATE_ONLY:-0}" = 1 ]; then
	echo "bench: workspace ready in $HERE"
	cat "$HERE/made"
	exit 0
fi
# shellcheck disable=SC1091
. "$HERE/made"
EMAIL=${CASELOAD_AUTHOR##*<}
EMAIL=${EMAIL%>}

# Someone may have saved into the cached workspace: put it back.
if [ "$(git -C "$WS/repo.git" rev-parse main)" != "$TIP" ]; then
	echo "bench: the cached workspace has moved on; resetting it to $TIP" >&2
	git -C "$WS/repo.git" update-ref refs/heads/main "$TIP"
fi
# Brings the cached index up to date (a newer casebook may rebuild it).
"$CASEBOOK" -C "$WS" list --all >/dev/null

echo
echo "casebook benchmark: $PEOPLE invented people, $COMMITS commits"
if [ "$FRESH" = 1 ]; then
	echo "  workspace generated now:"
else
	echo "  workspace from the cache ($HERE), generated $GENERATED_AT:"
fi
echo "    gen stream | git fast-import   ${T_STREAM} s  (generator $GEN_VERSION, seed $SEED, today $TODAY)"
echo "    git repack -a -d -f            ${T_REPACK} s  (pack $((PACK_BYTES / 1048576)) MiB)"
echo "    first casebook open (index)    ${T_INDEX} s  (index $((INDEX_BYTES / 1048576)) MiB)"
echo "    history $FIRST_COMMIT .. $LAST_COMMIT, tip $TIP"
echo "    $WORKERS workers in $TEAMS teams; people created $N_person_created," \
	"chronology entries $N_chronology_entries, genograms $N_genograms,"
echo "    pathway plans $N_plans_written (+$N_plan_reviews reviews), person updates" \
	"$((N_reallocations + N_detail_updates + N_closures)); largest record $LARGEST_RECORD_BYTES bytes"
echo "    caseload: $CASELOAD_AUTHOR, $CASELOAD_TEAM, $CASELOAD_SIZE people"
echo "  $(uname -sm), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')"
echo "  $("$CASEBOOK" --version); $(git --version); sqlite3 $(
	if [ "$have_sqlite3" = 1 ]; then sqlite3 --version | cut -d' ' -f1; else echo "not installed"; fi)"

# ---- scratch copies: the casebook workspace and a git clone ------------

RUN=$HERE/run
rm -rf "$RUN"
mkdir -p "$RUN/times"
cp -a "$WS" "$RUN/ws"
git clone -q --no-hardlinks "$WS/repo.git" "$RUN/clone"
CLONE=$RUN/clone
git -C "$CLONE" config user.name "${CASELOAD_AUTHOR% <*}"
git -C "$CLONE" config user.email "$EMAIL"
W=$RUN/ws
TAB=$'\t'
export CASEBOOK_AUTHOR=$CASELOAD_AUTHOR

# One script line from words: tab-separated, newlines as \n.
line() {
	local IFS=$TAB
	local out="$*"
	out=${out//\\/\\\\}
	printf '%s\n' "${out//$'\n'/\\n}"
}

# Runs a script (stdin) with the timer: timings of the runs to $1.us,
# the statistics "n min p50 p99 max mean" to stdout.
timed() {
	local name=$1 warm=$2
	"$GEN" time -w "$warm" "$RUN/times/$name.us" 2>"$RUN/times/$name.err" ||
		{ cat "$RUN/times/$name.err" >&2; die "$name failed"; }
	"$GEN" stats "$RUN/times/$name.us"
}

# Field k (1-based) of a stats line: 1 n, 2 min, 3 p50, 4 p99, 5 max, 6 mean.
field() { echo "$1" | cut -d' ' -f"$2"; }

# A copy of a workspace or a repository whose objects are hard links: git
# and libgit2 never change an object or a pack file, only add new ones
# and rename refs and config into place, so the copies cannot touch the
# original. Everything else (the index, refs, config) is copied.
hlcopy() {
	local src=$1 dst=$2 f
	cp -al "$src" "$dst"
	find "$dst" -type f ! -path '*/objects/*' -print0 |
		while IFS= read -r -d '' f; do cp -p --remove-destination "$src/${f#"$dst"/}" "$f"; done
}

rows=()
# row LABEL STAT RUNS CASEBOOK_US COMPARATOR COMPARATOR_US
row() {
	rows+=("$1$TAB$2$TAB$3$TAB$4$TAB$5$TAB$6")
}

echo
echo "bench: measuring (raw timings in $RUN/times) ..." >&2

# ---- c. lists: casebook list vs the same query through sqlite3 ----------

COLS="p.id, p.name, p.preferred_name, p.dob, p.gender, p.status, p.worker, p.pa, p.team,"
COLS="$COLS l.plan_date, l.last_review, l.next_review, l.needs_assessment"
COLS="$COLS FROM person p LEFT JOIN plan l ON l.person = p.id"
SQL_MINE="SELECT $COLS WHERE p.worker = '$EMAIL' COLLATE NOCASE OR p.pa = '$EMAIL' COLLATE NOCASE ORDER BY p.name, p.id"
SQL_ALL="SELECT $COLS ORDER BY p.name, p.id"

for i in $(seq 0 "$LISTS"); do line "$CASEBOOK" -C "$W" list; done |
	timed list_mine 1 >"$RUN/times/list_mine.stats"
for i in $(seq 0 "$LISTS"); do line "$CASEBOOK" -C "$W" list --all; done |
	timed list_all 1 >"$RUN/times/list_all.stats"
if [ "$have_sqlite3" = 1 ]; then
	for i in $(seq 0 "$LISTS"); do line sqlite3 "$W/index.sqlite" "$SQL_MINE"; done |
		timed sqlite_mine 1 >"$RUN/times/sqlite_mine.stats"
	for i in $(seq 0 "$LISTS"); do line sqlite3 "$W/index.sqlite" "$SQL_ALL"; done |
		timed sqlite_all 1 >"$RUN/times/sqlite_all.stats"
fi

# tmux and git daemon are started below; whatever happens, they stop.
TMUX_SOCK=casebook-bench-$$
tmux_cmd() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }
DAEMON_PID=
cleanup_run() {
	if command -v tmux >/dev/null; then tmux_cmd kill-server 2>/dev/null || true; fi
	if [ -n "$DAEMON_PID" ]; then
		kill "$DAEMON_PID" 2>/dev/null || true
		wait "$DAEMON_PID" 2>/dev/null || true
	fi
}
trap cleanup_run EXIT

# ---- d. history of one record: casebook log vs git log -- PATH ----------

# "gen time" takes the first "--" of a line as the end of the untimed
# preparation; "@rm --" (remove nothing) lets a timed git command have its own.

# The hot record: the chronology the generator gave hundreds of entries.
HOT=$HOT_PERSON/$HOT_RECORD
HOT_PATH=people/${HOT_PERSON:0:1}/${HOT_PERSON:1:1}/$HOT_PERSON/$HOT_RECORD
HOT_N=$("$CASEBOOK" -C "$W" log "$HOT" --format=tsv | tail -n +2 | wc -l)
GIT_N=$(git -C "$W/repo.git" rev-list --count main -- "$HOT_PATH")
[ "$HOT_N" -eq "$GIT_N" ] || die "$HOT: casebook log shows $HOT_N versions, git $GIT_N"
# A moment in the middle of the record's history, for as-at.
AT=$("$CASEBOOK" -C "$W" log "$HOT" --format=tsv | tail -n +2 |
	sed -n "$(( (HOT_N + 1) / 2 ))p" | cut -f2 | cut -c1-10)
AT_REV=$(git -C "$W/repo.git" log -1 --format=%H --before="$AT 23:59:59" main -- "$HOT_PATH")
AT_TIP=$(git -C "$W/repo.git" rev-list -1 --before="$AT 23:59:59" main)

# The cached repository has no commit-graph (fast-import and repack write
# none), so git is measured without one on the workspace's own copy, and
# with one on a copy that has it.
NOCG=$W/repo.git
[ ! -e "$NOCG/objects/info/commit-graph" ] && [ ! -d "$NOCG/objects/info/commit-graphs" ] ||
	die "$NOCG has a commit-graph: the 'without' case would not be honest"
CG=$RUN/cg.git
cp -a "$WS/repo.git" "$CG"
t0=$(now)
git -C "$CG" commit-graph write --reachable --changed-paths --no-progress
CG_SECS=$(secs "$t0" "$(now)")
CG_BYTES=$(du -cb "$CG"/objects/info/commit-graph* | tail -1 | cut -f1)

for i in $(seq 0 "$HISTORY"); do line "$CASEBOOK" -C "$W" log "$HOT"; done |
	timed log_casebook 1 >"$RUN/times/log_casebook.stats"
for i in $(seq 0 "$GIT_HISTORY"); do
	line @rm -- git -c core.commitGraph=false -C "$NOCG" log --oneline main -- "$HOT_PATH"
done | timed log_git_plain 1 >"$RUN/times/log_git_plain.stats"
for i in $(seq 0 "$HISTORY"); do line @rm -- git -C "$CG" log --oneline main -- "$HOT_PATH"; done |
	timed log_git_bloom 1 >"$RUN/times/log_git_bloom.stats"

# ---- e. blame and as-at of the hot record -------------------------------

for i in $(seq 0 "$HISTORY"); do line "$CASEBOOK" -C "$W" blame "$HOT"; done |
	timed blame_casebook 1 >"$RUN/times/blame_casebook.stats"
for i in $(seq 0 "$HISTORY"); do line @rm -- git -C "$CG" blame -s main -- "$HOT_PATH"; done |
	timed blame_git 1 >"$RUN/times/blame_git.stats"
for i in $(seq 0 "$HISTORY"); do line "$CASEBOOK" -C "$W" show "$HOT" --at "$AT"; done |
	timed asat_record_casebook 1 >"$RUN/times/asat_record_casebook.stats"
for i in $(seq 0 "$HISTORY"); do
	line @rm -- git -C "$CG" log -1 --format=%H "--before=$AT 23:59:59" main -- "$HOT_PATH" '&&' \
		git -C "$CG" show "$AT_REV:$HOT_PATH"
done | timed asat_record_git 1 >"$RUN/times/asat_record_git.stats"
for i in $(seq 0 "$HISTORY"); do line "$CASEBOOK" -C "$W" show "$HOT_PERSON" --at "$AT"; done |
	timed asat_person_casebook 1 >"$RUN/times/asat_person_casebook.stats"
for i in $(seq 0 "$HISTORY"); do
	line git -C "$CG" rev-list -1 "--before=$AT 23:59:59" main '&&' \
		git -C "$CG" archive "$AT_TIP" "people/${HOT_PERSON:0:1}/${HOT_PERSON:1:1}/$HOT_PERSON"
done | timed asat_person_git 1 >"$RUN/times/asat_person_git.stats"

# ---- f. the workbench on a terminal -------------------------------------

# Start-up to a drawn caseload: CASEBOOK_TUI_EXIT_AFTER_DRAW=1 on a
# pseudo-terminal made by "gen pty", next to the harness running true.
for i in $(seq 0 "$TUI_RUNS"); do
	line TERM=xterm-256color CASEBOOK_TUI_EXIT_AFTER_DRAW=1 "$GEN" pty 160 50 \
		"$CASEBOOK" -C "$W"
done | timed tui_start 1 >"$RUN/times/tui_start.stats"
for i in $(seq 0 "$TUI_RUNS"); do line "$GEN" pty 160 50 true; done |
	timed tui_harness 1 >"$RUN/times/tui_harness.stats"

# Keys, through tmux: the workbench appends "KEY MICROSECONDS" to
# CASEBOOK_TUI_TRACE after handling each key and updating the screen. Each
# key is sent only when the previous one is done, so none waits in a queue.
TRACE=$RUN/tui.trace
: >"$TRACE"
# key LABEL TMUX-KEY-ARGS...: sends a key, waits for its trace line and
# keeps its time under LABEL.
key() {
	local label=$1 before tries=0
	shift
	before=$(wc -l <"$TRACE")
	tmux_cmd send-keys -t bench "$@"
	while [ "$(wc -l <"$TRACE")" -le "$before" ]; do
		tries=$((tries + 1))
		[ "$tries" -lt 2000 ] || die "the workbench did not answer key $label ($*)"
		sleep 0.005
	done
	tail -n 1 "$TRACE" | cut -d' ' -f2 >>"$RUN/times/tui_$label.us"
}
rm -f "$RUN"/times/tui_{scope,search_open,search_key,search_accept,open_person,back,clear}.us \
	"$RUN"/times/tui_{chronology,history,other}.us
# tui_session DIR: the workbench on DIR in tmux session "bench", traced,
# once it has drawn.
tui_session() {
	local tries=0
	tmux_cmd new-session -d -s bench -x 160 -y 50 \
		"exec env CASEBOOK_TUI_TRACE='$TRACE' '$CASEBOOK' -C '$1'"
	until tmux_cmd capture-pane -p -t bench | grep -q '[[:alnum:]]'; do
		tries=$((tries + 1))
		[ "$tries" -lt 400 ] || die "the workbench did not start under tmux"
		sleep 0.05
	done
}
tui_session "$W"
# My caseload -> the team's -> everyone: the search then covers 10,000.
key scope t
key scope t
# Searches: the hot person first (the longest chronology), then people
# from the sample; each by surname, typed a letter at a time.
{
	awk -F'\t' -v id="$HOT_PERSON" '$1 == id { print $3 }' "$HERE/sample.tsv"
	tail -n "$TUI_PEOPLE" "$HERE/sample.tsv" | cut -f3
} | head -n "$TUI_PEOPLE" >"$RUN/tui_names"
while read -r name; do
	surname=${name##* }
	surname=${surname//[^[:alpha:]]/}
	key search_open /
	for ((k = 0; k < ${#surname}; k++)); do
		key search_key -l "${surname:k:1}"
	done
	key search_accept Enter
	key open_person Enter
	if [ -z "${hot_done:-}" ]; then
		# The first is the hot person: the history of their chronology
		# (HOT_N versions) as the workbench shows it, in the running
		# process, so without any process start-up.
		hot_done=1
		key chronology c
		for ((k = 0; k < 10; k++)); do
			key history h
			key other q
		done
		key other q
	fi
	key back q
	key clear X
done <"$RUN/tui_names"
tmux_cmd send-keys -t bench q
sleep 0.2
tmux_cmd kill-server 2>/dev/null || true
for a in scope search_open search_key search_accept open_person back clear \
	chronology history; do
	"$GEN" stats "$RUN/times/tui_$a.us" >"$RUN/times/tui_$a.stats"
done

# ---- f2. the caseload with alerts on and off ----------------------------

# The same workspace with a config/rules that turns every rule off (one
# more commit), next to W with the rules' defaults, in the same run:
# list --all (everyone with their next due, as a process), and the
# workbench's caseload of everyone (t from the team's to everyone: all
# the people loaded, their alerts worked out, sorted worst first).
OFF=$RUN/alerts-off
hlcopy "$W" "$OFF"
"$CASEBOOK" -C "$W" rules list |
	awk '/^[a-z]/ { printf "Rule: %s\nEnabled: no\n\n", $1 }' >"$RUN/rules-off"
printf 'cp "%s" "$1"\n' "$RUN/rules-off" >"$RUN/rules-editor"
VISUAL= EDITOR="sh $RUN/rules-editor" "$CASEBOOK" -C "$OFF" rules edit >/dev/null
N_ALERTS=$("$CASEBOOK" -C "$W" alerts --all --format=tsv | tail -n +2 | wc -l)
n_off=$("$CASEBOOK" -C "$OFF" alerts --all --format=tsv | tail -n +2 | wc -l)
[ "$N_ALERTS" -gt 0 ] || die "no alerts with the rules on"
[ "$n_off" -eq 0 ] || die "$n_off alerts with every rule off"
for i in $(seq 0 "$LISTS"); do line "$CASEBOOK" -C "$W" list --all; done |
	timed alerts_list_on 1 >"$RUN/times/alerts_list_on.stats"
for i in $(seq 0 "$LISTS"); do line "$CASEBOOK" -C "$OFF" list --all; done |
	timed alerts_list_off 1 >"$RUN/times/alerts_list_off.stats"
# caseload_keys DIR LABEL: TUI_RUNS times t (the team's), t (everyone:
# timed under LABEL), t (back to mine).
caseload_keys() {
	: >"$TRACE"
	rm -f "$RUN/times/tui_$2.us" "$RUN/times/tui_$2_rest.us"
	tui_session "$1"
	for ((k = 0; k < TUI_RUNS; k++)); do
		key "$2_rest" t
		key "$2" t
		key "$2_rest" t
	done
	tmux_cmd send-keys -t bench q
	sleep 0.2
	tmux_cmd kill-server 2>/dev/null || true
	"$GEN" stats "$RUN/times/tui_$2.us" >"$RUN/times/tui_$2.stats"
}
caseload_keys "$W" everyone_on
caseload_keys "$OFF" everyone_off

# ---- b. reindex from nothing vs git log --name-only ---------------------

for i in $(seq 1 "$REINDEX"); do
	line @rm "$W/index.sqlite" "$W/index.sqlite-wal" "$W/index.sqlite-shm" -- \
		"$CASEBOOK" -C "$W" reindex
done | timed reindex_fresh 0 >"$RUN/times/reindex_fresh.stats"
for i in $(seq 1 "$REINDEX"); do line "$CASEBOOK" -C "$W" reindex; done |
	timed reindex_present 0 >"$RUN/times/reindex_present.stats"
for i in $(seq 1 "$REINDEX"); do
	line git -C "$W/repo.git" log --name-only '--format=%H%n%an%n%at' main
done | timed git_log 0 >"$RUN/times/git_log.stats"

# ---- a. saves: casebook chronology add vs git add + git commit ----------

# The same people on every side, one more than measured for the warm-up.
head -n $((SAVES + 1)) "$HERE/sample.tsv" >"$RUN/people.tsv"
[ "$(wc -l <"$RUN/people.tsv")" -eq $((SAVES + 1)) ] || die "not enough people in the sample"

save_event() { echo "Home visit $1: seen alone; said things at home are calmer since the last review."; }
save_date() { printf '2026-10-%02d' $(( $1 % 28 + 1 )); }

i=0
while IFS=$TAB read -r id path name; do
	line "$CASEBOOK" -C "$W" chronology add "$id" --date "$(save_date $i)" \
		--event "$(save_event $i)" --category contact --significance low \
		--source "Social worker"
	i=$((i + 1))
done <"$RUN/people.tsv" | timed save_casebook 1 >"$RUN/times/save_casebook.stats"

git_saves() {
	local tag=$1 i=0 id path name eid d
	while IFS=$TAB read -r id path name; do
		eid=$(printf 'BENCH-%s-%04d' "$tag" "$i")
		d=$(save_date $i)
		line @append "$CLONE/$path" "
Id: $eid
Date: $d
Category: contact
Significance: low
Source: Social worker
Event: $(save_event $i)
Entered: $TODAY
Recorded-By: $CASELOAD_AUTHOR
" -- git -C "$CLONE" add "$path" '&&' git -C "$CLONE" commit -q \
			-m "Add chronology entry $d (contact) for $name" \
			-m "Record: $id/chronology
Fields: +$eid"
		i=$((i + 1))
	done <"$RUN/people.tsv"
}
# Durable like a casebook save: objects and the branch reach the disk.
git -C "$CLONE" config core.fsync committed
git -C "$CLONE" config core.fsyncMethod fsync
git_saves sync | timed save_git_fsync 1 >"$RUN/times/save_git_fsync.stats"
# git's defaults: loose objects and refs are not flushed.
git -C "$CLONE" config --unset core.fsync
git -C "$CLONE" config --unset core.fsyncMethod
git_saves default | timed save_git_default 1 >"$RUN/times/save_git_default.stats"

# ---- g. sync: 1,000 new commits over git daemon, casebook vs git --------

SY=$RUN/sync
mkdir -p "$SY/srv"
git init -q --bare "$SY/srv/probe.git"
DAEMON_PORT=
for try in 1 2 3 4 5 6 7 8; do
	port=$(( 40000 + $(od -An -N2 -tu2 /dev/urandom) % 20000 ))
	git daemon --enable=receive-pack --export-all --base-path="$SY/srv" \
		--listen=127.0.0.1 --port="$port" --reuseaddr >"$SY/daemon.log" 2>&1 &
	DAEMON_PID=$!
	for w in $(seq 1 30); do
		if git ls-remote "git://127.0.0.1:$port/probe.git" >/dev/null 2>&1; then
			DAEMON_PORT=$port
			break 2
		fi
		kill -0 "$DAEMON_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill "$DAEMON_PID" 2>/dev/null || true
	wait "$DAEMON_PID" 2>/dev/null || true
	DAEMON_PID=
done
[ -n "$DAEMON_PORT" ] || { cat "$SY/daemon.log" >&2; die "cannot start git daemon"; }
URL=git://127.0.0.1:$DAEMON_PORT

# The 1,000 new commits: real saves in a copy of the workspace, one
# chronology entry each for people from the sample.
hlcopy "$WS" "$SY/a0"
tail -n "$SYNC_COMMITS" "$HERE/sample.tsv" >"$SY/people.tsv"
while [ "$(wc -l <"$SY/people.tsv")" -lt "$SYNC_COMMITS" ]; do
	cat "$SY/people.tsv" "$SY/people.tsv" | head -n "$SYNC_COMMITS" >"$SY/people.tmp"
	mv "$SY/people.tmp" "$SY/people.tsv"
done
i=0
while IFS=$TAB read -r id path name; do
	line "$CASEBOOK" -C "$SY/a0" chronology add "$id" --date "$(save_date $i)" \
		--event "Sync bench $i: phone call with the school about attendance." \
		--category contact --significance low --source "School"
	i=$((i + 1))
done <"$SY/people.tsv" | timed sync_make 0 >"$RUN/times/sync_make.stats"
NEW_TIP=$(git -C "$SY/a0/repo.git" rev-parse main)
[ "$(git -C "$SY/a0/repo.git" rev-list --count "$TIP..$NEW_TIP")" -eq "$SYNC_COMMITS" ] ||
	die "expected $SYNC_COMMITS new commits"

# Per run: for casebook a remote at TIP, the pushing workspace (the 1,000
# commits ahead) and a fetching one (at TIP); for git the same three as
# plain repositories. Both sides have synced TIP before
# (refs/remotes/origin/main), as a workspace in daily use has.
for r in $(seq 1 "$SYNC_RUNS"); do
	for side in cb git; do
		hlcopy "$WS/repo.git" "$SY/srv/$side$r.git"
		git -C "$SY/srv/$side$r.git" config receive.denyNonFastForwards true
	done
	hlcopy "$SY/a0" "$SY/a$r"
	hlcopy "$WS" "$SY/b$r"
	hlcopy "$WS" "$SY/c$r"
	hlcopy "$SY/a0/repo.git" "$SY/ga$r.git"
	hlcopy "$WS/repo.git" "$SY/gb$r.git"
	for d in "$SY/a$r/repo.git" "$SY/b$r/repo.git" "$SY/ga$r.git" "$SY/gb$r.git"; do
		git -C "$d" remote remove origin 2>/dev/null || true
	done
	for d in "$SY/a$r" "$SY/b$r" "$SY/c$r"; do
		git -C "$d/repo.git" remote add origin "$URL/cb$r.git"
		git -C "$d/repo.git" update-ref refs/remotes/origin/main "$TIP"
	done
	for d in "$SY/ga$r.git" "$SY/gb$r.git"; do
		git -C "$d" remote add origin "$URL/git$r.git"
		git -C "$d" update-ref refs/remotes/origin/main "$TIP"
	done
done
for r in $(seq 1 "$SYNC_RUNS"); do line "$CASEBOOK" -C "$SY/a$r" sync --quiet; done |
	timed sync_push_casebook 0 >"$RUN/times/sync_push_casebook.stats"
for r in $(seq 1 "$SYNC_RUNS"); do line git -C "$SY/ga$r.git" push -q origin main; done |
	timed sync_push_git 0 >"$RUN/times/sync_push_git.stats"
for r in $(seq 1 "$SYNC_RUNS"); do line "$CASEBOOK" -C "$SY/b$r" sync --quiet; done |
	timed sync_fetch_casebook 0 >"$RUN/times/sync_fetch_casebook.stats"
for r in $(seq 1 "$SYNC_RUNS"); do line git -C "$SY/gb$r.git" fetch -q --no-tags origin; done |
	timed sync_fetch_git 0 >"$RUN/times/sync_fetch_git.stats"
# The same indexing alone: a third workspace at TIP fetches the commits
# with git and moves main (not timed), then `casebook reindex` catches the
# index up with them (timed). git fetch + this is what a sync that only
# fetches and indexes cannot beat.
for r in $(seq 1 "$SYNC_RUNS"); do
	line git -C "$SY/c$r/repo.git" fetch -q --no-tags origin \
		"&&" git -C "$SY/c$r/repo.git" update-ref refs/heads/main refs/remotes/origin/main \
		-- "$CASEBOOK" -C "$SY/c$r" reindex
done | timed sync_index_alone 0 >"$RUN/times/sync_index_alone.stats"
for r in $(seq 1 "$SYNC_RUNS"); do
	for d in "$SY/srv/cb$r.git" "$SY/srv/git$r.git" "$SY/b$r/repo.git"; do
		[ "$(git -C "$d" rev-parse main)" = "$NEW_TIP" ] || die "$d: main is not the pushed tip"
	done
	[ "$(git -C "$SY/gb$r.git" rev-parse origin/main)" = "$NEW_TIP" ] ||
		die "$SY/gb$r.git: the fetch did not bring the tip"
	[ "$(git -C "$SY/c$r/repo.git" rev-parse main)" = "$NEW_TIP" ] ||
		die "$SY/c$r: the fetch did not bring the tip"
done
kill "$DAEMON_PID" 2>/dev/null || true
wait "$DAEMON_PID" 2>/dev/null || true
DAEMON_PID=

# ---- the table ----------------------------------------------------------

st() { cat "$RUN/times/$1.stats"; }
S_CB=$(st save_casebook) S_GF=$(st save_git_fsync) S_GD=$(st save_git_default)
row "save: chronology add" p50 "$(field "$S_CB" 1)" \
	"$(field "$S_CB" 3)" "git add && git commit, core.fsync=committed" "$(field "$S_GF" 3)"
row "save: chronology add" p99 "$(field "$S_CB" 1)" \
	"$(field "$S_CB" 4)" "git add && git commit, core.fsync=committed" "$(field "$S_GF" 4)"
row "save: chronology add" p50 "$(field "$S_CB" 1)" \
	"$(field "$S_CB" 3)" "git add && git commit, git's default fsync" "$(field "$S_GD" 3)"
row "save: chronology add" p99 "$(field "$S_CB" 1)" \
	"$(field "$S_CB" 4)" "git add && git commit, git's default fsync" "$(field "$S_GD" 4)"
R_F=$(st reindex_fresh) R_P=$(st reindex_present) G_L=$(st git_log)
row "reindex from nothing" median "$(field "$R_F" 1)" \
	"$(field "$R_F" 3)" "git log --name-only --format=%H%n%an%n%at" "$(field "$G_L" 3)"
row "reindex, index present" median "$(field "$R_P" 1)" \
	"$(field "$R_P" 3)" "git log --name-only --format=%H%n%an%n%at" "$(field "$G_L" 3)"
L_M=$(st list_mine) L_A=$(st list_all)
if [ "$have_sqlite3" = 1 ]; then
	Q_M=$(st sqlite_mine) Q_A=$(st sqlite_all)
	row "list: caseload of $CASELOAD_SIZE" median "$(field "$L_M" 1)" "$(field "$L_M" 3)" \
		"sqlite3 CLI, same query" "$(field "$Q_M" 3)"
	row "list --all: $PEOPLE people" median "$(field "$L_A" 1)" "$(field "$L_A" 3)" \
		"sqlite3 CLI, same query" "$(field "$Q_A" 3)"
else
	row "list: caseload of $CASELOAD_SIZE" median "$(field "$L_M" 1)" "$(field "$L_M" 3)" \
		"sqlite3 CLI not installed" ""
	row "list --all: $PEOPLE people" median "$(field "$L_A" 1)" "$(field "$L_A" 3)" \
		"sqlite3 CLI not installed" ""
fi
A_N=$(st alerts_list_on) A_F=$(st alerts_list_off)
row "list --all, alerts on ($N_ALERTS)" median "$(field "$A_N" 1)" "$(field "$A_N" 3)" \
	"the same, every rule off in config/rules" "$(field "$A_F" 3)"
A_N=$(st tui_everyone_on) A_F=$(st tui_everyone_off)
row "tui: caseload of $PEOPLE, alerts on" p50 "$(field "$A_N" 1)" "$(field "$A_N" 3)" \
	"the same, every rule off in config/rules" "$(field "$A_F" 3)"
row "tui: caseload of $PEOPLE, alerts on" max "$(field "$A_N" 1)" "$(field "$A_N" 5)" \
	"the same, every rule off in config/rules" "$(field "$A_F" 5)"
H_C=$(st log_casebook) H_P=$(st log_git_plain) H_B=$(st log_git_bloom)
row "log ID/RECORD, $HOT_N versions" median "$(field "$H_C" 1)" "$(field "$H_C" 3)" \
	"git log --oneline -- PATH, no commit-graph" "$(field "$H_P" 3)"
row "log ID/RECORD, $HOT_N versions" median "$(field "$H_C" 1)" "$(field "$H_C" 3)" \
	"git log --oneline -- PATH, commit-graph + Bloom" "$(field "$H_B" 3)"
B_C=$(st blame_casebook) B_G=$(st blame_git)
row "blame ID/RECORD" p50 "$(field "$B_C" 1)" "$(field "$B_C" 3)" \
	"git log --oneline -- PATH, Bloom (reference)" "$(field "$H_B" 3)"
row "blame ID/RECORD" p99 "$(field "$B_C" 1)" "$(field "$B_C" 4)" \
	"git log --oneline -- PATH, Bloom (reference)" "$(field "$H_B" 4)"
row "blame ID/RECORD" p50 "$(field "$B_C" 1)" "$(field "$B_C" 3)" \
	"git blame -- PATH (lines, not fields), Bloom" "$(field "$B_G" 3)"
A_C=$(st asat_record_casebook) A_G=$(st asat_record_git)
row "show ID/RECORD --at DATE" p50 "$(field "$A_C" 1)" "$(field "$A_C" 3)" \
	"git log -1 --before -- PATH && git show, Bloom" "$(field "$A_G" 3)"
row "show ID/RECORD --at DATE" p99 "$(field "$A_C" 1)" "$(field "$A_C" 4)" \
	"git log -1 --before -- PATH && git show, Bloom" "$(field "$A_G" 4)"
P_C=$(st asat_person_casebook) P_G=$(st asat_person_git)
row "show ID --at DATE" p50 "$(field "$P_C" 1)" "$(field "$P_C" 3)" \
	"git rev-list -1 --before && git archive DIR" "$(field "$P_G" 3)"
row "show ID --at DATE" p99 "$(field "$P_C" 1)" "$(field "$P_C" 4)" \
	"git rev-list -1 --before && git archive DIR" "$(field "$P_G" 4)"
T_S=$(st tui_start) T_H=$(st tui_harness)
row "tui: start-up to caseload" p50 "$(field "$T_S" 1)" "$(field "$T_S" 3)" \
	"gen pty true: the pty harness alone" "$(field "$T_H" 3)"
row "tui: start-up to caseload" max "$(field "$T_S" 1)" "$(field "$T_S" 5)" \
	"gen pty true: the pty harness alone" "$(field "$T_H" 5)"
for a in "scope:t (to team, to everyone)" "search_open:/ (open the search)" \
	"search_key:search keystroke" "search_accept:Enter (accept search)" \
	"open_person:Enter (open the person)" "back:q (back to the list)" \
	"clear:X (clear the search)" "chronology:c (the hot chronology)"; do
	K=$(st "tui_${a%%:*}")
	row "tui: ${a#*:}" p50 "$(field "$K" 1)" "$(field "$K" 3)" "key read to screen updated" ""
	row "tui: ${a#*:}" max "$(field "$K" 1)" "$(field "$K" 5)" "key read to screen updated" ""
done
K=$(st tui_history)
row "tui: h (history, $HOT_N versions)" p50 "$(field "$K" 1)" "$(field "$K" 3)" \
	"git log --oneline -- PATH, commit-graph + Bloom" "$(field "$H_B" 3)"
row "tui: h (history, $HOT_N versions)" max "$(field "$K" 1)" "$(field "$K" 5)" \
	"git log --oneline -- PATH, commit-graph + Bloom" "$(field "$H_B" 5)"
Y_CP=$(st sync_push_casebook) Y_GP=$(st sync_push_git)
Y_CF=$(st sync_fetch_casebook) Y_GF=$(st sync_fetch_git)
row "sync: push $SYNC_COMMITS commits" median "$(field "$Y_CP" 1)" "$(field "$Y_CP" 3)" \
	"git push, same git:// daemon" "$(field "$Y_GP" 3)"
row "sync: fetch $SYNC_COMMITS commits" median "$(field "$Y_CF" 1)" "$(field "$Y_CF" 3)" \
	"git fetch, same git:// daemon" "$(field "$Y_GF" 3)"
Y_IX=$(st sync_index_alone)
row "sync: fetch $SYNC_COMMITS commits" median "$(field "$Y_CF" 1)" "$(field "$Y_CF" 3)" \
	"git fetch + casebook reindex of them alone" \
	"$(( $(field "$Y_GF" 3) + $(field "$Y_IX" 3) ))"
row "reindex: the $SYNC_COMMITS fetched commits" median "$(field "$Y_IX" 1)" \
	"$(field "$Y_IX" 3)" "git fetch, same git:// daemon" "$(field "$Y_GF" 3)"

# Human units: us below 1 ms, ms below 1 s, else s.
human() {
	awk -v u="$1" 'BEGIN {
		if (u == "") { print "-"; exit }
		if (u < 1000) printf "%d us", u
		else if (u < 1000000) printf "%.1f ms", u / 1000
		else printf "%.2f s", u / 1e6 }'
}
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b == "" || b == 0) print "-"; else printf "%.2f", a / b }'
}

mkdir -p "$(dirname "$RESULTS")"
{
	printf 'measurement\tstatistic\truns\tcasebook_us\tcomparator\tcomparator_us\tratio\t'
	printf 'people\tcommits\tseed\tgenerator\ttip\tcasebook\tgit\n'
	for r in "${rows[@]}"; do
		IFS=$TAB read -r label stat n cb comp cu <<<"$r"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
			"$label" "$stat" "$n" "$cb" "$comp" "$cu" "$(ratio "$cb" "$cu")" \
			"$PEOPLE" "$COMMITS" "$SEED" "$GEN_VERSION" "$TIP" \
			"$("$CASEBOOK" --version | cut -d' ' -f2)" "$(git --version | cut -d' ' -f3)"
	done
} >"$RESULTS"

echo
printf '%-34s %-6s %4s %10s %10s %7s  %s\n' "measurement" "stat" "runs" "casebook" "other" \
	"ratio" "other is"
for r in "${rows[@]}"; do
	IFS=$TAB read -r label stat n cb comp cu <<<"$r"
	printf '%-34s %-6s %4s %10s %10s %7s  %s\n' "$label" "$stat" "$n" "$(human "$cb")" \
		"$(human "$cu")" "$(ratio "$cb" "$cu")" "$comp"
done
echo
echo "History of $HOT ($HOT_N versions): casebook log is $(ratio "$(field "$H_P" 3)" \
	"$(field "$H_C" 3)")x as fast as git log -- PATH without a commit-graph and" \
	"$(ratio "$(field "$H_B" 3)" "$(field "$H_C" 3)")x as fast with Bloom filters;" \
	"the workbench's history screen (no process start-up) is" \
	"$(ratio "$(field "$H_B" 3)" "$(field "$(st tui_history)" 3)")x as fast."
echo "As-at date $AT; commit-graph with Bloom filters written in $CG_SECS s" \
	"($((CG_BYTES / 1048576)) MiB). Sync: $SYNC_COMMITS commits made by casebook" \
	"chronology add on the $COMMITS-commit workspace, $SYNC_RUNS runs each side."
echo
# Peak memory: the largest resident set of any run of a row (gen time
# writes NAME.rss beside NAME.us, in KiB, a command's descendants
# included), casebook's against its comparator's.
rss_max() { "$GEN" stats "$RUN/times/$1.rss" | cut -d' ' -f5; }
mib() { awk -v k="$1" 'BEGIN { if (k == "") print "-"; else printf "%.1f MiB", k / 1024 }'; }
echo "Peak memory (RSS, the largest of the runs):"
printf '%-34s %10s %10s %7s  %s\n' "measurement" "casebook" "other" "ratio" "other is"
for m in "reindex from nothing|reindex_fresh|git_log|git log --name-only" \
	"reindex, index present|reindex_present|git_log|git log --name-only" \
	"tui: start-up to caseload|tui_start|tui_harness|gen pty true: the harness alone" \
	"list --all: $PEOPLE people|list_all|sqlite_all|sqlite3 CLI, same query" \
	"save: chronology add|save_casebook|save_git_fsync|git add && git commit" \
	"sync: fetch $SYNC_COMMITS commits|sync_fetch_casebook|sync_fetch_git|git fetch"; do
	IFS='|' read -r label mine theirs what <<<"$m"
	a=$(rss_max "$mine") b=$(rss_max "$theirs")
	printf '%-34s %10s %10s %7s  %s\n' "$label" "$(mib "$a")" "$(mib "$b")" \
		"$(ratio "$a" "$b")" "$what"
done
echo
echo "ratio = casebook time / other time (below 1: casebook is faster). Every run is a"
echo "whole process, start-up included, except the tui key rows (one running"
echo "workbench, key read to screen updated); medians and percentiles are nearest-rank."
echo "Results: $RESULTS"
echo "Workspace (index built, you are $CASELOAD_AUTHOR): casebook -C $RUN/ws list"
