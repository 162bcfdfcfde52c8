/* agent.c - the unlock agent; see agent.h. */
#include "agent.h"
#include "err.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static int sock_addr(const char *dir, struct sockaddr_un *a)
{
	memset(a, 0, sizeof *a);
	a->sun_family = AF_UNIX;
	int n = snprintf(a->sun_path, sizeof a->sun_path, "%s/agent.sock", dir);
	if (n < 0 || (size_t)n >= sizeof a->sun_path)
		return cb_err(CB_EINVALID, _("the workspace's path is too long for the unlock "
					     "agent's socket (%zu characters at most)"),
			      sizeof a->sun_path - 12);
	return 0;
}

/* One question to the agent: 'K' (key) or 'L' (lock). */
static int ask(const char *dir, char what, unsigned char *reply, size_t replyn)
{
	struct sockaddr_un a;
	if (sock_addr(dir, &a))
		return CB_EINVALID;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return CB_ENOTFOUND;
	if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0 || write(fd, &what, 1) != 1) {
		close(fd);
		return CB_ENOTFOUND;
	}
	size_t got = 0;
	while (got < replyn) {
		ssize_t r = read(fd, reply + got, replyn - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	return got == replyn ? 0 : CB_ENOTFOUND;
}

int cb_agent_get(const char *dir, unsigned char key[CB_KEY_BYTES])
{
	return ask(dir, 'K', key, CB_KEY_BYTES);
}

int cb_agent_stop(const char *dir)
{
	unsigned char ok;
	int was = ask(dir, 'L', &ok, 1) == 0;
	struct sockaddr_un a;
	if (!sock_addr(dir, &a))
		unlink(a.sun_path);
	return was;
}

static void serve(int lfd, const char *path, unsigned char *key, unsigned idle)
	__attribute__((noreturn));

static void serve(int lfd, const char *path, unsigned char *key, unsigned idle)
{
	struct stat st0, st;
	fstat(lfd, &st0);
	stat(path, &st0);
	for (;;) {
		struct pollfd p = { lfd, POLLIN, 0 };
		/* Wake each minute to see whether the socket was removed or
		 * replaced (a new unlock, or the workspace deleted). */
		unsigned waited = 0;
		int r = 0;
		while (waited < idle) {
			unsigned step = idle - waited < 60 ? idle - waited : 60;
			r = poll(&p, 1, (int)step * 1000);
			if (r != 0)
				break;
			waited += step;
			if (stat(path, &st) != 0 || st.st_ino != st0.st_ino)
				break;
		}
		if (r <= 0)
			break;
		int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0)
			continue;
		struct ucred cr;
		socklen_t cl = sizeof cr;
		char what = 0;
		/* The socket is 0600 in a 0700 directory; root aside, only the
		 * owner can reach it. Checked again in case the mode was changed. */
		if (getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cr, &cl) == 0 && cr.uid == getuid() &&
		    read(c, &what, 1) == 1) {
			if (what == 'K') {
				if (write(c, key, CB_KEY_BYTES) != CB_KEY_BYTES)
					what = 0;
			} else if (what == 'L') {
				unsigned char ok = 1;
				if (write(c, &ok, 1) != 1)
					what = 'L';
				close(c);
				break;
			}
		}
		close(c);
	}
	sodium_memzero(key, CB_KEY_BYTES);
	if (stat(path, &st) == 0 && st.st_ino == st0.st_ino)
		unlink(path);
	_exit(0);
}

int cb_agent_start(const char *dir, const unsigned char key[CB_KEY_BYTES], unsigned idle)
{
	struct sockaddr_un a;
	int rc;
	if ((rc = sock_addr(dir, &a)) || (rc = cb_crypt_init()))
		return rc;
	cb_agent_stop(dir);
	int lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0)
		return cb_err(CB_ERROR, _("cannot make the unlock agent's socket: %s"),
			      strerror(errno));
	mode_t old = umask(077);
	int b = bind(lfd, (struct sockaddr *)&a, sizeof a);
	umask(old);
	if (b < 0 || chmod(a.sun_path, 0600) < 0 || listen(lfd, 16) < 0) {
		rc = cb_err(CB_ERROR, _("cannot make the unlock agent's socket %s: %s"),
			    a.sun_path, strerror(errno));
		close(lfd);
		return rc;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		rc = cb_err(CB_ERROR, _("cannot start the unlock agent: %s"), strerror(errno));
		close(lfd);
		unlink(a.sun_path);
		return rc;
	}
	if (pid == 0) {
		/* The agent: its own session, away from the terminal, and a
		 * grandchild so the caller need not wait for it. */
		setsid();
		if (fork() != 0)
			_exit(0);
		struct rlimit nocore = { 0, 0 };
		setrlimit(RLIMIT_CORE, &nocore);
		prctl(PR_SET_DUMPABLE, 0);
		signal(SIGHUP, SIG_IGN);
		signal(SIGPIPE, SIG_IGN);
		int null = open("/dev/null", O_RDWR);
		for (int fd = 0; fd < 3; fd++)
			dup2(null, fd);
		for (int fd = 3; fd < 1024; fd++)
			if (fd != lfd)
				close(fd);
		unsigned char *k = sodium_malloc(CB_KEY_BYTES);
		if (!k)
			_exit(1);
		memcpy(k, key, CB_KEY_BYTES);
		serve(lfd, a.sun_path, k, idle ? idle : CB_AGENT_IDLE);
	}
	close(lfd);
	int status;
	waitpid(pid, &status, 0);
	return 0;
}
