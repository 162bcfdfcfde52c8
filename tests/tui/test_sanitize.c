/* test_sanitize.c - repository text made safe for the terminal. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sanitize.h"

static void check(const char *in, unsigned flags, const char *want)
{
	char *got = cb_sanitize(in, flags);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void plain_text_unchanged(void **state)
{
	(void)state;
	check("", 0, "");
	check(NULL, 0, "");
	check("Zoë Ådahl", 0, "Zoë Ådahl");
	check("Nguyễn", 0, "Nguyễn");
	check("two\nlines\tand a tab", 0, "two\nlines\tand a tab");
	check("\xf0\x9f\x99\x82 emoji", 0, "\xf0\x9f\x99\x82 emoji");
}

static void controls_escaped(void **state)
{
	(void)state;
	check("\x1b]0;PWNED\x07", 0, "\\x1b]0;PWNED\\x07");
	check("a\x1b[2Jb", 0, "a\\x1b[2Jb");
	check("\r\b\x7f", 0, "\\x0d\\x08\\x7f");
	/* C1 controls, as UTF-8: CSI (U+009B) and NEL (U+0085). */
	check("\xc2\x9b" "31m", 0, "\\u009b31m");
	check("\xc2\x85", 0, "\\u0085");
}

static void direction_overrides_escaped(void **state)
{
	(void)state;
	check("Evil\xe2\x80\xae" "eman", 0, "Evil\\u202eeman");
	check("\xe2\x81\xa6x\xe2\x81\xa9", 0, "\\u2066x\\u2069");
	check("line\xe2\x80\xa8sep", 0, "line\\u2028sep");
	check("\xef\xbb\xbf" "bom", 0, "\\ufeffbom");
}

static void invalid_utf8_escaped(void **state)
{
	(void)state;
	check("\xff", 0, "\\xff");
	check("ok\xc3", 0, "ok\\xc3");           /* truncated */
	check("\xc0\xaf", 0, "\\xc0\\xaf");      /* overlong '/' */
	check("\xed\xa0\x80", 0, "\\xed\\xa0\\x80"); /* a surrogate */
	check("\xf4\x90\x80\x80", 0, "\\xf4\\x90\\x80\\x80"); /* above U+10FFFF */
}

static void oneline(void **state)
{
	(void)state;
	check("a\nb\tc", CB_SAN_ONELINE, "a b c");
	check("a\x1b\nb", CB_SAN_ONELINE, "a\\x1b b");
}

static void first_line(void **state)
{
	(void)state;
	char *s = cb_sanitize_first_line("Event one.\nMore detail.");
	assert_string_equal(s, "Event one. \xe2\x80\xa6");
	free(s);
	s = cb_sanitize_first_line("Only\tline");
	assert_string_equal(s, "Only line");
	free(s);
	s = cb_sanitize_first_line("Trailing\n");
	assert_string_equal(s, "Trailing");
	free(s);
	s = cb_sanitize_first_line(NULL);
	assert_string_equal(s, "");
	free(s);
}

static void code_points(void **state)
{
	(void)state;
	char out[12];
	assert_int_equal(cb_sanitize_cp('a', out), 0);
	assert_int_equal(cb_sanitize_cp('\n', out), 0);
	assert_int_equal(cb_sanitize_cp('\t', out), 0);
	assert_int_equal(cb_sanitize_cp(0x1b, out), 1);
	assert_string_equal(out, "\\x1b");
	assert_int_equal(cb_sanitize_cp(0x202e, out), 1);
	assert_string_equal(out, "\\u202e");
	assert_int_equal(cb_sanitize_cp(0xe9, out), 0);

	uint32_t cp = 0;
	assert_int_equal(cb_utf8_decode("\xe1\xbb\x85", 3, &cp), 3);
	assert_int_equal(cp, 0x1ec5);
	assert_int_equal(cb_utf8_decode("\xe1\xbb", 2, &cp), 0);
	assert_int_equal(cb_utf8_decode("", 0, &cp), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_text_unchanged),
		cmocka_unit_test(controls_escaped),
		cmocka_unit_test(direction_overrides_escaped),
		cmocka_unit_test(invalid_utf8_escaped),
		cmocka_unit_test(oneline),
		cmocka_unit_test(first_line),
		cmocka_unit_test(code_points),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
