/* view_history.c - the saves of a person's records, or of one record, in
 * the spirit of tig: one row per version with date, author and summary,
 * newest first. The rows come from the index's per-record history
 * (cb_index_history), so the cost follows the versions of what is shown,
 * never the whole repository. Enter shows what the save changed, B who
 * last changed each field as after that save, a and d narrow the rows to
 * one author or a date range, x shows them all again.
 *
 * Also here: the h, B and @ keys the person and record screens share. */
#include "history_ui.h"
#include "err.h"
#include "i18n.h"
#include "revs.h"
#include "sanitize.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hrow {
	char commit[GIT_OID_HEXSZ + 1];
	const struct cb_record_type *type;
	char *author, *email, *summary;
	int64_t time;
	int tz;
};

struct history_view {
	char person[11];
	const struct cb_record_type *type; /* NULL: every record */
	struct hrow *all;
	size_t nall, cap;
	size_t *shown;                     /* indices into all, after filters */
	size_t nshown;
	struct list l;
	int rows;
	char *author;                      /* filter: part of a name or email */
	int64_t from, to;                  /* filter: 0 when open */
	char range[80];                    /* the date filter as typed (safe) */
};

static void rows_free(struct history_view *hv)
{
	for (size_t i = 0; i < hv->nall; i++) {
		free(hv->all[i].author);
		free(hv->all[i].email);
		free(hv->all[i].summary);
	}
	free(hv->all);
	free(hv->shown);
	hv->all = NULL;
	hv->shown = NULL;
	hv->nall = hv->cap = hv->nshown = 0;
}

static int got_row(const struct cb_history_row *r, void *ctx)
{
	struct history_view *hv = ctx;
	const struct cb_record_type *t = cb_record_type_find(r->type);
	if (!t)
		return 0; /* a record type newer than this casebook */
	if (hv->nall == hv->cap) {
		size_t cap = hv->cap ? hv->cap * 2 : 64;
		struct hrow *v = realloc(hv->all, cap * sizeof *v);
		if (!v)
			return cb_err(CB_ENOMEM, _("out of memory"));
		hv->all = v;
		hv->cap = cap;
	}
	struct hrow *h = &hv->all[hv->nall];
	snprintf(h->commit, sizeof h->commit, "%s", r->commit);
	h->type = t;
	h->author = strdup(r->author_name ? r->author_name : "");
	h->email = strdup(r->author_email ? r->author_email : "");
	h->summary = strdup(r->summary ? r->summary : "");
	h->time = r->time;
	h->tz = r->tz;
	hv->nall++;
	if (!h->author || !h->email || !h->summary)
		return cb_err(CB_ENOMEM, _("out of memory"));
	return 0;
}

/* ASCII case-blind "does hay contain needle": addresses and names are
 * typed in any case. */
static int contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t k = 0;
		while (k < n && hay[k]) {
			int a = (unsigned char)hay[k], b = (unsigned char)needle[k];
			if (a >= 'A' && a <= 'Z')
				a += 32;
			if (b >= 'A' && b <= 'Z')
				b += 32;
			if (a != b)
				break;
			k++;
		}
		if (k == n)
			return 1;
	}
	return n == 0;
}

static void set_title(struct view *v)
{
	struct history_view *hv = v->priv;
	char *who = ui_person_title(v->t, hv->person);
	char filt[300] = "";
	if (hv->author) {
		char *a = cb_sanitize(hv->author, CB_SAN_ONELINE);
		snprintf(filt, sizeof filt, _("  author: %s"), a ? a : "");
		free(a);
	}
	if (hv->range[0]) {
		size_t n = strlen(filt);
		snprintf(filt + n, sizeof filt - n, _("  dates: %s"), hv->range);
	}
	snprintf(v->title, sizeof v->title, _("History %s %s%s%s (%zu)%s"), glyph(GL_DASH),
		 hv->type ? _(hv->type->label) : "", hv->type ? " " : "",
		 who ? who : hv->person, hv->nshown, filt);
	free(who);
}

