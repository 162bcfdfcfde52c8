/* sync.c - fetch, merge, push: the order of a sync and what it may change
 * locally; see sync.h. The network steps are in sync_net.c. */
#include "sync.h"
#include "access.h"
#include "commit_sign.h"
#include "err.h"
#include "i18n.h"
#include "sync_net.h"
#include "sync_state.h"
#include "sync_keys.h"
#include "keys.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Fetch, merge, push; again if the remote moved in between. Three rounds
 * lose only to a remote busier than a team of practitioners makes it. */
#define MAX_ROUNDS 3
/* Saves landing while a merge is being made: merge again, a few times. */
#define MAX_MERGES 5
#define CASEBOOK_REFS "refs/casebook/"
#define TRACKING_CASEBOOK "refs/remotes/origin/casebook/"

static unsigned env_uint(const char *name, unsigned dflt)
{
	const char *v = getenv(name);
	char *end;
	if (!v || !*v)
		return dflt;
	unsigned long n = strtoul(v, &end, 10);
	return *end || n == 0 || n > 86400 ? dflt : (unsigned)n;
}

void cb_sync_opts_resolve(struct cb_sync_opts *o)
{
	if (!o->timeout)
		o->timeout = env_uint("CASEBOOK_SYNC_TIMEOUT", 30);
	if (!o->attempts)
		o->attempts = env_uint("CASEBOOK_SYNC_ATTEMPTS", 3);
	if (!o->total)
		o->total = o->timeout * 4 < 60 ? 60 : o->timeout * 4;
}

static int progress(const struct cb_sync_opts *o, enum cb_sync_phase phase)
{
	struct cb_sync_progress p = { .phase = phase, .attempt = 1 };
	return o->progress ? o->progress(&p, o->payload) : 0;
}

/* ---- one sync at a time ---- */

/* A TUI's background sync and a `casebook sync` in a terminal must not
 * fetch and merge at once. flock goes with the process, so a killed sync
 * never leaves the workspace locked. */
static int lock_ws(struct cb_ws *ws, int *fd)
{
	size_t n = strlen(ws->dir) + 16;
	char *path = malloc(n);
	if (!path)
		return cb_err(CB_ENOMEM, _("out of memory"));
	snprintf(path, n, "%s/sync.lock", ws->dir);
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(path);
	if (*fd < 0)
		return cb_err(CB_ERROR, _("cannot lock the workspace for sync: %s"), strerror(errno));
	if (flock(*fd, LOCK_EX | LOCK_NB) < 0) {
		close(*fd);
		*fd = -1;
		return cb_err(CB_ECONFLICT, _("another sync of this workspace is running"));
	}
	return 0;
}

/* ---- moving local refs ---- */

static int is_ancestor(git_repository *repo, const git_oid *a, const git_oid *b)
{
	/* a == b counts: nothing to do either way. */
	return git_oid_equal(a, b) || git_graph_descendant_of(repo, b, a) == 1;
}

/* Compare-and-swap: moves name from old (NULL: must not exist) to new.
 * GIT_EMODIFIED / GIT_EEXISTS when it moved meanwhile. */
static int move_ref(git_repository *repo, const char *name, const git_oid *new,
		    const git_oid *old, const char *why)
{
	git_reference *ref = NULL;
	int grc = old ? git_reference_create_matching(&ref, repo, name, new, 1, old, why)
		      : git_reference_create(&ref, repo, name, new, 0, why);
	git_reference_free(ref);
	return grc;
}

static size_t count_between(git_repository *repo, const git_oid *tip, const git_oid *hide)
{
	git_revwalk *w = NULL;
	size_t n = 0;
	git_oid oid;
	if (git_revwalk_new(&w, repo) < 0 || git_revwalk_push(w, tip) < 0 ||
	    (hide && git_revwalk_hide(w, hide) < 0)) {
		git_revwalk_free(w);
		return 0;
	}
	while (git_revwalk_next(&oid, w) == 0)
		n++;
	git_revwalk_free(w);
	return n;
}

