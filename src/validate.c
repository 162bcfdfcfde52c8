/* validate.c - checks a record against its type's field table; see
 * validate.h.
 *
 * Every problem is collected, not just the first, so a practitioner fixing
 * a record (or an auditor running verify) sees the whole list at once.
 * A problem's message starts with the field name ("Date: no such date
 * 2024-02-30"), so it reads on its own under a form field and after a
 * line number in cb_problems_format.
 *
 * Values come from the repository and are untrusted: any value quoted in a
 * message is cut short and has its control characters replaced, so a
 * message is always one short line. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "validate.h"
#include "choice.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "i18n.h"
#include "strbuf.h"

#define MSG_SIZE 256
#define ITEM_ID_MAX 40
#define PERSON_ID_LEN 10
#define INT_DIGITS_MAX 9
/* Bytes of an untrusted value quoted in a message. */
#define EXCERPT_MAX 40
#define EXCERPT_SIZE (EXCERPT_MAX + 4)

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Date fields that must not come before another in the same stanza. */
static const struct {
	const char *later, *earlier;
} date_order[] = {
	{ "Died", "Born" },
	{ "End", "Start" },
	{ "Date-Of-Death", "Date-Of-Birth" },
	{ "Next-Review", "Last-Review" },
	{ "Last-Review", "Start" },
	{ "Review-Point", "Start" },
	{ "Decision-Date", "Start" },
};

/* ---- small text helpers ---- */

/* ASCII case-insensitive equality, as deb822 field names compare. */
static int name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (ca != cb)
			return 0;
	}
	return *a == *b;
}

/* Empty and whitespace-only values are the same to a user: nothing. */
static int is_blank(const char *v)
{
	if (!v)
		return 1;
	for (; *v; v++)
		if (*v != ' ' && *v != '\t' && *v != '\n')
			return 0;
	return 1;
}

/* Length of the UTF-8 sequence a lead byte starts (1 for anything odd, so
 * a broken byte is dealt with on its own). */
static size_t utf8_seq_len(unsigned char c)
{
	if (c >= 0xf0 && c < 0xf8)
		return 4;
	if (c >= 0xe0)
		return c < 0xf0 ? 3 : 1;
	if (c >= 0xc0)
		return 2;
	return 1;
}

/* Drops a multi-byte character cut in half at the end of s. */
static void utf8_trim_tail(char *s)
{
	size_t len = strlen(s), i = len;
	while (i > 0 && len - i < 4 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0 || ((unsigned char)s[i - 1] & 0x80) == 0)
		return;
	if (i - 1 + utf8_seq_len((unsigned char)s[i - 1]) > len)
		s[i - 1] = '\0';
}

/* A quotable copy of an untrusted value: at most EXCERPT_MAX bytes, whole
 * characters only, control characters shown as '?', "..." when cut. */
static void excerpt(char out[EXCERPT_SIZE], const char *v)
{
	size_t o = 0;
	while (*v) {
		unsigned char c = (unsigned char)*v;
		size_t n = utf8_seq_len(c);
		if (o + n > EXCERPT_MAX) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		size_t k = 1;
		while (k < n && ((unsigned char)v[k] & 0xc0) == 0x80)
			k++;
		/* Control characters and broken UTF-8 become one '?' each. */
		if (c < 0x20 || c == 0x7f || k < n || (c >= 0x80 && n == 1)) {
			out[o++] = '?';
			v++;
			continue;
		}
		memcpy(out + o, v, k);
		o += k;
		v += k;
	}
	out[o] = '\0';
}

