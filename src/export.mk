# src/export.mk - what leaves the workbench: `casebook export` and the
# exports behind it and the workbench's `x` menu (included by Makefile.am).

libcbcore_a_SOURCES += \
	src/export.h src/export_read.h src/export_common.c src/export_menu.c \
	src/export_escape.c src/export_escape.h \
	src/export_tool.c src/export_tool.h \
	src/export_chronology.c src/export_chronology.h \
	src/readability.c src/readability.h \
	src/export_plan.c src/export_plan.h \
	src/cmd_export.c src/cmd_export.h \
	src/cmd_export_chronology.c src/cmd_export_plan.c

# The workbench's export menu (x).
casebook_full_SOURCES += ui/export_ui.h ui/view_export.c

export_unit_tests = tests/export/test_export_text
check_PROGRAMS += $(export_unit_tests)
tests_export_test_export_text_SOURCES = tests/export/test_export_text.c
tests_export_test_export_text_CFLAGS = $(UNIT_CFLAGS)
tests_export_test_export_text_LDADD = $(UNIT_LDADD) -lm

export_e2e_tests = \
	tests/export/chronology.sh \
	tests/export/options.sh \
	tests/export/plan.sh \
	tests/export/tui_export.sh
TESTS += $(export_unit_tests) $(export_e2e_tests)
EXTRA_DIST += $(export_e2e_tests) tests/export/lib.sh tests/export/golden doc/exports.md
