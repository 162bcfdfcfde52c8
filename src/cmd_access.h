/* cmd_access.h - casebook access, server-hook and transfer; logging an
 * opening from a command is cli_access.h. */
#ifndef CASEBOOK_CMD_ACCESS_H
#define CASEBOOK_CMD_ACCESS_H

#include "cli.h"
#include "cli_access.h"

int cmd_access(struct cli *c, int argc, char **argv);
/* cmd_server.c */
int cmd_server_hook(int argc, char **argv);
int cmd_server_check(int argc, char **argv);
/* cmd_transfer.c */
int cmd_transfer(struct cli *c, int argc, char **argv);

#endif
