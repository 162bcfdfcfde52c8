/* version.c - reading and comparing versions of records; see version.h. */
#include "version.h"
#include "blob.h"
#include "err.h"
#include "i18n.h"
#include "record.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

int cb_version_blob(git_repository *repo, const git_oid *commit, const char *path,
		    git_oid *blob)
{
	git_commit *c = NULL;
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	int rc = 0;
	if (git_commit_lookup(&c, repo, commit) < 0 || git_commit_tree(&t, c) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot read a commit"));
		goto out;
	}
	if (git_tree_entry_bypath(&e, t, path) < 0 || git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		rc = CB_ENOTFOUND;
		goto out;
	}
	git_oid_cpy(blob, git_tree_entry_id(e));
out:
	git_tree_entry_free(e);
	git_tree_free(t);
	git_commit_free(c);
	return rc;
}

int cb_version_parse(git_repository *repo, const git_oid *blob,
		     const struct cb_record_type *t, struct cb_doc *out,
		     struct cb_parse_error *err)
{
	char *text = NULL;
	size_t len = 0;
	memset(out, 0, sizeof *out);
	struct cb_parse_error local;
	if (cb_blob_read(repo, blob, &text, &len)) {
		int rc = cb_err(CB_ERROR, _("cannot read a version of a record: %s"), cb_err_msg());
		if (err) {
			err->line = 0;
			snprintf(err->msg, sizeof err->msg, "%s", cb_err_msg());
		}
		return rc;
	}
	int rc = cb_record_parse(out, text, len, t->name, NULL, err ? err : &local);
	free(text);
	if (rc)
		return cb_err(CB_EINVALID, "%s", (err ? err : &local)->msg);
	return 0;
}

int cb_version_diff(git_repository *repo, const struct cb_record_type *t,
		    const git_oid *old_blob, const git_oid *new_blob,
		    struct cb_recdiff *out)
{
	struct cb_doc a = { 0 }, b = { 0 };
	struct cb_parse_error perr;
	memset(out, 0, sizeof *out);
	if (old_blob && cb_version_parse(repo, old_blob, t, &a, &perr))
		return cb_err(CB_EINVALID, _("the earlier version does not parse: %s"), perr.msg);
	if (new_blob && cb_version_parse(repo, new_blob, t, &b, &perr)) {
		cb_doc_free(&a);
		return cb_err(CB_EINVALID, _("the later version does not parse: %s"), perr.msg);
	}
	int rc = cb_recdiff(old_blob ? &a : NULL, new_blob ? &b : NULL, t, out);
	cb_doc_free(&a);
	cb_doc_free(&b);
	return rc;
}

int cb_version_diff_at(git_repository *repo, const struct cb_record_type *t,
		       const char *person, const git_oid *commit, struct cb_recdiff *out)
{
	char path[128];
	git_commit *c = NULL;
	git_oid before, after;
	int rc = cb_record_path(path, sizeof path, person, t->name);
	if (rc)
		return rc;
	if (git_commit_lookup(&c, repo, commit) < 0)
		return cb_err_git(CB_ENOTFOUND, _("cannot read a commit"));
	int has_before = git_commit_parentcount(c) > 0 &&
			 cb_version_blob(repo, git_commit_parent_id(c, 0), path, &before) == 0;
	git_commit_free(c);
	rc = cb_version_blob(repo, commit, path, &after);
	if (rc && rc != CB_ENOTFOUND)
		return rc;
	return cb_version_diff(repo, t, has_before ? &before : NULL, rc == 0 ? &after : NULL, out);
}
