/* ws_read.c - a workspace opened to read its index alone, and what its
 * readers use besides the index: its config settings and its close; see
 * workspace.h. Nothing here starts libgit2 or needs libsodium: whatever
 * needs the repository goes through ws->repo_ops. */
#include "workspace.h"
#include "config_peek.h"
#include "err.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *cb_ws_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* 1 when the repository has a key store (keys.h), read from its ref files
 * without starting libgit2: its index is sealed and needs the store. */
static int encrypted(const char *gitdir)
{
	char path[4200], line[512];
	struct stat sb;
	snprintf(path, sizeof path, "%s/refs/casebook/keys", gitdir);
	if (stat(path, &sb) == 0)
		return 1;
	snprintf(path, sizeof path, "%s/packed-refs", gitdir);
	FILE *f = fopen(path, "re");
	int found = 0;
	while (f && !found && fgets(line, sizeof line, f))
		found = strstr(line, " refs/casebook/keys\n") != NULL;
	if (f)
		fclose(f);
	return found;
}

int cb_ws_open_index_current(struct cb_ws *ws, const char *dir,
			     const struct cb_ws_repo_ops *repo_ops)
{
	memset(ws, 0, sizeof *ws);
	char *gitdir = cb_ws_path(dir, "repo.git");
	char *ix = cb_ws_path(dir, "index.sqlite");
	char hex[41];
	int fast = gitdir && ix && !encrypted(gitdir) && cb_store_peek_branch(gitdir, hex) == 0 &&
		   cb_index_open_current(&ws->index, ix, hex) == 0;
	free(gitdir);
	free(ix);
	if (fast && (ws->dir = strdup(dir)) != NULL) {
		ws->repo_ops = repo_ops;
		return 0;
	}
	cb_index_close_plain(&ws->index);
	return CB_ENOTFOUND;
}

int cb_ws_open_for_index_reads(struct cb_ws *ws, const char *dir,
			       const struct cb_ws_repo_ops *repo_ops)
{
	if (cb_ws_open_index_current(ws, dir, repo_ops) == 0)
		return 0;
	return repo_ops->open(ws, dir);
}

void cb_ws_close(struct cb_ws *ws)
{
	/* The repository's side first: it stores a sealed index. */
	if (ws->repo_ops && ws->repo_ops->close)
		ws->repo_ops->close(ws);
	cb_index_close_plain(&ws->index);
	free(ws->dir);
	free(ws->user_name);
	free(ws->user_email);
	memset(ws, 0, sizeof *ws);
}

/* key as "section.name" (no subsection), or NULL: not one config_peek reads. */
static int split_key(const char *key, char section[64], char name[64])
{
	const char *dot = strchr(key, '.');
	if (!dot || strchr(dot + 1, '.') || (size_t)(dot - key) >= 64 || strlen(dot + 1) >= 64)
		return -1;
	memcpy(section, key, (size_t)(dot - key));
	section[dot - key] = '\0';
	snprintf(name, 64, "%s", dot + 1);
	return 0;
}

int cb_ws_config_get(struct cb_ws *ws, const char *key, char **out)
{
	*out = NULL;
	if (!ws->store.repo) {
		/* Index reads only so far: git's config files read plainly
		 * (an unset setting, such as casebook.accessReason left at its
		 * default, is answered too), the repository only if one of
		 * them is not plain enough for that. */
		char section[64], name[64], *gitdir = cb_ws_path(ws->dir, "repo.git");
		int prc = gitdir && split_key(key, section, name) == 0
				  ? cb_config_peek_all(gitdir, section, name, out) : CB_EINVALID;
		free(gitdir);
		if (prc != CB_EINVALID)
			return prc;
	}
	if (!ws->repo_ops || !ws->repo_ops->config_get)
		return CB_ENOTFOUND;
	return ws->repo_ops->config_get(ws, key, out);
}
