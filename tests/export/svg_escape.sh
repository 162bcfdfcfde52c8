#!/bin/sh
# svg_escape.sh - names that SVG and Graphviz's own language must escape
# (<, >, &, both quotes, a backslash) and letters beyond ASCII reach the
# genogram's SVG whole: it parses as XML and each name reads back as it
# was typed, saved through casebook's own edit path.
. "$top_srcdir/tests/e2e/lib.sh"
command -v dot >/dev/null 2>&1 ||
	{ echo "1..0 # SKIP graphviz's dot is not installed (apt-get install graphviz)"; exit 77; }
command -v xmllint >/dev/null 2>&1 ||
	{ echo "1..0 # SKIP xmllint is not installed (apt-get install libxml2-utils)"; exit 77; }

CHILD_NAME='Siân <Eira> & "Gwen" O'\''Brien-Łoś'
MOTHER_NAME='Mair "Mam" <Jones> & Ŵyn'
FATHER_NAME='Dafydd \n ap Rhys & Co </text><script>'

new_ws ws
ID=$(cb -C "$WS" person add --name "$CHILD_NAME" --dob 2008-03-01 --gender female)
is_id "$ID" || fail "person add printed no id"

# The genogram written as a practitioner would, through casebook edit.
cat >"$T/genogram" <<REC
Record: genogram
Person: $ID
Schema: 1

Id: AAAAAAAAA1
Kind: member
Name: $CHILD_NAME
Gender: female
Born: 2008
Role: index child
Household: yes

Id: AAAAAAAAA2
Kind: member
Name: $MOTHER_NAME
Gender: female
Born: 1985
Role: birth mother
Household: yes

Id: AAAAAAAAA3
Kind: member
Name: $FATHER_NAME
Gender: male
Born: 1983
Role: birth father
Household: no

Id: AAAAAAAAA4
Kind: relationship
Type: married
From: AAAAAAAAA3
To: AAAAAAAAA2

Id: AAAAAAAAA5
Kind: relationship
Type: parent
From: AAAAAAAAA2
To: AAAAAAAAA1
REC
printf '#!/bin/sh\ncp "%s" "$1"\n' "$T/genogram" >"$T/editor"
chmod +x "$T/editor"
EDITOR=$T/editor cb -C "$WS" edit "$ID/genogram" >/dev/null
cb -C "$WS" show "$ID/genogram" | grep -qF "Name: $FATHER_NAME" || fail "the genogram was not saved"
ok "a genogram whose names have <, >, &, quotes, a backslash and Welsh letters is saved"

cb -C "$WS" genogram export "$ID" --format=svg --output "$T/g.svg" --produced-on 2025-06-01 >/dev/null
xmllint --noout "$T/g.svg" || fail "the SVG does not parse as XML"
grep -q '<script' "$T/g.svg" && fail "markup in a name became markup in the SVG"
ok "the SVG parses as XML, and markup in a name stays text"

# Every line of text in the SVG, its entities decoded by the XML parser.
texts() {
	count=$(xmllint --xpath 'count(//*[local-name()="text"])' "$1")
	i=1
	while [ "$i" -le "$count" ]; do
		xmllint --xpath "string((//*[local-name()=\"text\"])[$i])" "$1"
		echo
		i=$((i + 1))
	done
}
texts "$T/g.svg" >"$T/texts"
for name in "$CHILD_NAME" "$MOTHER_NAME" "$FATHER_NAME"; do
	grep -qxF -- "$name" "$T/texts" || {
		sed 's/^/# /' "$T/texts" | cli_safe
		fail "the SVG does not read back $name"
	}
done
ok "each name reads back from the SVG exactly as typed"

cb -C "$WS" genogram export "$ID" --format=dot --produced-on 2025-06-01 >"$T/g.dot"
dot -Tcanon "$T/g.dot" >/dev/null 2>"$T/dot.err" || fail "dot refuses the source: $(cat "$T/dot.err")"
ok "the dot source is accepted by Graphviz as it is"
