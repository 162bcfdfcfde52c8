/* view_resolve.h - the records that need resolving, and the screen that
 * resolves one record's merge conflicts (ui/view_resolve.c). */
#ifndef CASEBOOK_UI_VIEW_RESOLVE_H
#define CASEBOOK_UI_VIEW_RESOLVE_H

#include "keys.h"

struct tui;
struct view;
struct cb_record_type;

/* The records holding merge conflicts: everyone's (person_id NULL) or one
 * person's. For one person with a single such record, its resolve screen
 * straight away; with none, NULL and a message saying so. */
struct view *view_conflicts_open(struct tui *t, const char *person_id);
/* Resolves the conflicts of the record at path (as cb_sync_conflicts
 * names it); NULL with a message (cb_err_msg) when it cannot be read. */
struct view *view_resolve_open(struct tui *t, const char *path);

/* C on a record's screen: its resolve screen when it has conflicts, else
 * a message. Returns 1 when r was REQ_RESOLVE. */
int ui_resolve_request(struct view *v, enum request r, const char *person,
		       const struct cb_record_type *type);

#endif
