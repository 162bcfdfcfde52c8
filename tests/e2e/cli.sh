#!/bin/sh
# cli.sh - the command-line contract, driven through the real binary:
# init, person add/edit, list, chronology add, show, log, reindex, the
# workspace and author settings, commit messages, demo, and untrusted text.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

# ---- init ----

new_ws ws
[ "$(mode_of "$WS")" = 700 ] || fail "workspace mode $(mode_of "$WS")"
[ "$(mode_of "$WS/repo.git")" = 700 ] || fail "repo.git mode $(mode_of "$WS/repo.git")"
[ "$(mode_of "$WS/tmp")" = 700 ] || fail "tmp mode $(mode_of "$WS/tmp")"
[ "$(git -C "$REPO" rev-parse --is-bare-repository)" = true ] || fail "repo.git is not bare"
[ "$(git -C "$REPO" symbolic-ref HEAD)" = refs/heads/main ] || fail "HEAD is not main"
[ "$(git -C "$REPO" config user.name)" = "Sam Patel" ] || fail "user.name not set"
[ "$(git -C "$REPO" config user.email)" = sam.patel@example.org ] || fail "user.email not set"
[ "$(ncommits)" = 0 ] || fail "init made a commit"
ok "init makes a private workspace with a bare repository on main"

mkdir -m 755 "$T/empty"
cb init "$T/empty" >/dev/null
[ "$(mode_of "$T/empty")" = 700 ] || fail "existing empty dir left $(mode_of "$T/empty")"
ok "init uses an existing empty directory and makes it private"

mkdir "$T/full"
echo "someone's notes" >"$T/full/notes.txt"
cb_fails "not an empty directory" init "$T/full"
[ ! -e "$T/full/repo.git" ] || fail "init wrote into a non-empty directory"
cb_fails "not an empty directory" init "$WS"
[ "$(ncommits)" = 0 ] || fail "re-init touched the workspace"
ok "init refuses a non-empty directory"

for bad in "Sam Patel" "<sam.patel@example.org>" "Sam Patel <notanemail>" \
	"Sam Patel <>" "$(printf 'Sam\033[2J Patel <sam.patel@example.org>')"; do
	cb_fails "." init --user "$bad" "$T/baduser"
	[ ! -e "$T/baduser" ] || fail "init --user '$bad' left a directory"
done
cb_fails "usage" init
ok "init refuses a malformed --user and makes nothing"

# ---- person add ----

ZOE=$(cb -C "$WS" person add --name "Zoë Ådahl" --dob 2008-04-02 --gender female)
is_id "$ZOE" || fail "person add printed '$ZOE', not an id"
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "person add printed more than the id"
[ "$(ncommits)" = 1 ] || fail "person add made $(ncommits) commits"
show=$(cb -C "$WS" show "$ZOE/person")
printf '%s\n' "$show" | grep -q -x "Worker: sam.patel@example.org" ||
	fail "default worker is not the author"
printf '%s\n' "$show" | grep -q -x "Name: Zoë Ådahl" || fail "name not stored"
printf '%s\n' "$show" | grep -q -x "Created: 2025-06-01" || fail "Created is not today"
printf '%s\n' "$show" | grep -q -x "Status: child-in-need" || fail "default status"
[ -f "$REPO/../index.sqlite" ] || fail "no index"
ok "person add prints the new id; the author holds the case"

AN=$(cb -C "$WS" person add --name "Nguyễn Văn An" --dob 2012-11-30 --status looked-after \
	--worker amara.okafor@example.org --team "Riverside Children in Care")
GWYN=$(cb -C "$WS" person add --name "Gwŷn ap Rhys" --dob 2007-01-09 --status care-leaver \
	--team "North Leaving Care")
if [ "$AN" = "$ZOE" ] || [ "$GWYN" = "$AN" ]; then fail "ids repeat"; fi
ok "person add with status, worker and team"