static int merge_commit(struct cb_ws *ws, const git_oid *tree_oid, const git_oid *ours,
			const git_oid *theirs, size_t nconflicts, git_oid *out)
{
	const char *name, *email;
	int rc = cb_ws_author(ws, &name, &email);
	if (rc)
		return rc;
	git_repository *repo = ws->store.repo;
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	git_commit *p[2] = { NULL, NULL };
	char msg[128];
	if (nconflicts)
		snprintf(msg, sizeof msg, "Merge from origin\n\nConflicts: %zu\n", nconflicts);
	else
		snprintf(msg, sizeof msg, "Merge from origin\n");
	if (git_signature_now(&sig, name, email) < 0 ||
	    git_tree_lookup(&tree, repo, tree_oid) < 0 ||
	    git_commit_lookup(&p[0], repo, ours) < 0 ||
	    git_commit_lookup(&p[1], repo, theirs) < 0)
		rc = cb_err_git(CB_ERROR, _("cannot make the merge commit"));
	else
		rc = cb_commit_create(out, repo, sig, sig, msg, tree, 2, (const git_commit **)p);
	git_commit_free(p[0]);
	git_commit_free(p[1]);
	git_tree_free(tree);
	git_signature_free(sig);
	return rc;
}

/* Brings main up to date with origin/main: nothing, a fast-forward, or a
 * merge commit. Every move of main is a compare-and-swap against the tip
 * read at the start, so a save made meanwhile is never overwritten: we
 * just merge again. */
static int integrate(struct cb_ws *ws, const struct cb_sync_opts *o,
		     struct cb_sync_result *res)
{
	git_repository *repo = ws->store.repo;
	for (int tries = 0; tries < MAX_MERGES; tries++) {
		git_oid local, theirs, tree, commit;
		int have_local = cb_store_head(&ws->store, &local) == 0;
		if (git_reference_name_to_id(&theirs, repo, CB_TRACKING) != 0)
			return 0; /* the remote has no main yet */
		if (have_local && is_ancestor(repo, &theirs, &local))
			return 0;
		int grc;
		if (!have_local || is_ancestor(repo, &local, &theirs)) {
			grc = move_ref(repo, CB_BRANCH, &theirs, have_local ? &local : NULL,
				       "sync: fast-forward");
			if (grc == GIT_EMODIFIED || grc == GIT_EEXISTS)
				continue;
			if (grc < 0)
				return cb_err_git(CB_ERROR, _("cannot move main"));
			res->fast_forward = 1;
			return 0;
		}
		if (!o->merge)
			return cb_err(CB_ERROR, _("your saves and the remote's have both moved "
						  "on, and this casebook cannot merge them"));
		if (progress(o, CB_SYNC_MERGING))
			return cb_err(CB_ERROR, _("sync cancelled; nothing was lost"));
		size_t nconf = 0;
		int rc = o->merge(repo, &local, &theirs, &tree, &nconf);
		if (rc) {
			/* The merge's own message, copied: cb_err writes the
			 * buffer cb_err_msg reads. */
			char why[512];
			snprintf(why, sizeof why, "%s", cb_err_msg());
			return cb_err(rc, _("cannot merge with the remote: %s; nothing was "
					    "lost"), why);
		}
		if ((rc = merge_commit(ws, &tree, &local, &theirs, nconf, &commit)))
			return rc;
		grc = move_ref(repo, CB_BRANCH, &commit, &local, "sync: merge");
		if (grc == GIT_EMODIFIED)
			continue;
		if (grc < 0)
			return cb_err_git(CB_ERROR, _("cannot move main"));
		res->merged++;
		res->conflicts += nconf;
		return 0;
	}
	return cb_err(CB_ECONFLICT, _("main kept changing during the merge; nothing "
				      "was lost, try again"));
}

/* ---- the refs under refs/casebook/ ---- */

/* Refs other than main (per-reviewer marks and the like) are never
 * merged: each is taken from the remote when ours is behind, pushed when
 * ours is ahead, and left alone (and counted) when both moved. */
struct cbref_walk {
	git_repository *repo;
	struct cb_sync_result *res;
	char **specs;
	size_t nspecs, cap;
	git_oid *oids; /* what each spec pushes */
};

