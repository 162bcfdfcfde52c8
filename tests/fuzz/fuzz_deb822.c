/* fuzz_deb822.c - fuzz target for the record text parser.
 *
 * Any input the parser accepts must survive a round trip: serialising the
 * document and parsing the result gives an equal document, and serialising
 * that again gives the very same bytes. Anything else is a bug, reported by
 * abort() so the fuzzer keeps the input. The input is also tried as a
 * single field value. */
#include "deb822.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Checks what parse promises for every document it returns. */
static void check_normal_form(const struct cb_doc *d)
{
	for (size_t i = 0; i < d->nstanzas; i++) {
		const struct cb_stanza *s = &d->stanzas[i];
		if (s->nfields == 0 || s->line == 0)
			abort();
		for (size_t k = 0; k < s->nfields; k++) {
			const char *v = s->fields[k].value;
			if (!cb_field_name_valid(s->fields[k].name) ||
			    cb_value_check(v, strlen(v)))
				abort();
			char *n = cb_value_normalise(v);
			if (!n)
				abort();
			int same = strcmp(n, v) == 0;
			free(n);
			if (!same)
				abort();
		}
	}
}

/* The same bytes as a field value: whatever cb_stanza_set accepts must come
 * back unchanged from a serialise and parse. */
static void check_value(const uint8_t *data, size_t size)
{
	char *v = malloc(size + 1);
	if (!v)
		abort();
	memcpy(v, data, size);
	v[size] = '\0';
	struct cb_doc d = { 0 }, back;
	struct cb_stanza *s = cb_doc_add_stanza(&d);
	if (!s)
		abort();
	if (cb_stanza_set(s, "Value", v) == 0 &&
	    cb_stanza_set(s, "Next", "x") == 0) {
		size_t n;
		char *text = cb_doc_serialise(&d, &n);
		if (!text || cb_doc_parse(&back, text, n, NULL) ||
		    !cb_doc_equal(&d, &back))
			abort();
		free(text);
		cb_doc_free(&back);
	}
	cb_doc_free(&d);
	free(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cb_doc d1, d2;
	struct cb_parse_error err;
	size_t n1, n2;

	check_value(data, size);
	if (cb_doc_parse(&d1, (const char *)data, size, &err)) {
		/* A refused input leaves nothing behind and says where. */
		if (d1.nstanzas || d1.stanzas || err.msg[0] == '\0')
			abort();
		return 0;
	}
	check_normal_form(&d1);
	char *s1 = cb_doc_serialise(&d1, &n1);
	if (!s1)
		abort();
	if (cb_doc_parse(&d2, s1, n1, &err))
		abort();
	if (!cb_doc_equal(&d1, &d2))
		abort();
	char *s2 = cb_doc_serialise(&d2, &n2);
	if (!s2 || n1 != n2 || memcmp(s1, s2, n1) != 0)
		abort();
	/* A copy must be equal too, and serialise the same. */
	struct cb_doc d3;
	if (cb_doc_copy(&d3, &d1) || !cb_doc_equal(&d1, &d3))
		abort();
	free(s1);
	free(s2);
	cb_doc_free(&d1);
	cb_doc_free(&d2);
	cb_doc_free(&d3);
	return 0;
}
