/* access_ui.c - opening a child's record from the workbench: logged in the
 * access log, with a reason asked for on the status line when the child
 * is not on the user's caseload (see src/access_policy.h). */
#include "ui.h"
#include "access_policy.h"
#include "err.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

struct open_ask {
	struct tui *t;
	char id[11];
	enum cb_reason_policy need;
};

static void open_logged(struct tui *t, const char *id, const char *reason)
{
	if (cb_access_record(t->ws, id, NULL, "workbench", reason)) {
		/* No log, no access. */
		tui_error(t, _("the access could not be logged, so the record is not shown: %s"),
			  cb_err_msg());
		return;
	}
	tui_push(t, view_person_open(t, id));
}

static void reason_done(void *ctx, const char *text, int accepted)
{
	struct open_ask *q = ctx;
	if (!accepted)
		tui_message(q->t, "%s", _("not opened"));
	else if (q->need == CB_REASON_REQUIRE && !*text)
		tui_error(q->t, "%s", _("a reason is required to open a record outside your caseload"));
	else
		open_logged(q->t, q->id, text);
	free(q);
}

void ui_open_person(struct tui *t, const char *id)
{
	enum cb_reason_policy need = cb_access_reason_needed(t->ws, id);
	if (need == CB_REASON_OFF) {
		open_logged(t, id, NULL);
		return;
	}
	struct open_ask *q = calloc(1, sizeof *q);
	if (!q) {
		tui_error(t, "%s", _("out of memory"));
		return;
	}
	q->t = t;
	q->need = need;
	snprintf(q->id, sizeof q->id, "%s", id);
	const char *label = need == CB_REASON_REQUIRE
		? _("Not on your caseload. Reason (required): ")
		: _("Not on your caseload. Reason (Enter to skip): ");
	if (tui_prompt(t, label, NULL, NULL, reason_done, q))
		free(q);
}
