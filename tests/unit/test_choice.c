/* test_choice.c - controlled values in any case and as a unique prefix.
 *
 * Runs over the real record type tables: every choice field of every
 * type (including types added later) must take its own values in upper
 * case and as their shortest unique prefixes, and canonicalising a record
 * must store the canonical spelling. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "choice.h"
#include "deb822.h"
#include "record.h"
#include "schema.h"

static const struct cb_field_def *field(const char *type, const char *kind,
					const char *name)
{
	const struct cb_record_type *t = cb_record_type_find(type);
	assert_non_null(t);
	const struct cb_stanza_def *sd = t->header;
	for (size_t i = 0; kind && i < t->nitems; i++)
		if (strcmp(t->items[i].kind, kind) == 0)
			sd = &t->items[i];
	const struct cb_field_def *fd = cb_stanza_def_field(sd, name);
	assert_non_null(fd);
	return fd;
}

static void test_case_and_prefix(void **state)
{
	(void)state;
	const struct cb_field_def *cat = field("chronology", "entry", "Category");
	const char *c;
	assert_int_equal(cb_choice_match(cat, "health", &c), CB_CHOICE_EXACT);
	assert_string_equal(c, "health");
	assert_int_equal(cb_choice_match(cat, "Health", &c), CB_CHOICE_MATCHED);
	assert_string_equal(c, "health");
	assert_int_equal(cb_choice_match(cat, "HEALTH", &c), CB_CHOICE_MATCHED);
	assert_string_equal(c, "health");
	assert_int_equal(cb_choice_match(cat, "He", &c), CB_CHOICE_MATCHED);
	assert_string_equal(c, "health");
	assert_int_equal(cb_choice_match(cat, "Placement", &c), CB_CHOICE_MATCHED);
	assert_string_equal(c, "placement-move");
	/* p: police, placement-move, plan-review, positive */
	assert_int_equal(cb_choice_match(cat, "p", &c), CB_CHOICE_AMBIGUOUS);
	assert_null(c);
	assert_int_equal(cb_choice_match(cat, "pl", &c), CB_CHOICE_AMBIGUOUS);
	assert_int_equal(cb_choice_match(cat, "plan", &c), CB_CHOICE_MATCHED);
	assert_string_equal(c, "plan-review");
	assert_int_equal(cb_choice_match(cat, "weather", &c), CB_CHOICE_UNKNOWN);
	assert_null(c);
	assert_int_equal(cb_choice_match(cat, "", &c), CB_CHOICE_UNKNOWN);
	assert_int_equal(cb_choice_match(cat, "health ", &c), CB_CHOICE_UNKNOWN);

	const struct cb_field_def *sig = field("chronology", "entry", "Significance");
	assert_int_equal(cb_choice_match(sig, "H", &c), CB_CHOICE_MATCHED);
	assert_string_equal(c, "high");
	assert_int_equal(cb_choice_match(sig, "Med", &c), CB_CHOICE_MATCHED);
	assert_string_equal(c, "medium");

	/* A whole value wins over a longer one it is a prefix of. */
	static const char *const nested[] = { "parent", "parent-in-law", NULL };
	struct cb_field_def fd = { .name = "Type", .type = CB_FT_CHOICE, .choices = nested };
	assert_int_equal(cb_choice_match(&fd, "PARENT", &c), CB_CHOICE_MATCHED);
	assert_string_equal(c, "parent");
	assert_int_equal(cb_choice_match(&fd, "parent-", &c), CB_CHOICE_MATCHED);
	assert_string_equal(c, "parent-in-law");
}

