#!/bin/sh
# chronology.sh - casebook export chronology: golden CSV, Markdown and
# groff source on the demo workspace, a PDF that pdftotext reads back with
# every entry and the header and footer, the same bytes twice, siblings
# merged, filters, escaping of awkward text, and refusal of a record that
# does not validate (nothing written).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
. "${top_srcdir:-$(dirname "$0")/../..}/tests/export/lib.sh"

demo_ws
O=$T/out-files
mkdir "$O"

# ---- golden files ----
for f in csv md; do
	cb -C "$WS" export chronology "$CHILD" --format=$f --produced-on $ON \
		--produced-by "Sam Patel" --output "$O/c.$f" >/dev/null
	golden chronology.$f "$O/c.$f"
	ok "chronology as $f matches its golden file"
done
cb -C "$WS" export chronology "$CHILD" --format=md --produced-on $ON >"$O/stdout.md"
cmp -s "$O/stdout.md" "$O/c.md" || fail "md on stdout differs from md in a file"
ok "without --output, csv and md go to stdout"
cb -C "$WS" export chronology "$CHILD" --with "$SIB" --format=md --produced-on $ON \
	--output "$O/with.md" >/dev/null
golden chronology-with.md "$O/with.md"
ok "merged with a sibling: matches its golden file"

# CSV: CRLF line ends, a header row, one row per entry, sorted by date.
[ "$(head -n 1 "$O/c.csv")" = "$(printf 'Date,Date approximate,Event,Source,Significance,What it meant for the child\r')" ] ||
	fail "csv header row"
[ "$(grep -c "$(printf '\r$')" "$O/c.csv")" = "$(wc -l <"$O/c.csv")" ] || fail "csv lines end CRLF"
nentries=$(git_record "$CHILD" chronology | grep -c '^Date:')
[ "$(grep -c -E '^[0-9]{4}' "$O/c.csv")" = "$nentries" ] || fail "csv has one row per entry ($nentries)"
grep -E '^[0-9]{4}' "$O/c.csv" | cut -d, -f1 >"$T/dates"
LC_ALL=C sort -c "$T/dates" || fail "csv rows sorted by date"
ok "csv: CRLF, header, $nentries rows in date order"

# ---- court: PDF and its groff source ----
if ! command -v groff >/dev/null 2>&1; then
	echo "# groff is not installed (apt-get install groff): skipping the PDF checks"
else
	cb -C "$WS" export chronology "$CHILD" --format=court --produced-on $ON \
		--produced-by "Sam Patel" --output "$O/court.pdf" >/dev/null
	[ -s "$O/court.pdf" ] && [ -s "$O/court.ms" ] || fail "court writes FILE.pdf and FILE.ms"
	[ "$(head -c 5 "$O/court.pdf")" = "%PDF-" ] || fail "court.pdf is a PDF"
	[ "$(mode_of "$O/court.pdf")" = 600 ] || fail "the PDF is private (0600)"
	golden chronology.ms "$O/court.ms"
	ok "court: a PDF and its groff source, the source matches its golden file"

	cb -C "$WS" export chronology "$CHILD" --format=court --produced-on $ON \
		--produced-by "Sam Patel" --output "$O/again.pdf" >/dev/null
	cmp -s "$O/court.pdf" "$O/again.pdf" || fail "two court exports differ"
	cmp -s "$O/court.ms" "$O/again.ms" || fail "two groff sources differ"
	cb -C "$WS" export chronology "$CHILD" --format=court --produced-on 2025-06-02 \
		--produced-by "Sam Patel" --output "$O/later.pdf" >/dev/null
	! cmp -s "$O/court.pdf" "$O/later.pdf" || fail "the production date does not show in the PDF"
	ok "court: the same bytes twice; --produced-on changes them"

	if command -v pdftotext >/dev/null 2>&1; then
		pdftotext -layout "$O/court.pdf" "$O/court.txt" || fail "pdftotext reads the PDF"
		name=$(awk -F'\t' -v c="$CHILD" '$1 == c { print $2 }' "$T/out")
		run -C "$WS" list --all --format=tsv
		name=$(awk -F'\t' -v c="$CHILD" '$1 == c { print $2 }' "$T/out")
		dob=$(awk -F'\t' -v c="$CHILD" '$1 == c { print $3 }' "$T/out")
		grep -q "Chronology: $name" "$O/court.txt" || fail "PDF names the child"
		grep -q "date of birth $dob" "$O/court.txt" || fail "PDF gives the date of birth"
		grep -q "Produced by Sam Patel on $ON" "$O/court.txt" || fail "PDF footer: produced by, on"
		pages=$(grep -c 'Page [0-9]* of [0-9]*' "$O/court.txt")
		[ "$pages" -ge 1 ] || fail "PDF footer: page n of m"
		grep -q "Page $pages of $pages" "$O/court.txt" || fail "the last page is page $pages of $pages"
		for h in Date Event Source Significance; do
			grep -q "$h" "$O/court.txt" || fail "PDF table heading $h"
		done
		# Every entry's date and the start of its event are in the PDF.
		git_record "$CHILD" chronology | awk '/^Date:/ { print $2 }' | while read -r d; do
			grep -q -- "$d" "$O/court.txt" || fail "PDF lacks the entry dated $d"
		done
		git_record "$CHILD" chronology | sed -n 's/^Event: //p' | cut -c1-20 | sort -u |
			while IFS= read -r e; do
				tr -s ' \n' ' ' <"$O/court.txt" | grep -q -F -- "$e" || fail "PDF lacks the event \"$e\""
			done
		ok "pdftotext reads back the child, date of birth, footer and every entry"
	else
		echo "# pdftotext is not installed (apt-get install poppler-utils): skipping the read-back"
	fi
