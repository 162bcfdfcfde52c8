/* ui.h - what the workbench's screens and widgets share.
 *
 * The workbench is a stack of views, as in tig: the caseload at the
 * bottom, then a person, then their chronology, then a form. Each view is
 * a table of callbacks (struct view_ops); the event loop in tui.c draws
 * the top view, reads a key, offers it to the view raw (for typing into
 * forms), then as a request through the view's keymap and the generic
 * one, and handles what the view passes back (going back, help, quit).
 *
 * ui/ knows nothing of git or SQL: it calls the workspace, index, search
 * and form functions of src/ and db/. Every string that came from a
 * record or the index is drawn through draw_text/draw_cell, which
 * sanitise it first. */
#ifndef CASEBOOK_UI_H
#define CASEBOOK_UI_H

/* The wide-character curses interface (ncursesw): names such as Zoë and
 * Nguyễn are drawn as characters with their display width, not bytes. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stddef.h>
#include <wchar.h>

#include "cli.h"
#include "i18n.h"
#include "keys.h"
#include "tui.h"

struct tui;
struct view;

struct view_ops {
	const char *name;
	enum keymap keymap;
	/* Offered every key first (typing into a form); 1 when consumed. */
	int (*key)(struct view *v, const struct key *k);
	/* A request from the keymaps; 1 when handled, 0 passes it on. */
	int (*request)(struct view *v, enum request r);
	/* Draws the body: rows top .. top + rows - 1, all columns. */
	void (*draw)(struct view *v, int top, int rows);
	/* About once a second, for every view on the stack (autosave). */
	void (*tick)(struct view *v);
	/* On top again after the view above it closed: reload. */
	void (*resume)(struct view *v);
	/* May the view close? Forms ask about unsaved changes. 1 = yes. */
	int (*leave)(struct view *v);
	/* Frees the view's state. */
	void (*done)(struct view *v);
	/* Where the terminal cursor belongs (forms, editors): 1 and y, x. */
	int (*cursor)(struct view *v, int *y, int *x);
};

struct view {
	const struct view_ops *ops;
	struct tui *t;
	void *priv;
	char title[256]; /* already safe to draw */
};

/* ---- tui.c: the event loop, the stack, the status line ---- */

#define TUI_MAX_DEPTH 16

struct prompt;

struct tui {
	struct cli *cli;
	struct cb_ws *ws;
	struct view *stack[TUI_MAX_DEPTH];
	int depth;
	char msg[512];
	int msg_error;
	int quit;
	char who[256];          /* "Sam Patel" for the status line */
	struct prompt *prompt;  /* the search line, when open */
	int exit_after_draw;
	int flushing;           /* a signal came: views write drafts now */
	char saved_item[48];    /* Id of the item a form just saved, for the
				 * view below to select on resume */
	struct sync_bg *sync;   /* a sync running in the background (sync_bg.c) */
};

/* Pushes a view made by one of the view_*_open functions (takes it). */
int tui_push(struct tui *t, struct view *v);
/* Closes the top view if its leave() agrees; 1 when closed. */
int tui_close_top(struct tui *t);
/* A new view (title set later); NULL when out of memory. */
struct view *view_new(struct tui *t, const struct view_ops *ops, void *priv);

