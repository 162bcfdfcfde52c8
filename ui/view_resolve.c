/* view_resolve.c - the records that need resolving, and resolving one.
 *
 * The resolve screen lists each open conflict of a record (a field changed
 * differently on two computers, or an item edited on one and deleted on
 * the other) with every side's value under it. Enter takes the selected
 * value, e edits one (in $VISUAL / $EDITOR or the built-in editor), and
 * ^S saves all the choices as one commit in the practitioner's name, with
 * the markers gone (src/resolve.c, cb_conflict_resolve in src/merge.c).
 * An item kept against a deletion keeps its edits. Values come from the
 * repository and are drawn sanitised. */
#include "view_resolve.h"
#include "ui.h"
#include "err.h"
#include "i18n.h"
#include "merge.h"
#include "resolve.h"
#include "sanitize.h"
#include "store.h"
#include "sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the list of records ---- */

struct conflicts_view {
	char person[11];   /* only this person's, or "" for everyone */
	char **paths;
	char **labels;     /* safe to draw */
	size_t n;
	struct list l;
	int rows;
};

static void conflicts_clear(struct conflicts_view *cv)
{
	for (size_t i = 0; i < cv->n; i++) {
		free(cv->paths[i]);
		free(cv->labels[i]);
	}
	free(cv->paths);
	free(cv->labels);
	cv->paths = cv->labels = NULL;
	cv->n = 0;
}

struct collect {
	struct tui *t;
	struct conflicts_view *cv;
};

