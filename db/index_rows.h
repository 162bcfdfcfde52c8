/* index_rows.h - history rows held in memory: the part of a rebuild that
 * another thread works out, written to the index when its turn comes, so
 * the rows go in walk order whichever thread made them. */
#ifndef CASEBOOK_INDEX_ROWS_H
#define CASEBOOK_INDEX_ROWS_H

#include <stddef.h>
#include <stdint.h>

/* One row of the history table (strings may be NULL). */
struct cb_row {
	const char *commit, *person, *type, *author_name, *author_email;
	const char *summary, *fields, *blob, *parents;
	int64_t time;
	int tz;
};

struct cb_rows {
	struct cb_row **v; /* each row and its strings are one allocation */
	size_t n, cap;
};

/* Copies row in. 0 or CB_ENOMEM. */
int cb_rows_add(struct cb_rows *rows, const struct cb_row *row);
void cb_rows_free(struct cb_rows *rows);

#endif
