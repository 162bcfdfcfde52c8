#!/bin/sh
# reindex_incremental.sh - an index brought up to date by applying only
# the new commits holds exactly what a rebuild from the first commit
# holds: after new saves, after commits made with plain git (one removing
# a record), after the branch was rewound and moved on differently, and
# after a sync merged another workspace's saves. A rebuild that applies
# stretches of the history side by side (CASEBOOK_REBUILD_PARTS) holds
# the same again. Compared as dumps of every table (row ids and the
# history's sequence numbers aside, its order kept).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v sqlite3 >/dev/null || fail "sqlite3 is needed (scripts/install-deps)"

dump() {
	sqlite3 "$1" <<'SQL'
.mode tabs
SELECT 'meta', key, value FROM meta ORDER BY key;
SELECT 'person', * FROM person ORDER BY id;
SELECT 'plan', * FROM plan ORDER BY person;
SELECT 'record', * FROM record ORDER BY person, type;
SELECT 'chronology', * FROM chronology ORDER BY person, id;
SELECT 'search', r.person, r.kind, coalesce(r.entry, ''), s.text
  FROM search_row r JOIN search s ON s.rowid = r.rowid ORDER BY 2, 3, 4, 5;
SELECT 'history', commit_id, person, type, author_name, author_email, time, tz,
  summary, fields, blob, coalesce(parents, 'NULL') FROM history ORDER BY seq;
SQL
}

# The index as it is now (brought up to date by a plain command), then a
# rebuild from nothing in a copy: the two must be the same.
same_as_rebuild() {
	cb -C "$WS" list --all --format=tsv >/dev/null
	out=$(cb -C "$WS" reindex)
	printf '%s\n' "$out" | grep -q "^Indexed 0 commits" || fail "$1: reindex of a current index: $out"
	dump "$WS/index.sqlite" >"$T/inc.dump"
	rm -rf "$T/copy"
	cp -a "$WS" "$T/copy"
	rm -f "$T/copy/index.sqlite" "$T/copy/index.sqlite-wal" "$T/copy/index.sqlite-shm"
	cb -C "$T/copy" reindex >/dev/null
	dump "$T/copy/index.sqlite" >"$T/full.dump"
	[ "$(grep -c '^history' "$T/full.dump")" -gt 0 ] || fail "$1: empty dump"
	cmp -s "$T/inc.dump" "$T/full.dump" ||
		fail "$1: caught-up index differs from a rebuild: $(diff "$T/full.dump" "$T/inc.dump" | head -20 | cli_safe)"
	for parts in 2 3 5; do
		rm -f "$T/copy/index.sqlite" "$T/copy/index.sqlite-wal" "$T/copy/index.sqlite-shm"
		CASEBOOK_REBUILD_PARTS=$parts cb -C "$T/copy" reindex >/dev/null
		dump "$T/copy/index.sqlite" >"$T/parts.dump"
		cmp -s "$T/parts.dump" "$T/full.dump" ||
			fail "$1: a rebuild in $parts stretches differs: $(diff "$T/full.dump" "$T/parts.dump" | head -20 | cli_safe)"
	done
}

new_ws ws
ZOE=$(cb -C "$WS" person add --name "Zoë Ådahl" --dob 2008-04-02 --status care-leaver)
AN=$(cb -C "$WS" person add --name "Nguyễn Văn An" --dob 2012-11-30 --status looked-after)
cb -C "$WS" chronology add "$ZOE" --date 2025-03-14 --event "Not registered with a GP." \
	--category health --significance high >/dev/null
same_as_rebuild "first saves"
BASE=$(tip)

# ---- new commits, by casebook and by plain git ----
cb -C "$WS" chronology add "$AN" --date 2025-04-02 --event "Moved placement." \
	--category placement-move >/dev/null
cb -C "$WS" person edit "$AN" --status child-protection >/dev/null
git_record "$ZOE" chronology >"$T/zoe"
printf '\nId: GITMADE1\nDate: 2025-05-01\nCategory: contact\nEvent: Phoned, made with plain git.\n' >>"$T/zoe"
git_commit_file "$ZOE" chronology "$T/zoe" "Add an entry with plain git" >/dev/null
cb -C "$WS" chronology add "$AN" --date 2025-04-09 --event "Second visit." \
	--category visit >/dev/null
# A record removed with plain git, then made again.
rm -f "$T/gitindex"
GIT_INDEX_FILE=$T/gitindex git -C "$REPO" read-tree main
printf '0 0000000000000000000000000000000000000000\t%s\n' "$(record_path "$AN" chronology)" |
	GIT_INDEX_FILE=$T/gitindex git -C "$REPO" update-index --index-info
gtree=$(GIT_INDEX_FILE=$T/gitindex git -C "$REPO" write-tree)
rm -f "$T/gitindex"
gold=$(tip)
gnew=$(printf 'Remove a chronology with plain git\n' | git -C "$REPO" commit-tree "$gtree" -p "$gold")
git -C "$REPO" update-ref refs/heads/main "$gnew" "$gold"
cb -C "$WS" chronology add "$AN" --date 2025-04-10 --event "Chronology started again." \
	--category other >/dev/null
cb -C "$WS" chronology add "$AN" --date 2025-04-11 --event "And one more." \
	--category visit >/dev/null
same_as_rebuild "new commits"

# ---- the branch rewound and moved on differently ----
git -C "$REPO" update-ref refs/heads/main "$BASE"
GWYN=$(cb -C "$WS" person add --name "Gwŷn ap Rhys" --dob 2007-01-09 --status care-leaver)
cb -C "$WS" chronology add "$GWYN" --date 2025-06-01 --event "Started college." \
	--category education >/dev/null
same_as_rebuild "rewound branch"

# ---- a sync that merges another workspace's saves ----
git init -q --bare "$T/remote.git"
git -C "$REPO" push -q "$T/remote.git" main
git -C "$REPO" remote add origin "$T/remote.git"
git -C "$REPO" fetch -q origin
cb clone --user "Ali Khan <ali.khan@example.org>" --quiet "$T/remote.git" "$T/other" ||
	fail "clone: $(cli_safe <"$T/err")"
cb -C "$T/other" chronology add "$ZOE" --date 2025-05-20 --event "Seen by the other team." \
	--category contact >/dev/null
cb -C "$T/other" person edit "$GWYN" --status looked-after >/dev/null
cb -C "$T/other" sync --quiet
cb -C "$WS" chronology add "$ZOE" --date 2025-05-21 --event "Seen by her worker." \
	--category contact >/dev/null
cb -C "$WS" sync --quiet
[ "$(git -C "$REPO" rev-list --merges --count main)" -ge 1 ] || fail "sync made no merge"
same_as_rebuild "merge from sync"

ok "an index caught up after new commits, a rewind and a sync merge equals a rebuild"
