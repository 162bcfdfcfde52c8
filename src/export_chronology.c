/* export_chronology.c - the merged chronology for court, as CSV, Markdown
 * or groff source and PDF; see export_chronology.h and doc/exports.md. */
#include "export_chronology.h"
#include "export_escape.h"
#include "export_read.h"
#include "export_tool.h"

#include "date.h"
#include "deb822.h"
#include "err.h"
#include "i18n.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const sig_levels[] = { "low", "medium", "high", NULL };

static int sig_rank(const char *s)
{
	for (int i = 0; s && sig_levels[i]; i++)
		if (strcmp(s, sig_levels[i]) == 0)
			return i;
	return -1;
}

int cb_chron_format_parse(const char *s, enum cb_chron_format *out)
{
	if (strcmp(s, "court") == 0)
		*out = CB_CHRON_COURT;
	else if (strcmp(s, "csv") == 0)
		*out = CB_CHRON_CSV;
	else if (strcmp(s, "md") == 0)
		*out = CB_CHRON_MD;
	else
		return cb_err(CB_EINVALID, _("--format \"%s\": expected court, csv or md"), s);
	return 0;
}

/* One line of the chronology, its text already cleaned (export_read.h). */
struct row {
	char key[11];       /* the date's start, "2024-00-00" for a year */
	const char *date;   /* as recorded: YYYY, YYYY-MM or YYYY-MM-DD */
	int approx;         /* estimated, or only a month or year known */
	size_t who;         /* index into the people */
	const char *id;
	const char *event, *source, *sig, *impact;
};

struct person {
	char id[11];
	char *name, *dob;   /* cleaned */
	struct cb_doc chron;
	int has_chron;
};

struct chron {
	struct person *people;
	size_t npeople;
	struct row *rows;
	size_t nrows;
	char **owned;       /* cleaned strings, freed at the end */
	size_t nowned, capowned;
};

static const char *keep(struct chron *ch, char *s)
{
	if (!s)
		return NULL;
	if (ch->nowned == ch->capowned) {
		size_t cap = ch->capowned ? ch->capowned * 2 : 64;
		char **v = realloc(ch->owned, cap * sizeof *v);
		if (!v) {
			free(s);
			return NULL;
		}
		ch->owned = v;
		ch->capowned = cap;
	}
	ch->owned[ch->nowned++] = s;
	return s;
}

static const char *clean(struct chron *ch, const char *s)
{
	return keep(ch, cb_export_clean(s));
}

static void chron_free(struct chron *ch)
{
	for (size_t i = 0; i < ch->npeople; i++) {
		free(ch->people[i].name);
		free(ch->people[i].dob);
		if (ch->people[i].has_chron)
			cb_doc_free(&ch->people[i].chron);
	}
	free(ch->people);
	for (size_t i = 0; i < ch->nowned; i++)
		free(ch->owned[i]);
	free(ch->owned);
	free(ch->rows);
}

/* The start and end of a fuzzy date's period as sortable strings. */
static void period(const char *date, char start[11], char end[11])
{
	struct cb_date d = { 0 };
	cb_fuzzy_date_parse(date, &d);
	snprintf(start, 11, "%04d-%02d-%02d", d.y, d.m, d.d);
	snprintf(end, 11, "%04d-%02d-%02d", d.y, d.m ? d.m : 12, d.d ? d.d : 31);
}