static int collect(const char *path, void *payload)
{
	struct collect *c = payload;
	struct conflicts_view *cv = c->cv;
	char id[11] = "", rec[64] = "";
	int is_record = cb_record_path_parse(path, id, rec) == 0;
	if (!is_record) {
		/* A text a merge kept beside a record:
		 * people/<c0>/<c1>/<id>/<record>.conflict-<hex>. */
		const char *p = strrchr(path, '/');
		if (p && p - path >= 10)
			snprintf(id, sizeof id, "%.10s", p - 10);
		snprintf(rec, sizeof rec, "%s", p ? p + 1 : path);
	}
	if (cv->person[0] && strcmp(cv->person, id) != 0)
		return 0;
	char **np = realloc(cv->paths, (cv->n + 1) * sizeof *np);
	if (np)
		cv->paths = np;
	char **nl = realloc(cv->labels, (cv->n + 1) * sizeof *nl);
	if (nl)
		cv->labels = nl;
	if (!np || !nl)
		return cb_err(CB_ENOMEM, _("out of memory"));
	char *name = id[0] ? ui_person_title(c->t, id) : NULL;
	const struct cb_record_type *type = is_record ? cb_record_type_find(rec) : NULL;
	char *what = cb_sanitize(type ? _(type->label) : rec, CB_SAN_ONELINE);
	char label[512];
	snprintf(label, sizeof label, "%s %s %s%s", name ? name : "", glyph(GL_DASH),
		 what ? what : "", is_record ? "" : _(" (a copy kept by a merge)"));
	free(name);
	free(what);
	cv->paths[cv->n] = strdup(path);
	cv->labels[cv->n] = strdup(label);
	if (!cv->paths[cv->n] || !cv->labels[cv->n]) {
		free(cv->paths[cv->n]);
		free(cv->labels[cv->n]);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	cv->n++;
	return 0;
}

static int conflicts_load(struct view *v)
{
	struct conflicts_view *cv = v->priv;
	conflicts_clear(cv);
	struct collect c = { v->t, cv };
	int rc = cb_sync_conflicts(v->t->ws, collect, &c);
	list_set_count(&cv->l, cv->n);
	snprintf(v->title, sizeof v->title, _("Records that need resolving (%zu)"), cv->n);
	return rc;
}

static void conflicts_draw(struct view *v, int top, int rows)
{
	struct conflicts_view *cv = v->priv;
	cv->rows = rows;
	if (!cv->n) {
		draw_text(top + 1, 2, COLS - 4, _("Nothing needs resolving."));
		return;
	}
	list_scroll(&cv->l, rows);
	for (int r = 0; r < rows; r++) {
		size_t i = cv->l.top + (size_t)r;
		if (i >= cv->n)
			break;
		theme_set(i == cv->l.sel ? TH_SELECTED : TH_NORMAL);
		draw_clear_to(top + r, 0, COLS);
		draw_cell_safe(top + r, 2, COLS - 4, cv->labels[i]);
	}
	theme_set(TH_NORMAL);
}

static int conflicts_request(struct view *v, enum request r)
{
	struct conflicts_view *cv = v->priv;
	if (list_request(&cv->l, r, cv->rows ? cv->rows : 10))
		return 1;
	if (r != REQ_ENTER)
		return 0;
	if (cv->l.sel < cv->n) {
		struct view *rv = view_resolve_open(v->t, cv->paths[cv->l.sel]);
		if (rv)
			tui_push(v->t, rv);
		else
			tui_error(v->t, "%s", cb_err_msg());
	}
	return 1;
}

static void conflicts_resume(struct view *v)
{
	if (conflicts_load(v))
		tui_error(v->t, "%s", cb_err_msg());
}

static void conflicts_done(struct view *v)
{
	struct conflicts_view *cv = v->priv;
	conflicts_clear(cv);
	free(cv);
}

static const struct view_ops conflicts_ops = {
	.name = "conflicts",
	.keymap = KM_GENERIC,
	.request = conflicts_request,
	.draw = conflicts_draw,
	.resume = conflicts_resume,
	.done = conflicts_done,
};

struct view *view_conflicts_open(struct tui *t, const char *person_id)
{
	struct conflicts_view *cv = calloc(1, sizeof *cv);
	struct view *v = cv ? view_new(t, &conflicts_ops, cv) : NULL;
	if (!v) {
		free(cv);
		tui_error(t, "%s", _("out of memory"));
		return NULL;
	}
	if (person_id)
		snprintf(cv->person, sizeof cv->person, "%s", person_id);
	struct view *out = v;
	if (conflicts_load(v)) {
		tui_error(t, "%s", cb_err_msg());
		out = NULL;
	} else if (person_id && cv->n == 0) {
		tui_message(t, "%s", _("Nothing of this person's needs resolving."));
		out = NULL;
	} else if (person_id && cv->n == 1) {
		out = view_resolve_open(t, cv->paths[0]);
		if (!out)
			tui_error(t, "%s", cb_err_msg());
	}
	if (out != v) {
		conflicts_done(v);
		free(v);
	}
	return out;
}

/* ---- resolving one record ---- */

enum row_kind { ROW_HEAD, ROW_VALUE, ROW_KEEP, ROW_DELETE };

struct row {
	enum row_kind kind;
	size_t stanza;
	char *field;   /* the field in conflict (ROW_VALUE) */
	int choice;    /* the alternative, or CB_RESOLVE_KEEP / _DELETE */
	char *value;   /* the alternative's raw text (ROW_VALUE) */
	char *label;   /* raw text to draw (sanitised when drawn) */
};

struct resolve_view {
	struct cb_resolve r;
	char path[512];
	struct row *rows;
	size_t n, nconflicts;
	struct list l;
	int height;
	/* An edited value waiting to be applied when the editor closes. */
	char *edited;
	size_t edit_stanza;
	char *edit_field;
};

static void rows_clear(struct resolve_view *rv)
{
	for (size_t i = 0; i < rv->n; i++) {
		free(rv->rows[i].field);
		free(rv->rows[i].value);
		free(rv->rows[i].label);
	}
	free(rv->rows);
	rv->rows = NULL;
	rv->n = 0;
	rv->nconflicts = 0;
}

static int add_row(struct resolve_view *rv, enum row_kind kind, size_t stanza,
		   const char *field, int choice, const char *value, const char *label)
{
	struct row *nr = realloc(rv->rows, (rv->n + 1) * sizeof *nr);
	if (!nr)
		return CB_ENOMEM;
	rv->rows = nr;
	struct row *r = &rv->rows[rv->n];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->stanza = stanza;
	r->choice = choice;
	r->field = field ? strdup(field) : NULL;
	r->value = value ? strdup(value) : NULL;
	r->label = strdup(label);
	rv->n++;
	if ((field && !r->field) || (value && !r->value) || !r->label)
		return CB_ENOMEM;
	return 0;
}

static int on_conflict(const struct cb_conflict *c, void *payload)
{
	struct resolve_view *rv = payload;
	char where[128], head[512];
	if (c->id)
		snprintf(where, sizeof where, _("item %s"), c->id);
	else
		snprintf(where, sizeof where, "%s", _("the record's header"));
	rv->nconflicts++;
	if (!c->field) {
		snprintf(head, sizeof head, c->id ? _("%s: edited here, deleted elsewhere")
			 : _("%s: the record was edited here and deleted elsewhere"), where);
		if (add_row(rv, ROW_HEAD, c->stanza, NULL, 0, NULL, head) ||
		    add_row(rv, ROW_KEEP, c->stanza, NULL, CB_RESOLVE_KEEP, NULL,
			    c->id ? _("Keep the item, with its edits")
			    : _("Keep the record, with its edits")) ||
		    add_row(rv, ROW_DELETE, c->stanza, NULL, CB_RESOLVE_DELETE, NULL,
			    c->id ? _("Delete the item") : _("Delete the whole record")))
			return CB_ENOMEM;
		return 0;
	}
	snprintf(head, sizeof head, "%s %s %s", c->field, glyph(GL_DASH), where);
	if (add_row(rv, ROW_HEAD, c->stanza, NULL, 0, NULL, head))
		return CB_ENOMEM;
	for (size_t i = 0; i < c->nvalues; i++) {
		char label[4096];
		snprintf(label, sizeof label, "%zu  %s", i + 1,
			 *c->values[i] ? c->values[i] : _("(removed or left empty)"));
		if (add_row(rv, ROW_VALUE, c->stanza, c->field, (int)i, c->values[i], label))
			return CB_ENOMEM;
	}
	return 0;
}

/* The rows again after every choice: stanza indexes may change. */
static int rebuild(struct resolve_view *rv)
{
	size_t sel = rv->l.sel;
	rows_clear(rv);
	int rc = cb_record_conflicts(&rv->r.doc, on_conflict, rv);
	if (rc < 0)
		return cb_err(rc, _("out of memory"));
	list_set_count(&rv->l, rv->n);
	rv->l.sel = sel < rv->n ? sel : 0;
	/* Start on a value, not on a heading. */
	if (rv->l.sel < rv->n && rv->rows[rv->l.sel].kind == ROW_HEAD && rv->l.sel + 1 < rv->n)
		rv->l.sel++;
	return 0;
}

static void apply(struct view *v, size_t stanza, const char *field, int choice,
		  const char *value)
{
	struct resolve_view *rv = v->priv;
	int rc = cb_conflict_resolve(&rv->r.doc, rv->r.type, stanza, field, choice, value);
	if (rc) {
		tui_error(v->t, "%s", cb_err_msg());
		return;
	}
	rv->r.changed = 1;
	if (rebuild(rv)) {
		tui_error(v->t, "%s", cb_err_msg());
		return;
	}
	if (!rv->r.doc.nstanzas)
		tui_message(v->t, "%s", _("Saving (^S) will delete this record."));
	else if (rv->nconflicts)
		tui_message(v->t, ngettext("%zu conflict left; ^S saves when you are done",
					   "%zu conflicts left; ^S saves when you are done",
					   rv->nconflicts), rv->nconflicts);
	else
		tui_message(v->t, "%s", _("All resolved: ^S saves (one commit in your name)."));
}

static void resolve_draw(struct view *v, int top, int rows)
{
	struct resolve_view *rv = v->priv;
	char info[256];
	if (rv->nconflicts)
		snprintf(info, sizeof info,
			 ngettext("%zu conflict to resolve: Enter takes the selected value, "
				  "e edits it, ^S saves",
				  "%zu conflicts to resolve: Enter takes the selected value, "
				  "e edits it, ^S saves", rv->nconflicts), rv->nconflicts);
	else
		snprintf(info, sizeof info, "%s", _("Nothing left to resolve: ^S saves, q leaves"));
	theme_set(TH_DIM);
	draw_text(top, 1, COLS - 2, info);
	theme_set(TH_NORMAL);
	top += 2;
	rows -= 2;
	rv->height = rows;
	if (rows <= 0)
		return;
	list_scroll(&rv->l, rows);
	for (int r = 0; r < rows; r++) {
		size_t i = rv->l.top + (size_t)r;
		if (i >= rv->n)
			break;
		const struct row *row = &rv->rows[i];
		int y = top + r;
		if (row->kind == ROW_HEAD) {
			theme_set(i == rv->l.sel ? TH_SELECTED : TH_HEADER);
			draw_clear_to(y, 0, COLS);
			draw_cell(y, 1, COLS - 2, row->label);
		} else {
			theme_set(i == rv->l.sel ? TH_SELECTED : TH_NORMAL);
			draw_clear_to(y, 0, COLS);
			draw_cell(y, 4, COLS - 5, row->label);
		}
	}
	theme_set(TH_NORMAL);
}

static void edit_done(void *ctx, const char *text)
{
	struct view *v = ctx;
	struct resolve_view *rv = v->priv;
	/* Applied when the editor has closed (resume): the editor hands its
	 * text back more than once. */
	free(rv->edited);
	rv->edited = strdup(text);
}

static void take_edit(struct view *v)
{
	struct resolve_view *rv = v->priv;
	char *text = rv->edited;
	rv->edited = NULL;
	if (!text)
		return;
	/* One value, as a form field holds it: no trailing newline. */
	size_t len = strlen(text);
	while (len && text[len - 1] == '\n')
		text[--len] = '\0';
	apply(v, rv->edit_stanza, rv->edit_field, 0, text);
	free(text);
}

static void edit(struct view *v, const struct row *row)
{
	struct resolve_view *rv = v->priv;
	free(rv->edit_field);
	rv->edit_field = strdup(row->field);
	rv->edit_stanza = row->stanza;
	if (!rv->edit_field) {
		tui_error(v->t, "%s", _("out of memory"));
		return;
	}
	char *out = NULL;
	int rc = editor_external(v->t, row->value, &out);
	if (rc == 0) {
		rv->edited = out;
		take_edit(v);
	} else if (rc == 1) {
		char title[sizeof v->title + 128];
		char *field = cb_sanitize(row->field, CB_SAN_ONELINE);
		snprintf(title, sizeof title, "%s %s %s", v->title, glyph(GL_DASH),
			 field ? field : "");
		free(field);
		tui_push(v->t, view_editor_open(v->t, title, row->value, NULL, edit_done, v));
	}
}

static int save(struct view *v)
{
	struct resolve_view *rv = v->priv;
	if (!rv->r.changed) {
		tui_message(v->t, "%s", _("Nothing chosen yet."));
		return 0;
	}
	if (cb_resolve_save(v->t->ws, &rv->r)) {
		tui_error(v->t, "%s", cb_err_msg());
		return -1;
	}
	tui_message(v->t, "%s", _("Saved the resolution (one commit in your name)."));
	return 0;
}

static int resolve_request(struct view *v, enum request r)
{
	struct resolve_view *rv = v->priv;
	if (list_request(&rv->l, r, rv->height ? rv->height : 10))
		return 1;
	const struct row *row = rv->l.sel < rv->n ? &rv->rows[rv->l.sel] : NULL;
	switch (r) {
	case REQ_ENTER:
		if (!row || row->kind == ROW_HEAD) {
			tui_message(v->t, "%s", _("Choose one of the values under the heading."));
			return 1;
		}
		if (row->kind == ROW_VALUE)
			apply(v, row->stanza, row->field, row->choice, NULL);
		else
			apply(v, row->stanza, CB_CONFLICT_DELETED, row->choice, NULL);
		return 1;
	case REQ_EDIT:
		if (!row || row->kind != ROW_VALUE)
			tui_message(v->t, "%s", _("Select one of a field's values to edit it."));
		else
			edit(v, row);
		return 1;
	case REQ_SAVE:
		if (save(v) == 0 && !rv->r.changed)
			tui_close_top(v->t);
		return 1;
	default:
		return 0;
	}
}

static void resolve_resume(struct view *v)
{
	take_edit(v);
}

static int resolve_leave(struct view *v)
{
	struct resolve_view *rv = v->priv;
	if (!rv->r.changed)
		return 1;
	int a = tui_ask(v->t, _("Save the choices made? y saves, n throws them away, Esc stays"),
			"yn");
	if (a == 'n')
		return 1;
	if (a == 'y')
		return cb_resolve_save(v->t->ws, &rv->r) == 0 ||
		       (tui_error(v->t, "%s", cb_err_msg()), 0);
	return 0;
}

static void resolve_done(struct view *v)
{
	struct resolve_view *rv = v->priv;
	rows_clear(rv);
	cb_resolve_free(&rv->r);
	free(rv->edited);
	free(rv->edit_field);
	free(rv);
}

static const struct view_ops resolve_ops = {
	.name = "resolve",
	.keymap = KM_RESOLVE,
	.request = resolve_request,
	.draw = resolve_draw,
	.resume = resolve_resume,
	.leave = resolve_leave,
	.done = resolve_done,
};

struct view *view_resolve_open(struct tui *t, const char *path)
{
	struct resolve_view *rv = calloc(1, sizeof *rv);
	struct view *v = rv ? view_new(t, &resolve_ops, rv) : NULL;
	if (!v) {
		free(rv);
		cb_err(CB_ENOMEM, _("out of memory"));
		return NULL;
	}
	snprintf(rv->path, sizeof rv->path, "%s", path);
	if (cb_resolve_open(t->ws, path, &rv->r) || rebuild(rv)) {
		resolve_done(v);
		free(v);
		return NULL;
	}
	char *name = ui_person_title(t, rv->r.person);
	snprintf(v->title, sizeof v->title, _("Resolve: %s %s %s"), name ? name : "",
		 glyph(GL_DASH), _(rv->r.type->label));
	free(name);
	if (!rv->nconflicts)
		tui_message(t, "%s", _("This record has nothing left to resolve."));
	return v;
}

/* ---- from a record's screen ---- */

struct find_path {
	const char *want;
	int found;
};

static int find_path(const char *path, void *payload)
{
	struct find_path *fp = payload;
	if (strcmp(path, fp->want) == 0)
		fp->found = 1;
	return 0;
}

int ui_resolve_request(struct view *v, enum request r, const char *person,
		       const struct cb_record_type *type)
{
	if (r != REQ_RESOLVE)
		return 0;
	char path[512];
	struct find_path fp = { path, 0 };
	if (!type || cb_record_path(path, sizeof path, person, type->name) ||
	    cb_sync_conflicts(v->t->ws, find_path, &fp)) {
		tui_error(v->t, "%s", cb_err_msg());
		return 1;
	}
	if (!fp.found) {
		tui_message(v->t, "%s", _("Nothing in this record needs resolving."));
		return 1;
	}
	struct view *rv = view_resolve_open(v->t, path);
	if (rv)
		tui_push(v->t, rv);
	else
		tui_error(v->t, "%s", cb_err_msg());
	return 1;
}
