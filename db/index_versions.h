/* index_versions.h - what each version of a record changed, for the
 * index's history rows, parsing a new version only where it differs from
 * the version before it.
 *
 * A walk of the history meets each record again and again, one small
 * change at a time: a chronology of 300 entries gains one. Parsing every
 * version whole parsed the 300 entries 300 times. Here the last version
 * met of each record is kept parsed, with its text cut into stanzas (at
 * blank lines, as the parser cuts them); a new version's stanzas that are
 * byte for byte one of the last version's take that stanza as parsed, and
 * only the others are parsed. Comparing the two versions then looks only
 * at the stanzas that are not the same bytes in both. The answer is the
 * one cb_record_changed_fields gives for the two versions parsed whole. */
#ifndef CASEBOOK_INDEX_VERSIONS_H
#define CASEBOOK_INDEX_VERSIONS_H

#include <git2.h>
#include "deb822.h"

struct cb_versions;

/* For a walk that will meet about records records. */
struct cb_versions *cb_versions_new(size_t records);
void cb_versions_free(struct cb_versions *v);

/* The fields the change of record key ("ID/TYPE") from blob old (NULL: the
 * record is new) to blob new_ (NULL: removed) changed, as a malloc'd string:
 * cb_record_changed_fields's answer; "!" when either version cannot be
 * read or does not parse; "-" when removed. NULL when out of memory. */
char *cb_versions_changed(struct cb_versions *v, git_repository *repo, const char *key,
			  const git_oid *old, const git_oid *new_);

/* When what is kept of key is blob parsed, moves its document to out
 * (the caller frees it) and forgets the rest: 1; else 0. */
int cb_versions_take(struct cb_versions *v, const char *key, const git_oid *blob,
		     struct cb_doc *out);

/* Drops what is kept of key (its next change reads the old version again). */
void cb_versions_forget(struct cb_versions *v, const char *key);

#endif
