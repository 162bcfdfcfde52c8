/* sync_net.c - the parent's side of a network step: fork the child, read
 * its reports, kill it when it goes quiet, try again; see sync_net.h. */
#include "sync_net.h"
#include "err.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TICK_MS 100
#define BACKOFF_MAX 8 /* seconds */

double cb_net_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cb_net_outcome_free(struct cb_net_outcome *o)
{
	for (size_t i = 0; i < o->nrejected; i++) {
		free(o->rejected[i].ref);
		free(o->rejected[i].status);
	}
	free(o->rejected);
	memset(o, 0, sizeof *o);
}

/* What one attempt saw. */
struct attempt {
	struct cb_sync_progress prog;
	int done, nonff, failed;
	enum cb_sync_failure kind;
	char msg[3000];
	struct cb_net_outcome *out;
	enum cb_sync_phase target; /* the phase once data flows */
};

static void unescape(char *dst, size_t sz, const char *s)
{
	size_t o = 0;
	for (; *s && o + 1 < sz; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			dst[o++] = *s == 'n' ? '\n' : *s;
		} else {
			dst[o++] = *s;
		}
	}
	dst[o] = '\0';
}

static void add_reject(struct cb_net_outcome *o, const char *line)
{
	const char *sp = strchr(line, ' ');
	struct cb_net_reject *v = realloc(o->rejected, (o->nrejected + 1) * sizeof *v);
	if (!v)
		return;
	o->rejected = v;
	v[o->nrejected].ref = sp ? strndup(line, (size_t)(sp - line)) : strdup(line);
	v[o->nrejected].status = strdup(sp ? sp + 1 : "");
	o->nrejected++;
}

/* One line from the child. ("w", a person typing a password, needs
 * nothing: like every line it restarts the time-out.) */
static void handle(struct attempt *a, char *line)
{
	struct cb_sync_progress *p = &a->prog;
	unsigned x, y, z;
	size_t b;
	switch (line[0]) {
	case 'p':
		if (sscanf(line, "p f %u %u %u %zu", &x, &y, &z, &b) == 4) {
			p->objects = x;
			p->total = y;
			p->indexed = z;
			p->bytes = b;
		} else if (sscanf(line, "p p %u %u %zu", &x, &y, &b) == 3) {
			p->objects = x;
			p->total = y;
			p->bytes = b;
		}
		break;
	case 'r':
		if (line[1] == ' ')
			add_reject(a->out, line + 2);
		break;
	case 'n':
		a->nonff = 1;
		break;
	case 'm':
		if (line[1] == ' ') {
			/* Keep the last lines, newest last, as one line. */
			char *said = a->out->remote_said;
			size_t have = strlen(said), add = strlen(line + 2);
			if (add >= sizeof a->out->remote_said)
				break;
			while (have && have + 3 + add >= sizeof a->out->remote_said) {
				char *sep = strstr(said, " / ");
				if (!sep) {
					have = 0;
					break;
				}
				memmove(said, sep + 3, strlen(sep + 3) + 1);
				have = strlen(said);
			}
			said[have] = '\0';
			snprintf(said + have, sizeof a->out->remote_said - have, "%s%s",
				 have ? " / " : "", line + 2);
		}
		break;
	case 'e': {
		int k = 0, off = 0;
		if (sscanf(line, "e %d %n", &k, &off) >= 1 && off > 0) {
			a->failed = 1;
			a->kind = (enum cb_sync_failure)k;
			unescape(a->msg, sizeof a->msg, line + off);
		}
		break;
	}
	case 'k':
		a->done = 1;
		break;
	}
}

static int report(const struct cb_sync_opts *o, const struct cb_sync_progress *p)
{
	return o->progress ? o->progress(p, o->payload) : 0;
}

static void reap(pid_t pid, int kill_it)
{
	if (kill_it)
		kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/* A network child killed while moving a remote-tracking ref leaves its
 * lock file behind, and every later fetch would fail on it; one killed
 * while receiving a pack leaves a half-written objects/pack/pack_git2_*
 * (harmless, but git fsck calls it garbage). Holding the sync lock we
 * know no child of ours is running, and nothing else in casebook writes
 * under refs/remotes/ or receives packs, so both are ours to remove
 * (sync.c holds the lock for every cb_net_run). */
static int rm_leftover(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	const char *base = path + ftw->base;
	size_t n = strlen(base);
	(void)sb;
	if (flag == FTW_F && ((n > 5 && strcmp(base + n - 5, ".lock") == 0) ||
			      strncmp(base, "pack_git2_", 10) == 0))
		unlink(path);
	return 0;
}

static void clear_leftovers(const char *gitdir)
{
	static const char *const dirs[] = { "refs/remotes/", "objects/pack/" };
	char path[4096];
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		snprintf(path, sizeof path, "%s%s", gitdir, dirs[i]);
		nftw(path, rm_leftover, 8, FTW_PHYS);
	}
}

