#!/bin/bash
# untrusted.sh - text from the repository never drives the terminal:
# direction overrides in a name and terminal escapes in a record written
# behind casebook's back are shown as visible escapes or refused, and the
# window title cannot be changed by a record.
. "${top_srcdir:-.}/tests/tui/lib.sh"

demo
rlo=$(printf '\342\200\256')
"$CASEBOOK" -C "$WS" person add --name "Evil${rlo}eman Tester" --dob 2009-01-02 \
	--status looked-after --worker sam.patel@example.org >/dev/null 2>>"$ERR" ||
	fail "person add"

# A chronology entry with an OSC title sequence and a CSI, committed with
# plain git so casebook's own checks never see it.
id=$(id_of "Ellis Nguyễn")
path="people/${id:0:1}/${id:1:1}/$id/chronology"
git -C "$WS/repo.git" show "main:$path" >"$T/chron"
printf '\nId: EVIL1\nDate: 2026-04-01\nCategory: other\nSignificance: low\nEvent: \033]0;PWNED\007 \033[2J gone\n' >>"$T/chron"
blob=$(git -C "$WS/repo.git" hash-object -w "$T/chron")
export GIT_INDEX_FILE=$T/git-index
git -C "$WS/repo.git" read-tree main
git -C "$WS/repo.git" update-index --cacheinfo "100644,$blob,$path"
tree=$(git -C "$WS/repo.git" write-tree)
unset GIT_INDEX_FILE
c=$(GIT_AUTHOR_NAME=Mallory GIT_AUTHOR_EMAIL=m@example.org GIT_COMMITTER_NAME=Mallory \
	GIT_COMMITTER_EMAIL=m@example.org git -C "$WS/repo.git" commit-tree "$tree" -p main -m "Sneaky")
git -C "$WS/repo.git" update-ref refs/heads/main "$c"
ok "a name with a direction override and a record with escapes are in the repository"

start 100 30
wait_for "My caseload (9 of 9)"
wait_for 'Evil\u202eeman Tester'
ok "the direction override is shown as \\u202e"

keys g Enter
wait_for "Ellis Nguyễn"
keys c
wait_for "damaged"
title=$(tmux -L "$SOCK" display -p -t tui '#{pane_title}')
[ "$title" != PWNED ] || fail "a record changed the window title"
tmux -L "$SOCK" capture-pane -e -p -t tui | grep -q 'PWNED' && fail "raw escape text reached the screen"
ok "a record with terminal escapes is reported damaged, its text never sent raw"

quit
ok "quits cleanly"
