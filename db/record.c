/* record.c - typed records over the deb822 layer; see record.h. */
#include "record.h"
#include "err.h"
#include "i18n.h"
#include "id.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *header_subject_field(const struct cb_record_type *t)
{
	return strcmp(t->name, "person") == 0 ? "Id" : "Person";
}

const struct cb_stanza_def *cb_record_stanza_def(const struct cb_doc *doc,
						 const struct cb_record_type *t,
						 size_t i)
{
	if (i == 0)
		return t->header;
	if (i >= doc->nstanzas || t->nitems == 0)
		return NULL;
	if (!t->kind_field)
		return &t->items[0];
	const char *kind = cb_stanza_get(&doc->stanzas[i], t->kind_field);
	for (size_t k = 0; kind && k < t->nitems; k++)
		if (strcmp(t->items[k].kind, kind) == 0)
			return &t->items[k];
	return NULL;
}

/* Schema fields in table order (respelt), then unknown fields by name. */
static int unknown_cmp(const void *a, const void *b)
{
	const struct cb_field *x = a, *y = b;
	return strcmp(x->name, y->name);
}

static void order_fields(struct cb_stanza *s, const struct cb_stanza_def *sd)
{
	if (!sd || s->nfields < 1)
		goto unknown_only;
	size_t out = 0;
	for (size_t f = 0; f < sd->nfields; f++) {
		for (size_t j = out; j < s->nfields; j++) {
			if (strcasecmp(s->fields[j].name, sd->fields[f].name) != 0)
				continue;
			struct cb_field tmp = s->fields[j];
			memmove(&s->fields[out + 1], &s->fields[out],
				(j - out) * sizeof *s->fields);
			s->fields[out] = tmp;
			/* Respell in place: same length, differing only in case. */
			memcpy(s->fields[out].name, sd->fields[f].name,
			       strlen(sd->fields[f].name));
			out++;
			break;
		}
	}
	qsort(s->fields + out, s->nfields - out, sizeof *s->fields, unknown_cmp);
	return;
unknown_only:
	qsort(s->fields, s->nfields, sizeof *s->fields, unknown_cmp);
}

struct item_key {
	struct cb_stanza s;
	const struct cb_stanza_def *def;
	size_t kind; /* index in t->items; nitems for unknown kinds */
};

static const char *getv(const struct cb_stanza *s, const char *name)
{
	const char *v = cb_stanza_get(s, name);
	return v ? v : "";
}

static int stanza_cmp(const struct cb_stanza *a, const struct cb_stanza *b)
{
	for (size_t i = 0; i < a->nfields && i < b->nfields; i++) {
		int c = strcmp(a->fields[i].name, b->fields[i].name);
		if (!c)
			c = strcmp(a->fields[i].value, b->fields[i].value);
		if (c)
			return c;
	}
	return (a->nfields > b->nfields) - (a->nfields < b->nfields);
}

static int item_cmp(const void *pa, const void *pb)
{
	const struct item_key *a = pa, *b = pb;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	for (size_t k = 0; a->def && a->def->sort_keys && a->def->sort_keys[k]; k++) {
		const char *key = a->def->sort_keys[k];
		const char *va = getv(&a->s, key), *vb = getv(&b->s, key);
		const struct cb_field_def *fd = cb_stanza_def_field(a->def, key);
		if (fd && fd->type == CB_FT_CHOICE) {
			unsigned ia = (unsigned)cb_choice_index(fd, va);
			unsigned ib = (unsigned)cb_choice_index(fd, vb);
			if (ia != ib)
				return ia < ib ? -1 : 1;
		}
		int c = strcmp(va, vb);
		if (c)
			return c;
	}
	int c = strcmp(getv(&a->s, "Id"), getv(&b->s, "Id"));
	return c ? c : stanza_cmp(&a->s, &b->s);
}

