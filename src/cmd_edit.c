/* cmd_edit.c - casebook edit ID/RECORD: $VISUAL/$EDITOR on the record.
 *
 * The text goes to a file in a private directory inside the workspace
 * (never /tmp: records are personal data), which is removed afterwards.
 * Invalid text is explained (line and field) and the user may edit again;
 * whatever they typed is kept as a draft until it is saved or they start
 * afresh, so a rejected edit never loses their work. */
#include "cli.h"
#include "choice.h"
#include "err.h"
#include "i18n.h"
#include "record.h"
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char template_note[] = N_(
"# Editing %s/%s. Lines starting with # are ignored.\n"
"# Save and quit to commit; leave the text unchanged to cancel.\n"
"# A new item is a new stanza after a blank line; casebook gives it an Id.\n");

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return cli_fail(_("cannot write %s: %s"), path, strerror(errno));
	size_t n = strlen(text), off = 0;
	while (off < n) {
		ssize_t w = write(fd, text + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			int e = errno;
			close(fd);
			return cli_fail(_("cannot write %s: %s"), path, strerror(e));
		}
		off += (size_t)w;
	}
	if (close(fd) < 0)
		return cli_fail(_("cannot write %s: %s"), path, strerror(errno));
	return 0;
}

static int read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return cli_fail(_("cannot read %s: %s"), path, strerror(errno));
	struct cb_sb sb = CB_SB_INIT;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		cb_sb_add(&sb, buf, n);
	int err = ferror(f);
	fclose(f);
	if (err || cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		return cli_fail(_("cannot read %s"), path);
	}
	*len = sb.len;
	*out = cb_sb_take(&sb);
	return 0;
}

