/* due.h - what is due next for a person: the earliest dated alert of the
 * practice rules (src/rules.h), whichever rule raised it. The timescales
 * themselves (pathway plan review, needs assessment, personal adviser at
 * 17½, ...) are rows of the rules table, not code here. */
#ifndef CASEBOOK_DUE_H
#define CASEBOOK_DUE_H

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
/* For one person row alone, with the default rules (no plan or
 * chronology facts): what list showed before rules had facts. */
void cb_due_next(const struct cb_person_row *p, const struct cb_date *today,
		 struct cb_due *out);

#endif
