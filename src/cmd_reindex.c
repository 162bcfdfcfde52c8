/* cmd_reindex.c - casebook reindex: bring the index up to date with the
 * history, or (--full) rebuild it from the first commit. */
#include "cli.h"
#include "err.h"
#include "i18n.h"

#include <string.h>

int cmd_reindex(struct cli *c, int argc, char **argv)
{
	int full = argc == 2 && strcmp(argv[1], "--full") == 0;
	if (argc != 1 && !full)
		return cli_usage(_("casebook reindex [--full]"));
	/* Opening checks the index's version and the commit it reflects: a
	 * missing, damaged, outdated or rewound index is rebuilt, one that is
	 * merely behind has only the new commits applied, and a current one
	 * costs nothing more. A full rebuild is asked for by name. */
	if (cli_open(c))
		return 1;
	/* Opening may already have rebuilt a missing or outdated index from
	 * the whole history; doing it twice would only double the wait. */
	if (full && !c->ws.index.rebuilt && cb_index_rebuild(&c->ws.index, &c->ws.store))
		return cli_fail_last();
	printf(_("Indexed %zu commits: %lld people, %lld chronology entries.\n"),
	       c->ws.index.applied, (long long)cb_index_count(&c->ws.index, "person"),
	       (long long)cb_index_count(&c->ws.index, "chronology"));
	return 0;
}
