/* readability.c - Flesch reading ease; see readability.h. */
#include "readability.h"

#include <ctype.h>
#include <string.h>

static int is_vowel(int c)
{
	c = tolower(c);
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

size_t cb_syllables(const char *word, size_t len)
{
	char w[64];
	size_t n = 0;
	for (size_t i = 0; i < len && n < sizeof w - 1; i++)
		if (isalpha((unsigned char)word[i]))
			w[n++] = (char)tolower((unsigned char)word[i]);
	w[n] = '\0';
	if (n == 0)
		return 1;
	size_t groups = 0;
	for (size_t i = 0; i < n; i++)
		if (is_vowel(w[i]) && (i == 0 || !is_vowel(w[i - 1])))
			groups++;
	if (groups > 1 && n > 2 && w[n - 1] == 'e' && w[n - 2] != 'l' && !is_vowel(w[n - 2]))
		groups--;
	else if (groups > 1 && n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd' &&
		 w[n - 3] != 't' && w[n - 3] != 'd')
		groups--;
	return groups ? groups : 1;
}

static int word_char(unsigned char c)
{
	/* Bytes of multi-byte UTF-8 letters count as letters. */
	return isalnum(c) || c == '\'' || c >= 0x80;
}

void cb_reading_ease(const char *text, struct cb_reading *out)
{
	memset(out, 0, sizeof *out);
	const unsigned char *p = (const unsigned char *)text;
	int line_words = 0; /* words since the last sentence end */
	while (*p) {
		if (word_char(*p) && *p != '\'') {
			const unsigned char *s = p;
			while (*p && word_char(*p))
				p++;
			out->words++;
			out->syllables += cb_syllables((const char *)s, (size_t)(p - s));
			line_words = 1;
			continue;
		}
		if ((*p == '.' || *p == '!' || *p == '?') &&
		    (p[1] == '\0' || isspace(p[1]) || p[1] == '*' || p[1] == '"')) {
			if (line_words)
				out->sentences++;
			line_words = 0;
		} else if (*p == '\n' && line_words) {
			out->sentences++;
			line_words = 0;
		}
		p++;
	}
	if (line_words)
		out->sentences++;
	if (out->words == 0) {
		out->ease = 100.0;
		return;
	}
	out->ease = 206.835 - 1.015 * ((double)out->words / (double)out->sentences) -
		    84.6 * ((double)out->syllables / (double)out->words);
}
