/* driver.c - runs a libFuzzer-style target without libFuzzer.
 *
 *   fuzz_deb822 [-t SECONDS] [-s SEED] CORPUS...
 *
 * Feeds every file of each CORPUS directory (or a single file named on the
 * command line, to replay a saved failure) to LLVMFuzzerTestOneInput, then
 * keeps feeding random mutations of those files until SECONDS (default 5)
 * have passed. Mutations come from a PRNG seeded with SEED (default 1), so
 * a run can be repeated exactly. A target that finds a bug aborts; the
 * input that did it is written to stderr and to ./fuzz-failure, so it can
 * be replayed with "-t 0 fuzz-failure". */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Present when built with a sanitizer: lets us dump the input before a
 * sanitizer report ends the process (it does not go through SIGABRT). */
extern void __sanitizer_set_death_callback(void (*cb)(void))
	__attribute__((weak));

#define FUZZ_MAX_INPUT (64 * 1024)

struct input {
	uint8_t *data;
	size_t len;
};

struct corpus {
	struct input *v;
	size_t n, cap;
};

/* ---- the input under test, kept for the failure report ---- */

static const uint8_t *current;
static size_t current_len;

static void write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n > 0) {
		ssize_t w = write(fd, c, n);
		if (w <= 0)
			return;
		c += w;
		n -= (size_t)w;
	}
}

/* Only async-signal-safe calls here: this runs from a signal handler. */
static void report_failure(void)
{
	static const char hex[] = "0123456789abcdef";
	static const char head[] = "\nfuzz_deb822: failing input (also in ./fuzz-failure):\n";
	if (!current)
		return;
	write_all(2, head, sizeof head - 1);
	for (size_t i = 0; i < current_len; i++) {
		uint8_t c = current[i];
		if (c >= 0x20 && c < 0x7F && c != '\\') {
			write_all(2, &c, 1);
		} else if (c == '\n') {
			write_all(2, "\\n\n", 3);
		} else {
			char esc[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
			write_all(2, esc, 4);
		}
	}
	write_all(2, "\n", 1);
	int fd = open("fuzz-failure", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		write_all(fd, current, current_len);
		close(fd);
	}
	current = NULL;
}

static void on_abort(int sig)
{
	report_failure();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void run(const uint8_t *data, size_t len)
{
	current = data;
	current_len = len;
	LLVMFuzzerTestOneInput(data, len);
	current = NULL;
}

/* ---- PRNG: splitmix64, small and fully determined by the seed ---- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* Uniform enough in [0, n) for n far below 2^64; n must not be 0. */
static size_t below(size_t n)
{
	return (size_t)(rng() % n);
}

/* ---- reading the corpus ---- */

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fprintf(stderr, "fuzz_deb822: out of memory\n");
		exit(1);
	}
	return q;
}

static int read_file(const char *path, struct input *in)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	in->data = NULL;
	in->len = 0;
	size_t cap = 0;
	for (;;) {
		if (in->len == cap) {
			cap = cap ? cap * 2 : 4096;
			in->data = xrealloc(in->data, cap);
		}
		size_t got = fread(in->data + in->len, 1, cap - in->len, f);
		in->len += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(in->data);
		return -1;
	}
	return 0;
}

