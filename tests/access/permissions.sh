#!/bin/sh
# permissions.sh - under umask 000 everything casebook and libgit2 write
# (casebook's files, the SQLite index and drafts with their journals, git
# objects, packs, refs, config, logs) is private to its owner: directories
# 0700, files 0600 or stricter. casebook verify reports a workspace or a
# path remote that others can read or write.
. "${top_srcdir:-.}/tests/access/lib.sh"

umask 000
# open_paths DIR: every path under DIR with a group or other bit.
open_paths() { find "$1" ! -type l -perm /077 -print; }
private() {
	open_paths "$1" >"$T/open"
	if [ -s "$T/open" ]; then
		head -n 5 "$T/open" | while read -r p; do echo "# $(stat -c %a "$p") $p"; done
		return 1
	fi
}

# A shared remote on this machine, made by casebook's own first sync.
mkdir -m 700 "$T/srv"
git init -q --bare "$T/srv/remote.git"
chmod -R go-rwx "$T/srv/remote.git"
new_ws a --remote "$T/srv/remote.git"
check "init: the new workspace is private" private "$WS"
A=$(cb -C "$WS" person add --name "Zoë Ådahl" --dob 2008-04-02 --worker sam.patel@example.org)
cb -C "$WS" chronology add "$A" --date 2024-03-14 --event "Registered with a GP." >/dev/null
cb -C "$WS" show "$A/person" >/dev/null
check "a save and an access: still private" private "$WS"
cb -C "$WS" sync --quiet >/dev/null
check "a sync: the workspace still private" private "$WS"
check "...and what it pushed to a path remote too" private "$T/srv/remote.git"
cb -C "$WS" reindex >/dev/null
check "reindex: still private" private "$WS"
cb clone --user "Jo Byrne <jo.byrne@example.org>" --quiet "$T/srv/remote.git" "$T/b" >/dev/null
check "clone: the new workspace is private" private "$T/b"
git -C "$T/b/repo.git" gc -q 2>/dev/null
cb -C "$T/b" chronology add "$A" --date 2024-03-15 --event "Saved after a repack." >/dev/null
cb -C "$T/b" sync --quiet >/dev/null
cb -C "$WS" sync --quiet >/dev/null
check "a sync that fetches a pack: private" private "$WS"
cb demo "$T/demo" --people 5 >/dev/null
check "demo: the workspace and its remote are private" private "$T/demo"

run -C "$WS" verify
check "verify passes on a private workspace" test "$rc" -eq 0
chmod g+r "$WS/repo.git/config"
chmod o+rx "$WS/repo.git"
run -C "$WS" verify
check "verify fails when others can read the workspace" test "$rc" -eq 1
check "...naming the file and what is wrong" grep -q "PROBLEM permissions: $WS/repo.git/config: the workspace is readable by others (mode 0640)" "$T/out"
check "...and the directory" grep -q "PROBLEM permissions: $WS/repo.git: the workspace is readable by others (mode 0705)" "$T/out"
check "...saying how to fix it" grep -q "chmod -R go-rwx $WS" "$T/out"
chmod -R go-rwx "$WS"
chmod g+w "$T/srv/remote.git/config"
run -C "$WS" verify
check "a path remote writable by others is reported, as a note" test "$rc" -eq 0
check "...naming it" grep -q "note    permissions: $T/srv/remote.git/config: the remote is writable by others (mode 0620)" "$T/out"
echo "1..$n"
