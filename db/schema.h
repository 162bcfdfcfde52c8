/* schema.h - record types described as data.
 *
 * Each record type is a table of stanza kinds, each a table of fields. The
 * canonical serialiser (record.c), validation (src/validate.c), the index
 * (index.c), the CLI and the TUI forms all read these tables, so a new
 * record type is a new table, not new code in five places. */
#ifndef CASEBOOK_SCHEMA_H
#define CASEBOOK_SCHEMA_H

#include <stddef.h>

enum cb_ftype {
	CB_FT_TEXT,        /* one line of text */
	CB_FT_LONGTEXT,    /* narrative, may span lines */
	CB_FT_DATE,        /* YYYY-MM-DD, a real calendar date */
	CB_FT_FUZZY_DATE,  /* YYYY, YYYY-MM or YYYY-MM-DD (estimated dates) */
	CB_FT_CHOICE,      /* one of choices[] */
	CB_FT_ID,          /* an item id: [0-9A-Za-z-]{1,40} */
	CB_FT_PERSON_REF,  /* a person id (10 Crockford base32 characters) */
	CB_FT_MEMBER_REF,  /* the Id of a member stanza in the same record */
	CB_FT_EMAIL,       /* local@domain */
	CB_FT_IDENTITY,    /* Name <email> */
	CB_FT_INT          /* a non-negative integer */
};

enum cb_date_range {
	CB_DR_ANY = 0,     /* 1900-01-01 .. 2100-12-31 */
	CB_DR_PAST,        /* 1900-01-01 .. today (+1 day for time zones) */
	CB_DR_PLAN         /* 2000-01-01 .. 2100-12-31 (plans and reviews) */
};

/* Field flags */
#define CB_FF_REQUIRED 0x01u /* must be present and non-empty */
#define CB_FF_AUTO     0x02u /* set by casebook (ids, recorded-by): not a form field */
#define CB_FF_KEY      0x04u /* the stanza discriminator (Record, Kind) */

struct cb_field_def {
	const char *name;            /* canonical spelling, e.g. "Date-Of-Birth" */
	enum cb_ftype type;
	unsigned flags;
	const char *const *choices;  /* NULL-terminated, for CB_FT_CHOICE */
	const char *label;           /* N_() for forms and help */
	const char *help;            /* N_() one line for forms, or NULL */
	enum cb_date_range range;    /* for date types */
	const char *dflt;            /* default value for new stanzas, or NULL */
};

struct cb_stanza_def {
	const char *kind;            /* "entry", "member", ...; NULL for the header */
	const char *label;           /* N_() "Chronology entry" */
	const struct cb_field_def *fields;
	size_t nfields;
	/* Canonical order of items of this kind: these fields in turn (choice
	 * fields by choice position, others as byte strings), then Id. */
	const char *const *sort_keys; /* NULL-terminated, may be NULL */
};

struct cb_record_type {
	const char *name;            /* "chronology": the file name too */
	const char *label;           /* N_() "Chronology" */
	const struct cb_stanza_def *header;
	const struct cb_stanza_def *items; /* array of nitems kinds */
	size_t nitems;
	/* Field naming an item's kind when nitems > 1 ("Kind"), else NULL. */
	const char *kind_field;
	/* Items created with every new record of this type (e.g. the ten
	 * pathway plan sections): ids of fixed items, NULL-terminated, kind
	 * items[0], the id also set in fixed_field. NULL when none. */
	const char *const *fixed_items;
	const char *fixed_field;
};

/* NULL-terminated list of every record type, in display order. */
extern const struct cb_record_type *const cb_record_types[];
const struct cb_record_type *cb_record_type_find(const char *name);
const struct cb_field_def *cb_stanza_def_field(const struct cb_stanza_def *sd,
					       const char *name);
/* Index of value in a choice field's list, or -1. */
int cb_choice_index(const struct cb_field_def *fd, const char *value);

/* The schema version written in every record's header. */
#define CB_SCHEMA_VERSION "1"

#endif
