#!/bin/sh
# stolen_laptop.sh - a copy of an encrypted workspace and of its remote,
# taken without the key (the laptop locked), gives up no record text: not
# in git's loose objects, not in packs after `git gc`, not in the index
# file, not in the drafts. The same search on a plain workspace finds the
# words, so the search itself works.
. "$top_srcdir/tests/crypt/lib.sh"

pw demo --encrypt --people 6 "$T/enc"
ok "demo --encrypt made an encrypted workspace with a remote"
cb -C "$T/enc" list --all --format=tsv >"$T/people"
ID=$(sed -n 2p "$T/people" | cut -f1)
printf 'Quixotic lighthouse keeper mentioned the zeppelin\n' >"$T/event"
"$CASEBOOK" -C "$T/enc" chronology add "$ID" --date 2025-05-01 --event - <"$T/event" \
	>/dev/null 2>"$T/err" || fail "chronology add"
cb -C "$T/enc" show "$ID/chronology" | grep -q "Quixotic lighthouse" || fail "the entry reads back"
cb -C "$T/enc" sync --quiet >/dev/null
ok "a new entry saved, read back unlocked and synced"

ID2=$(sed -n 3p "$T/people" | cut -f1)
cb -C "$T/enc" show "$ID/chronology" >"$T/chron"
cb -C "$T/enc" show "$ID2/chronology" >>"$T/chron" || :
cb -C "$T/enc" lock >/dev/null
cb_fails "locked" -C "$T/enc" show "$ID/chronology"
ok "locked: the record cannot be shown"

# The thief's copies, packed the way a long-lived repository is.
mkdir "$T/stolen"
cp -a "$T/enc" "$T/stolen/ws"
rm -f "$T/stolen/ws/agent.sock"
git --git-dir="$T/stolen/ws/repo.git" gc --quiet --prune=now
git --git-dir="$T/stolen/ws/remote.git" gc --quiet --prune=now
ls "$T/stolen/ws/repo.git/objects/pack/"*.pack >/dev/null 2>&1 || fail "gc made no pack"
cb_fails "locked" -C "$T/stolen/ws" list

# Known words: the text of every chronology entry of two children, their
# dates of birth, every child's name, and the new entry's words.
sed -n 's/^Event: //p; s/^Impact: //p' "$T/chron" >"$T/words"
sed 1d "$T/people" | cut -f3 | sed 's/^/Date-Of-Birth: /' >>"$T/words"
sed 1d "$T/people" | cut -f2 >"$T/names"
[ "$(wc -l <"$T/names")" -ge 6 ] || fail "too few names"
cat "$T/names" >>"$T/words"
printf 'Quixotic\nlighthouse\nzeppelin\n' >>"$T/words"
[ "$(wc -l <"$T/words")" -ge 10 ] || fail "too few known words"
found=$(grep -r -a -l -F -f "$T/words" "$T/stolen" || :)
[ -z "$found" ] || fail "record text found in: $found"
all_objects "$T/stolen/ws/repo.git" >"$T/objs"
all_objects "$T/stolen/ws/remote.git" >>"$T/objs"
[ -s "$T/objs" ] || fail "no objects read"
if grep -a -F -f "$T/words" "$T/objs" >/dev/null; then
	fail "record text in a git object"
fi
ok "no entry text, name or date of birth in the workspace, remote, packs, index or drafts"
# Commit messages stay plain: what git shows of them names ids only.
for g in ws/repo.git ws/remote.git; do
	git --git-dir="$T/stolen/$g" log --all --format='%an%n%ae%n%B' >"$T/gitlog"
	[ "$(wc -l <"$T/gitlog")" -ge 20 ] || fail "git log of $g is too short"
	grep -q "^Add chronology for $ID\$" "$T/gitlog" || fail "no summary naming $ID in $g"
	if grep -F -f "$T/words" "$T/gitlog" >"$T/leak"; then
		fail "record text or a name in git log of $g: $(head -n 3 "$T/leak")"
	fi
done
ok "git log of the copies names ids, never a child's name or record text"
grep -a -q "CBSEAL1" "$T/objs" || fail "no sealed blobs seen"
ok "the records are there, sealed"

# The same search finds the words in a plain workspace.
"$CASEBOOK" demo --people 6 "$T/plain" >/dev/null 2>"$T/err" || fail "plain demo"
PID=$(cb -C "$T/plain" list --all --format=tsv | sed -n 2p | cut -f1)
cb -C "$T/plain" show "$PID/chronology" | sed -n 's/^Event: //p' >"$T/pwords"
git --git-dir="$T/plain/repo.git" gc --quiet --prune=now
all_objects "$T/plain/repo.git" | grep -a -q -F -f "$T/pwords" ||
	fail "the search does not find entries in a plain workspace"
ok "the same search finds the entries in a plain workspace"

# Unlocking the copy with the passphrase gives everything back.
pw -C "$T/stolen/ws" unlock --timeout 60
cb -C "$T/stolen/ws" show "$ID/chronology" | grep -q "Quixotic lighthouse" ||
	fail "the copy does not read with the passphrase"
printf 'not the passphrase\n' | "$CASEBOOK" -C "$T/enc" unlock >/dev/null 2>"$T/err" &&
	fail "a wrong passphrase unlocked"
grep -q "wrong passphrase" "$T/err" || fail "no 'wrong passphrase' message"
ok "the passphrase unlocks a copy; a wrong one does not"
echo "1..$n"
