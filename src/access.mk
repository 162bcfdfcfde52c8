# src/access.mk - access control: the access log, reasons for access,
# permissions, the server-side hook, moving a child between teams and
# signed saves (included by Makefile.am).

libcbdb_a_SOURCES += \
	db/access.c db/access.h \
	db/pipe_run.c db/pipe_run.h \
	db/commit_sign.c db/commit_sign.h

libcbcore_a_SOURCES += \
	src/cmd_access.c src/cmd_access.h \
	src/cmd_server.c \
	src/perms.c src/perms.h \
	src/stdin_text.c src/stdin_text.h \
	src/transfer.c src/transfer.h src/cmd_transfer.c

casebook_full_SOURCES += ui/access_ui.c ui/privacy.c

access_e2e_tests = \
	tests/access/access_log.sh \
	tests/access/tui_access.sh \
	tests/access/server_hook.sh \
	tests/access/signed_saves.sh \
	tests/access/permissions.sh \
	tests/access/no_leaks.sh \
	tests/access/transfer.sh
TESTS += $(access_e2e_tests)
EXTRA_DIST += $(access_e2e_tests) tests/access/lib.sh tests/sync/sshd.sh doc/security.md