static int take_remote(const char *name, void *payload)
{
	struct cbref_walk *w = payload;
	git_oid theirs, ours;
	char local[1024];
	if (git_reference_name_to_id(&theirs, w->repo, name) != 0)
		return 0;
	snprintf(local, sizeof local, CASEBOOK_REFS "%s", name + strlen(TRACKING_CASEBOOK));
	if (!git_reference_is_valid_name(local) || strcmp(local, CB_KEYS_REF) == 0)
		return 0; /* the key store is merged, not moved (sync_keys.c) */
	if (git_reference_name_to_id(&ours, w->repo, local) != 0)
		move_ref(w->repo, local, &theirs, NULL, "sync: from origin");
	else if (!git_oid_equal(&ours, &theirs) && is_ancestor(w->repo, &ours, &theirs))
		move_ref(w->repo, local, &theirs, &ours, "sync: from origin");
	return 0;
}

static int add_spec(struct cbref_walk *w, const char *name, const git_oid *oid)
{
	if (w->nspecs == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 8;
		char **s = realloc(w->specs, cap * sizeof *s);
		git_oid *o = s ? realloc(w->oids, cap * sizeof *o) : NULL;
		if (s)
			w->specs = s;
		if (!o)
			return cb_err(CB_ENOMEM, _("out of memory"));
		w->oids = o;
		w->cap = cap;
	}
	size_t n = strlen(name) * 2 + 2;
	char *spec = malloc(n);
	if (!spec)
		return cb_err(CB_ENOMEM, _("out of memory"));
	snprintf(spec, n, "%s:%s", name, name);
	w->specs[w->nspecs] = spec;
	git_oid_cpy(&w->oids[w->nspecs], oid);
	w->nspecs++;
	return 0;
}

static int push_ours(const char *name, void *payload)
{
	struct cbref_walk *w = payload;
	git_oid ours, theirs;
	char tracking[1024];
	if (strcmp(name, CB_KEYS_REF) == 0 || git_reference_name_to_id(&ours, w->repo, name) != 0)
		return 0;
	snprintf(tracking, sizeof tracking, TRACKING_CASEBOOK "%s", name + strlen(CASEBOOK_REFS));
	if (git_reference_name_to_id(&theirs, w->repo, tracking) != 0)
		return add_spec(w, name, &ours);
	if (git_oid_equal(&ours, &theirs) || is_ancestor(w->repo, &ours, &theirs))
		return 0;
	if (is_ancestor(w->repo, &theirs, &ours))
		return add_spec(w, name, &ours);
	w->res->diverged++;
	return 0;
}

static void walk_free(struct cbref_walk *w)
{
	for (size_t i = 0; i < w->nspecs; i++)
		free(w->specs[i]);
	free(w->specs);
	free(w->oids);
	memset(w, 0, sizeof *w);
}

/* The tracking ref a pushed ref corresponds to. */
static void tracking_name(char *out, size_t sz, const char *ref)
{
	if (strcmp(ref, CB_BRANCH) == 0)
		snprintf(out, sz, "%s", CB_TRACKING);
	else
		snprintf(out, sz, TRACKING_CASEBOOK "%s", ref + strlen(CASEBOOK_REFS));
}

/* ---- the sync ---- */

static void record_outcome(struct cb_ws *ws, int rc)
{
	struct cb_sync_state s;
	cb_sync_state_load(ws->dir, &s);
	s.last_attempt = (int64_t)time(NULL);
	if (rc == 0) {
		s.last_sync = s.last_attempt;
		cb_sync_state_set_error(&s, NULL);
	} else {
		cb_sync_state_set_error(&s, cb_err_msg());
	}
	/* Keep the sync's own message: a failure to write the state is not
	 * worth more than what the user needs to hear. */
	char *keep = strdup(cb_err_msg());
	cb_sync_state_save(ws->dir, &s);
	if (keep) {
		cb_err(rc ? rc : CB_OK, "%s", keep);
		free(keep);
	}
	cb_sync_state_free(&s);
}

