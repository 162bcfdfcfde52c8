/* theme.c - colours with a monochrome fallback, and glyphs with ASCII
 * fallbacks.
 *
 * Colour is never the only signal: every coloured item also has an
 * attribute (bold, reverse, underline) so the screen reads the same on a
 * monochrome terminal, with NO_COLOR set (https://no-color.org: any
 * non-empty value), or to someone who cannot tell red from green. */
#include "ui.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

struct theme_def {
	short fg, bg;      /* -1: the terminal's default */
	attr_t colour_attr;  /* with colour */
	attr_t mono_attr;    /* without */
};

static const struct theme_def defs[TH__COUNT] = {
	[TH_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[TH_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[TH_STATUS] = { -1, -1, A_NORMAL, A_NORMAL },
	[TH_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[TH_HEADER] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[TH_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[TH_WARN] = { COLOR_RED, -1, A_NORMAL, A_BOLD },
	[TH_OK] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[TH_DIM] = { -1, -1, A_DIM, A_DIM },
	[TH_MATCH] = { COLOR_MAGENTA, -1, A_BOLD, A_UNDERLINE },
	[TH_FIELD] = { -1, -1, A_UNDERLINE, A_UNDERLINE },
	[TH_FIELD_FOCUS] = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
	[TH_LABEL] = { COLOR_CYAN, -1, A_NORMAL, A_BOLD },
};

static int use_colour;
static int utf8;

void theme_init(void)
{
	const char *nc = getenv("NO_COLOR");
	use_colour = has_colors() && !(nc && *nc);
	if (use_colour && start_color() == OK) {
		use_default_colors();
		for (int i = 1; i < TH__COUNT; i++)
			init_pair((short)i, defs[i].fg, defs[i].bg);
	} else {
		use_colour = 0;
	}
	const char *cs = nl_langinfo(CODESET);
	utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

attr_t theme_attr(enum theme_item item)
{
	return use_colour ? defs[item].colour_attr : defs[item].mono_attr;
}

int theme_pair(enum theme_item item)
{
	return use_colour && item != TH_NORMAL ? (int)item : 0;
}

void theme_set(enum theme_item item)
{
	attr_set(theme_attr(item), (short)theme_pair(item), NULL);
}

int theme_utf8(void)
{
	return utf8;
}

static const char *const glyphs[GL__COUNT][2] = {
	[GL_ELLIPSIS] = { "\xe2\x80\xa6", "~" },
	[GL_CHECK] = { "\xe2\x9c\x93", "x" },
	[GL_EMPTY] = { "\xc2\xb7", "." },
	[GL_UP] = { "\xe2\x96\xb2", "^" },
	[GL_DOWN] = { "\xe2\x96\xbc", "v" },
	[GL_NEWLINE] = { "\xe2\x86\xb5", "|" },
	[GL_TAB] = { "\xe2\x86\x92", ">" },
	[GL_WARN] = { "\xe2\x9c\x97", "!" },
	[GL_DASH] = { "\xe2\x80\x94", "-" },
};

const char *glyph(enum glyph g)
{
	return glyphs[g][utf8 ? 0 : 1];
}
