# lib.sh - shared by the history, review and audit tests (sourced).
#
# Environment: CASEBOOK (the binary), top_srcdir, top_builddir. Each test
# gets a private scratch directory, removed on exit, and prints TAP-style
# "ok N - ..." lines; it exits non-zero when any check failed.
set -u
: "${CASEBOOK:?CASEBOOK must name the casebook binary}"
TZ=UTC
LC_ALL=C.UTF-8
export TZ LC_ALL
unset CASEBOOK_DIR NO_COLOR
# git must not read the tester's own configuration or sign by accident.
GIT_CONFIG_GLOBAL=/dev/null
GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL GIT_CONFIG_NOSYSTEM

tmp=$(mktemp -d "${TMPDIR:-/tmp}/casebook-history-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; failed=1; }
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
# has TEXT FILE: FILE contains TEXT (a fixed string).
has() { grep -qF -- "$1" "$2"; }
hasnt() { ! grep -qF -- "$1" "$2"; }
finish() {
	echo "1..$n"
	exit "$failed"
}

SAM='Sam Patel <sam.patel@example.org>'
ALEX='Alex Mensah <alex.mensah@example.org>'
JO='Jo Byrne <jo.byrne@example.org>'

# cb ARGS...: casebook on the test workspace $ws.
cb() { "$CASEBOOK" -C "$ws" "$@"; }

# new_ws DIR: an empty workspace whose user is Sam.
new_ws() {
	ws=$1
	"$CASEBOOK" init --user "$SAM" "$ws" >/dev/null || exit 99
	CASEBOOK_AUTHOR=$SAM
	export CASEBOOK_AUTHOR
}

# A work tree on the workspace's repository, for history made with plain
# git at chosen dates (casebook itself always saves "now").
gitwork() {
	if [ ! -d "$tmp/work" ]; then
		git clone -q "$ws/repo.git" "$tmp/work" 2>/dev/null || exit 99
	fi
}

# gitsave DATE "Name <email>" PATH FILE SUMMARY: commits FILE as PATH with
# the given author and date and pushes it to the workspace's main.
gitsave() {
	gitwork
	name=${2% <*}
	email=${2##*<}
	email=${email%>}
	mkdir -p "$tmp/work/$(dirname "$3")"
	cp "$4" "$tmp/work/$3"
	(cd "$tmp/work" && git add "$3" &&
		GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1 \
		git -c user.name="$name" -c user.email="$email" commit -q -m "$5" &&
		git push -q origin HEAD:refs/heads/main) || exit 99
}

# recpath ID RECORD: people/<c0>/<c1>/<id>/<record>
recpath() {
	c0=$(printf %s "$1" | cut -c1)
	c1=$(printf %s "$1" | cut -c2)
	echo "people/$c0/$c1/$1/$2"
}

# snapshot: everything in the repository (refs, objects, config), to show
# that a refused command left it exactly as it was.
snapshot() {
	(cd "$ws/repo.git" && find . -type f ! -name '*.lock' | LC_ALL=C sort | xargs cat | cksum)
}

# dated_history: a person and a chronology saved with plain git on known
# dates by Sam and Alex (all names and events invented):
#   2024-03-01 09:00 Sam   person      Status looked-after
#   2024-03-01 10:00 Sam   chronology  E1 (medium, "has not been registered")
#   2024-03-10 14:00 Alex  chronology  E1 high, "had not"; E2 added
#   2024-03-20 11:00 Alex  person      Status care-leaver
#   2024-04-02 09:30 Sam   chronology  E2's event reworded; E3 added
P=7QK2M9XD4T
dated_history() {
	mkdir -p "$tmp/rec"
	person=$(recpath $P person)
	chron=$(recpath $P chronology)
	cat > "$tmp/rec/p1" <<EOT
Record: person
Id: $P
Schema: 1
Name: Zoë Ådahl
Date-Of-Birth: 2008-04-02
Status: looked-after
Worker: sam.patel@example.org
Team: North
EOT
	sed 's/^Status: looked-after/Status: care-leaver/' "$tmp/rec/p1" > "$tmp/rec/p2"
	cat > "$tmp/rec/c1" <<EOT
Record: chronology
Person: $P
Schema: 1

Id: E1
Date: 2024-02-28
Category: health
Significance: medium
Event: Said she has not been registered with a GP since the move.
EOT
	cat > "$tmp/rec/c2" <<EOT
Record: chronology
Person: $P
Schema: 1

Id: E1
Date: 2024-02-28
Category: health
Significance: high
Event: Said she had not been registered with a GP since the move.

Id: E2
Date: 2024-03-09
Category: family
Significance: low
Event: Visited by her aunt.
EOT
	cat > "$tmp/rec/c3" <<EOT
Record: chronology
Person: $P
Schema: 1

Id: E1
Date: 2024-02-28
Category: health
Significance: high
Event: Said she had not been registered with a GP since the move.

Id: E2
Date: 2024-03-09
Category: family
Significance: low
Event: Visited by her aunt and two cousins.

Id: E3
Date: 2024-04-01
Category: positive
Significance: medium
Event: Passed her driving theory test.
EOT
	gitsave 2024-03-01T09:00:00+0000 "$SAM" "$person" "$tmp/rec/p1" "Add person Zoë Ådahl"
	gitsave 2024-03-01T10:00:00+0000 "$SAM" "$chron" "$tmp/rec/c1" "Add chronology entry"
	gitsave 2024-03-10T14:00:00+0000 "$ALEX" "$chron" "$tmp/rec/c2" "Update chronology"
	gitsave 2024-03-20T11:00:00+0000 "$ALEX" "$person" "$tmp/rec/p2" "Care leaver now"
	gitsave 2024-04-02T09:30:00+0000 "$SAM" "$chron" "$tmp/rec/c3" "Update chronology again"
}
