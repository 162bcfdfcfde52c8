/* agent.h - the unlock agent: holds the team key for one workspace while
 * it is unlocked, so a practitioner types the passphrase once per session
 * and no plaintext key is ever written to disk, argv or the environment.
 *
 * `casebook unlock` starts it: a small process of its own (no core dumps,
 * not traceable, the key in locked memory) listening on DIR/agent.sock
 * (0600, in the 0700 workspace; it also checks that a caller is the same
 * user). It answers "give me the key" and "lock", and exits after an idle
 * time-out (no question for that long), on lock, or when the socket is
 * removed. */
#ifndef CASEBOOK_AGENT_H
#define CASEBOOK_AGENT_H

#include "crypt.h"

/* Default idle time-out, seconds (4 hours: a working session). */
#define CB_AGENT_IDLE 14400

/* Starts an agent for dir holding key; replaces one already running. */
int cb_agent_start(const char *dir, const unsigned char key[CB_KEY_BYTES], unsigned idle);
/* Asks the agent of dir for the key. CB_ENOTFOUND when none answers. */
int cb_agent_get(const char *dir, unsigned char key[CB_KEY_BYTES]);
/* Tells the agent of dir to forget the key and exit. 1 when one was
 * running, 0 when none was. */
int cb_agent_stop(const char *dir);

#endif
