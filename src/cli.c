/* cli.c - helpers shared by the subcommands; see cli.h. */
#include "cli.h"
#include "choice.h"
#include "date.h"
#include "err.h"
#include "i18n.h"
#include "id.h"
#include "record.h"
#include "validate.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_fail(const char *fmt, ...)
{
	/* Messages quote what they refuse (an argument, a value), so they go
	 * through the same escaping as repository text: a message can never
	 * drive the terminal. */
	char small[512], *buf = small;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof small && (buf = malloc((size_t)n + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	fputs("casebook: ", stderr);
	cli_put(stderr, n < 0 ? fmt : buf ? buf : small);
	fputc('\n', stderr);
	if (buf != small)
		free(buf);
	return 1;
}

int cli_fail_last(void)
{
	return cli_fail("%s", cb_err_msg());
}

int cli_usage(const char *usage)
{
	fprintf(stderr, _("usage: %s\n"), usage);
	return EXIT_USAGE;
}

int cli_open(struct cli *c)
{
	if (c->open)
		return 0;
	if (cb_ws_open(&c->ws, c->dir))
		return cli_fail_last();
	c->open = 1;
	return 0;
}

int cli_open_index(struct cli *c)
{
	if (c->open)
		return 0;
	if (cb_ws_open_for_index_reads(&c->ws, c->dir))
		return cli_fail_last();
	c->open = 1;
	return 0;
}

void cli_close(struct cli *c)
{
	if (c->open && c->ws.warning[0])
		fprintf(stderr, _("casebook: warning: %s\n"), c->ws.warning);
	if (c->open)
		cb_ws_close(&c->ws);
	c->open = 0;
}

int cli_person(struct cli *c, const char *arg, char id[11])
{
	if (cli_open(c))
		return 1;
	if (cb_index_resolve(&c->ws.index, arg, id))
		return cli_fail_last();
	return 0;
}

int cli_record_arg(struct cli *c, const char *arg, char id[11],
		   const struct cb_record_type **t, int allow_bare)
{
	const char *slash = strchr(arg, '/');
	*t = NULL;
	char who[32];
	if (!slash) {
		if (!allow_bare)
			return cli_fail(_("\"%s\": expected ID/RECORD, e.g. 7QK2M9/chronology"), arg);
		if (strlen(arg) >= sizeof who)
			return cli_fail(_("\"%s\" is not a person id"), arg);
		return cli_person(c, arg, id);
	}
	size_t n = (size_t)(slash - arg);
	if (n == 0 || n >= sizeof who)
		return cli_fail(_("\"%s\": expected ID/RECORD"), arg);
	memcpy(who, arg, n);
	who[n] = '\0';
	*t = cb_record_type_find(slash + 1);
	if (!*t) {
		cli_fail(_("\"%s\": unknown record; one of:"), slash + 1);
		for (size_t i = 0; cb_record_types[i]; i++)
			fprintf(stderr, "  %s\n", cb_record_types[i]->name);
		return 1;
	}
	return cli_person(c, who, id);
}

static void put(FILE *f, const char *s, int tsv)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		unsigned c = *p;
		if (tsv && (c == '\t' || c == '\n' || c == '\\')) {
			fputs(c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\\\", f);
			p++;
			continue;
		}
		if (c == '\t' || c == '\n' || (c >= 0x20 && c < 0x7f)) {
			fputc((int)c, f);
			p++;
			continue;
		}
		if (c < 0x80) { /* C0 or DEL */
			fprintf(f, "\\x%02x", c);
			p++;
			continue;
		}
		/* Multi-byte: copy a well-formed sequence unless it is a C1
		 * control (U+0080..U+009F, which some terminals obey). */
		size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
		size_t k = 1;
		while (len && k < len && (p[k] & 0xc0) == 0x80)
			k++;
		if (!len || k != len || (c == 0xc2 && p[1] < 0xa0)) {
			fprintf(f, "\\x%02x", c);
			p++;
			continue;
		}
		fwrite(p, 1, len, f);
		p += len;
	}
}

void cli_put(FILE *f, const char *s)
{
	put(f, s, 0);
}

void cli_put_tsv(FILE *f, const char *s)
{
	put(f, s, 1);
}

int cli_autofill(struct cb_ws *ws, struct cb_doc *doc, const struct cb_record_type *t)
{
	const char *name = NULL, *email = NULL;
	for (size_t i = 1; i < doc->nstanzas; i++) {
		struct cb_stanza *s = &doc->stanzas[i];
		if (!cb_stanza_get(s, "Id") || !*cb_stanza_get(s, "Id")) {
			char id[CB_ID_LEN + 1];
			if (cb_id_new(id) || cb_stanza_set(s, "Id", id))
				return cli_fail_last();
		}
		if (strcmp(t->name, "chronology") != 0)
			continue;
		if (!cb_stanza_get(s, "Recorded-By")) {
			if (!name && cb_ws_author(ws, &name, &email))
				return cli_fail_last();
			char who[512];
			snprintf(who, sizeof who, "%s <%s>", name, email);
			if (cb_stanza_set(s, "Recorded-By", who))
				return cli_fail_last();
		}
		if (!cb_stanza_get(s, "Entered")) {
			struct cb_date today;
			char buf[11];
			cb_date_today(&today);
			cb_date_format(&today, buf);
			if (cb_stanza_set(s, "Entered", buf))
				return cli_fail_last();
		}
	}
	cb_record_canonicalise(doc, t);
	return 0;
}

int cli_check(const struct cb_doc *doc, const struct cb_record_type *t,
	      const char *person_id)
{
	struct cb_problems p = { 0 };
	int rc = cb_validate(doc, t, person_id, &p);
	if (rc == 0) {
		cb_problems_free(&p);
		return 0;
	}
	char *text = cb_problems_format(&p, doc);
	fprintf(stderr, _("casebook: the %s record is not valid:\n"), t->name);
	cli_put(stderr, text ? text : cb_err_msg());
	if (text && *text && text[strlen(text) - 1] != '\n')
		fputc('\n', stderr);
	free(text);
	cb_problems_free(&p);
	return 1;
}

static int grab_name(const struct cb_person_row *r, void *ctx)
{
	*(char **)ctx = strdup(r->name);
	return 0;
}

char *cli_person_name(struct cli *c, const char *id)
{
	char *name = NULL;
	if (cb_index_person(&c->ws.index, id, grab_name, &name) || !name)
		return strdup(id);
	return name;
}

int cli_update(struct cli *c, const char *id, const struct cb_record_type *t,
	       cli_mutate_fn mutate, void *ctx, const char *summary, int *made)
{
	*made = 0;
	for (int attempt = 0; attempt < 5; attempt++) {
		git_oid tip;
		struct cb_doc doc;
		int exists = 0;
		cb_ws_tip(&c->ws, &tip);
		if (cb_ws_read(&c->ws, git_oid_is_zero(&tip) ? NULL : &tip, id, t,
			       &doc, &exists))
			return cli_fail_last();
		int rc = mutate(c, &doc, exists, ctx);
		/* Controlled values typed loosely ("Health", "sig") are stored
		 * canonical; what matches nothing is left for cli_check. */
		if (!rc && cb_choice_canonicalise(&doc, t))
			rc = cli_fail(_("out of memory"));
		if (!rc)
			rc = cli_autofill(&c->ws, &doc, t);
		if (!rc)
			rc = cli_check(&doc, t, id);
		if (rc) {
			cb_doc_free(&doc);
			return rc;
		}
		struct cb_save sv = { id, t, &doc };
		rc = cb_ws_save(&c->ws, &sv, 1, summary, &tip, 0, NULL, made);
		cb_doc_free(&doc);
		if (rc == CB_ECONFLICT)
			continue;
		return rc ? cli_fail_last() : 0;
	}
	return cli_fail(_("another save kept landing first; nothing was saved, try again"));
}
