/* demo.c - invented caseloads with months of history; see demo.h.
 *
 * Events (a referral, a visit noted in the chronology, a genogram drawn,
 * a pathway plan written and reviewed) are generated for each person over
 * the last nine months, sorted by time and saved one commit each through
 * the same save path the command line uses, by the worker who would have
 * made them. */
#include "demo.h"
#include "cmd_crypt.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "i18n.h"
#include "id.h"
#include "record.h"
#include "store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

static unsigned long long rng;

static unsigned rnd(unsigned n)
{
	/* xorshift64*: small, fast, and the same on every machine */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return n ? (unsigned)((rng * 2685821657736338717ULL) >> 33) % n : 0;
}

struct worker {
	const char *name, *email, *team;
	int pa;
};

static const struct worker workers[] = {
	{ "Sam Patel", "sam.patel@example.org", "North Leaving Care", 1 },
	{ "Ffion Hughes", "ffion.hughes@example.org", "North Leaving Care", 1 },
	{ "Amara Okafor", "amara.okafor@example.org", "Riverside Children in Care", 0 },
	{ "Tomasz Nowak", "tomasz.nowak@example.org", "Riverside Children in Care", 0 },
	{ "Grace Mensah", "grace.mensah@example.org", "Eastgate Safeguarding", 0 },
};

static const char *const girls[] = {
	"Zoë", "Amelia", "Chloé", "Maja", "Siân", "Aisha", "Ruby", "Leah", "Gwenllïan",
	"Mai", "Imani", "Freya", "Niamh", "Ana", "Hafsa", "Eira"
};
static const char *const boys[] = {
	"Jamie", "Kai", "Oskar", "Dylan", "Rhys", "Tariq", "Leo", "Callum", "Dafydd",
	"Minh", "Kofi", "Mateusz", "Idris", "Ellis", "Joël", "Gruffydd"
};
static const char *const surnames[] = {
	"Ådahl", "Nguyễn", "Brennan", "Okonkwo", "Kowalczyk", "ap Rhys", "Fairweather",
	"Lindqvist", "Haddad", "Pryce", "O'Sullivan", "Ferreira", "Åberg", "Thorne",
	"Mensah-Clarke", "Llŷr", "Whitlow", "Demir"
};
static const char *const adults_f[] = { "Karen", "Michelle", "Lowri", "Beata", "Precious", "Hạnh", "Donna" };
static const char *const adults_m[] = { "Darren", "Gareth", "Piotr", "Emeka", "Stuart", "Tuấn", "Wayne" };

struct event_text {
	const char *category, *significance, *source, *event, *impact;
};

static const struct event_text events[] = {
	{ "health", "high", "School nurse", "Said she has not been registered with a GP since the move.",
	  "Missed health assessment; repeat prescription at risk." },
	{ "education", "medium", "Designated teacher", "Attendance fell to 71% this term; two fixed-term exclusions.",
	  "Falling behind in English and maths; PEP review brought forward." },
	{ "accommodation", "high", "Carer", "Placement ended at short notice after a disagreement with carers.",
	  "Third move this year; lost contact with friends at school." },
	{ "family", "medium", "Mother", "Mother moved to a new address with her partner.",
	  "Contact arrangements need to change; child anxious about the new partner." },
	{ "police", "high", "Police", "Reported missing overnight; found the next morning at a friend's flat.",
	  "Return home interview offered; risk of exploitation considered at strategy meeting." },
	{ "contact", "low", "Contact supervisor", "Supervised contact with father went well; he arrived on time.",
	  "Child asked for contact to be more often." },
	{ "placement-move", "high", "Placements team", "Moved to a new foster placement in the same town.",
	  "Kept the same school; settling in, sleeping better." },
	{ "missing", "high", "Residential home", "Missing for six hours after school; returned by police.",
	  "Safety plan updated; concerns about older associates." },
	{ "assessment", "medium", "Social worker", "Single assessment completed; needs met through a CIN plan.",
	  "Plan agreed with family; review in three months." },
	{ "plan-review", "medium", "IRO", "Looked-after review held; care plan endorsed.",
	  "Child attended part of the meeting and gave her views." },
	{ "legal", "high", "Legal services", "Interim care order granted.",
	  "Child to remain with current carers pending final hearing." },
	{ "positive", "low", "Young person", "Passed driving theory test.",
	  "Proud of herself; wants to start lessons." },
	{ "positive", "low", "College tutor", "Started a level 2 catering course and attends every day.",
	  "More confident; talking about an apprenticeship." },
	{ "significant-change", "high", "Young person", "Told us he is to become a father in the spring.",
	  "Pathway plan to be reviewed; housing needs will change." },
	{ "health", "medium", "CAMHS", "First CAMHS appointment attended after 14 weeks on the waiting list.",
	  "Anxiety support started; sleep still poor." },
};

