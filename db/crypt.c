/* crypt.c - the envelope; see crypt.h. */
#include "crypt.h"
#include "err.h"
#include "i18n.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

const char cb_magic_record[CB_MAGIC_BYTES] = { 'C', 'B', 'S', 'E', 'A', 'L', '1', 0 };
const char cb_magic_key[CB_MAGIC_BYTES] = { 'C', 'B', 'K', 'E', 'Y', '0', '1', 0 };
const char cb_magic_team[CB_MAGIC_BYTES] = { 'C', 'B', 'T', 'E', 'A', 'M', '1', 0 };
const char cb_magic_local[CB_MAGIC_BYTES] = { 'C', 'B', 'L', 'O', 'C', 'L', '1', 0 };

/* Sub-keys of one key, so the nonce hash and the cipher never share a key. */
#define KDF_CONTEXT "casebook"
enum { SUBKEY_CIPHER = 1, SUBKEY_NONCE = 2 };

int cb_crypt_init(void)
{
	static int ready;
	if (ready)
		return 0;
	if (sodium_init() < 0)
		return cb_err(CB_ERROR, _("cannot start libsodium"));
	ready = 1;
	return 0;
}

int cb_crypt_is(const void *p, size_t n, const char magic[CB_MAGIC_BYTES])
{
	return n >= CB_SEAL_OVERHEAD && memcmp(p, magic, CB_MAGIC_BYTES) == 0;
}

int cb_crypt_sealed(const void *p, size_t n)
{
	return cb_crypt_is(p, n, cb_magic_record) || cb_crypt_is(p, n, cb_magic_key) ||
	       cb_crypt_is(p, n, cb_magic_team) || cb_crypt_is(p, n, cb_magic_local);
}

int cb_crypt_label(const void *p, size_t n, char label[CB_LABEL_BYTES + 1])
{
	if (!cb_crypt_sealed(p, n))
		return cb_err(CB_EINVALID, _("not a sealed envelope"));
	memcpy(label, (const char *)p + CB_MAGIC_BYTES, CB_LABEL_BYTES);
	label[CB_LABEL_BYTES] = '\0';
	return 0;
}

static void header(unsigned char *h, const char magic[CB_MAGIC_BYTES], const char *label)
{
	memcpy(h, magic, CB_MAGIC_BYTES);
	memset(h + CB_MAGIC_BYTES, 0, CB_LABEL_BYTES);
	size_t l = strlen(label);
	memcpy(h + CB_MAGIC_BYTES, label, l < CB_LABEL_BYTES ? l : CB_LABEL_BYTES);
}

int cb_crypt_seal(const unsigned char key[CB_KEY_BYTES], const char magic[CB_MAGIC_BYTES],
		  const char *label, int deterministic, const void *in, size_t n,
		  unsigned char **out, size_t *outn)
{
	unsigned char sub[CB_KEY_BYTES];
	int rc = cb_crypt_init();
	if (rc)
		return rc;
	*out = malloc(n + CB_SEAL_OVERHEAD);
	if (!*out)
		return cb_err(CB_ENOMEM, _("out of memory"));
	unsigned char *h = *out, *nonce = h + CB_MAGIC_BYTES + CB_LABEL_BYTES;
	header(h, magic, label);
	if (deterministic) {
		crypto_kdf_derive_from_key(sub, sizeof sub, SUBKEY_NONCE, KDF_CONTEXT, key);
		crypto_generichash_state st;
		/* The header goes into the hash too: one text under two labels
		 * gets two nonces. */
		crypto_generichash_init(&st, sub, sizeof sub, CB_NONCE_BYTES);
		crypto_generichash_update(&st, h, CB_MAGIC_BYTES + CB_LABEL_BYTES);
		crypto_generichash_update(&st, in, n);
		crypto_generichash_final(&st, nonce, CB_NONCE_BYTES);
	} else {
		randombytes_buf(nonce, CB_NONCE_BYTES);
	}
	crypto_kdf_derive_from_key(sub, sizeof sub, SUBKEY_CIPHER, KDF_CONTEXT, key);
	unsigned long long cl = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + CB_NONCE_BYTES, &cl, in, n, h,
						   CB_MAGIC_BYTES + CB_LABEL_BYTES, NULL, nonce,
						   sub);
	sodium_memzero(sub, sizeof sub);
	*outn = CB_MAGIC_BYTES + CB_LABEL_BYTES + CB_NONCE_BYTES + (size_t)cl;
	return 0;
}

