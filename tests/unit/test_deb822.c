/* test_deb822.c - unit tests of the record text format (db/deb822.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deb822.h"
#include "err.h"

/* ---- helpers ---- */

static void parse_ok(struct cb_doc *d, const char *text)
{
	struct cb_parse_error e;
	int rc = cb_doc_parse(d, text, strlen(text), &e);
	if (rc)
		print_error("unexpected parse error: %s\n", e.msg);
	assert_int_equal(rc, 0);
}

static char *serialise(const struct cb_doc *d)
{
	size_t len = 12345;
	char *s = cb_doc_serialise(d, &len);
	assert_non_null(s);
	assert_int_equal(len, strlen(s));
	return s;
}

/* The text is canonical: it parses, and serialises to itself. */
static void assert_canonical(const char *text)
{
	struct cb_doc d;
	parse_ok(&d, text);
	char *s = serialise(&d);
	assert_string_equal(s, text);
	free(s);
	cb_doc_free(&d);
}

/* text parses to the same document as canonical, which serialises back. */
static void assert_normalises_to(const char *text, size_t len,
				 const char *canonical)
{
	struct cb_doc d;
	struct cb_parse_error e;
	int rc = cb_doc_parse(&d, text, len, &e);
	if (rc)
		print_error("unexpected parse error: %s\n", e.msg);
	assert_int_equal(rc, 0);
	char *s = serialise(&d);
	assert_string_equal(s, canonical);
	free(s);
	cb_doc_free(&d);
}

/* Parsing fails on the given line with a message containing what, and
 * leaves the output document empty. */
static void assert_fails_n(const char *text, size_t len, size_t line,
			   const char *what)
{
	struct cb_doc d;
	struct cb_parse_error e;
	/* Garbage in *out must not matter: parse treats it as output only. */
	memset(&d, 0xA5, sizeof d);
	cb_err_clear();
	int rc = cb_doc_parse(&d, text, len, &e);
	assert_int_equal(rc, CB_EINVALID);
	if (e.line != line || !strstr(e.msg, what))
		print_error("got line %zu \"%s\", wanted line %zu \"%s\"\n",
			    e.line, e.msg, line, what);
	assert_int_equal(e.line, line);
	assert_non_null(strstr(e.msg, what));
	assert_string_equal(cb_err_msg(), e.msg);
	assert_int_equal(d.nstanzas, 0);
	assert_null(d.stanzas);
	/* The same input without an error struct fails the same way. */
	rc = cb_doc_parse(&d, text, len, NULL);
	assert_int_equal(rc, CB_EINVALID);
	assert_null(d.stanzas);
}

static void assert_fails(const char *text, size_t line, const char *what)
{
	assert_fails_n(text, strlen(text), line, what);
}

static const char *get(const struct cb_doc *d, size_t stanza, const char *name)
{
	assert_true(stanza < d->nstanzas);
	return cb_stanza_get(&d->stanzas[stanza], name);
}

/* ---- parsing well-formed text ---- */

static const char chronology[] =
	"Record: chronology\n"
	"Person: 7QK2M9XD4T\n"
	"Schema: 1\n"
	"\n"
	"Id: E3N8P0ZQ1A\n"
	"Date: 2024-03-14\n"
	"Category: Health\n"
	"Significance: high\n"
	"Source: School nurse\n"
	"Event: Said she has not been registered with a GP since the move.\n"
	"Impact: Missed health assessment; repeat prescription at risk.\n"
	"Recorded-By: Sam Patel <sam.patel@example.org>\n"
	"\n"
	"Id: H7W2R4KD9B\n"
	"Date: 2024-03-21\n"
	"Event: Home visit with Zoë Ådahl.\n"
	" .\n"
	" She said: \"I'm fine here.\" Time: 16:40.\n";

static void test_parse_chronology(void **state)
{
	(void)state;
	struct cb_doc d;
	parse_ok(&d, chronology);
	assert_int_equal(d.nstanzas, 3);
	assert_int_equal(d.stanzas[0].nfields, 3);
	assert_int_equal(d.stanzas[1].nfields, 8);
	assert_int_equal(d.stanzas[2].nfields, 3);
	assert_int_equal(d.stanzas[0].line, 1);
	assert_int_equal(d.stanzas[1].line, 5);
	assert_int_equal(d.stanzas[2].line, 14);
	assert_string_equal(d.stanzas[0].fields[0].name, "Record");
	assert_string_equal(get(&d, 0, "record"), "chronology");
	assert_string_equal(get(&d, 1, "RECORDED-BY"),
			    "Sam Patel <sam.patel@example.org>");
	assert_string_equal(get(&d, 2, "Event"),
			    "Home visit with Zoë Ådahl.\n\n"
			    "She said: \"I'm fine here.\" Time: 16:40.");
	assert_null(get(&d, 2, "Impact"));
	cb_doc_free(&d);
	assert_canonical(chronology);
}

static void test_empty_documents(void **state)
{
	(void)state;
	static const char *const empties[] = {
		"", "\n", "\n\n\n", "   \n\t\n", "# only a comment\n",
		"# a\n\n# b", "\r\n \r\n",
	};
	for (size_t i = 0; i < sizeof empties / sizeof *empties; i++) {
		struct cb_doc d;
		parse_ok(&d, empties[i]);
		assert_int_equal(d.nstanzas, 0);
		char *s = serialise(&d);
		assert_string_equal(s, "");
		free(s);
		cb_doc_free(&d);
	}
	struct cb_doc d;
	assert_int_equal(cb_doc_parse(&d, NULL, 0, NULL), 0);
	assert_int_equal(d.nstanzas, 0);
	cb_doc_free(&d);
}