static const char *const needs[] = {
	"Needs help to budget and to set up bills in her own name.",
	"Wants to stay near his college and his friends.",
	"Has no GP and no copy of her health history.",
	"Not in education or work since the summer; interested in construction.",
	"Wants to see his younger sisters more often.",
	"Can cook simple meals; has not used a washing machine.",
};
static const char *const views[] = {
	"\"I want my own flat but not yet, I'm not ready.\"",
	"Says the plan is fine but wants fewer meetings.",
	"Would like to stay with her carers until she finishes college (Staying Put).",
	"\"I just want someone to answer the phone when I ring.\"",
};

struct person {
	char id[CB_ID_LEN + 1];
	char name[96];
	struct cb_date dob;
	const char *gender, *status;
	const struct worker *w;
	long start; /* day the case opened (days since epoch) */
	int no_accommodation; /* the OC3 return's worked example of a gap */
};

enum ev_kind { EV_PERSON, EV_GENOGRAM, EV_CHRON, EV_PLAN, EV_PLAN_REVIEW };

struct ev {
	long day;
	unsigned minute;
	unsigned person;
	enum ev_kind kind;
	unsigned arg;
	unsigned seq;
};

static int ev_cmp(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->minute != y->minute)
		return x->minute < y->minute ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void fmt_days(long days, char out[11])
{
	struct cb_date d;
	cb_days_to_date(days, &d);
	cb_date_format(&d, out);
}

static int set(struct cb_stanza *s, const char *f, const char *v)
{
	return cb_stanza_set(s, f, v);
}

static int build_person(struct cb_doc *doc, const struct person *p, long day)
{
	struct cb_stanza *h = &doc->stanzas[0];
	char dob[11], created[11];
	cb_date_format(&p->dob, dob);
	fmt_days(day, created);
	int rc = set(h, "Name", p->name) || set(h, "Date-Of-Birth", dob) ||
		 set(h, "Gender", p->gender) || set(h, "Status", p->status) ||
		 set(h, "Team", p->w->team) || set(h, "Created", created) ||
		 set(h, "Language", rnd(4) ? "English" : "Welsh") ||
		 set(h, strcmp(p->status, "care-leaver") == 0 ? "Personal-Adviser" : "Worker",
		     p->w->email);
	if (!rc && strcmp(p->status, "care-leaver") == 0)
		rc = set(h, "Worker", p->w->email) ||
		     set(h, "Legal-Status", rnd(2) ? "former relevant" : "relevant");
	return rc ? CB_ENOMEM : 0;
}

static struct cb_stanza *member(struct cb_doc *doc, const struct cb_record_type *t,
				const char *name, const char *gender, const char *born,
				const char *role, int household)
{
	struct cb_stanza *s = cb_record_add_item(doc, t, &t->items[0], NULL);
	if (!s || set(s, "Name", name) || set(s, "Gender", gender) ||
	    (born && set(s, "Born", born)) || set(s, "Role", role) ||
	    set(s, "Household", household ? "yes" : "no"))
		return NULL;
	return s;
}