void cb_record_canonicalise(struct cb_doc *doc, const struct cb_record_type *t)
{
	if (doc->nstanzas == 0)
		return;
	/* The header is the stanza carrying "Record"; bring it first. */
	for (size_t i = 0; i < doc->nstanzas; i++) {
		if (cb_stanza_get(&doc->stanzas[i], "Record")) {
			struct cb_stanza h = doc->stanzas[i];
			memmove(&doc->stanzas[1], &doc->stanzas[0], i * sizeof h);
			doc->stanzas[0] = h;
			break;
		}
	}
	order_fields(&doc->stanzas[0], t->header);
	size_t n = doc->nstanzas - 1;
	if (n == 0)
		return;
	struct item_key *keys = malloc(n * sizeof *keys);
	for (size_t i = 0; i < n; i++) {
		const struct cb_stanza_def *sd = cb_record_stanza_def(doc, t, i + 1);
		order_fields(&doc->stanzas[i + 1], sd);
		if (keys) {
			keys[i].s = doc->stanzas[i + 1];
			keys[i].def = sd;
			keys[i].kind = sd ? (size_t)(sd - t->items) : t->nitems;
		}
	}
	if (!keys)
		return; /* out of memory: fields ordered, items left as they were */
	qsort(keys, n, sizeof *keys, item_cmp);
	for (size_t i = 0; i < n; i++)
		doc->stanzas[i + 1] = keys[i].s;
	free(keys);
}

int cb_record_parse(struct cb_doc *out, const char *buf, size_t len,
		    const char *expected_type,
		    const struct cb_record_type **type_out,
		    struct cb_parse_error *err)
{
	struct cb_parse_error local;
	if (!err)
		err = &local;
	int rc = cb_doc_parse(out, buf, len, err);
	return rc ? rc : cb_record_check(out, expected_type, type_out, err);
}

int cb_record_check(struct cb_doc *out, const char *expected_type,
		    const struct cb_record_type **type_out, struct cb_parse_error *err)
{
	struct cb_parse_error local;
	if (!err)
		err = &local;
	const char *rt = NULL;
	size_t line = 1;
	for (size_t i = 0; i < out->nstanzas && !rt; i++) {
		rt = cb_stanza_get(&out->stanzas[i], "Record");
		line = out->stanzas[i].line;
	}
	const struct cb_record_type *t = NULL;
	if (!rt) {
		err->line = 0;
		snprintf(err->msg, sizeof err->msg,
			 _("no header stanza: the record must have a \"Record:\" field"));
	} else if (!(t = cb_record_type_find(rt))) {
		err->line = line;
		snprintf(err->msg, sizeof err->msg,
			 _("line %zu: unknown record type \"%s\""), line, rt);
	} else if (expected_type && strcmp(expected_type, rt) != 0) {
		err->line = line;
		snprintf(err->msg, sizeof err->msg,
			 _("line %zu: Record: expected \"%s\", found \"%s\""),
			 line, expected_type, rt);
		t = NULL;
	}
	if (!t) {
		cb_doc_free(out);
		cb_err(CB_EINVALID, "%s", err->msg);
		return CB_EINVALID;
	}
	cb_record_canonicalise(out, t);
	if (type_out)
		*type_out = t;
	return 0;
}

char *cb_record_serialise(const struct cb_doc *doc,
			  const struct cb_record_type *t, size_t *len)
{
	struct cb_doc copy;
	if (cb_doc_copy(&copy, doc))
		return NULL;
	cb_record_canonicalise(&copy, t);
	char *s = cb_doc_serialise(&copy, len);
	cb_doc_free(&copy);
	return s;
}

static int set_defaults(struct cb_stanza *s, const struct cb_stanza_def *sd)
{
	for (size_t f = 0; f < sd->nfields; f++) {
		const struct cb_field_def *fd = &sd->fields[f];
		if (fd->dflt && !cb_stanza_get(s, fd->name) &&
		    cb_stanza_set(s, fd->name, fd->dflt))
			return CB_ENOMEM;
	}
	return 0;
}

struct cb_stanza *cb_record_add_item(struct cb_doc *doc,
				     const struct cb_record_type *t,
				     const struct cb_stanza_def *sd,
				     const char *id)
{
	char fresh[CB_ID_LEN + 1];
	if (!id) {
		if (cb_id_new(fresh))
			return NULL;
		id = fresh;
	}
	struct cb_stanza *s = cb_doc_add_stanza(doc);
	if (!s)
		return NULL;
	if (cb_stanza_set(s, "Id", id) ||
	    (t->kind_field && cb_stanza_set(s, t->kind_field, sd->kind)) ||
	    set_defaults(s, sd)) {
		cb_doc_remove_stanza(doc, doc->nstanzas - 1);
		return NULL;
	}
	return s;
}

