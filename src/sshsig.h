/* sshsig.h - checking git's SSH commit signatures with ssh-keygen -Y.
 *
 * libgit2 can extract a commit's signature but not check it, so the check
 * is OpenSSH's own: find-principals names the signer from the allowed
 * signers file, then verify (namespace "git", as git signs) checks the
 * signature over the signed commit text. The commit text goes through a
 * pipe, never a file: it names the child. Only the signature itself is
 * written, to a private file in the workspace's tmp/, and removed. */
#ifndef CASEBOOK_SSHSIG_H
#define CASEBOOK_SSHSIG_H

#include <stddef.h>

enum cb_sig_result {
	CB_SIG_GOOD = 0,   /* principal says who signed */
	CB_SIG_UNKNOWN_KEY,/* no principal in the allowed signers for this key */
	CB_SIG_BAD,        /* does not verify */
	CB_SIG_ERROR       /* could not run the check; msg says why */
};

/* Checks sig (an "-----BEGIN SSH SIGNATURE-----" block) over data.
 * tmpdir is a private directory for the signature file. */
enum cb_sig_result cb_sshsig_verify(const char *allowed_signers, const char *tmpdir,
				    const char *sig, size_t siglen,
				    const char *data, size_t datalen,
				    char *principal, size_t plen, char *msg, size_t msglen);

#endif
