/* test_recdiff.c - the field-aware record diff and the word diff inside
 * narrative fields: changed header fields, entries added, removed and
 * changed (matched by Id even when their date moved them), fields added
 * and removed within an entry, whole records new or deleted, word runs
 * on sentences with punctuation and UTF-8, and the text and TSV output. */
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
#include "recdiff.h"
#include "recdiff_text.h"
#include "record.h"
#include "schema.h"
#include "worddiff.h"

#define PID "7QK2M9XD4T"

static void parse(struct cb_doc *d, const char *type, const char *text)
{
	struct cb_parse_error err;
	int rc = cb_record_parse(d, text, strlen(text), type, NULL, &err);
	if (rc)
		fail_msg("parse: %s", err.msg);
}

/* Joins the runs of the given kinds back into a string (malloc'd). */
static char *join(const struct cb_wd *wd, enum cb_wd_kind skip)
{
	size_t n = 0;
	for (size_t i = 0; i < wd->n; i++)
		n += wd->runs[i].len;
	char *s = calloc(1, n + 1), *p = s;
	for (size_t i = 0; i < wd->n; i++) {
		if (wd->runs[i].kind == skip)
			continue;
		memcpy(p, wd->runs[i].text, wd->runs[i].len);
		p += wd->runs[i].len;
	}
	return s;
}

/* The runs as "=same -del +ins" with | between, for exact comparison. */
static char *show(const struct cb_wd *wd)
{
	size_t n = 1;
	for (size_t i = 0; i < wd->n; i++)
		n += wd->runs[i].len + 2;
	char *s = calloc(1, n), *p = s;
	for (size_t i = 0; i < wd->n; i++) {
		if (i)
			*p++ = '|';
		*p++ = wd->runs[i].kind == CB_WD_SAME ? '=' : wd->runs[i].kind == CB_WD_DELETED ? '-' : '+';
		memcpy(p, wd->runs[i].text, wd->runs[i].len);
		p += wd->runs[i].len;
	}
	return s;
}

static void check_words(const char *a, const char *b, const char *want)
{
	struct cb_wd wd;
	assert_int_equal(cb_worddiff(a, b, &wd), 0);
	char *got = show(&wd);
	assert_string_equal(got, want);
	char *old = join(&wd, CB_WD_INSERTED), *new_ = join(&wd, CB_WD_DELETED);
	assert_string_equal(old, a);   /* same + deleted = the old text */
	assert_string_equal(new_, b);  /* same + inserted = the new text */
	free(got);
	free(old);
	free(new_);
	cb_wd_free(&wd);
}

static void test_words_sentence(void **state)
{
	(void)state;
	check_words("Said she has not been registered with a GP since the move.",
		    "Said she had not been registered with a GP since the house move.",
		    "=Said she |-has|+had|= not been registered with a GP since the |+house |=move.");
}

static void test_words_punctuation(void **state)
{
	(void)state;
	/* Only the mark changes, not the word next to it. */
	check_words("Carer to call the surgery.", "Carer to call the surgery, today!",
		    "=Carer to call the surgery|-.|+, today!");
	check_words("(school nurse)", "[school nurse]", "-(|+[|=school nurse|-)|+]");
}

static void test_words_utf8(void **state)
{
	(void)state;
	check_words("Zoë moved to Ærøskøbing with her aunt",
		    "Zoë moved to Malmö with her aunt",
		    "=Zoë moved to |-Ærøskøbing|+Malmö|= with her aunt");
	/* An en dash for an em dash: punctuation, a token of its own. */
	check_words("well — mostly", "well – mostly", "=well |-—|+–|= mostly");
	/* Curly quotes do not glue to the word they surround. */
	check_words("said “fine”", "said “not fine”", "=said “|+not |=fine”");
}

static void test_words_spaces_join_changes(void **state)
{
	(void)state;
	/* One stretch, not two: a lone space between changes is folded in. */
	check_words("one two three four", "one six seven four",
		    "=one |-two three|+six seven|= four");
}

static void test_words_empty_sides(void **state)
{
	(void)state;
	check_words("", "New text.", "+New text.");
	check_words("Old text.", "", "-Old text.");
	struct cb_wd wd;
	assert_int_equal(cb_worddiff(NULL, NULL, &wd), 0);
	assert_int_equal(wd.n, 0);
	cb_wd_free(&wd);
}

