# bench/speed.mk - the index's speed work: tests that an index brought up
# to date commit by commit equals one rebuilt from nothing (included by
# Makefile.am). The benchmark itself is `make bench` (bench/run.sh).

speed_tests = tests/e2e/reindex_incremental.sh
TESTS += $(speed_tests)
EXTRA_DIST += $(speed_tests)
