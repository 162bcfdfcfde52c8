/* credentials.c - ssh keys, git's credential helpers and host keys for
 * sync's network child; see credentials.h. */
#include "credentials.h"
#include "i18n.h"
#include "sync_net.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- URLs ---- */

static char *dupn(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

void cb_url_free(struct cb_url *u)
{
	free(u->scheme);
	free(u->user);
	free(u->host);
	free(u->port);
	free(u->path);
	memset(u, 0, sizeof *u);
}

/* scheme://[user@]host[:port]/path, [user@]host:path (ssh), or a path. */
int cb_url_parse(struct cb_url *u, const char *url)
{
	memset(u, 0, sizeof *u);
	const char *sep = strstr(url, "://");
	const char *rest, *slash;
	if (sep) {
		u->scheme = dupn(url, (size_t)(sep - url));
		rest = sep + 3;
		slash = strchr(rest, '/');
		if (!slash)
			slash = rest + strlen(rest);
	} else {
		const char *colon = strchr(url, ':');
		slash = strchr(url, '/');
		if (!colon || (slash && slash < colon)) {
			u->scheme = strdup("file");
			u->path = strdup(url);
			return u->scheme && u->path ? 0 : -1;
		}
		u->scheme = strdup("ssh");
		rest = url;
		slash = colon; /* host ends at the colon; the path follows it */
	}
	const char *at = memchr(rest, '@', (size_t)(slash - rest));
	const char *h = rest;
	if (at) {
		u->user = dupn(rest, (size_t)(at - rest));
		h = at + 1;
	}
	const char *hend = h; /* where a ":port" may start */
	if (*h == '[') { /* [v6 address] */
		const char *rb = memchr(h, ']', (size_t)(slash - h));
		if (rb) {
			u->host = dupn(h + 1, (size_t)(rb - h - 1));
			hend = rb + 1;
		}
	}
	const char *pc = sep ? memchr(hend, ':', (size_t)(slash - hend)) : NULL;
	if (!u->host)
		u->host = dupn(h, (size_t)((pc ? pc : slash) - h));
	if (pc && pc + 1 < slash)
		u->port = dupn(pc + 1, (size_t)(slash - pc - 1));
	u->path = strdup(*slash == ':' ? slash + 1 : (*slash ? slash + 1 : ""));
	if (!u->scheme || !u->host || !u->path)
		return -1;
	return 0;
}

/* ---- state ---- */

void cb_cred_init(struct cb_cred *c, const char *url, int fd, int interactive)
{
	memset(c, 0, sizeof *c);
	c->fd = fd;
	c->interactive = interactive;
	if (url)
		cb_url_parse(&c->url, url);
}

static void wipe(char **s)
{
	if (*s) {
		explicit_bzero(*s, strlen(*s));
		free(*s);
		*s = NULL;
	}
}

static const char *home(void)
{
	const char *h = getenv("HOME");
	if (h && *h)
		return h;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_dir : "/";
}

static const char *login_name(void)
{
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name)
		return pw->pw_name;
	const char *u = getenv("USER");
	return u && *u ? u : "git";
}

/* ---- git credential fill / approve / reject ---- */

/* One "key=value" line of a helper conversation: a value with a newline
 * would let a remote's URL inject other keys, so it is refused. */
static int add_line(char *buf, size_t sz, const char *key, const char *value)
{
	if (!value)
		return 0;
	if (strchr(value, '\n'))
		return -1;
	size_t n = strlen(buf);
	int w = snprintf(buf + n, sz - n, "%s=%s\n", key, value);
	return w < 0 || (size_t)w >= sz - n ? -1 : 0;
}

static int describe(struct cb_cred *c, char *buf, size_t sz, const char *user,
		    const char *pass)
{
	char host[512];
	buf[0] = '\0';
	if (c->url.port)
		snprintf(host, sizeof host, "%s:%s", c->url.host, c->url.port);
	else
		snprintf(host, sizeof host, "%s", c->url.host ? c->url.host : "");
	if (add_line(buf, sz, "protocol", c->url.scheme) ||
	    add_line(buf, sz, "host", host) ||
	    add_line(buf, sz, "path", c->url.path) ||
	    add_line(buf, sz, "username", user) ||
	    add_line(buf, sz, "password", pass))
		return -1;
	size_t n = strlen(buf);
	if (n + 2 > sz)
		return -1;
	buf[n] = '\n';
	buf[n + 1] = '\0';
	return 0;
}

/* Runs `git credential ACTION`, feeding it desc; for "fill" its output is
 * returned in out (malloc'd). While a helper may be asking the user for a
 * password, the parent is told every second that we are waiting on a
 * person, not a network. */
