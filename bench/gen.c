/* gen.c - the benchmark's workspace generator and its timer.
 *
 *   gen version
 *   gen stream [--seed N] [--people N] [--commits N] [--today YYYY-MM-DD]
 *              [--info FILE] [--sample FILE]
 *   gen time [-w WARMUP] OUT < SCRIPT
 *   gen stats FILE
 *
 * stream writes a `git fast-import` stream to stdout: the history of an
 * invented local authority (people, chronology entries, genograms, pathway
 * plans and person updates), one record changed per commit, authored by
 * invented workers in invented teams, with messages in casebook's form.
 * Records are built with casebook's own record code (cb_record_new,
 * cb_record_add_item, cb_stanza_set), checked with cb_validate and written
 * with cb_record_serialise, so they are canonical and valid. The same
 * seed, sizes and date always give the same bytes, hence the same commit
 * ids. --info writes shell assignments describing what was made; --sample
 * writes people (id, record path, name) in a seeded random order for the
 * save measurements.
 *
 * time runs a script of commands, one iteration per line, and writes the
 * wall time of each iteration in microseconds (CLOCK_MONOTONIC), one per
 * line, to OUT. A line is tab-separated words; "&&" separates commands;
 * commands before a "--" word are preparation and are not timed. In every
 * word "\n" stands for a newline and "\\" for a backslash. Leading
 * NAME=VALUE words set the environment of that command. Commands run with
 * stdout on /dev/null; any failure stops the run. Built-ins: "@append FILE
 * TEXT" appends TEXT to FILE, "@rm FILE..." removes files (missing ones
 * are fine). -w runs the first WARMUP lines without reporting them.
 *
 * stats prints "n min p50 p99 max mean" of a file of numbers (nearest-rank
 * percentiles). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* posix_spawn, getline, setenv when built without config.h */
#endif
#include "date.h"
#include "deb822.h"
#include "err.h"
#include "id.h"
#include "record.h"
#include "schema.h"
#include "store.h"
#include "validate.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Bump when the generated history changes: it keys the cache. */
#define GEN_VERSION 2

/* One long case gets this many chronology entries, whatever the draw: the
 * history, blame and as-at benchmarks need a record with hundreds of
 * versions (the heavy tail alone gives about 150). */
#define HOT_ENTRIES 300

#define N(a) (sizeof(a) / sizeof((a)[0]))

