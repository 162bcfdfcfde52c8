/* export_plan.h - the pathway plan in plain language, addressed to the
 * young person ("You told us...", "We will..."), each section checked
 * against Flesch reading ease (src/readability.c). */
#ifndef CASEBOOK_EXPORT_PLAN_H
#define CASEBOOK_EXPORT_PLAN_H

#include "export.h"

/* Sections whose text scores below this are reported: 60 is "plain
 * English" on Flesch's scale (doc/exports.md). */
#define CB_PLAN_READING_TARGET 60.0

/* One section that scored below the target. */
struct cb_plan_score {
	char section[64];  /* the heading, as printed */
	double score;      /* Flesch reading ease */
};

struct cb_plan_scores {
	struct cb_plan_score *v;
	size_t n;
	double overall;    /* the whole document's score */
};

/* The plan as plain-language Markdown in *text (malloc'd), with the
 * sections below the target in *low (free with cb_plan_scores_free). */
int cb_plan_render(struct cb_ws *ws, const char *person_id,
		   const struct cb_export_ctx *x, char **text,
		   struct cb_plan_scores *low);
void cb_plan_scores_free(struct cb_plan_scores *s);

/* Writes it to path (whole or not at all). */
int cb_export_plan_plain(struct cb_ws *ws, const char *person_id,
			 const char *path, const struct cb_export_ctx *x);

#endif
