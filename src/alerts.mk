# src/alerts.mk - practice alerts: the rules table and engine, the rules
# file, the index facts they read, `casebook alerts` and `casebook rules`
# (included by Makefile.am). See doc/alerts.md.

libcbdb_a_SOURCES += db/index_facts.c db/index_facts.h

# (The rules, the engine and the facts' reading are in libcbread.a, see
# Makefile.am: `list` shows due dates through the front.)
libcbcore_a_SOURCES += \
	src/cmd_alerts.c src/cmd_rules.c

# The workbench's team view of alerts, and the tmux test of the caseload,
# person screen and team view showing them.
casebook_full_SOURCES += ui/view_alerts.c
alerts_tui_tests = tests/tui/alerts.sh
TESTS += $(alerts_tui_tests)
EXTRA_DIST += $(alerts_tui_tests)

alerts_unit_tests = \
	tests/unit/test_rules
check_PROGRAMS += $(alerts_unit_tests)

tests_unit_test_rules_SOURCES = tests/unit/test_rules.c
tests_unit_test_rules_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_rules_LDADD = $(UNIT_LDADD)

alerts_e2e_tests = \
	tests/e2e/alerts.sh \
	tests/e2e/list_due.sh
TESTS += $(alerts_unit_tests) $(alerts_e2e_tests)
EXTRA_DIST += $(alerts_e2e_tests) doc/alerts.md