int cb_record_new(struct cb_doc *out, const struct cb_record_type *t,
		  const char *person_id)
{
	memset(out, 0, sizeof *out);
	struct cb_stanza *h = cb_doc_add_stanza(out);
	if (!h || cb_stanza_set(h, "Record", t->name) ||
	    cb_stanza_set(h, header_subject_field(t), person_id) ||
	    cb_stanza_set(h, "Schema", CB_SCHEMA_VERSION) ||
	    set_defaults(h, t->header))
		goto nomem;
	for (size_t i = 0; t->fixed_items && t->fixed_items[i]; i++) {
		struct cb_stanza *s = cb_record_add_item(out, t, &t->items[0],
							 t->fixed_items[i]);
		if (!s || (t->fixed_field &&
			   cb_stanza_set(s, t->fixed_field, t->fixed_items[i])))
			goto nomem;
	}
	cb_record_canonicalise(out, t);
	return 0;
nomem:
	cb_doc_free(out);
	return cb_err(CB_ENOMEM, _("out of memory"));
}

long cb_record_find_item(const struct cb_doc *doc, const char *id)
{
	for (size_t i = 1; i < doc->nstanzas; i++) {
		const char *v = cb_stanza_get(&doc->stanzas[i], "Id");
		if (v && strcmp(v, id) == 0)
			return (long)i;
	}
	return -1;
}

/* ---- what changed ---- */

static void sep(struct cb_sb *sb)
{
	if (sb->len)
		cb_sb_adds(sb, ", ");
}

static void diff_fields(struct cb_sb *sb, const char *prefix,
			const struct cb_stanza *a, const struct cb_stanza *b)
{
	for (size_t i = 0; i < b->nfields; i++) {
		const char *old = cb_stanza_get(a, b->fields[i].name);
		if (old && strcmp(old, b->fields[i].value) == 0)
			continue;
		sep(sb);
		if (prefix)
			cb_sb_addf(sb, "%s:", prefix);
		cb_sb_adds(sb, b->fields[i].name);
	}
	for (size_t i = 0; i < a->nfields; i++) {
		if (cb_stanza_get(b, a->fields[i].name))
			continue;
		sep(sb);
		if (prefix)
			cb_sb_addf(sb, "%s:", prefix);
		cb_sb_adds(sb, a->fields[i].name);
	}
}

struct id_ref {
	const char *id;
	size_t i;
};

static int id_ref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct id_ref *)a)->id, ((const struct id_ref *)b)->id);
}

static struct id_ref *item_ids(const struct cb_doc *d, size_t *n)
{
	*n = d->nstanzas ? d->nstanzas - 1 : 0;
	struct id_ref *v = calloc(*n ? *n : 1, sizeof *v);
	if (!v)
		return NULL;
	for (size_t i = 0; i < *n; i++) {
		v[i].id = getv(&d->stanzas[i + 1], "Id");
		v[i].i = i + 1;
	}
	qsort(v, *n, sizeof *v, id_ref_cmp);
	return v;
}

char *cb_record_changed_fields(const struct cb_doc *old, const struct cb_doc *new_)
{
	struct cb_sb sb = CB_SB_INIT;
	if (!old || old->nstanzas == 0) {
		/* A new record: "+" for the record, then each item it starts with. */
		cb_sb_adds(&sb, "+");
		for (size_t i = 1; i < new_->nstanzas; i++)
			cb_sb_addf(&sb, ", +%s", getv(&new_->stanzas[i], "Id"));
		return cb_sb_take(&sb);
	}
	static const struct cb_stanza empty;
	const struct cb_stanza *oh = &old->stanzas[0];
	const struct cb_stanza *nh = new_->nstanzas ? &new_->stanzas[0] : &empty;
	diff_fields(&sb, NULL, oh, nh);
	size_t no, nn;
	struct id_ref *vo = item_ids(old, &no), *vn = item_ids(new_, &nn);
	if (!vo || !vn) {
		free(vo);
		free(vn);
		cb_sb_free(&sb);
		return NULL;
	}
	size_t i = 0, j = 0;
	while (i < no || j < nn) {
		int c = i == no ? 1 : j == nn ? -1 : strcmp(vo[i].id, vn[j].id);
		if (c < 0) {
			sep(&sb);
			cb_sb_addf(&sb, "-%s", vo[i++].id);
		} else if (c > 0) {
			sep(&sb);
			cb_sb_addf(&sb, "+%s", vn[j++].id);
		} else {
			diff_fields(&sb, vn[j].id, &old->stanzas[vo[i].i],
				    &new_->stanzas[vn[j].i]);
			i++;
			j++;
		}
	}
	free(vo);
	free(vn);
	return cb_sb_take(&sb);
}
