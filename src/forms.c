/* forms.c - the form model: fields from the schema, drafts, saving; see
 * forms.h. */
#include "forms.h"
#include "choice.h"
#include "date.h"
#include "err.h"
#include "i18n.h"
#include "id.h"
#include "record.h"
#include "strbuf.h"
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void cb_form_free(struct cb_form *form)
{
	for (size_t i = 0; i < form->n; i++) {
		free(form->f[i].value);
		free(form->f[i].orig);
	}
	free(form->f);
	for (size_t i = 0; i < form->nmembers; i++) {
		free(form->members[i].id);
		free(form->members[i].name);
	}
	free(form->members);
	cb_doc_free(&form->orig);
	memset(form, 0, sizeof *form);
}

int cb_form_link(struct cb_form *form, const char *field, const char *id)
{
	if (!form->is_new || !cb_item_id_valid(id) ||
	    strlen(field) >= sizeof form->link_field)
		return cb_err(CB_EINVALID, _("cannot link this form to %s"), id);
	snprintf(form->link_field, sizeof form->link_field, "%s", field);
	snprintf(form->link_id, sizeof form->link_id, "%s", id);
	/* One draft per parent: a half-written action for one plan is not
	 * offered when adding an action to another. */
	size_t len = strlen(form->key);
	snprintf(form->key + len, sizeof form->key - len, "@%s", id);
	return 0;
}

/* The stanza the form edits inside doc, or NULL when it is not there. */
static struct cb_stanza *find_stanza(const struct cb_form *form, const struct cb_doc *doc)
{
	if (!form->item[0])
		return doc->nstanzas ? &doc->stanzas[0] : NULL;
	long i = cb_record_find_item(doc, form->item);
	return i < 0 ? NULL : &doc->stanzas[i];
}

static int stanza_equal(const struct cb_stanza *a, const struct cb_stanza *b)
{
	if (!a || !b)
		return a == b;
	if (a->nfields != b->nfields)
		return 0;
	for (size_t i = 0; i < a->nfields; i++)
		if (strcmp(a->fields[i].name, b->fields[i].name) != 0 ||
		    strcmp(a->fields[i].value, b->fields[i].value) != 0)
			return 0;
	return 1;
}

static int load_members(struct cb_form *form)
{
	const struct cb_doc *d = &form->orig;
	for (size_t i = 1; i < d->nstanzas; i++) {
		const char *kind = cb_stanza_get(&d->stanzas[i], "Kind");
		const char *id = cb_stanza_get(&d->stanzas[i], "Id");
		if (!kind || strcmp(kind, "member") != 0 || !id)
			continue;
		void *nv = realloc(form->members, (form->nmembers + 1) * sizeof *form->members);
		if (!nv)
			return cb_err(CB_ENOMEM, _("out of memory"));
		form->members = nv;
		const char *name = cb_stanza_get(&d->stanzas[i], "Name");
		struct cb_form_member *m = &form->members[form->nmembers];
		m->id = strdup(id);
		m->name = strdup(name ? name : id);
		if (!m->id || !m->name) {
			free(m->id);
			free(m->name);
			return cb_err(CB_ENOMEM, _("out of memory"));
		}
		form->nmembers++;
	}
	return 0;
}

