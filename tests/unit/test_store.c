/* test_store.c - the git store: a private bare repository, one commit per
 * save at the right paths, no empty commits, compare-and-swap on the
 * branch, deletes, reading history, and authorship kept exactly. */
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
#include <sys/stat.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "store.h"
#include "config_peek.h"
#include "git_lib.h"
#include "repo_fixture.h"

#include <dlfcn.h>
#include <unistd.h>

#define PID_A "7QK2M9XD4T"
#define PID_B "8ZZ0A1B2C3"

static int setup(void **state)
{
	return tu_repo_open(state, "store");
}

static int teardown(void **state)
{
	return tu_repo_close(state);
}

static const struct cb_commit_info info_sam = {
	"Sam Patel", "sam.patel@example.org", 1718000000, 60,
	"Add person Zoë Ådahl\n\nRecord: " PID_A "/person\nFields: +\n"
};

/* Commits one file (data NULL deletes). Returns the cb_store_commit code. */
static int put(struct cb_store *st, const char *path, const char *data,
	       const git_oid *expect, git_oid *out, int *made)
{
	struct cb_write w = { path, data, data ? strlen(data) : 0 };
	return cb_store_commit(st, &w, 1, &info_sam, expect, out, made);
}

static char *read_at(struct cb_store *st, const git_oid *at, const char *path, int *rc)
{
	char *buf = NULL;
	size_t len = 0;
	*rc = cb_store_read(st, at, path, &buf, &len);
	if (*rc == 0) {
		assert_non_null(buf);
		assert_int_equal(len, strlen(buf));
	} else {
		assert_null(buf);
	}
	return buf;
}

static size_t commit_count(struct cb_store *st)
{
	git_revwalk *w = NULL;
	git_oid oid;
	size_t n = 0;
	assert_int_equal(git_revwalk_new(&w, st->repo), 0);
	if (git_revwalk_push_ref(w, CB_BRANCH) == 0)
		while (git_revwalk_next(&oid, w) == 0)
			n++;
	git_revwalk_free(w);
	return n;
}

/* ---- starting libgit2 ---- */

#define SYSTEM_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

/* Runs first, before anything has started libgit2. The bundle parse is
 * skipped only while libgit2 starts: naming authorities later still
 * parses them, so a file that is not a certificate is refused and the
 * system's bundle is taken. */
static void test_git_lib_start(void **state)
{
	(void)state;
	cb_git_lib_init();
	/* Debian's libgit2 (mbedTLS, built to load the system bundle) does
	 * try to load it while starting; that load must have been skipped. */
	if (dlsym(RTLD_DEFAULT, "mbedtls_ssl_init") && access(SYSTEM_BUNDLE, R_OK) == 0)
		assert_int_equal(cb_git_lib_skipped(), 1);
	char *dir = tu_mkdtemp("git-lib");
	char *junk = tu_path(dir, "not-a-certificate");
	assert_int_equal(tu_write_file(junk, "this is not a certificate\n", 26), 0);
	assert_true(git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, junk, NULL) < 0);
	if (access(SYSTEM_BUNDLE, R_OK) == 0)
		assert_int_equal(git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, SYSTEM_BUNDLE,
						  NULL), 0);
	tu_rmrf(dir);
	free(junk);
	free(dir);
	git_libgit2_shutdown();
}

/* ---- init ---- */

static void test_init(void **state)
{
	struct tu_repo *f = *state;
	assert_int_equal(tu_mode(f->gitdir), 0700);
	assert_true(git_repository_is_bare(f->st.repo));
	assert_true(git_repository_head_unborn(f->st.repo));
	git_reference *head = NULL;
	assert_int_equal(git_reference_lookup(&head, f->st.repo, "HEAD"), 0);
	assert_int_equal(git_reference_type(head), GIT_REFERENCE_SYMBOLIC);
	assert_string_equal(git_reference_symbolic_target(head), "refs/heads/main");
	git_reference_free(head);
	git_oid tip;
	assert_int_equal(cb_store_head(&f->st, &tip), CB_ENOTFOUND);

	/* a second init on the same place does not reinitialise it */
	assert_int_not_equal(cb_store_init(f->gitdir), 0);
	/* nor does opening a directory that is no repository work */
	struct cb_store other;
	assert_int_equal(cb_store_open(&other, f->tmp), CB_ENOTFOUND);
}

