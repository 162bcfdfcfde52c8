/* keys.c - the one table of keys and what they do; see keys.h. */
#include "ui.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)

/* The defaults; the user's configuration file changes a copy (keys_bind). */
static const struct binding defaults[] = {
	/* Moving about: less, vi and tig habits. */
	{ KM_GENERIC, REQ_DOWN, "j Down", N_("Move down") },
	{ KM_GENERIC, REQ_UP, "k Up", N_("Move up") },
	{ KM_GENERIC, REQ_PAGE_DOWN, "PgDn Space ^F", N_("Page down") },
	{ KM_GENERIC, REQ_PAGE_UP, "PgUp b ^B", N_("Page up") },
	{ KM_GENERIC, REQ_FIRST, "g Home", N_("Go to the first line") },
	{ KM_GENERIC, REQ_LAST, "G End", N_("Go to the last line") },
	{ KM_GENERIC, REQ_ENTER, "Enter", N_("Open the selected line") },
	{ KM_GENERIC, REQ_SEARCH, "/", N_("Search as you type") },
	{ KM_GENERIC, REQ_NEXT, "n", N_("Next match") },
	{ KM_GENERIC, REQ_PREV, "N", N_("Previous match") },
	{ KM_GENERIC, REQ_BACK, "q Esc", N_("Go back (quit from the caseload)") },
	{ KM_GENERIC, REQ_QUIT, "Q", N_("Quit the workbench") },
	{ KM_GENERIC, REQ_HELP, "? F1", N_("Show the keys of this screen") },
	{ KM_GENERIC, REQ_REDRAW, "^L", N_("Redraw the screen") },

	{ KM_CASELOAD, REQ_SCOPE, "t", N_("Show my caseload, my team's, or everyone") },
	{ KM_CASELOAD, REQ_SORT, "s", N_("Sort by the next column") },
	{ KM_CASELOAD, REQ_SORT_REVERSE, "r", N_("Reverse the sort") },
	{ KM_CASELOAD, REQ_FILTER_CLEAR, "X", N_("Clear the search") },

	{ KM_PERSON, REQ_PERSON_DETAILS, "e", N_("Edit the person's details") },
	{ KM_PERSON, REQ_CHRONOLOGY, "c", N_("Open the chronology") },
	{ KM_PERSON, REQ_GENOGRAM, "f", N_("Open the genogram (family)") },
	{ KM_PERSON, REQ_PLAN, "p", N_("Open the pathway plan") },

	{ KM_CHRONOLOGY, REQ_ENTER, "Enter", N_("Show the whole entry") },
	{ KM_CHRONOLOGY, REQ_ADD, "a", N_("Add an entry") },
	{ KM_CHRONOLOGY, REQ_EDIT, "e", N_("Edit the selected entry") },
	{ KM_CHRONOLOGY, REQ_FILTER_CATEGORY, "c", N_("Show one category only") },
	{ KM_CHRONOLOGY, REQ_FILTER_SIGNIFICANCE, "s", N_("Show high / medium / low significance only") },
	{ KM_CHRONOLOGY, REQ_FILTER_CLEAR, "X", N_("Show every entry again") },

	{ KM_GENOGRAM, REQ_ENTER, "Enter e", N_("Edit the selected member or relationship") },
	{ KM_GENOGRAM, REQ_ADD, "a", N_("Add a family member") },
	{ KM_GENOGRAM, REQ_ADD_RELATIONSHIP, "r", N_("Add a relationship") },
	{ KM_GENOGRAM, REQ_PANE, "Tab", N_("Show the diagram or the list larger") },

	{ KM_PLAN, REQ_ENTER, "Enter e", N_("Edit the selected part of the plan") },
	{ KM_PLAN, REQ_ADD_REVIEW, "r", N_("Record a review") },

	{ KM_FORM, REQ_NEXT_FIELD, "Tab Down Enter", N_("Next field") },
	{ KM_FORM, REQ_PREV_FIELD, "BTab Up", N_("Previous field") },
	{ KM_FORM, REQ_OPTION_NEXT, "Space Right", N_("Next choice (choice fields)") },
	{ KM_FORM, REQ_OPTION_PREV, "Left", N_("Previous choice (choice fields)") },
	{ KM_FORM, REQ_SAVE, "^S F2", N_("Save (one commit in your name)") },
	{ KM_FORM, REQ_EXTERNAL_EDIT, "^E F4", N_("Edit this text in $VISUAL / $EDITOR, or full screen") },
	{ KM_FORM, REQ_CLEAR_FIELD, "^U", N_("Clear this field") },
	{ KM_FORM, REQ_CANCEL, "Esc ^C", N_("Leave the form (asks if anything is unsaved)") },
	{ KM_FORM, REQ_HELP, "F1", N_("Show the keys of this screen") },

	{ KM_EDITOR, REQ_EDITOR_DONE, "^S F2 ^X", N_("Keep the text and go back to the form") },
	{ KM_EDITOR, REQ_CANCEL, "Esc ^C", N_("Go back without keeping the changes") },
	{ KM_EDITOR, REQ_HELP, "F1", N_("Show the keys of this screen") },

	/* History, review and audit (ui/view_history.c and its neighbours). */
	{ KM_CASELOAD, REQ_REVIEW, "R", N_("Review your team's changes since your last review") },
	{ KM_PERSON, REQ_HISTORY, "h", N_("History of all this person's records") },
	{ KM_PERSON, REQ_BLAME, "B", N_("Who last changed each field of the selected record") },
	{ KM_PERSON, REQ_AS_AT, "@", N_("This person's records as they stood on a date") },
	{ KM_CHRONOLOGY, REQ_HISTORY, "h", N_("History of this record") },
	{ KM_CHRONOLOGY, REQ_BLAME, "B", N_("Who last changed each field (blame)") },
	{ KM_CHRONOLOGY, REQ_AS_AT, "@", N_("This record as it stood on a date") },
	{ KM_GENOGRAM, REQ_HISTORY, "h", N_("History of this record") },
	{ KM_GENOGRAM, REQ_BLAME, "B", N_("Who last changed each field (blame)") },
	{ KM_GENOGRAM, REQ_AS_AT, "@", N_("This record as it stood on a date") },
	{ KM_PLAN, REQ_HISTORY, "h", N_("History of this record") },
	{ KM_PLAN, REQ_BLAME, "B", N_("Who last changed each field (blame)") },
	{ KM_PLAN, REQ_AS_AT, "@", N_("This record as it stood on a date") },
	{ KM_HISTORY, REQ_ENTER, "Enter", N_("Show what this save changed") },
	{ KM_HISTORY, REQ_BLAME, "B", N_("Who last changed each field, as after this save") },
	{ KM_HISTORY, REQ_AS_AT, "@", N_("The record or person as they stood on a date") },
	{ KM_HISTORY, REQ_FILTER_AUTHOR, "a", N_("Show one author's saves only") },
	{ KM_HISTORY, REQ_FILTER_DATE, "d", N_("Show saves in a date range only") },
	{ KM_HISTORY, REQ_FILTER_CLEAR, "x", N_("Show every save again") },
	{ KM_DIFF, REQ_NEXT, "n", N_("Next change") },
	{ KM_DIFF, REQ_PREV, "N", N_("Previous change") },
	{ KM_DIFF, REQ_OVERSIGHT, "o", N_("Record management oversight (from a review)") },
	{ KM_BLAME, REQ_ENTER, "Enter", N_("Show the save that last changed this line") },
	{ KM_REVIEW, REQ_ENTER, "Enter", N_("Show the changes to this record") },
	{ KM_REVIEW, REQ_OVERSIGHT, "o", N_("Record management oversight for this person") },
	{ KM_REVIEW, REQ_REVIEW_DONE, "M", N_("Mark everything shown as reviewed") },
	{ KM_OVERSIGHT, REQ_ADD, "a", N_("Add an action (what, who, by when)") },
	{ KM_OVERSIGHT, REQ_EDIT, "Enter e", N_("Edit the decision or the selected action") },
	{ KM_OVERSIGHT, REQ_DELETE, "d", N_("Remove the selected action") },
	{ KM_OVERSIGHT, REQ_SAVE, "^S F2", N_("Save the oversight and its actions (one commit)") },

	/* Sync and merge conflicts (ui/sync_bg.c, ui/view_resolve.c). */
	{ KM_GENERIC, REQ_SYNC, "S F5", N_("Sync with the shared remote (in the background)") },
	{ KM_CASELOAD, REQ_RESOLVE, "C", N_("List the records that need resolving (merge conflicts)") },
	{ KM_PERSON, REQ_RESOLVE, "C", N_("Resolve this person's merge conflicts") },
	{ KM_CHRONOLOGY, REQ_RESOLVE, "C", N_("Resolve this record's merge conflicts") },
	{ KM_GENOGRAM, REQ_RESOLVE, "C", N_("Resolve this record's merge conflicts") },
	{ KM_PLAN, REQ_RESOLVE, "C", N_("Resolve this record's merge conflicts") },
	{ KM_RESOLVE, REQ_ENTER, "Enter", N_("Take the selected value (or keep / delete the item)") },
	{ KM_RESOLVE, REQ_EDIT, "e", N_("Edit the value, starting from the selected one") },
	{ KM_RESOLVE, REQ_SAVE, "^S F2", N_("Save the resolution (one commit in your name)") },

	/* Practice alerts (ui/view_alerts.c). */
	{ KM_CASELOAD, REQ_ALERTS, "A", N_("The team's alerts: what is due, overdue or drifting") },
	{ KM_ALERTS, REQ_FILTER_AUTHOR, "w", N_("Show one worker's alerts (again: the next worker)") },
	{ KM_ALERTS, REQ_FILTER_CATEGORY, "f", N_("Show one rule's alerts (again: the next rule)") },
	{ KM_ALERTS, REQ_FILTER_CLEAR, "x", N_("Show every alert again") },
	{ KM_ALERTS, REQ_SCOPE, "t", N_("Show the team or everyone") },
	/* A child's plans: child in need, child protection, pre-proceedings
	 * (ui/view_child_plans.c). */
	{ KM_PERSON, REQ_PLANS, "P", N_("Open the child's plans (CIN, CP, pre-proceedings)") },
	{ KM_PLANS, REQ_ENTER, "Enter e", N_("Edit the selected plan, action or meeting") },
	{ KM_PLANS, REQ_ADD_PLAN, "p", N_("Start a new plan") },
	{ KM_PLANS, REQ_ADD, "a", N_("Add an action to the selected plan") },
	{ KM_PLANS, REQ_ADD_MEETING, "m", N_("Record a meeting on the selected plan") },
	{ KM_PLANS, REQ_MARK_DONE, "d", N_("Mark the selected action done today") },
	{ KM_PLANS, REQ_END_PLAN, "E", N_("End the selected plan") },
	{ KM_PLANS, REQ_HISTORY, "h", N_("History of this record") },
	{ KM_PLANS, REQ_BLAME, "B", N_("Who last changed each field (blame)") },
	{ KM_PLANS, REQ_AS_AT, "@", N_("This record as it stood on a date") },
	{ KM_PLANS, REQ_RESOLVE, "C", N_("Resolve this record's merge conflicts") },
	/* Exports (ui/view_export.c, src/export_menu.c). */
	{ KM_CASELOAD, REQ_EXPORT, "x", N_("Export the selected child's records, or the caseload's") },
	{ KM_PERSON, REQ_EXPORT, "x", N_("Export this child's records (court chronology, plan, ...)") },
	{ KM_CHRONOLOGY, REQ_EXPORT, "x", N_("Export this child's records (court chronology, plan, ...)") },
	{ KM_GENOGRAM, REQ_EXPORT, "x", N_("Export this child's records (court chronology, plan, ...)") },
	{ KM_PLAN, REQ_EXPORT, "x", N_("Export this child's records (court chronology, plan, ...)") },
	/* Menus that pick one item, such as the export menu (tui_pick). */
	{ KM_MENU, REQ_ENTER, "Enter", N_("Choose the selected item") },
	{ KM_MENU, REQ_BACK, "q Esc", N_("Close the menu without choosing") },
};
#define NDEFAULTS (sizeof defaults / sizeof defaults[0])
const struct binding *keys_bindings = defaults;
size_t keys_nbindings = NDEFAULTS;

