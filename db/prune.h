/* prune.h - removing unreachable objects after an erase.
 *
 * An erased child's wrapped key stays in the object database (loose, or
 * in a pack) until git's garbage collection drops it: casebook runs
 * `git reflog expire --expire=now --all` and `git gc --prune=now` on the
 * workspace's repository after an erase, and after a sync that brought in
 * another laptop's erase. libgit2 has no garbage collection of its own. */
#ifndef CASEBOOK_PRUNE_H
#define CASEBOOK_PRUNE_H

/* 0, or CB_ERROR with a message (git missing or failing). */
int cb_repo_prune(const char *gitdir);

#endif
