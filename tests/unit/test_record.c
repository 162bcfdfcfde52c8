/* test_record.c - typed records over the deb822 layer: parsing checks the
 * record type, canonical order (header first, items by kind, sort keys,
 * then Id; schema fields in table order, unknown fields after them), the
 * byte-for-byte round trip, defaults of new records, and the list of
 * changed fields written into commit trailers and the history.
 *
 * The expected texts below are written out by hand from the field tables
 * in db/schema_types.c, so a change of canonical order shows up here. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deb822.h"
#include "err.h"
#include "record.h"
#include "schema.h"

#define PID "7QK2M9XD4T"

/* ---- canonical samples, one per type ---- */

static const char person_canon[] =
	"Record: person\n"
	"Id: " PID "\n"
	"Schema: 1\n"
	"Name: Zoë Ådahl\n"
	"Preferred-Name: Zo\n"
	"Date-Of-Birth: 2008-04-02\n"
	"Gender: female\n"
	"Status: care-leaver\n"
	"Worker: sam.patel@example.org\n"
	"Team: North Leaving Care\n"
	"Address: 14 Mill Lane\n"
	" Flat 2\n"
	" .\n"
	" Buzzer broken: knock.\n"
	"Created: 2024-03-14\n"
	"Allergy: penicillin\n"
	"Favourite-Colour: green\n";

/* The same person, fields shuffled and known names in odd case; unknown
 * fields keep their spelling. */
static const char person_messy[] =
	"Favourite-Colour: green\n"
	"date-of-birth: 2008-04-02\n"
	"NAME: Zoë Ådahl\n"
	"Allergy: penicillin\n"
	"created: 2024-03-14\n"
	"address: 14 Mill Lane\n"
	" Flat 2\n"
	" .\n"
	" Buzzer broken: knock.\n"
	"TEAM: North Leaving Care\n"
	"record: person\n"
	"worker: sam.patel@example.org\n"
	"schema: 1\n"
	"preferred-name: Zo\n"
	"STATUS: care-leaver\n"
	"gender: female\n"
	"iD: " PID "\n";

static const char chron_canon[] =
	"Record: chronology\n"
	"Person: " PID "\n"
	"Schema: 1\n"
	"\n"
	"Id: E3N8P0ZQ1A\n"
	"Date: 2023\n"
	"Date-Approximate: yes\n"
	"Category: family\n"
	"Significance: medium\n"
	"Event: Mother moved to a new address with her partner.\n"
	"\n"
	"Id: A000000001\n"
	"Date: 2024-03-14\n"
	"Category: health\n"
	"Significance: high\n"
	"Source: School nurse\n"
	"Event: Said she has not been registered with a GP since the move.\n"
	"Impact: Missed health assessment;\n"
	" repeat prescription at risk.\n"
	"Entered: 2024-03-15\n"
	"Recorded-By: Sam Patel <sam.patel@example.org>\n"
	"Mood: anxious\n"
	"Zz-Future: kept\n"
	"\n"
	"Id: B000000002\n"
	"Date: 2024-03-14\n"
	"Category: education\n"
	"Significance: low\n"
	"Event: PEP review brought forward.\n"
	"\n"
	"Id: 0000000003\n"
	"Date: 2024-11-02\n"
	"Category: positive\n"
	"Significance: medium\n"
	"Event: Passed her driving theory test.\n";

/* Entries out of date order, fields out of order; ties on Date go by Id. */
static const char chron_messy[] =
	"Id: 0000000003\n"
	"event: Passed her driving theory test.\n"
	"Date: 2024-11-02\n"
	"significance: medium\n"
	"category: positive\n"
	"\n"
	"Id: B000000002\n"
	"Significance: low\n"
	"Event: PEP review brought forward.\n"
	"Category: education\n"
	"Date: 2024-03-14\n"
	"\n"
	"Schema: 1\n"
	"Person: " PID "\n"
	"Record: chronology\n"
	"\n"
	"Zz-Future: kept\n"
	"Mood: anxious\n"
	"recorded-by: Sam Patel <sam.patel@example.org>\n"
	"ENTERED: 2024-03-15\n"
	"Impact: Missed health assessment;\n"
	" repeat prescription at risk.\n"
	"Event: Said she has not been registered with a GP since the move.\n"
	"Source: School nurse\n"
	"Significance: high\n"
	"Category: health\n"
	"Date: 2024-03-14\n"
	"Id: A000000001\n"
	"\n"
	"Event: Mother moved to a new address with her partner.\n"
	"date-approximate: yes\n"
	"Significance: medium\n"
	"Category: family\n"
	"Date: 2023\n"
	"Id: E3N8P0ZQ1A\n";

