/* demo_plans.c - the demo's children on plans: invented children on a
 * child in need, child protection or pre-proceedings plan, and care
 * leavers, each set up so that a newcomer sees at once what the practice
 * alerts are for (see demo.h). Six of them are on the caseload of Sam
 * Patel, the practitioner who opens the demo, so the first screen shows
 * alerts of every kind of plan; the others are other workers', for the
 * team view.
 *
 * They are made after the demo's other people, from fixed tables, so the
 * other people, their ids and their records are exactly as before, and
 * the result depends only on the seed (through cb_id_new) and today. All
 * dates are counted back from today, so the situations stay true whenever
 * the demo is made. Each record is one save, by the child's worker, late
 * on the demo's last day (the cases were transferred in). */
#include "demo.h"
#include "date.h"
#include "err.h"
#include "i18n.h"
#include "id.h"
#include "record.h"
#include "store.h"
#include "workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NODATE 99999L /* "no such date" in the offset tables */

struct dworker {
	const char *name, *email, *team;
};

static const struct dworker grace = {
	"Grace Mensah", "grace.mensah@example.org", "Eastgate Safeguarding"
};
static const struct dworker tomasz = {
	"Tomasz Nowak", "tomasz.nowak@example.org", "Riverside Children in Care"
};
static const struct dworker amara = {
	"Amara Okafor", "amara.okafor@example.org", "Riverside Children in Care"
};
static const struct dworker priya = {
	"Priya Raman", "priya.raman@example.org", "South Leaving Care"
};
/* The demo's own user (src/demo.c): a social worker and personal adviser
 * in the leaving care team who also holds the cases of care leavers'
 * younger brothers and sisters. */
static const struct dworker sam = {
	"Sam Patel", "sam.patel@example.org", "North Leaving Care"
};

struct ctx {
	struct cb_ws *ws;
	long today;
	unsigned minute; /* of the next save, after 17:00 on the last day */
	char id[CB_ID_LEN + 1];
	const char *name;
	const struct dworker *w;
	int as_pa; /* the worker is the young person's personal adviser */
	struct cb_doc chron, plan;
};

static void day_str(long today, long offset, char out[11])
{
	struct cb_date d;
	cb_days_to_date(today + offset, &d);
	cb_date_format(&d, out);
}

static int setd(struct ctx *c, struct cb_stanza *s, const char *f, long offset)
{
	char d[11];
	if (offset == NODATE)
		return 0;
	day_str(c->today, offset, d);
	return cb_stanza_set(s, f, d);
}

static int sett(struct cb_stanza *s, const char *f, const char *v)
{
	return v ? cb_stanza_set(s, f, v) : 0;
}

static const struct cb_stanza_def *kind(const struct cb_record_type *t, const char *k)
{
	for (size_t i = 0; i < t->nitems; i++)
		if (strcmp(t->items[i].kind, k) == 0)
			return &t->items[i];
	return NULL;
}

static int save(struct ctx *c, const char *type, struct cb_doc *doc, const char *what)
{
	const struct cb_record_type *t = cb_record_type_find(type);
	char summary[256];
	snprintf(summary, sizeof summary, "%s %s", what, c->name);
	cb_record_canonicalise(doc, t);
	free(c->ws->user_name);
	free(c->ws->user_email);
	c->ws->user_name = strdup(c->w->name);
	c->ws->user_email = strdup(c->w->email);
	if (!c->ws->user_name || !c->ws->user_email)
		return cb_err(CB_ENOMEM, _("out of memory"));
	struct cb_save sv = { c->id, t, doc };
	int made;
	int64_t when = (int64_t)c->today * 86400 + 17 * 3600 + (int64_t)c->minute++ * 60;
	return cb_ws_save(c->ws, &sv, 1, summary, NULL, when, NULL, &made);
}

