/* test_genogram.c - the genogram drawn as a character grid, and as DOT.
 *
 * Each case gives a genogram record as text and the exact grid expected,
 * so a change to the drawing shows up here as a picture. Ages are counted
 * to a fixed day. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deb822.h"
#include "err.h"
#include "genogram.h"
#include "record.h"

#define HDR "Record: genogram\nPerson: 7QK2M9XD4T\nSchema: 1\n\n"
/* A member stanza; extra is more "Field: value\n" lines or "". */
#define M(id, name, gender, born, extra) \
	"Id: " id "\nKind: member\nName: " name "\nGender: " gender \
	"\nBorn: " born "\n" extra "\n"
#define R(id, type, from, to) \
	"Id: " id "\nKind: relationship\nType: " type "\nFrom: " from \
	"\nTo: " to "\n\n"
#define INDEX "Index: yes\n"
#define HOME "Household: yes\n"

static int utf8_locale;

static void parse(struct cb_doc *doc, const char *text)
{
	struct cb_parse_error err;
	if (cb_record_parse(doc, text, strlen(text), "genogram", NULL, &err))
		fail_msg("test record does not parse: line %zu: %s", err.line, err.msg);
}

static struct cb_genogram_style style(int ascii)
{
	struct cb_genogram_style st = { 0 };
	st.ascii = ascii;
	st.today.y = 2024;
	st.today.m = 6;
	st.today.d = 1;
	return st;
}

static char *draw_doc(const struct cb_doc *doc, int ascii)
{
	struct cb_genogram_style st = style(ascii);
	struct cb_geno_grid g;
	assert_int_equal(cb_genogram_layout(doc, &st, &g), 0);
	char *text = cb_geno_grid_text(&g);
	assert_non_null(text);
	cb_geno_grid_free(&g);
	return text;
}

static char *draw(const char *record, int ascii)
{
	struct cb_doc doc;
	parse(&doc, record);
	char *text = draw_doc(&doc, ascii);
	cb_doc_free(&doc);
	return text;
}

static void expect_text(char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		printf("got:\n%s\n---\nwanted:\n%s\n", got, want); /* print_message truncates */
	assert_string_equal(got, want);
	free(got);
}

static void expect(const char *record, int ascii, const char *want)
{
	if (!utf8_locale && !ascii)
		skip();
	expect_text(draw(record, ascii), want);
}

/* ---- cases ---- */

static const char couple_kids[] = HDR
	M("sam", "Sam", "female", "2010-05-06", INDEX)
	M("tom", "Tom", "male", "2008-01-01", "")
	M("mum", "Mum", "female", "1982-03-04", "Role: mother\n")
	M("dad", "Dad", "male", "1980", "Role: father\n")
	R("r1", "married", "mum", "dad")
	R("p1", "parent", "dad", "sam")
	R("p2", "parent", "mum", "sam")
	R("p3", "parent", "dad", "tom")
	R("p4", "parent", "mum", "tom");

static void test_no_members(void **state)
{
	(void)state;
	expect(HDR, 0, "No family members recorded.");
	/* Relationships between nobody draw nothing either. */
	expect(HDR R("r1", "married", "a", "b"), 1, "No family members recorded.");
}

static void test_single_index_child(void **state)
{
	(void)state;
	expect(HDR M("sam", "Sam Patel", "female", "2010-05-06", INDEX "Role: index child\n"), 0,
	       "╭═════════════╮\n"
	       "║  Sam Patel  ║\n"
	       "║ b.2010 (14) ║\n"
	       "║ index child ║\n"
	       "╰═════════════╯");
}

static void test_married_two_children(void **state)
{
	(void)state;
	/* Tom is older: on the left, though listed after Sam. */
	expect(couple_kids, 0,
	       "┌─────────────┐   ╭─────────────╮\n"
	       "│     Dad     │   │     Mum     │\n"
	       "│ b.1980 (44) │   │ b.1982 (42) │\n"
	       "│   father    │   │   mother    │\n"
	       "└──────┬──────┘   ╰──────┬──────╯\n"
	       "       └────────┬────────┘\n"
	       "       ┌────────┴─────────┐\n"
	       "       │                  │\n"
	       "┌──────┴──────┐    ╭══════╧══════╮\n"
	       "│     Tom     │    ║     Sam     ║\n"
	       "│ b.2008 (16) │    ║ b.2010 (14) ║\n"
	       "│             │    ║             ║\n"
	       "└─────────────┘    ╰═════════════╯");
}