static int row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	if (x->who != y->who)
		return x->who < y->who ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int load_person(struct cb_ws *ws, struct chron *ch, const char *id,
		       const struct cb_chron_export *o)
{
	struct person *p = &ch->people[ch->npeople];
	memset(p, 0, sizeof *p);
	snprintf(p->id, sizeof p->id, "%s", id);
	struct cb_doc pd;
	int exists = 0;
	int rc = cb_export_read(ws, id, "person", &pd, &exists);
	if (rc)
		return rc;
	p->name = cb_export_clean(exists ? cb_stanza_get(&pd.stanzas[0], "Name") : id);
	p->dob = cb_export_clean(exists ? cb_stanza_get(&pd.stanzas[0], "Date-Of-Birth") : "");
	cb_doc_free(&pd);
	ch->npeople++;
	if (!p->name || !p->dob)
		return cb_err(CB_ENOMEM, _("out of memory"));
	rc = cb_export_read(ws, id, "chronology", &p->chron, &exists);
	if (rc)
		return rc;
	p->has_chron = 1;
	int min = o->significance ? sig_rank(o->significance) : 0;
	for (size_t i = 1; i < p->chron.nstanzas; i++) {
		const struct cb_stanza *s = &p->chron.stanzas[i];
		const char *date = cb_stanza_get(s, "Date");
		const char *sig = cb_stanza_get(s, "Significance");
		if (!date || sig_rank(sig) < min)
			continue;
		char start[11], end[11];
		period(date, start, end);
		if ((o->from && strcmp(end, o->from) < 0) || (o->to && strcmp(start, o->to) > 0))
			continue;
		struct row *r = realloc(ch->rows, (ch->nrows + 1) * sizeof *r);
		if (!r)
			return cb_err(CB_ENOMEM, _("out of memory"));
		ch->rows = r;
		r = &ch->rows[ch->nrows++];
		memset(r, 0, sizeof *r);
		memcpy(r->key, start, sizeof r->key);
		const char *ap = cb_stanza_get(s, "Date-Approximate");
		r->approx = (ap && strcmp(ap, "yes") == 0) || strlen(date) < 10;
		r->who = ch->npeople - 1;
		r->date = clean(ch, date);
		r->id = clean(ch, cb_stanza_get(s, "Id"));
		r->event = clean(ch, cb_stanza_get(s, "Event"));
		r->source = clean(ch, cb_stanza_get(s, "Source"));
		r->sig = clean(ch, sig);
		r->impact = clean(ch, cb_stanza_get(s, "Impact"));
		if (!r->date || !r->id || !r->event || !r->source || !r->sig || !r->impact)
			return cb_err(CB_ENOMEM, _("out of memory"));
	}
	return 0;
}

static int load(struct cb_ws *ws, const char *person_id,
		const struct cb_chron_export *o, const struct cb_export_ctx *x,
		struct chron *ch)
{
	memset(ch, 0, sizeof *ch);
	size_t n = 1 + o->nwith;
	ch->people = calloc(n, sizeof *ch->people);
	if (!ch->people)
		return cb_err(CB_ENOMEM, _("out of memory"));
	for (size_t i = 0; i < n; i++) {
		const char *id = i == 0 ? person_id : o->with[i - 1];
		for (size_t j = 0; j < ch->npeople; j++)
			if (strcmp(ch->people[j].id, id) == 0)
				return cb_err(CB_EINVALID, _("%s is named twice"), id);
		cb_export_progress(x, i, n + 1, _("Reading the records"));
		int rc = load_person(ws, ch, id, o);
		if (rc)
			return rc;
	}
	qsort(ch->rows, ch->nrows, sizeof *ch->rows, row_cmp);
	return 0;
}

/* "2024-03 (approx.)" or the date as it is. */
static void date_text(struct cb_sb *sb, const struct row *r)
{
	if (r->approx)
		cb_sb_addf(sb, _("%s (approx.)"), r->date);
	else
		cb_sb_adds(sb, r->date);
}

/* Which entries the export holds, when not all: "Entries from
 * 2026-01-01 to 2026-03-31. Only entries of high significance." */
static void scope_text(struct cb_sb *sb, const struct cb_chron_export *o)
{
	if (o->from && o->to)
		cb_sb_addf(sb, _("Entries from %s to %s."), o->from, o->to);
	else if (o->from)
		cb_sb_addf(sb, _("Entries from %s on."), o->from);
	else if (o->to)
		cb_sb_addf(sb, _("Entries up to %s."), o->to);
	if (o->significance) {
		if (o->from || o->to)
			cb_sb_addc(sb, ' ');
		if (strcmp(o->significance, "high") == 0)
			cb_sb_adds(sb, _("Only entries of high significance."));
		else if (strcmp(o->significance, "medium") == 0)
			cb_sb_adds(sb, _("Only entries of medium or high significance."));
		else
			cb_sb_adds(sb, _("Entries of every significance."));
	}
}

