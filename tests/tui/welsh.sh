#!/bin/bash
# welsh.sh - LANG=cy_GB.UTF-8 shows the workbench in Welsh: the caseload,
# a person and the help screen, with Welsh plural forms for counts, and
# English where a message has no Welsh yet.
. "${top_srcdir:-.}/tests/tui/lib.sh"

locale -a 2>/dev/null | grep -qi '^cy_GB\.utf-\{0,1\}8$' ||
	{ echo "SKIP: the cy_GB.UTF-8 locale is missing (run scripts/install-deps)"; exit 77; }
command -v msgfmt >/dev/null || { echo "SKIP: msgfmt is missing (apt-get install gettext)"; exit 77; }
mkdir -p "$T/locale/cy/LC_MESSAGES"
msgfmt -o "$T/locale/cy/LC_MESSAGES/casebook.mo" "$top_srcdir/po/cy.po" || fail "msgfmt po/cy.po"

demo
start 110 30 LANG=cy_GB.UTF-8 LC_ALL=cy_GB.UTF-8 LANGUAGE= CASEBOOK_LOCALEDIR="$T/locale"
wait_for "Fy llwyth achosion (8 o 8)"
wait_for "Ellis Nguyễn"
wait_for "? cymorth"
screen | grep -qF "My caseload" && fail "the caseload's title is still in English"
ok "the caseload is in Welsh: its title, its count and the help hint"

keys t
wait_for "Llwyth achosion y tîm (15 o 15)"
keys t
wait_for "Pawb (57 o 57)"
ok "t moves between my caseload, the team's and everyone (Pawb)"

keys t
wait_for "Fy llwyth achosion (8 o 8)"
keys g Enter
wait_for "Cynllun llwybr"
wait_for "Cronoleg"
wait_for "Genogram"
screen | grep -qE "[0-9]+ (cofnod|gofnod|chofnod)" ||
	fail "the chronology's count of entries is not in Welsh"
screen | grep -qE "[0-9]+ aelod, [0-9]+ (perthynas|berthynas|pherthynas)" ||
	fail "the genogram's members and relationships are not counted in Welsh"
screen | grep -qE "adran wedi'(i|u) llenwi" || fail "the pathway plan's sections are not in Welsh"
ok "the person screen: records, counts with their Welsh plural forms, the pathway plan"

keys '?'
wait_for "Dangos bysellau'r sgrin hon"
wait_for "Ym mhobman"
wait_for "Agor y gronoleg"
screen | grep -qF "Show the keys of this screen" && fail "help still in English"
ok "? shows the person screen's keys in Welsh"
keys q
sleep 0.2
quit

# Welsh counts, as the real binary prints them: 0, 1, 2, 3, 6 and 7
# chronology entries, each with its own form (and mutation) of "cofnod".
"$CASEBOOK" init --user "Sam Patel <sam.patel@example.org>" "$T/plural" >/dev/null 2>"$ERR" ||
	fail "init"
export CASEBOOK_AUTHOR="Sam Patel <sam.patel@example.org>"
id=$("$CASEBOOK" -C "$T/plural" person add --name "Eira Pryce" --dob 2008-01-01 2>"$ERR")
have=0
for want in "0:dim cofnod cronoleg" "1:1 cofnod cronoleg" "2:2 gofnod cronoleg" \
	"3:3 chofnod cronoleg" "6:6 chofnod cronoleg" "7:7 cofnod cronoleg"; do
	count=${want%%:*}
	while [ "$have" -lt "$count" ]; do
		have=$((have + 1))
		"$CASEBOOK" -C "$T/plural" chronology add "$id" --date 2025-01-0"$have" \
			--event "Ymweliad $have" >/dev/null 2>"$ERR" || fail "chronology add $have"
	done
	out=$(env LANG=cy_GB.UTF-8 LC_ALL=cy_GB.UTF-8 LANGUAGE= CASEBOOK_LOCALEDIR="$T/locale" \
		"$CASEBOOK" -C "$T/plural" reindex --full 2>"$ERR") || fail "reindex"
	case $out in
	*": 1 person, ${want#*:}.") ;;
	*) fail "with $count entries: '$out', want '... ${want#*:}.'" ;;
	esac
done
ok "counts take Welsh's six plural forms: dim, 1 cofnod, 2 gofnod, 3 chofnod, 6 chofnod, 7 cofnod"
