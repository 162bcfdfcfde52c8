/* forms.h - the model behind every form in the workbench.
 *
 * A form edits one stanza of one record: the header (a person's details,
 * the pathway plan's own fields) or one item (a chronology entry, a
 * genogram member or relationship, a plan section or review). Its fields
 * come from the stanza kind's table in the schema, so a new field or
 * record type needs no new form code. The model knows the values typed,
 * the values when the form opened, each field's problem, the draft that
 * keeps them across a crash, and how to save them as one commit without
 * overwriting a change someone else made in between. No curses here. */
#ifndef CASEBOOK_FORMS_H
#define CASEBOOK_FORMS_H

#include <stddef.h>
#include "deb822.h"
#include "schema.h"
#include "workspace.h"

struct cb_form_field {
	const struct cb_field_def *def;
	char *value;     /* what the form holds now (UTF-8, never NULL) */
	char *orig;      /* the value when the form opened or last saved */
	char err[256];   /* what is wrong with value, "" when nothing */
};

/* A genogram member a relationship can point at. */
struct cb_form_member {
	char *id;
	char *name;
};

struct cb_form {
	const struct cb_record_type *type;
	const struct cb_stanza_def *sd; /* the header or the item's kind */
	char person[11];
	char item[48];       /* Id of the item; "" for the header */
	int is_new;          /* the item is not in the record yet */
	char key[128];       /* its drafts key: form:<id>/<record>/<item> */
	git_oid base;        /* the tip when the form opened (or last saved) */
	struct cb_doc orig;  /* the record at base */
	struct cb_form_field *f;
	size_t n;
	struct cb_form_member *members;
	size_t nmembers;
	char problem[512];   /* a problem not tied to one field, or "" */
	/* A new item that belongs to another item (a plan's action or
	 * meeting names its plan): the field and the Id written into it.
	 * Not a form field; set with cb_form_link. */
	char link_field[32];
	char link_id[48];
};

/* Opens a form on person's record of type t: the header when kind is
 * NULL, else the item item_id of that kind, or a new item when item_id is
 * NULL (given a fresh Id now, so a recovered draft keeps it). Reads the
 * record at the current tip. Returns 0, CB_ENOTFOUND (no such item or
 * kind) or another error; *form is empty (safe to free) on failure. */
int cb_form_open(struct cb_form *form, struct cb_ws *ws, const char *person,
		 const struct cb_record_type *t, const char *kind,
		 const char *item_id);
void cb_form_free(struct cb_form *form);
/* Makes a new item's form write id into field (e.g. Plan) when saved,
 * and keeps its draft apart from new items of another parent. Call
 * before loading a draft. Returns 0 or CB_EINVALID (not a new item, or
 * not an item id). */
int cb_form_link(struct cb_form *form, const char *field, const char *id);

/* Sets field i and checks it with cb_validate_value (err filled). Returns
 * 0, CB_EINVALID (value kept, err says why) or CB_ENOMEM. */
int cb_form_set(struct cb_form *form, size_t i, const char *value);
/* 1 when any value differs from when the form opened or was saved. */
int cb_form_dirty(const struct cb_form *form);
/* Index of the field called name, or -1. */
long cb_form_field_index(const struct cb_form *form, const char *name);

/* The values a choice or member field offers, in order: "" first when
 * the field is optional, then the choices (member ids for a member
 * reference). Returns how many; *out gets the i-th (borrowed). */
size_t cb_form_options(const struct cb_form *form, size_t i, size_t k,
		       const char **out);
/* Moves field i to the next (dir > 0) or previous option, wrapping. */
int cb_form_cycle(struct cb_form *form, size_t i, int dir);
/* Picks the next option after the current one whose shown text starts
 * with the letter c (ASCII, any case); 1 if one was found. */
int cb_form_pick_letter(struct cb_form *form, size_t i, int c);
/* Type-ahead: picks the first option whose shown text starts with prefix
 * (any case), keeping the current one if it fits; 1 if one was found. So
 * "pl" then "plan" walks from placement-move to plan-review. */
int cb_form_pick_prefix(struct cb_form *form, size_t i, const char *prefix);
/* What to show for field i's value: the member's name for a member
 * reference, else the value itself (borrowed; not yet sanitised). */
const char *cb_form_shown(const struct cb_form *form, size_t i);

/* The draft text of the form's values (malloc'd), and loading it back.
 * A draft is a stanza: Form-Item names the item, Form-Empty lists fields
 * emptied on purpose, and each non-empty value is a field. */
char *cb_form_draft_text(const struct cb_form *form);
int cb_form_load_draft(struct cb_form *form, const char *text);
/* Makes base (the tip a draft was started from) the form's starting
 * point, so that saving the draft is refused, values kept, when someone
 * else changed the same item since, instead of quietly overwriting their
 * change. A base that cannot be read leaves the form as it was. */
int cb_form_rebase(struct cb_form *form, struct cb_ws *ws, const git_oid *base);

/* The values applied to doc (a copy of the record): the stanza found or
 * added, empty fields removed, and what casebook fills itself (for a new
 * chronology entry: Entered and Recorded-By). Canonicalises doc. */
int cb_form_apply(const struct cb_form *form, struct cb_ws *ws, struct cb_doc *doc);

/* The commit summary, e.g. "Add chronology entry for Zoë Ådahl".
 * malloc'd, or NULL when out of memory. */
char *cb_form_summary(const struct cb_form *form, const char *person_name);

/* Saves the form as one commit by the practitioner, on top of the tip
 * read when the form opened. If another save landed in between and the
 * stanza this form edits is unchanged there, the values are applied to
 * the newer record and saved on top of it (so two people adding entries
 * never collide); if that stanza itself changed, nothing is saved and
 * CB_ECONFLICT is returned. CB_EINVALID when a field is wrong (each
 * field's err, and problem for the rest, say why). Values are kept on
 * every failure. *made is 0 when nothing changed. */
int cb_form_save(struct cb_form *form, struct cb_ws *ws, const char *summary,
		 git_oid *commit, int *made);

/* 1 when an item has any text written in it (a plan section with its
 * need, views, action or who filled in), as opposed to defaults only. */
int cb_stanza_filled(const struct cb_stanza *s, const struct cb_stanza_def *sd);

#endif
