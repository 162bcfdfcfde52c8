#!/bin/sh
# transfer.sh - casebook transfer between two encrypted teams'
# repositories: the child's history is made again in the receiving
# team's workspace sealed with that team's key (the child gets a key
# there), the receiving laptops read it after a sync, no record text is
# plain in the receiving repository, and the source removes the child.
# A transfer between an encrypted and a plain repository is refused and
# changes nothing. All names and records are invented.
. "$top_srcdir/tests/crypt/lib.sh"

git init -q --bare "$T/north.git"
git init -q --bare "$T/south.git"
printf '%s\n' "$PASS" | "$CASEBOOK" init --encrypt --remote "$T/north.git" \
	--user "Sam Patel <sam.patel@example.org>" "$T/N" >/dev/null 2>"$T/err" || fail "init north"
printf '%s\n' "south team passphrase, not the north one" | "$CASEBOOK" init --encrypt \
	--remote "$T/south.git" --user "Ama Boateng <ama.boateng@example.org>" "$T/S" \
	>/dev/null 2>"$T/err" || fail "init south"
A=$(cb -C "$T/N" person add --name "Zoë Ådahl" --dob 2008-04-02 --worker sam.patel@example.org --team North)
B=$(cb -C "$T/N" person add --name "Kai Osei" --dob 2009-01-15 --worker sam.patel@example.org --team North)
cb -C "$T/N" chronology add "$A" --date 2024-03-14 --event "Registered with the Larkfield surgery." >/dev/null
cb -C "$T/N" chronology add "$B" --date 2024-03-15 --event "Started at Riverside College." >/dev/null
cb -C "$T/N" sync --quiet >/dev/null
cb -C "$T/S" sync --quiet >/dev/null 2>&1 || :
ok "two encrypted teams' workspaces"

# Into a plain repository: refused, nothing changes.
git init -q --bare "$T/plain.git"
before=$(git -C "$T/N/repo.git" rev-parse main)
cb_fails "encrypted" -C "$T/N" transfer "$A" --to "$T/plain.git"
[ "$(git -C "$T/N/repo.git" rev-parse main)" = "$before" ] || fail "a refused transfer changed the source"
git -C "$T/plain.git" rev-parse -q --verify main >/dev/null && fail "a refused transfer wrote to the plain repository"
ok "a transfer into a plain repository is refused and changes nothing"

cb -C "$T/N" transfer "$A" --to "$T/S/repo.git" >"$T/tout"
grep -q "moved $A with 2 saves of history" "$T/tout" || fail "transfer output: $(cat "$T/tout")"
ok "transfer into the other team's unlocked workspace"

cb -C "$T/S" show "$A/chronology" --reason "Transferred in" >"$T/chron"
grep -q "Registered with the Larkfield surgery." "$T/chron" || fail "the receiving team cannot read the child"
ok "the receiving team reads the child with its own key"

pa="people/$(printf %s "$A" | cut -c1)/$(printf %s "$A" | cut -c2)/$A"
n0=$(git -C "$T/N/repo.git" rev-parse "$before:$pa/chronology")
n1=$(git -C "$T/S/repo.git" rev-parse "main:$pa/chronology")
[ "$n0" != "$n1" ] || fail "the record crossed sealed with the first team's key"
all_objects "$T/S/repo.git" | grep -a -q -e "Larkfield" -e "Zoë Ådahl" -e "Kai Osei" &&
	fail "record text or a name is plain in the receiving repository"
ok "sealed again with the receiving team's key; no record text or name in plain"

cb -C "$T/N" list --all --format=tsv >"$T/list"
grep -q "$A" "$T/list" && fail "the source still lists the child"
cb -C "$T/N" show "$B/person" | grep -q "^Id: $B" || fail "the other child is gone"
ok "the source removed the child and kept the other"

# The receiving team's other laptop gets the child by syncing.
cb -C "$T/S" sync --quiet >/dev/null
cb clone "$T/south.git" "$T/S2" >/dev/null
printf '%s\n' "south team passphrase, not the north one" |
	"$CASEBOOK" -C "$T/S2" unlock --timeout 120 >/dev/null 2>"$T/err" || fail "unlock S2"
CASEBOOK_AUTHOR="Ama Boateng <ama.boateng@example.org>" cb -C "$T/S2" show "$A/chronology" \
	--reason "Transferred in" >"$T/chron2"
grep -q "Registered with the Larkfield surgery." "$T/chron2" || fail "the other laptop cannot read the child"
ok "the receiving team's other laptop reads the child after a sync"
echo "1..$n"
