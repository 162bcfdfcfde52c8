/* cmd_crypt.c - casebook unlock [--key-file FILE] [--timeout SECONDS],
 * casebook lock, casebook erase ID [--yes]; see cmd_crypt.h. */
#include "cmd_crypt.h"
#include "agent.h"
#include "err.h"
#include "i18n.h"
#include "keys.h"
#include "prune.h"
#include "unlock.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define PASS_MAX 1024
#define PASS_MIN 8

static int read_line(FILE *in, char *buf, size_t cap, size_t *len)
{
	if (!fgets(buf, (int)cap, in))
		return -1;
	size_t n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	*len = n;
	return 0;
}

static int ask_tty(FILE *tty, const char *prompt, char *buf, size_t *len)
{
	struct termios old, quiet;
	int fd = fileno(tty);
	fputs(prompt, stderr);
	fflush(stderr);
	int echo_off = tcgetattr(fd, &old) == 0;
	if (echo_off) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	int rc = read_line(tty, buf, PASS_MAX, len);
	if (echo_off)
		tcsetattr(fd, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return rc;
}

int cli_passphrase(const char *prompt, int confirm, char **buf, size_t *len)
{
	if (cb_crypt_init())
		return cli_fail_last();
	*buf = sodium_malloc(PASS_MAX);
	if (!*buf)
		return cli_fail(_("out of memory"));
	int rc = 0;
	if (isatty(0)) {
		FILE *tty = fopen("/dev/tty", "r+e");
		if (!tty || ask_tty(tty, prompt, *buf, len))
			rc = cli_fail(_("no passphrase was given"));
		if (!rc && confirm) {
			char *again = sodium_malloc(PASS_MAX);
			size_t al = 0;
			if (!again || ask_tty(tty, _("Again: "), again, &al) || al != *len ||
			    memcmp(again, *buf, al) != 0)
				rc = cli_fail(_("the two passphrases differ; nothing was changed"));
			if (again)
				sodium_free(again);
		}
		if (tty)
			fclose(tty);
	} else if (read_line(stdin, *buf, PASS_MAX, len)) {
		rc = cli_fail(_("no passphrase on standard input"));
	}
	if (!rc && confirm && *len < PASS_MIN)
		rc = cli_fail(_("the passphrase is too short (%d characters at least)"), PASS_MIN);
	if (rc) {
		sodium_free(*buf);
		*buf = NULL;
	}
	return rc;
}

int cli_encrypt_setup(const char *dir, const char *keyfile)
{
	char *pass = NULL;
	size_t len = 0;
	if (!keyfile && cli_passphrase(_("New passphrase for the workspace: "), 1, &pass, &len))
		return 1;
	int rc = cb_encrypt_setup(dir, pass, len, keyfile);
	if (pass)
		sodium_free(pass);
	return rc ? cli_fail_last() : 0;
}

/* The workspace's repository only: unlock must not need the (sealed) index. */
static int open_store(struct cli *c, struct cb_store *st)
{
	size_t n = strlen(c->dir) + 16;
	char *gitdir = malloc(n);
	if (!gitdir)
		return cli_fail(_("out of memory"));
	snprintf(gitdir, n, "%s/repo.git", c->dir);
	int rc = cb_store_open(st, gitdir);
	free(gitdir);
	if (rc)
		return cli_fail(_("%s is not a casebook workspace"), c->dir);
	if (!cb_keys_encrypted(st->repo)) {
		cb_store_close(st);
		return cli_fail(_("%s is not encrypted: there is nothing to unlock or lock"),
				c->dir);
	}
	return 0;
}

int cmd_unlock(struct cli *c, int argc, char **argv)
{
	const char *usage = _("casebook unlock [--key-file FILE] [--timeout SECONDS]");
	const char *keyfile = NULL;
	unsigned long idle = CB_AGENT_IDLE;
	for (int i = 1; i < argc; i++) {
		char *end = NULL;
		if (strcmp(argv[i], "--key-file") == 0 && i + 1 < argc) {
			keyfile = argv[++i];
		} else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
			idle = strtoul(argv[++i], &end, 10);
			if (!*argv[i] || *end || idle == 0 || idle > 7 * 86400)
				return cli_fail(_("--timeout: seconds, from 1 to 604800"));
		} else {
			return cli_usage(usage);
		}
	}
	struct cb_store st;
	if (open_store(c, &st))
		return 1;
	struct cb_keystore ks;
	char *pass = NULL;
	size_t len = 0;
	unsigned char *team = NULL;
	int rc = cb_keystore_load(st.repo, CB_KEYS_REF, &ks, NULL);
	if (!rc && !keyfile && cli_passphrase(_("Passphrase: "), 0, &pass, &len))
		rc = 1;
	else if (!rc && (rc = cb_unlock_open(&ks, pass, len, keyfile, &team)) == 0)
		rc = cb_agent_start(c->dir, team, (unsigned)idle);
	if (rc < 0)
		cli_fail_last();
	if (pass)
		sodium_free(pass);
	if (team)
		sodium_free(team);
	cb_keystore_free(&ks);
	cb_store_close(&st);
	if (rc)
		return 1;
	printf(_("Unlocked %s (locks itself after %lu minutes unused, or with casebook lock)\n"),
	       c->dir, (idle + 59) / 60);
	return 0;
}

