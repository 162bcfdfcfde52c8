/* test_export_text.c - what the exports do to text: cleaning control
 * characters, escaping for CSV, Markdown and groff, and the reading-ease
 * measure the plain-language plan is checked against. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export_escape.h"
#include "export_read.h"
#include "readability.h"
#include "strbuf.h"

typedef void (*escape_fn)(struct cb_sb *, const char *);

/* The escaped form of s, for comparing (freed by the next call). */
static const char *esc(escape_fn f, const char *s)
{
	static char *last;
	free(last);
	struct cb_sb sb = CB_SB_INIT;
	cb_sb_add(&sb, "", 0);
	f(&sb, s);
	assert_false(cb_sb_failed(&sb));
	last = cb_sb_take(&sb);
	return last;
}

static void test_clean_control(void **state)
{
	(void)state;
	char *c = cb_export_clean("a\033[2Jb\tc\nd\x7f" "e\xc2\x85" "f\xff");
	assert_non_null(c);
	/* ESC, DEL, C1 NEL and a stray byte shown, never raw; tab a space;
	 * newline kept for the formats to lay out. */
	assert_null(strchr(c, '\033'));
	assert_null(strchr(c, '\x7f'));
	assert_null(strstr(c, "\xc2\x85"));
	assert_null(strchr(c, '\t'));
	assert_non_null(strstr(c, "a\\x1b[2Jb c\nd"));
	for (const unsigned char *p = (const unsigned char *)c; *p; p++)
		assert_true(*p >= 0x20 || *p == '\n');
	free(c);
	c = cb_export_clean(NULL);
	assert_string_equal(c, "");
	free(c);
}

static void test_csv(void **state)
{
	(void)state;
	assert_string_equal(esc(cb_escape_csv, "plain text"), "plain text");
	assert_string_equal(esc(cb_escape_csv, ""), "");
	assert_string_equal(esc(cb_escape_csv, "a, b"), "\"a, b\"");
	assert_string_equal(esc(cb_escape_csv, "say \"no\""), "\"say \"\"no\"\"\"");
	assert_string_equal(esc(cb_escape_csv, "one\ntwo"), "\"one\r\ntwo\"");
	assert_string_equal(esc(cb_escape_csv, " edge"), "\" edge\"");
	assert_string_equal(esc(cb_escape_csv, "back\\slash"), "back\\slash");
	/* Formula injection: shown as text, not run. */
	assert_string_equal(esc(cb_escape_csv, "=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
	assert_string_equal(esc(cb_escape_csv, "-1"), "\"'-1\"");
	assert_string_equal(esc(cb_escape_csv, "@SUM"), "\"'@SUM\"");
	assert_string_equal(esc(cb_escape_csv, "a-b"), "a-b");
}

static void test_md(void **state)
{
	(void)state;
	assert_string_equal(esc(cb_escape_md, "plain text."), "plain text.");
	assert_string_equal(esc(cb_escape_md, "*bold* _it_ `code` [l](u) <b>"),
			    "\\*bold\\* \\_it\\_ \\`code\\` \\[l\\](u) \\<b\\>");
	assert_string_equal(esc(cb_escape_md, "# not a heading"), "\\# not a heading");
	assert_string_equal(esc(cb_escape_md, "- not a list"), "\\- not a list");
	assert_string_equal(esc(cb_escape_md, "12. not a list"), "12\\. not a list");
	assert_string_equal(esc(cb_escape_md, "    not code"), "not code");
	assert_string_equal(esc(cb_escape_md, "a\\b"), "a\\\\b");
	assert_string_equal(esc(cb_escape_md, "one\n> two"), "one\\\n\\> two");
	assert_string_equal(esc(cb_escape_md, "a | b"), "a | b");
	assert_string_equal(esc(cb_escape_md_cell, "a | b\nc"), "a \\| b<br>c");
	assert_string_equal(esc(cb_escape_md, "2024-03-05 a-b"), "2024-03-05 a-b");
}

static void test_roff(void **state)
{
	(void)state;
	assert_string_equal(esc(cb_escape_roff_lines, ".TS"), "\\&.TS\n");
	assert_string_equal(esc(cb_escape_roff_lines, "'br"), "\\&\\[aq]br\n");
	assert_string_equal(esc(cb_escape_roff_lines, "a\\fBb"), "\\&a\\[rs]fBb\n");
	assert_string_equal(esc(cb_escape_roff_lines, "one\n.two\nT}"),
			    "\\&one\n.br\n\\&.two\n.br\n\\&T}\n");
	assert_string_equal(esc(cb_escape_roff_line, "O'Brien\\n\nx"), "\\&O\\[aq]Brien\\[rs]n x");
}

static void test_syllables(void **state)
{
	(void)state;
	static const struct { const char *w; size_t n; } words[] = {
		{ "the", 1 }, { "plan", 1 }, { "table", 2 }, { "make", 1 },
		{ "because", 2 }, { "wanted", 2 }, { "jumped", 1 }, { "you", 1 },
		{ "we", 1 }, { "accommodation", 5 }, { "every", 3 }, { "Money", 2 },
		{ "adviser", 3 }, { "I", 1 }, { "2026", 1 },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t got = cb_syllables(words[i].w, strlen(words[i].w));
		if (got != words[i].n)
			fail_msg("%s: %zu syllables, expected %zu", words[i].w, got, words[i].n);
	}
}

static void test_reading_ease(void **state)
{
	(void)state;
	struct cb_reading r;
	cb_reading_ease("The cat sat on the mat.", &r);
	assert_int_equal(r.words, 6);
	assert_int_equal(r.sentences, 1);
	assert_int_equal(r.syllables, 6);
	assert_true(fabs(r.ease - (206.835 - 1.015 * 6 - 84.6)) < 1e-9);
	/* A heading is a sentence of its own; markup is not a word. */
	cb_reading_ease("## Where you live\n\n**We will:** find you a flat. You can choose!", &r);
	assert_int_equal(r.words, 12);
	assert_int_equal(r.sentences, 3);
	/* Long sentences of long words score low. */
	struct cb_reading hard;
	cb_reading_ease("Notwithstanding considerable organisational difficulties, the "
			"multidisciplinary safeguarding partnership's comprehensive "
			"interdisciplinary assessment recommended therapeutic intervention.", &hard);
	assert_true(hard.ease < 0.0);
	cb_reading_ease("", &r);
	assert_int_equal(r.words, 0);
	assert_true(r.ease == 100.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_control),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_md),
		cmocka_unit_test(test_roff),
		cmocka_unit_test(test_syllables),
		cmocka_unit_test(test_reading_ease),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