static void apply_filters(struct view *v)
{
	struct history_view *hv = v->priv;
	hv->nshown = 0;
	for (size_t i = 0; i < hv->nall; i++) {
		const struct hrow *h = &hv->all[i];
		if (hv->author && !contains(h->author, hv->author) && !contains(h->email, hv->author))
			continue;
		if ((hv->from && h->time < hv->from) || (hv->to && h->time > hv->to))
			continue;
		hv->shown[hv->nshown++] = i;
	}
	list_set_count(&hv->l, hv->nshown);
	set_title(v);
}

static int load(struct view *v)
{
	struct history_view *hv = v->priv;
	rows_free(hv);
	int rc = cb_index_history(&v->t->ws->index, hv->person, hv->type ? hv->type->name : NULL,
				  0, got_row, hv);
	if (!rc && !(hv->shown = malloc((hv->nall ? hv->nall : 1) * sizeof *hv->shown)))
		rc = cb_err(CB_ENOMEM, _("out of memory"));
	if (rc)
		return rc;
	apply_filters(v);
	return 0;
}

static void draw(struct view *v, int top, int rows)
{
	struct history_view *hv = v->priv;
	hv->rows = rows - 1;
	list_scroll(&hv->l, hv->rows);
	int cd = 16, ca = COLS >= 100 ? 22 : 16, cr = hv->type ? 0 : 18;
	int cs = COLS - 2 - cd - ca - cr - 3 - (cr ? 1 : 0);
	theme_set(TH_HEADER);
	draw_clear_to(top, 0, COLS);
	int x = 1;
	draw_text(top, x, cd, _("Saved"));
	x += cd + 1;
	draw_text(top, x, ca, _("By"));
	x += ca + 1;
	if (cr) {
		draw_text(top, x, cr, _("Record"));
		x += cr + 1;
	}
	draw_text(top, x, cs, _("Summary"));
	theme_set(TH_NORMAL);
	if (!hv->nshown) {
		theme_set(TH_DIM);
		draw_text(top + 2, 2, COLS - 4, hv->nall ? _("No saves match; x shows them all")
						 : _("Nothing has been saved here yet"));
		theme_set(TH_NORMAL);
		return;
	}
	for (int r = 0; r < hv->rows; r++) {
		size_t i = hv->l.top + (size_t)r;
		if (i >= hv->nshown)
			break;
		const struct hrow *h = &hv->all[hv->shown[i]];
		int y = top + 1 + r;
		theme_set(i == hv->l.sel ? TH_SELECTED : TH_NORMAL);
		draw_clear_to(y, 0, COLS);
		char when[32];
		cb_time_format_local(h->time, when, sizeof when);
		x = 1;
		draw_cell_safe(y, x, cd, when);
		x += cd + 1;
		draw_cell(y, x, ca, h->author);
		x += ca + 1;
		if (cr) {
			draw_cell_safe(y, x, cr, _(h->type->label));
			x += cr + 1;
		}
		draw_cell(y, x, cs, h->summary);
		theme_set(TH_NORMAL);
	}
}

static const struct hrow *selected(struct view *v)
{
	struct history_view *hv = v->priv;
	if (!hv->nshown) {
		tui_message(v->t, "%s", _("No save selected"));
		return NULL;
	}
	return &hv->all[hv->shown[hv->l.sel]];
}

static void show_diff(struct view *v)
{
	struct history_view *hv = v->priv;
	const struct hrow *h = selected(v);
	if (!h)
		return;
	git_oid commit;
	struct cb_recdiff d;
	if (git_oid_fromstr(&commit, h->commit) < 0 ||
	    cb_version_diff_at(v->t->ws->store.repo, h->type, hv->person, &commit, &d)) {
		tui_error(v->t, "%s", cb_err_msg());
		return;
	}
	char when[40], head[1024], title[512];
	cb_time_format(h->time, h->tz, when, sizeof when);
	snprintf(head, sizeof head, _("Saved %s by %s <%s>, commit %.10s\n%s"), when, h->author,
		 h->email, h->commit, h->summary);
	char *who = ui_person_title(v->t, hv->person);
	snprintf(title, sizeof title, _("Changes %s %s %s %s"), glyph(GL_DASH), _(h->type->label),
		 glyph(GL_DASH), who ? who : hv->person);
	free(who);
	tui_push(v->t, view_diff_open(v->t, title, head, &d, hv->person, NULL, NULL));
}

/* ---- filters ---- */

