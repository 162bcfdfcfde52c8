/* access.c - the access log's refs: folding the pending file into them and
 * listing them; see access.h. Appending to the pending file is
 * access_note.c. */
#include "access.h"
#include "commit_sign.h"
#include "err.h"
#include "i18n.h"
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Undoes access_note.c's escaping in place. */
static void unesc(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* Splits one line into e (pointing into line, which is modified). 0, or -1
 * when the line is not an entry. */
static int parse_line(char *line, struct cb_access_entry *e)
{
	char *f[7];
	size_t n = 0;
	char *p = line;
	while (n < 7) {
		f[n++] = p;
		char *t = strchr(p, '\t');
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	if (n != 7)
		return -1;
	for (size_t i = 0; i < 7; i++)
		unesc(f[i]);
	char *end;
	long long when = strtoll(f[0], &end, 10);
	if (*end || strlen(f[1]) != 10)
		return -1;
	*e = (struct cb_access_entry){ when, f[1], f[2], f[3], f[4], f[5], f[6], NULL };
	return 0;
}

/* Calls fn for each entry in text (modified) about person (NULL: all). */
static int each_line(char *text, const char *person, const char *ref, cb_access_fn fn,
		     void *ctx)
{
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		struct cb_access_entry e;
		if (parse_line(line, &e) == 0 && (!person || strcmp(e.person, person) == 0)) {
			e.ref = ref;
			int rc = fn(&e, ctx);
			if (rc)
				return rc;
		}
		line = nl ? nl + 1 : NULL;
	}
	return 0;
}

static int read_pending(const char *dir, char **out)
{
	char path[4096];
	cb_access_pending_path(path, sizeof path, dir);
	*out = NULL;
	FILE *f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? 0
				       : cb_err(CB_ERROR, _("cannot read the access log %s: %s"),
						path, strerror(errno));
	struct cb_sb sb = { 0 };
	char buf[4096];
	size_t r;
	while ((r = fread(buf, 1, sizeof buf, f)) > 0)
		cb_sb_add(&sb, buf, r);
	int bad = ferror(f);
	fclose(f);
	if (bad || cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		return cb_err(CB_ERROR, _("cannot read the access log %s"), path);
	}
	*out = cb_sb_take(&sb);
	return 0;
}

/* This workspace's access ref, its id made on first use. */
static int own_ref(struct cb_ws *ws, char *out, size_t sz)
{
	char *id = NULL;
	if (cb_ws_config_get(ws, "casebook.accessid", &id) != 0 || !id || strlen(id) != 16) {
		free(id);
		id = NULL;
		unsigned char r[8];
		int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
		int ok = fd >= 0 && read(fd, r, sizeof r) == (ssize_t)sizeof r;
		if (fd >= 0)
			close(fd);
		if (!ok)
			return cb_err(CB_ERROR, _("cannot read /dev/urandom"));
		char hex[17];
		for (size_t i = 0; i < sizeof r; i++)
			snprintf(hex + 2 * i, 3, "%02x", r[i]);
		if (cb_ws_config_set(ws, "casebook.accessid", hex))
			return CB_ERROR;
		snprintf(out, sz, CB_ACCESS_REFS "%s", hex);
		return 0;
	}
	snprintf(out, sz, CB_ACCESS_REFS "%s", id);
	free(id);
	return 0;
}

struct fold {
	char **paths;
	struct cb_sb *texts;
	size_t n, cap;
};

static struct cb_sb *fold_for(struct fold *f, const char *person)
{
	char path[32];
	snprintf(path, sizeof path, "%c/%c/%s", person[0], person[1], person);
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->paths[i], path) == 0)
			return &f->texts[i];
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		char **p = realloc(f->paths, cap * sizeof *p);
		if (p)
			f->paths = p;
		struct cb_sb *t = p ? realloc(f->texts, cap * sizeof *t) : NULL;
		if (!t)
			return NULL;
		f->texts = t;
		f->cap = cap;
	}
	f->paths[f->n] = strdup(path);
	if (!f->paths[f->n])
		return NULL;
	memset(&f->texts[f->n], 0, sizeof f->texts[f->n]);
	return &f->texts[f->n++];
}

static void fold_free(struct fold *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->paths[i]);
		cb_sb_free(&f->texts[i]);
	}
	free(f->paths);
	free(f->texts);
}

