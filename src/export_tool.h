/* export_tool.h - running a formatting tool (groff) for an export. */
#ifndef CASEBOOK_EXPORT_TOOL_H
#define CASEBOOK_EXPORT_TOOL_H

/* Runs argv[0] (found on PATH) with stdin from in_path and stdout to
 * out_path (created 0600, truncated), with SOURCE_DATE_EPOCH=epoch in
 * its environment so that the tool's own timestamps are the production
 * date. What it writes on stderr is kept in *err_text (malloc'd, may be
 * NULL). Returns 0 when it exits 0, else CB_ERROR with cb_err_msg() naming
 * the tool and what it said (or how to install it). */
/* The Debian package that provides tool ("dot": "graphviz"); the tool's
 * own name when it is not one casebook knows. */
const char *cb_export_tool_package(const char *tool);

int cb_export_run_tool(const char *const argv[], const char *in_path,
		       const char *out_path, long long epoch, char **err_text);

#endif
