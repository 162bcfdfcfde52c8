/* keys.h - the keys of an encrypted workspace.
 *
 * Hierarchy: a random team key (32 bytes) encrypts one random key per
 * child; the child's key seals that child's record blobs. The team key is
 * kept only wrapped: by a passphrase (Argon2id) and/or by a key file.
 *
 * The key store is the ref refs/casebook/keys: a commit with NO parent
 * (each change replaces it) whose tree holds
 *   unlock/passphrase   the team key wrapped by a passphrase
 *   unlock/keyfile      the team key wrapped by a key file
 *   children/<id>       the child's key wrapped by the team key
 *   erased/<id>         a tombstone: the child's key was destroyed
 * It has no history on purpose: an erased child's key must not live on in
 * an older key-store commit. Two laptops' key stores merge as a union in
 * which a tombstone beats a key, so an erased key never comes back.
 *
 * A repository is "encrypted" when it has the key store ref. Each opened
 * repository gets a keyring (cb_keys_attach) holding the team key (asked
 * from the unlock agent the first time it is needed) and the child keys
 * unwrapped so far, in locked memory. */
#ifndef CASEBOOK_KEYS_H
#define CASEBOOK_KEYS_H

#include <git2.h>
#include <stddef.h>
#include "crypt.h"

#define CB_KEYS_REF "refs/casebook/keys"
#define CB_KEYS_TRACKING "refs/remotes/origin/casebook/keys"

struct cb_keyfile_entry {
	char name[64]; /* "children/<id>", "erased/<id>", "unlock/..." */
	unsigned char *data;
	size_t len;
};

struct cb_keystore {
	struct cb_keyfile_entry *e;
	size_t n, cap;
};

/* Loads the key store at ref (CB_ENOTFOUND, empty, when there is none);
 * *at gets the commit (zero when none). */
int cb_keystore_load(git_repository *repo, const char *ref, struct cb_keystore *ks,
		     git_oid *at);
/* The same from a key-store commit. */
int cb_keystore_load_commit(git_repository *repo, const git_oid *commit, struct cb_keystore *ks);
void cb_keystore_free(struct cb_keystore *ks);
/* The entry called name, or NULL. */
const struct cb_keyfile_entry *cb_keystore_get(const struct cb_keystore *ks, const char *name);
/* Adds or replaces an entry (copies data). */
int cb_keystore_put(struct cb_keystore *ks, const char *name, const void *data, size_t len);
void cb_keystore_remove(struct cb_keystore *ks, const char *name);
/* Adds what other has and ks has not; a tombstone in either removes the
 * child's key. Returns 1 when ks changed. */
int cb_keystore_merge(struct cb_keystore *ks, const struct cb_keystore *other);
/* 1 when next keeps everything of prev: every child key (unchanged) or its
 * tombstone, and every tombstone. The server's check of a key-store push:
 * a push that would drop another laptop's key is refused. */
int cb_keystore_succeeds(const struct cb_keystore *prev, const struct cb_keystore *next,
			 char *why, size_t whysz);
/* Writes ks as a new parentless commit and moves CB_KEYS_REF from
 * expected (NULL: must not exist) to it. CB_ECONFLICT when it moved. */
int cb_keystore_write(git_repository *repo, struct cb_keystore *ks,
		      const git_oid *expected, const char *message, git_oid *out);

/* ---- the keyring of an opened repository ---- */

int cb_keys_attach(git_repository *repo);
void cb_keys_detach(git_repository *repo);
/* 1 when the repository has a key store. */
int cb_keys_encrypted(git_repository *repo);
/* Forgets the cached key store (after a sync changed it). */
void cb_keys_reload(git_repository *repo);
/* The team key: from the keyring, else from the unlock agent. A
 * "workspace is locked" error when there is none. */
int cb_keys_team(git_repository *repo, const unsigned char **key);
/* The child's key. create: make one when the child has none yet (a new
 * child), writing the key store first. CB_ENOTFOUND with a message when
 * the child's key was erased. */
int cb_keys_child(git_repository *repo, const char *id, int create,
		  const unsigned char **key);
/* Sets the team key directly (init, unlock; copied). */
int cb_keys_set_team(git_repository *repo, const unsigned char key[CB_KEY_BYTES]);
/* The workspace directory of repo (the parent of repo.git), malloc'd. */
char *cb_keys_ws_dir(git_repository *repo);

#endif
