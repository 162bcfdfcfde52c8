/* userconf.c - the user's configuration file given meaning: key bindings
 * ([bind "SCREEN"] action = keys) and colours ([color] item = ...). The
 * syntax is read by src/userconf.c; see doc/config.md for the format.
 * Anything not understood is refused with the file and line, and the
 * workbench does not start: a guess would leave keys doing what the user
 * did not ask for. */
#include "ui.h"
#include "caseload.h"
#include "i18n.h"
#include "userconf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bad(char *err, size_t size, const struct cb_conf *c,
	       const struct cb_conf_entry *e, const char *why)
{
	snprintf(err, size, "%s:%zu: %s", c->path, e->line, why);
	return -1;
}

static int apply_bind(const struct cb_conf *c, const struct cb_conf_entry *e,
		      char *err, size_t size)
{
	char why[512];
	int map = e->sub ? keys_keymap_by_name(e->sub) : -1;
	if (map < 0) {
		snprintf(why, sizeof why,
			 _("unknown screen \"%.40s\" in [bind]; use [bind \"global\"] or a screen: caseload, person, chronology, genogram, plan, plans, alerts, menu, form, ..."),
			 e->sub ? e->sub : "");
		return bad(err, size, c, e, why);
	}
	enum request req = keys_request_by_name(e->key);
	if (req == REQ_NONE) {
		snprintf(why, sizeof why, _("unknown action \"%.40s\" (see doc/config.md for the list)"),
			 e->key);
		return bad(err, size, c, e, why);
	}
	if (!*e->value)
		return bad(err, size, c, e, _("no key given; write none to unbind"));
	const char *name;
	size_t len;
	int rc = keys_bind((enum keymap)map, req, e->value, &name, &len);
	if (rc == -1) {
		snprintf(why, sizeof why,
			 _("\"%.*s\" is not a key name (a character, ^X, F1 to F24, Enter, Tab, Esc, Space, BTab, Up, Down, Left, Right, PgUp, PgDn, Home, End, Backspace, Del)"),
			 (int)(len > 40 ? 40 : len), name);
		return bad(err, size, c, e, why);
	}
	if (rc)
		return bad(err, size, c, e, _("out of memory"));
	return 0;
}

/* Worst alert first: what is overdue is the first thing a practitioner
 * sees, before an inspector does. */
static int caseload_sort = CB_COL_DUE, caseload_reverse;

void ui_config_caseload_sort(int *col, int *reverse)
{
	*col = caseload_sort;
	*reverse = caseload_reverse;
}

/* [caseload] sort = COLUMN, reverse = BOOL: the order it opens in. */
static int apply_caseload(const struct cb_conf *c, const struct cb_conf_entry *e,
			  int *sort, int *reverse, char *err, size_t size)
{
	char why[512];
	if (e->sub)
		return bad(err, size, c, e, _("[caseload] takes no subsection"));
	if (strcmp(e->key, "sort") == 0) {
		enum cb_cl_col col = cb_caseload_col_by_name(e->value);
		if (col == CB_COL_N) {
			snprintf(why, sizeof why,
				 _("unknown column \"%.40s\" for sort (name, age, status, alert, flags)"),
				 e->value);
			return bad(err, size, c, e, why);
		}
		*sort = (int)col;
		return 0;
	}
	if (strcmp(e->key, "reverse") == 0) {
		if (strcmp(e->value, "true") == 0 || strcmp(e->value, "yes") == 0 ||
		    strcmp(e->value, "on") == 0 || strcmp(e->value, "1") == 0)
			*reverse = 1;
		else if (strcmp(e->value, "false") == 0 || strcmp(e->value, "no") == 0 ||
			 strcmp(e->value, "off") == 0 || strcmp(e->value, "0") == 0)
			*reverse = 0;
		else
			return bad(err, size, c, e, _("reverse is true or false"));
		return 0;
	}
	snprintf(why, sizeof why, _("unknown setting \"%.40s\" in [caseload] (sort, reverse)"),
		 e->key);
	return bad(err, size, c, e, why);
}

int ui_config_apply(const struct cb_conf *c, char *err, size_t size)
{
	int sort = CB_COL_DUE, reverse = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct cb_conf_entry *e = &c->v[i];
		char why[512];
		if (strcmp(e->section, "bind") == 0) {
			if (apply_bind(c, e, err, size))
				return -1;
		} else if (strcmp(e->section, "color") == 0 || strcmp(e->section, "colour") == 0) {
			int item = e->sub ? -1 : theme_item_by_name(e->key);
			if (item < 0) {
				snprintf(why, sizeof why,
					 _("unknown colour item \"%.40s\" (title, status, selected, header, error, warn, ok, dim, match, field, field-focus, label, normal)"),
					 e->key);
				return bad(err, size, c, e, why);
			}
			if (theme_configure((enum theme_item)item, e->value, why, sizeof why))
				return bad(err, size, c, e, why);
		} else if (strcmp(e->section, "caseload") == 0) {
			if (apply_caseload(c, e, &sort, &reverse, err, size))
				return -1;
		} else {
			snprintf(why, sizeof why, _("unknown section [%.40s]; casebook knows [bind \"SCREEN\"], [color] and [caseload]"),
				 e->section);
			return bad(err, size, c, e, why);
		}
	}
	caseload_sort = sort;
	caseload_reverse = reverse;
	return 0;
}

int ui_config_load(char *err, size_t size)
{
	char *path = cb_conf_default_path();
	if (!path)
		return 0;
	struct cb_conf c;
	int rc = cb_conf_load(&c, path, err, size);
	free(path);
	if (rc)
		return -1;
	rc = ui_config_apply(&c, err, size);
	cb_conf_free(&c);
	return rc;
}
