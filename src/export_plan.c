/* export_plan.c - the pathway plan in plain language, addressed to the
 * young person, each section scored for reading ease; see export_plan.h. */
#include "export_plan.h"
#include "export_escape.h"
#include "export_read.h"
#include "readability.h"

#include "date.h"
#include "deb822.h"
#include "err.h"
#include "i18n.h"
#include "schema.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The plan's sections in the words a young person would use. */
static const struct {
	const char *section;
	const char *heading; /* N_() */
} headings[] = {
	{ "contact-support", N_("Keeping in touch and getting help") },
	{ "accommodation", N_("Where you live") },
	{ "education-training", N_("School, college and training") },
	{ "employment", N_("Work") },
	{ "relationships", N_("Family and friends") },
	{ "practical-skills", N_("Skills for living on your own") },
	{ "finance", N_("Money") },
	{ "health", N_("Your health") },
	{ "identity", N_("Who you are") },
	{ "contingency", N_("If things go wrong") },
};

static const char *const months[] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
	N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
	N_("December")
};

/* "5 March 2027": how a letter writes a date. */
static void date_words(struct cb_sb *sb, const char *iso)
{
	struct cb_date d;
	if (iso && cb_date_parse(iso, &d) == 0)
		cb_sb_addf(sb, "%d %s %d", d.d, _(months[d.m - 1]), d.y);
	else
		cb_sb_adds(sb, iso ? iso : "");
}

/* Adds "Lead text" then the record's words, as one paragraph. */
static void para(struct cb_sb *sb, const char *lead, const char *value)
{
	if (!value || !*value)
		return;
	char *c = cb_export_clean(value);
	if (!c)
		return;
	cb_sb_adds(sb, "**");
	cb_escape_md(sb, lead);
	cb_sb_adds(sb, "** ");
	cb_escape_md(sb, c);
	cb_sb_adds(sb, "\n\n");
	free(c);
}

static int add_low(struct cb_plan_scores *low, const char *heading, double score)
{
	struct cb_plan_score *v = realloc(low->v, (low->n + 1) * sizeof *v);
	if (!v)
		return cb_err(CB_ENOMEM, _("out of memory"));
	low->v = v;
	snprintf(v[low->n].section, sizeof v[low->n].section, "%s", heading);
	v[low->n].score = score;
	low->n++;
	return 0;
}

static const char *status_words(const char *status)
{
	if (!status)
		return NULL;
	if (strcmp(status, "not-started") == 0)
		return _("We have not started this yet.");
	if (strcmp(status, "in-progress") == 0)
		return _("We have started this.");
	if (strcmp(status, "done") == 0)
		return _("This is done.");
	return NULL;
}

static void who_when(struct cb_sb *sb, const char *who, const char *by);

