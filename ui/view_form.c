/* view_form.c - the one form engine: any stanza of any record type.
 *
 * The fields, their order, labels, help and types come from the record
 * type's table (db/schema_types.c) through the form model (src/forms.c):
 * text, long text, dates and ids are typed into a line editor; choices
 * and genogram member references are picked. Each field is checked as it
 * changes and its problem shown beside it; the whole record is checked
 * again before it is saved as one commit in the practitioner's name.
 *
 * Nothing typed is lost: a draft is written to drafts.sqlite a moment
 * after typing stops (and at least every few seconds while it goes on),
 * before $EDITOR starts, when a save fails, and when the workbench is
 * told to stop. Opening the same form again offers the draft back. */
#include "ui.h"
#include "history_ui.h"
#include "lineedit.h"
#include "err.h"
#include "forms.h"
#include "i18n.h"
#include "sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A draft is written this long after the last change, and at least this
 * often while changes keep coming. */
#define DRAFT_QUIET_MS 1500
#define DRAFT_MAX_MS 5000

struct form_view {
	struct cb_form form;
	struct lineedit *le;   /* one per field (unused for choices) */
	size_t focus;
	int scroll;            /* first form row shown */
	char *person_name;     /* raw, for the commit summary */
	int draft_pending;     /* changed since the draft was written */
	struct timespec changed_at, draft_at;
	char draft_note[96];
	int cy, cx;            /* cursor, from the last draw */
	int keep_draft;        /* an old draft was neither restored nor refused */
	int collecting;        /* hands the values to collect.done, saves nothing */
	struct form_collect collect;
	char typed[32];        /* letters typed on a choice field, for type-ahead */
	size_t typed_field;
};

static long ms_since(const struct timespec *a)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - a->tv_sec) * 1000 + (now.tv_nsec - a->tv_nsec) / 1000000;
}

static int is_choice(const struct cb_form_field *ff)
{
	return ff->def->type == CB_FT_CHOICE || ff->def->type == CB_FT_MEMBER_REF;
}

static void changed(struct form_view *fv)
{
	fv->keep_draft = 0;
	if (!fv->draft_pending)
		clock_gettime(CLOCK_MONOTONIC, &fv->draft_at);
	fv->draft_pending = 1;
	clock_gettime(CLOCK_MONOTONIC, &fv->changed_at);
}

/* The line editor's text into the model (which checks it). */
static void take_line(struct form_view *fv, size_t i)
{
	char *v = le_get(&fv->le[i]);
	if (v) {
		cb_form_set(&fv->form, i, v);
		free(v);
	}
	changed(fv);
}

/* The model's value into the line editor (after a pick, a clear, a
 * restored draft or $EDITOR). */
static void sync_line(struct form_view *fv, size_t i)
{
	le_set(&fv->le[i], fv->form.f[i].value);
}

static int write_draft(struct view *v)
{
	struct form_view *fv = v->priv;
	char *text = cb_form_draft_text(&fv->form);
	char base[GIT_OID_HEXSZ + 1];
	git_oid_tostr(base, sizeof base, &fv->form.base);
	int rc = text ? cb_drafts_put(&v->t->ws->drafts, fv->form.key, text, base)
		      : cb_err(CB_ENOMEM, _("out of memory"));
	free(text);
	if (rc) {
		tui_error(v->t, _("Cannot keep a draft: %s"), cb_err_msg());
		return rc;
	}
	fv->draft_pending = 0;
	clock_gettime(CLOCK_MONOTONIC, &fv->draft_at);
	time_t now = time(NULL);
	struct tm tm;
	char hm[16] = "";
	if (localtime_r(&now, &tm))
		strftime(hm, sizeof hm, "%H:%M:%S", &tm);
	snprintf(fv->draft_note, sizeof fv->draft_note, _("Draft saved %s"), hm);
	return 0;
}

static void tick(struct view *v)
{
	struct form_view *fv = v->priv;
	if (!fv->draft_pending)
		return;
	if (v->t->flushing || ms_since(&fv->changed_at) >= DRAFT_QUIET_MS ||
	    ms_since(&fv->draft_at) >= DRAFT_MAX_MS)
		write_draft(v);
}

