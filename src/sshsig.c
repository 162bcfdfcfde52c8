/* sshsig.c - SSH signature checks through ssh-keygen; see sshsig.h. */
#include "sshsig.h"
#include "i18n.h"
#include "pipe_run.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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
	int st = cb_pipe_run(find, "", 0, out, sizeof out);
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
	st = cb_pipe_run(verify, data, datalen, out, sizeof out);
	res = st == 0 ? CB_SIG_GOOD : CB_SIG_BAD;
out:
	unlink(path);
	return res;
}
