/* review.c - review marks and the changes since them; see review.h. */
#include "review.h"
#include "changes.h"
#include "err.h"
#include "i18n.h"
#include "strbuf.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cb_review_ref(const char *email, char *out, size_t n)
{
	size_t len = email ? strlen(email) : 0;
	if (len == 0)
		return cb_err(CB_EINVALID, _("the reviewer has no email address"));
	struct cb_sb sb = CB_SB_INIT;
	cb_sb_adds(&sb, CB_REVIEW_REF_PREFIX);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)email[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch + 32);
		int plain = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
			    ch == '-' || ch == '_' || ch == '+' || ch == '@';
		/* A dot is safe except first, last, after another dot, or
		 * starting a final ".lock": git refuses those names. */
		if (ch == '.')
			plain = i > 0 && i + 1 < len && email[i - 1] != '.' &&
				strcmp(email + i, ".lock") != 0;
		if (plain)
			cb_sb_addc(&sb, (char)ch);
		else
			cb_sb_addf(&sb, "=%02x", ch);
	}
	int rc = 0, valid = 0;
	if (cb_sb_failed(&sb))
		rc = cb_err(CB_ENOMEM, _("out of memory"));
	else if (sb.len >= n || git_reference_name_is_valid(&valid, sb.buf) < 0 || !valid)
		rc = cb_err(CB_EINVALID, _("cannot make a review mark name for \"%s\""), email);
	else
		memcpy(out, sb.buf, sb.len + 1);
	cb_sb_free(&sb);
	return rc;
}

int cb_review_mark(git_repository *repo, const char *email, git_oid *out)
{
	char name[512];
	int rc = cb_review_ref(email, name, sizeof name);
	if (rc)
		return rc;
	int grc = git_reference_name_to_id(out, repo, name);
	if (grc == GIT_ENOTFOUND)
		return CB_ENOTFOUND;
	if (grc < 0)
		return cb_err_git(CB_ERROR, _("cannot read the review mark"));
	return 0;
}

int cb_review_set_mark(struct cb_ws *ws, const char *email, const git_oid *to,
		       const git_oid *expected)
{
	if (cb_ws_read_only(ws))
		return cb_err(CB_EREADONLY, _("this workspace is read-only: the review mark "
					      "cannot move"));
	char name[512];
	int rc = cb_review_ref(email, name, sizeof name);
	if (rc)
		return rc;
	git_commit *c = NULL;
	if (git_commit_lookup(&c, ws->store.repo, to) < 0)
		return cb_err_git(CB_ENOTFOUND, _("the review mark must name a commit"));
	git_commit_free(c);
	git_reference *ref = NULL;
	char msg[128];
	snprintf(msg, sizeof msg, "casebook: reviewed up to %.10s", git_oid_tostr_s(to));
	int grc = expected
		? git_reference_create_matching(&ref, ws->store.repo, name, to, 1, expected, msg)
		: git_reference_create(&ref, ws->store.repo, name, to, 1, msg);
	git_reference_free(ref);
	if (grc == GIT_EMODIFIED || grc == GIT_ELOCKED)
		return cb_err(CB_ECONFLICT, _("the review mark moved meanwhile; try again"));
	if (grc < 0)
		return cb_err_git(CB_ERROR, _("cannot move the review mark"));
	return 0;
}

/* ---- what changed for a team ---- */

struct member {
	char id[11];
	char *name;
};

struct rctx {
	struct cb_ws *ws;
	struct member *m;
	size_t nm, capm;
	git_oid *fresh;       /* commits after the mark, sorted; NULL = all */
	size_t nfresh;
	int all;
	cb_review_fn fn;
	void *ctx;
	char last_person[11];
	size_t people;
	/* per record, while scanning its history */
	struct cb_sb authors;
	size_t saves;
	int64_t last_time;
};

static int add_member(const struct cb_person_row *r, void *ctx)
{
	struct rctx *rc = ctx;
	if (rc->nm == rc->capm) {
		size_t cap = rc->capm ? rc->capm * 2 : 32;
		struct member *v = realloc(rc->m, cap * sizeof *v);
		if (!v)
			return cb_err(CB_ENOMEM, _("out of memory"));
		rc->m = v;
		rc->capm = cap;
	}
	snprintf(rc->m[rc->nm].id, sizeof rc->m[rc->nm].id, "%s", r->id);
	rc->m[rc->nm].name = strdup(r->name ? r->name : "");
	if (!rc->m[rc->nm].name)
		return cb_err(CB_ENOMEM, _("out of memory"));
	rc->nm++;
	return 0;
}

static int member_cmp(const void *a, const void *b)
{
	return strcmp(((const struct member *)a)->id, ((const struct member *)b)->id);
}