# Refusals: non-zero, a clear message, no commit, the index untouched.
before_tip=$(tip)
before_ix=$(hash_of "$WS/index.sqlite")
refused() {
	[ "$(tip)" = "$before_tip" ] || fail "a refused command made a commit: $*"
	[ "$(hash_of "$WS/index.sqlite")" = "$before_ix" ] || fail "a refused command changed the index: $*"
}
cb_fails "Date-Of-Birth.*2024-02-30" -C "$WS" person add --name "Leah Brennan" --dob 2024-02-30
refused "dob 2024-02-30"
cb_fails "Date-Of-Birth.*future" -C "$WS" person add --name "Leah Brennan" --dob 2025-06-03
refused "future dob"
cb_fails "needs --name" -C "$WS" person add --dob 2010-01-01
refused "missing --name"
cb_fails "needs --name and --dob" -C "$WS" person add --name "Leah Brennan"
refused "missing --dob"
cb_fails "Status.*bogus" -C "$WS" person add --name "Leah Brennan" --dob 2010-01-01 --status bogus
refused "bad status"
cb_fails "Worker.*email" -C "$WS" person add --name "Leah Brennan" --dob 2010-01-01 --worker nobody
refused "bad worker"
cb_fails "usage" -C "$WS" person add --name "Leah Brennan" --dob 2010-01-01 stray
refused "stray argument"
cb_fails "usage" -C "$WS" person frobnicate
ok "invalid person add: message, non-zero exit, no commit, index unchanged"

# ---- untrusted text on the command line ----

for name in "$(printf 'A\033[2Jb')" "$(printf 'Zo\033]0;owned\007e')" \
	"$(printf 'line one\nline two')" "$(printf 'A\302\233b')" "$(printf 'A\rB')"; do
	cb_fails "Name" -C "$WS" person add --name "$name" --dob 2010-01-01
	refused "control characters in --name"
done
cb_fails "." -C "$WS" chronology add "$ZOE" --date 2025-05-01 --event "$(printf 'x\033[31my')"
refused "escape in --event"
cb_fails "." -C "$WS" person edit "$ZOE" --name "$(printf 'Zo\033[2J')"
refused "escape in person edit"
ok "names and events with control characters or escapes are refused"

# ---- person edit, prefixes ----

prefix=$(printf %s "$ZOE" | cut -c1-6)
cb -C "$WS" person edit "$prefix" --status care-leaver >/dev/null
git_record "$ZOE" person | grep -q -x "Status: care-leaver" || fail "edit by prefix"
lower=$(printf %s "$prefix" | tr 'A-Z' 'a-z')
cb -C "$WS" person edit "$lower" --team "North Leaving Care" >/dev/null
git_record "$ZOE" person | grep -q -x "Team: North Leaving Care" || fail "edit by lower-case prefix"
ok "person edit by a unique prefix, any case"

# trailers of that last save
msg=$(git -C "$REPO" log -1 --format=%B)
printf '%s\n' "$msg" | head -n 1 | grep -q "Zoë Ådahl" || fail "summary does not name the person"
printf '%s\n' "$msg" | grep -q -x "Record: $ZOE/person" || fail "no Record trailer in: $msg"
printf '%s\n' "$msg" | grep -q -x "Fields: Team" || fail "no Fields trailer in: $msg"
[ "$(git -C "$REPO" log -1 --format=%an)" = "Sam Patel" ] || fail "author"
[ "$(git -C "$REPO" log -1 --format=%ae)" = sam.patel@example.org ] || fail "author email"
ok "each save's message has Record: and Fields: trailers"

count=$(ncommits)
out=$(cb -C "$WS" person edit "$ZOE" --team "North Leaving Care")
[ "$(ncommits)" = "$count" ] || fail "a no-op edit made a commit"
printf '%s\n' "$out" | grep -q "Nothing changed" || fail "no-op edit said: $out"
ok "a person edit that changes nothing makes no commit"

# Ambiguous prefixes: add people until two ids share a first character
# (certain within 33).
cb -C "$WS" list --all --format=tsv >/dev/null
first_chars=$(tail -n +2 "$T/out" | cut -c1 | sort)
dup=$(printf '%s\n' "$first_chars" | uniq -d | head -n 1)
i=0
while [ -z "$dup" ]; do
	i=$((i + 1))
	[ $i -le 33 ] || fail "no shared first character after 33 people"
	cb -C "$WS" person add --name "Amelia Pryce $i" --dob 2011-02-0$((i % 9 + 1)) \
		--worker grace.mensah@example.org >/dev/null
	cb -C "$WS" list --all --format=tsv >/dev/null
	first_chars=$(tail -n +2 "$T/out" | cut -c1 | sort)
	dup=$(printf '%s\n' "$first_chars" | uniq -d | head -n 1)