/* ---- reading the branch without libgit2 ---- */

static void test_peek_branch(void **state)
{
	struct tu_repo *f = *state;
	char hex[41], want[41];
	git_oid tip, c1;
	int made = 0;
	/* No branch yet: cannot tell. */
	assert_int_equal(cb_store_peek_branch(f->gitdir, hex), CB_ENOTFOUND);
	assert_int_equal(put(&f->st, "people/7/Q/" PID_A "/person", "Record: person\n", NULL,
			     &c1, &made), 0);
	assert_true(made);
	assert_int_equal(cb_store_head(&f->st, &tip), 0);
	git_oid_tostr(want, sizeof want, &tip);
	/* A loose ref, as casebook writes it. */
	assert_int_equal(cb_store_peek_branch(f->gitdir, hex), 0);
	assert_string_equal(hex, want);
	/* Packed (git gc, git pack-refs): read from packed-refs. */
	char *loose = tu_path(f->gitdir, CB_BRANCH);
	char *packed = tu_path(f->gitdir, "packed-refs");
	char text[128];
	snprintf(text, sizeof text, "# pack-refs with: peeled fully-peeled sorted \n%s %s\n",
		 want, CB_BRANCH);
	assert_int_equal(tu_write_file(packed, text, strlen(text)), 0);
	assert_int_equal(unlink(loose), 0);
	assert_int_equal(cb_store_peek_branch(f->gitdir, hex), 0);
	assert_string_equal(hex, want);
	assert_int_equal(cb_store_head(&f->st, &tip), 0); /* git agrees */
	/* Anything unexpected in a loose ref: cannot tell, never a guess. */
	assert_int_equal(tu_write_file(loose, "ref: refs/heads/other\n", 22), 0);
	assert_int_equal(cb_store_peek_branch(f->gitdir, hex), CB_ENOTFOUND);
	assert_int_equal(tu_write_file(loose, want, 20), 0);
	assert_int_equal(cb_store_peek_branch(f->gitdir, hex), CB_ENOTFOUND);
	free(loose);
	free(packed);
}

/* ---- reading a setting without libgit2 ---- */

/* value of key as libgit2 reads it from the repository's config. */
static char *git_says(struct tu_repo *f, const char *key)
{
	git_config *cfg = NULL, *snap = NULL;
	const char *v = NULL;
	char *out = NULL;
	if (git_repository_config(&cfg, f->st.repo) == 0 &&
	    git_config_snapshot(&snap, cfg) == 0 && git_config_get_string(&v, snap, key) == 0)
		out = strdup(v);
	git_config_free(snap);
	git_config_free(cfg);
	return out;
}

static void test_config_peek(void **state)
{
	struct tu_repo *f = *state;
	char *cfg = tu_path(f->gitdir, "config"), *v = NULL, *g = NULL;
	static const char text[] =
		"[core]\n\tbare = true\n"
		"# a comment\n; another\n"
		"[user]\n\tname = Zoë Ådahl\n\temail = first@example.org\n"
		"[casebook \"x\"]\n\tteam = not this one\n"
		"[Casebook]\n\tTeam = North Leaving Care  \n"
		"[user]\n\temail = Zoe.Adahl@Example.org\n";
	assert_int_equal(tu_write_file(cfg, text, strlen(text)), 0);
	/* What git reads, case and all; the last value counts. */
	static const char *const keys[][2] = {
		{ "user", "name" }, { "user", "email" }, { "casebook", "team" },
		{ "USER", "Email" },
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char full[64];
		snprintf(full, sizeof full, "%s.%s", keys[i][0], keys[i][1]);
		assert_int_equal(cb_config_peek(f->gitdir, keys[i][0], keys[i][1], &v), 0);
		g = git_says(f, full);
		assert_non_null(g);
		assert_string_equal(v, g);
		free(v);
		free(g);
	}
	assert_int_equal(cb_config_peek(f->gitdir, "user", "signingkey", &v), CB_ENOTFOUND);
	assert_null(v);
	/* Not plain: left to git. */
	static const char *const odd[] = {
		"[user]\n\temail = \"quoted@example.org\"\n",
		"[user]\n\temail = a@example.org # comment\n",
		"[user]\n\temail = a@example.org\\\n\tmore\n",
		"[include]\n\tpath = elsewhere\n[user]\n\temail = a@example.org\n",
		"[user\n\temail = a@example.org\n",
	};
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		assert_int_equal(tu_write_file(cfg, odd[i], strlen(odd[i])), 0);
		assert_int_equal(cb_config_peek(f->gitdir, "user", "email", &v), CB_EINVALID);
		assert_null(v);
	}
	/* No config file at all. */
	assert_int_equal(cb_config_peek(f->tmp, "user", "email", &v), CB_ENOTFOUND);
	free(cfg);
}

