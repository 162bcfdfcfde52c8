/* ssda903.c - the OC3 file of the SSDA903 return from the person and
 * pathway-plan records; see ssda903.h and doc/ssda903.md.
 *
 * The people come from the index (id, date of birth, status), so the
 * choice of who is due costs one query; only the care leavers due in the
 * year have their pathway plan read from the repository. */
#include "ssda903.h"
#include "export_escape.h"
#include "export_read.h"

#include "date.h"
#include "err.h"
#include "i18n.h"
#include "index.h"
#include "record.h"
#include "schema.h"
#include "strbuf.h"
#include "workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const cb_oc3_columns[] = {
	"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM", NULL
};

/* The codes the return accepts (DfE SSDA903 guide; doc/ssda903.md).
 * schema_types.c offers the same lists in forms; they are repeated here
 * because a record may hold anything its author typed or merged. */
static const char *const in_touch[] = { "YES", "NO", "DIED", "REFU", "NREQ", "RHOM", NULL };
static const char *const activ[] = {
	"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", NULL
};
static const char *const accom[] = {
	"B", "C", "D", "E", "G", "H", "K", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", NULL
};
static const char *const suitable[] = { "1", "2", NULL };

struct who {
	char id[11];
	char dob[11];
	int leaver;
};

struct people {
	struct who *v;
	size_t n, cap;
	int oom;
};

static int collect(const struct cb_person_row *row, void *ctx)
{
	struct people *p = ctx;
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 32;
		struct who *v = realloc(p->v, cap * sizeof *v);
		if (!v) {
			p->oom = 1;
			return 1;
		}
		p->v = v;
		p->cap = cap;
	}
	struct who *w = &p->v[p->n++];
	memset(w, 0, sizeof *w);
	snprintf(w->id, sizeof w->id, "%s", row->id ? row->id : "");
	snprintf(w->dob, sizeof w->dob, "%s", row->dob ? row->dob : "");
	w->leaver = row->status && strcmp(row->status, "care-leaver") == 0;
	return 0;
}

static int cmp_who(const void *a, const void *b)
{
	return strcmp(((const struct who *)a)->id, ((const struct who *)b)->id);
}

static int add_error(struct cb_oc3 *o, const char *child, const char *field, char *problem)
{
	struct cb_oc3_error *v = realloc(o->err, (o->nerr + 1) * sizeof *v);
	char *f = strdup(field);
	if (!v || !problem || !f) {
		if (v)
			o->err = v;
		free(problem);
		free(f);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	o->err = v;
	struct cb_oc3_error *e = &o->err[o->nerr++];
	snprintf(e->child, sizeof e->child, "%s", child);
	e->field = f;
	e->problem = problem;
	return 0;
}

static char *fmt(const char *f, const char *value)
{
	char *clean = cb_export_clean(value);
	if (!clean)
		return NULL;
	struct cb_sb sb = CB_SB_INIT;
	cb_sb_addf(&sb, f, clean);
	free(clean);
	return cb_sb_take(&sb);
}

static int in_list(const char *const *list, const char *v)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], v) == 0)
			return 1;
	return 0;
}

/* A pathway-plan header field: "" when blank, else a code of list or an
 * error. Returns 1 when the field is fine, 0 when an error was added,
 * -1 on ENOMEM. */
static int code(struct cb_oc3 *o, const char *child, const struct cb_stanza *h,
		const char *name, const char *const *list, int required, const char **out)
{
	const char *v = cb_stanza_get(h, name);
	*out = v ? v : "";
	char field[64];
	snprintf(field, sizeof field, "pathway-plan: %s", name);
	if (!**out) {
		if (!required)
			return 1;
		return add_error(o, child, field,
				 strdup(strcmp(name, "In-Touch") == 0
					? _("missing: the return needs it for every care leaver")
					: _("missing: the return needs it when In-Touch is YES"))) ? -1 : 0;
	}
	if (in_list(list, *out))
		return 1;
	return add_error(o, child, field, fmt(_("\"%s\" is not an OC3 code"), *out)) ? -1 : 0;
}

/* One child's row, or errors. */
static int child(struct cb_ws *ws, const struct who *w, const struct cb_date *dob,
		 struct cb_oc3 *o, struct cb_sb *csv)
{
	const struct cb_record_type *t = cb_record_type_find("pathway-plan");
	struct cb_doc doc;
	int exists = 0;
	int rc = cb_ws_read(ws, NULL, w->id, t, &doc, &exists);
	if (rc)
		return rc;
	if (!exists) {
		cb_doc_free(&doc);
		return add_error(o, w->id, "pathway-plan",
				 strdup(_("no pathway plan: In-Touch, Main-Activity and Accommodation-Code "
					  "are kept there")));
	}
	const struct cb_stanza *h = &doc.stanzas[0];
	const char *touch, *act, *acc, *suit;
	size_t before = o->nerr;
	int ok = code(o, w->id, h, "In-Touch", in_touch, 1, &touch);
	int yes = strcmp(touch, "YES") == 0;
	if (ok == 1 && !*touch)
		ok = 0;
	int ok2 = code(o, w->id, h, "Main-Activity", activ, yes, &act);
	int ok3 = code(o, w->id, h, "Accommodation-Code", accom, yes, &acc);
	int ok4 = code(o, w->id, h, "Accommodation-Suitable", suitable, *acc != '\0', &suit);
	if (ok < 0 || ok2 < 0 || ok3 < 0 || ok4 < 0) {
		cb_doc_free(&doc);
		return CB_ENOMEM;
	}
	if (*suit && !*acc && add_error(o, w->id, "pathway-plan: Accommodation-Code",
					strdup(_("missing: Accommodation-Suitable is given without it")))) {
		cb_doc_free(&doc);
		return CB_ENOMEM;
	}
	if (o->nerr == before) {
		cb_sb_addf(csv, "%s,%02d/%02d/%04d,%s,%s,%s%s\r\n", w->id, dob->d, dob->m, dob->y,
			   touch, act, acc, suit);
		o->nrows++;
	}
	cb_doc_free(&doc);
	return 0;
}

