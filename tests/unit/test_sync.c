/* test_sync.c - the parts of sync that need no network: reading remote
 * addresses, the sync state file, the status line (unpushed saves,
 * records needing resolving), git's credential helpers driven by hand
 * (fill, approve, reject, and giving up), ssh keys offered once each, and
 * host keys refused with advice. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "credentials.h"
#include "err.h"
#include "sync.h"
#include "sync_state.h"
#include "repo_fixture.h"

#define PID "7QK2M9XD4T"

/* ---- remote addresses ---- */

static void url_is(const char *url, const char *scheme, const char *user,
		   const char *host, const char *port, const char *path)
{
	struct cb_url u;
	assert_int_equal(cb_url_parse(&u, url), 0);
	assert_string_equal(u.scheme, scheme);
	if (user)
		assert_string_equal(u.user, user);
	else
		assert_null(u.user);
	if (host)
		assert_string_equal(u.host, host);
	if (port)
		assert_string_equal(u.port, port);
	else
		assert_null(u.port);
	assert_string_equal(u.path, path);
	cb_url_free(&u);
}

static void test_url(void **state)
{
	(void)state;
	url_is("ssh://sam@records.example.org:2222/srv/team.git", "ssh", "sam",
	       "records.example.org", "2222", "srv/team.git");
	url_is("ssh://records.example.org/team.git", "ssh", NULL,
	       "records.example.org", NULL, "team.git");
	url_is("git@records.example.org:team/records.git", "ssh", "git",
	       "records.example.org", NULL, "team/records.git");
	url_is("records.example.org:records.git", "ssh", NULL,
	       "records.example.org", NULL, "records.git");
	url_is("https://jo@example.org:8443/team/records.git", "https", "jo",
	       "example.org", "8443", "team/records.git");
	url_is("git://127.0.0.1:9418/team.git", "git", NULL, "127.0.0.1", "9418",
	       "team.git");
	url_is("ssh://sam@[::1]:2200/team.git", "ssh", "sam", "::1", "2200", "team.git");
	url_is("/srv/records/team.git", "file", NULL, NULL, NULL, "/srv/records/team.git");
}

/* ---- the state file ---- */

static void test_state_roundtrip(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp("syncstate");
	assert_non_null(dir);
	struct cb_sync_state s, t;
	cb_sync_state_load(dir, &s); /* no file yet: empty, not an error */
	assert_int_equal(s.last_sync, 0);
	assert_null(s.last_error);
	assert_int_equal(s.nconflicts, 0);
	s.last_sync = 1700000000;
	s.last_attempt = 1700000100;
	cb_sync_state_set_error(&s, "the network stopped responding\nafter 30 s");
	memcpy(s.conflict_tip, "0123456789abcdef0123456789abcdef01234567", 41);
	s.conflicts = calloc(2, sizeof *s.conflicts);
	s.conflicts[0] = strdup("people/7/Q/" PID "/chronology");
	s.conflicts[1] = strdup("people/7/Q/" PID "/person");
	s.nconflicts = 2;
	assert_int_equal(cb_sync_state_save(dir, &s), 0);
	cb_sync_state_load(dir, &t);
	assert_int_equal(t.last_sync, 1700000000);
	assert_int_equal(t.last_attempt, 1700000100);
	assert_string_equal(t.last_error, "the network stopped responding\nafter 30 s");
	assert_string_equal(t.conflict_tip, s.conflict_tip);
	assert_int_equal(t.nconflicts, 2);
	assert_string_equal(t.conflicts[1], "people/7/Q/" PID "/person");
	cb_sync_state_free(&s);
	cb_sync_state_free(&t);
	/* A damaged file is a cache to rebuild, not an error. */
	char *path = tu_path(dir, "sync-state");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("not a stanza at all\n\x01\n", f);
	fclose(f);
	cb_sync_state_load(dir, &t);
	assert_int_equal(t.last_sync, 0);
	cb_sync_state_free(&t);
	free(path);
	tu_rmrf(dir);
	free(dir);
}

/* ---- status ---- */

static int ws_setup(void **state)
{
	return tu_ws_open(state, "syncws");
}

static int ws_teardown(void **state)
{
	return tu_ws_close(state);
}

/* Commits one file with raw text (NULL deletes it). */
static void put(struct tu_ws *f, const char *path, const char *text, git_oid *out)
{
	struct cb_write w = { path, text, text ? strlen(text) : 0 };
	struct cb_commit_info ci = { TU_AUTHOR_NAME, TU_AUTHOR_EMAIL, 1700000000, 0,
				     "Test save\n\nRecord: " PID "/person\n" };
	int made = 0;
	assert_int_equal(cb_store_commit(&f->ws.store, &w, 1, &ci, NULL, out, &made), 0);
	assert_int_equal(made, 1);
}