static int catch_up_index(struct cb_ws *ws, const struct cb_sync_opts *o)
{
	progress(o, CB_SYNC_INDEXING);
	/* The commits are safe in git whatever happens here; an index left
	 * behind is brought up to date when the workspace is next opened. */
	char *keep = strdup(cb_err_msg());
	cb_index_catch_up(&ws->index, &ws->store);
	if (keep) {
		cb_err(CB_OK, "%s", keep);
		free(keep);
	}
	return 0;
}

static int do_push(struct cb_ws *ws, const struct cb_sync_opts *o, double deadline,
		   struct cb_sync_result *res, int *again)
{
	git_repository *repo = ws->store.repo;
	struct cbref_walk w = { .repo = repo, .res = res };
	git_oid main_oid, tracked;
	int rc = 0;
	*again = 0;
	/* The key store first: records sealed with a new child's key are no
	 * use to the others without it. */
	if ((rc = cb_sync_keys_push(ws, o, deadline, &res->failure, again)) || *again)
		goto out;
	int have_main = cb_store_head(&ws->store, &main_oid) == 0;
	int have_tracked = git_reference_name_to_id(&tracked, repo, CB_TRACKING) == 0;
	if (have_main && !(have_tracked && git_oid_equal(&main_oid, &tracked)) &&
	    (rc = add_spec(&w, CB_BRANCH, &main_oid)))
		goto out;
	res->diverged = 0;
	if (git_reference_foreach_glob(repo, CASEBOOK_REFS "*", push_ours, &w) < 0 &&
	    !w.nspecs) {
		rc = cb_err_git(CB_ERROR, _("cannot list the refs to push"));
		goto out;
	}
	if (!w.nspecs)
		goto out;
	size_t ahead = have_main ? count_between(repo, &main_oid, have_tracked ? &tracked : NULL) : 0;
	struct cb_net_job job = { CB_NET_PUSH, git_repository_path(repo), CB_REMOTE,
				  w.specs, w.nspecs, o->interactive };
	struct cb_net_outcome out = { 0 };
	rc = cb_net_run(&job, o, CB_SYNC_PUSHING, deadline, &out);
	if (rc) {
		res->failure = out.failure;
		cb_net_outcome_free(&out);
		goto out;
	}
	if (out.nonff) {
		/* libgit2 saw that the remote has commits we do not: fetch. */
		*again = 1;
		cb_net_outcome_free(&out);
		goto out;
	}
	const char *main_refusal = NULL;
	for (size_t i = 0; i < w.nspecs; i++) {
		const char *ref = w.specs[i] + strlen(w.specs[i]) / 2 + 1;
		const char *refused = NULL;
		for (size_t j = 0; j < out.nrejected; j++)
			if (strcmp(out.rejected[j].ref, ref) == 0)
				refused = out.rejected[j].status;
		char tn[1100];
		tracking_name(tn, sizeof tn, ref);
		if (!refused) {
			/* The remote has it now; libgit2 may not have moved our
			 * tracking ref (it does only for the fetch refspecs). */
			git_reference *r = NULL;
			git_reference_create(&r, repo, tn, &w.oids[i], 1, "sync: pushed");
			git_reference_free(r);
			if (strcmp(ref, CB_BRANCH) == 0)
				res->pushed += ahead;
		} else if (strcmp(ref, CB_BRANCH) == 0) {
			main_refusal = refused;
		} else {
			res->diverged++;
		}
	}
	if (main_refusal) {
		/* Most often the remote moved between our fetch and push (its
		 * "fetch first" or a failed lock); a remote that refuses for
		 * good gives the same answer on every round. */
		*again = 1;
		if (out.remote_said[0])
			rc = cb_err(CB_ERROR, _("the remote refused the push of main: %s "
						"(the remote said: %s)"), main_refusal, out.remote_said);
		else
			rc = cb_err(CB_ERROR, _("the remote refused the push of main: %s"),
				    main_refusal);
		res->failure = CB_SYNC_REFUSED;
	}
	cb_net_outcome_free(&out);
out:
	walk_free(&w);
	return rc;
}

