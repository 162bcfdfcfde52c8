/* export_read.h - reading records for an export, and cleaning their text.
 *
 * Text from the repository is untrusted: before any format's own escaping,
 * cb_export_clean turns control characters and invalid UTF-8 into visible
 * escapes (\x1b), so nothing raw reaches a file a court or a young person
 * will open. */
#ifndef CASEBOOK_EXPORT_READ_H
#define CASEBOOK_EXPORT_READ_H

#include "deb822.h"

struct cb_ws;

/* Reads person_id's record of type at the tip and validates it. A record
 * that does not validate is refused: CB_EINVALID, with cb_err_msg()
 * naming the record, the item and the field. *exists (may be NULL) is 0
 * when the person has no such record (doc then holds a new one). On
 * failure doc is freed. */
int cb_export_read(struct cb_ws *ws, const char *person_id, const char *type,
		   struct cb_doc *doc, int *exists);

/* malloc'd copy of s (NULL is "") with control characters other than
 * newline, invalid UTF-8 and text-direction overrides shown as visible
 * escapes; tabs become spaces. NULL on ENOMEM. */
char *cb_export_clean(const char *s);

#endif
