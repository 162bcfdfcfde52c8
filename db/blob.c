/* blob.c - reading and writing record blobs; see blob.h. */
#include "blob.h"
#include "crypt.h"
#include "err.h"
#include "i18n.h"
#include "keys.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cb_blob_read(git_repository *repo, const git_oid *id, char **buf, size_t *len)
{
	git_blob *b = NULL;
	*buf = NULL;
	if (len)
		*len = 0;
	if (git_blob_lookup(&b, repo, id) < 0)
		return cb_err_git(CB_ERROR, _("cannot read the record"));
	const void *p = git_blob_rawcontent(b);
	size_t n = (size_t)git_blob_rawsize(b);
	int rc = 0;
	if (cb_crypt_is(p, n, cb_magic_record)) {
		char label[CB_LABEL_BYTES + 1];
		const unsigned char *key;
		cb_crypt_label(p, n, label);
		if (!cb_keys_encrypted(repo))
			rc = cb_err(CB_ESEALED, _("the record of %s is encrypted"), label);
		else if (!(rc = cb_keys_child(repo, label, 0, &key)))
			rc = cb_crypt_open(key, cb_magic_record, label, p, n, 0,
					   (unsigned char **)buf, len);
		if (rc == CB_ENOTFOUND || rc == CB_EINVALID)
			rc = CB_ESEALED;
	} else if (!(*buf = malloc(n + 1))) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
	} else {
		memcpy(*buf, p, n);
		(*buf)[n] = '\0';
		if (len)
			*len = n;
	}
	git_blob_free(b);
	return rc;
}

/* The child a path belongs to: people/<c0>/<c1>/<id>/<anything>, so that
 * a merge's conflict copies next to a record are sealed like it. */
static int child_of_path(const char *path, char id[11])
{
	char dir[64], record[64];
	const char *p = path;
	for (int slash = 0; slash < 4 && p; slash++)
		p = strchr(p + (slash ? 1 : 0), '/');
	if (!p || (size_t)(p - path) >= sizeof dir - 2)
		return CB_ENOTFOUND;
	snprintf(dir, sizeof dir, "%.*s/x", (int)(p - path), path);
	return cb_record_path_parse(dir, id, record);
}

int cb_blob_write(git_repository *repo, const char *path, const char *data, size_t len,
		  git_oid *out)
{
	char id[11];
	if (!cb_keys_encrypted(repo) || child_of_path(path, id) != 0) {
		if (git_blob_create_from_buffer(out, repo, data, len) < 0)
			return cb_err_git(CB_ERROR, _("cannot write the record"));
		return 0;
	}
	const unsigned char *key;
	unsigned char *sealed = NULL;
	size_t sn = 0;
	int rc = cb_keys_child(repo, id, 1, &key);
	if (!rc)
		rc = cb_crypt_seal(key, cb_magic_record, id, 1, data, len, &sealed, &sn);
	if (!rc && git_blob_create_from_buffer(out, repo, sealed, sn) < 0)
		rc = cb_err_git(CB_ERROR, _("cannot write the record"));
	free(sealed);
	return rc;
}
