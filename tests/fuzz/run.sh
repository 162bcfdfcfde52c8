#!/bin/sh
# run.sh - `make check` step: replays the parser fuzz corpus, then fuzzes
# for a few seconds with the standalone driver. A failing input is printed
# and saved as ./fuzz-failure (replay: fuzz_deb822 -t 0 fuzz-failure).
: "${top_builddir:?top_builddir must be set}"
: "${top_srcdir:?top_srcdir must be set}"
"$top_builddir/tests/fuzz/fuzz_deb822" -t 5 "$top_srcdir/tests/fuzz/corpus"
exit $?