/* ---- names for the configuration file ---- */

static const char *const request_names[REQ__COUNT] = {
#define REQ_NAME(name) [REQ_##name] = #name,
	CB_REQUESTS(REQ_NAME)
#undef REQ_NAME
};

/* "SORT_REVERSE" is "sort-reverse". */
static int request_name_is(const char *def, const char *name)
{
	for (; *def && *name; def++, name++) {
		char d = *def == '_' ? '-' : (char)(*def >= 'A' && *def <= 'Z' ? *def + 32 : *def);
		if (d != *name)
			return 0;
	}
	return !*def && !*name;
}

enum request keys_request_by_name(const char *name)
{
	for (int r = 1; r < REQ__COUNT; r++)
		if (request_names[r] && request_name_is(request_names[r], name))
			return (enum request)r;
	return REQ_NONE;
}

const char *keys_request_name(enum request req)
{
	static char buf[40];
	const char *d = req > REQ_NONE && req < REQ__COUNT ? request_names[req] : NULL;
	size_t i = 0;
	for (; d && d[i] && i + 1 < sizeof buf; i++)
		buf[i] = d[i] == '_' ? '-' : (char)(d[i] >= 'A' && d[i] <= 'Z' ? d[i] + 32 : d[i]);
	buf[i] = '\0';
	return buf;
}