int cb_form_open(struct cb_form *form, struct cb_ws *ws, const char *person,
		 const struct cb_record_type *t, const char *kind,
		 const char *item_id)
{
	memset(form, 0, sizeof *form);
	form->type = t;
	snprintf(form->person, sizeof form->person, "%s", person);
	if (!kind) {
		form->sd = t->header;
	} else {
		for (size_t k = 0; k < t->nitems; k++)
			if (strcmp(t->items[k].kind, kind) == 0)
				form->sd = &t->items[k];
		if (!form->sd)
			return cb_err(CB_ENOTFOUND, _("%s has no items of kind %s"), t->name, kind);
	}
	cb_ws_tip(ws, &form->base);
	int exists = 0;
	int rc = cb_ws_read(ws, git_oid_is_zero(&form->base) ? NULL : &form->base,
			    person, t, &form->orig, &exists);
	if (rc) {
		memset(&form->orig, 0, sizeof form->orig);
		cb_form_free(form);
		return rc;
	}
	const struct cb_stanza *s = NULL;
	if (kind && !item_id) {
		char id[CB_ID_LEN + 1];
		if ((rc = cb_id_new(id)))
			goto fail;
		snprintf(form->item, sizeof form->item, "%s", id);
		form->is_new = 1;
		snprintf(form->key, sizeof form->key, "form:%s/%s/new-%s", person, t->name, kind);
	} else {
		if (item_id)
			snprintf(form->item, sizeof form->item, "%s", item_id);
		s = find_stanza(form, &form->orig);
		if (!s) {
			rc = cb_err(CB_ENOTFOUND, _("%s/%s has no item %s"), person, t->name, item_id);
			goto fail;
		}
		snprintf(form->key, sizeof form->key, "form:%s/%s/%s", person, t->name,
			 item_id ? item_id : "header");
	}
	form->f = calloc(form->sd->nfields ? form->sd->nfields : 1, sizeof *form->f);
	if (!form->f) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
		goto fail;
	}
	for (size_t i = 0; i < form->sd->nfields; i++) {
		const struct cb_field_def *fd = &form->sd->fields[i];
		if (fd->flags & CB_FF_AUTO)
			continue;
		const char *v = s ? cb_stanza_get(s, fd->name) : fd->dflt;
		struct cb_form_field *ff = &form->f[form->n++];
		ff->def = fd;
		ff->value = strdup(v ? v : "");
		ff->orig = strdup(v ? v : "");
		if (!ff->value || !ff->orig) {
			rc = cb_err(CB_ENOMEM, _("out of memory"));
			goto fail;
		}
	}
	for (size_t i = 0; i < form->sd->nfields; i++)
		if (form->sd->fields[i].type == CB_FT_MEMBER_REF) {
			if ((rc = load_members(form)))
				goto fail;
			break;
		}
	return 0;
fail:
	cb_form_free(form);
	return rc;
}

int cb_form_set(struct cb_form *form, size_t i, const char *value)
{
	if (i >= form->n)
		return cb_err(CB_EINVALID, _("no such field"));
	struct cb_form_field *ff = &form->f[i];
	const char *canon;
	/* A choice typed loosely (a draft, a pasted value) is kept canonical. */
	if (ff->def->type == CB_FT_CHOICE &&
	    cb_choice_match(ff->def, value, &canon) == CB_CHOICE_MATCHED)
		value = canon;
	char *v = strdup(value ? value : "");
	if (!v)
		return cb_err(CB_ENOMEM, _("out of memory"));
	free(ff->value);
	ff->value = v;
	ff->err[0] = '\0';
	if (cb_validate_value(ff->def, v, ff->err))
		return CB_EINVALID;
	return 0;
}

int cb_form_dirty(const struct cb_form *form)
{
	for (size_t i = 0; i < form->n; i++)
		if (strcmp(form->f[i].value, form->f[i].orig) != 0)
			return 1;
	return 0;
}

long cb_form_field_index(const struct cb_form *form, const char *name)
{
	for (size_t i = 0; i < form->n; i++)
		if (strcasecmp(form->f[i].def->name, name) == 0)
			return (long)i;
	return -1;
}

size_t cb_form_options(const struct cb_form *form, size_t i, size_t k,
		       const char **out)
{
	if (i >= form->n)
		return 0;
	const struct cb_field_def *fd = form->f[i].def;
	size_t blank = (fd->flags & CB_FF_REQUIRED) ? 0 : 1, n = 0;
	if (fd->type == CB_FT_CHOICE)
		while (fd->choices && fd->choices[n])
			n++;
	else if (fd->type == CB_FT_MEMBER_REF)
		n = form->nmembers;
	else
		return 0;
	if (out && k < n + blank) {
		if (k < blank)
			*out = "";
		else if (fd->type == CB_FT_CHOICE)
			*out = fd->choices[k - blank];
		else
			*out = form->members[k - blank].id;
	}
	return n + blank;
}

static long option_index(const struct cb_form *form, size_t i)
{
	size_t n = cb_form_options(form, i, 0, NULL);
	for (size_t k = 0; k < n; k++) {
		const char *o = NULL;
		cb_form_options(form, i, k, &o);
		if (strcmp(o, form->f[i].value) == 0)
			return (long)k;
	}
	return -1;
}

int cb_form_cycle(struct cb_form *form, size_t i, int dir)
{
	size_t n = cb_form_options(form, i, 0, NULL);
	if (n == 0)
		return 0;
	long cur = option_index(form, i);
	long next;
	if (cur < 0)
		next = dir > 0 ? 0 : (long)n - 1;
	else
		next = (cur + (dir > 0 ? 1 : (long)n - 1)) % (long)n;
	const char *o = NULL;
	cb_form_options(form, i, (size_t)next, &o);
	cb_form_set(form, i, o);
	return 1;
}

