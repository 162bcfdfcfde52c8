/* transfer.c - replaying a child's history into another repository; see
 * transfer.h. */
#include "transfer.h"
#include "commit_sign.h"
#include "err.h"
#include "i18n.h"
#include "blob.h"
#include "keys.h"
#include "schema.h"
#include "store.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Applies commit c's changes under prefix (against its first parent) to
 * dest's tree *tip_tree, committing in dest on top of *dest_tip. */
static int replay_one(git_repository *src, git_repository *dst, git_commit *c,
		      const char *prefix, git_oid *dest_tip, int *have_tip, size_t *made)
{
	git_tree *nt = NULL, *ot = NULL, *base = NULL, *tree = NULL;
	git_commit *p = NULL, *dparent = NULL;
	git_diff *diff = NULL;
	git_tree_update *upd = NULL;
	char **paths = NULL;
	size_t nupd = 0;
	int rc = 0;
	if (git_commit_tree(&nt, c) < 0 ||
	    (git_commit_parentcount(c) > 0 &&
	     (git_commit_parent(&p, c, 0) < 0 || git_commit_tree(&ot, p) < 0))) {
		rc = cb_err_git(CB_ERROR, _("cannot read a commit"));
		goto out;
	}
	git_diff_options o = GIT_DIFF_OPTIONS_INIT;
	char *spec = (char *)prefix;
	o.pathspec.strings = &spec;
	o.pathspec.count = 1;
	if (git_diff_tree_to_tree(&diff, src, ot, nt, &o) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot compare a commit with its parent"));
		goto out;
	}
	size_t nd = git_diff_num_deltas(diff);
	if (!nd)
		goto out;
	upd = calloc(nd, sizeof *upd);
	paths = calloc(nd, sizeof *paths);
	if (!upd || !paths) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
		goto out;
	}
	if (*have_tip && (git_commit_lookup(&dparent, dst, dest_tip) < 0 ||
			  git_commit_tree(&base, dparent) < 0)) {
		rc = cb_err_git(CB_ERROR, _("cannot read the other repository"));
		goto out;
	}
	for (size_t i = 0; i < nd; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		if (d->status == GIT_DELTA_DELETED) {
			git_tree_entry *e = NULL;
			if (!base || git_tree_entry_bypath(&e, base, d->old_file.path) < 0)
				continue;
			git_tree_entry_free(e);
			upd[nupd].action = GIT_TREE_UPDATE_REMOVE;
			paths[nupd] = strdup(d->old_file.path);
		} else {
			/* Through the record blob functions: in encrypted
			 * repositories the text is opened with this team's key
			 * for the child and sealed again with the other team's
			 * (the child gets a key there); plain, the same bytes. */
			char *text = NULL;
			size_t len = 0;
			rc = cb_blob_read(src, &d->new_file.id, &text, &len);
			if (!rc)
				rc = cb_blob_write(dst, d->new_file.path, text, len, &upd[nupd].id);
			free(text);
			if (rc) {
				rc = cb_err(rc, _("cannot copy a record: %s"), cb_err_msg());
				goto out;
			}
			upd[nupd].action = GIT_TREE_UPDATE_UPSERT;
			upd[nupd].filemode = GIT_FILEMODE_BLOB;
			paths[nupd] = strdup(d->new_file.path);
		}
		if (!paths[nupd]) {
			rc = cb_err(CB_ENOMEM, _("out of memory"));
			goto out;
		}
		upd[nupd].path = paths[nupd];
		nupd++;
	}
	if (!base) {
		git_treebuilder *tb = NULL;
		git_oid empty;
		int bad = git_treebuilder_new(&tb, dst, NULL) < 0 || git_treebuilder_write(&empty, tb) < 0 ||
			  git_tree_lookup(&base, dst, &empty) < 0;
		git_treebuilder_free(tb);
		if (bad) {
			rc = cb_err_git(CB_ERROR, _("cannot build a tree"));
			goto out;
		}
	}
	git_oid tree_oid, commit_oid;
	if (git_tree_create_updated(&tree_oid, dst, base, nupd, upd) < 0 ||
	    git_tree_lookup(&tree, dst, &tree_oid) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot build a tree"));
		goto out;
	}
	if (git_oid_equal(&tree_oid, git_tree_id(base)))
		goto out; /* already there (a merge of changes replayed before) */
	struct cb_sb msg = CB_SB_INIT;
	const char *m = git_commit_message(c);
	cb_sb_adds(&msg, m);
	if (msg.len && msg.buf[msg.len - 1] != '\n')
		cb_sb_addc(&msg, '\n');
	cb_sb_addf(&msg, "Transferred-From: %s\n", git_oid_tostr_s(git_commit_id(c)));
	if (cb_sb_failed(&msg)) {
		cb_sb_free(&msg);
		rc = cb_err(CB_ENOMEM, _("out of memory"));
		goto out;
	}
	const git_commit *parents[1] = { dparent };
	rc = cb_commit_create(&commit_oid, dst, git_commit_author(c), git_commit_committer(c),
			      msg.buf, tree, *have_tip ? 1 : 0, parents);
	cb_sb_free(&msg);
	if (rc)
		goto out;
	git_oid_cpy(dest_tip, &commit_oid);
	*have_tip = 1;
	(*made)++;
