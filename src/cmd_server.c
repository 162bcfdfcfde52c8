/* cmd_server.c - the server side of a shared remote:
 *   casebook server-hook install REPO   puts a pre-receive hook in a bare
 *                                       repository that runs server-check
 *   casebook server-check               (run by that hook) refuses a push
 *                                       that deletes or rewrites history,
 *                                       holds a record that does not parse
 *                                       or validate, or is by someone who is
 *                                       not a known practitioner.
 * The checks are casebook verify's own (cb_verify_push), on just the pushed
 * commits. What the hook prints on stderr reaches the pushing laptop as the
 * remote's words, which casebook sync shows. */
#include "cmd_access.h"
#include "cmd_history.h"
#include "err.h"
#include "git_lib.h"
#include "i18n.h"
#include "keys.h"
#include "verify.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HOOK_MARK "# casebook server hook"


int cmd_server_hook(int argc, char **argv)
{
	const char *usage = _("casebook server-hook install REPO");
	if (argc != 3 || strcmp(argv[1], "install") != 0)
		return cli_usage(usage);
	const char *repo = argv[2];
	char exe[PATH_MAX], path[PATH_MAX + 64], objects[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return cli_fail(_("cannot find casebook's own path: %s"), strerror(errno));
	exe[n] = '\0';
	if (strchr(exe, '\'') || strchr(exe, '\n'))
		return cli_fail(_("casebook's path %s has a quote or newline in it: install it "
				  "elsewhere"), exe);
	snprintf(objects, sizeof objects, "%s/objects", repo);
	snprintf(path, sizeof path, "%s/HEAD", repo);
	struct stat st;
	if (stat(objects, &st) != 0 || !S_ISDIR(st.st_mode) || stat(path, &st) != 0)
		return cli_fail(_("%s is not a bare git repository (no objects/ or HEAD)"), repo);
	snprintf(path, sizeof path, "%s/hooks", repo);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/hooks/pre-receive", repo);
	FILE *old = fopen(path, "re");
	if (old) {
		char line[256] = "", line2[256] = "";
		if (!fgets(line, sizeof line, old) || !fgets(line2, sizeof line2, old))
			line2[0] = '\0';
		fclose(old);
		if (strncmp(line2, HOOK_MARK, strlen(HOOK_MARK)) != 0)
			return cli_fail(_("%s already exists and is not casebook's: merge the two "
					  "by hand (it must run %s server-check)"), path, exe);
	}
	char tmp[PATH_MAX + 80];
	snprintf(tmp, sizeof tmp, "%s.casebook-new", path);
	FILE *f = fopen(tmp, "we");
	if (!f)
		return cli_fail(_("cannot write %s: %s"), tmp, strerror(errno));
	fprintf(f, "#!/bin/sh\n%s: refuses pushes that delete or rewrite history,\n"
		   "# hold records that do not parse or validate, or are by someone who is\n"
		   "# not a known practitioner (see casebook(1), server-hook).\n"
		   "exec '%s' server-check\n", HOOK_MARK, exe);
	int bad = ferror(f);
	bad |= fclose(f) != 0;
	/* The hook holds no secret; the server's git user must run it. */
	if (bad || chmod(tmp, 0755) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return cli_fail(_("cannot write %s: %s"), path, strerror(errno));
	}
	printf(_("installed %s (runs %s server-check)\n"), path, exe);
	return 0;
}

struct said {
	size_t problems;
};

static int said(const struct cb_vfinding *f, void *ctx)
{
	struct said *s = ctx;
	if (!f->problem)
		return 0;
	s->problems++;
	fputs("casebook: ", stderr);
	if (f->commit)
		fprintf(stderr, "%.10s ", f->commit);
	if (f->path) {
		cli_put(stderr, f->path);
		fputs(": ", stderr);
	}
	/* One line each: the laptop shows the remote's lines one by one. */
	for (const char *p = f->msg; *p; p++) {
		char one[2] = { *p == '\n' ? ' ' : *p, '\0' };
		cli_put(stderr, one);
	}
	if (f->kind == CB_V_AUTHOR && f->author_email) {
		fputs(" (", stderr);
		cli_put(stderr, f->author_name ? f->author_name : "");
		fputs(" <", stderr);
		cli_put(stderr, f->author_email);
		fputs(">)", stderr);
	}
	fputc('\n', stderr);
	return 0;
}

/* The key store is replaced, not appended to (keys.h): it may move
 * without a fast-forward, but must keep every key it had (or its
 * tombstone), so a laptop that did not fetch first cannot drop another's
 * new child's key, nor bring back an erased one. */
static int check_keys(git_repository *repo, const git_oid *old, const git_oid *new_oid)
{
	struct cb_keystore prev = { 0 }, next = { 0 };
	char why[300] = "";
	int bad = cb_keystore_load_commit(repo, new_oid, &next) != 0;
	if (bad)
		snprintf(why, sizeof why, "%s", _("the pushed key store cannot be read"));
	else if (old && cb_keystore_load_commit(repo, old, &prev) == 0)
		bad = !cb_keystore_succeeds(&prev, &next, why, sizeof why);
	cb_keystore_free(&prev);
	cb_keystore_free(&next);
	if (bad)
		fprintf(stderr, _("casebook: refusing %s: %s\n"), CB_KEYS_REF, why);
	return bad;
}

static int check_ref(git_repository *repo, const char *dir, const git_oid *old,
		     const git_oid *new_oid, const char *ref)
{
	int had = !git_oid_is_zero(old);
	if (git_oid_is_zero(new_oid)) {
		fprintf(stderr, _("casebook: refusing to delete %s: history on this server is kept\n"),
			ref);
		return 1;
	}
	if (strcmp(ref, CB_KEYS_REF) == 0)
		return check_keys(repo, had ? old : NULL, new_oid);
	if (had && !git_oid_equal(old, new_oid) &&
	    git_graph_descendant_of(repo, new_oid, old) != 1) {
		char a[GIT_OID_HEXSZ + 1];
		git_oid_tostr(a, sizeof a, old);
		fprintf(stderr, _("casebook: refusing %s: the push rewrites history (%.10s is not "
				  "in what was pushed); a sync merges instead\n"), ref, a);
		return 1;
	}
	if (strcmp(ref, "refs/heads/main") != 0)
		return 0;
	struct cb_ws ws;
	memset(&ws, 0, sizeof ws);
	ws.dir = (char *)dir;
	ws.store.repo = repo;
	ws.repo_ops = &cb_ws_repo_git; /* its config (casebook.practitioners) too */
	struct said s = { 0 };
	struct cb_vstats st;
	if (cb_verify_push(&ws, had ? old : NULL, new_oid, said, &s, &st)) {
		fprintf(stderr, _("casebook: cannot check the push: %s\n"), cb_err_msg());
		return 1;
	}
	if (s.problems) {
		fprintf(stderr, ngettext("casebook: refusing %s: %zu problem in what was pushed\n",
					 "casebook: refusing %s: %zu problems in what was pushed\n",
					 s.problems), ref, s.problems);
		return 1;
	}
	return 0;
}

int cmd_server_check(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cli_usage(_("casebook server-check (run by the server hook, reading "
				   "\"OLD NEW REF\" lines)"));
	cb_git_lib_init();
	git_repository *repo = NULL;
	/* From the environment: the hook runs with GIT_DIR, and the pushed
	 * objects are in a quarantine named by GIT_OBJECT_DIRECTORY. */
	if (git_repository_open_ext(&repo, ".", GIT_REPOSITORY_OPEN_FROM_ENV, NULL) < 0) {
		const git_error *e = git_error_last();
		fprintf(stderr, _("casebook: cannot open the repository: %s\n"),
			e ? e->message : "");
		git_libgit2_shutdown();
		return 1;
	}
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", git_repository_path(repo));
	size_t dl = strlen(dir);
	if (dl > 1 && dir[dl - 1] == '/')
		dir[dl - 1] = '\0';
	char line[1024];
	int refused = 0;
	while (fgets(line, sizeof line, stdin)) {
		char o[64], nw[64], ref[900];
		git_oid old, new_oid;
		if (sscanf(line, "%63s %63s %899s", o, nw, ref) != 3 ||
		    git_oid_fromstr(&old, o) < 0 || git_oid_fromstr(&new_oid, nw) < 0) {
			fprintf(stderr, _("casebook: cannot read the hook's input\n"));
			refused = 1;
			break;
		}
		refused |= check_ref(repo, dir, &old, &new_oid, ref);
	}
	git_repository_free(repo);
	git_libgit2_shutdown();
	return refused;
}