done
before_tip=$(tip)
before_ix=$(hash_of "$WS/index.sqlite")
cb_fails "matches more than one person" -C "$WS" person edit "$dup" --status closed
refused "ambiguous prefix"
n_listed=$(grep -c -E "^  ${dup}[0-9A-Z]{9}  " "$T/err" || :)
[ "$n_listed" -ge 2 ] || fail "ambiguous message lists $n_listed candidates"
lc=$(printf %s "$dup" | tr 'A-Z' 'a-z')
cb_fails "matches more than one person" -C "$WS" show "$lc/person"
unused=$(for c in 0 1 2 3 4 5 6 7 8 9 A B C D E F G H J K M N P Q R S T V W X Y Z; do
	printf '%s\n' "$first_chars" | grep -q -x "$c" || echo "$c"; done | head -n 1)
if [ -n "$unused" ]; then
	cb_fails "no person" -C "$WS" person edit "${unused}0" --status closed
fi
cb_fails "not a person id" -C "$WS" person edit "../../etc" --status closed
cb_fails "not a person id" -C "$WS" person edit "ABC/DEF" --status closed
cb_fails "." -C "$WS" show "../../etc/passwd"
refused "bad ids"
ok "ambiguous, unknown and malformed ids are refused with the candidates named"

# ---- list ----

all=$(cb -C "$WS" list --all --format=tsv)
header=$(printf '%s\n' "$all" | head -n 1)
[ "$header" = "id${TAB}name${TAB}dob${TAB}status${TAB}worker${TAB}team${TAB}next_due${TAB}next_due_what" ] ||
	fail "tsv header is '$header'"
people=$(printf '%s\n' "$all" | tail -n +2 | wc -l)
commits_people=$(git -C "$REPO" ls-tree -r --name-only refs/heads/main | grep -c '/person$')
[ "$people" -eq "$commits_people" ] || fail "list --all shows $people of $commits_people people"
printf '%s\n' "$all" | tail -n +2 | awk -F '\t' 'NF != 8 { exit 1 }' || fail "a tsv row has not 8 cells"
printf '%s\n' "$all" | grep -q "^$ZOE${TAB}Zoë Ådahl${TAB}2008-04-02${TAB}care-leaver${TAB}sam.patel@example.org${TAB}North Leaving Care${TAB}" ||
	fail "Zoë's row: $(printf '%s\n' "$all" | grep "$ZOE")"
mine=$(cb -C "$WS" list --format=tsv)
printf '%s\n' "$mine" | grep -q "^$ZOE${TAB}" || fail "Zoë not in Sam's caseload"
printf '%s\n' "$mine" | grep -q "^$GWYN${TAB}" || fail "Gwŷn not in Sam's caseload"
if printf '%s\n' "$mine" | grep -q "^$AN${TAB}"; then fail "Amara's case in Sam's caseload"; fi
[ "$(printf '%s\n' "$mine" | tail -n +2 | wc -l)" -eq 2 ] || fail "Sam's caseload: $mine"
amara=$(CASEBOOK_AUTHOR="Amara Okafor <amara.okafor@example.org>" cb -C "$WS" list --format=tsv)
[ "$(printf '%s\n' "$amara" | tail -n +2 | cut -f1)" = "$AN" ] || fail "Amara's caseload: $amara"
text=$(cb -C "$WS" list)
printf '%s\n' "$text" | grep -q "^$ZOE  Zoë Ådahl  (17)  care-leaver" || fail "text list: $text"
nobody=$(CASEBOOK_AUTHOR="Idris Demir <idris.demir@example.org>" cb -C "$WS" list)
printf '%s\n' "$nobody" | grep -q "No one is allocated to you" || fail "empty caseload: $nobody"
cb_fails "usage" -C "$WS" list --format=xml
ok "list: own caseload by default, --all for everyone, tsv with a fixed header"

# ---- chronology add ----

