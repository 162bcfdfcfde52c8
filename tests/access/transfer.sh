#!/bin/sh
# transfer.sh - casebook transfer moves a child from one team's repository
# to another's, two real repositories: the child's saves are made again
# there with their authors, dates and messages and a trailer naming the
# original commit; nothing of the other children crosses; the source
# removes the child in one recorded save; the receiving team's laptops
# get the child and their history by syncing.
. "${top_srcdir:-.}/tests/access/lib.sh"

git init -q --bare "$T/north.git"
git init -q --bare "$T/south.git"
new_ws north --remote "$T/north.git"
N=$WS
A=$(cb -C "$N" person add --name "Zoë Ådahl" --dob 2008-04-02 --worker sam.patel@example.org --team North)
B=$(cb -C "$N" person add --name "Kai Osei" --dob 2009-01-15 --worker sam.patel@example.org --team North)
cb -C "$N" chronology add "$A" --date 2024-03-14 --event "Registered with a GP." >/dev/null
CASEBOOK_AUTHOR="Jo Byrne <jo.byrne@example.org>" cb -C "$N" chronology add "$A" --date 2024-04-02 --event "Moved to an aunt in the south of the county." >/dev/null
cb -C "$N" chronology add "$B" --date 2024-03-15 --event "Started at Riverside College." >/dev/null
cb -C "$N" sync --quiet >/dev/null
"$CASEBOOK" init --remote "$T/south.git" --user "Ama Boateng <ama.boateng@example.org>" "$T/south" >/dev/null
C=$(CASEBOOK_AUTHOR="Ama Boateng <ama.boateng@example.org>" cb -C "$T/south" person add --name "Lena Ortiz" --dob 2010-02-02 --worker ama.boateng@example.org --team South)
CASEBOOK_AUTHOR="Ama Boateng <ama.boateng@example.org>" cb -C "$T/south" sync --quiet >/dev/null
south_before=$(git -C "$T/south.git" rev-parse main)
orig=$(git -C "$N/repo.git" log --format='%H %an <%ae> %ad %s' --date=raw main -- "people/$(printf %s "$A" | cut -c1)/$(printf %s "$A" | cut -c2)/$A" | sort -k2)

cb -C "$N" transfer "$A" --to "$T/south.git" >"$T/tout"
check "transfer says what it moved" grep -q "moved $A with 3 saves of history" "$T/tout"
pa="people/$(printf %s "$A" | cut -c1)/$(printf %s "$A" | cut -c2)/$A"
git -C "$T/south.git" log --format='%H' main -- "$pa" >"$T/new"
check "the other team's repository has three saves of the child" test "$(wc -l <"$T/new")" -eq 3
check "...on top of what it had" git -C "$T/south.git" merge-base --is-ancestor "$south_before" main
for c in $(cat "$T/new"); do
	from=$(git -C "$T/south.git" show -s --format='%(trailers:key=Transferred-From,valueonly)' "$c" | head -n 1)
	[ -n "$from" ] || fail "no Transferred-From trailer on $c"
	a1=$(git -C "$T/south.git" show -s --format='%an <%ae> %ad %s' --date=raw "$c")
	a0=$(git -C "$N/repo.git" show -s --format='%an <%ae> %ad %s' --date=raw "$from")
	[ "$a1" = "$a0" ] || fail "author, date or subject differ: $a1 / $a0"
	t1=$(git -C "$T/south.git" rev-parse "$c:$pa")
	t0=$(git -C "$N/repo.git" rev-parse "$from:$pa")
	[ "$t1" = "$t0" ] || fail "the child's records differ at $c"
done
ok "each replayed save keeps its author, date and subject, names its original and has the same records"
git -C "$T/south.git" log --format=%ae main -- "$pa" >"$T/authors"
check "...including Jo's save" grep -q jo.byrne@example.org "$T/authors"
check "nothing of the other child crossed" test -z "$(git -C "$T/south.git" log --format=%H main -- "people/$(printf %s "$B" | cut -c1)/$(printf %s "$B" | cut -c2)/$B")"
check "...and no object of theirs" sh -c "! git -C '$T/south.git' cat-file -e \$(git -C '$N/repo.git' rev-parse 'main:people/$(printf %s "$B" | cut -c1)/$(printf %s "$B" | cut -c2)/$B/chronology') 2>/dev/null"

check "the source no longer holds the child at its tip" sh -c "! git -C '$N/repo.git' cat-file -e 'main:$pa' 2>/dev/null"
check "...in one recorded save naming where they went" sh -c "git -C '$N/repo.git' log -1 --format=%s main | grep -q 'Transfer Zoë Ådahl to $T/south.git'"
check "...the other child is still here" git -C "$N/repo.git" cat-file -e "main:people/$(printf %s "$B" | cut -c1)/$(printf %s "$B" | cut -c2)/$B/person"
cb -C "$N" list --all --format=tsv >"$T/list"
check "...and the caseload no longer lists them" hasnt "$A" "$T/list"

CASEBOOK_AUTHOR="Ama Boateng <ama.boateng@example.org>" cb -C "$T/south" sync --quiet >/dev/null
CASEBOOK_AUTHOR="Ama Boateng <ama.boateng@example.org>" cb -C "$T/south" show "$A/chronology" --reason "Transferred in" >"$T/chron"
check "the receiving team's laptop gets the child by syncing" has "Moved to an aunt in the south of the county." "$T/chron"
CASEBOOK_AUTHOR="Ama Boateng <ama.boateng@example.org>" cb -C "$T/south" log "$A" --format=tsv --reason "Transferred in" >"$T/log"
check "...with the history" test "$(tail -n +2 "$T/log" | wc -l)" -eq 3

cb_fails "No such|no one|not found|no person|unknown" -C "$N" transfer "$A" --to "$T/south.git"
ok "the child cannot be moved twice"
echo "1..$n"
