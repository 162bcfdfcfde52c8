#!/bin/sh
# verify.sh - casebook verify catches what an auditor must not miss: a
# history rewritten with plain git (amended and force-updated), records
# committed with plain git that do not parse or sit in the wrong folder,
# authors who are not known practitioners, and SSH signatures that do not
# verify. Clean history: exit 0 and one summary line.
. "${top_srcdir:-.}/tests/history/lib.sh"
# Plain git works in the workspace here: keep what it writes private, or
# verify rightly reports the workspace open to others.
umask 077

g() { git -C "$ws/repo.git" "$@"; }

# ---- a clean workspace ----
new_ws "$tmp/ws"
A=$(cb person add --name "Zoë Ådahl" --dob 2008-04-02 --worker sam.patel@example.org --team North)
cb chronology add $A --date 2024-03-14 --event "Said she has not been registered with a GP." >/dev/null
cb verify > "$tmp/out" 2> "$tmp/err"
check "a clean history passes" test $? -eq 0
check "...with one summary line" test "$(wc -l < "$tmp/out")" -eq 1
check "...that says ok" has "verify: ok: 2 commits, 2 record versions checked, no problems" "$tmp/out"

# ---- authors ----
CASEBOOK_AUTHOR="Eve Stone <eve.stone@example.org>" cb person edit $A --status looked-after > /dev/null
cb verify > "$tmp/out" 2> "$tmp/err"
check "an unknown author fails verify" test $? -eq 1
check "...naming them" has "by Eve Stone <eve.stone@example.org>, not a known practitioner" "$tmp/out"
g config casebook.practitioners "jo.byrne@example.org, Eve.Stone@example.org"
cb verify > "$tmp/out"
check "listed in casebook.practitioners: known" test $? -eq 0

# ---- (a) history rewritten with plain git ----
git clone -q --bare "$ws/repo.git" "$tmp/remote.git"
g remote add origin "$tmp/remote.git"
g fetch -q origin
check "fetched: origin/main is there" test -n "$(g rev-parse -q --verify refs/remotes/origin/main)"
cb verify > "$tmp/out"
check "in step with the remote: passes" test $? -eq 0
old=$(g rev-parse main)
new=$(GIT_AUTHOR_NAME="Sam Patel" GIT_AUTHOR_EMAIL=sam.patel@example.org \
	GIT_COMMITTER_NAME="Sam Patel" GIT_COMMITTER_EMAIL=sam.patel@example.org \
	g commit-tree "main^{tree}" -p main~1 -m "Status change (quietly reworded)")
g update-ref refs/heads/main "$new"
cb verify > "$tmp/out" 2> "$tmp/err"
check "an amended, force-updated main fails verify" test $? -eq 1
check "...saying the history was rewritten" has "does not contain origin/main" "$tmp/out"
check "...naming both commits" has "$(g rev-parse --short=10 refs/remotes/origin/main)" "$tmp/out"
g update-ref refs/heads/main "$old"
cb verify > /dev/null
check "main put back: passes again" test $? -eq 0

# Rewritten on the remote by someone else, then fetched here.
git clone -q "$tmp/remote.git" "$tmp/other"
(cd "$tmp/other" && git -c user.name="Sam Patel" -c user.email=sam.patel@example.org \
	commit -q --amend -m "Rewritten elsewhere" && git push -q -f origin HEAD:main) || exit 99
g fetch -q origin "+refs/heads/*:refs/remotes/origin/*"
cb verify > "$tmp/out"
check "a force-push by someone else, once fetched, fails verify" test $? -eq 1
check "...saying so" has "does not contain origin/main" "$tmp/out"
g update-ref refs/remotes/origin/main "$old"

# ---- (b) records committed with plain git plumbing ----
new_ws "$tmp/ws2"
A=$(cb person add --name "Kai Osei" --dob 2009-01-15 --worker sam.patel@example.org)
B=$(cb person add --name "Amira Haddad" --dob 2010-06-30 --worker sam.patel@example.org)
cb chronology add $A --date 2024-03-14 --event "Started at Riverside College." >/dev/null
# plumb PATH BLOB MESSAGE: a commit on main adding BLOB at PATH.
plumb() {
	GIT_INDEX_FILE="$tmp/plumb-index"
	export GIT_INDEX_FILE
	g read-tree main
	g update-index --add --cacheinfo "100644,$2,$1"
	tree=$(g write-tree)
	unset GIT_INDEX_FILE
	c=$(GIT_AUTHOR_NAME="Sam Patel" GIT_AUTHOR_EMAIL=sam.patel@example.org \
		GIT_COMMITTER_NAME="Sam Patel" GIT_COMMITTER_EMAIL=sam.patel@example.org \
		g commit-tree "$tree" -p main -m "$3")
	g update-ref refs/heads/main "$c"
	echo "$c"
}
bad=$(printf 'Record: chronology\nPerson: %s\nSchema: 1\n\nId: X1\nDate: 2024-03-20\nthis line has no colon\n' "$B" |
	g hash-object -w --stdin)
