/* oversight.c - management oversight records; see oversight.h. */
#include "oversight.h"
#include "date.h"
#include "err.h"
#include "i18n.h"
#include "record.h"
#include "strbuf.h"
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return strndup(s, n);
}

int cb_oversight_action_parse(const char *spec, char **action, char **who,
			      char **by_when)
{
	*action = *who = *by_when = NULL;
	const char *last = strrchr(spec, '|');
	const char *mid = NULL;
	for (const char *p = spec; last && p < last; p++)
		if (*p == '|')
			mid = p;
	if (!last || !mid)
		return cb_err(CB_EINVALID, _("action \"%s\": expected \"WHAT|WHO|YYYY-MM-DD\""), spec);
	*action = trimmed(spec, (size_t)(mid - spec));
	*who = trimmed(mid + 1, (size_t)(last - mid - 1));
	*by_when = trimmed(last + 1, strlen(last + 1));
	int rc = 0;
	if (!*action || !*who || !*by_when)
		rc = cb_err(CB_ENOMEM, _("out of memory"));
	else if (!**action || !**who || !**by_when)
		rc = cb_err(CB_EINVALID, _("action \"%s\": what, who and by when are all needed "
					   "(\"WHAT|WHO|YYYY-MM-DD\")"), spec);
	if (rc) {
		free(*action);
		free(*who);
		free(*by_when);
		*action = *who = *by_when = NULL;
	}
	return rc;
}

static int set(struct cb_stanza *s, const char *field, const char *value)
{
	if (cb_stanza_set(s, field, value))
		return cb_err(CB_EINVALID, _("%s: %s"), field, cb_err_msg());
	return 0;
}

/* Appends the oversight and its actions to doc. */
static int build(struct cb_ws *ws, struct cb_doc *doc, const struct cb_record_type *t,
		 const struct cb_oversight *o, const git_oid *tip, char entry_id[41])
{
	const char *name, *email;
	int rc = cb_ws_author(ws, &name, &email);
	if (rc)
		return rc;
	char manager[512], today[11], reviewed[GIT_OID_HEXSZ + 1] = "";
	snprintf(manager, sizeof manager, "%s <%s>", name, email);
	struct cb_date d;
	cb_date_today(&d);
	cb_date_format(&d, today);
	if (o->reviewed_to)
		git_oid_tostr(reviewed, sizeof reviewed, o->reviewed_to);
	else if (!git_oid_is_zero(tip))
		git_oid_tostr(reviewed, sizeof reviewed, tip);
	struct cb_stanza *e = cb_record_add_item(doc, t, &t->items[0], NULL);
	if (!e)
		return cb_err(CB_ENOMEM, _("out of memory"));
	snprintf(entry_id, 41, "%s", cb_stanza_get(e, "Id"));
	if ((rc = set(e, "Date", o->date && *o->date ? o->date : today)) || (rc = set(e, "Manager", manager)) ||
	    (rc = set(e, "Decision", o->decision ? o->decision : "")) ||
	    (*reviewed && (rc = set(e, "Reviewed-To", reviewed))))
		return rc;
	for (size_t i = 0; i < o->nactions; i++) {
		const struct cb_oversight_action *a = &o->actions[i];
		struct cb_stanza *s = cb_record_add_item(doc, t, &t->items[1], NULL);
		if (!s)
			return cb_err(CB_ENOMEM, _("out of memory"));
		if ((rc = set(s, "Oversight", entry_id)) || (rc = set(s, "Action", a->action)) ||
		    (rc = set(s, "Who", a->who)) || (rc = set(s, "By-When", a->by_when)))
			return rc;
	}
	cb_record_canonicalise(doc, t);
	return 0;
}

static int check(const struct cb_doc *doc, const struct cb_record_type *t, const char *person)
{
	struct cb_problems p = { 0 };
	int rc = cb_validate(doc, t, person, &p);
	if (rc == CB_EINVALID) {
		char *text = cb_problems_format(&p, doc);
		rc = cb_err(CB_EINVALID, _("the oversight is not valid:\n%s"), text ? text : "");
		free(text);
	}
	cb_problems_free(&p);
	return rc;
}

static int grab_name(const struct cb_person_row *r, void *ctx)
{
	snprintf(ctx, 200, "%s", r->name ? r->name : "");
	return 0;
}

int cb_oversight_add(struct cb_ws *ws, const char *person, const struct cb_oversight *o,
		     git_oid *commit, git_oid *parent, char entry_id[41])
{
	const struct cb_record_type *t = cb_record_type_find("oversight");
	if (cb_ws_read_only(ws))
		return cb_err(CB_EREADONLY, _("this workspace is read-only"));
	char name[200] = "";
	if (cb_index_person(&ws->index, person, grab_name, name) || !*name)
		snprintf(name, sizeof name, "%s", person);
	char summary[400];
	snprintf(summary, sizeof summary,
		 ngettext("Management oversight for %s: %zu action",
			  "Management oversight for %s: %zu actions", o->nactions),
		 name, o->nactions);
	for (int attempt = 0; attempt < 5; attempt++) {
		git_oid tip;
		struct cb_doc doc;
		int exists = 0;
		cb_ws_tip(ws, &tip);
		int rc = cb_ws_read(ws, git_oid_is_zero(&tip) ? NULL : &tip, person, t, &doc, &exists);
		if (rc)
			return rc;
		rc = build(ws, &doc, t, o, &tip, entry_id);
		if (!rc)
			rc = check(&doc, t, person);
		int made = 0;
		if (!rc) {
			struct cb_save sv = { person, t, &doc };
			rc = cb_ws_save(ws, &sv, 1, summary, &tip, 0, commit, &made);
		}
		cb_doc_free(&doc);
		if (rc == CB_ECONFLICT)
			continue; /* someone saved meanwhile: read again and add again */
		if (!rc && parent)
			git_oid_cpy(parent, &tip);
		return rc;
	}
	return cb_err(CB_ECONFLICT, _("another save kept landing first; nothing was saved, try again"));
}
