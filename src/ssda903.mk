# src/ssda903.mk - the SSDA903 care leavers' return, file OC3
# (included by Makefile.am).

libcbcore_a_SOURCES += \
	src/ssda903.c src/ssda903.h src/cmd_export_ssda903.c

export_genogram_tests = tests/export/genogram_ssda903.sh
TESTS += $(export_genogram_tests)
EXTRA_DIST += $(export_genogram_tests) doc/ssda903.md doc/exports-genogram.md