static const char geno_canon[] =
	"Record: genogram\n"
	"Person: " PID "\n"
	"Schema: 1\n"
	"Notes: Drawn with Zoë at the contact centre.\n"
	"\n"
	"Id: M9\n"
	"Kind: member\n"
	"Name: Father (name not known)\n"
	"Gender: male\n"
	"\n"
	"Id: M2\n"
	"Kind: member\n"
	"Name: Karen Ådahl\n"
	"Gender: female\n"
	"Born: 1985\n"
	"Role: birth mother\n"
	"\n"
	"Id: M1\n"
	"Kind: member\n"
	"Name: Zoë Ådahl\n"
	"Gender: female\n"
	"Born: 2008-04-02\n"
	"Index: yes\n"
	"Household: yes\n"
	"\n"
	"Id: R2\n"
	"Kind: relationship\n"
	"Type: parent\n"
	"From: M2\n"
	"To: M1\n"
	"\n"
	"Id: R1\n"
	"Kind: relationship\n"
	"Type: conflict\n"
	"From: M2\n"
	"To: M9\n"
	"Start: 2015\n"
	"\n"
	"Colour: blue\n"
	"Id: F1\n"
	"Kind: future-thing\n";

/* Relationships and an unknown kind before members: members still come
 * first, each kind in its own order, the unknown kind last. */
static const char geno_messy[] =
	"Kind: future-thing\n"
	"Id: F1\n"
	"Colour: blue\n"
	"\n"
	"Id: R1\n"
	"Start: 2015\n"
	"To: M9\n"
	"From: M2\n"
	"Type: conflict\n"
	"Kind: relationship\n"
	"\n"
	"KIND: relationship\n"
	"to: M1\n"
	"from: M2\n"
	"type: parent\n"
	"Id: R2\n"
	"\n"
	"Id: M1\n"
	"Household: yes\n"
	"Index: yes\n"
	"Born: 2008-04-02\n"
	"Gender: female\n"
	"Name: Zoë Ådahl\n"
	"Kind: member\n"
	"\n"
	"Record: genogram\n"
	"Notes: Drawn with Zoë at the contact centre.\n"
	"Schema: 1\n"
	"Person: " PID "\n"
	"\n"
	"Role: birth mother\n"
	"Born: 1985\n"
	"Name: Karen Ådahl\n"
	"Gender: female\n"
	"Kind: member\n"
	"Id: M2\n"
	"\n"
	"Gender: male\n"
	"Name: Father (name not known)\n"
	"Kind: member\n"
	"Id: M9\n";

static const char plan_canon[] =
	"Record: pathway-plan\n"
	"Person: " PID "\n"
	"Schema: 1\n"
	"Personal-Adviser: Gwŷn ap Rhys <gwyn.aprhys@example.org>\n"
	"Plan-Date: 2024-02-01\n"
	"Next-Review: 2024-08-01\n"
	"Young-Person-Views: \"I want to stay near college.\"\n"
	"Staying-Put: yes\n"
	"In-Touch: YES\n"
	"\n"
	"Id: contact-support\n"
	"Kind: section\n"
	"Section: contact-support\n"
	"Status: in-progress\n"
	"\n"
	"Id: accommodation\n"
	"Kind: section\n"
	"Section: accommodation\n"
	"Need: Stable tenancy.\n"
	"Action: PA to chase the housing panel.\n"
	"Who: Gwŷn ap Rhys\n"
	"By-When: 2024-04-30\n"
	"Status: in-progress\n"
	"\n"
	"Id: finance\n"
	"Kind: section\n"
	"Section: finance\n"
	"Status: not-started\n"
	"\n"
	"Id: health\n"
	"Kind: section\n"
	"Section: health\n"
	"Status: done\n"
	"\n"
	"Id: contingency\n"
	"Kind: section\n"
	"Section: contingency\n"
	"Action: Staying Put with former foster carers for up to eight weeks.\n"
	"Status: not-started\n"
	"\n"
	"Id: RV2\n"
	"Kind: review\n"
	"Date: 2023-08-01\n"
	"Reason: six-monthly\n"
	"\n"
	"Id: RV1\n"
	"Kind: review\n"
	"Date: 2024-02-01\n"
	"Reason: move\n"
	"Notes: Moved to supported lodgings.\n"
	"\n"
	"Id: X1\n"
	"Kind: future-thing\n"
	"Weight: 3\n";