/* A new screen's keymap needs its name here to be bindable. */
static const char *const keymap_names[KM__COUNT] = {
	[KM_GENERIC] = "global", [KM_CASELOAD] = "caseload", [KM_PERSON] = "person",
	[KM_CHRONOLOGY] = "chronology", [KM_GENOGRAM] = "genogram", [KM_PLAN] = "plan",
	[KM_PAGER] = "pager", [KM_FORM] = "form", [KM_EDITOR] = "editor",
	[KM_HISTORY] = "history", [KM_DIFF] = "diff", [KM_BLAME] = "blame",
	[KM_REVIEW] = "review", [KM_OVERSIGHT] = "oversight", [KM_RESOLVE] = "resolve",
	[KM_ALERTS] = "alerts", [KM_PLANS] = "plans", [KM_MENU] = "menu",
};

const char *keys_keymap_name(enum keymap map)
{
	return map >= 0 && map < KM__COUNT ? keymap_names[map] : NULL;
}

int keys_keymap_by_name(const char *name)
{
	if (strcmp(name, "generic") == 0)
		return KM_GENERIC;
	for (int m = 0; m < KM__COUNT; m++)
		if (keymap_names[m] && strcmp(keymap_names[m], name) == 0)
			return m;
	return -1;
}

/* ---- rebinding ---- */