cb -C "$WS" chronology add "$ZOE" --date 2025-05-14 --event "Said she has not been registered with a GP since the move." \
	--category health --source "School nurse" --significance high \
	--impact "Missed health assessment." --action "PA to register her with a GP." \
	--approximate >/dev/null
chron=$(cb -C "$WS" show "$ZOE/chronology")
for line in "Record: chronology" "Person: $ZOE" "Date: 2025-05-14" "Date-Approximate: yes" \
	"Category: health" "Significance: high" "Source: School nurse" \
	"Event: Said she has not been registered with a GP since the move." \
	"Impact: Missed health assessment." "Action: PA to register her with a GP." \
	"Entered: 2025-06-01" "Recorded-By: Sam Patel <sam.patel@example.org>"; do
	printf '%s\n' "$chron" | grep -q -x -F "$line" || fail "chronology lacks '$line'"
done
eid=$(printf '%s\n' "$chron" | sed -n 's/^Id: //p')
printf %s "$eid" | grep -q -x -E '[0-9A-Z]{10}' || fail "entry id '$eid'"
msg=$(git -C "$REPO" log -1 --format=%B)
printf '%s\n' "$msg" | grep -q -x "Record: $ZOE/chronology" || fail "chronology trailer: $msg"
printf '%s\n' "$msg" | grep -q -x "Fields: +, +$eid" || fail "chronology Fields: $msg"
cb -C "$WS" chronology add "$ZOE" --date 2025-04-01 --event "Moved to supported lodgings." \
	--category accommodation >/dev/null
chron=$(cb -C "$WS" show "$ZOE/chronology")
[ "$(printf '%s\n' "$chron" | grep -c '^Id: ')" -eq 2 ] || fail "second entry missing"
first_date=$(printf '%s\n' "$chron" | sed -n 's/^Date: //p' | head -n 1)
[ "$first_date" = 2025-04-01 ] || fail "entries not in date order: first $first_date"
printf '%s\n' "$chron" | grep -q -x "Significance: medium" || fail "default significance"
ok "chronology add with every option; entries kept in date order"

before_tip=$(tip)
before_ix=$(hash_of "$WS/index.sqlite")
cb_fails "Significance.*extreme" -C "$WS" chronology add "$ZOE" --date 2025-05-01 --event x --significance extreme
cb_fails "Date" -C "$WS" chronology add "$ZOE" --date 2025-13-01 --event x
cb_fails "Date" -C "$WS" chronology add "$ZOE" --date 2025-07-01 --event "in the future"
cb_fails "needs --date and --event" -C "$WS" chronology add "$ZOE" --date 2025-05-01
cb_fails "Category" -C "$WS" chronology add "$ZOE" --date 2025-05-01 --event x --category gossip
cb_fails "usage" -C "$WS" chronology delete "$ZOE"
refused "invalid chronology add"
ok "invalid chronology entries are refused without a commit"

# ---- show ----

for rec in person chronology; do
	cb -C "$WS" show "$ZOE/$rec" >/dev/null
	git_record "$ZOE" "$rec" >"$T/git.txt"
	cmp -s "$T/out" "$T/git.txt" || fail "show $rec differs from the stored text"
done
cb_fails "no genogram record" -C "$WS" show "$ZOE/genogram"
cb_fails "unknown record" -C "$WS" show "$ZOE/diary"
cb_fails "ID/RECORD" -C "$WS" show "$ZOE"
cb_fails "usage" -C "$WS" show
ok "show prints the canonical stored text; missing records are errors"

# ---- log ----

log=$(cb -C "$WS" log --format=tsv)
[ "$(printf '%s\n' "$log" | head -n 1)" = "commit${TAB}time${TAB}author_name${TAB}author_email${TAB}person${TAB}record${TAB}fields${TAB}summary" ] ||
	fail "log header: $(printf '%s\n' "$log" | head -n 1)"