static void test_explain(void **state)
{
	(void)state;
	const struct cb_field_def *cat = field("chronology", "entry", "Category");
	char msg[512];
	cb_choice_explain(cat, "p", msg, sizeof msg);
	assert_non_null(strstr(msg, "Category"));
	assert_non_null(strstr(msg, "ambiguous"));
	assert_non_null(strstr(msg, "police, placement-move, plan-review, positive"));
	assert_null(strstr(msg, "health"));
	cb_choice_explain(cat, "weather", msg, sizeof msg);
	assert_non_null(strstr(msg, "not one of"));
	assert_non_null(strstr(msg, "health, education"));
	assert_non_null(strstr(msg, "other"));
	cb_choice_explain(cat, "Health", msg, sizeof msg);
	assert_non_null(strstr(msg, "\"health\""));
}

/* Every choice field of every record type: each choice in upper case and
 * as its shortest unique prefix comes back as itself. */
static void test_every_choice_field(void **state)
{
	(void)state;
	size_t checked = 0;
	for (size_t ti = 0; cb_record_types[ti]; ti++) {
		const struct cb_record_type *t = cb_record_types[ti];
		for (size_t si = 0; si <= t->nitems; si++) {
			const struct cb_stanza_def *sd = si == 0 ? t->header : &t->items[si - 1];
			for (size_t f = 0; sd && f < sd->nfields; f++) {
				const struct cb_field_def *fd = &sd->fields[f];
				if (fd->type != CB_FT_CHOICE)
					continue;
				for (size_t k = 0; fd->choices[k]; k++) {
					char up[128], pre[128];
					const char *want = fd->choices[k], *c;
					size_t len = strlen(want);
					assert_true(len < sizeof up);
					for (size_t j = 0; j <= len; j++)
						up[j] = (char)toupper((unsigned char)want[j]);
					enum cb_choice_result r = cb_choice_match(fd, up, &c);
					assert_true(r == CB_CHOICE_MATCHED || r == CB_CHOICE_EXACT);
					assert_ptr_equal(c, want);
					for (size_t p = 1; p <= len; p++) {
						snprintf(pre, sizeof pre, "%.*s", (int)p, want);
						r = cb_choice_match(fd, pre, &c);
						/* ambiguous, or another whole choice ("1" before "10") */
						if (r == CB_CHOICE_AMBIGUOUS || (c && c != want))
							continue;
						assert_true(r == CB_CHOICE_MATCHED || r == CB_CHOICE_EXACT);
						assert_ptr_equal(c, want);
						checked++;
						break;
					}
				}
			}
		}
	}
	assert_true(checked > 40);
}

static void test_canonicalise_record(void **state)
{
	(void)state;
	const struct cb_record_type *t = cb_record_type_find("chronology");
	struct cb_doc doc;
	assert_int_equal(cb_record_new(&doc, t, "7QK2M9XD4T"), 0);
	struct cb_stanza *s = cb_record_add_item(&doc, t, &t->items[0], NULL);
	assert_non_null(s);
	assert_int_equal(cb_stanza_set(s, "Category", "EDUC"), 0);
	assert_int_equal(cb_stanza_set(s, "Significance", "High"), 0);
	assert_int_equal(cb_stanza_set(s, "Date-Approximate", "Y"), 0);
	assert_int_equal(cb_stanza_set(s, "Source", "Health visitor"), 0);
	s = cb_record_add_item(&doc, t, &t->items[0], NULL);
	assert_non_null(s);
	assert_int_equal(cb_stanza_set(s, "Category", "p"), 0);
	assert_int_equal(cb_choice_canonicalise(&doc, t), 0);
	s = &doc.stanzas[1];
	assert_string_equal(cb_stanza_get(s, "Category"), "education");
	assert_string_equal(cb_stanza_get(s, "Significance"), "high");
	assert_string_equal(cb_stanza_get(s, "Date-Approximate"), "yes");
	assert_string_equal(cb_stanza_get(s, "Source"), "Health visitor");
	/* ambiguous: left for validation to refuse */
	assert_string_equal(cb_stanza_get(&doc.stanzas[2], "Category"), "p");
	cb_doc_free(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_and_prefix),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_every_choice_field),
		cmocka_unit_test(test_canonicalise_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