static int oid_cmp(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

/* Every commit reachable from to and not from from: O(commits since the
 * mark), once per review. */
static int fresh_commits(struct rctx *rc, const git_oid *from, const git_oid *to)
{
	git_revwalk *w = NULL;
	size_t cap = 64;
	rc->fresh = malloc(cap * sizeof *rc->fresh);
	if (!rc->fresh)
		return cb_err(CB_ENOMEM, _("out of memory"));
	if (git_revwalk_new(&w, rc->ws->store.repo) < 0 || git_revwalk_push(w, to) < 0 ||
	    git_revwalk_hide(w, from) < 0) {
		git_revwalk_free(w);
		return cb_err_git(CB_ERROR, _("cannot walk the history"));
	}
	git_oid oid;
	int rcode = 0;
	while (git_revwalk_next(&oid, w) == 0) {
		if (rc->nfresh == cap) {
			cap *= 2;
			git_oid *v = realloc(rc->fresh, cap * sizeof *v);
			if (!v) {
				rcode = cb_err(CB_ENOMEM, _("out of memory"));
				break;
			}
			rc->fresh = v;
		}
		rc->fresh[rc->nfresh++] = oid;
	}
	git_revwalk_free(w);
	qsort(rc->fresh, rc->nfresh, sizeof *rc->fresh, oid_cmp);
	return rcode;
}

static int is_fresh(const struct rctx *rc, const char *hex)
{
	git_oid oid;
	if (rc->all)
		return 1;
	return git_oid_fromstr(&oid, hex) == 0 &&
	       bsearch(&oid, rc->fresh, rc->nfresh, sizeof oid, oid_cmp) != NULL;
}

static int saw_row(const struct cb_history_row *r, void *ctx)
{
	struct rctx *rc = ctx;
	if (!is_fresh(rc, r->commit))
		return 0;
	rc->saves++;
	if (r->time > rc->last_time)
		rc->last_time = r->time;
	const char *name = r->author_name ? r->author_name : "";
	/* Each author once, in the order met (newest first). */
	const char *p = rc->authors.buf;
	size_t n = strlen(name);
	while (p && *p) {
		const char *end = strstr(p, ", ");
		size_t k = end ? (size_t)(end - p) : strlen(p);
		if (k == n && strncmp(p, name, n) == 0)
			return 0;
		p = end ? end + 2 : NULL;
	}
	if (rc->authors.len)
		cb_sb_adds(&rc->authors, ", ");
	cb_sb_adds(&rc->authors, name);
	return 0;
}

static int on_change(const struct cb_change *ch, void *ctx)
{
	struct rctx *rc = ctx;
	struct member key;
	snprintf(key.id, sizeof key.id, "%s", ch->person);
	const struct member *m = bsearch(&key, rc->m, rc->nm, sizeof *rc->m, member_cmp);
	const struct cb_record_type *t = cb_record_type_find(ch->record);
	if (!m || !t)
		return 0;
	struct cb_recdiff d;
	struct cb_review_item it = { .person = m->id, .name = m->name, .type = t };
	char problem[512] = "";
	if (cb_version_diff(rc->ws->store.repo, t, ch->has_old ? &ch->old_blob : NULL,
			    ch->has_new ? &ch->new_blob : NULL, &d)) {
		snprintf(problem, sizeof problem, "%s", cb_err_msg());
		it.problem = problem;
	} else if (d.change == CB_RD_SAME) {
		cb_recdiff_free(&d);
		return 0;
	} else {
		it.diff = &d;
	}
	cb_sb_reset(&rc->authors);
	rc->saves = 0;
	rc->last_time = 0;
	int r = cb_index_history(&rc->ws->index, m->id, t->name, 0, saw_row, rc);
	if (!r && cb_sb_failed(&rc->authors))
		r = cb_err(CB_ENOMEM, _("out of memory"));
	it.saves = rc->saves;
	it.authors = rc->authors.buf ? rc->authors.buf : "";
	it.last_time = rc->last_time;
	if (!r && strcmp(rc->last_person, m->id) != 0) {
		rc->people++;
		snprintf(rc->last_person, sizeof rc->last_person, "%s", m->id);
	}
	if (!r)
		r = rc->fn(&it, rc->ctx);
	if (it.diff)
		cb_recdiff_free(&d);
	return r;
}

int cb_review_changes(struct cb_ws *ws, const char *team, const git_oid *from,
		      const git_oid *to, cb_review_fn fn, void *ctx, size_t *people)
{
	struct rctx rc;
	memset(&rc, 0, sizeof rc);
	rc.ws = ws;
	rc.fn = fn;
	rc.ctx = ctx;
	rc.all = from == NULL;
	int r = cb_index_people(&ws->index, NULL, team, add_member, &rc);
	if (!r)
		qsort(rc.m, rc.nm, sizeof *rc.m, member_cmp);
	if (!r && from)
		r = fresh_commits(&rc, from, to);
	if (!r && rc.nm)
		r = cb_changes(ws->store.repo, from, to, NULL, NULL, on_change, &rc);
	if (people)
		*people = rc.people;
	for (size_t i = 0; i < rc.nm; i++)
		free(rc.m[i].name);
	free(rc.m);
	free(rc.fresh);
	cb_sb_free(&rc.authors);
	return r;
}
