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
	if ((who && *who) || (by && *by)) {
		struct cb_sb w = CB_SB_INIT, d = CB_SB_INIT;
		char *cw = cb_export_clean(who);
		date_words(&d, by);
		if (who && *who && by && *by)
			cb_sb_addf(&w, _("%s will do this by %s."), cw ? cw : "", d.buf ? d.buf : "");
		else if (who && *who)
			cb_sb_addf(&w, _("%s will do this."), cw ? cw : "");
		else
			cb_sb_addf(&w, _("This will be done by %s."), d.buf ? d.buf : "");
		para(&sb, _("Who and when:"), w.buf);
		free(cw);
		cb_sb_free(&w);
		cb_sb_free(&d);
	}
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
	struct cb_doc person, plan;
	int exists = 0;
	rc = cb_export_read(ws, person_id, "person", &person, &exists);
	if (rc)
		return rc;
	const char *pname = cb_stanza_get(&person.stanzas[0], "Preferred-Name");
	if (!pname || !*pname)
		pname = cb_stanza_get(&person.stanzas[0], "Name");
	char *name = cb_export_clean(pname);
	cb_doc_free(&person);
	if (!name)
		return CB_ENOMEM;
	rc = cb_export_read(ws, person_id, "pathway-plan", &plan, &exists);
	if (rc) {
		free(name);
		return rc;
	}
	if (!exists) {
		cb_doc_free(&plan);
		free(name);
		return cb_err(CB_ENOTFOUND, _("%s has no pathway plan yet (casebook edit %s/pathway-plan starts one)"),
			      person_id, person_id);
	}
	const struct cb_stanza *h = &plan.stanzas[0];
	struct cb_sb sb = CB_SB_INIT, t = CB_SB_INIT;
	cb_sb_adds(&sb, "# ");
	cb_sb_addf(&t, _("Your pathway plan, %s"), name);
	cb_escape_md(&sb, t.buf ? t.buf : "");
	cb_sb_free(&t);
	cb_sb_adds(&sb, "\n\n");
	/* The opening: who it is for, when, and who helps. */
	struct cb_sb intro = CB_SB_INIT, d = CB_SB_INIT;
	date_words(&d, on);
	cb_sb_addf(&intro, _("This is your plan. We wrote it down on %s."), d.buf ? d.buf : on);
	cb_sb_free(&d);
	const char *pa = cb_stanza_get(h, "Personal-Adviser");
	if (pa && *pa) {
		char *c = cb_export_clean(pa);
		cb_sb_addf(&intro, " ");
		cb_sb_addf(&intro, _("Your personal adviser is %s."), c ? c : "");
		free(c);
	}
	const char *next = cb_stanza_get(h, "Next-Review");
	if (next && *next) {
		date_words(&d, next);
		cb_sb_addf(&intro, " ");
		cb_sb_addf(&intro, _("We will look at this plan with you again by %s."), d.buf ? d.buf : "");
		cb_sb_free(&d);
	}
	cb_escape_md(&sb, intro.buf ? intro.buf : "");
	cb_sb_free(&intro);
	cb_sb_adds(&sb, "\n\n");
	para(&sb, _("You told us:"), cb_stanza_get(h, "Young-Person-Views"));
	cb_export_progress(x, 1, 2, _("Writing the plan"));
	for (size_t k = 0; k < sizeof headings / sizeof headings[0] && !rc; k++)
		for (size_t i = 1; i < plan.nstanzas && !rc; i++) {
			const char *sec = cb_stanza_get(&plan.stanzas[i], "Section");
			if (sec && strcmp(sec, headings[k].section) == 0)
				rc = section(&sb, &plan.stanzas[i], _(headings[k].heading), low);
		}
	const char *cont = cb_stanza_get(h, "Contingency-Plan");
	if (!rc && cont && *cont) {
		cb_sb_adds(&sb, "## ");
		cb_escape_md(&sb, _("If the plan stops working"));
		cb_sb_adds(&sb, "\n\n");
		para(&sb, _("We will:"), cont);
	}
	cb_sb_adds(&sb, "---\n\n");
	cb_escape_md(&sb, _("If something here is wrong, or you do not understand it, tell your "
			    "personal adviser. You can ask to see everything we keep about you."));
	cb_sb_adds(&sb, "\n");
	cb_doc_free(&plan);
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
