#!/bin/sh
# welsh_install.sh - `make install` puts the Welsh catalogue where the
# installed casebook looks for it: a build configured with a prefix in
# the test's scratch directory, installed there, then run with
# LANG=cy_GB.UTF-8 and no CASEBOOK_LOCALEDIR, through the full program
# (list) and the front alone (log). A second install with DESTDIR stages
# the same files under DESTDIR.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

locale -a 2>/dev/null | grep -qi '^cy_GB\.utf-\{0,1\}8$' ||
	{ echo "SKIP: the cy_GB.UTF-8 locale is missing (run scripts/install-deps)"; exit 77; }
command -v msgunfmt >/dev/null || { echo "SKIP: msgunfmt missing (apt-get install gettext)"; exit 77; }
[ -x "$top_srcdir/configure" ] || { echo "SKIP: no configure script (autoreconf -fi)"; exit 77; }

# An out-of-tree build of its own, without sanitizers (only what install
# builds: the program and the catalogues).
mkdir -p "$T/build"
(cd "$T/build" && "$top_srcdir/configure" -q --prefix="$T/prefix" CFLAGS=-O0 >"$T/configure.log" 2>&1) ||
	{ tail -n 20 "$T/configure.log" | sed 's/^/# /'; fail "configure --prefix=$T/prefix"; }
nice make -C "$T/build" -j2 install >"$T/install.log" 2>&1 ||
	{ tail -n 20 "$T/install.log" | sed 's/^/# /'; fail "make install"; }
mo=$T/prefix/share/locale/cy/LC_MESSAGES/casebook.mo
[ -s "$mo" ] || fail "make install did not install $mo"
msgunfmt "$mo" | grep -qF 'msgstr "Fy llwyth achosion"' || fail "$mo is not the Welsh catalogue"
ok "make install puts the Welsh catalogue in share/locale/cy/LC_MESSAGES/casebook.mo"

new_ws ws
unset LC_ALL LANGUAGE CASEBOOK_LOCALEDIR
installed=$T/prefix/bin/casebook
set +e
LANG=cy_GB.UTF-8 "$installed" -C "$WS" list >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 0 ] || fail "the installed casebook list exited $rc"
grep -qF "Does neb wedi'i ddyrannu i chi" "$T/out" || fail "not Welsh: $(cat "$T/out")"
set +e
LANG=C.UTF-8 "$installed" -C "$WS" list >"$T/out" 2>"$T/err"
set -e
grep -qF "No one is allocated to you" "$T/out" || fail "not English: $(cat "$T/out")"
ok "the installed casebook finds its Welsh catalogue with LANG=cy_GB.UTF-8, and speaks English without"

# list went to the full program; log of a current index is the front's
# own, which must find the catalogue too.
[ -x "$T/prefix/libexec/casebook/casebook-full" ] ||
	fail "make install did not put the full program in libexec/casebook"
"$installed" -C "$WS" person add --name "Eira Jones" --dob 2015-04-03 >/dev/null 2>"$T/err" ||
	fail "the installed casebook could not save"
set +e
LANG=cy_GB.UTF-8 "$installed" -C "$WS" log 0000000000 >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "the installed casebook log of an unknown id exited $rc"
grep -qF "dim person ag id 0000000000" "$T/err" || fail "not Welsh: $(cat "$T/err")"
ok "the installed front runs the full program from libexec/casebook, and speaks Welsh itself"

nice make -C "$T/build" install DESTDIR="$T/dest" >"$T/destdir.log" 2>&1 ||
	{ tail -n 20 "$T/destdir.log" | sed 's/^/# /'; fail "make install DESTDIR"; }
cmp -s "$mo" "$T/dest$T/prefix/share/locale/cy/LC_MESSAGES/casebook.mo" ||
	fail "DESTDIR install lacks the Welsh catalogue"
[ -x "$T/dest$T/prefix/bin/casebook" ] || fail "DESTDIR install lacks the program"
[ -x "$T/dest$T/prefix/libexec/casebook/casebook-full" ] || fail "DESTDIR install lacks the full program"
ok "make install DESTDIR=... stages the program and the catalogue under DESTDIR"
