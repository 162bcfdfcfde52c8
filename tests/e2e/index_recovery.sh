#!/bin/sh
# index_recovery.sh - the SQLite index is a cache: missing, garbage,
# damaged, behind the repository (commits made with plain git) or ahead
# of a rewritten branch, casebook recovers on its own, asks nothing, and
# shows exactly what git holds.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

new_ws ws
ZOE=$(cb -C "$WS" person add --name "Zoë Ådahl" --dob 2008-04-02 --status care-leaver)
AN=$(cb -C "$WS" person add --name "Nguyễn Văn An" --dob 2012-11-30 --status looked-after)
cb -C "$WS" chronology add "$ZOE" --date 2025-03-14 --event "Not registered with a GP." \
	--category health --significance high >/dev/null
cb -C "$WS" chronology add "$AN" --date 2025-04-02 --event "Moved placement." \
	--category placement-move >/dev/null
EARLY=$(tip)
cb -C "$WS" list --all --format=tsv >"$T/list.early"
GWYN=$(cb -C "$WS" person add --name "Gwŷn ap Rhys" --dob 2007-01-09 --status care-leaver)
cb -C "$WS" person edit "$AN" --status child-protection >/dev/null
cb -C "$WS" list --all --format=tsv >"$T/list.full"
cb -C "$WS" log --format=tsv >"$T/log.full"
[ "$(wc -l <"$T/list.full")" -eq 4 ] || fail "setup: $(cat "$T/list.full")"

# list/log must equal the saved output, without a prompt (stdin is
# /dev/null and a timeout guards against waiting).
same_as() {
	set +e
	timeout 60 "$CASEBOOK" -C "$WS" list --all --format=tsv >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	set -e
	sanitizer_check list
	[ "$rc" -eq 0 ] || fail "$2: list exited $rc"
	cmp -s "$T/out" "$1" || fail "$2: list differs: $(diff "$1" "$T/out" | cli_safe)"
}

# Rows of `log` must equal the record changes git has.
log_matches_git() {
	cb -C "$WS" log --format=tsv >/dev/null
	rows=$(tail -n +2 "$T/out" | wc -l)
	want=$(git -C "$REPO" log --format= --name-only refs/heads/main | grep -c '^people/' || :)
	[ "$rows" -eq "$want" ] || fail "$1: log has $rows rows, git $want record changes"
	for id in $ZOE $AN $GWYN; do
		dir=$(dirname "$(record_path "$id" x)")
		want=$(git -C "$REPO" log --format= --name-only refs/heads/main -- "$dir" | grep -c . || :)
		if [ "$want" -eq 0 ]; then
			# not in this history at all: not a person casebook knows
			cb_fails "no person" -C "$WS" log "$id" --format=tsv
			continue
		fi
		cb -C "$WS" log "$id" --format=tsv >/dev/null
		rows=$(tail -n +2 "$T/out" | wc -l)
		[ "$rows" -eq "$want" ] || fail "$1: log $id has $rows rows, git $want"
	done
}

rm_index() {
	rm -f "$WS/index.sqlite" "$WS/index.sqlite-wal" "$WS/index.sqlite-shm"
}

# ---- missing ----
rm_index
same_as "$T/list.full" "missing index"
[ -f "$WS/index.sqlite" ] || fail "index not made again"
[ "$(mode_of "$WS/index.sqlite")" = 600 ] || fail "index mode $(mode_of "$WS/index.sqlite")"
cb -C "$WS" log --format=tsv >/dev/null
cmp -s "$T/out" "$T/log.full" || fail "log differs after losing the index"
log_matches_git "missing index"
ok "a missing index is rebuilt"

# ---- garbage ----
rm_index
yes "Zoë's notes are not a database" | head -c 100000 >"$WS/index.sqlite"
same_as "$T/list.full" "garbage index"
log_matches_git "garbage index"
: >"$WS/index.sqlite"
same_as "$T/list.full" "empty index file"
ok "an index of garbage, or empty, is rebuilt"

# ---- damaged pages behind a good header ----
size=$(stat -c %s "$WS/index.sqlite")
[ "$size" -gt 8192 ] || fail "index only $size bytes"
yes "XXXXXXXXXXXXXXX" | head -c $((size - 4096)) |
	dd of="$WS/index.sqlite" bs=4096 seek=1 conv=notrunc 2>/dev/null
same_as "$T/list.full" "damaged index"
log_matches_git "damaged index"
ok "an index with damaged pages is rebuilt"

# ---- another version ----
sqlite3 "$WS/index.sqlite" "PRAGMA user_version = 99" || fail "cannot set user_version"
same_as "$T/list.full" "index of another version"
ok "an index of another version is rebuilt"

