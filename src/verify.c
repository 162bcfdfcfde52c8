/* verify.c - the audit walk over the whole history; see verify.h. */
#include "verify.h"
#include "blob.h"
#include "crypt.h"
#include "keys.h"
#include "err.h"
#include "i18n.h"
#include "record.h"
#include "perms.h"
#include "sshsig.h"
#include "store.h"
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ORIGIN_MAIN "refs/remotes/origin/main"

const char *cb_vkind_name(enum cb_vkind k)
{
	switch (k) {
	case CB_V_RECORD: return "record";
	case CB_V_PLACE: return "place";
	case CB_V_HISTORY: return "history";
	case CB_V_AUTHOR: return "author";
	case CB_V_PERMISSIONS: return "permissions";
	default: return "signature";
	}
}

/* A set of strings (open addressing), for emails and checked versions. */
struct set {
	char **slot;
	size_t cap, n;
};

static size_t str_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static int set_has(const struct set *st, const char *s)
{
	if (!st->cap)
		return 0;
	for (size_t i = str_hash(s) & (st->cap - 1); st->slot[i]; i = (i + 1) & (st->cap - 1))
		if (strcmp(st->slot[i], s) == 0)
			return 1;
	return 0;
}

/* Adds s (copied). 1 if added, 0 if there already, CB_ENOMEM. */
static int set_add(struct set *st, const char *s)
{
	if (set_has(st, s))
		return 0;
	if (2 * (st->n + 1) > st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 64;
		char **v = calloc(cap, sizeof *v);
		if (!v)
			return CB_ENOMEM;
		for (size_t i = 0; i < st->cap; i++) {
			if (!st->slot[i])
				continue;
			size_t j = str_hash(st->slot[i]) & (cap - 1);
			while (v[j])
				j = (j + 1) & (cap - 1);
			v[j] = st->slot[i];
		}
		free(st->slot);
		st->slot = v;
		st->cap = cap;
	}
	char *copy = strdup(s);
	if (!copy)
		return CB_ENOMEM;
	size_t i = str_hash(s) & (st->cap - 1);
	while (st->slot[i])
		i = (i + 1) & (st->cap - 1);
	st->slot[i] = copy;
	st->n++;
	return 1;
}

static void set_free(struct set *st)
{
	for (size_t i = 0; i < st->cap; i++)
		free(st->slot[i]);
	free(st->slot);
	memset(st, 0, sizeof *st);
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

struct vctx {
	struct cb_ws *ws;
	cb_verify_fn fn;
	void *ctx;
	struct cb_vstats *st;
	struct set known, checked;
	char *allowed;  /* allowed signers file, or NULL */
	char *tmpdir;
	/* the commit being checked */
	char hex[GIT_OID_HEXSZ + 1];
	const git_signature *author;
};

static int report(struct vctx *v, enum cb_vkind kind, int problem, const char *path,
		  const char *msg)
{
	struct cb_vfinding f = {
		kind, problem, v->hex[0] ? v->hex : NULL, path,
		v->author ? v->author->name : NULL, v->author ? v->author->email : NULL, msg
	};
	if (problem)
		v->st->problems++;
	else
		v->st->notes++;
	return v->fn(&f, v->ctx);
}

static int add_known(struct vctx *v, const char *email)
{
	if (!email || !*email)
		return 0;
	char *e = strdup(email);
	if (!e)
		return CB_ENOMEM;
	lower(e);
	int rc = set_add(&v->known, e);
	free(e);
	return rc < 0 ? rc : 0;
}

static int known_person(const struct cb_person_row *r, void *ctx)
{
	struct vctx *v = ctx;
	int rc = add_known(v, r->worker);
	return rc ? rc : add_known(v, r->pa);
}

/* Known people from the person records in a tree, for a repository with
 * no index (the server checking a push). */
static int known_in_tree(const char *root, const git_tree_entry *e, void *payload)
{
	struct vctx *v = payload;
	(void)root;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || strcmp(git_tree_entry_name(e), "person") != 0)
		return 0;
	char *text = NULL;
	size_t len = 0;
	if (cb_blob_read(v->ws->store.repo, git_tree_entry_id(e), &text, &len)) {
		cb_err_clear(); /* sealed, on a server: known from its config only */
		return 0;
	}
	struct cb_doc doc;
	struct cb_parse_error perr;
	int rc = 0;
	if (cb_record_parse(&doc, text, len, "person", NULL, &perr) == 0) {
		for (size_t i = 0; i < doc.nstanzas && !rc; i++) {
			rc = add_known(v, cb_stanza_get(&doc.stanzas[i], "Worker"));
			if (!rc)
				rc = add_known(v, cb_stanza_get(&doc.stanzas[i], "Personal-Adviser"));
		}
		cb_doc_free(&doc);
	}
	free(text);
	return rc;
}