static int relate(struct cb_doc *doc, const struct cb_record_type *t, const char *type,
		  struct cb_stanza *a, struct cb_stanza *b)
{
	/* a and b may move when the stanza array grows: copy their ids first */
	char ida[48], idb[48];
	snprintf(ida, sizeof ida, "%s", cb_stanza_get(a, "Id"));
	snprintf(idb, sizeof idb, "%s", cb_stanza_get(b, "Id"));
	struct cb_stanza *s = cb_record_add_item(doc, t, &t->items[1], NULL);
	if (!s || set(s, "Type", type) || set(s, "From", ida) || set(s, "To", idb))
		return CB_ENOMEM;
	return 0;
}

/* y as text, but never after the year of the save (a sibling cannot be
 * born, nor a grandmother die, after the genogram was drawn). */
static void year_until(char y[8], int year, int last)
{
	snprintf(y, 8, "%d", year < last ? year : last);
}

static int build_genogram(struct cb_doc *doc, const struct person *p, long day)
{
	struct cb_date saved;
	cb_days_to_date(day, &saved);
	const struct cb_record_type *t = cb_record_type_find("genogram");
	char born[11], y[8];
	const char *surname = strchr(p->name, ' ') ? strchr(p->name, ' ') + 1 : p->name;
	char name[128];
	size_t first = doc->nstanzas;
	cb_date_format(&p->dob, born);
	int lives_with_mum = strcmp(p->status, "child-in-need") == 0 ||
			     strcmp(p->status, "child-protection") == 0;
	if (!member(doc, t, p->name, p->gender, born, "index child", 1))
		return CB_ENOMEM;
	set(&doc->stanzas[first], "Index", "yes");
	snprintf(name, sizeof name, "%s %s", adults_f[rnd(N(adults_f))], surname);
	snprintf(y, sizeof y, "%d", p->dob.y - 22 - (int)rnd(10));
	if (!member(doc, t, name, "female", y, "birth mother", lives_with_mum))
		return CB_ENOMEM;
	snprintf(name, sizeof name, "%s %s", adults_m[rnd(N(adults_m))],
		 surnames[rnd(N(surnames))]);
	snprintf(y, sizeof y, "%d", p->dob.y - 24 - (int)rnd(12));
	if (!member(doc, t, name, "male", y, "birth father", 0))
		return CB_ENOMEM;
	snprintf(name, sizeof name, "%s %s", adults_f[rnd(N(adults_f))], surname);
	snprintf(y, sizeof y, "%d", p->dob.y - 48 - (int)rnd(10));
	struct cb_stanza *gm = member(doc, t, name, "female", y, "maternal grandmother", 0);
	if (!gm)
		return CB_ENOMEM;
	if (rnd(3) == 0) {
		year_until(y, p->dob.y + (int)rnd(8), saved.y);
		if (y[0] && set(&doc->stanzas[doc->nstanzas - 1], "Died", y))
			return CB_ENOMEM;
	}
	unsigned sibs = rnd(4);
	for (unsigned i = 0; i < sibs; i++) {
		int girl = (int)rnd(2);
		snprintf(name, sizeof name, "%s %s",
			 girl ? girls[rnd(N(girls))] : boys[rnd(N(boys))], surname);
		year_until(y, p->dob.y - 4 + (int)rnd(9), saved.y);
		if (!member(doc, t, name, girl ? "female" : "male", y, "sibling", lives_with_mum))
			return CB_ENOMEM;
	}
	/* relationships: parents, grandmother to mother, parents to children */
	static const char *const couple[] = { "married", "separated", "divorced", "partners" };
	size_t child = first, mum = first + 1, dad = first + 2, gran = first + 3;
	int rc = relate(doc, t, couple[rnd(N(couple))], &doc->stanzas[mum], &doc->stanzas[dad]);
	if (!rc)
		rc = relate(doc, t, "parent", &doc->stanzas[gran], &doc->stanzas[mum]);
	for (size_t c = 0; !rc && c < 1 + sibs; c++) {
		size_t who = c == 0 ? child : gran + c;
		rc = relate(doc, t, "parent", &doc->stanzas[mum], &doc->stanzas[who]);
		if (!rc)
			rc = relate(doc, t, "parent", &doc->stanzas[dad], &doc->stanzas[who]);
	}
	return rc;
}

