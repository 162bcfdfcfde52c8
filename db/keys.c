/* keys.c - the key store and the keyrings; see keys.h. */
#include "keys.h"
#include "agent.h"
#include "commit_sign.h"
#include "err.h"
#include "i18n.h"
#include "id.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the key store ---- */

void cb_keystore_free(struct cb_keystore *ks)
{
	for (size_t i = 0; i < ks->n; i++)
		free(ks->e[i].data);
	free(ks->e);
	memset(ks, 0, sizeof *ks);
}

const struct cb_keyfile_entry *cb_keystore_get(const struct cb_keystore *ks, const char *name)
{
	for (size_t i = 0; i < ks->n; i++)
		if (strcmp(ks->e[i].name, name) == 0)
			return &ks->e[i];
	return NULL;
}

int cb_keystore_put(struct cb_keystore *ks, const char *name, const void *data, size_t len)
{
	if (strlen(name) >= sizeof ks->e[0].name)
		return cb_err(CB_EINVALID, _("key store name too long"));
	unsigned char *copy = malloc(len ? len : 1);
	if (!copy)
		return cb_err(CB_ENOMEM, _("out of memory"));
	memcpy(copy, data, len);
	struct cb_keyfile_entry *e = (struct cb_keyfile_entry *)cb_keystore_get(ks, name);
	if (!e) {
		if (ks->n == ks->cap) {
			size_t cap = ks->cap ? ks->cap * 2 : 16;
			struct cb_keyfile_entry *ne = realloc(ks->e, cap * sizeof *ne);
			if (!ne) {
				free(copy);
				return cb_err(CB_ENOMEM, _("out of memory"));
			}
			ks->e = ne;
			ks->cap = cap;
		}
		e = &ks->e[ks->n++];
		snprintf(e->name, sizeof e->name, "%s", name);
	} else {
		free(e->data);
	}
	e->data = copy;
	e->len = len;
	return 0;
}

void cb_keystore_remove(struct cb_keystore *ks, const char *name)
{
	for (size_t i = 0; i < ks->n; i++)
		if (strcmp(ks->e[i].name, name) == 0) {
			free(ks->e[i].data);
			ks->e[i] = ks->e[--ks->n];
			return;
		}
}

static int load_dir(git_repository *repo, git_tree *t, const char *dir, struct cb_keystore *ks)
{
	for (size_t i = 0, n = git_tree_entrycount(t); i < n; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(t, i);
		char name[64];
		if (snprintf(name, sizeof name, "%s/%s", dir, git_tree_entry_name(te)) >=
		    (int)sizeof name || git_tree_entry_type(te) != GIT_OBJECT_BLOB)
			continue; /* nothing casebook wrote */
		git_blob *b = NULL;
		if (git_blob_lookup(&b, repo, git_tree_entry_id(te)) < 0)
			return cb_err_git(CB_ERROR, _("cannot read the key store"));
		int rc = cb_keystore_put(ks, name, git_blob_rawcontent(b),
					 (size_t)git_blob_rawsize(b));
		git_blob_free(b);
		if (rc)
			return rc;
	}
	return 0;
}

int cb_keystore_load(git_repository *repo, const char *ref, struct cb_keystore *ks,
		     git_oid *at)
{
	git_oid oid;
	memset(ks, 0, sizeof *ks);
	if (at)
		memset(at, 0, sizeof *at);
	if (git_reference_name_to_id(&oid, repo, ref) != 0)
		return CB_ENOTFOUND;
	int rc = cb_keystore_load_commit(repo, &oid, ks);
	if (!rc && at)
		git_oid_cpy(at, &oid);
	return rc;
}

int cb_keystore_load_commit(git_repository *repo, const git_oid *commit, struct cb_keystore *ks)
{
	git_commit *c = NULL;
	git_tree *root = NULL;
	git_oid oid;
	git_oid_cpy(&oid, commit);
	memset(ks, 0, sizeof *ks);
	if (git_commit_lookup(&c, repo, &oid) < 0 || git_commit_tree(&root, c) < 0) {
		git_commit_free(c);
		return cb_err_git(CB_ERROR, _("cannot read the key store"));
	}
	int rc = 0;
	for (size_t i = 0, n = git_tree_entrycount(root); i < n && !rc; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(root, i);
		if (git_tree_entry_type(te) != GIT_OBJECT_TREE)
			continue;
		git_tree *sub = NULL;
		if (git_tree_lookup(&sub, repo, git_tree_entry_id(te)) < 0) {
			rc = cb_err_git(CB_ERROR, _("cannot read the key store"));
			break;
		}
		rc = load_dir(repo, sub, git_tree_entry_name(te), ks);
		git_tree_free(sub);
	}
	git_tree_free(root);
	git_commit_free(c);
	if (rc)
		cb_keystore_free(ks);
	return rc;
}