/* Sections given in reverse (and one in the middle), a review before the
 * sections: the statutory order wins whatever the input order. */
static const char plan_messy[] =
	"Id: X1\n"
	"Weight: 3\n"
	"Kind: future-thing\n"
	"\n"
	"Id: contingency\n"
	"Status: not-started\n"
	"Action: Staying Put with former foster carers for up to eight weeks.\n"
	"Section: contingency\n"
	"Kind: section\n"
	"\n"
	"Kind: review\n"
	"Id: RV1\n"
	"Notes: Moved to supported lodgings.\n"
	"Reason: move\n"
	"Date: 2024-02-01\n"
	"\n"
	"Id: health\n"
	"Kind: section\n"
	"Section: health\n"
	"Status: done\n"
	"\n"
	"Id: finance\n"
	"Kind: section\n"
	"Section: finance\n"
	"Status: not-started\n"
	"\n"
	"Id: accommodation\n"
	"status: in-progress\n"
	"by-when: 2024-04-30\n"
	"who: Gwŷn ap Rhys\n"
	"action: PA to chase the housing panel.\n"
	"need: Stable tenancy.\n"
	"section: accommodation\n"
	"kind: section\n"
	"\n"
	"In-Touch: YES\n"
	"Staying-Put: yes\n"
	"Young-Person-Views: \"I want to stay near college.\"\n"
	"Next-Review: 2024-08-01\n"
	"Plan-Date: 2024-02-01\n"
	"Personal-Adviser: Gwŷn ap Rhys <gwyn.aprhys@example.org>\n"
	"Schema: 1\n"
	"Person: " PID "\n"
	"Record: pathway-plan\n"
	"\n"
	"Id: RV2\n"
	"Kind: review\n"
	"Date: 2023-08-01\n"
	"Reason: six-monthly\n"
	"\n"
	"Id: contact-support\n"
	"Kind: section\n"
	"Section: contact-support\n"
	"Status: in-progress\n";

/* A child's plans: plans by Start, actions by By-When, meetings by Date,
 * each kind after the one before it in the table. */
static const char cplan_canon[] =
	"Record: plan\n"
	"Person: " PID "\n"
	"Schema: 1\n"
	"\n"
	"Id: P2019CP\n"
	"Kind: plan\n"
	"Type: child-protection\n"
	"Category: neglect\n"
	"Start: 2019-03-01\n"
	"End: 2020-01-10\n"
	"End-Reason: no longer at risk of significant harm\n"
	"\n"
	"Id: P2024PLO\n"
	"Kind: plan\n"
	"Type: pre-proceedings\n"
	"Start: 2024-02-01\n"
	"Outcomes: Mia goes to school every day.\n"
	"Child-Views: \"I like it when Mum walks me in.\"\n"
	"Contingency: Issue care proceedings.\n"
	"Letter-Before-Proceedings: 2024-01-25\n"
	"Review-Point: 2024-05-01\n"
	"\n"
	"Id: A9\n"
	"Kind: action\n"
	"Plan: P2024PLO\n"
	"Action: Parenting assessment\n"
	"Status: open\n"
	"\n"
	"Id: A1\n"
	"Kind: action\n"
	"Plan: P2024PLO\n"
	"Action: School attendance plan\n"
	"Who: Head of year\n"
	"By-When: 2024-03-01\n"
	"Status: done\n"
	"Done: 2024-02-20\n"
	"\n"
	"Id: M1\n"
	"Kind: meeting\n"
	"Plan: P2024PLO\n"
	"Type: plo-meeting\n"
	"Date: 2024-02-01\n"
	"Notes: Both parents and their solicitor.\n";

