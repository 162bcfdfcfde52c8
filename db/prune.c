/* prune.c - see prune.h. */
#include "prune.h"
#include "err.h"
#include "i18n.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int run_git(char *const argv[])
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int cb_repo_prune(const char *gitdir)
{
	char *expire[] = { "git", "--git-dir", (char *)gitdir, "reflog", "expire",
			   "--expire=now", "--expire-unreachable=now", "--all", NULL };
	char *gc[] = { "git", "--git-dir", (char *)gitdir, "-c", "gc.auto=0", "gc",
		       "--prune=now", "--quiet", NULL };
	int a = run_git(expire), b = a == 0 ? run_git(gc) : a;
	if (b == 0)
		return 0;
	return cb_err(CB_ERROR, b == 127 ? _("git is not installed: old copies of the erased "
					     "key stay in %s until `git gc --prune=now` runs there")
					 : _("`git gc --prune=now` failed in %s: old copies of the "
					     "erased key stay there until it runs"), gitdir);
}