static int build_chron(struct cb_doc *doc, const struct person *p, long day, unsigned arg,
		       const struct worker *w)
{
	const struct cb_record_type *t = cb_record_type_find("chronology");
	const struct event_text *e = &events[arg % N(events)];
	struct cb_stanza *s = cb_record_add_item(doc, t, &t->items[0], NULL);
	char date[11], entered[11], by[160];
	long birth = cb_date_to_days(&p->dob);
	/* Events mostly recent, some from earlier in the child's life. */
	long when = rnd(4) == 0 ? birth + (long)rnd((unsigned)(day - birth)) : day - (long)rnd(10);
	if (when < birth)
		when = birth;
	fmt_days(when, date);
	fmt_days(day, entered);
	snprintf(by, sizeof by, "%s <%s>", w->name, w->email);
	if (!s || set(s, "Date", date) || set(s, "Category", e->category) ||
	    set(s, "Significance", e->significance) || set(s, "Source", e->source) ||
	    set(s, "Event", e->event) || set(s, "Impact", e->impact) ||
	    set(s, "Entered", entered) || set(s, "Recorded-By", by))
		return CB_ENOMEM;
	if (when < day - 400 && set(s, "Date-Approximate", "yes"))
		return CB_ENOMEM;
	return 0;
}

/* A number from the person's id, for choices that must not draw on the
 * random sequence: drawing more would change every later person, and
 * with them the golden files made from the demo. */
static unsigned id_hash(const char *id, unsigned salt)
{
	unsigned h = 2166136261u ^ salt;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h ^ (h >> 15);
}

/* What the OC3 return needs (doc/ssda903.md): mostly in touch, living
 * independently, in supported lodgings or staying put with former foster
 * carers, now and then in accommodation that does not suit them; a few
 * who refuse contact or whose contact is no longer required. One care
 * leaver's adviser has not recorded the accommodation, so the return's
 * per-child problem list has something real to show. */
static int oc3_fields(struct cb_stanza *h, const struct person *p, const char *activity)
{
	static const char *const accom[] = { "U", "D", "E", "Z", "K", "T", "B", "U", "D" };
	unsigned k = id_hash(p->id, 903);
	const char *touch = p->no_accommodation ? "YES" : k % 11 == 5 ? "REFU"
			    : k % 11 == 8 ? "NREQ" : "YES";
	if (set(h, "In-Touch", touch))
		return CB_ENOMEM;
	if (strcmp(touch, "YES") != 0)
		return 0;
	if (set(h, "Main-Activity", activity))
		return CB_ENOMEM;
	if (p->no_accommodation)
		return 0;
	if (set(h, "Accommodation-Code", accom[(k >> 4) % N(accom)]) ||
	    set(h, "Accommodation-Suitable", (k >> 8) % 6 == 0 ? "2" : "1"))
		return CB_ENOMEM;
	return 0;
}

