/* store.c - the git store; see store.h. */
#include "store.h"
#include "git_lib.h"
#include "blob.h"
#include "keys.h"
#include "commit_sign.h"
#include "err.h"
#include "i18n.h"
#include "id.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int fsync_on = 1;
static int lib_ready;

static void lib_init(void)
{
	if (lib_ready)
		return;
	cb_git_lib_init();
	/* A save is only durable if its objects and ref reach the disk. */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, fsync_on);
	lib_ready = 1;
}

void cb_store_set_fsync(int on)
{
	fsync_on = on;
	if (lib_ready)
		git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, on);
}

int cb_store_init(const char *gitdir)
{
	lib_init();
	git_repository *repo = NULL;
	git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH |
		     GIT_REPOSITORY_INIT_NO_REINIT;
	opts.mode = GIT_REPOSITORY_INIT_SHARED_UMASK;
	opts.initial_head = "main";
	if (git_repository_init_ext(&repo, gitdir, &opts) < 0)
		return cb_err_git(CB_ERROR, _("cannot create the repository"));
	git_repository_free(repo);
	if (chmod(gitdir, 0700) < 0)
		return cb_err(CB_ERROR, _("cannot make %s private: %s"), gitdir,
			      strerror(errno));
	return 0;
}

int cb_store_open(struct cb_store *s, const char *gitdir)
{
	lib_init();
	memset(s, 0, sizeof *s);
	if (git_repository_open_ext(&s->repo, gitdir, GIT_REPOSITORY_OPEN_NO_SEARCH |
				    GIT_REPOSITORY_OPEN_BARE, NULL) < 0)
		return cb_err_git(CB_ENOTFOUND, _("cannot open the repository"));
	return cb_keys_attach(s->repo);
}

void cb_store_close(struct cb_store *s)
{
	if (s->repo)
		cb_keys_detach(s->repo);
	git_repository_free(s->repo);
	s->repo = NULL;
}

int cb_store_head(struct cb_store *s, git_oid *out)
{
	int rc = git_reference_name_to_id(out, s->repo, CB_BRANCH);
	if (rc == GIT_ENOTFOUND)
		return CB_ENOTFOUND;
	if (rc < 0)
		return cb_err_git(CB_ERROR, _("cannot read the branch"));
	return 0;
}

int cb_record_path(char *out, size_t outsz, const char *person_id,
		   const char *record)
{
	/* Checked here, at the one place ids become paths: nothing that is not
	 * exactly an id can reach the tree. */
	if (!cb_person_id_valid(person_id))
		return cb_err(CB_EINVALID, _("\"%s\" is not a person id"), person_id);
	/* The record name is one path component: no "..", no slash. */
	if (record && (!record[0] || record[0] == '.' || strchr(record, '/')))
		return cb_err(CB_EINVALID, _("\"%s\" is not a record name"), record);
	int n = record ? snprintf(out, outsz, "people/%c/%c/%s/%s", person_id[0],
				  person_id[1], person_id, record)
		       : snprintf(out, outsz, "people/%c/%c/%s", person_id[0],
				  person_id[1], person_id);
	if (n < 0 || (size_t)n >= outsz)
		return cb_err(CB_EINVALID, _("path too long"));
	return 0;
}

int cb_record_path_parse(const char *path, char id[11], char record[64])
{
	if (strncmp(path, "people/", 7) != 0)
		return CB_ENOTFOUND;
	const char *p = path + 7;
	if (!p[0] || p[1] != '/' || !p[2] || p[3] != '/')
		return CB_ENOTFOUND;
	const char *idp = p + 4;
	const char *slash = strchr(idp, '/');
	if (!slash || slash - idp != CB_ID_LEN)
		return CB_ENOTFOUND;
	memcpy(id, idp, CB_ID_LEN);
	id[CB_ID_LEN] = '\0';
	if (!cb_person_id_valid(id) || id[0] != p[0] || id[1] != p[2])
		return CB_ENOTFOUND;
	const char *rec = slash + 1;
	size_t rl = strlen(rec);
	if (rl == 0 || rl >= 64 || strchr(rec, '/'))
		return CB_ENOTFOUND;
	memcpy(record, rec, rl + 1);
	return 0;
}

