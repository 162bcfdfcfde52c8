/* test_keys.c - the key table: every key name in it means a key, no key
 * does two things on one screen, and terminals' variants of Enter and
 * Backspace find the same request. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ui.h"

static struct key ch(unsigned c)
{
	struct key k = { 0, c };
	return k;
}

static struct key fn(unsigned c)
{
	struct key k = { 1, c };
	return k;
}

static void names(void **state)
{
	(void)state;
	struct key k;
	assert_true(keys_parse_name("j", 1, &k));
	assert_false(k.fn);
	assert_int_equal(k.code, 'j');
	assert_true(keys_parse_name("^S", 2, &k));
	assert_int_equal(k.code, 19);
	assert_true(keys_parse_name("F2", 2, &k));
	assert_true(k.fn);
	assert_int_equal(k.code, KEY_F(2));
	assert_true(keys_parse_name("F12", 3, &k));
	assert_int_equal(k.code, KEY_F(12));
	assert_true(keys_parse_name("PgDn", 4, &k));
	assert_int_equal(k.code, KEY_NPAGE);
	assert_true(keys_parse_name("BTab", 4, &k));
	assert_int_equal(k.code, KEY_BTAB);
	assert_true(keys_parse_name("Esc", 3, &k));
	assert_int_equal(k.code, 27);
	assert_false(keys_parse_name("Nonsense", 8, &k));
}

/* Every name in the table parses, and within one keymap no key is bound
 * to two requests. */
static void table_consistent(void **state)
{
	(void)state;
	for (size_t i = 0; i < keys_nbindings; i++) {
		const struct binding *b = &keys_bindings[i];
		assert_non_null(b->help);
		assert_true(b->req > REQ_NONE && b->req < REQ__COUNT);
		const char *p = b->keys;
		while (*p) {
			size_t len = strcspn(p, " ");
			struct key k;
			if (!keys_parse_name(p, len, &k))
				fail_msg("binding %zu: unknown key name \"%.*s\"", i, (int)len, p);
			for (size_t j = 0; j < keys_nbindings; j++) {
				if (j == i || keys_bindings[j].map != b->map)
					continue;
				const char *q = keys_bindings[j].keys;
				while (*q) {
					size_t ql = strcspn(q, " ");
					struct key o;
					if (keys_parse_name(q, ql, &o) && o.fn == k.fn && o.code == k.code)
						fail_msg("\"%.*s\" is bound twice in keymap %d", (int)len, p,
							 (int)b->map);
					q += ql;
					while (*q == ' ')
						q++;
				}
			}
			p += len;
			while (*p == ' ')
				p++;
		}
	}
}

static void lookup(void **state)
{
	(void)state;
	struct key k = ch('j');
	assert_int_equal(keys_lookup(KM_GENERIC, &k), REQ_DOWN);
	assert_int_equal(keys_lookup(KM_CASELOAD, &k), REQ_NONE); /* falls back */
	k = ch('s');
	assert_int_equal(keys_lookup(KM_CASELOAD, &k), REQ_SORT);
	assert_int_equal(keys_lookup(KM_CHRONOLOGY, &k), REQ_FILTER_SIGNIFICANCE);
	/* Enter as CR, LF or KEY_ENTER. */
	k = ch('\r');
	assert_int_equal(keys_lookup(KM_GENERIC, &k), REQ_ENTER);
	k = ch('\n');
	assert_int_equal(keys_lookup(KM_GENERIC, &k), REQ_ENTER);
	k = fn(KEY_ENTER);
	assert_int_equal(keys_lookup(KM_FORM, &k), REQ_NEXT_FIELD);
	k = ch(19); /* ^S */
	assert_int_equal(keys_lookup(KM_FORM, &k), REQ_SAVE);
	k = fn(KEY_F(2));
	assert_int_equal(keys_lookup(KM_EDITOR, &k), REQ_EDITOR_DONE);
	k = fn(KEY_DOWN);
	assert_int_equal(keys_lookup(KM_FORM, &k), REQ_NEXT_FIELD);
	assert_int_equal(keys_lookup(KM_GENERIC, &k), REQ_DOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names),
		cmocka_unit_test(table_consistent),
		cmocka_unit_test(lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
