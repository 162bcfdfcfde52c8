/* tui.c - the workbench's event loop, view stack and status line.
 *
 * One thread: curses is not thread-safe, and nothing here blocks for long
 * (the index answers in milliseconds). Keys are read with a one-second
 * time-out so that forms can write their drafts while the user pauses.
 * SIGHUP, SIGTERM and SIGINT (the terminal closed, the laptop shutting
 * down) make every open form write its draft before the workbench exits,
 * so typed text survives; SIGKILL cannot be caught, which is why forms
 * also write drafts every few seconds while being edited.
 *
 * CASEBOOK_TUI_EXIT_AFTER_DRAW=1 makes the workbench draw the caseload
 * once and exit: the benchmark times start-up to a drawn caseload with
 * it, on a terminal or under tmux. */
#include "tui.h"
#include "ui.h"
#include "lineedit.h"
#include "err.h"
#include "i18n.h"
#include "sanitize.h"
#include "sync_bg.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CTRL(c) ((c) & 0x1f)

struct prompt {
	char label[64];
	struct lineedit le;
	prompt_change_fn on_change;
	prompt_done_fn on_done;
	void *ctx;
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

struct view *view_new(struct tui *t, const struct view_ops *ops, void *priv)
{
	struct view *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->ops = ops;
	v->t = t;
	v->priv = priv;
	return v;
}

static void view_free(struct view *v)
{
	if (!v)
		return;
	if (v->ops->done)
		v->ops->done(v);
	free(v);
}

int tui_push(struct tui *t, struct view *v)
{
	if (!v)
		return -1;
	if (t->depth == TUI_MAX_DEPTH) {
		tui_error(t, "%s", _("too many screens open; go back first"));
		view_free(v);
		return -1;
	}
	t->stack[t->depth++] = v;
	return 0;
}

int tui_close_top(struct tui *t)
{
	if (!t->depth)
		return 1;
	struct view *v = t->stack[t->depth - 1];
	if (v->ops->leave && !v->ops->leave(v))
		return 0;
	t->depth--;
	view_free(v);
	if (t->depth) {
		struct view *under = t->stack[t->depth - 1];
		if (under->ops->resume)
			under->ops->resume(under);
	}
	t->saved_item[0] = '\0';
	return 1;
}

static void vmessage(struct tui *t, int error, const char *fmt, va_list ap)
{
	char raw[sizeof t->msg];
	vsnprintf(raw, sizeof raw, fmt, ap);
	/* Messages quote record text and library errors: sanitise them like
	 * everything else that reaches the terminal. */
	char *safe = cb_sanitize(raw, CB_SAN_ONELINE);
	snprintf(t->msg, sizeof t->msg, "%s", safe ? safe : "");
	free(safe);
	t->msg_error = error;
}

void tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(t, 0, fmt, ap);
	va_end(ap);
}

void tui_error(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(t, 1, fmt, ap);
	va_end(ap);
	beep();
}

/* ---- drawing ---- */

static void draw_title(struct tui *t, struct view *v)
{
	theme_set(TH_TITLE);
	draw_clear_to(0, 0, COLS);
	const char *help = _("? help");
	int hw = text_width(help);
	draw_text(0, 1, COLS - hw - 3, v->title);
	if (COLS > hw + 10)
		draw_text(0, COLS - hw - 1, hw, help);
	theme_set(TH_NORMAL);
}

/* What the status line will hold, worked out before the screen is drawn:
 * a message too long to share the line goes on the row above it, and the
 * screen gives up that row. */
struct status_plan {
	char right[512];
	int rw, left;
	char sync[256];
	int sw;     /* columns the sync part takes, with its gap */
	int above;  /* the message is on the row above */
};