/* A new child: the person record saved, empty chronology and plan docs. */
static int child(struct ctx *c, const char *name, long age_days, const char *gender,
		 const char *status, const struct dworker *w, long opened)
{
	c->name = name;
	c->w = w;
	if (cb_id_new(c->id))
		return CB_ERROR;
	struct cb_doc p;
	const struct cb_record_type *t = cb_record_type_find("person");
	int rc = cb_record_new(&p, t, c->id);
	if (rc)
		return rc;
	struct cb_stanza *h = &p.stanzas[0];
	rc = sett(h, "Name", name) || setd(c, h, "Date-Of-Birth", -age_days) ||
	     sett(h, "Gender", gender) || sett(h, "Status", status) ||
	     sett(h, c->as_pa ? "Personal-Adviser" : "Worker", w->email) ||
	     sett(h, "Team", w->team) ||
	     sett(h, "Language", "English") || setd(c, h, "Created", opened)
		     ? CB_ENOMEM : 0;
	if (!rc)
		rc = save(c, "person", &p, "Add person");
	cb_doc_free(&p);
	if (!rc)
		rc = cb_record_new(&c->chron, cb_record_type_find("chronology"), c->id);
	if (!rc && (rc = cb_record_new(&c->plan, cb_record_type_find("plan"), c->id)))
		cb_doc_free(&c->chron);
	return rc;
}

static int chron(struct ctx *c, long day, const char *category, const char *sig,
		 const char *event, const char *impact)
{
	const struct cb_record_type *t = cb_record_type_find("chronology");
	struct cb_stanza *s = cb_record_add_item(&c->chron, t, &t->items[0], NULL);
	char by[200];
	snprintf(by, sizeof by, "%s <%s>", c->w->name, c->w->email);
	if (!s || setd(c, s, "Date", day) || sett(s, "Category", category) ||
	    sett(s, "Significance", sig) || sett(s, "Source", c->w->name) ||
	    sett(s, "Event", event) || sett(s, "Impact", impact) ||
	    setd(c, s, "Entered", 0) || sett(s, "Recorded-By", by))
		return CB_ENOMEM;
	return 0;
}

/* Statutory visits, every step days from first back to last (offsets). */
static int visits(struct ctx *c, long first, long last, long step)
{
	static const char *const seen[] = {
		"Home visit; seen alone in the bedroom, which was clean and warm.",
		"Visit after school; seen alone and talked about friends and football.",
		"Home visit with mother present; the child was seen alone for part of it.",
		"Unannounced visit; the home was cold and there was little food.",
	};
	int rc = 0;
	unsigned k = 0;
	for (long d = first; d <= last && !rc; d += step, k++)
		rc = chron(c, d, "visit", "medium", seen[k % 4],
			   "Child's views recorded for the next review.");
	return rc;
}

struct plan_spec {
	const char *type, *category;
	long start, end;
	const char *end_reason;
	long last_review, next_review;
	const char *outcomes, *views, *gathered, *contingency;
	long letter, review_point;
	const char *decision;
	long decision_date;
};

/* Adds a plan stanza; its Id goes to out. */
static int plan(struct ctx *c, const struct plan_spec *p, char out[CB_ID_LEN + 1])
{
	const struct cb_record_type *t = cb_record_type_find("plan");
	struct cb_stanza *s = cb_record_add_item(&c->plan, t, kind(t, "plan"), NULL);
	if (!s)
		return CB_ENOMEM;
	snprintf(out, CB_ID_LEN + 1, "%s", cb_stanza_get(s, "Id"));
	if (sett(s, "Type", p->type) || sett(s, "Category", p->category) ||
	    setd(c, s, "Start", p->start) || setd(c, s, "End", p->end) ||
	    sett(s, "End-Reason", p->end_reason) ||
	    setd(c, s, "Last-Review", p->last_review) ||
	    setd(c, s, "Next-Review", p->next_review) || sett(s, "Outcomes", p->outcomes) ||
	    sett(s, "Child-Views", p->views) || sett(s, "Views-Gathered", p->gathered) ||
	    sett(s, "Contingency", p->contingency) ||
	    setd(c, s, "Letter-Before-Proceedings", p->letter) ||
	    setd(c, s, "Review-Point", p->review_point) || sett(s, "Decision", p->decision) ||
	    setd(c, s, "Decision-Date", p->decision_date))
		return CB_ENOMEM;
	return 0;
}

static int action(struct ctx *c, const char *pid, const char *what, const char *who,
		  long by, long done)
{
	const struct cb_record_type *t = cb_record_type_find("plan");
	struct cb_stanza *s = cb_record_add_item(&c->plan, t, kind(t, "action"), NULL);
	if (!s || sett(s, "Plan", pid) || sett(s, "Action", what) || sett(s, "Who", who) ||
	    setd(c, s, "By-When", by) ||
	    (done != NODATE && (sett(s, "Status", "done") || setd(c, s, "Done", done))))
		return CB_ENOMEM;
	return 0;
}