static const char cplan_messy[] =
	"Id: M1\n"
	"notes: Both parents and their solicitor.\n"
	"Date: 2024-02-01\n"
	"Type: plo-meeting\n"
	"Plan: P2024PLO\n"
	"Kind: meeting\n"
	"\n"
	"Id: A1\n"
	"Status: done\n"
	"Done: 2024-02-20\n"
	"Kind: action\n"
	"Plan: P2024PLO\n"
	"Action: School attendance plan\n"
	"by-when: 2024-03-01\n"
	"Who: Head of year\n"
	"\n"
	"Id: P2024PLO\n"
	"Review-Point: 2024-05-01\n"
	"Kind: plan\n"
	"Type: pre-proceedings\n"
	"Contingency: Issue care proceedings.\n"
	"Start: 2024-02-01\n"
	"Child-Views: \"I like it when Mum walks me in.\"\n"
	"Letter-Before-Proceedings: 2024-01-25\n"
	"Outcomes: Mia goes to school every day.\n"
	"\n"
	"Schema: 1\n"
	"Record: plan\n"
	"Person: " PID "\n"
	"\n"
	"Kind: action\n"
	"Id: A9\n"
	"Status: open\n"
	"Plan: P2024PLO\n"
	"Action: Parenting assessment\n"
	"\n"
	"Id: P2019CP\n"
	"end-reason: no longer at risk of significant harm\n"
	"End: 2020-01-10\n"
	"Start: 2019-03-01\n"
	"Category: neglect\n"
	"Type: child-protection\n"
	"Kind: plan\n";

struct sample {
	const char *type, *canon, *messy;
};

static const struct sample samples[] = {
	{ "person", person_canon, person_messy },
	{ "chronology", chron_canon, chron_messy },
	{ "genogram", geno_canon, geno_messy },
	{ "pathway-plan", plan_canon, plan_messy },
	{ "plan", cplan_canon, cplan_messy },
};
#define NSAMPLES (sizeof samples / sizeof samples[0])

/* ---- helpers ---- */

static const struct cb_record_type *type(const char *name)
{
	const struct cb_record_type *t = cb_record_type_find(name);
	assert_non_null(t);
	return t;
}

static void parse_ok(struct cb_doc *d, const char *text, const char *expect_type)
{
	struct cb_parse_error err = { 0 };
	const struct cb_record_type *t = NULL;
	int rc = cb_record_parse(d, text, strlen(text), expect_type, &t, &err);
	if (rc)
		fail_msg("parse failed: %s", err.msg);
	assert_non_null(t);
	if (expect_type)
		assert_string_equal(t->name, expect_type);
}

static char *canon_of(const char *text, const char *type_name)
{
	struct cb_doc d;
	parse_ok(&d, text, type_name);
	size_t len = 0;
	char *s = cb_record_serialise(&d, type(type_name), &len);
	assert_non_null(s);
	assert_int_equal(len, strlen(s));
	cb_doc_free(&d);
	return s;
}

/* ---- canonical order ---- */

static void test_messy_input_is_normalised(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSAMPLES; i++) {
		char *s = canon_of(samples[i].messy, samples[i].type);
		assert_string_equal(s, samples[i].canon);
		free(s);
	}
}

static void test_canonical_round_trip(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSAMPLES; i++) {
		char *once = canon_of(samples[i].canon, samples[i].type);
		assert_memory_equal(once, samples[i].canon, strlen(samples[i].canon) + 1);
		/* and again: canonical text is a fixed point */
		char *twice = canon_of(once, samples[i].type);
		assert_string_equal(twice, once);
		free(once);
		free(twice);
	}
}

static void test_parse_keeps_stored_order_canonical(void **state)
{
	(void)state;
	/* parse alone (no serialise) already puts the doc in canonical order,
	 * so what cb_doc_serialise writes of it is the canonical text too. */
	for (size_t i = 0; i < NSAMPLES; i++) {
		struct cb_doc d;
		parse_ok(&d, samples[i].messy, samples[i].type);
		char *s = cb_doc_serialise(&d, NULL);
		assert_non_null(s);
		assert_string_equal(s, samples[i].canon);
		free(s);
		cb_doc_free(&d);
	}
}

/* Flips the case of a field name (ASCII letters). */
static void flip_case(char *s)
{
	for (; *s; s++) {
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
		else if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
	}
}

/* Every permutation tried gives the same canonical bytes: stanzas rotated
 * or reversed, fields reversed, known field names in another case. */