static void corpus_add(struct corpus *c, const char *path)
{
	struct input in;
	if (read_file(path, &in)) {
		fprintf(stderr, "fuzz_deb822: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = xrealloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->n++] = in;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds a directory's regular files in name order: readdir's order depends
 * on the file system, and a seeded run must pick the same files anywhere. */
static void corpus_add_dir(struct corpus *c, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "fuzz_deb822: %s: %s\n", dir, strerror(errno));
		exit(1);
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		char *path = xrealloc(NULL, len);
		snprintf(path, len, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = path;
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		corpus_add(c, names[i]);
		free(names[i]);
	}
	free(names);
}

/* ---- mutations ---- */

static const uint8_t interesting[] = {
	':', ' ', '\n', '\r', '.', '#', '\t', 0x00, 0xC3, 0xFF,
};

static uint8_t pick_byte(void)
{
	if (below(2))
		return interesting[below(sizeof interesting)];
	return (uint8_t)rng();
}

static void insert_bytes(struct input *b, size_t at, const uint8_t *p,
			 size_t n)
{
	if (b->len + n > FUZZ_MAX_INPUT)
		return;
	memmove(b->data + at + n, b->data + at, b->len - at);
	memcpy(b->data + at, p, n);
	b->len += n;
}

/* Replaces the tail of b from a random point with the tail of another
 * corpus file from a random point. */
static void splice_inputs(struct input *b, const struct corpus *c)
{
	const struct input *o = &c->v[below(c->n)];
	size_t at = below(b->len + 1);
	size_t from = below(o->len + 1);
	size_t n = o->len - from;
	if (at + n > FUZZ_MAX_INPUT)
		n = FUZZ_MAX_INPUT - at;
	if (n)
		memcpy(b->data + at, o->data + from, n);
	b->len = at + n;
}

static void mutate_once(struct input *b, const struct corpus *c)
{
	switch (below(6)) {
	case 0: /* flip a bit */
		if (b->len)
			b->data[below(b->len)] ^= (uint8_t)(1u << below(8));
		break;
	case 1: { /* insert a byte */
		uint8_t x = pick_byte();
		insert_bytes(b, below(b->len + 1), &x, 1);
		break;
	}
	case 2: { /* delete a run of bytes */
		if (!b->len)
			break;
		size_t at = below(b->len);
		size_t n = 1 + below(b->len - at < 8 ? b->len - at : 8);
		memmove(b->data + at, b->data + at + n, b->len - at - n);
		b->len -= n;
		break;
	}
	case 3: /* overwrite a byte with an interesting one */
		if (b->len)
			b->data[below(b->len)] = interesting[below(sizeof interesting)];
		break;
	case 4: /* splice with another corpus file */
		if (c->n)
			splice_inputs(b, c);
		break;
	default: { /* duplicate a chunk of the input inside itself */
		if (!b->len)
			break;
		size_t from = below(b->len);
		size_t n = 1 + below(b->len - from < 64 ? b->len - from : 64);
		uint8_t tmp[64];
		memcpy(tmp, b->data + from, n);
		insert_bytes(b, below(b->len + 1), tmp, n);
		break;
	}
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(void)
{
	fprintf(stderr, "usage: fuzz_deb822 [-t SECONDS] [-s SEED] CORPUS...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	double seconds = 5;
	unsigned long long seed = 1;
	int opt;
	char *end;

	while ((opt = getopt(argc, argv, "t:s:")) != -1) {
		switch (opt) {
		case 't':
			seconds = strtod(optarg, &end);
			if (*end || end == optarg || seconds < 0)
				usage();
			break;
		case 's':
			errno = 0;
			seed = strtoull(optarg, &end, 0);
			if (*end || end == optarg || errno)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();

	signal(SIGABRT, on_abort);
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(report_failure);

	struct corpus c = { NULL, 0, 0 };
	for (int i = optind; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			corpus_add_dir(&c, argv[i]);
		else
			corpus_add(&c, argv[i]);
	}

	unsigned long long runs = 0;
	for (size_t i = 0; i < c.n; i++, runs++)
		run(c.v[i].data, c.v[i].len);

	rng_state = seed;
	struct input b = { xrealloc(NULL, FUZZ_MAX_INPUT), 0 };
	double stop = now() + seconds;
	unsigned long long mutated = 0;
	while (seconds > 0) {
		/* Reading the clock costs more than a small parse. */
		if ((mutated & 255) == 0 && now() >= stop)
			break;
		b.len = 0;
		if (c.n) {
			const struct input *base = &c.v[below(c.n)];
			b.len = base->len < FUZZ_MAX_INPUT ? base->len : FUZZ_MAX_INPUT;
			memcpy(b.data, base->data, b.len);
		}
		for (size_t k = 1 + below(8); k > 0; k--)
			mutate_once(&b, &c);
		run(b.data, b.len);
		mutated++;
	}
	runs += mutated;

	printf("fuzz_deb822: %llu inputs (%zu corpus files, %llu mutations), seed %llu\n",
	       runs, c.n, mutated, seed);
	free(b.data);
	for (size_t i = 0; i < c.n; i++)
		free(c.v[i].data);
	free(c.v);
	return 0;
}