/* Appends each pending line to its child's file on the ref. */
static int commit_fold(struct cb_ws *ws, const char *refname, char *pending)
{
	git_repository *repo = ws->store.repo;
	struct fold f = { 0 };
	int rc = 0;
	git_oid parent_oid, tree_oid, commit_oid;
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_tree_update *upd = NULL;
	git_signature *sig = NULL;
	git_reference *ref = NULL;
	int have_parent = git_reference_name_to_id(&parent_oid, repo, refname) == 0;
	if (have_parent && (git_commit_lookup(&parent, repo, &parent_oid) < 0 ||
			    git_commit_tree(&base, parent) < 0)) {
		rc = cb_err_git(CB_ERROR, _("cannot read the access log"));
		goto out;
	}
	for (char *line = pending; *line;) {
		char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		const char *tab = memchr(line, '\t', len);
		if (tab && len - (size_t)(tab - line) > 11 && tab[11] == '\t') {
			char person[11];
			memcpy(person, tab + 1, 10);
			person[10] = '\0';
			struct cb_sb *sb = fold_for(&f, person);
			if (!sb) {
				rc = cb_err(CB_ENOMEM, _("out of memory"));
				goto out;
			}
			if (!sb->len && base) {
				git_tree_entry *te = NULL;
				git_blob *b = NULL;
				char path[32];
				snprintf(path, sizeof path, "%c/%c/%s", person[0], person[1], person);
				if (git_tree_entry_bypath(&te, base, path) == 0 &&
				    git_blob_lookup(&b, repo, git_tree_entry_id(te)) == 0)
					cb_sb_add(sb, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
				git_blob_free(b);
				git_tree_entry_free(te);
			}
			cb_sb_add(sb, line, len);
			cb_sb_addc(sb, '\n');
		}
		line = nl ? nl + 1 : line + len;
	}
	if (!f.n)
		goto out;
	upd = calloc(f.n, sizeof *upd);
	if (!upd) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
		goto out;
	}
	for (size_t i = 0; i < f.n; i++) {
		if (cb_sb_failed(&f.texts[i]) ||
		    git_blob_create_from_buffer(&upd[i].id, repo, f.texts[i].buf, f.texts[i].len) < 0) {
			rc = cb_err_git(CB_ERROR, _("cannot write the access log"));
			goto out;
		}
		upd[i].action = GIT_TREE_UPDATE_UPSERT;
		upd[i].filemode = GIT_FILEMODE_BLOB;
		upd[i].path = f.paths[i];
	}
	if (!base) {
		git_treebuilder *tb = NULL;
		git_oid empty;
		int bad = git_treebuilder_new(&tb, repo, NULL) < 0 ||
			  git_treebuilder_write(&empty, tb) < 0 ||
			  git_tree_lookup(&base, repo, &empty) < 0;
		git_treebuilder_free(tb);
		if (bad) {
			rc = cb_err_git(CB_ERROR, _("cannot write the access log"));
			goto out;
		}
	}
	const char *name, *email;
	if (cb_ws_author(ws, &name, &email)) {
		/* A workspace with no identity still logs (and pushes) access. */
		name = "casebook";
		email = "";
		cb_err_clear();
	}
	if (git_tree_create_updated(&tree_oid, repo, base, f.n, upd) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_oid) < 0 ||
	    git_signature_now(&sig, name, email) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot write the access log"));
		goto out;
	}
	const git_commit *parents[1] = { parent };
	char msg[64];
	snprintf(msg, sizeof msg, "Access log: %zu record(s)\n", f.n);
	if ((rc = cb_commit_create(&commit_oid, repo, sig, sig, msg, tree, have_parent ? 1 : 0,
				   parents)))
		goto out;
	int grc = have_parent
		? git_reference_create_matching(&ref, repo, refname, &commit_oid, 1, &parent_oid,
						"casebook: access log")
		: git_reference_create(&ref, repo, refname, &commit_oid, 0, "casebook: access log");
	if (grc < 0)
		rc = cb_err_git(CB_ERROR, _("cannot move the access log's ref"));
out:
	git_reference_free(ref);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	free(upd);
	fold_free(&f);
	return rc;
}

