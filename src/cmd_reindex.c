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
	long long people = (long long)cb_index_count(&c->ws.index, "person");
	long long entries = (long long)cb_index_count(&c->ws.index, "chronology");
	char p[64], e[64];
	snprintf(p, sizeof p, ngettext("%lld person", "%lld people", (unsigned long)people), people);
	snprintf(e, sizeof e, ngettext("%lld chronology entry", "%lld chronology entries",
				       (unsigned long)entries), entries);
	printf(ngettext("Indexed %zu commit: %s, %s.\n", "Indexed %zu commits: %s, %s.\n",
			c->ws.index.applied), c->ws.index.applied, p, e);
	return 0;
}
