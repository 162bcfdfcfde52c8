/* asat.c - records as they stood at a moment; see asat.h. */
#include "asat.h"
#include "err.h"
#include "i18n.h"
#include "revs.h"
#include "version.h"

#include <stdio.h>
#include <string.h>

#define NTYPES_MAX 32

static void fill(struct cb_asat *a, const struct cb_history_row *r)
{
	a->found = 1;
	a->deleted = !r->blob || !*r->blob;
	snprintf(a->commit, sizeof a->commit, "%s", r->commit);
	snprintf(a->blob, sizeof a->blob, "%s", r->blob ? r->blob : "");
	snprintf(a->author_name, sizeof a->author_name, "%s", r->author_name ? r->author_name : "");
	snprintf(a->author_email, sizeof a->author_email, "%s", r->author_email ? r->author_email : "");
	a->time = r->time;
	a->tz = r->tz;
}

struct find_ctx {
	struct cb_asat *out;
	int64_t when;
};

/* Rows come newest first: the first at or before T is the one in force. */
static int find_row(const struct cb_history_row *r, void *ctx)
{
	struct find_ctx *fc = ctx;
	if (r->time <= fc->when) {
		fill(fc->out, r);
		return 1; /* stop */
	}
	fc->out->first_time = r->time;
	return 0;
}

int cb_asat_find(struct cb_index *ix, const char *person,
		 const struct cb_record_type *t, int64_t when, struct cb_asat *out)
{
	memset(out, 0, sizeof *out);
	out->type = t;
	struct find_ctx fc = { out, when };
	int rc = cb_index_history(ix, person, t->name, 0, find_row, &fc);
	if (rc < 0)
		return rc;
	if (out->found)
		out->first_time = 0;
	return 0;
}

int cb_asat_read(struct cb_ws *ws, const char *person, const struct cb_record_type *t,
		 int64_t when, struct cb_doc *doc, struct cb_asat *info)
{
	struct cb_asat local;
	struct cb_asat *a = info ? info : &local;
	memset(doc, 0, sizeof *doc);
	int rc = cb_asat_find(&ws->index, person, t, when, a);
	if (rc)
		return rc;
	char at[32], other[32];
	cb_time_format_local(when, at, sizeof at);
	if (!a->found && a->first_time) {
		cb_time_format_local(a->first_time, other, sizeof other);
		return cb_err(CB_ENOTFOUND, _("%s had no %s record at %s: it was first saved at %s"),
			      person, t->name, at, other);
	}
	if (!a->found)
		return cb_err(CB_ENOTFOUND, _("%s has never had a %s record"), person, t->name);
	if (a->deleted) {
		cb_time_format_local(a->time, other, sizeof other);
		return cb_err(CB_ENOTFOUND, _("%s had no %s record at %s: it was deleted at %s "
					      "(commit %.10s)"), person, t->name, at, other, a->commit);
	}
	git_oid blob;
	if (git_oid_fromstr(&blob, a->blob) < 0)
		return cb_err(CB_ERROR, _("the index names a version that is not an object id"));
	struct cb_parse_error perr;
	if (cb_version_parse(ws->store.repo, &blob, t, doc, &perr))
		return cb_err(CB_EINVALID, _("%s/%s as saved in commit %.10s does not parse: %s"),
			      person, t->name, a->commit, perr.msg);
	return 0;
}

struct person_ctx {
	int64_t when;
	struct cb_asat found[NTYPES_MAX];
	size_t ntypes, decided;
	int64_t first_time;
};

static int person_row(const struct cb_history_row *r, void *ctx)
{
	struct person_ctx *pc = ctx;
	if (r->time > pc->when) {
		pc->first_time = r->time;
		return 0;
	}
	for (size_t i = 0; i < pc->ntypes; i++) {
		struct cb_asat *a = &pc->found[i];
		if (a->found || strcmp(a->type->name, r->type) != 0)
			continue;
		fill(a, r);
		/* Every known record decided: older rows cannot matter. */
		return ++pc->decided == pc->ntypes;
	}
	return 0;
}

int cb_asat_person(struct cb_index *ix, const char *person, int64_t when,
		   cb_asat_fn fn, void *ctx)
{
	struct person_ctx pc;
	memset(&pc, 0, sizeof pc);
	pc.when = when;
	for (size_t i = 0; cb_record_types[i] && i < NTYPES_MAX; i++)
		pc.found[pc.ntypes++].type = cb_record_types[i];
	int rc = cb_index_history(ix, person, NULL, 0, person_row, &pc);
	if (rc < 0)
		return rc;
	size_t shown = 0;
	for (size_t i = 0; i < pc.ntypes; i++) {
		if (!pc.found[i].found || pc.found[i].deleted)
			continue;
		shown++;
		if ((rc = fn(&pc.found[i], ctx)))
			return rc;
	}
	if (shown)
		return 0;
	char at[32], other[32];
	cb_time_format_local(when, at, sizeof at);
	if (pc.first_time) {
		cb_time_format_local(pc.first_time, other, sizeof other);
		return cb_err(CB_ENOTFOUND, _("%s had no records at %s: the first was saved at %s"),
			      person, at, other);
	}
	return cb_err(CB_ENOTFOUND, _("%s had no records at %s"), person, at);
}