const char *cb_form_shown(const struct cb_form *form, size_t i)
{
	const struct cb_form_field *ff = &form->f[i];
	if (ff->def->type == CB_FT_MEMBER_REF)
		for (size_t k = 0; k < form->nmembers; k++)
			if (strcmp(form->members[k].id, ff->value) == 0)
				return form->members[k].name;
	return ff->value;
}

int cb_form_pick_letter(struct cb_form *form, size_t i, int c)
{
	size_t n = cb_form_options(form, i, 0, NULL);
	if (n == 0 || c <= 0 || c > 127)
		return 0;
	long cur = option_index(form, i);
	for (size_t step = 1; step <= n; step++) {
		size_t k = (size_t)((cur < 0 ? -1 : cur) + (long)step) % n;
		const char *o = NULL;
		cb_form_options(form, i, k, &o);
		const char *shown = o;
		if (form->f[i].def->type == CB_FT_MEMBER_REF && *o)
			shown = form->members[k - ((form->f[i].def->flags & CB_FF_REQUIRED) ? 0 : 1)].name;
		int a = (unsigned char)shown[0], b = c;
		if (a >= 'A' && a <= 'Z')
			a += 32;
		if (b >= 'A' && b <= 'Z')
			b += 32;
		if (*shown && a == b) {
			cb_form_set(form, i, o);
			return 1;
		}
	}
	return 0;
}

int cb_form_pick_prefix(struct cb_form *form, size_t i, const char *prefix)
{
	size_t n = cb_form_options(form, i, 0, NULL), len = strlen(prefix);
	size_t blank = (form->f[i].def->flags & CB_FF_REQUIRED) ? 0 : 1;
	const char *first = NULL;
	if (len == 0)
		return 0;
	for (size_t k = 0; k < n; k++) {
		const char *o = NULL;
		cb_form_options(form, i, k, &o);
		const char *shown = o;
		if (form->f[i].def->type == CB_FT_MEMBER_REF && *o)
			shown = form->members[k - blank].name;
		if (!*shown || strncasecmp(shown, prefix, len) != 0)
			continue;
		if (strcmp(o, form->f[i].value) == 0)
			return 1; /* the current value still fits what is typed */
		if (!first)
			first = o;
	}
	if (!first)
		return 0;
	cb_form_set(form, i, first);
	return 1;
}

/* ---- drafts ---- */

char *cb_form_draft_text(const struct cb_form *form)
{
	struct cb_doc d = { 0 };
	struct cb_sb empty = CB_SB_INIT;
	char *out = NULL;
	struct cb_stanza *s = cb_doc_add_stanza(&d);
	if (!s || cb_stanza_set(s, "Form-Item", form->item[0] ? form->item : "header"))
		goto out;
	for (size_t i = 0; i < form->n; i++) {
		const struct cb_form_field *ff = &form->f[i];
		if (!*ff->value) {
			if (empty.len)
				cb_sb_addc(&empty, ' ');
			cb_sb_adds(&empty, ff->def->name);
		}
	}
	if (cb_sb_failed(&empty) ||
	    (empty.len && cb_stanza_set(s, "Form-Empty", empty.buf)))
		goto out;
	for (size_t i = 0; i < form->n; i++) {
		const struct cb_form_field *ff = &form->f[i];
		/* A value the record format refuses is kept out of the draft
		 * rather than losing the whole draft; the form itself still
		 * holds it. */
		if (*ff->value && cb_stanza_set(s, ff->def->name, ff->value) == CB_ENOMEM)
			goto out;
	}
	out = cb_doc_serialise(&d, NULL);
out:
	cb_sb_free(&empty);
	cb_doc_free(&d);
	return out;
}

static int listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && *p;) {
		while (*p == ' ')
			p++;
		size_t w = strcspn(p, " ");
		if (w == n && strncasecmp(p, name, n) == 0)
			return 1;
		p += w;
	}
	return 0;
}

