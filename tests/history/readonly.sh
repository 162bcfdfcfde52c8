#!/bin/sh
# readonly.sh - an auditor's read-only mode: with --read-only, or in a
# workspace whose git config says casebook.readonly=true, every command
# that would save fails with a clear message and exit 1, before doing
# anything, and the repository is left exactly as it was. Reading still
# works.
. "${top_srcdir:-.}/tests/history/lib.sh"

new_ws "$tmp/ws"
g() { git -C "$ws/repo.git" "$@"; }
A=$(cb person add --name "Zoë Ådahl" --dob 2008-04-02 --worker sam.patel@example.org --team North)
cb chronology add $A --date 2024-03-14 --event "Said she has not been registered with a GP." >/dev/null
g config casebook.team North

# refused HOW DESCRIPTION ARGS...: the command fails with exit 1, says
# read-only, and the repository is unchanged.
refused() {
	how=$1
	desc=$2
	shift 2
	before=$(snapshot)
	if [ "$how" = flag ]; then
		EDITOR=true VISUAL=true "$CASEBOOK" -C "$ws" --read-only "$@" > "$tmp/out" 2> "$tmp/err"
	else
		EDITOR=true VISUAL=true "$CASEBOOK" -C "$ws" "$@" > "$tmp/out" 2> "$tmp/err"
	fi
	rc=$?
	if [ $rc -eq 1 ] && has "read-only" "$tmp/err" && [ "$(snapshot)" = "$before" ]; then
		ok "$how: $desc is refused, nothing changed"
	else
		not_ok "$how: $desc is refused, nothing changed (exit $rc: $(cat "$tmp/err"))"
	fi
}

for how in flag config; do
	if [ $how = config ]; then
		g config casebook.readonly true
	fi
	refused $how "person add" person add --name "Kai Osei" --dob 2009-01-15
	refused $how "person edit" person edit $A --status closed
	refused $how "chronology add" chronology add $A --date 2024-03-20 --event "A visit."
	refused $how "edit" edit $A/chronology
	refused $how "oversight add" oversight add $A --decision "x" --action "Do|Sam|2030-01-01"
	refused $how "review done" review done
done

# Making workspaces is saving too.
"$CASEBOOK" --read-only init --user "$SAM" "$tmp/new" > /dev/null 2> "$tmp/err"
check "--read-only init is refused" test $? -eq 1
check "...and makes nothing" test ! -e "$tmp/new"
"$CASEBOOK" --read-only demo "$tmp/demo" > /dev/null 2> "$tmp/err"
check "--read-only demo is refused" test $? -eq 1
check "...and makes nothing" test ! -e "$tmp/demo"
check "the message names the command" has '"demo" would save' "$tmp/err"

# Reading is what an auditor is there for.
before=$(snapshot)
check "show works read-only" sh -c "\"$CASEBOOK\" -C \"$ws\" --read-only show $A/chronology > /dev/null"
check "log works read-only" sh -c "\"$CASEBOOK\" -C \"$ws\" log --format=tsv > /dev/null"
check "blame works read-only" sh -c "\"$CASEBOOK\" -C \"$ws\" blame $A/chronology > /dev/null"
check "show --at works read-only" sh -c "\"$CASEBOOK\" -C \"$ws\" show $A --at main > /dev/null"
check "diff works read-only" sh -c "\"$CASEBOOK\" -C \"$ws\" diff main~1 main > /dev/null"
check "review (reading) works read-only" sh -c "\"$CASEBOOK\" -C \"$ws\" review > /dev/null"
check "reading changed nothing" test "$(snapshot)" = "$before"

# Back to normal: saving works again.
g config casebook.readonly false
check "with casebook.readonly=false saving works again" \
	sh -c "\"$CASEBOOK\" -C \"$ws\" chronology add $A --date 2024-03-20 --event 'A visit.' > /dev/null"
finish