static const char *one_child(const char *type, char *buf, size_t n)
{
	snprintf(buf, n, HDR
		 M("c", "Kim", "male", "2012", INDEX)
		 M("mum", "Jo", "female", "1985", "")
		 M("dad", "Al", "male", "1983", "")
		 "Id: r1\nKind: relationship\nType: %s\nFrom: mum\nTo: dad\n\n"
		 R("p1", "parent", "mum", "c")
		 R("p2", "parent", "dad", "c"), type);
	return buf;
}

static void test_divorced(void **state)
{
	(void)state;
	char buf[1024];
	expect(one_child("divorced", buf, sizeof buf), 0,
	       "┌─────────────┐   ╭─────────────╮\n"
	       "│     Al      │   │     Jo      │\n"
	       "│ b.1983 (41) │   │ b.1985 (39) │\n"
	       "│             │   │             │\n"
	       "└──────┬──────┘   ╰──────┬──────╯\n"
	       "       └───//───┬────────┘\n"
	       "                │\n"
	       "                │\n"
	       "         ╔══════╧══════╗\n"
	       "         ║     Kim     ║\n"
	       "         ║ b.2012 (12) ║\n"
	       "         ║             ║\n"
	       "         ╚═════════════╝");
}

static void test_separated(void **state)
{
	(void)state;
	char buf[1024];
	expect(one_child("separated", buf, sizeof buf), 0,
	       "┌─────────────┐   ╭─────────────╮\n"
	       "│     Al      │   │     Jo      │\n"
	       "│ b.1983 (41) │   │ b.1985 (39) │\n"
	       "│             │   │             │\n"
	       "└──────┬──────┘   ╰──────┬──────╯\n"
	       "       └───/────┬────────┘\n"
	       "                │\n"
	       "                │\n"
	       "         ╔══════╧══════╗\n"
	       "         ║     Kim     ║\n"
	       "         ║ b.2012 (12) ║\n"
	       "         ║             ║\n"
	       "         ╚═════════════╝");
}

static void test_cohabiting(void **state)
{
	(void)state;
	char buf[1024];
	expect(one_child("cohabiting", buf, sizeof buf), 0,
	       "┌─────────────┐   ╭─────────────╮\n"
	       "│     Al      │   │     Jo      │\n"
	       "│ b.1983 (41) │   │ b.1985 (39) │\n"
	       "│             │   │             │\n"
	       "└──────┬──────┘   ╰──────┬──────╯\n"
	       "       └┄┄┄┄┄┄┄┄┬┄┄┄┄┄┄┄┄┘\n"
	       "                │\n"
	       "                │\n"
	       "         ╔══════╧══════╗\n"
	       "         ║     Kim     ║\n"
	       "         ║ b.2012 (12) ║\n"
	       "         ║             ║\n"
	       "         ╚═════════════╝");
}

static void test_three_generations(void **state)
{
	(void)state;
	/* Father's parents above him on the left, mother's on the right. */
	expect(HDR
	       M("c", "Lily", "female", "2015", INDEX)
	       M("mum", "Rose", "female", "1990", "")
	       M("dad", "Sean", "male", "1988", "")
	       M("mgm", "Iris", "female", "1965", "")
	       M("mgf", "Paul", "male", "1963", "")
	       M("pgm", "Vera", "female", "1960", "")
	       M("pgf", "Otto", "male", "1958", "")
	       R("r1", "married", "mum", "dad")
	       R("r2", "married", "mgf", "mgm")
	       R("r3", "married", "pgf", "pgm")
	       R("p1", "parent", "mum", "c")
	       R("p2", "parent", "dad", "c")
	       R("p3", "parent", "mgm", "mum")
	       R("p4", "parent", "mgf", "mum")
	       R("p5", "parent", "pgm", "dad")
	       R("p6", "parent", "pgf", "dad"), 0,
	       "┌─────────────┐   ╭─────────────╮    ┌─────────────┐   ╭─────────────╮\n"
	       "│    Otto     │   │    Vera     │    │    Paul     │   │    Iris     │\n"
	       "│ b.1958 (66) │   │ b.1960 (64) │    │ b.1963 (61) │   │ b.1965 (59) │\n"
	       "│             │   │             │    │             │   │             │\n"
	       "└──────┬──────┘   ╰──────┬──────╯    └──────┬──────┘   ╰──────┬──────╯\n"
	       "       └────────┬────────┘                  └────────┬────────┘\n"
	       "                └────────┐                 ┌─────────┘\n"
	       "                         │                 │\n"
	       "                  ┌──────┴──────┐   ╭──────┴──────╮\n"
	       "                  │    Sean     │   │    Rose     │\n"
	       "                  │ b.1988 (36) │   │ b.1990 (34) │\n"
	       "                  │             │   │             │\n"
	       "                  └──────┬──────┘   ╰──────┬──────╯\n"
	       "                         └────────┬────────┘\n"
	       "                                  │\n"
	       "                                  │\n"
	       "                           ╭══════╧══════╮\n"
	       "                           ║    Lily     ║\n"
	       "                           ║ b.2015 (9)  ║\n"
	       "                           ║             ║\n"
	       "                           ╰═════════════╯");
}

