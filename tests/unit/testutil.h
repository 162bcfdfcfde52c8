/* testutil.h - helpers shared by the unit tests: a private scratch
 * directory per test, removed afterwards, and the environment casebook
 * reads (who is saving, what day it is). Header-only: each test program
 * includes it once. */
#ifndef CASEBOOK_TESTUTIL_H
#define CASEBOOK_TESTUTIL_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TU_AUTHOR_NAME "Sam Patel"
#define TU_AUTHOR_EMAIL "sam.patel@example.org"
#define TU_AUTHOR TU_AUTHOR_NAME " <" TU_AUTHOR_EMAIL ">"
#define TU_TODAY "2025-06-01"

/* Sets who saves and what day it is (NULL leaves a variable unset). */
static inline void tu_env(const char *author, const char *today)
{
	if (author)
		setenv("CASEBOOK_AUTHOR", author, 1);
	else
		unsetenv("CASEBOOK_AUTHOR");
	if (today)
		setenv("CASEBOOK_TODAY", today, 1);
	else
		unsetenv("CASEBOOK_TODAY");
}

/* Makes a fresh private directory under $TMPDIR (or /tmp) and returns it
 * (malloc'd), or NULL. */
static inline char *tu_mkdtemp(const char *tag)
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	size_t n = strlen(base) + strlen(tag) + 32;
	char *p = malloc(n);
	if (!p)
		return NULL;
	snprintf(p, n, "%s/casebook-%s-XXXXXX", base, tag);
	if (!mkdtemp(p)) {
		fprintf(stderr, "mkdtemp %s: %s\n", p, strerror(errno));
		free(p);
		return NULL;
	}
	return p;
}

static inline int tu_rm_one(const char *path, const struct stat *sb, int flag,
			    struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	int rc = (flag == FTW_DP || flag == FTW_D) ? rmdir(path) : unlink(path);
	if (rc != 0)
		fprintf(stderr, "cannot remove %s: %s\n", path, strerror(errno));
	return 0; /* carry on: remove as much as possible */
}

/* rm -rf path (does not follow symlinks). */
static inline void tu_rmrf(const char *path)
{
	if (path)
		nftw(path, tu_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* dir + "/" + name, malloc'd. */
static inline char *tu_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* Writes len bytes to path (created 0600 or truncated). 0 or -1. */
static inline int tu_write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	const char *p = data;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			close(fd);
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return close(fd);
}

/* 1 if path exists. */
static inline int tu_exists(const char *path)
{
	struct stat sb;
	return lstat(path, &sb) == 0;
}

/* Permission bits of path, or -1. */
static inline int tu_mode(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (int)(sb.st_mode & 07777) : -1;
}

#endif
