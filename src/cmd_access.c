/* cmd_access.c - casebook access ID | --outside-caseload [--team NAME]:
 * who opened a child's record, when, with what and why. The logging every
 * opening command does is cli_access.c. */
#include "cmd_access.h"
#include "access.h"
#include "cmd_history.h"
#include "err.h"
#include "i18n.h"
#include "revs.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct acc_row {
	int64_t when;
	char *person, *record, *what, *email, *name, *reason;
};

struct acc_list {
	struct acc_row *rows;
	size_t n, cap;
	int failed;
	struct cb_ws *ws;
	int outside;      /* only accesses to children not on the accessor's caseload */
	const char *team; /* only children of this team */
};

struct person_info {
	const char *email;
	int mine;
	char team[128];
};

static int got_person(const struct cb_person_row *r, void *ctx)
{
	struct person_info *pi = ctx;
	pi->mine = (r->worker && strcasecmp(r->worker, pi->email) == 0) ||
		   (r->pa && strcasecmp(r->pa, pi->email) == 0);
	snprintf(pi->team, sizeof pi->team, "%s", r->team ? r->team : "");
	return 0;
}

static int collect(const struct cb_access_entry *e, void *ctx)
{
	struct acc_list *l = ctx;
	if (l->outside || l->team) {
		struct person_info pi = { e->email, 0, "" };
		cb_index_person(&l->ws->index, e->person, got_person, &pi);
		if (l->outside && pi.mine)
			return 0;
		if (l->team && strcasecmp(pi.team, l->team) != 0)
			return 0;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct acc_row *r = realloc(l->rows, cap * sizeof *r);
		if (!r) {
			l->failed = 1;
			return 1;
		}
		l->rows = r;
		l->cap = cap;
	}
	struct acc_row *r = &l->rows[l->n++];
	*r = (struct acc_row){ e->when, strdup(e->person), strdup(e->record), strdup(e->what),
			       strdup(e->email), strdup(e->name), strdup(e->reason) };
	if (!r->person || !r->record || !r->what || !r->email || !r->name || !r->reason)
		l->failed = 1;
	return 0;
}

static int by_time(const void *a, const void *b)
{
	const struct acc_row *x = a, *y = b;
	if (x->when != y->when)
		return x->when < y->when ? -1 : 1;
	int c = strcmp(x->person, y->person);
	return c ? c : strcmp(x->email, y->email);
}

int cmd_access(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "outside-caseload", no_argument, NULL, 'o' },
		{ "team", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook access ID [--format=tsv] | casebook access "
			      "--outside-caseload [--team NAME] [--format=tsv]");
	struct acc_list l = { 0 };
	int tsv = 0, o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'o')
			l.outside = 1;
		else if (o == 't')
			l.team = optarg;
		else if (o == 'f') {
			if (hcli_format(optarg, &tsv, usage))
				return EXIT_USAGE;
		} else
			return cli_usage(usage);
	}
	if (l.outside ? optind != argc : optind != argc - 1)
		return cli_usage(usage);
	if (l.team && !l.outside)
		return cli_usage(usage);
	if (cli_open(c))
		return 1;
	char id[11];
	const char *person = NULL;
	if (!l.outside) {
		const struct cb_record_type *t;
		if (hcli_record_arg(c, argv[optind], id, &t, 1))
			return 1;
		person = id;
	}
	/* Fold what this workspace logged, so the listing and what a sync
	 * pushes agree; a read-only workspace lists its pending lines too. */
	if (!cb_ws_read_only(&c->ws) && cb_access_flush(&c->ws))
		return cli_fail_last();
	l.ws = &c->ws;
	int rc = cb_access_list(&c->ws, person, collect, &l);
	if (rc || l.failed) {
		rc = l.failed ? cli_fail(_("out of memory")) : cli_fail_last();
		goto out;
	}
	if (l.n)
		qsort(l.rows, l.n, sizeof *l.rows, by_time);
	if (tsv)
		printf("time\tperson\trecord\twhat\temail\tname\treason\n");
	for (size_t i = 0; i < l.n; i++) {
		struct acc_row *r = &l.rows[i];
		char when[40];
		cb_time_format(r->when, 0, when, sizeof when);
		if (tsv) {
			const char *cells[] = { when, r->person, r->record, r->what, r->email,
						r->name, r->reason };
			for (size_t k = 0; k < sizeof cells / sizeof *cells; k++) {
				if (k)
					putchar('\t');
				cli_put_tsv(stdout, cells[k]);
			}
			putchar('\n');
			continue;
		}
		printf("%.16s  ", when);
		cli_put(stdout, r->name);
		fputs(" <", stdout);
		cli_put(stdout, r->email);
		printf(">  %s/%s  %s", r->person, r->record, r->what);
		if (*r->reason) {
			fputs(_("  reason: "), stdout);
			cli_put(stdout, r->reason);
		}
		putchar('\n');
	}
	if (!tsv && !l.n)
		printf(_("no access logged\n"));
	rc = hcli_flush();
out:
	for (size_t i = 0; i < l.n; i++) {
		struct acc_row *r = &l.rows[i];
		free(r->person);
		free(r->record);
		free(r->what);
		free(r->email);
		free(r->name);
		free(r->reason);
	}
	free(l.rows);
	return rc;
}
