/* unsynced.c - local commits the remote has not seen; see unsynced.h. */
#include "unsynced.h"
#include "err.h"
#include "i18n.h"
#include "id.h"
#include "store.h"
#include "sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRACKING "refs/remotes/origin/main"

static int person_cmp(const void *a, const void *b)
{
	const struct cb_unsynced_person *x = a, *y = b;
	return strcmp(x->id, y->id);
}

static int add_person(struct cb_unsynced *u, size_t *cap, const char *id)
{
	for (size_t i = 0; i < u->n; i++)
		if (strcmp(u->v[i].id, id) == 0) {
			u->v[i].commits++;
			return 0;
		}
	if (u->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		void *nv = realloc(u->v, nc * sizeof *u->v);
		if (!nv)
			return cb_err(CB_ENOMEM, _("out of memory"));
		u->v = nv;
		*cap = nc;
	}
	memcpy(u->v[u->n].id, id, sizeof u->v[u->n].id);
	u->v[u->n].commits = 1;
	u->n++;
	return 0;
}

/* Each "Record: <id>/<type>" trailer line names a person once; a commit
 * naming several records of one person counts once for them. */
static int scan_message(struct cb_unsynced *u, size_t *cap, const char *msg)
{
	char seen[8][11];
	size_t nseen = 0;
	for (const char *line = msg; line && *line;) {
		const char *nl = strchr(line, '\n');
		if (strncmp(line, "Record: ", 8) == 0) {
			char id[11];
			memcpy(id, line + 8, 10);
			id[10] = '\0';
			size_t k = 0;
			while (k < nseen && strcmp(seen[k], id) != 0)
				k++;
			if (strlen(line + 8) >= 11 && line[18] == '/' &&
			    cb_person_id_valid(id) && k == nseen) {
				if (nseen < 8)
					memcpy(seen[nseen++], id, 11);
				int rc = add_person(u, cap, id);
				if (rc)
					return rc;
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	return 0;
}

int cb_unsynced_scan(struct cb_store *st, size_t max, struct cb_unsynced *out)
{
	memset(out, 0, sizeof *out);
	git_oid tracking, head;
	if (git_reference_name_to_id(&tracking, st->repo, TRACKING) != 0)
		return 0;
	out->known = 1;
	if (git_reference_name_to_id(&head, st->repo, CB_BRANCH) != 0)
		return 0;
	if (!max)
		max = 100000;
	git_revwalk *w = NULL;
	size_t cap = 0;
	int rc = 0;
	if (git_revwalk_new(&w, st->repo) < 0 || git_revwalk_push(w, &head) < 0 ||
	    git_revwalk_hide(w, &tracking) < 0) {
		rc = cb_err_git(CB_ERROR, _("cannot compare with the remote"));
		goto out;
	}
	git_oid oid;
	while (out->total < max && git_revwalk_next(&oid, w) == 0) {
		git_commit *c = NULL;
		if (git_commit_lookup(&c, st->repo, &oid) < 0) {
			rc = cb_err_git(CB_ERROR, _("cannot compare with the remote"));
			goto out;
		}
		out->total++;
		rc = scan_message(out, &cap, git_commit_message(c));
		git_commit_free(c);
		if (rc)
			goto out;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, person_cmp);
out:
	git_revwalk_free(w);
	if (rc)
		cb_unsynced_free(out);
	return rc;
}

unsigned cb_unsynced_for(const struct cb_unsynced *u, const char *person_id)
{
	if (!u->n)
		return 0;
	struct cb_unsynced_person key;
	snprintf(key.id, sizeof key.id, "%s", person_id);
	const struct cb_unsynced_person *p =
		bsearch(&key, u->v, u->n, sizeof *u->v, person_cmp);
	return p ? p->commits : 0;
}

void cb_unsynced_free(struct cb_unsynced *u)
{
	free(u->v);
	free(u->c);
	memset(u, 0, sizeof *u);
}

struct conflict_scan {
	struct cb_unsynced *u;
	size_t cap;
	int rc;
};

static int add_conflict(const char *path, void *payload)
{
	struct conflict_scan *cs = payload;
	char id[11], rec[64];
	/* A copy a merge kept beside a record does not parse as a record
	 * path; the person's directory still names whose it is. */
	const char *p = strncmp(path, "people/", 7) == 0 ? path + 7 : NULL;
	if (cb_record_path_parse(path, id, rec) != 0) {
		const char *slash = p ? strchr(p, '/') : NULL;
		slash = slash ? strchr(slash + 1, '/') : NULL;
		if (!slash || strlen(slash + 1) < 10)
			return 0;
		snprintf(id, sizeof id, "%.10s", slash + 1);
	}
	struct cb_unsynced_person *v = cs->u->c;
	size_t n = cs->u->nc;
	/* The paths come sorted, so one person's records are together. */
	if (n && strcmp(v[n - 1].id, id) == 0) {
		v[n - 1].commits++;
		return 0;
	}
	if (n == cs->cap) {
		size_t nc = cs->cap ? cs->cap * 2 : 16;
		void *nv = realloc(v, nc * sizeof *v);
		if (!nv)
			return cs->rc = cb_err(CB_ENOMEM, _("out of memory"));
		cs->u->c = nv;
		cs->cap = nc;
	}
	snprintf(cs->u->c[n].id, sizeof cs->u->c[n].id, "%s", id);
	cs->u->c[n].commits = 1;
	cs->u->nc++;
	return 0;
}

int cb_conflicts_scan(struct cb_ws *ws, struct cb_unsynced *u)
{
	free(u->c);
	u->c = NULL;
	u->nc = 0;
	struct conflict_scan cs = { u, 0, 0 };
	int rc = cb_sync_conflicts(ws, add_conflict, &cs);
	if (cs.rc)
		rc = cs.rc;
	if (!rc && u->nc > 1)
		qsort(u->c, u->nc, sizeof *u->c, person_cmp);
	return rc;
}

unsigned cb_conflicts_for(const struct cb_unsynced *u, const char *person_id)
{
	if (!u->nc)
		return 0;
	struct cb_unsynced_person key;
	snprintf(key.id, sizeof key.id, "%s", person_id);
	const struct cb_unsynced_person *p =
		bsearch(&key, u->c, u->nc, sizeof *u->c, person_cmp);
	return p ? p->commits : 0;
}