/* ---- CSV (RFC 4180) ---- */

static void render_csv(const struct chron *ch, struct cb_sb *sb)
{
	int many = ch->npeople > 1;
	const char *head[] = { N_("Date"), N_("Date approximate"), N_("Child"), N_("Event"),
			       N_("Source"), N_("Significance"), N_("What it meant for the child") };
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) {
		if (i == 2 && !many)
			continue;
		if (i)
			cb_sb_addc(sb, ',');
		cb_escape_csv(sb, _(head[i]));
	}
	cb_sb_adds(sb, "\r\n");
	for (size_t i = 0; i < ch->nrows; i++) {
		const struct row *r = &ch->rows[i];
		cb_escape_csv(sb, r->date);
		cb_sb_addc(sb, ',');
		cb_escape_csv(sb, r->approx ? "yes" : "no");
		if (many) {
			cb_sb_addc(sb, ',');
			cb_escape_csv(sb, ch->people[r->who].name);
		}
		const char *cells[] = { r->event, r->source, r->sig, r->impact };
		for (size_t k = 0; k < 4; k++) {
			cb_sb_addc(sb, ',');
			cb_escape_csv(sb, cells[k]);
		}
		cb_sb_adds(sb, "\r\n");
	}
}

/* ---- Markdown ---- */

static void md_header(const struct chron *ch, const struct cb_chron_export *o,
		      const char *on, const char *by, struct cb_sb *sb)
{
	const struct person *p = &ch->people[0];
	cb_sb_adds(sb, "# ");
	cb_escape_md(sb, _("Chronology"));
	cb_sb_adds(sb, ": ");
	cb_escape_md(sb, p->name);
	cb_sb_adds(sb, "\n\n");
	for (size_t i = 0; i < ch->npeople; i++) {
		cb_sb_adds(sb, "- ");
		cb_escape_md(sb, ch->people[i].name);
		cb_sb_adds(sb, ", ");
		cb_escape_md(sb, _("date of birth"));
		cb_sb_adds(sb, " ");
		cb_escape_md(sb, ch->people[i].dob);
		cb_sb_adds(sb, "\n");
	}
	cb_sb_adds(sb, "- ");
	struct cb_sb line = CB_SB_INIT;
	cb_sb_addf(&line, _("Produced by %s on %s"), by, on);
	cb_escape_md(sb, line.buf ? line.buf : "");
	cb_sb_free(&line);
	cb_sb_adds(sb, "\n");
	if (o->from || o->to || o->significance) {
		cb_sb_adds(sb, "- ");
		scope_text(&line, o);
		cb_escape_md(sb, line.buf ? line.buf : "");
		cb_sb_free(&line);
		cb_sb_adds(sb, "\n");
	}
	cb_sb_adds(sb, "\n");
}

static void md_cell(struct cb_sb *sb, const char *s)
{
	cb_sb_adds(sb, " ");
	cb_escape_md_cell(sb, s);
	cb_sb_adds(sb, " |");
}

