# src/history.mk - history, review and audit: record diffs, blame, as-at,
# review marks, management oversight, read-only mode and verify
# (included by Makefile.am).

libcbcore_a_SOURCES += \
	src/revs.c src/revs.h \
	src/worddiff.c src/worddiff.h \
	src/recdiff.c src/recdiff.h \
	src/recdiff_text.c src/recdiff_text.h \
	src/version.c src/version.h \
	src/changes.c src/changes.h \
	src/asat.c src/asat.h \
	src/blame.c src/blame.h src/blame_int.h \
	src/blame_walk.c src/blame_replay.c \
	src/review.c src/review.h \
	src/oversight.c src/oversight.h \
	src/sshsig.c src/sshsig.h \
	src/verify.c src/verify.h \
	src/hcli_moment.c \
	src/cmd_diff.c src/cmd_blame.c src/cmd_review.c \
	src/cmd_oversight.c src/cmd_verify.c

# The workbench's history, review and audit screens.
casebook_full_SOURCES += \
	ui/history_ui.h ui/rich.c ui/rich.h \
	ui/view_history.c ui/view_diff.c ui/view_blame.c ui/view_asat.c \
	ui/view_review.c ui/view_oversight.c

history_unit_tests = \
	tests/unit/test_recdiff \
	tests/unit/test_blame
check_PROGRAMS += $(history_unit_tests)

tests_unit_test_recdiff_SOURCES = tests/unit/test_recdiff.c
tests_unit_test_recdiff_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_recdiff_LDADD = $(UNIT_LDADD)
tests_unit_test_blame_SOURCES = tests/unit/test_blame.c tests/unit/testutil.h
tests_unit_test_blame_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_blame_LDADD = $(UNIT_LDADD)

history_e2e_tests = \
	tests/history/log.sh \
	tests/history/diff.sh \
	tests/history/blame.sh \
	tests/history/show_at.sh \
	tests/history/review.sh \
	tests/history/readonly.sh \
	tests/history/verify.sh \
	tests/history/tui_history.sh \
	tests/history/tui_review.sh
TESTS += $(history_unit_tests) $(history_e2e_tests)
EXTRA_DIST += $(history_e2e_tests) tests/history/lib.sh doc/history.md
