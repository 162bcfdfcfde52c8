/* commit_sign.h - every commit casebook makes (a save, a sync's merge)
 * goes through here, so that signing, when the workspace asks for it,
 * covers every save path.
 *
 * Signing is on when the repository's git config has gpg.format=ssh and
 * user.signingkey (a key file: the private key, or the public key of one
 * in the ssh-agent), as git's own ssh signing, unless commit.gpgsign is
 * false. The commit text goes to ssh-keygen -Y sign -n git through a pipe;
 * the signature is stored in the commit's gpgsig header, so plain git
 * (git log --show-signature) and casebook verify check it. */
#ifndef CASEBOOK_COMMIT_SIGN_H
#define CASEBOOK_COMMIT_SIGN_H

#include <git2.h>

/* git_commit_create without a ref update, signed when configured. On a
 * failure to sign, no commit is made and the message says why. */
int cb_commit_create(git_oid *out, git_repository *repo, const git_signature *author,
		     const git_signature *committer, const char *message, const git_tree *tree,
		     size_t nparents, const git_commit *parents[]);

#endif
