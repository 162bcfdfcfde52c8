/* sync_bg.c - sync in a child process, read over a pipe; see sync_bg.h.
 *
 * Why a child process running the sync command rather than cb_sync in a
 * fork of the workbench: the workbench holds SQLite connections and a
 * libgit2 repository, neither of which may be used on both sides of a
 * fork; a fresh process opens its own. The porcelain protocol (doc/sync.md)
 * is the same one scripts read. */
#include "sync_bg.h"
#include "ui.h"
#include "err.h"
#include "i18n.h"
#include "index.h"
#include "sanitize.h"
#include "sync.h"
#include "workspace.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How often the status line's figures are read again when nothing
 * happened that would change them (a sync elsewhere can push for us). */
#define STATUS_MAX_AGE_MS 5000

struct sync_bg {
	pid_t pid;          /* the running sync, or 0 */
	int fd;             /* its standard output, or -1 */
	int ended;          /* it exited (reaped); settle() reports */
	int status;         /* its wait status */
	char line[4096];    /* a line being read */
	size_t len;
	/* The latest progress line. */
	char phase[16];
	unsigned attempt;
	unsigned long long objects, total, bytes;
	/* How it ended. */
	char result[256];   /* "fetched=1 merged=0 conflicts=0 pushed=2" */
	char error[1024];   /* "KIND MESSAGE" */
	/* The status line's figures, cached. */
	struct cb_sync_status st;
	int have_st;
	struct timespec st_at;
	git_oid st_tip;
};

static struct sync_bg *state(struct tui *t)
{
	if (!t->sync) {
		t->sync = calloc(1, sizeof *t->sync);
		if (t->sync)
			t->sync->fd = -1;
	}
	return t->sync;
}

int sync_bg_running(struct tui *t)
{
	return t->sync && t->sync->pid > 0;
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void exec_sync(int out, const char *dir)
{
	/* Its own process group, so that stopping it also stops the network
	 * process it forks. */
	setpgid(0, 0);
	int null = open("/dev/null", O_RDWR);
	if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0)
		_exit(127);
	/* Its messages would scribble over the screen; they also arrive as
	 * the porcelain "error" line. Kept when stderr is not the terminal
	 * (a log, a test), where they can be read later. */
	if (isatty(2) && dup2(null, 2) < 0)
		_exit(127);
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
	/* git credential fill must not prompt on the terminal curses owns. */
	setenv("GIT_TERMINAL_PROMPT", "0", 1);
	execl("/proc/self/exe", "casebook", "-C", dir, "sync", "--porcelain", (char *)NULL);
	_exit(127);
}

void sync_bg_start(struct tui *t)
{
	struct sync_bg *s = state(t);
	if (!s) {
		tui_error(t, "%s", _("out of memory"));
		return;
	}
	if (s->pid > 0) {
		tui_message(t, "%s", _("A sync is already running."));
		return;
	}
	if (!cb_sync_has_remote(t->ws)) {
		tui_error(t, "%s", _("This workspace has no shared remote to sync with."));
		return;
	}
	int p[2];
	if (pipe(p) < 0) {
		tui_error(t, _("cannot start a sync: %s"), strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid < 0) {
		tui_error(t, _("cannot start a sync: %s"), strerror(errno));
		close(p[0]);
		close(p[1]);
		return;
	}
	if (pid == 0)
		exec_sync(p[1], t->ws->dir);
	/* Also here, so that a stop right away reaches the group. */
	setpgid(pid, pid);
	close(p[1]);
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	s->pid = pid;
	s->fd = p[0];
	s->ended = 0;
	s->status = 0;
	s->len = 0;
	snprintf(s->phase, sizeof s->phase, "connecting");
	s->attempt = 1;
	s->objects = s->total = s->bytes = 0;
	s->result[0] = s->error[0] = '\0';
	tui_message(t, "%s", _("Syncing in the background; carry on working."));
}

static void take_line(struct sync_bg *s, char *l)
{
	if (strncmp(l, "progress ", 9) == 0) {
		char phase[16];
		unsigned attempt;
		unsigned long long o, tot, b;
		if (sscanf(l + 9, "%15s %u %llu %llu %llu", phase, &attempt, &o, &tot, &b) == 5) {
			snprintf(s->phase, sizeof s->phase, "%s", phase);
			s->attempt = attempt;
			s->objects = o;
			s->total = tot;
			s->bytes = b;
		}
	} else if (strncmp(l, "result ", 7) == 0) {
		snprintf(s->result, sizeof s->result, "%s", l + 7);
	} else if (strncmp(l, "error ", 6) == 0) {
		snprintf(s->error, sizeof s->error, "%s", l + 6);
	}
}

static void feed(struct sync_bg *s, const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n') {
			s->line[s->len] = '\0';
			take_line(s, s->line);
			s->len = 0;
		} else if (s->len + 1 < sizeof s->line) {
			s->line[s->len++] = buf[i];
		}
	}
}

