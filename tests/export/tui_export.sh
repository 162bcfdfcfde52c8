#!/bin/bash
# tui_export.sh - x in the workbench: from a child's chronology the export
# menu, the default path in the workspace's private exports/ directory,
# the court chronology written (PDF and groff source, the same as the
# command line writes), and from the caseload the selected child's
# exports. Esc at "Write to" writes nothing.
. "${top_srcdir:-.}/tests/tui/lib.sh"

command -v groff >/dev/null 2>&1 || { echo "SKIP: groff is not installed (apt-get install groff)"; exit 77; }

demo
id=$(id_of "Ellis Nguyễn")
[ -n "$id" ] || fail "no id for Ellis Nguyễn"
before=$(commits)

start 100 30
wait_for "Ellis Nguyễn"
keys Enter
wait_for "Ellis Nguyễn — $id"
keys c
wait_for "Chronology — Ellis Nguyễn"
keys x
wait_for "Chronology for court (PDF)"
wait_for "Pathway plan for the young person"
ok "x on the chronology offers the child's exports"

# The first choice is the court chronology: Enter, then the path.
keys Enter
wait_for "Write to:"
wait_for "exports/$id-chronology-court.pdf"
[ "$(stat -c %a "$WS/exports")" = 700 ] || fail "exports/ is not private (0700)"
keys Enter
wait_for "Exported to" 60
wait_for "$id-chronology-court.pdf"
pdf=$WS/exports/$id-chronology-court.pdf
[ "$(head -c 5 "$pdf")" = "%PDF-" ] || fail "no PDF at $pdf"
[ -s "$WS/exports/$id-chronology-court.ms" ] || fail "no groff source beside the PDF"
[ "$(stat -c %a "$pdf")" = 600 ] || fail "the PDF is not private (0600)"
ok "Enter twice writes the court chronology to the workspace's private exports/"

# The same export as the command line makes, apart from the date.
CASEBOOK_AUTHOR= "$CASEBOOK" -C "$WS" export chronology "$id" --format=court \
	--produced-on "$TODAY" --output "$T/cli.pdf" 2>>"$ERR" || fail "command-line export"
cmp -s "$T/cli.ms" "$WS/exports/$id-chronology-court.ms" || fail "the workbench's source differs from the command line's"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$pdf" - | grep -q "Chronology: Ellis Nguy" || fail "pdftotext: no child's name"
	pdftotext "$pdf" - | grep -q "Interim care order granted." || fail "pdftotext: no entry"
fi
ok "it is the same export the command line writes"

# Again: the file exists, so it asks before replacing; n keeps it.
keys x
wait_for "Chronology for court (PDF)"
keys Enter
wait_for "Write to:"
keys Enter
wait_for "That file exists. Replace it?"
keys n
wait_for "Nothing exported"
ok "an existing file is replaced only when asked"

# From the caseload: the selected child's exports; Esc writes nothing.
keys q q
wait_for "My caseload"
keys x
wait_for "Chronology as a spreadsheet (CSV)"
keys j Enter
wait_for "Write to:"
keys Escape
wait_for "Nothing exported"
[ "$(ls "$WS/exports" | wc -l)" = 2 ] || fail "Esc wrote something: $(ls "$WS/exports")"
ok "x on the caseload offers the selected child's exports; Esc writes nothing"

[ "$(commits)" = "$before" ] || fail "an export made a commit"
quit
ok "exports never commit; the workbench exits cleanly"
echo "1..$n"
