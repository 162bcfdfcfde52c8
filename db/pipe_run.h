/* pipe_run.h - running a helper program (ssh-keygen) with data through
 * pipes, never through files or its arguments: the data may be a child's
 * record. */
#ifndef CASEBOOK_PIPE_RUN_H
#define CASEBOOK_PIPE_RUN_H

#include <stddef.h>

/* Runs argv (found on PATH) with in on its stdin and up to outcap - 1
 * bytes of its stdout in out, NUL-terminated (stderr is discarded: its
 * wording differs between versions). Returns the exit status, or -1 when
 * it could not run (127: not found). */
int cb_pipe_run(char *const argv[], const char *in, size_t inlen, char *out, size_t outcap);

#endif
