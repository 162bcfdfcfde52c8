/* recdiff_text.c - plain-text and TSV output of a record diff; see
 * recdiff_text.h. */
#include "recdiff_text.h"
#include "cli.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RED "\033[31m"
#define GREEN "\033[32m"
#define BOLD "\033[1m"
#define RESET "\033[m"

/* Continuation lines of a value line up under the first. */
#define VALUE_INDENT "        "

int cb_rd_want_colour(FILE *f)
{
	return isatty(fileno(f)) && !getenv("NO_COLOR");
}

/* Writes len bytes of repository text, escaped, indenting each new line. */
static void put_span(FILE *f, const char *p, size_t len)
{
	while (len > 0) {
		const char *nl = memchr(p, '\n', len);
		size_t n = nl ? (size_t)(nl - p) : len;
		char *line = strndup(p, n);
		cli_put(f, line ? line : "?");
		free(line);
		if (!nl)
			break;
		fputs("\n" VALUE_INDENT, f);
		p += n + 1;
		len -= n + 1;
	}
}

static void put_text(FILE *f, const char *s)
{
	put_span(f, s, s ? strlen(s) : 0);
}

static void marked(FILE *f, int del, const char *p, size_t len, int colour)
{
	if (colour)
		fputs(del ? RED : GREEN, f);
	fputs(del ? "[-" : "{+", f);
	put_span(f, p, len);
	fputs(del ? "-]" : "+}", f);
	if (colour)
		fputs(RESET, f);
}

static void print_field(FILE *f, const struct cb_rd_stanza *st,
			const struct cb_rd_field *fd, int colour)
{
	fputs("      ", f);
	cli_put(f, fd->name);
	fputs(": ", f);
	if (st->change != CB_RD_CHANGED) {
		/* The whole stanza came or went: its marker says so. */
		put_text(f, fd->new_value ? fd->new_value : fd->old_value);
	} else if (fd->change == CB_RD_CHANGED && fd->words.n) {
		for (size_t i = 0; i < fd->words.n; i++) {
			const struct cb_wd_run *r = &fd->words.runs[i];
			if (r->kind == CB_WD_SAME)
				put_span(f, r->text, r->len);
			else
				marked(f, r->kind == CB_WD_DELETED, r->text, r->len, colour);
		}
	} else {
		if (fd->old_value)
			marked(f, 1, fd->old_value, strlen(fd->old_value), colour);
		if (fd->new_value)
			marked(f, 0, fd->new_value, strlen(fd->new_value), colour);
	}
	fputc('\n', f);
}

/* A new or deleted record's header repeats what the "@" line says (its
 * type and person): those fields are left out of the text. */
static int says_nothing(const struct cb_rd_stanza *st, const struct cb_rd_field *fd)
{
	static const char *const said[] = { "Record", "Schema", "Person", "Id", NULL };
	if (st->change == CB_RD_CHANGED || (st->old_index != 0 && st->new_index != 0))
		return 0;
	for (size_t i = 0; said[i]; i++)
		if (strcmp(fd->name, said[i]) == 0)
			return 1;
	return 0;
}

void cb_recdiff_print(FILE *f, const struct cb_recdiff *d, const char *person,
		      const char *name, int colour)
{
	const char *what = d->change == CB_RD_ADDED ? _("new record")
			 : d->change == CB_RD_REMOVED ? _("record deleted")
			 : d->change == CB_RD_CHANGED ? _("changed") : _("no change");
	if (colour)
		fputs(BOLD, f);
	fprintf(f, "@ %s/%s", person, d->type->name);
	if (name) {
		fputs(" (", f);
		cli_put(f, name);
		fputc(')', f);
	}
	fprintf(f, ": %s", what);
	if (colour)
		fputs(RESET, f);
	fputc('\n', f);
	for (size_t i = 0; i < d->nstanzas; i++) {
		const struct cb_rd_stanza *st = &d->stanzas[i];
		size_t worth = 0;
		for (size_t k = 0; k < st->nfields; k++)
			worth += !says_nothing(st, &st->fields[k]);
		if (!worth)
			continue;
		const char *mark = st->change == CB_RD_ADDED ? "+"
				 : st->change == CB_RD_REMOVED ? "-" : "~";
		if (colour && st->change != CB_RD_CHANGED)
			fputs(st->change == CB_RD_ADDED ? GREEN : RED, f);
		fprintf(f, "  %s ", mark);
		cli_put(f, st->label);
		if (st->id) {
			fputs(" [", f);
			cli_put(f, st->id);
			fputc(']', f);
		}
		if (st->change == CB_RD_ADDED)
			fprintf(f, " (%s)", _("added"));
		else if (st->change == CB_RD_REMOVED)
			fprintf(f, " (%s)", _("removed"));
		if (colour && st->change != CB_RD_CHANGED)
			fputs(RESET, f);
		fputc('\n', f);
		for (size_t k = 0; k < st->nfields; k++)
			if (!says_nothing(st, &st->fields[k]))
				print_field(f, st, &st->fields[k], colour);
	}
}

void cb_recdiff_tsv_header(FILE *f)
{
	fputs("person\trecord\tstanza\tfield\tchange\told\tnew\n", f);
}

void cb_recdiff_print_tsv(FILE *f, const struct cb_recdiff *d, const char *person)
{
	for (size_t i = 0; i < d->nstanzas; i++) {
		const struct cb_rd_stanza *st = &d->stanzas[i];
		for (size_t k = 0; k < st->nfields; k++) {
			const struct cb_rd_field *fd = &st->fields[k];
			const char *cells[] = { person, d->type->name, st->id ? st->id : "",
						fd->name, cb_rd_change_name(fd->change),
						fd->old_value ? fd->old_value : "",
						fd->new_value ? fd->new_value : "" };
			for (size_t c = 0; c < sizeof cells / sizeof cells[0]; c++) {
				if (c)
					fputc('\t', f);
				cli_put_tsv(f, cells[c]);
			}
			fputc('\n', f);
		}
	}
}
