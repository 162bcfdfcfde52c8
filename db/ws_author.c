/* ws_author.c - who is saving (or opening): CASEBOOK_AUTHOR or the
 * workspace's user, and "Name <email>" parsed; see workspace.h. */
#include "workspace.h"
#include "err.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

int cb_identity_parse(const char *s, char **name, char **email)
{
	*name = *email = NULL;
	const char *lt = s ? strrchr(s, '<') : NULL;
	const char *gt = lt ? strchr(lt, '>') : NULL;
	if (!lt || !gt || gt[1] != '\0' || gt == lt + 1)
		return cb_err(CB_EINVALID, _("\"%s\" is not of the form \"Name <email>\""),
			      s ? s : "");
	const char *end = lt;
	while (end > s && end[-1] == ' ')
		end--;
	if (end == s)
		return cb_err(CB_EINVALID, _("\"%s\": the name is missing"), s);
	const char *at = memchr(lt + 1, '@', (size_t)(gt - lt - 1));
	if (!at || at == lt + 1 || at + 1 == gt)
		return cb_err(CB_EINVALID, _("\"%s\": the email address is not valid"), s);
	for (const char *p = s; p < gt; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return cb_err(CB_EINVALID, _("\"%s\": control characters are not allowed"), s);
	*name = strndup(s, (size_t)(end - s));
	*email = strndup(lt + 1, (size_t)(gt - lt - 1));
	if (!*name || !*email) {
		free(*name);
		free(*email);
		*name = *email = NULL;
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	return 0;
}

int cb_ws_author(struct cb_ws *ws, const char **name, const char **email)
{
	if (!ws->user_name) {
		const char *env = getenv("CASEBOOK_AUTHOR");
		if (env && *env) {
			int rc = cb_identity_parse(env, &ws->user_name, &ws->user_email);
			if (rc)
				return cb_err(rc, _("CASEBOOK_AUTHOR: %s"), cb_err_msg());
		} else {
			cb_ws_config_get(ws, "user.name", &ws->user_name);
			cb_ws_config_get(ws, "user.email", &ws->user_email);
		}
	}
	if (!ws->user_name || !ws->user_email) {
		free(ws->user_name);
		free(ws->user_email);
		ws->user_name = ws->user_email = NULL;
		return cb_err(CB_EINVALID, _("who is saving? Set CASEBOOK_AUTHOR=\"Name <email>\" "
					     "or make the workspace with init --user \"Name <email>\""));
	}
	*name = ws->user_name;
	*email = ws->user_email;
	return 0;
}