static void plan_status(struct tui *t, struct status_plan *p)
{
	/* Right: where and who, so a shared laptop never hides whose name
	 * a save will carry. */
	const char *base = t->ws && t->ws->dir ? strrchr(t->ws->dir, '/') : NULL;
	char *ws = cb_sanitize(base && base[1] ? base + 1 : (t->ws ? t->ws->dir : ""),
			       CB_SAN_ONELINE);
	snprintf(p->right, sizeof p->right, "%s%s%s %s %s",
		 t->ws && t->ws->store.read_only ? _("read-only") : "",
		 t->ws && t->ws->store.read_only ? " " : "", ws ? ws : "",
		 glyph(GL_EMPTY), t->who);
	free(ws);
	p->rw = text_width(p->right);
	if (p->rw > COLS / 2)
		p->rw = COLS / 2;
	p->left = COLS - p->rw - 2;
	/* Sync: always there, shorter when a message or the search line
	 * needs the room. */
	int mw = t->prompt ? 0 : text_width(t->msg);
	p->sw = 0;
	for (int level = t->prompt ? 1 : 0; level <= 2; level++) {
		sync_bg_status(t, level, p->sync, sizeof p->sync);
		p->sw = p->sync[0] ? text_width(p->sync) + 2 : 0;
		if (mw <= p->left - p->sw)
			break;
	}
	/* Too long even so: the message moves to the row above, and the
	 * sync part has the line to itself again. */
	p->above = mw > p->left - p->sw && LINES >= 6;
	if (p->above) {
		sync_bg_status(t, 0, p->sync, sizeof p->sync);
		p->sw = p->sync[0] ? text_width(p->sync) + 2 : 0;
	}
	if (p->sw > p->left - 10)
		p->sw = p->left - 10 > 0 ? p->left - 10 : 0;
	p->left -= p->sw;
}

static void draw_status(struct tui *t, const struct status_plan *p, int *cy, int *cx)
{
	int y = LINES - 1;
	theme_set(TH_STATUS);
	draw_clear_to(y, 0, COLS);
	if (p->sw) {
		draw_text(y, p->left + 2, p->sw - 2, p->sync);
	}
	if (t->prompt) {
		theme_set(TH_NORMAL);
		int lw = draw_text(y, 0, p->left, t->prompt->label);
		le_draw(&t->prompt->le, y, lw, p->left - lw, cx);
		*cy = y;
	} else {
		int my = p->above ? y - 1 : y;
		theme_set(t->msg_error ? TH_ERROR : TH_STATUS);
		if (p->above)
			draw_clear_to(my, 0, COLS);
		draw_text(my, 0, p->above ? COLS : p->left, t->msg);
	}
	theme_set(TH_DIM);
	draw_text(y, COLS - p->rw, p->rw, p->right);
	theme_set(TH_NORMAL);
}

void tui_draw(struct tui *t)
{
	erase();
	if (!t->depth) {
		refresh();
		return;
	}
	struct view *v = t->stack[t->depth - 1];
	int cy = -1, cx = -1;
	if (LINES >= 3 && COLS >= 10) {
		/* While a sync runs its progress bar takes the last body row. */
		struct status_plan sp;
		plan_status(t, &sp);
		int bar = LINES >= 7 && sync_bg_running(t);
		v->ops->draw(v, 1, LINES - 2 - bar - sp.above);
		if (bar)
			sync_bg_draw_bar(t, LINES - 2 - sp.above, COLS);
		draw_title(t, v);
		int vy, vx;
		if (v->ops->cursor && v->ops->cursor(v, &vy, &vx)) {
			cy = vy;
			cx = vx;
		}
		draw_status(t, &sp, &cy, &cx);
	} else {
		mvaddstr(0, 0, _("Window too small"));
	}
	if (cy >= 0 && cx >= 0) {
		curs_set(1);
		move(cy, cx);
	} else {
		curs_set(0);
	}
	refresh();
}

/* ---- keys ---- */

static struct timespec last_tick;

static long ms_since(const struct timespec *a)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - a->tv_sec) * 1000 + (now.tv_nsec - a->tv_nsec) / 1000000;
}

static void tick_all(struct tui *t)
{
	clock_gettime(CLOCK_MONOTONIC, &last_tick);
	/* Top first: an editor hands its text to the form below it before
	 * that form writes its draft. */
	for (int i = t->depth - 1; i >= 0; i--)
		if (t->stack[i]->ops->tick)
			t->stack[i]->ops->tick(t->stack[i]);
}

/* An escape sequence curses did not recognise (a key this terminal
 * description does not list) arrives as ESC and a few characters; it
 * must not be taken as Esc (leaving a form) followed by typing. */
static int swallow_sequence(void)
{
	wint_t wc = 0;
	timeout(0);
	int r = get_wch(&wc);
	if (r == ERR)
		return 0;
	if (r == OK && (wc == '[' || wc == 'O')) {
		for (int i = 0; i < 16; i++) {
			r = get_wch(&wc);
			if (r == ERR || (r == OK && wc >= 0x40 && wc <= 0x7e))
				break;
		}
		return 1;
	}
	/* Alt+key: ESC then the key. Put the key back; the ESC counts. */
	unget_wch((wchar_t)wc);
	return 0;
}

