/* cmd_sync.c - casebook sync [--quiet|--porcelain] and
 * casebook clone [--user "Name <email>"] URL DIR. */
#include "cmd_sync.h"
#include "err.h"
#include "i18n.h"
#include "merge.h"
#include "sync.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum out_mode { OUT_NORMAL, OUT_QUIET, OUT_PORCELAIN };

struct view {
	enum out_mode mode;
	int tty;        /* draw a progress line on stderr */
	int drawn;      /* a progress line is on the screen */
	char last[256];
};

static void human_bytes(char *buf, size_t sz, uint64_t b)
{
	if (b >= 1024 * 1024)
		snprintf(buf, sz, "%.1f MiB", (double)b / (1024.0 * 1024.0));
	else if (b >= 1024)
		snprintf(buf, sz, "%.1f KiB", (double)b / 1024.0);
	else
		snprintf(buf, sz, "%llu bytes", (unsigned long long)b);
}

static const char *phase_name(enum cb_sync_phase p)
{
	switch (p) {
	case CB_SYNC_CONNECTING: return "connecting";
	case CB_SYNC_FETCHING: return "fetching";
	case CB_SYNC_MERGING: return "merging";
	case CB_SYNC_PUSHING: return "pushing";
	case CB_SYNC_WAITING: return "waiting";
	case CB_SYNC_INDEXING: return "indexing";
	}
	return "?";
}

static void progress_line(const struct cb_sync_progress *p, char *line, size_t sz)
{
	char bytes[32];
	human_bytes(bytes, sizeof bytes, p->bytes);
	unsigned pct = p->total ? (unsigned)(p->objects * 100 / p->total) : 0;
	switch (p->phase) {
	case CB_SYNC_CONNECTING:
		if (p->attempt > 1)
			snprintf(line, sz, _("Connecting to the remote (attempt %u)..."), p->attempt);
		else
			snprintf(line, sz, _("Connecting to the remote..."));
		break;
	case CB_SYNC_FETCHING:
		snprintf(line, sz, _("Receiving: %u%% (%zu/%zu objects), %s"), pct,
			 p->objects, p->total, bytes);
		break;
	case CB_SYNC_PUSHING:
		snprintf(line, sz, _("Sending: %u%% (%zu/%zu objects), %s"), pct,
			 p->objects, p->total, bytes);
		break;
	case CB_SYNC_WAITING:
		snprintf(line, sz, _("Trying again in %u s..."), p->retry_in);
		break;
	case CB_SYNC_MERGING:
		snprintf(line, sz, _("Merging..."));
		break;
	case CB_SYNC_INDEXING:
		snprintf(line, sz, _("Updating the index..."));
		break;
	}
}

static int on_progress(const struct cb_sync_progress *p, void *payload)
{
	struct view *v = payload;
	if (v->mode == OUT_PORCELAIN) {
		printf("progress %s %u %zu %zu %llu\n", phase_name(p->phase), p->attempt,
		       p->objects, p->total, (unsigned long long)p->bytes);
		fflush(stdout);
		return 0;
	}
	if (v->mode == OUT_QUIET || !v->tty)
		return 0;
	char line[256];
	progress_line(p, line, sizeof line);
	if (strcmp(line, v->last) == 0)
		return 0;
	snprintf(v->last, sizeof v->last, "%s", line);
	fprintf(stderr, "\r%s\033[K", line);
	v->drawn = 1;
	return 0;
}

static void clear_line(struct view *v)
{
	if (v->drawn)
		fputs("\r\033[K", stderr);
	v->drawn = 0;
}

/* Messages may quote the remote (a refusal, a host name): never raw. */
static int fail_msg(struct view *v, const struct cb_sync_result *res)
{
	clear_line(v);
	if (v->mode == OUT_PORCELAIN) {
		static const char *const kinds[] = { "ok", "no-remote", "host-key", "auth",
			"timeout", "network", "refused", "busy", "cancelled", "local" };
		unsigned k = (unsigned)res->failure;
		char msg[4096];
		snprintf(msg, sizeof msg, "%s", cb_err_msg());
		for (char *p = msg; *p; p++)
			if (*p == '\n')
				*p = ' ';
		printf("error %s ", k < sizeof kinds / sizeof *kinds ? kinds[k] : "?");
		cli_put(stdout, msg);
		putchar('\n');
	}
	fputs("casebook: ", stderr);
	cli_put(stderr, cb_err_msg());
	fputc('\n', stderr);
	return 1;
}

