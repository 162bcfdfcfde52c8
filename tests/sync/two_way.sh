#!/bin/sh
# two_way.sh - two and three workspaces syncing through a bare remote
# served by git daemon on loopback: concurrent additions converge, the
# same child entered on two laptops stays twice, a same-field clash and an
# edit against a deletion complete with conflicts, a push raced by another
# push is retried, and a remote that refuses is reported.
. "${top_srcdir:-.}/tests/sync/lib.sh"

start_daemon
make_remote team
URL=$(daemon_url team)
SAM="Sam Patel <sam.patel@example.org>"
JO="Jo Okafor <jo.okafor@example.org>"
RIA="Ria Mendes <ria.mendes@example.org>"

# ---- no remote ----
cb init --user "$SAM" "$T/lonely" >/dev/null
if cb -C "$T/lonely" sync >"$T/out" 2>&1; then
	not_ok "sync without a remote fails"
else
	grep -q "no remote" "$T/out" && ok "sync without a remote fails and says so" ||
		{ not_ok "sync without a remote says so"; show "$T/out"; }
fi

# ---- first push, clone ----
ws_init a "$URL" "$SAM"
P=$(add_person a "Amira Testcase" 2011-02-03)
add_entry a "$P" "Initial home visit."
remember a
cb -C "$T/a" sync >"$T/out" 2>&1
check "init --remote then sync pushes to the daemon" [ "$(remote_tip team)" = "$(tip a)" ]
grep -q "pushed 2" "$T/out" && ok "summary counts the pushed commits" ||
	{ not_ok "summary counts the pushed commits"; show "$T/out"; }
ws_clone b "$URL" "$JO"
check "clone gets the same main" [ "$(tip b)" = "$(tip a)" ]
cb -C "$T/b" list --all --format=tsv >"$T/list" 2>&1
check "clone builds the index" grep -q "Amira Testcase" "$T/list"
check "clone records the remote for later syncs" \
	[ "$(git -C "$T/b/repo.git" config remote.origin.url)" = "$URL" ]
check "clone into a non-empty directory is refused" sh -c "! \"$CASEBOOK\" clone \"$URL\" \"$T/a\" 2>/dev/null"

# ---- concurrent additions ----
add_entry a "$P" "Laptop A: school nurse called."
add_entry a "$P" "Laptop A: GP registration done."
add_entry b "$P" "Laptop B: contact with mother."
remember a
remember b
cb -C "$T/a" sync -q
cb -C "$T/b" sync >"$T/out" 2>&1 || show "$T/out"
cb -C "$T/a" sync -q
check "two workspaces converge after concurrent additions" converged a b
grep -q "merged 1" "$T/out" && ok "the later sync merged" || { not_ok "the later sync merged"; show "$T/out"; }
cb -C "$T/a" show "$P/chronology" >"$T/chron"
check "all three new entries are kept" sh -c \
	"grep -q 'school nurse' '$T/chron' && grep -q 'GP registration' '$T/chron' && grep -q 'contact with mother' '$T/chron'"
check "a clean merge leaves nothing to resolve" sh -c "! grep -q '^Conflict' '$T/chron'"
m=$(tip a)
check "the merge commit has two parents" [ "$(git -C "$T/a/repo.git" rev-list --parents -1 "$m" | wc -w)" -eq 3 ]
check "the merge is authored by the practitioner" \
	[ "$(git -C "$T/a/repo.git" log -1 --format=%ae "$(git -C "$T/a/repo.git" rev-list --merges -1 main)")" = "jo.okafor@example.org" ]
cb -C "$T/b" list --all --format=tsv >"$T/list"
check "the index follows a merge" grep -q "Amira Testcase" "$T/list"
# The merge combined both laptops' entries: in the record's history each
# entry stays with whoever wrote it, and the merge claims none of them.
cb -C "$T/b" log "$P/chronology" --format=tsv >"$T/rlog"
merge=$(git -C "$T/b/repo.git" rev-list --merges -1 main)
check "the record's history has a row for the merge" grep -q "^$merge" "$T/rlog"
check "the merge's row names no fields of its own" \
	[ -z "$(awk -F '\t' -v m="$merge" '$1 == m { print $7 }' "$T/rlog")" ]
