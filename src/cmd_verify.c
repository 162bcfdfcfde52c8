/* cmd_verify.c - casebook verify [--format=tsv]: the auditor's check of
 * the whole history (see verify.h). A readable report and exit 1 on any
 * problem; one summary line and exit 0 when clean. */
#include "cli.h"
#include "cmd_history.h"
#include "err.h"
#include "i18n.h"
#include "verify.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct author {
	char *name, *email;
	char first[GIT_OID_HEXSZ + 1];
	size_t commits;
};

struct vout {
	int tsv;
	struct author *a;
	size_t na, cap;
};

static void put_indented(const char *s)
{
	/* Multi-line findings (every validation problem) indented under their
	 * heading. */
	char *copy = strdup(s ? s : "");
	char *save = NULL;
	int first = 1;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!first)
			fputs("\n        ", stdout);
		cli_put(stdout, line);
		first = 0;
	}
	free(copy);
}

static int note_author(struct vout *vo, const struct cb_vfinding *f)
{
	for (size_t i = 0; i < vo->na; i++) {
		if (strcasecmp(vo->a[i].email, f->author_email) == 0) {
			vo->a[i].commits++;
			return 0;
		}
	}
	if (vo->na == vo->cap) {
		size_t cap = vo->cap ? vo->cap * 2 : 8;
		struct author *v = realloc(vo->a, cap * sizeof *v);
		if (!v)
			return cb_err(CB_ENOMEM, _("out of memory"));
		vo->a = v;
		vo->cap = cap;
	}
	struct author *a = &vo->a[vo->na++];
	a->name = strdup(f->author_name ? f->author_name : "");
	a->email = strdup(f->author_email ? f->author_email : "");
	snprintf(a->first, sizeof a->first, "%s", f->commit ? f->commit : "");
	a->commits = 1;
	return a->name && a->email ? 0 : cb_err(CB_ENOMEM, _("out of memory"));
}

static int finding(const struct cb_vfinding *f, void *ctx)
{
	struct vout *vo = ctx;
	if (vo->tsv) {
		const char *cells[] = { f->problem ? "problem" : "note", cb_vkind_name(f->kind),
					f->commit, f->path, f->author_email, f->msg };
		for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
			if (i)
				putchar('\t');
			cli_put_tsv(stdout, cells[i] ? cells[i] : "");
		}
		putchar('\n');
		return 0;
	}
	/* Grouped at the end: one line per unknown author, a count of
	 * unverified signatures. */
	if (f->kind == CB_V_AUTHOR)
		return note_author(vo, f);
	if (!f->problem && f->kind == CB_V_SIGNATURE)
		return 0;
	fputs(f->problem ? _("PROBLEM ") : _("note    "), stdout);
	fputs(cb_vkind_name(f->kind), stdout);
	fputs(": ", stdout);
	if (f->commit) {
		printf(_("commit %.10s by "), f->commit);
		cli_put(stdout, f->author_name);
		fputs(" <", stdout);
		cli_put(stdout, f->author_email);
		fputs(">: ", stdout);
	}
	if (f->path) {
		cli_put(stdout, f->path);
		fputs(": ", stdout);
	}
	put_indented(f->msg);
	putchar('\n');
	return 0;
}

int cmd_verify(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook verify [--format=tsv]");
	struct vout vo = { 0 };
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o != 'f')
			return cli_usage(usage);
		if (hcli_format(optarg, &vo.tsv, usage))
			return EXIT_USAGE;
	}
	if (optind != argc)
		return cli_usage(usage);
	if (cli_open(c))
		return 1;
	if (vo.tsv)
		puts("severity\tkind\tcommit\tpath\tauthor_email\tmessage");
	struct cb_vstats st;
	int rc = cb_verify(&c->ws, finding, &vo, &st);
	for (size_t i = 0; !rc && i < vo.na; i++) {
		printf(ngettext("PROBLEM author: %zu commit by ", "PROBLEM author: %zu commits by ",
				vo.a[i].commits), vo.a[i].commits);
		cli_put(stdout, vo.a[i].name);
		fputs(" <", stdout);
		cli_put(stdout, vo.a[i].email);
		printf(_(">, not a known practitioner (first: commit %.10s). Known practitioners "
			 "are the Worker and Personal-Adviser emails of the people records, and "
			 "git config casebook.practitioners.\n"), vo.a[i].first);
	}
	for (size_t i = 0; i < vo.na; i++) {
		free(vo.a[i].name);
		free(vo.a[i].email);
	}
	free(vo.a);
	if (rc)
		return cli_fail_last();
	if (!vo.tsv) {
		char p[64], cm[64], vs[64];
		snprintf(p, sizeof p, ngettext("%zu problem", "%zu problems", st.problems),
			 st.problems);
		snprintf(cm, sizeof cm, ngettext("%zu commit", "%zu commits", st.commits), st.commits);
		snprintf(vs, sizeof vs, ngettext("%zu record version", "%zu record versions",
						 st.versions), st.versions);
		if (st.problems)
			/* TRANSLATORS: "5 problems in 8 commits, 12 record versions checked" */
			printf(_("verify: %s in %s, %s checked"), p, cm, vs);
		else
			printf(_("verify: ok: %s, %s checked, no problems"), cm, vs);
		if (st.signed_good)
			printf(ngettext("; %zu signed and verified", "; %zu signed and verified",
					st.signed_good), st.signed_good);
		if (st.signed_unverified)
			printf(ngettext("; %zu signed, not verified (no allowed signers)",
					"; %zu signed, not verified (no allowed signers)",
					st.signed_unverified), st.signed_unverified);
		putchar('\n');
	}
	if (hcli_flush())
		return 1;
	return st.problems ? 1 : 0;
}
