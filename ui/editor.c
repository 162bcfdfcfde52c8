/* editor.c - long text: $VISUAL / $EDITOR, or a built-in editor.
 *
 * Practitioners write case notes in the editor they know when one is
 * set. The file it edits lives in a private directory inside the
 * workspace (tmp/, mode 0700), never in /tmp, since it holds personal
 * data, and is removed as soon as the editor exits. Without $VISUAL or
 * $EDITOR the built-in editor below is used: a small full-screen editor
 * with soft-wrapped lines, enough for a chronology entry or a plan
 * section, that hands its text back to the form about once a second so
 * the form's draft includes it. */
#include "ui.h"
#include "lineedit.h"
#include "err.h"
#include "i18n.h"
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define CTRL(c) ((c) & 0x1f)

/* ---- $VISUAL / $EDITOR ---- */

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static char *read_all(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW);
	if (fd < 0)
		return NULL;
	struct cb_sb sb = CB_SB_INIT;
	char buf[16384];
	ssize_t r;
	cb_sb_add(&sb, "", 0);
	while ((r = read(fd, buf, sizeof buf)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			cb_sb_free(&sb);
			close(fd);
			return NULL;
		}
		cb_sb_add(&sb, buf, (size_t)r);
	}
	close(fd);
	if (cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		return NULL;
	}
	return cb_sb_take(&sb);
}