static int load_known(struct vctx *v, const git_oid *tree_of)
{
	int rc = 0;
	if (tree_of) {
		git_commit *c = NULL;
		git_tree *t = NULL;
		if (git_commit_lookup(&c, v->ws->store.repo, tree_of) == 0 &&
		    git_commit_tree(&t, c) == 0)
			rc = git_tree_walk(t, GIT_TREEWALK_PRE, known_in_tree, v) < 0 ? CB_ERROR : 0;
		git_tree_free(t);
		git_commit_free(c);
	} else {
		rc = cb_index_people(&v->ws->index, NULL, NULL, known_person, v);
	}
	if (rc)
		return rc;
	char *list = NULL;
	if (cb_ws_config_get(v->ws, "casebook.practitioners", &list) != 0)
		return 0;
	char *save = NULL;
	for (char *tok = strtok_r(list, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ' || *tok == '\t')
			tok++;
		size_t n = strlen(tok);
		while (n && (tok[n - 1] == ' ' || tok[n - 1] == '\t'))
			tok[--n] = '\0';
		rc = add_known(v, tok);
	}
	free(list);
	return rc;
}

/* ---- one record version ---- */

/* A sealed record where no key is at hand (the server, which never holds
 * one, or a child whose key was erased): only its envelope can be checked,
 * and its id must be the path's. 1: go on and read it; 0: done (reported
 * when wrong); <0: an error. */
static int sealed_record(struct vctx *v, const char *path, const char *id,
			 const git_oid *blob_id)
{
	git_blob *b = NULL;
	if (git_blob_lookup(&b, v->ws->store.repo, blob_id) < 0)
		return report(v, CB_V_RECORD, 1, path,
			      _("the record's text is missing from the repository"));
	const void *p = git_blob_rawcontent(b);
	size_t n = (size_t)git_blob_rawsize(b);
	char label[CB_LABEL_BYTES + 1] = "";
	int sealed = cb_crypt_is(p, n, cb_magic_record);
	if (sealed)
		cb_crypt_label(p, n, label);
	git_blob_free(b);
	if (!sealed)
		return 1;
	if (strcmp(label, id) != 0)
		return report(v, CB_V_RECORD, 1, path,
			      _("sealed for another child: the envelope's id is not the path's"));
	if (!cb_keys_encrypted(v->ws->store.repo))
		return 0;
	const unsigned char *key;
	if (cb_keys_child(v->ws->store.repo, id, 0, &key) == CB_ESEALED) {
		cb_err_clear();
		return 0; /* erased: unreadable on purpose */
	}
	cb_err_clear();
	return 1;
}

static int check_version(struct vctx *v, const char *path, const git_oid *blob_id)
{
	char key[GIT_OID_HEXSZ + 600];
	snprintf(key, sizeof key, "%s %s", git_oid_tostr_s(blob_id), path);
	int added = set_add(&v->checked, key);
	if (added < 0)
		return cb_err(CB_ENOMEM, _("out of memory"));
	if (!added)
		return 0; /* the same text at the same place: checked already */
	v->st->versions++;
	char id[11], rec[64];
	if (cb_record_path_parse(path, id, rec) != 0)
		return report(v, CB_V_PLACE, 1, path,
			      _("not where a record belongs (people/<c0>/<c1>/<person-id>/<record>): "
				"a record in the wrong folder"));
	const struct cb_record_type *t = cb_record_type_find(rec);
	if (!t)
		return report(v, CB_V_PLACE, 1, path, _("not a record type casebook knows"));
	char *body = NULL;
	size_t len = 0;
	int sealed = sealed_record(v, path, id, blob_id);
	if (sealed <= 0)
		return sealed;
	if (cb_blob_read(v->ws->store.repo, blob_id, &body, &len))
		return report(v, CB_V_RECORD, 1, path, cb_err_msg());
	struct cb_doc doc;
	struct cb_parse_error perr;
	int rc = cb_record_parse(&doc, body, len, t->name, NULL, &perr);
	free(body);
	if (rc) {
		char msg[400];
		if (perr.line)
			snprintf(msg, sizeof msg, _("does not parse: line %zu: %s"), perr.line, perr.msg);
		else
			snprintf(msg, sizeof msg, _("does not parse: %s"), perr.msg);
		return report(v, CB_V_RECORD, 1, path, msg);
	}
	struct cb_problems p = { 0 };
	rc = cb_validate(&doc, t, id, &p);
	if (rc == CB_EINVALID) {
		char *text = cb_problems_format(&p, &doc);
		char *msg = NULL;
		if (text && (msg = malloc(strlen(text) + 64)))
			sprintf(msg, "%s\n%s", _("is not valid:"), text);
		rc = report(v, CB_V_RECORD, 1, path, msg ? msg : _("is not valid"));
		free(msg);
		free(text);
	} else if (rc == CB_ENOMEM) {
		rc = cb_err(CB_ENOMEM, _("out of memory"));
	}
	cb_problems_free(&p);
	cb_doc_free(&doc);
	return rc;
}

/* The record files a commit wrote: against its first parent (a merge's
 * other side was checked at its own commits). */
static int check_records(struct vctx *v, git_commit *c)
{
	git_tree *nt = NULL, *ot = NULL;
	git_commit *p = NULL;
	git_diff *diff = NULL;
	int rc = 0;
	if (git_commit_tree(&nt, c) < 0 ||
	    (git_commit_parentcount(c) > 0 &&
	     (git_commit_parent(&p, c, 0) < 0 || git_commit_tree(&ot, p) < 0))) {
		rc = cb_err_git(CB_ERROR, _("cannot read a commit"));
		goto out;
	}
	git_diff_options o = GIT_DIFF_OPTIONS_INIT;
	char *spec = "people/";
	o.pathspec.strings = &spec;
	o.pathspec.count = 1;
	if (git_diff_tree_to_tree(&diff, v->ws->store.repo, ot, nt, &o) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot compare a commit with its parent"));
		goto out;
	}
	for (size_t i = 0, n = git_diff_num_deltas(diff); i < n && !rc; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		if (d->status == GIT_DELTA_DELETED)
			continue;
		rc = check_version(v, d->new_file.path, &d->new_file.id);
	}
out:
	git_diff_free(diff);
	git_commit_free(p);
	git_tree_free(ot);
	git_tree_free(nt);
	return rc;
}

/* ---- authorship and signatures ---- */

static int check_author(struct vctx *v)
{
	char *e = strdup(v->author->email ? v->author->email : "");
	if (!e)
		return cb_err(CB_ENOMEM, _("out of memory"));
	lower(e);
	int known = set_has(&v->known, e);
	free(e);
	if (known)
		return 0;
	return report(v, CB_V_AUTHOR, 1, NULL, _("the author is not a known practitioner"));
}

static int check_signature(struct vctx *v, git_oid *oid)
{
	git_buf sig = { 0 }, data = { 0 };
	int grc = git_commit_extract_signature(&sig, &data, v->ws->store.repo, oid, NULL);
	if (grc == GIT_ENOTFOUND)
		return 0;
	int rc = 0;
	if (grc < 0) {
		rc = report(v, CB_V_SIGNATURE, 1, NULL, _("the signature cannot be read"));
		goto out;
	}
	if (strncmp(sig.ptr, "-----BEGIN SSH SIGNATURE-----", 29) != 0) {
		v->st->signed_unverified++;
		rc = report(v, CB_V_SIGNATURE, 0, NULL,
			    _("signed, not verified (not an SSH signature; casebook checks SSH signatures)"));
		goto out;
	}
	if (!v->allowed) {
		v->st->signed_unverified++;
		rc = report(v, CB_V_SIGNATURE, 0, NULL, _("signed, not verified (no allowed signers)"));
		goto out;
	}
	char who[256], msg[512];
	switch (cb_sshsig_verify(v->allowed, v->tmpdir, sig.ptr, sig.size, data.ptr, data.size,
				 who, sizeof who, msg, sizeof msg)) {
	case CB_SIG_GOOD:
		v->st->signed_good++;
		break;
	case CB_SIG_UNKNOWN_KEY:
		rc = report(v, CB_V_SIGNATURE, 1, NULL,
			    _("signed with a key that is not in the allowed signers"));
		break;
	case CB_SIG_BAD:
		snprintf(msg, sizeof msg, _("the signature (by %s) does not verify"), who);
		rc = report(v, CB_V_SIGNATURE, 1, NULL, msg);
		break;
	default:
		rc = report(v, CB_V_SIGNATURE, 1, NULL, msg);
		break;
	}
out:
	git_buf_dispose(&sig);
	git_buf_dispose(&data);
	return rc;
}

/* ---- the whole history ---- */

static int check_origin(struct vctx *v, const git_oid *tip)
{
	git_oid origin;
	if (git_reference_name_to_id(&origin, v->ws->store.repo, ORIGIN_MAIN) < 0)
		return 0; /* never synced: nothing to compare with */
	if (git_oid_equal(&origin, tip) ||
	    git_graph_descendant_of(v->ws->store.repo, tip, &origin) == 1)
		return 0;
	char msg[512];
	if (git_graph_descendant_of(v->ws->store.repo, &origin, tip) == 1) {
		snprintf(msg, sizeof msg, _("main (%.10s) is behind origin/main (%.10s): run casebook sync"),
			 git_oid_tostr_s(tip), git_oid_tostr_s(&origin));
		return report(v, CB_V_HISTORY, 0, NULL, msg);
	}
	char a[GIT_OID_HEXSZ + 1], b[GIT_OID_HEXSZ + 1];
	git_oid_tostr(a, sizeof a, tip);
	git_oid_tostr(b, sizeof b, &origin);
	snprintf(msg, sizeof msg,
		 _("main (%.10s) does not contain origin/main (%.10s): the history was rewritten "
		   "(amended, reset or rebased, then force-pushed), or a sync did not finish"),
		 a, b);
	return report(v, CB_V_HISTORY, 1, NULL, msg);
}

struct perm_walk {
	struct vctx *v;
	const char *what; /* "workspace" or "remote" */
	int problem;      /* the workspace: a problem; a remote: a note (a
			   * server's repository may be shared on purpose) */
	size_t n;
	int rc;
};

/* The first few paths are named; the rest counted. */
#define PERM_NAMED 10

static int open_path(const char *path, mode_t mode, void *ctx)
{
	struct perm_walk *w = ctx;
	if (w->n++ >= PERM_NAMED)
		return 0;
	char msg[300];
	snprintf(msg, sizeof msg,
		 _("%s is %s by others (mode %04o): records must be private to their owner"),
		 w->what, (mode & 022) ? _("writable") : _("readable"), (unsigned)mode);
	w->rc = report(w->v, CB_V_PERMISSIONS, w->problem, path, msg);
	return w->rc;
}

static int check_perms_of(struct vctx *v, const char *root, const char *what, int problem)
{
	struct perm_walk w = { v, what, problem, 0, 0 };
	cb_perms_check(root, open_path, &w);
	if (w.rc || w.n <= PERM_NAMED) {
		if (w.n && !w.rc) {
			char msg[400];
			snprintf(msg, sizeof msg, _("to make it private: chmod -R go-rwx %s"), root);
			return report(v, CB_V_PERMISSIONS, 0, root, msg);
		}
		return w.rc;
	}
	char msg[400];
	size_t more = w.n - PERM_NAMED;
	snprintf(msg, sizeof msg,
		 ngettext("%zu more path is open to others; to make it private: chmod -R go-rwx %s",
			  "%zu more paths are open to others; to make it private: "
			  "chmod -R go-rwx %s", more), more, root);
	return report(v, CB_V_PERMISSIONS, problem, root, msg);
}

static int check_perms(struct vctx *v)
{
	int rc = check_perms_of(v, v->ws->dir, _("the workspace"), 1);
	char *url = NULL;
	if (!rc && cb_ws_config_get(v->ws, "remote.origin.url", &url) == 0) {
		char *local = cb_perms_local_remote(url);
		if (local)
			rc = check_perms_of(v, local, _("the remote"), 0);
		free(local);
	}
	free(url);
	return rc;
}

static int allowed_signers(struct vctx *v)
{
	char *f = NULL;
	if (cb_ws_config_get(v->ws, "gpg.ssh.allowedSignersFile", &f) != 0 || !f || !*f) {
		free(f);
		return 0;
	}
	if (strncmp(f, "~/", 2) == 0 && getenv("HOME")) {
		const char *home = getenv("HOME");
		char *full = malloc(strlen(home) + strlen(f));
		if (!full) {
			free(f);
			return cb_err(CB_ENOMEM, _("out of memory"));
		}
		sprintf(full, "%s%s", home, f + 1);
		free(f);
		f = full;
	}
	if (access(f, R_OK) != 0) {
		char msg[600];
		snprintf(msg, sizeof msg, _("gpg.ssh.allowedSignersFile %s cannot be read: "
					    "signatures are not verified"), f);
		free(f);
		return report(v, CB_V_SIGNATURE, 1, NULL, msg);
	}
	v->allowed = f;
	return 0;
}

static int walk(struct cb_ws *ws, const git_oid *tip_in, const git_oid *hide,
		cb_verify_fn fn, void *ctx, struct cb_vstats *stats);

int cb_verify(struct cb_ws *ws, cb_verify_fn fn, void *ctx, struct cb_vstats *stats)
{
	return walk(ws, NULL, NULL, fn, ctx, stats);
}

int cb_verify_push(struct cb_ws *ws, const git_oid *old, const git_oid *new_tip,
		   cb_verify_fn fn, void *ctx, struct cb_vstats *stats)
{
	return walk(ws, new_tip, old, fn, ctx, stats);
}

/* tip_in NULL: the workspace's main, with known people from the index and
 * a check against origin/main; else the commits tip_in has that hide (may
 * be NULL) has not, known people from tip_in's own person records. */
static int walk(struct cb_ws *ws, const git_oid *tip_in, const git_oid *hide,
		cb_verify_fn fn, void *ctx, struct cb_vstats *stats)
{
	struct vctx v;
	memset(&v, 0, sizeof v);
	memset(stats, 0, sizeof *stats);
	v.ws = ws;
	v.fn = fn;
	v.ctx = ctx;
	v.st = stats;
	git_oid tip, oid;
	git_revwalk *w = NULL;
	if (tip_in)
		git_oid_cpy(&tip, tip_in);
	else if (cb_store_head(&ws->store, &tip) != 0)
		return 0; /* nothing saved: nothing to doubt */
	size_t n = strlen(ws->dir) + 8;
	v.tmpdir = malloc(n);
	if (!v.tmpdir)
		return cb_err(CB_ENOMEM, _("out of memory"));
	snprintf(v.tmpdir, n, "%s/tmp", ws->dir);
	mkdir(v.tmpdir, 0700);
	int rc = load_known(&v, tip_in);
	if (!rc)
		rc = allowed_signers(&v);
	if (!rc && !tip_in)
		rc = check_origin(&v, &tip);
	if (!rc && !tip_in)
		rc = check_perms(&v);
	if (rc)
		goto out;
	if (git_revwalk_new(&w, ws->store.repo) < 0 ||
	    git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push(w, &tip) < 0 || (hide && git_revwalk_hide(w, hide) < 0)) {
		rc = cb_err_git(CB_ERROR, _("cannot walk the history"));
		goto out;
	}
	while (!rc && git_revwalk_next(&oid, w) == 0) {
		git_commit *c = NULL;
		if (git_commit_lookup(&c, ws->store.repo, &oid) < 0) {
			rc = cb_err_git(CB_ERROR, _("cannot read a commit"));
			break;
		}
		stats->commits++;
		git_oid_tostr(v.hex, sizeof v.hex, &oid);
		v.author = git_commit_author(c);
		rc = check_author(&v);
		if (!rc)
			rc = check_signature(&v, &oid);
		if (!rc)
			rc = check_records(&v, c);
		v.author = NULL;
		git_commit_free(c);
	}
out:
	git_revwalk_free(w);
	set_free(&v.known);
	set_free(&v.checked);
	free(v.allowed);
	free(v.tmpdir);
	return rc;
}
