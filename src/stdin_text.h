/* stdin_text.h - record text given as "-" is read from standard input.
 *
 * A process's arguments are visible to every user of the machine (ps,
 * /proc/PID/cmdline), so `--event "what happened"` shows a child's record
 * to anyone logged in while it runs. `--event -` reads the text from
 * standard input instead (a pipe, a here-document or a file redirected),
 * which nobody else can see. Only one option per command may do this. */
#ifndef CASEBOOK_STDIN_TEXT_H
#define CASEBOOK_STDIN_TEXT_H

/* When *val is "-", replaces it with stdin's whole text (a final newline
 * removed), kept in *owned (free it). Returns 0, or prints why and returns
 * 1 (stdin already read by another option, or unreadable). */
int cli_stdin_text(const char **val, char **owned, const char *option);

#endif
