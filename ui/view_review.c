/* view_review.c - `casebook review` inside the workbench: a team
 * manager's list of what changed in the team's records since their review
 * mark (refs/casebook/reviewed/<email>), person by person (src/review.c).
 * Enter shows a record's net change since the mark; o on it (or on the
 * diff) records management oversight for that child in one commit, and
 * the mark moves on as `oversight add --mark` moves it: to the oversight's
 * own commit when nothing else landed since the review was read,
 * otherwise to the tip that was read. M moves the mark without an
 * oversight, as `review done --to` does. */
#include "history_ui.h"
#include "err.h"
#include "i18n.h"
#include "oversight.h"
#include "review.h"
#include "revs.h"
#include "sanitize.h"
#include "store.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ritem {
	char person[11];
	char *name, *authors, *problem;
	const struct cb_record_type *type;
	size_t saves, nchanged;
	int64_t last;
};

struct rrow {
	size_t item;
	int heading;            /* the person's name above their records */
};

struct review_view {
	char *team;
	char email[256];
	git_oid tip, mark;
	int has_mark;
	struct ritem *items;
	size_t n, cap;
	struct rrow *rows;
	size_t nrows;
	size_t people;
	struct list l;
	int height;
};

static void items_free(struct review_view *rv)
{
	for (size_t i = 0; i < rv->n; i++) {
		free(rv->items[i].name);
		free(rv->items[i].authors);
		free(rv->items[i].problem);
	}
	free(rv->items);
	free(rv->rows);
	rv->items = NULL;
	rv->rows = NULL;
	rv->n = rv->cap = rv->nrows = 0;
}

static int got_item(const struct cb_review_item *it, void *ctx)
{
	struct review_view *rv = ctx;
	if (rv->n == rv->cap) {
		size_t cap = rv->cap ? rv->cap * 2 : 16;
		struct ritem *v = realloc(rv->items, cap * sizeof *v);
		if (!v)
			return cb_err(CB_ENOMEM, _("out of memory"));
		rv->items = v;
		rv->cap = cap;
	}
	struct ritem *r = &rv->items[rv->n];
	memset(r, 0, sizeof *r);
	snprintf(r->person, sizeof r->person, "%s", it->person);
	r->type = it->type;
	r->saves = it->saves;
	r->last = it->last_time;
	r->nchanged = it->diff ? it->diff->nstanzas : 0;
	r->name = strdup(it->name ? it->name : "");
	r->authors = strdup(it->authors ? it->authors : "");
	r->problem = it->problem ? strdup(it->problem) : NULL;
	rv->n++;
	if (!r->name || !r->authors || (it->problem && !r->problem))
		return cb_err(CB_ENOMEM, _("out of memory"));
	return 0;
}

static void set_title(struct view *v)
{
	struct review_view *rv = v->priv;
	char *team = cb_sanitize(rv->team, CB_SAN_ONELINE);
	char since[64];
	if (rv->has_mark)
		snprintf(since, sizeof since, _("since %.7s"), git_oid_tostr_s(&rv->mark));
	else
		snprintf(since, sizeof since, "%s", _("no earlier review: everything"));
	snprintf(v->title, sizeof v->title,
		 ngettext("Review %s team %s %s %s up to %.7s %s %zu person",
			  "Review %s team %s %s %s up to %.7s %s %zu people", rv->people),
		 glyph(GL_DASH), team ? team : "", glyph(GL_DASH), since,
		 git_oid_tostr_s(&rv->tip), glyph(GL_DASH), rv->people);
	free(team);
}

static int load(struct view *v)
{
	struct review_view *rv = v->priv;
	struct cb_ws *ws = v->t->ws;
	items_free(rv);
	const char *name, *email;
	int rc = cb_ws_author(ws, &name, &email);
	if (rc)
		return rc;
	snprintf(rv->email, sizeof rv->email, "%s", email);
	cb_ws_tip(ws, &rv->tip);
	if (git_oid_is_zero(&rv->tip))
		return cb_err(CB_ENOTFOUND, _("nothing has been saved yet"));
	rc = cb_review_mark(ws->store.repo, email, &rv->mark);
	if (rc && rc != CB_ENOTFOUND)
		return rc;
	rv->has_mark = rc == 0;
	rc = cb_review_changes(ws, rv->team, rv->has_mark ? &rv->mark : NULL, &rv->tip,
			       got_item, rv, &rv->people);
	if (rc)
		return rc;
	/* A heading row per person, then their records. */
	rv->rows = calloc(rv->n * 2 + 1, sizeof *rv->rows);
	if (!rv->rows)
		return cb_err(CB_ENOMEM, _("out of memory"));
	for (size_t i = 0; i < rv->n; i++) {
		if (i == 0 || strcmp(rv->items[i].person, rv->items[i - 1].person) != 0)
			rv->rows[rv->nrows++] = (struct rrow){ i, 1 };
		rv->rows[rv->nrows++] = (struct rrow){ i, 0 };
	}
	list_set_count(&rv->l, rv->nrows);
	set_title(v);
	return 0;
}

