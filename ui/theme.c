/* theme.c - colours with a monochrome fallback, and glyphs with ASCII
 * fallbacks.
 *
 * Colour is never the only signal: every coloured item also has an
 * attribute (bold, reverse, underline) so the screen reads the same on a
 * monochrome terminal, with NO_COLOR set (https://no-color.org: any
 * non-empty value), or to someone who cannot tell red from green. */
#include "ui.h"

#include "i18n.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct theme_def {
	short fg, bg;      /* -1: the terminal's default */
	attr_t colour_attr;  /* with colour */
	attr_t mono_attr;    /* without */
};

static struct theme_def defs[TH__COUNT] = {
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

/* Names for the configuration file's [color] section; a new item needs
 * its name here. */
static const char *const item_names[TH__COUNT] = {
	[TH_NORMAL] = "normal", [TH_TITLE] = "title", [TH_STATUS] = "status",
	[TH_SELECTED] = "selected", [TH_HEADER] = "header", [TH_ERROR] = "error",
	[TH_WARN] = "warn", [TH_OK] = "ok", [TH_DIM] = "dim", [TH_MATCH] = "match",
	[TH_FIELD] = "field", [TH_FIELD_FOCUS] = "field-focus", [TH_LABEL] = "label",
};

static const struct {
	const char *name;
	short colour;
} colour_names[] = {
	{ "default", -1 }, { "black", COLOR_BLACK }, { "red", COLOR_RED },
	{ "green", COLOR_GREEN }, { "yellow", COLOR_YELLOW }, { "blue", COLOR_BLUE },
	{ "magenta", COLOR_MAGENTA }, { "cyan", COLOR_CYAN }, { "white", COLOR_WHITE },
};

static const struct {
	const char *name;
	attr_t attr;
} attr_names[] = {
	{ "normal", A_NORMAL }, { "bold", A_BOLD }, { "dim", A_DIM },
	{ "underline", A_UNDERLINE }, { "reverse", A_REVERSE }, { "blink", A_BLINK },
	{ "standout", A_STANDOUT }, { "italic", A_ITALIC },
};

int theme_item_by_name(const char *name)
{
	for (int i = 0; i < TH__COUNT; i++)
		if (item_names[i] && strcmp(item_names[i], name) == 0)
			return i;
	return -1;
}

int theme_configure(enum theme_item item, const char *value, char *why, size_t size)
{
	short colour[2] = { -1, -1 };
	int ncolours = 0;
	attr_t attr = A_NORMAL;
	const char *p = value;
	int words = 0;
	while (*p) {
		words++;
		size_t len = strcspn(p, " \t");
		int known = 0;
		for (size_t i = 0; !known && i < sizeof colour_names / sizeof colour_names[0]; i++)
			if (strlen(colour_names[i].name) == len &&
			    strncmp(colour_names[i].name, p, len) == 0) {
				if (ncolours == 2) {
					snprintf(why, size, "%s", _("at most two colours: the text's, then the background's"));
					return -1;
				}
				colour[ncolours++] = colour_names[i].colour;
				known = 1;
			}
		for (size_t i = 0; !known && i < sizeof attr_names / sizeof attr_names[0]; i++)
			if (strlen(attr_names[i].name) == len && strncmp(attr_names[i].name, p, len) == 0) {
				attr |= attr_names[i].attr;
				known = 1;
			}
		if (!known && len >= 6 && len <= 8 && strncmp(p, "color", 5) == 0) {
			/* color0 .. color255, for terminals with more colours */
			char *e;
			long n = strtol(p + 5, &e, 10);
			if (e == p + len && n >= 0 && n <= 255 && p[5] != '+' && p[5] != '-') {
				if (ncolours == 2) {
					snprintf(why, size, "%s", _("at most two colours: the text's, then the background's"));
					return -1;
				}
				colour[ncolours++] = (short)n;
				known = 1;
			}
		}
		if (!known) {
			snprintf(why, size, _("\"%.*s\" is not a colour or attribute (colours: default, black, red, green, yellow, blue, magenta, cyan, white, color0 to color255; attributes: normal, bold, dim, underline, reverse, blink, standout, italic)"),
				 (int)(len > 40 ? 40 : len), p);
			return -1;
		}
		p += len;
		while (*p == ' ' || *p == '\t')
			p++;
	}
	if (!words) {
		snprintf(why, size, "%s", _("needs colours or attributes, e.g. bold yellow blue"));
		return -1;
	}
	if (ncolours > 0)
		defs[item].fg = colour[0];
	if (ncolours > 1)
		defs[item].bg = colour[1];
	defs[item].colour_attr = attr;
	if (attr != A_NORMAL)
		defs[item].mono_attr = attr;
	return 0;
}

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
