/* sync_child.c - the network child of sync: one fetch or push with
 * libgit2, reported line by line to the parent; see sync_net.h. */
#include "credentials.h"
#include "i18n.h"
#include "sync_net.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Debian's libgit2 talks HTTPS through mbedTLS, which knows no
 * certificate authorities until told where the system keeps them. */
#define CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

/* The certificate authorities to trust over https: git's own settings
 * when there are some ($GIT_SSL_CAINFO, then http.sslCAInfo, as plain git
 * reads them: an authority whose server certificates come from its own
 * CA sets it once for both), else the system's bundle. libgit2 does not
 * read either setting itself. Verification is never turned off. 0, or -1
 * with the file that could not be used in bad. */
static int set_ca(git_repository *repo, char *bad, size_t badsz)
{
	const char *file = getenv("GIT_SSL_CAINFO");
	git_config *cfg = NULL;
	git_buf path = { 0 };
	if ((!file || !*file) && git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_path(&path, cfg, "http.sslCAInfo") == 0 && path.ptr && *path.ptr)
		file = path.ptr;
	int rc = 0;
	if (file && *file) {
		if (access(file, R_OK) != 0 ||
		    git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, NULL) < 0) {
			snprintf(bad, badsz, "%s", file);
			rc = -1;
		}
	} else if (access(CA_BUNDLE, R_OK) == 0) {
		git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, CA_BUNDLE, NULL);
	}
	git_buf_dispose(&path);
	git_config_free(cfg);
	return rc;
}

int cb_net_say(int fd, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n >= sizeof buf) {
		n = sizeof buf - 1;
		buf[n - 1] = '\n';
	}
	for (int off = 0; off < n;) {
		ssize_t w = write(fd, buf + off, (size_t)(n - off));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		off += (int)w;
	}
	return 0;
}

void cb_net_say_error(int fd, enum cb_sync_failure kind, const char *msg)
{
	char buf[3000];
	size_t o = 0;
	for (const char *p = msg ? msg : ""; *p && o + 3 < sizeof buf; p++) {
		if (*p == '\n' || *p == '\\') {
			buf[o++] = '\\';
			buf[o++] = *p == '\n' ? 'n' : '\\';
		} else if (*p != '\r') {
			buf[o++] = *p;
		}
	}
	buf[o] = '\0';
	cb_net_say(fd, "e %d %s\n", (int)kind, buf);
}

struct child {
	/* First, so the credential callbacks, given the same payload, see
	 * their struct cb_cred. */
	struct cb_cred cred;
	double last; /* when progress was last sent */
	int refused;
	char band[512]; /* the side band's current line */
	size_t nband;
};

/* Progress comes in bursts of thousands of calls a second: a line every
 * 50 ms is plenty for a progress bar and for the parent's time-out. */
static int due(struct child *ch, int final)
{
	double now = cb_net_now();
	if (!final && now - ch->last < 0.05)
		return 0;
	ch->last = now;
	return 1;
}

static int on_fetch(const git_indexer_progress *s, void *payload)
{
	struct child *ch = payload;
	int final = s->total_objects && s->indexed_objects == s->total_objects &&
		    s->indexed_deltas == s->total_deltas;
	if (due(ch, final) &&
	    cb_net_say(ch->cred.fd, "p f %u %u %u %zu\n", s->received_objects,
		       s->total_objects, s->indexed_objects, s->received_bytes) < 0)
		return -1; /* the parent is gone: stop */
	return 0;
}

/* The remote's own words (a hook saying why it refused, say) arrive on
 * the side band with its progress counters. Whole lines are passed on
 * ("m TEXT"); counters, redrawn with '\r', are only a sign of life. */
