#!/bin/bash
# bench/crypt.sh - encryption at rest measured against no encryption in the
# same run: save, list, log and reindex on two demo workspaces made by the
# same seed, one plain and one made with --encrypt (and unlocked), with
# the same people, records, dates and authors. Prints a table with the
# ratio encrypted / plain and writes the same figures as TSV.
#
#   bench/crypt.sh PATH/TO/casebook PATH/TO/gen
#
# Settings (environment):
#   CASEBOOK_BENCH_DIR            cache and scratch space (default:
#                                 bench/.cache next to the casebook binary)
#   CASEBOOK_BENCH_CRYPT_RESULTS  the TSV (default: bench/crypt.tsv next to
#                                 the casebook binary)
#   CASEBOOK_BENCH_CRYPT_PEOPLE   demo people (2000)
#   CASEBOOK_BENCH_CRYPT_SAVES    saves timed on each side (50)
#   CASEBOOK_BENCH_CRYPT_RUNS     runs of each list and log (20)
#   CASEBOOK_BENCH_CRYPT_REINDEX  runs of each reindex (3)
#
# The demo's records are invented; the passphrase below guards nothing
# but this benchmark's scratch workspace.

if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi
set -euo pipefail

die() {
	echo "bench/crypt: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: bench/crypt.sh PATH/TO/casebook PATH/TO/gen"
[ -x "$1" ] || die "$1: not an executable casebook"
[ -x "$2" ] || die "$2: not an executable generator"
CASEBOOK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
GEN=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
builddir=$(dirname "$CASEBOOK")

PEOPLE=${CASEBOOK_BENCH_CRYPT_PEOPLE:-2000}
SAVES=${CASEBOOK_BENCH_CRYPT_SAVES:-50}
RUNS=${CASEBOOK_BENCH_CRYPT_RUNS:-20}
REINDEX=${CASEBOOK_BENCH_CRYPT_REINDEX:-3}
CACHE=${CASEBOOK_BENCH_DIR:-$builddir/bench/.cache}
RESULTS=${CASEBOOK_BENCH_CRYPT_RESULTS:-$builddir/bench/crypt.tsv}
SEED=1
TODAY=2026-11-01
PASS='bench passphrase, not a secret'

export CASEBOOK_TODAY=$TODAY TZ=UTC LC_ALL=C.UTF-8
unset CASEBOOK_DIR CASEBOOK_AUTHOR GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
TAB=$'\t'

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }

# ---- the two workspaces: made once by the demo, then cached -------------

HERE=$CACHE/crypt-$("$CASEBOOK" --version | cut -d' ' -f2)-p$PEOPLE-s$SEED
if [ ! -f "$HERE/made" ]; then
	tmp=$HERE.tmp.$$
	rm -rf "$tmp"
	mkdir -p "$tmp"
	# shellcheck disable=SC2064
	trap "rm -rf '$tmp'" EXIT
	echo "bench/crypt: making two demo workspaces of $PEOPLE people in $HERE ..." >&2
	t0=$(now)
	"$CASEBOOK" demo --people "$PEOPLE" --seed "$SEED" "$tmp/plain" >/dev/null
	t1=$(now)
	printf '%s\n' "$PASS" | "$CASEBOOK" demo --encrypt --people "$PEOPLE" --seed "$SEED" \
		"$tmp/enc" >/dev/null
	t2=$(now)
	"$CASEBOOK" -C "$tmp/enc" lock >/dev/null
	{
		echo "T_PLAIN=$(secs "$t0" "$t1")"
		echo "T_ENC=$(secs "$t1" "$t2")"
		echo "COMMITS=$(git -C "$tmp/plain/repo.git" rev-list --count main)"
		echo "GENERATED_AT='$(date -u '+%Y-%m-%d %H:%M:%S UTC')'"
	} >"$tmp/made"
	rm -rf "$HERE"
	mv "$tmp" "$HERE"
	trap - EXIT
fi
# shellcheck disable=SC1090
. "$HERE/made"

# Scratch copies (saves change them); the encrypted one unlocked for the
# run and locked again whatever happens.
RUN=$HERE/run
rm -rf "$RUN"
mkdir -p "$RUN/times"
cp -a "$HERE/plain" "$RUN/plain"
cp -a "$HERE/enc" "$RUN/enc"
rm -f "$RUN/enc/agent.sock"
trap '"$CASEBOOK" -C "$RUN/enc" lock >/dev/null 2>&1 || true' EXIT
printf '%s\n' "$PASS" | "$CASEBOOK" -C "$RUN/enc" unlock --timeout 7200 >/dev/null
P=$RUN/plain
E=$RUN/enc

# Both workspaces must hold the same people and history.
"$CASEBOOK" -C "$P" list --all --format=tsv >"$RUN/people.plain"
"$CASEBOOK" -C "$E" list --all --format=tsv >"$RUN/people.enc"
cmp -s "$RUN/people.plain" "$RUN/people.enc" || die "the two demos list different people"
[ "$(git -C "$E/repo.git" rev-list --count main)" = "$COMMITS" ] || die "the demos differ in commits"
N_PEOPLE=$(($(wc -l <"$RUN/people.plain") - 1))

