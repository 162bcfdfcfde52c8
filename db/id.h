/* id.h - random identifiers made offline on many laptops at once.
 *
 * 10 characters of Crockford base32 (no I, L, O, U): 50 random bits, so
 * ids made without coordination do not collide in practice. Person ids
 * become directory names, so anything claiming to be one is checked with
 * cb_person_id_valid before it is used in a path. */
#ifndef CASEBOOK_ID_H
#define CASEBOOK_ID_H

#define CB_ID_LEN 10

/* Fills out (CB_ID_LEN + 1 bytes) with a fresh id. Returns 0 or CB_ERROR.
 * After cb_id_seed (demo and benchmark generators) the sequence is
 * deterministic. */
int cb_id_new(char out[CB_ID_LEN + 1]);
/* Deterministic ids for demo/bench generators. */
void cb_id_seed(unsigned long long seed);
/* 1 if s is exactly a person id (10 chars of the alphabet, upper case). */
int cb_person_id_valid(const char *s);
/* 1 if s could be a prefix of a person id (1..10 alphabet chars, any case). */
int cb_person_id_prefix_valid(const char *s);
/* 1 if s is a valid item id: 1..40 of [0-9A-Za-z-]. */
int cb_item_id_valid(const char *s);

#endif