static void test_deceased_grandparent(void **state)
{
	(void)state;
	/* Died 1998 aged 58; single parents hang children from their box. */
	expect(HDR
	       M("c", "Lily", "female", "2015", INDEX)
	       M("mum", "Rose", "female", "1990", "")
	       M("gm", "Edna", "female", "1940-02-01", "Died: 1998-06-30\nRole: grandmother\n")
	       R("p1", "parent", "gm", "mum")
	       R("p2", "parent", "mum", "c"), 0,
	       "╭─────────────╮\n"
	       "│    Edna     │\n"
	       "│✕ d.1998 (58)│\n"
	       "│ grandmother │\n"
	       "╰──────┬──────╯\n"
	       "       │\n"
	       "       │\n"
	       "╭──────┴──────╮\n"
	       "│    Rose     │\n"
	       "│ b.1990 (34) │\n"
	       "│             │\n"
	       "╰──────┬──────╯\n"
	       "       │\n"
	       "       │\n"
	       "╭══════╧══════╮\n"
	       "║    Lily     ║\n"
	       "║ b.2015 (9)  ║\n"
	       "║             ║\n"
	       "╰═════════════╯");
}

static void test_non_binary(void **state)
{
	(void)state;
	expect(HDR
	       M("c", "Rowan", "non-binary", "2009", INDEX)
	       M("p", "Pat", "other", "1980", "")
	       R("p1", "parent", "p", "c"), 0,
	       "◇─────────────◇\n"
	       "│     Pat     │\n"
	       "│ b.1980 (44) │\n"
	       "│             │\n"
	       "◇──────┬──────◇\n"
	       "       │\n"
	       "       │\n"
	       "◇══════╧══════◇\n"
	       "║    Rowan    ║\n"
	       "║ b.2009 (15) ║\n"
	       "║             ║\n"
	       "◇═════════════◇");
}

static void test_ascii(void **state)
{
	(void)state;
	expect(couple_kids, 1,
	       "+-------------+   .-------------.\n"
	       "|     Dad     |   (     Mum     )\n"
	       "| b.1980 (44) |   ( b.1982 (42) )\n"
	       "|   father    |   (   mother    )\n"
	       "+------+------+   '------+------'\n"
	       "       +--------+--------+\n"
	       "       +--------+---------+\n"
	       "       |                  |\n"
	       "+------+------+    #======+======#\n"
	       "|     Tom     |    (     Sam     )\n"
	       "| b.2008 (16) |    ( b.2010 (14) )\n"
	       "|             |    (             )\n"
	       "+-------------+    #=============#");
}