void sync_bg_poll(struct tui *t)
{
	struct sync_bg *s = t->sync;
	if (!s || s->pid <= 0)
		return;
	while (s->fd >= 0) {
		char buf[1024];
		ssize_t got = read(s->fd, buf, sizeof buf);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			break; /* EAGAIN: nothing more for now */
		if (got == 0) {
			close(s->fd);
			s->fd = -1;
			break;
		}
		feed(s, buf, (size_t)got);
	}
	/* Reaped only here, by its pid: SIGCHLD stays at its default, as the
	 * sync library needs for its own children. */
	int st;
	if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
		if (s->fd >= 0) {
			/* Whatever it wrote last is in the pipe still. */
			fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) & ~O_NONBLOCK);
			char buf[1024];
			ssize_t got;
			while ((got = read(s->fd, buf, sizeof buf)) > 0)
				feed(s, buf, (size_t)got);
			close(s->fd);
			s->fd = -1;
		}
		s->pid = 0;
		s->status = st;
		s->ended = 1;
		s->have_st = 0;
	}
}

static const char *phase_title(const char *phase)
{
	if (strcmp(phase, "connecting") == 0)
		return _("connecting");
	if (strcmp(phase, "fetching") == 0)
		return _("receiving");
	if (strcmp(phase, "merging") == 0)
		return _("merging");
	if (strcmp(phase, "pushing") == 0)
		return _("sending");
	if (strcmp(phase, "waiting") == 0)
		return _("waiting to try again");
	if (strcmp(phase, "indexing") == 0)
		return _("updating the index");
	return "";
}

static void format_bytes(unsigned long long b, char *out, size_t n)
{
	if (b >= 1024ULL * 1024)
		snprintf(out, n, _("%.1f MiB"), (double)b / (1024.0 * 1024.0));
	else if (b >= 1024)
		snprintf(out, n, _("%.1f KiB"), (double)b / 1024.0);
	else
		snprintf(out, n, _("%llu bytes"), b);
}

int sync_bg_draw_bar(struct tui *t, int y, int width)
{
	struct sync_bg *s = t->sync;
	if (!s || s->pid <= 0)
		return 0;
	char head[128], tail[128], bytes[32];
	if (s->attempt > 1)
		snprintf(head, sizeof head, _("Sync: %s (attempt %u)"), phase_title(s->phase),
			 s->attempt);
	else
		snprintf(head, sizeof head, _("Sync: %s"), phase_title(s->phase));
	format_bytes(s->bytes, bytes, sizeof bytes);
	snprintf(tail, sizeof tail, _("%llu/%llu objects, %s"), s->objects, s->total, bytes);
	theme_set(TH_HEADER);
	draw_clear_to(y, 0, width);
	int x = 1 + draw_text(y, 1, width / 2, head) + 2;
	int tw = text_width(tail);
	int barw = width - x - tw - 3;
	if (barw >= 10) {
		/* The bar: objects of the total while a transfer runs. */
		int filled = s->total ? (int)((unsigned long long)barw * s->objects / s->total) : 0;
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
	return 1;
}

static long ms_since(const struct timespec *a)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - a->tv_sec) * 1000 + (now.tv_nsec - a->tv_nsec) / 1000000;
}

/* Reads the figures again when main moved (a save), a sync ended, or
 * they are a few seconds old. */
static void refresh_status(struct tui *t, struct sync_bg *s)
{
	git_oid tip;
	cb_ws_tip(t->ws, &tip);
	if (s->have_st && git_oid_equal(&tip, &s->st_tip) &&
	    ms_since(&s->st_at) < STATUS_MAX_AGE_MS)
		return;
	cb_sync_status_free(&s->st);
	memset(&s->st, 0, sizeof s->st);
	s->st_tip = tip;
	clock_gettime(CLOCK_MONOTONIC, &s->st_at);
	/* Without a remote there is nothing to count: skip the walk of the
	 * whole history that "unsynced" would otherwise be. */
	if (!cb_sync_has_remote(t->ws)) {
		s->have_st = 1;
		return;
	}
	/* A failure to read them is not worth an error on every redraw:
	 * the figures are left out instead. */
	s->have_st = cb_sync_status(t->ws, &s->st) == 0;
	if (!s->have_st)
		cb_err_clear();
}