static void test_colons_and_leading_spaces(void **state)
{
	(void)state;
	struct cb_doc d;
	parse_ok(&d,
		 "Event: Time: 16:40: visit::done\n"
		 "Url: https://example.org:8443/a?b=c#d\n"
		 "Quote:\n"
		 "   three spaces, two kept\n"
		 "  one space kept\n"
		 " none\n"
		 "After:    lots of space before, none kept   \n");
	assert_string_equal(get(&d, 0, "Event"), "Time: 16:40: visit::done");
	assert_string_equal(get(&d, 0, "Url"),
			    "https://example.org:8443/a?b=c#d");
	assert_string_equal(get(&d, 0, "Quote"),
			    "  three spaces, two kept\n one space kept\nnone");
	assert_string_equal(get(&d, 0, "After"),
			    "lots of space before, none kept");
	char *s = serialise(&d);
	assert_string_equal(s,
			    "Event: Time: 16:40: visit::done\n"
			    "Url: https://example.org:8443/a?b=c#d\n"
			    "Quote:\n"
			    "   three spaces, two kept\n"
			    "  one space kept\n"
			    " none\n"
			    "After: lots of space before, none kept\n");
	free(s);
	cb_doc_free(&d);
}

static void test_blank_lines_in_values(void **state)
{
	(void)state;
	struct cb_doc d;
	parse_ok(&d,
		 "A: one\n .\n .\n two\n .\n"
		 "B:\n .\n .\n three\n"
		 "C:\n .\n .\n"
		 "D: four\n .\n\t.\n");
	/* Empty lines inside survive; leading and trailing ones do not. */
	assert_string_equal(get(&d, 0, "A"), "one\n\n\ntwo");
	assert_string_equal(get(&d, 0, "B"), "three");
	assert_string_equal(get(&d, 0, "C"), "");
	assert_string_equal(get(&d, 0, "D"), "four");
	cb_doc_free(&d);
	assert_canonical("A: one\n .\n .\n two\n");
}

static void test_dot_lines(void **state)
{
	(void)state;
	struct cb_doc d;
	parse_ok(&d,
		 "First: .\n"
		 "Second: ..\n"
		 "Lines: x\n .\n ..\n ...\n ....\n . .\n .x\n"
		 "Lead:\n ..\n y\n");
	/* The first line is never escaped; continuation lines are. */
	assert_string_equal(get(&d, 0, "First"), ".");
	assert_string_equal(get(&d, 0, "Second"), "..");
	assert_string_equal(get(&d, 0, "Lines"), "x\n\n.\n..\n...\n. .\n.x");
	assert_string_equal(get(&d, 0, "Lead"), ".\ny");
	char *s = serialise(&d);
	assert_string_equal(s,
			    "First: .\n"
			    "Second: ..\n"
			    "Lines: x\n .\n ..\n ...\n ....\n . .\n .x\n"
			    "Lead: .\n y\n");
	free(s);
	cb_doc_free(&d);
}

static void test_non_ascii(void **state)
{
	(void)state;
	static const char text[] =
		"Record: genogram\n"
		"Person: 4BX8TT2M0R\n"
		"\n"
		"Id: M1K9D3QX7Z\n"
		"Name: Nguyễn Văn An\n"
		"Partner: Zoë Ådahl\n"
		"Notes: Gwŷn ap Rhys visits Ŵyn at Tŷ Gwyn.\n"
		" Ελληνικά, русский, 日本語, emoji 🙂, combining e\xcc\x81.\n"
		" U+FFFD \xef\xbf\xbd and U+10FFFF \xf4\x8f\xbf\xbf are fine.\n";
	assert_canonical(text);
	struct cb_doc d;
	parse_ok(&d, text);
	assert_string_equal(get(&d, 1, "name"), "Nguyễn Văn An");
	assert_string_equal(get(&d, 1, "Partner"), "Zoë Ådahl");
	cb_doc_free(&d);
}

static void test_crlf(void **state)
{
	(void)state;
	static const char crlf[] =
		"Record: person\r\n"
		"Name: Gwŷn ap Rhys  \r\n"
		"Notes: line one\r\n"
		" .\r\n"
		"  indented\r\n"
		"\r\n"
		"\r\n"
		"Id: X1\r\n";
	assert_normalises_to(crlf, sizeof crlf - 1,
			     "Record: person\n"
			     "Name: Gwŷn ap Rhys\n"
			     "Notes: line one\n"
			     " .\n"
			     "  indented\n"
			     "\n"
			     "Id: X1\n");
	/* Mixed line endings are fine too. */
	static const char mixed[] = "A: 1\r\nB: 2\nC: 3\r\n";
	assert_normalises_to(mixed, sizeof mixed - 1, "A: 1\nB: 2\nC: 3\n");
}

static void test_trailing_whitespace(void **state)
{
	(void)state;
	static const char text[] =
		"Name: Zoë \t \n"
		"Empty:   \t\n"
		"Notes: a  \n"
		" b\t\n"
		" .  \n"
		" c \n";
	assert_normalises_to(text, sizeof text - 1,
			     "Name: Zoë\nEmpty:\nNotes: a\n b\n .\n c\n");
}

static void test_no_final_newline(void **state)
{
	(void)state;
	static const char a[] = "A: 1\nB: two";
	assert_normalises_to(a, sizeof a - 1, "A: 1\nB: two\n");
	static const char b[] = "A: 1\n more  ";
	assert_normalises_to(b, sizeof b - 1, "A: 1\n more\n");
	static const char c[] = "A:";
	assert_normalises_to(c, sizeof c - 1, "A:\n");
	static const char e[] = "A: 1\n .";
	assert_normalises_to(e, sizeof e - 1, "A: 1\n");
}