int cb_form_load_draft(struct cb_form *form, const char *text)
{
	struct cb_doc d;
	struct cb_parse_error perr;
	int rc = cb_doc_parse(&d, text, strlen(text), &perr);
	if (rc)
		return cb_err(rc, _("the draft is damaged: %s"), perr.msg);
	if (d.nstanzas == 0) {
		cb_doc_free(&d);
		return 0;
	}
	const struct cb_stanza *s = &d.stanzas[0];
	const char *item = cb_stanza_get(s, "Form-Item");
	if (form->is_new && item && cb_item_id_valid(item))
		snprintf(form->item, sizeof form->item, "%s", item);
	const char *empty = cb_stanza_get(s, "Form-Empty");
	for (size_t i = 0; i < form->n && !rc; i++) {
		const char *name = form->f[i].def->name;
		const char *v = cb_stanza_get(s, name);
		if (v)
			rc = cb_form_set(form, i, v);
		else if (listed(empty, name))
			rc = cb_form_set(form, i, "");
		if (rc == CB_EINVALID)
			rc = 0; /* kept, with its problem shown beside it */
	}
	cb_doc_free(&d);
	return rc;
}

/* ---- saving ---- */

static int autofill(const struct cb_form *form, struct cb_ws *ws, struct cb_stanza *s)
{
	if (!form->is_new || strcmp(form->type->name, "chronology") != 0)
		return 0;
	const char *name, *email;
	int rc;
	if (!cb_stanza_get(s, "Recorded-By")) {
		if ((rc = cb_ws_author(ws, &name, &email)))
			return rc;
		struct cb_sb who = CB_SB_INIT;
		cb_sb_addf(&who, "%s <%s>", name, email);
		rc = cb_sb_failed(&who) ? cb_err(CB_ENOMEM, _("out of memory"))
					: cb_stanza_set(s, "Recorded-By", who.buf);
		cb_sb_free(&who);
		if (rc)
			return rc;
	}
	if (!cb_stanza_get(s, "Entered")) {
		struct cb_date today;
		char buf[11];
		cb_date_today(&today);
		cb_date_format(&today, buf);
		if ((rc = cb_stanza_set(s, "Entered", buf)))
			return rc;
	}
	return 0;
}

int cb_form_apply(const struct cb_form *form, struct cb_ws *ws, struct cb_doc *doc)
{
	struct cb_stanza *s = find_stanza(form, doc);
	if (!s && form->is_new)
		s = cb_record_add_item(doc, form->type, form->sd, form->item);
	if (!s)
		return form->is_new ? cb_err(CB_ENOMEM, _("out of memory"))
			: cb_err(CB_ENOTFOUND, _("someone else removed this item; "
						 "your values are kept in the form"));
	for (size_t i = 0; i < form->n; i++) {
		const struct cb_form_field *ff = &form->f[i];
		int rc = 0;
		if (*ff->value)
			rc = cb_stanza_set(s, ff->def->name, ff->value);
		else
			cb_stanza_remove(s, ff->def->name);
		if (rc)
			return rc;
	}
	int rc = autofill(form, ws, s);
	if (!rc && form->link_field[0])
		rc = cb_stanza_set(s, form->link_field, form->link_id);
	if (rc)
		return rc;
	cb_record_canonicalise(doc, form->type);
	return 0;
}

/* Spreads the record's problems over the fields; the rest go to
 * form->problem. Returns CB_EINVALID when there were any. */
