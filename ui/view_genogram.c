/* view_genogram.c - the family drawn in the terminal beside the list of
 * members and relationships, which are added and edited through forms.
 *
 * The drawing is src/genogram.c's layout (a grid of cells, box drawing or
 * ASCII); this screen paints it, scrolls it so the selected member's box
 * is in view and marks that box. Wide terminals show the diagram and the
 * list side by side, narrower ones one above the other; Tab gives the
 * whole screen to the diagram, then to the list, then splits again. */
#include "ui.h"
#include "history_ui.h"
#include "view_resolve.h"
#include "export_ui.h"
#include "date.h"
#include "err.h"
#include "genogram.h"
#include "i18n.h"
#include "record.h"
#include "sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum pane_mode { PANE_SPLIT, PANE_DIAGRAM, PANE_LIST, PANE__COUNT };

struct geno_view {
	char id[11];
	const struct cb_record_type *type;
	struct cb_doc doc;
	struct cb_geno_grid grid;
	int have_grid;
	size_t *items;       /* stanza indices: members, then relationships */
	size_t nitems, nmembers;
	struct list l;
	int list_rows;
	enum pane_mode mode;
};

static const char *sget(struct geno_view *gv, size_t i, const char *name)
{
	const char *v = cb_stanza_get(&gv->doc.stanzas[i], name);
	return v ? v : "";
}

static const char *member_name(struct geno_view *gv, const char *member_id)
{
	long i = cb_record_find_item(&gv->doc, member_id);
	return i > 0 ? sget(gv, (size_t)i, "Name") : member_id;
}

static int load(struct view *v)
{
	struct geno_view *gv = v->priv;
	size_t keep = gv->l.sel;
	cb_doc_free(&gv->doc);
	if (gv->have_grid)
		cb_geno_grid_free(&gv->grid);
	gv->have_grid = 0;
	int exists = 0;
	int rc = cb_ws_read(v->t->ws, NULL, gv->id, gv->type, &gv->doc, &exists);
	if (rc) {
		memset(&gv->doc, 0, sizeof gv->doc);
		return rc;
	}
	free(gv->items);
	gv->items = malloc((gv->doc.nstanzas ? gv->doc.nstanzas : 1) * sizeof *gv->items);
	if (!gv->items)
		return cb_err(CB_ENOMEM, _("out of memory"));
	gv->nitems = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 1; i < gv->doc.nstanzas; i++) {
			int member = strcmp(sget(gv, i, "Kind"), "member") == 0;
			if (member == (pass == 0))
				gv->items[gv->nitems++] = i;
		}
		if (pass == 0)
			gv->nmembers = gv->nitems;
	}
	list_set_count(&gv->l, gv->nitems);
	gv->l.sel = keep < gv->nitems ? keep : 0;

	struct cb_genogram_style style = { 0 };
	style.ascii = !theme_utf8();
	cb_date_today(&style.today);
	memset(&gv->grid, 0, sizeof gv->grid);
	/* A layout that fails (out of memory) leaves the list on its own. */
	if (cb_genogram_layout(&gv->doc, &style, &gv->grid) == 0)
		gv->have_grid = 1;
	else
		cb_geno_grid_free(&gv->grid);

	char *who = ui_person_title(v->t, gv->id);
	char counts[128];
	ui_family_counts(counts, sizeof counts, gv->nmembers, gv->nitems - gv->nmembers);
	snprintf(v->title, sizeof v->title, _("Genogram %s %s (%s)"), glyph(GL_DASH),
		 who ? who : gv->id, counts);
	free(who);
	return 0;
}

void ui_family_counts(char *out, size_t n, size_t members, size_t relationships)
{
	char m[64], r[64];
	snprintf(m, sizeof m, ngettext("%zu member", "%zu members", members), members);
	snprintf(r, sizeof r, ngettext("%zu relationship", "%zu relationships", relationships),
		 relationships);
	/* TRANSLATORS: "3 members, 2 relationships" on the genogram's title
	 * and the person screen. */
	snprintf(out, n, _("%s, %s"), m, r);
}

static attr_t cell_attr(unsigned char a, enum theme_item *item)
{
	*item = TH_NORMAL;
	attr_t at = A_NORMAL;
	if (a & CB_GENO_LEGEND)
		*item = TH_DIM;
	if (a & CB_GENO_CONFLICT)
		*item = TH_WARN;
	if (a & CB_GENO_HOUSEHOLD)
		*item = TH_OK;
	if (a & CB_GENO_INDEX)
		at |= A_BOLD;
	if (a & CB_GENO_DECEASED)
		at |= A_DIM;
	return at;
}

