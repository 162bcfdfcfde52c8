/* unlock.c - wrapping the team key; see unlock.h. */
#include "unlock.h"
#include "err.h"
#include "i18n.h"
#include "agent.h"
#include "index_seal.h"
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SALT 16
#define PASS_HEAD (SALT + 16) /* salt, ops (8 bytes), mem (8 bytes) */

static void put_u64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_u64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

int cb_unlock_wrap_passphrase(struct cb_keystore *ks, const unsigned char *team,
			      const char *pass, size_t len)
{
	unsigned char head[PASS_HEAD], *k = cb_crypt_key_alloc(), *sealed = NULL;
	unsigned long long ops;
	size_t mem, sn = 0;
	if (!k)
		return CB_ENOMEM;
	cb_crypt_pwhash_limits(&ops, &mem);
	randombytes_buf(head, SALT);
	put_u64(head + SALT, ops);
	put_u64(head + SALT + 8, mem);
	int rc = cb_crypt_passphrase_key(pass, len, head, ops, mem, k);
	if (!rc)
		rc = cb_crypt_seal(k, cb_magic_team, "passphrase", 0, team, CB_KEY_BYTES, &sealed, &sn);
	sodium_free(k);
	unsigned char *all = rc ? NULL : malloc(PASS_HEAD + sn);
	if (!rc && !all)
		rc = cb_err(CB_ENOMEM, _("out of memory"));
	if (!rc) {
		memcpy(all, head, PASS_HEAD);
		memcpy(all + PASS_HEAD, sealed, sn);
		rc = cb_keystore_put(ks, "unlock/passphrase", all, PASS_HEAD + sn);
	}
	free(all);
	free(sealed);
	return rc;
}

/* The key a key file's contents give. */
static int keyfile_key(const char *path, int create, unsigned char *k)
{
	unsigned char *buf = NULL, raw[CB_KEY_BYTES];
	size_t len = 0, rl = 0;
	int rc = cb_read_file(path, &buf, &len);
	if (rc == CB_ENOTFOUND && create) {
		char hex[CB_KEY_BYTES * 2 + 2];
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
		strcat(hex, "\n");
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 || write(fd, hex, strlen(hex)) != (ssize_t)strlen(hex) || fsync(fd) < 0) {
			rc = cb_err(CB_ERROR, _("cannot write the key file %s: %s"), path,
				    strerror(errno));
			if (fd >= 0)
				close(fd);
			sodium_memzero(hex, sizeof hex);
			return rc;
		}
		close(fd);
		sodium_memzero(hex, sizeof hex);
		rl = sizeof raw;
	} else if (rc == CB_ENOTFOUND) {
		return cb_err(CB_ENOTFOUND, _("no key file %s"), path);
	} else if (rc) {
		return rc;
	} else {
		int bad = sodium_hex2bin(raw, sizeof raw, (const char *)buf, len, " \n\r\t", &rl,
					 NULL) != 0 || rl != sizeof raw;
		sodium_memzero(buf, len);
		free(buf);
		if (bad)
			return cb_err(CB_EINVALID, _("%s is not a casebook key file (64 hex digits)"),
				      path);
	}
	crypto_generichash(k, CB_KEY_BYTES, raw, rl, NULL, 0);
	sodium_memzero(raw, sizeof raw);
	return 0;
}

int cb_unlock_wrap_keyfile(struct cb_keystore *ks, const unsigned char *team,
			   const char *path, int create)
{
	unsigned char *k = cb_crypt_key_alloc(), *sealed = NULL;
	size_t sn = 0;
	if (!k)
		return CB_ENOMEM;
	int rc = keyfile_key(path, create, k);
	if (!rc)
		rc = cb_crypt_seal(k, cb_magic_team, "keyfile", 0, team, CB_KEY_BYTES, &sealed, &sn);
	sodium_free(k);
	if (!rc)
		rc = cb_keystore_put(ks, "unlock/keyfile", sealed, sn);
	free(sealed);
	return rc;
}

int cb_unlock_open(const struct cb_keystore *ks, const char *pass, size_t len,
		   const char *keyfile, unsigned char **team)
{
	const struct cb_keyfile_entry *e =
		cb_keystore_get(ks, pass ? "unlock/passphrase" : "unlock/keyfile");
	*team = NULL;
	if (!e)
		return cb_err(CB_ENOTFOUND, pass ? _("this workspace has no passphrase: unlock "
						     "it with --key-file FILE")
						 : _("this workspace has no key file: unlock it "
						     "with its passphrase"));
	unsigned char *k = cb_crypt_key_alloc();
	size_t tl = 0;
	if (!k)
		return CB_ENOMEM;
	int rc;
	const unsigned char *env = e->data;
	size_t envn = e->len;
	if (pass) {
		if (e->len < PASS_HEAD) {
			sodium_free(k);
			return cb_err(CB_EINVALID, _("the key store's passphrase entry is damaged"));
		}
		rc = cb_crypt_passphrase_key(pass, len, e->data, get_u64(e->data + SALT),
					     (size_t)get_u64(e->data + SALT + 8), k);
		env += PASS_HEAD;
		envn -= PASS_HEAD;
	} else {
		rc = keyfile_key(keyfile, 0, k);
	}
	if (!rc && cb_crypt_open(k, cb_magic_team, pass ? "passphrase" : "keyfile", env, envn, 1,
				 team, &tl)) {
		rc = cb_err(CB_EINVALID, pass ? _("wrong passphrase") : _("wrong key file"));
	} else if (!rc && tl != CB_KEY_BYTES) {
		sodium_free(*team);
		*team = NULL;
		rc = cb_err(CB_EINVALID, _("the key store's team key is damaged"));
	}
	sodium_free(k);
	return rc;
}

int cb_encrypt_setup(const char *dir, const char *pass, size_t len, const char *keyfile)
{
	struct cb_store st;
	struct cb_keystore ks = { 0 };
	size_t n = strlen(dir) + 16;
	char *gitdir = malloc(n);
	if (!gitdir)
		return cb_err(CB_ENOMEM, _("out of memory"));
	snprintf(gitdir, n, "%s/repo.git", dir);
	int rc = cb_store_open(&st, gitdir);
	free(gitdir);
	if (rc)
		return rc;
	unsigned char *team = cb_crypt_new_key();
	if (!team) {
		cb_store_close(&st);
		return CB_ENOMEM;
	}
	if (keyfile)
		rc = cb_unlock_wrap_keyfile(&ks, team, keyfile, 1);
	else
		rc = cb_unlock_wrap_passphrase(&ks, team, pass, len);
	if (!rc)
		rc = cb_keystore_write(st.repo, &ks, NULL, "Key store", NULL);
	if (!rc)
		rc = cb_agent_start(dir, team, 0);
	cb_keystore_free(&ks);
	sodium_free(team);
	cb_store_close(&st);
	return rc;
}
