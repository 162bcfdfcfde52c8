#!/bin/bash
# bench/run.sh - casebook at the scale of a local authority, measured
# against git and the sqlite3 command line in the same run.
#
#   bench/run.sh PATH/TO/casebook [PATH/TO/gen]
#
# Builds (or reuses from the cache) a workspace of 10,000 invented people
# and 100,000 commits, then times saves, a reindex from nothing and caseload
# lists, each next to the nearest thing plain git or sqlite3 does on the
# same data. Prints a table and writes the same figures as TSV. See
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
CACHE=${CASEBOOK_BENCH_DIR:-$builddir/bench/.cache}
RESULTS=${CASEBOOK_BENCH_RESULTS:-$builddir/bench/results.tsv}
TODAY=2026-11-01

# Everything below runs with a fixed today, UTC and a UTF-8 locale; no
# workspace or identity leaks in from the caller.
export CASEBOOK_TODAY=$TODAY TZ=UTC LC_ALL=C.UTF-8
unset CASEBOOK_DIR CASEBOOK_AUTHOR GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
command -v git >/dev/null || die "git is needed"
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
	for f in config.h libcbdb.a libcbcore.a; do
		[ -e "$builddir/$f" ] || die "$builddir/$f is missing: build casebook first"
	done
	if [ ! -x "$GEN" ] || [ "$srcdir/bench/gen.c" -nt "$GEN" ] ||
	   [ "$builddir/libcbdb.a" -nt "$GEN" ] || [ "$builddir/libcbcore.a" -nt "$GEN" ]; then
		mkdir -p "$builddir/bench"
		# shellcheck disable=SC2046,SC2086
		${CC:-cc} -std=c11 ${CFLAGS:--O2} -include "$builddir/config.h" \
			-I"$srcdir/db" -I"$srcdir/src" -I"$builddir/db" \
			-o "$GEN" "$srcdir/bench/gen.c" \
			"$builddir/libcbcore.a" "$builddir/libcbdb.a" \
			$(pkg-config --libs libgit2 sqlite3 2>/dev/null || echo -lgit2 -lsqlite3) ||
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
printf '%-26s %-6s %4s %10s %10s %7s  %s\n' "measurement" "stat" "runs" "casebook" "other" \
	"ratio" "other is"
for r in "${rows[@]}"; do
	IFS=$TAB read -r label stat n cb comp cu <<<"$r"
	printf '%-26s %-6s %4s %10s %10s %7s  %s\n' "$label" "$stat" "$n" "$(human "$cb")" \
		"$(human "$cu")" "$(ratio "$cb" "$cu")" "$comp"
done
echo
echo "ratio = casebook time / other time (below 1: casebook is faster). Every run is a"
echo "whole process, start-up included; medians and percentiles are nearest-rank."
echo "Results: $RESULTS"
echo "Workspace (index built, you are $CASELOAD_AUTHOR): casebook -C $RUN/ws list"
