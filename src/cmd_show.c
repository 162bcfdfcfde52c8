/* cmd_show.c - casebook show ID/RECORD: the canonical record text; with
 * --at DATE|REV, the record (or, for a bare ID, every record of the
 * person) as it stood then. */
#include "cli.h"
#include "asat.h"
#include "cmd_access.h"
#include "cmd_history.h"
#include "err.h"
#include "i18n.h"
#include "record.h"
#include "revs.h"
#include "version.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static int print_doc(const struct cb_doc *doc, const struct cb_record_type *t)
{
	char *text = cb_record_serialise(doc, t, NULL);
	if (!text)
		return cli_fail(_("out of memory"));
	/* Parsed text holds no control characters, but it came from the
	 * repository: print it through the same escaping as everything else. */
	cli_put(stdout, text);
	free(text);
	return 0;
}

static int show_now(struct cli *c, const char *id, const struct cb_record_type *t)
{
	struct cb_doc doc;
	int exists = 0;
	if (cb_ws_read(&c->ws, NULL, id, t, &doc, &exists))
		return cli_fail_last();
	if (!exists) {
		cb_doc_free(&doc);
		return cli_fail(_("%s has no %s record yet (casebook edit %s/%s starts one)"),
				id, t->name, id, t->name);
	}
	int rc = print_doc(&doc, t);
	cb_doc_free(&doc);
	return rc;
}

/* A comment line (the record format ignores '#' lines) saying which
 * version this is, so the output stays a valid record. */
static void provenance(const char *id, const struct cb_record_type *t, const char *at,
		       const struct cb_asat *a)
{
	char when[40];
	cb_time_format(a->time, a->tz, when, sizeof when);
	printf(_("# %s/%s as at %s: saved %s by "), id, t->name, at, when);
	cli_put(stdout, a->author_name);
	fputs(" <", stdout);
	cli_put(stdout, a->author_email);
	printf(_(">, commit %.10s\n"), a->commit);
}

struct person_ctx {
	struct cli *c;
	const char *id, *at;
	size_t n;
};

static int show_one_asat(const struct cb_asat *a, void *ctx)
{
	struct person_ctx *pc = ctx;
	git_oid blob;
	struct cb_doc doc;
	struct cb_parse_error perr;
	if (pc->n++)
		putchar('\n');
	provenance(pc->id, a->type, pc->at, a);
	if (git_oid_fromstr(&blob, a->blob) < 0 ||
	    cb_version_parse(pc->c->ws.store.repo, &blob, a->type, &doc, &perr)) {
		printf(_("# (this version does not parse)\n"));
		return 0;
	}
	int rc = print_doc(&doc, a->type);
	cb_doc_free(&doc);
	return rc;
}

static int show_at_time(struct cli *c, const char *id, const struct cb_record_type *t,
			int64_t when)
{
	char at[32];
	cb_time_format_local(when, at, sizeof at);
	if (!t) {
		struct person_ctx pc = { c, id, at, 0 };
		int rc = cb_asat_person(&c->ws.index, id, when, show_one_asat, &pc);
		return rc < 0 ? cli_fail_last() : rc;
	}
	struct cb_doc doc;
	struct cb_asat a;
	if (cb_asat_read(&c->ws, id, t, when, &doc, &a))
		return cli_fail_last();
	provenance(id, t, at, &a);
	int rc = print_doc(&doc, t);
	cb_doc_free(&doc);
	return rc;
}

static int show_at_rev(struct cli *c, const char *id, const struct cb_record_type *t,
		       const git_oid *rev)
{
	size_t shown = 0;
	for (size_t i = 0; cb_record_types[i]; i++) {
		const struct cb_record_type *rt = cb_record_types[i];
		if (t && rt != t)
			continue;
		struct cb_doc doc;
		int exists = 0;
		if (cb_ws_read(&c->ws, rev, id, rt, &doc, &exists))
			return cli_fail_last();
		if (exists) {
			if (shown++)
				putchar('\n');
			printf(_("# %s/%s at commit %.10s\n"), id, rt->name, git_oid_tostr_s(rev));
			if (print_doc(&doc, rt)) {
				cb_doc_free(&doc);
				return 1;
			}
		}
		cb_doc_free(&doc);
	}
	if (!shown)
		return t ? cli_fail(_("%s had no %s record at commit %.10s"), id, t->name,
				    git_oid_tostr_s(rev))
			 : cli_fail(_("%s had no records at commit %.10s"), id, git_oid_tostr_s(rev));
	return 0;
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook show ID/RECORD | casebook show ID[/RECORD] --at DATE|REV [--reason TEXT]");
	const char *at = NULL, *reason = NULL;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'a')
			at = optarg;
		else if (o == 'r')
			reason = optarg;
		else
			return cli_usage(usage);
	}
	if (optind != argc - 1)
		return cli_usage(usage);
	char id[11];
	const struct cb_record_type *t;
	if (!at) {
		if (cli_record_arg(c, argv[optind], id, &t, 0) ||
		    cli_access(c, id, t->name, "show", reason))
			return 1;
		return show_now(c, id, t) || hcli_flush();
	}
	/* As at a moment: the whole person when no record is named. */
	if (hcli_record_arg(c, argv[optind], id, &t, 1) ||
	    cli_access(c, id, t ? t->name : NULL, "show", reason))
		return 1;
	int is_time;
	int64_t when;
	git_oid rev;
	if (hcli_moment(c, at, &is_time, &when, &rev))
		return 1;
	int rc = is_time ? show_at_time(c, id, t, when) : show_at_rev(c, id, t, &rev);
	return rc || hcli_flush();
}
