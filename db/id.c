/* id.c - random Crockford base32 identifiers; see id.h. */
#include "id.h"
#include "err.h"
#include "i18n.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Deterministic mode: splitmix64, so a demo or benchmark workspace made
 * with the same seed has the same ids. */
static int seeded;
static unsigned long long state;

void cb_id_seed(unsigned long long seed)
{
	seeded = 1;
	state = seed;
}

static unsigned long long splitmix(void)
{
	unsigned long long z = (state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

int cb_id_new(char out[CB_ID_LEN + 1])
{
	unsigned char raw[CB_ID_LEN];
	if (seeded) {
		for (int i = 0; i < CB_ID_LEN; i++)
			raw[i] = (unsigned char)splitmix();
	} else {
		size_t got = 0;
		while (got < sizeof raw) {
			ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				return cb_err(CB_ERROR, _("cannot get random bytes: %s"), strerror(errno));
			got += (size_t)n;
		}
	}
	for (int i = 0; i < CB_ID_LEN; i++)
		out[i] = alphabet[raw[i] & 31];
	out[CB_ID_LEN] = '\0';
	return 0;
}

static int in_alphabet(char c)
{
	return c && strchr(alphabet, c) != NULL;
}

int cb_person_id_valid(const char *s)
{
	if (!s || strlen(s) != CB_ID_LEN)
		return 0;
	for (int i = 0; i < CB_ID_LEN; i++)
		if (!in_alphabet(s[i]))
			return 0;
	return 1;
}

int cb_person_id_prefix_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > CB_ID_LEN)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!in_alphabet(c))
			return 0;
	}
	return 1;
}

int cb_item_id_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 40)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		      (c >= 'a' && c <= 'z') || c == '-'))
			return 0;
	}
	return 1;
}