static int attempt_once(const struct cb_net_job *job, const struct cb_sync_opts *o,
			struct attempt *a)
{
	int fds[2];
	clear_leftovers(job->gitdir);
	if (pipe2(fds, O_CLOEXEC) < 0)
		return cb_err(CB_ERROR, _("cannot start the network process: %s"), strerror(errno));
	/* Anything buffered would otherwise be written twice. */
	fflush(NULL);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return cb_err(CB_ERROR, _("cannot start the network process: %s"), strerror(errno));
	}
	if (pid == 0) {
		close(fds[0]);
#ifdef __linux__
		/* A child outliving its parent (killed, or a closed terminal)
		 * could block on a silent network for ever, holding the
		 * workspace's sync lock it inherited: die with the parent. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(1);
#endif
		cb_net_child(job, fds[1]);
	}
	close(fds[1]);
	char buf[8192];
	size_t have = 0;
	double last = cb_net_now(), last_report = 0;
	int eof = 0, timed_out = 0, cancelled = 0;
	while (!eof) {
		struct pollfd pf = { fds[0], POLLIN, 0 };
		int pr = poll(&pf, 1, TICK_MS);
		if (pr < 0 && errno != EINTR)
			break;
		if (pr > 0) {
			ssize_t r = read(fds[0], buf + have, sizeof buf - 1 - have);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				eof = 1;
			} else {
				have += (size_t)r;
				last = cb_net_now();
				buf[have] = '\0';
				char *start = buf, *nl;
				while ((nl = strchr(start, '\n'))) {
					*nl = '\0';
					handle(a, start);
					start = nl + 1;
				}
				have = strlen(start);
				memmove(buf, start, have);
				/* A line longer than the buffer: drop it. */
				if (have == sizeof buf - 1)
					have = 0;
				if (a->prog.phase == CB_SYNC_CONNECTING && a->prog.total)
					a->prog.phase = a->target;
			}
		}
		double now = cb_net_now();
		if (!eof && now - last > (double)o->timeout) {
			timed_out = 1;
			break;
		}
		if (now - last_report >= TICK_MS / 1000.0 || eof) {
			last_report = now;
			if (report(o, &a->prog)) {
				cancelled = 1;
				break;
			}
		}
	}
	close(fds[0]);
	reap(pid, !eof);
	clear_leftovers(job->gitdir);
	if (cancelled) {
		a->kind = CB_SYNC_CANCELLED;
		return cb_err(CB_ERROR, _("sync cancelled; nothing was lost"));
	}
	if (timed_out) {
		a->kind = CB_SYNC_TIMEOUT;
		return cb_err(CB_ERROR, _("the network stopped responding after %u s; "
					  "nothing was lost, try again"), o->timeout);
	}
	if (a->done && !a->failed)
		return 0;
	if (a->nonff) {
		a->out->nonff = 1;
		return 0;
	}
	if (a->failed) {
		a->kind = a->kind ? a->kind : CB_SYNC_NETWORK;
		return cb_err(CB_ERROR, "%s", a->msg);
	}
	a->kind = CB_SYNC_NETWORK;
	return cb_err(CB_ERROR, _("the connection to the remote ended unexpectedly; "
				  "nothing was lost, try again"));
}

/* Worth another go: the network may come back. Refusals, logins and host
 * keys will not change by waiting. */
static int retryable(enum cb_sync_failure f)
{
	return f == CB_SYNC_TIMEOUT || f == CB_SYNC_NETWORK;
}

static int pause_before(const struct cb_sync_opts *o, unsigned attempt,
			unsigned seconds, const char *why)
{
	struct cb_sync_progress p = { .phase = CB_SYNC_WAITING, .attempt = attempt,
				      .why = why };
	double end = cb_net_now() + seconds;
	for (double now; (now = cb_net_now()) < end;) {
		p.retry_in = (unsigned)(end - now + 0.999);
		if (report(o, &p))
			return 1;
		struct timespec ts = { 0, TICK_MS * 1000000L };
		nanosleep(&ts, NULL);
	}
	return 0;
}

int cb_net_run(const struct cb_net_job *job, const struct cb_sync_opts *opts,
	       enum cb_sync_phase phase, double deadline,
	       struct cb_net_outcome *out)
{
	int rc = 0;
	unsigned backoff = 1;
	char why[512] = "";
	cb_net_outcome_free(out);
	for (unsigned n = 1; n <= opts->attempts; n++) {
		if (n > 1) {
			if (cb_net_now() + backoff > deadline)
				break;
			if (pause_before(opts, n, backoff, why)) {
				out->failure = CB_SYNC_CANCELLED;
				return cb_err(CB_ERROR, _("sync cancelled; nothing was lost"));
			}
			backoff = backoff * 2 > BACKOFF_MAX ? BACKOFF_MAX : backoff * 2;
			cb_net_outcome_free(out);
		}
		struct attempt a = { .out = out };
		a.prog.phase = CB_SYNC_CONNECTING;
		a.prog.attempt = n;
		a.target = phase;
		rc = attempt_once(job, opts, &a);
		if (rc == 0) {
			out->failure = CB_SYNC_OK;
			return 0;
		}
		out->failure = a.kind;
		if (!retryable(a.kind))
			return rc;
		snprintf(why, sizeof why, "%s", cb_err_msg());
	}
	return rc;
}