static void test_comments(void **state)
{
	(void)state;
	static const char text[] =
		"# header comment\n"
		"Record: chronology\n"
		"# inside the stanza\n"
		"Schema: 1\n"
		"\n"
		"# between stanzas\n"
		"\n"
		"# right before a stanza\n"
		"Id: Q2W3E4R5T6\n"
		"Event: first line\n"
		"# inside a value: dropped, the value goes on\n"
		" second line\n"
		" # not a comment: it is indented\n"
		"#\n"
		"#no space: still a comment\n";
	struct cb_doc d;
	parse_ok(&d, text);
	assert_int_equal(d.nstanzas, 2);
	assert_int_equal(d.stanzas[0].line, 2);
	assert_int_equal(d.stanzas[1].line, 9);
	assert_string_equal(get(&d, 1, "Event"),
			    "first line\nsecond line\n# not a comment: it is indented");
	char *s = serialise(&d);
	assert_string_equal(s,
			    "Record: chronology\n"
			    "Schema: 1\n"
			    "\n"
			    "Id: Q2W3E4R5T6\n"
			    "Event: first line\n"
			    " second line\n"
			    " # not a comment: it is indented\n");
	free(s);
	cb_doc_free(&d);
	/* A value may start with '#'. */
	assert_canonical("Tag: #urgent\nList: #1 first\n #2 second\n");
}

static void test_tabs(void **state)
{
	(void)state;
	static const char text[] =
		"A:\tafter a tab\n"
		"B: in\tside\n"
		"C: x\n"
		"\ttab marker\n"
		"\t\tone tab kept\n"
		"\t.\n"
		"\t..\n"
		"D:\n"
		" \tstarts with a tab\n"
		"\t\n"
		"E: new stanza after a tab-only line\n";
	struct cb_doc d;
	parse_ok(&d, text);
	assert_int_equal(d.nstanzas, 2);
	assert_string_equal(get(&d, 0, "A"), "after a tab");
	assert_string_equal(get(&d, 0, "B"), "in\tside");
	assert_string_equal(get(&d, 0, "C"), "x\ntab marker\n\tone tab kept\n\n.");
	assert_string_equal(get(&d, 0, "D"), "\tstarts with a tab");
	assert_int_equal(d.stanzas[1].line, 11);
	char *s = serialise(&d);
	assert_string_equal(s,
			    "A: after a tab\n"
			    "B: in\tside\n"
			    "C: x\n"
			    " tab marker\n"
			    " \tone tab kept\n"
			    " .\n"
			    " ..\n"
			    "D:\n"
			    " \tstarts with a tab\n"
			    "\n"
			    "E: new stanza after a tab-only line\n");
	free(s);
	cb_doc_free(&d);
}

static void test_blank_lines_between_stanzas(void **state)
{
	(void)state;
	static const char text[] =
		"\n\n \t \n"
		"A: 1\n"
		"\n\n\n"
		"B: 2\n"
		"   \n"
		"C: 3\n"
		"\n\n";
	struct cb_doc d;
	parse_ok(&d, text);
	assert_int_equal(d.nstanzas, 3);
	assert_int_equal(d.stanzas[0].line, 4);
	assert_int_equal(d.stanzas[1].line, 8);
	assert_int_equal(d.stanzas[2].line, 10);
	cb_doc_free(&d);
	assert_normalises_to(text, sizeof text - 1, "A: 1\n\nB: 2\n\nC: 3\n");
}

static void test_byte_order_mark(void **state)
{
	(void)state;
	static const char text[] = "\xef\xbb\xbfRecord: person\nName: Zoë\n";
	assert_normalises_to(text, sizeof text - 1,
			     "Record: person\nName: Zoë\n");
	/* Only at the very start; elsewhere it is an ordinary character. */
	assert_canonical("Name: \xef\xbb\xbfZoë\n");
}

static void test_field_names(void **state)
{
	(void)state;
	char name64[80], text[160];
	memset(name64, 'N', 64);
	name64[64] = '\0';
	snprintf(text, sizeof text, "%s: x\n9: y\nA-b_C-: z\nx-: w\n", name64);
	assert_canonical(text);
	/* Names keep their spelling; lookups ignore case. */
	struct cb_doc d;
	parse_ok(&d, "rEcOrD: person\n");
	assert_string_equal(d.stanzas[0].fields[0].name, "rEcOrD");
	assert_string_equal(get(&d, 0, "Record"), "person");
	cb_doc_free(&d);
}

/* The same name in different stanzas is normal (every item has an Id). */
static void test_same_name_other_stanza(void **state)
{
	(void)state;
	assert_canonical("Id: A\n\nId: B\n\nid: C\n");
}

/* ---- malformed input ---- */

static void test_error_invalid_utf8(void **state)
{
	(void)state;
	/* overlong encodings of '.' and '/' */
	assert_fails("A: ok\nName: \xc0\xae\n", 2, "invalid UTF-8");
	assert_fails("Name: \xc1\xbf\n", 1, "invalid UTF-8");
	assert_fails("A: 1\nB: 2\nName: \xe0\x80\xaf\n", 3, "invalid UTF-8");
	assert_fails("Name: \xf0\x80\x80\xaf\n", 1, "invalid UTF-8");
	/* truncated sequences: at end of line, at end of input, cut short */
	assert_fails("Name: Zo\xc3\nNext: x\n", 1, "invalid UTF-8");
	assert_fails_n("A: 1\nName: \xe2\x82", 13, 2, "invalid UTF-8");
	assert_fails("Name: \xe2\x82x\n", 1, "invalid UTF-8");
	assert_fails("Name: \xf0\x9f\x99\n", 1, "invalid UTF-8");
	/* a lone continuation byte, and bytes that never occur */
	assert_fails("Name: \x80\n", 1, "invalid UTF-8");
	assert_fails("Name: \xfe\n", 1, "invalid UTF-8");
	assert_fails("Name: \xff\n", 1, "invalid UTF-8");
	/* UTF-16 surrogates and code points past U+10FFFF */
	assert_fails("A: 1\n\nName: \xed\xa0\x80\n", 3, "invalid UTF-8");
	assert_fails("Name: \xed\xbf\xbf\n", 1, "invalid UTF-8");
	assert_fails("Name: \xf4\x90\x80\x80\n", 1, "invalid UTF-8");
	assert_fails("Name: \xf5\x80\x80\x80\n", 1, "invalid UTF-8");
	/* Latin-1 as written by an old editor */
	assert_fails("Name: Zo\xeb \xc5" "dahl\n", 1, "invalid UTF-8");
	/* in a continuation line, a field name and a comment */
	assert_fails("A: x\n more \xc3(\n", 2, "invalid UTF-8");
	assert_fails("N\xc3me: x\n", 1, "invalid UTF-8");
	assert_fails("A: x\n# comment \xff\n", 2, "invalid UTF-8");
}

