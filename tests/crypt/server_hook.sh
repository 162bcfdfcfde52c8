#!/bin/sh
# server_hook.sh - the server hook in front of an encrypted team's bare
# repository, served by a real git daemon. The server holds no key: it
# checks the envelopes and the key store. A good encrypted push and a
# key-store replacement (a new parentless commit) are accepted; a sealed
# blob whose envelope names another child than its path, a deletion of
# the key store, a key store that drops a key and one that brings an
# erased key back are refused, with the server unchanged. Every name and
# record is invented.
. "${top_srcdir:-.}/tests/crypt/server_lib.sh"

encrypted_server "sam.patel@example.org"
encrypted_init a
P=$(cb -C "$T/a" person add --name "Kit Sealtest" --dob 2012-09-10 --worker sam.patel@example.org)
Q=$(cb -C "$T/a" person add --name "Noor Sealtest" --dob 2013-02-11 --worker sam.patel@example.org)
add_entry a "$P" "Visit recorded, sealed and pushed."
if cb -C "$T/a" sync >"$T/out" 2>&1; then ok "a good encrypted push is accepted"; else not_ok "a good encrypted push is accepted"; show "$T/out"; fi
check "...the server has main" [ "$(remote_tip team)" = "$(tip a)" ]
check "...and the key store" git -C "$SRV" rev-parse -q --verify "$KEYS"
c0=$(printf %s "$P" | cut -c1)
c1=$(printf %s "$P" | cut -c2)
PPATH=people/$c0/$c1/$P/chronology
check "...its records are sealed" [ "$(git -C "$SRV" cat-file blob "main:$PPATH" | head -c 7)" = CBSEAL1 ]
good=$(remote_tip team)
keys1=$(git -C "$SRV" rev-parse "$KEYS")
# A copy of the key store as it is now, kept by someone who then does not fetch.
git init -q --bare "$T/old.git"
git -C "$T/old.git" fetch -q "$URL" "$KEYS:refs/old/k1"

# refused PUSHER-OUTPUT MESSAGE DESCRIPTION: main and the key store unchanged.
refused() {
	check "$3: refused, with the server's words shown" grep -q "$2" "$1"
	check "$3: ...the server's main unchanged" [ "$(remote_tip team)" = "$good" ]
	check "$3: ...the server's key store unchanged" \
		[ "$(git -C "$SRV" rev-parse -q --verify "$KEYS")" = "$keys" ]
	[ "$(remote_tip team)" = "$good" ] || show "$1"
}
keys=$keys1

# ---- a sealed blob moved to another child's path, with plain git ----
git clone -q --bare "$URL" "$T/g.git" 2>/dev/null
q0=$(printf %s "$Q" | cut -c1)
q1=$(printf %s "$Q" | cut -c2)
blob=$(git -C "$T/g.git" rev-parse "main:$PPATH")
GIT_INDEX_FILE=$T/idx git -C "$T/g.git" read-tree main
GIT_INDEX_FILE=$T/idx git -C "$T/g.git" update-index --add --cacheinfo "100644,$blob,people/$q0/$q1/$Q/chronology"
tree=$(GIT_INDEX_FILE=$T/idx git -C "$T/g.git" write-tree)
cm=$(GIT_AUTHOR_NAME="Sam Patel" GIT_AUTHOR_EMAIL=sam.patel@example.org \
	GIT_COMMITTER_NAME="Sam Patel" GIT_COMMITTER_EMAIL=sam.patel@example.org \
	git -C "$T/g.git" commit-tree "$tree" -p main -m "Plain git: one child's sealed chronology under another's id")
git -C "$T/g.git" push "$URL" "$cm:refs/heads/main" >"$T/out" 2>&1
check "a misplaced sealed blob: the push fails" [ $? -ne 0 ]
refused "$T/out" "envelope's id is not the path's" "a misplaced sealed blob"
check "...naming the path" grep -q "people/$q0/$q1/$Q/chronology" "$T/out"

# ---- a key-store replacement: a new child, a new parentless commit ----
R=$(cb -C "$T/a" person add --name "Ola Sealtest" --dob 2014-03-12 --worker sam.patel@example.org)
if cb -C "$T/a" sync >"$T/out" 2>&1; then ok "a key-store replacement is accepted"; else not_ok "a key-store replacement is accepted"; show "$T/out"; fi
keys2=$(git -C "$SRV" rev-parse "$KEYS")
check "...the key store moved" [ "$keys2" != "$keys1" ]
git -C "$SRV" merge-base --is-ancestor "$keys1" "$keys2" 2>/dev/null
check "...without a fast-forward (it keeps no history)" [ $? -ne 0 ]
check "...and holds the new child's key" git -C "$SRV" cat-file -e "$KEYS:children/$R"
good=$(remote_tip team)
keys=$keys2

# ---- a stale key store, dropping the new child's key ----
git -C "$T/old.git" push "$URL" "+refs/old/k1:$KEYS" >"$T/out" 2>&1
check "a key store dropping a key: the push fails" [ $? -ne 0 ]
refused "$T/out" "drops or changes the key of $R" "a key store dropping a key"

# ---- deleting the key store ----
git -C "$T/old.git" push "$URL" ":$KEYS" >"$T/out" 2>&1
check "deleting the key store: the push fails" [ $? -ne 0 ]
refused "$T/out" "refusing to delete $KEYS" "deleting the key store"

# ---- an erased key brought back ----
git -C "$T/old.git" fetch -q "$URL" "+$KEYS:refs/old/k2"
cb -C "$T/a" erase "$R" --yes >/dev/null 2>"$T/out" || { not_ok "erase"; show "$T/out"; }
if cb -C "$T/a" sync >"$T/out" 2>&1; then ok "the erase is pushed"; else not_ok "the erase is pushed"; show "$T/out"; fi
check "...the server's key store has the tombstone, not the key" \
	git -C "$SRV" cat-file -e "$KEYS:erased/$R"
git -C "$SRV" cat-file -e "$KEYS:children/$R" 2>/dev/null
check "...and not the key" [ $? -ne 0 ]
good=$(remote_tip team)
keys=$(git -C "$SRV" rev-parse "$KEYS")
git -C "$T/old.git" push "$URL" "+refs/old/k2:$KEYS" >"$T/out" 2>&1
check "an erased key brought back: the push fails" [ $? -ne 0 ]
refused "$T/out" "brings back the erased key of $R" "an erased key brought back"

# ---- the good workspace still syncs ----
add_entry a "$P" "A second visit."
if cb -C "$T/a" sync >"$T/out" 2>&1; then ok "a later good push is accepted"; else not_ok "a later good push is accepted"; show "$T/out"; fi
check "...and fsck is clean on the server" fsck_ok "$SRV"
finish