/* A save holds the branch's lock file for milliseconds. One left behind
 * by a process that was killed mid-save would block every later save, so
 * a lock older than this is taken to be stale and removed. */
#define STALE_LOCK_SECONDS 10

static int clear_stale_lock(struct cb_store *s)
{
	char path[4096];
	struct stat sb;
	snprintf(path, sizeof path, "%s%s.lock", git_repository_path(s->repo), CB_BRANCH);
	if (stat(path, &sb) != 0 || time(NULL) - sb.st_mtime < STALE_LOCK_SECONDS)
		return 0;
	return unlink(path) == 0;
}

static int tip_commit(struct cb_store *s, git_oid *tip, git_commit **c)
{
	int rc = cb_store_head(s, tip);
	if (rc)
		return rc;
	if (git_commit_lookup(c, s->repo, tip) < 0)
		return cb_err_git(CB_ERROR, _("cannot read the last commit"));
	return 0;
}

int cb_store_commit(struct cb_store *s, const struct cb_write *w, size_t n,
		    const struct cb_commit_info *ci, const git_oid *expected_parent,
		    git_oid *out_commit, int *made)
{
	int rc = 0;
	git_oid tip, tree_oid, commit_oid;
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_signature *sig = NULL;
	git_reference *ref = NULL;
	git_tree_update *upd = NULL;
	size_t nupd = 0;

	*made = 0;
	if (s->read_only)
		return cb_err(CB_EREADONLY, _("this workspace is read-only"));
	rc = tip_commit(s, &tip, &parent);
	if (rc && rc != CB_ENOTFOUND)
		return rc;
	int have_tip = rc == 0;
	rc = 0;
	if (expected_parent) {
		int want_none = git_oid_is_zero(expected_parent);
		if (want_none ? have_tip : (!have_tip || !git_oid_equal(&tip, expected_parent))) {
			rc = cb_err(CB_ECONFLICT, _("the record changed while you were saving; try again"));
			goto out;
		}
	}
	if (have_tip && git_commit_tree(&base, parent) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot read the last tree"));
		goto out;
	}
	upd = calloc(n ? n : 1, sizeof *upd);
	if (!upd) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (!w[i].data) {
			git_tree_entry *e = NULL;
			/* Removing what is not there is not a change. */
			if (!base || git_tree_entry_bypath(&e, base, w[i].path) < 0)
				continue;
			git_tree_entry_free(e);
			upd[nupd].action = GIT_TREE_UPDATE_REMOVE;
		} else {
			if ((rc = cb_blob_write(s->repo, w[i].path, w[i].data, w[i].len,
						&upd[nupd].id)))
				goto out;
			upd[nupd].action = GIT_TREE_UPDATE_UPSERT;
			upd[nupd].filemode = GIT_FILEMODE_BLOB;
		}
		upd[nupd].path = w[i].path;
		nupd++;
	}
	if (base) {
		if (git_tree_create_updated(&tree_oid, s->repo, base, nupd, upd) < 0) {
			rc = cb_err_git(CB_ERROR, _("cannot build the new tree"));
			goto out;
		}
		if (git_oid_equal(&tree_oid, git_tree_id(base)))
			goto out; /* nothing changed: no commit */
	} else {
		if (nupd == 0)
			goto out;
		git_treebuilder *tb = NULL;
		git_oid empty;
		if (git_treebuilder_new(&tb, s->repo, NULL) < 0 ||
		    git_treebuilder_write(&empty, tb) < 0) {
			git_treebuilder_free(tb);
			rc = cb_err_git(CB_ERROR, _("cannot build the new tree"));
			goto out;
		}
		git_treebuilder_free(tb);
		if (git_tree_lookup(&base, s->repo, &empty) < 0 ||
		    git_tree_create_updated(&tree_oid, s->repo, base, nupd, upd) < 0) {
			rc = cb_err_git(CB_ERROR, _("cannot build the new tree"));
			goto out;
		}
	}
	if (git_tree_lookup(&tree, s->repo, &tree_oid) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot read the new tree"));
		goto out;
	}
	int64_t when = ci->when;
	if (when == 0)
		when = (int64_t)time(NULL);
	if (git_signature_new(&sig, ci->author_name, ci->author_email,
			      (git_time_t)when, ci->tz_minutes) < 0) {
		rc = cb_err_git(CB_EINVALID, _("invalid author"));
		goto out;
	}
	const git_commit *parents[1] = { parent };
	if ((rc = cb_commit_create(&commit_oid, s->repo, sig, sig, ci->message, tree,
				   have_tip ? 1 : 0, parents)))
		goto out;
	/* Publish: compare-and-swap on the branch, so a concurrent save is
	 * never overwritten. */
	int grc;
	for (int attempt = 0;; attempt++) {
		grc = have_tip
			? git_reference_create_matching(&ref, s->repo, CB_BRANCH, &commit_oid,
							1, &tip, "casebook: save")
			: git_reference_create(&ref, s->repo, CB_BRANCH, &commit_oid, 0,
					       "casebook: first save");
		if (grc != GIT_ELOCKED || attempt > 0 || !clear_stale_lock(s))
			break;
	}
	if (grc == GIT_EMODIFIED || grc == GIT_EEXISTS || grc == GIT_ELOCKED) {
		rc = cb_err(CB_ECONFLICT, _("the record changed while you were saving; try again"));
		goto out;
	}
	if (grc < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot move the branch"));
		goto out;
	}
	*made = 1;
	if (out_commit)
		git_oid_cpy(out_commit, &commit_oid);
