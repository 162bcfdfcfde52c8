/* sync_status.c - what the status line says about sync: saves not yet on
 * the remote, the last successful sync, records that need resolving. */
#include "sync.h"
#include "blob.h"
#include "err.h"
#include "i18n.h"
#include "sync_state.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Beyond this many unpushed commits the exact number does not matter. */
#define UNPUSHED_MAX 100000

/* Open conflicts are marked in a record by a "Conflict" field in the
 * stanza that holds them (casebook-record(5), MERGE CONFLICTS; the same
 * name as CB_CONFLICT_FIELD in src/merge.h). A field starts a line, and a
 * continuation line starts with a space, so a line-start match is exact.
 * A text the merge could not parse is kept beside the record as
 * "<path>.conflict-<blob id>"; that needs resolving too. */
static int needs_resolving(git_repository *repo, const char *path, const git_oid *blob_id)
{
	const char *c = strstr(path, ".conflict-");
	if (c && !strchr(c, '/'))
		return 1;
	char *p = NULL;
	size_t n = 0;
	if (cb_blob_read(repo, blob_id, &p, &n)) {
		cb_err_clear();
		return 0;
	}
	int found = 0;
	for (size_t i = 0; i < n && !found;) {
		if (n - i >= 9 && strncasecmp(p + i, "Conflict:", 9) == 0)
			found = 1;
		const char *nl = memchr(p + i, '\n', n - i);
		i = nl ? (size_t)(nl - p) + 1 : n;
	}
	free(p);
	return found;
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_remove(struct cb_sync_state *s, const char *path)
{
	for (size_t i = 0; i < s->nconflicts; i++)
		if (strcmp(s->conflicts[i], path) == 0) {
			free(s->conflicts[i]);
			memmove(&s->conflicts[i], &s->conflicts[i + 1],
				(s->nconflicts - i - 1) * sizeof *s->conflicts);
			s->nconflicts--;
			return;
		}
}

static void list_add(struct cb_sync_state *s, const char *path)
{
	for (size_t i = 0; i < s->nconflicts; i++)
		if (strcmp(s->conflicts[i], path) == 0)
			return;
	char **v = realloc(s->conflicts, (s->nconflicts + 1) * sizeof *v);
	if (!v)
		return;
	s->conflicts = v;
	if ((v[s->nconflicts] = strdup(path)))
		s->nconflicts++;
}

struct scan {
	git_repository *repo;
	struct cb_sync_state *s;
};

static int on_delta(const git_diff_delta *d, float progress, void *payload)
{
	struct scan *sc = payload;
	(void)progress;
	if (d->old_file.path && d->status != GIT_DELTA_ADDED)
		list_remove(sc->s, d->old_file.path);
	if (d->status != GIT_DELTA_DELETED && d->new_file.path &&
	    needs_resolving(sc->repo, d->new_file.path, &d->new_file.id))
		list_add(sc->s, d->new_file.path);
	return 0;
}

static int tree_of(git_repository *repo, const char *hex, git_tree **out)
{
	git_oid oid;
	git_commit *c = NULL;
	*out = NULL;
	if (!hex[0] || git_oid_fromstr(&oid, hex) < 0 || git_commit_lookup(&c, repo, &oid) < 0)
		return -1;
	int rc = git_commit_tree(out, c);
	git_commit_free(c);
	return rc;
}

/* Brings the state's conflict list up to the tip, looking only at files
 * that changed since the commit it was made for (all of them the first
 * time), and saves it. */
static int refresh_conflicts(struct cb_ws *ws, struct cb_sync_state *s)
{
	git_repository *repo = ws->store.repo;
	git_oid tip;
	char hex[GIT_OID_HEXSZ + 1] = "";
	if (cb_store_head(&ws->store, &tip) == 0)
		git_oid_tostr(hex, sizeof hex, &tip);
	if (strcmp(hex, s->conflict_tip) == 0)
		return 0;
	git_tree *old = NULL, *new = NULL;
	git_diff *diff = NULL;
	int rc = 0;
	if (tree_of(repo, s->conflict_tip, &old) < 0) {
		/* Unknown or never scanned: scan everything. */
		for (size_t i = 0; i < s->nconflicts; i++)
			free(s->conflicts[i]);
		s->nconflicts = 0;
	}
	if (hex[0] && tree_of(repo, hex, &new) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot read the last commit"));
		goto out;
	}
	git_diff_options o = GIT_DIFF_OPTIONS_INIT;
	char *ps = "people/";
	o.pathspec.strings = &ps;
	o.pathspec.count = 1;
	struct scan sc = { repo, s };
	if (git_diff_tree_to_tree(&diff, repo, old, new, &o) < 0 ||
	    git_diff_foreach(diff, on_delta, NULL, NULL, NULL, &sc) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot look for conflicts"));
		goto out;
	}
	if (s->nconflicts)
		qsort(s->conflicts, s->nconflicts, sizeof *s->conflicts, path_cmp);
	memcpy(s->conflict_tip, hex, sizeof s->conflict_tip);
	/* Only a cache: if it cannot be written, the next call scans again. */
	cb_sync_state_save(ws->dir, s);
out:
	git_diff_free(diff);
	git_tree_free(old);
	git_tree_free(new);
	return rc;
}

int cb_sync_status(struct cb_ws *ws, struct cb_sync_status *st)
{
	memset(st, 0, sizeof *st);
	git_repository *repo = ws->store.repo;
	st->has_remote = cb_sync_has_remote(ws);
	git_oid head, tracked;
	int have_head = cb_store_head(&ws->store, &head) == 0;
	st->tracking = git_reference_name_to_id(&tracked, repo, CB_TRACKING) == 0;
	if (have_head) {
		git_revwalk *w = NULL;
		git_oid oid;
		if (git_revwalk_new(&w, repo) == 0 && git_revwalk_push(w, &head) == 0 &&
		    (!st->tracking || git_revwalk_hide(w, &tracked) == 0))
			while (st->unpushed < UNPUSHED_MAX && git_revwalk_next(&oid, w) == 0)
				st->unpushed++;
		git_revwalk_free(w);
	}
	struct cb_sync_state s;
	cb_sync_state_load(ws->dir, &s);
	st->last_sync = s.last_sync;
	st->last_attempt = s.last_attempt;
	if (s.last_error)
		st->last_error = strdup(s.last_error);
	int rc = refresh_conflicts(ws, &s);
	st->conflicts = s.nconflicts;
	cb_sync_state_free(&s);
	return rc;
}

void cb_sync_status_free(struct cb_sync_status *st)
{
	free(st->last_error);
	memset(st, 0, sizeof *st);
}

int cb_sync_conflicts(struct cb_ws *ws, int (*fn)(const char *path, void *payload),
		      void *payload)
{
	struct cb_sync_state s;
	cb_sync_state_load(ws->dir, &s);
	int rc = refresh_conflicts(ws, &s);
	for (size_t i = 0; !rc && i < s.nconflicts; i++)
		rc = fn(s.conflicts[i], payload);
	cb_sync_state_free(&s);
	return rc;
}