static void render_md(const struct chron *ch, const struct cb_chron_export *o,
		      const char *on, const char *by, struct cb_sb *sb)
{
	int many = ch->npeople > 1;
	md_header(ch, o, on, by, sb);
	cb_sb_adds(sb, "|");
	md_cell(sb, _("Date"));
	if (many)
		md_cell(sb, _("Child"));
	md_cell(sb, _("Event"));
	md_cell(sb, _("Source"));
	md_cell(sb, _("Significance"));
	md_cell(sb, _("What it meant for the child"));
	cb_sb_adds(sb, many ? "\n| --- | --- | --- | --- | --- | --- |\n"
			    : "\n| --- | --- | --- | --- | --- |\n");
	struct cb_sb d = CB_SB_INIT;
	for (size_t i = 0; i < ch->nrows; i++) {
		const struct row *r = &ch->rows[i];
		cb_sb_reset(&d);
		date_text(&d, r);
		cb_sb_adds(sb, "|");
		md_cell(sb, d.buf ? d.buf : "");
		if (many)
			md_cell(sb, ch->people[r->who].name);
		md_cell(sb, r->event);
		md_cell(sb, r->source);
		md_cell(sb, r->sig);
		md_cell(sb, r->impact);
		cb_sb_adds(sb, "\n");
	}
	cb_sb_free(&d);
	cb_sb_addf(sb, "\n");
	struct cb_sb end = CB_SB_INIT;
	cb_sb_addf(&end, ngettext("End of chronology: %zu entry.", "End of chronology: %zu entries.",
				  ch->nrows), ch->nrows);
	cb_escape_md(sb, end.buf ? end.buf : "");
	cb_sb_free(&end);
	cb_sb_adds(sb, "\n");
}

/* ---- groff -ms with tbl ---- */

static void roff_text_block(struct cb_sb *sb, const char *s)
{
	cb_sb_adds(sb, "T{\n");
	cb_escape_roff_lines(sb, s);
	cb_sb_adds(sb, "T}");
}

static void roff_ds(struct cb_sb *sb, const char *name, const char *value)
{
	cb_sb_addf(sb, ".ds %s \"", name);
	cb_escape_roff_line(sb, value);
	cb_sb_adds(sb, "\n");
}

