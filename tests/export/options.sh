#!/bin/sh
# options.sh - casebook export with bad options: a message naming the
# problem, exit 2, nothing written.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
. "${top_srcdir:-$(dirname "$0")/../..}/tests/export/lib.sh"

new_ws ws
ZOE=$(cb -C "$WS" person add --name "Zoë Ådahl" --dob 2008-04-02)
cb -C "$WS" chronology add "$ZOE" --date 2025-05-14 --event "Saw the GP." >/dev/null
O=$T/o
mkdir "$O"

# usage_fails PATTERN ARGS...: exit 2, PATTERN in stderr, no file in $O.
usage_fails() {
	cb_fails "$@"
	[ "$rc" -eq 2 ] || fail "casebook $*: exit $rc, expected 2"
	[ -z "$(ls -A "$O")" ] || fail "casebook $*: wrote $(ls "$O")"
}

usage_fails 'which export' -C "$WS" export
usage_fails 'no export called "nonsense"' -C "$WS" export nonsense "$ZOE"
usage_fails 'expected court, csv or md' -C "$WS" export chronology "$ZOE" --format=pdf --output "$O/x"
usage_fails '--format=court, csv or md is needed' -C "$WS" export chronology "$ZOE" --output "$O/x"
usage_fails 'expected one person id' -C "$WS" export chronology --format=csv --output "$O/x"
usage_fails 'expected one person id' -C "$WS" export chronology "$ZOE" "$ZOE" --format=csv --output "$O/x"
usage_fails '--from "2025-13-01": expected a date' -C "$WS" export chronology "$ZOE" --format=csv --from 2025-13-01 --output "$O/x"
usage_fails '--to "soon": expected a date' -C "$WS" export chronology "$ZOE" --format=csv --to soon --output "$O/x"
usage_fails 'is after --to' -C "$WS" export chronology "$ZOE" --format=csv --from 2025-02-01 --to 2025-01-01 --output "$O/x"
usage_fails 'expected low, medium or high' -C "$WS" export chronology "$ZOE" --format=csv --significance urgent --output "$O/x"
usage_fails '--produced-on "yesterday"' -C "$WS" export chronology "$ZOE" --format=csv --produced-on yesterday --output "$O/x"
usage_fails 'unknown option' -C "$WS" export chronology "$ZOE" --format=csv --colour --output "$O/x"
usage_fails 'name it with --output' -C "$WS" export chronology "$ZOE" --format=court
usage_fails 'say --plain' -C "$WS" export plan "$ZOE" --output "$O/x"
usage_fails 'unknown option' -C "$WS" export plan "$ZOE" --plain --fancy --output "$O/x"
usage_fails '--produced-on "2025-02-30"' -C "$WS" export plan "$ZOE" --plain --produced-on 2025-02-30 --output "$O/x"
grep -q '^usage: casebook export plan' "$T/err" || fail "a bad option shows the subcommand's usage"
ok "bad options: a message, exit 2, nothing written"

cb_fails 'no person' -C "$WS" export chronology ZZZZZZZZZZ --format=csv --output "$O/x"
[ "$rc" -eq 1 ] || fail "an unknown person exits 1"
cb_fails 'no pathway plan' -C "$WS" export plan "$ZOE" --plain --output "$O/x"
[ -z "$(ls -A "$O")" ] || fail "a failed export wrote $(ls "$O")"
ok "an unknown person, or no plan to export: exit 1, nothing written"

cb_fails 'cannot write' -C "$WS" export chronology "$ZOE" --format=csv --output "$T/no/such/dir/x.csv"
ok "an output path that cannot be written is an error"
echo "1..$n"