static int build_plan(struct cb_doc *doc, const struct person *p, long day, int review,
		      const struct worker *w)
{
	struct cb_stanza *h = &doc->stanzas[0];
	char d[11], next[11], pa[160];
	fmt_days(day, d);
	snprintf(pa, sizeof pa, "%s <%s>", w->name, w->email);
	struct cb_date nd;
	cb_days_to_date(day, &nd);
	cb_date_add_months(&nd, 6);
	cb_date_format(&nd, next);
	if (set(h, "Personal-Adviser", pa) || set(h, review ? "Last-Review" : "Plan-Date", d) ||
	    set(h, "Next-Review", next) ||
	    set(h, "Young-Person-Views", views[rnd(N(views))]) ||
	    set(h, "Consent-To-Share", "yes"))
		return CB_ENOMEM;
	const char *activity = rnd(2) ? "F2" : "G6";
	if (oc3_fields(h, p, activity))
		return CB_ENOMEM;
	if (!review) {
		struct cb_date na;
		cb_days_to_date(day - 20 - (long)rnd(30), &na);
		char nas[11];
		cb_date_format(&na, nas);
		if (set(h, "Needs-Assessment-Date", nas) ||
		    set(h, "Consulted", "Young person, foster carer, designated teacher, GP."))
			return CB_ENOMEM;
	}
	/* Fill a few sections each time; the contingency plan only sometimes,
	 * as inspectors keep finding. */
	for (size_t i = 1; i < doc->nstanzas; i++) {
		struct cb_stanza *s = &doc->stanzas[i];
		const char *sec = cb_stanza_get(s, "Section");
		if (!sec || rnd(3) == 0)
			continue;
		if (strcmp(sec, "contingency") == 0 && rnd(2))
			continue;
		char by[11];
		fmt_days(day + 30 + (long)rnd(150), by);
		if (set(s, "Need", needs[rnd(N(needs))]) ||
		    set(s, "Action", "PA to arrange and check progress at each visit.") ||
		    set(s, "Who", w->name) || set(s, "By-When", by) ||
		    set(s, "Status", review ? "in-progress" : "not-started"))
			return CB_ENOMEM;
	}
	if (rnd(2) && set(h, "Contingency-Plan", "If the placement ends, emergency supported "
			  "lodgings through the out-of-hours team; PA to visit within 7 days."))
		return CB_ENOMEM;
	if (review) {
		const struct cb_record_type *t = cb_record_type_find("pathway-plan");
		struct cb_stanza *r = cb_record_add_item(doc, t, &t->items[1], NULL);
		if (!r || set(r, "Date", d) || set(r, "Reason", "six-monthly") ||
		    set(r, "Notes", "Young person attended and chaired part of the review."))
			return CB_ENOMEM;
	}
	return 0;
}

static void make_person(struct person *p, long today)
{
	static const char *const status_pool[] = {
		"care-leaver", "care-leaver", "care-leaver", "looked-after", "looked-after",
		"looked-after", "child-protection", "child-in-need", "child-in-need",
		"pre-proceedings"
	};
	p->status = status_pool[rnd(N(status_pool))];
	int girl = (int)rnd(2);
	p->gender = rnd(20) == 0 ? "non-binary" : girl ? "female" : "male";
	snprintf(p->name, sizeof p->name, "%s %s", girl ? girls[rnd(N(girls))] : boys[rnd(N(boys))],
		 surnames[rnd(N(surnames))]);
	int age = strcmp(p->status, "care-leaver") == 0 ? 17 + (int)rnd(5)
		: strcmp(p->status, "looked-after") == 0 ? 3 + (int)rnd(15) : 1 + (int)rnd(15);
	cb_days_to_date(today - age * 365L - (long)rnd(365), &p->dob);
	if (strcmp(p->status, "care-leaver") == 0)
		p->w = &workers[rnd(2)];
	else if (strcmp(p->status, "looked-after") == 0)
		p->w = &workers[2 + rnd(2)];
	else
		p->w = &workers[2 + rnd(3)];
	p->start = today - 270 + (long)rnd(60);
}

