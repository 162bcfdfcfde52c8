/* cmd_oversight.c - casebook oversight add ID --decision TEXT
 * [--action "WHAT|WHO|YYYY-MM-DD"]... [--reviewed-to REV] [--mark]:
 * records management oversight on a child's record in one commit (see
 * oversight.h); with --mark the manager's review mark moves too. */
#include "cli.h"
#include "stdin_text.h"
#include "cmd_history.h"
#include "err.h"
#include "i18n.h"
#include "oversight.h"
#include "review.h"
#include "revs.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* After the save: the mark goes to the oversight's own commit when the
 * manager reviewed everything up to it (nothing landed in between), so
 * their own oversight is not in their next review; otherwise to what they
 * said they reviewed. */
static int move_mark(struct cli *c, const git_oid *reviewed, const git_oid *parent,
		     const git_oid *commit)
{
	const char *name, *email;
	if (cb_ws_author(&c->ws, &name, &email))
		return cli_fail_last();
	const git_oid *to = !reviewed || git_oid_equal(reviewed, parent) ? commit : reviewed;
	if (cb_review_set_mark(&c->ws, email, to, NULL))
		return cli_fail(_("the oversight was saved (commit %.10s), but the review mark "
				  "did not move: %s"), git_oid_tostr_s(commit), cb_err_msg());
	fprintf(stderr, _("casebook: review mark moved to %.10s\n"), git_oid_tostr_s(to));
	return 0;
}

int cmd_oversight(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "decision", required_argument, NULL, 'd' },
		{ "action", required_argument, NULL, 'a' },
		{ "reviewed-to", required_argument, NULL, 'r' },
		{ "mark", no_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook oversight add ID --decision TEXT "
			      "[--action \"WHAT|WHO|YYYY-MM-DD\"]... [--reviewed-to REV] [--mark]");
	if (argc < 2 || strcmp(argv[1], "add") != 0)
		return cli_usage(usage);
	argc--;
	argv++;
	const char *decision = NULL, *reviewed_to = NULL;
	int mark = 0, o, rc = 1;
	size_t n = 0;
	struct cb_oversight_action *acts = calloc((size_t)argc + 1, sizeof *acts);
	char **owned = calloc((size_t)argc * 3 + 1, sizeof *owned);
	size_t nowned = 0;
	if (!acts || !owned) {
		free(acts);
		free(owned);
		return cli_fail(_("out of memory"));
	}
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': decision = optarg; break;
		case 'r': reviewed_to = optarg; break;
		case 'm': mark = 1; break;
		case 'a': {
			char *w, *who, *by;
			if (cb_oversight_action_parse(optarg, &w, &who, &by)) {
				cli_fail_last();
				goto out;
			}
			owned[nowned++] = w;
			owned[nowned++] = who;
			owned[nowned++] = by;
			acts[n].action = w;
			acts[n].who = who;
			acts[n].by_when = by;
			n++;
			break;
		}
		default:
			rc = cli_usage(usage);
			goto out;
		}
	}
	if (optind != argc - 1) {
		rc = cli_usage(usage);
		goto out;
	}
	char *decision_text = NULL;
	if (cli_stdin_text(&decision, &decision_text, "decision"))
		goto out;
	if (decision_text)
		owned[nowned++] = decision_text;
	if (!decision || !*decision) {
		rc = cli_fail(_("oversight add needs --decision: the decision or direction"));
		goto out;
	}
	char id[11];
	if (cli_person(c, argv[optind], id))
		goto out;
	git_oid rev, commit, parent;
	if (reviewed_to && cb_rev_resolve(c->ws.store.repo, reviewed_to, &rev)) {
		cli_fail_last();
		goto out;
	}
	struct cb_oversight ov = { decision, acts, n, reviewed_to ? &rev : NULL };
	char entry[41];
	if (cb_oversight_add(&c->ws, id, &ov, &commit, &parent, entry)) {
		cli_fail_last();
		goto out;
	}
	printf("%s\n", entry);
	rc = hcli_flush();
	if (!rc && mark)
		rc = move_mark(c, reviewed_to ? &rev : NULL, &parent, &commit);
out:
	for (size_t i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	free(acts);
	return rc;
}