fi

# ---- filters ----
cb -C "$WS" export chronology "$CHILD" --format=csv --significance high --output "$O/high.csv" >/dev/null
n_high=$(git_record "$CHILD" chronology | grep -c '^Significance: high')
[ "$(grep -c -E '^[0-9]{4}' "$O/high.csv")" = "$n_high" ] || fail "--significance high keeps the $n_high high entries"
grep -E '^[0-9]{4}' "$O/high.csv" | grep -v ',high,' && fail "--significance high let a lower one through"
first=$(head -n 2 "$T/dates" | tail -n 1)
last=$(tail -n 1 "$T/dates")
cb -C "$WS" export chronology "$CHILD" --format=csv --from "$first" --to "$first" --output "$O/one.csv" >/dev/null
[ "$(grep -c -E '^[0-9]{4}' "$O/one.csv")" = "$(grep -c -x -- "$first" "$T/dates")" ] ||
	fail "--from $first --to $first keeps that day's entries"
cb -C "$WS" export chronology "$CHILD" --format=md --from "$last" --output "$O/last.md" >/dev/null
grep -q "Entries from $last on" "$O/last.md" || fail "the md says which entries it holds"
ok "--significance, --from and --to choose the entries and say so"

# ---- escaping ----
new_ws esc
KIM=$(cb -C "$WS" person add --name "Kim O'Neill, \"KJ\"" --dob 2012-01-05)
cb -C "$WS" chronology add "$KIM" --date 2025-03 --approximate --significance high \
	--source 'School, "head" \\office' \
	--event '.TS starts with a dot, "quotes", commas, back\slash
'"'"'apostrophe line
T}
# | *not* _markup_ <b>' \
	--impact '=HYPERLINK("x") and a	tab' >/dev/null
cb -C "$WS" export chronology "$KIM" --format=csv --output "$O/esc.csv" >/dev/null
grep -q '^2025-03,yes,".TS starts with a dot, ""quotes"", commas, back\\slash' "$O/esc.csv" ||
	fail "csv: quotes doubled, field quoted"
grep -q -F "\"'=HYPERLINK(\"\"x\"\") and a tab\"" "$O/esc.csv" || fail "csv: a formula is shown as text; tab a space"
grep -q -F '"School, ""head"" \\office"' "$O/esc.csv" || fail "csv: source quoted"
ok "csv escapes quotes and commas, keeps line breaks inside quotes, defuses formulas"
cb -C "$WS" export chronology "$KIM" --format=md --output "$O/esc.md" >/dev/null
grep -q -F '| 2025-03 (approx.) | .TS starts with a dot, "quotes", commas, back\\slash<br>'"'"'apostrophe line<br>T}<br>\# \| \*not\* \_markup\_ \<b\> |' "$O/esc.md" ||
	fail "md: specials escaped, line breaks <br>, approximate date marked"
