/* cmd_genogram.c - casebook genogram show|export: the family diagram as
 * text (the same grid the TUI paints) or as Graphviz DOT. */
#include "cli.h"
#include "date.h"
#include "err.h"
#include "genogram.h"
#include "i18n.h"
#include "record.h"

#include <getopt.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

struct geno_opts {
	int ascii;
	const char *format;
};

/* Box drawing needs a UTF-8 terminal; anything else gets plain ASCII so
 * that the diagram is still readable rather than a row of '?'. */
static int locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static int read_genogram(struct cli *c, const char *who, struct cb_doc *doc)
{
	char id[11];
	if (cli_person(c, who, id))
		return 1;
	const struct cb_record_type *t = cb_record_type_find("genogram");
	int exists = 0;
	if (cb_ws_read(&c->ws, NULL, id, t, doc, &exists))
		return cli_fail_last();
	if (!exists) {
		cb_doc_free(doc);
		return cli_fail(_("%s has no genogram record yet (casebook edit %s/genogram starts one)"),
				id, id);
	}
	return 0;
}

/* Both outputs hold printable text only, but they pass through cli_put
 * like everything else from the repository, so nothing raw can slip by. */
static int emit(char *text, int newline)
{
	if (!text)
		return cli_fail_last();
	cli_put(stdout, text);
	if (newline)
		fputc('\n', stdout);
	free(text);
	return fflush(stdout) == 0 ? 0 : cli_fail(_("cannot write the output"));
}

static int show_grid(struct cb_doc *doc, const struct geno_opts *o)
{
	struct cb_genogram_style st = { 0 };
	st.ascii = o->ascii || !locale_is_utf8();
	cb_date_today(&st.today);
	struct cb_geno_grid g;
	if (cb_genogram_layout(doc, &st, &g)) {
		cb_geno_grid_free(&g);
		return cli_fail_last();
	}
	char *text = cb_geno_grid_text(&g);
	cb_geno_grid_free(&g);
	if (!text)
		return cli_fail(_("out of memory"));
	return emit(text, 1);
}

static int export_graph(struct cb_doc *doc, const struct geno_opts *o)
{
	if (o->format && strcmp(o->format, "dot") != 0)
		return cli_fail(_("unknown export format \"%s\"; the one supported is dot"),
				o->format);
	struct cb_genogram_style st = { 0 };
	cb_date_today(&st.today);
	return emit(cb_genogram_dot(doc, &st), 0);
}

int cmd_genogram(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ascii", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook genogram show ID [--ascii] | "
			      "casebook genogram export ID [--format=dot]");
	if (argc < 2)
		return cli_usage(usage);
	int is_show = strcmp(argv[1], "show") == 0;
	if (!is_show && strcmp(argv[1], "export") != 0)
		return cli_usage(usage);
	argc--;
	argv++;
	struct geno_opts o = { 0 };
	int opt;
	optind = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'a': o.ascii = 1; break;
		case 'f': o.format = optarg; break;
		default: return cli_usage(usage);
		}
	}
	if (optind != argc - 1 || (is_show && o.format) || (!is_show && o.ascii))
		return cli_usage(usage);
	struct cb_doc doc;
	if (read_genogram(c, argv[optind], &doc))
		return 1;
	int rc = is_show ? show_grid(&doc, &o) : export_graph(&doc, &o);
	cb_doc_free(&doc);
	return rc;
}