static void test_half_siblings(void **state)
{
	(void)state;
	/* Mum between her two partners; each child under its own couple. */
	expect(HDR
	       M("m", "Mum", "female", "1980", "")
	       M("f1", "Dad", "male", "1978", "")
	       M("f2", "Sid", "male", "1975", "")
	       M("c1", "Ann", "female", "2005", INDEX)
	       M("c2", "Ben", "male", "2012", "")
	       "Id: r1\nKind: relationship\nType: divorced\nFrom: f1\nTo: m\nStart: 2003\n\n"
	       "Id: r2\nKind: relationship\nType: married\nFrom: m\nTo: f2\nStart: 2010\n\n"
	       R("p1", "parent", "m", "c1")
	       R("p2", "parent", "f1", "c1")
	       R("p3", "parent", "m", "c2")
	       R("p4", "parent", "f2", "c2"), 0,
	       "┌─────────────┐   ╭─────────────╮   ┌─────────────┐\n"
	       "│     Dad     │   │     Mum     │   │     Sid     │\n"
	       "│ b.1978 (46) │   │ b.1980 (44) │   │ b.1975 (49) │\n"
	       "│             │   │             │   │             │\n"
	       "└──────┬──────┘   ╰──────┬──────╯   └──────┬──────┘\n"
	       "       └───//───┬────────┴────────┬────────┘\n"
	       "               ┌┘                 │\n"
	       "               │                  │\n"
	       "        ╭══════╧══════╮    ┌──────┴──────┐\n"
	       "        ║     Ann     ║    │     Ben     │\n"
	       "        ║ b.2005 (19) ║    │ b.2012 (12) │\n"
	       "        ║             ║    │             │\n"
	       "        ╰═════════════╯    └─────────────┘");
}

static void test_twins_adopted_fostered(void **state)
{
	(void)state;
	expect(HDR
	       M("mum", "Amy", "female", "1980", HOME)
	       M("dad", "Ben", "male", "1979", "")
	       M("t1", "Cat", "female", "2010-04-04", INDEX HOME)
	       M("t2", "Dot", "female", "2010-04-04", HOME)
	       M("ad", "Eli", "male", "2014", HOME)
	       M("fc", "Fay", "female", "2016", "")
	       R("r1", "married", "dad", "mum")
	       R("p1", "parent", "mum", "t1")
	       R("p2", "parent", "dad", "t1")
	       R("p3", "parent", "mum", "t2")
	       R("p4", "parent", "dad", "t2")
	       R("tw", "twin", "t1", "t2")
	       R("a1", "adoptive-parent", "mum", "ad")
	       R("a2", "adoptive-parent", "dad", "ad")
	       R("f1", "foster-parent", "mum", "fc")
	       R("f2", "foster-parent", "dad", "fc")
	       R("e1", "conflict", "dad", "t2")
	       R("e2", "close", "t1", "t2"), 0,
	       "                    ┌─────────────┐   ╭H────────────╮\n"
	       "                    │     Ben     │   │     Amy     │\n"
	       "                    │ b.1979 (45) │   │ b.1980 (44) │\n"
	       "                    │             │   │             │\n"
	       "                    └──────┬──────┘   ╰──────┬──────╯\n"
	       "                           └────────┬────────┘\n"
	       "                ┌───────────────────┴────────┬──────────────────┐\n"
	       "       ┌────────┴─────────┐                  ┆                  ┊\n"
	       "       │                  │                  ┆                  ┊\n"
	       "╭H═════╧══════╮    ╭H─────┴──────╮    ┌H─────┴──────┐    ╭──────┴──────╮\n"
	       "║     Cat     ║    │     Dot     │    │     Eli     │    │     Fay     │\n"
	       "║ b.2010 (14) ║    │ b.2010 (14) │    │ b.2014 (10) │    │ b.2016 (8)  │\n"
	       "║             ║    │             │    │             │    │             │\n"
	       "╰═════════════╯    ╰─────────────╯    └─────────────┘    ╰─────────────╯\n"
	       "\n"
	       "H lives with the child   ┆ adopted   ┊ fostered\n"
	       "conflict: Ben – Dot\n"
	       "close: Cat – Dot");
}

static void test_cycle(void **state)
{
	(void)state;
	/* Ann is Bob's parent, Bob is Cy's, Cy is Ann's: the walk from Ann
	 * draws two of the links and lists the one that disagrees. */
	expect(HDR
	       M("a", "Ann", "female", "1970", INDEX)
	       M("b", "Bob", "male", "1990", "")
	       M("c", "Cy", "male", "2000", "")
	       R("r1", "parent", "a", "b")
	       R("r2", "parent", "b", "c")
	       R("r3", "parent", "c", "a"), 0,
	       "┌─────────────┐\n"
	       "│     Cy      │\n"
	       "│ b.2000 (24) │\n"
	       "│             │\n"
	       "└──────┬──────┘\n"
	       "       │\n"
	       "       │\n"
	       "╭══════╧══════╮\n"
	       "║     Ann     ║\n"
	       "║ b.1970 (54) ║\n"
	       "║             ║\n"
	       "╰══════╤══════╯\n"
	       "       │\n"
	       "       │\n"
	       "┌──────┴──────┐\n"
	       "│     Bob     │\n"
	       "│ b.1990 (34) │\n"
	       "│             │\n"
	       "└─────────────┘\n"
	       "\n"
	       "parent: Bob → Cy");
}

