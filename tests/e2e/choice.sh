#!/bin/sh
# choice.sh - controlled values (category, significance, status, gender,
# ...) are taken in any case and as a unique prefix on the command line
# and in `casebook edit`, and stored canonical; an ambiguous prefix lists
# the candidates, an unknown value the allowed ones, and nothing is saved.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

new_ws ws
ZOE=$(cb -C "$WS" person add --name "Zoë Ådahl" --dob 2008-04-02 --status Looked --gender F)
cb -C "$WS" show "$ZOE/person" >"$T/p"
grep -q -x "Status: looked-after" "$T/p" || fail "status not canonical: $(grep Status "$T/p")"
grep -q -x "Gender: female" "$T/p" || fail "gender not canonical"
ok "person add takes a status and gender prefix in any case"

cb -C "$WS" chronology add "$ZOE" --date 2025-05-01 --event "GP visit" \
	--category Health --significance HIGH >/dev/null
cb -C "$WS" chronology add "$ZOE" --date 2025-05-02 --event "Moved to new carers" \
	--category placement --significance med >/dev/null
git_record "$ZOE" chronology >"$T/c"
grep -q -x "Category: health" "$T/c" || fail "Health not stored as health"
grep -q -x "Significance: high" "$T/c" || fail "HIGH not stored as high"
grep -q -x "Category: placement-move" "$T/c" || fail "placement not stored as placement-move"
grep -q -x "Significance: medium" "$T/c" || fail "med not stored as medium"
if grep -q -E "^(Category|Significance): [A-Z]" "$T/c"; then fail "a value kept its capitals"; fi
git -C "$REPO" log -1 --format=%s main | grep -q "placement-move" ||
	fail "commit summary does not name the canonical category: $(git -C "$REPO" log -1 --format=%s main)"
ok "chronology add stores Health, HIGH, placement and med canonical"

count=$(ncommits)
before=$(tip)
cb_fails 'ambiguous.*police, placement-move, plan-review, positive' \
	-C "$WS" chronology add "$ZOE" --date 2025-05-03 --event "x" --category p
grep -q "health" "$T/err" && fail "ambiguous message lists non-candidates"
cb_fails 'Category: "weather" is not one of: health, education, .*other' \
	-C "$WS" chronology add "$ZOE" --date 2025-05-03 --event "x" --category weather
cb_fails 'Status: "c" is ambiguous: it could be child-in-need, child-protection, care-leaver, closed' \
	-C "$WS" person edit "$ZOE" --status c
[ "$(ncommits)" = "$count" ] && [ "$(tip)" = "$before" ] || fail "a refused value was saved"
ok "an ambiguous prefix lists the candidates, an unknown value the allowed ones; nothing saved"

cb -C "$WS" person edit "$ZOE" --status "CHILD-P" >/dev/null
git_record "$ZOE" person | grep -q -x "Status: child-protection" || fail "person edit status"
ok "person edit takes a prefix"

# casebook edit canonicalises too.
cat >"$T/ed.sh" <<'EOS'
#!/bin/sh
sed -i -e 's/^Status: .*/Status: Care-L/' "$1"
EOS
EDITOR="sh $T/ed.sh"
export EDITOR
run -C "$WS" edit "$ZOE/person"
[ "$rc" -eq 0 ] || fail "edit exited $rc: $(cat "$T/err")"
git_record "$ZOE" person | grep -q -x "Status: care-leaver" || fail "edit did not canonicalise"
ok "casebook edit stores a loosely typed value canonical"

cat >"$T/ed2.sh" <<'EOS'
#!/bin/sh
sed -i -e 's/^Status: .*/Status: c/' "$1"
EOS
EDITOR="sh $T/ed2.sh"
count=$(ncommits)
run -C "$WS" edit "$ZOE/person"
[ "$rc" -ne 0 ] || fail "edit with an ambiguous status succeeded"
grep -q "ambiguous" "$T/err" || fail "edit error does not say ambiguous: $(cat "$T/err")"
[ "$(ncommits)" = "$count" ] || fail "ambiguous edit saved"
ok "casebook edit refuses an ambiguous value with its candidates"
