/* export_ui.h - the workbench's `x`: the export menu. */
#ifndef CASEBOOK_UI_EXPORT_UI_H
#define CASEBOOK_UI_EXPORT_UI_H

#include "keys.h"

struct tui;
struct view;

/* Offers the exports that apply (src/export_menu.c): those about one
 * child when person_id is set, and those about the caseload when
 * caseload is 1; asks where to write (a default in the workspace's
 * private exports/ directory), then runs the chosen one with a progress
 * bar. Returns 1 (the key was handled). */
int ui_export_menu(struct tui *t, const char *person_id, int caseload);

/* x on a record's screen: 1 when r was REQ_EXPORT (and the menu ran). */
int ui_export_request(struct view *v, enum request r, const char *person_id);

#endif