static void render_roff(const struct chron *ch, const struct cb_chron_export *o,
			const char *on, const char *by, int pages, struct cb_sb *sb)
{
	const struct person *p = &ch->people[0];
	int many = ch->npeople > 1;
	struct cb_sb t = CB_SB_INIT;
	cb_sb_adds(sb, ".\\\" A chronology written by casebook: correct the record, not this file.\n"
		       ".\\\" groff -k -Kutf-8 -ms -t -Tpdf -P-pa4 FILE.ms > FILE.pdf\n");
	/* A4, with room for the header and footer; % is not the page
	 * number character (.pc), so a name with % in it prints as it is. */
	cb_sb_adds(sb, ".pl 29.7c\n.nr PO 1.8c\n.nr LL 17.4c\n.nr HM 2c\n.nr FM 2c\n"
		       ".nr PS 9\n.nr VS 11\n.pc\n.nr HY 0\n.nh\n");
	cb_sb_addf(sb, ".ds casebook-pages %d\n", pages);
	cb_sb_addf(&t, _("Chronology: %s"), p->name);
	roff_ds(sb, "LH", t.buf ? t.buf : "");
	cb_sb_free(&t);
	cb_sb_adds(sb, ".ds CH\n");
	cb_sb_addf(&t, _("Date of birth: %s"), p->dob);
	roff_ds(sb, "RH", t.buf ? t.buf : "");
	cb_sb_free(&t);
	cb_sb_addf(&t, _("Produced by %s on %s"), by, on);
	roff_ds(sb, "LF", t.buf ? t.buf : "");
	cb_sb_free(&t);
	cb_sb_adds(sb, ".ds CF\n");
	/* "Page \n% of \*[casebook-pages]", read when the footer is printed. */
	cb_sb_adds(sb, ".ds RF \"");
	/* TRANSLATORS: the count is the number of pages (the second %s). */
	unsigned long npages = pages > 0 ? (unsigned long)pages : 0;
	cb_sb_addf(sb, ngettext("Page %s of %s", "Page %s of %s", npages),
		   "\\\\n%", "\\\\*[casebook-pages]");
	cb_sb_adds(sb, "\n");
	/* ms prints no header on page 1: the title block says the same. */
	cb_sb_adds(sb, ".TL\n");
	cb_sb_addf(&t, _("Chronology: %s"), p->name);
	cb_escape_roff_lines(sb, t.buf ? t.buf : "");
	cb_sb_free(&t);
	cb_sb_adds(sb, ".LP\n");
	for (size_t i = 0; i < ch->npeople; i++) {
		cb_sb_addf(&t, _("%s, date of birth %s"), ch->people[i].name, ch->people[i].dob);
		cb_escape_roff_lines(sb, t.buf ? t.buf : "");
		cb_sb_free(&t);
		cb_sb_adds(sb, ".br\n");
	}
	cb_sb_addf(&t, _("Produced by %s on %s"), by, on);
	cb_escape_roff_lines(sb, t.buf ? t.buf : "");
	cb_sb_free(&t);
	if (o->from || o->to || o->significance) {
		cb_sb_adds(sb, ".br\n");
		scope_text(&t, o);
		cb_escape_roff_lines(sb, t.buf ? t.buf : "");
		cb_sb_free(&t);
	}
	/* The table: a header row repeated on every page (.TS H / .TH). */
	cb_sb_adds(sb, ".sp\n.na\n.TS H\nallbox tab(\t);\n");
	cb_sb_adds(sb, many ? "lb lb lb lb lb lb\nlw(2.1c) lw(1.9c) lw(3.9c) lw(1.9c) lw(2c) lw(3c).\n"
			    : "lb lb lb lb lb\nlw(2.2c) lw(5c) lw(2.2c) lw(2c) lw(3.6c).\n");
	const char *head[] = { N_("Date"), N_("Child"), N_("Event"), N_("Source"),
			       N_("Significance"), N_("What it meant for the child") };
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) {
		if (i == 1 && !many)
			continue;
		if (i)
			cb_sb_addc(sb, '\t');
		roff_text_block(sb, _(head[i]));
	}
	cb_sb_adds(sb, "\n.TH\n");
	for (size_t i = 0; i < ch->nrows; i++) {
		const struct row *r = &ch->rows[i];
		date_text(&t, r);
		roff_text_block(sb, t.buf ? t.buf : "");
		cb_sb_free(&t);
		if (many) {
			cb_sb_addc(sb, '\t');
			roff_text_block(sb, ch->people[r->who].name);
		}
		const char *cells[] = { r->event, r->source, r->sig, r->impact };
		for (size_t k = 0; k < 4; k++) {
			cb_sb_addc(sb, '\t');
			roff_text_block(sb, cells[k]);
		}
		cb_sb_adds(sb, "\n");
	}
	cb_sb_adds(sb, ".TE\n.LP\n");
	cb_sb_addf(&t, ngettext("End of chronology: %zu entry.", "End of chronology: %zu entries.",
				ch->nrows), ch->nrows);
	cb_escape_roff_lines(sb, t.buf ? t.buf : "");
	cb_sb_free(&t);
	/* The first of groff's two runs asks for the page count. */
	cb_sb_adds(sb, ".if \\n[casebook-count] .tm casebook-pages \\n%\n");
}

