/* front.c - the program installed as `casebook`: it answers `log` and
 * `list` itself when the workspace's index alone can, and hands everything
 * else to the full program (main.c, installed as
 * PKGLIBEXECDIR/casebook-full) by execv with the same arguments.
 *
 * Why two programs: the full one links libgit2 (and the twenty-odd
 * libraries it brings: TLS, Kerberos, SSH...), ncursesw and libsodium,
 * and binding them when the process starts costs more than a whole `log`
 * of a record from the index. This one links SQLite and libc only
 * (libcbread.a), so that start-up is not paid where nothing needs it.
 *
 * The command code is the same in both (cmd_log.c, cmd_list.c and what
 * they call); what differs is how a workspace's repository is reached
 * (struct cb_ws_repo_ops, workspace.h). Here, anything that needs it
 * (an encrypted workspace, an index that is missing, stale or of another
 * schema, a config file too unusual to read plainly) hands the whole
 * command over to the full program, which then does exactly what it
 * does when run directly. log and list need the repository only before
 * they have written anything, so nothing is said twice or left half
 * done. */
#include "cli.h"
#include "err.h"
#include "i18n.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FULL_NAME "casebook-full"

/* The arguments as given: cmd_log's getopt_long reorders argv. */
static char **given;

static int try_exec(const char *path)
{
	execv(path, given);
	return errno;
}

/* Runs the full program with the arguments given. Returns only when it
 * cannot (after saying why), so the caller exits. */
static _Noreturn void hand_over(void)
{
	char self[PATH_MAX], here[PATH_MAX + sizeof FULL_NAME];
	const char *installed = PKGLIBEXECDIR "/" FULL_NAME;
	int err = ENOENT;
	/* In a build tree the full program is next to this one; installed,
	 * it is in the package's libexec directory. Next to this one first,
	 * so that a build tree never runs an older installed copy. */
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	char *slash = n > 0 ? (self[n] = '\0', strrchr(self, '/')) : NULL;
	if (slash) {
		snprintf(here, sizeof here, "%.*s/%s", (int)(slash - self), self, FULL_NAME);
		err = try_exec(here);
		if (err != ENOENT) {
			cli_start();
			exit(cli_fail(_("cannot run %s: %s"), here, strerror(err)));
		}
	}
	err = try_exec(installed);
	cli_start(); /* for the message, when main has not yet */
	if (err == ENOENT)
		exit(cli_fail(_("cannot find %s, the rest of casebook: it is neither next to "
				"this program nor at %s (install casebook again)"),
			      FULL_NAME, installed));
	exit(cli_fail(_("cannot run %s: %s"), installed, strerror(err)));
}

/* The repository's side of a workspace, for this program: the full
 * program's to do. */
static int open_whole(struct cb_ws *ws, const char *dir)
{
	hand_over();
}

static int config_get(struct cb_ws *ws, const char *key, char **out)
{
	cb_ws_close(ws);
	hand_over();
}

static const struct cb_ws_repo_ops front_ops = { open_whole, config_get, NULL };

/* The commands answered here when the index alone will do. Each opens the
 * workspace and reads its config before it writes anything, so a
 * hand-over never follows output. */
static const struct {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
} own[] = {
	{ "log", cmd_log },
	{ "list", cmd_list },
};

int main(int argc, char **argv)
{
	if (!(given = malloc(((size_t)argc + 1) * sizeof *given))) {
		given = argv; /* nothing has reordered it yet */
		hand_over();
	}
	memcpy(given, argv, ((size_t)argc + 1) * sizeof *given);
	struct cli c = { .repo_ops = &front_ops };
	int i = cli_global_options(&c, argc, argv);
	/* --read-only needs nothing here: these commands save nothing, and
	 * a command handed over gets the option with the rest. The locale
	 * is set up only for a command run here: the full program does its
	 * own. */
	for (size_t k = 0; i < argc && k < sizeof own / sizeof own[0]; k++) {
		if (strcmp(argv[i], own[k].name) != 0)
			continue;
		cli_start();
		int rc = own[k].run(&c, argc - i, argv + i);
		cli_close(&c);
		free(given);
		return rc;
	}
	hand_over();
}