check "each laptop's entries stay with their author" sh -c \
	"[ \$(awk -F '\t' '\$4 == \"sam.patel@example.org\" && \$7 ~ /^\\+/' '$T/rlog' | wc -l) -ge 3 ] &&
	 [ \$(awk -F '\t' '\$4 == \"jo.okafor@example.org\" && \$7 ~ /^\\+/' '$T/rlog' | wc -l) -eq 1 ]"
cb -C "$T/a" log --format=tsv >"$T/log"
check "the index follows a fast-forward" grep -q "jo.okafor@example.org" "$T/log"

# ---- three workspaces ----
ws_clone c "$URL" "$RIA"
for round in 1 2; do
	for w in a b c; do
		add_entry $w "$P" "Round $round entry from laptop $w."
		remember $w
	done
	cb -C "$T/b" sync -q
	cb -C "$T/c" sync -q
	cb -C "$T/a" sync -q
done
cb -C "$T/b" sync -q
cb -C "$T/c" sync -q
check "three workspaces converge" converged a b c
cb -C "$T/c" show "$P/chronology" >"$T/chron"
check "every entry from three laptops is there" \
	[ "$(grep -c '^Event: Round .* entry from laptop' "$T/chron")" -eq 6 ]
check "nothing anyone saved is missing from the remote" all_kept "$T/srv/team.git"

# ---- the same child entered on two laptops ----
add_person a "Dana Duplicate" 2013-07-08 >/dev/null
add_person b "Dana Duplicate" 2013-07-08 >/dev/null
remember a
remember b
cb -C "$T/a" sync -q
cb -C "$T/b" sync -q
cb -C "$T/a" sync -q
cb -C "$T/c" sync -q
cb -C "$T/c" list --all --format=tsv >"$T/list"
check "the same person made on two laptops is kept twice, not lost" \
	[ "$(grep -c 'Dana Duplicate' "$T/list")" -eq 2 ]
check "and all three converge" converged a b c

# ---- same field changed on both sides ----
cb -C "$T/a" person edit "$P" --name "Amira Testcase-Smith" >/dev/null
cb -C "$T/b" person edit "$P" --name "Amira Testcase-Jones" >/dev/null
remember a
remember b
cb -C "$T/a" sync -q
if cb -C "$T/b" sync >"$T/out" 2>&1; then
	ok "a same-field clash does not stop sync"
else
	not_ok "a same-field clash does not stop sync"
	show "$T/out"
fi
grep -q "1 conflict to resolve" "$T/out" && ok "the summary counts the conflict" ||
	{ not_ok "the summary counts the conflict"; show "$T/out"; }
grep -q "$P/person" "$T/out" && ok "the record to resolve is named" ||
	{ not_ok "the record to resolve is named"; show "$T/out"; }
cb -C "$T/a" sync -q
cb -C "$T/a" show "$P/person" >"$T/person"
check "both values are kept in the record" sh -c \
	"grep -q 'Testcase-Smith' '$T/person' && grep -q 'Testcase-Jones' '$T/person' && grep -q '^Conflict: Name' '$T/person'"
check "both converge on the conflicted record" converged a b

