/* repo_fixture.h - cmocka fixtures shared by the unit tests that need a
 * repository of their own, made in a scratch directory and removed
 * afterwards: a bare store (tu_repo), or a whole workspace with no
 * identity of its own, the author coming from CASEBOOK_AUTHOR (tu_ws).
 * Header-only, like testutil.h. */
#ifndef CASEBOOK_REPO_FIXTURE_H
#define CASEBOOK_REPO_FIXTURE_H

#include "err.h"
#include "store.h"
#include "testutil.h"
#include "workspace.h"

struct tu_repo {
	char *tmp, *gitdir;
	struct cb_store st;
};

/* For a setup function: *state becomes a struct tu_repo. tag names the
 * scratch directory. */
static inline int tu_repo_open(void **state, const char *tag)
{
	struct tu_repo *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	f->tmp = tu_mkdtemp(tag);
	f->gitdir = f->tmp ? tu_path(f->tmp, "repo.git") : NULL;
	if (!f->gitdir || cb_store_init(f->gitdir) || cb_store_open(&f->st, f->gitdir)) {
		fprintf(stderr, "setup: %s\n", cb_err_msg());
		return -1;
	}
	*state = f;
	return 0;
}

static inline int tu_repo_close(void **state)
{
	struct tu_repo *f = *state;
	cb_store_close(&f->st);
	tu_rmrf(f->tmp);
	free(f->gitdir);
	free(f->tmp);
	free(f);
	return 0;
}

struct tu_ws {
	char *tmp, *dir;
	struct cb_ws ws;
};

/* For a setup function: *state becomes a struct tu_ws, its author and
 * day TU_AUTHOR and TU_TODAY. */
static inline int tu_ws_open(void **state, const char *tag)
{
	struct tu_ws *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	tu_env(TU_AUTHOR, TU_TODAY);
	f->tmp = tu_mkdtemp(tag);
	f->dir = f->tmp ? tu_path(f->tmp, "ws") : NULL;
	if (!f->dir || cb_ws_init(f->dir, NULL, NULL) || cb_ws_open(&f->ws, f->dir)) {
		fprintf(stderr, "setup: %s\n", cb_err_msg());
		return -1;
	}
	*state = f;
	return 0;
}

static inline int tu_ws_close(void **state)
{
	struct tu_ws *f = *state;
	cb_ws_close(&f->ws);
	tu_rmrf(f->tmp);
	free(f->dir);
	free(f->tmp);
	free(f);
	return 0;
}

#endif