static void test_missing_member(void **state)
{
	(void)state;
	expect(HDR
	       M("c", "Kim", "female", "2012", INDEX)
	       M("mum", "Jo", "female", "1985", "")
	       R("p1", "parent", "mum", "c")
	       R("p2", "parent", "ghost", "c")
	       R("r1", "married", "mum", "nobody")
	       R("e1", "conflict", "ghost", "c"), 0,
	       "╭─────────────╮\n"
	       "│     Jo      │\n"
	       "│ b.1985 (39) │\n"
	       "│             │\n"
	       "╰──────┬──────╯\n"
	       "       │\n"
	       "       │\n"
	       "╭══════╧══════╮\n"
	       "║     Kim     ║\n"
	       "║ b.2012 (12) ║\n"
	       "║             ║\n"
	       "╰═════════════╯");
}

static void test_unlinked_members(void **state)
{
	(void)state;
	/* No links: a generation per 25 years from the index child, or the
	 * index child's row when the birth year is unknown. */
	expect(HDR
	       M("c", "Kim", "female", "2012", INDEX)
	       M("nan", "Nan", "female", "1950", "")
	       M("aunt", "Bea", "female", "1988", "")
	       M("pal", "Zed", "male", "2013", "")
	       "Id: x\nKind: member\nName: Who\n\n", 0,
	       "╭─────────────╮\n"
	       "│     Nan     │\n"
	       "│ b.1950 (74) │\n"
	       "│             │\n"
	       "╰─────────────╯\n"
	       "\n"
	       "╭─────────────╮\n"
	       "│     Bea     │\n"
	       "│ b.1988 (36) │\n"
	       "│             │\n"
	       "╰─────────────╯\n"
	       "\n"
	       "╭═════════════╮    ┌─────────────┐    ◇─────────────◇\n"
	       "║     Kim     ║    │     Zed     │    │     Who     │\n"
	       "║ b.2012 (12) ║    │ b.2013 (11) │    │             │\n"
	       "║             ║    │             │    │             │\n"
	       "╰═════════════╯    └─────────────┘    ◇─────────────◇");
}

/* ---- untrusted text ---- */

static struct cb_stanza *add_member(struct cb_doc *doc, const char *id, const char *gender)
{
	struct cb_stanza *s = cb_doc_add_stanza(doc);
	assert_non_null(s);
	assert_int_equal(cb_stanza_set(s, "Id", id), 0);
	assert_int_equal(cb_stanza_set(s, "Kind", "member"), 0);
	assert_int_equal(cb_stanza_set(s, "Gender", gender), 0);
	assert_int_equal(cb_stanza_set(s, "Born", "2000"), 0);
	return s;
}

/* Sets a field to bytes the parser would refuse, as a damaged or hostile
 * record might hold them. */
static void set_raw(struct cb_stanza *s, const char *name, const char *value)
{
	assert_int_equal(cb_stanza_set(s, name, "x"), 0);
	for (size_t i = 0; i < s->nfields; i++) {
		if (strcmp(s->fields[i].name, name) == 0) {
			free(s->fields[i].value);
			s->fields[i].value = strdup(value);
			assert_non_null(s->fields[i].value);
		}
	}
}