static void fmt_msg(char msg[MSG_SIZE], const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* snprintf that never leaves half a character at a cut. */
static void fmt_msg(char msg[MSG_SIZE], const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(msg, MSG_SIZE, fmt, ap);
	va_end(ap);
	if (n >= MSG_SIZE)
		utf8_trim_tail(msg);
}

/* ---- one value against one field definition ---- */

/* The first and last dates a range allows; today is needed for "past". */
static void range_bounds(enum cb_date_range r, const struct cb_date *today,
			 struct cb_date *lo, struct cb_date *hi)
{
	lo->y = r == CB_DR_PLAN ? 2000 : 1900;
	lo->m = lo->d = 1;
	hi->y = 2100;
	hi->m = 12;
	hi->d = 31;
	if (r == CB_DR_PAST) {
		/* One day of slack: a record saved just after midnight in
		 * another time zone is still "today" for its author. */
		cb_days_to_date(cb_date_to_days(today) + 1, hi);
	}
}

/* Cuts a full date down to the precision of a fuzzy one, so that "2024"
 * is compared with years only and "2024-03" with months. */
static struct cb_date at_precision(const struct cb_date *full,
				   const struct cb_date *like)
{
	struct cb_date r = *full;
	if (like->m == 0)
		r.m = 0;
	if (like->d == 0)
		r.d = 0;
	return r;
}

static int check_range(const struct cb_field_def *fd, const char *v,
		       const struct cb_date *dt, const struct cb_date *today,
		       char msg[MSG_SIZE])
{
	struct cb_date lo, hi;
	range_bounds(fd->range, today, &lo, &hi);
	struct cb_date plo = at_precision(&lo, dt), phi = at_precision(&hi, dt);
	char b[11];
	if (cb_date_cmp(dt, &plo) < 0) {
		cb_date_format(&lo, b);
		fmt_msg(msg, _("%s: %s is before %s, the earliest date allowed here"),
			fd->name, v, b);
		return CB_EINVALID;
	}
	if (cb_date_cmp(dt, &phi) > 0) {
		cb_date_format(&hi, b);
		if (fd->range == CB_DR_PAST)
			fmt_msg(msg, _("%s: %s is in the future; the latest date allowed is %s"),
				fd->name, v, b);
		else
			fmt_msg(msg, _("%s: %s is after %s, the latest date allowed here"),
				fd->name, v, b);
		return CB_EINVALID;
	}
	return 0;
}

/* Digits and dashes in the places a date has them: tells "not a date at
 * all" from "no such day" so each gets the message that helps. */
static int date_shaped(const char *v, int fuzzy)
{
	size_t len = strlen(v);
	if (len != 10 && !(fuzzy && (len == 4 || len == 7)))
		return 0;
	for (size_t i = 0; i < len; i++) {
		int dash = i == 4 || i == 7;
		if (dash ? v[i] != '-' : (v[i] < '0' || v[i] > '9'))
			return 0;
	}
	return 1;
}

static int check_date(const struct cb_field_def *fd, const char *v,
		      const struct cb_date *today, char msg[MSG_SIZE])
{
	int fuzzy = fd->type == CB_FT_FUZZY_DATE;
	char ex[EXCERPT_SIZE];
	struct cb_date dt;
	if (!date_shaped(v, fuzzy)) {
		excerpt(ex, v);
		if (fuzzy)
			fmt_msg(msg, _("%s: \"%s\" is not a date; write YYYY-MM-DD, or YYYY-MM or YYYY when estimated"),
				fd->name, ex);
		else
			fmt_msg(msg, _("%s: \"%s\" is not a date; write it as YYYY-MM-DD"),
				fd->name, ex);
		return CB_EINVALID;
	}
	if ((fuzzy ? cb_fuzzy_date_parse(v, &dt) : cb_date_parse(v, &dt)) != 0) {
		fmt_msg(msg, _("%s: no such date %s"), fd->name, v);
		return CB_EINVALID;
	}
	return check_range(fd, v, &dt, today, msg);
}

static int check_choice(const struct cb_field_def *fd, const char *v,
			char msg[MSG_SIZE])
{
	const char *canon;
	if (cb_choice_match(fd, v, &canon) == CB_CHOICE_EXACT)
		return 0;
	char ex[EXCERPT_SIZE];
	excerpt(ex, v);
	char why[1024];
	cb_choice_explain(fd, ex, why, sizeof why);
	fmt_msg(msg, "%s", why);
	return CB_EINVALID;
}

static int item_id_ok(const char *v)
{
	size_t n = 0;
	for (; v[n]; n++) {
		char c = v[n];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		      (c >= 'a' && c <= 'z') || c == '-'))
			return 0;
		if (n >= ITEM_ID_MAX)
			return 0;
	}
	return n > 0;
}