static int run_editor(const char *path)
{
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	pid_t pid = fork();
	if (pid < 0)
		return cli_fail(_("cannot start the editor: %s"), strerror(errno));
	if (pid == 0) {
		/* The editor command may carry arguments ("emacs -nw"); the file
		 * name is passed separately so it is never re-parsed. */
		execl("/bin/sh", "sh", "-c", "exec $CB_EDITOR \"$1\"", "sh", path, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return cli_fail(_("cannot wait for the editor: %s"), strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return cli_fail(_("the editor (%s) failed; nothing was saved"), ed);
	return 0;
}

struct session {
	struct cli *c;
	char id[11];
	const struct cb_record_type *t;
	char key[64];
	char dir[4096], path[4200];
};

/* Yes/no on the terminal (Enter means yes); without a terminal, the
 * answer is no_tty, so a script never loops or blocks. */
static int ask(const char *question, int no_tty)
{
	if (!isatty(STDIN_FILENO))
		return no_tty;
	fprintf(stderr, "%s ", question);
	fflush(stderr);
	char line[32];
	if (!fgets(line, sizeof line, stdin))
		return no_tty;
	return line[0] == '\n' || line[0] == 'y' || line[0] == 'Y';
}

/* 1 if the record at the current tip is still what the edit started from,
 * so a save that raced with changes to other records can go ahead. */
static int record_unchanged_since(struct session *s, const char *saved_text,
				  int existed, git_oid *tip)
{
	struct cb_doc doc;
	int exists = 0;
	cb_ws_tip(&s->c->ws, tip);
	if (cb_ws_read(&s->c->ws, NULL, s->id, s->t, &doc, &exists))
		return 0;
	char *now = cb_record_serialise(&doc, s->t, NULL);
	cb_doc_free(&doc);
	int same = now && exists == existed && strcmp(now, saved_text) == 0;
	free(now);
	return same;
}

static void cleanup(struct session *s)
{
	if (s->path[0])
		unlink(s->path);
	if (s->dir[0])
		rmdir(s->dir);
}

/* Outcome of one edit round. */
enum { ROUND_SAVED, ROUND_UNCHANGED, ROUND_INVALID, ROUND_FAILED };

static int save_text(struct session *s, const char *text, size_t len,
		     git_oid *base, const char *saved_text, int existed)
{
	struct cb_doc doc;
	struct cb_parse_error perr;
	if (cb_record_parse(&doc, text, len, s->t->name, NULL, &perr)) {
		fprintf(stderr, _("casebook: the %s record is not valid:\n"), s->t->name);
		cli_put(stderr, perr.msg);
		fputc('\n', stderr);
		return ROUND_INVALID;
	}
	/* Like the command line and the forms, the editor accepts a
	 * controlled value in any case or as a unique prefix and saves it
	 * canonical (documented in casebook(1)). */
	if (cb_choice_canonicalise(&doc, s->t) || cli_autofill(&s->c->ws, &doc, s->t)) {
		cb_doc_free(&doc);
		return ROUND_FAILED;
	}
	if (cli_check(&doc, s->t, s->id)) {
		cb_doc_free(&doc);
		return ROUND_INVALID;
	}
	char *canon = cb_record_serialise(&doc, s->t, NULL);
	/* Unchanged text cancels, for a record not yet made as well: opening
	 * an editor on it and quitting must not create an empty record. */
	if (canon && strcmp(canon, saved_text) == 0) {
		free(canon);
		cb_doc_free(&doc);
		return ROUND_UNCHANGED;
	}
	free(canon);
	char *name = cli_person_name(s->c, s->id);
	char summary[700];
	snprintf(summary, sizeof summary, _("Edit %s for %s"), s->t->name, name ? name : s->id);
	free(name);
	struct cb_save sv = { s->id, s->t, &doc };
	int made = 0;
	git_oid commit;
	int rc = cb_ws_save(&s->c->ws, &sv, 1, summary, base, 0, &commit, &made);
	for (int tries = 0; rc == CB_ECONFLICT && tries < 5 &&
	     record_unchanged_since(s, saved_text, existed, base); tries++)
		rc = cb_ws_save(&s->c->ws, &sv, 1, summary, base, 0, &commit, &made);
	cb_doc_free(&doc);
	if (rc == CB_ECONFLICT) {
		cli_fail(_("someone else saved this record while you were editing; "
			   "your text is kept: run the edit again to merge it by hand"));
		return ROUND_FAILED;
	}
	if (rc) {
		cli_fail_last();
		return ROUND_FAILED;
	}
	if (!made)
		return ROUND_UNCHANGED;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof hex, &commit);
	printf(_("Saved %s/%s (%.10s).\n"), s->id, s->t->name, hex);
	return ROUND_SAVED;
}

int cmd_edit(struct cli *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(_("casebook edit ID/RECORD"));
	struct session s = { .c = c };
	if (cli_record_arg(c, argv[1], s.id, &s.t, 0))
		return 1;
	snprintf(s.key, sizeof s.key, "%s/%s", s.id, s.t->name);

	git_oid base;
	struct cb_doc doc;
	int exists = 0;
	cb_ws_tip(&c->ws, &base);
	if (cb_ws_read(&c->ws, git_oid_is_zero(&base) ? NULL : &base, s.id, s.t, &doc, &exists))
		return cli_fail_last();
	char *saved = cb_record_serialise(&doc, s.t, NULL);
	cb_doc_free(&doc);
	if (!saved)
		return cli_fail(_("out of memory"));

	char *text = NULL;
	int64_t at = 0;
	if (cb_drafts_get(&c->ws.drafts, s.key, &text, &at, NULL) == 0) {
		fprintf(stderr, _("casebook: there is an unsaved draft of %s.\n"), s.key);
		if (!ask(_("Continue editing the draft? [Y/n]"), 1)) {
			free(text);
			text = NULL;
			cb_drafts_drop(&c->ws.drafts, s.key);
		}
	}
	if (!text) {
		struct cb_sb sb = CB_SB_INIT;
		cb_sb_addf(&sb, _(template_note), s.id, s.t->name);
		cb_sb_adds(&sb, saved);
		text = cb_sb_take(&sb);
		if (!text) {
			free(saved);
			return cli_fail(_("out of memory"));
		}
	}

	/* A private directory for the editor's file. */
	snprintf(s.dir, sizeof s.dir, "%s/tmp", c->dir);
	mkdir(s.dir, 0700);
	snprintf(s.dir, sizeof s.dir, "%s/tmp/edit-XXXXXX", c->dir);
	if (!mkdtemp(s.dir)) {
		s.dir[0] = '\0';
		free(saved);
		free(text);
		return cli_fail(_("cannot make a private directory: %s"), strerror(errno));
	}
	snprintf(s.path, sizeof s.path, "%s/%s-%s.txt", s.dir, s.id, s.t->name);
	setenv("CB_EDITOR", getenv("VISUAL") && *getenv("VISUAL") ? getenv("VISUAL")
			    : getenv("EDITOR") && *getenv("EDITOR") ? getenv("EDITOR") : "vi", 1);

	int rc = 1;
	for (;;) {
		if (write_file(s.path, text) || run_editor(s.path))
			break;
		char *edited = NULL;
		size_t len = 0;
		if (read_file(s.path, &edited, &len))
			break;
		free(text);
		text = edited;
		/* Keep what they typed before anything can reject it. */
		if (cb_drafts_put(&c->ws.drafts, s.key, text, NULL)) {
			cli_fail_last();
			break;
		}
		int round = save_text(&s, text, len, &base, saved, exists);
		if (round == ROUND_SAVED || round == ROUND_UNCHANGED) {
			if (round == ROUND_UNCHANGED)
				printf(_("No changes.\n"));
			cb_drafts_drop(&c->ws.drafts, s.key);
			rc = 0;
			break;
		}
		if (round == ROUND_FAILED)
			break;
		if (!ask(_("Edit again? [Y/n]"), 0)) {
			fprintf(stderr, _("casebook: nothing was saved; your text is kept as a draft "
					  "and `casebook edit %s` offers it back.\n"), s.key);
			break;
		}
	}
	cleanup(&s);
	free(saved);
	free(text);
	return rc;
}

int cli_edit_file(const char *path)
{
	setenv("CB_EDITOR", getenv("VISUAL") && *getenv("VISUAL") ? getenv("VISUAL")
			    : getenv("EDITOR") && *getenv("EDITOR") ? getenv("EDITOR") : "vi", 1);
	return run_editor(path);
}
