#!/bin/sh
# no_leaks.sh - record text need not pass through a process's arguments
# (--event - and --decision - read it from stdin), and $EDITOR gets a file
# inside the workspace, which is gone afterwards: nothing is left in
# TMPDIR or anywhere outside the workspace.
. "${top_srcdir:-.}/tests/access/lib.sh"

new_ws a
A=$(cb -C "$WS" person add --name "Zoë Ådahl" --dob 2008-04-02 --worker sam.patel@example.org)
printf 'Disclosed worries at school about an older cousin.\n' |
	"$CASEBOOK" -C "$WS" chronology add "$A" --date 2024-03-14 --event - --impact "Felt unsafe." >"$T/out" 2>"$T/err" ||
	fail "chronology add --event -"
git_record "$A" chronology >"$T/rec"
check "--event - takes the text from stdin" has "Event: Disclosed worries at school about an older cousin." "$T/rec"
check "...with the other options from argv" has "Impact: Felt unsafe." "$T/rec"
printf 'one\n' >"$T/in"
set +e
"$CASEBOOK" -C "$WS" chronology add "$A" --date 2024-03-15 --event - --action - <"$T/in" >"$T/out" 2>"$T/err"
rc=$?
set -e
check "two options cannot both read stdin" test "$rc" -eq 1
check "...saying so" has "only one option can take its text from it" "$T/err"
printf 'Continue with the plan; visit weekly.\n' |
	"$CASEBOOK" -C "$WS" oversight add "$A" --decision - >"$T/out" 2>"$T/err" || fail "oversight add --decision -"
git_record "$A" oversight >"$T/rec"
check "--decision - takes the text from stdin" has "Continue with the plan; visit weekly." "$T/rec"

# ---- the editor's file ----
mkdir "$T/tmpdir"
chmod 700 "$T/tmpdir"
cat >"$T/editor.sh" <<'ED'
#!/bin/sh
echo "$1" >>"$EDSEEN"
ls -l "$1" >>"$EDSEEN.mode"
ED
EDSEEN=$T/seen
export EDSEEN
TMPDIR=$T/tmpdir EDITOR="sh $T/editor.sh" "$CASEBOOK" -C "$WS" edit "$A/chronology" >"$T/out" 2>"$T/err" </dev/null ||
	fail "edit with an editor that changes nothing"
seen=$(cat "$EDSEEN")
case $seen in
"$WS"/*) ok "the editor's file is inside the workspace ($seen)" ;;
*) fail "the editor's file is outside the workspace: $seen" ;;
esac
check "...private to its owner" grep -q '^-rw-------' "$EDSEEN.mode"
check "...and removed afterwards" test ! -e "$seen"
check "nothing written to TMPDIR" test -z "$(ls -A "$T/tmpdir")"
echo "1..$n"
