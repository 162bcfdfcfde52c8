# ui/local.mk - the workbench TUI: sources and tests (included by Makefile.am).
#
# ui/ holds the curses front end; the models behind its screens (caseload,
# forms, sanitising, unsynced saves) live in src/ and the index queries it
# needs in db/search.c, so they are unit-tested without a terminal.

libcbdb_a_SOURCES += db/search.c db/search.h

libcbcore_a_SOURCES += \
	src/sanitize.c src/sanitize.h \
	src/unsynced.c src/unsynced.h \
	src/caseload.c src/caseload.h \
	src/forms.c src/forms.h

# The curses front end. ncursesw's wide-character interface is asked for
# in ui/ui.h (NCURSES_WIDECHAR); its pkg-config flags find the headers
# where a system keeps them apart (/usr/include/ncursesw).
casebook_full_CPPFLAGS = $(AM_CPPFLAGS) $(NCURSESW_CFLAGS)
casebook_full_SOURCES += \
	ui/tui.c ui/tui.h ui/ui.h \
	ui/keys.c ui/keys.h \
	ui/theme.c ui/draw.c ui/list.c \
	ui/lineedit.c ui/lineedit.h \
	ui/editor.c \
	ui/view_caseload.c ui/view_person.c ui/view_chronology.c \
	ui/view_genogram.c ui/view_plan.c ui/view_form.c \
	ui/view_pager.c ui/view_help.c

# ---- tests ----
# Unit tests of the models behind the screens (no terminal needed).
tui_unit_tests = \
	tests/tui/test_sanitize \
	tests/tui/test_search \
	tests/tui/test_forms \
	tests/tui/test_caseload \
	tests/tui/test_keys
check_PROGRAMS += $(tui_unit_tests)

tests_tui_test_sanitize_SOURCES = tests/tui/test_sanitize.c
tests_tui_test_sanitize_CFLAGS = $(UNIT_CFLAGS)
tests_tui_test_sanitize_LDADD = $(UNIT_LDADD)
tests_tui_test_search_SOURCES = tests/tui/test_search.c tests/tui/unit.h
tests_tui_test_search_CFLAGS = $(UNIT_CFLAGS)
tests_tui_test_search_LDADD = $(UNIT_LDADD)
tests_tui_test_forms_SOURCES = tests/tui/test_forms.c tests/tui/unit.h
tests_tui_test_forms_CFLAGS = $(UNIT_CFLAGS)
tests_tui_test_forms_LDADD = $(UNIT_LDADD)
tests_tui_test_caseload_SOURCES = tests/tui/test_caseload.c tests/tui/unit.h
tests_tui_test_caseload_CFLAGS = $(UNIT_CFLAGS)
tests_tui_test_caseload_LDADD = $(UNIT_LDADD)
# The key table is plain data: tested without linking curses.
tests_tui_test_keys_SOURCES = tests/tui/test_keys.c ui/keys.c ui/keys.h
tests_tui_test_keys_CFLAGS = $(UNIT_CFLAGS) $(NCURSESW_CFLAGS)
tests_tui_test_keys_LDADD = $(UNIT_LDADD)

# The workbench end to end: the real binary inside tmux on a demo
# workspace (skipped when tmux is missing).
tui_e2e_tests = \
	tests/tui/caseload.sh \
	tests/tui/chronology.sh \
	tests/tui/plan.sh \
	tests/tui/genogram.sh \
	tests/tui/draft.sh \
	tests/tui/untrusted.sh

TESTS += $(tui_unit_tests) $(tui_e2e_tests)
EXTRA_DIST += $(tui_e2e_tests) tests/tui/lib.sh
