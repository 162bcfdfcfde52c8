#!/bin/sh
# welsh.sh - the Welsh catalogue from the build tree (before install):
# LANG=cy_GB.UTF-8 shows Welsh, a message with no Welsh falls back to
# English, and plural forms follow Welsh counts.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

locale -a 2>/dev/null | grep -qi '^cy_GB\.utf-\{0,1\}8$' ||
	{ echo "SKIP: the cy_GB.UTF-8 locale is missing (run scripts/install-deps)"; exit 77; }
command -v msgfmt >/dev/null || { echo "SKIP: msgfmt missing"; exit 77; }
mkdir -p "$T/locale/cy/LC_MESSAGES"
msgfmt -o "$T/locale/cy/LC_MESSAGES/casebook.mo" "$top_srcdir/po/cy.po" || fail "msgfmt cy.po"
CASEBOOK_LOCALEDIR=$T/locale
export CASEBOOK_LOCALEDIR
unset LC_ALL LANGUAGE
LANG=cy_GB.UTF-8
export LANG

# gettext's own ngettext with the catalogue: Welsh counts.
for pair in "0:Dim cofnod wedi newid" "1:1 cofnod wedi newid" "2:2 gofnod wedi newid" \
	"3:3 chofnod wedi newid" "6:6 chofnod wedi newid" "7:7 cofnod wedi newid"; do
	cnt=${pair%%:*}
	want=${pair#*:}
	got=$(TEXTDOMAINDIR=$T/locale ngettext -d casebook "%zu entry changed" "%zu entries changed" "$cnt" |
		sed "s/%zu/$cnt/")
	[ "$got" = "$want" ] || fail "plural for $cnt: got '$got', want '$want'"
done
ok "plural forms follow Welsh counts (0, 1, 2, 3, 6, other)"


new_ws ws
run -C "$WS"
[ "$rc" -eq 1 ] || fail "the workbench without a terminal exited $rc"
grep -qF "casebook: mae angen terfynell ar y fainc waith" "$T/err" || fail "not Welsh: $(cat "$T/err")"
ok "LANG=cy_GB.UTF-8: a command's message is in Welsh"

# A catalogue that lacks one message: that message comes out in English,
# the messages around it still in Welsh.
command -v msggrep >/dev/null || { echo "SKIP: msggrep missing"; exit 77; }
msggrep -v -K -e '^person add needs --name and --dob$' "$top_srcdir/po/cy.po" >"$T/partial.po" ||
	fail "msggrep"
grep -qF 'person add needs --name and --dob' "$T/partial.po" && fail "the message was not taken out"
mkdir -p "$T/partial/cy/LC_MESSAGES"
msgfmt -o "$T/partial/cy/LC_MESSAGES/casebook.mo" "$T/partial.po" || fail "msgfmt partial.po"
CASEBOOK_LOCALEDIR=$T/partial
cb_fails "^casebook: person add needs --name and --dob$" -C "$WS" person add --name "Eira Pryce"
cb_fails "^casebook: mae angen terfynell ar y fainc waith" -C "$WS"
ok "a message missing from the Welsh catalogue falls back to English; the rest stays Welsh"

# The whole catalogue missing (no cy.mo where casebook looks): English.
CASEBOOK_LOCALEDIR=$T/nowhere
cb_fails "^casebook: the workbench needs a terminal" -C "$WS"
ok "no Welsh catalogue at all: English throughout"
