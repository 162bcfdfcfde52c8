/* merge_tree.c - merging two commits' trees with the record-aware merge:
 * git's tree merge in memory, then each conflicting record file merged
 * field by field with cb_merge_record (merge.c); see cb_merge_commits in
 * merge.h. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "merge.h"
#include "blob.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "i18n.h"
#include "record.h"
#include "strbuf.h"

/* A text that does not parse is kept beside the record under this
 * suffix and this many hex digits of its blob id. */
#define SIDE_SUFFIX ".conflict-"
#define SIDE_HEX 12

/* ---- merging one file's three texts ---- */

/* Records of a type this version does not know (written by a newer one)
 * still merge: header first, items by Id, fields by name. */
static const struct cb_stanza_def generic_header = { NULL, "", NULL, 0, NULL };
static const struct cb_record_type generic_type = {
	"", "", &generic_header, NULL, 0, NULL, NULL, NULL
};

struct text {
	const char *p;
	size_t n;
	int present;
	git_oid id;
};

/* Parses x as a record of type ty (file name name). *ok = 0 when it does
 * not parse; only running out of memory is an error. */
static int parse_text(const struct text *x, const struct cb_record_type *ty,
		      const char *name, struct cb_doc *out, int *ok)
{
	int rc;
	*ok = 0;
	memset(out, 0, sizeof *out);
	if (!x->present)
		return 0;
	if (ty == &generic_type) {
		rc = cb_doc_parse(out, x->p, x->n, NULL);
		if (!rc)
			cb_record_canonicalise(out, ty);
	} else {
		rc = cb_record_parse(out, x->p, x->n, name, NULL, NULL);
	}
	*ok = rc == 0;
	return rc == CB_ENOMEM ? rc : 0;
}

static int index_put(git_repository *repo, git_index *idx, const char *path,
		     const char *data, size_t len)
{
	git_index_entry e;
	memset(&e, 0, sizeof e);
	int rc = cb_blob_write(repo, path, data, len, &e.id);
	if (rc)
		return cb_err(rc, _("cannot store a merged record: %s"), cb_err_msg());
	e.mode = GIT_FILEMODE_BLOB;
	e.path = path;
	if (git_index_add(idx, &e) < 0)
		return cb_err_git(CB_ERROR, _("cannot store a merged record"));
	return 0;
}

static int text_cmp(const struct text *a, const struct text *b)
{
	size_t n = a->n < b->n ? a->n : b->n;
	int c = n ? memcmp(a->p, b->p, n) : 0;
	return c ? c : (a->n > b->n) - (a->n < b->n);
}

/* A side's text does not parse, so nothing can be merged field by field:
 * both texts are kept whole. The one that parses (else the bytewise
 * smaller) stays at the path; the other goes beside it, named by its blob
 * id so that both laptops choose the same name. */
static int keep_whole(git_repository *repo, git_index *idx, const char *path,
		      const struct text *o, int ok_o, const struct text *t,
		      int ok_t, size_t *nconflicts)
{
	const struct text *stay = o, *aside = t;
	int theirs_first = ok_o != ok_t ? ok_t : text_cmp(t, o) < 0;
	if (!o->present || !t->present) {
		stay = o->present ? o : t;
		aside = NULL;
	} else if (theirs_first) {
		stay = t;
		aside = o;
	}
	int rc = index_put(repo, idx, path, stay->p, stay->n);
	if (!rc && aside) {
		char hex[GIT_OID_HEXSZ + 1];
		struct cb_sb sb = CB_SB_INIT;
		git_oid_tostr(hex, sizeof hex, &aside->id);
		cb_sb_addf(&sb, "%s%s%.*s", path, SIDE_SUFFIX, SIDE_HEX, hex);
		if (cb_sb_failed(&sb))
			rc = cb_err(CB_ENOMEM, _("out of memory"));
		else
			rc = index_put(repo, idx, sb.buf, aside->p, aside->n);
		cb_sb_free(&sb);
	}
	*nconflicts += 1;
	return rc;
}