static void test_error_nul(void **state)
{
	(void)state;
	assert_fails_n("A: 1\nName: Zo\0e\n", 15, 2, "NUL byte");
	assert_fails_n("\0", 1, 1, "NUL byte");
	assert_fails_n("A: x\n y\n z\0\n", 12, 3, "NUL byte");
	assert_fails_n("# \0\n", 4, 1, "NUL byte");
	assert_fails_n("Na\0me: x\n", 9, 1, "NUL byte");
}

static void test_error_control(void **state)
{
	(void)state;
	assert_fails("Name: \x1b[31mred\n", 1, "control character U+001B");
	assert_fails("A: 1\nName: bell\x07\n", 2, "U+0007");
	assert_fails("Name: back\bspace\n", 1, "U+0008");
	assert_fails("Name: vertical\vtab\n", 1, "U+000B");
	assert_fails("Name: form\ffeed\n", 1, "U+000C");
	assert_fails("Name: del\x7f\n", 1, "U+007F");
	assert_fails("Name: next line \xc2\x85\n", 1, "U+0085");
	assert_fails("Name: csi \xc2\x9b" "31m\n", 1, "U+009B");
	assert_fails("Name: \xc2\x80\n", 1, "U+0080");
	assert_fails("Name: \xc2\x9f\n", 1, "U+009F");
	assert_fails("A: x\n \x1b]0;title\x07\n", 2, "U+001B");
	/* U+00A0, just past the C1 range, is an ordinary character */
	assert_canonical("Name: no\xc2\xa0" "break\n");
}

static void test_error_lone_cr(void **state)
{
	(void)state;
	assert_fails("A: 1\nName: a\rb\n", 2, "carriage return");
	assert_fails("A: 1\rB: 2\n", 1, "carriage return");
	assert_fails("A: 1\r\r\n", 1, "carriage return");
	assert_fails("A: 1\n\r", 2, "carriage return");
	assert_fails("A: 1\r", 1, "carriage return");
	assert_fails("A: 1\n \rx\n", 2, "carriage return");
}

static void test_error_no_colon(void **state)
{
	(void)state;
	assert_fails("Name value\n", 1, "expected \"Field: value\"");
	assert_fails("A: 1\nB: 2\n\nfree text\n", 4, "expected \"Field: value\"");
	assert_fails("A: 1\nB", 2, "expected \"Field: value\"");
	assert_fails("A: 1\n-\n", 2, "expected");
}

static void test_error_field_name(void **state)
{
	(void)state;
	assert_fails(": value\n", 1, "field name missing before ':'");
	assert_fails("A: 1\n:\n", 2, "field name missing");
	assert_fails("Bad Name: x\n", 1, "Bad Name");
	assert_fails("Name : x\n", 1, "may only contain");
	assert_fails("Na.me: x\n", 1, "may only contain");
	assert_fails("Na/me: x\n", 1, "may only contain");
	assert_fails("-dash: x\n", 1, "must start with a letter or digit");
	assert_fails("_under: x\n", 1, "must start");
	assert_fails("A: 1\nZoë: x\n", 2, "Zoë");
	assert_fails("Ŵ: x\n", 1, "must start");
	char text[200];
	memset(text, 'N', 65);
	strcpy(text + 65, ": x\n");
	assert_fails(text, 1, "longer than 64");
	/* A long bad name is quoted only in part. */
	memset(text, 'x', 150);
	strcpy(text + 150, " y: z\n");
	struct cb_doc d;
	struct cb_parse_error e;
	assert_int_equal(cb_doc_parse(&d, text, strlen(text), &e), CB_EINVALID);
	assert_non_null(strstr(e.msg, "..."));
	assert_true(strlen(e.msg) < 150);
}

static void test_error_continuation_first(void **state)
{
	(void)state;
	assert_fails(" continuation\n", 1, "continuation line before any field");
	assert_fails("\tcontinuation\n", 1, "continuation line before any field");
	assert_fails("# comment\n .\n", 2, "continuation line before any field");
	/* after a blank line the next stanza has no field yet */
	assert_fails("A: 1\n\n more\n", 3, "continuation line before any field");
	assert_fails("A: 1\n \t \n more\n", 3, "continuation");
}

static void test_error_duplicate(void **state)
{
	(void)state;
	assert_fails("Event: a\nEvent: b\n", 2, "field Event appears twice");
	assert_fails("Event: a\nDate: x\nevent: b\n", 3, "field event appears twice");
	assert_fails("Id: A\n\nId: B\nX: 1\nID: C\n", 5, "appears twice");
	assert_fails("A: 1\n more\n# c\nB: 2\n\tmore\na: 3\n", 6, "appears twice");
}

/* The first bad line is the one reported, and stanzas already read are
 * dropped without a leak. */
static void test_error_after_good_stanzas(void **state)
{
	(void)state;
	char *text = malloc(100000);
	assert_non_null(text);
	size_t n = 0;
	for (int i = 0; i < 1000; i++)
		n += (size_t)sprintf(text + n, "Id: %d\nValue: x\n y\n\n", i);
	strcpy(text + n, "Bad\n");
	assert_fails(text, 4001, "expected");
	free(text);
}

/* Errors carry the right line in a CRLF file, after comments and after a
 * missing final newline would be. */
