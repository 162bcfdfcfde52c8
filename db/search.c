/* search.c - search-as-you-type queries over the index; see search.h. */
#include "search.h"
#include "err.h"
#include "i18n.h"
#include "id.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c >= 0x80;
}

size_t cb_search_fts_query(const char *typed, struct cb_sb *out)
{
	size_t words = 0;
	const unsigned char *p = (const unsigned char *)(typed ? typed : "");
	while (*p && words < CB_SEARCH_MAX_WORDS) {
		while (*p && !word_byte(*p))
			p++;
		const unsigned char *start = p;
		while (*p && word_byte(*p))
			p++;
		if (p == start)
			break;
		if (words)
			cb_sb_addc(out, ' ');
		/* Words hold no ASCII punctuation, so no '"' to escape: the
		 * quotes make FTS5 read the word as text, never as an operator
		 * (AND, NEAR, a column filter). */
		cb_sb_addc(out, '"');
		cb_sb_add(out, (const char *)start, (size_t)(p - start));
		cb_sb_adds(out, "\"*");
		words++;
	}
	return words;
}

static int fail(struct cb_index *ix)
{
	return cb_err(CB_ERROR, _("index: %s"), sqlite3_errmsg(ix->db));
}

/* Sorted, de-duplicated list of ids collected from both queries. */
struct idset {
	char (*v)[CB_ID_LEN + 1];
	size_t n, cap;
};

static int idset_add(struct idset *s, const char *id)
{
	if (!id || strlen(id) != CB_ID_LEN)
		return 0;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		void *nv = realloc(s->v, cap * sizeof *s->v);
		if (!nv)
			return cb_err(CB_ENOMEM, _("out of memory"));
		s->v = nv;
		s->cap = cap;
	}
	memcpy(s->v[s->n++], id, CB_ID_LEN + 1);
	return 0;
}

static int idcmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int collect(struct cb_index *ix, sqlite3_stmt *st, struct idset *s,
		   size_t limit)
{
	int sr, rc = 0;
	while ((sr = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = idset_add(s, (const char *)sqlite3_column_text(st, 0))))
			return rc;
		if (limit && s->n >= limit)
			return 0;
	}
	return sr == SQLITE_DONE ? 0 : fail(ix);
}

int cb_search_people(struct cb_index *ix, const char *typed, size_t limit,
		     cb_search_person_fn fn, void *ctx)
{
	struct cb_sb q = CB_SB_INIT;
	struct idset ids = { 0 };
	sqlite3_stmt *st = NULL;
	int rc = 0;
	size_t words = cb_search_fts_query(typed, &q);
	if (cb_sb_failed(&q)) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
		goto out;
	}
	if (words == 0)
		goto out;
	if (sqlite3_prepare_v2(ix->db,
			       "SELECT r.person FROM search s JOIN search_row r"
			       " ON r.rowid = s.rowid"
			       " WHERE search MATCH ?1 AND r.kind = 'person'",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = fail(ix);
		goto out;
	}
	sqlite3_bind_text(st, 1, q.buf, -1, SQLITE_STATIC);
	if ((rc = collect(ix, st, &ids, limit)))
		goto out;
	sqlite3_finalize(st);
	st = NULL;

	/* The FTS text holds the id as a word too; the primary key look-up
	 * also finds ids when the tokenizer would split what was typed. */
	const char *w = typed;
	while (*w == ' ')
		w++;
	char up[CB_ID_LEN + 1], hi[CB_ID_LEN + 2];
	size_t n = strcspn(w, " ");
	if (words == 1 && n <= CB_ID_LEN && w[n + strspn(w + n, " ")] == '\0') {
		memcpy(up, w, n);
		up[n] = '\0';
		if (cb_person_id_prefix_valid(up)) {
			for (size_t i = 0; i < n; i++)
				if (up[i] >= 'a' && up[i] <= 'z')
					up[i] = (char)(up[i] - 32);
			snprintf(hi, sizeof hi, "%s~", up);
			if (sqlite3_prepare_v2(ix->db, "SELECT id FROM person WHERE id >= ?1"
					       " AND id < ?2 ORDER BY id", -1, &st, NULL) != SQLITE_OK) {
				rc = fail(ix);
				goto out;
			}
			sqlite3_bind_text(st, 1, up, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
			if ((rc = collect(ix, st, &ids, limit ? limit * 2 : 0)))
				goto out;
		}
	}

	if (ids.n > 1)
		qsort(ids.v, ids.n, sizeof *ids.v, idcmp);
	size_t reported = 0;
	for (size_t i = 0; i < ids.n && !rc; i++) {
		if (i && strcmp(ids.v[i], ids.v[i - 1]) == 0)
			continue;
		if (limit && reported >= limit)
			break;
		rc = fn(ids.v[i], ctx);
		reported++;
	}
out:
	sqlite3_finalize(st);
	cb_sb_free(&q);
	free(ids.v);
	return rc;
}

int cb_search_entries(struct cb_index *ix, const char *person,
		      const char *typed, cb_search_entry_fn fn, void *ctx)
{
	struct cb_sb q = CB_SB_INIT;
	sqlite3_stmt *st = NULL;
	int rc = 0, sr;
	size_t words = cb_search_fts_query(typed, &q);
	if (cb_sb_failed(&q)) {
		cb_sb_free(&q);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	if (words == 0) {
		cb_sb_free(&q);
		return 0;
	}
	/* The person's rows first (through search_row_person), then the
	 * match on just those: cheaper than matching the whole table when
	 * one person's chronology is searched. */
	if (sqlite3_prepare_v2(ix->db,
			       "SELECT r.entry FROM search_row r JOIN search s"
			       " ON s.rowid = r.rowid WHERE r.person = ?1"
			       " AND r.kind = 'entry' AND search MATCH ?2",
			       -1, &st, NULL) != SQLITE_OK) {
		cb_sb_free(&q);
		return fail(ix);
	}
	sqlite3_bind_text(st, 1, person, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, q.buf, -1, SQLITE_STATIC);
	while ((sr = sqlite3_step(st)) == SQLITE_ROW) {
		const char *e = (const char *)sqlite3_column_text(st, 0);
		if (e && (rc = fn(e, ctx)))
			break;
	}
	if (!rc && sr != SQLITE_DONE && sr != SQLITE_ROW)
		rc = fail(ix);
	sqlite3_finalize(st);
	cb_sb_free(&q);
	return rc;
}