static void test_permutations_give_same_bytes(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSAMPLES; i++) {
		const struct cb_record_type *t = type(samples[i].type);
		for (int variant = 0; variant < 4; variant++) {
			struct cb_doc d;
			struct cb_parse_error err;
			assert_int_equal(cb_doc_parse(&d, samples[i].canon,
						      strlen(samples[i].canon), &err), 0);
			size_t n = d.nstanzas;
			/* known-ness must be decided before names are altered */
			for (size_t k = 0; k < n; k++) {
				const struct cb_stanza_def *sd = cb_record_stanza_def(&d, t, k);
				struct cb_stanza *s = &d.stanzas[k];
				if ((variant & 1) && sd) {
					for (size_t f = 0; f < s->nfields; f++)
						if (cb_stanza_def_field(sd, s->fields[f].name))
							flip_case(s->fields[f].name);
				}
				if (variant >= 2) {
					for (size_t a = 0, b = s->nfields - 1; a < b; a++, b--) {
						struct cb_field tmp = s->fields[a];
						s->fields[a] = s->fields[b];
						s->fields[b] = tmp;
					}
				}
			}
			if (variant == 1 || variant == 3) {
				for (size_t a = 0, b = n - 1; n > 1 && a < b; a++, b--) {
					struct cb_stanza tmp = d.stanzas[a];
					d.stanzas[a] = d.stanzas[b];
					d.stanzas[b] = tmp;
				}
			} else if (n > 1) {
				/* rotate by one: header last */
				struct cb_stanza first = d.stanzas[0];
				memmove(&d.stanzas[0], &d.stanzas[1], (n - 1) * sizeof first);
				d.stanzas[n - 1] = first;
			}
			char *shuffled = cb_doc_serialise(&d, NULL);
			assert_non_null(shuffled);
			if (n > 1 || variant)
				assert_string_not_equal(shuffled, samples[i].canon);
			char *s = canon_of(shuffled, samples[i].type);
			if (strcmp(s, samples[i].canon) != 0)
				fail_msg("%s variant %d:\n%s\ngave:\n%s", samples[i].type,
					 variant, shuffled, s);
			/* serialise straight from the (unsorted) doc gives the same */
			char *direct = cb_record_serialise(&d, t, NULL);
			assert_non_null(direct);
			assert_string_equal(direct, samples[i].canon);
			free(direct);
			free(s);
			free(shuffled);
			cb_doc_free(&d);
		}
	}
}

static void test_unknown_fields_and_stanzas_kept(void **state)
{
	(void)state;
	struct cb_doc d;
	parse_ok(&d, geno_messy, "genogram");
	const struct cb_record_type *t = type("genogram");
	/* the unknown kind is the last stanza, whole, and has no definition */
	size_t last = d.nstanzas - 1;
	assert_int_equal(d.nstanzas, 7);
	assert_null(cb_record_stanza_def(&d, t, last));
	assert_string_equal(cb_stanza_get(&d.stanzas[last], "Kind"), "future-thing");
	assert_string_equal(cb_stanza_get(&d.stanzas[last], "Colour"), "blue");
	assert_string_equal(cb_stanza_get(&d.stanzas[last], "Id"), "F1");
	/* known kinds resolve to their definitions */
	assert_ptr_equal(cb_record_stanza_def(&d, t, 0), t->header);
	assert_ptr_equal(cb_record_stanza_def(&d, t, 1), &t->items[0]);
	assert_ptr_equal(cb_record_stanza_def(&d, t, 4), &t->items[1]);
	cb_doc_free(&d);

	/* unknown header fields survive, after the known ones, by name */
	parse_ok(&d, person_messy, "person");
	struct cb_stanza *h = &d.stanzas[0];
	assert_string_equal(h->fields[h->nfields - 2].name, "Allergy");
	assert_string_equal(h->fields[h->nfields - 1].name, "Favourite-Colour");
	assert_string_equal(h->fields[h->nfields - 1].value, "green");
	cb_doc_free(&d);

	/* a record written by a newer casebook: new kind and new fields in
	 * an entry, all kept through a parse/serialise cycle */
	static const char newer[] =
		"Record: chronology\n"
		"Person: " PID "\n"
		"Schema: 1\n"
		"Retention: 2030-01-01\n"
		"\n"
		"Id: E1\n"
		"Date: 2024-05-05\n"
		"Category: other\n"
		"Significance: low\n"
		"Event: x\n"
		"Attachment: scan-0001.pdf\n"
		"\n"
		"Kind: future-thing\n"
		"Id: Q\n"
		"Payload: line one\n"
		" line two\n";
	char *s = canon_of(newer, "chronology");
	/* chronology has one item kind and no Kind field: the stanza with
	 * "Kind: future-thing" is an entry with an unknown Kind field; it is
	 * still all there */
	assert_non_null(strstr(s, "Retention: 2030-01-01\n"));
	assert_non_null(strstr(s, "Attachment: scan-0001.pdf\n"));
	assert_non_null(strstr(s, "Kind: future-thing\n"));
	assert_non_null(strstr(s, "Payload: line one\n line two\n"));
	char *again = canon_of(s, "chronology");
	assert_string_equal(again, s);
	free(again);
	free(s);
}

