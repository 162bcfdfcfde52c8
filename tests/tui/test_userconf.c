/* test_userconf.c - the user's configuration file: git config syntax
 * (src/userconf.c) and its meaning for keys and colours (ui/userconf.c).
 * A good file rebinds keys; each kind of bad line is refused with the
 * file and its line number. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ui.h"
#include "userconf.h"
#include "caseload.h"

static struct key ch(unsigned c)
{
	struct key k = { 0, c };
	return k;
}

static int apply(const char *text, char *err, size_t size)
{
	struct cb_conf c;
	keys_reset();
	err[0] = '\0';
	if (cb_conf_parse(&c, "/home/sam/.config/casebook/config", text, strlen(text),
			  err, size))
		return -1;
	int rc = ui_config_apply(&c, err, size);
	cb_conf_free(&c);
	return rc;
}

static void good_file(void **state)
{
	(void)state;
	const char *text =
		"# Sam's keys\n"
		"; also a comment\n"
		"\n"
		"[bind \"caseload\"]\n"
		"\tenter = o Enter   # open with o too\n"
		"\tSort = S\n"
		"[bind \"global\"]\n"
		"sync = F6\n"
		"[bind \"chronology\"]\n"
		"add = \"A a\"\n"
		"filter-clear = none\n"
		"[color]\n"
		"title = bold yellow blue\n"
		"selected = reverse\n"
		"header = color208 default\n";
	char err[512];
	assert_int_equal(apply(text, err, sizeof err), 0);
	struct key k = ch('o');
	assert_int_equal(keys_lookup(KM_CASELOAD, &k), REQ_ENTER);
	k = ch('S');
	assert_int_equal(keys_lookup(KM_CASELOAD, &k), REQ_SORT);
	k = ch('s');
	assert_int_equal(keys_lookup(KM_CASELOAD, &k), REQ_NONE);
	/* S was sync everywhere; on the caseload it now sorts, elsewhere it
	 * still syncs, and F6 syncs everywhere instead of F5. */
	k = ch('S');
	assert_int_equal(keys_lookup(KM_GENERIC, &k), REQ_NONE);
	struct key f6 = { 1, KEY_F(6) }, f5 = { 1, KEY_F(5) };
	assert_int_equal(keys_lookup(KM_GENERIC, &f6), REQ_SYNC);
	assert_int_equal(keys_lookup(KM_GENERIC, &f5), REQ_NONE);
	k = ch('A');
	assert_int_equal(keys_lookup(KM_CHRONOLOGY, &k), REQ_ADD);
	k = ch('X');
	assert_int_equal(keys_lookup(KM_CHRONOLOGY, &k), REQ_NONE);
	/* Unbinding filter-clear leaves export on x alone. */
	k = ch('x');
	assert_int_equal(keys_lookup(KM_CHRONOLOGY, &k), REQ_EXPORT);
	/* The help table shows the keys as bound. */
	int seen = 0;
	for (size_t i = 0; i < keys_nbindings; i++)
		if (keys_bindings[i].map == KM_CASELOAD && keys_bindings[i].req == REQ_SORT) {
			assert_string_equal(keys_bindings[i].keys, "S");
			seen = 1;
		}
	assert_true(seen);
	keys_reset();
	k = ch('s');
	assert_int_equal(keys_lookup(KM_CASELOAD, &k), REQ_SORT);
}

static void names(void **state)
{
	(void)state;
	assert_int_equal(keys_request_by_name("sort-reverse"), REQ_SORT_REVERSE);
	assert_int_equal(keys_request_by_name("page-down"), REQ_PAGE_DOWN);
	assert_int_equal(keys_request_by_name("sort_reverse"), REQ_NONE);
	assert_int_equal(keys_request_by_name("sort-reverse-x"), REQ_NONE);
	assert_string_equal(keys_request_name(REQ_ADD_RELATIONSHIP), "add-relationship");
	/* Every action has a name that finds it again. */
	for (int r = 1; r < REQ__COUNT; r++)
		assert_int_equal(keys_request_by_name(keys_request_name((enum request)r)), r);
	assert_int_equal(keys_keymap_by_name("global"), KM_GENERIC);
	assert_int_equal(keys_keymap_by_name("plan"), KM_PLAN);
	assert_int_equal(keys_keymap_by_name("nowhere"), -1);
}

/* Every screen with keys can be named in [bind "SCREEN"], and a key bound
 * there in a configuration file works on that screen. */
static void every_screen(void **state)
{
	(void)state;
	for (int m = 0; m < KM__COUNT; m++) {
		const char *name = keys_keymap_name((enum keymap)m);
		if (!name)
			fail_msg("keymap %d (%s) has no name for [bind]", m, keymap_title((enum keymap)m));
		assert_int_equal(keys_keymap_by_name(name), m);
		char text[128], err[512];
		snprintf(text, sizeof text, "[bind \"%s\"]\nredraw = F12\n", name);
		if (apply(text, err, sizeof err))
			fail_msg("[bind \"%s\"]: %s", name, err);
		struct key f12 = { 1, KEY_F(12) };
		assert_int_equal(keys_lookup((enum keymap)m, &f12), REQ_REDRAW);
		for (int o = 0; o < KM__COUNT; o++)
			if (o != m)
				assert_int_equal(keys_lookup((enum keymap)o, &f12), REQ_NONE);
	}
	assert_int_equal(keys_keymap_by_name("alerts"), KM_ALERTS);
	assert_int_equal(keys_keymap_by_name("plans"), KM_PLANS);
	assert_int_equal(keys_keymap_by_name("menu"), KM_MENU);
	keys_reset();
}