/* Whether one of the 17th to 21st birthdays falls in the year. */
static int due(const struct cb_date *dob, long first, long last)
{
	for (int age = 17; age <= 21; age++) {
		struct cb_date b = *dob;
		b.y += age;
		if (b.m == 2 && b.d == 29 && !cb_date_valid(b.y, 2, 29))
			b.d = 28; /* a 29 February birthday is kept on the 28th */
		long day = cb_date_to_days(&b);
		if (day >= first && day <= last)
			return 1;
	}
	return 0;
}

int cb_ssda903_oc3(struct cb_ws *ws, int year, struct cb_oc3 *out)
{
	memset(out, 0, sizeof *out);
	struct people p = { 0 };
	int rc = cb_index_people(&ws->index, NULL, NULL, collect, &p);
	if (p.oom)
		rc = cb_err(CB_ENOMEM, _("out of memory"));
	if (rc) {
		free(p.v);
		return rc;
	}
	qsort(p.v, p.n, sizeof *p.v, cmp_who);
	struct cb_date from = { year - 1, 4, 1 }, to = { year, 3, 31 };
	long first = cb_date_to_days(&from), last = cb_date_to_days(&to);
	struct cb_sb csv = CB_SB_INIT;
	for (size_t i = 0; cb_oc3_columns[i]; i++)
		cb_sb_addf(&csv, "%s%s", i ? "," : "", cb_oc3_columns[i]);
	cb_sb_adds(&csv, "\r\n");
	for (size_t i = 0; !rc && i < p.n; i++) {
		const struct who *w = &p.v[i];
		if (!w->leaver)
			continue;
		struct cb_date dob;
		if (cb_date_parse(w->dob, &dob)) {
			rc = add_error(out, w->id, "person: Date-Of-Birth",
				       fmt(_("\"%s\" is not a date, so whether the child is due cannot be told"),
					   w->dob));
			continue;
		}
		if (due(&dob, first, last))
			rc = child(ws, w, &dob, out, &csv);
	}
	free(p.v);
	if (!rc && cb_sb_failed(&csv))
		rc = cb_err(CB_ENOMEM, _("out of memory"));
	if (rc) {
		cb_sb_free(&csv);
		cb_oc3_free(out);
		return rc;
	}
	out->len = csv.len;
	out->csv = cb_sb_take(&csv);
	return 0;
}

void cb_oc3_free(struct cb_oc3 *o)
{
	for (size_t i = 0; i < o->nerr; i++) {
		free(o->err[i].field);
		free(o->err[i].problem);
	}
	free(o->err);
	free(o->csv);
	memset(o, 0, sizeof *o);
}

char *cb_oc3_errors_csv(const struct cb_oc3 *o, size_t *len)
{
	struct cb_sb sb = CB_SB_INIT;
	cb_sb_adds(&sb, "CHILD,FIELD,PROBLEM\r\n");
	for (size_t i = 0; i < o->nerr; i++) {
		cb_escape_csv(&sb, o->err[i].child);
		cb_sb_addc(&sb, ',');
		cb_escape_csv(&sb, o->err[i].field);
		cb_sb_addc(&sb, ',');
		cb_escape_csv(&sb, o->err[i].problem);
		cb_sb_adds(&sb, "\r\n");
	}
	if (cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		cb_err(CB_ENOMEM, _("out of memory"));
		return NULL;
	}
	*len = sb.len;
	return cb_sb_take(&sb);
}

int cb_oc3_year_for(const char *on)
{
	struct cb_date d;
	if (cb_date_parse(on, &d))
		return 0;
	return d.m >= 4 ? d.y : d.y - 1;
}

int cb_export_ssda903(struct cb_ws *ws, const char *person_id, const char *path,
		      const struct cb_export_ctx *x)
{
	(void)person_id;
	char on[11];
	int rc = cb_export_produced_on(x, on);
	if (rc)
		return rc;
	cb_export_progress(x, 0, 1, _("Reading the care leavers' records"));
	struct cb_oc3 o;
	rc = cb_ssda903_oc3(ws, cb_oc3_year_for(on), &o);
	if (rc)
		return rc;
	if (o.nerr)
		rc = cb_err(CB_EINVALID,
			    ngettext("%zu problem keeps children out of the return, the first "
				     "%s, %s: %s; nothing was exported (casebook export ssda903 "
				     "--errors FILE lists them all)",
				     "%zu problems keep children out of the return, the first "
				     "%s, %s: %s; nothing was exported (casebook export ssda903 "
				     "--errors FILE lists them all)", o.nerr),
			    o.nerr, o.err[0].child, o.err[0].field, o.err[0].problem);
	else
		rc = cb_export_write_file(path, o.csv, o.len);
	cb_oc3_free(&o);
	if (!rc)
		cb_export_progress(x, 1, 1, NULL);
	return rc;
}