static int person_id_ok(const char *v)
{
	size_t n = 0;
	for (; v[n]; n++)
		if (n >= PERSON_ID_LEN || !strchr(crockford, v[n]))
			return 0;
	return n == PERSON_ID_LEN;
}

/* local@domain.tld over len bytes of s: the shape every mail system
 * accepts, without trying to follow RFC 5322 to the letter. */
static int email_ok(const char *s, size_t len)
{
	const char *at = NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7f || c == '<' || c == '>')
			return 0;
		if (c == '@') {
			if (at)
				return 0;
			at = s + i;
		}
	}
	if (!at || at == s)
		return 0;
	const char *dom = at + 1;
	size_t dlen = len - (size_t)(dom - s);
	if (dlen == 0 || dom[0] == '.' || dom[dlen - 1] == '.')
		return 0;
	int dot = 0;
	for (size_t i = 0; i < dlen; i++) {
		if (dom[i] != '.')
			continue;
		if (dom[i + 1] == '.')
			return 0;
		dot = 1;
	}
	return dot;
}

/* "Name <email>", as git writes an author. */
static int identity_ok(const char *v)
{
	const char *lt = strchr(v, '<');
	size_t len = strlen(v);
	if (!lt || strchr(lt + 1, '<') || len < 2 || v[len - 1] != '>')
		return 0;
	size_t nlen = (size_t)(lt - v);
	/* A name, one space, then the address. */
	if (nlen < 2 || v[nlen - 1] != ' ' || v[0] == ' ' || v[nlen - 2] == ' ')
		return 0;
	for (size_t i = 0; i < nlen; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f || v[i] == '>')
			return 0;
	return email_ok(lt + 1, len - nlen - 2);
}

static int int_ok(const char *v)
{
	size_t n = 0;
	for (; v[n]; n++)
		if (v[n] < '0' || v[n] > '9' || n >= INT_DIGITS_MAX)
			return 0;
	return n > 0;
}

/* Checks a non-blank value's form. */
static int check_form(const struct cb_field_def *fd, const char *v,
		      const struct cb_date *today, char msg[MSG_SIZE])
{
	char ex[EXCERPT_SIZE];
	excerpt(ex, v);
	switch (fd->type) {
	case CB_FT_LONGTEXT:
		return 0;
	case CB_FT_TEXT:
		if (!strchr(v, '\n'))
			return 0;
		fmt_msg(msg, _("%s: must be a single line"), fd->name);
		return CB_EINVALID;
	case CB_FT_DATE:
	case CB_FT_FUZZY_DATE:
		return check_date(fd, v, today, msg);
	case CB_FT_CHOICE:
		return check_choice(fd, v, msg);
	case CB_FT_ID:
	case CB_FT_MEMBER_REF:
		if (item_id_ok(v))
			return 0;
		fmt_msg(msg, _("%s: \"%s\" is not a valid id; use 1 to 40 letters, digits or '-'"),
			fd->name, ex);
		return CB_EINVALID;
	case CB_FT_PERSON_REF:
		if (person_id_ok(v))
			return 0;
		fmt_msg(msg, _("%s: \"%s\" is not a person id; use 10 characters from 0-9 and A-Z without I, L, O, U"),
			fd->name, ex);
		return CB_EINVALID;
	case CB_FT_EMAIL:
		if (email_ok(v, strlen(v)))
			return 0;
		fmt_msg(msg, _("%s: \"%s\" is not an email address like name@example.org"),
			fd->name, ex);
		return CB_EINVALID;
	case CB_FT_IDENTITY:
		if (identity_ok(v))
			return 0;
		fmt_msg(msg, _("%s: \"%s\" is not a name and email address like Sam Patel <sam.patel@example.org>"),
			fd->name, ex);
		return CB_EINVALID;
	case CB_FT_INT:
		if (int_ok(v))
			return 0;
		fmt_msg(msg, _("%s: \"%s\" is not a whole number; use digits only, at most 9"),
			fd->name, ex);
		return CB_EINVALID;
	}
	/* A type newer than this code: nothing known to check. */
	return 0;
}

