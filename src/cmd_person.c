/* cmd_person.c - casebook person add | person edit ID */
#include "cli.h"
#include "date.h"
#include "err.h"
#include "i18n.h"
#include "id.h"
#include "record.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* Options map straight onto person fields. */
struct person_opts {
	const char *name, *dob, *status, *worker, *gender, *team, *pa;
};

static const struct option opts[] = {
	{ "name", required_argument, NULL, 'n' },
	{ "dob", required_argument, NULL, 'd' },
	{ "status", required_argument, NULL, 's' },
	{ "worker", required_argument, NULL, 'w' },
	{ "gender", required_argument, NULL, 'g' },
	{ "team", required_argument, NULL, 't' },
	{ "personal-adviser", required_argument, NULL, 'p' },
	{ NULL, 0, NULL, 0 }
};

static int parse(int argc, char **argv, struct person_opts *po)
{
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'n': po->name = optarg; break;
		case 'd': po->dob = optarg; break;
		case 's': po->status = optarg; break;
		case 'w': po->worker = optarg; break;
		case 'g': po->gender = optarg; break;
		case 't': po->team = optarg; break;
		case 'p': po->pa = optarg; break;
		default: return -1;
		}
	}
	return 0;
}

static int set(struct cb_stanza *h, const char *field, const char *v)
{
	if (!v)
		return 0;
	if (cb_stanza_set(h, field, v))
		return cli_fail(_("--%s: %s"), field, cb_err_msg());
	return 0;
}

static int apply(struct cli *c, struct cb_doc *doc, int exists, void *ctx)
{
	const struct person_opts *po = ctx;
	struct cb_stanza *h = &doc->stanzas[0];
	if (set(h, "Name", po->name) || set(h, "Date-Of-Birth", po->dob) ||
	    set(h, "Status", po->status) || set(h, "Worker", po->worker) ||
	    set(h, "Gender", po->gender) || set(h, "Team", po->team) ||
	    set(h, "Personal-Adviser", po->pa))
		return 1;
	if (!exists) {
		struct cb_date today;
		char buf[11];
		cb_date_today(&today);
		cb_date_format(&today, buf);
		if (set(h, "Created", buf))
			return 1;
	}
	return 0;
}

static int person_add(struct cli *c, int argc, char **argv)
{
	const char *usage = _("casebook person add --name N --dob YYYY-MM-DD [--status S] "
			      "[--worker EMAIL] [--gender G] [--team T]");
	struct person_opts po = { 0 };
	if (parse(argc, argv, &po) || optind != argc)
		return cli_usage(usage);
	if (!po.name || !po.dob)
		return cli_fail(_("person add needs --name and --dob"));
	if (cli_open(c))
		return 1;
	const char *uname, *uemail;
	if (cb_ws_author(&c->ws, &uname, &uemail))
		return cli_fail_last();
	if (!po.worker)
		po.worker = uemail; /* whoever adds a person holds the case until allocated */
	char id[CB_ID_LEN + 1];
	/* A fresh random id; a clash with an existing one is vanishingly
	 * unlikely but cheap to rule out. */
	for (int tries = 0;; tries++) {
		char found[11];
		if (cb_id_new(id))
			return cli_fail_last();
		if (cb_index_resolve(&c->ws.index, id, found) == CB_ENOTFOUND)
			break;
		if (tries > 10)
			return cli_fail(_("cannot make a new id"));
	}
	char summary[600];
	snprintf(summary, sizeof summary, _("Add person %s"), po.name);
	int made = 0;
	if (cli_update(c, id, cb_record_type_find("person"), apply, &po, summary, &made))
		return 1;
	printf("%s\n", id);
	return 0;
}

static int person_edit(struct cli *c, int argc, char **argv)
{
	const char *usage = _("casebook person edit ID [--name N] [--dob D] [--status S] "
			      "[--worker EMAIL] [--gender G] [--team T]");
	struct person_opts po = { 0 };
	if (parse(argc, argv, &po) || optind != argc - 1)
		return cli_usage(usage);
	char id[11];
	if (cli_person(c, argv[optind], id))
		return 1;
	char *name = cli_person_name(c, id);
	char summary[600];
	snprintf(summary, sizeof summary, _("Update person details for %s"), name ? name : id);
	free(name);
	int made = 0;
	if (cli_update(c, id, cb_record_type_find("person"), apply, &po, summary, &made))
		return 1;
	if (!made)
		printf(_("Nothing changed.\n"));
	return 0;
}

int cmd_person(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return person_add(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "edit") == 0)
		return person_edit(c, argc - 1, argv + 1);
	return cli_usage(_("casebook person add|edit ..."));
}
