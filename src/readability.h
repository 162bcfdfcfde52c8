/* readability.h - Flesch reading ease of English text, for the plain
 * language plan (doc/exports.md says how words, sentences and syllables
 * are counted, and why 60 is the target). */
#ifndef CASEBOOK_READABILITY_H
#define CASEBOOK_READABILITY_H

#include <stddef.h>

struct cb_reading {
	size_t words, sentences, syllables;
	double ease; /* 206.835 - 1.015 words/sentence - 84.6 syllables/word */
};

/* Syllables in one word (letters only, any case): vowel groups (a e i o
 * u y), less a silent final "e" (not "le") and a final "ed" not after t
 * or d, and never fewer than one. */
size_t cb_syllables(const char *word, size_t len);
/* Counts text: a word is a run of letters, digits and apostrophes; a
 * sentence ends at . ! ? followed by a space or the end, and at the end
 * of a line that has words and no end mark (headings, list items). Text
 * with no words scores 100. Markdown markup (#, *, -, |) is not a word. */
void cb_reading_ease(const char *text, struct cb_reading *out);

#endif
