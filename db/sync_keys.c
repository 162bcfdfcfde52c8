/* sync_keys.c - the key store in a sync (internal to db/sync.c).
 *
 * The key store ref has no history (keys.h), so it is not fast-forwarded
 * like the other refs under refs/casebook/: after each fetch the remote's
 * key store is merged into ours (a union; tombstones win), and ours is
 * force-pushed first, alone, with a lease: the push goes only if the
 * remote's ref is still what the fetch saw. Two laptops adding children at
 * once: the second one's lease fails, its sync fetches again, merges the
 * first one's keys in and pushes the union. The server hook refuses a key
 * store that drops a key (keys.h, cb_keystore_succeeds), so even a client
 * without the lease cannot lose another's key there. */
#include "sync_keys.h"
#include "err.h"
#include "i18n.h"
#include "keys.h"
#include "prune.h"
#include "sync_net.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t count_erased(const struct cb_keystore *ks)
{
	size_t n = 0;
	for (size_t i = 0; i < ks->n; i++)
		n += strncmp(ks->e[i].name, "erased/", 7) == 0;
	return n;
}

int cb_sync_keys_merge(struct cb_ws *ws, int *erased_new)
{
	git_repository *repo = ws->store.repo;
	struct cb_keystore ours, theirs;
	git_oid at, tat;
	*erased_new = 0;
	if (cb_keystore_load(repo, CB_KEYS_TRACKING, &theirs, &tat))
		return 0; /* the remote has none */
	int rc = cb_keystore_load(repo, CB_KEYS_REF, &ours, &at);
	if (rc == CB_ENOTFOUND) {
		/* A clone of an encrypted remote: take its key store. */
		git_reference *r = NULL;
		rc = git_reference_create(&r, repo, CB_KEYS_REF, &tat, 0, "sync: keys") < 0
			? cb_err_git(CB_ERROR, _("cannot write the key store")) : 0;
		git_reference_free(r);
	} else if (!rc) {
		size_t before = count_erased(&ours);
		/* The fetch brought a key we erased (the remote had not heard
		 * yet): its objects are here now and must go again. */
		char stone[64];
		for (size_t i = 0; i < theirs.n; i++)
			if (strncmp(theirs.e[i].name, "children/", 9) == 0) {
				snprintf(stone, sizeof stone, "erased/%s", theirs.e[i].name + 9);
				if (cb_keystore_get(&ours, stone))
					*erased_new = 1;
			}
		int changed = cb_keystore_merge(&ours, &theirs);
		if (changed < 0)
			rc = CB_ENOMEM;
		else if (changed)
			rc = cb_keystore_write(repo, &ours, &at, "Key store (merged)", NULL);
		*erased_new |= count_erased(&ours) > before;
		cb_keystore_free(&ours);
	}
	cb_keystore_free(&theirs);
	cb_keys_reload(repo);
	return rc;
}

int cb_sync_keys_push(struct cb_ws *ws, const struct cb_sync_opts *o, double deadline,
		      enum cb_sync_failure *failure, int *again)
{
	git_repository *repo = ws->store.repo;
	git_oid ours, theirs;
	*again = 0;
	if (git_reference_name_to_id(&ours, repo, CB_KEYS_REF) != 0)
		return 0;
	int have_theirs = git_reference_name_to_id(&theirs, repo, CB_KEYS_TRACKING) == 0;
	if (have_theirs && git_oid_equal(&ours, &theirs))
		return 0;
	static char spec[] = "+" CB_KEYS_REF ":" CB_KEYS_REF;
	char *specs[] = { spec };
	struct cb_net_job job = { CB_NET_PUSH, git_repository_path(repo), CB_REMOTE, specs, 1,
				  o->interactive, CB_KEYS_REF, { { 0 } } };
	if (have_theirs)
		git_oid_cpy(&job.lease_old, &theirs);
	struct cb_net_outcome out = { 0 };
	int rc = cb_net_run(&job, o, CB_SYNC_PUSHING, deadline, &out);
	if (rc) {
		*failure = out.failure;
	} else if (out.nrejected) {
		/* Stale, or refused by the server's hook: fetch, merge, again. */
		*again = 1;
		rc = cb_err(CB_ERROR, _("the remote refused the key store: %s%s%s"),
			    out.rejected[0].status, out.remote_said[0] ? "; the remote said: " : "",
			    out.remote_said);
		*failure = CB_SYNC_REFUSED;
	} else {
		git_reference *r = NULL;
		git_reference_create(&r, repo, CB_KEYS_TRACKING, &ours, 1, "sync: pushed");
		git_reference_free(r);
	}
	cb_net_outcome_free(&out);
	return rc;
}

void cb_sync_keys_prune(struct cb_ws *ws)
{
	char *keep = strdup(cb_err_msg());
	if (cb_repo_prune(git_repository_path(ws->store.repo)))
		snprintf(ws->warning, sizeof ws->warning, "%s", cb_err_msg());
	if (keep) {
		cb_err(CB_OK, "%s", keep);
		free(keep);
	}
}
