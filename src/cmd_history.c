/* cmd_history.c - helpers the history subcommands share; see
 * cmd_history.h. */
#include "cmd_history.h"
#include "err.h"
#include "i18n.h"
#include "id.h"

#include <string.h>

static int count_row(const struct cb_history_row *r, void *ctx)
{
	(void)r;
	++*(size_t *)ctx;
	return 1;
}

int hcli_record_arg(struct cli *c, const char *arg, char id[11],
		    const struct cb_record_type **t, int allow_bare)
{
	const char *slash = strchr(arg, '/');
	size_t n = slash ? (size_t)(slash - arg) : strlen(arg);
	char up[11];
	if (n != CB_ID_LEN || (!slash && !allow_bare))
		return cli_record_arg(c, arg, id, t, allow_bare);
	for (size_t i = 0; i < n; i++)
		up[i] = (char)(arg[i] >= 'a' && arg[i] <= 'z' ? arg[i] - 32 : arg[i]);
	up[n] = '\0';
	if (!cb_person_id_valid(up) || (slash && !cb_record_type_find(slash + 1)))
		return cli_record_arg(c, arg, id, t, allow_bare); /* with its message */
	if (cli_open(c))
		return 1;
	/* Someone in the current index, or someone only history knows. */
	char found[11];
	size_t rows = 0;
	if (cb_index_resolve(&c->ws.index, up, found) != 0 &&
	    (cb_index_history(&c->ws.index, up, NULL, 1, count_row, &rows) < 0 || rows == 0))
		return cli_record_arg(c, arg, id, t, allow_bare);
	*t = slash ? cb_record_type_find(slash + 1) : NULL;
	memcpy(id, up, sizeof up);
	return 0;
}

int hcli_format(const char *value, int *tsv, const char *usage)
{
	if (strcmp(value, "tsv") == 0)
		*tsv = 1;
	else if (strcmp(value, "text") == 0)
		*tsv = 0;
	else
		return cli_usage(usage);
	return 0;
}

int hcli_flush(void)
{
	return fflush(stdout) == 0 ? 0 : cli_fail(_("cannot write the output"));
}