/* Looked for as git looks: the repository's file wins over the user's,
 * which wins over the XDG one; a setting in none is not found, with no
 * need to ask libgit2; a user file that is not plain is left to git. */
static void test_config_peek_all(void **state)
{
	struct tu_repo *f = *state;
	char *cfg = tu_path(f->gitdir, "config"), *home = tu_path(f->tmp, "home");
	char *xdg = tu_path(f->tmp, "xdg"), *xdg_git = tu_path(xdg, "git");
	char *global = tu_path(home, ".gitconfig"), *xdg_cfg = tu_path(xdg_git, "config");
	char *v = NULL;
	assert_int_equal(mkdir(home, 0700), 0);
	assert_int_equal(mkdir(xdg, 0700), 0);
	assert_int_equal(mkdir(xdg_git, 0700), 0);
	char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	char *old_xdg = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	static const char local[] = "[casebook]\n\tteam = Local\n";
	static const char user[] = "[casebook]\n\tteam = User\n\taccessReason = ask\n";
	static const char xdgtext[] = "[casebook]\n\taccessReason = require\n\tcolour = on\n";
	assert_int_equal(tu_write_file(cfg, local, strlen(local)), 0);
	assert_int_equal(tu_write_file(global, user, strlen(user)), 0);
	assert_int_equal(tu_write_file(xdg_cfg, xdgtext, strlen(xdgtext)), 0);
	assert_int_equal(cb_config_peek_all(f->gitdir, "casebook", "team", &v), 0);
	assert_string_equal(v, "Local");
	free(v);
	assert_int_equal(cb_config_peek_all(f->gitdir, "casebook", "accessreason", &v), 0);
	assert_string_equal(v, "ask");
	free(v);
	assert_int_equal(cb_config_peek_all(f->gitdir, "casebook", "colour", &v), 0);
	assert_string_equal(v, "on");
	free(v);
	assert_int_equal(cb_config_peek_all(f->gitdir, "casebook", "nosuch", &v), CB_ENOTFOUND);
	assert_null(v);
	static const char incl[] = "[include]\n\tpath = elsewhere\n";
	assert_int_equal(tu_write_file(global, incl, strlen(incl)), 0);
	assert_int_equal(cb_config_peek_all(f->gitdir, "casebook", "nosuch", &v), CB_EINVALID);
	assert_int_equal(cb_config_peek_all(f->gitdir, "casebook", "team", &v), 0);
	free(v);
	if (old_home)
		setenv("HOME", old_home, 1);
	else
		unsetenv("HOME");
	if (old_xdg)
		setenv("XDG_CONFIG_HOME", old_xdg, 1);
	else
		unsetenv("XDG_CONFIG_HOME");
	free(old_home);
	free(old_xdg);
	free(cfg);
	free(home);
	free(xdg);
	free(xdg_git);
	free(global);
	free(xdg_cfg);
}

/* ---- commits ---- */