# ---- edit against delete ----
cb -C "$T/a" chronology add "$P" --date 2026-04-01 --event "Entry to be argued over." >/dev/null
remember a
cb -C "$T/a" sync -q
cb -C "$T/b" sync -q
cat >"$T/ed-change" <<'EOF'
#!/bin/sh
sed -i 's/^Event: Entry to be argued over\.$/Event: Entry to be argued over, now with detail./' "$1"
EOF
cat >"$T/ed-delete" <<'EOF'
#!/bin/sh
# drops the stanza holding the entry
awk 'BEGIN { RS = ""; ORS = "\n\n" } !/Entry to be argued over/' "$1" >"$1.new" && mv "$1.new" "$1"
EOF
chmod +x "$T/ed-change" "$T/ed-delete"
env EDITOR="$T/ed-change" "$CASEBOOK" -C "$T/a" edit "$P/chronology" </dev/null >/dev/null 2>&1
env EDITOR="$T/ed-delete" "$CASEBOOK" -C "$T/b" edit "$P/chronology" </dev/null >/dev/null 2>&1
cb -C "$T/b" show "$P/chronology" >"$T/chron-b"
check "(setup) the entry is deleted on b" sh -c "! grep -q 'argued over' '$T/chron-b'"
remember a
remember b
cb -C "$T/a" sync -q
cb -C "$T/b" sync >"$T/out" 2>&1 || show "$T/out"
cb -C "$T/a" sync -q
cb -C "$T/b" show "$P/chronology" >"$T/chron-b"
check "an edit against a deletion keeps the edit" grep -q "now with detail" "$T/chron-b"
check "and flags it" grep -q "deleted elsewhere" "$T/chron-b"
check "and both converge" converged a b

# ---- a push raced by another push ----
# The remote's pre-receive hook, once, moves main on before our push lands,
# as a colleague's push a moment earlier would: the push is refused after
# libgit2's own check passed, so sync must fetch, merge and push again.
cat >"$T/srv/team.git/hooks/pre-receive" <<EOF
#!/bin/sh
[ -e "$T/raced" ] && exit 0
touch "$T/raced"
unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
old=\$(git rev-parse refs/heads/main)
new=\$(echo "Interloping commit" | git commit-tree -p "\$old" "\$old^{tree}")
git update-ref refs/heads/main "\$new" "\$old"
exit 0
EOF
chmod +x "$T/srv/team.git/hooks/pre-receive"
add_entry a "$P" "Saved while someone else pushed."
remember a
if cb -C "$T/a" sync >"$T/out" 2>&1; then ok "a push refused because the remote moved is retried"
else not_ok "a push refused because the remote moved is retried"; show "$T/out"; fi
check "(setup) the race happened" [ -e "$T/raced" ]
check "the interloper and our save are both on the remote" sh -c \
	"git -C '$T/srv/team.git' log --format=%s main | grep -q 'Interloping commit' &&
	 git -C '$T/srv/team.git' log --format=%s main | grep -q 'chronology'"
check "and the workspace agrees with the remote" converged a

# ---- a remote that refuses ----
printf '#!/bin/sh\necho "records are frozen for audit" >&2\nexit 1\n' >"$T/srv/team.git/hooks/pre-receive"
add_entry a "$P" "Saved while the remote refuses."
before=$(tip a)
start=$(date +%s)
if cb -C "$T/a" sync >"$T/out" 2>&1; then
	not_ok "a refused push fails"
else
	grep -q "refused.*frozen for audit" "$T/out" && ok "a refused push fails with the remote's reason" ||
		{ not_ok "a refused push says so"; show "$T/out"; }
fi
check "a refusing remote does not make sync loop" [ $(( $(date +%s) - start )) -lt 20 ]
check "the refused save is still on main" [ "$(tip a)" = "$before" ]
rm "$T/srv/team.git/hooks/pre-receive"
remember a
cb -C "$T/a" sync -q
check "once the remote accepts, the save goes up" converged a

# ---- status ----
for w in a b c; do cb -C "$T/$w" sync -q; done
check "after a final round all three are identical" converged a b c
check "the remote passes git fsck" fsck_ok "$T/srv/team.git"
for w in a b c; do check "workspace $w passes git fsck" fsck_ok "$T/$w/repo.git"; done
check "no commit made anywhere was lost" all_kept "$T/srv/team.git"
check "the last successful sync is recorded" grep -q "^Last-Sync: [0-9]" "$T/a/sync-state"
finish
