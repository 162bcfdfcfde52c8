/* hcli_moment.c - a moment named on the command line, as a date or time or
 * as a revision (see hcli_moment in cmd_history.h). Apart from
 * cmd_history.c because a revision needs the repository (libgit2), which
 * the history commands that read only the index do without. */
#include "cmd_history.h"
#include "err.h"
#include "revs.h"

int hcli_moment(struct cli *c, const char *spec, int *is_time, int64_t *when,
		git_oid *rev)
{
	if (cb_when_parse(spec, 1, when) == 0) {
		*is_time = 1;
		return 0;
	}
	*is_time = 0;
	if (cli_open(c))
		return 1;
	if (cb_rev_resolve(c->ws.store.repo, spec, rev))
		return cli_fail_last();
	return 0;
}
