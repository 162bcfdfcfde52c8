#!/bin/sh
# po_current.sh - the translation template is kept current: every source
# file with translatable strings is in po/POTFILES.in, and po/casebook.pot
# has exactly the messages the sources have. (Fix: scripts/update-po.)
set -eu
src=${top_srcdir:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
grep -lE '\b_\(|\bN_\(' src/*.c ui/*.c db/*.c 2>/dev/null | LC_ALL=C sort > "$tmp/want"
grep -v '^#' po/POTFILES.in | LC_ALL=C sort > "$tmp/have"
if ! cmp -s "$tmp/want" "$tmp/have"; then
	echo "not ok 1 - po/POTFILES.in is out of date (run scripts/update-po):"
	diff "$tmp/have" "$tmp/want" || true
	exit 1
fi
echo "ok 1 - po/POTFILES.in lists every file with translatable strings"
xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --language=C --sort-by-file \
	-o "$tmp/new.pot" $(cat "$tmp/want")
msgids() { msgcat --no-location --no-wrap --sort-output "$1" | grep -E '^msgid' ; }
msgids "$tmp/new.pot" > "$tmp/new.ids"
msgids po/casebook.pot > "$tmp/old.ids"
if ! cmp -s "$tmp/new.ids" "$tmp/old.ids"; then
	echo "not ok 2 - po/casebook.pot is out of date (run scripts/update-po):"
	diff "$tmp/old.ids" "$tmp/new.ids" | head -20 || true
	exit 1
fi
echo "ok 2 - po/casebook.pot has every message"