static int check(struct cb_form *form, const struct cb_doc *doc)
{
	struct cb_problems p = { 0 };
	int rc = cb_validate(doc, form->type, form->person, &p);
	if (rc == CB_ENOMEM) {
		cb_problems_free(&p);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	form->problem[0] = '\0';
	if (rc == 0) {
		cb_problems_free(&p);
		return 0;
	}
	const struct cb_stanza *mine = find_stanza(form, doc);
	size_t mine_i = mine ? (size_t)(mine - doc->stanzas) : (size_t)-1;
	size_t len = 0;
	for (size_t k = 0; k < p.n; k++) {
		long fi = p.v[k].stanza == mine_i && p.v[k].field
			? cb_form_field_index(form, p.v[k].field) : -1;
		if (fi >= 0) {
			if (!form->f[fi].err[0])
				snprintf(form->f[fi].err, sizeof form->f[fi].err, "%s", p.v[k].msg);
		} else if (len < sizeof form->problem) {
			len += (size_t)snprintf(form->problem + len, sizeof form->problem - len,
						"%s%s", len ? "; " : "", p.v[k].msg);
		}
	}
	cb_problems_free(&p);
	return cb_err(CB_EINVALID, "%s", form->problem[0] ? form->problem
		      : _("some fields are not valid; see beside them"));
}

char *cb_form_summary(const struct cb_form *form, const char *person_name)
{
	struct cb_sb sb = CB_SB_INIT;
	char label[128];
	/* Labels are written for headings ("Chronology entry"); mid-sentence
	 * they read better starting in lower case. */
	snprintf(label, sizeof label, "%s", _(form->item[0] ? form->sd->label
					       : form->type->label));
	if (label[0] >= 'A' && label[0] <= 'Z' && !(label[1] >= 'A' && label[1] <= 'Z'))
		label[0] = (char)(label[0] + 32);
	if (form->is_new)
		cb_sb_addf(&sb, _("Add %s for %s"), label, person_name);
	else if (form->type->fixed_field && form->item[0])
		cb_sb_addf(&sb, _("Edit %s %s for %s"), label, form->item, person_name);
	else
		cb_sb_addf(&sb, _("Edit %s for %s"), label, person_name);
	if (cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		return NULL;
	}
	return cb_sb_take(&sb);
}

/* After a save: what was saved becomes what the form compares against. */
static int settle(struct cb_form *form, struct cb_doc *saved, const git_oid *commit)
{
	for (size_t i = 0; i < form->n; i++) {
		char *o = strdup(form->f[i].value);
		if (!o)
			return cb_err(CB_ENOMEM, _("out of memory"));
		free(form->f[i].orig);
		form->f[i].orig = o;
	}
	cb_doc_free(&form->orig);
	form->orig = *saved;
	memset(saved, 0, sizeof *saved);
	form->base = *commit;
	form->is_new = 0;
	return 0;
}

int cb_form_rebase(struct cb_form *form, struct cb_ws *ws, const git_oid *base)
{
	struct cb_doc then;
	int exists = 0;
	int rc = cb_ws_read(ws, base, form->person, form->type, &then, &exists);
	if (rc)
		return rc;
	cb_doc_free(&form->orig);
	form->orig = then;
	form->base = *base;
	return 0;
}

int cb_form_save(struct cb_form *form, struct cb_ws *ws, const char *summary,
		 git_oid *commit, int *made)
{
	git_oid base = form->base, out;
	*made = 0;
	form->problem[0] = '\0';
	for (size_t i = 0; i < form->n; i++) {
		form->f[i].err[0] = '\0';
		cb_validate_value(form->f[i].def, form->f[i].value, form->f[i].err);
	}
	for (int attempt = 0; attempt < 5; attempt++) {
		struct cb_doc doc;
		int exists = 0;
		int rc = cb_ws_read(ws, git_oid_is_zero(&base) ? NULL : &base,
				    form->person, form->type, &doc, &exists);
		if (rc)
			return rc;
		if (attempt > 0) {
			/* The tip moved: go on only if the stanza this form
			 * edits is as it was when the form opened. */
			const struct cb_stanza *then = find_stanza(form, &form->orig);
			const struct cb_stanza *now = find_stanza(form, &doc);
			if (!stanza_equal(then, now)) {
				cb_doc_free(&doc);
				return cb_err(CB_ECONFLICT, _("someone else changed this %s while "
							     "you were editing; your values are kept "
							     "as a draft"), _(form->sd->label));
			}
		}
		if ((rc = cb_form_apply(form, ws, &doc)) || (rc = check(form, &doc))) {
			cb_doc_free(&doc);
			return rc;
		}
		for (size_t i = 0; i < form->n; i++)
			if (form->f[i].err[0]) {
				cb_doc_free(&doc);
				return cb_err(CB_EINVALID, "%s", form->f[i].err);
			}
		struct cb_save sv = { form->person, form->type, &doc };
		rc = cb_ws_save(ws, &sv, 1, summary, &base, 0, &out, made);
		if (rc == CB_ECONFLICT) {
			cb_doc_free(&doc);
			cb_ws_tip(ws, &base);
			continue;
		}
		if (rc) {
			cb_doc_free(&doc);
			return rc;
		}
		if (!*made)
			out = base;
		if (commit)
			*commit = out;
		rc = settle(form, &doc, &out);
		cb_doc_free(&doc);
		return rc;
	}
	return cb_err(CB_ECONFLICT, _("other saves kept landing first; nothing was saved, "
				     "try again"));
}

int cb_stanza_filled(const struct cb_stanza *s, const struct cb_stanza_def *sd)
{
	for (size_t i = 0; s && sd && i < sd->nfields; i++) {
		const struct cb_field_def *fd = &sd->fields[i];
		if ((fd->type != CB_FT_TEXT && fd->type != CB_FT_LONGTEXT) ||
		    (fd->flags & CB_FF_AUTO))
			continue;
		const char *v = cb_stanza_get(s, fd->name);
		if (v && *v)
			return 1;
	}
	return 0;
}
