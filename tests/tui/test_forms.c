/* test_forms.c - the form model: fields from the schema, checking as
 * values change, drafts, saving as one commit, and saves that race with
 * someone else's. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "forms.h"
#include "unit.h"

#define P1 "7QK2M9XD4T"

static int setup(void **state)
{
	struct ut_ws *u = ut_ws_new();
	if (!u || ut_person(u, P1, "Zoë Ådahl", "2008-03-01", "care-leaver",
			    "sam.patel@example.org", "North"))
		return -1;
	*state = u;
	return 0;
}

static int teardown(void **state)
{
	ut_ws_free(*state);
	return 0;
}

static const struct cb_record_type *type(const char *name)
{
	const struct cb_record_type *t = cb_record_type_find(name);
	assert_non_null(t);
	return t;
}

static size_t field(const struct cb_form *f, const char *name)
{
	long i = cb_form_field_index(f, name);
	assert_true(i >= 0);
	return (size_t)i;
}

static char *record_text(struct ut_ws *u, const char *rec)
{
	struct cb_doc d;
	int exists = 0;
	assert_int_equal(cb_ws_read(&u->ws, NULL, P1, type(rec), &d, &exists), 0);
	char *s = cb_record_serialise(&d, type(rec), NULL);
	cb_doc_free(&d);
	return s;
}

static void fields_from_schema(void **state)
{
	struct ut_ws *u = *state;
	struct cb_form f;
	assert_int_equal(cb_form_open(&f, &u->ws, P1, type("chronology"), "entry", NULL), 0);
	assert_true(f.is_new);
	assert_int_equal(strlen(f.item), 10);
	assert_string_equal(f.key, "form:" P1 "/chronology/new-entry");
	/* Automatic fields (Id, Entered, Recorded-By...) are not form fields. */
	assert_int_equal(cb_form_field_index(&f, "Id"), -1);
	assert_int_equal(cb_form_field_index(&f, "Recorded-By"), -1);
	assert_int_equal(field(&f, "Date"), 0);
	/* Defaults from the table. */
	assert_string_equal(f.f[field(&f, "Category")].value, "other");
	assert_string_equal(f.f[field(&f, "Significance")].value, "medium");
	assert_false(cb_form_dirty(&f));
	cb_form_free(&f);

	assert_int_equal(cb_form_open(&f, &u->ws, P1, type("person"), NULL, NULL), 0);
	assert_false(f.is_new);
	assert_string_equal(f.key, "form:" P1 "/person/header");
	assert_string_equal(f.f[field(&f, "Name")].value, "Zoë Ådahl");
	cb_form_free(&f);

	assert_int_equal(cb_form_open(&f, &u->ws, P1, type("chronology"), "nonsense", NULL),
			 CB_ENOTFOUND);
	cb_form_free(&f);
	assert_int_equal(cb_form_open(&f, &u->ws, P1, type("chronology"), "entry", "NOSUCH"),
			 CB_ENOTFOUND);
	cb_form_free(&f);
}

static void checks_as_values_change(void **state)
{
	struct ut_ws *u = *state;
	struct cb_form f;
	assert_int_equal(cb_form_open(&f, &u->ws, P1, type("chronology"), "entry", NULL), 0);
	size_t date = field(&f, "Date");
	assert_int_equal(cb_form_set(&f, date, "2026-02-30"), CB_EINVALID);
	assert_true(strstr(f.f[date].err, "Date") != NULL);
	assert_string_equal(f.f[date].value, "2026-02-30"); /* kept as typed */
	assert_int_equal(cb_form_set(&f, date, "2026-02"), 0);
	assert_string_equal(f.f[date].err, "");
	assert_int_equal(cb_form_set(&f, date, "2027-01-01"), CB_EINVALID); /* future */
	assert_int_equal(cb_form_set(&f, field(&f, "Event"), ""), CB_EINVALID);
	assert_true(cb_form_dirty(&f));
	cb_form_free(&f);
}