int tui_read_key(struct tui *t, struct key *k, int timeout_ms)
{
	wint_t wc = 0;
	/* A running sync is read at least every 100 ms. */
	if (sync_bg_running(t) && (timeout_ms < 0 || timeout_ms > 100))
		timeout_ms = 100;
	timeout(timeout_ms);
	int r = get_wch(&wc);
	sync_bg_poll(t);
	if (ms_since(&last_tick) >= 1000)
		tick_all(t);
	k->fn = r == KEY_CODE_YES;
	k->code = (unsigned)wc;
	if (ui_privacy_suspend_asked(k, r != ERR)) {
		ui_privacy_suspend();
		return 0;
	}
	if (r == ERR)
		return 0;
	if (!k->fn && k->code == 27 && swallow_sequence()) {
		tui_message(t, "%s", _("That key is not known to this terminal's description (TERM)"));
		return 0;
	}
	return 1;
}

/* Keys that terminals send in more than one way: the VT220 and the
 * xterm forms of Home and End, and back-tab, so they work whatever TERM
 * says. */
static void define_keys(void)
{
	static const struct {
		const char *seq;
		int code;
	} alt[] = {
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END }, { "\033[7~", KEY_HOME },
		{ "\033[8~", KEY_END }, { "\033[H", KEY_HOME }, { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END }, { "\033[Z", KEY_BTAB },
	};
	for (size_t i = 0; i < sizeof alt / sizeof alt[0]; i++)
		if (key_defined(alt[i].seq) <= 0)
			define_key(alt[i].seq, alt[i].code);
}

static int is_key(const struct key *k, int fn, unsigned code)
{
	return k->fn == fn && k->code == code;
}

int tui_ask(struct tui *t, const char *question, const char *answers)
{
	char saved[sizeof t->msg];
	int saved_err = t->msg_error;
	snprintf(saved, sizeof saved, "%s", t->msg);
	int answer = 0;
	for (;;) {
		snprintf(t->msg, sizeof t->msg, "%s", question);
		t->msg_error = 0;
		tui_draw(t);
		/* The question stands out even without colour. */
		attrset(A_BOLD | A_REVERSE);
		draw_clear_to(LINES - 1, 0, COLS);
		draw_text(LINES - 1, 0, COLS - 1, question);
		attrset(A_NORMAL);
		refresh();
		struct key k;
		if (got_signal)
			break;
		if (!tui_read_key(t, &k, 1000))
			continue;
		if (is_key(&k, 1, KEY_RESIZE))
			continue;
		if (is_key(&k, 0, 27) || is_key(&k, 0, CTRL('c')))
			break;
		if (!k.fn && k.code < 128) {
			int c = (int)k.code;
			if (c >= 'A' && c <= 'Z')
				c += 32;
			if (c && strchr(answers, c)) {
				answer = c;
				break;
			}
		}
	}
	snprintf(t->msg, sizeof t->msg, "%s", saved);
	t->msg_error = saved_err;
	return answer;
}

