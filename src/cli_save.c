/* cli_save.c - saving a record from the command line: the fields casebook
 * fills itself, validation with its messages, and read-modify-write
 * retried when another save lands first; see cli.h. */
#include "cli.h"
#include "choice.h"
#include "date.h"
#include "err.h"
#include "i18n.h"
#include "id.h"
#include "record.h"
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_autofill(struct cb_ws *ws, struct cb_doc *doc, const struct cb_record_type *t)
{
	const char *name = NULL, *email = NULL;
	for (size_t i = 1; i < doc->nstanzas; i++) {
		struct cb_stanza *s = &doc->stanzas[i];
		if (!cb_stanza_get(s, "Id") || !*cb_stanza_get(s, "Id")) {
			char id[CB_ID_LEN + 1];
			if (cb_id_new(id) || cb_stanza_set(s, "Id", id))
				return cli_fail_last();
		}
		if (strcmp(t->name, "chronology") != 0)
			continue;
		if (!cb_stanza_get(s, "Recorded-By")) {
			if (!name && cb_ws_author(ws, &name, &email))
				return cli_fail_last();
			char who[512];
			snprintf(who, sizeof who, "%s <%s>", name, email);
			if (cb_stanza_set(s, "Recorded-By", who))
				return cli_fail_last();
		}
		if (!cb_stanza_get(s, "Entered")) {
			struct cb_date today;
			char buf[11];
			cb_date_today(&today);
			cb_date_format(&today, buf);
			if (cb_stanza_set(s, "Entered", buf))
				return cli_fail_last();
		}
	}
	cb_record_canonicalise(doc, t);
	return 0;
}

int cli_check(const struct cb_doc *doc, const struct cb_record_type *t,
	      const char *person_id)
{
	struct cb_problems p = { 0 };
	int rc = cb_validate(doc, t, person_id, &p);
	if (rc == 0) {
		cb_problems_free(&p);
		return 0;
	}
	char *text = cb_problems_format(&p, doc);
	fprintf(stderr, _("casebook: the %s record is not valid:\n"), t->name);
	cli_put(stderr, text ? text : cb_err_msg());
	if (text && *text && text[strlen(text) - 1] != '\n')
		fputc('\n', stderr);
	free(text);
	cb_problems_free(&p);
	return 1;
}

int cli_update(struct cli *c, const char *id, const struct cb_record_type *t,
	       cli_mutate_fn mutate, void *ctx, const char *summary, int *made)
{
	*made = 0;
	for (int attempt = 0; attempt < 5; attempt++) {
		git_oid tip;
		struct cb_doc doc;
		int exists = 0;
		cb_ws_tip(&c->ws, &tip);
		if (cb_ws_read(&c->ws, git_oid_is_zero(&tip) ? NULL : &tip, id, t,
			       &doc, &exists))
			return cli_fail_last();
		int rc = mutate(c, &doc, exists, ctx);
		/* Controlled values typed loosely ("Health", "sig") are stored
		 * canonical; what matches nothing is left for cli_check. */
		if (!rc && cb_choice_canonicalise(&doc, t))
			rc = cli_fail(_("out of memory"));
		if (!rc)
			rc = cli_autofill(&c->ws, &doc, t);
		if (!rc)
			rc = cli_check(&doc, t, id);
		if (rc) {
			cb_doc_free(&doc);
			return rc;
		}
		struct cb_save sv = { id, t, &doc };
		rc = cb_ws_save(&c->ws, &sv, 1, summary, &tip, 0, NULL, made);
		cb_doc_free(&doc);
		if (rc == CB_ECONFLICT)
			continue;
		return rc ? cli_fail_last() : 0;
	}
	return cli_fail(_("another save kept landing first; nothing was saved, try again"));
}