static int meeting(struct ctx *c, const char *pid, const char *type, long day,
		   const char *notes)
{
	const struct cb_record_type *t = cb_record_type_find("plan");
	struct cb_stanza *s = cb_record_add_item(&c->plan, t, kind(t, "meeting"), NULL);
	if (!s || sett(s, "Plan", pid) || sett(s, "Type", type) || setd(c, s, "Date", day) ||
	    sett(s, "Notes", notes))
		return CB_ENOMEM;
	return 0;
}

/* Saves the child's chronology and plans, and frees them. */
static int finish(struct ctx *c, int rc)
{
	if (!rc && c->chron.nstanzas > 1)
		rc = save(c, "chronology", &c->chron, "Add chronology entries for");
	if (!rc && c->plan.nstanzas > 1)
		rc = save(c, "plan", &c->plan, "Record plans for");
	cb_doc_free(&c->chron);
	cb_doc_free(&c->plan);
	return rc;
}

static const char *const outcomes_safe =
	"To be safe at home, fed and warm every day; to go to school on time.";
static const char *const contingency_legal =
	"If the home is not safe enough by the review: legal planning meeting.";
static const char *const gathered_alone =
	"Seen alone at school; three houses tool.";

/* ---- the children ---- */

/* On a child in need plan for over two years: drift. */
static int poppy(struct ctx *c)
{
	char p[CB_ID_LEN + 1];
	int rc = child(c, "Poppy Castellano", 9 * 365 + 40, "female", "child-in-need", &grace, -800);
	if (rc)
		return rc;
	struct plan_spec s = { "child-in-need", NULL, -790, NODATE, NULL, -60, 30,
			       "Poppy goes to school every day and has a bedtime routine.",
			       "\"I like it when Mum walks me to school.\"", gathered_alone,
			       "Step up to a child protection conference if attendance falls below 80%.",
			       NODATE, NODATE, NULL, NODATE };
	rc = plan(c, &s, p) ||
	     action(c, p, "Parenting course at the family centre", "Family support worker", -700, -650) ||
	     action(c, p, "Attendance plan with the school", "Head of year", -30, NODATE) ||
	     meeting(c, p, "cin-review", -60, "Plan continues; attendance 84%.") ||
	     visits(c, -95, -12, 28);
	return finish(c, rc);
}

/* Child protection plan with no contingency. */
static int reuben(struct ctx *c)
{
	char p[CB_ID_LEN + 1];
	int rc = child(c, "Reuben Achterberg", 6 * 365 + 100, "male", "child-protection", &grace, -125);
	if (rc)
		return rc;
	struct plan_spec s = { "child-protection", "neglect", -120, NODATE, NULL, -30, 150,
			       outcomes_safe, "Says he wants \"a proper bed and breakfast\".",
			       gathered_alone, NULL, NODATE, NODATE, NULL, NODATE };
	rc = plan(c, &s, p) ||
	     meeting(c, p, "initial-conference", -120, "Plan agreed under neglect.") ||
	     meeting(c, p, "review-conference", -30, "First review; plan continues.") ||
	     meeting(c, p, "core-group", -10, "Core group: bedding delivered.") ||
	     action(c, p, "Bed and bedding for Reuben", "Grace Mensah", -100, -95) ||
	     action(c, p, "Health visitor to weigh and measure", "Health visitor", 20, NODATE) ||
	     visits(c, -118, -5, 10);
	return finish(c, rc);
}

/* Child protection review conference overdue: the last more than six
 * months ago. */
static int lola(struct ctx *c)
{
	char p[CB_ID_LEN + 1];
	int rc = child(c, "Lola Marchetti", 11 * 365 + 200, "female", "child-protection", &tomasz, -310);
	if (rc)
		return rc;
	struct plan_spec s = { "child-protection", "emotional-abuse", -300, NODATE, NULL, -210, -27,
			       "Lola feels safe at home and is not exposed to her parents' arguments.",
			       "\"I want the shouting to stop.\"", "Seen alone at her youth club.",
			       "If domestic abuse recurs: strategy discussion the same day.",
			       NODATE, NODATE, NULL, NODATE };
	rc = plan(c, &s, p) ||
	     meeting(c, p, "initial-conference", -300, "Plan agreed under emotional abuse.") ||
	     meeting(c, p, "review-conference", -210, "Plan continues; next review in six months.") ||
	     action(c, p, "Domestic abuse programme for father", "Probation", -150, -160) ||
	     action(c, p, "Counselling for Lola at school", "School counsellor", -60, NODATE) ||
	     visits(c, -298, -8, 14);
	return finish(c, rc);
}