/* The box of the selected member, if a member is selected. */
static const struct cb_geno_place *selected_place(struct geno_view *gv)
{
	if (!gv->have_grid || gv->l.sel >= gv->nmembers)
		return NULL;
	size_t stanza = gv->items[gv->l.sel];
	for (size_t i = 0; i < gv->grid.nplaces; i++)
		if (gv->grid.places[i].stanza == stanza)
			return &gv->grid.places[i];
	return NULL;
}

static void draw_diagram(struct geno_view *gv, int top, int left, int rows, int cols)
{
	if (!gv->have_grid) {
		draw_text(top + 1, left + 1, cols - 2, _("The diagram cannot be drawn."));
		return;
	}
	if (gv->nmembers == 0) {
		draw_text(top + 1, left + 1, cols - 2, _("No family members yet; a adds one."));
		return;
	}
	const struct cb_geno_place *p = selected_place(gv);
	/* Scroll so the selected box is in view; otherwise from the top left. */
	int ox = 0, oy = 0;
	if (p) {
		if (p->x + p->w > cols)
			ox = p->x + p->w / 2 - cols / 2;
		if (p->y + p->h > rows)
			oy = p->y + p->h / 2 - rows / 2;
	}
	if (ox > gv->grid.width - cols)
		ox = gv->grid.width - cols;
	if (oy > gv->grid.height - rows)
		oy = gv->grid.height - rows;
	if (ox < 0)
		ox = 0;
	if (oy < 0)
		oy = 0;
	for (int y = 0; y < rows && y + oy < gv->grid.height; y++) {
		for (int x = 0; x < cols && x + ox < gv->grid.width; x++) {
			const struct cb_geno_cell *c =
				&gv->grid.cells[(y + oy) * gv->grid.width + (x + ox)];
			if (!c->text[0])
				continue; /* right half of a wide character */
			enum theme_item item;
			attr_t at = cell_attr(c->attr, &item);
			int in_sel = p && x + ox >= p->x && x + ox < p->x + p->w &&
				     y + oy >= p->y && y + oy < p->y + p->h;
			if (in_sel)
				item = TH_SELECTED;
			attr_set(theme_attr(item) | at, (short)theme_pair(item), NULL);
			/* The layout promises printable cells; text from a
			 * record is sanitised here all the same. */
			char *safe = cb_sanitize(c->text, CB_SAN_ONELINE);
			int w = safe ? text_width(safe) : 1;
			if (safe && w >= 1 && x + w <= cols)
				mvaddstr(top + y, left + x, safe);
			free(safe);
		}
	}
	theme_set(TH_NORMAL);
}

static void draw_list(struct view *v, int top, int left, int rows, int cols)
{
	struct geno_view *gv = v->priv;
	theme_set(TH_HEADER);
	draw_clear_to(top, left, cols);
	draw_text(top, left + 1, cols - 2, _("Members and relationships (a adds a member, r a relationship)"));
	theme_set(TH_NORMAL);
	rows--;
	gv->list_rows = rows;
	if (!gv->nitems) {
		draw_text(top + 1, left + 1, cols - 2, _("Nothing recorded yet."));
		return;
	}
	list_scroll(&gv->l, rows);
	for (int r = 0; r < rows; r++) {
		size_t i = gv->l.top + (size_t)r;
		if (i >= gv->nitems)
			break;
		size_t s = gv->items[i];
		int y = top + 1 + r;
		theme_set(i == gv->l.sel ? TH_SELECTED : TH_NORMAL);
		draw_clear_to(y, left, cols);
		char line[1024];
		if (i < gv->nmembers) {
			/* Name, then whatever else is known, two spaces apart. */
			char born[64] = "", died[64] = "";
			if (*sget(gv, s, "Born"))
				snprintf(born, sizeof born, "b.%s", sget(gv, s, "Born"));
			if (*sget(gv, s, "Died"))
				snprintf(died, sizeof died, "d.%s", sget(gv, s, "Died"));
			const char *parts[] = {
				sget(gv, s, "Name"), sget(gv, s, "Gender"), born, died,
				sget(gv, s, "Role"),
				strcmp(sget(gv, s, "Household"), "yes") == 0 ? _("[household]") : "",
			};
			size_t n = 0;
			line[0] = '\0';
			for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
				if (*parts[k] && n < sizeof line)
					n += (size_t)snprintf(line + n, sizeof line - n, "%s%s",
							      n ? "  " : "", parts[k]);
		} else {
			snprintf(line, sizeof line, "%s: %s %s %s", sget(gv, s, "Type"),
				 member_name(gv, sget(gv, s, "From")), glyph(GL_DASH),
				 member_name(gv, sget(gv, s, "To")));
		}
		draw_cell(y, left + 1, cols - 2, line);
		theme_set(TH_NORMAL);
	}
}