static void draw(struct view *v, int top, int rows)
{
	struct review_view *rv = v->priv;
	rv->height = rows;
	list_scroll(&rv->l, rows);
	if (!rv->nrows) {
		theme_set(TH_DIM);
		draw_text(top + 1, 2, COLS - 4, _("Nothing to review: no changes to your team's "
						 "records since your last review."));
		theme_set(TH_NORMAL);
		return;
	}
	int c1 = 22, c3 = COLS >= 100 ? 40 : 28;
	int c2 = COLS - 6 - c1 - c3 - 2;
	for (int r = 0; r < rows; r++) {
		size_t i = rv->l.top + (size_t)r;
		if (i >= rv->nrows)
			break;
		const struct ritem *it = &rv->items[rv->rows[i].item];
		int y = top + r, sel = i == rv->l.sel;
		theme_set(sel ? TH_SELECTED : rv->rows[i].heading ? TH_HEADER : TH_NORMAL);
		draw_clear_to(y, 0, COLS);
		if (rv->rows[i].heading) {
			char line[400];
			snprintf(line, sizeof line, "%s (%s)", it->name, it->person);
			draw_cell(y, 1, COLS - 2, line);
			continue;
		}
		draw_cell_safe(y, 4, c1, _(it->type->label));
		char what[300];
		if (it->problem)
			snprintf(what, sizeof what, "%s", it->problem);
		else
			snprintf(what, sizeof what, ngettext("%zu entry changed", "%zu entries changed",
							     it->nchanged), it->nchanged);
		draw_cell(y, 4 + c1 + 1, c2, what);
		char by[512] = "";
		if (it->saves) {
			char when[32];
			cb_time_format_local(it->last, when, sizeof when);
			snprintf(by, sizeof by, ngettext("%zu save by %s, %s", "%zu saves by %s, %s",
							 it->saves), it->saves, it->authors, when);
		}
		draw_cell(y, 4 + c1 + 1 + c2 + 1, c3, by);
	}
	theme_set(TH_NORMAL);
}

static const struct ritem *selected(struct view *v)
{
	struct review_view *rv = v->priv;
	if (!rv->nrows) {
		tui_message(v->t, "%s", _("Nothing to review"));
		return NULL;
	}
	return &rv->items[rv->rows[rv->l.sel].item];
}

/* The oversight composer's save: one commit, then the mark. */
static int save_oversight(struct view *v, const char *person, const struct oversight_draft *od)
{
	struct review_view *rv = v->priv;
	struct tui *t = v->t;
	struct cb_oversight_action *acts = calloc(od->nactions + 1, sizeof *acts);
	if (!acts) {
		tui_error(t, "%s", _("out of memory"));
		return CB_ENOMEM;
	}
	for (size_t i = 0; i < od->nactions; i++)
		acts[i] = (struct cb_oversight_action){ od->actions[i].action, od->actions[i].who,
							od->actions[i].by_when };
	git_oid reviewed = rv->tip, commit, parent;
	struct cb_oversight ov = { od->decision, acts, od->nactions, &reviewed, od->date };
	char entry[41];
	int rc = cb_oversight_add(t->ws, person, &ov, &commit, &parent, entry);
	free(acts);
	if (rc) {
		tui_error(t, _("Not saved: %s"), cb_err_msg());
		return rc;
	}
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof hex, &commit);
	/* Everything up to the tip read was reviewed: when nothing else
	 * landed since, the manager's own oversight is not news to them. */
	const git_oid *to = git_oid_equal(&reviewed, &parent) ? &commit : &reviewed;
	if (cb_review_set_mark(t->ws, rv->email, to, NULL))
		tui_error(t, _("Oversight saved (%.7s), but the review mark did not move: %s"), hex,
			  cb_err_msg());
	else
		tui_message(t, _("Oversight saved (%.7s); review mark moved to %.7s"), hex,
			    git_oid_tostr_s(to));
	/* Back to the review, which reloads. */
	while (t->depth && t->stack[t->depth - 1] != v && tui_close_top(t))
		;
	return 0;
}

