/* plan.c - finding a child's plans and their items; see plan.h. */
#include "plan.h"
#include "err.h"
#include "i18n.h"
#include "id.h"

#include <string.h>
#include <strings.h>

long cb_plan_find(const struct cb_doc *doc, const char *kind, const char *prefix)
{
	if (!cb_item_id_valid(prefix)) {
		cb_err(CB_EINVALID, _("\"%s\" is not an id"), prefix);
		return 0;
	}
	size_t plen = strlen(prefix);
	long found = 0;
	int n = 0;
	for (size_t i = 1; i < doc->nstanzas; i++) {
		const char *k = cb_stanza_get(&doc->stanzas[i], "Kind");
		const char *id = cb_stanza_get(&doc->stanzas[i], "Id");
		if (!k || !id || strcmp(k, kind) != 0 || strncasecmp(id, prefix, plen) != 0)
			continue;
		if (strlen(id) == plen) /* an exact match wins over longer ones */
			return (long)i;
		found = (long)i;
		n++;
	}
	if (n == 1)
		return found;
	if (n == 0)
		cb_err(CB_ENOTFOUND, _("no %s with an id starting %s in this child's plans"),
		       kind, prefix);
	else
		cb_err(CB_EINVALID, _("%s matches more than one %s; give more of the id"),
		       prefix, kind);
	return 0;
}

int cb_plan_is_open(const struct cb_stanza *s, const char *today)
{
	const char *end = cb_stanza_get(s, "End");
	return !end || !*end || strcmp(end, today) > 0;
}
