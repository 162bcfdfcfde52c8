/* view_resolve.h - the records that need resolving, and the screen that
 * resolves one record's merge conflicts (ui/view_resolve.c). */
#ifndef CASEBOOK_UI_VIEW_RESOLVE_H
#define CASEBOOK_UI_VIEW_RESOLVE_H

struct tui;
struct view;

/* The records holding merge conflicts: everyone's (person_id NULL) or one
 * person's. For one person with a single such record, its resolve screen
 * straight away; with none, NULL and a message saying so. */
struct view *view_conflicts_open(struct tui *t, const char *person_id);
/* Resolves the conflicts of the record at path (as cb_sync_conflicts
 * names it); NULL with a message (cb_err_msg) when it cannot be read. */
struct view *view_resolve_open(struct tui *t, const char *path);

#endif
