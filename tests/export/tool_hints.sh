#!/bin/sh
# tool_hints.sh - an export whose tool is missing says which Debian
# package to install (the package, which is not always the command's
# name), exits 1 and writes nothing.
. "$top_srcdir/tests/e2e/lib.sh"
. "$top_srcdir/tests/export/lib.sh"

demo_ws
mkdir -p "$T/bare"
# casebook run with a PATH on which no tool can be found (the test's own
# commands keep theirs).
printf '#!/bin/sh\nPATH=%s exec %s "$@"\n' "$T/bare" "$CASEBOOK" >"$T/casebook-nopath"
chmod +x "$T/casebook-nopath"
nopath() {
	real=$CASEBOOK
	CASEBOOK=$T/casebook-nopath
	cb_fails "$@"
	CASEBOOK=$real
}

nopath 'cannot run dot: is it installed\? \(Debian: apt-get install graphviz\)' \
	-C "$WS" genogram export "$CHILD" --format=svg --output "$T/g.svg" --produced-on "$ON"
[ "$rc" -eq 1 ] || fail "missing dot: exit $rc"
nothing_written "$T/g.svg"
ok "no dot: the hint names the graphviz package, nothing written"

nopath 'cannot run groff: is it installed\? \(Debian: apt-get install groff\)' \
	-C "$WS" export chronology "$CHILD" --format=court --output "$T/c.pdf" --produced-on "$ON"
[ "$rc" -eq 1 ] || fail "missing groff: exit $rc"
nothing_written "$T/c.pdf" "$T/c.ms"
ok "no groff: the hint names the groff package (groff-base has no PDF), nothing written"