int cmd_lock(struct cli *c, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cli_usage(_("casebook lock"));
	struct cb_store st;
	if (open_store(c, &st))
		return 1;
	cb_store_close(&st);
	if (cb_agent_stop(c->dir))
		printf(_("Locked %s\n"), c->dir);
	else
		printf(_("%s was already locked\n"), c->dir);
	return 0;
}

/* ---- erase ---- */

struct gather {
	struct cb_write *w;
	char **paths;
	size_t n, cap;
	const char *prefix;
};

static int gather_file(const char *root, const git_tree_entry *e, void *payload)
{
	struct gather *g = payload;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 16;
		struct cb_write *w = realloc(g->w, cap * sizeof *w);
		char **p = w ? realloc(g->paths, cap * sizeof *p) : NULL;
		if (w)
			g->w = w;
		if (!p)
			return -1;
		g->paths = p;
		g->cap = cap;
	}
	size_t n = strlen(g->prefix) + strlen(root) + strlen(git_tree_entry_name(e)) + 2;
	char *path = malloc(n);
	if (!path)
		return -1;
	snprintf(path, n, "%s/%s%s", g->prefix, root, git_tree_entry_name(e));
	g->paths[g->n] = path;
	g->w[g->n] = (struct cb_write){ path, NULL, 0 };
	g->n++;
	return 0;
}

/* One commit removing every file of the child from the tip. */
static int remove_files(struct cb_ws *ws, const char *id, const char *name,
			const char *email, const char *who, git_oid *made_commit, int *made)
{
	char prefix[64], msg[512];
	git_oid tip;
	git_commit *c = NULL;
	git_tree *t = NULL, *sub = NULL;
	git_tree_entry *e = NULL;
	struct gather g = { .prefix = prefix };
	*made = 0;
	int rc = cb_record_path(prefix, sizeof prefix, id, NULL);
	if (rc || (rc = cb_store_head(&ws->store, &tip)))
		return rc == CB_ENOTFOUND ? 0 : rc;
	if (git_commit_lookup(&c, ws->store.repo, &tip) < 0 || git_commit_tree(&t, c) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot read the last commit"));
		goto out;
	}
	if (git_tree_entry_bypath(&e, t, prefix) == 0 &&
	    git_tree_lookup(&sub, ws->store.repo, git_tree_entry_id(e)) == 0 &&
	    git_tree_walk(sub, GIT_TREEWALK_PRE, gather_file, &g) < 0) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
		goto out;
	}
	snprintf(msg, sizeof msg, "Erase the records of %s\n\nErased: %s\nErased-By: %s\n", id, id,
		 who);
	struct cb_commit_info ci = { name, email, 0, 0, msg };
	if (g.n)
		rc = cb_store_commit(&ws->store, g.w, g.n, &ci, &tip, made_commit, made);