static void test_escape_in_name(void **state)
{
	(void)state;
	if (!utf8_locale)
		skip();
	struct cb_doc doc = { 0 };
	set_raw(add_member(&doc, "a", "male"), "Name", "Ed\x1b[2J\x07");
	set_raw(add_member(&doc, "b", "female"), "Name", "\xe2\x80\xae" "evil\xff");
	struct cb_stanza *s = add_member(&doc, "c", "male");
	set_raw(s, "Name", "C\xc2\x9b" "1");
	set_raw(s, "Role", "tab\there\nnewline");
	char *got = draw_doc(&doc, 0);
	expect_text(got, "┌─────────────┐    ╭─────────────╮    ┌─────────────┐\n"
	       "│   Ed?[2J?   │    │   ?evil?    │    │     C?1     │\n"
	       "│ b.2000 (24) │    │ b.2000 (24) │    │ b.2000 (24) │\n"
	       "│             │    │             │    │tab?here?new…│\n"
	       "└─────────────┘    ╰─────────────╯    └─────────────┘");
	got = draw_doc(&doc, 1);
	for (const char *p = got; *p; p++)
		assert_true(*p == '\n' || (*p >= 0x20 && *p < 0x7f));
	free(got);
	cb_doc_free(&doc);
}

static void test_widths(void **state)
{
	(void)state;
	if (!utf8_locale)
		skip();
	/* Cut by display columns: CJK characters take two, combining marks
	 * none; a cut name ends in an ellipsis. */
	struct cb_doc doc = { 0 };
	set_raw(add_member(&doc, "a", "female"), "Name", "王秀英王秀英王秀英");
	set_raw(add_member(&doc, "b", "female"), "Name", "Nguyễn Thị Minh Khai");
	set_raw(add_member(&doc, "c", "male"), "Name", "Nguye\xcc\x82\xcc\x83n");
	expect_text(draw_doc(&doc, 0), "╭─────────────╮    ╭─────────────╮    ┌─────────────┐\n"
	       "│王秀英王秀英…│    │Nguyễn Thị M…│    │   Nguyễn    │\n"
	       "│ b.2000 (24) │    │ b.2000 (24) │    │ b.2000 (24) │\n"
	       "│             │    │             │    │             │\n"
	       "╰─────────────╯    ╰─────────────╯    └─────────────┘");
	cb_doc_free(&doc);
}

/* ---- properties ---- */

static void test_order_independent(void **state)
{
	(void)state;
	/* The same record with its stanzas in another order draws the same. */
	const char *shuffled = HDR
		R("p4", "parent", "mum", "tom")
		M("dad", "Dad", "male", "1980", "Role: father\n")
		R("p2", "parent", "mum", "sam")
		M("tom", "Tom", "male", "2008-01-01", "")
		R("p1", "parent", "dad", "sam")
		M("mum", "Mum", "female", "1982-03-04", "Role: mother\n")
		R("r1", "married", "mum", "dad")
		R("p3", "parent", "dad", "tom")
		M("sam", "Sam", "female", "2010-05-06", INDEX);
	struct cb_doc a = { 0 }, b = { 0 };
	struct cb_parse_error err;
	/* Bypass canonical ordering: the layout must not rely on it. */
	assert_int_equal(cb_doc_parse(&a, couple_kids, strlen(couple_kids), &err), 0);
	assert_int_equal(cb_doc_parse(&b, shuffled, strlen(shuffled), &err), 0);
	char *ta = draw_doc(&a, 1), *tb = draw_doc(&b, 1);
	assert_string_equal(ta, tb);
	free(ta);
	free(tb);
	cb_doc_free(&a);
	cb_doc_free(&b);
}

static void test_places_and_attributes(void **state)
{
	(void)state;
	struct cb_doc doc;
	parse(&doc, couple_kids);
	struct cb_genogram_style st = style(0);
	struct cb_geno_grid g;
	assert_int_equal(cb_genogram_layout(&doc, &st, &g), 0);
	assert_int_equal(g.nplaces, 4);
	int seen = 0;
	for (size_t i = 0; i < g.nplaces; i++) {
		const struct cb_geno_place *p = &g.places[i];
		assert_string_equal(cb_stanza_get(&doc.stanzas[p->stanza], "Id"), p->id);
		const struct cb_geno_cell *c = &g.cells[(size_t)(p->y + 1) * (size_t)g.width + (size_t)p->x + 1];
		if (strcmp(p->id, "sam") == 0) {
			assert_true(c->attr & CB_GENO_INDEX);
			seen++;
		} else {
			assert_false(c->attr & CB_GENO_INDEX);
		}
	}
	assert_int_equal(seen, 1);
	cb_geno_grid_free(&g);
	cb_doc_free(&doc);
}

