/* blame_int.h - what blame.c hands the two ways of attributing a record's
 * fields (see blame.h): the walk over the index's rows (blame_walk.c),
 * which reads only the version blamed and the versions around a merge,
 * and the replay of every version (blame_replay.c), which the walk falls
 * back on when the index's rows cannot answer for certain. */
#ifndef CASEBOOK_BLAME_INT_H
#define CASEBOOK_BLAME_INT_H

#include <git2.h>
#include <stddef.h>
#include "blame.h"
#include "deb822.h"
#include "schema.h"

/* At most this many parents of one save are followed (an octopus merge
 * beyond it loses the rest, as the index itself does). */
#define BLAME_MAX_PARENTS 16

/* The record's history rows, oldest first. */
struct blame_hist {
	git_repository *repo;
	const struct cb_record_type *t;
	char path[128];
	struct cb_blame_origin *rows;
	git_oid *blobs;  /* zero when the row deleted the record */
	char **parents;  /* the index's parents column, or NULL */
	char **fields;   /* the index's fields column, or NULL */
	size_t n, cap;
	size_t reads;    /* versions read so far */
};

/* The answer, for the version blamed (parsed as blame_read_version does):
 * rows are indexes into hist->rows. */
struct blame_attr {
	size_t *added;  /* per stanza: the row that added it */
	size_t *first;  /* per stanza: where its fields start in field[] */
	size_t *field;  /* per field: the row that last changed it */
};

void blame_attr_free(struct blame_attr *a);

/* Parses a version as a record of type t. casebook writes records
 * canonical, so the full canonicalisation (which sorts) only runs when
 * the header is not first (*header_first set to 0; may be NULL).
 * CB_EINVALID when it does not parse or is of another type. */
int blame_parse(const struct cb_record_type *t, const char *text, size_t len,
		struct cb_doc *doc, int *header_first);
/* Reads and parses a version (counted in h->reads). 1 when it cannot be
 * read or does not parse: damaged, or erased. */
int blame_read_version(struct blame_hist *h, const git_oid *blob, struct cb_doc *doc,
		       int *header_first);

/* cb_blame_record; replay 1: by replaying every version, never by the
 * walk (for tests: both must give the same answer). */
int blame_record(struct cb_ws *ws, const char *person, const struct cb_record_type *t,
		 const git_oid *at, int replay, struct cb_blame *out);

/* Attributes doc, the version at row target_row, from the index's rows:
 * 0 done, 1 when the rows cannot answer for certain (the caller then
 * replays), or an error. */
int blame_walk(struct blame_hist *h, size_t target_row, const struct cb_doc *doc,
	       struct blame_attr *out);
/* Attributes the version in blob target by reading and comparing every
 * version. doc: that version parsed (NULL when it could not be). 1 when
 * no row has that version, or it does not parse. */
int blame_replay(struct blame_hist *h, const git_oid *target, const struct cb_doc *doc,
		 struct blame_attr *out);

#endif