out:
	for (size_t i = 0; i < g.n; i++)
		free(g.paths[i]);
	free(g.paths);
	free(g.w);
	git_tree_entry_free(e);
	git_tree_free(sub);
	git_tree_free(t);
	git_commit_free(c);
	return rc;
}

/* Replaces the child's key with a tombstone in the key store. */
static int destroy_key(git_repository *repo, const char *id, const char *who)
{
	char name[64], stone[64], text[512], day[32];
	time_t now = time(NULL);
	strftime(day, sizeof day, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	snprintf(name, sizeof name, "children/%s", id);
	snprintf(stone, sizeof stone, "erased/%s", id);
	snprintf(text, sizeof text, "Erased: %s\nErased-By: %s\nErased-On: %s\n", id, who, day);
	for (int attempt = 0; attempt < 5; attempt++) {
		struct cb_keystore ks;
		git_oid at;
		int rc = cb_keystore_load(repo, CB_KEYS_REF, &ks, &at);
		if (!rc) {
			cb_keystore_remove(&ks, name);
			if (!cb_keystore_get(&ks, stone))
				rc = cb_keystore_put(&ks, stone, text, strlen(text));
		}
		if (!rc)
			rc = cb_keystore_write(repo, &ks, &at, "Erase a child's key", NULL);
		cb_keystore_free(&ks);
		if (rc != CB_ECONFLICT)
			return rc;
		cb_err_clear();
	}
	return cb_err(CB_ECONFLICT, _("the key store kept changing; try again"));
}

static int confirmed(const char *id, const char *name)
{
	char line[64];
	size_t len = 0;
	if (!isatty(0))
		return 0;
	fprintf(stderr, _("This destroys the key of %s (%s): their records become unreadable "
			  "in every copy of the history, for good.\nType the id %s to go on: "),
		name, id, id);
	return read_line(stdin, line, sizeof line, &len) == 0 && strcmp(line, id) == 0;
}

int cmd_erase(struct cli *c, int argc, char **argv)
{
	const char *usage = _("casebook erase ID [--yes]");
	const char *arg = NULL;
	int yes = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--yes") == 0 || strcmp(argv[i], "-y") == 0)
			yes = 1;
		else if (argv[i][0] != '-' && !arg)
			arg = argv[i];
		else
			return cli_usage(usage);
	}
	if (!arg)
		return cli_usage(usage);
	char id[11];
	if (cli_person(c, arg, id))
		return 1;
	struct cb_ws *ws = &c->ws;
	if (!cb_keys_encrypted(ws->store.repo))
		return cli_fail(_("this workspace is not encrypted: erase needs a key to destroy "
				  "(make the workspace with init --encrypt)"));
	const char *name, *email;
	if (cb_ws_author(ws, &name, &email))
		return cli_fail_last();
	char *who_name = cli_person_name(c, id);
	int ok = yes || confirmed(id, who_name ? who_name : id);
	free(who_name);
	if (!ok)
		return cli_fail(_("not erased: confirm by typing the id, or give --yes"));
	char who[300];
	snprintf(who, sizeof who, "%s <%s>", name, email);
	git_oid commit;
	int made = 0, rc = remove_files(ws, id, name, email, who, &commit, &made);
	if (!rc)
		rc = destroy_key(ws->store.repo, id, who);
	if (rc)
		return cli_fail_last();
	/* The old key store, held by the remote-tracking ref and in the object
	 * database, still has the key: drop both. The next sync fetches the
	 * remote's, merges the tombstone in and pushes it. */
	git_reference *tr = NULL;
	if (git_reference_lookup(&tr, ws->store.repo, CB_KEYS_TRACKING) == 0)
		git_reference_delete(tr);
	git_reference_free(tr);
	cb_keys_reload(ws->store.repo);
	cb_index_catch_up(&ws->index, &ws->store);
	if (cb_repo_prune(git_repository_path(ws->store.repo)))
		fprintf(stderr, _("casebook: warning: %s\n"), cb_err_msg());
	printf(_("Erased the records of %s: their key is destroyed%s. Sync to carry the "
		 "erasure to the remote and the other laptops.\n"), id,
	       made ? _(" and the records removed from the tip") : "");
	return 0;
}
