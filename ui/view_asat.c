/* view_asat.c - a record, or everything recorded about a person, as it
 * stood at a moment (src/asat.c: the version in force then, read from the
 * index's history rows and its blob, no walk of the history). Shown
 * read-only in the pager, titled "as at ..." so nobody takes it for the
 * record as it is now, with which save each record comes from. */
#include "history_ui.h"
#include "asat.h"
#include "err.h"
#include "i18n.h"
#include "record.h"
#include "revs.h"
#include "sanitize.h"
#include "strbuf.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct asat_ask {
	struct tui *t;
	char person[11];
	const struct cb_record_type *type;
};

static void provenance(struct cb_sb *sb, const struct cb_asat *a)
{
	char when[40];
	cb_time_format(a->time, a->tz, when, sizeof when);
	cb_sb_addf(sb, _("(saved %s by %s <%s>, commit %.10s)\n\n"), when, a->author_name,
		   a->author_email, a->commit);
}

static void add_record(struct cb_sb *sb, const struct cb_doc *doc, const struct cb_record_type *t)
{
	char *text = cb_record_serialise(doc, t, NULL);
	if (!text) {
		cb_sb_adds(sb, _("(out of memory)\n"));
		return;
	}
	cb_sb_adds(sb, text);
	free(text);
}

struct person_ctx {
	struct tui *t;
	struct cb_sb sb;
};

static int one_record(const struct cb_asat *a, void *ctx)
{
	struct person_ctx *pc = ctx;
	/* "## " lines are headings in the pager; record text never starts a
	 * line that way (continuation lines start with a space). */
	cb_sb_addf(&pc->sb, "%s## %s\n", pc->sb.len ? "\n" : "", _(a->type->label));
	provenance(&pc->sb, a);
	git_oid blob;
	struct cb_doc doc;
	struct cb_parse_error perr;
	if (git_oid_fromstr(&blob, a->blob) < 0 ||
	    cb_version_parse(pc->t->ws->store.repo, &blob, a->type, &doc, &perr)) {
		cb_sb_adds(&pc->sb, _("(this version does not parse: casebook verify reports it)\n"));
		return 0;
	}
	add_record(&pc->sb, &doc, a->type);
	cb_doc_free(&doc);
	return 0;
}

static void show(struct asat_ask *q, const char *spec)
{
	struct tui *t = q->t;
	int64_t when;
	if (cb_when_parse(spec, 1, &when)) {
		tui_error(t, "%s", _("A date is YYYY-MM-DD, a time YYYY-MM-DDTHH:MM"));
		return;
	}
	char at[32];
	cb_time_format_local(when, at, sizeof at);
	struct person_ctx pc = { t, CB_SB_INIT };
	int rc;
	if (q->type) {
		struct cb_doc doc;
		struct cb_asat a;
		rc = cb_asat_read(t->ws, q->person, q->type, when, &doc, &a);
		if (!rc) {
			provenance(&pc.sb, &a);
			add_record(&pc.sb, &doc, q->type);
			cb_doc_free(&doc);
		}
	} else {
		rc = cb_asat_person(&t->ws->index, q->person, when, one_record, &pc);
	}
	if (rc || cb_sb_failed(&pc.sb)) {
		tui_error(t, "%s", rc ? cb_err_msg() : _("out of memory"));
		cb_sb_free(&pc.sb);
		return;
	}
	char *who = ui_person_title(t, q->person);
	char title[512];
	snprintf(title, sizeof title, _("%s %s %s %s as at %s (read-only)"),
		 q->type ? _(q->type->label) : _("Every record"), glyph(GL_DASH),
		 who ? who : q->person, glyph(GL_DASH), at);
	free(who);
	tui_push(t, view_pager_open_help(t, title, pc.sb.buf ? pc.sb.buf : ""));
	cb_sb_free(&pc.sb);
}

static void asked(void *ctx, const char *text, int accepted)
{
	struct asat_ask *q = ctx;
	if (accepted && *text)
		show(q, text);
	free(q);
}

void ui_asat_prompt(struct tui *t, const char *person, const struct cb_record_type *type)
{
	struct asat_ask *q = calloc(1, sizeof *q);
	if (!q) {
		tui_error(t, "%s", _("out of memory"));
		return;
	}
	q->t = t;
	snprintf(q->person, sizeof q->person, "%s", person);
	q->type = type;
	if (tui_prompt(t, _("As at (YYYY-MM-DD or YYYY-MM-DDTHH:MM): "), NULL, NULL, asked, q))
		free(q);
}