static int on_sideband(const char *str, int len, void *payload)
{
	struct child *ch = payload;
	for (int i = 0; i < len; i++) {
		char c = str[i];
		if (c == '\r') {
			ch->nband = 0;
		} else if (c == '\n') {
			ch->band[ch->nband] = '\0';
			if (ch->nband && cb_net_say(ch->cred.fd, "m %s\n", ch->band) < 0)
				return -1;
			ch->nband = 0;
		} else if (ch->nband + 1 < sizeof ch->band) {
			ch->band[ch->nband++] = c;
		}
	}
	if (due(ch, 0) && cb_net_say(ch->cred.fd, "a\n") < 0)
		return -1;
	return 0;
}

static int on_pack(int stage, uint32_t current, uint32_t total, void *payload)
{
	struct child *ch = payload;
	(void)stage;
	(void)current;
	(void)total;
	if (due(ch, 0) && cb_net_say(ch->cred.fd, "a\n") < 0)
		return -1;
	return 0;
}

static int on_push(unsigned int current, unsigned int total, size_t bytes,
		   void *payload)
{
	struct child *ch = payload;
	if (due(ch, current == total) &&
	    cb_net_say(ch->cred.fd, "p p %u %u %zu\n", current, total, bytes) < 0)
		return -1;
	return 0;
}

/* git_remote_push succeeds even when the server refuses a ref: the
 * refusal arrives only here. */
static int on_ref(const char *refname, const char *status, void *payload)
{
	struct child *ch = payload;
	if (status) {
		ch->refused = 1;
		char st[1024];
		size_t o = 0;
		for (const char *p = status; *p && o + 1 < sizeof st; p++)
			st[o++] = (*p == '\n' || *p == '\r') ? ' ' : *p;
		st[o] = '\0';
		cb_net_say(ch->cred.fd, "r %s %s\n", refname, st);
	}
	return 0;
}

/* The lease of a force-push (see struct cb_net_job), checked against
 * what the remote has just advertised. */
static const struct cb_net_job *lease_job;
static int lease_stale;

static int on_negotiation(const git_push_update **updates, size_t len, void *payload)
{
	struct child *ch = payload;
	for (size_t i = 0; lease_job && i < len; i++)
		if (strcmp(updates[i]->dst_refname, lease_job->lease_ref) == 0 &&
		    !git_oid_equal(&updates[i]->src, &lease_job->lease_old)) {
			lease_stale = 1;
			ch->refused = 1;
			cb_net_say(ch->cred.fd, "r %s stale: the remote changed since the fetch\n",
				   lease_job->lease_ref);
			return GIT_EUSER;
		}
	return 0;
}

/* An address libgit2 cannot use at all: waiting will not help. */
static int bad_address(const char *msg)
{
	static const char *const signs[] = { "unsupported URL protocol", "unknown scheme",
		"malformed URL", "invalid url", "unsupported URL" };
	for (size_t i = 0; i < sizeof signs / sizeof *signs; i++)
		if (strstr(msg, signs[i]))
			return 1;
	return 0;
}

static enum cb_sync_failure classify(int grc, const struct child *ch, const char *msg)
{
	if (ch->cred.failure)
		return ch->cred.failure;
	if (grc == GIT_EAUTH)
		return CB_SYNC_AUTH;
	if (grc == GIT_ECERTIFICATE)
		return CB_SYNC_HOSTKEY;
	if (bad_address(msg))
		return CB_SYNC_LOCAL;
	/* HTTP answers 401 after the credentials were refused; libgit2 gives
	 * it as a plain error. */
	if (strstr(msg, "authentication"))
		return CB_SYNC_AUTH;
	return CB_SYNC_NETWORK;
}

static void fail(struct child *ch, int grc, int push, const char *url, const char *gitdir)
{
	const git_error *e = git_error_last();
	char msg[2048];
	const char *why = e && e->message ? e->message : "?";
	enum cb_sync_failure kind = classify(grc, ch, why);
	if (grc == GIT_ENONFASTFORWARD && !ch->cred.failure) {
		cb_net_say(ch->cred.fd, "n\n");
		return;
	}
	if (ch->cred.failure)
		snprintf(msg, sizeof msg, "%s", ch->cred.msg);
	else if (kind == CB_SYNC_LOCAL)
		snprintf(msg, sizeof msg, _("the remote's address %s cannot be used (%s); "
					    "change it with: git -C %s remote set-url origin URL"),
			 url, why, gitdir);
	else if (kind == CB_SYNC_NETWORK && push)
		snprintf(msg, sizeof msg, _("pushing to the remote failed (%s); nothing was "
					    "lost, try again"), why);
	else if (kind == CB_SYNC_NETWORK)
		snprintf(msg, sizeof msg, _("fetching from the remote failed (%s); nothing "
					    "was lost, try again"), why);
	else
		snprintf(msg, sizeof msg, "%s", why);
	cb_net_say_error(ch->cred.fd, kind, msg);
}

