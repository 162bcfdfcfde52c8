/* cmd_show.c - casebook show ID/RECORD: the canonical record text. */
#include "cli.h"
#include "err.h"
#include "i18n.h"
#include "record.h"

#include <stdlib.h>

int cmd_show(struct cli *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(_("casebook show ID/RECORD"));
	char id[11];
	const struct cb_record_type *t;
	if (cli_record_arg(c, argv[1], id, &t, 0))
		return 1;
	struct cb_doc doc;
	int exists = 0;
	if (cb_ws_read(&c->ws, NULL, id, t, &doc, &exists))
		return cli_fail_last();
	if (!exists) {
		cb_doc_free(&doc);
		return cli_fail(_("%s has no %s record yet (casebook edit %s/%s starts one)"),
				id, t->name, id, t->name);
	}
	char *text = cb_record_serialise(&doc, t, NULL);
	cb_doc_free(&doc);
	if (!text)
		return cli_fail(_("out of memory"));
	/* Parsed text holds no control characters, but it came from the
	 * repository: print it through the same escaping as everything else. */
	cli_put(stdout, text);
	free(text);
	return fflush(stdout) == 0 ? 0 : cli_fail(_("cannot write the output"));
}
