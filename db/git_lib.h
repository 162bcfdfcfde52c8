/* git_lib.h - starting libgit2, once per process.
 *
 * Debian's libgit2 talks TLS through mbedTLS and, while it starts, parses
 * the whole system certificate bundle (about 150 PEM certificates): some
 * 55 million instructions, 20 ms, on every command, though only a sync
 * over https ever uses them. cb_git_lib_init starts libgit2 without that
 * parse; the sync child (db/sync_child.c) names the authorities to trust
 * itself before it connects, as it always has, so https is verified
 * exactly as before. With a libgit2 built on another TLS library this is
 * plain git_libgit2_init. */
#ifndef CASEBOOK_GIT_LIB_H
#define CASEBOOK_GIT_LIB_H

/* git_libgit2_init without the certificate parse it does not need; each
 * call counts as one of git_libgit2_init's. Not thread-safe: call it
 * before starting threads, as every command does. */
void cb_git_lib_init(void);

/* How many certificate bundles were not parsed at start-up: 1 when
 * libgit2 tried to load one and this process skipped it, else 0. */
int cb_git_lib_skipped(void);

#endif
