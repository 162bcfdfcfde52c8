/* workspace.c - making and opening a workspace with its repository, and
 * saving records; see workspace.h. Opening for index reads, closing and
 * config reads are ws_read.c, the author ws_author.c: they need no
 * libgit2. */
#include "workspace.h"
#include "crypt.h"
#include "err.h"
#include "i18n.h"
#include "keys.h"
#include "record.h"
#include "strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *e;
	int empty = 1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

static int config_set(git_repository *repo, const char *key, const char *value)
{
	git_config *cfg = NULL;
	int rc = 0;
	if (git_repository_config(&cfg, repo) < 0 ||
	    git_config_set_string(cfg, key, value) < 0)
		rc = cb_err_git(CB_ERROR, _("cannot write the configuration"));
	git_config_free(cfg);
	return rc;
}

int cb_ws_init(const char *dir, const char *remote, const char *user)
{
	char *name = NULL, *email = NULL;
	int rc = 0;
	if (user && (rc = cb_identity_parse(user, &name, &email)))
		return rc;
	struct stat sb;
	if (stat(dir, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode) || !dir_is_empty(dir)) {
			rc = cb_err(CB_EINVALID, _("%s already exists and is not an empty directory"), dir);
			goto out;
		}
	} else if (mkdir(dir, 0700) < 0) {
		rc = cb_err(CB_ERROR, _("cannot create %s: %s"), dir, strerror(errno));
		goto out;
	}
	/* Records are special category personal data: the workspace is the
	 * user's alone. */
	if (chmod(dir, 0700) < 0) {
		rc = cb_err(CB_ERROR, _("cannot make %s private: %s"), dir, strerror(errno));
		goto out;
	}
	char *gitdir = cb_ws_path(dir, "repo.git");
	char *tmp = cb_ws_path(dir, "tmp");
	if (!gitdir || !tmp) {
		free(gitdir);
		free(tmp);
		rc = cb_err(CB_ENOMEM, _("out of memory"));
		goto out;
	}
	if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
		rc = cb_err(CB_ERROR, _("cannot create %s: %s"), tmp, strerror(errno));
	if (!rc)
		rc = cb_store_init(gitdir);
	if (!rc && (name || remote)) {
		struct cb_store st;
		if (!(rc = cb_store_open(&st, gitdir))) {
			if (name)
				rc = config_set(st.repo, "user.name", name);
			if (!rc && email)
				rc = config_set(st.repo, "user.email", email);
			/* Plain config rather than git_remote_create, which in
			 * libgit2 1.5.1 leaks a regular expression's match data;
			 * the result is the same two settings. */
			if (!rc && remote)
				rc = config_set(st.repo, "remote.origin.url", remote);
			if (!rc && remote)
				rc = config_set(st.repo, "remote.origin.fetch",
						"+refs/heads/*:refs/remotes/origin/*");
			cb_store_close(&st);
		}
	}
	free(gitdir);
	free(tmp);
out:
	free(name);
	free(email);
	return rc;
}

static int forced_read_only;

void cb_ws_force_read_only(int on)
{
	forced_read_only = on;
}

int cb_ws_read_only(const struct cb_ws *ws)
{
	return ws->store.read_only;
}

/* casebook.readonly from the repository's config (a snapshot, so a
 * concurrent writer cannot change it between reads). */
static int config_read_only(git_repository *repo)
{
	git_config *cfg = NULL, *snap = NULL;
	int on = 0;
	if (git_repository_config(&cfg, repo) == 0 && git_config_snapshot(&snap, cfg) == 0 &&
	    git_config_get_bool(&on, snap, "casebook.readonly") < 0)
		on = 0;
	git_config_free(snap);
	git_config_free(cfg);
	return on != 0;
}

int cb_ws_dir_read_only(const char *dir)
{
	if (forced_read_only)
		return 1;
	if (!dir)
		return 0;
	char *gitdir = cb_ws_path(dir, "repo.git");
	struct stat sb;
	int on = 0;
	struct cb_store st;
	if (gitdir && stat(gitdir, &sb) == 0 && cb_store_open(&st, gitdir) == 0) {
		on = config_read_only(st.repo);
		cb_store_close(&st);
	}
	free(gitdir);
	cb_err_clear();
	return on;
}

