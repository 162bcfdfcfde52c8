#!/bin/sh
# erase_daemon.sh - casebook erase across three encrypted workspaces that
# sync through a real git daemon (the server hook installed, as a team's
# server has it): after the erase and a sync of each, the child's records
# are unreadable on all three, even at old commits; no copy of their key
# is left in any laptop's repository, nor on the server after its gc;
# history is not rewritten anywhere; the other children read as before.
# Every name and record is invented.
. "${top_srcdir:-.}/tests/crypt/server_lib.sh"

ANA="Ana Costa <ana.costa@example.org>"
encrypted_server "sam.patel@example.org, ana.costa@example.org"
encrypted_init a
P=$(cb -C "$T/a" person add --name "Rhian Erasetest" --dob 2011-04-04 --worker sam.patel@example.org)
O=$(cb -C "$T/a" person add --name "Tomos Keeptest" --dob 2012-06-06 --worker sam.patel@example.org)
add_entry a "$P" "Seen at home; the kitchen had been repainted."
add_entry a "$O" "Seen at school; settled in the new class."
cb -C "$T/a" sync --quiet >/dev/null 2>"$T/err" || show "$T/err"
for w in b c; do
	ws_clone "$w" "$URL" "$ANA"
	printf '%s\n' "$PASS" | cb -C "$T/$w" unlock --timeout 300 >/dev/null
done
add_entry b "$P" "Phone call from the school nurse."
cb -C "$T/b" sync --quiet >/dev/null 2>"$T/err" || show "$T/err"
for w in a c; do cb -C "$T/$w" sync --quiet >/dev/null 2>&1; done
readable=0
for w in a b c; do
	cb -C "$T/$w" show "$P/chronology" 2>/dev/null | grep -q "school nurse" && readable=$((readable + 1))
done
check "three workspaces, synced through git daemon, read the child's records" [ "$readable" = 3 ]
before=$(remote_tip team)
check "...and all are at the server's tip" converged a b c

cb -C "$T/c" erase "$P" --yes >"$T/out" 2>&1
check "erase in one workspace" grep -q "Erased the records of $P" "$T/out"
for w in c a b c; do cb -C "$T/$w" sync --quiet >"$T/out" 2>&1 || show "$T/out"; done
check "...synced everywhere" converged a b c
check "...the erase is a commit on the server" \
	sh -c "git -C '$SRV' log -1 --format=%B main | grep -q '^Erased: $P'"
git -C "$SRV" gc --quiet --prune=now

for w in a b c; do
	cb -C "$T/$w" show "$P/chronology" >"$T/out" 2>&1
	check "$w: the child's records are gone from the tip" [ $? -ne 0 ]
	cb -C "$T/$w" show "$P/chronology" --at "$before" >"$T/out" 2>&1
	check "$w: ...and unreadable as at an old commit" [ $? -ne 0 ]
	if grep -q "school nurse" "$T/out"; then not_ok "$w: old text shown"; fi
	check "$w: the other child reads as before" \
		sh -c "cb() { \"$CASEBOOK\" \"\$@\"; }; cb -C '$T/$w' show '$O/chronology' | grep -q 'settled in the new class'"
	check "$w: history is not rewritten" \
		git -C "$T/$w/repo.git" merge-base --is-ancestor "$before" main
done
check "server: history is not rewritten" git -C "$SRV" merge-base --is-ancestor "$before" main
for g in a/repo.git b/repo.git c/repo.git srv/team.git; do
	cnt=$(git -C "$T/$g" cat-file --batch-all-objects --batch 2>/dev/null | grep -a -c "CBKEY01.$P" || :)
	check "$g: no copy of the erased key (found $cnt)" [ "$cnt" = 0 ]
	cnt=$(git -C "$T/$g" cat-file --batch-all-objects --batch 2>/dev/null | grep -a -c "CBKEY01.$O" || :)
	check "$g: the other child's key is kept" [ "$cnt" -ge 1 ]
done
check "...and fsck is clean on the server" fsck_ok "$SRV"
finish