static struct binding *active; /* malloc'd copy of defaults, once changed */
static size_t nactive;
static char **owned;           /* key strings keys_bind made */
static size_t nowned;

void keys_reset(void)
{
	for (size_t i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	free(active);
	owned = NULL;
	nowned = 0;
	active = NULL;
	nactive = 0;
	keys_bindings = defaults;
	keys_nbindings = NDEFAULTS;
}

static char *own(char *s)
{
	char **o = s ? realloc(owned, (nowned + 1) * sizeof *o) : NULL;
	if (!o) {
		free(s);
		return NULL;
	}
	owned = o;
	owned[nowned++] = s;
	return s;
}

static int same_key(const char *name, size_t len, const struct key *k)
{
	struct key b;
	return keys_parse_name(name, len, &b) && b.fn == k->fn && b.code == k->code;
}

/* keys without any that is k (a new string, owned). */
static const char *without(const char *keys, const struct key *k)
{
	char *out = malloc(strlen(keys) + 1);
	size_t n = 0;
	if (!out)
		return NULL;
	for (const char *p = keys; *p;) {
		size_t len = strcspn(p, " ");
		if (len && !same_key(p, len, k)) {
			if (n)
				out[n++] = ' ';
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	out[n] = '\0';
	return own(out);
}

int keys_bind(enum keymap map, enum request req, const char *keys,
	      const char **bad, size_t *badlen)
{
	int none = strcmp(keys, "none") == 0;
	for (const char *p = keys; !none && *p;) {
		size_t len = strcspn(p, " ");
		struct key k;
		if (len && !keys_parse_name(p, len, &k)) {
			*bad = p;
			*badlen = len;
			return -1;
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	if (!active) {
		active = malloc((NDEFAULTS + 1) * sizeof *active);
		if (!active)
			return -2;
		memcpy(active, defaults, sizeof defaults);
		nactive = NDEFAULTS;
	}
	/* Take each key from whatever else it did on this screen. */
	for (const char *p = keys; !none && *p;) {
		size_t len = strcspn(p, " ");
		struct key k;
		if (len && keys_parse_name(p, len, &k))
			for (size_t i = 0; i < nactive; i++)
				if (active[i].map == map && !(active[i].keys = without(active[i].keys, &k)))
					return -2;
		p += len;
		while (*p == ' ')
			p++;
	}
	char *mine = own(strdup(none ? "" : keys));
	if (!mine)
		return -2;
	const char *help = NULL;
	int found = 0;
	for (size_t i = 0; i < nactive; i++) {
		if (active[i].req != req)
			continue;
		help = help ? help : active[i].help;
		if (active[i].map == map) {
			active[i].keys = found ? "" : mine;
			found = 1;
		}
	}
	if (!found) {
		struct binding *a = realloc(active, (nactive + 1) * sizeof *a);
		if (!a)
			return -2;
		active = a;
		active[nactive].map = map;
		active[nactive].req = req;
		active[nactive].keys = mine;
		active[nactive].help = help ? help : request_names[req];
		nactive++;
	}
	keys_bindings = active;
	keys_nbindings = nactive;
	return 0;
}

const char *keymap_title(enum keymap map)
{
	switch (map) {
	case KM_GENERIC: return _("Everywhere");
	case KM_CASELOAD: return _("Caseload");
	case KM_PERSON: return _("Person");
	case KM_CHRONOLOGY: return _("Chronology");
	case KM_GENOGRAM: return _("Genogram");
	case KM_PLAN: return _("Pathway plan");
	case KM_PAGER: return _("Reading");
	case KM_FORM: return _("Form");
	case KM_EDITOR: return _("Text editor");
	case KM_HISTORY: return _("History");
	case KM_DIFF: return _("Changes");
	case KM_BLAME: return _("Blame");
	case KM_REVIEW: return _("Review");
	case KM_OVERSIGHT: return _("Management oversight");
	case KM_RESOLVE: return _("Resolve conflicts");
	case KM_ALERTS: return _("Alerts");
	case KM_PLANS: return _("Plans");
	case KM_MENU: return _("Menu");
	default: return "";
	}
}

static const struct {
	const char *name;
	int fn;
	unsigned code;
} named[] = {
	{ "Enter", 0, '\r' }, { "Tab", 0, '\t' }, { "Esc", 0, 27 },
	{ "Space", 0, ' ' }, { "BTab", 1, KEY_BTAB }, { "Up", 1, KEY_UP },
	{ "Down", 1, KEY_DOWN }, { "Left", 1, KEY_LEFT }, { "Right", 1, KEY_RIGHT },
	{ "PgUp", 1, KEY_PPAGE }, { "PgDn", 1, KEY_NPAGE }, { "Home", 1, KEY_HOME },
	{ "End", 1, KEY_END }, { "Backspace", 1, KEY_BACKSPACE }, { "Del", 1, KEY_DC },
};

int keys_parse_name(const char *name, size_t len, struct key *out)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strlen(named[i].name) == len && strncmp(named[i].name, name, len) == 0) {
			out->fn = named[i].fn;
			out->code = named[i].code;
			return 1;
		}
	if (len == 2 && name[0] == '^' && ((name[1] >= '@' && name[1] <= '_') || (name[1] >= 'a' && name[1] <= 'z'))) {
		out->fn = 0;
		out->code = (unsigned)CTRL(name[1]);
		return 1;
	}
	if ((len == 2 || len == 3) && name[0] == 'F' && name[1] >= '1' && name[1] <= '9' &&
	    (len == 2 || (name[2] >= '0' && name[2] <= '9'))) {
		int n = name[1] - '0';
		if (len == 3)
			n = n * 10 + (name[2] - '0');
		if (n > 24)
			return 0;
		out->fn = 1;
		out->code = (unsigned)KEY_F(n);
		return 1;
	}
	if (len == 1 && name[0] > ' ' && name[0] < 127) {
		out->fn = 0;
		out->code = (unsigned char)name[0];
		return 1;
	}
	return 0;
}

/* Terminals send Enter as CR or LF, and Backspace as DEL, ^H or the
 * KEY_BACKSPACE code: fold them so the table names each once. */
static struct key normalise(const struct key *k)
{
	struct key n = *k;
	if ((!n.fn && n.code == '\n') || (n.fn && n.code == KEY_ENTER)) {
		n.fn = 0;
		n.code = '\r';
	} else if (!n.fn && (n.code == 127 || n.code == 8)) {
		n.fn = 1;
		n.code = KEY_BACKSPACE;
	}
	return n;
}

enum request keys_lookup(enum keymap map, const struct key *k)
{
	struct key want = normalise(k);
	for (size_t i = 0; i < keys_nbindings; i++) {
		if (keys_bindings[i].map != map)
			continue;
		const char *p = keys_bindings[i].keys;
		while (*p) {
			size_t len = strcspn(p, " ");
			struct key b;
			if (keys_parse_name(p, len, &b) && b.fn == want.fn && b.code == want.code)
				return keys_bindings[i].req;
			p += len;
			while (*p == ' ')
				p++;
		}
	}
	return REQ_NONE;
}