int cb_access_flush(struct cb_ws *ws)
{
	char path[4096], work[4200];
	cb_access_pending_path(path, sizeof path, ws->dir);
	/* Move the pending file aside first: a line appended meanwhile goes
	 * to a new pending file and is folded next time. A file left aside
	 * by a fold that failed is folded (again: the commit is idempotent
	 * only per fold, so it is folded first and removed only after). */
	snprintf(work, sizeof work, "%s.folding", path);
	struct stat st;
	if (stat(work, &st) != 0) {
		if (rename(path, work) != 0)
			return errno == ENOENT ? 0
					       : cb_err(CB_ERROR, _("cannot fold the access log %s: %s"),
							path, strerror(errno));
	}
	char *text = NULL;
	FILE *f = fopen(work, "re");
	if (!f)
		return cb_err(CB_ERROR, _("cannot read the access log %s: %s"), work, strerror(errno));
	struct cb_sb sb = { 0 };
	char buf[4096];
	size_t r;
	while ((r = fread(buf, 1, sizeof buf, f)) > 0)
		cb_sb_add(&sb, buf, r);
	fclose(f);
	if (cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	text = cb_sb_take(&sb);
	char refname[256];
	int rc = text ? own_ref(ws, refname, sizeof refname) : 0;
	if (!rc && text)
		rc = commit_fold(ws, refname, text);
	free(text);
	if (!rc)
		unlink(work);
	return rc;
}

struct list_walk {
	git_repository *repo;
	const char *person;
	cb_access_fn fn;
	void *ctx;
	int rc;
};

static int list_ref(const char *refname, void *payload)
{
	struct list_walk *w = payload;
	git_oid oid;
	git_commit *c = NULL;
	git_tree *t = NULL;
	if (git_reference_name_to_id(&oid, w->repo, refname) != 0 ||
	    git_commit_lookup(&c, w->repo, &oid) < 0 || git_commit_tree(&t, c) < 0) {
		git_commit_free(c);
		return 0;
	}
	/* Tracking copies of our own refs say the same as ours: skip them. */
	if (strncmp(refname, "refs/remotes/", 13) == 0) {
		char local[1024];
		const char *rest = strstr(refname, "/casebook/access/");
		git_oid lo;
		snprintf(local, sizeof local, "refs%s", rest ? rest : "");
		if (rest && git_reference_name_to_id(&lo, w->repo, local) == 0) {
			git_tree_free(t);
			git_commit_free(c);
			return 0;
		}
	}
	for (size_t i = 0; i < git_tree_entrycount(t) && !w->rc; i++) {
		const git_tree_entry *e0 = git_tree_entry_byindex(t, i);
		if (w->person && git_tree_entry_name(e0)[0] != w->person[0])
			continue;
		git_tree *t1 = NULL;
		if (git_tree_lookup(&t1, w->repo, git_tree_entry_id(e0)) < 0)
			continue;
		for (size_t j = 0; j < git_tree_entrycount(t1) && !w->rc; j++) {
			const git_tree_entry *e1 = git_tree_entry_byindex(t1, j);
			git_tree *t2 = NULL;
			if (git_tree_lookup(&t2, w->repo, git_tree_entry_id(e1)) < 0)
				continue;
			for (size_t k = 0; k < git_tree_entrycount(t2) && !w->rc; k++) {
				const git_tree_entry *e2 = git_tree_entry_byindex(t2, k);
				if (w->person && strcmp(git_tree_entry_name(e2), w->person) != 0)
					continue;
				git_blob *b = NULL;
				if (git_blob_lookup(&b, w->repo, git_tree_entry_id(e2)) < 0)
					continue;
				size_t len = (size_t)git_blob_rawsize(b);
				char *text = malloc(len + 1);
				if (text) {
					memcpy(text, git_blob_rawcontent(b), len);
					text[len] = '\0';
					w->rc = each_line(text, w->person, refname, w->fn, w->ctx);
					free(text);
				}
				git_blob_free(b);
			}
			git_tree_free(t2);
		}
		git_tree_free(t1);
	}
	git_tree_free(t);
	git_commit_free(c);
	return w->rc;
}

int cb_access_list(struct cb_ws *ws, const char *person, cb_access_fn fn, void *ctx)
{
	struct list_walk w = { ws->store.repo, person, fn, ctx, 0 };
	git_reference_foreach_glob(w.repo, CB_ACCESS_REFS "*", list_ref, &w);
	if (!w.rc)
		git_reference_foreach_glob(w.repo, "refs/remotes/origin/casebook/access/*",
					   list_ref, &w);
	if (w.rc)
		return w.rc;
	char *pending = NULL;
	int rc = read_pending(ws->dir, &pending);
	if (!rc && pending)
		rc = each_line(pending, person, NULL, fn, ctx);
	free(pending);
	return rc;
}
