/* cmd_plan.c - casebook plan ...: a child's child in need, child
 * protection and pre-proceedings plans from the command line.
 *
 *   plan add ID --type T --start D [--category C] [--outcomes TEXT]
 *       [--child-views TEXT] [--views-gathered TEXT] [--contingency TEXT]
 *       [--next-review D] [--letter D] [--review-point D]
 *   plan action add ID --plan PLANID --action TEXT [--who W] [--by D]
 *   plan action done ID ACTIONID [--date D]
 *   plan meeting add ID --plan PLANID --type T --date D [--notes TEXT]
 *   plan end ID PLANID --date D [--reason TEXT]
 *   plan decide ID PLANID --decision D --date D
 *
 * Each is one read-modify-write of the plan record (cli_update), so the
 * record's rules (src/validate.c) refuse bad input with nothing saved.
 * PLANID and ACTIONID may be any unique prefix of the Id. */
#include "cli.h"
#include "cmd_plan.h"
#include "date.h"
#include "err.h"
#include "i18n.h"
#include "plan.h"
#include "record.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* What one plan command wants done to the record. */
struct plan_op {
	const char *kind;        /* the stanza kind added or changed */
	const char *target;      /* Id prefix of the stanza changed; NULL: add one */
	const char *plan;        /* Id prefix of the plan an action/meeting joins */
	const char *names[16];   /* fields to set ... */
	const char *values[16];  /* ... and their values (NULL: leave) */
	size_t n;
	const char *need_type;   /* the plan must be of this type, or NULL */
	char made_id[48];        /* out: the Id added or changed */
};

static void op_set(struct plan_op *op, const char *name, const char *value)
{
	op->names[op->n] = name;
	op->values[op->n++] = value;
}

static const struct cb_stanza_def *kind_def(const struct cb_record_type *t, const char *kind)
{
	for (size_t k = 0; k < t->nitems; k++)
		if (strcmp(t->items[k].kind, kind) == 0)
			return &t->items[k];
	return NULL;
}

static int apply(struct cli *c, struct cb_doc *doc, int exists, void *ctx)
{
	(void)c;
	(void)exists;
	struct plan_op *op = ctx;
	const struct cb_record_type *t = cb_record_type_find("plan");
	struct cb_stanza *s;
	const char *plan_id = NULL;
	if (op->plan) {
		long pi = cb_plan_find(doc, "plan", op->plan);
		if (!pi)
			return cli_fail_last();
		/* The full Id, not the prefix typed. */
		plan_id = cb_stanza_get(&doc->stanzas[pi], "Id");
	}
	if (op->target) {
		long i = cb_plan_find(doc, op->kind, op->target);
		if (!i)
			return cli_fail_last();
		s = &doc->stanzas[i];
		const char *type = cb_stanza_get(s, "Type");
		if (op->need_type && (!type || strcmp(type, op->need_type) != 0))
			return cli_fail(_("plan %s is a %s plan; only a %s plan has a decision"),
					cb_stanza_get(s, "Id"), type ? type : "?", op->need_type);
	} else {
		s = cb_record_add_item(doc, t, kind_def(t, op->kind), NULL);
		if (!s)
			return cli_fail_last();
	}
	if (plan_id && cb_stanza_set(s, "Plan", plan_id))
		return cli_fail_last();
	for (size_t i = 0; i < op->n; i++)
		if (op->values[i] && cb_stanza_set(s, op->names[i], op->values[i]))
			return cli_fail_last();
	snprintf(op->made_id, sizeof op->made_id, "%s", cb_stanza_get(s, "Id"));
	return 0;
}

/* Runs op on the person's plan record with the summary what (a format
 * taking the person's name); prints the Id when print_id. */
static int run(struct cli *c, const char *who, struct plan_op *op, const char *what,
	       int print_id)
{
	char id[11];
	if (cli_person(c, who, id))
		return 1;
	char *name = cli_person_name(c, id);
	char summary[700];
	snprintf(summary, sizeof summary, what, name ? name : id);
	free(name);
	int made = 0;
	if (cli_update(c, id, cb_record_type_find("plan"), apply, op, summary, &made))
		return 1;
	if (print_id)
		printf("%s\n", op->made_id);
	return 0;
}

static const char *today_str(char buf[11])
{
	struct cb_date d;
	cb_date_today(&d);
	cb_date_format(&d, buf);
	return buf;
}

/* getopt over argv after the words that name the command (skip of them);
 * the rest must be exactly npos positional arguments. */
static int parse(int argc, char **argv, int skip, const struct option *opts,
		 const char **vals, int npos, char **pos, const char *usage)
{
	argc -= skip - 1;
	argv += skip - 1;
	int o, li;
	optind = 0;
	opterr = 0; /* our own message, starting "casebook:" */
	while ((o = getopt_long(argc, argv, "", opts, &li)) != -1) {
		if (o != 0) {
			cli_fail(_("unknown option, or one without its value: %s"),
				 argv[optind - 1]);
			return cli_usage(usage);
		}
		vals[li] = optarg;
	}
	if (argc - optind != npos)
		return cli_usage(usage);
	for (int i = 0; i < npos; i++)
		pos[i] = argv[optind + i];
	return 0;
}

#define OPT(name) { name, required_argument, NULL, 0 }