int cb_crypt_open(const unsigned char key[CB_KEY_BYTES], const char magic[CB_MAGIC_BYTES],
		  const char *label, const void *in, size_t n, int secure,
		  unsigned char **out, size_t *outn)
{
	unsigned char h[CB_MAGIC_BYTES + CB_LABEL_BYTES], sub[CB_KEY_BYTES];
	int rc = cb_crypt_init();
	*out = NULL;
	if (rc)
		return rc;
	if (!cb_crypt_is(in, n, magic))
		return cb_err(CB_EINVALID, _("not a sealed envelope of the expected kind"));
	header(h, magic, label);
	if (memcmp(h, in, sizeof h) != 0)
		return cb_err(CB_EINVALID, _("the envelope is for %.10s, not %s"),
			      (const char *)in + CB_MAGIC_BYTES, label);
	const unsigned char *nonce = (const unsigned char *)in + sizeof h;
	size_t cn = n - sizeof h - CB_NONCE_BYTES, pn = cn - CB_TAG_BYTES;
	*out = secure ? sodium_malloc(pn + 1) : malloc(pn + 1);
	if (!*out)
		return cb_err(CB_ENOMEM, _("out of memory"));
	crypto_kdf_derive_from_key(sub, sizeof sub, SUBKEY_CIPHER, KDF_CONTEXT, key);
	unsigned long long pl = 0;
	int bad = crypto_aead_xchacha20poly1305_ietf_decrypt(*out, &pl, NULL, nonce + CB_NONCE_BYTES,
							     cn, h, sizeof h, nonce, sub);
	sodium_memzero(sub, sizeof sub);
	if (bad) {
		if (secure)
			sodium_free(*out);
		else
			free(*out);
		*out = NULL;
		return cb_err(CB_EINVALID, _("cannot decrypt: wrong key or damaged data"));
	}
	(*out)[pl] = '\0';
	if (outn)
		*outn = (size_t)pl;
	return 0;
}

unsigned char *cb_crypt_key_alloc(void)
{
	if (cb_crypt_init())
		return NULL;
	/* sodium_malloc: guarded pages, locked in memory (never swapped). */
	unsigned char *k = sodium_malloc(CB_KEY_BYTES);
	if (!k)
		cb_err(CB_ENOMEM, _("out of memory"));
	return k;
}

unsigned char *cb_crypt_new_key(void)
{
	unsigned char *k = cb_crypt_key_alloc();
	if (k)
		randombytes_buf(k, CB_KEY_BYTES);
	return k;
}

void cb_crypt_pwhash_limits(unsigned long long *ops, size_t *mem)
{
	*ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	*mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

int cb_crypt_passphrase_key(const char *pass, size_t len, const unsigned char salt[16],
			    unsigned long long ops, size_t mem,
			    unsigned char key[CB_KEY_BYTES])
{
	int rc = cb_crypt_init();
	if (rc)
		return rc;
	/* Bounds, since the limits come from the key store (untrusted). */
	if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > 64 || mem < crypto_pwhash_MEMLIMIT_MIN ||
	    mem > ((size_t)4 << 30))
		return cb_err(CB_EINVALID, _("the key store's passphrase settings are out of range"));
	if (crypto_pwhash(key, CB_KEY_BYTES, pass, len, salt, ops, mem,
			  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return cb_err(CB_ENOMEM, _("not enough memory to check the passphrase"));
	return 0;
}
