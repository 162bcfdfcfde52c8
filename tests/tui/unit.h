/* unit.h - what the workbench's unit tests share: a scratch workspace
 * with a fixed author and date, removed afterwards, and a quick way to
 * add people to it. Header-only: each test program includes it once. */
#ifndef CASEBOOK_TUI_UNIT_H
#define CASEBOOK_TUI_UNIT_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "record.h"
#include "workspace.h"

#define UT_TODAY "2026-05-01"
#define UT_AUTHOR "Sam Patel <sam.patel@example.org>"

struct ut_ws {
	char *dir;     /* the scratch directory */
	char *wsdir;   /* the workspace inside it */
	struct cb_ws ws;
};

static int ut_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return (flag == FTW_DP || flag == FTW_D) ? rmdir(path) : unlink(path);
}

static inline void ut_env(void)
{
	setenv("CASEBOOK_AUTHOR", UT_AUTHOR, 1);
	setenv("CASEBOOK_TODAY", UT_TODAY, 1);
	setenv("TZ", "UTC", 1);
}

/* A fresh, empty workspace; NULL on failure (the test then fails). */
static inline struct ut_ws *ut_ws_new(void)
{
	ut_env();
	struct ut_ws *u = calloc(1, sizeof *u);
	const char *base = getenv("TMPDIR");
	char tmpl[4096];
	snprintf(tmpl, sizeof tmpl, "%s/casebook-tui-unit-XXXXXX", base && *base ? base : "/tmp");
	if (!u || !mkdtemp(tmpl))
		return NULL;
	u->dir = strdup(tmpl);
	size_t n = strlen(tmpl) + 8;
	u->wsdir = malloc(n);
	snprintf(u->wsdir, n, "%s/ws", tmpl);
	if (cb_ws_init(u->wsdir, NULL, UT_AUTHOR) || cb_ws_open(&u->ws, u->wsdir)) {
		fprintf(stderr, "workspace: %s\n", cb_err_msg());
		return NULL;
	}
	return u;
}

static inline void ut_ws_free(struct ut_ws *u)
{
	if (!u)
		return;
	cb_ws_close(&u->ws);
	nftw(u->dir, ut_rm, 16, FTW_DEPTH | FTW_PHYS);
	free(u->dir);
	free(u->wsdir);
	free(u);
}

/* Saves a person record; id is a fixed valid person id. Returns 0. */
static inline int ut_person(struct ut_ws *u, const char *id, const char *name,
			    const char *dob, const char *status, const char *worker,
			    const char *team)
{
	const struct cb_record_type *t = cb_record_type_find("person");
	struct cb_doc d;
	if (cb_record_new(&d, t, id))
		return -1;
	struct cb_stanza *h = &d.stanzas[0];
	int rc = cb_stanza_set(h, "Name", name) || cb_stanza_set(h, "Date-Of-Birth", dob) ||
		 cb_stanza_set(h, "Status", status) ||
		 (worker && cb_stanza_set(h, "Worker", worker)) ||
		 (team && cb_stanza_set(h, "Team", team));
	struct cb_save sv = { id, t, &d };
	int made = 0;
	if (!rc)
		rc = cb_ws_save(&u->ws, &sv, 1, "Add person", NULL, 0, NULL, &made);
	cb_doc_free(&d);
	if (rc)
		fprintf(stderr, "ut_person: %s\n", cb_err_msg());
	return rc;
}

#endif
