/* cmd_plan.h - `casebook plan`: a child's plans from the command line. */
#ifndef CASEBOOK_CMD_PLAN_H
#define CASEBOOK_CMD_PLAN_H

#include "cli.h"

int cmd_plan(struct cli *c, int argc, char **argv);

#endif