static void draw(struct view *v, int top, int rows)
{
	struct geno_view *gv = v->priv;
	if (gv->mode == PANE_DIAGRAM) {
		draw_diagram(gv, top, 0, rows, COLS);
		gv->list_rows = rows;
		return;
	}
	if (gv->mode == PANE_LIST) {
		draw_list(v, top, 0, rows, COLS);
		return;
	}
	if (COLS >= 120) {
		int lw = COLS / 3;
		draw_diagram(gv, top, 0, rows, COLS - lw - 1);
		draw_list(v, top, COLS - lw, rows, lw);
	} else {
		int lr = rows * 2 / 5 < 6 ? 6 : rows * 2 / 5;
		if (lr > rows - 3)
			lr = rows - 3;
		draw_diagram(gv, top, 0, rows - lr, COLS);
		draw_list(v, top + rows - lr, 0, lr, COLS);
	}
}

static int request(struct view *v, enum request r)
{
	struct geno_view *gv = v->priv;
	if (list_request(&gv->l, r, gv->list_rows ? gv->list_rows : 5))
		return 1;
	switch (r) {
	case REQ_ENTER:
	case REQ_EDIT:
		if (gv->nitems) {
			size_t s = gv->items[gv->l.sel];
			tui_push(v->t, view_form_open(v->t, gv->id, "genogram",
						      gv->l.sel < gv->nmembers ? "member" : "relationship",
						      sget(gv, s, "Id"), NULL));
		}
		return 1;
	case REQ_ADD:
		tui_push(v->t, view_form_open(v->t, gv->id, "genogram", "member", NULL, NULL));
		return 1;
	case REQ_ADD_RELATIONSHIP:
		if (gv->nmembers < 2) {
			tui_message(v->t, "%s", _("A relationship joins two members: add them first"));
			return 1;
		}
		tui_push(v->t, view_form_open(v->t, gv->id, "genogram", "relationship", NULL, NULL));
		return 1;
	case REQ_PANE:
		gv->mode = (enum pane_mode)((gv->mode + 1) % PANE__COUNT);
		return 1;
	default:
		return ui_history_request(v, r, gv->id, cb_record_type_find("genogram")) ||
		       ui_resolve_request(v, r, gv->id, cb_record_type_find("genogram")) ||
		       ui_export_request(v, r, gv->id);
	}
}

static void resume(struct view *v)
{
	struct geno_view *gv = v->priv;
	if (load(v))
		tui_error(v->t, "%s", cb_err_msg());
	/* On the member or relationship just saved. */
	for (size_t i = 0; v->t->saved_item[0] && i < gv->nitems; i++)
		if (strcmp(sget(gv, gv->items[i], "Id"), v->t->saved_item) == 0)
			gv->l.sel = i;
	v->t->saved_item[0] = '\0';
	list_scroll(&gv->l, gv->list_rows ? gv->list_rows : 5);
}

static void done(struct view *v)
{
	struct geno_view *gv = v->priv;
	cb_doc_free(&gv->doc);
	if (gv->have_grid)
		cb_geno_grid_free(&gv->grid);
	free(gv->items);
	free(gv);
}

static const struct view_ops genogram_ops = {
	.name = "genogram",
	.keymap = KM_GENOGRAM,
	.request = request,
	.draw = draw,
	.resume = resume,
	.done = done,
};

struct view *view_genogram_open(struct tui *t, const char *person_id)
{
	struct geno_view *gv = calloc(1, sizeof *gv);
	struct view *v = gv ? view_new(t, &genogram_ops, gv) : NULL;
	if (!v) {
		free(gv);
		tui_error(t, "%s", _("out of memory"));
		return NULL;
	}
	snprintf(gv->id, sizeof gv->id, "%s", person_id);
	gv->type = cb_record_type_find("genogram");
	if (!gv->type || load(v)) {
		tui_error(t, "%s", cb_err_msg());
		done(v);
		free(v);
		return NULL;
	}
	return v;
}
