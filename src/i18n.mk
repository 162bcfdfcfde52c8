# src/i18n.mk - controlled values typed loosely, the Welsh catalogue's
# tests and the user configuration file (keys and colours); included by
# Makefile.am.

libcbdb_a_SOURCES += db/choice.c db/choice.h

i18n_unit_tests = \
	tests/unit/test_choice
check_PROGRAMS += $(i18n_unit_tests)

tests_unit_test_choice_SOURCES = tests/unit/test_choice.c
tests_unit_test_choice_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_choice_LDADD = $(UNIT_LDADD)

i18n_e2e_tests = \
	tests/e2e/choice.sh \
	tests/e2e/welsh.sh

TESTS += $(i18n_unit_tests) $(i18n_e2e_tests)
EXTRA_DIST += $(i18n_e2e_tests)

# The user's configuration file: its syntax (src/) and its meaning for
# the workbench's keys and colours (ui/).
libcbcore_a_SOURCES += src/userconf.c src/userconf.h
casebook_full_SOURCES += ui/userconf.c

conf_unit_tests = tests/tui/test_userconf
check_PROGRAMS += $(conf_unit_tests)
tests_tui_test_userconf_SOURCES = tests/tui/test_userconf.c ui/userconf.c ui/keys.c ui/theme.c
tests_tui_test_userconf_CFLAGS = $(UNIT_CFLAGS) $(NCURSESW_CFLAGS)
tests_tui_test_userconf_LDADD = $(UNIT_LDADD) $(NCURSESW_LIBS)

conf_e2e_tests = tests/tui/userconf.sh
TESTS += $(conf_unit_tests) $(conf_e2e_tests)
EXTRA_DIST += $(conf_e2e_tests) doc/config.md