int editor_external(struct tui *t, const char *text, char **out)
{
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		return 1;
	*out = NULL;
	char dir[4096], path[4200];
	snprintf(dir, sizeof dir, "%s/tmp", t->ws->dir);
	mkdir(dir, 0700);
	snprintf(dir, sizeof dir, "%s/tmp/edit-XXXXXX", t->ws->dir);
	if (!mkdtemp(dir)) {
		tui_error(t, _("Cannot make a private directory for the editor: %s"), strerror(errno));
		return -1;
	}
	snprintf(path, sizeof path, "%s/text.txt", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	int rc = -1;
	if (fd < 0 || write_all(fd, text, strlen(text)) || write_all(fd, "\n", 1)) {
		tui_error(t, _("Cannot write the text for the editor: %s"), strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	close(fd);
	/* The command may carry arguments ("emacs -nw"), so the shell splits
	 * it; the file name goes in as $1 and is never re-parsed. */
	struct cb_sb cmd = CB_SB_INIT;
	cb_sb_addf(&cmd, "%s \"$1\"", ed);
	if (cb_sb_failed(&cmd)) {
		tui_error(t, "%s", _("out of memory"));
		goto out;
	}
	tui_suspend(t);
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd.buf, "sh", path, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	tui_resume(t);
	cb_sb_free(&cmd);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		tui_error(t, _("The editor (%s) failed; the text was not changed"), ed);
		goto out;
	}
	*out = read_all(path);
	if (!*out) {
		tui_error(t, _("Cannot read back what the editor wrote: %s"), strerror(errno));
		goto out;
	}
	rc = 0;
out:
	unlink(path);
	rmdir(dir);
	return rc;
}

/* ---- the built-in editor ---- */

struct editor {
	struct lineedit *lines;
	size_t n, cap;
	size_t row;         /* the cursor's line */
	size_t top;         /* first line shown */
	int rows;
	char *original;
	int dirty;          /* changed since the form last had the text */
	int restore;        /* cancelled: give the form the original back */
	editor_fn update, finish;
	void *ctx;
	int cy, cx;
};

static struct lineedit *add_line(struct editor *e, size_t at)
{
	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 16;
		void *nv = realloc(e->lines, cap * sizeof *e->lines);
		if (!nv)
			return NULL;
		e->lines = nv;
		e->cap = cap;
	}
	memmove(e->lines + at + 1, e->lines + at, (e->n - at) * sizeof *e->lines);
	memset(&e->lines[at], 0, sizeof e->lines[at]);
	e->n++;
	return &e->lines[at];
}

static int set_text(struct editor *e, const char *text)
{
	const char *p = text ? text : "";
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, len);
		struct lineedit *le = line ? add_line(e, e->n) : NULL;
		int rc = le ? le_set(le, line) : -1;
		free(line);
		if (rc)
			return -1;
		le->cur = 0;
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

static char *get_text(const struct editor *e)
{
	struct cb_sb sb = CB_SB_INIT;
	cb_sb_add(&sb, "", 0);
	for (size_t i = 0; i < e->n; i++) {
		char *line = le_get(&e->lines[i]);
		if (i)
			cb_sb_addc(&sb, '\n');
		cb_sb_adds(&sb, line ? line : "");
		free(line);
	}
	if (cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		return NULL;
	}
	return cb_sb_take(&sb);
}

/* Screen rows one line takes when wrapped to width columns. */
static int line_rows(const struct lineedit *le, int width, size_t upto, int *cur_row, int *cur_col)
{
	char piece[16];
	int row = 0, col = 0;
	for (size_t i = 0; i < le->len; i++) {
		int w = le_shown(le->buf[i], piece);
		if (col + w > width) {
			row++;
			col = 0;
		}
		if (i == upto && cur_row) {
			*cur_row = row;
			*cur_col = col;
		}
		col += w;
	}
	if (upto >= le->len && cur_row) {
		if (col >= width) {
			row++;
			col = 0;
		}
		*cur_row = row;
		*cur_col = col;
	}
	return row + 1;
}

static void draw(struct view *v, int top, int rows)
{
	struct editor *e = v->priv;
	int width = COLS - 2;
	rows -= 1;
	e->rows = rows;
	if (e->row < e->top)
		e->top = e->row;
	/* Scroll until the cursor's line fits below top. */
	for (;;) {
		int used = 0;
		for (size_t i = e->top; i <= e->row && i < e->n; i++)
			used += line_rows(&e->lines[i], width, 0, NULL, NULL);
		if (used <= rows || e->top == e->row)
			break;
		e->top++;
	}
	int y = top;
	char piece[16];
	e->cy = e->cx = -1;
	for (size_t i = e->top; i < e->n && y < top + rows; i++) {
		const struct lineedit *le = &e->lines[i];
		int col = 0;
		if (i == e->row) {
			int cr = 0, cc = 0;
			line_rows(le, width, le->cur, &cr, &cc);
			e->cy = y + cr;
			e->cx = 1 + cc;
		}
		for (size_t k = 0; k < le->len; k++) {
			int w = le_shown(le->buf[k], piece);
			if (col + w > width) {
				y++;
				col = 0;
			}
			if (y < top + rows)
				mvaddstr(y, 1 + col, piece);
			col += w;
		}
		y++;
	}
	if (e->cy >= top + rows)
		e->cy = -1;
	theme_set(TH_DIM);
	draw_text(top + rows, 1, COLS - 2,
		  _("^S or ^X keeps the text  Esc goes back without it  F1 help"));
	theme_set(TH_NORMAL);
}

static int cursor(struct view *v, int *y, int *x)
{
	struct editor *e = v->priv;
	if (e->cy < 0)
		return 0;
	*y = e->cy;
	*x = e->cx;
	return 1;
}

static int key(struct view *v, const struct key *k)
{
	struct editor *e = v->priv;
	struct lineedit *le = &e->lines[e->row];
	if (!k->fn && (k->code == '\r' || k->code == '\n')) {
		/* Split the line at the cursor. */
		struct lineedit *nl = add_line(e, e->row + 1);
		if (!nl)
			return 1;
		le = &e->lines[e->row];
		char *all = le_get(le);
		if (!all)
			return 1;
		le_set(nl, "");
		for (size_t i = le->cur; i < le->len; i++)
			le_insert(nl, le->buf[i]);
		nl->cur = 0;
		le->len = le->cur;
		free(all);
		e->row++;
		e->dirty = 1;
		return 1;
	}
	int backspace = (k->fn && k->code == KEY_BACKSPACE) ||
			(!k->fn && (k->code == 127 || k->code == 8));
	if (backspace && le->cur == 0 && e->row > 0) {
		/* Join with the line above. */
		struct lineedit *up = &e->lines[e->row - 1];
		size_t at = up->len;
		up->cur = up->len;
		for (size_t i = 0; i < le->len; i++)
			le_insert(up, le->buf[i]);
		up->cur = at;
		le_free(le);
		memmove(e->lines + e->row, e->lines + e->row + 1,
			(e->n - e->row - 1) * sizeof *e->lines);
		e->n--;
		e->row--;
		e->dirty = 1;
		return 1;
	}
	if (k->fn && k->code == KEY_DC && le->cur == le->len && e->row + 1 < e->n) {
		struct lineedit *down = &e->lines[e->row + 1];
		size_t at = le->cur;
		for (size_t i = 0; i < down->len; i++)
			le_insert(le, down->buf[i]);
		le->cur = at;
		le_free(down);
		memmove(e->lines + e->row + 1, e->lines + e->row + 2,
			(e->n - e->row - 2) * sizeof *e->lines);
		e->n--;
		e->dirty = 1;
		return 1;
	}
	if (k->fn && (k->code == KEY_UP || k->code == KEY_DOWN ||
		      k->code == KEY_PPAGE || k->code == KEY_NPAGE)) {
		size_t step = (k->code == KEY_PPAGE || k->code == KEY_NPAGE) && e->rows > 2
			? (size_t)e->rows - 1 : 1;
		size_t col = le->cur;
		if (k->code == KEY_UP || k->code == KEY_PPAGE)
			e->row = e->row > step ? e->row - step : 0;
		else
			e->row = e->row + step < e->n ? e->row + step : e->n - 1;
		le = &e->lines[e->row];
		le->cur = col < le->len ? col : le->len;
		return 1;
	}
	if (k->fn && k->code == KEY_LEFT && le->cur == 0 && e->row > 0) {
		e->row--;
		e->lines[e->row].cur = e->lines[e->row].len;
		return 1;
	}
	if (k->fn && k->code == KEY_RIGHT && le->cur == le->len && e->row + 1 < e->n) {
		e->row++;
		e->lines[e->row].cur = 0;
		return 1;
	}
	/* A tab is text in a case note. */
	if (!k->fn && k->code == '\t') {
		le_insert(le, L'\t');
		e->dirty = 1;
		return 1;
	}
	int r = le_key(le, k);
	if (r == 2)
		e->dirty = 1;
	return r != 0;
}

static void hand_back(struct editor *e, editor_fn fn)
{
	char *text = get_text(e);
	if (text && fn)
		fn(e->ctx, text);
	free(text);
	e->dirty = 0;
}

static void tick(struct view *v)
{
	struct editor *e = v->priv;
	if (e->dirty)
		hand_back(e, e->update);
}

static int request(struct view *v, enum request r)
{
	struct editor *e = v->priv;
	switch (r) {
	case REQ_EDITOR_DONE:
		hand_back(e, e->finish);
		tui_close_top(v->t);
		return 1;
	case REQ_CANCEL: {
		char *now = get_text(e);
		int same = now && strcmp(now, e->original) == 0;
		free(now);
		if (!same && tui_ask(v->t, _("Throw away the changes to this text? y/n"), "yn") != 'y')
			return 1;
		e->restore = 1;
		tui_close_top(v->t);
		return 1;
	}
	default:
		/* Everything else (q, j, k...) is typing here. */
		return r == REQ_HELP || r == REQ_REDRAW || r == REQ_QUIT ? 0 : 1;
	}
}

static int leave(struct view *v)
{
	struct editor *e = v->priv;
	if (e->restore) {
		if (e->update)
			e->update(e->ctx, e->original);
	} else {
		hand_back(e, e->finish);
	}
	return 1;
}

static void done(struct view *v)
{
	struct editor *e = v->priv;
	for (size_t i = 0; i < e->n; i++)
		le_free(&e->lines[i]);
	free(e->lines);
	free(e->original);
	free(e);
}

static const struct view_ops editor_ops = {
	.name = "editor",
	.keymap = KM_EDITOR,
	.key = key,
	.request = request,
	.draw = draw,
	.tick = tick,
	.leave = leave,
	.done = done,
	.cursor = cursor,
};

struct view *view_editor_open(struct tui *t, const char *title, const char *text,
			      editor_fn update, editor_fn finish, void *ctx)
{
	struct editor *e = calloc(1, sizeof *e);
	struct view *v = e ? view_new(t, &editor_ops, e) : NULL;
	if (e)
		e->original = strdup(text ? text : "");
	if (!v || !e->original || set_text(e, text)) {
		if (e) {
			for (size_t i = 0; i < e->n; i++)
				le_free(&e->lines[i]);
			free(e->lines);
			free(e->original);
		}
		free(e);
		free(v);
		tui_error(t, "%s", _("out of memory"));
		return NULL;
	}
	e->update = update;
	e->finish = finish;
	e->ctx = ctx;
	snprintf(v->title, sizeof v->title, "%s", title);
	/* Start at the end: most edits add to what is there. */
	e->row = e->n - 1;
	e->lines[e->row].cur = e->lines[e->row].len;
	return v;
}
