/* test_crypt.c - the envelope (seal/open, wrong key, a changed byte, the
 * envelope's id), the key store's merge and succession rules, and record
 * blobs sealed through the store when a repository is encrypted. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob.h"
#include "crypt.h"
#include "keys.h"
#include "repo_fixture.h"

static const char text[] = "Record: chronology\nPerson: 7QK2M9XD4T\n\n"
			   "Event: Said she has not been registered with a GP.\n";

static void seal_open_round_trip(void **state)
{
	(void)state;
	unsigned char *k = cb_crypt_new_key(), *s = NULL, *p = NULL;
	size_t sn = 0, pn = 0;
	assert_non_null(k);
	assert_int_equal(cb_crypt_seal(k, cb_magic_record, "7QK2M9XD4T", 1, text, strlen(text),
				       &s, &sn), 0);
	assert_int_equal(sn, strlen(text) + CB_SEAL_OVERHEAD);
	assert_true(cb_crypt_is(s, sn, cb_magic_record));
	/* no plain text in the envelope */
	assert_null(memmem(s, sn, "registered", 10));
	/* git sees a NUL: binary, never line-merged */
	assert_non_null(memchr(s, 0, sn));
	assert_int_equal(cb_crypt_open(k, cb_magic_record, "7QK2M9XD4T", s, sn, 0, &p, &pn), 0);
	assert_int_equal(pn, strlen(text));
	assert_string_equal((char *)p, text);
	free(p);
	free(s);
	sodium_free(k);
}

static void deterministic_and_random(void **state)
{
	(void)state;
	unsigned char *k = cb_crypt_new_key(), *a = NULL, *b = NULL, *c = NULL;
	size_t an, bn, cn;
	assert_int_equal(cb_crypt_seal(k, cb_magic_record, "7QK2M9XD4T", 1, text, strlen(text), &a, &an), 0);
	assert_int_equal(cb_crypt_seal(k, cb_magic_record, "7QK2M9XD4T", 1, text, strlen(text), &b, &bn), 0);
	assert_memory_equal(a, b, an); /* same text, same key: same blob */
	free(b);
	assert_int_equal(cb_crypt_seal(k, cb_magic_record, "7QK2M9XD4T", 1, "other", 5, &b, &bn), 0);
	assert_memory_not_equal(a + 18, b + 18, 24); /* other text: other nonce */
	assert_int_equal(cb_crypt_seal(k, cb_magic_local, "index", 0, text, strlen(text), &c, &cn), 0);
	free(b);
	assert_int_equal(cb_crypt_seal(k, cb_magic_local, "index", 0, text, strlen(text), &b, &bn), 0);
	assert_memory_not_equal(b, c, bn); /* random nonces */
	free(a);
	free(b);
	free(c);
	sodium_free(k);
}

static void wrong_key_fails(void **state)
{
	(void)state;
	unsigned char *k = cb_crypt_new_key(), *k2 = cb_crypt_new_key(), *s = NULL, *p = NULL;
	size_t sn;
	assert_int_equal(cb_crypt_seal(k, cb_magic_record, "7QK2M9XD4T", 1, text, strlen(text), &s, &sn), 0);
	assert_int_equal(cb_crypt_open(k2, cb_magic_record, "7QK2M9XD4T", s, sn, 0, &p, NULL),
			 CB_EINVALID);
	assert_null(p);
	/* another kind of envelope is refused too */
	assert_int_equal(cb_crypt_open(k, cb_magic_key, "7QK2M9XD4T", s, sn, 0, &p, NULL),
			 CB_EINVALID);
	free(s);
	sodium_free(k);
	sodium_free(k2);
}

static void tampered_blob_fails(void **state)
{
	(void)state;
	unsigned char *k = cb_crypt_new_key(), *s = NULL, *p = NULL;
	size_t sn;
	assert_int_equal(cb_crypt_seal(k, cb_magic_record, "7QK2M9XD4T", 1, text, strlen(text), &s, &sn), 0);
	for (size_t i = CB_MAGIC_BYTES + CB_LABEL_BYTES; i < sn; i += 7) {
		s[i] ^= 0x01;
		assert_int_equal(cb_crypt_open(k, cb_magic_record, "7QK2M9XD4T", s, sn, 0, &p, NULL),
				 CB_EINVALID);
		s[i] ^= 0x01;
	}
	/* cut short */
	assert_int_equal(cb_crypt_open(k, cb_magic_record, "7QK2M9XD4T", s, 20, 0, &p, NULL),
			 CB_EINVALID);
	free(s);
	sodium_free(k);
}

static void envelope_id(void **state)
{
	(void)state;
	unsigned char *k = cb_crypt_new_key(), *s = NULL, *p = NULL;
	size_t sn;
	char label[CB_LABEL_BYTES + 1];
	assert_int_equal(cb_crypt_seal(k, cb_magic_record, "7QK2M9XD4T", 1, text, strlen(text), &s, &sn), 0);
	assert_int_equal(cb_crypt_label(s, sn, label), 0);
	assert_string_equal(label, "7QK2M9XD4T");
	/* opened as another child's: refused */
	assert_int_equal(cb_crypt_open(k, cb_magic_record, "A1B2C3D4E5", s, sn, 0, &p, NULL),
			 CB_EINVALID);
	/* the id rewritten in the envelope: the tag fails */
	memcpy(s + CB_MAGIC_BYTES, "A1B2C3D4E5", 10);
	assert_int_equal(cb_crypt_open(k, cb_magic_record, "A1B2C3D4E5", s, sn, 0, &p, NULL),
			 CB_EINVALID);
	assert_int_equal(cb_crypt_label("plain text, not sealed at all, long enough", 42, label),
			 CB_EINVALID);
	free(s);
	sodium_free(k);
}

