/* err.h - error reporting shared by every layer.
 *
 * Functions return 0 on success and a negative CB_E* code on failure; the
 * human-readable reason is kept per thread and read with cb_err_msg(), so a
 * message composed deep in the store reaches the CLI or the status line
 * without each caller formatting it again. */
#ifndef CASEBOOK_ERR_H
#define CASEBOOK_ERR_H

enum {
	CB_OK = 0,
	CB_ERROR = -1,     /* generic failure; see cb_err_msg() */
	CB_ENOTFOUND = -2, /* no such person, record or revision */
	CB_EINVALID = -3,  /* input failed parsing or validation */
	CB_ECONFLICT = -4, /* the branch moved under us: retry */
	CB_EAMBIGUOUS = -5,/* an id prefix names more than one person */
	CB_EREADONLY = -6, /* workspace opened read-only */
	CB_ENOMEM = -7,
	CB_ESEALED = -8  /* encrypted, and the key is not there (locked, erased) */
};

/* Sets the current message (printf-style). Returns code for tail calls:
 *   return cb_err(CB_EINVALID, _("line %zu: ..."), n); */
int cb_err(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends ": <libgit2's last error>" to a message (err_git.c). */
int cb_err_git(int code, const char *what);
const char *cb_err_msg(void);
void cb_err_clear(void);

#endif
