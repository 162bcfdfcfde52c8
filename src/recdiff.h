/* recdiff.h - what changed between two versions of a record, in the
 * record's own terms.
 *
 * Stanzas are matched by Id (the header with the header), so an entry
 * that moved because its date changed is "changed", not "removed and
 * added". Each changed stanza lists its changed fields with old and new
 * value; narrative (long text) fields also carry a word-level diff for
 * highlighting. Stanzas are labelled for people ("Chronology entry
 * 2024-03-14"), not by Id alone.
 *
 * The result owns copies of both versions, so a screen can keep it while
 * the documents it came from are freed. Nothing here prints: see
 * recdiff_text.h for the command line's renderer. */
#ifndef CASEBOOK_RECDIFF_H
#define CASEBOOK_RECDIFF_H

#include "deb822.h"
#include "schema.h"
#include "worddiff.h"

enum cb_rd_change {
	CB_RD_SAME = 0,
	CB_RD_ADDED,
	CB_RD_REMOVED,
	CB_RD_CHANGED
};

struct cb_rd_field {
	const char *name;      /* as spelt in the record */
	const char *label;     /* the schema's label (untranslated: pass to _()), or name */
	enum cb_rd_change change;
	const char *old_value; /* NULL when added */
	const char *new_value; /* NULL when removed */
	int narrative;         /* long text: words holds a word diff when changed */
	struct cb_wd words;
};

struct cb_rd_stanza {
	enum cb_rd_change change;
	const char *id;        /* item Id; NULL for the header or an item without one */
	const char *kind;      /* schema kind ("entry"), NULL for the header or unknown */
	char *label;           /* translated, e.g. "Chronology entry 2024-03-14" */
	long old_index;        /* stanza index in the old version, -1 if none */
	long new_index;        /* in the new version, -1 if none */
	struct cb_rd_field *fields;
	size_t nfields;
};

struct cb_recdiff {
	const struct cb_record_type *type;
	/* ADDED: the record is new; REMOVED: it was deleted; CHANGED; SAME. */
	enum cb_rd_change change;
	struct cb_doc old, new_;      /* the owned copies the fields point into */
	struct cb_rd_stanza *stanzas; /* changed stanzas only, in record order */
	size_t nstanzas;
};

/* Diffs two versions of a record of type t (old or new_ NULL: the record
 * did not exist on that side). Both should be canonical (as parsed).
 * Returns 0 or CB_ENOMEM. */
int cb_recdiff(const struct cb_doc *old, const struct cb_doc *new_,
	       const struct cb_record_type *t, struct cb_recdiff *out);
void cb_recdiff_free(struct cb_recdiff *d);

/* A label for stanza i of doc: the kind's label and what tells items apart
 * (the name, date or section), e.g. "Family member Amira Haddad". malloc'd. */
char *cb_rd_stanza_label(const struct cb_doc *doc, const struct cb_record_type *t,
			 size_t i);

/* "added", "removed", "changed" (untranslated: stable for TSV). */
const char *cb_rd_change_name(enum cb_rd_change c);

#endif
