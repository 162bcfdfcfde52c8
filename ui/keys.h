/* keys.h - every action the workbench knows, and the keys that ask for it.
 *
 * Each action (a "request") is listed once below; the binding table in
 * keys.c says which keys ask for it on which screen and what it does, and
 * the help screen is generated from that table, so a key cannot do one
 * thing and be documented as another. A screen's own keymap is looked up
 * first, then the generic one, so a screen can give a key its own meaning
 * (s sorts the caseload but filters the chronology by significance). */
#ifndef CASEBOOK_UI_KEYS_H
#define CASEBOOK_UI_KEYS_H

#include <stddef.h>

/* A new bindable action is one entry here (its name in the configuration
 * file is the entry in lower case with '-' for '_': SORT_REVERSE is
 * "sort-reverse") plus its line in keys.c's binding table. */
#define CB_REQUESTS(_) \
	_(DOWN) _(UP) _(PAGE_DOWN) _(PAGE_UP) _(FIRST) _(LAST) \
	_(ENTER) _(BACK) _(QUIT) _(HELP) _(SEARCH) _(NEXT) _(PREV) \
	_(REDRAW) _(SCOPE) _(SORT) _(SORT_REVERSE) _(ADD) \
	_(ADD_RELATIONSHIP) _(ADD_REVIEW) _(EDIT) _(PERSON_DETAILS) \
	_(CHRONOLOGY) _(GENOGRAM) _(PLAN) _(FILTER_CATEGORY) \
	_(FILTER_SIGNIFICANCE) _(FILTER_CLEAR) _(PANE) \
	_(NEXT_FIELD) _(PREV_FIELD) _(SAVE) _(EXTERNAL_EDIT) _(CANCEL) \
	_(CLEAR_FIELD) _(OPTION_NEXT) _(OPTION_PREV) _(EDITOR_DONE) \
	_(HISTORY) _(BLAME) _(AS_AT) _(REVIEW) _(OVERSIGHT) _(REVIEW_DONE) \
	_(FILTER_AUTHOR) _(FILTER_DATE) _(DELETE) \
	_(SYNC) _(RESOLVE) \
	_(ALERTS) \
	_(PLANS) _(ADD_PLAN) _(ADD_MEETING) _(MARK_DONE) _(END_PLAN) \
	_(EXPORT)

enum request {
	REQ_NONE = 0,
#define REQ_ENUM(name) REQ_##name,
	CB_REQUESTS(REQ_ENUM)
#undef REQ_ENUM
	REQ__COUNT
};

/* Key tables: one per kind of screen, and the generic one behind them. */
enum keymap {
	KM_GENERIC, KM_CASELOAD, KM_PERSON, KM_CHRONOLOGY, KM_GENOGRAM,
	KM_PLAN, KM_PAGER, KM_FORM, KM_EDITOR,
	KM_HISTORY, KM_DIFF, KM_BLAME, KM_REVIEW, KM_OVERSIGHT,
	KM_RESOLVE,
	KM_ALERTS,
	KM_PLANS,
	KM_MENU,
	KM__COUNT
};

/* A key as curses reports it: a function key (KEY_* code) or a
 * character. */
struct key {
	int fn;       /* 1: code is a KEY_* constant; 0: a character */
	unsigned code;
};

/* The request bound to k in map (REQ_NONE when none). */
enum request keys_lookup(enum keymap map, const struct key *k);
/* What a keymap's screen is called (translated), for help headings. */
const char *keymap_title(enum keymap map);

struct binding {
	enum keymap map;
	enum request req;
	const char *keys;  /* key names separated by spaces, as shown in help */
	const char *help;  /* N_() */
};
/* The bindings in force, for the help screen and lookups: keys.c's
 * defaults, changed by the user's configuration file (keys_bind). */
extern const struct binding *keys_bindings;
extern size_t keys_nbindings;

/* An action by its configuration name ("sort-reverse"); REQ_NONE if
 * unknown. And the name of an action, for messages. */
enum request keys_request_by_name(const char *name);
const char *keys_request_name(enum request req);
/* A keymap by its configuration name ("caseload"; "global" or "generic"
 * for the keys that work everywhere); -1 if unknown. */
int keys_keymap_by_name(const char *name);
/* A keymap's configuration name ("caseload"); every keymap has one. */
const char *keys_keymap_name(enum keymap map);
/* Binds req on map to keys (key names separated by spaces, "none" for no
 * key), replacing its keys there; the keys are taken from whatever else
 * they did on that screen. Returns 0, -1 with *bad set to the first key
 * name that means no key, or -2 when out of memory. */
int keys_bind(enum keymap map, enum request req, const char *keys,
	      const char **bad, size_t *badlen);
/* Back to the default bindings (frees what keys_bind made). */
void keys_reset(void);

/* The code a key name stands for ("j", "^S", "Enter", "PgDn", "F2");
 * 0 when the name is unknown. Exposed for tests. */
int keys_parse_name(const char *name, size_t len, struct key *out);

#endif
