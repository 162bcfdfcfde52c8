#!/bin/bash
# genogram.sh - the genogram: members and relationships listed beside the
# diagram, a member and a relationship added through forms.
. "${top_srcdir:-.}/tests/tui/lib.sh"

demo
id=$(id_of "Ellis Nguyễn")
before=$(commits)
start 100 30
wait_for "Ellis Nguyễn"
keys Enter
wait_for "Ellis Nguyễn — $id"
keys f
wait_for "Genogram — Ellis Nguyễn"
wait_for "Members and relationships"
wait_for "birth mother"
wait_for "parent: Beata Nguyễn — Ellis Nguyễn"
ok "f opens the genogram with its members and relationships"

keys a
wait_for "New family member — Ellis Nguyễn"
type_text "Hạnh Nguyễn"
keys Tab f Tab
type_text "1985"
keys Tab Tab
type_text "maternal aunt"
keys Tab Tab n
wait_for "< no >"
keys C-s
wait_for "Saved: Add family member for Ellis Nguyễn"
wait_for "Hạnh Nguyễn  female  b.1985  maternal aunt"
[ "$(commits)" = $((before + 1)) ] || fail "expected one commit"
rec=$(git -C "$WS/repo.git" show "main:people/${id:0:1}/${id:1:1}/$id/genogram")
echo "$rec" | grep -qx "Name: Hạnh Nguyễn" || fail "member not saved"
echo "$rec" | grep -qx "Household: no" || fail "household not saved"
member=$(echo "$rec" | awk '/^Id: / { id = $2 } /^Name: Hạnh Nguyễn$/ { print id }')
[ -n "$member" ] || fail "no id for the new member"
ok "a member added through the form is one commit"

keys r
wait_for "New relationship — Ellis Nguyễn"
keys s s
wait_for "< sibling >"
keys Tab B
wait_for "< Beata Nguyễn >"
keys Tab H
wait_for "< Hạnh Nguyễn >"
keys C-s
wait_for "Saved: Add relationship for Ellis Nguyễn"
wait_for "sibling: Beata Nguyễn — Hạnh Nguyễn"
[ "$(commits)" = $((before + 2)) ] || fail "expected a second commit"
rec=$(git -C "$WS/repo.git" show "main:people/${id:0:1}/${id:1:1}/$id/genogram")
echo "$rec" | grep -qx "To: $member" || fail "relationship does not point at the new member"
ok "a relationship between two members is picked by name and saved"

keys Tab
keys Tab
wait_for "Members and relationships"
keys Tab
ok "Tab changes the panes"

quit
ok "quits cleanly"