static void choices(void **state)
{
	struct ut_ws *u = *state;
	struct cb_form f;
	assert_int_equal(cb_form_open(&f, &u->ws, P1, type("chronology"), "entry", NULL), 0);
	size_t sig = field(&f, "Significance"), approx = field(&f, "Date-Approximate");
	/* Required: no blank option. */
	assert_int_equal(cb_form_options(&f, sig, 0, NULL), 3);
	assert_true(cb_form_cycle(&f, sig, 1));
	assert_string_equal(f.f[sig].value, "high");
	assert_true(cb_form_cycle(&f, sig, 1));
	assert_string_equal(f.f[sig].value, "low");
	assert_true(cb_form_cycle(&f, sig, -1));
	assert_string_equal(f.f[sig].value, "high");
	assert_true(cb_form_pick_letter(&f, sig, 'M'));
	assert_string_equal(f.f[sig].value, "medium");
	assert_false(cb_form_pick_letter(&f, sig, 'z'));
	/* Optional: blank first. */
	assert_int_equal(cb_form_options(&f, approx, 0, NULL), 3);
	const char *o = NULL;
	cb_form_options(&f, approx, 0, &o);
	assert_string_equal(o, "");
	assert_true(cb_form_cycle(&f, approx, 1));
	assert_string_equal(f.f[approx].value, "yes");
	/* Text fields have no options. */
	assert_int_equal(cb_form_options(&f, field(&f, "Event"), 0, NULL), 0);
	assert_false(cb_form_cycle(&f, field(&f, "Event"), 1));
	cb_form_free(&f);
}

static void drafts_round_trip(void **state)
{
	struct ut_ws *u = *state;
	struct cb_form f, g;
	assert_int_equal(cb_form_open(&f, &u->ws, P1, type("chronology"), "entry", NULL), 0);
	cb_form_set(&f, field(&f, "Date"), "2026-04-30");
	cb_form_set(&f, field(&f, "Event"), "Two lines\nof text.");
	cb_form_set(&f, field(&f, "Category"), ""); /* emptied on purpose */
	cb_form_set(&f, field(&f, "Source"), "bad date? no, text");
	char *text = cb_form_draft_text(&f);
	assert_non_null(text);
	assert_true(strstr(text, "Form-Item: ") != NULL);
	assert_true(strstr(text, "Form-Empty: ") != NULL);

	assert_int_equal(cb_form_open(&g, &u->ws, P1, type("chronology"), "entry", NULL), 0);
	assert_string_not_equal(g.item, f.item);
	assert_int_equal(cb_form_load_draft(&g, text), 0);
	assert_string_equal(g.item, f.item); /* the recovered entry keeps its Id */
	for (size_t i = 0; i < f.n; i++)
		assert_string_equal(g.f[i].value, f.f[i].value);
	assert_true(g.f[field(&g, "Category")].err[0]); /* required, shown */
	free(text);
	cb_form_free(&f);
	cb_form_free(&g);

	assert_int_equal(cb_form_open(&g, &u->ws, P1, type("chronology"), "entry", NULL), 0);
	assert_int_equal(cb_form_load_draft(&g, "not a : draft\n\x01"), CB_EINVALID);
	cb_form_free(&g);
}