static void test_words_multiline(void **state)
{
	(void)state;
	check_words("First line.\nSecond line.", "First line.\n\nSecond, longer line.",
		    "=First line.|-\n|+\n\n|=Second|+, longer|= line.");
}

static const char chron_old[] =
	"Record: chronology\nPerson: " PID "\nSchema: 1\n\n"
	"Id: E1\nDate: 2024-03-14\nCategory: health\nSignificance: medium\n"
	"Source: School nurse\n"
	"Event: Said she has not been registered with a GP since the move.\n\n"
	"Id: E2\nDate: 2024-04-02\nCategory: education\nSignificance: low\n"
	"Event: Started at Riverside College.\n\n"
	"Id: E3\nDate: 2024-05-20\nCategory: family\nSignificance: low\n"
	"Event: Visit from her aunt.\n";

static const char chron_new[] =
	"Record: chronology\nPerson: " PID "\nSchema: 1\n\n"
	"Id: E1\nDate: 2024-03-15\nCategory: health\nSignificance: high\n"
	"Event: Said she had not been registered with a GP since the move.\n"
	"Impact: Missed her health assessment.\n\n"
	"Id: E2\nDate: 2024-04-02\nCategory: education\nSignificance: low\n"
	"Event: Started at Riverside College.\n\n"
	"Id: E4\nDate: 2024-06-01\nCategory: positive\nSignificance: medium\n"
	"Event: Passed her driving theory test.\n";

static const struct cb_rd_field *field(const struct cb_rd_stanza *st, const char *name)
{
	for (size_t i = 0; i < st->nfields; i++)
		if (strcmp(st->fields[i].name, name) == 0)
			return &st->fields[i];
	fail_msg("no field %s in %s", name, st->label);
	return NULL;
}

static void test_entries(void **state)
{
	(void)state;
	const struct cb_record_type *t = cb_record_type_find("chronology");
	struct cb_doc a, b;
	parse(&a, "chronology", chron_old);
	parse(&b, "chronology", chron_new);
	struct cb_recdiff d;
	assert_int_equal(cb_recdiff(&a, &b, t, &d), 0);
	/* The diff owns copies: the inputs can go. */
	cb_doc_free(&a);
	cb_doc_free(&b);
	assert_int_equal(d.change, CB_RD_CHANGED);
	/* E1 changed, E4 added, E3 removed (after E2, where it was); E2 and
	 * the header are the same and not listed. */
	assert_int_equal(d.nstanzas, 3);
	const struct cb_rd_stanza *e1 = &d.stanzas[0], *e3 = &d.stanzas[1], *e4 = &d.stanzas[2];
	assert_string_equal(e1->id, "E1");
	assert_int_equal(e1->change, CB_RD_CHANGED);
	assert_string_equal(e1->label, "Chronology entry 2024-03-15");
	assert_string_equal(e1->kind, "entry");
	assert_string_equal(e3->id, "E3");
	assert_int_equal(e3->change, CB_RD_REMOVED);
	assert_int_equal(e3->new_index, -1);
	assert_string_equal(e3->label, "Chronology entry 2024-05-20");
	assert_string_equal(e4->id, "E4");
	assert_int_equal(e4->change, CB_RD_ADDED);
	assert_int_equal(e4->old_index, -1);

	/* Fields of E1: Date and Significance changed, Event changed with
	 * words, Impact added, Source removed. */
	assert_int_equal(e1->nfields, 5);
	const struct cb_rd_field *f = field(e1, "Date");
	assert_int_equal(f->change, CB_RD_CHANGED);
	assert_string_equal(f->old_value, "2024-03-14");
	assert_string_equal(f->new_value, "2024-03-15");
	assert_int_equal(f->narrative, 0);
	assert_int_equal(f->words.n, 0);
	f = field(e1, "Significance");
	assert_string_equal(f->old_value, "medium");
	assert_string_equal(f->new_value, "high");
	f = field(e1, "Event");
	assert_int_equal(f->narrative, 1);
	assert_int_equal(f->words.n, 4);
	assert_int_equal(f->words.runs[1].kind, CB_WD_DELETED);
	assert_int_equal(f->words.runs[1].len, 3);
	assert_memory_equal(f->words.runs[1].text, "has", 3);
	assert_int_equal(f->words.runs[2].kind, CB_WD_INSERTED);
	assert_memory_equal(f->words.runs[2].text, "had", 3);
	f = field(e1, "Impact");
	assert_int_equal(f->change, CB_RD_ADDED);
	assert_null(f->old_value);
	assert_string_equal(f->new_value, "Missed her health assessment.");
	f = field(e1, "Source");
	assert_int_equal(f->change, CB_RD_REMOVED);
	assert_string_equal(f->old_value, "School nurse");
	assert_null(f->new_value);
	/* The last field listed is the removed one. */
	assert_string_equal(e1->fields[e1->nfields - 1].name, "Source");

	/* Every field of an added entry is added. */
	for (size_t i = 0; i < e4->nfields; i++)
		assert_int_equal(e4->fields[i].change, CB_RD_ADDED);
	assert_non_null(field(e4, "Event"));
	for (size_t i = 0; i < e3->nfields; i++)
		assert_int_equal(e3->fields[i].change, CB_RD_REMOVED);
	cb_recdiff_free(&d);
}

