/* view_chronology.c - a child's chronology as a table sorted by the date
 * of the event (not the date it was typed in), with filters by category
 * and significance, search, the whole entry on Enter, and entries added
 * and edited through the form. */
#include "ui.h"
#include "history_ui.h"
#include "view_resolve.h"
#include "export_ui.h"
#include "err.h"
#include "i18n.h"
#include "record.h"
#include "sanitize.h"
#include "search.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct chron_view {
	char id[11];
	const struct cb_record_type *type;
	struct cb_doc doc;
	size_t *rows;           /* stanza indices shown, in date order */
	size_t nrows;
	struct list l;
	int body;
	long category;          /* index in the Category choices, or -1 */
	const char *significance; /* "high", "medium", "low" or NULL */
	char *term;             /* search */
	char (*matches)[48];    /* ids of entries matching term, sorted */
	size_t nmatches, capmatches;
};

static const struct cb_field_def *field_def(struct chron_view *cv, const char *name)
{
	return cb_stanza_def_field(&cv->type->items[0], name);
}

static const char *get(struct chron_view *cv, size_t i, const char *name)
{
	const char *v = cb_stanza_get(&cv->doc.stanzas[i], name);
	return v ? v : "";
}

static struct chron_view *sorting;

static int by_date(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(get(sorting, a, "Date"), get(sorting, b, "Date"));
	return c ? c : strcmp(get(sorting, a, "Id"), get(sorting, b, "Id"));
}

static void set_title(struct view *v)
{
	struct chron_view *cv = v->priv;
	char *who = ui_person_title(v->t, cv->id);
	char filt[160] = "";
	const struct cb_field_def *cat = field_def(cv, "Category");
	if (cv->category >= 0 && cat)
		snprintf(filt, sizeof filt, _("  category: %s"), cat->choices[cv->category]);
	if (cv->significance) {
		size_t n = strlen(filt);
		snprintf(filt + n, sizeof filt - n, _("  significance: %s"), cv->significance);
	}
	snprintf(v->title, sizeof v->title, _("Chronology %s %s (%zu)%s"), glyph(GL_DASH),
		 who ? who : cv->id, cv->nrows, filt);
	free(who);
}

static void build_rows(struct view *v, const char *keep_id)
{
	struct chron_view *cv = v->priv;
	const struct cb_field_def *cat = field_def(cv, "Category");
	cv->nrows = 0;
	for (size_t i = 1; i < cv->doc.nstanzas; i++) {
		if (cv->category >= 0 && cat &&
		    strcmp(get(cv, i, "Category"), cat->choices[cv->category]) != 0)
			continue;
		if (cv->significance && strcmp(get(cv, i, "Significance"), cv->significance) != 0)
			continue;
		cv->rows[cv->nrows++] = i;
	}
	sorting = cv;
	qsort(cv->rows, cv->nrows, sizeof *cv->rows, by_date);
	sorting = NULL;
	list_set_count(&cv->l, cv->nrows);
	/* Back on the same entry; a fresh list starts at the newest. */
	cv->l.sel = cv->nrows ? cv->nrows - 1 : 0;
	for (size_t r = 0; keep_id && r < cv->nrows; r++)
		if (strcmp(get(cv, cv->rows[r], "Id"), keep_id) == 0)
			cv->l.sel = r;
	list_scroll(&cv->l, cv->body ? cv->body : 10);
	set_title(v);
}

static const char *selected_id(struct chron_view *cv)
{
	return cv->nrows ? get(cv, cv->rows[cv->l.sel], "Id") : NULL;
}

static int load(struct view *v)
{
	struct chron_view *cv = v->priv;
	char keep[48] = "";
	if (selected_id(cv))
		snprintf(keep, sizeof keep, "%s", selected_id(cv));
	cb_doc_free(&cv->doc);
	int exists = 0;
	int rc = cb_ws_read(v->t->ws, NULL, cv->id, cv->type, &cv->doc, &exists);
	if (rc) {
		memset(&cv->doc, 0, sizeof cv->doc);
		return rc;
	}
	free(cv->rows);
	cv->rows = malloc((cv->doc.nstanzas ? cv->doc.nstanzas : 1) * sizeof *cv->rows);
	if (!cv->rows)
		return cb_err(CB_ENOMEM, _("out of memory"));
	build_rows(v, keep[0] ? keep : NULL);
	return 0;
}

static int matches(struct chron_view *cv, size_t stanza)
{
	const char *id = get(cv, stanza, "Id");
	for (size_t i = 0; i < cv->nmatches; i++)
		if (strcmp(cv->matches[i], id) == 0)
			return 1;
	return 0;
}