static void test_chronology_by_date_then_id(void **state)
{
	(void)state;
	struct cb_doc d;
	parse_ok(&d, chron_messy, "chronology");
	static const char *const want[] = { "E3N8P0ZQ1A", "A000000001", "B000000002",
					    "0000000003" };
	assert_int_equal(d.nstanzas, 5);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(cb_stanza_get(&d.stanzas[i + 1], "Id"), want[i]);
	/* fields respelt in the schema's spelling */
	assert_string_equal(d.stanzas[1].fields[2].name, "Date-Approximate");
	assert_string_equal(d.stanzas[2].fields[7].name, "Entered");
	assert_string_equal(d.stanzas[2].fields[8].name, "Recorded-By");
	cb_doc_free(&d);
}

static void test_plan_sections_statutory_order(void **state)
{
	(void)state;
	const struct cb_record_type *t = type("pathway-plan");
	/* a plan made new, then its sections fed back in reverse */
	struct cb_doc d;
	assert_int_equal(cb_record_new(&d, t, PID), 0);
	char *canon = cb_record_serialise(&d, t, NULL);
	assert_non_null(canon);
	for (size_t a = 1, b = d.nstanzas - 1; a < b; a++, b--) {
		struct cb_stanza tmp = d.stanzas[a];
		d.stanzas[a] = d.stanzas[b];
		d.stanzas[b] = tmp;
	}
	assert_string_equal(cb_stanza_get(&d.stanzas[1], "Section"), "contingency");
	cb_record_canonicalise(&d, t);
	for (size_t i = 0; t->fixed_items[i]; i++)
		assert_string_equal(cb_stanza_get(&d.stanzas[i + 1], "Section"),
				    t->fixed_items[i]);
	char *s = cb_doc_serialise(&d, NULL);
	assert_string_equal(s, canon);
	free(s);
	free(canon);
	cb_doc_free(&d);

	/* statutory, not alphabetical: accommodation after contact-support */
	assert_string_equal(t->fixed_items[0], "contact-support");
	assert_string_equal(t->fixed_items[1], "accommodation");
	assert_string_equal(t->fixed_items[9], "contingency");
}

/* ---- new records ---- */

static void test_record_new_defaults(void **state)
{
	(void)state;
	struct cb_doc d;
	char *s;

	assert_int_equal(cb_record_new(&d, type("person"), PID), 0);
	s = cb_record_serialise(&d, type("person"), NULL);
	assert_string_equal(s, "Record: person\nId: " PID "\nSchema: 1\nStatus: child-in-need\n");
	free(s);
	cb_doc_free(&d);

	assert_int_equal(cb_record_new(&d, type("chronology"), PID), 0);
	s = cb_record_serialise(&d, type("chronology"), NULL);
	assert_string_equal(s, "Record: chronology\nPerson: " PID "\nSchema: 1\n");
	free(s);
	cb_doc_free(&d);

	assert_int_equal(cb_record_new(&d, type("genogram"), PID), 0);
	assert_int_equal(d.nstanzas, 1);
	assert_string_equal(cb_stanza_get(&d.stanzas[0], "Person"), PID);
	cb_doc_free(&d);

	const struct cb_record_type *plan = type("pathway-plan");
	assert_int_equal(cb_record_new(&d, plan, PID), 0);
	assert_int_equal(d.nstanzas, 11);
	static const char *const sections[] = {
		"contact-support", "accommodation", "education-training", "employment",
		"relationships", "practical-skills", "finance", "health", "identity",
		"contingency"
	};
	for (size_t i = 0; i < 10; i++) {
		const struct cb_stanza *st = &d.stanzas[i + 1];
		assert_string_equal(cb_stanza_get(st, "Kind"), "section");
		assert_string_equal(cb_stanza_get(st, "Section"), sections[i]);
		assert_string_equal(cb_stanza_get(st, "Id"), sections[i]);
		assert_string_equal(cb_stanza_get(st, "Status"), "not-started");
		assert_ptr_equal(cb_record_stanza_def(&d, plan, i + 1), &plan->items[0]);
		assert_int_equal(cb_record_find_item(&d, sections[i]), (long)(i + 1));
	}
	assert_string_equal(cb_stanza_get(&d.stanzas[0], "Record"), "pathway-plan");
	assert_string_equal(cb_stanza_get(&d.stanzas[0], "Schema"), CB_SCHEMA_VERSION);
	assert_int_equal(cb_record_find_item(&d, "nope"), -1);
	/* a new record round-trips like any other */
	s = cb_record_serialise(&d, plan, NULL);
	char *again = canon_of(s, "pathway-plan");
	assert_string_equal(again, s);
	free(again);
	free(s);
	cb_doc_free(&d);
}