static void drop_draft(struct view *v)
{
	struct form_view *fv = v->priv;
	cb_drafts_drop(&v->t->ws->drafts, fv->form.key);
	fv->draft_pending = 0;
	fv->draft_note[0] = '\0';
}

/* ---- layout ---- */

static int label_width(const struct form_view *fv)
{
	int w = 8;
	for (size_t i = 0; i < fv->form.n; i++) {
		int lw = text_width(_(fv->form.f[i].def->label)) + 2;
		if (lw > w)
			w = lw;
	}
	return w < COLS / 3 ? w : COLS / 3;
}

/* Form rows: one per field, plus one under a field with a problem. */
static int field_row(const struct form_view *fv, size_t i)
{
	int row = 0;
	for (size_t k = 0; k < i; k++)
		row += 1 + (fv->form.f[k].err[0] ? 1 : 0);
	return row;
}

static void draw_value(struct form_view *fv, size_t i, int y, int x, int w, int focus)
{
	struct cb_form_field *ff = &fv->form.f[i];
	theme_set(focus ? TH_FIELD_FOCUS : TH_FIELD);
	if (is_choice(ff)) {
		const char *shown = cb_form_shown(&fv->form, i);
		char *safe = cb_sanitize(*shown ? shown : _("(none)"), CB_SAN_ONELINE);
		char buf[512];
		snprintf(buf, sizeof buf, focus ? "< %s >" : "  %s  ", safe ? safe : "");
		free(safe);
		draw_cell_safe(y, x, w < text_width(buf) ? w : text_width(buf), buf);
		theme_set(TH_NORMAL);
		if (focus && w > text_width(buf) + 4) {
			theme_set(TH_DIM);
			draw_text(y, x + text_width(buf) + 2, w - text_width(buf) - 2,
				  _("Space/Left/Right or a letter to change"));
			theme_set(TH_NORMAL);
		}
		return;
	}
	if (focus) {
		le_draw(&fv->le[i], y, x, w, &fv->cx);
		fv->cy = y;
	} else {
		char *safe = cb_sanitize_first_line(ff->value);
		draw_cell_safe(y, x, w, safe ? safe : "");
		free(safe);
	}
	theme_set(TH_NORMAL);
}

struct preview {
	int y, x, w, rows, used;
};

static void preview_line(void *ctx, const char *line, size_t len)
{
	struct preview *p = ctx;
	if (p->used >= p->rows)
		return;
	char buf[1024];
	if (len >= sizeof buf)
		len = sizeof buf - 1;
	memcpy(buf, line, len);
	buf[len] = '\0';
	draw_text(p->y + p->used, p->x, p->w, buf);
	p->used++;
}