grep -q -F "# Chronology: Kim O'Neill, \"KJ\"" "$O/esc.md" || fail "md: the title"
ok "md escapes its specials and marks the approximate date"
if command -v groff >/dev/null 2>&1; then
	cb -C "$WS" export chronology "$KIM" --format=court --output "$O/esc.pdf" --produced-on $ON >/dev/null
	# No text line of the record becomes a request: each starts with \&.
	grep -n -E "^[.']?(TS starts|apostrophe line)" "$O/esc.ms" && fail "ms: record text became a request"
	grep -q -F '\&.TS starts with a dot, "quotes", commas, back\[rs]slash' "$O/esc.ms" || fail "ms: escaped dot and backslash"
	grep -q -F '\&\[aq]apostrophe line' "$O/esc.ms" || fail "ms: escaped apostrophe"
	grep -q -F '\&T}' "$O/esc.ms" || fail "ms: T} cannot end the cell"
	if command -v pdftotext >/dev/null 2>&1; then
		pdftotext "$O/esc.pdf" - | tr -s ' \n' ' ' >"$O/esc.txt"
		for s in '.TS starts with a dot' 'back\slash' 'apostrophe line' 'T}' '2025-03 (approx.)' \
			"Kim O" '=HYPERLINK("x") and a tab'; do
			grep -q -F -- "$s" "$O/esc.txt" || fail "PDF shows \"$s\" as written"
		done
	fi
	ok "court escapes groff's leading dot and apostrophe, backslashes and T}"
fi

# ---- page n of m over several pages ----
if command -v pdftotext >/dev/null 2>&1 && command -v groff >/dev/null 2>&1; then
	{
		printf 'Record: chronology\nPerson: %s\nSchema: 1\n' "$KIM"
		i=10
		while [ $i -lt 70 ]; do
			printf '\nId: LONG%04d\nDate: 2024-01-%02d\nCategory: other\nSignificance: medium\nSource: Test\nEvent: Entry %d, long enough to wrap in its cell and fill the pages of the chronology.\nImpact: Entry %d mattered.\n' \
				$i $((i % 28 + 1)) $i $i
			i=$((i + 1))
		done
	} >"$T/long"
	git_commit_file "$KIM" chronology "$T/long" "sixty entries" >/dev/null
	cb -C "$WS" export chronology "$KIM" --format=court --output "$O/long.pdf" --produced-on $ON >/dev/null
	pdftotext -layout "$O/long.pdf" "$O/long.txt"
	pages=$(grep -c 'Page [0-9]* of [0-9]*' "$O/long.txt")
	[ "$pages" -ge 2 ] || fail "sixty entries take more than one page ($pages)"
	p=1
	while [ $p -le "$pages" ]; do
		grep -q "Page $p of $pages" "$O/long.txt" || fail "no \"Page $p of $pages\""
		p=$((p + 1))
	done
	[ "$(grep -c 'Chronology: Kim' "$O/long.txt")" -ge "$pages" ] || fail "every page is headed with the child's name"
	[ "$(grep -c 'What it meant for the' "$O/long.txt")" -ge "$pages" ] || fail "the table heading repeats on every page"
	ok "a $pages-page chronology: page n of $pages, the child's name and the table heading on every page"
fi

# ---- a record that does not validate ----
printf 'Record: chronology\nPerson: %s\nSchema: 1\n\nId: BADDATE1\nDate: 2024-02-30\nCategory: health\nSignificance: high\nEvent: Not a real day.\n' \
	"$KIM" >"$T/bad"
git_commit_file "$KIM" chronology "$T/bad" "a hand-made entry with no such date" >/dev/null
for f in csv md court; do
	cb_fails "$KIM/chronology.*BADDATE1.*Date" -C "$WS" export chronology "$KIM" --format=$f --output "$O/bad.$f"
	[ "$rc" -eq 1 ] || fail "an invalid record exits 1"
	nothing_written "$O/bad.$f" "$O/bad.ms"
done
ok "a record that does not validate is refused, naming record, item and field; nothing written"

# Control characters cannot reach an export: a record holding one does
# not even parse, and is refused.
printf 'Record: chronology\nPerson: %s\nSchema: 1\n\nId: ESCAPE01\nDate: 2024-02-03\nCategory: health\nSignificance: high\nEvent: bell \007 and \033[31mred\n' \
	"$KIM" >"$T/ctl"
git_commit_file "$KIM" chronology "$T/ctl" "a hand-made entry with control characters" >/dev/null
cb_fails "chronology" -C "$WS" export chronology "$KIM" --format=csv --output "$O/ctl.csv"
nothing_written "$O/ctl.csv"
ok "a record with control characters is refused, and the message shows none raw"
echo "1..$n"