static void test_add_item_defaults(void **state)
{
	(void)state;
	const struct cb_record_type *t = type("chronology");
	struct cb_doc d;
	assert_int_equal(cb_record_new(&d, t, PID), 0);
	struct cb_stanza *s = cb_record_add_item(&d, t, &t->items[0], "FIXED-1");
	assert_non_null(s);
	assert_string_equal(cb_stanza_get(s, "Id"), "FIXED-1");
	assert_string_equal(cb_stanza_get(s, "Category"), "other");
	assert_string_equal(cb_stanza_get(s, "Significance"), "medium");
	assert_null(cb_stanza_get(s, "Kind")); /* chronology has one kind */
	s = cb_record_add_item(&d, t, &t->items[0], NULL);
	assert_non_null(s);
	assert_int_equal(strlen(cb_stanza_get(s, "Id")), 10);
	cb_doc_free(&d);

	const struct cb_record_type *g = type("genogram");
	assert_int_equal(cb_record_new(&d, g, PID), 0);
	s = cb_record_add_item(&d, g, &g->items[1], "R7");
	assert_non_null(s);
	assert_string_equal(cb_stanza_get(s, "Kind"), "relationship");
	assert_ptr_equal(cb_record_stanza_def(&d, g, 1), &g->items[1]);
	cb_doc_free(&d);
}

/* ---- changed fields ---- */

static char *changes(const struct cb_doc *a, const struct cb_doc *b)
{
	char *s = cb_record_changed_fields(a, b);
	assert_non_null(s);
	return s;
}

static void check_changes(const struct cb_doc *a, const struct cb_doc *b, const char *want)
{
	char *s = changes(a, b);
	assert_string_equal(s, want);
	free(s);
}

static void test_changed_fields(void **state)
{
	(void)state;
	struct cb_doc old, cur;
	parse_ok(&old, geno_canon, "genogram");

	/* nothing changed */
	assert_int_equal(cb_doc_copy(&cur, &old), 0);
	check_changes(&old, &cur, "");
	/* a header field */
	assert_int_equal(cb_stanza_set(&cur.stanzas[0], "Notes", "Redrawn."), 0);
	check_changes(&old, &cur, "Notes");
	cb_doc_free(&cur);

	/* one item field */
	assert_int_equal(cb_doc_copy(&cur, &old), 0);
	long m1 = cb_record_find_item(&cur, "M1");
	assert_true(m1 > 0);
	assert_int_equal(cb_stanza_set(&cur.stanzas[m1], "Name", "Zoë Å."), 0);
	check_changes(&old, &cur, "M1:Name");
	/* a removed item field is named too */
	long m2 = cb_record_find_item(&cur, "M2");
	assert_int_equal(cb_stanza_remove(&cur.stanzas[m2], "Role"), 0);
	check_changes(&old, &cur, "M1:Name, M2:Role");
	cb_doc_free(&cur);

	/* added and removed items */
	assert_int_equal(cb_doc_copy(&cur, &old), 0);
	const struct cb_record_type *g = type("genogram");
	struct cb_stanza *s = cb_record_add_item(&cur, g, &g->items[0], "M5");
	assert_non_null(s);
	assert_int_equal(cb_stanza_set(s, "Name", "Nguyễn Văn An"), 0);
	check_changes(&old, &cur, "+M5");
	cb_doc_remove_stanza(&cur, (size_t)cb_record_find_item(&cur, "R1"));
	check_changes(&old, &cur, "+M5, -R1");
	/* everything at once: header first, then items in Id order */
	assert_int_equal(cb_stanza_set(&cur.stanzas[0], "Notes", "Redrawn."), 0);
	m1 = cb_record_find_item(&cur, "M1");
	assert_int_equal(cb_stanza_set(&cur.stanzas[m1], "Born", "2008-04-03"), 0);
	check_changes(&old, &cur, "Notes, M1:Born, +M5, -R1");
	/* the other way round */
	check_changes(&cur, &old, "Notes, M1:Born, -M5, +R1");
	cb_doc_free(&cur);

	/* a new record: "+", then each item it starts with */
	struct cb_doc chron;
	parse_ok(&chron, chron_canon, "chronology");
	char *n = changes(NULL, &chron);
	assert_string_equal(n, "+, +E3N8P0ZQ1A, +A000000001, +B000000002, +0000000003");
	free(n);
	struct cb_doc empty = { 0 };
	n = changes(&empty, &chron);
	assert_string_equal(n, "+, +E3N8P0ZQ1A, +A000000001, +B000000002, +0000000003");
	free(n);
	struct cb_doc bare;
	assert_int_equal(cb_record_new(&bare, type("person"), PID), 0);
	check_changes(NULL, &bare, "+");
	cb_doc_free(&bare);

	/* a chronology event edited */
	assert_int_equal(cb_doc_copy(&cur, &chron), 0);
	long a1 = cb_record_find_item(&cur, "A000000001");
	assert_int_equal(cb_stanza_set(&cur.stanzas[a1], "Event", "Corrected."), 0);
	check_changes(&chron, &cur, "A000000001:Event");
	cb_doc_free(&cur);

	cb_doc_free(&chron);
	cb_doc_free(&old);
}