static void draw(struct view *v, int top, int rows)
{
	struct form_view *fv = v->priv;
	struct cb_form *f = &fv->form;
	int lw = label_width(fv);
	int vx = 1 + lw + 1, vw = COLS - vx - 1;
	int foot = rows >= 14 ? 5 : 2;
	int body = rows - foot;
	fv->cy = fv->cx = -1;

	/* Keep the focused field, and its problem line, in view. */
	int fr = field_row(fv, fv->focus);
	int fh = 1 + (f->f[fv->focus].err[0] ? 1 : 0);
	if (fr < fv->scroll)
		fv->scroll = fr;
	if (fr + fh > fv->scroll + body)
		fv->scroll = fr + fh - body;

	int row = 0;
	for (size_t i = 0; i < f->n; i++) {
		struct cb_form_field *ff = &f->f[i];
		int y = top + row - fv->scroll;
		int focus = i == fv->focus;
		if (y >= top && y < top + body) {
			theme_set(focus ? TH_HEADER : TH_LABEL);
			char label[160];
			snprintf(label, sizeof label, "%s%s", _(ff->def->label),
				 (ff->def->flags & CB_FF_REQUIRED) ? "*" : "");
			draw_text(y, 1, lw, label);
			theme_set(TH_NORMAL);
			draw_value(fv, i, y, vx, vw, focus);
		}
		row++;
		if (ff->err[0]) {
			y = top + row - fv->scroll;
			if (y >= top && y < top + body) {
				theme_set(TH_ERROR);
				char buf[400];
				char *safe = cb_sanitize(ff->err, CB_SAN_ONELINE);
				snprintf(buf, sizeof buf, "%s %s", glyph(GL_WARN), safe ? safe : "");
				free(safe);
				draw_text(y, vx, vw, buf);
				theme_set(TH_NORMAL);
			}
			row++;
		}
	}

	/* The footer: the focused field's help, a preview of long text,
	 * the keys, and when the draft was last kept. */
	int y = top + body;
	theme_set(TH_DIM);
	for (int x = 0; x < COLS; x++)
		mvaddstr(y, x, theme_utf8() ? "\xe2\x94\x80" : "-");
	theme_set(TH_NORMAL);
	const struct cb_form_field *ff = &f->f[fv->focus];
	int line = y + 1;
	if (foot >= 5) {
		if (ff->def->type == CB_FT_LONGTEXT && ff->value[0]) {
			char *safe = cb_sanitize(ff->value, 0);
			struct preview p = { line, 2, COLS - 4, 2, 0 };
			text_wrap(safe ? safe : "", COLS - 4, preview_line, &p);
			free(safe);
			line += 2;
		} else {
			theme_set(TH_DIM);
			if (ff->def->help)
				draw_text(line, 2, COLS - 4, _(ff->def->help));
			theme_set(TH_NORMAL);
			line += 2;
		}
		if (f->problem[0]) {
			theme_set(TH_ERROR);
			char *safe = cb_sanitize(f->problem, CB_SAN_ONELINE);
			draw_text(line - 1, 2, COLS - 4, safe ? safe : "");
			free(safe);
			theme_set(TH_NORMAL);
		}
	}
	line = top + rows - 1;
	const char *keys = COLS >= 100
		? _("^S save  Tab next  S-Tab back  ^E editor  Esc leave  F1 help")
		: _("^S save  Tab next  ^E editor  Esc leave  F1 help");
	int used = draw_text(line, 1, COLS - 2, keys);
	if (fv->draft_note[0] && COLS - used - 4 > text_width(fv->draft_note)) {
		theme_set(TH_OK);
		draw_text(line, COLS - 1 - text_width(fv->draft_note), text_width(fv->draft_note),
			  fv->draft_note);
		theme_set(TH_NORMAL);
	}
}

static int cursor(struct view *v, int *y, int *x)
{
	struct form_view *fv = v->priv;
	if (fv->cy < 0 || is_choice(&fv->form.f[fv->focus]))
		return 0;
	*y = fv->cy;
	*x = fv->cx;
	return 1;
}

/* ---- keys ---- */

/* Letters typed on a choice field: the first picks by initial (again to
 * cycle through the choices with that initial); more letters narrow to
 * the first choice starting with all of them, as the command line accepts
 * a unique prefix. */
static int type_ahead(struct form_view *fv, char c)
{
	size_t len = fv->typed_field == fv->focus ? strlen(fv->typed) : 0;
	if (len > 0 && len + 1 < sizeof fv->typed) {
		fv->typed[len] = c;
		fv->typed[len + 1] = '\0';
		if (cb_form_pick_prefix(&fv->form, fv->focus, fv->typed))
			return 1;
	}
	fv->typed_field = fv->focus;
	fv->typed[0] = c;
	fv->typed[1] = '\0';
	return cb_form_pick_letter(&fv->form, fv->focus, c);
}

static int key(struct view *v, const struct key *k)
{
	struct form_view *fv = v->priv;
	struct cb_form_field *ff = &fv->form.f[fv->focus];
	if (is_choice(ff)) {
		/* Letters pick; nothing printable may fall through to the
		 * generic keys (q would leave the form). */
		if (!k->fn && k->code > ' ' && k->code != 127) {
			if (k->code < 128 && type_ahead(fv, (char)k->code))
				changed(fv);
			return 1;
		}
		fv->typed[0] = '\0';
		return 0;
	}
	int r = le_key(&fv->le[fv->focus], k);
	if (r == 2)
		take_line(fv, fv->focus);
	return r != 0;
}

static void move_focus(struct form_view *fv, int dir)
{
	size_t n = fv->form.n;
	fv->focus = (fv->focus + (dir > 0 ? 1 : n - 1)) % n;
	struct lineedit *le = &fv->le[fv->focus];
	le->cur = le->len;
}

/* A collecting form: every field checked again, then the values go to
 * the opener. Returns 1 when they were taken. */