int cb_chronology_render(struct cb_ws *ws, const char *person_id,
			 const struct cb_chron_export *o,
			 const struct cb_export_ctx *x, int pages,
			 char **text, size_t *len)
{
	*text = NULL;
	char on[11];
	int rc = cb_export_produced_on(x, on);
	if (rc)
		return rc;
	char *by_raw = cb_export_produced_by(ws, x);
	if (!by_raw)
		return CB_EINVALID;
	char *by = cb_export_clean(by_raw);
	free(by_raw);
	if (!by)
		return CB_ENOMEM;
	struct chron ch;
	rc = load(ws, person_id, o, x, &ch);
	if (rc) {
		chron_free(&ch);
		free(by);
		return rc;
	}
	cb_export_progress(x, o->nwith + 1, o->nwith + 2, _("Writing the chronology"));
	struct cb_sb sb = CB_SB_INIT;
	cb_sb_add(&sb, "", 0);
	switch (o->format) {
	case CB_CHRON_CSV: render_csv(&ch, &sb); break;
	case CB_CHRON_MD: render_md(&ch, o, on, by, &sb); break;
	case CB_CHRON_COURT: render_roff(&ch, o, on, by, pages, &sb); break;
	}
	chron_free(&ch);
	free(by);
	if (cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	if (len)
		*len = sb.len;
	*text = cb_sb_take(&sb);
	return 0;
}

char *cb_chron_source_path(const char *pdf_path)
{
	size_t n = strlen(pdf_path);
	if (n > 4 && strcmp(pdf_path + n - 4, ".pdf") == 0)
		n -= 4;
	char *s = malloc(n + 4);
	if (!s) {
		cb_err(CB_ENOMEM, _("out of memory"));
		return NULL;
	}
	memcpy(s, pdf_path, n);
	memcpy(s + n, ".ms", 4);
	return s;
}

/* groff's two runs: the first (-Z, output thrown away) counts the pages
 * for "page n of m", the second writes the PDF. SOURCE_DATE_EPOCH makes
 * gropdf's CreationDate the production date, so the bytes repeat. */
static int court(struct cb_ws *ws, const char *person_id,
		 const struct cb_chron_export *o, const char *path,
		 const struct cb_export_ctx *x)
{
	char on[11];
	int rc = cb_export_produced_on(x, on);
	if (rc)
		return rc;
	struct cb_date d;
	cb_date_parse(on, &d);
	long long epoch = (long long)cb_date_to_days(&d) * 86400;
	char *src = cb_chron_source_path(path);
	if (!src)
		return CB_ENOMEM;
	size_t n = strlen(path);
	char *tmp_pdf = malloc(n + 8);
	if (!tmp_pdf) {
		free(src);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	snprintf(tmp_pdf, n + 8, "%s.tmp%s", path, "pdf");
	char *text = NULL, *said = NULL;
	size_t len = 0;
	int pages = 0;
	const char *count[] = { "groff", "-k", "-Kutf-8", "-ms", "-t", "-Z",
				"-rcasebook-count=1", NULL };
	const char *pdf[] = { "groff", "-k", "-Kutf-8", "-ms", "-t", "-Tpdf", "-P-pa4", NULL };
	rc = cb_chronology_render(ws, person_id, o, x, 0, &text, &len);
	if (!rc)
		rc = cb_export_write_file(src, text, len);
	free(text);
	text = NULL;
	if (!rc) {
		cb_export_progress(x, 1, 3, _("Counting the pages"));
		rc = cb_export_run_tool(count, src, "/dev/null", epoch, &said);
	}
	if (!rc) {
		const char *m = said ? strstr(said, "casebook-pages ") : NULL;
		pages = m ? atoi(m + strlen("casebook-pages ")) : 0;
		if (pages <= 0)
			rc = cb_err(CB_ERROR, _("groff did not say how many pages the chronology has"));
	}
	free(said);
	said = NULL;
	if (!rc)
		rc = cb_chronology_render(ws, person_id, o, x, pages, &text, &len);
	if (!rc)
		rc = cb_export_write_file(src, text, len);
	free(text);
	if (!rc) {
		cb_export_progress(x, 2, 3, _("Writing the PDF"));
		rc = cb_export_run_tool(pdf, src, tmp_pdf, epoch, &said);
		free(said);
	}
	if (!rc && rename(tmp_pdf, path) != 0)
		rc = cb_err(CB_ERROR, _("cannot write %s"), path);
	if (rc) {
		unlink(tmp_pdf);
		unlink(src);
	} else {
		cb_export_progress(x, 3, 3, NULL);
	}
	free(tmp_pdf);
	free(src);
	return rc;
}

int cb_export_chronology(struct cb_ws *ws, const char *person_id,
			 const struct cb_chron_export *o, const char *path,
			 const struct cb_export_ctx *x)
{
	if (o->format == CB_CHRON_COURT)
		return court(ws, person_id, o, path, x);
	char *text = NULL;
	size_t len = 0;
	int rc = cb_chronology_render(ws, person_id, o, x, 0, &text, &len);
	if (!rc)
		rc = cb_export_write_file(path, text, len);
	free(text);
	if (!rc)
		cb_export_progress(x, 1, 1, NULL);
	return rc;
}