static int plan_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		OPT("type"), OPT("start"), OPT("category"), OPT("outcomes"),
		OPT("child-views"), OPT("views-gathered"), OPT("contingency"),
		OPT("next-review"), OPT("letter"), OPT("review-point"), { NULL, 0, NULL, 0 }
	};
	static const char *const fields[] = {
		"Type", "Start", "Category", "Outcomes", "Child-Views", "Views-Gathered",
		"Contingency", "Next-Review", "Letter-Before-Proceedings", "Review-Point"
	};
	const char *usage = _("casebook plan add ID --type T --start D [--category C] "
			      "[--outcomes TEXT] [--child-views TEXT] [--views-gathered TEXT] "
			      "[--contingency TEXT] [--next-review D] [--letter D] [--review-point D]");
	const char *v[10] = { 0 };
	char *pos[1];
	int rc = parse(argc, argv, 2, opts, v, 1, pos, usage);
	if (rc)
		return rc;
	if (!v[0] || !v[1])
		return cli_fail(_("plan add needs --type (child-in-need, child-protection or "
				  "pre-proceedings) and --start"));
	struct plan_op op = { .kind = "plan" };
	for (size_t i = 0; i < 10; i++)
		op_set(&op, fields[i], v[i]);
	return run(c, pos[0], &op, _("Add plan for %s"), 1);
}

static int action_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		OPT("plan"), OPT("action"), OPT("who"), OPT("by"), { NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook plan action add ID --plan PLANID --action TEXT "
			      "[--who W] [--by D]");
	const char *v[4] = { 0 };
	char *pos[1];
	int rc = parse(argc, argv, 3, opts, v, 1, pos, usage);
	if (rc)
		return rc;
	if (!v[0] || !v[1])
		return cli_fail(_("plan action add needs --plan and --action"));
	struct plan_op op = { .kind = "action", .plan = v[0] };
	op_set(&op, "Action", v[1]);
	op_set(&op, "Who", v[2]);
	op_set(&op, "By-When", v[3]);
	return run(c, pos[0], &op, _("Add plan action for %s"), 1);
}

static int action_done(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { OPT("date"), { NULL, 0, NULL, 0 } };
	const char *usage = _("casebook plan action done ID ACTIONID [--date D]");
	const char *v[1] = { 0 };
	char *pos[2], today[11];
	int rc = parse(argc, argv, 3, opts, v, 2, pos, usage);
	if (rc)
		return rc;
	struct plan_op op = { .kind = "action", .target = pos[1] };
	op_set(&op, "Status", "done");
	op_set(&op, "Done", v[0] ? v[0] : today_str(today));
	return run(c, pos[0], &op, _("Mark plan action done for %s"), 0);
}

static int meeting_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		OPT("plan"), OPT("type"), OPT("date"), OPT("notes"), { NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook plan meeting add ID --plan PLANID --type T --date D "
			      "[--notes TEXT]");
	const char *v[4] = { 0 };
	char *pos[1];
	int rc = parse(argc, argv, 3, opts, v, 1, pos, usage);
	if (rc)
		return rc;
	if (!v[0] || !v[1] || !v[2])
		return cli_fail(_("plan meeting add needs --plan, --type and --date"));
	struct plan_op op = { .kind = "meeting", .plan = v[0] };
	op_set(&op, "Type", v[1]);
	op_set(&op, "Date", v[2]);
	op_set(&op, "Notes", v[3]);
	return run(c, pos[0], &op, _("Add plan meeting for %s"), 1);
}

static int plan_end(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { OPT("date"), OPT("reason"), { NULL, 0, NULL, 0 } };
	const char *usage = _("casebook plan end ID PLANID --date D [--reason TEXT]");
	const char *v[2] = { 0 };
	char *pos[2];
	int rc = parse(argc, argv, 2, opts, v, 2, pos, usage);
	if (rc)
		return rc;
	if (!v[0])
		return cli_fail(_("plan end needs --date"));
	struct plan_op op = { .kind = "plan", .target = pos[1] };
	op_set(&op, "End", v[0]);
	op_set(&op, "End-Reason", v[1]);
	return run(c, pos[0], &op, _("End plan for %s"), 0);
}

static int plan_decide(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { OPT("decision"), OPT("date"), { NULL, 0, NULL, 0 } };
	const char *usage = _("casebook plan decide ID PLANID --decision step-down|extend|"
			      "issue-proceedings --date D");
	const char *v[2] = { 0 };
	char *pos[2];
	int rc = parse(argc, argv, 2, opts, v, 2, pos, usage);
	if (rc)
		return rc;
	if (!v[0] || !v[1])
		return cli_fail(_("plan decide needs --decision and --date"));
	struct plan_op op = { .kind = "plan", .target = pos[1], .need_type = "pre-proceedings" };
	op_set(&op, "Decision", v[0]);
	op_set(&op, "Decision-Date", v[1]);
	return run(c, pos[0], &op, _("Record pre-proceedings decision for %s"), 0);
}

int cmd_plan(struct cli *c, int argc, char **argv)
{
	const char *usage = _("casebook plan add|end|decide ID ... | plan action add|done ID ... | "
			      "plan meeting add ID ...");
	const char *sub = argc > 1 ? argv[1] : "";
	const char *sub2 = argc > 2 ? argv[2] : "";
	if (strcmp(sub, "add") == 0)
		return plan_add(c, argc, argv);
	if (strcmp(sub, "end") == 0)
		return plan_end(c, argc, argv);
	if (strcmp(sub, "decide") == 0)
		return plan_decide(c, argc, argv);
	if (strcmp(sub, "action") == 0 && strcmp(sub2, "add") == 0)
		return action_add(c, argc, argv);
	if (strcmp(sub, "action") == 0 && strcmp(sub2, "done") == 0)
		return action_done(c, argc, argv);
	if (strcmp(sub, "meeting") == 0 && strcmp(sub2, "add") == 0)
		return meeting_add(c, argc, argv);
	return cli_usage(usage);
}