#define PERSON_PATH "people/7/Q/" PID "/person"
static const char plain[] = "Record: person\nId: " PID "\nSchema: 1\nName: Amira Testcase\n";
static const char clashing[] =
	"Record: person\nId: " PID "\nSchema: 1\nName: Amira Testcase-Smith\n"
	"Conflict: Name\nConflict-Name-1: Amira Testcase-Jones\n"
	"Conflict-Name-2: Amira Testcase-Smith\n";
/* A value that merely mentions the word is not a marker. */
static const char mentions[] =
	"Record: person\nId: " PID "\nSchema: 1\nName: Amira Testcase\n"
	"Notes: first line\n Conflict: this is a continuation, not a field\n";

static void test_status(void **state)
{
	struct tu_ws *f = *state;
	struct cb_sync_status st;
	git_oid c1, c2, c3;
	assert_int_equal(cb_sync_status(&f->ws, &st), 0);
	assert_int_equal(st.has_remote, 0);
	assert_int_equal(st.unpushed, 0);
	assert_int_equal(st.conflicts, 0);
	cb_sync_status_free(&st);

	put(f, PERSON_PATH, plain, &c1);
	put(f, PERSON_PATH, mentions, &c2);
	assert_int_equal(cb_sync_status(&f->ws, &st), 0);
	assert_int_equal(st.tracking, 0);
	assert_int_equal(st.unpushed, 2); /* never synced: all of main */
	assert_int_equal(st.conflicts, 0);
	cb_sync_status_free(&st);

	/* As if a sync had pushed the first commit. */
	git_reference *r = NULL;
	assert_int_equal(git_reference_create(&r, f->ws.store.repo, CB_TRACKING, &c1, 1, NULL), 0);
	git_reference_free(r);
	put(f, PERSON_PATH, clashing, &c3);
	put(f, "people/7/Q/" PID "/genogram.conflict-0123456789ab", "kept beside\n", &c3);
	assert_int_equal(cb_ws_config_set(&f->ws, "remote.origin.url", "git://127.0.0.1/x.git"), 0);
	assert_int_equal(cb_sync_status(&f->ws, &st), 0);
	assert_int_equal(st.has_remote, 1);
	assert_int_equal(st.tracking, 1);
	assert_int_equal(st.unpushed, 3);
	assert_int_equal(st.conflicts, 2);
	cb_sync_status_free(&st);

	/* Resolved by a later save: the scan looks only at what changed. */
	put(f, PERSON_PATH, plain, &c3);
	put(f, "people/7/Q/" PID "/genogram.conflict-0123456789ab", NULL, &c3);
	assert_int_equal(cb_sync_status(&f->ws, &st), 0);
	assert_int_equal(st.conflicts, 0);
	cb_sync_status_free(&st);
}

/* ---- git's credential helpers ---- */

struct credfix {
	char *home, *log;
};

/* A credential helper that answers "get" with a fixed login and writes
 * every action it is given to a log, as git credential runs it. */
