/* export_common.c - what every export shares: progress, the production
 * date and producer, the default path in WS/exports, and reading a
 * record that must validate before it may leave the workbench. */
#include "export.h"
#include "export_read.h"

#include "date.h"
#include "err.h"
#include "i18n.h"
#include "record.h"
#include "sanitize.h"
#include "strbuf.h"
#include "validate.h"
#include "workspace.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cb_export_progress(const struct cb_export_ctx *x, size_t done,
			size_t total, const char *what)
{
	if (x && x->progress)
		x->progress(x->progress_ctx, done, total, what);
}

int cb_export_produced_on(const struct cb_export_ctx *x, char out[11])
{
	struct cb_date d;
	if (x && x->produced_on) {
		if (cb_date_parse(x->produced_on, &d))
			return cb_err(CB_EINVALID, _("--produced-on \"%s\": expected a date YYYY-MM-DD"),
				      x->produced_on);
	} else {
		cb_date_today(&d);
	}
	cb_date_format(&d, out);
	return 0;
}

char *cb_export_produced_by(struct cb_ws *ws, const struct cb_export_ctx *x)
{
	const char *name = x ? x->produced_by : NULL;
	if (!name || !*name) {
		const char *email = NULL;
		if (cb_ws_author(ws, &name, &email))
			return NULL;
	}
	char *s = strdup(name);
	if (!s)
		cb_err(CB_ENOMEM, _("out of memory"));
	return s;
}

char *cb_export_default_path(struct cb_ws *ws, const struct cb_export_def *e,
			     const char *person_id)
{
	struct cb_sb sb = CB_SB_INIT;
	cb_sb_addf(&sb, "%s/exports", ws->dir);
	if (cb_sb_failed(&sb)) {
		cb_err(CB_ENOMEM, _("out of memory"));
		return NULL;
	}
	/* Exports hold special category data: the directory is private
	 * whatever the umask, and an existing one is tightened. */
	if (mkdir(sb.buf, 0700) != 0 && errno != EEXIST) {
		cb_err(CB_ERROR, _("cannot make %s: %s"), sb.buf, strerror(errno));
		cb_sb_free(&sb);
		return NULL;
	}
	if (chmod(sb.buf, 0700) != 0) {
		cb_err(CB_ERROR, _("cannot make %s private: %s"), sb.buf, strerror(errno));
		cb_sb_free(&sb);
		return NULL;
	}
	cb_sb_addf(&sb, "/%s-%s.%s", person_id ? person_id : "caseload", e->name, e->ext);
	if (cb_sb_failed(&sb)) {
		cb_err(CB_ENOMEM, _("out of memory"));
		return NULL;
	}
	return cb_sb_take(&sb);
}

const struct cb_export_def *cb_export_find(const char *name)
{
	for (size_t i = 0; cb_exports[i].name; i++)
		if (strcmp(cb_exports[i].name, name) == 0)
			return &cb_exports[i];
	return NULL;
}

/* "line 12: entry 4F2K: Date: no such date" for the first problem. */
static int refuse(const char *person_id, const struct cb_record_type *t,
		  const struct cb_doc *doc, const struct cb_problems *p)
{
	const struct cb_problem *pr = &p->v[0];
	const struct cb_stanza *s = pr->stanza < doc->nstanzas ? &doc->stanzas[pr->stanza] : NULL;
	const char *item = s && pr->stanza > 0 ? cb_stanza_get(s, "Id") : NULL;
	struct cb_sb sb = CB_SB_INIT;
	cb_sb_addf(&sb, "%s/%s", person_id, t->name);
	if (item)
		cb_sb_addf(&sb, _(", item %s"), item);
	if (pr->field)
		cb_sb_addf(&sb, _(", field %s"), pr->field);
	const char *where = cb_sb_failed(&sb) ? person_id : sb.buf;
	int rc = cb_err(CB_EINVALID, _("%s does not validate (%s); nothing was exported. "
				       "Correct it with casebook edit %s/%s"),
			where, pr->msg, person_id, t->name);
	cb_sb_free(&sb);
	return rc;
}

int cb_export_read(struct cb_ws *ws, const char *person_id, const char *type,
		   struct cb_doc *doc, int *exists)
{
	const struct cb_record_type *t = cb_record_type_find(type);
	if (!t)
		return cb_err(CB_ENOTFOUND, _("no record type %s"), type);
	int ex = 0;
	int rc = cb_ws_read(ws, NULL, person_id, t, doc, &ex);
	if (rc)
		return rc;
	if (exists)
		*exists = ex;
	if (!ex)
		return 0;
	struct cb_problems p = { 0 };
	rc = cb_validate(doc, t, person_id, &p);
	if (rc == CB_EINVALID && p.n > 0)
		rc = refuse(person_id, t, doc, &p);
	else if (rc)
		rc = cb_err(rc, _("out of memory"));
	cb_problems_free(&p);
	if (rc)
		cb_doc_free(doc);
	return rc;
}

char *cb_export_clean(const char *s)
{
	char *c = cb_sanitize(s ? s : "", 0);
	if (!c) {
		cb_err(CB_ENOMEM, _("out of memory"));
		return NULL;
	}
	for (char *p = c; *p; p++)
		if (*p == '\t')
			*p = ' ';
	return c;
}

/* A temporary name beside path, so that the rename stays on one file
 * system: "path.tmpXXXXXX". */
int cb_export_write_file(const char *path, const char *text, size_t len)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 11);
	if (!tmp)
		return cb_err(CB_ENOMEM, _("out of memory"));
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".tmpXXXXXX", 11);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int rc = cb_err(CB_ERROR, _("cannot write %s: %s"), path, strerror(errno));
		free(tmp);
		return rc;
	}
	size_t off = 0;
	int ok = 1;
	while (ok && off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			ok = 0;
		else
			off += (size_t)w;
	}
	int saved = errno;
	if (ok && fsync(fd) != 0) {
		ok = 0;
		saved = errno;
	}
	if (close(fd) != 0 && ok) {
		ok = 0;
		saved = errno;
	}
	if (ok && rename(tmp, path) != 0) {
		ok = 0;
		saved = errno;
	}
	if (!ok) {
		unlink(tmp);
		free(tmp);
		return cb_err(CB_ERROR, _("cannot write %s: %s"), path, strerror(saved));
	}
	free(tmp);
	return 0;
}