static int collect(struct view *v)
{
	struct form_view *fv = v->priv;
	for (size_t i = 0; i < fv->form.n; i++)
		cb_form_set(&fv->form, i, fv->form.f[i].value);
	for (size_t i = 0; i < fv->form.n; i++)
		if (fv->form.f[i].err[0]) {
			fv->focus = i;
			tui_error(v->t, _("Not kept: %s"), fv->form.f[i].err);
			return 0;
		}
	if (fv->collect.done(fv->collect.ctx, &fv->form)) {
		tui_error(v->t, _("Not kept: %s"), cb_err_msg());
		return 0;
	}
	/* Taken: nothing is left unsaved in this form. */
	for (size_t i = 0; i < fv->form.n; i++) {
		char *o = strdup(fv->form.f[i].value);
		if (o) {
			free(fv->form.f[i].orig);
			fv->form.f[i].orig = o;
		}
	}
	drop_draft(v);
	return 1;
}

/* Saves; returns 1 when the record is saved (or nothing needed saving). */
static int save(struct view *v)
{
	struct form_view *fv = v->priv;
	/* A read-only workspace is refused by the store below, like a full
	 * disk: the message says why and what was typed stays, in a draft. */
	if (fv->collecting)
		return collect(v);
	char *summary = cb_form_summary(&fv->form, fv->person_name);
	if (!summary) {
		tui_error(v->t, "%s", _("out of memory"));
		return 0;
	}
	git_oid commit;
	int made = 0;
	int rc = cb_form_save(&fv->form, v->t->ws, summary, &commit, &made);
	if (rc == 0) {
		drop_draft(v);
		snprintf(v->t->saved_item, sizeof v->t->saved_item, "%s", fv->form.item);
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof hex, &commit);
		if (made)
			tui_message(v->t, _("Saved: %s (%.7s)"), summary, hex);
		else
			tui_message(v->t, "%s", _("Nothing had changed, so nothing was saved"));
		free(summary);
		return 1;
	}
	free(summary);
	/* Whatever went wrong, the values stay in the form and in a draft. */
	char why[512];
	snprintf(why, sizeof why, "%s", cb_err_msg());
	write_draft(v);
	if (rc == CB_EINVALID) {
		for (size_t i = 0; i < fv->form.n; i++)
			if (fv->form.f[i].err[0]) {
				fv->focus = i;
				break;
			}
		tui_error(v->t, _("Not saved: %s"), why);
	} else {
		tui_error(v->t, _("Not saved: %s. What you typed is still here."), why);
	}
	return 0;
}

static void editor_update(void *ctx, const char *text)
{
	struct view *v = ctx;
	struct form_view *fv = v->priv;
	cb_form_set(&fv->form, fv->focus, text);
	sync_line(fv, fv->focus);
	changed(fv);
}

static void editor_done(void *ctx, const char *text)
{
	editor_update(ctx, text);
}

static void external_edit(struct view *v)
{
	struct form_view *fv = v->priv;
	struct cb_form_field *ff = &fv->form.f[fv->focus];
	if (is_choice(ff)) {
		tui_message(v->t, "%s", _("Choices are picked here: Space, Left, Right or a letter"));
		return;
	}
	/* The editor may take a while and the laptop may die meanwhile. */
	if (fv->draft_pending)
		write_draft(v);
	char *out = NULL;
	int rc = editor_external(v->t, ff->value, &out);
	if (rc == 0) {
		editor_update(v, out);
		free(out);
	} else if (rc == 1) {
		char title[sizeof v->title + 128];
		snprintf(title, sizeof title, "%s %s %s", v->title, glyph(GL_DASH),
			 _(ff->def->label));
		tui_push(v->t, view_editor_open(v->t, title, ff->value, editor_update,
						editor_done, v));
	}
}

