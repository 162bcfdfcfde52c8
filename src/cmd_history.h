/* cmd_history.h - the history, review and audit subcommands, and what
 * they share: reading a person argument that may name someone no longer
 * in the current index (an auditor looks at deleted people too), the
 * output format option, and naming a moment as a date or a revision. */
#ifndef CASEBOOK_CMD_HISTORY_H
#define CASEBOOK_CMD_HISTORY_H

#include <git2.h>
#include <stdint.h>
#include "cli.h"

int cmd_diff(struct cli *c, int argc, char **argv);
int cmd_blame(struct cli *c, int argc, char **argv);
int cmd_review(struct cli *c, int argc, char **argv);
int cmd_oversight(struct cli *c, int argc, char **argv);
int cmd_verify(struct cli *c, int argc, char **argv);

/* Like cli_record_arg, but a full person id is taken as it is (in any
 * case) even when the person is not in the current index: history still
 * has them. */
int hcli_record_arg(struct cli *c, const char *arg, char id[11],
		    const struct cb_record_type **t, int allow_bare);

/* --format=VALUE: "tsv" sets *tsv, "text" clears it; else usage (returns 2). */
int hcli_format(const char *value, int *tsv, const char *usage);

/* A moment (hcli_moment.c): a date or time (*is_time = 1, *when set; a bare date is the end
 * of that day) or a revision (*is_time = 0, *rev set). Prints and returns 1
 * when it is neither. */
int hcli_moment(struct cli *c, const char *spec, int *is_time, int64_t *when,
		git_oid *rev);

/* 0, or prints the output error and returns 1. */
int hcli_flush(void);

#endif
