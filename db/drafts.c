/* drafts.c - durable unsaved edits; see drafts.h. */
#include "drafts.h"
#include "crypt.h"
#include "err.h"
#include "i18n.h"

#include <stdlib.h>
#include <stdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int cb_drafts_open(struct cb_drafts *d, const char *path)
{
	d->db = NULL;
	if (sqlite3_open_v2(path, &d->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		int rc = cb_err(CB_ERROR, _("cannot open drafts %s: %s"), path,
				d->db ? sqlite3_errmsg(d->db) : "?");
		sqlite3_close(d->db);
		d->db = NULL;
		return rc;
	}
	chmod(path, 0600);
	sqlite3_busy_timeout(d->db, 10000);
	char *msg = NULL;
	/* synchronous=FULL: a draft exists to survive a crash. */
	if (sqlite3_exec(d->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			 "CREATE TABLE IF NOT EXISTS draft (key TEXT PRIMARY KEY,"
			 " text TEXT NOT NULL, base TEXT, saved_at INTEGER NOT NULL)",
			 NULL, NULL, &msg) != SQLITE_OK) {
		int rc = cb_err(CB_ERROR, _("cannot open drafts %s: %s"), path, msg ? msg : "?");
		sqlite3_free(msg);
		cb_drafts_close(d);
		return rc;
	}
	return 0;
}

void cb_drafts_close(struct cb_drafts *d)
{
	if (d->db)
		sqlite3_close(d->db);
	d->db = NULL;
	if (d->key)
		sodium_free(d->key);
	d->key = NULL;
}

#define SEALED_PREFIX "sealed:"

/* The text as stored: sealed and hex-encoded when there is a key. */
static char *stored_text(struct cb_drafts *d, const char *text)
{
	if (!d->key)
		return strdup(text);
	unsigned char *sealed = NULL;
	size_t sn = 0;
	if (cb_crypt_seal(d->key, cb_magic_local, "draft", 0, text, strlen(text), &sealed, &sn))
		return NULL;
	size_t pl = strlen(SEALED_PREFIX);
	char *out = malloc(pl + sn * 2 + 1);
	if (out) {
		memcpy(out, SEALED_PREFIX, pl);
		sodium_bin2hex(out + pl, sn * 2 + 1, sealed, sn);
	}
	free(sealed);
	return out;
}

static char *plain_text(struct cb_drafts *d, const char *stored)
{
	size_t pl = strlen(SEALED_PREFIX);
	if (strncmp(stored, SEALED_PREFIX, pl) != 0)
		return strdup(stored);
	size_t hl = strlen(stored + pl), bl = 0;
	unsigned char *bin = malloc(hl / 2 + 1), *plain = NULL;
	if (!d->key) {
		free(bin);
		cb_err(CB_ESEALED, _("the draft is encrypted and the workspace is locked"));
		return NULL;
	}
	if (bin && sodium_hex2bin(bin, hl / 2 + 1, stored + pl, hl, NULL, &bl, NULL) == 0)
		cb_crypt_open(d->key, cb_magic_local, "draft", bin, bl, 0, &plain, NULL);
	free(bin);
	return (char *)plain;
}

static int run(struct cb_drafts *d, const char *sql, const char *a, const char *b,
	       const char *c, int64_t n)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK)
		return cb_err(CB_ERROR, _("drafts: %s"), sqlite3_errmsg(d->db));
	sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
	if (c)
		sqlite3_bind_text(st, 3, c, -1, SQLITE_TRANSIENT);
	if (n)
		sqlite3_bind_int64(st, 4, n);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0
		: cb_err(CB_ERROR, _("drafts: %s"), sqlite3_errmsg(d->db));
	sqlite3_finalize(st);
	return rc;
}

int cb_drafts_put(struct cb_drafts *d, const char *key, const char *text,
		  const char *base)
{
	char *st = stored_text(d, text);
	if (!st)
		return cb_err(CB_ENOMEM, _("cannot seal the draft"));
	int rc = run(d, "INSERT OR REPLACE INTO draft(key, text, base, saved_at)"
		     " VALUES (?1, ?2, ?3, ?4)", key, st, base ? base : "",
		     (int64_t)time(NULL));
	free(st);
	return rc;
}

int cb_drafts_get(struct cb_drafts *d, const char *key, char **text, int64_t *saved_at,
		  char base[41])
{
	sqlite3_stmt *st = NULL;
	*text = NULL;
	if (base)
		base[0] = '\0';
	if (sqlite3_prepare_v2(d->db, "SELECT text, saved_at, base FROM draft WHERE key = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return cb_err(CB_ERROR, _("drafts: %s"), sqlite3_errmsg(d->db));
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	int rc = CB_ENOTFOUND;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*text = plain_text(d, (const char *)sqlite3_column_text(st, 0));
		if (saved_at)
			*saved_at = sqlite3_column_int64(st, 1);
		const unsigned char *b = sqlite3_column_text(st, 2);
		if (base)
			snprintf(base, 41, "%s", b ? (const char *)b : "");
		rc = *text ? 0 : CB_ENOMEM;
	}
	sqlite3_finalize(st);
	return rc;
}

int cb_drafts_drop(struct cb_drafts *d, const char *key)
{
	return run(d, "DELETE FROM draft WHERE key = ?1", key, NULL, NULL, 0);
}