# ---- behind: commits made with plain git ----
# A new person, typed in canonical form and committed by git alone.
NEW=9XYZ00000A
cat >"$T/person" <<EOF
Record: person
Id: $NEW
Schema: 1
Name: Ellis Åberg
Date-Of-Birth: 2010-10-10
Status: early-help
Worker: amara.okafor@example.org
EOF
git_commit_file "$NEW" person "$T/person" "Add person Ellis Åberg (plain git)" >/dev/null
# and an existing record changed the same way
cb -C "$WS" show "$ZOE/person" >/dev/null
sed 's/^Status: care-leaver$/Status: closed/' "$T/out" >"$T/zoe"
grep -q -x "Status: closed" "$T/zoe" || fail "setup: sed"
git_commit_file "$ZOE" person "$T/zoe" "Close Zoë's case (plain git)" >/dev/null
set +e
timeout 60 "$CASEBOOK" -C "$WS" list --all --format=tsv >"$T/out" 2>"$T/err" </dev/null
rc=$?
set -e
[ "$rc" -eq 0 ] || fail "list after plain git commits exited $rc"
grep -q "^$NEW${TAB}Ellis Åberg${TAB}2010-10-10${TAB}early-help${TAB}amara.okafor@example.org${TAB}" "$T/out" ||
	fail "the plain git person is not listed: $(cat "$T/out")"
grep -q "^$ZOE${TAB}Zoë Ådahl${TAB}2008-04-02${TAB}closed${TAB}" "$T/out" ||
	fail "the plain git change is not listed"
[ "$(tail -n +2 "$T/out" | wc -l)" -eq 4 ] || fail "people: $(tail -n +2 "$T/out" | wc -l)"
cp "$T/out" "$T/list.behind"
cb -C "$WS" log "$ZOE/person" --format=tsv >/dev/null
sed -n 2p "$T/out" | cut -f1 | grep -q -x "$(tip)" || fail "log does not show the plain git commit first"
sed -n 2p "$T/out" | cut -f3,4,7 | grep -q -x "Ffion Hughes${TAB}ffion.hughes@example.org${TAB}Status" ||
	fail "plain git commit's history row: $(sed -n 2p "$T/out")"
cb -C "$WS" log "$NEW" --format=tsv >/dev/null
[ "$(tail -n +2 "$T/out" | wc -l)" -eq 1 ] || fail "log of the new person"
log_matches_git "behind"
# a fresh index agrees with the caught-up one
rm_index
same_as "$T/list.behind" "rebuilt after plain git commits"
ok "an index behind the repository catches up with commits made by plain git"

# ---- history rewritten ----
git -C "$REPO" update-ref refs/heads/main "$EARLY"
same_as "$T/list.early" "branch reset to an older commit"
log_matches_git "rewritten"
cb_fails "no person" -C "$WS" show "$GWYN/person"
ok "an index ahead of a rewritten branch is rebuilt"

# A branch replaced by unrelated history: an empty root commit.
empty_tree=$(git -C "$REPO" hash-object -t tree -w /dev/null)
root=$(echo "Start again" | git -C "$REPO" commit-tree "$empty_tree")
git -C "$REPO" update-ref refs/heads/main "$root"
run -C "$WS" list --all --format=tsv
[ "$rc" -eq 0 ] || fail "list on unrelated history exited $rc"
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "unrelated empty history still lists: $(cat "$T/out")"
cb -C "$WS" log --format=tsv >/dev/null
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "unrelated empty history still has a log"
ok "an index of unrelated history is rebuilt"

# ---- saves go on, and reindex agrees ----
git -C "$REPO" update-ref refs/heads/main "$EARLY"
cb -C "$WS" chronology add "$ZOE" --date 2025-05-20 --event "Back on track." >/dev/null
cb -C "$WS" list --all --format=tsv >"$T/list.now"
cb -C "$WS" log --format=tsv >"$T/log.now"
cb -C "$WS" reindex >/dev/null
cb -C "$WS" list --all --format=tsv >/dev/null
cmp -s "$T/out" "$T/list.now" || fail "reindex changed the list"
cb -C "$WS" log --format=tsv >/dev/null
cmp -s "$T/out" "$T/log.now" || fail "reindex changed the log"
log_matches_git "final"
git -C "$REPO" fsck --full --no-dangling >/dev/null 2>&1 || fail "fsck"
ok "after recovery, saves work and reindex changes nothing"

# ---- log on its own reads only the index, when the index is current ----
# It must still notice a commit made behind its back, loose ref or packed.
NEW2=9XYZ00000B
sed -e "s/^Id: $NEW\$/Id: $NEW2/" -e 's/^Name: .*/Name: Rhiannon Ödegaard/' "$T/person" >"$T/person2"
git_commit_file "$NEW2" person "$T/person2" "Add person Rhiannon Ödegaard (plain git)" >/dev/null
cb -C "$WS" log "$NEW2" --format=tsv >/dev/null
[ "$(tail -n +2 "$T/out" | wc -l)" -eq 1 ] || fail "log first after a plain git commit: $(cat "$T/out")"
cb -C "$WS" log --format=tsv >/dev/null
sed -n 2p "$T/out" | cut -f1 | grep -q -x "$(tip)" || fail "log does not start at the new tip"
git -C "$REPO" pack-refs --all
[ ! -e "$REPO/refs/heads/main" ] || fail "setup: the branch was not packed"
cb -C "$WS" log --format=tsv >/dev/null
sed -n 2p "$T/out" | cut -f1 | grep -q -x "$(tip)" || fail "log with a packed branch"
git -C "$REPO" update-ref refs/heads/main "$EARLY"
run -C "$WS" log "$NEW2" --format=tsv
[ "$rc" -ne 0 ] || [ "$(tail -n +2 "$T/out" | wc -l)" -eq 0 ] ||
	fail "log still shows a person the branch no longer has"
log_matches_git "log first"
ok "log alone follows commits and resets made with plain git"

echo "1..$n"