/* On a plan, and not visited for over six weeks. */
static int tobias(struct ctx *c)
{
	char p[CB_ID_LEN + 1];
	int rc = child(c, "Tobias Wren", 4 * 365 + 10, "male", "child-protection", &tomasz, -160);
	if (rc)
		return rc;
	struct plan_spec s = { "child-protection", "physical-abuse", -150, NODATE, NULL, -60, 120,
			       "Tobias has no more injuries and goes to nursery every day.",
			       "Too young to say; plays happily with his key worker at nursery.",
			       "Observed at nursery.",
			       "If another unexplained injury: strategy discussion and medical.",
			       NODATE, NODATE, NULL, NODATE };
	rc = plan(c, &s, p) ||
	     meeting(c, p, "initial-conference", -150, "Plan agreed under physical abuse.") ||
	     meeting(c, p, "review-conference", -60, "Plan continues.") ||
	     action(c, p, "Nursery place five mornings a week", "Early years team", -120, -125) ||
	     visits(c, -148, -50, 14);
	return finish(c, rc);
}

/* A second child protection plan within two years of the first ending. */
static int isla(struct ctx *c)
{
	char p1[CB_ID_LEN + 1], p2[CB_ID_LEN + 1];
	int rc = child(c, "Isla Carrow", 8 * 365 + 300, "female", "child-protection", &grace, -620);
	if (rc)
		return rc;
	struct plan_spec s1 = { "child-protection", "neglect", -600, -400,
				"No longer at risk of significant harm; stepped down to child in need.",
				-460, NODATE, outcomes_safe, "\"I want to stay with Mum.\"",
				gathered_alone, contingency_legal, NODATE, NODATE, NULL, NODATE };
	struct plan_spec s2 = { "child-protection", "multiple", -90, NODATE, NULL, NODATE, 0,
				outcomes_safe, "\"It's happening again.\"", gathered_alone,
				contingency_legal, NODATE, NODATE, NULL, NODATE };
	rc = plan(c, &s1, p1) || plan(c, &s2, p2) ||
	     meeting(c, p1, "initial-conference", -600, "Plan agreed under neglect.") ||
	     meeting(c, p1, "review-conference", -400, "Plan ended.") ||
	     meeting(c, p2, "initial-conference", -90, "Second plan: neglect and emotional abuse.") ||
	     action(c, p2, "Mental health assessment for mother", "Adult mental health team", -40, NODATE) ||
	     visits(c, -88, -4, 12);
	return finish(c, rc);
}

/* Child in need plan without the child's views. */
static int harvey(struct ctx *c)
{
	char p[CB_ID_LEN + 1];
	int rc = child(c, "Harvey Stoke", 13 * 365 + 15, "male", "child-in-need", &grace, -110);
	if (rc)
		return rc;
	struct plan_spec s = { "child-in-need", NULL, -100, NODATE, NULL, NODATE, 0,
			       "Harvey gets help for his anxiety and stays in school.", NULL, NULL,
			       "Early help if CAMHS support ends.", NODATE, NODATE, NULL, NODATE };
	rc = plan(c, &s, p) ||
	     action(c, p, "CAMHS referral", "GP", -80, -85) ||
	     visits(c, -98, -10, 21);
	return finish(c, rc);
}

/* Actions with no owner, no date, and past their date and not done. */
static int maisie(struct ctx *c)
{
	char p[CB_ID_LEN + 1];
	int rc = child(c, "Maisie Fenwick", 7 * 365 + 33, "female", "child-in-need", &tomasz, -75);
	if (rc)
		return rc;
	struct plan_spec s = { "child-in-need", NULL, -70, NODATE, NULL, NODATE, 20,
			       "Maisie's home is warm and safe; her dental pain is treated.",
			       "\"My tooth hurts when I eat.\"", gathered_alone,
			       "Child protection enquiry if the dental appointment is missed again.",
			       NODATE, NODATE, NULL, NODATE };
	rc = plan(c, &s, p) ||
	     action(c, p, "Emergency dental appointment", NULL, -50, NODATE) ||
	     action(c, p, "Fix the broken window in the bedroom", "Housing officer", NODATE, NODATE) ||
	     action(c, p, "Benefits check with the family", "Welfare rights", -21, NODATE) ||
	     action(c, p, "School uniform grant", "Tomasz Nowak", -40, -45) ||
	     visits(c, -68, -6, 14);
	return finish(c, rc);
}

