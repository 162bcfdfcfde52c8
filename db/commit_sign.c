/* commit_sign.c - commits, signed when configured; see commit_sign.h. */
#include "commit_sign.h"
#include "err.h"
#include "i18n.h"
#include "pipe_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* The signing key file, malloc'd, or NULL when signing is off. */
static int signing_key(git_repository *repo, char **key)
{
	git_config *cfg = NULL, *snap = NULL;
	const char *fmt = NULL, *k = NULL;
	int sign = 1;
	*key = NULL;
	if (git_repository_config(&cfg, repo) < 0 || git_config_snapshot(&snap, cfg) < 0) {
		git_config_free(cfg);
		return cb_err_git(CB_ERROR, _("cannot read the repository's configuration"));
	}
	int rc = 0;
	if (git_config_get_string(&fmt, snap, "gpg.format") == 0 && fmt &&
	    strcasecmp(fmt, "ssh") == 0 && git_config_get_string(&k, snap, "user.signingkey") == 0 &&
	    k && *k) {
		if (!git_config_get_bool(&sign, snap, "commit.gpgsign") && !sign)
			goto out;
		if (strncmp(k, "key::", 5) == 0) {
			rc = cb_err(CB_EINVALID, _("user.signingkey is a literal key (key::...); casebook "
						   "signs with a key file: give its path"));
			goto out;
		}
		const char *home = getenv("HOME");
		if (strncmp(k, "~/", 2) == 0 && home) {
			*key = malloc(strlen(home) + strlen(k));
			if (*key)
				sprintf(*key, "%s%s", home, k + 1);
		} else {
			*key = strdup(k);
		}
		if (!*key)
			rc = cb_err(CB_ENOMEM, _("out of memory"));
		else if (access(*key, R_OK) != 0) {
			rc = cb_err(CB_EINVALID, _("cannot sign the save: the signing key %s (git config "
						   "user.signingkey) cannot be read; nothing was saved"),
				    *key);
			free(*key);
			*key = NULL;
		}
	}
out:
	git_config_free(snap);
	git_config_free(cfg);
	return rc;
}

int cb_commit_create(git_oid *out, git_repository *repo, const git_signature *author,
		     const git_signature *committer, const char *message, const git_tree *tree,
		     size_t nparents, const git_commit *parents[])
{
	char *key = NULL;
	int rc = signing_key(repo, &key);
	if (rc)
		return rc;
	if (!key) {
		if (git_commit_create(out, repo, NULL, author, committer, NULL, message, tree,
				      nparents, parents) < 0)
			return cb_err_git(CB_ERROR, _("cannot write the commit"));
		return 0;
	}
	git_buf buf = { 0 };
	if (git_commit_create_buffer(&buf, repo, author, committer, NULL, message, tree, nparents,
				     parents) < 0) {
		free(key);
		return cb_err_git(CB_ERROR, _("cannot write the commit"));
	}
	char sig[16384];
	char *argv[] = { "ssh-keygen", "-q", "-Y", "sign", "-n", "git", "-f", key, NULL };
	int st = cb_pipe_run(argv, buf.ptr, buf.size, sig, sizeof sig);
	if (st != 0 || strncmp(sig, "-----BEGIN SSH SIGNATURE-----", 29) != 0) {
		rc = st == 127 || st < 0
			? cb_err(CB_ERROR, _("cannot sign the save: ssh-keygen cannot be run; nothing "
					     "was saved"))
			: cb_err(CB_ERROR, _("cannot sign the save with %s (ssh-keygen -Y sign failed: "
					     "a key with a passphrase must be in the ssh-agent); nothing "
					     "was saved"), key);
	} else if (git_commit_create_with_signature(out, repo, buf.ptr, sig, "gpgsig") < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot write the signed commit"));
	}
	git_buf_dispose(&buf);
	free(key);
	return rc;
}