long tui_pick(struct tui *t, const char *title, const char *const *items,
	      size_t n, size_t current)
{
	struct list l = { n, current < n ? current : 0, 0 };
	for (;;) {
		tui_draw(t);
		int h = (int)n + 2 < LINES - 4 ? (int)n + 2 : LINES - 4;
		int w = 20;
		for (size_t i = 0; i < n; i++) {
			char *s = cb_sanitize(items[i], CB_SAN_ONELINE);
			int iw = s ? text_width(s) + 4 : 0;
			free(s);
			if (iw > w)
				w = iw;
		}
		if (text_width(title) + 4 > w)
			w = text_width(title) + 4;
		if (w > COLS - 4)
			w = COLS - 4;
		if (h < 3 || w < 8)
			return -1;
		int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2;
		int rows = h - 2;
		list_scroll(&l, rows);
		theme_set(TH_TITLE);
		draw_clear_to(y0, x0, w);
		draw_text(y0, x0 + 1, w - 2, title);
		for (int r = 0; r < rows; r++) {
			size_t i = l.top + (size_t)r;
			theme_set(i == l.sel ? TH_SELECTED : TH_NORMAL);
			draw_clear_to(y0 + 1 + r, x0, w);
			if (i < n)
				draw_cell(y0 + 1 + r, x0 + 2, w - 4, items[i]);
		}
		theme_set(TH_TITLE);
		draw_clear_to(y0 + h - 1, x0, w);
		theme_set(TH_NORMAL);
		refresh();
		struct key k;
		if (got_signal)
			return -1;
		if (!tui_read_key(t, &k, 1000) || is_key(&k, 1, KEY_RESIZE))
			continue;
		enum request r = keys_lookup(KM_MENU, &k);
		if (r == REQ_NONE)
			r = keys_lookup(KM_GENERIC, &k);
		if (r == REQ_ENTER)
			return (long)l.sel;
		if (r == REQ_BACK || is_key(&k, 0, CTRL('c')))
			return -1;
		if (list_request(&l, r, rows))
			continue;
		/* A letter jumps to the next item starting with it. */
		if (!k.fn && k.code < 128 && k.code > ' ') {
			for (size_t s = 1; s <= n; s++) {
				size_t i = (l.sel + s) % n;
				int a = (unsigned char)items[i][0], b = (int)k.code;
				if (a >= 'A' && a <= 'Z')
					a += 32;
				if (b >= 'A' && b <= 'Z')
					b += 32;
				if (a == b) {
					l.sel = i;
					break;
				}
			}
		}
	}
}

int tui_prompt(struct tui *t, const char *label, const char *initial,
	       prompt_change_fn on_change, prompt_done_fn on_done, void *ctx)
{
	struct prompt *p = calloc(1, sizeof *p);
	if (!p || le_set(&p->le, initial ? initial : "")) {
		free(p);
		tui_error(t, "%s", _("out of memory"));
		return -1;
	}
	snprintf(p->label, sizeof p->label, "%s", label);
	p->on_change = on_change;
	p->on_done = on_done;
	p->ctx = ctx;
	t->prompt = p;
	return 0;
}

static void prompt_close(struct tui *t, int accepted)
{
	struct prompt *p = t->prompt;
	char *text = le_get(&p->le);
	t->prompt = NULL;
	if (p->on_done)
		p->on_done(p->ctx, text ? text : "", accepted);
	free(text);
	le_free(&p->le);
	free(p);
}

static void prompt_key(struct tui *t, const struct key *k)
{
	struct prompt *p = t->prompt;
	if (is_key(k, 0, '\r') || is_key(k, 0, '\n') || is_key(k, 1, KEY_ENTER)) {
		prompt_close(t, 1);
		return;
	}
	if (is_key(k, 0, 27) || is_key(k, 0, CTRL('c'))) {
		prompt_close(t, 0);
		return;
	}
	/* Backspace on an empty line closes it, as in less. */
	if (p->le.len == 0 && (is_key(k, 1, KEY_BACKSPACE) || is_key(k, 0, 127) ||
			       is_key(k, 0, 8))) {
		prompt_close(t, 0);
		return;
	}
	if (le_key(&p->le, k) == 2 && p->on_change) {
		char *text = le_get(&p->le);
		if (text)
			p->on_change(p->ctx, text);
		free(text);
	}
}

/* ---- suspending for $EDITOR ---- */

void tui_suspend(struct tui *t)
{
	(void)t;
	def_prog_mode();
	endwin();
}

void tui_resume(struct tui *t)
{
	(void)t;
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}

/* ---- the loop ---- */

static void generic_request(struct tui *t, enum request r)
{
	struct view *v = t->stack[t->depth - 1];
	switch (r) {
	case REQ_BACK:
		tui_close_top(t);
		if (!t->depth)
			t->quit = 1;
		break;
	case REQ_QUIT:
		while (t->depth && tui_close_top(t))
			;
		if (!t->depth)
			t->quit = 1;
		break;
	case REQ_HELP:
		tui_push(t, view_help_open(t, v->ops->keymap));
		break;
	case REQ_REDRAW:
		clearok(curscr, TRUE);
		break;
	case REQ_SYNC:
		sync_bg_start(t);
		break;
	case REQ_NONE:
		tui_message(t, "%s", _("That key does nothing here; ? lists the keys."));
		break;
	default:
		break;
	}
}