static int cred_setup(void **state)
{
	struct credfix *f = calloc(1, sizeof *f);
	f->home = tu_mkdtemp("synccred");
	if (!f->home)
		return -1;
	f->log = tu_path(f->home, "helper.log");
	char *cfg = tu_path(f->home, ".gitconfig");
	FILE *c = fopen(cfg, "w");
	if (!c)
		return -1;
	fprintf(c, "[credential]\n\thelper = \"!f() { echo \\\"$1\\\" >>'%s'; "
		   "cat >/dev/null; [ \\\"$1\\\" = get ] && printf 'username=jo\\\\npassword=s3cret\\\\n'; "
		   "exit 0; }; f\"\n", f->log);
	fclose(c);
	free(cfg);
	setenv("HOME", f->home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_ASKPASS");
	unsetenv("SSH_ASKPASS");
	*state = f;
	return 0;
}

static int cred_teardown(void **state)
{
	struct credfix *f = *state;
	tu_rmrf(f->home);
	free(f->home);
	free(f->log);
	free(f);
	return 0;
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	static char buf[4096];
	size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;
	if (fp)
		fclose(fp);
	buf[n] = '\0';
	return buf;
}

static void test_helper_fill_approve(void **state)
{
	struct credfix *f = *state;
	struct cb_cred c;
	git_credential *cred = NULL;
	cb_cred_init(&c, "https://example.org/team/records.git", -1, 0);
	assert_int_equal(cb_cred_acquire(&cred, "https://example.org/team/records.git", NULL,
					 GIT_CREDENTIAL_USERPASS_PLAINTEXT, &c), 0);
	assert_non_null(cred);
	assert_string_equal(git_credential_get_username(cred), "jo");
	git_credential_free(cred);
	cb_cred_finish(&c, 1);
	assert_null(c.http_pass); /* wiped */
	assert_string_equal(slurp(f->log), "get\nstore\n");
}

static void test_helper_reject_gives_up(void **state)
{
	struct credfix *f = *state;
	struct cb_cred c;
	git_credential *cred = NULL;
	cb_cred_init(&c, "https://example.org/team/records.git", -1, 0);
	assert_int_equal(cb_cred_acquire(&cred, "u", NULL, GIT_CREDENTIAL_USERPASS_PLAINTEXT, &c), 0);
	git_credential_free(cred);
	cred = NULL;
	/* libgit2 asks again only when the server said no. */
	assert_int_equal(cb_cred_acquire(&cred, "u", NULL, GIT_CREDENTIAL_USERPASS_PLAINTEXT, &c),
			 GIT_EAUTH);
	assert_null(cred);
	assert_int_equal(c.failure, CB_SYNC_AUTH);
	assert_non_null(strstr(c.msg, "authentication failed"));
	assert_int_equal(cb_cred_acquire(&cred, "u", NULL, GIT_CREDENTIAL_USERPASS_PLAINTEXT, &c),
			 GIT_EAUTH);
	cb_cred_finish(&c, 0);
	assert_string_equal(slurp(f->log), "get\nerase\n");
}

/* ---- ssh keys: each offered once ---- */

static void test_ssh_keys_once(void **state)
{
	struct credfix *f = *state;
	char *ssh = tu_path(f->home, ".ssh");
	char *key = tu_path(ssh, "id_ecdsa");
	mkdir(ssh, 0700);
	FILE *k = fopen(key, "w");
	assert_non_null(k);
	fputs("not really a key\n", k);
	fclose(k);
	unsetenv("SSH_AUTH_SOCK");
	unsetenv("CASEBOOK_SSH_KEY");
	struct cb_cred c;
	git_credential *cred = NULL;
	cb_cred_init(&c, "ssh://sam@example.org/team.git", -1, 0);
	assert_int_equal(cb_cred_acquire(&cred, "u", "sam", GIT_CREDENTIAL_SSH_KEY, &c), 0);
	assert_int_equal(git_credential_get_username(cred) ? 0 : 1, 0);
	git_credential_free(cred);
	cred = NULL;
	for (int i = 0; i < 5; i++)
		assert_int_equal(cb_cred_acquire(&cred, "u", "sam", GIT_CREDENTIAL_SSH_KEY, &c),
				 GIT_EAUTH);
	assert_int_equal(c.failure, CB_SYNC_AUTH);
	cb_cred_finish(&c, 0);

	setenv("CASEBOOK_SSH_KEY", key, 1);
	cb_cred_init(&c, "ssh://sam@example.org/team.git", -1, 0);
	assert_int_equal(cb_cred_acquire(&cred, "u", "sam", GIT_CREDENTIAL_SSH_KEY, &c), 0);
	git_credential_free(cred);
	cred = NULL;
	assert_int_equal(cb_cred_acquire(&cred, "u", "sam", GIT_CREDENTIAL_SSH_KEY, &c), GIT_EAUTH);
	assert_non_null(strstr(c.msg, "CASEBOOK_SSH_KEY"));
	cb_cred_finish(&c, 0);
	unsetenv("CASEBOOK_SSH_KEY");
	free(key);
	free(ssh);
}

/* ---- host keys ---- */

static void test_hostkey(void **state)
{
	(void)state;
	struct cb_cred c;
	git_cert_hostkey hk;
	memset(&hk, 0, sizeof hk);
	hk.parent.cert_type = GIT_CERT_HOSTKEY_LIBSSH2;
	hk.type = GIT_CERT_SSH_SHA256;
	cb_cred_init(&c, "ssh://sam@records.example.org:2222/team.git", -1, 0);
	assert_int_equal(cb_cred_check_cert((git_cert *)&hk, 1, "records.example.org", &c), 0);
	assert_int_equal(cb_cred_check_cert((git_cert *)&hk, 0, "records.example.org", &c),
			 GIT_ECERTIFICATE);
	assert_int_equal(c.failure, CB_SYNC_HOSTKEY);
	assert_non_null(strstr(c.msg, "ssh-keyscan -p 2222 records.example.org >> ~/.ssh/known_hosts"));
	/* 32 zero bytes, as ssh would print their SHA256 fingerprint. */
	assert_non_null(strstr(c.msg, "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA "));
	cb_cred_finish(&c, 0);
}

int main(void)
{
	git_libgit2_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_state_roundtrip),
		cmocka_unit_test_setup_teardown(test_status, ws_setup, ws_teardown),
		cmocka_unit_test_setup_teardown(test_helper_fill_approve, cred_setup, cred_teardown),
		cmocka_unit_test_setup_teardown(test_helper_reject_gives_up, cred_setup, cred_teardown),
		cmocka_unit_test_setup_teardown(test_ssh_keys_once, cred_setup, cred_teardown),
		cmocka_unit_test(test_hostkey),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return rc;
}
