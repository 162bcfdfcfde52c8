/* due.h - what is due next for a person: the earliest dated alert of the
 * practice rules (src/rules.h), whichever rule raised it. The timescales
 * themselves (pathway plan review, needs assessment, personal adviser at
 * 17½, ...) are rows of the rules table, not code here, and their
 * thresholds are the authority's (config/rules): `casebook list`, the
 * caseload and the person screen all show the same date. */
#ifndef CASEBOOK_DUE_H
#define CASEBOOK_DUE_H

#include <stddef.h>
#include "date.h"
#include "index.h"
#include "rules.h"

struct cb_due {
	int has;              /* 0: nothing due */
	struct cb_date date;
	const char *what;     /* translated label (the rule's title) */
	int overdue;          /* date before today */
};

/* The earliest dated alert of alerts (as cb_rules_eval gives them). */
void cb_due_from_alerts(const struct cb_alerts *alerts, const struct cb_date *today,
			struct cb_due *out);

/* The next due of every person of a scope, by id. */
struct cb_due_entry {
	char id[11];
	struct cb_due due;
};
struct cb_due_map {
	struct cb_due_entry *v;   /* sorted by id */
	size_t n, cap;
};
/* Fills m for the people cb_index_facts gives for email, team or id
 * (all NULL: everyone), with the rules of cfg (cb_alerts_config). */
int cb_due_map_load(struct cb_due_map *m, struct cb_index *ix,
		    const struct cb_rules_config *cfg, const char *email, const char *team,
		    const char *id, const struct cb_date *today);
/* The person's next due, or NULL when they are not in the map. */
const struct cb_due *cb_due_map_find(const struct cb_due_map *m, const char *id);
void cb_due_map_free(struct cb_due_map *m);

#endif