# The record with the most versions, for log.
HOT_PATH=$(git -C "$P/repo.git" log --format= --name-only main -- people |
	sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
HOT=$(echo "$HOT_PATH" | cut -d/ -f4)/$(echo "$HOT_PATH" | cut -d/ -f5)
HOT_N=$(git -C "$P/repo.git" rev-list --count main -- "$HOT_PATH")

# One script line from words, for "gen time": tab-separated.
line() {
	local IFS=$TAB
	printf '%s\n' "$*"
}
# timed NAME WARMUP < SCRIPT: the statistics "n min p50 p99 max mean".
timed() {
	"$GEN" time -w "$2" "$RUN/times/$1.us" 2>"$RUN/times/$1.err" ||
		{ cat "$RUN/times/$1.err" >&2; die "$1 failed"; }
	"$GEN" stats "$RUN/times/$1.us"
}
field() { echo "$1" | cut -d' ' -f"$2"; }

echo "bench/crypt: measuring (raw timings in $RUN/times) ..." >&2
# Each measurement on both sides one after the other, so that whatever
# else the machine is doing weighs on both alike.
both() {
	local name=$1 warm=$2 side
	shift 2
	for side in plain enc; do
		"$@" "$RUN/$side" | timed "${name}_$side" "$warm" >"$RUN/times/${name}_$side.stats"
	done
}
repeat() {
	local n=$1 w=$2 i
	shift 2
	for i in $(seq 0 "$n"); do line "$CASEBOOK" -C "$w" "$@"; done
}
lists() { repeat "$RUNS" "$1" list; }
lists_all() { repeat "$RUNS" "$1" list --all; }
logs() { repeat "$RUNS" "$1" log "$HOT"; }
logs_all() { repeat "$RUNS" "$1" log --since 2026-10-01; }
saves() {
	local i=0 id
	sed -n "2,$((SAVES + 2))p" "$RUN/people.plain" | cut -f1 | while read -r id; do
		line "$CASEBOOK" -C "$1" chronology add "$id" --date "2026-10-$(printf %02d $((i % 28 + 1)))" \
			--event "Home visit $i: seen alone; said things at home are calmer." \
			--category contact --significance low --source "Social worker"
		i=$((i + 1))
	done
}
reindexes() {
	local i
	for i in $(seq 1 "$REINDEX"); do line "$CASEBOOK" -C "$1" reindex --full; done
}
both list 1 lists
both listall 1 lists_all
both log 1 logs
both logall 1 logs_all
both save 1 saves
both reindex 0 reindexes
# The saves reached both alike.
[ "$(git -C "$P/repo.git" rev-list --count main)" = "$(git -C "$E/repo.git" rev-list --count main)" ] ||
	die "the two sides made different numbers of commits"

# ---- the table ----------------------------------------------------------

human() {
	awk -v u="$1" 'BEGIN {
		if (u < 1000) printf "%d us", u
		else if (u < 1000000) printf "%.1f ms", u / 1000
		else printf "%.2f s", u / 1e6 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }

rows=(
	"save: chronology add${TAB}save${TAB}3"
	"save: chronology add${TAB}save${TAB}4"
	"list: caseload${TAB}list${TAB}3"
	"list --all: $N_PEOPLE people${TAB}listall${TAB}3"
	"log ID/RECORD, $HOT_N versions${TAB}log${TAB}3"
	"log --since (a month, all people)${TAB}logall${TAB}3"
	"reindex --full, $COMMITS commits${TAB}reindex${TAB}3"
)
statname() { case $1 in 3) echo p50 ;; 4) echo p99 ;; esac; }

mkdir -p "$(dirname "$RESULTS")"
printf 'measurement\tstatistic\truns\tencrypted_us\tplain_us\tratio\tpeople\tcommits\tcasebook\n' >"$RESULTS"
echo
echo "casebook encryption at rest: demo of $N_PEOPLE invented people, $COMMITS commits," \
	"plain and --encrypt (seed $SEED)"
echo "  demo made in ${T_PLAIN} s plain, ${T_ENC} s encrypted ($GENERATED_AT)"
echo "  $(uname -sm), $(nproc) CPUs; $("$CASEBOOK" --version)"
echo
printf '%-38s %-5s %4s %10s %10s %7s\n' measurement stat runs encrypted plain ratio
for r in "${rows[@]}"; do
	IFS=$TAB read -r label key f <<<"$r"
	S_E=$(cat "$RUN/times/${key}_enc.stats")
	S_P=$(cat "$RUN/times/${key}_plain.stats")
	e=$(field "$S_E" "$f") p=$(field "$S_P" "$f") n=$(field "$S_E" 1)
	printf '%-38s %-5s %4s %10s %10s %7s\n' "$label" "$(statname "$f")" "$n" "$(human "$e")" \
		"$(human "$p")" "$(ratio "$e" "$p")"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$(statname "$f")" "$n" "$e" "$p" \
		"$(ratio "$e" "$p")" "$N_PEOPLE" "$COMMITS" "$("$CASEBOOK" --version | cut -d' ' -f2)" \
		>>"$RESULTS"
done
echo
echo "ratio = encrypted / plain, measured in this run; figures also in $RESULTS"
