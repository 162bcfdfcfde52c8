/* cli.h - what the subcommands share: the workspace, resolving people and
 * records from arguments, messages, and safe output of repository text. */
#ifndef CASEBOOK_CLI_H
#define CASEBOOK_CLI_H

#include <stdio.h>
#include "workspace.h"

/* Exit codes */
#define EXIT_USAGE 2

struct cli {
	const char *dir; /* -C, CASEBOOK_DIR, or "." */
	int read_only;   /* --read-only was given */
	/* How this program reaches a workspace's repository (workspace.h):
	 * cb_ws_repo_git in the full program; the front's hand the command
	 * over to the full program (front.c). */
	const struct cb_ws_repo_ops *repo_ops;
	struct cb_ws ws;
	int open;
};

/* What every casebook program does first: the locale and message
 * catalogue, and a umask that keeps what it creates private. */
void cli_start(void);
/* Reads the global options before the command (-C DIR, -CDIR,
 * --read-only) into c, the workspace defaulting to $CASEBOOK_DIR, then
 * ".". Returns the index in argv of the first argument that is none of
 * them (argc when there is none). */
int cli_global_options(struct cli *c, int argc, char **argv);

/* Prints "casebook: <message>" to stderr. Returns 1 (the exit code). */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same for the last error: "casebook: <cb_err_msg()>". */
int cli_fail_last(void);
/* Prints a usage line and returns EXIT_USAGE. */
int cli_usage(const char *usage);

/* Opens the workspace whole (c->repo_ops->open), once. */
int cli_open(struct cli *c);
/* cli_open for a command that reads only the index (see
 * cb_ws_open_for_index_reads). */
int cli_open_index(struct cli *c);
void cli_close(struct cli *c);
/* Resolves an id or unique prefix. Returns 0 or prints and returns 1. */
int cli_person(struct cli *c, const char *arg, char id[11]);
/* Splits "ID/RECORD" (RECORD defaults to none when allow_bare). */
int cli_record_arg(struct cli *c, const char *arg, char id[11],
		   const struct cb_record_type **t, int allow_bare);

/* Writes text from the repository safely: control characters (C0 but tab
 * and newline, DEL, C1) and invalid UTF-8 are shown escaped (\x1b), never
 * written raw, so a record cannot drive the terminal. */
void cli_put(FILE *f, const char *s);
/* A TSV cell: like cli_put, and tab, newline and backslash as \t \n \\. */
void cli_put_tsv(FILE *f, const char *s);

/* Fills what casebook sets itself on items a user added: a fresh Id,
 * and for chronology entries Recorded-By and Entered (cli_save.c, as are
 * cli_check and cli_update). */
int cli_autofill(struct cb_ws *ws, struct cb_doc *doc, const struct cb_record_type *t);

/* Validates; on problems prints them (with lines) and returns 1. */
int cli_check(const struct cb_doc *doc, const struct cb_record_type *t,
	      const char *person_id);

/* Name for messages ("Zoë Ådahl"), or the id when unknown. malloc'd. */
char *cli_person_name(struct cli *c, const char *id);

int cmd_init(int argc, char **argv);
int cmd_person(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_chronology(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_edit(struct cli *c, int argc, char **argv);
int cmd_log(struct cli *c, int argc, char **argv);
int cmd_reindex(struct cli *c, int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_genogram(struct cli *c, int argc, char **argv);

#endif

/* Read-modify-write of one record, retried when another save lands in
 * between: reads at the tip, calls mutate, fills automatic fields,
 * validates, saves on top of that tip. mutate returns 0, or 1 having
 * printed why. *made says whether a commit was made. */
typedef int (*cli_mutate_fn)(struct cli *c, struct cb_doc *doc, int exists, void *ctx);
int cli_update(struct cli *c, const char *id, const struct cb_record_type *t,
	       cli_mutate_fn mutate, void *ctx, const char *summary, int *made);

/* Runs $VISUAL/$EDITOR (else vi) on path; 0, or 1 having said why. */
int cli_edit_file(const char *path);
int cmd_alerts(struct cli *c, int argc, char **argv);
int cmd_rules(struct cli *c, int argc, char **argv);
