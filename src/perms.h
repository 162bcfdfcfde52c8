/* perms.h - is a workspace (or a remote on this machine) private to its
 * owner? Every directory and file under it should have no group or other
 * permission bits: the records are special category personal data, and a
 * group-readable object file is as good as the record to a reader. */
#ifndef CASEBOOK_PERMS_H
#define CASEBOOK_PERMS_H

#include <sys/types.h>

/* Called for each path under root (root itself included) with group or
 * other bits; non-zero stops the walk and is returned. */
typedef int (*cb_perms_fn)(const char *path, mode_t mode, void *ctx);
/* 0 when the walk finished; CB_ENOTFOUND when root cannot be read. */
int cb_perms_check(const char *root, cb_perms_fn fn, void *ctx);

/* The local directory a remote URL names (a path or file://), malloc'd,
 * or NULL for a network remote. */
char *cb_perms_local_remote(const char *url);

#endif