int cb_keystore_merge(struct cb_keystore *ks, const struct cb_keystore *other)
{
	int changed = 0;
	char name[64];
	for (size_t i = 0; i < other->n; i++)
		if (!cb_keystore_get(ks, other->e[i].name)) {
			if (cb_keystore_put(ks, other->e[i].name, other->e[i].data, other->e[i].len))
				return -1;
			changed = 1;
		}
	/* A tombstone from either side removes the key. */
	for (size_t i = 0; i < ks->n; i++)
		if (strncmp(ks->e[i].name, "erased/", 7) == 0) {
			snprintf(name, sizeof name, "children/%s", ks->e[i].name + 7);
			if (cb_keystore_get(ks, name)) {
				cb_keystore_remove(ks, name);
				changed = 1;
				i = (size_t)-1; /* the array was reordered: start again */
			}
		}
	return changed;
}

int cb_keystore_succeeds(const struct cb_keystore *prev, const struct cb_keystore *next,
			 char *why, size_t whysz)
{
	char name[64];
	for (size_t i = 0; i < prev->n; i++) {
		const struct cb_keyfile_entry *p = &prev->e[i], *q = cb_keystore_get(next, p->name);
		if (strncmp(p->name, "children/", 9) == 0) {
			snprintf(name, sizeof name, "erased/%s", p->name + 9);
			if (cb_keystore_get(next, name))
				continue;
			if (!q || q->len != p->len || memcmp(q->data, p->data, p->len) != 0) {
				snprintf(why, whysz, _("the push drops or changes the key of %s "
						       "(fetch, merge the key stores and push again)"),
					 p->name + 9);
				return 0;
			}
		} else if (strncmp(p->name, "erased/", 7) == 0 && !q) {
			snprintf(why, whysz, _("the push brings back the erased key of %s"),
				 p->name + 7);
			return 0;
		}
	}
	return 1;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct cb_keyfile_entry *)a)->name,
		      ((const struct cb_keyfile_entry *)b)->name);
}

/* Builds the tree: one sub-tree per prefix before the slash. */
static int build_tree(git_repository *repo, struct cb_keystore *ks, git_oid *out)
{
	git_treebuilder *root = NULL, *sub = NULL;
	git_odb *odb = NULL;
	int rc = 0;
	qsort(ks->e, ks->n, sizeof *ks->e, cmp_entry);
	if (git_repository_odb(&odb, repo) < 0)
		return cb_err_git(CB_ERROR, _("cannot write the key store"));
	if (git_treebuilder_new(&root, repo, NULL) < 0) {
		git_odb_free(odb);
		return cb_err_git(CB_ERROR, _("cannot write the key store"));
	}
	char dir[64] = "";
	for (size_t i = 0; i <= ks->n && !rc; i++) {
		const char *slash = i < ks->n ? strchr(ks->e[i].name, '/') : NULL;
		size_t dl = slash ? (size_t)(slash - ks->e[i].name) : 0;
		int same = slash && strlen(dir) == dl && strncmp(dir, ks->e[i].name, dl) == 0;
		if (sub && !same) {
			git_oid t;
			if (git_treebuilder_write(&t, sub) < 0 ||
			    git_treebuilder_insert(NULL, root, dir, &t, GIT_FILEMODE_TREE) < 0)
				rc = cb_err_git(CB_ERROR, _("cannot write the key store"));
			git_treebuilder_free(sub);
			sub = NULL;
		}
		if (!slash || rc)
			continue;
		if (!sub) {
			snprintf(dir, sizeof dir, "%.*s", (int)dl, ks->e[i].name);
			if (git_treebuilder_new(&sub, repo, NULL) < 0) {
				rc = cb_err_git(CB_ERROR, _("cannot write the key store"));
				break;
			}
		}
		/* Every write rebuilds the whole store, so the keys already
		 * there (nearly all of them) are only hashed, not written
		 * again: adding a child costs a hash per child, not a file. */
		git_oid b;
		if (git_odb_hash(&b, ks->e[i].data, ks->e[i].len, GIT_OBJECT_BLOB) < 0 ||
		    (!git_odb_exists(odb, &b) &&
		     git_blob_create_from_buffer(&b, repo, ks->e[i].data, ks->e[i].len) < 0) ||
		    git_treebuilder_insert(NULL, sub, slash + 1, &b, GIT_FILEMODE_BLOB) < 0)
			rc = cb_err_git(CB_ERROR, _("cannot write the key store"));
	}
	git_treebuilder_free(sub);
	if (!rc && git_treebuilder_write(out, root) < 0)
		rc = cb_err_git(CB_ERROR, _("cannot write the key store"));
	git_treebuilder_free(root);
	git_odb_free(odb);
	return rc;
}