static void dispatch(struct tui *t, const struct key *k)
{
	struct view *v = t->stack[t->depth - 1];
	if (v->ops->key && v->ops->key(v, k))
		return;
	enum request r = keys_lookup(v->ops->keymap, k);
	if (r == REQ_NONE)
		r = keys_lookup(KM_GENERIC, k);
	if (r != REQ_NONE && v->ops->request && v->ops->request(v, r))
		return;
	generic_request(t, r);
}

/* Before exiting on a signal: every form writes its draft now. */
static void flush_drafts(struct tui *t)
{
	t->flushing = 1;
	tick_all(t);
	t->flushing = 0;
}

int tui_main(struct cli *c)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s", _("casebook: the workbench needs a terminal; "
					"see casebook --help for the commands\n"));
		return 1;
	}
	char conf_err[1024];
	if (ui_config_load(conf_err, sizeof conf_err)) {
		fputs("casebook: ", stderr);
		cli_put(stderr, conf_err); /* the file's own text: escaped */
		fputc('\n', stderr);
		fprintf(stderr, "%s", _("casebook: the workbench does not start with a bad configuration file; see doc/config.md\n"));
		return 1;
	}
	if (cli_open(c))
		return 1;
	ui_privacy_start();
	struct tui t = { 0 };
	t.cli = c;
	t.ws = &c->ws;
	const char *name, *email;
	if (cb_ws_author(t.ws, &name, &email) == 0) {
		char *safe = cb_sanitize(name, CB_SAN_ONELINE);
		snprintf(t.who, sizeof t.who, "%s", safe ? safe : "");
		free(safe);
	} else {
		snprintf(t.who, sizeof t.who, "%s", _("nobody: saving is off"));
	}
	const char *ead = getenv("CASEBOOK_TUI_EXIT_AFTER_DRAW");
	t.exit_after_draw = ead && strcmp(ead, "1") == 0;

	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		const char *term = getenv("TERM");
		fprintf(stderr, _("casebook: cannot drive this terminal (TERM=%s)\n"),
			term ? term : "");
		return 1;
	}
	set_term(scr);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	define_keys();
	theme_init();

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	clock_gettime(CLOCK_MONOTONIC, &last_tick);

	int rc = 0;
	if (tui_push(&t, view_caseload_open(&t))) {
		endwin();
		delscreen(scr);
		fprintf(stderr, "casebook: %s\n", cb_err_msg());
		return 1;
	}
	/* CASEBOOK_TUI_TRACE=FILE: the benchmark's per-key latency. After each
	 * key is handled and the screen updated, "KEY MICROSECONDS" (from the
	 * key read to the update) is appended to FILE. */
	const char *trace_path = getenv("CASEBOOK_TUI_TRACE");
	FILE *trace = trace_path && *trace_path ? fopen(trace_path, "a") : NULL;
	struct timespec key_at = { 0 };
	long traced = -1;
	while (!t.quit && t.depth) {
		tui_draw(&t);
		if (trace && traced >= 0) {
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			fprintf(trace, "%ld %lld\n", traced, (long long)(now.tv_sec - key_at.tv_sec) * 1000000 +
				(now.tv_nsec - key_at.tv_nsec) / 1000);
			fflush(trace);
			traced = -1;
		}
		if (t.exit_after_draw)
			break;
		struct key k;
		int got = tui_read_key(&t, &k, 1000);
		if (trace && got) {
			clock_gettime(CLOCK_MONOTONIC, &key_at);
			traced = (long)k.code;
		}
		if (got_signal) {
			flush_drafts(&t);
			rc = 1;
			break;
		}
		sync_bg_settle(&t);
		if (!got || is_key(&k, 1, KEY_RESIZE))
			continue;
		t.msg[0] = '\0';
		t.msg_error = 0;
		if (t.prompt)
			prompt_key(&t, &k);
		else
			dispatch(&t, &k);
	}
	if (t.prompt)
		prompt_close(&t, 0);
	/* Views closed here were either left on purpose (q, Q) or are being
	 * torn down after their drafts were written. */
	while (t.depth)
		view_free(t.stack[--t.depth]);
	sync_bg_stop(&t);
	if (trace)
		fclose(trace);
	ui_privacy_wipe();
	endwin();
	delscreen(scr);
	return rc;
}

char *ui_person_title(struct tui *t, const char *person_id)
{
	char *name = cli_person_name(t->cli, person_id);
	char *safe = cb_sanitize(name ? name : person_id, CB_SAN_ONELINE);
	free(name);
	return safe;
}