/* ---- refusals ---- */

static void test_wrong_type_refused(void **state)
{
	(void)state;
	struct cb_doc d;
	struct cb_parse_error err;
	const struct cb_record_type *t = (const struct cb_record_type *)&d;

	memset(&err, 0, sizeof err);
	int rc = cb_record_parse(&d, person_canon, strlen(person_canon), "chronology", &t, &err);
	assert_int_equal(rc, CB_EINVALID);
	assert_int_equal(d.nstanzas, 0);
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.msg, "chronology"));
	assert_non_null(strstr(err.msg, "person"));
	assert_non_null(strstr(cb_err_msg(), "chronology"));

	/* the header found in the middle of the text: its line is named */
	memset(&err, 0, sizeof err);
	rc = cb_record_parse(&d, chron_messy, strlen(chron_messy), "genogram", NULL, &err);
	assert_int_equal(rc, CB_EINVALID);
	assert_int_equal(err.line, 13);
	assert_non_null(strstr(err.msg, "line 13"));

	static const char unknown[] = "Record: future-record\nPerson: " PID "\nSchema: 9\n";
	memset(&err, 0, sizeof err);
	rc = cb_record_parse(&d, unknown, strlen(unknown), NULL, NULL, &err);
	assert_int_equal(rc, CB_EINVALID);
	assert_non_null(strstr(err.msg, "future-record"));

	static const char headless[] = "Id: E1\nDate: 2024-01-01\nEvent: x\n";
	memset(&err, 0, sizeof err);
	rc = cb_record_parse(&d, headless, strlen(headless), "chronology", NULL, &err);
	assert_int_equal(rc, CB_EINVALID);
	assert_non_null(strstr(err.msg, "Record"));

	/* text errors come through with their line */
	static const char broken[] = "Record: person\nId: " PID "\nno colon here\n";
	memset(&err, 0, sizeof err);
	rc = cb_record_parse(&d, broken, strlen(broken), "person", NULL, &err);
	assert_int_equal(rc, CB_EINVALID);
	assert_int_equal(err.line, 3);

	/* a raw escape in a value is refused, never stored */
	static const char esc[] = "Record: person\nId: " PID "\nName: A\033[2Jb\n";
	memset(&err, 0, sizeof err);
	rc = cb_record_parse(&d, esc, strlen(esc), "person", NULL, &err);
	assert_int_equal(rc, CB_EINVALID);
	assert_int_equal(err.line, 3);

	/* and the right type is accepted with err untouched in meaning */
	parse_ok(&d, person_canon, "person");
	cb_doc_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_messy_input_is_normalised),
		cmocka_unit_test(test_canonical_round_trip),
		cmocka_unit_test(test_parse_keeps_stored_order_canonical),
		cmocka_unit_test(test_permutations_give_same_bytes),
		cmocka_unit_test(test_unknown_fields_and_stanzas_kept),
		cmocka_unit_test(test_chronology_by_date_then_id),
		cmocka_unit_test(test_plan_sections_statutory_order),
		cmocka_unit_test(test_record_new_defaults),
		cmocka_unit_test(test_add_item_defaults),
		cmocka_unit_test(test_changed_fields),
		cmocka_unit_test(test_wrong_type_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