static void save_new_entry(void **state)
{
	struct ut_ws *u = *state;
	struct cb_form f;
	git_oid before, commit;
	cb_ws_tip(&u->ws, &before);
	assert_int_equal(cb_form_open(&f, &u->ws, P1, type("chronology"), "entry", NULL), 0);
	int made = 0;
	/* Missing required fields: nothing saved, problems beside them. */
	assert_int_equal(cb_form_save(&f, &u->ws, "Add", &commit, &made), CB_EINVALID);
	assert_false(made);
	assert_true(f.f[field(&f, "Date")].err[0]);
	assert_true(f.f[field(&f, "Event")].err[0]);
	git_oid tip;
	cb_ws_tip(&u->ws, &tip);
	assert_true(git_oid_equal(&tip, &before));

	cb_form_set(&f, field(&f, "Date"), "2026-04-30");
	cb_form_set(&f, field(&f, "Event"), "Registered with a GP.");
	cb_form_set(&f, field(&f, "Category"), "health");
	char *summary = cb_form_summary(&f, "Zoë Ådahl");
	assert_string_equal(summary, "Add chronology entry for Zoë Ådahl");
	assert_int_equal(cb_form_save(&f, &u->ws, summary, &commit, &made), 0);
	free(summary);
	assert_true(made);
	assert_false(cb_form_dirty(&f));
	assert_false(f.is_new);
	cb_ws_tip(&u->ws, &tip);
	assert_true(git_oid_equal(&tip, &commit));
	char *rec = record_text(u, "chronology");
	assert_non_null(strstr(rec, "Event: Registered with a GP.\n"));
	assert_non_null(strstr(rec, "Recorded-By: " UT_AUTHOR "\n"));
	assert_non_null(strstr(rec, "Entered: " UT_TODAY "\n"));
	assert_non_null(strstr(rec, "Category: health\n"));
	assert_null(strstr(rec, "Source:")); /* empty fields are left out */
	free(rec);

	/* Saving again with nothing changed makes no commit. */
	assert_int_equal(cb_form_save(&f, &u->ws, "Again", &commit, &made), 0);
	assert_false(made);
	cb_form_free(&f);
}

static void save_races(void **state)
{
	struct ut_ws *u = *state;
	struct cb_form a, b, c;
	int made = 0;
	/* Two new entries opened on the same tip: both land. */
	assert_int_equal(cb_form_open(&a, &u->ws, P1, type("chronology"), "entry", NULL), 0);
	assert_int_equal(cb_form_open(&b, &u->ws, P1, type("chronology"), "entry", NULL), 0);
	cb_form_set(&a, field(&a, "Date"), "2026-04-01");
	cb_form_set(&a, field(&a, "Event"), "First.");
	cb_form_set(&b, field(&b, "Date"), "2026-04-02");
	cb_form_set(&b, field(&b, "Event"), "Second.");
	assert_int_equal(cb_form_save(&a, &u->ws, "a", NULL, &made), 0);
	assert_true(made);
	assert_int_equal(cb_form_save(&b, &u->ws, "b", NULL, &made), 0);
	assert_true(made);
	char *rec = record_text(u, "chronology");
	assert_non_null(strstr(rec, "Event: First."));
	assert_non_null(strstr(rec, "Event: Second."));
	free(rec);

	/* Two edits of the same entry: the second is refused, values kept. */
	assert_int_equal(cb_form_open(&c, &u->ws, P1, type("chronology"), "entry", a.item), 0);
	cb_form_free(&b);
	assert_int_equal(cb_form_open(&b, &u->ws, P1, type("chronology"), "entry", a.item), 0);
	cb_form_set(&c, field(&c, "Event"), "First, corrected.");
	assert_int_equal(cb_form_save(&c, &u->ws, "c", NULL, &made), 0);
	cb_form_set(&b, field(&b, "Event"), "First, differently.");
	assert_int_equal(cb_form_save(&b, &u->ws, "b", NULL, &made), CB_ECONFLICT);
	assert_false(made);
	assert_string_equal(b.f[field(&b, "Event")].value, "First, differently.");
	rec = record_text(u, "chronology");
	assert_non_null(strstr(rec, "Event: First, corrected."));
	free(rec);

	/* An edit racing with a change to another record goes through. */
	cb_form_free(&c);
	assert_int_equal(cb_form_open(&c, &u->ws, P1, type("chronology"), "entry", a.item), 0);
	assert_int_equal(ut_person(u, "A1B2C3D4E5", "Kai", "2012-01-01", "child-in-need", NULL, NULL), 0);
	cb_form_set(&c, field(&c, "Source"), "School");
	assert_int_equal(cb_form_save(&c, &u->ws, "c", NULL, &made), 0);
	assert_true(made);
	cb_form_free(&a);
	cb_form_free(&b);
	cb_form_free(&c);
}

/* A draft restored after someone else changed the same entry is refused,
 * values kept; restored after a change elsewhere it goes through. */