/* Each kind of bad line: the message names the file and the line. */
static void bad_lines(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "[bind \"caseload\"]\n\nfrobnicate = o\n", ":3: unknown action \"frobnicate\"" },
		{ "[bind \"caseload\"]\nenter = Ctrl-o\n", ":2: \"Ctrl-o\" is not a key name" },
		{ "[bind \"caseload\"]\nenter = F0\n", ":2: \"F0\" is not a key name" },
		{ "[bind \"caseload\"]\nenter = o F99\n", ":2: \"F99\" is not a key name" },
		{ "[bind \"nowhere\"]\nenter = o\n", ":2: unknown screen \"nowhere\"" },
		{ "[bind]\nenter = o\n", ":2: unknown screen" },
		{ "[bind \"caseload\"]\nenter =\n", ":2: no key given" },
		{ "[color]\ntitle = bold yellow blu\n", ":2: \"blu\" is not a colour" },
		{ "[color]\ntitle = red green blue\n", ":2: at most two colours" },
		{ "[color]\n# x\n\ntitel = bold\n", ":4: unknown colour item \"titel\"" },
		{ "[colours]\ntitle = bold\n", ":2: unknown section [colours]" },
		{ "[color\ntitle = bold\n", ":1: a section header must be" },
		{ "title = bold\n", ":1: a setting before any [section]" },
		{ "[color]\ntitle bold\n", ":2: title needs = and a value" },
		{ "[color]\nti.tle = bold\n", ":2: expected name = value" },
		{ "[color]\ntitle\n", ":2: title needs = and a value" },
		{ "[color]\ntitle = \"bold\n", ":2: a quoted value is not closed" },
		{ "[color]\ntitle = bold \\\n  yellow\n", ":2: a value continued" },
		{ "[bind \"caseload]\nenter = o\n", ":1: a subsection name needs a closing" },
		{ "[color] x\n", ":1: text after a section header" },
		{ "[1color]\n", ":1: a section name must start with a letter" },
		{ "[caseload]\nsort = urgency\n", ":2: unknown column \"urgency\"" },
		{ "[caseload]\n\nreverse = maybe\n", ":3: reverse is true or false" },
		{ "[caseload]\nsorted = name\n", ":2: unknown setting \"sorted\"" },
		{ "[caseload \"mine\"]\nsort = name\n", ":2: [caseload] takes no subsection" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char err[1024];
		if (apply(cases[i].text, err, sizeof err) != -1 ||
		    strncmp(err, "/home/sam/.config/casebook/config:", 34) != 0 ||
		    !strstr(err, cases[i].want))
			fail_msg("case %zu: want \"%s\", got \"%s\"", i, cases[i].want, err);
	}
	keys_reset();
}

/* The caseload opens worst alert first; the file can say otherwise, and
 * a file without [caseload] puts the default back. */
static void caseload_sort(void **state)
{
	(void)state;
	char err[512];
	int col, rev;
	assert_int_equal(apply("[color]\ntitle = bold\n", err, sizeof err), 0);
	ui_config_caseload_sort(&col, &rev);
	assert_int_equal(col, CB_COL_DUE);
	assert_int_equal(rev, 0);
	assert_int_equal(apply("[caseload]\n\tsort = Name\n\treverse = true\n", err, sizeof err), 0);
	ui_config_caseload_sort(&col, &rev);
	assert_int_equal(col, CB_COL_NAME);
	assert_int_equal(rev, 1);
	assert_int_equal(apply("[caseload]\nsort = flags\nreverse = no\n", err, sizeof err), 0);
	ui_config_caseload_sort(&col, &rev);
	assert_int_equal(col, CB_COL_FLAGS);
	assert_int_equal(rev, 0);
	assert_int_equal(apply("", err, sizeof err), 0);
	ui_config_caseload_sort(&col, &rev);
	assert_int_equal(col, CB_COL_DUE);
	keys_reset();
}

static void quoting(void **state)
{
	(void)state;
	struct cb_conf c;
	char err[256];
	const char *text = "[Bind \"Caseload\"]\nEnter = \"o # not a comment\" ; comment\n"
			   "x = a\\\"b\\\\c\n";
	assert_int_equal(cb_conf_parse(&c, "f", text, strlen(text), err, sizeof err), 0);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.v[0].section, "bind");
	assert_string_equal(c.v[0].sub, "Caseload"); /* subsections keep their case */
	assert_string_equal(c.v[0].key, "enter");
	assert_string_equal(c.v[0].value, "o # not a comment");
	assert_int_equal(c.v[0].line, 2);
	assert_string_equal(c.v[1].value, "a\"b\\c");
	assert_int_equal(c.v[1].line, 3);
	cb_conf_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_file),
		cmocka_unit_test(names),
		cmocka_unit_test(every_screen),
		cmocka_unit_test(bad_lines),
		cmocka_unit_test(quoting),
		cmocka_unit_test(caseload_sort),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