int cb_ws_open(struct cb_ws *ws, const char *dir)
{
	memset(ws, 0, sizeof *ws);
	ws->repo_ops = &cb_ws_repo_git;
	int rc;
	char *gitdir = cb_ws_path(dir, "repo.git");
	char *ix = cb_ws_path(dir, "index.sqlite");
	char *dr = cb_ws_path(dir, "drafts.sqlite");
	ws->dir = strdup(dir);
	if (!gitdir || !ix || !dr || !ws->dir) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
		goto out;
	}
	struct stat sb;
	if (stat(gitdir, &sb) != 0) {
		rc = cb_err(CB_ENOTFOUND, _("%s is not a casebook workspace (no repo.git); "
					    "make one with: casebook init DIR"), dir);
		goto out;
	}
	if ((rc = cb_store_open(&ws->store, gitdir)))
		goto out;
	ws->store.read_only = forced_read_only || config_read_only(ws->store.repo);
	if ((rc = cb_drafts_open(&ws->drafts, dr)))
		goto out;
	if ((rc = cb_index_open(&ws->index, ix, &ws->store)))
		goto out;
	if (ws->index.key) {
		if (!(ws->drafts.key = cb_crypt_key_alloc())) {
			rc = CB_ENOMEM;
			goto out;
		}
		memcpy(ws->drafts.key, ws->index.key, CB_KEY_BYTES);
	}
out:
	free(gitdir);
	free(ix);
	free(dr);
	if (rc)
		cb_ws_close(ws);
	return rc;
}

/* A workspace opened for index reads opens its repository only when
 * something needs it after all. */
static int need_store(struct cb_ws *ws)
{
	if (ws->store.repo)
		return 0;
	char *gitdir = cb_ws_path(ws->dir, "repo.git");
	if (!gitdir)
		return cb_err(CB_ENOMEM, _("out of memory"));
	int rc = cb_store_open(&ws->store, gitdir);
	free(gitdir);
	if (!rc)
		ws->store.read_only = forced_read_only || config_read_only(ws->store.repo);
	return rc;
}

/* ---- the repository's side of a workspace, through libgit2 ---- */

/* A setting libgit2 reads, knowing all of git's rules and files. */
static int repo_config_get(struct cb_ws *ws, const char *key, char **out)
{
	git_config *cfg = NULL, *snap = NULL;
	const char *v = NULL;
	*out = NULL;
	if (need_store(ws))
		return CB_ENOTFOUND;
	int rc = CB_ENOTFOUND;
	if (git_repository_config(&cfg, ws->store.repo) == 0 &&
	    git_config_snapshot(&snap, cfg) == 0 &&
	    git_config_get_string(&v, snap, key) == 0 && v) {
		*out = strdup(v);
		rc = *out ? 0 : CB_ENOMEM;
	}
	git_config_free(snap);
	git_config_free(cfg);
	return rc;
}

static void repo_close(struct cb_ws *ws)
{
	cb_index_close(&ws->index);
	cb_drafts_close(&ws->drafts);
	cb_store_close(&ws->store);
}

const struct cb_ws_repo_ops cb_ws_repo_git = { cb_ws_open, repo_config_get, repo_close };

int cb_ws_config_set(struct cb_ws *ws, const char *key, const char *value)
{
	int rc = need_store(ws);
	return rc ? rc : config_set(ws->store.repo, key, value);
}

void cb_ws_tip(struct cb_ws *ws, git_oid *out)
{
	if (cb_store_head(&ws->store, out) != 0)
		memset(out, 0, sizeof *out);
}

int cb_ws_read(struct cb_ws *ws, const git_oid *commit, const char *person_id,
	       const struct cb_record_type *t, struct cb_doc *out, int *exists)
{
	char path[128];
	int rc = cb_record_path(path, sizeof path, person_id, t->name);
	if (rc)
		return rc;
	char *buf = NULL;
	size_t len = 0;
	*exists = 0;
	rc = cb_store_read(&ws->store, commit, path, &buf, &len);
	if (rc == CB_ENOTFOUND)
		return cb_record_new(out, t, person_id);
	if (rc)
		return rc;
	struct cb_parse_error perr;
	rc = cb_record_parse(out, buf, len, t->name, NULL, &perr);
	free(buf);
	if (rc)
		return cb_err(rc, _("%s/%s is damaged: %s"), person_id, t->name, perr.msg);
	*exists = 1;
	return 0;
}

/* The summary of an encrypted workspace's commit. Commit messages stay
 * plain there (history, merge, sync and the server read them without a
 * key), and the caller's summary names the child and may quote the record
 * ("Add chronology entry 2025-05-01 (Home visit) for NAME"), so it is
 * replaced by one that says only what was done to which record of which
 * id. verbs[i]: 0 added, 1 changed, 2 removed; n > 1 is always plural. */