void cb_net_child(const struct cb_net_job *job, int fd)
{
	/* A connection cut under a write must come back as an error, not
	 * kill us silently. */
	signal(SIGPIPE, SIG_IGN);
	struct child ch = { 0 };
	git_repository *repo = NULL;
	git_remote *remote = NULL;
	int ok = 0, grc;
	if ((grc = git_repository_open_ext(&repo, job->gitdir, GIT_REPOSITORY_OPEN_NO_SEARCH |
					   GIT_REPOSITORY_OPEN_BARE, NULL)) < 0) {
		cb_net_say_error(fd, CB_SYNC_LOCAL, git_error_last() ? git_error_last()->message
							: "cannot open the repository");
		_exit(1);
	}
	char bad[1024];
	if (set_ca(repo, bad, sizeof bad) < 0) {
		char msg[1200];
		snprintf(msg, sizeof msg, _("cannot use the certificate authorities in %s "
					    "(http.sslCAInfo)"), bad);
		cb_net_say_error(fd, CB_SYNC_LOCAL, msg);
		_exit(1);
	}
	if ((grc = git_remote_lookup(&remote, repo, job->remote)) < 0) {
		cb_net_say_error(fd, CB_SYNC_NO_REMOTE, git_error_last() ? git_error_last()->message
							: "no remote");
		_exit(1);
	}
	cb_cred_init(&ch.cred, git_remote_url(remote), fd, job->interactive);
	git_strarray specs = { job->specs, job->nspecs };
	cb_net_say(fd, "a\n");
	if (job->op == CB_NET_FETCH) {
		git_fetch_options fo = GIT_FETCH_OPTIONS_INIT;
		fo.callbacks.transfer_progress = on_fetch;
		fo.callbacks.sideband_progress = on_sideband;
		fo.callbacks.credentials = cb_cred_acquire;
		fo.callbacks.certificate_check = cb_cred_check_cert;
		fo.callbacks.payload = &ch;
		fo.prune = GIT_FETCH_NO_PRUNE;
		fo.update_fetchhead = 0;
		fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
		grc = git_remote_fetch(remote, &specs, &fo, NULL);
		if (grc < 0)
			fail(&ch, grc, 0, git_remote_url(remote), job->gitdir);
		else
			ok = 1;
	} else {
		git_push_options po = GIT_PUSH_OPTIONS_INIT;
		po.callbacks.push_transfer_progress = on_push;
		po.callbacks.pack_progress = on_pack;
		po.callbacks.sideband_progress = on_sideband;
		po.callbacks.push_update_reference = on_ref;
		po.callbacks.credentials = cb_cred_acquire;
		po.callbacks.certificate_check = cb_cred_check_cert;
		po.callbacks.payload = &ch;
		if (job->lease_ref) {
			lease_job = job;
			po.callbacks.push_negotiation = on_negotiation;
		}
		grc = git_remote_push(remote, &specs, &po);
		if (grc < 0 && lease_stale)
			ok = 1; /* refused, and said so: not a failure of the network */
		else if (grc < 0)
			fail(&ch, grc, 1, git_remote_url(remote), job->gitdir);
		else
			ok = 1;
	}
	cb_cred_finish(&ch.cred, ok);
	if (ok)
		cb_net_say(fd, "k\n");
	git_remote_free(remote);
	git_repository_free(repo);
	_exit(ok ? 0 : 1);
}
