# lib.sh - shared by the export tests (sourced after tests/e2e/lib.sh): the
# demo workspace the golden files are made from, and golden comparison.
#
# The golden files in tests/export/golden/ are the exports of
# `casebook demo --people 8 --seed 3` on CASEBOOK_TODAY=2025-06-01 with the
# production date pinned. When the demo data changes on purpose, remake
# them with UPDATE_GOLDEN=1 make check TESTS=tests/export/chronology.sh
# (and plan.sh), and read the diff before committing it.

GOLDEN=${top_srcdir:-$(dirname "$0")/../..}/tests/export/golden
ON=2025-06-01

# demo_ws: the demo workspace in $WS; CHILD is its first care leaver (who
# has a chronology and a pathway plan), SIB the first other child.
demo_ws() {
	WS=$T/demo
	REPO=$WS/repo.git
	"$CASEBOOK" demo "$WS" --people 8 --seed 3 >/dev/null 2>"$T/err" || fail "demo workspace"
	run -C "$WS" list --all --format=tsv
	[ "$rc" -eq 0 ] || fail "list the demo workspace"
	CHILD=$(awk -F'\t' 'NR > 1 && $4 == "care-leaver" { print $1; exit }' "$T/out")
	SIB=$(awk -F'\t' -v c="$CHILD" 'NR > 1 && $1 != c { print $1; exit }' "$T/out")
	is_id "$CHILD" || fail "the demo has a care leaver"
	is_id "$SIB" || fail "the demo has a second child"
}

# golden NAME FILE: FILE is byte for byte tests/export/golden/NAME (or,
# with UPDATE_GOLDEN=1, becomes it).
golden() {
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
		mkdir -p "$GOLDEN"
		cp "$2" "$GOLDEN/$1"
		echo "# updated golden $1"
		return 0
	fi
	[ -f "$GOLDEN/$1" ] || fail "no golden file $1 (UPDATE_GOLDEN=1 makes it)"
	if ! cmp -s "$GOLDEN/$1" "$2"; then
		diff -u "$GOLDEN/$1" "$2" | head -n 40 | sed 's/^/# /' | cli_safe
		fail "$1 differs from its golden file"
	fi
}

# nothing_written FILE...: none of the files exists.
nothing_written() {
	for f in "$@"; do
		[ ! -e "$f" ] || fail "$f was written by a failed export"
	done
}
