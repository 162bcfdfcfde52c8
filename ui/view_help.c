/* view_help.c - the ? screen, generated from the binding table (keys.c),
 * so what it lists is what the keys do. */
#include "ui.h"
#include "i18n.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_binding(struct cb_sb *sb, const struct binding *b)
{
	if (!*b->keys)
		return; /* unbound by the user's configuration */
	/* Key names are ASCII, so bytes are columns here. */
	cb_sb_addf(sb, "  %-18s %s\n", b->keys, _(b->help));
}

static int overridden(enum keymap map, enum request req)
{
	for (size_t i = 0; i < keys_nbindings; i++)
		if (keys_bindings[i].map == map && keys_bindings[i].req == req)
			return 1;
	return 0;
}

struct view *view_help_open(struct tui *t, enum keymap map)
{
	struct cb_sb sb = CB_SB_INIT;
	int own = 0;
	for (size_t i = 0; i < keys_nbindings; i++)
		own |= keys_bindings[i].map == map;
	if (map != KM_GENERIC && own) {
		cb_sb_addf(&sb, "## %s\n", keymap_title(map));
		for (size_t i = 0; i < keys_nbindings; i++)
			if (keys_bindings[i].map == map)
				add_binding(&sb, &keys_bindings[i]);
		cb_sb_adds(&sb, "\n");
	}
	if (map == KM_FORM) {
		cb_sb_adds(&sb, _("Type into text and date fields; Left, Right, Home, End,\n"
				  "Backspace and Del edit them. In choice fields a letter picks\n"
				  "the next choice starting with it. Drafts are kept every few\n"
				  "seconds, so nothing typed is lost if the laptop dies.\n"));
	} else if (map == KM_EDITOR) {
		cb_sb_adds(&sb, _("Arrows, Home, End, PgUp and PgDn move; Enter starts a new line.\n"));
	} else {
		cb_sb_addf(&sb, "## %s\n", keymap_title(KM_GENERIC));
		for (size_t i = 0; i < keys_nbindings; i++)
			if (keys_bindings[i].map == KM_GENERIC &&
			    !(map != KM_GENERIC && overridden(map, keys_bindings[i].req)))
				add_binding(&sb, &keys_bindings[i]);
	}
	char title[160];
	snprintf(title, sizeof title, _("Keys: %s"), keymap_title(map));
	struct view *v = cb_sb_failed(&sb) ? NULL : view_pager_open_help(t, title, sb.buf);
	cb_sb_free(&sb);
	return v;
}
