#!/bin/sh
# erase.sh - casebook erase across three synced workspaces: after the
# erase and a sync of each, the child's records are unreadable on all
# three, no copy of their key is left in any repository (nor in the
# remote after its gc), history is not rewritten, other children are
# fine, and the erase is itself a commit.
. "$top_srcdir/tests/crypt/lib.sh"

pw demo --encrypt --people 3 "$T/A"
for w in B C; do
	cb clone "$T/A/remote.git" "$T/$w" >/dev/null
	pw -C "$T/$w" unlock --timeout 120
done
ID=$(cb -C "$T/A" list --all --format=tsv | sed -n 2p | cut -f1)
OTHER=$(cb -C "$T/A" list --all --format=tsv | sed -n 3p | cut -f1)
for w in A B C; do
	cb -C "$T/$w" show "$ID/person" | grep -q "^Id: $ID" || fail "$w cannot read $ID"
done
ok "three workspaces read the child's records"
before=$(git --git-dir="$T/B/repo.git" rev-parse main)

cb_fails "confirm" -C "$T/A" erase "$ID"
cb -C "$T/A" show "$ID/person" >/dev/null
ok "erase without --yes (and no terminal) refuses and changes nothing"

cb -C "$T/A" erase "$ID" --yes >/dev/null
git --git-dir="$T/A/repo.git" log -1 --format=%B main | grep -q "^Erased: $ID" ||
	fail "the erase is not a commit"
ok "the erase is recorded as a commit"
for w in A B C; do
	cb -C "$T/$w" sync --quiet >/dev/null
done
cb -C "$T/A" sync --quiet >/dev/null
git --git-dir="$T/A/remote.git" gc --quiet --prune=now
for w in A B C; do
	cb_fails "no person|erased" -C "$T/$w" show "$ID/person"
	# the old versions too
	old=$(git --git-dir="$T/$w/repo.git" rev-parse "$before")
	cb_fails "erased|cannot|not found" -C "$T/$w" show "$ID/person" --at "$old"
	cb -C "$T/$w" show "$OTHER/person" | grep -q "^Id: $OTHER" || fail "$w lost $OTHER"
	git --git-dir="$T/$w/repo.git" merge-base --is-ancestor "$before" main ||
		fail "$w: history rewritten"
done
ok "after sync: unreadable on all three, even as at an old commit; others fine; history kept"
for g in A/repo.git B/repo.git C/repo.git A/remote.git; do
	cnt=$(all_objects "$T/$g" | grep -a -c "CBKEY01.$ID" || :)
	[ "$cnt" = 0 ] || fail "$g still holds the child's key ($cnt)"
	cnt=$(all_objects "$T/$g" | grep -a -c "CBKEY01.$OTHER" || :)
	[ "$cnt" -ge 1 ] || fail "$g lost the other child's key"
done
ok "no copy of the erased key in any repository or the remote (after its gc)"
echo "1..$n"