static int apply_event(struct cb_ws *ws, struct person *people, const struct ev *e)
{
	struct person *p = &people[e->person];
	static const char *const types[] = { "person", "genogram", "chronology",
					     "pathway-plan", "pathway-plan" };
	const struct cb_record_type *t = cb_record_type_find(types[e->kind]);
	struct cb_doc doc;
	int exists;
	int rc = cb_ws_read(ws, NULL, p->id, t, &doc, &exists);
	if (rc)
		return rc;
	char summary[256];
	switch (e->kind) {
	case EV_PERSON:
		rc = build_person(&doc, p, e->day);
		snprintf(summary, sizeof summary, "Add person %s", p->name);
		break;
	case EV_GENOGRAM:
		rc = build_genogram(&doc, p, e->day);
		snprintf(summary, sizeof summary, "Draw genogram for %s", p->name);
		break;
	case EV_CHRON:
		rc = build_chron(&doc, p, e->day, e->arg, p->w);
		snprintf(summary, sizeof summary, "Add chronology entry for %s", p->name);
		break;
	case EV_PLAN:
	case EV_PLAN_REVIEW:
		rc = build_plan(&doc, p, e->day, e->kind == EV_PLAN_REVIEW, p->w);
		snprintf(summary, sizeof summary, e->kind == EV_PLAN ? "Write pathway plan for %s"
			 : "Review pathway plan for %s", p->name);
		break;
	}
	if (!rc) {
		cb_record_canonicalise(&doc, t);
		free(ws->user_name);
		free(ws->user_email);
		ws->user_name = strdup(p->w->name);
		ws->user_email = strdup(p->w->email);
		struct cb_save sv = { p->id, t, &doc };
		int made;
		int64_t when = (int64_t)e->day * 86400 + 8 * 3600 + (int64_t)e->minute * 60;
		rc = cb_ws_save(ws, &sv, 1, summary, NULL, when, NULL, &made);
	}
	cb_doc_free(&doc);
	return rc;
}

int cb_demo_make(const struct cb_demo_opts *o)
{
	unsigned n = o->people ? o->people : 40;
	rng = o->seed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL;
	if (!rng)
		rng = 88172645463325252ULL;
	cb_id_seed(o->seed + 1);
	struct cb_date td;
	cb_date_today(&td);
	long today = cb_date_to_days(&td);

	int rc = cb_ws_init(o->dir, NULL, "Sam Patel <sam.patel@example.org>");
	if (rc)
		return rc;
	if (o->encrypt && o->encrypt(o->dir, o->encrypt_ctx))
		return cb_err(CB_ERROR, _("the demo workspace was made but not encrypted"));
	struct cb_ws ws;
	if ((rc = cb_ws_open(&ws, o->dir)))
		return rc;
	/* Invented data, made in bulk: skip the per-object fsync a real save
	 * needs; everything is flushed when the ref moves. */
	cb_store_set_fsync(0);
	struct person *people = calloc(n, sizeof *people);
	size_t cap = (size_t)n * 20, nev = 0;
	struct ev *evs = calloc(cap, sizeof *evs);
	if (!people || !evs) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
		goto out;
	}
	unsigned seq = 0;
	int gap_shown = 0;
	for (unsigned i = 0; i < n; i++) {
		struct person *p = &people[i];
		make_person(p, today);
		cb_id_new(p->id);
		if (!gap_shown && strcmp(p->status, "care-leaver") == 0)
			gap_shown = p->no_accommodation = 1;
		struct ev base = { p->start, rnd(540), i, EV_PERSON, 0, seq++ };
		evs[nev++] = base;
		evs[nev++] = (struct ev){ p->start + 3 + (long)rnd(20), rnd(540), i, EV_GENOGRAM, 0, seq++ };
		unsigned nc = 3 + rnd(8);
		for (unsigned k = 0; k < nc; k++)
			evs[nev++] = (struct ev){ p->start + 1 + (long)rnd((unsigned)(today - p->start)),
						  rnd(540), i, EV_CHRON, rnd(1000), seq++ };
		int age = cb_age_on(&p->dob, &td);
		if (strcmp(p->status, "care-leaver") == 0 || (strcmp(p->status, "looked-after") == 0 && age >= 16)) {
			long plan = p->start + 20 + (long)rnd(40);
			evs[nev++] = (struct ev){ plan, rnd(540), i, EV_PLAN, 0, seq++ };
			/* Some reviewed on time, some drifting: overdue reviews show. */
			if (rnd(3))
				evs[nev++] = (struct ev){ plan + 150 + (long)rnd(40), rnd(540), i,
							  EV_PLAN_REVIEW, 0, seq++ };
		}
	}
	qsort(evs, nev, sizeof *evs, ev_cmp);
	for (size_t i = 0; i < nev && !rc; i++) {
		if (evs[i].day > today)
			continue;
		rc = apply_event(&ws, people, &evs[i]);
	}
	if (!rc)
		rc = cb_demo_plans(&ws, today);
	/* The practitioner who opens the demo. */
	free(ws.user_name);
	free(ws.user_email);
	ws.user_name = ws.user_email = NULL;
	if (!rc)
		rc = cb_ws_config_set(&ws, "casebook.team", "North Leaving Care");
	if (!rc && o->with_remote) {
		size_t len = strlen(o->dir) + 32;
		char *remote = malloc(len);
		char *abs = realpath(o->dir, NULL);
		if (!remote || !abs) {
			rc = cb_err(CB_ENOMEM, _("out of memory"));
		} else {
			snprintf(remote, len, "%s/remote.git", o->dir);
			rc = cb_store_init(remote);
			if (!rc) {
				char *url = malloc(strlen(abs) + 32);
				if (!url) {
					rc = cb_err(CB_ENOMEM, _("out of memory"));
				} else {
					snprintf(url, strlen(abs) + 32, "%s/remote.git", abs);
					/* As cb_ws_init: plain config, not git_remote_create. */
					rc = cb_ws_config_set(&ws, "remote.origin.url", url);
					if (!rc)
						rc = cb_ws_config_set(&ws, "remote.origin.fetch",
								      "+refs/heads/*:refs/remotes/origin/*");
					free(url);
				}
			}
			if (!rc)
				rc = cb_store_push(&ws.store, "origin");
		}
		free(remote);
		free(abs);
	}