/* Pre-proceedings past its review point with no decision, alongside a
 * child protection plan. */
static int alfie(struct ctx *c)
{
	char cp[CB_ID_LEN + 1], plo[CB_ID_LEN + 1];
	int rc = child(c, "Alfie Brannigan", 2 * 365 + 70, "male", "pre-proceedings", &grace, -230);
	if (rc)
		return rc;
	struct plan_spec s1 = { "child-protection", "multiple", -220, NODATE, NULL, -40, 140,
				outcomes_safe, "Too young to say; relaxed with his grandmother.",
				"Observed at home and at nursery.", contingency_legal,
				NODATE, NODATE, NULL, NODATE };
	struct plan_spec s2 = { "pre-proceedings", NULL, -133, NODATE, NULL, NODATE, NODATE,
				"Parents show they can keep Alfie safe without drugs in the home.",
				"Too young to say.", "Observed with each parent at contact.",
				"Issue care proceedings; Alfie to stay with his grandmother.",
				-140, -20, NULL, NODATE };
	rc = plan(c, &s1, cp) || plan(c, &s2, plo) ||
	     meeting(c, cp, "initial-conference", -220, "Plan agreed.") ||
	     meeting(c, cp, "review-conference", -40, "Plan continues alongside pre-proceedings.") ||
	     meeting(c, plo, "plo-meeting", -133, "Both parents and their solicitors; agreement signed.") ||
	     meeting(c, plo, "plo-meeting", -60, "Mid-point review; hair strand tests awaited.") ||
	     action(c, plo, "Hair strand tests for both parents", "Grace Mensah", -90, -95) ||
	     action(c, plo, "Parenting assessment", "Independent social worker", -30, NODATE) ||
	     visits(c, -218, -9, 14);
	return finish(c, rc);
}

/* Pre-proceedings with a decision made: stepped down, plan ended. */
static int nell(struct ctx *c)
{
	char p[CB_ID_LEN + 1];
	int rc = child(c, "Nell Oduya", 5 * 365 + 222, "female", "child-in-need", &tomasz, -260);
	if (rc)
		return rc;
	struct plan_spec s = { "pre-proceedings", NULL, -250, -110, "Stepped down: progress made.",
			       NODATE, NODATE, "Nell lives safely with her father.",
			       "\"Dad reads me stories now.\"", gathered_alone,
			       "Issue care proceedings.", -255, -110, "step-down", -110 };
	struct plan_spec s2 = { "child-in-need", NULL, -110, NODATE, NULL, NODATE, 15,
				"Nell stays settled with her father.", "\"I'm happy.\"",
				gathered_alone, "Return to pre-proceedings if drinking resumes.",
				NODATE, NODATE, NULL, NODATE };
	rc = plan(c, &s, p) ||
	     meeting(c, p, "plo-meeting", -250, "Agreement signed.") ||
	     meeting(c, p, "plo-meeting", -110, "Review point: step down agreed.") ||
	     action(c, p, "Alcohol service for father", "Alcohol service", -200, -190) ||
	     plan(c, &s2, p) ||
	     meeting(c, p, "cin-review", -20, "Plan continues.") ||
	     visits(c, -108, -3, 21);
	return finish(c, rc);
}

struct pathway_spec {
	long plan_date, last_review, next_review;
	const char *views, *contingency, *health_history;
	const struct dworker *pa; /* named on the plan, or NULL */
};

/* Writes the young person's pathway plan (one save). */
static int pathway(struct ctx *c, const struct pathway_spec *p)
{
	struct cb_doc pp;
	int rc = cb_record_new(&pp, cb_record_type_find("pathway-plan"), c->id);
	if (rc)
		return rc;
	struct cb_stanza *h = &pp.stanzas[0];
	char pa[200];
	if (p->pa)
		snprintf(pa, sizeof pa, "%s <%s>", p->pa->name, p->pa->email);
	rc = (p->pa && sett(h, "Personal-Adviser", pa)) || setd(c, h, "Plan-Date", p->plan_date) ||
	     setd(c, h, "Last-Review", p->last_review) ||
	     setd(c, h, "Next-Review", p->next_review) ||
	     sett(h, "Young-Person-Views", p->views) ||
	     sett(h, "Contingency-Plan", p->contingency) ||
	     sett(h, "Health-History", p->health_history) ||
	     /* What the care leaver return needs (doc/ssda903.md): in touch,
	      * in education, in suitable supported lodgings. */
	     sett(h, "In-Touch", "YES") || sett(h, "Main-Activity", "F2") ||
	     sett(h, "Accommodation-Code", "D") || sett(h, "Accommodation-Suitable", "1")
		? CB_ENOMEM : 0;
	if (!rc)
		rc = save(c, "pathway-plan", &pp, "Write pathway plan for");
	cb_doc_free(&pp);
	return rc;
}

