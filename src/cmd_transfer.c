/* cmd_transfer.c - casebook transfer ID --to PATH: moves a child to another
 * team's repository with their history (see transfer.h). */
#include "cmd_access.h"
#include "err.h"
#include "i18n.h"
#include "transfer.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int cmd_transfer(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook transfer ID --to PATH (the other team's bare repository "
			      "or workspace)");
	const char *to = NULL;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 't')
			to = optarg;
		else
			return cli_usage(usage);
	}
	if (!to || optind != argc - 1)
		return cli_usage(usage);
	char id[11];
	if (cli_person(c, argv[optind], id))
		return 1;
	/* A workspace's repository is its repo.git. */
	char gitdir[4096];
	struct stat st;
	snprintf(gitdir, sizeof gitdir, "%s/repo.git", to);
	if (stat(gitdir, &st) != 0 || !S_ISDIR(st.st_mode))
		snprintf(gitdir, sizeof gitdir, "%s", to);
	char *name = cli_person_name(c, id);
	char summary[4400];
	snprintf(summary, sizeof summary, _("Transfer %s to %s (their history goes with them)"),
		 name ? name : id, to);
	free(name);
	size_t n = 0;
	if (cb_transfer(&c->ws, id, gitdir, summary, &n))
		return cli_fail_last();
	printf(ngettext("moved %s with %zu save of history to %s\n",
			"moved %s with %zu saves of history to %s\n", n), id, n, to);
	return 0;
}
