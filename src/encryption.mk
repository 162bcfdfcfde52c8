# Encryption at rest (doc/security.md, "Encryption at rest"): libsodium
# envelopes for record blobs, the key store and unlock agent in db/, the
# commands in src/, and their tests.
libcbdb_a_SOURCES += \
	db/crypt.c db/crypt.h \
	db/keys.c db/keys.h \
	db/agent.c db/agent.h \
	db/blob.c db/blob.h \
	db/index_seal.c db/index_seal.h \
	db/unlock.c db/unlock.h \
	db/prune.c db/prune.h \
	db/sync_keys.c db/sync_keys.h
libcbcore_a_SOURCES += src/cmd_crypt.c src/cmd_crypt.h

unit_tests += tests/unit/test_crypt
tests_unit_test_crypt_SOURCES = tests/unit/test_crypt.c tests/unit/repo_fixture.h tests/unit/testutil.h
tests_unit_test_crypt_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_crypt_LDADD = $(UNIT_LDADD)

crypt_e2e_tests = \
	tests/crypt/stolen_laptop.sh \
	tests/crypt/erase.sh \
	tests/crypt/kill_save_encrypted.sh \
	tests/crypt/server_hook.sh \
	tests/crypt/same_output.sh \
	tests/crypt/erase_daemon.sh \
	tests/crypt/workbench.sh \
	tests/crypt/transfer.sh
TESTS += $(crypt_e2e_tests)
EXTRA_DIST += $(crypt_e2e_tests) tests/crypt/lib.sh tests/crypt/server_lib.sh \
	bench/crypt.sh