static void test_header_field(void **state)
{
	(void)state;
	const struct cb_record_type *t = cb_record_type_find("person");
	struct cb_doc a, b;
	parse(&a, "person", "Record: person\nId: " PID "\nSchema: 1\nName: Zoë Ådahl\n"
			    "Date-Of-Birth: 2008-04-02\nStatus: looked-after\nTeam: North\n");
	parse(&b, "person", "Record: person\nId: " PID "\nSchema: 1\nName: Zoë Ådahl\n"
			    "Date-Of-Birth: 2008-04-02\nStatus: care-leaver\nTeam: North\n");
	struct cb_recdiff d;
	assert_int_equal(cb_recdiff(&a, &b, t, &d), 0);
	assert_int_equal(d.nstanzas, 1);
	assert_null(d.stanzas[0].id);
	assert_null(d.stanzas[0].kind);
	assert_string_equal(d.stanzas[0].label, "Person");
	assert_int_equal(d.stanzas[0].nfields, 1);
	assert_string_equal(d.stanzas[0].fields[0].name, "Status");
	assert_string_equal(d.stanzas[0].fields[0].label, "Status");
	cb_recdiff_free(&d);

	/* The same version against itself: nothing to show. */
	assert_int_equal(cb_recdiff(&a, &a, t, &d), 0);
	assert_int_equal(d.change, CB_RD_SAME);
	assert_int_equal(d.nstanzas, 0);
	cb_recdiff_free(&d);
	cb_doc_free(&a);
	cb_doc_free(&b);
}

static void test_whole_record(void **state)
{
	(void)state;
	const struct cb_record_type *t = cb_record_type_find("chronology");
	struct cb_doc a;
	parse(&a, "chronology", chron_old);
	struct cb_recdiff d;
	assert_int_equal(cb_recdiff(NULL, &a, t, &d), 0);
	assert_int_equal(d.change, CB_RD_ADDED);
	assert_int_equal(d.nstanzas, 4); /* header and three entries */
	for (size_t i = 0; i < d.nstanzas; i++)
		assert_int_equal(d.stanzas[i].change, CB_RD_ADDED);
	cb_recdiff_free(&d);
	assert_int_equal(cb_recdiff(&a, NULL, t, &d), 0);
	assert_int_equal(d.change, CB_RD_REMOVED);
	assert_int_equal(d.nstanzas, 4);
	assert_int_equal(d.stanzas[0].change, CB_RD_REMOVED);
	assert_string_equal(d.stanzas[3].id, "E3");
	cb_recdiff_free(&d);
	cb_doc_free(&a);
}

static void test_genogram_labels(void **state)
{
	(void)state;
	const struct cb_record_type *t = cb_record_type_find("genogram");
	struct cb_doc a, b;
	parse(&a, "genogram", "Record: genogram\nPerson: " PID "\nSchema: 1\n\n"
			      "Id: M1\nKind: member\nName: Amira Haddad\nBorn: 1985\n");
	parse(&b, "genogram", "Record: genogram\nPerson: " PID "\nSchema: 1\n\n"
			      "Id: M1\nKind: member\nName: Amira Haddad\nBorn: 1984\n\n"
			      "Id: R1\nKind: relationship\nType: parent\nFrom: M1\nTo: M1\n");
	struct cb_recdiff d;
	assert_int_equal(cb_recdiff(&a, &b, t, &d), 0);
	assert_int_equal(d.nstanzas, 2);
	assert_string_equal(d.stanzas[0].label, "Family member Amira Haddad");
	assert_string_equal(d.stanzas[1].label, "Relationship parent");
	assert_string_equal(d.stanzas[1].kind, "relationship");
	cb_recdiff_free(&d);
	cb_doc_free(&a);
	cb_doc_free(&b);
}

