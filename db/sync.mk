# db/sync.mk - sync with a shared remote: fetch, merge, push over real
# transports, each network step in a child process with a time-out; the
# sync and clone subcommands; tests against git daemon and sshd on
# loopback (included by Makefile.am).

libcbdb_a_SOURCES += \
	db/sync.c db/sync.h \
	db/sync_net.c db/sync_net.h \
	db/sync_child.c \
	db/sync_state.c db/sync_state.h \
	db/sync_status.c \
	db/sync_clone.c \
	db/credentials.c db/credentials.h

libcbcore_a_SOURCES += src/cmd_sync.c src/cmd_sync.h
# sync merges with the record-aware merge. src/merge.c is the merge work's
# own file, listed here so that sync links it; should the merge's own
# fragment list it too, the repetition is harmless (one object is used).
libcbcore_a_SOURCES += src/merge.c src/merge_tree.c src/merge.h
libcbcore_a_SOURCES += src/resolve.c src/resolve.h

# The workbench's side of sync: a sync in the background with its progress
# bar and status line figures, and the screens that resolve conflicts.
casebook_full_SOURCES += ui/sync_bg.c ui/sync_bg.h ui/view_resolve.c ui/view_resolve.h

# A TCP proxy that cuts or stalls connections, for tests/sync/flaky.sh.
check_PROGRAMS += tests/sync/flakyproxy
tests_sync_flakyproxy_SOURCES = tests/sync/flakyproxy.c
tests_sync_flakyproxy_LDADD =

sync_tests = \
	tests/sync/two_way.sh \
	tests/sync/property.sh \
	tests/sync/ssh.sh \
	tests/sync/flaky.sh
# The workbench's background sync and resolve screen, in tmux.
sync_tests += \
	tests/sync/tui_sync.sh \
	tests/sync/tui_resolve.sh \
	tests/sync/https.sh
TESTS += $(sync_tests)
EXTRA_DIST += $(sync_tests) tests/sync/lib.sh doc/sync.md

sync_unit_tests = tests/unit/test_sync
check_PROGRAMS += $(sync_unit_tests)
tests_unit_test_sync_SOURCES = tests/unit/test_sync.c tests/unit/repo_fixture.h tests/unit/testutil.h
tests_unit_test_sync_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_sync_LDADD = $(UNIT_LDADD)
TESTS += $(sync_unit_tests)

resolve_unit_tests = tests/unit/test_resolve
check_PROGRAMS += $(resolve_unit_tests)
tests_unit_test_resolve_SOURCES = tests/unit/test_resolve.c tests/unit/repo_fixture.h tests/unit/testutil.h
tests_unit_test_resolve_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_resolve_LDADD = $(UNIT_LDADD)
TESTS += $(resolve_unit_tests)
