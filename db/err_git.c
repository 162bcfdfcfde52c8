/* err_git.c - a libgit2 failure as the last error (err.h). Apart from
 * err.c so that code which never starts libgit2 does not link it. */
#include "err.h"

#include <git2.h>

int cb_err_git(int code, const char *what)
{
	const git_error *e = git_error_last();
	return cb_err(code, "%s: %s", what, e && e->message ? e->message : "unknown git error");
}
