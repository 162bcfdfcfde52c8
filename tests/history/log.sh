#!/bin/sh
# log.sh - casebook log walks history by child, by author and by date
# range; the TSV columns stay as they were.
. "${top_srcdir:-.}/tests/history/lib.sh"

new_ws "$tmp/ws"
dated_history

cb log --format=tsv > "$tmp/all" 2>&1
check "log lists every save (5 rows and a header)" test "$(wc -l < "$tmp/all")" -eq 6
check "the TSV header is unchanged" \
	test "$(head -1 "$tmp/all")" = "$(printf 'commit\ttime\tauthor_name\tauthor_email\tperson\trecord\tfields\tsummary')"

cb log --author alex.mensah@example.org --format=tsv > "$tmp/alex"
check "--author keeps Alex's two saves" test "$(tail -n +2 "$tmp/alex" | wc -l)" -eq 2
check "--author keeps only Alex's saves" \
	test "$(tail -n +2 "$tmp/alex" | cut -f4 | sort -u)" = alex.mensah@example.org
cb log --author ALEX.Mensah@Example.org --format=tsv > "$tmp/alex2"
check "--author ignores the case of the address" cmp -s "$tmp/alex" "$tmp/alex2"

cb log --since 2024-03-10 --until 2024-03-20 --format=tsv > "$tmp/range"
check "--since/--until keep saves on both end days" test "$(tail -n +2 "$tmp/range" | wc -l)" -eq 2
check "...and not the ones outside" hasnt "2024-04-02" "$tmp/range"
cb log --until 2024-03-01 --format=tsv > "$tmp/first"
check "--until DATE includes the whole of that day" test "$(tail -n +2 "$tmp/first" | wc -l)" -eq 2
cb log --since 2024-03-01T09:30 --until 2024-03-01T23:00 --format=tsv > "$tmp/hours"
check "times narrow a day down" test "$(tail -n +2 "$tmp/hours" | wc -l)" -eq 1

cb log $P/chronology --author sam.patel@example.org --format=tsv > "$tmp/sam_chron"
check "by child and record and author at once" test "$(tail -n +2 "$tmp/sam_chron" | wc -l)" -eq 2
cb log $P --since 2024-03-15 > "$tmp/text"
check "the text form names the record" has "$P/person" "$tmp/text"

cb log --since 2024-13-01 > "$tmp/out" 2> "$tmp/err"
check "a bad date is refused" test $? -ne 0
check "...saying why" has "--since 2024-13-01" "$tmp/err"
cb log --since 2024-04-01 --until 2024-03-01 > "$tmp/out" 2> "$tmp/err"
check "--since after --until is refused" test $? -ne 0
finish