static int check_value(const struct cb_field_def *fd, const char *v,
		       const struct cb_date *today, char msg[MSG_SIZE])
{
	msg[0] = '\0';
	if (is_blank(v)) {
		if (!(fd->flags & CB_FF_REQUIRED))
			return 0;
		fmt_msg(msg, _("%s: required"), fd->name);
		return CB_EINVALID;
	}
	return check_form(fd, v, today, msg);
}

int cb_validate_value(const struct cb_field_def *fd, const char *value,
		      char msg[256])
{
	struct cb_date today;
	cb_date_today(&today);
	int rc = check_value(fd, value, &today, msg);
	if (rc)
		cb_err(rc, "%s", msg);
	return rc;
}

/* ---- a whole record ---- */

struct idref {
	const char *id;
	size_t stanza;
};

struct vctx {
	const struct cb_doc *doc;
	const struct cb_record_type *t;
	struct cb_problems *out;
	struct cb_date today;
	int nomem;
	unsigned char *dup;      /* per stanza: its Id repeats an earlier one */
	const char **members;    /* sorted Ids of member items */
	size_t nmembers;
	size_t *plans;           /* stanzas of plan items (plan records) */
	size_t nplans;
};

static void add_problem(struct vctx *c, size_t stanza, const char *field,
			const char *msg)
{
	struct cb_problems *p = c->out;
	if (c->nomem)
		return;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		struct cb_problem *nv = realloc(p->v, cap * sizeof *nv);
		if (!nv) {
			c->nomem = 1;
			return;
		}
		p->v = nv;
		p->cap = cap;
	}
	struct cb_problem *pr = &p->v[p->n++];
	pr->stanza = stanza;
	pr->field = field;
	snprintf(pr->msg, sizeof pr->msg, "%s", msg);
}

