/* cmd_reindex.c - casebook reindex: rebuild the index from the history. */
#include "cli.h"
#include "err.h"
#include "i18n.h"

int cmd_reindex(struct cli *c, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage(_("casebook reindex"));
	if (cli_open(c))
		return 1;
	/* Opening may already have rebuilt a missing or outdated index from
	 * the whole history; doing it twice would only double the wait. */
	if (!c->ws.index.rebuilt && cb_index_rebuild(&c->ws.index, &c->ws.store))
		return cli_fail_last();
	printf(_("Indexed %zu commits: %lld people, %lld chronology entries.\n"),
	       c->ws.index.applied, (long long)cb_index_count(&c->ws.index, "person"),
	       (long long)cb_index_count(&c->ws.index, "chronology"));
	return 0;
}
