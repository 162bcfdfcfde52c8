/* export_escape.h - what each export format needs escaped.
 *
 * The text given is already clean (cb_export_clean: no control
 * characters but newline, valid UTF-8); these add only what the format
 * itself would otherwise read as markup. */
#ifndef CASEBOOK_EXPORT_ESCAPE_H
#define CASEBOOK_EXPORT_ESCAPE_H

struct cb_sb;

/* One CSV field (RFC 4180): quoted when it holds a comma, quote, line
 * break or edge space, quotes doubled, line breaks written CRLF; a cell
 * starting with = + - or @ gets a leading apostrophe (and quotes) so that
 * a spreadsheet shows it rather than running it as a formula. */
void cb_escape_csv(struct cb_sb *sb, const char *s);
/* Markdown paragraph text: inline markup characters backslash-escaped,
 * and what would start a heading, list, quote or code block at the start
 * of a line. */
void cb_escape_md(struct cb_sb *sb, const char *s);
/* The same for a table cell: also '|', and line breaks as <br>. */
void cb_escape_md_cell(struct cb_sb *sb, const char *s);
/* groff text on lines of its own: each line starts with \& (so neither
 * '.' nor '\'' can make it a request, nor "T}" end a table cell),
 * backslashes are \[rs], apostrophes \[aq], and the value's own line
 * breaks are .br requests. Ends with a newline. */
void cb_escape_roff_lines(struct cb_sb *sb, const char *s);
/* groff text inside a request's argument (.ds): the same escapes, line
 * breaks as spaces, no newline at the end. */
void cb_escape_roff_line(struct cb_sb *sb, const char *s);

#endif
