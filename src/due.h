/* due.h - what is due next for a person, from the timescales in
 * DOMAIN.md (defaults an authority may change):
 *  - pathway plan review: the plan's Next-Review, else 6 months after the
 *    last review (or the plan date);
 *  - needs assessment / first pathway plan: within 3 months of the 16th
 *    birthday for a looked-after child or care leaver with no plan;
 *  - personal adviser: flag at 17½ for a care leaver with none. */
#ifndef CASEBOOK_DUE_H
#define CASEBOOK_DUE_H

#include "date.h"
#include "index.h"

struct cb_due {
	int has;              /* 0: nothing due */
	struct cb_date date;
	const char *what;     /* translated label */
	int overdue;          /* date before today */
};

void cb_due_next(const struct cb_person_row *p, const struct cb_date *today,
		 struct cb_due *out);

#endif