int cb_keystore_write(git_repository *repo, struct cb_keystore *ks,
		      const git_oid *expected, const char *message, git_oid *out)
{
	git_oid tree_oid, commit_oid;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_reference *ref = NULL;
	int rc = build_tree(repo, ks, &tree_oid);
	if (rc)
		return rc;
	/* A fixed author and time: the key store says nothing about who
	 * worked on which child, and equal stores give equal commits. */
	if (git_tree_lookup(&tree, repo, &tree_oid) < 0 ||
	    git_signature_new(&sig, "casebook", "casebook@localhost", 0, 0) < 0 ||
	    git_commit_create(&commit_oid, repo, NULL, sig, sig, NULL, message, tree, 0, NULL) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot write the key store"));
		goto out;
	}
	int grc = expected && !git_oid_is_zero(expected)
		? git_reference_create_matching(&ref, repo, CB_KEYS_REF, &commit_oid, 1, expected,
						"casebook: keys")
		: git_reference_create(&ref, repo, CB_KEYS_REF, &commit_oid, 0, "casebook: keys");
	if (grc == GIT_EMODIFIED || grc == GIT_EEXISTS || grc == GIT_ELOCKED)
		rc = cb_err(CB_ECONFLICT, _("the key store changed meanwhile; try again"));
	else if (grc < 0)
		rc = cb_err_git(CB_ERROR, _("cannot write the key store"));
	else if (out)
		git_oid_cpy(out, &commit_oid);
out:
	git_reference_free(ref);
	git_signature_free(sig);
	git_tree_free(tree);
	return rc;
}

/* ---- keyrings ---- */

struct child_key {
	char id[CB_ID_LEN + 1];
	unsigned char *key; /* sodium_malloc'd */
};

struct keyring {
	git_repository *repo;
	int encrypted;
	unsigned char *team; /* sodium_malloc'd; NULL until needed */
	struct child_key *kids;
	size_t nkids, capkids;
};

#define MAX_RINGS 8
static struct keyring rings[MAX_RINGS];

static struct keyring *ring_of(git_repository *repo)
{
	for (size_t i = 0; i < MAX_RINGS; i++)
		if (repo && rings[i].repo == repo)
			return &rings[i];
	return NULL;
}

static void forget_kids(struct keyring *r)
{
	for (size_t i = 0; i < r->nkids; i++)
		sodium_free(r->kids[i].key);
	free(r->kids);
	r->kids = NULL;
	r->nkids = r->capkids = 0;
}

int cb_keys_attach(git_repository *repo)
{
	git_oid oid;
	struct keyring *r = ring_of(repo);
	for (size_t i = 0; !r && i < MAX_RINGS; i++)
		if (!rings[i].repo)
			r = &rings[i];
	if (!r)
		return cb_err(CB_ERROR, _("too many repositories open"));
	r->repo = repo;
	r->encrypted = git_reference_name_to_id(&oid, repo, CB_KEYS_REF) == 0;
	return 0;
}

void cb_keys_detach(git_repository *repo)
{
	struct keyring *r = ring_of(repo);
	if (!r)
		return;
	forget_kids(r);
	if (r->team)
		sodium_free(r->team);
	memset(r, 0, sizeof *r);
}

int cb_keys_encrypted(git_repository *repo)
{
	struct keyring *r = ring_of(repo);
	return r && r->encrypted;
}

void cb_keys_reload(git_repository *repo)
{
	struct keyring *r = ring_of(repo);
	git_oid oid;
	if (!r)
		return;
	forget_kids(r);
	r->encrypted = git_reference_name_to_id(&oid, repo, CB_KEYS_REF) == 0;
}

char *cb_keys_ws_dir(git_repository *repo)
{
	const char *gd = git_repository_path(repo);
	size_t n = strlen(gd);
	char *d = strdup(gd);
	if (!d)
		return NULL;
	while (n > 0 && d[n - 1] == '/')
		d[--n] = '\0';
	char *slash = strrchr(d, '/');
	if (slash && slash != d)
		*slash = '\0';
	else if (slash)
		slash[1] = '\0';
	else
		strcpy(d, ".");
	return d;
}

int cb_keys_set_team(git_repository *repo, const unsigned char key[CB_KEY_BYTES])
{
	struct keyring *r = ring_of(repo);
	if (!r)
		return cb_err(CB_ERROR, _("the repository is not open"));
	if (!r->team && !(r->team = cb_crypt_key_alloc()))
		return CB_ENOMEM;
	memcpy(r->team, key, CB_KEY_BYTES);
	r->encrypted = 1;
	return 0;
}

