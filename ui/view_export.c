/* view_export.c - the export menu behind `x`: pick an export, say where
 * it goes, watch it run. The exports and their progress reports are in
 * src/export*.c; this file only asks and draws. */
#include "export_ui.h"
#include "ui.h"

#include "err.h"
#include "export.h"
#include "sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the "Write to:" prompt needs when it is answered. */
struct pending {
	struct tui *t;
	const struct cb_export_def *e;
	char id[11];
	int has_id;
};

/* The progress callback: a bar on the row above the status line, drawn
 * over the screen as it stands, and shown at once. */
static void progress(void *ctx, size_t done, size_t total, const char *what)
{
	struct tui *t = ctx;
	tui_draw(t);
	if (LINES < 4 || COLS < 20)
		return;
	int y = LINES - 3, width = COLS;
	char head[160], tail[32];
	snprintf(head, sizeof head, _("Exporting: %s"), what ? what : _("done"));
	snprintf(tail, sizeof tail, "%zu/%zu", done, total);
	theme_set(TH_HEADER);
	draw_clear_to(y, 0, width);
	int x = 1 + draw_text(y, 1, width / 2, head) + 2;
	int barw = width - x - text_width(tail) - 3;
	if (barw >= 10) {
		int filled = total ? (int)((size_t)barw * done / total) : 0;
		if (filled > barw)
			filled = barw;
		const char *full = theme_utf8() ? "\xe2\x96\x88" : "#";
		const char *empty = theme_utf8() ? "\xc2\xb7" : "-";
		move(y, x);
		for (int i = 0; i < barw; i++)
			addstr(i < filled ? full : empty);
		x += barw + 2;
	}
	draw_text(y, x, width - x - 1, tail);
	theme_set(TH_NORMAL);
	refresh();
}

static void run(struct pending *p, const char *path)
{
	struct tui *t = p->t;
	struct cb_export_ctx x = { 0 };
	x.progress = progress;
	x.progress_ctx = t;
	int rc = p->e->run(t->ws, p->has_id ? p->id : NULL, path, &x);
	char *safe = cb_sanitize(rc ? cb_err_msg() : path, CB_SAN_ONELINE);
	if (rc)
		tui_error(t, _("Not exported: %s"), safe ? safe : "");
	else
		tui_message(t, _("Exported to %s"), safe ? safe : "");
	free(safe);
}

static void where_done(void *ctx, const char *text, int accepted)
{
	struct pending *p = ctx;
	if (!accepted || !*text) {
		tui_message(p->t, "%s", _("Nothing exported"));
	} else if (access(text, F_OK) == 0 &&
		   tui_ask(p->t, _("That file exists. Replace it? (y/n)"), "yn") != 'y') {
		tui_message(p->t, "%s", _("Nothing exported"));
	} else {
		run(p, text);
	}
	free(p);
}

int ui_export_menu(struct tui *t, const char *person_id, int caseload)
{
	const struct cb_export_def *offer[64];
	const char *labels[64];
	size_t n = 0;
	for (size_t i = 0; cb_exports[i].name && n < 64; i++) {
		const struct cb_export_def *e = &cb_exports[i];
		if ((e->scope == CB_EXPORT_PERSON && person_id) ||
		    (e->scope == CB_EXPORT_CASELOAD && caseload)) {
			offer[n] = e;
			labels[n++] = _(e->label);
		}
	}
	if (n == 0) {
		tui_message(t, "%s", _("Nothing to export here"));
		return 1;
	}
	long k = tui_pick(t, _("Export"), labels, n, 0);
	if (k < 0)
		return 1;
	const struct cb_export_def *e = offer[k];
	const char *id = e->scope == CB_EXPORT_PERSON ? person_id : NULL;
	char *path = cb_export_default_path(t->ws, e, id);
	if (!path) {
		char *safe = cb_sanitize(cb_err_msg(), CB_SAN_ONELINE);
		tui_error(t, _("Not exported: %s"), safe ? safe : "");
		free(safe);
		return 1;
	}
	struct pending *p = calloc(1, sizeof *p);
	if (!p) {
		free(path);
		tui_error(t, "%s", _("out of memory"));
		return 1;
	}
	p->t = t;
	p->e = e;
	if (id) {
		snprintf(p->id, sizeof p->id, "%s", id);
		p->has_id = 1;
	}
	if (tui_prompt(t, _("Write to: "), path, NULL, where_done, p))
		free(p);
	free(path);
	return 1;
}

int ui_export_request(struct view *v, enum request r, const char *person_id)
{
	if (r != REQ_EXPORT)
		return 0;
	return ui_export_menu(v->t, person_id, 0);
}