static void test_error_line_numbers(void **state)
{
	(void)state;
	assert_fails("A: 1\r\n# c\r\n\r\nB: 2\r\nB: 3\r\n", 5, "appears twice");
	assert_fails("\xef\xbb\xbf" "A: 1\nbad\n", 2, "expected");
	assert_fails("A: 1\n\n\n\n\n\n\n\n\n\nx", 11, "expected");
}

/* ---- serialising ---- */

static void test_serialise_rules(void **state)
{
	(void)state;
	struct cb_doc d = { 0 };
	struct cb_stanza *s = cb_doc_add_stanza(&d);
	assert_non_null(s);
	assert_int_equal(cb_stanza_set(s, "Single", "one line"), 0);
	assert_int_equal(cb_stanza_set(s, "Empty", ""), 0);
	assert_int_equal(cb_stanza_set(s, "Multi", "first\n\nthird\n.\n.."), 0);
	assert_int_equal(cb_stanza_set(s, "Indented", "  first\nsecond"), 0);
	assert_int_equal(cb_stanza_set(s, "Tabbed", "\tx"), 0);
	/* an empty stanza in between is skipped */
	assert_non_null(cb_doc_add_stanza(&d));
	s = cb_doc_add_stanza(&d);
	assert_non_null(s);
	assert_int_equal(cb_stanza_set(s, "Id", "X"), 0);
	char *out = serialise(&d);
	assert_string_equal(out,
			    "Single: one line\n"
			    "Empty:\n"
			    "Multi: first\n"
			    " .\n"
			    " third\n"
			    " ..\n"
			    " ...\n"
			    "Indented:\n"
			    "   first\n"
			    " second\n"
			    "Tabbed:\n"
			    " \tx\n"
			    "\n"
			    "Id: X\n");
	free(out);
	out = cb_doc_serialise(&d, NULL); /* the length is optional */
	assert_non_null(out);
	free(out);
	cb_doc_free(&d);
	/* the empty document is an empty string */
	size_t len = 99;
	out = cb_doc_serialise(&d, &len);
	assert_non_null(out);
	assert_int_equal(len, 0);
	assert_string_equal(out, "");
	free(out);
}

/* Stanza and field order is kept as stored, not sorted. */
static void test_serialise_keeps_order(void **state)
{
	(void)state;
	assert_canonical("Zeta: 1\nAlpha: 2\n\nId: B\n\nId: A\n");
}