static int list_conflict(const char *path, void *payload)
{
	char id[11], rec[64];
	(void)payload;
	fputs("  ", stdout);
	if (cb_record_path_parse(path, id, rec) == 0) {
		cli_put(stdout, id);
		putchar('/');
		cli_put(stdout, rec);
	} else {
		cli_put(stdout, path);
	}
	putchar('\n');
	return 0;
}

static void summary(struct view *v, struct cb_ws *ws, const struct cb_sync_result *res)
{
	clear_line(v);
	if (v->mode == OUT_PORCELAIN) {
		printf("result fetched=%zu merged=%zu conflicts=%zu pushed=%zu\n",
		       res->fetched, res->merged, res->conflicts, res->pushed);
		return;
	}
	if (v->mode == OUT_QUIET)
		return;
	if (res->conflicts) {
		char c[64];
		snprintf(c, sizeof c, ngettext("%zu conflict to resolve", "%zu conflicts to resolve",
					       res->conflicts), res->conflicts);
		printf(ngettext("Fetched %zu commit, merged %zu (%s), pushed %zu\n",
				"Fetched %zu commits, merged %zu (%s), pushed %zu\n", res->fetched),
		       res->fetched, res->merged, c, res->pushed);
	} else {
		printf(ngettext("Fetched %zu commit, merged %zu, pushed %zu\n",
				"Fetched %zu commits, merged %zu, pushed %zu\n", res->fetched),
		       res->fetched, res->merged, res->pushed);
	}
	if (res->diverged)
		fprintf(stderr, ngettext("casebook: warning: %zu ref under refs/casebook/ changed both "
					 "here and on the remote and was left as it is\n",
					 "casebook: warning: %zu refs under refs/casebook/ changed both "
					 "here and on the remote and were left as they are\n",
					 res->diverged),
			res->diverged);
	struct cb_sync_status st;
	if (cb_sync_status(ws, &st) == 0 && st.conflicts) {
		printf(_("Records that need resolving:\n"));
		cb_sync_conflicts(ws, list_conflict, NULL);
	}
	cb_sync_status_free(&st);
}

static void setup(struct cb_sync_opts *o, struct view *v)
{
	memset(o, 0, sizeof *o);
	o->merge = cb_merge_commits; /* src/merge.c: db/ does not depend on src/ */
	o->progress = on_progress;
	o->payload = v;
	o->interactive = v->mode != OUT_PORCELAIN && isatty(0) && isatty(2);
	v->tty = isatty(2);
}

static int parse_mode(const char *arg, enum out_mode *m)
{
	if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0)
		*m = OUT_QUIET;
	else if (strcmp(arg, "--porcelain") == 0)
		*m = OUT_PORCELAIN;
	else
		return -1;
	return 0;
}

int cmd_sync(struct cli *c, int argc, char **argv)
{
	const char *usage = _("casebook sync [--quiet | --porcelain]");
	struct view v = { OUT_NORMAL, 0, 0, "" };
	for (int i = 1; i < argc; i++)
		if (parse_mode(argv[i], &v.mode))
			return cli_usage(usage);
	if (cli_open(c))
		return 1;
	struct cb_sync_opts o;
	struct cb_sync_result res;
	setup(&o, &v);
	if (cb_sync(&c->ws, &o, &res))
		return fail_msg(&v, &res);
	summary(&v, &c->ws, &res);
	return 0;
}

int cmd_clone(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "user", required_argument, NULL, 'u' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "porcelain", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook clone [--user \"Name <email>\"] [--quiet] URL DIR");
	const char *user = NULL;
	struct view v = { OUT_NORMAL, 0, 0, "" };
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
		if (ch == 'u')
			user = optarg;
		else if (ch == 'q')
			v.mode = OUT_QUIET;
		else if (ch == 'p')
			v.mode = OUT_PORCELAIN;
		else
			return cli_usage(usage);
	}
	if (optind != argc - 2)
		return cli_usage(usage);
	const char *url = argv[optind], *dir = argv[optind + 1];
	struct cb_sync_opts o;
	struct cb_sync_result res;
	setup(&o, &v);
	if (cb_clone(url, dir, user, &o, &res))
		return fail_msg(&v, &res);
	clear_line(&v);
	if (v.mode == OUT_PORCELAIN) {
		printf("result fetched=%zu merged=0 conflicts=0 pushed=0\n", res.fetched);
	} else if (v.mode == OUT_NORMAL) {
		printf(ngettext("Made a workspace in %s with %zu commit from ",
				"Made a workspace in %s with %zu commits from ", res.fetched),
		       dir, res.fetched);
		cli_put(stdout, url);
		putchar('\n');
	}
	return 0;
}
