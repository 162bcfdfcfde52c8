/* stdin_text.c - "-" for record text read from stdin; see stdin_text.h. */
#include "stdin_text.h"
#include "cli.h"
#include "i18n.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_stdin_text(const char **val, char **owned, const char *option)
{
	static int used;
	if (!*val || strcmp(*val, "-") != 0)
		return 0;
	if (used)
		return cli_fail(_("--%s -: standard input was already read for another option; "
				  "only one option can take its text from it"), option);
	used = 1;
	struct cb_sb sb = CB_SB_INIT;
	char buf[4096];
	size_t r;
	while ((r = fread(buf, 1, sizeof buf, stdin)) > 0)
		cb_sb_add(&sb, buf, r);
	if (ferror(stdin) || cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		return cli_fail(_("--%s -: cannot read standard input"), option);
	}
	char *text = cb_sb_take(&sb);
	if (!text)
		text = strdup("");
	if (!text)
		return cli_fail(_("out of memory"));
	size_t n = strlen(text);
	while (n && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		text[--n] = '\0';
	*val = *owned = text;
	return 0;
}
