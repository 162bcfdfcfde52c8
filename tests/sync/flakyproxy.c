/* flakyproxy.c - a TCP proxy on loopback that misbehaves on purpose, to
 * test sync on a bad network.
 *
 *   flakyproxy PORTFILE TARGET_PORT MODE [K] [FIRST]
 *
 * Listens on 127.0.0.1 on a free port (written to PORTFILE once ready)
 * and forwards each connection to 127.0.0.1:TARGET_PORT. MODE:
 *   pass      forward everything
 *   cut K     after K bytes (both directions together) close both sides
 *   stall K   after K bytes forward nothing more, keep both sides open
 *             (read and drop what the client sends) until the client
 *             gives up
 * With FIRST, only the first FIRST connections misbehave; later ones
 * pass, as a network that comes back would. Each connection's byte
 * count is written to stderr when it ends ("connection N: M bytes"), so a
 * test can measure a transfer with pass and then cut inside it. Runs
 * until killed. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum mode { PASS, CUT, STALL };

/* A stalled connection is held this long at most, so no test can hang
 * on the proxy itself. */
#define STALL_MAX_SECONDS 120

static int connect_to(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { 0 };
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Drops everything the client sends until it closes (or time runs out). */
static void stall(int client)
{
	char buf[4096];
	time_t end = time(NULL) + STALL_MAX_SECONDS;
	while (time(NULL) < end) {
		struct pollfd p = { client, POLLIN, 0 };
		if (poll(&p, 1, 1000) > 0 && read(client, buf, sizeof buf) <= 0)
			return;
	}
}

static long long serve(int client, int target, enum mode mode, long long k)
{
	int server = connect_to(target);
	if (server < 0)
		return 0;
	long long moved = 0;
	char buf[16384];
	for (;;) {
		struct pollfd p[2] = { { client, POLLIN, 0 }, { server, POLLIN, 0 } };
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			ssize_t r = read(p[i].fd, buf, sizeof buf);
			if (r <= 0)
				goto done;
			size_t n = (size_t)r;
			if (mode != PASS && moved + (long long)n >= k) {
				/* Pass on exactly up to byte K, then misbehave. */
				size_t part = (size_t)(k - moved);
				write_all(i == 0 ? server : client, buf, part);
				moved += (long long)part;
				if (mode == STALL)
					stall(client);
				goto done;
			}
			if (write_all(i == 0 ? server : client, buf, n) < 0)
				goto done;
			moved += (long long)n;
		}
	}
done:
	close(server);
	return moved;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: flakyproxy PORTFILE TARGET_PORT pass|cut K|stall K [FIRST]\n");
		return 2;
	}
	int target = atoi(argv[2]);
	enum mode mode = PASS;
	long long k = 0;
	long first = -1;
	if (strcmp(argv[3], "cut") == 0 || strcmp(argv[3], "stall") == 0) {
		if (argc < 5)
			return 2;
		mode = argv[3][0] == 'c' ? CUT : STALL;
		k = atoll(argv[4]);
		if (argc > 5)
			first = atol(argv[5]);
	} else if (strcmp(argv[3], "pass") != 0) {
		return 2;
	}
	signal(SIGCHLD, SIG_IGN); /* children are reaped by the kernel */
	signal(SIGPIPE, SIG_IGN);
	int ls = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a = { 0 };
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t al = sizeof a;
	if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof a) < 0 || listen(ls, 16) < 0 ||
	    getsockname(ls, (struct sockaddr *)&a, &al) < 0) {
		perror("flakyproxy");
		return 1;
	}
	/* Write the port under a temporary name and rename it, so a test
	 * waiting for the file never reads half a number. */
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
	FILE *f = fopen(tmp, "w");
	if (!f || fprintf(f, "%d\n", ntohs(a.sin_port)) < 0 || fclose(f) != 0 ||
	    rename(tmp, argv[1]) != 0) {
		perror("flakyproxy");
		return 1;
	}
	for (long n = 0;; n++) {
		int c = accept(ls, NULL, NULL);
		if (c < 0) {
			if (errno == EINTR)
				continue;
			perror("flakyproxy");
			return 1;
		}
		enum mode m = (first >= 0 && n >= first) ? PASS : mode;
		pid_t pid = fork();
		if (pid == 0) {
			close(ls);
			long long moved = serve(c, target, m, k);
			close(c);
			fprintf(stderr, "connection %ld: %lld bytes\n", n + 1, moved);
			_exit(0);
		}
		close(c);
	}
}
