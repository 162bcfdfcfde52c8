/* resolve.c - save a record's resolved merge conflicts; see resolve.h. */
#include "resolve.h"
#include "err.h"
#include "i18n.h"
#include "record.h"
#include "store.h"

#include <stdlib.h>
#include <string.h>

/* The record's text at commit, canonical ("" when absent), malloc'd. */
static int text_at(struct cb_ws *ws, const git_oid *commit, struct cb_resolve *r,
		   char **out)
{
	struct cb_doc doc;
	int exists = 0;
	int rc = cb_ws_read(ws, commit, r->person, r->type, &doc, &exists);
	if (rc)
		return rc;
	size_t len = 0;
	*out = exists ? cb_record_serialise(&doc, r->type, &len) : strdup("");
	cb_doc_free(&doc);
	return *out ? 0 : cb_err(CB_ENOMEM, _("out of memory"));
}

int cb_resolve_open(struct cb_ws *ws, const char *path, struct cb_resolve *r)
{
	memset(r, 0, sizeof *r);
	char rec[64];
	if (cb_record_path_parse(path, r->person, rec) != 0 ||
	    !(r->type = cb_record_type_find(rec)))
		return cb_err(CB_ENOTFOUND, _("%s is a copy a merge kept beside a record; "
					      "compare the two with casebook edit"), path);
	cb_ws_tip(ws, &r->base);
	int exists = 0;
	int rc = cb_ws_read(ws, &r->base, r->person, r->type, &r->doc, &exists);
	if (rc)
		return rc;
	if (!exists) {
		cb_resolve_free(r);
		return cb_err(CB_ENOTFOUND, _("%s is no longer there"), path);
	}
	size_t len = 0;
	if (!(r->orig = cb_record_serialise(&r->doc, r->type, &len))) {
		cb_resolve_free(r);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	return 0;
}

int cb_resolve_save(struct cb_ws *ws, struct cb_resolve *r)
{
	/* Accepting the deletion of the whole record leaves no stanzas:
	 * that save deletes the record. */
	struct cb_save sv = { r->person, r->type, r->doc.nstanzas ? &r->doc : NULL };
	git_oid out;
	int made = 0;
	/* A sync running in the background may move main between loading
	 * and saving; its merge commit does not touch this record unless the
	 * remote changed it, so try again on the new tip when the record there
	 * is still what was resolved. */
	for (int attempt = 0; attempt < 5; attempt++) {
		int rc = cb_ws_save(ws, &sv, 1, _("Resolve merge conflicts"), &r->base, 0,
				    &out, &made);
		if (rc != CB_ECONFLICT) {
			if (!rc)
				r->changed = 0;
			return rc;
		}
		git_oid tip;
		char *now = NULL;
		cb_ws_tip(ws, &tip);
		if ((rc = text_at(ws, &tip, r, &now)))
			return rc;
		int same = strcmp(now, r->orig) == 0;
		free(now);
		if (!same)
			return cb_err(CB_ECONFLICT, _("this record changed meanwhile (a sync or "
						     "another save); nothing was saved, open it again"));
		r->base = tip;
	}
	return cb_err(CB_ECONFLICT, _("other saves kept landing first; nothing was saved, "
				     "try again"));
}

void cb_resolve_free(struct cb_resolve *r)
{
	cb_doc_free(&r->doc);
	free(r->orig);
	memset(r, 0, sizeof *r);
}