out:
	for (size_t i = 0; paths && i < nupd; i++)
		free(paths[i]);
	free(paths);
	free(upd);
	git_diff_free(diff);
	git_tree_free(tree);
	git_tree_free(base);
	git_tree_free(ot);
	git_tree_free(nt);
	git_commit_free(p);
	git_commit_free(dparent);
	return rc;
}

int cb_transfer(struct cb_ws *ws, const char *person, const char *dest_gitdir,
		const char *summary, size_t *replayed)
{
	*replayed = 0;
	if (cb_ws_read_only(ws))
		return cb_err(CB_EREADONLY, _("this workspace is read-only"));
	git_repository *src = ws->store.repo, *dst = NULL;
	char prefix[64];
	if (cb_record_path(prefix, sizeof prefix, person, NULL))
		return CB_EINVALID;
	size_t pl = strlen(prefix);
	if (pl && prefix[pl - 1] != '/')
		snprintf(prefix + pl, sizeof prefix - pl, "/");
	git_oid src_tip, dest_tip, start;
	memset(&dest_tip, 0, sizeof dest_tip);
	memset(&start, 0, sizeof start);
	if (cb_store_head(&ws->store, &src_tip))
		return cb_err(CB_ENOTFOUND, _("this workspace has no saves"));
	if (git_repository_open_bare(&dst, dest_gitdir) < 0)
		return cb_err_git(CB_ENOTFOUND, _("cannot open the other team's repository"));
	git_oid keys;
	int src_sealed = cb_keys_encrypted(src);
	int dst_sealed = git_reference_name_to_id(&keys, dst, CB_KEYS_REF) == 0;
	/* Plain text must not land in an encrypted team's history, nor a
	 * sealed record where no one has its key. */
	if (src_sealed != dst_sealed) {
		git_repository_free(dst);
		return cb_err(CB_EINVALID, _("one repository is encrypted and the other is not: "
					     "a child moves between two encrypted repositories or "
					     "two plain ones"));
	}
	int rc = 0;
	if (dst_sealed) {
		/* The records are sealed again with the other team's key: that
		 * team's workspace must be unlocked on this machine. */
		const unsigned char *team;
		if ((rc = cb_keys_attach(dst)) != 0 || (rc = cb_keys_team(dst, &team)) != 0) {
			rc = cb_err(rc ? rc : CB_ERROR,
				    _("cannot use the other team's key (%s): give the "
				      "repository of that team's workspace, unlocked on "
				      "this machine"), cb_err_msg());
			cb_keys_detach(dst);
			git_repository_free(dst);
			return rc;
		}
	}
	git_revwalk *w = NULL;
	int have_tip = git_reference_name_to_id(&dest_tip, dst, CB_BRANCH) == 0;
	if (have_tip) {
		git_commit *dc = NULL;
		git_tree *dt = NULL;
		git_tree_entry *e = NULL;
		int there = git_commit_lookup(&dc, dst, &dest_tip) == 0 &&
			    git_commit_tree(&dt, dc) == 0 &&
			    git_tree_entry_bypath(&e, dt, prefix) == 0;
		git_tree_entry_free(e);
		git_tree_free(dt);
		git_commit_free(dc);
		if (there) {
			rc = cb_err(CB_EINVALID, _("the other repository already has %s: nothing was "
						   "moved"), person);
			goto out;
		}
	}
	int had_dest = have_tip;
	if (had_dest)
		git_oid_cpy(&start, &dest_tip);
	if (git_revwalk_new(&w, src) < 0 ||
	    git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push(w, &src_tip) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot walk the history"));
		goto out;
	}
	git_oid oid;
	while (!rc && git_revwalk_next(&oid, w) == 0) {
		git_commit *c = NULL;
		if (git_commit_lookup(&c, src, &oid) < 0) {
			rc = cb_err_git(CB_ERROR, _("cannot read a commit"));
			break;
		}
		rc = replay_one(src, dst, c, prefix, &dest_tip, &have_tip, replayed);
		git_commit_free(c);
	}
	if (rc)
		goto out;
	if (!*replayed) {
		rc = cb_err(CB_ENOTFOUND, _("%s has no saved records here: nothing was moved"), person);
		goto out;
	}
	/* Publish in the other repository: compare-and-swap on its main. */
	git_reference *ref = NULL;
	int grc = had_dest
		? git_reference_create_matching(&ref, dst, CB_BRANCH, &dest_tip, 1, &start,
						"casebook: transfer in")
		: git_reference_create(&ref, dst, CB_BRANCH, &dest_tip, 0, "casebook: transfer in");
	git_reference_free(ref);
	if (grc < 0) {
		rc = cb_err_git(CB_ECONFLICT, _("the other repository changed meanwhile; nothing "
						"was removed here, try again"));
		goto out;
	}
	/* Then remove the child here, in one recorded save. */
	struct cb_save saves[16];
	size_t n = 0;
	for (size_t i = 0; cb_record_types[i] && n < 16; i++)
		saves[n++] = (struct cb_save){ person, cb_record_types[i], NULL };
	int made = 0;
	rc = cb_ws_save(ws, saves, n, summary, NULL, 0, NULL, &made);
out:
	git_revwalk_free(w);
	if (dst_sealed)
		cb_keys_detach(dst);
	git_repository_free(dst);
	return rc;
}
