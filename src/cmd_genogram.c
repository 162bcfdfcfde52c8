/* cmd_genogram.c - casebook genogram show|export: the family diagram as
 * text (the same grid the TUI paints), or exported through Graphviz as
 * SVG, PNG or PDF, or as its DOT source. */
#include "cli.h"
#include "date.h"
#include "err.h"
#include "export.h"
#include "export_genogram.h"
#include "genogram.h"
#include "i18n.h"
#include "record.h"

#include <getopt.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct geno_opts {
	int ascii;
	const char *format, *output, *produced_on;
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

/* Binary pictures never go to a terminal; elsewhere (a pipe, a file)
 * they are drawn into the workspace's private exports directory and
 * copied out, so nothing is left in /tmp. */
static int picture_to_stdout(struct cli *c, const char *id, enum cb_geno_format f,
			     const struct cb_export_ctx *x)
{
	char def_name[32];
	snprintf(def_name, sizeof def_name, "genogram-%s", cb_geno_format_name(f));
	const struct cb_export_def *def = cb_export_find(def_name);
	char *path = def ? cb_export_default_path(&c->ws, def, id) : NULL;
	if (!path)
		return def ? cli_fail_last() : cli_fail(_("out of memory"));
	size_t n = strlen(path);
	char *tmp = malloc(n + 8);
	if (!tmp) {
		free(path);
		return cli_fail(_("out of memory"));
	}
	snprintf(tmp, n + 8, "%s.stdout", path);
	free(path);
	int rc = cb_export_genogram(&c->ws, id, f, tmp, x) ? cli_fail_last() : 0;
	FILE *in = rc ? NULL : fopen(tmp, "rb");
	if (!rc && !in)
		rc = cli_fail(_("cannot read %s"), tmp);
	char buf[8192];
	size_t got;
	while (in && (got = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, got, stdout) != got)
			rc = 1;
	if (in)
		fclose(in);
	if (!rc || in)
		unlink(tmp);
	free(tmp);
	if (fflush(stdout) != 0 || rc == 1)
		return cli_fail(_("cannot write the output"));
	return rc;
}

static int export_graph(struct cli *c, const char *who, const struct geno_opts *o)
{
	enum cb_geno_format f = CB_GENO_DOT;
	if (o->format && cb_geno_format_parse(o->format, &f)) {
		cli_fail_last();
		return EXIT_USAGE;
	}
	struct cb_export_ctx x = { 0 };
	x.produced_on = o->produced_on;
	struct cb_date d;
	if (o->produced_on && cb_date_parse(o->produced_on, &d)) {
		cli_fail(_("--produced-on \"%s\": expected a date YYYY-MM-DD"), o->produced_on);
		return EXIT_USAGE;
	}
	if (f != CB_GENO_DOT && !o->output && isatty(STDOUT_FILENO)) {
		cli_fail(_("a %s picture is not for the terminal: give --output FILE or redirect the output"),
			 cb_geno_format_name(f));
		return EXIT_USAGE;
	}
	char id[11];
	if (cli_person(c, who, id))
		return 1;
	if (o->output)
		return cb_export_genogram(&c->ws, id, f, o->output, &x) ? cli_fail_last() : 0;
	if (f != CB_GENO_DOT)
		return picture_to_stdout(c, id, f, &x);
	char *dot = NULL;
	if (cb_genogram_render_dot(&c->ws, id, &x, &dot))
		return cli_fail_last();
	return emit(dot, 0);
}

int cmd_genogram(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ascii", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "produced-on", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook genogram show ID [--ascii] | "
			      "casebook genogram export ID [--format=svg|png|pdf|dot] [--output FILE] [--produced-on DATE]");
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
		case 'o': o.output = optarg; break;
		case 'p': o.produced_on = optarg; break;
		default: return cli_usage(usage);
		}
	}
	if (optind != argc - 1 || (is_show && (o.format || o.output || o.produced_on)) ||
	    (!is_show && o.ascii))
		return cli_usage(usage);
	if (!is_show)
		return export_graph(c, argv[optind], &o);
	struct cb_doc doc;
	if (read_genogram(c, argv[optind], &doc))
		return 1;
	int rc = show_grid(&doc, &o);
	cb_doc_free(&doc);
	return rc;
}
