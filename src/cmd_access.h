/* cmd_access.h - casebook access, and logging an opening from a command. */
#ifndef CASEBOOK_CMD_ACCESS_H
#define CASEBOOK_CMD_ACCESS_H

#include "cli.h"

/* Logs that the user opened person's record (NULL: all their records) with
 * command what. reason comes from --reason (may be NULL). When the child
 * is not on the user's caseload and the policy asks for a reason, one is
 * read from the terminal if there is one; under "require" no reason means
 * the command is refused. Returns 0, or prints why and returns 1: the
 * caller then shows nothing. */
int cli_access(struct cli *c, const char *person, const char *record, const char *what,
	       const char *reason);

int cmd_access(struct cli *c, int argc, char **argv);
/* cmd_server.c */
int cmd_server_hook(int argc, char **argv);
int cmd_server_check(int argc, char **argv);
/* cmd_transfer.c */
int cmd_transfer(struct cli *c, int argc, char **argv);

#endif