static void draw(struct view *v, int top, int rows)
{
	struct chron_view *cv = v->priv;
	int wd = 11, wc = COLS >= 100 ? 18 : 14, ws = 6;
	int we = COLS - 1 - wd - wc - ws - 6;
	theme_set(TH_HEADER);
	draw_clear_to(top, 0, COLS);
	int x = 1;
	draw_text(top, x, wd, _("Date"));
	x += wd + 2;
	draw_text(top, x, wc, _("Category"));
	x += wc + 2;
	draw_text(top, x, ws, _("Sig."));
	x += ws + 2;
	draw_text(top, x, we, _("Event"));
	theme_set(TH_NORMAL);
	rows--;
	cv->body = rows;
	if (!cv->nrows) {
		draw_text(top + 2, 2, COLS - 4, cv->doc.nstanzas > 1
			  ? _("No entries match the filter; x shows them all.")
			  : _("No entries yet; a adds one."));
		return;
	}
	list_scroll(&cv->l, rows);
	for (int r = 0; r < rows; r++) {
		size_t i = cv->l.top + (size_t)r;
		if (i >= cv->nrows)
			break;
		size_t s = cv->rows[i];
		int y = top + 1 + r, sel = i == cv->l.sel;
		int hit = cv->nmatches && matches(cv, s);
		theme_set(sel ? TH_SELECTED : hit ? TH_MATCH : TH_NORMAL);
		draw_clear_to(y, 0, COLS);
		x = 1;
		char date[64];
		snprintf(date, sizeof date, "%s%s", get(cv, s, "Date"),
			 strcmp(get(cv, s, "Date-Approximate"), "yes") == 0 ? "~" : "");
		draw_cell(y, x, wd, date);
		x += wd + 2;
		draw_cell(y, x, wc, get(cv, s, "Category"));
		x += wc + 2;
		if (!sel && !hit && strcmp(get(cv, s, "Significance"), "high") == 0)
			theme_set(TH_WARN);
		draw_cell(y, x, ws, get(cv, s, "Significance"));
		theme_set(sel ? TH_SELECTED : hit ? TH_MATCH : TH_NORMAL);
		x += ws + 2;
		char *first = cb_sanitize_first_line(get(cv, s, "Event"));
		draw_cell_safe(y, x, we, first ? first : "");
		free(first);
		theme_set(TH_NORMAL);
	}
}

/* The whole entry as text for the pager: every field, labelled, long
 * text on lines of its own; fields this version does not know too. */
static void show_entry(struct view *v)
{
	struct chron_view *cv = v->priv;
	if (!cv->nrows)
		return;
	const struct cb_stanza *s = &cv->doc.stanzas[cv->rows[cv->l.sel]];
	const struct cb_stanza_def *sd = &cv->type->items[0];
	struct cb_sb sb = CB_SB_INIT;
	for (size_t f = 0; f < sd->nfields; f++) {
		const struct cb_field_def *fd = &sd->fields[f];
		const char *val = cb_stanza_get(s, fd->name);
		if (!val || !*val || strcmp(fd->name, "Id") == 0)
			continue;
		if (fd->type == CB_FT_LONGTEXT)
			cb_sb_addf(&sb, "\n%s:\n%s\n", _(fd->label), val);
		else
			cb_sb_addf(&sb, "%s: %s\n", _(fd->label), val);
	}
	for (size_t f = 0; f < s->nfields; f++)
		if (!cb_stanza_def_field(sd, s->fields[f].name))
			cb_sb_addf(&sb, "%s: %s\n", s->fields[f].name, s->fields[f].value);
	cb_sb_addf(&sb, "\n%s: %s\n", _("Id"), cb_stanza_get(s, "Id") ? cb_stanza_get(s, "Id") : "");
	char title[300];
	snprintf(title, sizeof title, _("Chronology entry %s"), cb_stanza_get(s, "Date")
		 ? cb_stanza_get(s, "Date") : "");
	if (!cb_sb_failed(&sb))
		tui_push(v->t, view_pager_open(v->t, title, sb.buf));
	cb_sb_free(&sb);
}

static int add_match(const char *entry_id, void *ctx)
{
	struct chron_view *cv = ctx;
	if (cv->nmatches == cv->capmatches) {
		size_t cap = cv->capmatches ? cv->capmatches * 2 : 32;
		void *nv = realloc(cv->matches, cap * sizeof *cv->matches);
		if (!nv)
			return cb_err(CB_ENOMEM, _("out of memory"));
		cv->matches = nv;
		cv->capmatches = cap;
	}
	snprintf(cv->matches[cv->nmatches++], sizeof cv->matches[0], "%s", entry_id);
	return 0;
}

/* Moves to the next (dir 1) or previous (-1) matching row; with
 * include 1 the current row counts. */
static int jump(struct chron_view *cv, int dir, int include)
{
	if (!cv->nrows || !cv->nmatches)
		return 0;
	for (size_t step = include ? 0 : 1; step < cv->nrows + (include ? 0 : 1); step++) {
		size_t r = dir > 0 ? (cv->l.sel + step) % cv->nrows
				   : (cv->l.sel + cv->nrows - step % cv->nrows) % cv->nrows;
		if (matches(cv, cv->rows[r])) {
			cv->l.sel = r;
			list_scroll(&cv->l, cv->body ? cv->body : 10);
			return 1;
		}
	}
	return 0;
}

static void search_change(void *ctx, const char *text)
{
	struct view *v = ctx;
	struct chron_view *cv = v->priv;
	cv->nmatches = 0;
	free(cv->term);
	cv->term = strdup(text);
	if (cb_search_entries(&v->t->ws->index, cv->id, text, add_match, cv))
		tui_error(v->t, "%s", cb_err_msg());
	else if (*text && !jump(cv, 1, 1))
		tui_message(v->t, "%s", _("Not found"));
}

