/* caseload.h - the rows of the caseload screen, without the screen.
 *
 * Whose people (mine, my team's, everyone's), what each row shows (age,
 * status, next due, flags), the order and the search filter are kept
 * here so that they can be tested without a terminal and so that the
 * screen only draws the rows it can see. Loading 10,000 people reads the
 * index once; sorting and filtering work on the loaded rows. */
#ifndef CASEBOOK_CASELOAD_H
#define CASEBOOK_CASELOAD_H

#include <stddef.h>
#include "date.h"
#include "due.h"
#include "rules.h"
#include "unsynced.h"
#include "workspace.h"

enum cb_scope { CB_SCOPE_MINE, CB_SCOPE_TEAM, CB_SCOPE_ALL, CB_SCOPE_N };

enum cb_cl_col {
	/* CB_COL_DUE is the alert column: sorted by it, the worst alert comes
	 * first (cb_alert_cmp), then the next due date. */
	CB_COL_NAME, CB_COL_AGE, CB_COL_STATUS, CB_COL_DUE, CB_COL_FLAGS,
	CB_COL_N
};

struct cb_cl_row {
	char id[11];
	char *name;        /* as stored: sanitise before drawing */
	char *status;
	char *team;
	int age;           /* -1 when the date of birth is unknown */
	struct cb_due due; /* due.what is a static translated label */
	char due_s[11];    /* YYYY-MM-DD or "" */
	unsigned unsynced; /* commits not yet on the remote */
	int conflicts;     /* records holding unresolved merge conflicts */
	size_t nalerts;    /* alerts to show now (cb_alert_active) */
	struct cb_alert worst; /* the worst of them, when nalerts > 0 */
};

struct cb_caseload {
	struct cb_cl_row *rows;
	size_t n, cap;
	size_t *view;      /* indices into rows: filtered and sorted */
	size_t nview;
	enum cb_scope scope;
	enum cb_cl_col sort;
	int reverse;
	char *team;        /* the user's team, for CB_SCOPE_TEAM */
	char *filter;      /* what was searched for, or NULL */
	struct cb_date today;
	struct cb_unsynced unsynced;
	/* The practice alert rules in force (src/alerts.h); when config/rules
	 * is malformed, no alerts and rules_error says why (the screen shows
	 * it: never a silent default). */
	struct cb_rules_config rules;
	char *rules_error;
};

/* Column titles (translated). */
const char *cb_caseload_col_title(enum cb_cl_col col);
/* The column a configuration file names (name, age, status, alert, flags;
 * not translated), or CB_COL_N when it names none. */
enum cb_cl_col cb_caseload_col_by_name(const char *name);
/* What a scope is called on screen ("My caseload", ...). */
const char *cb_caseload_scope_title(enum cb_scope scope);

/* Loads the people of scope (rows sorted by the current sort, filter
 * cleared). For CB_SCOPE_MINE and CB_SCOPE_TEAM the user comes from
 * cb_ws_author; the team from git config casebook.team, else the team of
 * the first person on the user's caseload. Keeps the sort settings of a
 * caseload already loaded. Returns 0 or an error with a message. */
int cb_caseload_load(struct cb_caseload *cl, struct cb_ws *ws, enum cb_scope scope);
/* Keeps only the rows matching query (cb_search_people); NULL or an
 * empty query shows every row again. */
int cb_caseload_filter(struct cb_caseload *cl, struct cb_index *ix, const char *query);
/* Sorts the visible rows by col (ties by name, then id). */
void cb_caseload_sort(struct cb_caseload *cl, enum cb_cl_col col, int reverse);
/* Position in the view of the person, or -1. */
long cb_caseload_find(const struct cb_caseload *cl, const char *id);
/* The alert cell: "<title>: <reason>" of the worst alert, "(+N)" when
 * there are more; "" when none. Writes at most n bytes. */
void cb_caseload_alert(const struct cb_cl_row *r, char *out, size_t n);
/* The flags cell: "overdue", "2 unsynced", "conflict", joined by spaces
 * (translated). Writes at most n bytes. */
void cb_caseload_flags(const struct cb_cl_row *r, char *out, size_t n);
void cb_caseload_free(struct cb_caseload *cl);

#endif
