# lib.sh - shared by the access-control tests (sourced): the end-to-end
# helpers (tests/e2e/lib.sh: a scratch directory, the real binary, run/cb/
# cb_fails/check) and a few of the access tests' own.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# check DESCRIPTION COMMAND...: ok when the command succeeds, else stop.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else fail "$desc"; fi
}
# has TEXT FILE: FILE contains TEXT (a fixed string).
has() { grep -qF -- "$1" "$2"; }
hasnt() { ! grep -qF -- "$1" "$2"; }