static int request(struct view *v, enum request r)
{
	struct form_view *fv = v->priv;
	struct cb_form_field *ff = &fv->form.f[fv->focus];
	switch (r) {
	case REQ_NEXT_FIELD:
	case REQ_DOWN:
		move_focus(fv, 1);
		return 1;
	case REQ_PREV_FIELD:
	case REQ_UP:
		move_focus(fv, -1);
		return 1;
	case REQ_PAGE_DOWN:
	case REQ_LAST:
		fv->focus = fv->form.n - 1;
		return 1;
	case REQ_PAGE_UP:
	case REQ_FIRST:
		fv->focus = 0;
		return 1;
	case REQ_OPTION_NEXT:
	case REQ_OPTION_PREV:
		if (is_choice(ff)) {
			cb_form_cycle(&fv->form, fv->focus, r == REQ_OPTION_NEXT ? 1 : -1);
			changed(fv);
		}
		return 1;
	case REQ_CLEAR_FIELD:
		cb_form_set(&fv->form, fv->focus, "");
		sync_line(fv, fv->focus);
		changed(fv);
		return 1;
	case REQ_EXTERNAL_EDIT:
		external_edit(v);
		return 1;
	case REQ_SAVE:
		if (save(v))
			tui_close_top(v->t); /* v is gone after this */
		return 1;
	case REQ_CANCEL:
	case REQ_BACK:
		tui_close_top(v->t);
		return 1;
	default:
		return 0;
	}
}

static int leave(struct view *v)
{
	struct form_view *fv = v->priv;
	if (!cb_form_dirty(&fv->form)) {
		if (!fv->keep_draft)
			drop_draft(v);
		return 1;
	}
	int a = tui_ask(v->t, _("Save your changes? y saves, n throws them away, c stays here"),
			"ync");
	if (a == 'y')
		return save(v);
	if (a == 'n') {
		drop_draft(v);
		tui_message(v->t, "%s", _("Changes thrown away"));
		return 1;
	}
	return 0;
}

static void done(struct view *v)
{
	struct form_view *fv = v->priv;
	/* Torn down without leave() (a signal, or the workbench ending):
	 * whatever is unsaved is in the draft first. */
	if (fv->draft_pending)
		write_draft(v);
	for (size_t i = 0; i < fv->form.n; i++)
		le_free(&fv->le[i]);
	free(fv->le);
	cb_form_free(&fv->form);
	free(fv->person_name);
	free(fv);
}

static const struct view_ops form_ops = {
	.name = "form",
	.keymap = KM_FORM,
	.key = key,
	.request = request,
	.draw = draw,
	.tick = tick,
	.leave = leave,
	.done = done,
	.cursor = cursor,
};