static void draft_against_a_later_save(void **state)
{
	struct ut_ws *u = *state;
	struct cb_form a, b, d;
	int made = 0;
	assert_int_equal(cb_form_open(&a, &u->ws, P1, type("chronology"), "entry", NULL), 0);
	cb_form_set(&a, field(&a, "Date"), "2026-04-01");
	cb_form_set(&a, field(&a, "Event"), "Moved placement.");
	assert_int_equal(cb_form_save(&a, &u->ws, "a", NULL, &made), 0);

	/* A draft of an edit, begun at this tip... */
	assert_int_equal(cb_form_open(&d, &u->ws, P1, type("chronology"), "entry", a.item), 0);
	git_oid draft_base = d.base;
	cb_form_set(&d, field(&d, "Event"), "Moved placement (draft).");
	char *text = cb_form_draft_text(&d);
	assert_non_null(text);
	cb_form_free(&d);

	/* ...then someone else corrects the same entry. */
	assert_int_equal(cb_form_open(&b, &u->ws, P1, type("chronology"), "entry", a.item), 0);
	cb_form_set(&b, field(&b, "Event"), "Moved placement, corrected.");
	assert_int_equal(cb_form_save(&b, &u->ws, "b", NULL, &made), 0);
	assert_true(made);

	/* The form reopened at the new tip, draft restored on its own base. */
	assert_int_equal(cb_form_open(&d, &u->ws, P1, type("chronology"), "entry", a.item), 0);
	assert_int_equal(cb_form_load_draft(&d, text), 0);
	assert_int_equal(cb_form_rebase(&d, &u->ws, &draft_base), 0);
	assert_int_equal(cb_form_save(&d, &u->ws, "d", NULL, &made), CB_ECONFLICT);
	assert_false(made);
	assert_string_equal(d.f[field(&d, "Event")].value, "Moved placement (draft).");
	char *rec = record_text(u, "chronology");
	assert_non_null(strstr(rec, "Event: Moved placement, corrected."));
	free(rec);
	cb_form_free(&d);

	/* A later change to another entry does not stand in the draft's way. */
	git_oid base2;
	cb_ws_tip(&u->ws, &base2);
	cb_form_free(&b);
	assert_int_equal(cb_form_open(&b, &u->ws, P1, type("chronology"), "entry", NULL), 0);
	cb_form_set(&b, field(&b, "Date"), "2026-04-02");
	cb_form_set(&b, field(&b, "Event"), "Started college.");
	assert_int_equal(cb_form_save(&b, &u->ws, "b2", NULL, &made), 0);
	assert_int_equal(cb_form_open(&d, &u->ws, P1, type("chronology"), "entry", a.item), 0);
	assert_int_equal(cb_form_load_draft(&d, text), 0);
	assert_int_equal(cb_form_rebase(&d, &u->ws, &base2), 0);
	assert_int_equal(cb_form_save(&d, &u->ws, "d2", NULL, &made), 0);
	assert_true(made);
	rec = record_text(u, "chronology");
	assert_non_null(strstr(rec, "Event: Moved placement (draft)."));
	assert_non_null(strstr(rec, "Event: Started college."));
	free(rec);
	free(text);
	cb_form_free(&a);
	cb_form_free(&b);
	cb_form_free(&d);
}