static void when_text(int64_t when, char *out, size_t n)
{
	time_t tt = (time_t)when, now = time(NULL);
	struct tm tm, today;
	if (!localtime_r(&tt, &tm) || !localtime_r(&now, &today)) {
		snprintf(out, n, "?");
		return;
	}
	if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		strftime(out, n, "%H:%M", &tm);
	else
		strftime(out, n, "%d %b", &tm);
}

void sync_bg_status(struct tui *t, int level, char *out, size_t n)
{
	out[0] = '\0';
	struct sync_bg *s = state(t);
	if (!s || !t->ws)
		return;
	refresh_status(t, s);
	if (!s->have_st)
		return;
	if (!s->st.has_remote) {
		snprintf(out, n, "%s", _("no remote"));
		return;
	}
	char when[32], last[64], resolve[96] = "";
	if (s->st.last_sync) {
		when_text(s->st.last_sync, when, sizeof when);
		snprintf(last, sizeof last, level ? "%s" : _("synced %s"), when);
	} else {
		snprintf(last, sizeof last, "%s", level == 2 ? _("never") : _("never synced"));
	}
	if (level == 2) {
		/* "▲3 14:05 ✗1": saves to send, last sync, to resolve. */
		if (s->st.conflicts)
			snprintf(resolve, sizeof resolve, " %s%zu", glyph(GL_WARN), s->st.conflicts);
		snprintf(out, n, "%s%zu %s%s", glyph(GL_UP), s->st.unpushed, last, resolve);
		return;
	}
	if (s->st.conflicts) {
		char c[64];
		snprintf(c, sizeof c, ngettext("%zu to resolve", "%zu to resolve", s->st.conflicts),
			 s->st.conflicts);
		snprintf(resolve, sizeof resolve, " %s %s", glyph(GL_DASH), c);
	}
	snprintf(out, n, ngettext("%zu unsynced %s %s%s", "%zu unsynced %s %s%s", s->st.unpushed),
		 s->st.unpushed, glyph(GL_DASH), last, resolve);
}

void sync_bg_settle(struct tui *t)
{
	struct sync_bg *s = t->sync;
	if (!s || !s->ended)
		return;
	s->ended = 0;
	unsigned long fetched = 0, merged = 0, conflicts = 0, pushed = 0;
	if (s->error[0]) {
		/* "KIND MESSAGE": the message is the sync's own words, which
		 * may quote the remote; tui_error sanitises it. */
		const char *msg = strchr(s->error, ' ');
		tui_error(t, _("Sync failed: %s"), msg ? msg + 1 : s->error);
	} else if (s->result[0] &&
		   sscanf(s->result, "fetched=%lu merged=%lu conflicts=%lu pushed=%lu",
			  &fetched, &merged, &conflicts, &pushed) == 4) {
		if (conflicts)
			tui_message(t, ngettext("Synced: received %lu, sent %lu; %lu conflict to "
						"resolve (C on the caseload lists them)",
						"Synced: received %lu, sent %lu; %lu conflicts to "
						"resolve (C on the caseload lists them)", conflicts),
				    fetched, pushed, conflicts);
		else
			tui_message(t, _("Synced: received %lu, sent %lu"), fetched, pushed);
	} else if (WIFSIGNALED(s->status)) {
		tui_error(t, _("The sync stopped (signal %d); nothing was lost, try again"),
			  WTERMSIG(s->status));
	} else {
		tui_error(t, _("The sync stopped (status %d); nothing was lost, try again"),
			  WIFEXITED(s->status) ? WEXITSTATUS(s->status) : -1);
	}
	/* The sync brought the shared index up to date itself; this catches
	 * up anything it could not, then the screen shows the new data. */
	if (cb_index_catch_up(&t->ws->index, &t->ws->store))
		cb_err_clear();
	s->have_st = 0;
	if (t->depth) {
		struct view *v = t->stack[t->depth - 1];
		/* A form or an editor keeps what is being typed: it saves on
		 * top of whatever the sync brought (see forms.c). */
		if (v->ops->resume && v->ops->keymap != KM_FORM && v->ops->keymap != KM_EDITOR)
			v->ops->resume(v);
	}
}

void sync_bg_stop(struct tui *t)
{
	struct sync_bg *s = t->sync;
	if (!s)
		return;
	if (s->pid > 0) {
		kill(-s->pid, SIGTERM);
		int st;
		while (waitpid(s->pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	if (s->fd >= 0)
		close(s->fd);
	cb_sync_status_free(&s->st);
	free(s);
	t->sync = NULL;
}
