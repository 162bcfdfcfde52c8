/* test_id.c - identifiers: format, randomness, seeded determinism, and
 * that nothing but a real person id can become a path in the store. */
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

#include "err.h"
#include "id.h"
#include "store.h"

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void assert_id_format(const char *id)
{
	assert_int_equal(strlen(id), CB_ID_LEN);
	for (size_t i = 0; i < CB_ID_LEN; i++)
		if (!strchr(crockford, id[i]))
			fail_msg("id %s has '%c', not Crockford base32", id, id[i]);
	assert_true(cb_person_id_valid(id));
	assert_true(cb_person_id_prefix_valid(id));
	assert_true(cb_item_id_valid(id));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/* Runs first: before anything seeds the generator, ids are random. */
static void test_random_ids(void **state)
{
	(void)state;
	enum { N = 20000 };
	char (*ids)[CB_ID_LEN + 1] = calloc(N, sizeof *ids);
	assert_non_null(ids);
	unsigned seen[32] = { 0 };
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(cb_id_new(ids[i]), 0);
		assert_id_format(ids[i]);
		for (size_t k = 0; k < CB_ID_LEN; k++)
			seen[strchr(crockford, ids[i][k]) - crockford]++;
	}
	qsort(ids, N, sizeof *ids, cmp_str);
	for (size_t i = 1; i < N; i++)
		if (strcmp(ids[i - 1], ids[i]) == 0)
			fail_msg("duplicate id %s", ids[i]);
	/* every symbol turns up, roughly evenly (expected 6250 each) */
	for (size_t k = 0; k < 32; k++) {
		if (seen[k] < 5000 || seen[k] > 7500)
			fail_msg("symbol %c seen %u times in %d ids", crockford[k], seen[k], N);
	}
	free(ids);
}

static void test_seeded_ids_repeat(void **state)
{
	(void)state;
	char a[8][CB_ID_LEN + 1], b[8][CB_ID_LEN + 1], c[CB_ID_LEN + 1];
	cb_id_seed(7);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(cb_id_new(a[i]), 0);
		assert_id_format(a[i]);
	}
	cb_id_seed(7);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(cb_id_new(b[i]), 0);
		assert_string_equal(a[i], b[i]);
	}
	/* within one sequence, ids differ */
	for (int i = 1; i < 8; i++)
		assert_string_not_equal(a[i - 1], a[i]);
	/* another seed, another sequence */
	cb_id_seed(8);
	assert_int_equal(cb_id_new(c), 0);
	assert_string_not_equal(c, a[0]);
}