static void header_and_fixed_items(void **state)
{
	struct ut_ws *u = *state;
	struct cb_form f;
	int made = 0;
	/* A pathway plan not yet started: its sections exist in the form. */
	assert_int_equal(cb_form_open(&f, &u->ws, P1, type("pathway-plan"), "section", "employment"), 0);
	assert_string_equal(f.key, "form:" P1 "/pathway-plan/employment");
	cb_form_set(&f, field(&f, "Need"), "An apprenticeship.");
	char *summary = cb_form_summary(&f, "Zoë");
	assert_string_equal(summary, "Edit plan section employment for Zoë");
	assert_int_equal(cb_form_save(&f, &u->ws, summary, NULL, &made), 0);
	free(summary);
	assert_true(made);
	cb_form_free(&f);

	struct cb_doc d;
	int exists = 0;
	assert_int_equal(cb_ws_read(&u->ws, NULL, P1, type("pathway-plan"), &d, &exists), 0);
	assert_true(exists);
	long i = cb_record_find_item(&d, "employment");
	assert_true(i > 0);
	assert_true(cb_stanza_filled(&d.stanzas[i], cb_record_stanza_def(&d, type("pathway-plan"), (size_t)i)));
	long j = cb_record_find_item(&d, "finance");
	assert_false(cb_stanza_filled(&d.stanzas[j], cb_record_stanza_def(&d, type("pathway-plan"), (size_t)j)));
	cb_doc_free(&d);

	assert_int_equal(cb_form_open(&f, &u->ws, P1, type("pathway-plan"), NULL, NULL), 0);
	cb_form_set(&f, field(&f, "Contingency-Plan"), "Supported lodgings.\nPA visits in 7 days.");
	summary = cb_form_summary(&f, "Zoë");
	assert_string_equal(summary, "Edit pathway plan for Zoë");
	assert_int_equal(cb_form_save(&f, &u->ws, summary, NULL, &made), 0);
	free(summary);
	cb_form_free(&f);
	char *rec = record_text(u, "pathway-plan");
	assert_non_null(strstr(rec, "Contingency-Plan: Supported lodgings.\n PA visits in 7 days.\n"));
	free(rec);
}

static void member_references(void **state)
{
	struct ut_ws *u = *state;
	struct cb_form f;
	int made = 0;
	const char *names[] = { "Beata", "Wayne" };
	char ids[2][48];
	for (int k = 0; k < 2; k++) {
		assert_int_equal(cb_form_open(&f, &u->ws, P1, type("genogram"), "member", NULL), 0);
		cb_form_set(&f, field(&f, "Name"), names[k]);
		assert_int_equal(cb_form_save(&f, &u->ws, "m", NULL, &made), 0);
		snprintf(ids[k], sizeof ids[k], "%s", f.item);
		cb_form_free(&f);
	}
	assert_int_equal(cb_form_open(&f, &u->ws, P1, type("genogram"), "relationship", NULL), 0);
	assert_int_equal(f.nmembers, 2);
	size_t from = field(&f, "From"), to = field(&f, "To");
	assert_true(cb_form_pick_letter(&f, from, 'w'));
	assert_string_equal(f.f[from].value, ids[1]);
	assert_string_equal(cb_form_shown(&f, from), "Wayne");
	assert_true(cb_form_pick_letter(&f, to, 'b'));
	assert_string_equal(f.f[to].value, ids[0]);
	assert_true(cb_form_pick_letter(&f, field(&f, "Type"), 'm'));
	assert_string_equal(f.f[field(&f, "Type")].value, "married");
	assert_int_equal(cb_form_save(&f, &u->ws, "r", NULL, &made), 0);
	assert_true(made);
	cb_form_free(&f);

	/* A reference to a member that does not exist is refused. */
	assert_int_equal(cb_form_open(&f, &u->ws, P1, type("genogram"), "relationship", NULL), 0);
	cb_form_set(&f, field(&f, "Type"), "sibling");
	cb_form_set(&f, field(&f, "From"), ids[0]);
	cb_form_set(&f, field(&f, "To"), "NOSUCHMEMBER");
	assert_int_equal(cb_form_save(&f, &u->ws, "r", NULL, &made), CB_EINVALID);
	assert_true(f.f[field(&f, "To")].err[0] || f.problem[0]);
	cb_form_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(fields_from_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(checks_as_values_change, setup, teardown),
		cmocka_unit_test_setup_teardown(choices, setup, teardown),
		cmocka_unit_test_setup_teardown(drafts_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(save_new_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(save_races, setup, teardown),
		cmocka_unit_test_setup_teardown(draft_against_a_later_save, setup, teardown),
		cmocka_unit_test_setup_teardown(header_and_fixed_items, setup, teardown),
		cmocka_unit_test_setup_teardown(member_references, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