int cb_keys_team(git_repository *repo, const unsigned char **key)
{
	struct keyring *r = ring_of(repo);
	if (!r || !r->encrypted)
		return cb_err(CB_ERROR, _("this workspace is not encrypted"));
	if (!r->team) {
		unsigned char *k = cb_crypt_key_alloc();
		if (!k)
			return CB_ENOMEM;
		char *dir = cb_keys_ws_dir(repo);
		int rc = dir ? cb_agent_get(dir, k) : CB_ENOMEM;
		if (rc) {
			sodium_free(k);
			rc = cb_err(CB_ESEALED, _("the workspace %s is locked: run casebook -C %s "
						  "unlock"), dir ? dir : "", dir ? dir : "");
			free(dir);
			return rc;
		}
		free(dir);
		r->team = k;
	}
	*key = r->team;
	return 0;
}

static int unwrap_child(struct keyring *r, const struct cb_keyfile_entry *e, const char *id,
			const unsigned char **key)
{
	unsigned char *k = NULL;
	size_t kl = 0;
	const unsigned char *team;
	int rc = cb_keys_team(r->repo, &team);
	if (rc)
		return rc;
	if ((rc = cb_crypt_open(team, cb_magic_key, id, e->data, e->len, 1, &k, &kl)))
		return cb_err(rc, _("the key of %s does not open with the team key: %s"), id,
			      cb_err_msg());
	if (kl != CB_KEY_BYTES) {
		sodium_free(k);
		return cb_err(CB_EINVALID, _("the key of %s is damaged"), id);
	}
	if (r->nkids == r->capkids) {
		size_t cap = r->capkids ? r->capkids * 2 : 16;
		struct child_key *nk = realloc(r->kids, cap * sizeof *nk);
		if (!nk) {
			sodium_free(k);
			return cb_err(CB_ENOMEM, _("out of memory"));
		}
		r->kids = nk;
		r->capkids = cap;
	}
	snprintf(r->kids[r->nkids].id, sizeof r->kids[0].id, "%s", id);
	r->kids[r->nkids].key = k;
	*key = r->kids[r->nkids++].key;
	return 0;
}

int cb_keys_child(git_repository *repo, const char *id, int create, const unsigned char **key)
{
	struct keyring *r = ring_of(repo);
	if (!r || !r->encrypted)
		return cb_err(CB_ERROR, _("this workspace is not encrypted"));
	if (!cb_person_id_valid(id))
		return cb_err(CB_EINVALID, _("\"%s\" is not a person id"), id);
	for (size_t i = 0; i < r->nkids; i++)
		if (strcmp(r->kids[i].id, id) == 0) {
			*key = r->kids[i].key;
			return 0;
		}
	char name[64], erased[64];
	snprintf(name, sizeof name, "children/%s", id);
	snprintf(erased, sizeof erased, "erased/%s", id);
	for (int attempt = 0; attempt < 5; attempt++) {
		struct cb_keystore ks;
		git_oid at;
		int rc = cb_keystore_load(repo, CB_KEYS_REF, &ks, &at);
		if (rc && rc != CB_ENOTFOUND)
			return rc;
		const struct cb_keyfile_entry *e = cb_keystore_get(&ks, name);
		if (e) {
			rc = unwrap_child(r, e, id, key);
			cb_keystore_free(&ks);
			return rc;
		}
		if (cb_keystore_get(&ks, erased)) {
			cb_keystore_free(&ks);
			return cb_err(CB_ESEALED, _("the records of %s were erased: their key "
						      "is destroyed"), id);
		}
		if (!create) {
			cb_keystore_free(&ks);
			return cb_err(CB_ENOTFOUND, _("there is no key for %s in the key store "
						      "(sync to fetch it)"), id);
		}
		const unsigned char *team;
		unsigned char *fresh = NULL, *wrapped = NULL;
		size_t wl = 0;
		if ((rc = cb_keys_team(repo, &team)) || !(fresh = cb_crypt_new_key()) ||
		    (rc = cb_crypt_seal(team, cb_magic_key, id, 0, fresh, CB_KEY_BYTES, &wrapped,
					&wl)) ||
		    (rc = cb_keystore_put(&ks, name, wrapped, wl))) {
			if (fresh)
				sodium_free(fresh);
			free(wrapped);
			cb_keystore_free(&ks);
			return rc ? rc : CB_ENOMEM;
		}
		sodium_free(fresh);
		free(wrapped);
		/* The key is stored before anything is sealed with it. */
		rc = cb_keystore_write(repo, &ks, &at, "New child key", NULL);
		cb_keystore_free(&ks);
		if (rc != CB_ECONFLICT)
			return rc ? rc : cb_keys_child(repo, id, 0, key);
		cb_err_clear();
	}
	return cb_err(CB_ECONFLICT, _("the key store kept changing; try again"));
}
