# src/ssda903.mk - the SSDA903 care leavers' return, file OC3
# (included by Makefile.am).

libcbcore_a_SOURCES += \
	src/ssda903.c src/ssda903.h src/cmd_export_ssda903.c
