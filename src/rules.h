/* rules.h - practice alert rules: what is due, overdue or drifting, and why.
 *
 * Every rule is a row of one table (src/rules_table.c): its name, what it
 * checks, its severity, its source (statute, statutory guidance or an
 * inspection finding) and its thresholds with their defaults. An
 * authority tunes the thresholds, severities and which rules are on in
 * config/rules, a file kept in the shared repository (see cb_rules_parse
 * and doc/alerts.md); a default applies only where the file says nothing.
 *
 * Rules read the facts the index keeps (db/index_facts.h) and compare
 * them with today's date when asked; nothing is computed at index time
 * that depends on the day. */
#ifndef CASEBOOK_RULES_H
#define CASEBOOK_RULES_H

#include <stddef.h>
#include "date.h"
#include "index_facts.h"

enum cb_severity { CB_SEV_LOW, CB_SEV_MEDIUM, CB_SEV_HIGH, CB_SEV_N };

/* A length of time as written in the rules file: "6m", "42d", "6w",
 * "17y6m" (years, months, weeks, days). Months are added first, clamping
 * to the month's end (a 29 February birthday + 18y is 28 February in a
 * common year), then days. */
struct cb_span {
	int months, days;
};

#define CB_RULE_MAX_PARAMS 2
struct cb_rule_param {
	const char *key;     /* field name in the rules file, e.g. "Interval" */
	const char *def;     /* default, as written in the file ("6m") */
	const char *help;    /* N_() */
};

struct cb_alert;
struct cb_rule_eval;
struct cb_rule {
	const char *name;    /* stable: rules file, --rule, tsv */
	const char *title;   /* N_(): short, for screens */
	const char *checks;  /* N_(): what it checks */
	const char *source;  /* N_(): the statute, guidance or finding, quoted */
	enum cb_severity severity;
	struct cb_rule_param params[CB_RULE_MAX_PARAMS];
	void (*eval)(const struct cb_rule_eval *e, const struct cb_facts *f);
};

extern const struct cb_rule cb_rules[];
extern const size_t cb_nrules;
/* Index of the rule called name, or -1. */
int cb_rule_find(const char *name);
const char *cb_severity_name(enum cb_severity s); /* "high", ... (stable) */

/* The configuration in force: the table's defaults overlaid with the file. */
struct cb_rules_config {
	int *enabled;                          /* per rule */
	enum cb_severity *severity;            /* per rule */
	struct cb_span (*param)[CB_RULE_MAX_PARAMS];
	struct cb_span due_soon;               /* dated alerts shown this early */
};

/* The defaults of the table. 0 or CB_ENOMEM. */
int cb_rules_defaults(struct cb_rules_config *cfg);
/* Parses the rules file's text over the defaults. On a bad file returns
 * CB_EINVALID with "FILE:LINE: KEY: what is wrong" as the message (file
 * names the file for messages) and leaves cfg with the defaults. */
int cb_rules_parse(struct cb_rules_config *cfg, const char *text, size_t len,
		   const char *file);
void cb_rules_config_free(struct cb_rules_config *cfg);
/* The configuration as a rules file (every rule and key, defaults shown),
 * malloc'd. */
char *cb_rules_format(const struct cb_rules_config *cfg);

/* Parses a span ("6m", "17y6m", "10d"); 0 or CB_EINVALID. */
int cb_span_parse(const char *s, struct cb_span *out);
void cb_span_add(struct cb_date *d, const struct cb_span *sp);

struct cb_alert {
	int rule;                 /* index in cb_rules */
	enum cb_severity severity;
	int dated;                /* 1 when due is a date */
	struct cb_date due;
	long overdue_days;        /* today - due (negative: days to go) */
	char reason[256];         /* translated; may quote record text */
};

struct cb_alerts {
	struct cb_alert *v;
	size_t n, cap;
	int nomem;
};

/* Every alert the enabled rules raise for one person, including dated
 * ones not yet due (for "next due"); worst first (see cb_alert_cmp). */
int cb_rules_eval(const struct cb_rules_config *cfg, const struct cb_facts *f,
		  const struct cb_date *today, struct cb_alerts *out);
/* 1 when the alert is to be shown now: undated, or due within due_soon. */
int cb_alert_active(const struct cb_rules_config *cfg, const struct cb_alert *a,
		    const struct cb_date *today);
/* Worst first: overdue before due, then severity, then most overdue,
 * then rule order. */
int cb_alert_cmp(const struct cb_alert *a, const struct cb_alert *b);
void cb_alerts_free(struct cb_alerts *a);

/* For the rule functions (rules_table.c). */
struct cb_rule_eval {
	int rule;
	const struct cb_rules_config *cfg;
	const struct cb_date *today;
	struct cb_alerts *out;
};
/* Adds an alert: due NULL for an undated one. reason is a format. */
void cb_rule_raise(const struct cb_rule_eval *e, const struct cb_date *due,
		   const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const struct cb_span *cb_rule_param(const struct cb_rule_eval *e, int i);

#endif