/* The status line message (replaced by the next one). */
void tui_message(struct tui *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void tui_error(struct tui *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A question on the status line, answered by one of the keys in answers
 * (e.g. "ync"). Returns the key, or 0 for no decision (Esc, ^C, or a
 * signal telling the workbench to stop): never treat 0 as "discard". */
int tui_ask(struct tui *t, const char *question, const char *answers);
/* A list to pick one line from, over the current screen. Returns the
 * index chosen or -1. items are drawn sanitised. */
long tui_pick(struct tui *t, const char *title, const char *const *items,
	      size_t n, size_t current);

/* The search line at the bottom: on_change runs on every keystroke,
 * on_done once with accepted 1 (Enter) or 0 (Esc). */
typedef void (*prompt_change_fn)(void *ctx, const char *text);
typedef void (*prompt_done_fn)(void *ctx, const char *text, int accepted);
int tui_prompt(struct tui *t, const char *label, const char *initial,
	       prompt_change_fn on_change, prompt_done_fn on_done, void *ctx);

/* Leaves curses for a child program on the terminal ($EDITOR) and
 * comes back. */
void tui_suspend(struct tui *t);
void tui_resume(struct tui *t);

/* Reads one key (or returns 0 after timeout_ms with no key). A resize is
 * reported as the function key KEY_RESIZE. */
int tui_read_key(struct tui *t, struct key *k, int timeout_ms);
/* Draws the whole screen: the top view, its title and the status line. */
void tui_draw(struct tui *t);

/* ---- userconf.c: the user's keys and colours ---- */

struct cb_conf;
/* Applies a parsed configuration to the key bindings and the theme.
 * Returns 0, or -1 with err set to "FILE:LINE: what is wrong". */
int ui_config_apply(const struct cb_conf *c, char *err, size_t size);
/* Reads the user's configuration file (cb_conf_default_path) and applies
 * it; a missing file is no change. */
int ui_config_load(char *err, size_t size);
/* How the caseload is sorted when the workbench opens ([caseload] sort
 * and reverse in the configuration file): worst alert first unless the
 * user says otherwise. */
void ui_config_caseload_sort(int *col, int *reverse);

/* ---- theme.c: colours and glyphs ---- */

enum theme_item {
	TH_NORMAL, TH_TITLE, TH_STATUS, TH_SELECTED, TH_HEADER, TH_ERROR,
	TH_WARN, TH_OK, TH_DIM, TH_MATCH, TH_FIELD, TH_FIELD_FOCUS, TH_LABEL,
	TH__COUNT
};
void theme_init(void);
attr_t theme_attr(enum theme_item item);
int theme_pair(enum theme_item item);
void theme_set(enum theme_item item); /* attrset with the item's colour */
/* The user's configuration ([color] in doc/config.md): an item by name
 * ("title") or -1, and setting one from "bold yellow blue" (attributes,
 * then the text's and the background's colour). Before theme_init. Returns
 * 0, or -1 with why (translated) filled. */
int theme_item_by_name(const char *name);
int theme_configure(enum theme_item item, const char *value, char *why, size_t size);

enum glyph {
	GL_ELLIPSIS, GL_CHECK, GL_EMPTY, GL_UP, GL_DOWN, GL_NEWLINE, GL_TAB,
	GL_WARN, GL_DASH, GL__COUNT
};
/* A glyph as UTF-8, or its ASCII fallback when the locale cannot show it. */
const char *glyph(enum glyph g);
int theme_utf8(void);

/* ---- draw.c: text on the screen ---- */

/* Display width of (already safe) UTF-8 text. */
int text_width(const char *s);
/* Draws safe UTF-8 text at y, x in at most width columns; returns the
 * columns used. Ends with an ellipsis when cut. */
int draw_text(int y, int x, int width, const char *safe);
/* Sanitises raw text (from a record or the index) to one line, draws it
 * and pads with spaces to width. */
int draw_cell(int y, int x, int width, const char *raw);
/* The same for text already safe. */
int draw_cell_safe(int y, int x, int width, const char *safe);
/* Fills the rest of row y from x with spaces in the current attribute. */
void draw_clear_to(int y, int x, int width);

/* Wraps safe UTF-8 text to width columns, calling fn for each line. */
typedef void (*wrap_fn)(void *ctx, const char *line, size_t len);
void text_wrap(const char *safe, int width, wrap_fn fn, void *ctx);

/* ---- list.c: the selection in a list of rows ---- */

struct list {
	size_t n;    /* rows */
	size_t sel;  /* the selected row */
	size_t top;  /* the first row shown */
};
/* Moves the selection for the movement requests; 1 if r was one. */
int list_request(struct list *l, enum request r, int rows);
/* Keeps the selection on screen in a window of rows rows. */
void list_scroll(struct list *l, int rows);
void list_set_count(struct list *l, size_t n);

/* ---- the views ---- */

struct view *view_caseload_open(struct tui *t);

struct view *view_person_open(struct tui *t, const char *person_id);
/* The team's alerts (team NULL: everyone); ui/view_alerts.c. */
struct view *view_alerts_open(struct tui *t, const char *team);
/* access_ui.c: opens a person's screen, logging the access (asking for a
 * reason first when the policy wants one). */
void ui_open_person(struct tui *t, const char *person_id);
/* privacy.c: no core dumps and a SIGTSTP handler (at start); the screen
 * wiped (before endwin); suspending on ^Z or SIGTSTP with the screen wiped
 * and redrawn on resume. */
void ui_privacy_start(void);
void ui_privacy_wipe(void);
int ui_privacy_suspend_asked(const struct key *k, int got);
void ui_privacy_suspend(void);
struct view *view_chronology_open(struct tui *t, const char *person_id);
struct view *view_genogram_open(struct tui *t, const char *person_id);
struct view *view_plan_open(struct tui *t, const char *person_id);
/* A child's plans (the plan record): current first, with actions and meetings. */
struct view *view_child_plans_open(struct tui *t, const char *person_id);
/* A read-only text: title and body (raw text, sanitised here). */
struct view *view_pager_open(struct tui *t, const char *title, const char *text);
/* The same, with lines starting "## " drawn as headings. */
struct view *view_pager_open_help(struct tui *t, const char *title, const char *text);
/* The keys of a keymap (and the generic ones). */
struct view *view_help_open(struct tui *t, enum keymap map);

/* A form on one stanza (see src/forms.h). kind NULL: the header; item_id
 * NULL: a new item. focus names the field to start on, or NULL. */
struct view *view_form_open(struct tui *t, const char *person_id,
			    const char *record, const char *kind,
			    const char *item_id, const char *focus);

/* A form on a new item that belongs to another: link_field (e.g. Plan)
 * is set to link_id when it is saved (see cb_form_link). */
struct view *view_form_open_linked(struct tui *t, const char *person_id,
				   const char *record, const char *kind,
				   const char *link_field, const char *link_id);

/* The built-in multi-line editor: edits text; on EDITOR_DONE calls
 * done(ctx, text) with the result; on the way calls update(ctx, text)
 * about once a second with the text so far (for drafts). */
typedef void (*editor_fn)(void *ctx, const char *text);
struct view *view_editor_open(struct tui *t, const char *title, const char *text,
			      editor_fn update, editor_fn done, void *ctx);
/* Runs $VISUAL or $EDITOR on text in a private file of the workspace.
 * Returns 0 with *out (malloc'd), 1 when neither is set, or -1 with a
 * message on the status line. */
int editor_external(struct tui *t, const char *text, char **out);

/* A person's name for titles (safe to draw); malloc'd. */
char *ui_person_title(struct tui *t, const char *person_id);
/* "3 members, 2 relationships", each count with its own plural form. */
void ui_family_counts(char *out, size_t n, size_t members, size_t relationships);

#endif