static void test_person_id_valid(void **state)
{
	(void)state;
	assert_true(cb_person_id_valid("7QK2M9XD4T"));
	assert_true(cb_person_id_valid("0000000000"));
	assert_true(cb_person_id_valid("ZZZZZZZZZZ"));
	static const char *const bad[] = {
		"", "7QK2M9XD4", "7QK2M9XD4TX", "7qk2m9xd4t", "7QK2M9XD4t",
		"7QK2M9XDIT", "7QK2M9XDLT", "7QK2M9XDOT", "7QK2M9XDUT", /* I L O U */
		"../../etc", "ABC/DEF", "ABCD/EFGHI", "../ABCDEFG", "..........",
		"ABCDE FGHJ", "ABCDEFGHJ\n", "ABCDEFGHJ-", "ABCDEFGH\xc3\x89",
		"ABCDEFGHJ\x1b", "%2e%2e%2fAB",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (cb_person_id_valid(bad[i]))
			fail_msg("\"%s\" accepted as a person id", bad[i]);
	assert_false(cb_person_id_valid(NULL));
}

static void test_prefix_valid(void **state)
{
	(void)state;
	assert_true(cb_person_id_prefix_valid("7"));
	assert_true(cb_person_id_prefix_valid("7qk2"));
	assert_true(cb_person_id_prefix_valid("7QK2m9xd4t"));
	assert_false(cb_person_id_prefix_valid(""));
	assert_false(cb_person_id_prefix_valid(NULL));
	assert_false(cb_person_id_prefix_valid("7QK2M9XD4TX")); /* too long */
	assert_false(cb_person_id_prefix_valid("7QK-"));
	assert_false(cb_person_id_prefix_valid("i"));
	assert_false(cb_person_id_prefix_valid("o0"));
	assert_false(cb_person_id_prefix_valid("../"));
	assert_false(cb_person_id_prefix_valid("AB/C"));
	assert_false(cb_person_id_prefix_valid("%"));
}

static void test_item_id_valid(void **state)
{
	(void)state;
	assert_true(cb_item_id_valid("E3N8P0ZQ1A"));
	assert_true(cb_item_id_valid("contact-support"));
	assert_true(cb_item_id_valid("a"));
	char forty[41], fortyone[42];
	memset(forty, 'a', 40);
	forty[40] = '\0';
	memset(fortyone, 'a', 41);
	fortyone[41] = '\0';
	assert_true(cb_item_id_valid(forty));
	assert_false(cb_item_id_valid(fortyone));
	assert_false(cb_item_id_valid(""));
	assert_false(cb_item_id_valid(NULL));
	assert_false(cb_item_id_valid("a b"));
	assert_false(cb_item_id_valid("a/b"));
	assert_false(cb_item_id_valid(".."));
	assert_false(cb_item_id_valid("a_b"));
	assert_false(cb_item_id_valid("caf\xc3\xa9"));
}

static void test_record_path(void **state)
{
	(void)state;
	char p[128];
	assert_int_equal(cb_record_path(p, sizeof p, "7QK2M9XD4T", "chronology"), 0);
	assert_string_equal(p, "people/7/Q/7QK2M9XD4T/chronology");
	assert_int_equal(cb_record_path(p, sizeof p, "7QK2M9XD4T", NULL), 0);
	assert_string_equal(p, "people/7/Q/7QK2M9XD4T");

	static const char *const bad_ids[] = {
		"../../etc", "ABC/DEF", "", "7qk2m9xd4t", "7QK2M9XD4", "..", ".",
		"7QK2M9XD4T/..", "/etc/passwd",
	};
	for (size_t i = 0; i < sizeof bad_ids / sizeof bad_ids[0]; i++) {
		strcpy(p, "untouched");
		int rc = cb_record_path(p, sizeof p, bad_ids[i], "person");
		if (rc != CB_EINVALID)
			fail_msg("cb_record_path accepted id \"%s\" (%s)", bad_ids[i], p);
		assert_non_null(strstr(cb_err_msg(), "not a person id"));
	}
	/* the record name is one path component */
	static const char *const bad_records[] = { "", "..", ".", "../../etc", "a/b", "/x",
						   ".hidden" };
	for (size_t i = 0; i < sizeof bad_records / sizeof bad_records[0]; i++) {
		int rc = cb_record_path(p, sizeof p, "7QK2M9XD4T", bad_records[i]);
		if (rc != CB_EINVALID)
			fail_msg("cb_record_path accepted record \"%s\" (%s)", bad_records[i], p);
	}
	/* too small a buffer is an error, not a truncated path */
	assert_int_equal(cb_record_path(p, 20, "7QK2M9XD4T", "chronology"), CB_EINVALID);
}

static void test_record_path_parse(void **state)
{
	(void)state;
	char id[11], rec[64];
	assert_int_equal(cb_record_path_parse("people/7/Q/7QK2M9XD4T/chronology", id, rec), 0);
	assert_string_equal(id, "7QK2M9XD4T");
	assert_string_equal(rec, "chronology");

	/* round trip with cb_record_path for fresh ids */
	for (int i = 0; i < 50; i++) {
		char fresh[CB_ID_LEN + 1], p[128];
		assert_int_equal(cb_id_new(fresh), 0);
		assert_int_equal(cb_record_path(p, sizeof p, fresh, "pathway-plan"), 0);
		assert_int_equal(cb_record_path_parse(p, id, rec), 0);
		assert_string_equal(id, fresh);
		assert_string_equal(rec, "pathway-plan");
	}

	static const char *const bad[] = {
		"people/7/Q/7QK2M9XD4T",             /* no record */
		"people/7/Q/7QK2M9XD4T/",            /* empty record */
		"people/7/Q/7QK2M9XD4T/a/b",         /* too deep */
		"people/8/Q/7QK2M9XD4T/person",      /* wrong shard */
		"people/7/R/7QK2M9XD4T/person",
		"people/7/q/7qk2m9xd4t/person",      /* lower case id */
		"people/./../7QK2M9XD4T/person",
		"people/7/Q/../../../etc/passwd",
		"people/7/Q/7QK2M9XD4TT/person",     /* id too long */
		"other/7/Q/7QK2M9XD4T/person",
		"people/7Q/7QK2M9XD4T/person",
		"",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (cb_record_path_parse(bad[i], id, rec) == 0)
			fail_msg("\"%s\" parsed as a record path", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_ids),
		cmocka_unit_test(test_seeded_ids_repeat),
		cmocka_unit_test(test_person_id_valid),
		cmocka_unit_test(test_prefix_valid),
		cmocka_unit_test(test_item_id_valid),
		cmocka_unit_test(test_record_path),
		cmocka_unit_test(test_record_path_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
