/* cmd_sync.h - the sync and clone subcommands. */
#ifndef CASEBOOK_CMD_SYNC_H
#define CASEBOOK_CMD_SYNC_H

#include "cli.h"

int cmd_sync(struct cli *c, int argc, char **argv);
int cmd_clone(int argc, char **argv);

#endif