extern char **environ;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;
	fputs("gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* ---- a small fixed PRNG: xorshift64*, the same on every machine ---- */

static uint64_t rng;

static uint64_t rnd64(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static unsigned rnd(unsigned n)
{
	return n ? (unsigned)((rnd64() >> 33) % n) : 0;
}

/* Uniform in [0, 1). */
static double rndf(void)
{
	return (double)(rnd64() >> 11) / 9007199254740992.0;
}

/* ---- invented names ---- */

static const char *const girls[] = {
	"Zoë", "Amelia", "Chloé", "Maja", "Siân", "Aisha", "Ruby", "Leah", "Gwenllïan",
	"Mai", "Imani", "Freya", "Niamh", "Ana", "Hafsa", "Eira", "Poppy", "Layla",
	"Ffion", "Isla", "Nia", "Esme", "Bethan", "Khadija", "Oliwia", "Thuy", "Ayesha",
	"Ellie", "Mared", "Sofia", "Jasmin", "Tegan", "Ines", "Roxanne", "Keira", "Lowenna",
	"Abena", "Hana", "Carys", "Maisie"
};
static const char *const boys[] = {
	"Jamie", "Kai", "Oskar", "Dylan", "Rhys", "Tariq", "Leo", "Callum", "Dafydd",
	"Minh", "Kofi", "Mateusz", "Idris", "Ellis", "Joël", "Gruffydd", "Harvey", "Yusuf",
	"Caio", "Tomos", "Reuben", "Kacper", "Aled", "Ibrahim", "Finley", "Duc", "Kwame",
	"Osian", "Alfie", "Mikołaj", "Logan", "Emre", "Cian", "Bilal", "Ronan", "Elis",
	"Jayden", "Sami", "Iwan", "Tyler"
};
static const char *const surnames[] = {
	"Ådahl", "Nguyễn", "Brennan", "Okonkwo", "Kowalczyk", "ap Rhys", "Fairweather",
	"Lindqvist", "Haddad", "Pryce", "O'Sullivan", "Ferreira", "Åberg", "Thorne",
	"Mensah-Clarke", "Llŷr", "Whitlow", "Demir", "Castellano", "Abernethy", "Quaye",
	"Rowntree", "Szymańska", "Penhaligon", "Adeyemi", "Cartwright", "Yılmaz",
	"MacAskill", "Oduya", "Trevelyan", "Dziedzic", "Hollins", "Baptiste", "Evans-Tudor",
	"Kerridge", "Mbeki-Shaw", "Vasquez", "Pennock", "Sørensen", "Achterberg",
	"Lagunju", "Featherstone", "Rahimi", "Ó Briain", "Garside", "Petrescu", "Ashdown",
	"Wójcik", "Templeman", "Osei", "Merriman", "Duarte", "Fenwick", "Kaczmarek",
	"Holloway", "Iqbal", "Stroud", "Nakamura", "Pugh", "Dimitrov"
};
static const char *const adults_f[] = {
	"Karen", "Michelle", "Lowri", "Beata", "Precious", "Hạnh", "Donna", "Sharon",
	"Agnieszka", "Folake", "Kerry", "Samira", "Angharad", "Leanne"
};
static const char *const adults_m[] = {
	"Darren", "Gareth", "Piotr", "Emeka", "Stuart", "Tuấn", "Wayne", "Lee",
	"Marek", "Kwabena", "Craig", "Omar", "Huw", "Dean"
};

/* Worker names: no quotes or non-ASCII, as they also go into shell
 * assignments and e-mail addresses. */
static const char *const wfirst[] = {
	"Sam", "Ffion", "Amara", "Tomasz", "Grace", "Priya", "Owen", "Hannah", "Daniel",
	"Rachel", "Marcus", "Eleri", "Joanne", "Kwame", "Bethany", "Ravi", "Louise",
	"Gavin", "Nadia", "Simon", "Catrin", "Adebayo", "Helen", "Martin", "Zara",
	"Iain", "Shona", "Patrick", "Yasmin", "Neil"
};
static const char *const wlast[] = {
	"Patel", "Hughes", "Okafor", "Nowak", "Mensah", "Raman", "Griffiths", "Walsh",
	"Adeleke", "Moreton", "Bishop", "Lloyd", "Carver", "Asante", "Ingram", "Kapoor",
	"Ferris", "Doyle", "Hussain", "Prothero", "Jenkins", "Balogun", "Ridley",
	"Sutcliffe", "Ahmed", "McLeod", "Fraser", "Quinlan", "Begum", "Harker"
};

enum group { G_LEAVING, G_CARE, G_SAFEGUARD, G_FRONTDOOR };

static const struct team {
	const char *name;
	enum group group;
	unsigned workers;
} teams[] = {
	{ "North Leaving Care", G_LEAVING, 8 },
	{ "South Leaving Care", G_LEAVING, 8 },
	{ "Riverside Children in Care", G_CARE, 8 },
	{ "Hillside Children in Care", G_CARE, 8 },
	{ "Eastgate Safeguarding", G_SAFEGUARD, 7 },
	{ "Westfield Safeguarding", G_SAFEGUARD, 7 },
	{ "Disabled Children", G_SAFEGUARD, 7 },
	{ "Front Door and Early Help", G_FRONTDOOR, 7 },
};

#define MAX_WORKERS 64

struct worker {
	char name[64], email[96];
	unsigned team;
};

static struct worker workers[MAX_WORKERS];
static unsigned nworkers;

/* ---- record text pools ---- */

struct event_text {
	const char *category, *significance, *source, *event, *impact, *action;
};

static const struct event_text events[] = {
	{ "health", "high", "School nurse", "Said she has not been registered with a GP since the move.",
	  "Missed health assessment; repeat prescription at risk.", "Carer to register her with the local surgery this week." },
	{ "education", "medium", "Designated teacher", "Attendance fell to 71% this term; two fixed-term exclusions.",
	  "Falling behind in English and maths; PEP review brought forward.", NULL },
	{ "accommodation", "high", "Carer", "Placement ended at short notice after a disagreement with carers.",
	  "Third move this year; lost contact with friends at school.", "Emergency placement found the same evening." },
	{ "family", "medium", "Mother", "Mother moved to a new address with her partner.",
	  "Contact arrangements need to change; child anxious about the new partner.", NULL },
	{ "police", "high", "Police", "Reported missing overnight; found the next morning at a friend's flat.",
	  "Return home interview offered; risk of exploitation considered at strategy meeting.",
	  "Strategy meeting held within 24 hours." },
	{ "contact", "low", "Contact supervisor", "Supervised contact with father went well; he arrived on time.",
	  "Child asked for contact to be more often.", NULL },
	{ "placement-move", "high", "Placements team", "Moved to a new foster placement in the same town.",
	  "Kept the same school; settling in, sleeping better.", NULL },
	{ "missing", "high", "Residential home", "Missing for six hours after school; returned by police.",
	  "Safety plan updated; concerns about older associates.", "Referral to the exploitation panel." },
	{ "assessment", "medium", "Social worker", "Single assessment completed; needs met through a CIN plan.",
	  "Plan agreed with family; review in three months.", NULL },
	{ "plan-review", "medium", "IRO", "Looked-after review held; care plan endorsed.",
	  "Child attended part of the meeting and gave their views.", NULL },
	{ "legal", "high", "Legal services", "Interim care order granted.",
	  "Child to remain with current carers pending final hearing.", NULL },
	{ "positive", "low", "Young person", "Passed driving theory test.",
	  "Proud of themselves; wants to start lessons.", NULL },
	{ "positive", "low", "College tutor", "Started a level 2 catering course and attends every day.",
	  "More confident; talking about an apprenticeship.", NULL },
	{ "significant-change", "high", "Young person", "Told us they are to become a parent in the spring.",
	  "Pathway plan to be reviewed; housing needs will change.", "Referral to the family nurse partnership." },
	{ "health", "medium", "CAMHS", "First CAMHS appointment attended after 14 weeks on the waiting list.",
	  "Anxiety support started; sleep still poor.", NULL },
	{ "education", "low", "Virtual school", "PEP meeting held; tutoring agreed for maths.",
	  "Child said the tutor from last year helped.", NULL },
	{ "family", "high", "Health visitor", "Concerns raised about home conditions at the family home.",
	  "Younger siblings' needs also considered.\n\nHome visit arranged with the health visitor.", NULL },
	{ "contact", "medium", "Grandmother", "Grandmother asked to be considered as a carer.",
	  "Viability assessment to be started.", NULL },
	{ "other", "low", "Youth worker", "Joined the Saturday football club.",
	  "Meets friends outside school for the first time in months.", NULL },
	{ "health", "medium", "Dentist", "Dental check-up completed; two fillings needed.",
	  "Treatment booked; carer to take him.", NULL },
};

static const char *const visit_notes[] = {
	"Seen alone in their bedroom; room warm and tidy.",
	"Seen at school with the designated teacher present for part of the visit.",
	"Not seen: no answer at the door. Card left; visit rearranged.",
	"Seen with siblings; all three appeared well cared for.",
	"Seen at the contact centre before contact.",
	"Spoke on the phone; visit moved at their request.",
};

static const char *const needs[] = {
	"Needs help to budget and to set up bills in their own name.",
	"Wants to stay near college and friends.",
	"Has no GP and no copy of their health history.",
	"Not in education or work since the summer; interested in construction.",
	"Wants to see younger siblings more often.",
	"Can cook simple meals; has not used a washing machine.",
	"Needs a passport and a birth certificate for work.",
	"Worried about moving on from supported lodgings.",
};
static const char *const views[] = {
	"\"I want my own flat but not yet, I'm not ready.\"",
	"Says the plan is fine but wants fewer meetings.",
	"Would like to stay with their carers until college finishes (Staying Put).",
	"\"I just want someone to answer the phone when I ring.\"",
	"Wants to learn to drive and to find part-time work.",
};
static const char *const streets[] = {
	"Larkspur Road", "Heol y Felin", "Quarry Lane", "Beacon Close", "Tanner Street",
	"Orchard Walk", "Ffordd Newydd", "Mill Race", "Station Terrace", "Kestrel Way"
};
static const char *const languages[] = {
	"English", "English", "English", "English", "Welsh", "Polish", "Arabic",
	"Vietnamese", "Romanian", "Urdu", "Tigrinya", "Kurdish (Sorani)"
};

/* ---- people and events ---- */

struct person {
	char id[CB_ID_LEN + 1];
	char name[96];
	struct cb_date dob;
	const char *gender, *status; /* final status */
	const char *open_status;     /* status while open (for those closed later) */
	unsigned team;
	int worker0, worker;         /* at creation; after reallocation (-1: none) */
	int64_t created, closed, realloc_at; /* seconds; 0 = never */
	unsigned nchron;
	unsigned char has_geno, has_plan;
	struct cb_doc doc[4];        /* person, chronology, genogram, pathway-plan */
	unsigned char exists[4];
};

enum { R_PERSON, R_CHRON, R_GENO, R_PLAN };
static const char *const rtype_names[] = { "person", "chronology", "genogram", "pathway-plan" };

enum ev_kind {
	EV_PERSON, EV_CHRON, EV_GENO, EV_PLAN, EV_PLAN_REVIEW,
	EV_REALLOC, EV_DETAILS, EV_CLOSE, EV_NKINDS
};
static const char *const ev_names[] = {
	"person_created", "chronology_entries", "genograms", "plans_written",
	"plan_reviews", "reallocations", "detail_updates", "closures"
};

struct ev {
	int64_t t;
	unsigned person;
	unsigned kind;
	unsigned seq;
};

static int ev_cmp(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static struct ev *evs;
static size_t nev, capev;
static unsigned evseq;

static void add_ev(int64_t t, unsigned p, unsigned kind)
{
	if (nev == capev) {
		capev = capev ? capev * 2 : 65536;
		evs = realloc(evs, capev * sizeof *evs);
		if (!evs)
			die("out of memory");
	}
	evs[nev++] = (struct ev){ t, p, kind, evseq++ };
}

static void fmt_day(int64_t secs, char out[11])
{
	struct cb_date d;
	cb_days_to_date((long)(secs / 86400), &d);
	cb_date_format(&d, out);
}

static void set(struct cb_stanza *s, const char *f, const char *v)
{
	if (cb_stanza_set(s, f, v))
		die("cannot set %s: %s", f, cb_err_msg());
}

static void identity(char *out, size_t n, int w)
{
	snprintf(out, n, "%s <%s>", workers[w].name, workers[w].email);
}

/* The worker holding the case at time t. */
static int holder(const struct person *p, int64_t t)
{
	return p->realloc_at && t >= p->realloc_at ? p->worker : p->worker0;
}

static struct cb_date today;
static long today_days;

static void set_allocation(struct cb_stanza *h, const struct person *p, int w)
{
	int leaver = strcmp(p->open_status, "care-leaver") == 0;
	if (w < 0) {
		cb_stanza_remove(h, "Worker");
		cb_stanza_remove(h, "Personal-Adviser");
		return;
	}
	set(h, "Worker", workers[w].email);
	if (leaver)
		set(h, "Personal-Adviser", workers[w].email);
}

static void build_person(struct person *p, int64_t t)
{
	struct cb_stanza *h = &p->doc[R_PERSON].stanzas[0];
	char dob[11], created[11];
	cb_date_format(&p->dob, dob);
	fmt_day(t, created);
	set(h, "Name", p->name);
	set(h, "Date-Of-Birth", dob);
	set(h, "Gender", p->gender);
	set(h, "Status", p->open_status);
	set(h, "Team", teams[p->team].name);
	set(h, "Created", created);
	set(h, "Language", languages[rnd(N(languages))]);
	if (strcmp(p->open_status, "care-leaver") == 0)
		set(h, "Legal-Status", rnd(2) ? "former relevant" : "relevant");
	else if (strcmp(p->open_status, "looked-after") == 0)
		set(h, "Legal-Status", rnd(3) ? "care order" : "s20");
	set_allocation(h, p, p->worker0);
}

static void build_details(struct person *p)
{
	struct cb_stanza *h = &p->doc[R_PERSON].stanzas[0];
	char buf[160];
	switch (rnd(4)) {
	case 0:
	case 1:
		snprintf(buf, sizeof buf, "%u %s\nTown Centre", 1 + rnd(120), streets[rnd(N(streets))]);
		set(h, "Address", buf);
		break;
	case 2:
		set(h, "Language", languages[rnd(N(languages))]);
		set(h, "Notes", "Interpreter needed for meetings with the family.");
		break;
	default: {
		static const char *const nick[] = { "Jay", "Bex", "Mo", "Tash", "Lou", "Kez",
						    "Danny", "Izzy", "Tom", "Rhi", "Sunny" };
		set(h, "Preferred-Name", nick[rnd(N(nick))]);
		break;
	}
	}
}

static struct cb_stanza *member(struct cb_doc *doc, const struct cb_record_type *t,
				const char *name, const char *gender, const char *born,
				const char *role, int household)
{
	struct cb_stanza *s = cb_record_add_item(doc, t, &t->items[0], NULL);
	if (!s)
		die("out of memory");
	set(s, "Name", name);
	set(s, "Gender", gender);
	if (born)
		set(s, "Born", born);
	set(s, "Role", role);
	set(s, "Household", household ? "yes" : "no");
	return s;
}

static void relate(struct cb_doc *doc, const struct cb_record_type *t, const char *type,
		   size_t a, size_t b)
{
	char ida[48], idb[48];
	snprintf(ida, sizeof ida, "%s", cb_stanza_get(&doc->stanzas[a], "Id"));
	snprintf(idb, sizeof idb, "%s", cb_stanza_get(&doc->stanzas[b], "Id"));
	struct cb_stanza *s = cb_record_add_item(doc, t, &t->items[1], NULL);
	if (!s)
		die("out of memory");
	set(s, "Type", type);
	set(s, "From", ida);
	set(s, "To", idb);
}

/* A year no later than this year (fuzzy "Born"/"Died" must be past). */
static void year(char out[8], int y)
{
	if (y > today.y)
		y = today.y;
	snprintf(out, 8, "%d", y);
}

static void build_genogram(struct person *p)
{
	struct cb_doc *doc = &p->doc[R_GENO];
	const struct cb_record_type *t = cb_record_type_find("genogram");
	char born[11], y[8], name[160];
	const char *surname = strchr(p->name, ' ') ? strchr(p->name, ' ') + 1 : p->name;
	size_t first = doc->nstanzas;
	int at_home = strcmp(p->open_status, "child-in-need") == 0 ||
		      strcmp(p->open_status, "child-protection") == 0 ||
		      strcmp(p->open_status, "early-help") == 0;
	cb_date_format(&p->dob, born);
	member(doc, t, p->name, p->gender, born, "index child", 1);
	set(&doc->stanzas[first], "Index", "yes");
	snprintf(name, sizeof name, "%s %s", adults_f[rnd(N(adults_f))], surname);
	year(y, p->dob.y - 18 - (int)rnd(14));
	member(doc, t, name, "female", y, "birth mother", at_home);
	snprintf(name, sizeof name, "%s %s", adults_m[rnd(N(adults_m))], surnames[rnd(N(surnames))]);
	year(y, p->dob.y - 19 - (int)rnd(16));
	member(doc, t, name, "male", y, "birth father", 0);
	snprintf(name, sizeof name, "%s %s", adults_f[rnd(N(adults_f))], surname);
	year(y, p->dob.y - 40 - (int)rnd(14));
	int gran_y = atoi(y);
	member(doc, t, name, "female", y, "maternal grandmother", rnd(6) == 0);
	if (rnd(4) == 0) {
		int died = gran_y + 45 + (int)rnd(30);
		if (died <= today.y) {
			year(y, died);
			set(&doc->stanzas[doc->nstanzas - 1], "Died", y);
		}
	}
	unsigned sibs = rnd(5);
	for (unsigned i = 0; i < sibs; i++) {
		int girl = (int)rnd(2);
		snprintf(name, sizeof name, "%s %s",
			 girl ? girls[rnd(N(girls))] : boys[rnd(N(boys))], surname);
		year(y, p->dob.y - 6 + (int)rnd(12));
		member(doc, t, name, girl ? "female" : "male", y, "sibling", at_home);
	}
	static const char *const couple[] = { "married", "separated", "divorced", "partners" };
	size_t child = first, mum = first + 1, dad = first + 2, gran = first + 3;
	relate(doc, t, couple[rnd(N(couple))], mum, dad);
	relate(doc, t, "parent", gran, mum);
	for (size_t c = 0; c < 1 + sibs; c++) {
		size_t who = c == 0 ? child : gran + c;
		relate(doc, t, "parent", mum, who);
		relate(doc, t, "parent", dad, who);
	}
	if (rnd(3) == 0)
		set(&doc->stanzas[0], "Notes", "Drawn with the young person and their grandmother.");
}

static void build_chron(struct person *p, int64_t t, int w, char *date_out, char *cat_out)
{
	struct cb_doc *doc = &p->doc[R_CHRON];
	const struct cb_record_type *ty = cb_record_type_find("chronology");
	const struct event_text *e = &events[rnd(N(events))];
	struct cb_stanza *s = cb_record_add_item(doc, ty, &ty->items[0], NULL);
	if (!s)
		die("out of memory");
	char date[11], entered[11], by[200], ev[600];
	long day = (long)(t / 86400);
	long birth = cb_date_to_days(&p->dob);
	/* Mostly the last few days; some from earlier in the child's life. */
	long when = rnd(6) == 0 ? birth + (long)rnd((unsigned)(day - birth + 1)) : day - (long)rnd(8);
	if (when < birth)
		when = birth;
	if (when > day)
		when = day;
	fmt_day((int64_t)when * 86400, date);
	fmt_day(t, entered);
	identity(by, sizeof by, w);
	snprintf(ev, sizeof ev, "%s %s", e->event, visit_notes[rnd(N(visit_notes))]);
	set(s, "Date", date);
	if (when < day - 400)
		set(s, "Date-Approximate", "yes");
	set(s, "Category", e->category);
	set(s, "Significance", e->significance);
	set(s, "Source", e->source);
	set(s, "Event", ev);
	set(s, "Impact", e->impact);
	if (e->action)
		set(s, "Action", e->action);
	set(s, "Entered", entered);
	set(s, "Recorded-By", by);
	strcpy(date_out, date);
	strcpy(cat_out, e->category);
}

static void build_plan(struct person *p, int64_t t, int review, int w)
{
	struct cb_doc *doc = &p->doc[R_PLAN];
	struct cb_stanza *h = &doc->stanzas[0];
	char d[11], next[11], pa[200];
	long day = (long)(t / 86400);
	fmt_day(t, d);
	identity(pa, sizeof pa, w);
	struct cb_date nd;
	cb_days_to_date(day, &nd);
	cb_date_add_months(&nd, 6);
	cb_date_format(&nd, next);
	set(h, "Personal-Adviser", pa);
	set(h, review ? "Last-Review" : "Plan-Date", d);
	set(h, "Next-Review", next);
	set(h, "Young-Person-Views", views[rnd(N(views))]);
	set(h, "Consent-To-Share", rnd(5) ? "yes" : "partial");
	set(h, "In-Touch", rnd(8) ? "YES" : "NO");
	static const char *const act[] = { "F1", "P1", "F2", "F4", "G4", "G6" };
	set(h, "Main-Activity", act[rnd(N(act))]);
	if (!review) {
		char na[11];
		fmt_day((int64_t)(day - 20 - (long)rnd(30)) * 86400, na);
		set(h, "Needs-Assessment-Date", na);
		set(h, "Consulted", "Young person, foster carer, designated teacher, GP.");
	}
	for (size_t i = 1; i < doc->nstanzas; i++) {
		struct cb_stanza *s = &doc->stanzas[i];
		const char *sec = cb_stanza_get(s, "Section");
		if (!sec || rnd(3) == 0)
			continue;
		if (strcmp(sec, "contingency") == 0 && rnd(2))
			continue;
		char by[11];
		fmt_day((int64_t)(day + 30 + (long)rnd(150)) * 86400, by);
		set(s, "Need", needs[rnd(N(needs))]);
		set(s, "Action", "PA to arrange and check progress at each visit.");
		set(s, "Who", workers[w].name);
		set(s, "By-When", by);
		set(s, "Status", review ? (rnd(3) ? "in-progress" : "done") : "not-started");
	}
	if (rnd(2))
		set(h, "Contingency-Plan", "If the placement ends, emergency supported lodgings "
		    "through the out-of-hours team; PA to visit within 7 days.");
	if (review) {
		const struct cb_record_type *ty = cb_record_type_find("pathway-plan");
		struct cb_stanza *r = cb_record_add_item(doc, ty, &ty->items[1], NULL);
		if (!r)
			die("out of memory");
		set(r, "Date", d);
		set(r, "Reason", rnd(5) ? "six-monthly" : "significant-change");
		set(r, "Notes", "Young person attended and chaired part of the review.");
	}
}

/* ---- the stream ---- */

struct gen_opts {
	unsigned long long seed;
	unsigned people, commits;
	const char *today, *info, *sample;
};

static const char *pick_status(void)
{
	/* An authority's records over three years: many closed. */
	static const struct { const char *s; unsigned w; } pool[] = {
		{ "closed", 33 }, { "child-in-need", 17 }, { "child-protection", 8 },
		{ "looked-after", 16 }, { "care-leaver", 15 }, { "pre-proceedings", 3 },
		{ "early-help", 8 },
	};
	unsigned r = rnd(100);
	for (size_t i = 0; i < N(pool); i++) {
		if (r < pool[i].w)
			return pool[i].s;
		r -= pool[i].w;
	}
	return "child-in-need";
}

static enum group group_of(const char *status)
{
	if (strcmp(status, "care-leaver") == 0)
		return G_LEAVING;
	if (strcmp(status, "looked-after") == 0)
		return G_CARE;
	if (strcmp(status, "early-help") == 0)
		return G_FRONTDOOR;
	return G_SAFEGUARD;
}

static int worker_in_team(unsigned team, int exclude)
{
	unsigned first = 0;
	for (unsigned i = 0; i < team; i++)
		first += teams[i].workers;
	for (;;) {
		int w = (int)(first + rnd(teams[team].workers));
		if (w != exclude || teams[team].workers == 1)
			return w;
	}
}

static unsigned team_in_group(enum group g)
{
	unsigned cand[N(teams)], n = 0;
	for (unsigned i = 0; i < N(teams); i++)
		if (teams[i].group == g)
			cand[n++] = i;
	return cand[rnd(n)];
}

static void make_workers(void)
{
	unsigned used[N(wfirst)][N(wlast)];
	memset(used, 0, sizeof used);
	nworkers = 0;
	for (unsigned t = 0; t < N(teams); t++) {
		for (unsigned k = 0; k < teams[t].workers; k++) {
			unsigned f, l;
			do {
				f = rnd(N(wfirst));
				l = rnd(N(wlast));
			} while (used[f][l]);
			used[f][l] = 1;
			struct worker *w = &workers[nworkers++];
			snprintf(w->name, sizeof w->name, "%s %s", wfirst[f], wlast[l]);
			snprintf(w->email, sizeof w->email, "%s.%s@example.org", wfirst[f], wlast[l]);
			for (char *c = w->email; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c - 'A' + 'a');
			w->team = t;
		}
	}
}

static int64_t day_time(long day)
{
	/* Office hours, 08:00 to 18:00 */
	return (int64_t)day * 86400 + 8 * 3600 + (int64_t)rnd(10 * 3600);
}

static void validate(const struct cb_doc *doc, const struct cb_record_type *t,
		     const char *id)
{
	struct cb_problems pr = { 0 };
	if (cb_validate(doc, t, id, &pr)) {
		char *text = cb_problems_format(&pr, doc);
		size_t len;
		char *rec = cb_record_serialise(doc, t, &len);
		fprintf(stderr, "gen: generated %s/%s is not valid:\n%s\n%s\n", id, t->name,
			text ? text : "", rec ? rec : "");
		exit(1);
	}
	cb_problems_free(&pr);
}

/* Person ids seen so far: open addressing, sized for the run. */
static char (*idset)[CB_ID_LEN + 1];
static size_t idset_size;

static int id_unique(const char *id, unsigned people)
{
	if (!idset) {
		idset_size = 1;
		while (idset_size < (size_t)people * 2)
			idset_size <<= 1;
		idset = calloc(idset_size, sizeof *idset);
		if (!idset)
			die("out of memory");
	}
	uint64_t h = 1469598103934665603ULL;
	for (const char *c = id; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211ULL;
	for (size_t i = (size_t)h & (idset_size - 1);; i = (i + 1) & (idset_size - 1)) {
		if (!idset[i][0]) {
			memcpy(idset[i], id, CB_ID_LEN + 1);
			return 1;
		}
		if (memcmp(idset[i], id, CB_ID_LEN) == 0)
			return 0;
	}
}

static int cmd_stream(int argc, char **argv)
{
	struct gen_opts o = { 1, 10000, 100000, "2026-11-01", NULL, NULL };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			die("usage: gen stream [--seed N] [--people N] [--commits N] [--today D] "
			    "[--info FILE] [--sample FILE]");
		if (strcmp(a, "--seed") == 0)
			o.seed = strtoull(v, NULL, 10);
		else if (strcmp(a, "--people") == 0)
			o.people = (unsigned)strtoul(v, NULL, 10);
		else if (strcmp(a, "--commits") == 0)
			o.commits = (unsigned)strtoul(v, NULL, 10);
		else if (strcmp(a, "--today") == 0)
			o.today = v;
		else if (strcmp(a, "--info") == 0)
			o.info = v;
		else if (strcmp(a, "--sample") == 0)
			o.sample = v;
		else
			die("unknown option %s", a);
		i++;
	}
	if (o.people < 100 || o.people > 1000000)
		die("--people: 100 to 1000000");
	if (cb_date_parse(o.today, &today))
		die("--today: not a date: %s", o.today);
	/* Validation compares dates with "today": make it the generator's. */
	setenv("CASEBOOK_TODAY", o.today, 1);
	today_days = cb_date_to_days(&today);

	rng = o.seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
	if (!rng)
		rng = 88172645463325252ULL;
	cb_id_seed(o.seed * 7919 + 17);
	make_workers();

	const long span_days = 3 * 365;
	const long first_day = today_days - span_days;
	const int64_t end_t = (int64_t)(today_days - 1) * 86400 + 18 * 3600;
	unsigned np = o.people;
	struct person *people = calloc(np, sizeof *people);
	if (!people)
		die("out of memory");

	/* Who holds the benchmark's caseload: the first leaving-care worker,
	 * with exactly 15 open care leavers at the end. */
	const int caseworker = 0;
	const unsigned caseload = 15;

	/* People: ids, names, status, team, times. */
	for (unsigned i = 0; i < np; i++) {
		struct person *p = &people[i];
		do {
			if (cb_id_new(p->id))
				die("%s", cb_err_msg());
		} while (!id_unique(p->id, np));
		p->status = pick_status();
		static const char *const opened[] = { "child-in-need", "child-in-need",
						      "early-help", "child-protection" };
		p->open_status = strcmp(p->status, "closed") == 0 ? opened[rnd(N(opened))] : p->status;
		int girl = (int)rnd(2);
		p->gender = rnd(40) == 0 ? "non-binary" : girl ? "female" : "male";
		snprintf(p->name, sizeof p->name, "%s %s",
			 girl ? girls[rnd(N(girls))] : boys[rnd(N(boys))],
			 surnames[rnd(N(surnames))]);
		long cday = first_day + (long)rnd((unsigned)(span_days - 20));
		p->created = day_time(cday);
		int age = strcmp(p->open_status, "care-leaver") == 0 ? 16 + (int)rnd(6)
			: strcmp(p->open_status, "looked-after") == 0 ? 1 + (int)rnd(17)
			: (int)rnd(17);
		cb_days_to_date(cday - age * 365L - 30 - (long)rnd(330), &p->dob);
		p->team = team_in_group(group_of(p->open_status));
		p->worker = worker_in_team(p->team, caseworker);
		p->worker0 = p->worker;
		if (strcmp(p->status, "closed") == 0) {
			long len = 30 + (long)rnd(400);
			int64_t c = day_time(cday + len);
			p->closed = c < end_t ? c : 0;
			if (!p->closed)
				p->status = p->open_status; /* still open today */
		}
	}
	/* The caseload: exactly `caseload` open care leavers end with the
	 * case worker; no one else does. */
	{
		unsigned got = 0, tries = 0;
		while (got < caseload) {
			if (++tries > np * 50)
				die("not enough care leavers for the caseload");
			struct person *p = &people[rnd(np)];
			if (strcmp(p->status, "care-leaver") != 0 || p->team != workers[caseworker].team ||
			    p->worker == caseworker)
				continue;
			p->worker = p->worker0 = caseworker;
			got++;
		}
	}
	/* Reallocations: a different first worker in the same team. Closed
	 * people may be reallocated before they close. */
	for (unsigned i = 0; i < np; i++) {
		struct person *p = &people[i];
		int64_t stop = p->closed ? p->closed : end_t;
		if (rnd(100) < 18 && stop - p->created > 40 * 86400) {
			p->worker0 = worker_in_team(p->team, p->worker);
			if (p->worker0 == caseworker)
				p->worker0 = worker_in_team(p->team, caseworker);
			if (p->worker0 == p->worker)
				continue;
			p->realloc_at = p->created + 86400 * (int64_t)(20 + rnd((unsigned)((stop - p->created) / 86400 - 20)));
			add_ev(p->realloc_at, i, EV_REALLOC);
		}
	}
	/* Everything but chronology entries. */
	for (unsigned i = 0; i < np; i++) {
		struct person *p = &people[i];
		int64_t stop = p->closed ? p->closed : end_t;
		add_ev(p->created, i, EV_PERSON);
		if (p->closed)
			add_ev(p->closed, i, EV_CLOSE);
		if (rnd(100) < 72) {
			int64_t g = p->created + 86400 * (int64_t)(3 + rnd(40)) + rnd(3600);
			if (g < stop) {
				add_ev(g, i, EV_GENO);
				p->has_geno = 1;
			}
		}
		unsigned nd = rnd(100) < 25 ? 1 + rnd(2) : 0;
		for (unsigned k = 0; k < nd; k++) {
			int64_t g = p->created + 3600 + (int64_t)(rndf() * (double)(stop - p->created - 3600));
			add_ev(g, i, EV_DETAILS);
		}
		int dob_age = cb_age_on(&p->dob, &today);
		if (strcmp(p->open_status, "care-leaver") == 0 ||
		    (strcmp(p->open_status, "looked-after") == 0 && dob_age >= 16)) {
			int64_t t = p->created + 86400 * (int64_t)(20 + rnd(40)) + rnd(3600);
			unsigned kind = EV_PLAN;
			while (t < stop) {
				add_ev(t, i, kind);
				p->has_plan = 1;
				kind = EV_PLAN_REVIEW;
				/* Mostly on time; some drift past six months. */
				t += 86400 * (int64_t)(rnd(5) ? 150 + rnd(35) : 200 + rnd(120));
			}
		}
	}
	if (nev > o.commits)
		die("--commits %u is too few for %u people (need more than %zu)", o.commits, np, nev);
	/* Chronology entries: the rest, spread over people with a heavy tail
	 * (a few long, complicated cases hold hundreds of entries). */
	size_t nchron = o.commits - nev;
	double *cum = malloc(np * sizeof *cum);
	if (!cum)
		die("out of memory");
	double total = 0;
	for (unsigned i = 0; i < np; i++) {
		struct person *p = &people[i];
		int64_t stop = p->closed ? p->closed : end_t;
		double days = (double)(stop - p->created) / 86400.0 + 10;
		double heavy = 1.0 / (0.03 + rndf()); /* Pareto-like: 1 .. 33 */
		total += days * heavy;
		cum[i] = total;
	}
	/* The hot record: the chronology of the longest case still open. */
	unsigned hot = 0;
	for (unsigned i = 1; i < np; i++)
		if (!people[i].closed && (people[hot].closed || people[i].created < people[hot].created))
			hot = i;
	size_t nhot = nchron / 4 < HOT_ENTRIES ? nchron / 4 : HOT_ENTRIES;
	for (size_t k = 0; k < nchron; k++) {
		unsigned lo = 0, hi = np - 1;
		if (k < nhot) {
			lo = hot;
		} else {
			double x = rndf() * total;
			while (lo < hi) {
				unsigned mid = (lo + hi) / 2;
				if (cum[mid] <= x)
					lo = mid + 1;
				else
					hi = mid;
			}
		}
		struct person *p = &people[lo];
		int64_t stop = p->closed ? p->closed : end_t;
		int64_t t = p->created + 600 + (int64_t)(rndf() * (double)(stop - p->created - 600));
		/* Office hours, like every other save */
		long day = (long)(t / 86400);
		t = day_time(day);
		if (t <= p->created)
			t = p->created + 600 + rnd(3600);
		if (p->closed && t >= p->closed)
			t = p->closed - 60;
		add_ev(t, lo, EV_CHRON);
		p->nchron++;
	}
	free(cum);
	qsort(evs, nev, sizeof *evs, ev_cmp);

	/* Emit. */
	static char obuf[1 << 20];
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	const struct cb_record_type *types[4];
	for (int r = 0; r < 4; r++)
		types[r] = cb_record_type_find(rtype_names[r]);
	size_t counts[EV_NKINDS] = { 0 };
	size_t bytes = 0, max_record = 0;
	char max_id[CB_ID_LEN + 1] = "";
	for (size_t k = 0; k < nev; k++) {
		const struct ev *e = &evs[k];
		struct person *p = &people[e->person];
		int w = holder(p, e->t);
		int author = w;
		int r;
		char summary[400], d[11], cat[32];
		switch (e->kind) {
		case EV_PERSON:
		case EV_REALLOC:
		case EV_DETAILS:
		case EV_CLOSE:
			r = R_PERSON;
			break;
		case EV_CHRON:
			r = R_CHRON;
			break;
		case EV_GENO:
			r = R_GENO;
			break;
		default:
			r = R_PLAN;
			break;
		}
		struct cb_doc *doc = &p->doc[r];
		struct cb_doc old = { 0 };
		if (!p->exists[r]) {
			if (cb_record_new(doc, types[r], p->id))
				die("%s", cb_err_msg());
		} else if (cb_doc_copy(&old, doc)) {
			die("out of memory");
		}
		switch (e->kind) {
		case EV_PERSON:
			build_person(p, e->t);
			snprintf(summary, sizeof summary, "Add person %s", p->name);
			break;
		case EV_REALLOC:
			set_allocation(&doc->stanzas[0], p, p->worker);
			author = p->worker0; /* the worker handing over records it */
			snprintf(summary, sizeof summary, "Update person details for %s", p->name);
			break;
		case EV_DETAILS:
			build_details(p);
			snprintf(summary, sizeof summary, "Update person details for %s", p->name);
			break;
		case EV_CLOSE:
			set(&doc->stanzas[0], "Status", "closed");
			set_allocation(&doc->stanzas[0], p, -1);
			snprintf(summary, sizeof summary, "Update person details for %s", p->name);
			break;
		case EV_CHRON:
			/* Now and then the duty worker records it. */
			if (rnd(100) < 15)
				author = worker_in_team(p->team, -1);
			build_chron(p, e->t, author, d, cat);
			snprintf(summary, sizeof summary, "Add chronology entry %s (%s) for %s", d, cat,
				 p->name);
			break;
		case EV_GENO:
			build_genogram(p);
			snprintf(summary, sizeof summary, "Draw genogram for %s", p->name);
			break;
		case EV_PLAN:
		case EV_PLAN_REVIEW:
			build_plan(p, e->t, e->kind == EV_PLAN_REVIEW, w);
			snprintf(summary, sizeof summary, e->kind == EV_PLAN ? "Write pathway plan for %s"
				 : "Review pathway plan for %s", p->name);
			break;
		}
		counts[e->kind]++;
		cb_record_canonicalise(doc, types[r]);
		validate(doc, types[r], p->id);
		char *fields = cb_record_changed_fields(p->exists[r] ? &old : NULL, doc);
		cb_doc_free(&old);
		size_t len;
		char *text = cb_record_serialise(doc, types[r], &len);
		if (!fields || !text)
			die("out of memory");
		p->exists[r] = 1;
		if (len > max_record) {
			max_record = len;
			memcpy(max_id, p->id, sizeof max_id);
		}
		bytes += len;
		char path[128];
		if (cb_record_path(path, sizeof path, p->id, rtype_names[r]))
			die("%s", cb_err_msg());
		size_t msz = strlen(summary) + strlen(fields) + 128;
		char *msg = malloc(msz);
		if (!msg)
			die("out of memory");
		int ml = snprintf(msg, msz, "%s\n\nRecord: %s/%s\n%s%s%s", summary, p->id,
				  rtype_names[r], *fields ? "Fields: " : "", fields, *fields ? "\n" : "");
		if (ml < 0 || (size_t)ml >= msz)
			die("commit message too long");
		const struct worker *a = &workers[author];
		printf("commit refs/heads/main\n"
		       "author %s <%s> %lld +0000\n"
		       "committer %s <%s> %lld +0000\n"
		       "data %d\n%s\n"
		       "M 100644 inline %s\n"
		       "data %zu\n",
		       a->name, a->email, (long long)e->t, a->name, a->email, (long long)e->t,
		       ml, msg, path, len);
		fwrite(text, 1, len, stdout);
		fputc('\n', stdout);
		free(msg);
		free(fields);
		free(text);
	}
	printf("done\n");
	if (fflush(stdout) != 0 || ferror(stdout))
		die("cannot write the stream: %s", strerror(errno));

	if (o.info) {
		FILE *f = fopen(o.info, "w");
		if (!f)
			die("%s: %s", o.info, strerror(errno));
		char first[11], last[11];
		fmt_day(evs[0].t, first);
		fmt_day(evs[nev - 1].t, last);
		fprintf(f, "GEN_VERSION=%d\nSEED=%llu\nPEOPLE=%u\nCOMMITS=%zu\nTODAY=%s\n",
			GEN_VERSION, o.seed, np, nev, o.today);
		fprintf(f, "FIRST_COMMIT=%s\nLAST_COMMIT=%s\nWORKERS=%u\nTEAMS=%zu\n", first, last,
			nworkers, N(teams));
		fprintf(f, "CASELOAD_AUTHOR='%s <%s>'\nCASELOAD_TEAM='%s'\nCASELOAD_SIZE=%u\n",
			workers[caseworker].name, workers[caseworker].email,
			teams[workers[caseworker].team].name, caseload);
		for (unsigned k = 0; k < EV_NKINDS; k++)
			fprintf(f, "N_%s=%zu\n", ev_names[k], counts[k]);
		fprintf(f, "RECORD_BYTES_WRITTEN=%zu\nLARGEST_RECORD_BYTES=%zu\nLARGEST_RECORD_PERSON=%s\n",
			bytes, max_record, max_id);
		fprintf(f, "HOT_PERSON=%s\nHOT_RECORD=chronology\nHOT_VERSIONS=%u\n", people[hot].id,
			people[hot].nchron);
		if (fclose(f) != 0)
			die("%s: %s", o.info, strerror(errno));
	}
	if (o.sample) {
		FILE *f = fopen(o.sample, "w");
		if (!f)
			die("%s: %s", o.sample, strerror(errno));
		unsigned *perm = malloc(np * sizeof *perm);
		if (!perm)
			die("out of memory");
		for (unsigned i = 0; i < np; i++)
			perm[i] = i;
		for (unsigned i = np - 1; i > 0; i--) {
			unsigned j = rnd(i + 1), tmp = perm[i];
			perm[i] = perm[j];
			perm[j] = tmp;
		}
		for (unsigned i = 0; i < np; i++) {
			const struct person *p = &people[perm[i]];
			char path[128];
			if (!p->exists[R_CHRON] || cb_record_path(path, sizeof path, p->id, "chronology"))
				continue;
			fprintf(f, "%s\t%s\t%s\n", p->id, path, p->name);
		}
		free(perm);
		if (fclose(f) != 0)
			die("%s: %s", o.sample, strerror(errno));
	}
	for (unsigned i = 0; i < np; i++)
		for (int r = 0; r < 4; r++)
			if (people[i].exists[r])
				cb_doc_free(&people[i].doc[r]);
	free(people);
	free(evs);
	free(idset);
	return 0;
}

/* ---- the timer ---- */

static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '\\' && s[1] == 'n') {
			*o++ = '\n';
			s++;
		} else if (*s == '\\' && s[1] == '\\') {
			*o++ = '\\';
			s++;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

static int is_assignment(const char *w)
{
	const char *eq = strchr(w, '=');
	if (!eq || eq == w)
		return 0;
	for (const char *c = w; c < eq; c++)
		if (!(*c == '_' || (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		      (c > w && *c >= '0' && *c <= '9')))
			return 0;
	return 1;
}

static int devnull = -1;

/* Runs one command (words[0..n)); returns 0 or prints why and returns 1. */
/* The largest peak RSS (KiB) of the commands run since it was zeroed. */
static long line_rss_kb;

static int run(char **words, size_t n, size_t lineno)
{
	size_t nenv = 0;
	while (nenv < n && is_assignment(words[nenv]))
		nenv++;
	if (nenv == n) {
		fprintf(stderr, "gen time: line %zu: no command\n", lineno);
		return 1;
	}
	char **argv = words + nenv;
	size_t argc = n - nenv;
	if (strcmp(argv[0], "@append") == 0) {
		if (argc != 3) {
			fprintf(stderr, "gen time: line %zu: @append FILE TEXT\n", lineno);
			return 1;
		}
		FILE *f = fopen(argv[1], "a");
		if (!f || fputs(argv[2], f) < 0 || fclose(f) != 0) {
			fprintf(stderr, "gen time: line %zu: %s: %s\n", lineno, argv[1], strerror(errno));
			return 1;
		}
		return 0;
	}
	if (strcmp(argv[0], "@rm") == 0) {
		for (size_t i = 1; i < argc; i++)
			if (unlink(argv[i]) != 0 && errno != ENOENT) {
				fprintf(stderr, "gen time: line %zu: %s: %s\n", lineno, argv[i],
					strerror(errno));
				return 1;
			}
		return 0;
	}
	/* The environment: ours, with the assignments replacing or adding. */
	size_t ne = 0;
	while (environ[ne])
		ne++;
	char **envp = calloc(ne + nenv + 1, sizeof *envp);
	if (!envp)
		die("out of memory");
	size_t k = 0;
	for (size_t i = 0; i < ne; i++) {
		int replaced = 0;
		for (size_t j = 0; j < nenv && !replaced; j++) {
			size_t nl = (size_t)(strchr(words[j], '=') - words[j]) + 1;
			replaced = strncmp(environ[i], words[j], nl) == 0;
		}
		if (!replaced)
			envp[k++] = environ[i];
	}
	for (size_t j = 0; j < nenv; j++)
		envp[k++] = words[j];
	envp[k] = NULL;
	char *saved = argv[argc];
	argv[argc] = NULL;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	/* Standard input is not the script's: nothing may eat its lines. */
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, devnull, 1);
	pid_t pid;
	int err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	argv[argc] = saved;
	free(envp);
	if (err) {
		fprintf(stderr, "gen time: line %zu: %s: %s\n", lineno, argv[0], strerror(err));
		return 1;
	}
	int st;
	struct rusage ru;
	while (wait4(pid, &st, 0, &ru) < 0)
		if (errno != EINTR)
			die("wait4: %s", strerror(errno));
	/* The child's peak resident set, its own descendants included
	 * (gen pty's command, say), in KiB. */
	if (ru.ru_maxrss > line_rss_kb)
		line_rss_kb = ru.ru_maxrss;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "gen time: line %zu: %s failed (%s %d)\n", lineno, argv[0],
			WIFEXITED(st) ? "exit" : "signal",
			WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
		return 1;
	}
	return 0;
}

/* Runs the commands of words[from..to) split at "&&". */
static int run_list(char **words, size_t from, size_t to, size_t lineno)
{
	size_t start = from;
	for (size_t i = from; i <= to; i++) {
		if (i == to || strcmp(words[i], "&&") == 0) {
			if (i > start && run(words + start, i - start, lineno))
				return 1;
			start = i + 1;
		}
	}
	return 0;
}

static int cmd_time(int argc, char **argv)
{
	size_t warmup = 0;
	int i = 1;
	if (i + 1 < argc && strcmp(argv[i], "-w") == 0) {
		warmup = strtoul(argv[i + 1], NULL, 10);
		i += 2;
	}
	if (i + 1 != argc)
		die("usage: gen time [-w WARMUP] OUT < SCRIPT");
	FILE *out = fopen(argv[i], "w");
	if (!out)
		die("%s: %s", argv[i], strerror(errno));
	/* Beside OUT (NAME.us): NAME.rss, the peak RSS in KiB of each timed
	 * iteration's commands. */
	size_t ol = strlen(argv[i]);
	char *rss_path = malloc(ol + 5);
	if (!rss_path)
		die("out of memory");
	memcpy(rss_path, argv[i], ol + 1);
	if (ol > 3 && strcmp(rss_path + ol - 3, ".us") == 0)
		rss_path[ol - 3] = '\0';
	strcat(rss_path, ".rss");
	FILE *rss = fopen(rss_path, "w");
	if (!rss)
		die("%s: %s", rss_path, strerror(errno));
	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (devnull < 0)
		die("/dev/null: %s", strerror(errno));
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	int rc = 0;
	while (!rc && (len = getline(&line, &cap, stdin)) >= 0) {
		lineno++;
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (!len)
			continue;
		/* Split on tabs; one spare slot for argv's NULL. */
		size_t nw = 1;
		for (char *c = line; *c; c++)
			nw += *c == '\t';
		char **words = calloc(nw + 1, sizeof *words);
		if (!words)
			die("out of memory");
		size_t n = 0, sep = (size_t)-1;
		for (char *tok = line, *next; tok; tok = next) {
			next = strchr(tok, '\t');
			if (next)
				*next++ = '\0';
			unescape(tok);
			if (strcmp(tok, "--") == 0 && sep == (size_t)-1)
				sep = n;
			words[n++] = tok;
		}
		size_t timed_from = 0;
		if (sep != (size_t)-1) {
			rc = run_list(words, 0, sep, lineno);
			timed_from = sep + 1;
		}
		struct timespec t0, t1;
		line_rss_kb = 0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (!rc)
			rc = run_list(words, timed_from, n, lineno);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		free(words);
		long long us = (long long)(t1.tv_sec - t0.tv_sec) * 1000000LL +
			       (t1.tv_nsec - t0.tv_nsec) / 1000;
		if (!rc && lineno > warmup) {
			fprintf(out, "%lld\n", us);
			fprintf(rss, "%ld\n", line_rss_kb);
		}
	}
	free(line);
	close(devnull);
	if (fclose(out) != 0 || fclose(rss) != 0)
		die("cannot write the timings: %s", strerror(errno));
	free(rss_path);
	return rc;
}

/* ---- stats ---- */

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

static long long rank(const long long *v, size_t n, double p)
{
	/* nearest rank: the smallest value with at least p of the values at
	 * or below it */
	size_t r = (size_t)(p * (double)n + 0.999999);
	if (r < 1)
		r = 1;
	if (r > n)
		r = n;
	return v[r - 1];
}

static int cmd_stats(int argc, char **argv)
{
	if (argc != 2)
		die("usage: gen stats FILE");
	FILE *f = fopen(argv[1], "r");
	if (!f)
		die("%s: %s", argv[1], strerror(errno));
	size_t n = 0, cap = 256;
	long long *v = malloc(cap * sizeof *v), x;
	while (v && fscanf(f, "%lld", &x) == 1) {
		if (n == cap) {
			cap *= 2;
			v = realloc(v, cap * sizeof *v);
			if (!v)
				break;
		}
		v[n++] = x;
	}
	fclose(f);
	if (!v)
		die("out of memory");
	if (!n)
		die("%s: no numbers", argv[1]);
	qsort(v, n, sizeof *v, cmp_ll);
	long double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	printf("%zu %lld %lld %lld %lld %lld\n", n, v[0], rank(v, n, 0.5), rank(v, n, 0.99),
	       v[n - 1], (long long)(sum / n + 0.5L));
	free(v);
	return 0;
}

/* ---- a terminal for the workbench ---- */

/* gen pty COLS ROWS COMMAND...: runs COMMAND on a new pseudo-terminal of
 * that size, reads (and drops) everything it draws until it exits, and
 * exits with its status. The start-up of the workbench is timed with it. */
static int cmd_pty(int argc, char **argv)
{
	if (argc < 4)
		die("usage: gen pty COLS ROWS COMMAND...");
	struct winsize ws = { 0 };
	ws.ws_col = (unsigned short)atoi(argv[1]);
	ws.ws_row = (unsigned short)atoi(argv[2]);
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m) || !ptsname(m))
		die("cannot make a pseudo-terminal: %s", strerror(errno));
	char slave[256];
	snprintf(slave, sizeof slave, "%s", ptsname(m));
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		setsid();
		int s = open(slave, O_RDWR);
		if (s < 0)
			_exit(127);
		ioctl(s, TIOCSCTTY, 0);
		ioctl(s, TIOCSWINSZ, &ws);
		dup2(s, 0);
		dup2(s, 1);
		dup2(s, 2);
		if (s > 2)
			close(s);
		close(m);
		execvp(argv[3], argv + 3);
		_exit(127);
	}
	char buf[65536];
	for (;;) {
		ssize_t r = read(m, buf, sizeof buf);
		if (r > 0 || (r < 0 && errno == EINTR))
			continue;
		break; /* EIO: the terminal's last user has gone */
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			die("waitpid: %s", strerror(errno));
	close(m);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		die("usage: gen version | stream ... | time ... | stats FILE | pty ...");
	if (strcmp(argv[1], "version") == 0) {
		printf("%d\n", GEN_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "stream") == 0)
		return cmd_stream(argc - 1, argv + 1);
	if (strcmp(argv[1], "time") == 0)
		return cmd_time(argc - 1, argv + 1);
	if (strcmp(argv[1], "stats") == 0)
		return cmd_stats(argc - 1, argv + 1);
	if (strcmp(argv[1], "pty") == 0)
		return cmd_pty(argc - 1, argv + 1);
	die("unknown command %s", argv[1]);
}