badc=$(plumb "$(recpath $B chronology)" "$bad" "Plain git: a malformed record")
cb verify > "$tmp/out" 2> "$tmp/err"
check "a malformed record fails verify" test $? -eq 1
check "...naming the commit and the path" \
	has "commit $(echo "$badc" | cut -c1-10) by Sam Patel <sam.patel@example.org>: $(recpath $B chronology): does not parse" "$tmp/out"
check "...and the line" has "line 7" "$tmp/out"
cb verify --format=tsv > "$tmp/tsv"
check "TSV: one row for it, with the full commit id" \
	has "$(printf 'problem\trecord\t%s\t%s\t' "$badc" "$(recpath $B chronology)")" "$tmp/tsv"

# A person record filed as a genogram: the wrong type for its name.
wrongc=$(plumb "$(recpath $B genogram)" "$(g rev-parse "main:$(recpath $A person)")" "Wrong type")
cb verify > "$tmp/out"
check "a record of the wrong type fails" \
	has "commit $(echo "$wrongc" | cut -c1-10) by Sam Patel <sam.patel@example.org>: $(recpath $B genogram): does not parse" "$tmp/out"
# A's chronology under a folder that does not fit the id.
good=$(g rev-parse "main:$(recpath $A chronology)")
movedc=$(plumb "people/Z/Z/$B/chronology" "$good" "Wrong folder")
cb verify > "$tmp/out"
check "a record in the wrong folder fails" \
	has "commit $(echo "$movedc" | cut -c1-10) by Sam Patel <sam.patel@example.org>: people/Z/Z/$B/chronology: not where a record belongs" "$tmp/out"
# A's chronology in B's folder: parses, but is about someone else.
otherc=$(plumb "$(recpath $B chronology)" "$good" "Someone else's record")
cb verify > "$tmp/out"
check "a record about someone else, in B's folder, fails" \
	has "commit $(echo "$otherc" | cut -c1-10) by Sam Patel <sam.patel@example.org>: $(recpath $B chronology): is not valid:" "$tmp/out"
check "...saying whose it is" has "does not match the person this record belongs to, $B" "$tmp/out"
invalid=$(printf 'Record: chronology\nPerson: %s\nSchema: 1\n\nId: X2\nDate: 2024-02-30\nCategory: health\nSignificance: low\nEvent: x\n' "$B" |
	g hash-object -w --stdin)
plumb "$(recpath $B chronology)" "$invalid" "Parses, does not validate" > /dev/null
cb verify > "$tmp/out"
check "an impossible date fails validation" has "2024-02-30" "$tmp/out"
check "the summary counts the problems" has "verify: 5 problems in 8 commits" "$tmp/out"

# ---- signatures (git's SSH signatures) ----
if command -v ssh-keygen >/dev/null 2>&1; then
	new_ws "$tmp/ws3"
	A=$(cb person add --name "Zoë Ådahl" --dob 2008-04-02 --worker sam.patel@example.org)
	ssh-keygen -q -t ed25519 -N '' -C sam -f "$tmp/key" </dev/null
	ssh-keygen -q -t ed25519 -N '' -C other -f "$tmp/otherkey" </dev/null
	signed=$(GIT_AUTHOR_NAME="Sam Patel" GIT_AUTHOR_EMAIL=sam.patel@example.org \
		GIT_COMMITTER_NAME="Sam Patel" GIT_COMMITTER_EMAIL=sam.patel@example.org \
		g -c gpg.format=ssh -c user.signingkey="$tmp/key" \
		commit-tree -S "main^{tree}" -p main -m "Signed save")
	g update-ref refs/heads/main "$signed"
	cb verify > "$tmp/out"
	check "signed, no allowed signers: passes" test $? -eq 0
	check "...and says it could not verify" has "1 signed, not verified (no allowed signers)" "$tmp/out"
	echo "sam.patel@example.org namespaces=\"git\" $(cat "$tmp/key.pub")" > "$tmp/allowed"
	g config gpg.ssh.allowedSignersFile "$tmp/allowed"
	cb verify > "$tmp/out"
	check "signed by an allowed key: verified" has "1 signed and verified" "$tmp/out"
	echo "sam.patel@example.org namespaces=\"git\" $(cat "$tmp/otherkey.pub")" > "$tmp/allowed"
	cb verify > "$tmp/out"
	check "signed by a key not allowed: fails" test $? -eq 1
	check "...saying so" has "not in the allowed signers" "$tmp/out"
	echo "sam.patel@example.org namespaces=\"git\" $(cat "$tmp/key.pub")" > "$tmp/allowed"
	# The signature moved onto a commit whose message was changed.
	forged=$(g cat-file commit "$signed" | sed 's/^Signed save$/Signed save, reworded/' |
		g hash-object -t commit -w --stdin)
	g update-ref refs/heads/main "$forged"
	cb verify > "$tmp/out"
	check "a signature over other content: fails" test $? -eq 1
	check "...saying it does not verify" has "does not verify" "$tmp/out"
	find "$tmp/ws3/tmp" -type f > "$tmp/left"
	check "no signature files left behind" test ! -s "$tmp/left"
else
	for i in 1 2 3 4 5 6 7 8; do ok "# SKIP no ssh-keygen"; done
fi
finish
