/* cli_access.h - logging that a command opened a child's record. */
#ifndef CASEBOOK_CLI_ACCESS_H
#define CASEBOOK_CLI_ACCESS_H

#include "cli.h"

/* Logs that the user opened person's record (NULL: all their records) with
 * command what. reason comes from --reason (may be NULL). When the child
 * is not on the user's caseload and the policy asks for a reason, one is
 * read from the terminal if there is one; under "require" no reason means
 * the command is refused. Returns 0, or prints why and returns 1: the
 * caller then shows nothing. */
int cli_access(struct cli *c, const char *person, const char *record, const char *what,
	       const char *reason);

#endif
