/* schema_types.c - the record types casebook knows, as tables.
 *
 * Field order here is the canonical order on disk and the order of form
 * fields on screen. Choice lists use stable lower-case keys (what is stored)
 * except where a national return fixes the codes (the SSDA903 OC3 codes for
 * care leavers), which are stored exactly as the return wants them. */
#include "schema.h"
#include "i18n.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const yes_no[] = { "yes", "no", NULL };

/* ---- person ---- */

static const char *const genders[] = {
	"male", "female", "non-binary", "other", "unknown", NULL
};
static const char *const statuses[] = {
	"early-help", "child-in-need", "child-protection", "looked-after",
	"care-leaver", "pre-proceedings", "closed", NULL
};

static const struct cb_field_def person_fields[] = {
	{ "Record", CB_FT_TEXT, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, NULL, N_("Record"), NULL, 0, NULL },
	{ "Id", CB_FT_PERSON_REF, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Id"), NULL, 0, NULL },
	{ "Schema", CB_FT_INT, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Schema"), NULL, 0, NULL },
	{ "Name", CB_FT_TEXT, CB_FF_REQUIRED, NULL, N_("Name"), N_("Full legal name"), 0, NULL },
	{ "Preferred-Name", CB_FT_TEXT, 0, NULL, N_("Preferred name"), N_("What they like to be called"), 0, NULL },
	{ "Date-Of-Birth", CB_FT_DATE, CB_FF_REQUIRED, NULL, N_("Date of birth"), N_("YYYY-MM-DD"), CB_DR_PAST, NULL },
	{ "Gender", CB_FT_CHOICE, 0, genders, N_("Gender"), NULL, 0, NULL },
	{ "Status", CB_FT_CHOICE, CB_FF_REQUIRED, statuses, N_("Status"), N_("Why we are involved"), 0, "child-in-need" },
	{ "Legal-Status", CB_FT_TEXT, 0, NULL, N_("Legal status"), N_("e.g. s20, care order, relevant, former relevant"), 0, NULL },
	{ "Worker", CB_FT_EMAIL, 0, NULL, N_("Allocated worker"), N_("Email of the allocated social worker"), 0, NULL },
	{ "Personal-Adviser", CB_FT_EMAIL, 0, NULL, N_("Personal adviser"), N_("Email of the PA (care leavers)"), 0, NULL },
	{ "Team", CB_FT_TEXT, 0, NULL, N_("Team"), NULL, 0, NULL },
	{ "Ethnicity", CB_FT_TEXT, 0, NULL, N_("Ethnicity"), NULL, 0, NULL },
	{ "Religion", CB_FT_TEXT, 0, NULL, N_("Religion"), NULL, 0, NULL },
	{ "Language", CB_FT_TEXT, 0, NULL, N_("Language"), N_("First language; interpreter needs"), 0, NULL },
	{ "Immigration-Status", CB_FT_TEXT, 0, NULL, N_("Immigration status"), NULL, 0, NULL },
	{ "Address", CB_FT_LONGTEXT, 0, NULL, N_("Address"), NULL, 0, NULL },
	{ "Notes", CB_FT_LONGTEXT, 0, NULL, N_("Notes"), NULL, 0, NULL },
	{ "Created", CB_FT_DATE, CB_FF_AUTO, NULL, N_("Created"), NULL, CB_DR_PAST, NULL },
};

static const struct cb_stanza_def person_header = {
	NULL, N_("Person"), person_fields, N(person_fields), NULL
};

static const struct cb_record_type person_type = {
	"person", N_("Person"), &person_header, NULL, 0, NULL, NULL, NULL
};

/* ---- chronology ---- */

static const char *const chron_categories[] = {
	"health", "education", "accommodation", "family", "police", "contact",
	"visit", "placement-move", "missing", "assessment", "plan-review", "legal",
	"significant-change", "positive", "other", NULL
};
static const char *const significance[] = { "low", "medium", "high", NULL };

static const struct cb_field_def chron_header_fields[] = {
	{ "Record", CB_FT_TEXT, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, NULL, N_("Record"), NULL, 0, NULL },
	{ "Person", CB_FT_PERSON_REF, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Person"), NULL, 0, NULL },
	{ "Schema", CB_FT_INT, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Schema"), NULL, 0, NULL },
};

static const struct cb_field_def chron_entry_fields[] = {
	{ "Id", CB_FT_ID, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Id"), NULL, 0, NULL },
	{ "Date", CB_FT_FUZZY_DATE, CB_FF_REQUIRED, NULL, N_("Date"), N_("When it happened: YYYY-MM-DD, or YYYY-MM / YYYY if not known"), CB_DR_PAST, NULL },
	{ "Date-Approximate", CB_FT_CHOICE, 0, yes_no, N_("Date approximate"), N_("yes if the date is estimated"), 0, NULL },
	{ "Category", CB_FT_CHOICE, CB_FF_REQUIRED, chron_categories, N_("Category"), NULL, 0, "other" },
	{ "Significance", CB_FT_CHOICE, CB_FF_REQUIRED, significance, N_("Significance"), NULL, 0, "medium" },
	{ "Source", CB_FT_TEXT, 0, NULL, N_("Source"), N_("Who told us, or which agency"), 0, NULL },
	{ "Event", CB_FT_LONGTEXT, CB_FF_REQUIRED, NULL, N_("Event"), N_("What happened, briefly and factually"), 0, NULL },
	{ "Impact", CB_FT_LONGTEXT, 0, NULL, N_("Impact on the child"), N_("What it meant for the child"), 0, NULL },
	{ "Action", CB_FT_LONGTEXT, 0, NULL, N_("Action / outcome"), NULL, 0, NULL },
	{ "Link", CB_FT_TEXT, 0, NULL, N_("Link"), N_("Where the full record is"), 0, NULL },
	{ "Generated", CB_FT_CHOICE, CB_FF_AUTO, yes_no, N_("Generated"), N_("Added automatically by another record"), 0, NULL },
	{ "Entered", CB_FT_DATE, CB_FF_AUTO, NULL, N_("Entered"), N_("When it was typed in"), CB_DR_PAST, NULL },
	{ "Recorded-By", CB_FT_IDENTITY, CB_FF_AUTO, NULL, N_("Recorded by"), NULL, 0, NULL },
};

static const char *const chron_sort[] = { "Date", NULL };

static const struct cb_stanza_def chron_header = {
	NULL, N_("Chronology"), chron_header_fields, N(chron_header_fields), NULL
};
static const struct cb_stanza_def chron_items[] = {
	{ "entry", N_("Chronology entry"), chron_entry_fields, N(chron_entry_fields), chron_sort },
};

static const struct cb_record_type chronology_type = {
	"chronology", N_("Chronology"), &chron_header, chron_items, N(chron_items),
	NULL, NULL, NULL
};

/* ---- genogram ---- */

static const char *const member_kind[] = { "member", "relationship", NULL };
static const char *const rel_types[] = {
	"married", "cohabiting", "partners", "separated", "divorced",
	"parent", "adoptive-parent", "foster-parent", "sibling", "twin",
	"close", "distant", "conflict", "cut-off", "abuse", NULL
};

static const struct cb_field_def geno_header_fields[] = {
	{ "Record", CB_FT_TEXT, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, NULL, N_("Record"), NULL, 0, NULL },
	{ "Person", CB_FT_PERSON_REF, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Person"), NULL, 0, NULL },
	{ "Schema", CB_FT_INT, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Schema"), NULL, 0, NULL },
	{ "Notes", CB_FT_LONGTEXT, 0, NULL, N_("Notes"), NULL, 0, NULL },
};

static const struct cb_field_def geno_member_fields[] = {
	{ "Id", CB_FT_ID, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Id"), NULL, 0, NULL },
	{ "Kind", CB_FT_CHOICE, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, member_kind, N_("Kind"), NULL, 0, "member" },
	{ "Name", CB_FT_TEXT, CB_FF_REQUIRED, NULL, N_("Name"), NULL, 0, NULL },
	{ "Gender", CB_FT_CHOICE, 0, genders, N_("Gender"), NULL, 0, NULL },
	{ "Born", CB_FT_FUZZY_DATE, 0, NULL, N_("Born"), N_("YYYY-MM-DD, YYYY-MM or YYYY"), CB_DR_PAST, NULL },
	{ "Died", CB_FT_FUZZY_DATE, 0, NULL, N_("Died"), N_("YYYY-MM-DD, YYYY-MM or YYYY"), CB_DR_PAST, NULL },
	{ "Role", CB_FT_TEXT, 0, NULL, N_("Role"), N_("e.g. birth mother, carer, sibling"), 0, NULL },
	{ "Index", CB_FT_CHOICE, 0, yes_no, N_("Index person"), N_("yes for the child the record is about"), 0, NULL },
	{ "Household", CB_FT_CHOICE, 0, yes_no, N_("Lives with the child"), NULL, 0, NULL },
	{ "Notes", CB_FT_LONGTEXT, 0, NULL, N_("Notes"), NULL, 0, NULL },
};

static const struct cb_field_def geno_rel_fields[] = {
	{ "Id", CB_FT_ID, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Id"), NULL, 0, NULL },
	{ "Kind", CB_FT_CHOICE, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, member_kind, N_("Kind"), NULL, 0, "relationship" },
	{ "Type", CB_FT_CHOICE, CB_FF_REQUIRED, rel_types, N_("Type"), NULL, 0, NULL },
	{ "From", CB_FT_MEMBER_REF, CB_FF_REQUIRED, NULL, N_("From"), N_("A member (for parent: the parent)"), 0, NULL },
	{ "To", CB_FT_MEMBER_REF, CB_FF_REQUIRED, NULL, N_("To"), N_("A member (for parent: the child)"), 0, NULL },
	{ "Start", CB_FT_FUZZY_DATE, 0, NULL, N_("Start"), NULL, CB_DR_PAST, NULL },
	{ "End", CB_FT_FUZZY_DATE, 0, NULL, N_("End"), NULL, CB_DR_PAST, NULL },
	{ "Notes", CB_FT_LONGTEXT, 0, NULL, N_("Notes"), NULL, 0, NULL },
};

static const char *const member_sort[] = { "Born", NULL };
static const char *const rel_sort[] = { "From", "To", NULL };

static const struct cb_stanza_def geno_header = {
	NULL, N_("Genogram"), geno_header_fields, N(geno_header_fields), NULL
};
static const struct cb_stanza_def geno_items[] = {
	{ "member", N_("Family member"), geno_member_fields, N(geno_member_fields), member_sort },
	{ "relationship", N_("Relationship"), geno_rel_fields, N(geno_rel_fields), rel_sort },
};

static const struct cb_record_type genogram_type = {
	"genogram", N_("Genogram"), &geno_header, geno_items, N(geno_items),
	"Kind", NULL, NULL
};

/* ---- pathway plan ---- */

/* The statutory sections (Care Leavers (England) Regulations 2010,
 * Schedule 2; CPPCR 2010 Schedule 8) in the order plans are written. */
static const char *const plan_sections[] = {
	"contact-support", "accommodation", "education-training", "employment",
	"relationships", "practical-skills", "finance", "health", "identity",
	"contingency", NULL
};
static const char *const plan_kinds[] = { "section", "review", NULL };
static const char *const consent[] = { "yes", "no", "partial", NULL };
static const char *const staying_put[] = { "yes", "no", "not-applicable", NULL };
static const char *const oc3_in_touch[] = {
	"YES", "NO", "DIED", "REFU", "NREQ", "RHOM", NULL
};
static const char *const oc3_activity[] = {
	"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", NULL
};
static const char *const oc3_accommodation[] = {
	"B", "C", "D", "E", "G", "H", "K", "R", "S", "T", "U", "V", "W", "X",
	"Y", "Z", NULL
};
static const char *const oc3_suitable[] = { "1", "2", NULL };
static const char *const section_status[] = {
	"not-started", "in-progress", "done", "not-applicable", NULL
};
static const char *const review_reasons[] = {
	"six-monthly", "young-person-request", "pa-request",
	"significant-change", "move", "other", NULL
};

static const struct cb_field_def plan_header_fields[] = {
	{ "Record", CB_FT_TEXT, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, NULL, N_("Record"), NULL, 0, NULL },
	{ "Person", CB_FT_PERSON_REF, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Person"), NULL, 0, NULL },
	{ "Schema", CB_FT_INT, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Schema"), NULL, 0, NULL },
	{ "Personal-Adviser", CB_FT_TEXT, 0, NULL, N_("Personal adviser"), N_("The PA's name (and email)"), 0, NULL },
	{ "Needs-Assessment-Date", CB_FT_DATE, 0, NULL, N_("Needs assessment"), N_("Date the needs assessment was completed"), CB_DR_PLAN, NULL },
	{ "Consulted", CB_FT_LONGTEXT, 0, NULL, N_("Consulted"), N_("Who was consulted for the assessment"), 0, NULL },
	{ "Plan-Date", CB_FT_DATE, 0, NULL, N_("Plan date"), NULL, CB_DR_PLAN, NULL },
	{ "Last-Review", CB_FT_DATE, 0, NULL, N_("Last review"), NULL, CB_DR_PLAN, NULL },
	{ "Next-Review", CB_FT_DATE, 0, NULL, N_("Next review"), N_("At most 6 months after the last"), CB_DR_PLAN, NULL },
	{ "Young-Person-Views", CB_FT_LONGTEXT, 0, NULL, N_("Young person's views"), N_("In their own words"), 0, NULL },
	{ "Contingency-Plan", CB_FT_LONGTEXT, 0, NULL, N_("Contingency plan"), N_("What happens if the plan stops working"), 0, NULL },
	{ "Consent-To-Share", CB_FT_CHOICE, 0, consent, N_("Consent to share"), NULL, 0, NULL },
	{ "Staying-Put", CB_FT_CHOICE, 0, staying_put, N_("Staying Put"), NULL, 0, NULL },
	{ "Local-Offer-Discussed", CB_FT_CHOICE, 0, yes_no, N_("Local offer discussed"), NULL, 0, NULL },
	{ "Immigration-Status", CB_FT_TEXT, 0, NULL, N_("Immigration status"), N_("Former unaccompanied asylum-seeking children"), 0, NULL },
	{ "In-Touch", CB_FT_CHOICE, 0, oc3_in_touch, N_("In touch (OC3)"), NULL, 0, NULL },
	{ "Main-Activity", CB_FT_CHOICE, 0, oc3_activity, N_("Main activity (OC3)"), NULL, 0, NULL },
	{ "Accommodation-Code", CB_FT_CHOICE, 0, oc3_accommodation, N_("Accommodation (OC3)"), NULL, 0, NULL },
	{ "Accommodation-Suitable", CB_FT_CHOICE, 0, oc3_suitable, N_("Accommodation suitable (OC3)"), N_("1 suitable, 2 not suitable"), 0, NULL },
	{ "Health-History", CB_FT_CHOICE, 0, yes_no, N_("Health history"), N_("yes if they have their health history / health passport"), 0, NULL },
};

static const struct cb_field_def plan_section_fields[] = {
	{ "Id", CB_FT_ID, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Id"), NULL, 0, NULL },
	{ "Kind", CB_FT_CHOICE, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, plan_kinds, N_("Kind"), NULL, 0, "section" },
	{ "Section", CB_FT_CHOICE, CB_FF_REQUIRED | CB_FF_AUTO, plan_sections, N_("Section"), NULL, 0, NULL },
	{ "Need", CB_FT_LONGTEXT, 0, NULL, N_("Need"), N_("What the assessment found"), 0, NULL },
	{ "Young-Person-Views", CB_FT_LONGTEXT, 0, NULL, N_("Young person's views"), NULL, 0, NULL },
	{ "Action", CB_FT_LONGTEXT, 0, NULL, N_("Action"), N_("What will be done"), 0, NULL },
	{ "Who", CB_FT_TEXT, 0, NULL, N_("Who"), NULL, 0, NULL },
	{ "By-When", CB_FT_DATE, 0, NULL, N_("By when"), NULL, CB_DR_PLAN, NULL },
	{ "Status", CB_FT_CHOICE, 0, section_status, N_("Status"), NULL, 0, "not-started" },
};

static const struct cb_field_def plan_review_fields[] = {
	{ "Id", CB_FT_ID, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Id"), NULL, 0, NULL },
	{ "Kind", CB_FT_CHOICE, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, plan_kinds, N_("Kind"), NULL, 0, "review" },
	{ "Date", CB_FT_DATE, CB_FF_REQUIRED, NULL, N_("Date"), NULL, CB_DR_PLAN, NULL },
	{ "Reason", CB_FT_CHOICE, 0, review_reasons, N_("Reason"), NULL, 0, "six-monthly" },
	{ "Notes", CB_FT_LONGTEXT, 0, NULL, N_("Notes"), NULL, 0, NULL },
};

static const char *const section_sort[] = { "Section", NULL };
static const char *const review_sort[] = { "Date", NULL };

static const struct cb_stanza_def plan_header = {
	NULL, N_("Pathway plan"), plan_header_fields, N(plan_header_fields), NULL
};
static const struct cb_stanza_def plan_items[] = {
	{ "section", N_("Plan section"), plan_section_fields, N(plan_section_fields), section_sort },
	{ "review", N_("Review"), plan_review_fields, N(plan_review_fields), review_sort },
};

static const struct cb_record_type pathway_plan_type = {
	"pathway-plan", N_("Pathway plan"), &plan_header, plan_items,
	N(plan_items), "Kind", plan_sections, "Section"
};

/* ---- management oversight ----
 *
 * A manager's recorded review of a case (DOMAIN.md, "Management oversight
 * and supervision"): each oversight stanza is one review with the
 * decision and the commit the manager had reviewed up to; each action
 * stanza is a time-bound action from it. By-When is required because
 * actions without a date are exactly what inspections find missing. */

static const char *const oversight_kinds[] = { "oversight", "action", NULL };
static const char *const action_status[] = { "open", "done", "cancelled", NULL };

static const struct cb_field_def oversight_header_fields[] = {
	{ "Record", CB_FT_TEXT, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, NULL, N_("Record"), NULL, 0, NULL },
	{ "Person", CB_FT_PERSON_REF, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Person"), NULL, 0, NULL },
	{ "Schema", CB_FT_INT, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Schema"), NULL, 0, NULL },
};

static const struct cb_field_def oversight_entry_fields[] = {
	{ "Id", CB_FT_ID, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Id"), NULL, 0, NULL },
	{ "Kind", CB_FT_CHOICE, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, oversight_kinds, N_("Kind"), NULL, 0, "oversight" },
	{ "Date", CB_FT_DATE, CB_FF_REQUIRED, NULL, N_("Date"), N_("When the manager reviewed the case"), CB_DR_PAST, NULL },
	{ "Manager", CB_FT_IDENTITY, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Manager"), NULL, 0, NULL },
	{ "Decision", CB_FT_LONGTEXT, CB_FF_REQUIRED, NULL, N_("Decision"), N_("The decision or direction, and why"), 0, NULL },
	{ "Reviewed-To", CB_FT_TEXT, CB_FF_AUTO, NULL, N_("Reviewed to"), N_("The commit the manager had read up to"), 0, NULL },
};

static const struct cb_field_def oversight_action_fields[] = {
	{ "Id", CB_FT_ID, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Id"), NULL, 0, NULL },
	{ "Kind", CB_FT_CHOICE, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, oversight_kinds, N_("Kind"), NULL, 0, "action" },
	{ "Oversight", CB_FT_ID, CB_FF_AUTO, NULL, N_("Oversight"), N_("The Id of the oversight it came from"), 0, NULL },
	{ "Action", CB_FT_LONGTEXT, CB_FF_REQUIRED, NULL, N_("Action"), N_("What is to be done"), 0, NULL },
	{ "Who", CB_FT_TEXT, CB_FF_REQUIRED, NULL, N_("Who"), N_("Who will do it"), 0, NULL },
	{ "By-When", CB_FT_DATE, CB_FF_REQUIRED, NULL, N_("By when"), N_("YYYY-MM-DD: every action has a date"), CB_DR_PLAN, NULL },
	{ "Status", CB_FT_CHOICE, CB_FF_REQUIRED, action_status, N_("Status"), NULL, 0, "open" },
	{ "Done", CB_FT_DATE, 0, NULL, N_("Done on"), NULL, CB_DR_PAST, NULL },
};

static const char *const oversight_sort[] = { "Date", NULL };
static const char *const action_sort[] = { "By-When", NULL };

static const struct cb_stanza_def oversight_header = {
	NULL, N_("Management oversight"), oversight_header_fields, N(oversight_header_fields), NULL
};
static const struct cb_stanza_def oversight_items[] = {
	{ "oversight", N_("Oversight"), oversight_entry_fields, N(oversight_entry_fields), oversight_sort },
	{ "action", N_("Action"), oversight_action_fields, N(oversight_action_fields), action_sort },
};

static const struct cb_record_type oversight_type = {
	"oversight", N_("Management oversight"), &oversight_header, oversight_items,
	N(oversight_items), "Kind", NULL, NULL
};

/* ---- plan: child in need, child protection and pre-proceedings ----
 *
 * One record per child holding every plan the child has had (DOMAIN.md,
 * "Plans"): a plan stanza per episode, with its actions and meetings in
 * stanzas of their own that name it in Plan, so that two laptops adding an
 * action each to the same plan merge item by item. Who and By-When are
 * optional here (unlike oversight actions) because an action without them
 * must still be recordable: it is what the alerts point out. Cross-stanza
 * rules (Plan names a plan, pre-proceedings fields) are in validate.c. */

static const char *const cplan_kinds[] = { "plan", "action", "meeting", NULL };
static const char *const cplan_types[] = {
	"child-in-need", "child-protection", "pre-proceedings", NULL
};
static const char *const cplan_categories[] = {
	"neglect", "physical-abuse", "emotional-abuse", "sexual-abuse",
	"multiple", NULL
};
static const char *const plo_decisions[] = {
	"step-down", "extend", "issue-proceedings", NULL
};
static const char *const meeting_types[] = {
	"review-conference", "initial-conference", "core-group", "cin-review",
	"plo-meeting", "other", NULL
};

static const struct cb_field_def cplan_header_fields[] = {
	{ "Record", CB_FT_TEXT, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, NULL, N_("Record"), NULL, 0, NULL },
	{ "Person", CB_FT_PERSON_REF, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Person"), NULL, 0, NULL },
	{ "Schema", CB_FT_INT, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Schema"), NULL, 0, NULL },
};

static const struct cb_field_def cplan_plan_fields[] = {
	{ "Id", CB_FT_ID, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Id"), NULL, 0, NULL },
	{ "Kind", CB_FT_CHOICE, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, cplan_kinds, N_("Kind"), NULL, 0, "plan" },
	{ "Type", CB_FT_CHOICE, CB_FF_REQUIRED, cplan_types, N_("Plan type"), NULL, 0, NULL },
	{ "Category", CB_FT_CHOICE, 0, cplan_categories, N_("Category of concern"), N_("Required on a child protection plan"), 0, NULL },
	{ "Start", CB_FT_DATE, CB_FF_REQUIRED, NULL, N_("Start"), N_("YYYY-MM-DD"), CB_DR_PLAN, NULL },
	{ "End", CB_FT_DATE, 0, NULL, N_("End"), N_("Empty while the plan is open"), CB_DR_PAST, NULL },
	{ "End-Reason", CB_FT_TEXT, 0, NULL, N_("End reason"), N_("Why the plan ended"), 0, NULL },
	{ "Last-Review", CB_FT_DATE, 0, NULL, N_("Last review"), NULL, CB_DR_PAST, NULL },
	{ "Next-Review", CB_FT_DATE, 0, NULL, N_("Next review"), NULL, CB_DR_PLAN, NULL },
	{ "Outcomes", CB_FT_LONGTEXT, 0, NULL, N_("Outcomes for the child"), N_("What should be different for the child"), 0, NULL },
	{ "Child-Views", CB_FT_LONGTEXT, 0, NULL, N_("Child's views"), N_("In the child's own words"), 0, NULL },
	{ "Views-Gathered", CB_FT_LONGTEXT, 0, NULL, N_("How views were gathered"), N_("e.g. seen alone at school, three houses tool"), 0, NULL },
	{ "Contingency", CB_FT_LONGTEXT, 0, NULL, N_("Contingency"), N_("What happens if the plan does not work"), 0, NULL },
	{ "Letter-Before-Proceedings", CB_FT_DATE, 0, NULL, N_("Letter before proceedings"), N_("Pre-proceedings only"), CB_DR_PAST, NULL },
	{ "Review-Point", CB_FT_DATE, 0, NULL, N_("Review point"), N_("Pre-proceedings only: when progress is decided"), CB_DR_PLAN, NULL },
	{ "Decision", CB_FT_CHOICE, 0, plo_decisions, N_("Decision"), N_("Pre-proceedings only: the outcome at the review point"), 0, NULL },
	{ "Decision-Date", CB_FT_DATE, 0, NULL, N_("Decision date"), NULL, CB_DR_PAST, NULL },
};

static const struct cb_field_def cplan_action_fields[] = {
	{ "Id", CB_FT_ID, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Id"), NULL, 0, NULL },
	{ "Kind", CB_FT_CHOICE, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, cplan_kinds, N_("Kind"), NULL, 0, "action" },
	{ "Plan", CB_FT_ID, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Plan"), N_("The Id of the plan it belongs to"), 0, NULL },
	{ "Action", CB_FT_LONGTEXT, CB_FF_REQUIRED, NULL, N_("Action"), N_("What is to be done"), 0, NULL },
	{ "Who", CB_FT_TEXT, 0, NULL, N_("Who"), N_("Who will do it"), 0, NULL },
	{ "By-When", CB_FT_DATE, 0, NULL, N_("By when"), N_("YYYY-MM-DD"), CB_DR_PLAN, NULL },
	{ "Status", CB_FT_CHOICE, 0, action_status, N_("Status"), N_("Empty means open"), 0, "open" },
	{ "Done", CB_FT_DATE, 0, NULL, N_("Done on"), N_("When it was done or cancelled"), CB_DR_PAST, NULL },
};

static const struct cb_field_def cplan_meeting_fields[] = {
	{ "Id", CB_FT_ID, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Id"), NULL, 0, NULL },
	{ "Kind", CB_FT_CHOICE, CB_FF_REQUIRED | CB_FF_AUTO | CB_FF_KEY, cplan_kinds, N_("Kind"), NULL, 0, "meeting" },
	{ "Plan", CB_FT_ID, CB_FF_REQUIRED | CB_FF_AUTO, NULL, N_("Plan"), N_("The Id of the plan it belongs to"), 0, NULL },
	{ "Type", CB_FT_CHOICE, CB_FF_REQUIRED, meeting_types, N_("Meeting type"), NULL, 0, NULL },
	{ "Date", CB_FT_DATE, CB_FF_REQUIRED, NULL, N_("Date"), N_("YYYY-MM-DD"), CB_DR_PLAN, NULL },
	{ "Notes", CB_FT_LONGTEXT, 0, NULL, N_("Notes"), N_("Who came, what was decided"), 0, NULL },
};

static const char *const cplan_sort[] = { "Start", NULL };
static const char *const cplan_action_sort[] = { "By-When", NULL };
static const char *const cplan_meeting_sort[] = { "Date", NULL };

static const struct cb_stanza_def cplan_header = {
	NULL, N_("Plans"), cplan_header_fields, N(cplan_header_fields), NULL
};
static const struct cb_stanza_def cplan_items[] = {
	{ "plan", N_("Plan"), cplan_plan_fields, N(cplan_plan_fields), cplan_sort },
	{ "action", N_("Plan action"), cplan_action_fields, N(cplan_action_fields), cplan_action_sort },
	{ "meeting", N_("Plan meeting"), cplan_meeting_fields, N(cplan_meeting_fields), cplan_meeting_sort },
};

static const struct cb_record_type cplan_type = {
	"plan", N_("Plans"), &cplan_header, cplan_items,
	N(cplan_items), "Kind", NULL, NULL
};

const struct cb_record_type *const cb_record_types[] = {
	&person_type, &chronology_type, &genogram_type, &pathway_plan_type, &oversight_type, &cplan_type, NULL
};
