/* drafts.h - unsaved edits, kept durably apart from the derived index.
 *
 * A draft is the text of a record (or form) the user has typed but not
 * saved: an $EDITOR session whose text did not validate, or a form's
 * periodic autosave. Kept in drafts.sqlite with full durability so a
 * crash or a flat battery loses nothing; reindexing never touches it. */
#ifndef CASEBOOK_DRAFTS_H
#define CASEBOOK_DRAFTS_H

#include <sqlite3.h>
#include <stdint.h>

struct cb_drafts {
	sqlite3 *db;
	/* An encrypted workspace's team key (a copy in locked memory): each
	 * draft's text is then stored sealed, hex-encoded. */
	unsigned char *key;
};

int cb_drafts_open(struct cb_drafts *d, const char *path);
void cb_drafts_close(struct cb_drafts *d);
/* key names what the draft is for, e.g. "<id>/chronology" or
 * "form:<id>/chronology/<entry>". base is the tip it was started from. */
int cb_drafts_put(struct cb_drafts *d, const char *key, const char *text,
		  const char *base);
/* CB_ENOTFOUND when there is none; *text malloc'd. base, when not NULL,
 * gets the tip the draft was started from (hex), "" when unknown. */
int cb_drafts_get(struct cb_drafts *d, const char *key, char **text,
		  int64_t *saved_at, char base[41]);
int cb_drafts_drop(struct cb_drafts *d, const char *key);

#endif
