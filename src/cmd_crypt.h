/* cmd_crypt.h - encryption at rest on the command line: unlock, lock,
 * erase, and the passphrase prompt init --encrypt and demo --encrypt use. */
#ifndef CASEBOOK_CMD_CRYPT_H
#define CASEBOOK_CMD_CRYPT_H

#include <stddef.h>
#include "cli.h"

/* Reads a passphrase: from the terminal without echo (twice when confirm),
 * else one line of standard input (scripts). Never from argv or the
 * environment. buf is sodium_malloc'd (sodium_free it). 0 or 1 (said). */
int cli_passphrase(const char *prompt, int confirm, char **buf, size_t *len);
/* init --encrypt / demo --encrypt: sets up dir's encryption; 0 or 1. */
int cli_encrypt_setup(const char *dir, const char *keyfile);

int cmd_unlock(struct cli *c, int argc, char **argv);
int cmd_lock(struct cli *c, int argc, char **argv);
int cmd_erase(struct cli *c, int argc, char **argv);

#endif
