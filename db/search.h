/* search.h - search-as-you-type over the index.
 *
 * The workbench filters a caseload on every keystroke, so a query must
 * cost an index look-up, never a scan: names and ids go through the FTS5
 * table `search` (kind 'person' rows), chronology text through the same
 * table (kind 'entry'), and an id prefix through the person table's
 * primary key. What the user typed is never handed to FTS5 as syntax: it
 * is cut into words and each word becomes a quoted prefix term. */
#ifndef CASEBOOK_SEARCH_H
#define CASEBOOK_SEARCH_H

#include <stddef.h>
#include "index.h"

struct cb_sb;

/* Longest query accepted, in words; further words are ignored. */
#define CB_SEARCH_MAX_WORDS 16

/* Builds the FTS5 MATCH expression for what the user typed: every word
 * (a run of ASCII letters and digits and any non-ASCII characters) as a
 * quoted prefix term, all required: "zo"* "ngu"*. Appends to out.
 * Returns the number of words (0: nothing to search for). */
size_t cb_search_fts_query(const char *typed, struct cb_sb *out);

/* Called once per matching person (ids are borrowed). Non-zero stops. */
typedef int (*cb_search_person_fn)(const char *person_id, void *ctx);

/* People whose name, preferred name or id matches what was typed (each
 * word a prefix of a word of theirs), plus, when typed is one word that
 * could be an id prefix, people whose id starts with it. Each person is
 * reported once, in id order. limit 0 = no limit. Returns 0, the
 * callback's non-zero value, or CB_ERROR. */
int cb_search_people(struct cb_index *ix, const char *typed, size_t limit,
		     cb_search_person_fn fn, void *ctx);

/* Called once per matching chronology entry of one person. */
typedef int (*cb_search_entry_fn)(const char *entry_id, void *ctx);

/* A person's chronology entries whose event, impact, source or category
 * match what was typed. */
int cb_search_entries(struct cb_index *ix, const char *person,
		      const char *typed, cb_search_entry_fn fn, void *ctx);

#endif
