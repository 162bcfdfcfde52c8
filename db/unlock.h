/* unlock.h - the team key, wrapped for unlocking: by a passphrase
 * (Argon2id, libsodium's interactive limits, a random salt) and/or by a
 * key file (32 random bytes written as hex, kept by the practitioner, for
 * instance on a removable drive). Both live in the key store (keys.h) as
 * unlock/passphrase and unlock/keyfile. */
#ifndef CASEBOOK_UNLOCK_H
#define CASEBOOK_UNLOCK_H

#include <stddef.h>
#include "keys.h"

/* Wraps team under the passphrase into ks. */
int cb_unlock_wrap_passphrase(struct cb_keystore *ks, const unsigned char *team,
			      const char *pass, size_t len);
/* Wraps team under the key file at path into ks; the file is made (0600,
 * new random contents) when create is set and it does not exist. */
int cb_unlock_wrap_keyfile(struct cb_keystore *ks, const unsigned char *team,
			   const char *path, int create);
/* The team key (sodium_malloc'd) from ks with a passphrase (pass != NULL)
 * or a key file. CB_EINVALID "wrong passphrase" / "wrong key file". */
int cb_unlock_open(const struct cb_keystore *ks, const char *pass, size_t len,
		   const char *keyfile, unsigned char **team);

/* Makes the workspace at dir (just made, no saves yet) encrypted: a new
 * team key wrapped by the passphrase (pass) or the key file (made when
 * missing), written as the key store; then starts the unlock agent, so the
 * workspace is unlocked for this session. */
int cb_encrypt_setup(const char *dir, const char *pass, size_t len, const char *keyfile);

#endif
