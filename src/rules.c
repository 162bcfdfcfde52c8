/* rules.c - the rule engine and the rules file; see rules.h. The rules
 * themselves are rows in rules_table.c. */
#include "rules.h"
#include "deb822.h"
#include "err.h"
#include "i18n.h"
#include "strbuf.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const sev_names[CB_SEV_N] = { "low", "medium", "high" };

const char *cb_severity_name(enum cb_severity s)
{
	return s < CB_SEV_N ? sev_names[s] : "?";
}

int cb_rule_find(const char *name)
{
	for (size_t i = 0; i < cb_nrules; i++)
		if (strcmp(cb_rules[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* ---- spans ---- */

int cb_span_parse(const char *s, struct cb_span *out)
{
	struct cb_span sp = { 0, 0 };
	const char *p = s;
	int parts = 0;
	while (*p == ' ')
		p++;
	while (*p) {
		if (!isdigit((unsigned char)*p))
			return CB_EINVALID;
		long n = 0;
		while (isdigit((unsigned char)*p)) {
			n = n * 10 + (*p++ - '0');
			if (n > 100000)
				return CB_EINVALID;
		}
		switch (*p++) {
		case 'y': sp.months += (int)n * 12; break;
		case 'm': sp.months += (int)n; break;
		case 'w': sp.days += (int)n * 7; break;
		case 'd': sp.days += (int)n; break;
		default: return CB_EINVALID;
		}
		parts++;
		while (*p == ' ')
			p++;
	}
	if (!parts || sp.months > 1200 || sp.days > 36500)
		return CB_EINVALID;
	*out = sp;
	return 0;
}

void cb_span_add(struct cb_date *d, const struct cb_span *sp)
{
	if (sp->months)
		cb_date_add_months(d, sp->months);
	if (sp->days)
		cb_days_to_date(cb_date_to_days(d) + sp->days, d);
}

/* ---- configuration ---- */

int cb_rules_defaults(struct cb_rules_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->enabled = calloc(cb_nrules, sizeof *cfg->enabled);
	cfg->severity = calloc(cb_nrules, sizeof *cfg->severity);
	cfg->param = calloc(cb_nrules, sizeof *cfg->param);
	if (!cfg->enabled || !cfg->severity || !cfg->param) {
		cb_rules_config_free(cfg);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	for (size_t i = 0; i < cb_nrules; i++) {
		cfg->enabled[i] = 1;
		cfg->severity[i] = cb_rules[i].severity;
		for (int k = 0; k < CB_RULE_MAX_PARAMS && cb_rules[i].params[k].key; k++)
			cb_span_parse(cb_rules[i].params[k].def, &cfg->param[i][k]);
	}
	cb_span_parse("28d", &cfg->due_soon);
	return 0;
}

void cb_rules_config_free(struct cb_rules_config *cfg)
{
	free(cfg->enabled);
	free(cfg->severity);
	free(cfg->param);
	memset(cfg, 0, sizeof *cfg);
}

/* The line of field key in the stanza starting at line first of text: the
 * parser keeps a stanza's line, not each field's. */
static size_t field_line(const char *text, size_t len, size_t first, const char *key)
{
	size_t line = 1, klen = strlen(key);
	const char *p = text, *end = text + len;
	while (p < end && line < first) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return first;
		p = nl + 1;
		line++;
	}
	while (p < end) {
		if (strncasecmp(p, key, klen) == 0 && p + klen < end && p[klen] == ':')
			return line;
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		p = nl + 1;
		line++;
	}
	return first;
}

static int bad(const char *file, size_t line, const char *key, const char *what,
	       const char *value)
{
	if (value)
		return cb_err(CB_EINVALID, _("%s:%zu: %s: %s: \"%s\""), file, line, key, what,
			      value);
	return cb_err(CB_EINVALID, _("%s:%zu: %s: %s"), file, line, key, what);
}

static int parse_into(struct cb_rules_config *cfg, const struct cb_doc *d,
		      const char *text, size_t len, const char *file)
{
	char *seen = calloc(cb_nrules + 1, 1);
	if (!seen)
		return cb_err(CB_ENOMEM, _("out of memory"));
	int rc = 0;
	for (size_t si = 0; si < d->nstanzas && !rc; si++) {
		const struct cb_stanza *s = &d->stanzas[si];
		if (!s->nfields)
			continue;
		const char *name = cb_stanza_get(s, "Rule");
		if (!name) {
			rc = bad(file, s->line, "Rule", _("every stanza must name its rule"), NULL);
			break;
		}
		size_t rline = field_line(text, len, s->line, "Rule");
		int defaults = strcmp(name, "defaults") == 0;
		int r = defaults ? (int)cb_nrules : cb_rule_find(name);
		if (r < 0) {
			rc = bad(file, rline, "Rule", _("no such rule (casebook rules lists them)"),
				 name);
			break;
		}
		if (seen[r]++) {
			rc = bad(file, rline, "Rule", _("this rule already has a stanza"), name);
			break;
		}
		for (size_t fi = 0; fi < s->nfields && !rc; fi++) {
			const char *key = s->fields[fi].name, *val = s->fields[fi].value;
			size_t line = field_line(text, len, s->line, key);
			if (strcasecmp(key, "Rule") == 0)
				continue;
			if (defaults) {
				if (strcasecmp(key, "Due-Soon") != 0)
					rc = bad(file, line, key, _("unknown key (the defaults stanza "
								    "takes Due-Soon)"), NULL);
				else if (cb_span_parse(val, &cfg->due_soon))
					rc = bad(file, line, key, _("not a length of time such as "
								    "28d, 6w, 6m or 1y"), val);
				continue;
			}
			if (strcasecmp(key, "Enabled") == 0) {
				if (strcmp(val, "yes") == 0)
					cfg->enabled[r] = 1;
				else if (strcmp(val, "no") == 0)
					cfg->enabled[r] = 0;
				else
					rc = bad(file, line, key, _("must be yes or no"), val);
				continue;
			}
			if (strcasecmp(key, "Severity") == 0) {
				int k = -1;
				for (int v = 0; v < CB_SEV_N; v++)
					if (strcmp(val, sev_names[v]) == 0)
						k = v;
				if (k < 0)
					rc = bad(file, line, key, _("must be high, medium or low"), val);
				else
					cfg->severity[r] = (enum cb_severity)k;
				continue;
			}
			int k = -1;
			for (int j = 0; j < CB_RULE_MAX_PARAMS && cb_rules[r].params[j].key; j++)
				if (strcasecmp(key, cb_rules[r].params[j].key) == 0)
					k = j;
			if (k < 0)
				rc = bad(file, line, key, _("this rule has no such key"), NULL);
			else if (cb_span_parse(val, &cfg->param[r][k]))
				rc = bad(file, line, key, _("not a length of time such as "
							    "28d, 6w, 6m or 1y"), val);
		}
	}
	free(seen);
	return rc;
}

int cb_rules_parse(struct cb_rules_config *cfg, const char *text, size_t len,
		   const char *file)
{
	struct cb_doc d;
	struct cb_parse_error pe;
	int rc = cb_doc_parse(&d, text, len, &pe);
	if (rc == CB_EINVALID)
		return cb_err(CB_EINVALID, "%s:%zu: %s", file, pe.line, pe.msg);
	if (rc)
		return cb_err(rc, _("out of memory"));
	struct cb_rules_config work;
	if ((rc = cb_rules_defaults(&work)) == 0)
		rc = parse_into(&work, &d, text, len, file);
	cb_doc_free(&d);
	if (rc) {
		cb_rules_config_free(&work);
		return rc;
	}
	cb_rules_config_free(cfg);
	*cfg = work;
	return 0;
}

static void span_format(struct cb_sb *sb, const struct cb_span *sp)
{
	int y = sp->months / 12, m = sp->months % 12, w = sp->days % 7 ? 0 : sp->days / 7;
	if (y)
		cb_sb_addf(sb, "%dy", y);
	if (m)
		cb_sb_addf(sb, "%dm", m);
	if (w)
		cb_sb_addf(sb, "%dw", w);
	else if (sp->days)
		cb_sb_addf(sb, "%dd", sp->days);
	if (!sp->months && !sp->days)
		cb_sb_addf(sb, "0d");
}

char *cb_rules_format(const struct cb_rules_config *cfg)
{
	struct cb_sb sb = CB_SB_INIT;
	cb_sb_addf(&sb, "# %s: %s\n# %s\n\nRule: defaults\nDue-Soon: ", CB_RULES_PATH,
		   _("practice alert rules (casebook rules edit; doc/alerts.md)"),
		   _("A key left out takes its default."));
	span_format(&sb, &cfg->due_soon);
	cb_sb_addf(&sb, "\n");
	for (size_t i = 0; i < cb_nrules; i++) {
		const struct cb_rule *r = &cb_rules[i];
		cb_sb_addf(&sb, "\n# %s\nRule: %s\nEnabled: %s\nSeverity: %s\n", _(r->checks),
			   r->name, cfg->enabled[i] ? "yes" : "no",
			   cb_severity_name(cfg->severity[i]));
		for (int k = 0; k < CB_RULE_MAX_PARAMS && r->params[k].key; k++) {
			cb_sb_addf(&sb, "%s: ", r->params[k].key);
			span_format(&sb, &cfg->param[i][k]);
			cb_sb_addf(&sb, "\n");
		}
	}
	if (cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		return NULL;
	}
	return sb.buf;
}

/* ---- evaluation ---- */

const struct cb_span *cb_rule_param(const struct cb_rule_eval *e, int i)
{
	return &e->cfg->param[e->rule][i];
}

void cb_rule_raise(const struct cb_rule_eval *e, const struct cb_date *due,
		   const char *fmt, ...)
{
	struct cb_alerts *o = e->out;
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 8;
		void *nv = realloc(o->v, cap * sizeof *o->v);
		if (!nv) {
			o->nomem = 1;
			return;
		}
		o->v = nv;
		o->cap = cap;
	}
	struct cb_alert *a = &o->v[o->n++];
	memset(a, 0, sizeof *a);
	a->rule = e->rule;
	a->severity = e->cfg->severity[e->rule];
	if (due) {
		a->dated = 1;
		a->due = *due;
		a->overdue_days = cb_date_to_days(e->today) - cb_date_to_days(due);
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->reason, sizeof a->reason, fmt, ap);
	va_end(ap);
}

int cb_alert_active(const struct cb_rules_config *cfg, const struct cb_alert *a,
		    const struct cb_date *today)
{
	if (!a->dated)
		return 1;
	struct cb_date soon = *today;
	cb_span_add(&soon, &cfg->due_soon);
	return cb_date_cmp(&a->due, &soon) <= 0;
}

/* 0: overdue or undated (a failure now), 1: due (today or to come). */
static int urgency(const struct cb_alert *a)
{
	return !a->dated || a->overdue_days > 0 ? 0 : 1;
}

int cb_alert_cmp(const struct cb_alert *a, const struct cb_alert *b)
{
	if (urgency(a) != urgency(b))
		return urgency(a) - urgency(b);
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	long da = a->dated ? a->overdue_days : 0, db = b->dated ? b->overdue_days : 0;
	if (da != db)
		return da > db ? -1 : 1;
	return a->rule - b->rule;
}

static int cmp_alert(const void *a, const void *b)
{
	return cb_alert_cmp(a, b);
}

int cb_rules_eval(const struct cb_rules_config *cfg, const struct cb_facts *f,
		  const struct cb_date *today, struct cb_alerts *out)
{
	out->n = 0;
	out->nomem = 0;
	for (size_t i = 0; i < cb_nrules; i++) {
		if (!cfg->enabled[i])
			continue;
		struct cb_rule_eval e = { (int)i, cfg, today, out };
		cb_rules[i].eval(&e, f);
	}
	if (out->nomem)
		return cb_err(CB_ENOMEM, _("out of memory"));
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_alert);
	return 0;
}

void cb_alerts_free(struct cb_alerts *a)
{
	free(a->v);
	memset(a, 0, sizeof *a);
}
