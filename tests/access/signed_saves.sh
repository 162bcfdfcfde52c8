#!/bin/sh
# signed_saves.sh - with gpg.format=ssh and user.signingkey in the
# workspace's config every commit casebook makes is signed: a save, an
# edit, management oversight, the merge a sync makes, and the access log's
# own commits. casebook verify and plain git check them; a missing key
# stops the save with a clear message and saves nothing.
. "${top_srcdir:-.}/tests/access/lib.sh"
command -v ssh-keygen >/dev/null || { echo "1..0 # SKIP ssh-keygen is not installed"; exit 77; }

ssh-keygen -q -t ed25519 -N '' -C "sam signing" -f "$T/sam_key"
echo "sam.patel@example.org namespaces=\"git\" $(cat "$T/sam_key.pub")" >"$T/allowed"
git init -q --bare "$T/remote.git"
new_ws a --remote "$T/remote.git"
sign() {
	git -C "$1/repo.git" config gpg.format ssh
	git -C "$1/repo.git" config user.signingkey "$2"
	git -C "$1/repo.git" config gpg.ssh.allowedSignersFile "$T/allowed"
}
sign "$WS" "$T/sam_key"
A=$(cb -C "$WS" person add --name "Zoë Ådahl" --dob 2008-04-02 --worker sam.patel@example.org)
cb -C "$WS" chronology add "$A" --date 2024-03-14 --event "Registered with a GP." >/dev/null
cb -C "$WS" oversight add "$A" --decision "Continue as planned." >/dev/null
cb -C "$WS" sync --quiet >/dev/null
# A second laptop saves meanwhile, so the next sync makes a merge.
cb clone --user "Sam Patel <sam.patel@example.org>" --quiet "$T/remote.git" "$T/b" >/dev/null
sign "$T/b" "$T/sam_key"
cb -C "$T/b" chronology add "$A" --date 2024-03-20 --event "Saved on laptop B." >/dev/null
cb -C "$T/b" sync --quiet >/dev/null
cb -C "$WS" chronology add "$A" --date 2024-03-21 --event "Saved on laptop A." >/dev/null
cb -C "$WS" show "$A/person" >/dev/null
cb -C "$WS" sync --quiet >/dev/null
check "the sync made a merge" test -n "$(git -C "$WS/repo.git" rev-list --merges -1 main)"

unsigned=0
for c in $(git -C "$WS/repo.git" rev-list main $(git -C "$WS/repo.git" for-each-ref --format='%(refname)' refs/casebook/access/)); do
	git -C "$WS/repo.git" cat-file commit "$c" | grep -q '^gpgsig -----BEGIN SSH SIGNATURE-----' ||
		unsigned=$((unsigned + 1))
done
check "every commit is signed: saves, oversight, the merge, the access log" test "$unsigned" -eq 0
git -C "$WS/repo.git" -c gpg.ssh.allowedSignersFile="$T/allowed" verify-commit main >"$T/gv" 2>&1
check "plain git verifies the merge's signature" grep -q 'Good "git" signature for sam.patel@example.org' "$T/gv"
run -C "$WS" verify
check "casebook verify passes" test "$rc" -eq 0
check "...every commit signed and verified" grep -q "$(git -C "$WS/repo.git" rev-list --count main) signed and verified" "$T/out"

# ---- a missing key ----
before=$(tip)
git -C "$WS/repo.git" config user.signingkey "$T/no_such_key"
cb_fails "signing key .*no_such_key.* cannot be read; nothing was saved" \
	-C "$WS" chronology add "$A" --date 2024-03-22 --event "Not to be saved unsigned."
check "...and nothing was saved" test "$(tip)" = "$before"
# ---- a key ssh-keygen cannot use ----
echo "not a key" >"$T/bad_key"
chmod 600 "$T/bad_key"
git -C "$WS/repo.git" config user.signingkey "$T/bad_key"
cb_fails "cannot sign the save" -C "$WS" chronology add "$A" --date 2024-03-22 --event "Nor this."
check "...nothing saved either" test "$(tip)" = "$before"
git -C "$WS/repo.git" config commit.gpgsign false
cb -C "$WS" chronology add "$A" --date 2024-03-22 --event "Saved unsigned on purpose." >/dev/null
check "commit.gpgsign=false turns signing off" test "$(tip)" != "$before"
echo "1..$n"