static int write_merged(git_repository *repo, git_index *idx, const char *path,
			const struct cb_doc *doc, const struct cb_record_type *ty)
{
	if (doc->nstanzas == 0)
		return 0; /* deleted: the conflict entries are already gone */
	size_t len;
	char *text = cb_record_serialise(doc, ty, &len);
	if (!text)
		return cb_err(CB_ENOMEM, _("out of memory"));
	int rc = index_put(repo, idx, path, text, len);
	free(text);
	return rc;
}

/* Merges one conflicting file under people/ from its three texts. */
static int merge_texts(git_repository *repo, git_index *idx, const char *path,
		       const struct text x[3], size_t *nconflicts)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const struct cb_record_type *ty = cb_record_type_find(name);
	struct cb_doc d[3], out;
	int ok[3], rc = 0;
	size_t n = 0;
	if (!ty)
		ty = &generic_type;
	for (int k = 0; k < 3; k++) {
		int r = parse_text(&x[k], ty, name, &d[k], &ok[k]);
		if (r && !rc)
			rc = r;
	}
	if (rc)
		goto done;
	if ((x[1].present && !ok[1]) || (x[2].present && !ok[2])) {
		rc = keep_whole(repo, idx, path, &x[1], ok[1], &x[2], ok[2], nconflicts);
		goto done;
	}
	/* An unparseable base is no base: both sides then count as new. */
	rc = cb_merge_record(ok[0] ? &d[0] : NULL, ok[1] ? &d[1] : NULL,
			     ok[2] ? &d[2] : NULL, ty, &out, &n);
	if (!rc) {
		rc = write_merged(repo, idx, path, &out, ty);
		*nconflicts += n;
		cb_doc_free(&out);
	}
done:
	for (int k = 0; k < 3; k++)
		cb_doc_free(&d[k]);
	return rc;
}

/* ---- merging commits ---- */

struct centry {
	char *path;
	int present[3];   /* ancestor, ours, theirs */
	git_oid id[3];
	unsigned mode[3];
};

static void centries_free(struct centry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

static int centry_fill(struct centry *c, const git_index_entry *e[3])
{
	memset(c, 0, sizeof *c);
	for (int k = 0; k < 3; k++) {
		if (!e[k])
			continue;
		c->present[k] = 1;
		git_oid_cpy(&c->id[k], &e[k]->id);
		c->mode[k] = e[k]->mode;
		if (!c->path && !(c->path = strdup(e[k]->path)))
			return CB_ENOMEM;
	}
	return 0;
}

/* Copies the conflicts out first: the index must not change while its
 * conflict iterator is in use. */
static int collect_conflicts(git_index *idx, struct centry **out, size_t *n)
{
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *e[3];
	size_t cap = 0;
	int gerr, nomem = 0;
	*out = NULL;
	*n = 0;
	if (git_index_conflict_iterator_new(&it, idx) < 0)
		return cb_err_git(CB_ERROR, _("cannot read the merge result"));
	while ((gerr = git_index_conflict_next(&e[0], &e[1], &e[2], it)) == 0) {
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct centry *v = realloc(*out, ncap * sizeof *v);
			if (!v) {
				nomem = 1;
				break;
			}
			*out = v;
			cap = ncap;
		}
		if (centry_fill(&(*out)[*n], e)) {
			nomem = 1; /* only the path copy fails, leaving it NULL */
			break;
		}
		(*n)++;
	}
	git_index_conflict_iterator_free(it);
	if (nomem)
		return cb_err(CB_ENOMEM, _("out of memory"));
	if (gerr != GIT_ITEROVER)
		return cb_err_git(CB_ERROR, _("cannot read the merge result"));
	return 0;
}

/* Records are plain files; anything else under people/ (a link, a
 * submodule) is left to the "keep ours" rule. */
static int is_record_entry(const struct centry *c)
{
	if (!c->path || strncmp(c->path, "people/", 7) != 0)
		return 0;
	for (int k = 0; k < 3; k++)
		if (c->present[k] && c->mode[k] != GIT_FILEMODE_BLOB &&
		    c->mode[k] != GIT_FILEMODE_BLOB_EXECUTABLE)
			return 0;
	return 1;
}

