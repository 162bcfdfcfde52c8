/* cmd_rules.c - casebook rules [list | show | check [FILE] | edit]: the
 * practice alert rules and the authority's config/rules file.
 *
 * list: every rule with its severity, whether it is on, its thresholds.
 * show: the configuration in force, written as a rules file.
 * check [FILE]: checks FILE (else the committed config/rules).
 * edit: opens the file in $VISUAL/$EDITOR, checks it, commits it. */
#include "alerts.h"
#include "cli.h"
#include "err.h"
#include "i18n.h"
#include "index_facts.h"
#include "strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int list(struct cb_rules_config *cfg)
{
	for (size_t i = 0; i < cb_nrules; i++) {
		const struct cb_rule *r = &cb_rules[i];
		printf("%-24s %-6s %-3s", r->name, cb_severity_name(cfg->severity[i]),
		       cfg->enabled[i] ? _("on") : _("off"));
		for (int k = 0; k < CB_RULE_MAX_PARAMS && r->params[k].key; k++) {
			const struct cb_span *sp = &cfg->param[i][k];
			printf("  %s=%dm%dd", r->params[k].key, sp->months, sp->days);
		}
		printf("\n    %s\n    %s %s\n", _(r->checks), _("Source:"), _(r->source));
	}
	return 0;
}

static int read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return cb_err(CB_ERROR, _("cannot read %s: %s"), path, strerror(errno));
	struct cb_sb sb = CB_SB_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		cb_sb_add(&sb, buf, n);
	int bad = ferror(f);
	fclose(f);
	if (bad || cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		return cb_err(CB_ERROR, _("cannot read %s"), path);
	}
	*len = sb.len;
	*out = sb.buf ? cb_sb_take(&sb) : strdup("");
	return *out ? 0 : cb_err(CB_ENOMEM, _("out of memory"));
}

static int check_file(const char *path)
{
	char *text = NULL;
	size_t len = 0;
	struct cb_rules_config cfg;
	int rc = read_file(path, &text, &len);
	if (!rc && !(rc = cb_rules_defaults(&cfg))) {
		rc = cb_rules_parse(&cfg, text, len, path);
		cb_rules_config_free(&cfg);
	}
	free(text);
	if (rc)
		return cli_fail_last();
	printf(_("%s: ok\n"), path);
	return 0;
}

static int edit(struct cli *c)
{
	if (cli_open(c))
		return 1;
	char *text = NULL;
	struct cb_rules_config cfg;
	if (cb_index_rules_text(&c->ws.index, &text))
		return cli_fail_last();
	if (!text) {
		if (cb_rules_defaults(&cfg))
			return cli_fail_last();
		text = cb_rules_format(&cfg);
		cb_rules_config_free(&cfg);
		if (!text)
			return cli_fail(_("out of memory"));
	}
	struct cb_sb path = CB_SB_INIT;
	cb_sb_addf(&path, "%s/rules.edit", c->ws.dir);
	FILE *f = cb_sb_failed(&path) ? NULL : fopen(path.buf, "w");
	int rc = 1;
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		rc = cli_fail(_("cannot write %s"), path.buf ? path.buf : "rules.edit");
		goto out;
	}
	free(text);
	text = NULL;
	size_t len = 0;
	if (cli_edit_file(path.buf))
		goto out;
	if (read_file(path.buf, &text, &len)) {
		rc = cli_fail_last();
		goto out;
	}
	if (cb_rules_defaults(&cfg)) {
		rc = cli_fail_last();
		goto out;
	}
	int bad = cb_rules_parse(&cfg, text, len, CB_RULES_PATH);
	cb_rules_config_free(&cfg);
	if (bad) {
		rc = cli_fail(_("%s; nothing was saved"), cb_err_msg());
		goto out;
	}
	const char *name, *email;
	if (cb_ws_author(&c->ws, &name, &email)) {
		rc = cli_fail_last();
		goto out;
	}
	struct cb_write w = { CB_RULES_PATH, text, len };
	struct cb_commit_info ci = { name, email, 0, 0,
				     "rules: config/rules changed\n" };
	git_oid oid;
	int made = 0;
	if (cb_store_commit(&c->ws.store, &w, 1, &ci, NULL, &oid, &made) ||
	    cb_index_catch_up(&c->ws.index, &c->ws.store)) {
		rc = cli_fail_last();
		goto out;
	}
	printf(made ? _("Saved %s.\n") : _("%s unchanged.\n"), CB_RULES_PATH);
	rc = 0;
out:
	if (path.buf)
		unlink(path.buf);
	cb_sb_free(&path);
	free(text);
	return rc;
}

int cmd_rules(struct cli *c, int argc, char **argv)
{
	const char *usage = _("casebook rules [list | show | check [FILE] | edit]");
	const char *sub = argc > 1 ? argv[1] : "list";
	if (strcmp(sub, "check") == 0 && argc == 3)
		return check_file(argv[2]);
	if (argc > 2)
		return cli_usage(usage);
	if (strcmp(sub, "edit") == 0)
		return edit(c);
	if (strcmp(sub, "list") != 0 && strcmp(sub, "show") != 0 && strcmp(sub, "check") != 0)
		return cli_usage(usage);
	if (cli_open_index(c))
		return 1;
	struct cb_rules_config cfg;
	if (cb_alerts_config(&c->ws.index, &cfg))
		return cli_fail_last();
	int rc = 0;
	if (strcmp(sub, "list") == 0) {
		rc = list(&cfg);
	} else if (strcmp(sub, "show") == 0) {
		char *s = cb_rules_format(&cfg);
		if (!s)
			rc = cli_fail(_("out of memory"));
		else
			fputs(s, stdout);
		free(s);
	} else {
		printf(_("%s: ok\n"), CB_RULES_PATH);
	}
	cb_rules_config_free(&cfg);
	return rc ? rc : (fflush(stdout) == 0 ? 0 : cli_fail(_("cannot write the output")));
}