static void test_large_family(void **state)
{
	(void)state;
	/* Four generations, every couple with three children, and a few
	 * odd links: terminates, and no two boxes overlap. */
	struct cb_doc doc = { 0 };
	char id[16], born[8], from[16], to[16];
	int n = 0;
	struct cb_stanza *s;
	for (int gen = 0; gen < 4; gen++) {
		int count = gen == 0 ? 2 : 3 * (gen == 1 ? 1 : 6);
		for (int i = 0; i < count; i++, n++) {
			snprintf(id, sizeof id, "m%d", n);
			snprintf(born, sizeof born, "%d", 1930 + 25 * gen + i % 7);
			s = add_member(&doc, id, i % 2 ? "female" : "male");
			set_raw(s, "Born", born);
			set_raw(s, "Name", id);
		}
	}
	for (int i = 0; i + 1 < n; i += 2) {
		snprintf(from, sizeof from, "m%d", i);
		snprintf(to, sizeof to, "m%d", i + 1);
		s = cb_doc_add_stanza(&doc);
		set_raw(s, "Kind", "relationship");
		set_raw(s, "Type", i % 4 ? "married" : "divorced");
		set_raw(s, "From", from);
		set_raw(s, "To", to);
		for (int k = 0; k < 3 && (i / 2) * 3 + 2 + k < n; k++) {
			snprintf(to, sizeof to, "m%d", (i / 2) * 3 + 2 + k);
			for (int p = 0; p < 2; p++) {
				snprintf(from, sizeof from, "m%d", i + p);
				s = cb_doc_add_stanza(&doc);
				set_raw(s, "Kind", "relationship");
				set_raw(s, "Type", "parent");
				set_raw(s, "From", from);
				set_raw(s, "To", to);
			}
		}
	}
	struct cb_genogram_style st = style(1);
	struct cb_geno_grid g;
	assert_int_equal(cb_genogram_layout(&doc, &st, &g), 0);
	assert_int_equal((int)g.nplaces, n);
	for (size_t a = 0; a < g.nplaces; a++)
		for (size_t b = a + 1; b < g.nplaces; b++) {
			const struct cb_geno_place *p = &g.places[a], *q = &g.places[b];
			assert_false(p->y == q->y && p->x < q->x + q->w && q->x < p->x + p->w);
		}
	cb_geno_grid_free(&g);
	cb_doc_free(&doc);
}

/* ---- DOT ---- */

static void test_dot(void **state)
{
	(void)state;
	struct cb_doc doc;
	parse(&doc, HDR
	      M("mum", "Mary \\\"Mo\\\" O'Neil", "female", "1980", HOME)
	      M("dad", "Dan", "male", "1978", "Died: 2020\n")
	      M("kid", "Kit", "non-binary", "2010", INDEX HOME)
	      M("sib", "Sib", "female", "2012", "")
	      R("r1", "divorced", "dad", "mum")
	      R("p1", "parent", "mum", "kid")
	      R("p2", "parent", "dad", "kid")
	      R("p3", "adoptive-parent", "mum", "sib")
	      R("e1", "cut-off", "dad", "kid"));
	struct cb_genogram_style st = style(0);
	char *dot = cb_genogram_dot(&doc, &st);
	assert_non_null(dot);
	static const char *const want[] = {
		"digraph genogram {\n",
		"\tsubgraph cluster_household {\n\t\tstyle=dashed;\n",
		"\t\tm1 [shape=circle, label=\"Mary \\\\\\\"Mo\\\\\\\" O'Neil\\nb. 1980 (44)\"];\n",
		"\t\tm2 [shape=diamond, peripheries=2, label=\"Kit\\nb. 2010 (14)\"];\n",
		"\tm0 [shape=square, style=filled, fillcolor=\"#dddddd\", label=\"Dan\\nb. 1978\\n\u2715 d. 2020 (42)\"];\n",
		"\tm3 [shape=circle, label=\"Sib\\nb. 2012 (12)\"];\n",
		/* generations as ranks, in the terminal drawing's order */
		"\t{ rank=same; m0; m1; c0; }\n\tm0 -> m1 [style=invis];\n",
		"\t{ rank=same; m2; m3; }\n\tm2 -> m3 [style=invis];\n",
		"\tc0 [shape=point, width=0.05];\n",
		"\tm0 -> c0 [style=solid, label=\"//\"];\n",
		"\tc0 -> m1 [style=solid];\n",
		"\tc0 -> m2 [style=solid, headport=n];\n",
		"\tm1 -> m3 [style=dashed, headport=n];\n",
		"\tm0 -> m2 [style=solid, constraint=false, color=red, label=\"cut-off\"];\n",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		if (!strstr(dot, want[i]))
			print_message("missing:\n%s\nin:\n%s\n", want[i], dot);
		assert_non_null(strstr(dot, want[i]));
	}
	/* The household cluster holds exactly the household. */
	const char *cl = strstr(dot, "cluster_household");
	const char *end = strstr(cl, "\t}\n");
	assert_true(strstr(cl, "m1 [") < end && strstr(cl, "m2 [") < end);
	assert_true(strstr(dot, "m0 [") > end && strstr(dot, "m3 [") > end);
	free(dot);
	cb_doc_free(&doc);
}