static int run_helper(struct cb_cred *c, const char *action, const char *desc,
		      char **out)
{
	int in[2], outp[2];
	if (out)
		*out = NULL;
	if (pipe2(in, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(outp, O_CLOEXEC) < 0) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		close(in[0]);
		close(in[1]);
		close(outp[0]);
		close(outp[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(outp[1], 1);
		if (!c->interactive)
			setenv("GIT_TERMINAL_PROMPT", "0", 1);
		signal(SIGPIPE, SIG_DFL);
		execlp("git", "git", "credential", action, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(outp[1]);
	size_t len = strlen(desc), off = 0;
	while (off < len) {
		ssize_t w = write(in[1], desc + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	close(in[1]);
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		struct pollfd p = { outp[0], POLLIN, 0 };
		int pr = poll(&p, 1, 1000);
		if (pr == 0) {
			if (c->interactive)
				cb_net_say(c->fd, "w\n");
			continue;
		}
		if (pr < 0 && errno == EINTR)
			continue;
		if (n + 512 > cap) {
			if (cap >= 65536)
				break;
			char *nb = realloc(buf, cap + 4096);
			if (!nb)
				break;
			buf = nb;
			cap += 4096;
		}
		ssize_t r = read(outp[0], buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(outp[0]);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (buf)
		buf[n] = '\0';
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
	if (out && ok)
		*out = buf;
	else if (buf) {
		explicit_bzero(buf, n);
		free(buf);
	}
	return ok ? 0 : -1;
}

static char *answer_get(const char *ans, const char *key)
{
	size_t kl = strlen(key);
	for (const char *l = ans; l && *l;) {
		const char *nl = strchr(l, '\n');
		size_t ll = nl ? (size_t)(nl - l) : strlen(l);
		if (ll > kl && strncmp(l, key, kl) == 0 && l[kl] == '=')
			return dupn(l + kl + 1, ll - kl - 1);
		l = nl ? nl + 1 : NULL;
	}
	return NULL;
}

static void helper_verdict(struct cb_cred *c, const char *action)
{
	char desc[4096];
	if (c->http_pass &&
	    describe(c, desc, sizeof desc, c->http_user, c->http_pass) == 0)
		run_helper(c, action, desc, NULL);
	explicit_bzero(desc, sizeof desc);
}

static int give_up(struct cb_cred *c, enum cb_sync_failure f)
{
	c->failure = f;
	git_error_set_str(GIT_ERROR_NET, c->msg);
	return GIT_EAUTH;
}

static int http_userpass(struct cb_cred *c, git_credential **out,
			 const char *user_from_url)
{
	const char *host = c->url.host ? c->url.host : "";
	if (c->http_tries++ > 0) {
		/* libgit2 asks again only when the server turned the answer
		 * down: tell the helpers so they forget it, and stop. */
		helper_verdict(c, "reject");
		wipe(&c->http_user);
		wipe(&c->http_pass);
		snprintf(c->msg, sizeof c->msg,
			 _("authentication failed: %s refused the user name and password "
			   "from git's credential helper (they have been rejected, so you "
			   "will be asked afresh next time)"), host);
		return give_up(c, CB_SYNC_AUTH);
	}
	char desc[4096], *ans = NULL;
	if (describe(c, desc, sizeof desc, user_from_url, NULL) != 0 ||
	    run_helper(c, "fill", desc, &ans) != 0 || !ans) {
		snprintf(c->msg, sizeof c->msg,
			 _("authentication failed: no user name and password for %s; "
			   "casebook asks git's credential helpers (git credential fill), "
			   "so set one up, e.g. git config --global credential.helper cache"),
			 host);
		return give_up(c, CB_SYNC_AUTH);
	}
	c->http_user = answer_get(ans, "username");
	c->http_pass = answer_get(ans, "password");
	explicit_bzero(ans, strlen(ans));
	free(ans);
	if (!c->http_user || !c->http_pass) {
		snprintf(c->msg, sizeof c->msg,
			 _("authentication failed: git's credential helper gave no "
			   "password for %s"), host);
		return give_up(c, CB_SYNC_AUTH);
	}
	return git_credential_userpass_plaintext_new(out, c->http_user, c->http_pass);
}

void cb_cred_finish(struct cb_cred *c, int ok)
{
	if (ok)
		helper_verdict(c, "approve");
	wipe(&c->http_user);
	wipe(&c->http_pass);
	cb_url_free(&c->url);
}

/* ---- ssh ---- */

static int key_file(git_credential **out, const char *user, const char *priv)
{
	char pub[4200];
	if (strlen(priv) > 4096)
		return GIT_EAUTH;
	snprintf(pub, sizeof pub, "%s.pub", priv);
	return git_credential_ssh_key_new(out, user,
					  access(pub, R_OK) == 0 ? pub : NULL,
					  priv, NULL);
}

/* Offers the next way of proving who we are; each is offered once. */
static int ssh_key(struct cb_cred *c, git_credential **out, const char *user)
{
	static const char *const names[] = { "id_ed25519", "id_ecdsa", "id_rsa" };
	const char *env = getenv("CASEBOOK_SSH_KEY");
	char path[4096];
	for (;;) {
		unsigned step = c->ssh_step++;
		if (env && *env) {
			if (step == 0)
				return key_file(out, user, env);
			break;
		}
		if (step == 0) {
			if (getenv("SSH_AUTH_SOCK"))
				return git_credential_ssh_key_from_agent(out, user);
			continue;
		}
		if (step > sizeof names / sizeof *names)
			break;
		snprintf(path, sizeof path, "%s/.ssh/%s", home(), names[step - 1]);
		if (access(path, R_OK) == 0)
			return key_file(out, user, path);
	}
	if (env && *env)
		snprintf(c->msg, sizeof c->msg,
			 _("authentication failed: %s@%s did not accept the key %s "
			   "(CASEBOOK_SSH_KEY)"), user, c->url.host ? c->url.host : "", env);
	else
		snprintf(c->msg, sizeof c->msg,
			 _("authentication failed: %s@%s accepted neither the ssh-agent's "
			   "keys nor ~/.ssh/id_ed25519, id_ecdsa or id_rsa; add your key "
			   "to the agent (ssh-add) or set CASEBOOK_SSH_KEY=PATH"),
			 user, c->url.host ? c->url.host : "");
	return give_up(c, CB_SYNC_AUTH);
}

int cb_cred_acquire(git_credential **out, const char *url,
		    const char *user_from_url, unsigned int allowed,
		    void *payload)
{
	struct cb_cred *c = payload;
	(void)url;
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, user_from_url && *user_from_url
						   ? user_from_url : login_name());
	const char *user = user_from_url && *user_from_url ? user_from_url : login_name();
	if (allowed & GIT_CREDENTIAL_SSH_KEY)
		return ssh_key(c, out, user);
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT)
		return http_userpass(c, out, user_from_url);
	snprintf(c->msg, sizeof c->msg,
		 _("authentication failed: the server asks for a kind of login "
		   "casebook does not offer"));
	return give_up(c, CB_SYNC_AUTH);
}

/* ---- host keys and certificates ---- */

static void base64(char *out, size_t outsz, const unsigned char *in, size_t n)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0;
	for (size_t i = 0; i < n && o + 5 < outsz; i += 3) {
		unsigned v = (unsigned)in[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)in[i + 1] << 8;
		if (i + 2 < n)
			v |= in[i + 2];
		out[o++] = tab[(v >> 18) & 63];
		out[o++] = tab[(v >> 12) & 63];
		if (i + 1 < n)
			out[o++] = tab[(v >> 6) & 63];
		if (i + 2 < n)
			out[o++] = tab[v & 63];
	}
	out[o] = '\0'; /* unpadded, as ssh prints fingerprints */
}

int cb_cred_check_cert(git_cert *cert, int valid, const char *host,
		       void *payload)
{
	struct cb_cred *c = payload;
	if (valid)
		return 0;
	const char *h = c->url.host ? c->url.host : host;
	if (cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2) {
		const git_cert_hostkey *k = (const git_cert_hostkey *)cert;
		char fp[64] = "?";
		if (k->type & GIT_CERT_SSH_SHA256)
			base64(fp, sizeof fp, k->hash_sha256, sizeof k->hash_sha256);
		const char *port = c->url.port ? c->url.port : "22";
		char keyscan[600], sshcmd[600];
		if (strcmp(port, "22") == 0) {
			snprintf(keyscan, sizeof keyscan, "ssh-keyscan %s >> ~/.ssh/known_hosts", h);
			snprintf(sshcmd, sizeof sshcmd, "ssh %s", h);
		} else {
			snprintf(keyscan, sizeof keyscan,
				 "ssh-keyscan -p %s %s >> ~/.ssh/known_hosts", port, h);
			snprintf(sshcmd, sizeof sshcmd, "ssh -p %s %s", port, h);
		}
		snprintf(c->msg, sizeof c->msg,
			 _("unknown host key: %s (port %s) is not in ~/.ssh/known_hosts, or "
			   "its key has changed, so casebook will not connect. Check that "
			   "its fingerprint SHA256:%s is the one your organisation "
			   "publishes, then accept it with\n  %s\nor by connecting once "
			   "with: %s"), h, port, fp, keyscan, sshcmd);
	} else {
		snprintf(c->msg, sizeof c->msg,
			 _("the certificate of %s is not trusted by the certificate "
			   "authorities casebook was given ($GIT_SSL_CAINFO, git config "
			   "http.sslCAInfo, or the system's), so casebook will not "
			   "connect"), h);
	}
	c->failure = CB_SYNC_HOSTKEY;
	git_error_set_str(GIT_ERROR_NET, c->msg);
	return GIT_ECERTIFICATE;
}
