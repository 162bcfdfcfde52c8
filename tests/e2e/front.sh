#!/bin/sh
# front.sh - `casebook` is a small front (src/front.c) that answers log
# and list from a current index without libgit2, libsodium or ncursesw,
# and hands everything else to the full program, casebook-full. Checked
# here:
#   - the front loads none of those libraries, and libcbread.a needs
#     nothing but what the front loads;
#   - log and list through the front say and do exactly what casebook-full
#     says and does (output, messages, exit status, the access log's note,
#     the reason asked on a terminal), for plain and TSV output, an id
#     prefix, filters, scopes and the errors;
#   - the front answers a current index itself (a copy of it with no full
#     program beside it still works) and hands over everything else: other
#     commands, a stale index, a config file too unusual to read plainly,
#     an encrypted workspace; with no full program to hand to, it says so
#     and exits 1.
# All names and records are invented (casebook demo).
. "$top_srcdir/tests/crypt/lib.sh"

FULL=$top_builddir/casebook-full
[ -x "$FULL" ] || fail "$FULL is not built"

# ---- what the front links ----------------------------------------------
ldd "$CASEBOOK" >"$T/ldd" 2>&1 || fail "ldd $CASEBOOK"
if grep -E 'libgit2|libsodium|ncurses|libtinfo|libssh2|libcrypto|mbed' "$T/ldd" | sed 's/^/# /' |
	grep .; then
	fail "the front loads a library it must not"
fi
grep -q libsqlite3 "$T/ldd" || fail "the front does not load SQLite: is $CASEBOOK the front?"
ok "the front loads SQLite and libc, not libgit2, libsodium or ncursesw"

