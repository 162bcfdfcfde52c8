/* access_policy.h - when opening a child's record needs a reason, and
 * recording the opening in the access log (db/access.h).
 *
 * A reason is asked for when the child is not on the user's caseload (the
 * user's email is neither the child's Worker nor Personal-Adviser). git
 * config casebook.accessReason says what happens then: "ask" (the default:
 * asked for, may be left empty), "off" (never asked; every access is
 * logged all the same) or "require" (no reason, no access). */
#ifndef CASEBOOK_ACCESS_POLICY_H
#define CASEBOOK_ACCESS_POLICY_H

#include "workspace.h"

enum cb_reason_policy { CB_REASON_OFF, CB_REASON_ASK, CB_REASON_REQUIRE };

enum cb_reason_policy cb_access_reason_policy(struct cb_ws *ws);
/* 1 when person is on the user's caseload, 0 when not (or unknown). */
int cb_access_on_caseload(struct cb_ws *ws, const char *person);
/* What a reason is needed for opening person: CB_REASON_OFF when none is
 * (on the caseload, or the policy is off). */
enum cb_reason_policy cb_access_reason_needed(struct cb_ws *ws, const char *person);
/* Appends the access to the log: who is the workspace's author. record
 * may be NULL (every record of the person); reason NULL or "". */
int cb_access_record(struct cb_ws *ws, const char *person, const char *record,
		     const char *what, const char *reason);

#endif