static void keystore_merge_tombstone_wins(void **state)
{
	(void)state;
	struct cb_keystore a = { 0 }, b = { 0 };
	assert_int_equal(cb_keystore_put(&a, "children/7QK2M9XD4T", "k1", 2), 0);
	assert_int_equal(cb_keystore_put(&b, "children/7QK2M9XD4T", "k1", 2), 0);
	assert_int_equal(cb_keystore_put(&b, "children/A1B2C3D4E5", "k2", 2), 0);
	assert_int_equal(cb_keystore_put(&a, "erased/7QK2M9XD4T", "gone", 4), 0);
	cb_keystore_remove(&a, "children/7QK2M9XD4T");
	char why[256];
	/* b has the erased key: a merged with b keeps it erased */
	assert_int_equal(cb_keystore_merge(&b, &a), 1);
	assert_null(cb_keystore_get(&b, "children/7QK2M9XD4T"));
	assert_non_null(cb_keystore_get(&b, "erased/7QK2M9XD4T"));
	assert_non_null(cb_keystore_get(&b, "children/A1B2C3D4E5"));
	/* succession: b after a is fine; a after b drops A1B2C3D4E5's key */
	assert_true(cb_keystore_succeeds(&a, &b, why, sizeof why));
	assert_false(cb_keystore_succeeds(&b, &a, why, sizeof why));
	assert_non_null(strstr(why, "A1B2C3D4E5"));
	cb_keystore_free(&a);
	cb_keystore_free(&b);
}

/* Through the store: an encrypted repository seals record blobs, leaves
 * other files plain, and reads them back; a locked one cannot. */
static void store_seals_records(void **state)
{
	struct tu_repo *f = *state;
	unsigned char *team = cb_crypt_new_key();
	struct cb_keystore ks = { 0 };
	assert_int_equal(cb_keystore_put(&ks, "unlock/none", "x", 1), 0);
	assert_int_equal(cb_keystore_write(f->st.repo, &ks, NULL, "keys", NULL), 0);
	cb_keystore_free(&ks);
	assert_int_equal(cb_keys_set_team(f->st.repo, team), 0);
	assert_true(cb_keys_encrypted(f->st.repo));
	char path[64];
	assert_int_equal(cb_record_path(path, sizeof path, "7QK2M9XD4T", "chronology"), 0);
	struct cb_write w[2] = { { path, text, strlen(text) }, { "rules", "plain", 5 } };
	struct cb_commit_info ci = { "Sam", "sam@example.org", 1700000000, 0, "save\n" };
	git_oid c;
	int made = 0;
	assert_int_equal(cb_store_commit(&f->st, w, 2, &ci, NULL, &c, &made), 0);
	assert_true(made);
	/* the blob in git is sealed for this child */
	git_object *o = NULL;
	char spec[128];
	snprintf(spec, sizeof spec, "main:%s", path);
	assert_int_equal(git_revparse_single(&o, f->st.repo, spec), 0);
	git_blob *b = (git_blob *)o;
	assert_true(cb_crypt_is(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b), cb_magic_record));
	git_object_free(o);
	assert_int_equal(git_revparse_single(&o, f->st.repo, "main:rules"), 0);
	assert_memory_equal(git_blob_rawcontent((git_blob *)o), "plain", 5);
	git_object_free(o);
	char *buf = NULL;
	size_t len = 0;
	assert_int_equal(cb_store_read(&f->st, NULL, path, &buf, &len), 0);
	assert_string_equal(buf, text);
	free(buf);
	/* the same text again: the same blob, no commit */
	assert_int_equal(cb_store_commit(&f->st, w, 1, &ci, NULL, &c, &made), 0);
	assert_false(made);
	/* the child's key is in the key store, wrapped for the child */
	struct cb_keystore now;
	assert_int_equal(cb_keystore_load(f->st.repo, CB_KEYS_REF, &now, NULL), 0);
	const struct cb_keyfile_entry *e = cb_keystore_get(&now, "children/7QK2M9XD4T");
	assert_non_null(e);
	assert_true(cb_crypt_is(e->data, e->len, cb_magic_key));
	cb_keystore_free(&now);
	/* another process, with no agent: locked */
	struct cb_store other;
	assert_int_equal(cb_store_open(&other, f->gitdir), 0);
	assert_int_equal(cb_store_read(&other, NULL, path, &buf, &len), CB_ESEALED);
	assert_non_null(strstr(cb_err_msg(), "locked"));
	cb_store_close(&other);
	sodium_free(team);
}

static int repo_setup(void **state) { return tu_repo_open(state, "crypt"); }
static int repo_teardown(void **state) { return tu_repo_close(state); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seal_open_round_trip),
		cmocka_unit_test(deterministic_and_random),
		cmocka_unit_test(wrong_key_fails),
		cmocka_unit_test(tampered_blob_fails),
		cmocka_unit_test(envelope_id),
		cmocka_unit_test(keystore_merge_tombstone_wins),
		cmocka_unit_test_setup_teardown(store_seals_records, repo_setup, repo_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
