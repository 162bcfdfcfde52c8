/* index_seal.c - the sealed index; see index_seal.h. */
#include "index_seal.h"
#include "err.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The envelope's label: says what it is to someone holding the file. */
#define LABEL "index"

int cb_read_file(const char *path, unsigned char **buf, size_t *len)
{
	*buf = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? CB_ENOTFOUND
				       : cb_err(CB_ERROR, _("cannot read %s: %s"), path,
						strerror(errno));
	struct stat st;
	if (fstat(fd, &st) < 0 || !(*buf = malloc((size_t)st.st_size + 1))) {
		close(fd);
		return cb_err(CB_ENOMEM, _("cannot read %s"), path);
	}
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, *buf + got, (size_t)st.st_size - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	*len = got;
	return 0;
}

int cb_write_file_atomic(const char *path, const void *buf, size_t len)
{
	size_t pl = strlen(path) + 8;
	char *tmp = malloc(pl), *dir = strdup(path);
	if (!tmp || !dir) {
		free(tmp);
		free(dir);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	snprintf(tmp, pl, "%s.tmp", path);
	int rc = 0, fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	size_t put = 0;
	while (fd >= 0 && put < len) {
		ssize_t w = write(fd, (const char *)buf + put, len - put);
		if (w <= 0)
			break;
		put += (size_t)w;
	}
	if (fd < 0 || put < len || fsync(fd) < 0 || close(fd) < 0 || rename(tmp, path) < 0) {
		rc = cb_err(CB_ERROR, _("cannot write %s: %s"), path, strerror(errno));
		if (fd >= 0)
			unlink(tmp);
	} else {
		int dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	free(tmp);
	free(dir);
	return rc;
}

int cb_index_seal_load(sqlite3 **db, const char *sealed_path,
		       const unsigned char key[CB_KEY_BYTES], int *fresh)
{
	unsigned char *file = NULL, *plain = NULL;
	size_t fl = 0, pl = 0;
	*fresh = 1;
	if (sqlite3_open_v2(":memory:", db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(*db);
		*db = NULL;
		return cb_err(CB_ENOMEM, _("cannot open the index in memory"));
	}
	int rc = cb_read_file(sealed_path, &file, &fl);
	if (rc == CB_ENOTFOUND)
		return 0;
	if (!rc && cb_crypt_open(key, cb_magic_local, LABEL, file, fl, 0, &plain, &pl) == 0 && pl) {
		/* SQLite must own the buffer it deserializes (FREEONCLOSE). */
		unsigned char *mem = sqlite3_malloc64(pl);
		if (mem) {
			memcpy(mem, plain, pl);
			if (sqlite3_deserialize(*db, "main", mem, (sqlite3_int64)pl, (sqlite3_int64)pl,
						SQLITE_DESERIALIZE_FREEONCLOSE |
						SQLITE_DESERIALIZE_RESIZEABLE) == SQLITE_OK)
				*fresh = 0;
		}
	}
	/* Unreadable or from another key: the index is rebuilt from git. */
	cb_err_clear();
	free(file);
	free(plain);
	return 0;
}

int cb_index_seal_store(sqlite3 *db, const char *sealed_path,
			const unsigned char key[CB_KEY_BYTES])
{
	sqlite3_int64 n = 0;
	unsigned char *plain = sqlite3_serialize(db, "main", &n, 0);
	if (!plain)
		return cb_err(CB_ENOMEM, _("cannot store the index"));
	unsigned char *sealed = NULL;
	size_t sn = 0;
	int rc = cb_crypt_seal(key, cb_magic_local, LABEL, 0, plain, (size_t)n, &sealed, &sn);
	sqlite3_free(plain);
	if (!rc)
		rc = cb_write_file_atomic(sealed_path, sealed, sn);
	free(sealed);
	return rc;
}