out:
	cb_store_set_fsync(1);
	free(people);
	free(evs);
	cb_ws_close(&ws);
	return rc;
}

static int demo_encrypt(const char *dir, void *keyfile)
{
	return cli_encrypt_setup(dir, keyfile);
}

int cmd_demo(int argc, char **argv)
{
	const char *usage = _("casebook demo DIR [--people N] [--seed N] "
			      "[--encrypt [--key-file FILE]]");
	const char *keyfile = NULL;
	int encrypt = 0;
	struct cb_demo_opts o = { 0 };
	o.people = 40;
	o.seed = 1;
	o.with_remote = 1;
	for (int i = 1; i < argc; i++) {
		char *end = NULL;
		if (strcmp(argv[i], "--people") == 0 && i + 1 < argc) {
			unsigned long v = strtoul(argv[++i], &end, 10);
			if (!*argv[i] || *end || v == 0 || v > 100000)
				return cli_fail(_("--people: a number from 1 to 100000"));
			o.people = (unsigned)v;
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			unsigned long long v = strtoull(argv[++i], &end, 10);
			if (!*argv[i] || *end)
				return cli_fail(_("--seed: a number"));
			o.seed = v;
		} else if (strcmp(argv[i], "--encrypt") == 0) {
			encrypt = 1;
		} else if (strcmp(argv[i], "--key-file") == 0 && i + 1 < argc) {
			keyfile = argv[++i];
		} else if (argv[i][0] != '-' && !o.dir) {
			o.dir = argv[i];
		} else {
			return cli_usage(usage);
		}
	}
	if (!o.dir || (keyfile && !encrypt))
		return cli_usage(usage);
	if (encrypt) {
		o.encrypt = demo_encrypt;
		o.encrypt_ctx = (void *)keyfile;
	}
	if (cb_demo_make(&o))
		return cli_fail_last();
	unsigned people = o.people + CB_DEMO_PLAN_CHILDREN;
	printf(ngettext("Made a demo workspace in %s (%u invented person). You are Sam Patel, "
			"a social worker and personal adviser.\nTry: casebook -C %s list\n",
			"Made a demo workspace in %s (%u invented people). You are Sam Patel, "
			"a social worker and personal adviser.\nTry: casebook -C %s list\n", people),
	       o.dir, people, o.dir);
	return 0;
}