static void sealed_summary(const struct cb_save *saves, size_t n, const int *verbs,
			   struct cb_sb *msg)
{
	size_t same = 1;
	for (size_t i = 1; i < n; i++)
		same += strcmp(saves[i].person_id, saves[0].person_id) == 0;
	if (n == 1 && verbs[0] == 0)
		cb_sb_addf(msg, _("Add %s for %s"), saves[0].type->name, saves[0].person_id);
	else if (n == 1 && verbs[0] == 1)
		cb_sb_addf(msg, _("Update %s for %s"), saves[0].type->name, saves[0].person_id);
	else if (n == 1)
		cb_sb_addf(msg, _("Remove %s for %s"), saves[0].type->name, saves[0].person_id);
	else if (same == n)
		cb_sb_addf(msg, _("Save %zu records for %s"), n,
			   saves[0].person_id);
	else
		cb_sb_addf(msg, _("Save %zu records"), n);
}

static int build_message(struct cb_ws *ws, const struct cb_save *saves, size_t n,
			 const char *summary, struct cb_sb *msg)
{
	struct cb_sb body = CB_SB_INIT;
	int *verbs = calloc(n ? n : 1, sizeof *verbs);
	int rc = verbs ? 0 : cb_err(CB_ENOMEM, _("out of memory"));
	for (size_t i = 0; i < n && !rc; i++) {
		struct cb_doc old;
		int exists = 0;
		if ((rc = cb_ws_read(ws, NULL, saves[i].person_id, saves[i].type, &old, &exists)))
			break;
		char *fields = saves[i].doc
			? cb_record_changed_fields(exists ? &old : NULL, saves[i].doc)
			: strdup("-");
		cb_doc_free(&old);
		if (!fields) {
			rc = cb_err(CB_ENOMEM, _("out of memory"));
			break;
		}
		verbs[i] = !saves[i].doc ? 2 : exists;
		cb_sb_addf(&body, "Record: %s/%s\n", saves[i].person_id, saves[i].type->name);
		if (*fields)
			cb_sb_addf(&body, "Fields: %s\n", fields);
		free(fields);
	}
	if (!rc) {
		if (n && cb_keys_encrypted(ws->store.repo))
			sealed_summary(saves, n, verbs, msg);
		else
			cb_sb_adds(msg, summary);
		cb_sb_adds(msg, "\n\n");
		cb_sb_adds(msg, body.buf ? body.buf : "");
		if (cb_sb_failed(msg) || cb_sb_failed(&body))
			rc = cb_err(CB_ENOMEM, _("out of memory"));
	}
	free(verbs);
	cb_sb_free(&body);
	return rc;
}

int cb_ws_save(struct cb_ws *ws, const struct cb_save *saves, size_t n,
	       const char *summary, const git_oid *base, int64_t when,
	       git_oid *out_commit, int *made)
{
	const char *name, *email;
	int rc = cb_ws_author(ws, &name, &email);
	*made = 0;
	if (rc)
		return rc;
	struct cb_write *w = calloc(n ? n : 1, sizeof *w);
	char **paths = calloc(n ? n : 1, sizeof *paths);
	char **texts = calloc(n ? n : 1, sizeof *texts);
	struct cb_sb msg = CB_SB_INIT;
	if (!w || !paths || !texts) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		paths[i] = malloc(128);
		if (!paths[i]) {
			rc = cb_err(CB_ENOMEM, _("out of memory"));
			goto out;
		}
		if ((rc = cb_record_path(paths[i], 128, saves[i].person_id, saves[i].type->name)))
			goto out;
		w[i].path = paths[i];
		if (saves[i].doc) {
			size_t len = 0;
			texts[i] = cb_record_serialise(saves[i].doc, saves[i].type, &len);
			if (!texts[i]) {
				rc = cb_err(CB_ENOMEM, _("out of memory"));
				goto out;
			}
			w[i].data = texts[i];
			w[i].len = len;
		}
	}
	if ((rc = build_message(ws, saves, n, summary, &msg)))
		goto out;
	struct cb_commit_info ci = { name, email, when, 0, msg.buf };
	if (when) {
		/* Keep the local offset so history shows local times. */
		time_t tt = (time_t)when;
		struct tm tm;
		if (localtime_r(&tt, &tm))
			ci.tz_minutes = (int)(tm.tm_gmtoff / 60);
	} else {
		time_t tt = time(NULL);
		struct tm tm;
		if (localtime_r(&tt, &tm))
			ci.tz_minutes = (int)(tm.tm_gmtoff / 60);
	}
	rc = cb_store_commit(&ws->store, w, n, &ci, base, out_commit, made);
	if (rc)
		goto out;
	/* The commit is durable; if this fails the index is merely behind
	 * and the next open catches up. */
	if (*made && cb_index_catch_up(&ws->index, &ws->store) != 0)
		snprintf(ws->warning, sizeof ws->warning,
			 _("%s (the index will be brought up to date next time)"), cb_err_msg());
out:
	for (size_t i = 0; i < n && paths && texts; i++) {
		free(paths[i]);
		free(texts[i]);
	}
	free(paths);
	free(texts);
	free(w);
	cb_sb_free(&msg);
	return rc;
}
