/* cmd_review.c - casebook review [--team NAME] [--since-mark|--all]
 * [--format=tsv] and casebook review done [--to REV]: a team manager reads
 * what changed in the team's records since their last review, person by
 * person, as record diffs, then moves their review mark (see review.h). */
#include "cli.h"
#include "cmd_history.h"
#include "err.h"
#include "i18n.h"
#include "recdiff_text.h"
#include "review.h"
#include "revs.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

struct show_ctx {
	int tsv, colour;
	char last[11];
	size_t items;
};

static int show_item(const struct cb_review_item *it, void *ctx)
{
	struct show_ctx *sc = ctx;
	sc->items++;
	if (sc->tsv) {
		if (it->diff)
			cb_recdiff_print_tsv(stdout, it->diff, it->person);
		else
			fprintf(stderr, _("casebook: %s/%s: %s\n"), it->person, it->type->name,
				it->problem);
		return 0;
	}
	if (strcmp(sc->last, it->person) != 0) {
		snprintf(sc->last, sizeof sc->last, "%s", it->person);
		fputs("\n== ", stdout);
		cli_put(stdout, it->name);
		printf(" (%s)\n", it->person);
	}
	if (!it->diff) {
		printf("@ %s/%s: ", it->person, it->type->name);
		cli_put(stdout, it->problem);
		putchar('\n');
		return 0;
	}
	cb_recdiff_print(stdout, it->diff, it->person, NULL, sc->colour);
	if (it->saves) {
		char when[32];
		cb_time_format_local(it->last_time, when, sizeof when);
		printf(ngettext("  (%zu save by ", "  (%zu saves by ", it->saves), it->saves);
		cli_put(stdout, it->authors);
		printf(_("; latest %s)\n"), when);
	}
	return 0;
}

static int team_of(struct cli *c, const char *opt, char **team)
{
	if (opt) {
		*team = strdup(opt);
		return *team ? 0 : cli_fail(_("out of memory"));
	}
	if (cb_ws_config_get(&c->ws, "casebook.team", team) == 0 && *team && **team)
		return 0;
	free(*team);
	*team = NULL;
	return cli_fail(_("which team? Give --team NAME, or set it once with: "
			  "git -C WS/repo.git config casebook.team \"NAME\""));
}

static int review_done(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook review done [--to REV]");
	const char *to = NULL;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o != 't')
			return cli_usage(usage);
		to = optarg;
	}
	if (optind != argc)
		return cli_usage(usage);
	if (cli_open(c))
		return 1;
	const char *name, *email;
	if (cb_ws_author(&c->ws, &name, &email))
		return cli_fail_last();
	git_oid target, old;
	if (to ? cb_rev_resolve(c->ws.store.repo, to, &target)
	       : cb_store_head(&c->ws.store, &target))
		return to ? cli_fail_last() : cli_fail(_("nothing has been saved yet"));
	/* Only commits of main's history: a mark anywhere else would make
	 * the next review compare against something no one saved here. */
	git_oid tip;
	if (cb_store_head(&c->ws.store, &tip) == 0 && !git_oid_equal(&tip, &target) &&
	    git_graph_descendant_of(c->ws.store.repo, &tip, &target) != 1)
		return cli_fail(_("%s is not part of main's history"), to ? to : "?");
	int had = cb_review_mark(c->ws.store.repo, email, &old);
	if (had < 0 && had != CB_ENOTFOUND)
		return cli_fail_last();
	if (cb_review_set_mark(&c->ws, email, &target, had == 0 ? &old : NULL))
		return cli_fail_last();
	char ref[512];
	cb_review_ref(email, ref, sizeof ref);
	printf(_("review mark %s moved to %.10s"), ref, git_oid_tostr_s(&target));
	if (had == 0)
		printf(_(" (was %.10s)"), git_oid_tostr_s(&old));
	putchar('\n');
	return hcli_flush();
}

int cmd_review(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "done") == 0)
		return review_done(c, argc - 1, argv + 1);
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "team", required_argument, NULL, 't' },
		{ "since-mark", no_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook review [--team NAME] [--since-mark|--all] [--format=tsv]\n"
			      "       casebook review done [--to REV]");
	struct show_ctx sc = { 0 };
	const char *team_opt = NULL;
	int all = 0, o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'f':
			if (hcli_format(optarg, &sc.tsv, usage))
				return EXIT_USAGE;
			break;
		case 't': team_opt = optarg; break;
		case 's': all = 0; break;
		case 'a': all = 1; break;
		default: return cli_usage(usage);
		}
	}
	if (optind != argc)
		return cli_usage(usage);
	if (cli_open(c))
		return 1;
	char *team = NULL;
	if (team_of(c, team_opt, &team))
		return 1;
	const char *name, *email;
	git_oid tip, mark;
	int rc = 1;
	if (cb_ws_author(&c->ws, &name, &email)) {
		cli_fail_last();
		goto out;
	}
	if (cb_store_head(&c->ws.store, &tip) != 0) {
		rc = cli_fail(_("nothing has been saved yet"));
		goto out;
	}
	int has_mark = !all && cb_review_mark(c->ws.store.repo, email, &mark) == 0;
	sc.colour = !sc.tsv && cb_rd_want_colour(stdout);
	if (sc.tsv) {
		cb_recdiff_tsv_header(stdout);
	} else {
		fputs(_("Review by "), stdout);
		cli_put(stdout, name);
		fputs(" <", stdout);
		cli_put(stdout, email);
		fputs(_(">, team "), stdout);
		cli_put(stdout, team);
		if (has_mark)
			printf(_(": changes from %.10s"), git_oid_tostr_s(&mark));
		else
			printf(all ? _(": every change") : _(": no earlier review, so every change"));
		printf(_(" up to %.10s\n"), git_oid_tostr_s(&tip));
	}
	size_t people = 0;
	if (cb_review_changes(&c->ws, team, has_mark ? &mark : NULL, &tip, show_item, &sc,
			      &people)) {
		cli_fail_last();
		goto out;
	}
	if (!sc.tsv) {
		if (!sc.items)
			printf(_("\nNothing to review.\n"));
		else
			printf(ngettext("\n%zu person with changes. When you have read them: "
					"casebook review done --to %.10s\n",
					"\n%zu people with changes. When you have read them: "
					"casebook review done --to %.10s\n", people),
			       people, git_oid_tostr_s(&tip));
	}
	rc = hcli_flush();
out:
	free(team);
	return rc;
}
