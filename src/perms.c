/* perms.c - group and other bits under a workspace; see perms.h. */
#define _XOPEN_SOURCE 700
#include "perms.h"
#include "err.h"

#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* nftw has no context pointer: one walk at a time. */
static cb_perms_fn walk_fn;
static void *walk_ctx;

static int visit(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)ftw;
	if (flag == FTW_SL || S_ISLNK(st->st_mode))
		return 0; /* a link's own bits mean nothing */
	if (st->st_mode & 077)
		return walk_fn(path, st->st_mode & 07777, walk_ctx);
	return 0;
}

int cb_perms_check(const char *root, cb_perms_fn fn, void *ctx)
{
	struct stat st;
	if (lstat(root, &st) != 0)
		return CB_ENOTFOUND;
	walk_fn = fn;
	walk_ctx = ctx;
	int rc = nftw(root, visit, 16, FTW_PHYS);
	return rc < 0 ? 0 : rc;
}

char *cb_perms_local_remote(const char *url)
{
	if (!url || !*url)
		return NULL;
	if (strncmp(url, "file://", 7) == 0)
		return strdup(url + 7);
	if (strstr(url, "://"))
		return NULL;
	/* scp-like host:path is a network remote; a path has its first colon,
	 * if any, after a slash. */
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');
	if (colon && (!slash || colon < slash))
		return NULL;
	return strdup(url);
}