/* A care leaver-to-be aged 17 years 8 months with no personal adviser. */
static int kacper(struct ctx *c)
{
	/* Born 17 years and 8 months ago, to the day. */
	struct cb_date d;
	cb_days_to_date(c->today, &d);
	d.y -= 17;
	d.m -= 8;
	if (d.m < 1) {
		d.m += 12;
		d.y--;
	}
	if (d.d > 28)
		d.d = 28;
	long age_days = c->today - cb_date_to_days(&d);
	int rc = child(c, "Kacper Lindgren", age_days, "male", "care-leaver", &amara, -900);
	if (rc)
		return rc;
	struct pathway_spec s = { -60, NODATE, 120, "\"I want to stay near my college.\"",
				  "Supported lodgings if the placement ends.", "yes", NULL };
	if (!(rc = chron(c, -30, "visit", "medium",
			 "Visit at his placement; talked about moving on at 18.",
			 "Worried about where he will live.")))
		rc = pathway(c, &s);
	return finish(c, rc);
}

/* A care leaver without their health history. */
static int seren(struct ctx *c)
{
	int rc = child(c, "Seren Blackwood", 19 * 365 + 77, "female", "care-leaver", &priya, -500);
	if (rc)
		return rc;
	struct pathway_spec s = { -400, -100, 80, "\"I'd like to see my brother more.\"",
				  "Floating support if the tenancy is at risk.", "no", &priya };
	if ((rc = chron(c, -14, "visit", "medium", "Visit at her flat; rent paid, fridge stocked.",
			"Managing well; lonely at weekends.")) ||
	    (rc = pathway(c, &s)))
		return finish(c, rc);
	/* Her PA, on her person record too. */
	struct cb_doc p;
	int exists;
	rc = cb_ws_read(c->ws, NULL, c->id, cb_record_type_find("person"), &p, &exists);
	if (!rc) {
		rc = sett(&p.stanzas[0], "Personal-Adviser", priya.email) ? CB_ENOMEM
			: save(c, "person", &p, "Allocate personal adviser for");
		cb_doc_free(&p);
	}
	return finish(c, rc);
}

/* ---- Sam Patel's caseload: what the demo opens on ---- */

/* Child in need: a visit and an action overdue. */
static int jasper(struct ctx *c)
{
	char p[CB_ID_LEN + 1];
	int rc = child(c, "Jasper Quayle", 8 * 365 + 130, "male", "child-in-need", &sam, -210);
	if (rc)
		return rc;
	struct plan_spec s = { "child-in-need", NULL, -200, NODATE, NULL, -40, 50,
			       "Jasper can make himself understood at school and at home.",
			       "\"I want to play with the others at break.\"", gathered_alone,
			       "Step up to a child protection conference if he misses school again.",
			       NODATE, NODATE, NULL, NODATE };
	rc = plan(c, &s, p) ||
	     meeting(c, p, "cin-review", -40, "Plan continues; speech still unclear.") ||
	     action(c, p, "Speech and language assessment", "School SENCo", -21, NODATE) ||
	     action(c, p, "Hearing test", "School nurse", -150, -160) ||
	     visits(c, -196, -49, 21);
	return finish(c, rc);
}

/* Child protection: the first review conference is overdue; the next
 * visit is due soon. */
static int layla(struct ctx *c)
{
	char p[CB_ID_LEN + 1];
	int rc = child(c, "Layla Okorie", 5 * 365 + 60, "female", "child-protection", &sam, -100);
	if (rc)
		return rc;
	struct plan_spec s = { "child-protection", "neglect", -95, NODATE, NULL, NODATE, NODATE,
			       outcomes_safe, "\"I like my new bed.\"", gathered_alone,
			       contingency_legal, NODATE, NODATE, NULL, NODATE };
	rc = plan(c, &s, p) ||
	     meeting(c, p, "initial-conference", -95, "Plan agreed under neglect.") ||
	     meeting(c, p, "core-group", -85, "Core group: nursery place and bedding.") ||
	     action(c, p, "Health visitor to check her weight", "Health visitor", 10, NODATE) ||
	     visits(c, -93, -3, 10);
	return finish(c, rc);
}