static void test_commit_paths(void **state)
{
	struct tu_repo *f = *state;
	char pa[128], pb[128];
	assert_int_equal(cb_record_path(pa, sizeof pa, PID_A, "person"), 0);
	assert_int_equal(cb_record_path(pb, sizeof pb, PID_B, "chronology"), 0);
	struct cb_write w[2] = {
		{ pa, "Record: person\nId: " PID_A "\n", 0 },
		{ pb, "Record: chronology\nPerson: " PID_B "\n", 0 },
	};
	w[0].len = strlen(w[0].data);
	w[1].len = strlen(w[1].data);
	git_oid c1;
	int made = -1;
	assert_int_equal(cb_store_commit(&f->st, w, 2, &info_sam, NULL, &c1, &made), 0);
	assert_int_equal(made, 1);
	git_oid tip;
	assert_int_equal(cb_store_head(&f->st, &tip), 0);
	assert_true(git_oid_equal(&tip, &c1));
	assert_int_equal(commit_count(&f->st), 1);

	/* both files in one commit, at people/<c0>/<c1>/<id>/<record> */
	git_commit *c = NULL;
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	assert_int_equal(git_commit_lookup(&c, f->st.repo, &c1), 0);
	assert_int_equal(git_commit_parentcount(c), 0);
	assert_int_equal(git_commit_tree(&t, c), 0);
	assert_int_equal(git_tree_entry_bypath(&e, t, "people/7/Q/" PID_A "/person"), 0);
	assert_int_equal(git_tree_entry_filemode(e), GIT_FILEMODE_BLOB);
	git_tree_entry_free(e);
	assert_int_equal(git_tree_entry_bypath(&e, t, "people/8/Z/" PID_B "/chronology"), 0);
	git_tree_entry_free(e);
	/* and nothing else at the top */
	assert_int_equal(git_tree_entrycount(t), 1);
	assert_string_equal(git_tree_entry_name(git_tree_entry_byindex(t, 0)), "people");
	git_tree_free(t);
	git_commit_free(c);

	int rc;
	char *got = read_at(&f->st, NULL, pa, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(got, w[0].data);
	free(got);

	/* the next commit has the previous as its only parent */
	git_oid c2;
	assert_int_equal(put(&f->st, pa, "Record: person\nId: " PID_A "\nName: Zoë\n", NULL,
			     &c2, &made), 0);
	assert_int_equal(made, 1);
	assert_int_equal(git_commit_lookup(&c, f->st.repo, &c2), 0);
	assert_int_equal(git_commit_parentcount(c), 1);
	assert_true(git_oid_equal(git_commit_parent_id(c, 0), &c1));
	git_commit_free(c);
	assert_int_equal(commit_count(&f->st), 2);
}

static void test_no_change_no_commit(void **state)
{
	struct tu_repo *f = *state;
	char pa[128];
	assert_int_equal(cb_record_path(pa, sizeof pa, PID_A, "person"), 0);
	git_oid c1, c2, tip;
	int made = -1;
	/* an empty repository and nothing to write: no commit either */
	assert_int_equal(cb_store_commit(&f->st, NULL, 0, &info_sam, NULL, &c1, &made), 0);
	assert_int_equal(made, 0);
	assert_int_equal(cb_store_head(&f->st, &tip), CB_ENOTFOUND);

	assert_int_equal(put(&f->st, pa, "Record: person\n", NULL, &c1, &made), 0);
	assert_int_equal(made, 1);
	memset(&c2, 0xab, sizeof c2);
	assert_int_equal(put(&f->st, pa, "Record: person\n", NULL, &c2, &made), 0);
	assert_int_equal(made, 0);
	assert_int_equal(cb_store_head(&f->st, &tip), 0);
	assert_true(git_oid_equal(&tip, &c1));
	assert_int_equal(commit_count(&f->st), 1);
	/* deleting what is not there is not a change */
	char pb[128];
	assert_int_equal(cb_record_path(pb, sizeof pb, PID_B, "person"), 0);
	assert_int_equal(put(&f->st, pb, NULL, NULL, NULL, &made), 0);
	assert_int_equal(made, 0);
	assert_int_equal(commit_count(&f->st), 1);
}

static void test_compare_and_swap(void **state)
{
	struct tu_repo *f = *state;
	char pa[128];
	assert_int_equal(cb_record_path(pa, sizeof pa, PID_A, "chronology"), 0);
	git_oid zero, c1, c2, c3, tip;
	memset(&zero, 0, sizeof zero);
	int made = -1;

	/* zero oid: "the branch must not exist yet" */
	assert_int_equal(put(&f->st, pa, "one\n", &zero, &c1, &made), 0);
	assert_int_equal(made, 1);
	assert_int_equal(put(&f->st, pa, "two\n", &zero, &c2, &made), CB_ECONFLICT);
	assert_int_equal(made, 0);
	assert_non_null(strstr(cb_err_msg(), "try again"));

	/* a second handle on the same repository saves in between */
	struct cb_store other;
	assert_int_equal(cb_store_open(&other, f->gitdir), 0);
	assert_int_equal(put(&other, pa, "theirs\n", &c1, &c2, &made), 0);
	assert_int_equal(made, 1);
	cb_store_close(&other);

	/* ours was read at c1: refused, and the branch is still theirs */
	assert_int_equal(put(&f->st, pa, "ours\n", &c1, &c3, &made), CB_ECONFLICT);
	assert_int_equal(made, 0);
	assert_int_equal(cb_store_head(&f->st, &tip), 0);
	assert_true(git_oid_equal(&tip, &c2));
	int rc;
	char *got = read_at(&f->st, NULL, pa, &rc);
	assert_string_equal(got, "theirs\n");
	free(got);
	assert_int_equal(commit_count(&f->st), 2);

	/* a stale parent that changes nothing is still refused: the caller
	 * must not be told "no changes" about a tip it has not seen */
	assert_int_equal(put(&f->st, pa, "theirs\n", &c1, NULL, &made), CB_ECONFLICT);
	/* re-read at the new tip and it goes through */
	assert_int_equal(put(&f->st, pa, "ours\n", &c2, &c3, &made), 0);
	assert_int_equal(made, 1);
	assert_int_equal(cb_store_head(&f->st, &tip), 0);
	assert_true(git_oid_equal(&tip, &c3));
	/* an expected parent on an empty branch is a conflict too */
	assert_int_equal(git_reference_remove(f->st.repo, CB_BRANCH), 0);
	assert_int_equal(put(&f->st, pa, "x\n", &c3, NULL, &made), CB_ECONFLICT);
	assert_int_equal(cb_store_head(&f->st, &tip), CB_ENOTFOUND);
}

static void test_delete(void **state)
{
	struct tu_repo *f = *state;
	char pa[128], pb[128];
	assert_int_equal(cb_record_path(pa, sizeof pa, PID_A, "genogram"), 0);
	assert_int_equal(cb_record_path(pb, sizeof pb, PID_A, "person"), 0);
	struct cb_write w[2] = { { pa, "g\n", 2 }, { pb, "p\n", 2 } };
	git_oid c1, c2;
	int made = 0, rc;
	assert_int_equal(cb_store_commit(&f->st, w, 2, &info_sam, NULL, &c1, &made), 0);
	assert_int_equal(put(&f->st, pa, NULL, &c1, &c2, &made), 0);
	assert_int_equal(made, 1);
	char *got = read_at(&f->st, NULL, pa, &rc);
	assert_int_equal(rc, CB_ENOTFOUND);
	got = read_at(&f->st, NULL, pb, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(got, "p\n");
	free(got);
	/* deleting the last record leaves no empty directories behind */
	assert_int_equal(put(&f->st, pb, NULL, &c2, NULL, &made), 0);
	assert_int_equal(made, 1);
	git_oid tip;
	git_commit *c = NULL;
	git_tree *t = NULL;
	assert_int_equal(cb_store_head(&f->st, &tip), 0);
	assert_int_equal(git_commit_lookup(&c, f->st.repo, &tip), 0);
	assert_int_equal(git_commit_tree(&t, c), 0);
	assert_int_equal(git_tree_entrycount(t), 0);
	git_tree_free(t);
	git_commit_free(c);
	/* and the old version is still there at c1 */
	got = read_at(&f->st, &c1, pa, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(got, "g\n");
	free(got);
}

static void test_read_older_commit(void **state)
{
	struct tu_repo *f = *state;
	char pa[128];
	assert_int_equal(cb_record_path(pa, sizeof pa, PID_A, "person"), 0);
	static const char *const versions[] = { "v1\n", "v2\n", "v3 Zoë\n" };
	git_oid c[3];
	int made, rc;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(put(&f->st, pa, versions[i], NULL, &c[i], &made), 0);
		assert_int_equal(made, 1);
	}
	for (int i = 0; i < 3; i++) {
		char *got = read_at(&f->st, &c[i], pa, &rc);
		assert_int_equal(rc, 0);
		assert_string_equal(got, versions[i]);
		free(got);
	}
	char *got = read_at(&f->st, NULL, pa, &rc);
	assert_string_equal(got, versions[2]);
	free(got);
	/* a path that is not there, at a commit that is */
	got = read_at(&f->st, &c[0], "people/7/Q/" PID_A "/chronology", &rc);
	assert_int_equal(rc, CB_ENOTFOUND);
	/* a directory is not a record */
	got = read_at(&f->st, &c[0], "people/7/Q/" PID_A, &rc);
	assert_int_equal(rc, CB_ENOTFOUND);
	/* a commit that does not exist */
	git_oid bogus;
	memset(&bogus, 0x42, sizeof bogus);
	got = read_at(&f->st, &bogus, pa, &rc);
	assert_int_not_equal(rc, 0);
	/* binary content comes back whole, NUL included */
	struct cb_write w = { pa, "a\0b", 3 };
	assert_int_equal(cb_store_commit(&f->st, &w, 1, &info_sam, NULL, NULL, &made), 0);
	char *buf = NULL;
	size_t len = 0;
	assert_int_equal(cb_store_read(&f->st, NULL, pa, &buf, &len), 0);
	assert_int_equal(len, 3);
	assert_memory_equal(buf, "a\0b", 4);
	free(buf);
}

static void test_author_and_message_exact(void **state)
{
	struct tu_repo *f = *state;
	char pa[128];
	assert_int_equal(cb_record_path(pa, sizeof pa, PID_A, "chronology"), 0);
	const char *msg = "Add chronology entry 2024-03-14 (health) for Nguyễn Văn An\n"
			  "\n"
			  "Record: " PID_A "/chronology\n"
			  "Fields: +E3N8P0ZQ1A\n";
	struct cb_commit_info ci = { "Gwŷn ap Rhys", "gwyn.aprhys@example.org",
				     1710412200, -300, msg };
	struct cb_write w = { pa, "x\n", 2 };
	git_oid oid;
	int made = 0;
	assert_int_equal(cb_store_commit(&f->st, &w, 1, &ci, NULL, &oid, &made), 0);
	assert_int_equal(made, 1);
	git_commit *c = NULL;
	assert_int_equal(git_commit_lookup(&c, f->st.repo, &oid), 0);
	const git_signature *a = git_commit_author(c), *k = git_commit_committer(c);
	assert_string_equal(a->name, "Gwŷn ap Rhys");
	assert_string_equal(a->email, "gwyn.aprhys@example.org");
	assert_int_equal(a->when.time, 1710412200);
	assert_int_equal(a->when.offset, -300);
	assert_string_equal(k->name, a->name);
	assert_string_equal(k->email, a->email);
	assert_int_equal(k->when.time, a->when.time);
	assert_int_equal(k->when.offset, a->when.offset);
	assert_string_equal(git_commit_message(c), msg);
	assert_string_equal(git_commit_summary(c),
			    "Add chronology entry 2024-03-14 (health) for Nguyễn Văn An");
	git_commit_free(c);

	/* when = 0 means now */
	struct cb_commit_info now = { "Sam Patel", "sam.patel@example.org", 0, 0, "Now\n" };
	w.data = "y\n";
	time_t before = time(NULL);
	assert_int_equal(cb_store_commit(&f->st, &w, 1, &now, NULL, &oid, &made), 0);
	assert_int_equal(git_commit_lookup(&c, f->st.repo, &oid), 0);
	assert_true(git_commit_author(c)->when.time >= before);
	assert_true(git_commit_author(c)->when.time <= time(NULL));
	git_commit_free(c);

	/* an author git cannot store is refused, and nothing moves */
	git_oid tip_before, tip_after;
	assert_int_equal(cb_store_head(&f->st, &tip_before), 0);
	struct cb_commit_info bad = { "Sam <Patel>", "sam.patel@example.org", 0, 0, "Bad\n" };
	w.data = "z\n";
	assert_int_not_equal(cb_store_commit(&f->st, &w, 1, &bad, NULL, NULL, &made), 0);
	assert_int_equal(made, 0);
	assert_int_equal(cb_store_head(&f->st, &tip_after), 0);
	assert_true(git_oid_equal(&tip_before, &tip_after));
}

static void test_read_only(void **state)
{
	struct tu_repo *f = *state;
	char pa[128];
	assert_int_equal(cb_record_path(pa, sizeof pa, PID_A, "person"), 0);
	f->st.read_only = 1;
	int made = -1;
	assert_int_equal(put(&f->st, pa, "x\n", NULL, NULL, &made), CB_EREADONLY);
	assert_int_equal(made, 0);
	git_oid tip;
	assert_int_equal(cb_store_head(&f->st, &tip), CB_ENOTFOUND);
	f->st.read_only = 0;
}

int main(void)
{
	tu_env(TU_AUTHOR, TU_TODAY);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_git_lib_start),
		cmocka_unit_test_setup_teardown(test_init, setup, teardown),
		cmocka_unit_test_setup_teardown(test_peek_branch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_peek, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_change_no_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compare_and_swap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_older_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_author_and_message_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_peek_all, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