# Every symbol libcbread.a leaves undefined is defined in it or in a
# library the front loads: nothing in it needs libgit2 or libsodium, even
# what the front does not use.
libs=$(sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p' "$T/ldd")
{ for l in $libs; do nm -D --defined-only "$l"; done; nm --defined-only "$top_builddir/libcbread.a"; } 2>/dev/null |
	awk 'NF >= 3 { print $3 }' | sed 's/@.*//' | sort -u >"$T/defined"
# (_GLOBAL_OFFSET_TABLE_ is the linker's own.)
nm -u "$top_builddir/libcbread.a" | awk 'NF == 2 { print $2 }' | sed 's/@.*//' |
	grep -v '^_GLOBAL_OFFSET_TABLE_$' | sort -u >"$T/needed"
comm -23 "$T/needed" "$T/defined" >"$T/missing"
if [ -s "$T/missing" ]; then
	sed 's/^/# /' "$T/missing" | head -n 20
	fail "libcbread.a needs symbols from outside what the front loads"
fi
ok "libcbread.a needs nothing but SQLite and libc"

# ---- the same answers through the front as from casebook-full ----------
"$CASEBOOK" demo "$T/d" >/dev/null 2>"$T/err" || fail "casebook demo"
D=$T/d
cb -C "$D" list --all --format=tsv | sed 1d >"$T/people"
ids=$(cut -f1 "$T/people")
# ID: a child on someone else's caseload (the author is Sam Patel), so
# that opening their records needs a reason; MINE: one of Sam's.
ID=$(awk -F '\t' '$5 != "sam.patel@example.org" { print $1; exit }' "$T/people")
MINE=$(awk -F '\t' '$5 == "sam.patel@example.org" { print $1; exit }' "$T/people")
is_id "$ID" && is_id "$MINE" || fail "the demo lacks a child of Sam's or of someone else's"
# The demo has 40 people and ids have 32 first characters: one is shared.
AMB=$(echo "$ids" | cut -c1 | sort | uniq -d | head -n 1)
[ -n "$AMB" ] || fail "no two demo people share a first character"
# The shortest prefix of ID that names only that person.
k=1
while [ "$(echo "$ids" | grep -c "^$(echo "$ID" | cut -c1-$k)")" -ne 1 ]; do k=$((k + 1)); done
PRE=$(echo "$ID" | cut -c1-$k | tr 'A-Z' 'a-z')
EMAIL=$(cb -C "$D" log "$ID" --format=tsv | sed -n 2p | cut -f4)
[ -n "$EMAIL" ] || fail "no author in $ID's history"
# The day of the person's first save.
FROM=$(cb -C "$D" log "$ID" --format=tsv | tail -n 1 | cut -f2 | cut -c1-10)

# The access log's newest line without its time.
last_note() {
	tail -n 1 "$1/access.pending" | cut -f2-
}

# same ARGS...: casebook ARGS through the front and casebook-full run
# directly: the same stdout, stderr and exit status, and the same note in
# the access log (or none from either).
same() {
	for p in front full; do
		[ $p = front ] && prog=$CASEBOOK || prog=$FULL
		lines=$(cat "$D/access.pending" 2>/dev/null | wc -l)
		set +e
		"$prog" "$@" >"$T/$p.out" 2>"$T/$p.err" </dev/null
		echo $? >"$T/$p.rc"
		set -e
		cp "$T/$p.err" "$T/err"
		sanitizer_check "$@"
		if [ "$(cat "$D/access.pending" 2>/dev/null | wc -l)" -gt "$lines" ]; then
			last_note "$D" >"$T/$p.note"
		else
			echo none >"$T/$p.note"
		fi
	done
	for f in out err rc note; do
		if ! cmp -s "$T/front.$f" "$T/full.$f"; then
			diff "$T/full.$f" "$T/front.$f" | head -n 10 | sed 's/^/# /'
			fail "casebook $*: the front's $f differs from casebook-full's"
		fi
	done
}

same -C "$D" log "$ID/chronology"
[ "$(cat "$T/front.rc")" = 0 ] && [ -s "$T/front.out" ] || fail "log $ID/chronology"
grep -q "^$ID	chronology	log	" "$T/front.note" || fail "the front's log left no access note"
ok "log ID/RECORD: the same output, status and access note"
same -C "$D" log "$ID/chronology" --format=tsv
same -C "$D" log --format=tsv "$ID"
ok "log --format=tsv, of a record and of a person"
same -C "$D" log "$PRE/chronology"
[ "$(cat "$T/front.rc")" = 0 ] || fail "log $PRE/chronology (a unique prefix in lower case)"
same -C "$D" log "$PRE"
ok "log by a unique id prefix ($PRE)"
same -C "$D" log "$ID" --author "$EMAIL" --format=tsv
same -C "$D" log "$ID" --author NOBODY@example.org
same -C "$D" log "$ID" --since "$FROM" --until 2030-01-01
same -C "$D" log "$ID" --since "$FROM"T12:00
same -C "$D" log --since 2025-01-01 --format=tsv
ok "log with --author, --since and --until"
same -C "$D" log "$AMB/chronology"
[ "$(cat "$T/front.rc")" = 1 ] && grep -q "matches more than one person" "$T/front.err" ||
	fail "an ambiguous prefix: status $(cat "$T/front.rc")"
same -C "$D" log 0000000000/chronology
[ "$(cat "$T/front.rc")" = 1 ] && grep -q "no person with id" "$T/front.err" ||
	fail "an unknown id: status $(cat "$T/front.rc")"
same -C "$D" log "$ID/nosuch"
same -C "$D" log "not an id"
same -C "$D" log "$ID" --since 2025-13-01
same -C "$D" log "$ID" --since 2025-02-01 --until 2025-01-01
same -C "$D" log "$ID" extra
[ "$(cat "$T/front.rc")" = 2 ] || fail "log with two arguments: status $(cat "$T/front.rc")"
same -C "$D" log --format=xml
same -C "$T/nowhere" log "$ID"
[ "$(cat "$T/front.rc")" = 1 ] || fail "log in a directory that is no workspace"
ok "log's errors: an ambiguous prefix, an unknown id or record, bad dates, usage, no workspace"

# The global options and $CASEBOOK_DIR as the full program reads them.
same "-C$D" log "$ID/chronology"
same --read-only -C "$D" log "$ID/person"
same -C "$T/nowhere" -C "$D" log "$ID/person"
(CASEBOOK_DIR=$D && export CASEBOOK_DIR && same log "$ID/chronology" --format=tsv)
(cd "$D" && same log "$ID/person")
same -C "$D" --version
same -C "$D" --help
same -C "$D" --bogus log "$ID"
same -C "$D" log --help
ok "-C DIR, -CDIR, --read-only, \$CASEBOOK_DIR, the current directory, --version, --help"

# Reasons for access: ID is not Sam's (the author), so the default policy
# asks on a terminal; with none, nothing is asked.
same -C "$D" log "$ID/chronology" --reason "Covering for the allocated worker"
grep -q "Covering for the allocated worker\$" "$T/front.note" || fail "--reason not logged"
git -C "$D/repo.git" config casebook.accessReason require
same -C "$D" log "$ID/chronology"
[ "$(cat "$T/front.rc")" = 1 ] && grep -q "requires a reason" "$T/front.err" &&
	[ "$(cat "$T/front.note")" = none ] || fail "accessReason=require without a reason"
same -C "$D" log "$ID/chronology" --reason "Duty desk"
[ "$(cat "$T/front.rc")" = 0 ] || fail "accessReason=require with --reason"
same -C "$D" log "$MINE/chronology"
[ "$(cat "$T/front.rc")" = 0 ] || fail "accessReason=require: a child on one's own caseload"
git -C "$D/repo.git" config casebook.accessReason off
same -C "$D" log "$ID/chronology"
git -C "$D/repo.git" config --unset casebook.accessReason
ok "accessReason ask (no terminal), require and off, and --reason"

if command -v script >/dev/null; then
	# On a terminal: the reason is asked on stderr and read from stdin.
	for p in front full; do
		[ $p = front ] && prog=$CASEBOOK || prog=$FULL
		printf 'Strategy meeting\n' | script -qec \
			"'$prog' -C '$D' log '$ID/chronology' >'$T/$p.out'; echo \$? >'$T/$p.rc'" \
			/dev/null >"$T/$p.tty" 2>&1 || :
		last_note "$D" >"$T/$p.note"
		grep -q "is not on your caseload" "$T/$p.tty" || fail "$p: no reason asked on a terminal"
	done
	for f in out rc note; do
		cmp -s "$T/front.$f" "$T/full.$f" || fail "a reason asked on a terminal: $f differs"
	done
	grep -q "Strategy meeting\$" "$T/front.note" || fail "the reason typed is not logged"
	ok "on a terminal the reason is asked and logged the same"
else
	ok "# SKIP script(1) missing: the reason asked on a terminal"
fi

# list: the caseload with due dates, from the index's facts and rules.
same -C "$D" list
[ "$(cat "$T/front.rc")" = 0 ] && [ -s "$T/front.out" ] || fail "list"
same -C "$D" list --all --format=tsv
same -C "$D" list --team
same -C "$D" list --all --team --format=text
same -C "$D" list extra
same -C "$D" list --format=xml
(CASEBOOK_AUTHOR="Nobody Here <nobody@example.org>" && export CASEBOOK_AUTHOR &&
	same -C "$D" list && same -C "$D" list --team)
(CASEBOOK_AUTHOR="not an identity" && export CASEBOOK_AUTHOR && same -C "$D" list)
ok "list, --all, --team, --format, a caseload of no one, a bad identity"

# A rules file that does not parse: every due date left out, and why.
printf 'this is not a rules file\n' >"$T/rules"
rblob=$(git -C "$D/repo.git" hash-object -w "$T/rules")
rm -f "$T/gitindex"
GIT_INDEX_FILE=$T/gitindex git -C "$D/repo.git" read-tree main
GIT_INDEX_FILE=$T/gitindex git -C "$D/repo.git" update-index --add --cacheinfo "100644,$rblob,config/rules"
rtree=$(GIT_INDEX_FILE=$T/gitindex git -C "$D/repo.git" write-tree)
rold=$(git -C "$D/repo.git" rev-parse main)
rnew=$(echo "A rules file that does not parse" | git -C "$D/repo.git" commit-tree "$rtree" -p "$rold")
git -C "$D/repo.git" update-ref refs/heads/main "$rnew" "$rold"
"$FULL" -C "$D" reindex >/dev/null 2>&1 || fail "reindex after the rules commit"
same -C "$D" list --all
[ "$(cat "$T/front.rc")" = 1 ] && grep -q "no due dates" "$T/front.err" && [ -s "$T/front.out" ] ||
	fail "list with a broken rules file: status $(cat "$T/front.rc")"
GIT_INDEX_FILE=$T/gitindex git -C "$D/repo.git" rm -q --cached config/rules
rtree=$(GIT_INDEX_FILE=$T/gitindex git -C "$D/repo.git" write-tree)
rold=$rnew
rnew=$(echo "The broken rules file removed" | git -C "$D/repo.git" commit-tree "$rtree" -p "$rold")
git -C "$D/repo.git" update-ref refs/heads/main "$rnew" "$rold"
rm -f "$T/gitindex"
same -C "$D" list --all
[ "$(cat "$T/front.rc")" = 0 ] || fail "list after the rules file was removed"
ok "list with a rules file that does not parse, and after it is removed"

# ---- what the front answers itself, and what it hands over -------------
# A copy of the front alone: no casebook-full beside it. Unless one is
# installed where the front looks next, it has nothing to hand over to.
mkdir "$T/alone"
cp "$CASEBOOK" "$T/alone/casebook"
ALONE=$T/alone/casebook
if [ -e "${pkglibexecdir:-/nonexistent}/casebook-full" ]; then
	ok "# SKIP $pkglibexecdir/casebook-full is installed: the front alone cannot be tried"
else
	"$FULL" -C "$D" log "$ID/chronology" >"$T/want" 2>"$T/err" </dev/null || fail "casebook-full log"
	set +e
	"$ALONE" -C "$D" log "$ID/chronology" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	set -e
	sanitizer_check alone log
	[ "$rc" -eq 0 ] || fail "the front alone could not answer log from a current index"
	cmp -s "$T/out" "$T/want" || fail "the front alone answers differently"
	set +e
	"$ALONE" -C "$D" list --all >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	[ "$rc" -eq 0 ] && [ -s "$T/out" ] || fail "the front alone could not answer list (status $rc)"
	ok "the front answers log and list from a current index itself"
	for args in "alerts --all" "--version" "" "show $ID/person"; do
		set +e
		# shellcheck disable=SC2086
		"$ALONE" -C "$D" $args >"$T/out" 2>"$T/err" </dev/null
		rc=$?
		set -e
		[ "$rc" -eq 1 ] || fail "the front alone, $args: status $rc"
		grep -q "^casebook: cannot find casebook-full, the rest of casebook" "$T/err" ||
			fail "the front alone, $args: no clear message"
		[ ! -s "$T/out" ] || fail "the front alone, $args: wrote to stdout"
	done
	ok "every other command is handed over; with nothing to hand to, a clear message and status 1"
	# A config file libgit2 must read (an include): handed over before
	# anything is asked, written or logged.
	printf '[casebook]\n\taccessReason = require\n' >"$D/repo.git/extra.config"
	git -C "$D/repo.git" config include.path extra.config
	lines=$(wc -l <"$D/access.pending")
	set +e
	"$ALONE" -C "$D" log "$ID/chronology" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	set -e
	[ "$rc" -eq 1 ] && grep -q "cannot find casebook-full" "$T/err" && [ ! -s "$T/out" ] &&
		[ "$(wc -l <"$D/access.pending")" -eq "$lines" ] ||
		fail "a config file with an include: not handed over cleanly (status $rc)"
	same -C "$D" log "$ID/chronology"
	grep -q "requires a reason" "$T/front.err" || fail "the included accessReason=require is ignored"
	git -C "$D/repo.git" config --unset include.path
	ok "a config file too unusual to read plainly is the full program's (and it reads it)"
fi

# A stale index: the branch moved on without it (a save by plain git).
REPO=$D/repo.git
WS=$D
git_record "$ID" person | sed 's/^Name: .*/Name: Stale Index/' >"$T/person"
new=$(git_commit_file "$ID" person "$T/person" "A save the index has not seen")
if [ -x "$ALONE" ] && [ ! -e "${pkglibexecdir:-/nonexistent}/casebook-full" ]; then
	set +e
	"$ALONE" -C "$D" log "$ID/person" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	set -e
	[ "$rc" -eq 1 ] && grep -q "cannot find casebook-full" "$T/err" ||
		fail "a stale index: the front did not hand over (status $rc)"
fi
cb -C "$D" log "$ID/person" --format=tsv >"$T/log"
[ "$(sed -n 2p "$T/log" | cut -f1)" = "$new" ] || fail "a stale index: log lacks the new save"
same -C "$D" log "$ID/person" --format=tsv
ok "a stale index is handed over and brought up to date: log shows the save it lacked"

# An older index copied in over a current one.
cp "$D/index.sqlite" "$T/old.sqlite"
rm -f "$D/index.sqlite-wal" "$D/index.sqlite-shm"
cb -C "$D" chronology add "$ID" --date 2025-05-20 --event "Visit after the index was copied" >/dev/null
cp "$T/old.sqlite" "$D/index.sqlite"
rm -f "$D/index.sqlite-wal" "$D/index.sqlite-shm"
cb -C "$D" log "$ID/chronology" --format=tsv >"$T/log"
[ "$(sed -n 2p "$T/log" | cut -f1)" = "$(tip "$D")" ] ||
	fail "an old index copied in: log lacks the newest save"
same -C "$D" log "$ID/chronology"
ok "an older index copied in is caught up: log shows the newest save"

# A missing index.
rm -f "$D/index.sqlite" "$D/index.sqlite-wal" "$D/index.sqlite-shm"
same -C "$D" log "$ID/chronology" --format=tsv
[ "$(cat "$T/front.rc")" = 0 ] && [ -s "$T/front.out" ] || fail "log with no index"
ok "a missing index is rebuilt: the same log"

# ---- an encrypted workspace ---------------------------------------------
pw demo --encrypt --seed 7 --people 6 "$T/enc"
E=$T/enc
EID=$(cb -C "$E" list --all --format=tsv | sed -n 2p | cut -f1)
is_id "$EID" || fail "no person in the encrypted demo"
D=$E
same -C "$E" log "$EID/chronology" --format=tsv
[ "$(cat "$T/front.rc")" = 0 ] && [ "$(wc -l <"$T/front.out")" -ge 2 ] ||
	fail "log of an encrypted workspace through the front"
grep -q "^$EID	chronology	log	" "$T/front.note" || fail "no access note in the encrypted workspace"
"$CASEBOOK" -C "$E" lock >/dev/null 2>&1 || fail "lock"
same -C "$E" log "$EID/chronology"
[ "$(cat "$T/front.rc")" != 0 ] || fail "a locked workspace's log succeeded"
ok "an encrypted workspace is the full program's, unlocked and locked"
