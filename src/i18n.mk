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
	tests/e2e/choice.sh

TESTS += $(i18n_unit_tests) $(i18n_e2e_tests)
EXTRA_DIST += $(i18n_e2e_tests)
