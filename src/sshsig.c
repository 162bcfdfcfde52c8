/* sshsig.c - SSH signature checks through ssh-keygen; see sshsig.h. */
#include "sshsig.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs argv with in on its stdin and up to outcap - 1 bytes of its stdout
 * in out (stderr is discarded: its wording differs between versions).
 * Returns the exit status, or -1 when it could not run. */
static int run(char *const argv[], const char *in, size_t inlen, char *out, size_t outcap)
{
	int pin[2], pout[2];
	if (pipe(pin) < 0)
		return -1;
	if (pipe(pout) < 0) {
		close(pin[0]);
		close(pin[1]);
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		close(pin[0]);
		close(pin[1]);
		close(pout[0]);
		close(pout[1]);
		return -1;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		dup2(pin[0], 0);
		dup2(pout[1], 1);
		if (devnull >= 0)
			dup2(devnull, 2);
		close(pin[1]);
		close(pout[0]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(pin[0]);
	close(pout[1]);
	/* The child may stop reading early (a bad signature): a write to its
	 * closed pipe must fail, not kill casebook. */
	struct sigaction ign = { 0 }, old;
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	while (inlen > 0) {
		ssize_t w = write(pin[1], in, inlen);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		in += w;
		inlen -= (size_t)w;
	}
	close(pin[1]);
	sigaction(SIGPIPE, &old, NULL);
	size_t got = 0;
	for (;;) {
		char buf[512];
		ssize_t r = read(pout[0], buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		size_t k = (size_t)r;
		if (got + k >= outcap)
			k = outcap - 1 - got;
		memcpy(out + got, buf, k);
		got += k;
	}
	out[got] = '\0';
	close(pout[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

enum cb_sig_result cb_sshsig_verify(const char *allowed_signers, const char *tmpdir,
				    const char *sig, size_t siglen,
				    const char *data, size_t datalen,
				    char *principal, size_t plen, char *msg, size_t msglen)
{
	char path[4096];
	principal[0] = msg[0] = '\0';
	snprintf(path, sizeof path, "%s/sig-XXXXXX", tmpdir);
	int fd = mkstemp(path);
	if (fd < 0) {
		snprintf(msg, msglen, _("cannot write a temporary file in %s: %s"), tmpdir,
			 strerror(errno));
		return CB_SIG_ERROR;
	}
	int ok = write(fd, sig, siglen) == (ssize_t)siglen;
	ok = close(fd) == 0 && ok;
	enum cb_sig_result res = CB_SIG_ERROR;
	char out[1024];
	if (!ok) {
		snprintf(msg, msglen, _("cannot write a temporary file in %s"), tmpdir);
		goto out;
	}
	char *find[] = { "ssh-keygen", "-Y", "find-principals", "-f", (char *)allowed_signers,
			 "-s", path, NULL };
	int st = run(find, "", 0, out, sizeof out);
	if (st < 0 || st == 127) {
		snprintf(msg, msglen, _("cannot run ssh-keygen to check signatures"));
		goto out;
	}
	if (st != 0 || !out[0]) {
		res = CB_SIG_UNKNOWN_KEY;
		goto out;
	}
	out[strcspn(out, "\r\n")] = '\0';
	snprintf(principal, plen, "%s", out);
	char *verify[] = { "ssh-keygen", "-Y", "verify", "-f", (char *)allowed_signers,
			   "-I", principal, "-n", "git", "-s", path, NULL };
	st = run(verify, data, datalen, out, sizeof out);
	res = st == 0 ? CB_SIG_GOOD : CB_SIG_BAD;
out:
	unlink(path);
	return res;
}
