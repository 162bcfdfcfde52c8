/* export_escape.c - escaping for CSV, Markdown and groff; see
 * export_escape.h. */
#include "export_escape.h"
#include "strbuf.h"

#include <string.h>

void cb_escape_csv(struct cb_sb *sb, const char *s)
{
	size_t n = strlen(s);
	/* A cell a spreadsheet would run as a formula (=, +, -, @) starts
	 * with an apostrophe, which spreadsheets show as text. */
	int formula = n > 0 && strchr("=+-@", s[0]) != NULL;
	int quote = formula || (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
	for (const char *p = s; *p && !quote; p++)
		quote = *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
	if (!quote) {
		cb_sb_adds(sb, s);
		return;
	}
	cb_sb_addc(sb, '"');
	if (formula)
		cb_sb_addc(sb, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			cb_sb_adds(sb, "\"\"");
		else if (*p == '\n')
			cb_sb_adds(sb, "\r\n");
		else if (*p != '\r')
			cb_sb_addc(sb, *p);
	}
	cb_sb_addc(sb, '"');
}

/* Characters that are markup anywhere in a CommonMark line. */
static int md_inline(char c)
{
	return c && strchr("\\`*_[]<>~&", c) != NULL;
}

/* Escapes one line of s (up to end); cell: also '|'. */
static void md_line(struct cb_sb *sb, const char *s, const char *end, int cell)
{
	/* Leading blanks would make an indented code block. */
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s < end && strchr("#+-=", *s))
		cb_sb_addc(sb, '\\');
	/* "1." or "1)" at the start is an ordered list. */
	const char *d = s;
	while (d < end && *d >= '0' && *d <= '9')
		d++;
	for (const char *p = s; p < end; p++) {
		if (p == d && d > s && (*p == '.' || *p == ')'))
			cb_sb_addc(sb, '\\');
		if (md_inline(*p) || (cell && *p == '|'))
			cb_sb_addc(sb, '\\');
		cb_sb_addc(sb, *p);
	}
}

static void md_text(struct cb_sb *sb, const char *s, int cell)
{
	for (;;) {
		const char *nl = strchr(s, '\n');
		const char *end = nl ? nl : s + strlen(s);
		md_line(sb, s, end, cell);
		if (!nl)
			break;
		/* A hard line break keeps the record's own lines. */
		cb_sb_adds(sb, cell ? "<br>" : "\\\n");
		s = nl + 1;
	}
}

void cb_escape_md(struct cb_sb *sb, const char *s)
{
	md_text(sb, s, 0);
}

void cb_escape_md_cell(struct cb_sb *sb, const char *s)
{
	md_text(sb, s, 1);
}

static void roff_chars(struct cb_sb *sb, const char *s, const char *end)
{
	for (const char *p = s; p < end; p++) {
		if (*p == '\\')
			cb_sb_adds(sb, "\\[rs]");
		else if (*p == '\'')
			cb_sb_adds(sb, "\\[aq]");
		else if (*p == '\n')
			cb_sb_addc(sb, ' ');
		else
			cb_sb_addc(sb, *p);
	}
}

void cb_escape_roff_lines(struct cb_sb *sb, const char *s)
{
	for (;;) {
		const char *nl = strchr(s, '\n');
		const char *end = nl ? nl : s + strlen(s);
		cb_sb_adds(sb, "\\&");
		roff_chars(sb, s, end);
		cb_sb_addc(sb, '\n');
		if (!nl)
			break;
		cb_sb_adds(sb, ".br\n");
		s = nl + 1;
	}
}

void cb_escape_roff_line(struct cb_sb *sb, const char *s)
{
	cb_sb_adds(sb, "\\&");
	roff_chars(sb, s, s + strlen(s));
}
