/* blob.h - the one place record blobs are read and written.
 *
 * In an encrypted workspace a record's blob is sealed with its child's
 * key (see crypt.h, keys.h); everything else in casebook (index, diff,
 * blame, as-at, merge, verify, export) reads and writes records through
 * these two functions, so it sees plain text in memory and never plain
 * text on disk. In a plain workspace they are git_blob_lookup and
 * git_blob_create_from_buffer. */
#ifndef CASEBOOK_BLOB_H
#define CASEBOOK_BLOB_H

#include <git2.h>
#include <stddef.h>

/* The text of a blob, malloc'd and NUL-terminated; opened when sealed.
 * CB_ESEALED (with a message) when sealed and the key is not at hand (a
 * locked workspace, an erased child, a repository with no keyring such as
 * the server's). */
int cb_blob_read(git_repository *repo, const git_oid *id, char **buf, size_t *len);
/* Writes data as the blob at path: sealed with the child's key when the
 * repository is encrypted and path is a child's record
 * (people/<c0>/<c1>/<id>/<record>), a new child getting a key first. */
int cb_blob_write(git_repository *repo, const char *path, const char *data, size_t len,
		  git_oid *out);

#endif