static void add_problemf(struct vctx *c, size_t stanza, const char *field,
			 const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add_problemf(struct vctx *c, size_t stanza, const char *field,
			 const char *fmt, ...)
{
	char msg[MSG_SIZE];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (n >= MSG_SIZE)
		utf8_trim_tail(msg);
	add_problem(c, stanza, field, msg);
}

/* The kind definition of item stanza s, or NULL for a kind this version
 * does not know (kept from a newer casebook). */
static const struct cb_stanza_def *item_def(const struct cb_record_type *t,
					    const struct cb_stanza *s)
{
	if (t->nitems == 0)
		return NULL;
	if (t->nitems == 1 || !t->kind_field)
		return &t->items[0];
	const char *kind = cb_stanza_get(s, t->kind_field);
	if (!kind)
		return NULL;
	for (size_t k = 0; k < t->nitems; k++)
		if (t->items[k].kind && strcmp(t->items[k].kind, kind) == 0)
			return &t->items[k];
	return NULL;
}

static const struct cb_field_def *find_def(const struct cb_stanza_def *sd,
					   const char *name)
{
	for (size_t i = 0; i < sd->nfields; i++)
		if (name_eq(sd->fields[i].name, name))
			return &sd->fields[i];
	return NULL;
}

static int is_date_type(const struct cb_field_def *fd)
{
	return fd && (fd->type == CB_FT_DATE || fd->type == CB_FT_FUZZY_DATE);
}

/* "Died" before "Born" and the like: compared at the coarser of the two
 * precisions, so "Died: 1990" does not clash with "Born: 1990-06-01". */
static void check_date_order(struct vctx *c, size_t si,
			     const struct cb_stanza_def *sd)
{
	const struct cb_stanza *s = &c->doc->stanzas[si];
	char msg[MSG_SIZE];
	for (size_t r = 0; r < sizeof date_order / sizeof date_order[0]; r++) {
		const struct cb_field_def *fl = find_def(sd, date_order[r].later);
		const struct cb_field_def *fe = find_def(sd, date_order[r].earlier);
		if (!is_date_type(fl) || !is_date_type(fe))
			continue;
		const char *vl = cb_stanza_get(s, fl->name);
		const char *ve = cb_stanza_get(s, fe->name);
		struct cb_date dl, de;
		/* Blank or malformed dates are reported on their own. */
		if (is_blank(vl) || is_blank(ve) ||
		    check_value(fl, vl, &c->today, msg) ||
		    check_value(fe, ve, &c->today, msg) ||
		    cb_fuzzy_date_parse(vl, &dl) || cb_fuzzy_date_parse(ve, &de))
			continue;
		struct cb_date pl = at_precision(&dl, &de), pe = at_precision(&de, &dl);
		if (cb_date_cmp(&pl, &pe) < 0)
			add_problemf(c, si, fl->name,
				     _("%s: %s is before %s %s; it must be the same or later"),
				     fl->name, vl, fe->name, ve);
	}
}

static int member_exists(const struct vctx *c, const char *id);

/* Checks each field sd defines, skipping those named in skip (checked by
 * the caller with messages of their own). */
static void check_fields(struct vctx *c, size_t si,
			 const struct cb_stanza_def *sd,
			 const char *const *skip)
{
	const struct cb_stanza *s = &c->doc->stanzas[si];
	char msg[MSG_SIZE];
	for (size_t f = 0; f < sd->nfields; f++) {
		const struct cb_field_def *fd = &sd->fields[f];
		int skipped = 0;
		for (const char *const *k = skip; *k; k++)
			skipped |= name_eq(fd->name, *k);
		if (skipped)
			continue;
		const char *v = cb_stanza_get(s, fd->name);
		if (check_value(fd, v, &c->today, msg)) {
			add_problem(c, si, fd->name, msg);
			continue;
		}
		if (fd->type == CB_FT_MEMBER_REF && !is_blank(v) &&
		    !member_exists(c, v)) {
			char ex[EXCERPT_SIZE];
			excerpt(ex, v);
			add_problemf(c, si, fd->name,
				     _("%s: no member with Id %s in this genogram"),
				     fd->name, ex);
		}
	}
	check_date_order(c, si, sd);
}

static void check_header(struct vctx *c, const char *person_id)
{
	const struct cb_stanza *s = &c->doc->stanzas[0];
	const struct cb_record_type *t = c->t;
	/* A person record names its subject by its own Id; every other
	 * record points at the person it belongs to. */
	const char *subject = strcmp(t->name, "person") == 0 ? "Id" : "Person";
	char ex[EXCERPT_SIZE];

	const char *v = cb_stanza_get(s, "Record");
	if (is_blank(v)) {
		add_problemf(c, 0, "Record", _("%s: required"), "Record");
	} else if (strcmp(v, t->name) != 0) {
		excerpt(ex, v);
		add_problemf(c, 0, "Record",
			     _("Record: \"%s\" is the wrong type; this record must say %s"),
			     ex, t->name);
	}

	v = cb_stanza_get(s, "Schema");
	if (is_blank(v)) {
		add_problemf(c, 0, "Schema", _("%s: required"), "Schema");
	} else if (strcmp(v, CB_SCHEMA_VERSION) != 0) {
		excerpt(ex, v);
		add_problemf(c, 0, "Schema",
			     _("Schema: version \"%s\" is not supported; this casebook reads version %s"),
			     ex, CB_SCHEMA_VERSION);
	}

	v = cb_stanza_get(s, subject);
	excerpt(ex, v ? v : "");
	if (is_blank(v))
		add_problemf(c, 0, subject, _("%s: required"), subject);
	else if (!person_id_ok(v))
		add_problemf(c, 0, subject,
			     _("%s: \"%s\" is not a person id; use 10 characters from 0-9 and A-Z without I, L, O, U"),
			     subject, ex);
	else if (person_id && strcmp(v, person_id) != 0)
		add_problemf(c, 0, subject,
			     _("%s: %s does not match the person this record belongs to, %s"),
			     subject, ex, person_id);

	if (t->header) {
		const char *const skip[] = { "Record", "Schema", subject, NULL };
		check_fields(c, 0, t->header, skip);
	}
}

static void check_item(struct vctx *c, size_t si)
{
	const struct cb_stanza *s = &c->doc->stanzas[si];
	const char *id = cb_stanza_get(s, "Id");
	char ex[EXCERPT_SIZE];
	excerpt(ex, id ? id : "");
	if (is_blank(id))
		add_problemf(c, si, "Id", _("%s: required"), "Id");
	else if (!item_id_ok(id))
		add_problemf(c, si, "Id",
			     _("%s: \"%s\" is not a valid id; use 1 to 40 letters, digits or '-'"),
			     "Id", ex);
	else if (c->dup[si])
		add_problemf(c, si, "Id",
			     _("Id: %s is used by more than one item in this record"),
			     ex);

	const struct cb_stanza_def *sd = item_def(c->t, s);
	if (sd) {
		const char *const skip[] = { "Id", NULL };
		check_fields(c, si, sd, skip);
	}
}

static int cmp_idref(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int r = strcmp(x->id, y->id);
	if (r)
		return r;
	return x->stanza < y->stanza ? -1 : x->stanza > y->stanza;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int member_exists(const struct vctx *c, const char *id)
{
	return c->nmembers &&
	       bsearch(&id, c->members, c->nmembers, sizeof *c->members,
		       cmp_str) != NULL;
}

/* Finds repeated item Ids and the Ids of member items. Sorting keeps this
 * O(n log n): a chronology can hold thousands of entries. */
static int index_items(struct vctx *c)
{
	size_t n = c->doc->nstanzas;
	struct idref *refs = malloc(n * sizeof *refs);
	c->dup = calloc(n, 1);
	c->members = malloc(n * sizeof *c->members);
	c->plans = malloc(n * sizeof *c->plans);
	if (!refs || !c->dup || !c->members || !c->plans) {
		free(refs);
		return CB_ENOMEM;
	}
	size_t nref = 0;
	for (size_t i = 1; i < n; i++) {
		const struct cb_stanza *s = &c->doc->stanzas[i];
		const char *id = cb_stanza_get(s, "Id");
		if (is_blank(id))
			continue;
		refs[nref].id = id;
		refs[nref++].stanza = i;
		const struct cb_stanza_def *sd = item_def(c->t, s);
		if (sd && sd->kind && strcmp(sd->kind, "member") == 0)
			c->members[c->nmembers++] = id;
		if (sd && sd->kind && strcmp(sd->kind, "plan") == 0)
			c->plans[c->nplans++] = i;
	}
	qsort(refs, nref, sizeof *refs, cmp_idref);
	for (size_t i = 1; i < nref; i++)
		if (strcmp(refs[i].id, refs[i - 1].id) == 0)
			c->dup[refs[i].stanza] = 1;
	qsort(c->members, c->nmembers, sizeof *c->members, cmp_str);
	free(refs);
	return 0;
}

/* ---- plan records: rules across stanzas ----
 *
 * What a practitioner (and a court) expects of a child's plans beyond
 * each field's own form: every action and meeting belongs to a plan that
 * exists; the pre-proceedings fields appear only on pre-proceedings plans;
 * a child protection plan names its category of concern; meetings are of
 * a kind the plan has; an action's status and done date agree; and a child
 * is never on two plans of the same type at once. Whether a plan is in
 * time (reviews, visits, drift) is for the alerts, not validation. */

static const char *const pre_proceedings_only[] = {
	"Letter-Before-Proceedings", "Review-Point", "Decision", "Decision-Date", NULL
};

/* Meeting types that belong to one plan type; others suit any plan. */
static const struct {
	const char *meeting, *plan;
} meeting_plan[] = {
	{ "initial-conference", "child-protection" },
	{ "review-conference", "child-protection" },
	{ "core-group", "child-protection" },
	{ "cin-review", "child-in-need" },
	{ "plo-meeting", "pre-proceedings" },
};

static const char *sget(const struct vctx *c, size_t si, const char *name)
{
	return cb_stanza_get(&c->doc->stanzas[si], name);
}

/* The plan stanza with this Id, or 0 (the header) when there is none. */
static size_t plan_stanza(const struct vctx *c, const char *id)
{
	for (size_t i = 0; i < c->nplans; i++) {
		const char *pid = sget(c, c->plans[i], "Id");
		if (pid && strcmp(pid, id) == 0)
			return c->plans[i];
	}
	return 0;
}

/* Start and End as day numbers; an open plan runs on for ever. Returns 0
 * when Start is not a date (reported on its own). */
static int plan_span(const struct vctx *c, size_t si, long *start, long *end)
{
	struct cb_date d;
	const char *v = sget(c, si, "Start");
	if (is_blank(v) || cb_date_parse(v, &d))
		return 0;
	*start = cb_date_to_days(&d);
	v = sget(c, si, "End");
	if (is_blank(v))
		*end = 0x7fffffffL;
	else if (cb_date_parse(v, &d))
		return 0;
	else
		*end = cb_date_to_days(&d);
	return 1;
}

static void check_plan_stanza(struct vctx *c, size_t si)
{
	const char *type = sget(c, si, "Type");
	const struct cb_stanza_def *sd = item_def(c->t, &c->doc->stanzas[si]);
	const struct cb_field_def *tf = find_def(sd, "Type");
	if (is_blank(type) || !tf || cb_choice_index(tf, type) < 0)
		return; /* reported as required or not a choice */
	if (strcmp(type, "pre-proceedings") != 0) {
		for (const char *const *f = pre_proceedings_only; *f; f++)
			if (!is_blank(sget(c, si, *f)))
				add_problemf(c, si, *f,
					     _("%s: only a pre-proceedings plan has this; this plan is %s"),
					     *f, type);
	}
	if (strcmp(type, "child-protection") == 0 && is_blank(sget(c, si, "Category")))
		add_problemf(c, si, "Category",
			     _("Category: required on a child-protection plan (%s)"),
			     "neglect, physical-abuse, emotional-abuse, sexual-abuse, multiple");
	int dec = !is_blank(sget(c, si, "Decision"));
	int ddate = !is_blank(sget(c, si, "Decision-Date"));
	if (dec && !ddate)
		add_problemf(c, si, "Decision-Date",
			     _("Decision-Date: required when Decision is set"));
	if (ddate && !dec)
		add_problemf(c, si, "Decision",
			     _("Decision: required when Decision-Date is set"));
	if (!is_blank(sget(c, si, "End-Reason")) && is_blank(sget(c, si, "End")))
		add_problemf(c, si, "End-Reason",
			     _("End-Reason: the plan has no End date; set End too, or leave End-Reason empty"));

	/* Two plans of one type at once: reported on the later one. */
	long s0, e0;
	if (!plan_span(c, si, &s0, &e0))
		return;
	for (size_t k = 0; k < c->nplans; k++) {
		size_t sj = c->plans[k];
		long s1, e1;
		const char *t1 = sget(c, sj, "Type");
		if (sj == si || !t1 || strcmp(t1, type) != 0 ||
		    !plan_span(c, sj, &s1, &e1))
			continue;
		/* Later start (ties broken by stanza order) reports it. */
		if (s1 > s0 || (s1 == s0 && sj > si))
			continue;
		if (s0 < e1 || s0 == s1) {
			char ex[EXCERPT_SIZE];
			excerpt(ex, sget(c, sj, "Id"));
			add_problemf(c, si, "Start",
				     _("Start: the %s plan %s (from %s) is still open then; end it first"),
				     type, ex, sget(c, sj, "Start"));
			break;
		}
	}
}

static void check_plan_child(struct vctx *c, size_t si, const char *kind)
{
	const char *pid = sget(c, si, "Plan");
	if (is_blank(pid) || !item_id_ok(pid))
		return; /* reported by check_fields */
	size_t ps = plan_stanza(c, pid);
	if (!ps) {
		char ex[EXCERPT_SIZE];
		excerpt(ex, pid);
		add_problemf(c, si, "Plan", _("Plan: no plan with Id %s in this record"), ex);
		return;
	}
	const char *ptype = sget(c, ps, "Type");
	if (strcmp(kind, "meeting") == 0) {
		const char *mt = sget(c, si, "Type");
		for (size_t i = 0; mt && ptype && i < sizeof meeting_plan / sizeof meeting_plan[0]; i++)
			if (strcmp(mt, meeting_plan[i].meeting) == 0 &&
			    strcmp(ptype, meeting_plan[i].plan) != 0) {
				char ex[EXCERPT_SIZE];
				excerpt(ex, ptype);
				add_problemf(c, si, "Type",
					     _("Type: a %s is held only on a %s plan; this plan is %s"),
					     mt, meeting_plan[i].plan, ex);
			}
		return;
	}
	const char *status = sget(c, si, "Status");
	int done = !is_blank(sget(c, si, "Done"));
	if (status && strcmp(status, "done") == 0 && !done)
		add_problemf(c, si, "Done", _("Done: required when Status is done"));
	if ((is_blank(status) || strcmp(status, "open") == 0) && done)
		add_problemf(c, si, "Done",
			     _("Done: the action is still open; set Status to done or cancelled, or leave Done empty"));
}

static void check_plans(struct vctx *c)
{
	for (size_t i = 1; i < c->doc->nstanzas; i++) {
		const struct cb_stanza_def *sd = item_def(c->t, &c->doc->stanzas[i]);
		if (!sd || !sd->kind)
			continue;
		if (strcmp(sd->kind, "plan") == 0)
			check_plan_stanza(c, i);
		else if (strcmp(sd->kind, "action") == 0 || strcmp(sd->kind, "meeting") == 0)
			check_plan_child(c, i, sd->kind);
	}
}

int cb_validate(const struct cb_doc *doc, const struct cb_record_type *t,
		const char *person_id, struct cb_problems *out)
{
	struct vctx c = { .doc = doc, .t = t, .out = out };
	size_t before = out->n;
	int rc = 0;
	cb_date_today(&c.today);

	if (doc->nstanzas == 0) {
		add_problem(&c, 0, NULL,
			    _("the record is empty; it needs a header with Record, Schema and the person's id"));
		goto done;
	}
	rc = index_items(&c);
	if (rc)
		goto cleanup;
	check_header(&c, person_id);
	for (size_t i = 1; i < doc->nstanzas; i++)
		check_item(&c, i);
	if (strcmp(t->name, "plan") == 0)
		check_plans(&c);
done:
	if (c.nomem) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
	} else if (out->n > before) {
		size_t more = out->n - before - 1;
		const char *first = out->v[before].msg;
		if (more == 0)
			rc = cb_err(CB_EINVALID, "%s", first);
		else
			rc = cb_err(CB_EINVALID, ngettext("%s (and %zu more problem)",
							  "%s (and %zu more problems)", more),
				    first, more);
	}
cleanup:
	if (rc == CB_ENOMEM && !c.nomem)
		cb_err(CB_ENOMEM, _("out of memory"));
	free(c.dup);
	free(c.members);
	free(c.plans);
	return rc;
}

char *cb_problems_format(const struct cb_problems *p, const struct cb_doc *doc)
{
	struct cb_sb sb = CB_SB_INIT;
	/* Terminated from the start, so no problems gives "", not NULL. */
	cb_sb_add(&sb, "", 0);
	for (size_t i = 0; i < p->n; i++) {
		const struct cb_problem *pr = &p->v[i];
		size_t line = doc && pr->stanza < doc->nstanzas ?
				      doc->stanzas[pr->stanza].line : 0;
		/* Stanzas are counted from 1 for people, as lines are. */
		if (line)
			cb_sb_addf(&sb, _("line %zu: %s"), line, pr->msg);
		else
			cb_sb_addf(&sb, _("stanza %zu: %s"), pr->stanza + 1, pr->msg);
		cb_sb_addc(&sb, '\n');
	}
	return cb_sb_take(&sb);
}

void cb_problems_free(struct cb_problems *p)
{
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}