static void search_done(void *ctx, const char *text, int accepted)
{
	struct view *v = ctx;
	struct chron_view *cv = v->priv;
	if (!accepted) {
		cv->nmatches = 0;
		free(cv->term);
		cv->term = NULL;
	} else if (*text) {
		tui_message(v->t, ngettext("%zu entry matches; n and N move between matches",
					   "%zu entries match; n and N move between them",
					   cv->nmatches), cv->nmatches);
	}
}

static int request(struct view *v, enum request r)
{
	struct chron_view *cv = v->priv;
	if (list_request(&cv->l, r, cv->body ? cv->body : 10))
		return 1;
	const struct cb_field_def *cat = field_def(cv, "Category");
	switch (r) {
	case REQ_ENTER:
		show_entry(v);
		return 1;
	case REQ_ADD:
		tui_push(v->t, view_form_open(v->t, cv->id, "chronology", "entry", NULL, NULL));
		return 1;
	case REQ_EDIT:
		if (cv->nrows)
			tui_push(v->t, view_form_open(v->t, cv->id, "chronology", "entry",
						      selected_id(cv), NULL));
		return 1;
	case REQ_FILTER_CATEGORY: {
		if (!cat)
			return 1;
		const char *items[64];
		size_t n = 0;
		items[n++] = _("(every category)");
		for (size_t i = 0; cat->choices[i] && n < 64; i++)
			items[n++] = cat->choices[i];
		long pick = tui_pick(v->t, _("Show which category?"), items, n,
				     (size_t)(cv->category + 1));
		if (pick >= 0) {
			char keep[48] = "";
			if (selected_id(cv))
				snprintf(keep, sizeof keep, "%s", selected_id(cv));
			cv->category = pick - 1;
			build_rows(v, keep);
		}
		return 1;
	}
	case REQ_FILTER_SIGNIFICANCE: {
		static const char *const cycle[] = { "high", "medium", "low", NULL };
		size_t k = 0;
		while (cv->significance && cycle[k] && strcmp(cycle[k], cv->significance) != 0)
			k++;
		cv->significance = cv->significance ? cycle[k + 1] : cycle[0];
		char keep[48] = "";
		if (selected_id(cv))
			snprintf(keep, sizeof keep, "%s", selected_id(cv));
		build_rows(v, keep);
		return 1;
	}
	case REQ_FILTER_CLEAR: {
		char keep[48] = "";
		if (selected_id(cv))
			snprintf(keep, sizeof keep, "%s", selected_id(cv));
		cv->category = -1;
		cv->significance = NULL;
		build_rows(v, keep);
		return 1;
	}
	case REQ_SEARCH:
		tui_prompt(v->t, "/", NULL, search_change, search_done, v);
		return 1;
	case REQ_NEXT:
	case REQ_PREV:
		if (!cv->nmatches)
			tui_message(v->t, "%s", cv->term ? _("Not found") : _("No search yet: / searches"));
		else
			jump(cv, r == REQ_NEXT ? 1 : -1, 0);
		return 1;
	default:
		return ui_history_request(v, r, cv->id, cv->type) ||
		       ui_resolve_request(v, r, cv->id, cv->type) ||
		       ui_export_request(v, r, cv->id);
	}
}

static void resume(struct view *v)
{
	struct chron_view *cv = v->priv;
	if (load(v))
		tui_error(v->t, "%s", cb_err_msg());
	/* On the entry just saved, so the user sees it. */
	if (v->t->saved_item[0]) {
		build_rows(v, v->t->saved_item);
		v->t->saved_item[0] = '\0';
	}
	/* The index has the saved entry now: search it again. */
	if (cv->term && *cv->term) {
		char *term = strdup(cv->term);
		cv->nmatches = 0;
		if (term)
			cb_search_entries(&v->t->ws->index, cv->id, term, add_match, cv);
		free(term);
	}
}

static void done(struct view *v)
{
	struct chron_view *cv = v->priv;
	cb_doc_free(&cv->doc);
	free(cv->rows);
	free(cv->term);
	free(cv->matches);
	free(cv);
}

static const struct view_ops chronology_ops = {
	.name = "chronology",
	.keymap = KM_CHRONOLOGY,
	.request = request,
	.draw = draw,
	.resume = resume,
	.done = done,
};

struct view *view_chronology_open(struct tui *t, const char *person_id)
{
	struct chron_view *cv = calloc(1, sizeof *cv);
	struct view *v = cv ? view_new(t, &chronology_ops, cv) : NULL;
	if (!v) {
		free(cv);
		tui_error(t, "%s", _("out of memory"));
		return NULL;
	}
	snprintf(cv->id, sizeof cv->id, "%s", person_id);
	cv->type = cb_record_type_find("chronology");
	cv->category = -1;
	if (!cv->type || load(v)) {
		tui_error(t, "%s", cb_err_msg());
		done(v);
		free(v);
		return NULL;
	}
	return v;
}
