/* crypt.h - sealing and opening with libsodium: record blobs, wrapped
 * keys and the sealed index all use one envelope.
 *
 *   MAGIC (8 bytes, ends in NUL) | LABEL (10 bytes) | NONCE (24) | CIPHERTEXT+TAG
 *
 * The cipher is XChaCha20-Poly1305 (IETF AEAD); MAGIC and LABEL are its
 * associated data, so neither can be changed without the tag failing.
 * LABEL is the child's id for a record or a child's key, so a reader (and
 * the server, which holds no key) sees whose it is without decrypting.
 * The NUL in MAGIC makes git treat a sealed blob as binary: it never tries
 * a line merge of ciphertext.
 *
 * Records are sealed deterministically: the nonce is a keyed BLAKE2b hash
 * of the plaintext, so the same text under the same key gives the same
 * blob (saves that change nothing make no commit, merges see identical
 * sides as identical). The cost is that equal versions of one child's
 * record are visibly equal; nothing else is revealed. Everything else is
 * sealed with a random nonce. */
#ifndef CASEBOOK_CRYPT_H
#define CASEBOOK_CRYPT_H

#include <stddef.h>
#include <stdint.h>

#define CB_KEY_BYTES 32
#define CB_MAGIC_BYTES 8
#define CB_LABEL_BYTES 10
#define CB_NONCE_BYTES 24
#define CB_TAG_BYTES 16
#define CB_SEAL_OVERHEAD (CB_MAGIC_BYTES + CB_LABEL_BYTES + CB_NONCE_BYTES + CB_TAG_BYTES)

/* The envelopes' magic strings (8 bytes each, the last a NUL). */
extern const char cb_magic_record[CB_MAGIC_BYTES]; /* a child's record */
extern const char cb_magic_key[CB_MAGIC_BYTES];    /* a child's wrapped key */
extern const char cb_magic_team[CB_MAGIC_BYTES];   /* the wrapped team key */
extern const char cb_magic_local[CB_MAGIC_BYTES];  /* the index, drafts */

/* sodium_init once; CB_ERROR with a message when it cannot start. */
int cb_crypt_init(void);

/* 1 when p starts with magic (and is long enough to be an envelope). */
int cb_crypt_is(const void *p, size_t n, const char magic[CB_MAGIC_BYTES]);
/* 1 when p is any casebook envelope. */
int cb_crypt_sealed(const void *p, size_t n);
/* The envelope's label as a NUL-terminated string (0), or CB_EINVALID. */
int cb_crypt_label(const void *p, size_t n, char label[CB_LABEL_BYTES + 1]);

/* Seals n bytes under key. label is up to 10 characters (padded with
 * NULs). deterministic: the nonce from the text (records), else random.
 * *out is malloc'd, *outn = n + CB_SEAL_OVERHEAD. */
int cb_crypt_seal(const unsigned char key[CB_KEY_BYTES], const char magic[CB_MAGIC_BYTES],
		  const char *label, int deterministic, const void *in, size_t n,
		  unsigned char **out, size_t *outn);
/* Opens an envelope sealed by cb_crypt_seal with this magic and label.
 * *out is malloc'd (sodium_malloc'd when secure is set, for keys; free it
 * with sodium_free) and NUL-terminated. CB_EINVALID for a wrong key, a
 * changed byte, another magic or another label. */
int cb_crypt_open(const unsigned char key[CB_KEY_BYTES], const char magic[CB_MAGIC_BYTES],
		  const char *label, const void *in, size_t n, int secure,
		  unsigned char **out, size_t *outn);

/* A new random key in sodium_malloc'd, locked memory (sodium_free it). */
unsigned char *cb_crypt_new_key(void);
/* Secure memory for a key (sodium_malloc; NULL with a message). */
unsigned char *cb_crypt_key_alloc(void);

/* Derives a key from a passphrase with Argon2id (with the limits given,
 * those the wrapping was made with) and the 16-byte salt. */
int cb_crypt_passphrase_key(const char *pass, size_t len, const unsigned char salt[16],
			    unsigned long long ops, size_t mem,
			    unsigned char key[CB_KEY_BYTES]);
/* The Argon2id limits new passphrase wrappings use (libsodium's
 * interactive limits). */
void cb_crypt_pwhash_limits(unsigned long long *ops, size_t *mem);

#endif