/* One section; scored on its own. Returns 0 or CB_ENOMEM. */
static int section(struct cb_sb *out, const struct cb_stanza *s, const char *heading,
		   struct cb_plan_scores *low)
{
	const char *views = cb_stanza_get(s, "Young-Person-Views");
	const char *need = cb_stanza_get(s, "Need");
	const char *action = cb_stanza_get(s, "Action");
	const char *who = cb_stanza_get(s, "Who");
	const char *by = cb_stanza_get(s, "By-When");
	const char *status = cb_stanza_get(s, "Status");
	if (status && strcmp(status, "not-applicable") == 0)
		return 0;
	if (!(views && *views) && !(need && *need) && !(action && *action))
		return 0;
	struct cb_sb sb = CB_SB_INIT;
	cb_sb_adds(&sb, "## ");
	cb_escape_md(&sb, heading);
	cb_sb_adds(&sb, "\n\n");
	para(&sb, _("You told us:"), views);
	para(&sb, _("What we found:"), need);
	para(&sb, _("We will:"), action);
	who_when(&sb, who, by);
	const char *sw = status_words(status);
	if (sw) {
		cb_escape_md(&sb, sw);
		cb_sb_adds(&sb, "\n\n");
	}
	if (cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	struct cb_reading r;
	cb_reading_ease(sb.buf, &r);
	int rc = 0;
	if (r.ease < CB_PLAN_READING_TARGET)
		rc = add_low(low, heading, r.ease);
	cb_sb_adds(out, sb.buf);
	cb_sb_free(&sb);
	return rc;
}

/* "Ffion Hughes <ffion@example.org>" reads as "Ffion Hughes
 * (ffion@example.org)"; anything else as it is. */
static char *person_words(const char *v)
{
	char *c = cb_export_clean(v);
	if (!c)
		return NULL;
	char *lt = strchr(c, '<');
	size_t n = strlen(c);
	if (lt && n > 0 && c[n - 1] == '>') {
		*lt = '(';
		c[n - 1] = ')';
	}
	return c;
}

/* A part of the text scored on its own, then added to out. */
static int scored(struct cb_sb *out, struct cb_sb *part, const char *heading,
		  struct cb_plan_scores *low)
{
	if (cb_sb_failed(part)) {
		cb_sb_free(part);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	int rc = 0;
	if (part->buf && *part->buf) {
		struct cb_reading r;
		cb_reading_ease(part->buf, &r);
		if (r.ease < CB_PLAN_READING_TARGET)
			rc = add_low(low, heading, r.ease);
		cb_sb_adds(out, part->buf);
	}
	cb_sb_free(part);
	return rc;
}

static void heading2(struct cb_sb *sb, const char *h)
{
	cb_sb_adds(sb, "## ");
	cb_escape_md(sb, h);
	cb_sb_adds(sb, "\n\n");
}

/* "Who and when: Sam will do this by 5 March 2027." */
static void who_when(struct cb_sb *sb, const char *who, const char *by)
{
	if (!(who && *who) && !(by && *by))
		return;
	struct cb_sb w = CB_SB_INIT, d = CB_SB_INIT;
	char *cw = person_words(who);
	date_words(&d, by);
	if (who && *who && by && *by)
		cb_sb_addf(&w, _("%s will do this by %s."), cw ? cw : "", d.buf ? d.buf : "");
	else if (who && *who)
		cb_sb_addf(&w, _("%s will do this."), cw ? cw : "");
	else
		cb_sb_addf(&w, _("This will be done by %s."), d.buf ? d.buf : "");
	para(sb, _("Who and when:"), w.buf);
	free(cw);
	cb_sb_free(&w);
	cb_sb_free(&d);
}

/* The pathway plan: its opening, then each section that has something
 * in it, then the contingency. */
static int pathway(struct cb_sb *sb, const struct cb_doc *plan, struct cb_plan_scores *low)
{
	const struct cb_stanza *h = &plan->stanzas[0];
	struct cb_sb part = CB_SB_INIT, intro = CB_SB_INIT, d = CB_SB_INIT;
	heading2(&part, _("Your pathway plan"));
	const char *pa = cb_stanza_get(h, "Personal-Adviser");
	if (pa && *pa) {
		char *c = person_words(pa);
		cb_sb_addf(&intro, _("Your personal adviser is %s."), c ? c : "");
		free(c);
	}
	const char *next = cb_stanza_get(h, "Next-Review");
	if (next && *next) {
		date_words(&d, next);
		if (intro.len)
			cb_sb_addc(&intro, ' ');
		cb_sb_addf(&intro, _("We will look at this plan with you again by %s."), d.buf ? d.buf : "");
		cb_sb_free(&d);
	}
	if (intro.len) {
		cb_escape_md(&part, intro.buf);
		cb_sb_adds(&part, "\n\n");
	}
	cb_sb_free(&intro);
	para(&part, _("You told us:"), cb_stanza_get(h, "Young-Person-Views"));
	int rc = scored(sb, &part, _("Your pathway plan"), low);
	for (size_t k = 0; k < sizeof headings / sizeof headings[0] && !rc; k++)
		for (size_t i = 1; i < plan->nstanzas && !rc; i++) {
			const char *sec = cb_stanza_get(&plan->stanzas[i], "Section");
			if (sec && strcmp(sec, headings[k].section) == 0)
				rc = section(sb, &plan->stanzas[i], _(headings[k].heading), low);
		}
	const char *cont = cb_stanza_get(h, "Contingency-Plan");
	if (!rc && cont && *cont) {
		heading2(&part, _("If the plan stops working"));
		para(&part, _("We will:"), cont);
		rc = scored(sb, &part, _("If the plan stops working"), low);
	}
	return rc;
}

/* The open plan of the `plan` record (child in need, child protection,
 * pre-proceedings): the latest plan stanza with no End, or -1. */
static long open_plan(const struct cb_doc *doc)
{
	long found = -1;
	for (size_t i = 1; i < doc->nstanzas; i++) {
		const struct cb_stanza *s = &doc->stanzas[i];
		const char *kind = cb_stanza_get(s, "Kind");
		const char *end = cb_stanza_get(s, "End");
		if (kind && strcmp(kind, "plan") == 0 && !(end && *end))
			found = (long)i;
	}
	return found;
}

static const char *plan_type_words(const char *type)
{
	if (type && strcmp(type, "child-protection") == 0)
		return _("This is your child protection plan. It is about keeping you safe.");
	if (type && strcmp(type, "pre-proceedings") == 0)
		return _("This is your plan. We have told your family we are worried enough "
			 "that a court may need to decide. This plan is how we try to stop that.");
	return _("This is your child in need plan. It is about the help you and your family get.");
}

static int child_plan(struct cb_sb *sb, const struct cb_doc *doc, long pi,
		      struct cb_plan_scores *low)
{
	const struct cb_stanza *p = &doc->stanzas[pi];
	const char *pid = cb_stanza_get(p, "Id");
	struct cb_sb part = CB_SB_INIT, d = CB_SB_INIT;
	heading2(&part, _("Your plan"));
	cb_escape_md(&part, plan_type_words(cb_stanza_get(p, "Type")));
	const char *next = cb_stanza_get(p, "Next-Review");
	if (next && *next) {
		date_words(&d, next);
		cb_sb_adds(&part, " ");
		struct cb_sb t = CB_SB_INIT;
		cb_sb_addf(&t, _("We will look at this plan with you again by %s."), d.buf ? d.buf : "");
		cb_escape_md(&part, t.buf ? t.buf : "");
		cb_sb_free(&t);
		cb_sb_free(&d);
	}
	cb_sb_adds(&part, "\n\n");
	para(&part, _("You told us:"), cb_stanza_get(p, "Child-Views"));
	para(&part, _("What we want for you:"), cb_stanza_get(p, "Outcomes"));
	int rc = scored(sb, &part, _("Your plan"), low);
	heading2(&part, _("What will happen"));
	size_t nact = 0;
	for (size_t i = 1; i < doc->nstanzas; i++) {
		const struct cb_stanza *a = &doc->stanzas[i];
		const char *kind = cb_stanza_get(a, "Kind");
		const char *of = cb_stanza_get(a, "Plan");
		const char *st = cb_stanza_get(a, "Status");
		if (!kind || strcmp(kind, "action") != 0 || !of || !pid || strcmp(of, pid) != 0 ||
		    (st && strcmp(st, "cancelled") == 0))
			continue;
		para(&part, _("We will:"), cb_stanza_get(a, "Action"));
		who_when(&part, cb_stanza_get(a, "Who"), cb_stanza_get(a, "By-When"));
		if (st && strcmp(st, "done") == 0) {
			cb_escape_md(&part, _("This is done."));
			cb_sb_adds(&part, "\n\n");
		}
		nact++;
	}
	if (nact && !rc)
		rc = scored(sb, &part, _("What will happen"), low);
	else
		cb_sb_free(&part);
	const char *cont = cb_stanza_get(p, "Contingency");
	if (!rc && cont && *cont) {
		heading2(&part, _("If the plan stops working"));
		para(&part, _("We will:"), cont);
		rc = scored(sb, &part, _("If the plan stops working"), low);
	}
	return rc;
}

int cb_plan_render(struct cb_ws *ws, const char *person_id,
		   const struct cb_export_ctx *x, char **text,
		   struct cb_plan_scores *low)
{
	*text = NULL;
	memset(low, 0, sizeof *low);
	char on[11];
	int rc = cb_export_produced_on(x, on);
	if (rc)
		return rc;
	cb_export_progress(x, 0, 2, _("Reading the plan"));
	struct cb_doc person, pathway_doc, plan_doc;
	int has_pathway = 0, has_plan = 0;
	rc = cb_export_read(ws, person_id, "person", &person, NULL);
	if (rc)
		return rc;
	const char *pname = cb_stanza_get(&person.stanzas[0], "Preferred-Name");
	if (!pname || !*pname)
		pname = cb_stanza_get(&person.stanzas[0], "Name");
	char *name = cb_export_clean(pname);
	cb_doc_free(&person);
	if (!name)
		return CB_ENOMEM;
	rc = cb_export_read(ws, person_id, "pathway-plan", &pathway_doc, &has_pathway);
	if (rc) {
		free(name);
		return rc;
	}
	/* The child's plans, where this casebook knows the record type. */
	long pi = -1;
	if (cb_record_type_find("plan")) {
		rc = cb_export_read(ws, person_id, "plan", &plan_doc, &has_plan);
		if (rc) {
			cb_doc_free(&pathway_doc);
			free(name);
			return rc;
		}
		pi = has_plan ? open_plan(&plan_doc) : -1;
	}
	if (!has_pathway && pi < 0) {
		cb_doc_free(&pathway_doc);
		if (cb_record_type_find("plan"))
			cb_doc_free(&plan_doc);
		free(name);
		return cb_err(CB_ENOTFOUND, _("%s has no pathway plan and no open plan to export "
					      "(casebook edit %s/pathway-plan starts a pathway plan)"),
			      person_id, person_id);
	}
	struct cb_sb sb = CB_SB_INIT, t = CB_SB_INIT, d = CB_SB_INIT;
	cb_sb_adds(&sb, "# ");
	cb_sb_addf(&t, _("Your plan, %s"), name);
	cb_escape_md(&sb, t.buf ? t.buf : "");
	cb_sb_free(&t);
	cb_sb_adds(&sb, "\n\n");
	date_words(&d, on);
	cb_sb_addf(&t, _("We wrote this down for you on %s."), d.buf ? d.buf : on);
	cb_sb_free(&d);
	cb_escape_md(&sb, t.buf ? t.buf : "");
	cb_sb_free(&t);
	cb_sb_adds(&sb, "\n\n");
	cb_export_progress(x, 1, 2, _("Writing the plan"));
	if (has_pathway)
		rc = pathway(&sb, &pathway_doc, low);
	if (!rc && pi >= 0)
		rc = child_plan(&sb, &plan_doc, pi, low);
	cb_sb_adds(&sb, "---\n\n");
	cb_escape_md(&sb, _("If something here is wrong, or you do not understand it, tell the "
			    "person who gave you this. You can ask to see everything we keep about you."));
	cb_sb_adds(&sb, "\n");
	cb_doc_free(&pathway_doc);
	if (cb_record_type_find("plan"))
		cb_doc_free(&plan_doc);
	free(name);
	if (rc || cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		cb_plan_scores_free(low);
		return rc ? rc : cb_err(CB_ENOMEM, _("out of memory"));
	}
	struct cb_reading r;
	cb_reading_ease(sb.buf, &r);
	low->overall = r.ease;
	*text = cb_sb_take(&sb);
	cb_export_progress(x, 2, 2, NULL);
	return 0;
}

void cb_plan_scores_free(struct cb_plan_scores *s)
{
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

int cb_export_plan_plain(struct cb_ws *ws, const char *person_id,
			 const char *path, const struct cb_export_ctx *x)
{
	char *text = NULL;
	struct cb_plan_scores low;
	int rc = cb_plan_render(ws, person_id, x, &text, &low);
	cb_plan_scores_free(&low);
	if (rc)
		return rc;
	rc = cb_export_write_file(path, text, strlen(text));
	free(text);
	return rc;
}