/* Pre-proceedings past its review point with no decision, and an action
 * overdue. */
static int milo(struct ctx *c)
{
	char p[CB_ID_LEN + 1];
	int rc = child(c, "Milo Hargreave", 400, "male", "pre-proceedings", &sam, -200);
	if (rc)
		return rc;
	struct plan_spec s = { "pre-proceedings", NULL, -125, NODATE, NULL, NODATE, NODATE,
			       "Milo's parents keep him safe and stay off drugs.",
			       "Too young to say; settled and smiling with his aunt.",
			       "Observed at home and at contact.",
			       "Issue care proceedings; Milo to stay with his aunt.",
			       -125, -12, NULL, NODATE };
	rc = plan(c, &s, p) ||
	     meeting(c, p, "plo-meeting", -125, "Both parents and their solicitors; agreement signed.") ||
	     action(c, p, "Drug testing for both parents", "Substance misuse service", -60, -62) ||
	     action(c, p, "Parenting assessment", "Independent social worker", -5, NODATE) ||
	     visits(c, -123, -11, 14);
	return finish(c, rc);
}

/* Child protection with no contingency and an action nobody owns. */
static int rosa(struct ctx *c)
{
	char p[CB_ID_LEN + 1];
	int rc = child(c, "Rosa Varga", 10 * 365 + 200, "female", "child-protection", &sam, -60);
	if (rc)
		return rc;
	struct plan_spec s = { "child-protection", "emotional-abuse", -50, NODATE, NULL, NODATE,
			       NODATE, "Rosa feels safe at home and goes to school happy.",
			       "\"I don't want to hear them fighting.\"", "Seen alone at school.",
			       NULL, NODATE, NODATE, NULL, NODATE };
	rc = plan(c, &s, p) ||
	     meeting(c, p, "initial-conference", -50, "Plan agreed under emotional abuse.") ||
	     action(c, p, "Counselling at school", NULL, NODATE, NODATE) ||
	     action(c, p, "Safety plan with mother", "Sam Patel", -40, -41) ||
	     visits(c, -48, -8, 10);
	return finish(c, rc);
}

/* A care leaver whose review is overdue, with no contingency and no
 * health history recorded. */
static int tegan(struct ctx *c)
{
	c->as_pa = 1;
	int rc = child(c, "Tegan Marlow", 19 * 365 + 140, "female", "care-leaver", &sam, -700);
	c->as_pa = 0;
	if (rc)
		return rc;
	struct pathway_spec s = { -420, -200, NODATE, "\"I want to finish my college course.\"",
				  NULL, "no", &sam };
	if (!(rc = chron(c, -20, "visit", "medium", "Visit at her flat; behind with the rent.",
			 "Worried about money; wants help with a budget.")))
		rc = pathway(c, &s);
	return finish(c, rc);
}

/* A care leaver who moved after his last review: a review is due now. */
static int wiktor(struct ctx *c)
{
	c->as_pa = 1;
	int rc = child(c, "Wiktor Rushworth", 18 * 365 + 90, "male", "care-leaver", &sam, -600);
	c->as_pa = 0;
	if (rc)
		return rc;
	struct pathway_spec s = { -300, -120, 60, "\"I want my own flat near my job.\"",
				  "Supported lodgings if the hostel place ends.", "yes", &sam };
	if (!(rc = chron(c, -9, "placement-move", "high",
			 "Moved out of his foster placement into a hostel after an argument.",
			 "Lost his quiet place to study; travel to work doubled.")))
		rc = pathway(c, &s);
	return finish(c, rc);
}

int cb_demo_plans(struct cb_ws *ws, long today)
{
	static int (*const children[])(struct ctx *) = {
		poppy, reuben, lola, tobias, isla, harvey, maisie, alfie, nell, kacper, seren,
		jasper, layla, milo, rosa, tegan, wiktor,
	};
	struct ctx c = { .ws = ws, .today = today };
	int rc = 0;
	for (size_t i = 0; i < sizeof children / sizeof children[0] && !rc; i++)
		rc = children[i](&c);
	return rc;
}