rows=$(printf '%s\n' "$log" | tail -n +2 | wc -l)
want=$(git -C "$REPO" log --format= --name-only refs/heads/main | grep -c '^people/')
[ "$rows" -eq "$want" ] || fail "log has $rows rows; git has $want record changes"
[ "$(printf '%s\n' "$log" | sed -n 2p | cut -f1)" = "$(tip)" ] || fail "log is not newest first"
cb -C "$WS" log "$ZOE" --format=tsv >/dev/null
zlog=$(tail -n +2 "$T/out")
want=$(git -C "$REPO" log --format= --name-only refs/heads/main -- "$(dirname "$(record_path "$ZOE" x)")" | grep -c .)
[ "$(printf '%s\n' "$zlog" | wc -l)" -eq "$want" ] || fail "log ID: $(printf '%s\n' "$zlog" | wc -l) rows, want $want"
printf '%s\n' "$zlog" | awk -F '\t' -v id="$ZOE" '$5 != id { exit 1 }' || fail "log ID shows others"
cb -C "$WS" log "$ZOE/chronology" --format=tsv >/dev/null
clog=$(tail -n +2 "$T/out")
[ "$(printf '%s\n' "$clog" | wc -l)" -eq 2 ] || fail "log ID/chronology: $clog"
printf '%s\n' "$clog" | awk -F '\t' '$6 != "chronology" { exit 1 }' || fail "log ID/RECORD shows other records"
printf '%s\n' "$clog" | tail -n 1 | cut -f7 | grep -q -x "+, +$eid" || fail "log fields: $clog"
printf '%s\n' "$clog" | head -n 1 | cut -f3,4 | grep -q -x "Sam Patel${TAB}sam.patel@example.org" || fail "log author"
cb -C "$WS" log "$ZOE/person" --format=tsv >/dev/null
plog=$(tail -n +2 "$T/out" | cut -f7)
[ "$(printf '%s\n' "$plog" | tr '\n' ' ')" = "Team Status + " ] || fail "person history fields: $plog"
cb -C "$WS" log "$ZOE" >/dev/null
grep -q "Zoë Ådahl" "$T/out" || fail "text log lacks summaries"
cb_fails "usage" -C "$WS" log a b
ok "log: every record change newest first; per person and per record; tsv"

# ---- reindex ----

cb -C "$WS" list --all --format=tsv >"$T/list.before"
cb -C "$WS" log --format=tsv >"$T/log.before"
out=$(cb -C "$WS" reindex)
printf '%s\n' "$out" | grep -q "^Indexed 0 commits" || fail "reindex of a current index said: $out"
out=$(cb -C "$WS" reindex --full)
printf '%s\n' "$out" | grep -q "^Indexed $(ncommits) commits" || fail "reindex --full said: $out"
cb -C "$WS" list --all --format=tsv >"$T/list.after"
cmp -s "$T/list.before" "$T/list.after" || fail "list differs after reindex"
cb -C "$WS" log --format=tsv >"$T/log.after"
cmp -s "$T/log.before" "$T/log.after" || fail "log differs after reindex"
rm -f "$WS/index.sqlite" "$WS/index.sqlite-wal" "$WS/index.sqlite-shm"
cb -C "$WS" list --all --format=tsv >"$T/list.after"
cmp -s "$T/list.before" "$T/list.after" || fail "list differs after rm index.sqlite"
[ "$(mode_of "$WS/index.sqlite")" = 600 ] || fail "new index mode $(mode_of "$WS/index.sqlite")"
cb_fails "usage" -C "$WS" reindex now
cb_fails "usage" -C "$WS" reindex --full now
ok "reindex, or losing the index, gives the same list and log"

# ---- choosing the workspace ----

cb -C "$WS" list --all >"$T/a"
CASEBOOK_DIR=$WS cb list --all >"$T/b"
cmp -s "$T/a" "$T/b" || fail "CASEBOOK_DIR differs from -C"
CASEBOOK_DIR=$T/nowhere cb -C "$WS" list --all >"$T/b"
cmp -s "$T/a" "$T/b" || fail "-C does not win over CASEBOOK_DIR"
cb "-C$WS" list --all >"$T/b"
cmp -s "$T/a" "$T/b" || fail "-CDIR"
(cd "$WS" && "$CASEBOOK" list --all) >"$T/b" 2>"$T/err" || fail "list in the workspace dir"
cmp -s "$T/a" "$T/b" || fail "current directory"
cb_fails "not a casebook workspace" -C "$T/nowhere" list --all
CASEBOOK_DIR=$T/full cb_fails "not a casebook workspace" list --all
[ ! -e "$T/nowhere" ] || fail "a missing workspace was created"
[ ! -e "$T/full/index.sqlite" ] || fail "an index was made in a non-workspace"
ok "the workspace is -C DIR, else CASEBOOK_DIR, else the current directory"

