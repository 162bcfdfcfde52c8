/* access_policy.c - reasons for access and recording it; see access_policy.h. */
#include "access_policy.h"
#include "access.h"
#include "err.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <pwd.h>
#include <unistd.h>

enum cb_reason_policy cb_access_reason_policy(struct cb_ws *ws)
{
	char *v = NULL;
	/* Asked by default: opening a child outside one's caseload is when
	 * a reason matters, and an empty answer is still allowed. */
	enum cb_reason_policy p = CB_REASON_ASK;
	if (cb_ws_config_get(ws, "casebook.accessReason", &v) == 0 && v) {
		if (strcasecmp(v, "off") == 0)
			p = CB_REASON_OFF;
		else if (strcasecmp(v, "require") == 0)
			p = CB_REASON_REQUIRE;
	}
	free(v);
	cb_err_clear();
	return p;
}

struct mine {
	const char *email;
	int yes;
};

static int got(const struct cb_person_row *r, void *ctx)
{
	struct mine *m = ctx;
	m->yes = (r->worker && strcasecmp(r->worker, m->email) == 0) ||
		 (r->pa && strcasecmp(r->pa, m->email) == 0);
	return 0;
}

int cb_access_on_caseload(struct cb_ws *ws, const char *person)
{
	const char *name, *email;
	if (cb_ws_author(ws, &name, &email))
		return 0;
	struct mine m = { email, 0 };
	cb_index_person(&ws->index, person, got, &m);
	return m.yes;
}

enum cb_reason_policy cb_access_reason_needed(struct cb_ws *ws, const char *person)
{
	enum cb_reason_policy p = cb_access_reason_policy(ws);
	if (p == CB_REASON_OFF || cb_access_on_caseload(ws, person))
		return CB_REASON_OFF;
	return p;
}

int cb_access_record(struct cb_ws *ws, const char *person, const char *record,
		     const char *what, const char *reason)
{
	const char *name, *email;
	if (cb_ws_author(ws, &name, &email)) {
		/* No identity set (it is needed to save, not to read): the
		 * account that opened the record is still worth logging. */
		struct passwd *pw = getpwuid(getuid());
		name = pw && pw->pw_name ? pw->pw_name : "?";
		email = "";
		cb_err_clear();
	}
	struct cb_access_entry e = { (int64_t)time(NULL), person, record ? record : "*", what,
				     email, name, reason ? reason : "", NULL };
	return cb_access_note(ws->dir, &e);
}
