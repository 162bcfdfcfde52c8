/* index_rows.c - history rows held in memory; see index_rows.h. */
#include "index_rows.h"
#include "err.h"

#include <stdlib.h>
#include <string.h>

#define NSTR 9

int cb_rows_add(struct cb_rows *rows, const struct cb_row *row)
{
	const char *src[NSTR] = { row->commit, row->person, row->type, row->author_name,
				  row->author_email, row->summary, row->fields, row->blob,
				  row->parents };
	size_t len[NSTR], total = sizeof(struct cb_row);
	for (int i = 0; i < NSTR; i++) {
		len[i] = src[i] ? strlen(src[i]) + 1 : 0;
		total += len[i];
	}
	if (rows->n == rows->cap) {
		size_t cap = rows->cap ? rows->cap * 2 : 1024;
		struct cb_row **v = realloc(rows->v, cap * sizeof *v);
		if (!v)
			return CB_ENOMEM;
		rows->v = v;
		rows->cap = cap;
	}
	struct cb_row *r = malloc(total);
	if (!r)
		return CB_ENOMEM;
	*r = *row;
	const char **dst[NSTR] = { &r->commit, &r->person, &r->type, &r->author_name,
				   &r->author_email, &r->summary, &r->fields, &r->blob,
				   &r->parents };
	char *p = (char *)(r + 1);
	for (int i = 0; i < NSTR; i++) {
		if (!src[i]) {
			*dst[i] = NULL;
			continue;
		}
		memcpy(p, src[i], len[i]);
		*dst[i] = p;
		p += len[i];
	}
	rows->v[rows->n++] = r;
	return 0;
}

void cb_rows_free(struct cb_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		free(rows->v[i]);
	free(rows->v);
	memset(rows, 0, sizeof *rows);
}
