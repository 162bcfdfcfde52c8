/* pipe_run.c - a helper program fed and read through pipes; see pipe_run.h. */
#include "pipe_run.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int cb_pipe_run(char *const argv[], const char *in, size_t inlen, char *out, size_t outcap)
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

