/* repo_fixture.h - a cmocka fixture shared by the unit tests that need a
 * bare repository of their own: made in a scratch directory, opened as a
 * store, closed and removed afterwards. Header-only, like testutil.h. */
#ifndef CASEBOOK_REPO_FIXTURE_H
#define CASEBOOK_REPO_FIXTURE_H

#include "err.h"
#include "store.h"
#include "testutil.h"

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

#endif
