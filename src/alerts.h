/* alerts.h - the alerts of a caseload, a team or one person, from the
 * index: the model behind `casebook alerts`, the caseload's alert column,
 * the person screen's alert list and the team view.
 *
 * The rules configuration is read from the index (the text of
 * config/rules at the tip, see db/index_facts.h); a malformed file is an
 * error naming its line and key, never a silent default. */
#ifndef CASEBOOK_ALERTS_H
#define CASEBOOK_ALERTS_H

#include <stddef.h>
#include "index.h"
#include "rules.h"

/* The configuration in force: the defaults and config/rules over them.
 * On failure nothing is left to free. */
int cb_alerts_config(struct cb_index *ix, struct cb_rules_config *cfg);

struct cb_alert_row {
	char id[11];
	char *name, *worker, *team;   /* as stored: sanitise before drawing */
	struct cb_alert a;
};

struct cb_alert_list {
	struct cb_alert_row *v;
	size_t n, cap;
};

/* What to collect: scope as cb_index_facts (email, team, id; all NULL:
 * everyone), and filters (NULL: any). */
struct cb_alert_query {
	const char *email, *team, *id;
	int rule;                /* index in cb_rules, or -1 */
	const char *worker;      /* only people whose worker or PA is this */
};

/* Appends the active alerts (cb_alert_active) of the scope, worst first
 * (cb_alert_cmp, then name, then id). */
int cb_alerts_collect(struct cb_index *ix, const struct cb_rules_config *cfg,
		      const struct cb_alert_query *q, const struct cb_date *today,
		      struct cb_alert_list *out);
void cb_alert_list_free(struct cb_alert_list *l);

/* The distinct workers (allocated worker or PA) of a list, sorted;
 * malloc'd array of borrowed strings. For the team view's worker filter. */
size_t cb_alert_list_workers(const struct cb_alert_list *l, const char ***out);

/* The team view's model: the alerts of a team (or of everyone), and the
 * rows left by a filter on worker and on rule. */
struct cb_alert_board {
	char *team;              /* NULL: everyone */
	struct cb_alert_list all;
	const char **workers;    /* distinct workers of all, sorted */
	size_t nworkers;
	long worker;             /* index in workers, or -1: any */
	int rule;                /* index in cb_rules, or -1: any */
	size_t *view;            /* indices into all.v */
	size_t nview;
	char *rules_error;       /* config/rules is malformed: why */
};
/* Loads the team's alerts (team NULL: everyone); filters are kept. */
int cb_alert_board_load(struct cb_alert_board *b, struct cb_index *ix, const char *team,
			const struct cb_date *today);
/* Moves the worker or rule filter on to the next value present (after
 * the last: no filter). */
void cb_alert_board_next_worker(struct cb_alert_board *b);
void cb_alert_board_next_rule(struct cb_alert_board *b);
void cb_alert_board_clear(struct cb_alert_board *b);
void cb_alert_board_free(struct cb_alert_board *b);

/* When an alert is due, in words: "overdue 12 days (2025-05-20)", "due
 * 2025-06-10", "due today" or "now" (undated). Writes at most n bytes. */
void cb_alert_when(const struct cb_alert *a, char *out, size_t n);

#endif