/* Twins hang from one point of their own under the couple's; '&' is an
 * entity start for Graphviz, so it is written &amp;. */
static void test_dot_twins_and_ampersand(void **state)
{
	(void)state;
	struct cb_doc doc;
	parse(&doc, HDR
	      M("mum", "Ann & <Bo>", "female", "1980", "")
	      M("dad", "Dan", "male", "1978", "")
	      M("t1", "Tia", "female", "2010", INDEX)
	      M("t2", "Tom", "male", "2010", "")
	      R("r1", "married", "dad", "mum")
	      R("p1", "parent", "mum", "t1")
	      R("p2", "parent", "dad", "t1")
	      R("p3", "parent", "mum", "t2")
	      R("p4", "parent", "dad", "t2")
	      R("tw", "twin", "t1", "t2"));
	char *dot = cb_genogram_dot(&doc, NULL);
	assert_non_null(dot);
	assert_non_null(strstr(dot, "label=\"Ann &amp; <Bo>\\nb. 1980"));
	assert_non_null(strstr(dot, "\tt0_0 [shape=point, width=0.03];\n\tc0 -> t0_0;\n"));
	assert_non_null(strstr(dot, "\tt0_0 -> m2 [style=solid, headport=n];\n\tt0_0 -> m3 [style=solid, headport=n];\n"));
	assert_null(strstr(dot, "c0 -> m2"));
	free(dot);
	cb_doc_free(&doc);
}

static void test_dot_escapes_control_characters(void **state)
{
	(void)state;
	struct cb_doc doc = { 0 };
	set_raw(add_member(&doc, "a", "male"), "Name", "A\x1b]0;x\x07\\N\nB\"\xc2\x85\xff");
	char *dot = cb_genogram_dot(&doc, NULL);
	assert_non_null(dot);
	assert_non_null(strstr(dot, "label=\"A?]0;x?\\\\N\\nB\\\"??\\nb. 2000"));
	for (const unsigned char *p = (const unsigned char *)dot; *p; p++)
		assert_true(*p == '\n' || *p == '\t' || *p >= 0x20);
	free(dot);
	cb_doc_free(&doc);
}

int main(void)
{
	/* Widths come from the locale, as they will in the terminal. */
	utf8_locale = setlocale(LC_ALL, "C.UTF-8") != NULL ||
		      setlocale(LC_ALL, "C.utf8") != NULL ||
		      setlocale(LC_ALL, "en_US.UTF-8") != NULL;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_members),
		cmocka_unit_test(test_single_index_child),
		cmocka_unit_test(test_married_two_children),
		cmocka_unit_test(test_divorced),
		cmocka_unit_test(test_separated),
		cmocka_unit_test(test_cohabiting),
		cmocka_unit_test(test_three_generations),
		cmocka_unit_test(test_deceased_grandparent),
		cmocka_unit_test(test_non_binary),
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_half_siblings),
		cmocka_unit_test(test_twins_adopted_fostered),
		cmocka_unit_test(test_cycle),
		cmocka_unit_test(test_missing_member),
		cmocka_unit_test(test_unlinked_members),
		cmocka_unit_test(test_escape_in_name),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_order_independent),
		cmocka_unit_test(test_places_and_attributes),
		cmocka_unit_test(test_large_family),
		cmocka_unit_test(test_dot),
		cmocka_unit_test(test_dot_escapes_control_characters),
		cmocka_unit_test(test_dot_twins_and_ampersand),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