static void oversight_from_diff(struct view *review, const char *person);

static void show_diff(struct view *v)
{
	struct review_view *rv = v->priv;
	const struct ritem *it = selected(v);
	if (!it)
		return;
	git_repository *repo = v->t->ws->store.repo;
	char path[256];
	git_oid old_blob, new_blob;
	int has_old = 0, has_new = 0;
	int rc = cb_record_path(path, sizeof path, it->person, it->type->name);
	if (!rc && rv->has_mark) {
		rc = cb_version_blob(repo, &rv->mark, path, &old_blob);
		has_old = rc == 0;
		rc = rc == CB_ENOTFOUND ? 0 : rc;
	}
	if (!rc) {
		rc = cb_version_blob(repo, &rv->tip, path, &new_blob);
		has_new = rc == 0;
		rc = rc == CB_ENOTFOUND ? 0 : rc;
	}
	struct cb_recdiff d;
	if (rc || cb_version_diff(repo, it->type, has_old ? &old_blob : NULL,
				  has_new ? &new_blob : NULL, &d)) {
		tui_error(v->t, "%s", cb_err_msg());
		return;
	}
	char head[1024], title[512], when[32];
	cb_time_format_local(it->last, when, sizeof when);
	snprintf(head, sizeof head,
		 ngettext("Since your review: %zu save by %s, latest %s. o records oversight.",
			  "Since your review: %zu saves by %s, latest %s. o records oversight.",
			  it->saves), it->saves, it->authors, when);
	snprintf(title, sizeof title, _("Changes since your review %s %s %s %s"), glyph(GL_DASH),
		 _(it->type->label), glyph(GL_DASH), it->name);
	tui_push(v->t, view_diff_open(v->t, title, head, &d, it->person, oversight_from_diff, v));
}

static void oversight_from_diff(struct view *review, const char *person)
{
	ui_oversight_start(review->t, person, save_oversight, review);
}

static void mark_done(struct view *v)
{
	struct review_view *rv = v->priv;
	if (cb_ws_read_only(v->t->ws)) {
		tui_error(v->t, "%s", _("Read-only: the mark cannot move"));
		return;
	}
	char q[200];
	snprintf(q, sizeof q, _("Mark everything up to %.7s as reviewed? y/n"),
		 git_oid_tostr_s(&rv->tip));
	if (tui_ask(v->t, q, "yn") != 'y')
		return;
	if (cb_review_set_mark(v->t->ws, rv->email, &rv->tip, rv->has_mark ? &rv->mark : NULL)) {
		tui_error(v->t, "%s", cb_err_msg());
		return;
	}
	tui_message(v->t, _("Review mark moved to %.7s"), git_oid_tostr_s(&rv->tip));
	if (load(v))
		tui_error(v->t, "%s", cb_err_msg());
}

static int request(struct view *v, enum request r)
{
	struct review_view *rv = v->priv;
	if (list_request(&rv->l, r, rv->height))
		return 1;
	const struct ritem *it;
	switch (r) {
	case REQ_ENTER:
		show_diff(v);
		return 1;
	case REQ_OVERSIGHT:
		if ((it = selected(v)))
			oversight_from_diff(v, it->person);
		return 1;
	case REQ_REVIEW_DONE:
		mark_done(v);
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
	struct review_view *rv = v->priv;
	items_free(rv);
	free(rv->team);
	free(rv);
}

static const struct view_ops review_ops = {
	.name = "review",
	.keymap = KM_REVIEW,
	.request = request,
	.draw = draw,
	.resume = resume,
	.done = done,
};

struct view *view_review_open(struct tui *t)
{
	char *team = NULL;
	if (cb_ws_config_get(t->ws, "casebook.team", &team) || !team || !*team) {
		free(team);
		tui_error(t, "%s", _("Which team? Set it once with: "
				     "git -C WS/repo.git config casebook.team \"NAME\""));
		return NULL;
	}
	struct review_view *rv = calloc(1, sizeof *rv);
	struct view *v = rv ? view_new(t, &review_ops, rv) : NULL;
	if (!v) {
		free(rv);
		free(team);
		tui_error(t, "%s", _("out of memory"));
		return NULL;
	}
	rv->team = team;
	if (load(v)) {
		tui_error(t, "%s", cb_err_msg());
		done(v);
		free(v);
		return NULL;
	}
	return v;
}
