#!/bin/bash
# draft.sh - nothing typed is lost: casebook is killed with SIGKILL in the
# middle of a form, and reopening the form offers the draft back, which
# then saves as one commit. SIGTERM writes the draft at once.
. "${top_srcdir:-.}/tests/tui/lib.sh"

demo
id=$(id_of "Ellis Nguyễn")
before=$(commits)
start 100 30
wait_for "Ellis Nguyễn"
keys Enter
wait_for "Ellis Nguyễn — $id"
keys c
wait_for "Chronology — Ellis Nguyễn"
keys a
wait_for "New chronology entry"
type_text "2026-04-29"
keys Tab Tab c Tab m Tab
type_text "Youth worker"
keys Tab
type_text "Met at the youth club; talked about college."
wait_for "Draft saved"
ok "the form keeps a draft a moment after typing stops"

p=$(pid)
[ -n "$p" ] || fail "no casebook process"
kill -KILL "$p"
st=$(wait_exit)
[ "$st" = 137 ] || fail "casebook was not killed (status $st)"
[ "$(commits)" = "$before" ] || fail "a commit appeared"
ok "casebook killed with SIGKILL mid-form"

start 100 30
wait_for "Ellis Nguyễn"
keys Enter
wait_for "Ellis Nguyễn — $id"
keys c
wait_for "Chronology — Ellis Nguyễn"
keys a
wait_for "Restore the unsaved draft of this form"
keys y
wait_for "Draft restored"
wait_for "2026-04-29"
wait_for "Youth worker"
wait_for "Met at the youth club; talked about college."
ok "reopening the form offers the draft back"

keys C-s
wait_for "Saved: Add chronology entry for Ellis Nguyễn"
[ "$(commits)" = $((before + 1)) ] || fail "expected one commit"
rec=$(git -C "$WS/repo.git" show "main:people/${id:0:1}/${id:1:1}/$id/chronology")
echo "$rec" | grep -qx "Event: Met at the youth club; talked about college." || fail "event"
echo "$rec" | grep -qx "Category: contact" || fail "category"
echo "$rec" | grep -qx "Source: Youth worker" || fail "source"
quit
start 100 30
wait_for "Ellis Nguyễn"
keys Enter c a
wait_for "New chronology entry"
sleep 0.5
screen | grep -qF "Restore the unsaved draft" && fail "the saved draft is offered again"
ok "the restored draft saves as one commit and is gone afterwards"

# SIGTERM (a shutdown): the draft is written at once, before exit.
type_text "2026-04-28"
keys Tab Tab Tab Tab Tab
type_text "Phoned"
# Only what casebook has read can be in the draft: wait until it shows.
wait_for "Phoned"
kill -TERM "$(pid)"
wait_exit >/dev/null
no_sanitizer_reports
start 100 30
wait_for "Ellis Nguyễn"
keys Enter c a
wait_for "Restore the unsaved draft of this form"
keys y
wait_for "Phoned"
ok "SIGTERM writes the draft before exiting"

# Leaving with unsaved changes: c stays in the form, n throws them away.
keys Escape
wait_for "Save your changes?"
keys c
keys C-u
keys Escape
wait_for "Save your changes?"
keys n
wait_for "Changes thrown away"
quit
ok "quits cleanly"
