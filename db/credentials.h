/* credentials.h - who we are to the remote, and whether it is who it says
 * (used in sync's network child only).
 *
 * ssh: the ssh-agent, then the key files ~/.ssh/id_ed25519, id_ecdsa and
 * id_rsa, or only $CASEBOOK_SSH_KEY when set; each is offered once, so a
 * key the server refuses never loops. Host keys: libgit2 checks
 * ~/.ssh/known_hosts itself and says whether the key matched; an unknown or
 * changed key is refused with a message saying how to accept it.
 * https: libgit2 does not run git's credential helpers, so this runs
 * `git credential fill` itself, then `approve` after a successful transfer
 * or `reject` when the server turned the answer down (after which it gives
 * up). Nothing is stored by casebook; the password is wiped after use. */
#ifndef CASEBOOK_CREDENTIALS_H
#define CASEBOOK_CREDENTIALS_H

#include <git2.h>

#include "sync.h"

/* A remote's address, split. Parts are malloc'd; absent ones are NULL
 * (port, user). scp-like "user@host:path" gives scheme "ssh". */
struct cb_url {
	char *scheme, *user, *host, *port, *path;
};
int cb_url_parse(struct cb_url *u, const char *url);
void cb_url_free(struct cb_url *u);

struct cb_cred {
	int fd;                /* the pipe to the parent, for keep-alives */
	int interactive;
	struct cb_url url;
	unsigned ssh_step;     /* next ssh method to offer */
	unsigned http_tries;   /* helper answers given to libgit2 */
	char *http_user, *http_pass; /* the helper's answer, until approved */
	enum cb_sync_failure failure; /* set when we refused or gave up */
	char msg[1024];        /* why, for the user */
};

/* Starts with the remote's URL (may be NULL when unknown). */
void cb_cred_init(struct cb_cred *c, const char *url, int fd, int interactive);
/* After the transfer: approve (ok) or leave the helper's answer alone,
 * then wipe it. */
void cb_cred_finish(struct cb_cred *c, int ok);

/* libgit2 callbacks; payload is the struct cb_cred. */
int cb_cred_acquire(git_credential **out, const char *url,
		    const char *user_from_url, unsigned int allowed,
		    void *payload);
int cb_cred_check_cert(git_cert *cert, int valid, const char *host,
		       void *payload);

#endif
