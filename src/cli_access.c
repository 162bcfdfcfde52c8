/* cli_access.c - logging an opening from a command, asking for a reason
 * when the policy wants one; see cli_access.h. */
#include "cli_access.h"
#include "access_policy.h"
#include "err.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Asks the terminal for a reason (malloc'd, maybe ""), or NULL when there
 * is no terminal to ask. */
static char *ask_reason(const char *person)
{
	if (!isatty(0) || !isatty(2))
		return NULL;
	fprintf(stderr, _("%s is not on your caseload. Reason for opening the record: "), person);
	fflush(stderr);
	char buf[512];
	if (!fgets(buf, sizeof buf, stdin))
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	return strdup(buf);
}

int cli_access(struct cli *c, const char *person, const char *record, const char *what,
	       const char *reason)
{
	char *asked = NULL;
	enum cb_reason_policy need = cb_access_reason_needed(&c->ws, person);
	if (need != CB_REASON_OFF && (!reason || !*reason))
		reason = asked = ask_reason(person);
	if (need == CB_REASON_REQUIRE && (!reason || !*reason)) {
		free(asked);
		return cli_fail(_("%s is not on your caseload and this workspace requires a reason "
				  "to open their records (casebook.accessReason=require): give one "
				  "with --reason TEXT"), person);
	}
	int rc = cb_access_record(&c->ws, person, record, what, reason);
	free(asked);
	/* No log, no access: the log is the point. */
	return rc ? cli_fail(_("the access could not be logged, so the record is not shown: %s"),
			     cb_err_msg())
		  : 0;
}
