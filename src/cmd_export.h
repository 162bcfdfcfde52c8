/* cmd_export.h - casebook export SUBCOMMAND ...: one table row a
 * subcommand (src/cmd_export.c), each handler in its own file. */
#ifndef CASEBOOK_CMD_EXPORT_H
#define CASEBOOK_CMD_EXPORT_H

#include <stddef.h>

struct cli;

int cmd_export(struct cli *c, int argc, char **argv);

/* Handlers: argv[0] is the subcommand's name. */
int cmd_export_chronology(struct cli *c, int argc, char **argv);
int cmd_export_plan(struct cli *c, int argc, char **argv);
int cmd_export_ssda903(struct cli *c, int argc, char **argv);

/* What the handlers share: writes text (len bytes) to path whole or not
 * at all, or to stdout when path is NULL. Returns 0 or prints and 1. */
int cmd_export_write(const char *path, const char *text, size_t len);

#endif
