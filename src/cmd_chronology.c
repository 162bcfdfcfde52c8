/* cmd_chronology.c - casebook chronology add ID --date D --event TEXT ... */
#include "cli.h"
#include "choice.h"
#include "stdin_text.h"
#include "err.h"
#include "i18n.h"
#include "record.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

struct entry_opts {
	const char *date, *event, *category, *source, *significance, *impact, *action;
	int approximate;
};

static int put_field(struct cb_stanza *s, const char *field, const char *v)
{
	if (v && cb_stanza_set(s, field, v))
		return cli_fail(_("%s: %s"), field, cb_err_msg());
	return 0;
}

static int add_entry(struct cli *c, struct cb_doc *doc, int exists, void *ctx)
{
	const struct entry_opts *eo = ctx;
	const struct cb_record_type *t = cb_record_type_find("chronology");
	struct cb_stanza *s = cb_record_add_item(doc, t, &t->items[0], NULL);
	if (!s)
		return cli_fail_last();
	if (put_field(s, "Date", eo->date) || put_field(s, "Event", eo->event) ||
	    put_field(s, "Category", eo->category) || put_field(s, "Source", eo->source) ||
	    put_field(s, "Significance", eo->significance) ||
	    put_field(s, "Impact", eo->impact) || put_field(s, "Action", eo->action) ||
	    (eo->approximate && put_field(s, "Date-Approximate", "yes")))
		return 1;
	return 0;
}

int cmd_chronology(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "event", required_argument, NULL, 'e' },
		{ "category", required_argument, NULL, 'c' },
		{ "source", required_argument, NULL, 's' },
		{ "significance", required_argument, NULL, 'g' },
		{ "impact", required_argument, NULL, 'i' },
		{ "action", required_argument, NULL, 'a' },
		{ "approximate", no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook chronology add ID --date D --event TEXT [--category C] "
			      "[--source S] [--significance low|medium|high] [--impact TEXT] "
			      "[--action TEXT] [--approximate]");
	if (argc < 2 || strcmp(argv[1], "add") != 0)
		return cli_usage(usage);
	argc--;
	argv++;
	struct entry_opts eo = { 0 };
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': eo.date = optarg; break;
		case 'e': eo.event = optarg; break;
		case 'c': eo.category = optarg; break;
		case 's': eo.source = optarg; break;
		case 'g': eo.significance = optarg; break;
		case 'i': eo.impact = optarg; break;
		case 'a': eo.action = optarg; break;
		case 'x': eo.approximate = 1; break;
		default: return cli_usage(usage);
		}
	}
	if (optind != argc - 1)
		return cli_usage(usage);
	if (!eo.date || !eo.event)
		return cli_fail(_("chronology add needs --date and --event"));
	/* "-": the text from stdin, out of sight of other users' ps. */
	char *ev = NULL, *im = NULL, *ac = NULL;
	int rc = 1;
	if (cli_stdin_text(&eo.event, &ev, "event") || cli_stdin_text(&eo.impact, &im, "impact") ||
	    cli_stdin_text(&eo.action, &ac, "action"))
		goto out;
	char id[11];
	if (cli_person(c, argv[optind], id))
		goto out;
	/* The summary names the category as it will be stored. */
	const char *cat = eo.category ? eo.category : "other", *canon;
	const struct cb_record_type *ct = cb_record_type_find("chronology");
	if (cb_choice_match(cb_stanza_def_field(&ct->items[0], "Category"), cat, &canon) <=
	    CB_CHOICE_MATCHED)
		cat = canon;
	char *name = cli_person_name(c, id);
	char summary[700];
	snprintf(summary, sizeof summary, _("Add chronology entry %s (%s) for %s"), eo.date,
		 cat, name ? name : id);
	free(name);
	int made = 0;
	rc = cli_update(c, id, cb_record_type_find("chronology"), add_entry, &eo, summary, &made)
		? 1 : 0;
out:
	free(ev);
	free(im);
	free(ac);
	return rc;
}
