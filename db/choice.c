/* choice.c - loose matching of controlled values; see choice.h. */
#include "choice.h"
#include "err.h"
#include "i18n.h"
#include "record.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

enum cb_choice_result cb_choice_match(const struct cb_field_def *fd,
				      const char *input, const char **canon)
{
	*canon = NULL;
	if (!fd->choices || !input || !*input)
		return CB_CHOICE_UNKNOWN;
	size_t len = strlen(input), hits = 0;
	const char *hit = NULL;
	for (const char *const *c = fd->choices; *c; c++) {
		if (strcmp(*c, input) == 0) {
			*canon = *c;
			return CB_CHOICE_EXACT;
		}
	}
	for (const char *const *c = fd->choices; *c; c++) {
		if (strcasecmp(*c, input) == 0) {
			*canon = *c;
			return CB_CHOICE_MATCHED;
		}
		if (strncasecmp(*c, input, len) == 0) {
			hits++;
			hit = *c;
		}
	}
	if (hits == 1) {
		*canon = hit;
		return CB_CHOICE_MATCHED;
	}
	return hits ? CB_CHOICE_AMBIGUOUS : CB_CHOICE_UNKNOWN;
}

/* Appends ", "-separated choices (those starting with prefix, or all when
 * prefix is NULL) to list. */
static void list_choices(const struct cb_field_def *fd, const char *prefix,
			 char *list, size_t size)
{
	size_t len = strlen(list);
	for (const char *const *c = fd->choices; c && *c; c++) {
		if (prefix && strncasecmp(*c, prefix, strlen(prefix)) != 0)
			continue;
		int n = snprintf(list + len, size - len, "%s%s", len ? ", " : "", *c);
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
}

void cb_choice_explain(const struct cb_field_def *fd, const char *input,
		       char *msg, size_t size)
{
	char list[512] = "";
	const char *canon, *ex = input ? input : "";
	switch (cb_choice_match(fd, input, &canon)) {
	case CB_CHOICE_AMBIGUOUS:
		list_choices(fd, input, list, sizeof list);
		snprintf(msg, size, _("%s: \"%s\" is ambiguous: it could be %s"),
			 fd->name, ex, list);
		break;
	case CB_CHOICE_MATCHED:
		snprintf(msg, size, _("%s: \"%s\" must be written \"%s\""),
			 fd->name, ex, canon);
		break;
	default:
		list_choices(fd, NULL, list, sizeof list);
		snprintf(msg, size, _("%s: \"%s\" is not one of: %s"), fd->name, ex, list);
		break;
	}
}

int cb_choice_canonicalise(struct cb_doc *doc, const struct cb_record_type *t)
{
	for (size_t i = 0; i < doc->nstanzas; i++) {
		const struct cb_stanza_def *sd = cb_record_stanza_def(doc, t, i);
		struct cb_stanza *s = &doc->stanzas[i];
		for (size_t f = 0; sd && f < sd->nfields; f++) {
			const struct cb_field_def *fd = &sd->fields[f];
			if (fd->type != CB_FT_CHOICE)
				continue;
			const char *v = cb_stanza_get(s, fd->name), *canon;
			if (v && cb_choice_match(fd, v, &canon) == CB_CHOICE_MATCHED &&
			    cb_stanza_set(s, fd->name, canon))
				return CB_ENOMEM;
		}
	}
	return 0;
}
