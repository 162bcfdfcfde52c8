/* cmd_diff.c - casebook diff REV1 REV2 [ID[/RECORD]] [--format=tsv]: what
 * changed between two points, record by record, in the records' terms.
 *
 * Two revisions: the two trees are compared (cost follows the change,
 * not the history). A date instead of a revision needs an ID: each
 * record's version in force then comes from the index's history rows. */
#include "cli.h"
#include "asat.h"
#include "changes.h"
#include "cmd_access.h"
#include "cmd_history.h"
#include "err.h"
#include "i18n.h"
#include "recdiff_text.h"
#include "store.h"
#include "version.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

struct diff_ctx {
	struct cli *c;
	int tsv, colour;
	int damaged;   /* a version did not parse: reported, exit 1 */
	size_t shown;
};

static int show(struct diff_ctx *dc, const char *person, const struct cb_record_type *t,
		const git_oid *a, const git_oid *b)
{
	struct cb_recdiff d;
	if (cb_version_diff(dc->c->ws.store.repo, t, a, b, &d)) {
		fprintf(stderr, _("casebook: %s/%s: %s\n"), person, t->name, cb_err_msg());
		dc->damaged = 1;
		return 0;
	}
	if (d.change != CB_RD_SAME) {
		if (dc->tsv) {
			cb_recdiff_print_tsv(stdout, &d, person);
		} else {
			char *name = cli_person_name(dc->c, person);
			if (dc->shown)
				putchar('\n');
			cb_recdiff_print(stdout, &d, person, name, dc->colour);
			free(name);
		}
		dc->shown++;
	}
	cb_recdiff_free(&d);
	return 0;
}

static int on_change(const struct cb_change *ch, void *ctx)
{
	struct diff_ctx *dc = ctx;
	const struct cb_record_type *t = cb_record_type_find(ch->record);
	if (!t) {
		fprintf(stderr, _("casebook: %s: not a record type this casebook knows; skipped\n"),
			ch->path);
		return 0;
	}
	return show(dc, ch->person, t, ch->has_old ? &ch->old_blob : NULL,
		    ch->has_new ? &ch->new_blob : NULL);
}

struct moment {
	int is_time;
	int64_t when;
	git_oid rev;
};

/* The blob of a record at a moment; 0 with *has = 0 when absent. */
static int blob_at(struct cli *c, const struct moment *m, const char *person,
		   const struct cb_record_type *t, git_oid *blob, int *has)
{
	*has = 0;
	if (m->is_time) {
		struct cb_asat a;
		if (cb_asat_find(&c->ws.index, person, t, m->when, &a))
			return 1;
		if (a.found && !a.deleted && git_oid_fromstr(blob, a.blob) == 0)
			*has = 1;
		return 0;
	}
	char path[128];
	if (cb_record_path(path, sizeof path, person, t->name))
		return 1;
	int rc = cb_version_blob(c->ws.store.repo, &m->rev, path, blob);
	if (rc && rc != CB_ENOTFOUND)
		return 1;
	*has = rc == 0;
	return 0;
}

static int diff_by_record(struct diff_ctx *dc, const struct moment *m1,
			  const struct moment *m2, const char *person,
			  const struct cb_record_type *only)
{
	for (size_t i = 0; cb_record_types[i]; i++) {
		const struct cb_record_type *t = cb_record_types[i];
		if (only && t != only)
			continue;
		git_oid a, b;
		int ha, hb;
		if (blob_at(dc->c, m1, person, t, &a, &ha) || blob_at(dc->c, m2, person, t, &b, &hb))
			return cli_fail_last();
		if (ha == hb && (!ha || git_oid_equal(&a, &b)))
			continue;
		show(dc, person, t, ha ? &a : NULL, hb ? &b : NULL);
	}
	return 0;
}

int cmd_diff(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook diff REV1 REV2 [ID[/RECORD]] [--format=tsv] [--reason TEXT]\n"
			      "       (REV: a commit, or with an ID also YYYY-MM-DD[THH:MM[:SS]])");
	struct diff_ctx dc = { .c = c };
	const char *reason = NULL;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'r') {
			reason = optarg;
			continue;
		}
		if (o != 'f')
			return cli_usage(usage);
		if (hcli_format(optarg, &dc.tsv, usage))
			return EXIT_USAGE;
	}
	int nargs = argc - optind;
	if (nargs < 2 || nargs > 3)
		return cli_usage(usage);
	char id[11];
	const struct cb_record_type *t = NULL;
	if (nargs == 3 && (hcli_record_arg(c, argv[optind + 2], id, &t, 1) ||
			   cli_access(c, id, t ? t->name : NULL, "diff", reason)))
		return 1;
	struct moment m1, m2;
	if (hcli_moment(c, argv[optind], &m1.is_time, &m1.when, &m1.rev) ||
	    hcli_moment(c, argv[optind + 1], &m2.is_time, &m2.when, &m2.rev))
		return 1;
	if ((m1.is_time || m2.is_time) && nargs != 3)
		return cli_fail(_("a date needs an ID to diff (dates are looked up per record); "
				  "use commits to diff the whole workspace"));
	dc.colour = !dc.tsv && cb_rd_want_colour(stdout);
	if (dc.tsv)
		cb_recdiff_tsv_header(stdout);
	int rc;
	if (m1.is_time || m2.is_time)
		rc = diff_by_record(&dc, &m1, &m2, id, t);
	else if ((rc = cb_changes(c->ws.store.repo, &m1.rev, &m2.rev, nargs == 3 ? id : NULL,
				  t ? t->name : NULL, on_change, &dc)))
		rc = cli_fail_last();
	if (rc || hcli_flush())
		return 1;
	return dc.damaged;
}
