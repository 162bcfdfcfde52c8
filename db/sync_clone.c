/* sync_clone.c - a new workspace from a remote: init, then sync. */
#include "sync.h"
#include "err.h"
#include "i18n.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	/* Keep the top directory if it was there (empty) before clone. */
	if (ftw->level == 0)
		return 0;
	remove(path);
	return 0;
}

/* Undoes a clone that failed, so `casebook clone` can simply be run again.
 * Only what clone made is there to remove: cb_ws_init refuses a
 * directory that is not empty. */
static void undo(const char *dir, int existed)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	if (!existed)
		rmdir(dir);
}

int cb_clone(const char *url, const char *dir, const char *user,
	     const struct cb_sync_opts *opts, struct cb_sync_result *res)
{
	struct stat sb;
	int existed = stat(dir, &sb) == 0;
	memset(res, 0, sizeof *res);
	/* The remote is written as plain config rather than by
	 * git_remote_create, which in libgit2 1.5.1 leaks a regular
	 * expression's match data; the result is the same two settings. */
	int rc = cb_ws_init(dir, NULL, user);
	if (rc) {
		res->failure = CB_SYNC_LOCAL;
		return rc;
	}
	struct cb_ws ws;
	if ((rc = cb_ws_open(&ws, dir)) == 0 &&
	    ((rc = cb_ws_config_set(&ws, "remote." CB_REMOTE ".url", url)) ||
	     (rc = cb_ws_config_set(&ws, "remote." CB_REMOTE ".fetch",
				    "+refs/heads/*:refs/remotes/" CB_REMOTE "/*"))))
		cb_ws_close(&ws);
	if (rc) {
		res->failure = CB_SYNC_LOCAL;
		undo(dir, existed);
		return rc;
	}
	rc = cb_sync(&ws, opts, res);
	cb_ws_close(&ws);
	if (rc) {
		/* The message is cb_sync's; removing files does not touch it. */
		undo(dir, existed);
	}
	return rc;
}
