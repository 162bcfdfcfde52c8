#!/bin/sh
# genogram_ssda903.sh - the genogram's pictures through Graphviz and the
# SSDA903 OC3 file, on a demo workspace: formats are what they say,
# repeatable bytes, escaping, per-child problems and bad options.
. "$top_srcdir/tests/e2e/lib.sh"
command -v dot >/dev/null 2>&1 || { echo "1..0 # SKIP graphviz's dot is not installed (apt-get install graphviz)"; exit 77; }

cb demo "$T/ws" --seed 3 >/dev/null
export CASEBOOK_DIR="$T/ws"
ID=$(cb list --all | awk '$0 ~ /care-leaver/ {print $1; exit}')
[ -n "$ID" ] || fail "no care leaver in the demo"

cb genogram export "$ID" --format=svg --output "$T/g.svg" --produced-on 2025-06-01 >/dev/null
xmllint --noout "$T/g.svg" || fail "the SVG is not well-formed XML"
cb genogram export "$ID" --produced-on 2025-06-01 >"$T/g.dot"
grep -o 'label="[^"\\]*' "$T/g.dot" | sed 's/label="//' | grep -v '^$' | grep -v '^//\?$' |
	grep -v '^Household$' | while read -r name; do
	grep -qF "$name" "$T/g.svg" || fail "the SVG lacks $name"
done
ok "svg parses as XML and holds every member's name"

cb genogram export "$ID" --format=png --output "$T/g.png" --produced-on 2025-06-01 >/dev/null
head -c 8 "$T/g.png" | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a' || fail "not a PNG"
[ "$(wc -c <"$T/g.png")" -gt 1000 ] || fail "PNG too small"
cb genogram export "$ID" --format=pdf --output "$T/g.pdf" --produced-on 2025-06-01 >/dev/null
head -c 5 "$T/g.pdf" | grep -q '%PDF-' || fail "not a PDF"
sleep 1
cb genogram export "$ID" --format=pdf --output "$T/g2.pdf" --produced-on 2025-06-01 >/dev/null
cmp -s "$T/g.pdf" "$T/g2.pdf" || fail "the PDF's bytes differ between runs"
ls "$T/ws/exports" 2>/dev/null | grep -q tmp && fail "temporary files left behind"
ok "png and pdf are what they say; the pdf repeats byte for byte"

cb_fails 'unknown genogram format' genogram export "$ID" --format=jpeg --output "$T/x.jpeg"
[ "$rc" -eq 2 ] && [ ! -e "$T/x.jpeg" ] || fail "bad format: exit $rc or file written"
cb_fails 'produced-on' genogram export "$ID" --format=svg --output "$T/x.svg" --produced-on 2025-13-01
[ "$rc" -eq 2 ] && [ ! -e "$T/x.svg" ] || fail "bad date: exit $rc or file written"
ok "bad options: a message, exit 2, nothing written"

run export ssda903 --year 2025 --output "$T/oc3.csv" --errors "$T/oc3err.csv"
[ "$rc" -eq 1 ] || fail "ssda903 with problems exited $rc"
[ "$(head -n 1 "$T/oc3.csv")" = "$(printf 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\r')" ] || fail "OC3 header"
[ "$(head -n 1 "$T/oc3err.csv")" = "$(printf 'CHILD,FIELD,PROBLEM\r')" ] || fail "errors header"
grep -q "^$ID,pathway-plan: Accommodation-Code," "$T/oc3err.csv" || fail "no per-child problem for $ID"
ok "ssda903: the OC3 columns, and each child's problems listed"

cb_fails 'year' export ssda903 --year 20x5 --output "$T/y.csv"
[ "$rc" -eq 2 ] && [ ! -e "$T/y.csv" ] || fail "bad year: exit $rc or file written"
cb_fails 'needed' export ssda903
[ "$rc" -eq 2 ] || fail "missing year exit $rc"
ok "ssda903 bad options: exit 2, nothing written"
