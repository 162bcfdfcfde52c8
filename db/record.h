/* record.h - a record: a deb822 document of a known type, kept canonical.
 *
 * Layout: the first stanza is the header ("Record: <type>", "Schema: 1",
 * then the type's header fields); each further stanza is an item with a
 * stable "Id". Canonical form: header first; items ordered by kind (the
 * type's table order, unknown kinds last) then the kind's sort keys then
 * Id; within a stanza, schema fields in table order, then unknown fields
 * by name; known field names spelled as in the schema. Unknown fields and
 * stanzas are kept. */
#ifndef CASEBOOK_RECORD_H
#define CASEBOOK_RECORD_H

#include "deb822.h"
#include "schema.h"

/* Parses text and checks that its header says expected type (if non-NULL),
 * then canonicalises. *type_out (if non-NULL) gets the type. Returns 0 or
 * CB_EINVALID with err filled. Does not validate field values. */
int cb_record_parse(struct cb_doc *out, const char *buf, size_t len,
		    const char *expected_type,
		    const struct cb_record_type **type_out,
		    struct cb_parse_error *err);
/* What cb_record_parse does after parsing, for a document parsed another
 * way: finds the record type, checks it is expected_type (when not NULL)
 * and canonicalises. On failure doc is freed, as cb_record_parse leaves it. */
int cb_record_check(struct cb_doc *doc, const char *expected_type,
		    const struct cb_record_type **type_out, struct cb_parse_error *err);

/* Sorts stanzas and fields into canonical order, respelling known names. */
void cb_record_canonicalise(struct cb_doc *doc, const struct cb_record_type *t);

/* Canonical text (canonicalises a copy first). malloc'd, or NULL. */
char *cb_record_serialise(const struct cb_doc *doc,
			  const struct cb_record_type *t, size_t *len);

/* A new record of type t with defaults: header (Record, Schema, and
 * subject = person id: "Id" for person, "Person" otherwise) and fixed
 * items. Returns 0 or CB_ENOMEM. */
int cb_record_new(struct cb_doc *out, const struct cb_record_type *t,
		  const char *person_id);

/* The stanza kind definition for stanza i (header for i == 0), or NULL
 * when the item names a kind the schema does not know. */
const struct cb_stanza_def *cb_record_stanza_def(const struct cb_doc *doc,
						 const struct cb_record_type *t,
						 size_t i);
/* Index of the item stanza with this Id, or -1. */
long cb_record_find_item(const struct cb_doc *doc, const char *id);
/* Appends an item stanza of kind sd with a fresh random Id (or fixed id if
 * non-NULL) and the kind's defaults; returns it or NULL on ENOMEM. */
struct cb_stanza *cb_record_add_item(struct cb_doc *doc,
				     const struct cb_record_type *t,
				     const struct cb_stanza_def *sd,
				     const char *id);

/* What changed between two versions of a record, for commit trailers and
 * the per-record history: a comma-separated list of header field names,
 * "<ItemId>:<Field>" for changed item fields, "+<ItemId>" for added and
 * "-<ItemId>" for removed items. old may be NULL: the record is new, and
 * the list is "+" followed by "+<ItemId>" for each item it starts with.
 * Returns malloc'd string ("" if nothing changed) or NULL on ENOMEM. */
char *cb_record_changed_fields(const struct cb_doc *old,
			       const struct cb_doc *new_);

#endif