out:
	git_reference_free(ref);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	free(upd);
	return rc;
}

int cb_store_read(struct cb_store *s, const git_oid *commit, const char *path,
		  char **buf, size_t *len)
{
	int rc = 0;
	git_oid tip;
	git_commit *c = NULL;
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	*buf = NULL;
	if (len)
		*len = 0;
	if (!commit) {
		if ((rc = cb_store_head(s, &tip)))
			return rc;
		commit = &tip;
	}
	if (git_commit_lookup(&c, s->repo, commit) < 0 || git_commit_tree(&t, c) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot read the commit"));
		goto out;
	}
	if (git_tree_entry_bypath(&e, t, path) < 0 ||
	    git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		rc = cb_err(CB_ENOTFOUND, _("%s: not found"), path);
		goto out;
	}
	rc = cb_blob_read(s->repo, git_tree_entry_id(e), buf, len);
out:
	git_tree_entry_free(e);
	git_tree_free(t);
	git_commit_free(c);
	return rc;
}

/* git_remote_push returns success even when the server refuses a ref: the
 * refusal arrives only here, so every ref's status is checked. */
static int push_ref_status(const char *refname, const char *status, void *data)
{
	if (status) {
		cb_err(CB_ECONFLICT, _("the remote refused %s: %s"), refname, status);
		*(int *)data = CB_ECONFLICT;
	}
	return 0;
}

int cb_store_push(struct cb_store *s, const char *remote_name)
{
	git_remote *r = NULL;
	int refused = 0;
	if (git_remote_lookup(&r, s->repo, remote_name) < 0)
		return cb_err_git(CB_ENOTFOUND, _("no remote"));
	git_push_options po = GIT_PUSH_OPTIONS_INIT;
	po.callbacks.push_update_reference = push_ref_status;
	po.callbacks.payload = &refused;
	/* An encrypted workspace's key store goes first: the records are no
	 * use to the remote's other clones without it. */
	char *spec[2] = { CB_KEYS_REF ":" CB_KEYS_REF, CB_BRANCH ":" CB_BRANCH };
	git_oid keys;
	int have_keys = git_reference_name_to_id(&keys, s->repo, CB_KEYS_REF) == 0;
	git_strarray specs = { have_keys ? spec : spec + 1, have_keys ? 2 : 1 };
	int rc = 0;
	if (git_remote_push(r, &specs, &po) < 0)
		rc = cb_err_git(CB_ERROR, _("push failed"));
	else if (refused)
		rc = refused;
	git_remote_free(r);
	return rc;
}