static char *render(const struct cb_recdiff *d, int tsv)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	if (tsv)
		cb_recdiff_print_tsv(f, d, PID);
	else
		cb_recdiff_print(f, d, PID, "Zoë Ådahl", 0);
	fclose(f);
	return buf;
}

static void test_text_output(void **state)
{
	(void)state;
	const struct cb_record_type *t = cb_record_type_find("chronology");
	struct cb_doc a, b;
	parse(&a, "chronology", chron_old);
	parse(&b, "chronology", chron_new);
	struct cb_recdiff d;
	assert_int_equal(cb_recdiff(&a, &b, t, &d), 0);
	char *text = render(&d, 0);
	assert_non_null(strstr(text, "@ " PID "/chronology (Zoë Ådahl): changed\n"));
	assert_non_null(strstr(text, "  ~ Chronology entry 2024-03-15 [E1]\n"));
	assert_non_null(strstr(text, "      Event: Said she [-has-]{+had+} not been registered"));
	assert_non_null(strstr(text, "      Significance: [-medium-]{+high+}\n"));
	assert_non_null(strstr(text, "      Source: [-School nurse-]\n"));
	assert_non_null(strstr(text, "  - Chronology entry 2024-05-20 [E3] (removed)\n"));
	assert_non_null(strstr(text, "  + Chronology entry 2024-06-01 [E4] (added)\n"));
	assert_null(strchr(text, '\033')); /* no colour unless asked */
	free(text);
	char *tsv = render(&d, 1);
	assert_non_null(strstr(tsv, PID "\tchronology\tE1\tSignificance\tchanged\tmedium\thigh\n"));
	assert_non_null(strstr(tsv, PID "\tchronology\tE1\tImpact\tadded\t\tMissed her health assessment.\n"));
	assert_non_null(strstr(tsv, PID "\tchronology\tE3\tEvent\tremoved\tVisit from her aunt.\t\n"));
	free(tsv);
	cb_recdiff_free(&d);
	cb_doc_free(&a);
	cb_doc_free(&b);
}

static void test_untrusted_text(void **state)
{
	(void)state;
	/* An escape sequence hidden in a record never reaches the output raw;
	 * a tab or newline inside a value stays inside its TSV cell. */
	const struct cb_record_type *t = cb_record_type_find("person");
	struct cb_doc a, b;
	parse(&a, "person", "Record: person\nId: " PID "\nSchema: 1\nName: A\nNotes: one\n");
	parse(&b, "person", "Record: person\nId: " PID "\nSchema: 1\nName: A\nNotes: one\n two\tthree\n");
	/* The parser refuses control characters, so plant one the way a
	 * damaged or hostile version built elsewhere could carry it. */
	struct cb_field *name = &b.stanzas[0].fields[3];
	assert_string_equal(name->name, "Name");
	free(name->value);
	name->value = strdup("A\xc2\x9b" "2J\x1b]0;owned\x07");
	struct cb_recdiff d;
	assert_int_equal(cb_recdiff(&a, &b, t, &d), 0);
	char *tsv = render(&d, 1);
	assert_non_null(strstr(tsv, "\tNotes\tchanged\tone\tone\\ntwo\\tthree\n"));
	assert_null(strstr(tsv, "\xc2\x9b"));
	assert_null(strchr(tsv, '\033'));
	assert_null(strchr(tsv, '\007'));
	free(tsv);
	char *text = render(&d, 0);
	assert_null(strstr(text, "\xc2\x9b"));
	assert_null(strchr(text, '\033'));
	assert_non_null(strstr(text, "\\x1b]0;owned\\x07"));
	free(text);
	cb_recdiff_free(&d);
	cb_doc_free(&a);
	cb_doc_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_sentence),
		cmocka_unit_test(test_words_punctuation),
		cmocka_unit_test(test_words_utf8),
		cmocka_unit_test(test_words_spaces_join_changes),
		cmocka_unit_test(test_words_empty_sides),
		cmocka_unit_test(test_words_multiline),
		cmocka_unit_test(test_entries),
		cmocka_unit_test(test_header_field),
		cmocka_unit_test(test_whole_record),
		cmocka_unit_test(test_genogram_labels),
		cmocka_unit_test(test_text_output),
		cmocka_unit_test(test_untrusted_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
