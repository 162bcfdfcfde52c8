/* index_seal.h - the SQLite index of an encrypted workspace.
 *
 * The index holds names, dates and chronology text for search, so in an
 * encrypted workspace it never touches the disk in the clear: it lives in
 * memory (sqlite3_deserialize) and is stored, when it changed, as one
 * envelope sealed with the team key (sqlite3_serialize, seal, write to a
 * temporary file, fsync, rename). Being derived, a lost update costs only
 * a catch-up from git at the next start. */
#ifndef CASEBOOK_INDEX_SEAL_H
#define CASEBOOK_INDEX_SEAL_H

#include <sqlite3.h>
#include "crypt.h"

/* Opens an in-memory database holding the sealed file's contents, or an
 * empty one when the file is missing or does not open with key (*fresh
 * set then). */
int cb_index_seal_load(sqlite3 **db, const char *sealed_path,
		       const unsigned char key[CB_KEY_BYTES], int *fresh);
/* Stores db sealed at sealed_path (atomically, 0600). */
int cb_index_seal_store(sqlite3 *db, const char *sealed_path,
			const unsigned char key[CB_KEY_BYTES]);
/* Reads a whole file (malloc'd); CB_ENOTFOUND when absent. */
int cb_read_file(const char *path, unsigned char **buf, size_t *len);
/* Writes a file atomically: path.tmp, fsync, rename, fsync of the dir. */
int cb_write_file_atomic(const char *path, const void *buf, size_t len);

#endif