static int fetch(struct cb_ws *ws, const struct cb_sync_opts *o, double deadline,
		 struct cb_sync_result *res)
{
	static char spec_main[] = "+" CB_BRANCH ":" CB_TRACKING;
	static char spec_refs[] = "+" CASEBOOK_REFS "*:" TRACKING_CASEBOOK "*";
	char *specs[] = { spec_main, spec_refs };
	git_repository *repo = ws->store.repo;
	struct cb_net_job job = { CB_NET_FETCH, git_repository_path(repo), CB_REMOTE,
				  specs, 2, o->interactive };
	struct cb_net_outcome out = { 0 };
	int rc = cb_net_run(&job, o, CB_SYNC_FETCHING, deadline, &out);
	res->failure = out.failure;
	cb_net_outcome_free(&out);
	return rc;
}

int cb_sync_has_remote(struct cb_ws *ws)
{
	/* Read from the config, not with git_remote_lookup: libgit2 1.5.1
	 * leaks a regular expression's match data on every lookup, which a
	 * long-running front end would feel (and the leak checker reports). */
	char *url = NULL;
	int ok = cb_ws_config_get(ws, "remote." CB_REMOTE ".url", &url) == 0 && *url;
	free(url);
	return ok;
}

int cb_sync(struct cb_ws *ws, const struct cb_sync_opts *opts, struct cb_sync_result *res)
{
	struct cb_sync_opts o = *opts;
	cb_sync_opts_resolve(&o);
	memset(res, 0, sizeof *res);
	double deadline = cb_net_now() + o.total;
	git_repository *repo = ws->store.repo;
	cb_ws_tip(ws, &res->old_tip);
	res->new_tip = res->old_tip;
	if (!cb_sync_has_remote(ws)) {
		res->failure = CB_SYNC_NO_REMOTE;
		return cb_err(CB_ENOTFOUND, _("this workspace has no remote to sync with; "
					      "name one with: git -C %s/repo.git remote add "
					      "origin URL (or make the workspace with casebook "
					      "clone URL DIR or casebook init --remote URL DIR)"),
			      ws->dir);
	}
	int lockfd = -1;
	int rc = lock_ws(ws, &lockfd);
	if (rc) {
		res->failure = CB_SYNC_BUSY;
		return rc;
	}
	/* The access log's pending lines go out with this sync; a failure to
	 * fold them keeps them pending for the next one. */
	if (cb_access_flush(ws))
		cb_err_clear();
	int prune = 0;
	for (int round = 1;; round++) {
		if ((rc = fetch(ws, &o, deadline, res)))
			break;
		/* New to this laptop: what origin/main has that main had not
		 * when the sync began (counted before a push moves origin/main
		 * to our own commits). */
		git_oid tracked;
		if (git_reference_name_to_id(&tracked, repo, CB_TRACKING) == 0)
			res->fetched = count_between(repo, &tracked, git_oid_is_zero(&res->old_tip)
								   ? NULL : &res->old_tip);
		git_oid tip0, tip1;
		cb_ws_tip(ws, &tip0);
		/* The keys of what was fetched, before merging it. */
		int erased_new = 0;
		rc = cb_sync_keys_merge(ws, &erased_new);
		if (!rc)
			rc = integrate(ws, &o, res);
		cb_ws_tip(ws, &tip1);
		prune |= erased_new;
		if (!git_oid_equal(&tip0, &tip1))
			catch_up_index(ws, &o);
		if (rc) {
			res->failure = CB_SYNC_LOCAL;
			break;
		}
		git_reference_foreach_glob(repo, TRACKING_CASEBOOK "*", take_remote,
					   &(struct cbref_walk){ .repo = repo, .res = res });
		int again = 0;
		rc = do_push(ws, &o, deadline, res, &again);
		if (!again || round == MAX_ROUNDS || cb_net_now() > deadline) {
			if (again && !rc) {
				res->failure = CB_SYNC_REFUSED;
				rc = cb_err(CB_ERROR, _("the remote kept moving while we pushed; "
							"nothing was lost, try again"));
			}
			break;
		}
		rc = 0;
		res->failure = CB_SYNC_OK;
	}
	if (rc && !res->failure)
		res->failure = CB_SYNC_LOCAL;
	cb_ws_tip(ws, &res->new_tip);
	if (prune)
		cb_sync_keys_prune(ws);
	record_outcome(ws, rc);
	close(lockfd);
	return rc;
}