/* ---- round trips of built documents ---- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* Text made of the pieces most likely to confuse the format. */
static char *random_text(void)
{
	static const char *const pieces[] = {
		"a", "Z", " ", "  ", "\t", "\n", "\n\n", ".", "..", ":", ": ",
		"#", "-", "ë", "Å", "ễ", "ŵ", "🙂", "\xc2\xa0", " .", "\n.",
		"\n..", "\n ", "\n\t", "Field: x",
	};
	size_t n = (size_t)(rng() % 12);
	char *s = calloc(1, n * 8 + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		strcat(s, pieces[rng() % (sizeof pieces / sizeof *pieces)]);
	return s;
}

static void random_name(char *name)
{
	static const char first[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static const char rest[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t n = 1 + (size_t)(rng() % 6);
	name[0] = first[rng() % (sizeof first - 1)];
	for (size_t i = 1; i < n; i++)
		name[i] = rest[rng() % (sizeof rest - 1)];
	name[n] = '\0';
}

static void build_random_doc(struct cb_doc *d)
{
	memset(d, 0, sizeof *d);
	size_t ns = (size_t)(rng() % 5);
	for (size_t i = 0; i < ns; i++) {
		struct cb_stanza *s = cb_doc_add_stanza(d);
		assert_non_null(s);
		size_t nf = (size_t)(rng() % 6);
		for (size_t k = 0; k < nf; k++) {
			char name[8];
			random_name(name);
			char *v = random_text();
			assert_int_equal(cb_stanza_set(s, name, v), 0);
			free(v);
		}
	}
}

/* For documents with valid names and normal-form values,
 * parse(serialise(d)) == d, and the text is canonical. */
static void test_roundtrip_built_docs(void **state)
{
	(void)state;
	rng_state = 822;
	for (int round = 0; round < 5000; round++) {
		struct cb_doc d, back;
		build_random_doc(&d);
		char *text = serialise(&d);
		struct cb_parse_error e;
		int rc = cb_doc_parse(&back, text, strlen(text), &e);
		if (rc)
			print_error("round %d: %s\n%s", round, e.msg, text);
		assert_int_equal(rc, 0);
		assert_true(cb_doc_equal(&d, &back));
		char *again = serialise(&back);
		assert_string_equal(again, text);
		free(text);
		free(again);
		cb_doc_free(&d);
		cb_doc_free(&back);
	}
}

static void test_roundtrip_awkward_values(void **state)
{
	(void)state;
	static const char *const values[] = {
		"", ".", "..", "...", " ", " x", "\tx", "x\n.\ny", "x\n\n\ny",
		"a: b: c", "# not a comment", "x\n#y", ".\n.", "  \n  x",
		"Zoë Ådahl\nNguyễn Văn An\nGwŷn ap Rhys", "x\n \ny", "Field: v",
		"x\n .\n ..", ("\xef\xbb\xbf" "bom"),
	};
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		struct cb_doc d = { 0 }, back;
		struct cb_stanza *s = cb_doc_add_stanza(&d);
		assert_int_equal(cb_stanza_set(s, "Notes", values[i]), 0);
		assert_int_equal(cb_stanza_set(s, "After", "end"), 0);
		char *text = serialise(&d);
		assert_int_equal(cb_doc_parse(&back, text, strlen(text), NULL), 0);
		assert_true(cb_doc_equal(&d, &back));
		free(text);
		cb_doc_free(&d);
		cb_doc_free(&back);
	}
}

/* ---- size and speed ---- */

static double seconds_since(clock_t t0)
{
	return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

static void check_big(const char *text, size_t len, const char *name,
		      size_t vlen)
{
	clock_t t0 = clock();
	struct cb_doc d;
	assert_int_equal(cb_doc_parse(&d, text, len, NULL), 0);
	const char *v = get(&d, 0, name);
	assert_non_null(v);
	assert_int_equal(strlen(v), vlen);
	size_t outlen;
	char *out = cb_doc_serialise(&d, &outlen);
	assert_non_null(out);
	assert_int_equal(outlen, len);
	assert_memory_equal(out, text, len);
	free(out);
	cb_doc_free(&d);
	/* Generous even under sanitizers; quadratic work would take minutes. */
	assert_true(seconds_since(t0) < 5.0);
}

static void test_big_values(void **state)
{
	(void)state;
	const size_t mib = 1024 * 1024;
	char *text = malloc(2 * mib + 100);
	assert_non_null(text);

	/* one line of 1 MiB */
	size_t n = (size_t)sprintf(text, "Id: X\nBig: ");
	memset(text + n, 'z', mib);
	n += mib;
	text[n++] = '\n';
	check_big(text, n, "Big", mib);

	/* 1 MiB over many lines, with empty and dots lines among them */
	n = (size_t)sprintf(text, "Big: start\n");
	size_t vlen = 5;
	for (size_t i = 0; vlen < mib; i++) {
		const char *line = i % 7 == 3 ? "." : i % 7 == 5 ? "..." :
				   "Gwŷn ap Rhys visited; Zoë said: all fine.";
		n += (size_t)sprintf(text + n, " %s\n", line);
		vlen += 1 + (strcmp(line, ".") == 0 ? 0 :
			     strcmp(line, "...") == 0 ? 2 : strlen(line));
	}
	/* ends on a text line: a trailing empty line would be dropped */
	n += (size_t)sprintf(text + n, " end\n");
	vlen += 4;
	check_big(text, n, "Big", vlen);
	free(text);
}

/* Many fields in one stanza must not make duplicate checks quadratic. */
static void test_many_fields(void **state)
{
	(void)state;
	const size_t nf = 100000;
	char *text = malloc(nf * 24 + 32);
	assert_non_null(text);
	size_t n = 0;
	for (size_t i = 0; i < nf; i++)
		n += (size_t)sprintf(text + n, "Field-%zu: %zu\n", i, i);
	check_big(text, n, "Field-99999", 5);
	/* and a duplicate at the very end is still found */
	n += (size_t)sprintf(text + n, "FIELD-4242: again\n");
	assert_fails(text, nf + 1, "field FIELD-4242 appears twice");
	free(text);
}

/* ---- field access ---- */

static void test_stanza_get(void **state)
{
	(void)state;
	struct cb_doc d;
	parse_ok(&d, "Name: Zoë\nDate-Of-Birth: 2008-11-02\nEmpty:\n");
	const struct cb_stanza *s = &d.stanzas[0];
	assert_string_equal(cb_stanza_get(s, "Name"), "Zoë");
	assert_string_equal(cb_stanza_get(s, "NAME"), "Zoë");
	assert_string_equal(cb_stanza_get(s, "date-of-birth"), "2008-11-02");
	assert_string_equal(cb_stanza_get(s, "Empty"), "");
	assert_null(cb_stanza_get(s, "Nam"));
	assert_null(cb_stanza_get(s, "Names"));
	assert_null(cb_stanza_get(s, ""));
	assert_null(cb_stanza_get(s, NULL));
	cb_doc_free(&d);
}

static void test_stanza_set(void **state)
{
	(void)state;
	struct cb_stanza s = { 0 };
	assert_int_equal(cb_stanza_set(&s, "Name", "Zoë Ådahl"), 0);
	assert_int_equal(cb_stanza_set(&s, "Status", "Looked after"), 0);
	assert_int_equal(cb_stanza_set(&s, "Team", "North"), 0);
	assert_int_equal(s.nfields, 3);
	/* replacing keeps the position and takes the new spelling */
	assert_int_equal(cb_stanza_set(&s, "status", "Care leaver"), 0);
	assert_int_equal(s.nfields, 3);
	assert_string_equal(s.fields[1].name, "status");
	assert_string_equal(s.fields[1].value, "Care leaver");
	/* values are normalised */
	assert_int_equal(cb_stanza_set(&s, "Notes", "\n  \nfirst  \n\t\n\nlast\t\n\n"), 0);
	assert_string_equal(cb_stanza_get(&s, "Notes"), "first\n\n\nlast");
	assert_int_equal(cb_stanza_set(&s, "Blank", " \n\t\n"), 0);
	assert_string_equal(cb_stanza_get(&s, "Blank"), "");
	/* bad names and values are refused and change nothing */
	assert_int_equal(cb_stanza_set(&s, "", "x"), CB_EINVALID);
	assert_int_equal(cb_stanza_set(&s, NULL, "x"), CB_EINVALID);
	assert_int_equal(cb_stanza_set(&s, "Bad Name", "x"), CB_EINVALID);
	assert_non_null(strstr(cb_err_msg(), "Bad Name"));
	assert_int_equal(cb_stanza_set(&s, "Bad\x1b[2J", "x"), CB_EINVALID);
	assert_null(strchr(cb_err_msg(), '\x1b'));
	assert_int_equal(cb_stanza_set(&s, "Zoë", "x"), CB_EINVALID);
	assert_int_equal(cb_stanza_set(&s, "Name", "red \x1b[31m"), CB_EINVALID);
	assert_non_null(strstr(cb_err_msg(), "U+001B"));
	assert_non_null(strstr(cb_err_msg(), "Name"));
	assert_int_equal(cb_stanza_set(&s, "Name", "Zo\xc3"), CB_EINVALID);
	assert_non_null(strstr(cb_err_msg(), "UTF-8"));
	assert_int_equal(cb_stanza_set(&s, "Name", "a\r\nb"), CB_EINVALID);
	assert_int_equal(cb_stanza_set(&s, "Name", NULL), CB_EINVALID);
	assert_string_equal(cb_stanza_get(&s, "Name"), "Zoë Ådahl");
	assert_int_equal(s.nfields, 5);
	cb_stanza_free(&s);
	assert_int_equal(s.nfields, 0);
	assert_null(s.fields);
}

static void test_stanza_remove(void **state)
{
	(void)state;
	struct cb_doc d;
	parse_ok(&d, "A: 1\nB: 2\nC: 3\nD: 4\n");
	struct cb_stanza *s = &d.stanzas[0];
	assert_int_equal(cb_stanza_remove(s, "b"), 0);
	assert_int_equal(cb_stanza_remove(s, "B"), CB_ENOTFOUND);
	assert_int_equal(cb_stanza_remove(s, "Nope"), CB_ENOTFOUND);
	assert_int_equal(cb_stanza_remove(s, "D"), 0);
	assert_int_equal(s->nfields, 2);
	char *out = serialise(&d);
	assert_string_equal(out, "A: 1\nC: 3\n");
	free(out);
	assert_int_equal(cb_stanza_remove(s, "A"), 0);
	assert_int_equal(cb_stanza_remove(s, "C"), 0);
	out = serialise(&d); /* a stanza left empty is not written */
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(cb_stanza_set(s, "E", "5"), 0);
	assert_string_equal(cb_stanza_get(s, "E"), "5");
	cb_doc_free(&d);
}

static void test_doc_stanzas(void **state)
{
	(void)state;
	struct cb_doc d;
	parse_ok(&d, "Id: A\n\nId: B\n\nId: C\n");
	cb_doc_remove_stanza(&d, 1);
	assert_int_equal(d.nstanzas, 2);
	assert_string_equal(get(&d, 1, "Id"), "C");
	cb_doc_remove_stanza(&d, 5); /* out of range: nothing happens */
	assert_int_equal(d.nstanzas, 2);
	/* many additions, each one starting empty */
	for (int i = 0; i < 100; i++) {
		struct cb_stanza *s = cb_doc_add_stanza(&d);
		assert_non_null(s);
		assert_int_equal(s->nfields, 0);
		assert_int_equal(s->line, 0);
		char id[16];
		snprintf(id, sizeof id, "N%d", i);
		assert_int_equal(cb_stanza_set(s, "Id", id), 0);
	}
	assert_int_equal(d.nstanzas, 102);
	assert_string_equal(get(&d, 101, "Id"), "N99");
	cb_doc_remove_stanza(&d, 0);
	assert_string_equal(get(&d, 0, "Id"), "C");
	cb_doc_free(&d);
	assert_int_equal(d.nstanzas, 0);
	assert_null(d.stanzas);
	cb_doc_free(&d); /* freeing twice is harmless */
}

static void test_doc_copy(void **state)
{
	(void)state;
	struct cb_doc d, c;
	parse_ok(&d, chronology);
	memset(&c, 0x5A, sizeof c); /* copy treats dst as output only */
	assert_int_equal(cb_doc_copy(&c, &d), 0);
	assert_true(cb_doc_equal(&d, &c));
	assert_int_equal(c.stanzas[1].line, d.stanzas[1].line);
	/* deep: changing the copy leaves the original alone */
	assert_int_equal(cb_stanza_set(&c.stanzas[1], "Category", "Education"), 0);
	assert_string_equal(get(&d, 1, "Category"), "Health");
	assert_false(cb_doc_equal(&d, &c));
	cb_doc_free(&c);
	struct cb_doc empty = { 0 };
	assert_int_equal(cb_doc_copy(&c, &empty), 0);
	assert_int_equal(c.nstanzas, 0);
	assert_true(cb_doc_equal(&c, &empty));
	cb_doc_free(&c);
	/* empty stanzas are copied as they are */
	assert_non_null(cb_doc_add_stanza(&d));
	assert_int_equal(cb_doc_copy(&c, &d), 0);
	assert_int_equal(c.nstanzas, 4);
	assert_int_equal(c.stanzas[3].nfields, 0);
	assert_int_equal(cb_stanza_set(&c.stanzas[3], "Id", "Z"), 0);
	cb_doc_free(&c);
	cb_doc_free(&d);
}

static void test_doc_equal(void **state)
{
	(void)state;
	struct cb_doc a, b;
	parse_ok(&a, "A: 1\nB: 2\n\nId: X\n");
	parse_ok(&b, "\n# comment\nA: 1\nB: 2\n\n\nId: X\n");
	assert_true(cb_doc_equal(&a, &b)); /* lines do not count */
	assert_true(cb_doc_equal(&a, &a));
	/* an empty stanza has no text form, so it does not count either */
	assert_non_null(cb_doc_add_stanza(&b));
	assert_true(cb_doc_equal(&a, &b));
	assert_true(cb_doc_equal(&b, &a));
	cb_doc_free(&b);
	parse_ok(&b, "B: 2\nA: 1\n\nId: X\n");
	assert_false(cb_doc_equal(&a, &b)); /* field order counts */
	cb_doc_free(&b);
	parse_ok(&b, "a: 1\nB: 2\n\nId: X\n");
	assert_false(cb_doc_equal(&a, &b)); /* so does the spelling */
	cb_doc_free(&b);
	parse_ok(&b, "A: 1\nB: 2\n\nId: Y\n");
	assert_false(cb_doc_equal(&a, &b));
	cb_doc_free(&b);
	parse_ok(&b, "A: 1\nB: 2\nId: X\n");
	assert_false(cb_doc_equal(&a, &b)); /* stanza boundaries count */
	cb_doc_free(&b);
	parse_ok(&b, "A: 1\nB: 2\n\nId: X\n\nId: Y\n");
	assert_false(cb_doc_equal(&a, &b));
	assert_false(cb_doc_equal(&b, &a));
	cb_doc_free(&b);
	parse_ok(&b, "Id: X\n\nA: 1\nB: 2\n");
	assert_false(cb_doc_equal(&a, &b)); /* stanza order counts */
	cb_doc_free(&b);
	cb_doc_free(&a);
}

/* ---- values and names ---- */

static void check_normalise(const char *in, const char *want)
{
	char *got = cb_value_normalise(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	/* normal form is a fixed point */
	char *again = cb_value_normalise(got);
	assert_string_equal(again, got);
	free(again);
	free(got);
}

static void test_value_normalise(void **state)
{
	(void)state;
	check_normalise("", "");
	check_normalise("plain", "plain");
	check_normalise("trailing \t ", "trailing");
	check_normalise("  leading kept", "  leading kept");
	check_normalise("\n\n  \t\nfirst\n\n\nlast\n \n\n", "first\n\n\nlast");
	check_normalise("a \nb\t\n c ", "a\nb\n c");
	check_normalise("\n", "");
	check_normalise(" \t \n \n", "");
	check_normalise(".\n..\n", ".\n..");
	check_normalise("in\tside", "in\tside");
	check_normalise("Zoë  \nNguyễn\t", "Zoë\nNguyễn");
	/* bad bytes are left for cb_value_check to report */
	check_normalise("a\r\nb", "a\r\nb");
	check_normalise("\x1b[1m ", "\x1b[1m");
	char *n = cb_value_normalise(NULL);
	assert_string_equal(n, "");
	free(n);
}

static void test_value_check(void **state)
{
	(void)state;
	static const char *const good[] = {
		"", "plain", "tab\there", "two\nlines", "Zoë Ådahl", "Nguyễn Văn An",
		"Gwŷn ŵ ŷ", "🙂", "\xc2\xa0", "\xef\xbf\xbd", "\xf4\x8f\xbf\xbf",
		"\xed\x9f\xbf", "\xee\x80\x80",
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		assert_int_equal(cb_value_check(good[i], strlen(good[i])), 0);
	static const struct {
		const char *s;
		size_t len;
		const char *what;
	} bad[] = {
		{ "a\0b", 3, "NUL byte at byte 1" },
		{ "ok\x1b", 3, "U+001B at byte 2" },
		{ "\r", 1, "U+000D" },
		{ "\x7f", 1, "U+007F" },
		{ "\xc2\x85", 2, "U+0085" },
		{ "x\xc0\xae", 3, "invalid UTF-8 at byte 1" },
		{ "\xe0\x80\xaf", 3, "invalid UTF-8" },
		{ "\xed\xa0\x80", 3, "invalid UTF-8" },
		{ "\xf4\x90\x80\x80", 4, "invalid UTF-8" },
		{ "\xc3", 1, "invalid UTF-8" },
		{ "\xe2\x82", 2, "invalid UTF-8" },
		{ "\xff", 1, "invalid UTF-8" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(cb_value_check(bad[i].s, bad[i].len), CB_EINVALID);
		if (!strstr(cb_err_msg(), bad[i].what))
			print_error("case %zu: %s\n", i, cb_err_msg());
		assert_non_null(strstr(cb_err_msg(), bad[i].what));
	}
	/* the length is honoured: a truncated view of good text is checked */
	assert_int_equal(cb_value_check("Zoë", 3), CB_EINVALID);
	assert_int_equal(cb_value_check("ok\x1b", 2), 0);
}

static void test_field_name_valid(void **state)
{
	(void)state;
	static const char *const good[] = {
		"A", "z", "0", "Record", "Date-Of-Birth", "X_1", "a-", "9-_-",
		"NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		assert_true(cb_field_name_valid(good[i]));
	static const char *const bad[] = {
		"", "-a", "_a", "a b", "a:", "a.b", "Zoë", "#a", " a", "a\t",
		"NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(cb_field_name_valid(bad[i]));
	assert_false(cb_field_name_valid(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_chronology),
		cmocka_unit_test(test_empty_documents),
		cmocka_unit_test(test_colons_and_leading_spaces),
		cmocka_unit_test(test_blank_lines_in_values),
		cmocka_unit_test(test_dot_lines),
		cmocka_unit_test(test_non_ascii),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_trailing_whitespace),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_tabs),
		cmocka_unit_test(test_blank_lines_between_stanzas),
		cmocka_unit_test(test_byte_order_mark),
		cmocka_unit_test(test_field_names),
		cmocka_unit_test(test_same_name_other_stanza),
		cmocka_unit_test(test_error_invalid_utf8),
		cmocka_unit_test(test_error_nul),
		cmocka_unit_test(test_error_control),
		cmocka_unit_test(test_error_lone_cr),
		cmocka_unit_test(test_error_no_colon),
		cmocka_unit_test(test_error_field_name),
		cmocka_unit_test(test_error_continuation_first),
		cmocka_unit_test(test_error_duplicate),
		cmocka_unit_test(test_error_after_good_stanzas),
		cmocka_unit_test(test_error_line_numbers),
		cmocka_unit_test(test_serialise_rules),
		cmocka_unit_test(test_serialise_keeps_order),
		cmocka_unit_test(test_roundtrip_built_docs),
		cmocka_unit_test(test_roundtrip_awkward_values),
		cmocka_unit_test(test_big_values),
		cmocka_unit_test(test_many_fields),
		cmocka_unit_test(test_stanza_get),
		cmocka_unit_test(test_stanza_set),
		cmocka_unit_test(test_stanza_remove),
		cmocka_unit_test(test_doc_stanzas),
		cmocka_unit_test(test_doc_copy),
		cmocka_unit_test(test_doc_equal),
		cmocka_unit_test(test_value_normalise),
		cmocka_unit_test(test_value_check),
		cmocka_unit_test(test_field_name_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