static void author_done(void *ctx, const char *text, int accepted)
{
	struct view *v = ctx;
	struct history_view *hv = v->priv;
	if (!accepted)
		return;
	free(hv->author);
	hv->author = *text ? strdup(text) : NULL;
	apply_filters(v);
}

/* "FROM..TO", "FROM", "FROM.." or "..TO": dates or times; a bare date
 * ends at the end of its day. */
static void dates_done(void *ctx, const char *text, int accepted)
{
	struct view *v = ctx;
	struct history_view *hv = v->priv;
	if (!accepted)
		return;
	char from[64] = "", to[64] = "";
	const char *dots = strstr(text, "..");
	if (dots) {
		snprintf(from, sizeof from, "%.*s", (int)(dots - text), text);
		snprintf(to, sizeof to, "%s", dots + 2);
	} else {
		snprintf(from, sizeof from, "%s", text);
		snprintf(to, sizeof to, "%s", text);
	}
	int64_t f = 0, t = 0;
	if ((*from && cb_when_parse(from, 0, &f)) || (*to && cb_when_parse(to, 1, &t))) {
		tui_error(v->t, "%s", _("Dates are YYYY-MM-DD or YYYY-MM-DDTHH:MM, as FROM..TO"));
		return;
	}
	hv->from = f;
	hv->to = t;
	char *safe = cb_sanitize(text, CB_SAN_ONELINE);
	snprintf(hv->range, sizeof hv->range, "%s", *text && safe ? safe : "");
	free(safe);
	apply_filters(v);
}

static int request(struct view *v, enum request r)
{
	struct history_view *hv = v->priv;
	if (list_request(&hv->l, r, hv->rows))
		return 1;
	const struct hrow *h;
	switch (r) {
	case REQ_ENTER:
		show_diff(v);
		return 1;
	case REQ_BLAME:
		if ((h = selected(v))) {
			git_oid at;
			if (git_oid_fromstr(&at, h->commit) == 0)
				tui_push(v->t, view_blame_open(v->t, hv->person, h->type, &at));
		}
		return 1;
	case REQ_AS_AT:
		ui_asat_prompt(v->t, hv->person, hv->type);
		return 1;
	case REQ_FILTER_AUTHOR:
		tui_prompt(v->t, _("Saves by (name or email): "), hv->author, NULL, author_done, v);
		return 1;
	case REQ_FILTER_DATE:
		tui_prompt(v->t, _("Saves from..to (YYYY-MM-DD): "), hv->range, NULL, dates_done, v);
		return 1;
	case REQ_FILTER_CLEAR:
		free(hv->author);
		hv->author = NULL;
		hv->from = hv->to = 0;
		hv->range[0] = '\0';
		apply_filters(v);
		return 1;
	default:
		return 0;
	}
}

static void resume(struct view *v)
{
	if (load(v))
		tui_error(v->t, "%s", cb_err_msg());
}

static void done(struct view *v)
{
	struct history_view *hv = v->priv;
	rows_free(hv);
	free(hv->author);
	free(hv);
}

static const struct view_ops history_ops = {
	.name = "history",
	.keymap = KM_HISTORY,
	.request = request,
	.draw = draw,
	.resume = resume,
	.done = done,
};

struct view *view_history_open(struct tui *t, const char *person,
			       const struct cb_record_type *type)
{
	struct history_view *hv = calloc(1, sizeof *hv);
	struct view *v = hv ? view_new(t, &history_ops, hv) : NULL;
	if (!v) {
		free(hv);
		tui_error(t, "%s", _("out of memory"));
		return NULL;
	}
	snprintf(hv->person, sizeof hv->person, "%s", person);
	hv->type = type;
	if (load(v)) {
		tui_error(t, "%s", cb_err_msg());
		done(v);
		free(v);
		return NULL;
	}
	return v;
}

int ui_history_request(struct view *v, enum request r, const char *person,
		       const struct cb_record_type *type)
{
	switch (r) {
	case REQ_HISTORY:
		tui_push(v->t, view_history_open(v->t, person, type));
		return 1;
	case REQ_BLAME:
		if (type)
			tui_push(v->t, view_blame_open(v->t, person, type, NULL));
		return 1;
	case REQ_AS_AT:
		ui_asat_prompt(v->t, person, type);
		return 1;
	default:
		return 0;
	}
}