# ---- who saves ----

count=$(ncommits)
(unset CASEBOOK_AUTHOR; "$CASEBOOK" -C "$WS" person edit "$GWYN" --status closed) >/dev/null 2>"$T/err" ||
	fail "save with the workspace's user"
[ "$(git -C "$REPO" log -1 --format='%an <%ae>')" = "Sam Patel <sam.patel@example.org>" ] ||
	fail "init --user is not the author"
CASEBOOK_AUTHOR="Ffion Hughes <ffion.hughes@example.org>" cb -C "$WS" person edit "$GWYN" \
	--status care-leaver >/dev/null
[ "$(git -C "$REPO" log -1 --format='%an <%ae>')" = "Ffion Hughes <ffion.hughes@example.org>" ] ||
	fail "CASEBOOK_AUTHOR does not override init --user"
[ "$(git -C "$REPO" log -1 --format='%cn <%ce>')" = "Ffion Hughes <ffion.hughes@example.org>" ] ||
	fail "committer is not the author"
[ "$(ncommits)" = $((count + 2)) ] || fail "author saves"
count=$(ncommits)
CASEBOOK_AUTHOR="Ffion Hughes" cb_fails "CASEBOOK_AUTHOR" -C "$WS" person edit "$GWYN" --status closed
"$CASEBOOK" init "$T/nouser" >/dev/null 2>&1 || fail "init without --user"
WS=$T/nouser
REPO=$WS/repo.git
(unset CASEBOOK_AUTHOR; "$CASEBOOK" -C "$WS" person add --name "Kai Thorne" --dob 2010-01-01) \
	>"$T/out" 2>"$T/err" && fail "a save with no author succeeded"
grep -q "who is saving" "$T/err" || fail "no-author message: $(cat "$T/err")"
[ "$(ncommits)" = 0 ] || fail "a save with no author made a commit"
WS=$T/ws
REPO=$WS/repo.git
[ "$(ncommits)" = "$count" ] || fail "a bad author made a commit"
ok "CASEBOOK_AUTHOR overrides init --user; no author, no save"

# ---- damaged text in the repository ----

# A person record with raw escapes, committed with plain git.
printf 'Record: person\nId: %s\nSchema: 1\nName: Gw\033]0;owned\007\033[2J\302\233yn\nDate-Of-Birth: 2007-01-09\nStatus: care-leaver\n' \
	"$GWYN" >"$T/evil"
git_commit_file "$GWYN" person "$T/evil" "$(printf 'Tidy \033[31mrecord\033[0m \302\233x')" >/dev/null
cb_fails "damaged" -C "$WS" show "$GWYN/person"
grep -q "$GWYN/person" "$T/err" || fail "damage message does not name the record"
if grep -q "$(printf '\302\233')" "$T/out" "$T/err"; then fail "raw C1 control printed"; fi
cb -C "$WS" log "$GWYN" >/dev/null
if grep -q "$ESC" "$T/out"; then fail "log printed a raw ESC from a commit message"; fi
if grep -q "$(printf '\302\233')" "$T/out"; then fail "log printed a raw C1 control"; fi
grep -q 'Tidy \\x1b\[31mrecord' "$T/out" || fail "log does not show the escape escaped: $(cli_safe <"$T/out")"
cb -C "$WS" log "$GWYN" --format=tsv >/dev/null
if grep -q "$ESC" "$T/out"; then fail "tsv log printed a raw ESC"; fi
cb -C "$WS" list --all >/dev/null
if grep -q "$ESC" "$T/out"; then fail "list printed a raw ESC"; fi
cb -C "$WS" list --all --format=tsv >/dev/null
if grep -q "$ESC" "$T/out"; then fail "tsv list printed a raw ESC"; fi
# a damaged chronology, too
printf 'Record: chronology\nPerson: %s\nSchema: 1\n\nId: E1\nDate: 2025-01-01\nCategory: other\nSignificance: low\nEvent: \033[2Jgone\n' \
	"$ZOE" >"$T/evil"