static int keep_ours(git_index *idx, const struct centry *c, size_t *nconflicts)
{
	*nconflicts += 1;
	if (!c->present[1])
		return 0;
	git_index_entry e;
	memset(&e, 0, sizeof e);
	e.mode = c->mode[1];
	e.path = c->path;
	git_oid_cpy(&e.id, &c->id[1]);
	return git_index_add(idx, &e) < 0
		? cb_err_git(CB_ERROR, _("cannot store a merged file")) : 0;
}

static int resolve_record(git_repository *repo, git_index *idx,
			  const struct centry *c, size_t *nconflicts)
{
	char *blob[3] = { NULL, NULL, NULL };
	struct text x[3];
	int rc = 0;
	for (int k = 0; k < 3; k++) {
		memset(&x[k], 0, sizeof x[k]);
		if (!c->present[k])
			continue;
		if ((rc = cb_blob_read(repo, &c->id[k], &blob[k], &x[k].n))) {
			rc = cb_err(rc, _("cannot read a record to merge: %s"), cb_err_msg());
			break;
		}
		x[k].p = blob[k];
		x[k].present = 1;
		git_oid_cpy(&x[k].id, &c->id[k]);
	}
	if (!rc)
		rc = merge_texts(repo, idx, c->path, x, nconflicts);
	for (int k = 0; k < 3; k++)
		free(blob[k]);
	return rc;
}

static int resolve_all(git_repository *repo, git_index *idx, size_t *nconflicts)
{
	struct centry *v;
	size_t n;
	int rc = collect_conflicts(idx, &v, &n);
	for (size_t i = 0; !rc && i < n; i++) {
		if (!v[i].path)
			continue; /* a conflict always has a side; never seen */
		if (git_index_conflict_remove(idx, v[i].path) < 0) {
			rc = cb_err_git(CB_ERROR, _("cannot store a merged file"));
			break;
		}
		if (is_record_entry(&v[i]))
			rc = resolve_record(repo, idx, &v[i], nconflicts);
		else
			rc = keep_ours(idx, &v[i], nconflicts);
	}
	centries_free(v, n);
	return rc;
}

static int tree_merge(git_repository *repo, const git_oid *ours,
		      const git_oid *theirs, git_index **idx)
{
	git_commit *co = NULL, *ct = NULL;
	git_merge_options opts = GIT_MERGE_OPTIONS_INIT;
	int rc = 0;
	/* No rename detection: a deleted record and a new one that looks
	 * like it are two records, not one that moved. The binary driver
	 * leaves every file changed on both sides as a conflict, so git never
	 * merges record text line by line behind our back. */
	opts.flags = GIT_MERGE_SKIP_REUC;
	opts.default_driver = "binary";
	if (git_commit_lookup(&co, repo, ours) < 0 ||
	    git_commit_lookup(&ct, repo, theirs) < 0)
		rc = cb_err_git(CB_ENOTFOUND, _("cannot find a commit to merge"));
	else if (git_merge_commits(idx, repo, co, ct, &opts) < 0)
		rc = cb_err_git(CB_ERROR, _("cannot merge"));
	git_commit_free(co);
	git_commit_free(ct);
	return rc;
}

int cb_merge_commits(git_repository *repo, const git_oid *ours,
		     const git_oid *theirs, git_oid *out_tree,
		     size_t *nconflicts)
{
	git_index *idx = NULL;
	size_t n = 0;
	int rc = tree_merge(repo, ours, theirs, &idx);
	if (!rc)
		rc = resolve_all(repo, idx, &n);
	if (!rc && git_index_has_conflicts(idx))
		rc = cb_err(CB_ERROR, _("merge left unresolved files"));
	if (!rc && git_index_write_tree_to(out_tree, idx, repo) < 0)
		rc = cb_err_git(CB_ERROR, _("cannot write the merged tree"));
	git_index_free(idx);
	if (nconflicts)
		*nconflicts = rc ? 0 : n;
	return rc;
}
