/* export.h - what leaves the workbench: the exports a practitioner can
 * run on a child's records or on the caseload.
 *
 * Each export is a function in src/export_*.c that writes to a path and
 * reports progress through a callback, so the command line
 * (src/cmd_export*.c) and the workbench's `x` menu (ui/) run the same
 * code. cb_exports[] lists them for the menu: a new export is a new row. */
#ifndef CASEBOOK_EXPORT_H
#define CASEBOOK_EXPORT_H

#include <stddef.h>
#include <stdio.h>

struct cb_ws;

/* done of total steps finished; what names the step (translated) or is
 * NULL. Called at least once at the start (0 of total) and at the end. */
typedef void (*cb_export_progress_fn)(void *ctx, size_t done, size_t total,
				      const char *what);

/* What every export shares. */
struct cb_export_ctx {
	/* The production date printed on the export (YYYY-MM-DD), or NULL
	 * for today. Pinning it makes the output byte for byte repeatable. */
	const char *produced_on;
	/* Who produced it, or NULL for the workspace's user. */
	const char *produced_by;
	cb_export_progress_fn progress; /* may be NULL */
	void *progress_ctx;
};

/* Calls x->progress when there is one. */
void cb_export_progress(const struct cb_export_ctx *x, size_t done,
			size_t total, const char *what);

enum cb_export_scope {
	CB_EXPORT_PERSON,   /* about one child: offered on the record screens */
	CB_EXPORT_CASELOAD  /* about the whole workspace: offered on the caseload */
};

/* One row of the workbench's export menu. */
struct cb_export_def {
	const char *name;   /* stable: "chronology-court" */
	const char *label;  /* N_() menu text */
	enum cb_export_scope scope;
	const char *ext;    /* default file name extension: "pdf" */
	/* Writes the export to path. person_id is the child for
	 * CB_EXPORT_PERSON, NULL for CB_EXPORT_CASELOAD. Returns 0, or a
	 * CB_E* code with cb_err_msg() saying why (naming the record and
	 * field when a record does not validate); nothing is left at path
	 * on failure. */
	int (*run)(struct cb_ws *ws, const char *person_id, const char *path,
		   const struct cb_export_ctx *x);
};

/* Every export, NULL-name terminated, in menu order. */
extern const struct cb_export_def cb_exports[];

/* The export called name, or NULL. */
const struct cb_export_def *cb_export_find(const char *name);

/* The production date: x->produced_on checked (YYYY-MM-DD), else today.
 * Returns 0 or CB_EINVALID. */
int cb_export_produced_on(const struct cb_export_ctx *x, char out[11]);
/* The producer's name: x->produced_by, else the workspace user's name.
 * malloc'd, or NULL with cb_err_msg() set. */
char *cb_export_produced_by(struct cb_ws *ws, const struct cb_export_ctx *x);

/* The default file for an export of person_id (or of the caseload):
 * WS/exports/<id>-<name>.<ext>, making WS/exports (0700) if needed.
 * malloc'd, or NULL with cb_err_msg() set. */
char *cb_export_default_path(struct cb_ws *ws, const struct cb_export_def *e,
			     const char *person_id);

/* Writes len bytes to path whole or not at all: a private temporary file
 * beside it, synced, then renamed over it. Returns 0 or CB_ERROR. */
int cb_export_write_file(const char *path, const char *text, size_t len);

#endif
