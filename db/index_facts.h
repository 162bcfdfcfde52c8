/* index_facts.h - what the practice alert rules need, kept in the index.
 *
 * When the index materialises a record it also calls cb_facts_put, which
 * reduces the record to the few dates and counts the rules read (last
 * visit, last significant change, last oversight, plan episodes with their
 * meetings and actions...). Nothing here depends on today's date: the
 * rules compare these facts with today when they are asked (src/rules.c).
 * The rules configuration file (config/rules at the repository root) is
 * kept in the index too, so reading alerts never starts libgit2. */
#ifndef CASEBOOK_INDEX_FACTS_H
#define CASEBOOK_INDEX_FACTS_H

#include <sqlite3.h>
#include <stddef.h>
#include <git2.h>
#include "deb822.h"
#include "index.h"

/* The rules file's path in the repository. */
#define CB_RULES_PATH "config/rules"

/* Index-time hooks, called by db/index.c only. */
int cb_facts_clear(sqlite3 *db, const char *person, const char *type);
int cb_facts_put(sqlite3 *db, const char *person, const char *type,
		 const struct cb_doc *d);
int cb_facts_clear_all(sqlite3 *db);
/* Keeps the text of config/rules at the tip (root: the tip's tree). */
int cb_facts_tip(sqlite3 *db, git_repository *repo, git_tree *root);

/* One plan episode (a Kind: plan stanza of the plan record) reduced. */
struct cb_plan_fact {
	const char *id, *type, *start, *end, *next_review;
	int contingency, views;        /* 1 when recorded */
	const char *initial_conf;      /* first initial-conference meeting */
	const char *last_review_conf;  /* latest review-conference meeting */
	const char *prev_end;          /* end of the previous plan of this type */
	const char *letter, *review_point, *decision;
	int actions_no_owner, actions_no_date; /* open actions */
	const char *action_dates;      /* open actions' By-When, sorted, "," */
	const char *first_action;      /* the open action with the earliest date */
};

/* Everything the rules read about one person. */
struct cb_facts {
	struct cb_person_row p;
	int has_pathway;               /* a pathway plan record exists */
	int pp_contingency, pp_views;
	const char *pp_health_history; /* Health-History, or NULL */
	const char *last_visit;        /* chronology Category visit */
	const char *change_date;       /* last high-significance or move entry */
	const char *change_category, *change_event;
	int has_oversight;
	const char *last_oversight;
	int oversight_undated;         /* open oversight actions with no date */
	const struct cb_plan_fact *plans;
	size_t nplans;
};
typedef int (*cb_facts_fn)(const struct cb_facts *f, void *ctx);

/* The facts of the people cb_index_people would give for email/team
 * (both NULL: everyone), or of one person (id non-NULL), ordered by id.
 * Strings are borrowed for the duration of the callback. */
int cb_index_facts(struct cb_index *ix, const char *email, const char *team,
		   const char *id, cb_facts_fn fn, void *ctx);
/* The rules file's text at the indexed tip (malloc'd), or NULL with
 * *out untouched when the repository has none. */
int cb_index_rules_text(struct cb_index *ix, char **out);

#endif
