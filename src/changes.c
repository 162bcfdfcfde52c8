/* changes.c - records that differ between two commits; see changes.h. */
#include "changes.h"
#include "err.h"
#include "i18n.h"
#include "store.h"

#include <string.h>

static int tree_of(git_repository *repo, const git_oid *commit, git_tree **out)
{
	git_commit *c = NULL;
	*out = NULL;
	if (!commit)
		return 0;
	int rc = 0;
	if (git_commit_lookup(&c, repo, commit) < 0 || git_commit_tree(out, c) < 0)
		rc = cb_err_git(CB_ERROR, _("cannot read a commit"));
	git_commit_free(c);
	return rc;
}

int cb_changes(git_repository *repo, const git_oid *from, const git_oid *to,
	       const char *person, const char *record, cb_change_fn fn, void *ctx)
{
	git_tree *a = NULL, *b = NULL;
	git_diff *diff = NULL;
	char spec[128] = "people/";
	int rc;
	if (person && (rc = cb_record_path(spec, sizeof spec, person, record)))
		return rc;
	if ((rc = tree_of(repo, from, &a)) || (rc = tree_of(repo, to, &b)))
		goto out;
	git_diff_options o = GIT_DIFF_OPTIONS_INIT;
	char *specs[1] = { spec };
	o.pathspec.strings = specs;
	o.pathspec.count = 1;
	if (person && record) {
		/* One file: an exact path, never read as a pattern. */
		o.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	} else if (person) {
		/* A folder: the slash keeps "...4T" from matching "...4TX". Ids
		 * hold no pattern characters. */
		size_t n = strlen(spec);
		if (n + 1 < sizeof spec) {
			spec[n] = '/';
			spec[n + 1] = '\0';
		}
	}
	if (git_diff_tree_to_tree(&diff, repo, a, b, &o) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot compare the two versions"));
		goto out;
	}
	size_t n = git_diff_num_deltas(diff);
	for (size_t i = 0; i < n && !rc; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		struct cb_change ch;
		memset(&ch, 0, sizeof ch);
		ch.path = d->new_file.path ? d->new_file.path : d->old_file.path;
		if (cb_record_path_parse(ch.path, ch.person, ch.record) != 0)
			continue;
		if (d->status != GIT_DELTA_ADDED && !git_oid_is_zero(&d->old_file.id)) {
			ch.has_old = 1;
			git_oid_cpy(&ch.old_blob, &d->old_file.id);
		}
		if (d->status != GIT_DELTA_DELETED && !git_oid_is_zero(&d->new_file.id)) {
			ch.has_new = 1;
			git_oid_cpy(&ch.new_blob, &d->new_file.id);
		}
		rc = fn(&ch, ctx);
	}
out:
	git_diff_free(diff);
	git_tree_free(a);
	git_tree_free(b);
	return rc;
}