static void offer_draft(struct view *v)
{
	struct form_view *fv = v->priv;
	char *text = NULL;
	int64_t at = 0;
	char hex[41];
	if (cb_drafts_get(&v->t->ws->drafts, fv->form.key, &text, &at, hex) != 0)
		return;
	char when[64] = "";
	time_t tt = (time_t)at;
	struct tm tm;
	if (localtime_r(&tt, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	char q[256];
	snprintf(q, sizeof q, _("Restore the unsaved draft of this form from %s? y/n"), when);
	int a = tui_ask(v->t, q, "yn");
	if (a == 'y') {
		git_oid base;
		if (cb_form_load_draft(&fv->form, text)) {
			tui_error(v->t, "%s", cb_err_msg());
		} else {
			/* Saved against the tip the draft began from, so a
			 * change made since by someone else is not overwritten. */
			if (hex[0] && git_oid_fromstr(&base, hex) == 0 &&
			    !git_oid_is_zero(&base))
				cb_form_rebase(&fv->form, v->t->ws, &base);
			tui_message(v->t, "%s", _("Draft restored; ^S saves it"));
		}
		for (size_t i = 0; i < fv->form.n; i++)
			sync_line(fv, i);
	} else if (a == 'n') {
		cb_drafts_drop(&v->t->ws->drafts, fv->form.key);
		tui_message(v->t, "%s", _("Draft thrown away"));
	} else {
		/* No answer: the draft stays for next time. The form keeps it
		 * only if the user types something (which replaces it). */
		tui_message(v->t, "%s", _("Draft kept; it is offered again next time"));
		fv->keep_draft = 1;
	}
	free(text);
}

/* Keeps only the fields named (a collecting form shows fewer). */
static void keep_fields(struct cb_form *f, const char *const *names)
{
	size_t k = 0;
	for (size_t i = 0; i < f->n; i++) {
		int want = 0;
		for (size_t j = 0; names[j]; j++)
			want |= strcmp(names[j], f->f[i].def->name) == 0;
		if (want) {
			f->f[k++] = f->f[i];
		} else {
			free(f->f[i].value);
			free(f->f[i].orig);
		}
	}
	f->n = k;
}

static struct view *form_open(struct tui *t, const char *person_id, const char *record,
			      const char *kind, const char *item_id, const char *focus,
			      const struct form_collect *fc, const char *const link[2]);

struct view *view_form_open(struct tui *t, const char *person_id,
			    const char *record, const char *kind,
			    const char *item_id, const char *focus)
{
	struct view *v = form_open(t, person_id, record, kind, item_id, focus, NULL, NULL);
	if (v && cb_ws_read_only(t->ws) && !t->msg[0])
		tui_message(t, "%s", _("Read-only: you can look, not save"));
	return v;
}

struct view *view_form_open_collect(struct tui *t, const char *person_id,
				    const char *record, const char *kind,
				    const struct form_collect *fc)
{
	return form_open(t, person_id, record, kind, NULL, NULL, fc, NULL);
}

struct view *view_form_open_linked(struct tui *t, const char *person_id,
				   const char *record, const char *kind,
				   const char *link_field, const char *link_id)
{
	const char *const link[2] = { link_field, link_id };
	struct view *v = form_open(t, person_id, record, kind, NULL, NULL, NULL, link);
	if (v && cb_ws_read_only(t->ws) && !t->msg[0])
		tui_message(t, "%s", _("Read-only: you can look, not save"));
	return v;
}

static struct view *form_open(struct tui *t, const char *person_id, const char *record,
			      const char *kind, const char *item_id, const char *focus,
			      const struct form_collect *fc, const char *const link[2])
{
	const struct cb_record_type *type = cb_record_type_find(record);
	struct form_view *fv = calloc(1, sizeof *fv);
	struct view *v = fv ? view_new(t, &form_ops, fv) : NULL;
	if (!v || !type) {
		free(fv);
		free(v);
		tui_error(t, "%s", _("out of memory"));
		return NULL;
	}
	if (cb_form_open(&fv->form, t->ws, person_id, type, kind, item_id) ||
	    (link && cb_form_link(&fv->form, link[0], link[1]))) {
		tui_error(t, "%s", cb_err_msg());
		cb_form_free(&fv->form);
		free(fv);
		free(v);
		return NULL;
	}
	if (fc) {
		fv->collecting = 1;
		fv->collect = *fc;
		if (fc->fields)
			keep_fields(&fv->form, fc->fields);
		if (fc->prefill)
			fc->prefill(fc->ctx, &fv->form);
		/* What the opener put in is not a change the user made. */
		for (size_t i = 0; i < fv->form.n; i++) {
			char *o = strdup(fv->form.f[i].value);
			if (o) {
				free(fv->form.f[i].orig);
				fv->form.f[i].orig = o;
			}
		}
	}
	fv->le = calloc(fv->form.n ? fv->form.n : 1, sizeof *fv->le);
	fv->person_name = cli_person_name(t->cli, person_id);
	if (!fv->le || !fv->person_name || fv->form.n == 0) {
		tui_error(t, "%s", fv->form.n ? _("out of memory") : _("nothing to edit here"));
		done(v);
		free(v);
		return NULL;
	}
	for (size_t i = 0; i < fv->form.n; i++)
		sync_line(fv, i);
	if (focus) {
		long fi = cb_form_field_index(&fv->form, focus);
		if (fi >= 0)
			fv->focus = (size_t)fi;
	}
	char *who = cb_sanitize(fv->person_name, CB_SAN_ONELINE);
	const char *what = _(kind ? fv->form.sd->label : type->label);
	if (fv->form.is_new) {
		/* "New chronology entry": the label starts a heading elsewhere. */
		char lower[128];
		snprintf(lower, sizeof lower, "%s", what);
		if (lower[0] >= 'A' && lower[0] <= 'Z' && !(lower[1] >= 'A' && lower[1] <= 'Z'))
			lower[0] = (char)(lower[0] + 32);
		snprintf(v->title, sizeof v->title, _("New %s %s %s"), lower, glyph(GL_DASH),
			 who ? who : "");
	}
	else if (type->fixed_field && fv->form.item[0])
		snprintf(v->title, sizeof v->title, "%s: %s %s %s", what, fv->form.item,
			 glyph(GL_DASH), who ? who : "");
	else
		snprintf(v->title, sizeof v->title, "%s %s %s", what, glyph(GL_DASH),
			 who ? who : "");
	free(who);
	offer_draft(v);
	return v;
}