git_commit_file "$ZOE" chronology "$T/evil" "Plain git edit" >/dev/null
cb_fails "$ZOE/chronology is damaged" -C "$WS" show "$ZOE/chronology"
[ ! -s "$T/out" ] || fail "show printed part of a damaged record"
cb_fails "damaged" -C "$WS" chronology add "$ZOE" --date 2025-05-01 --event "On top of damage"
ok "records with raw escapes are reported as damaged, never printed raw"

# ---- demo ----

cb demo "$T/d1" --seed 7 --people 12 >/dev/null
cb demo "$T/d2" --seed 7 --people 12 >/dev/null
git -C "$T/d1/repo.git" log --format='%T %an %ad' --date=raw refs/heads/main >"$T/d1.log"
git -C "$T/d2/repo.git" log --format='%T %an %ad' --date=raw refs/heads/main >"$T/d2.log"
[ "$(wc -l <"$T/d1.log")" -gt 12 ] || fail "demo made only $(wc -l <"$T/d1.log") commits"
cmp -s "$T/d1.log" "$T/d2.log" || fail "demo --seed 7 twice gave different histories"
[ "$(tip "$T/d1")" = "$(tip "$T/d2")" ] || fail "demo --seed 7 twice gave different commits"
cb demo "$T/d3" --seed 8 --people 12 >/dev/null
git -C "$T/d3/repo.git" log --format='%T %an %ad' --date=raw refs/heads/main >"$T/d3.log"
if cmp -s "$T/d1.log" "$T/d3.log"; then fail "another seed gave the same demo"; fi
[ -d "$T/d1/remote.git" ] || fail "demo has no remote.git"
[ "$(git -C "$T/d1/remote.git" rev-parse refs/heads/main)" = "$(tip "$T/d1")" ] ||
	fail "demo's remote does not have main"
git -C "$T/d1/repo.git" fsck --full --no-dangling >/dev/null 2>&1 || fail "demo repository fails fsck"
cb -C "$T/d1" list --all --format=tsv >/dev/null
people=$(tail -n +2 "$T/out" | wc -l)
[ "$people" -eq 29 ] || fail "demo --people 12 made $people people (12 and the 17 on plans)"
[ "$(mode_of "$T/d1")" = 700 ] || fail "demo workspace mode $(mode_of "$T/d1")"
cb_fails "not an empty directory" demo "$T/d1" --seed 7 --people 12
ok "demo is deterministic for a seed and a day, with a pushed remote"

# ---- whose caseload: the identity wherever git keeps it ----
cb init "$T/who" >/dev/null
ID=$(cb -C "$T/who" person add --name "Rhys Ap Test" --dob 2009-09-09 \
	--worker "ceri.jones@example.org")
caseload_is() { # $1: what the case says
	cb -C "$T/who" list --format=tsv >/dev/null
	[ "$(tail -n +2 "$T/out" | cut -f1)" = "$ID" ] || fail "caseload ($1): $(cat "$T/out")"
}
# (CASEBOOK_AUTHOR would win over any of them)
saved_author=$CASEBOOK_AUTHOR
unset CASEBOOK_AUTHOR
# only in the user's global git config
git config --global user.name "Ceri Jones"
git config --global user.email "ceri.jones@example.org"
caseload_is "global config"
# in the workspace's config, overriding the global one
git config --global user.email "someone.else@example.org"
git -C "$T/who/repo.git" config user.email "Ceri.Jones@example.org"
caseload_is "workspace config"
# quoted as git writes a value with a # in it
git -C "$T/who/repo.git" config user.name "Ceri #2 Jones"
grep -q '"Ceri #2 Jones"' "$T/who/repo.git/config" || fail "setup: the name was not quoted"
caseload_is "quoted value"
git -C "$T/who/repo.git" config --unset user.email
git config --global --unset user.email
cb_fails "who is saving" -C "$T/who" list
git config --global --unset user.name
CASEBOOK_AUTHOR=$saved_author
export CASEBOOK_AUTHOR
ok "list finds your caseload by the identity in the workspace's or your own git config"

echo "1..$n"
