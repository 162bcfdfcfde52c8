#!/bin/sh
# diff.sh - casebook diff REV1 REV2 [ID[/RECORD]]: changes in the record's
# terms (entries added, removed, fields changed, words marked), TSV rows,
# dates looked up per record, and refusals.
. "${top_srcdir:-.}/tests/history/lib.sh"

new_ws "$tmp/ws"
dated_history
g() { git -C "$ws/repo.git" "$@"; }
c1=$(g rev-parse main~3)   # chronology v1
c2=$(g rev-parse main~2)   # chronology v2
tip=$(g rev-parse main)

cb diff "$c1" "$c2" > "$tmp/text"
check "diff exits 0" test $? -eq 0
check "names the record and person" has "@ $P/chronology (Zoë Ådahl): changed" "$tmp/text"
check "marks the changed word inside the narrative" \
	has "Event: Said she [-has-]{+had+} not been registered with a GP since the move." "$tmp/text"
check "shows a changed choice old and new" has "Significance: [-medium-]{+high+}" "$tmp/text"
check "labels the entry by kind and date" has "~ Chronology entry 2024-02-28 [E1]" "$tmp/text"
check "shows an added entry as added" has "+ Chronology entry 2024-03-09 [E2] (added)" "$tmp/text"
check "no colour when not a terminal" hasnt "$(printf '\033')" "$tmp/text"

# On a terminal the markers are coloured too, unless NO_COLOR is set.
if command -v script >/dev/null 2>&1; then
	script -qec "\"$CASEBOOK\" -C \"$ws\" diff $c1 $c2" /dev/null > "$tmp/tty" 2>&1
	check "on a terminal: deletions red, insertions green" \
		sh -c "grep -qF '$(printf '\033[31m[-has-]')' '$tmp/tty' && grep -qF '$(printf '\033[32m{+had+}')' '$tmp/tty'"
	NO_COLOR=1 script -qec "\"$CASEBOOK\" -C \"$ws\" diff $c1 $c2" /dev/null > "$tmp/tty" 2>&1
	check "on a terminal with NO_COLOR: markers only" \
		sh -c "grep -qF '[-has-]{+had+}' '$tmp/tty' && ! grep -qF '$(printf '\033[3')' '$tmp/tty'"
else
	ok "# SKIP no script(1) to make a terminal"
	ok "# SKIP no script(1) to make a terminal"
fi

cb diff "$c2" "$tip" $P/chronology --format=tsv > "$tmp/tsv"
check "TSV header" test "$(head -1 "$tmp/tsv")" = "$(printf 'person\trecord\tstanza\tfield\tchange\told\tnew')"
check "TSV: a changed narrative field" \
	has "$(printf '%s\tchronology\tE2\tEvent\tchanged\tVisited by her aunt.\tVisited by her aunt and two cousins.' $P)" "$tmp/tsv"
check "TSV: every field of an added entry" \
	has "$(printf '%s\tchronology\tE3\tEvent\tadded\t\tPassed her driving theory test.' $P)" "$tmp/tsv"
check "TSV: nothing about the unchanged entry" hasnt "$(printf '\tE1\t')" "$tmp/tsv"
check "the person filter leaves other records out" hasnt "$(printf '\tperson\t')" "$tmp/tsv"

cb diff "$c2" "$tip" --format=tsv > "$tmp/all"
check "the whole workspace: the person record's change too" \
	has "$(printf '%s\tperson\t\tStatus\tchanged\tlooked-after\tcare-leaver' $P)" "$tmp/all"

cb diff "$tip" "$c1" $P/chronology --format=tsv > "$tmp/back"
check "backwards, the entries come out as removed" \
	has "$(printf '%s\tchronology\tE3\tEvent\tremoved\tPassed her driving theory test.\t' $P)" "$tmp/back"

# Dates with an ID: each record's version in force at the end of that day.
cb diff 2024-03-05 2024-03-25 $P --format=tsv > "$tmp/dates"
check "dates: the chronology change between them" \
	has "$(printf '%s\tchronology\tE1\tSignificance\tchanged\tmedium\thigh' $P)" "$tmp/dates"
check "dates: the person change between them" \
	has "$(printf '%s\tperson\t\tStatus\tchanged\tlooked-after\tcare-leaver' $P)" "$tmp/dates"
check "dates: not what came after" hasnt "E3" "$tmp/dates"
cb diff 2024-02-01 2024-03-01 $P/chronology --format=tsv > "$tmp/new"
check "dates: a record made in between is all added" \
	has "$(printf '%s\tchronology\tE1\tDate\tadded\t\t2024-02-28' $P)" "$tmp/new"

cb diff "$c1" "$c1" > "$tmp/none"
check "no changes, no output" test ! -s "$tmp/none"
cb diff 2024-03-01 "$tip" > "$tmp/out" 2> "$tmp/err"
check "a date without an ID is refused" test $? -ne 0
check "...saying why" has "needs an ID" "$tmp/err"
cb diff nosuchrev "$tip" > "$tmp/out" 2> "$tmp/err"
check "an unknown revision is refused" test $? -ne 0
check "...naming it" has "nosuchrev" "$tmp/err"
cb diff "$c1" > "$tmp/out" 2> "$tmp/err"
check "one revision is a usage error" test $? -eq 2
finish
