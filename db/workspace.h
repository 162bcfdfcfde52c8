/* workspace.h - a workspace: the git store, its index, drafts, identity.
 *
 * Layout of DIR (0700): repo.git (bare repository: the source of truth),
 * index.sqlite (derived), drafts.sqlite (unsaved edits), tmp/ (private
 * scratch space for $EDITOR files). Identity (user.name, user.email) and
 * the remote ("origin") live in repo.git's git config. */
#ifndef CASEBOOK_WORKSPACE_H
#define CASEBOOK_WORKSPACE_H

#include "deb822.h"
#include "drafts.h"
#include "index.h"
#include "schema.h"
#include "store.h"

struct cb_ws;

/* The side of a workspace that needs its git repository. Reading the
 * index alone (ws_read.c, ws_author.c and what they use: libcbread.a)
 * does not link libgit2, so it reaches the repository only through
 * these, given by whoever opens the workspace: cb_ws_repo_git (below,
 * workspace.c) opens the repository; the front program's (src/front.c)
 * hand the whole command over to the full program instead. */
struct cb_ws_repo_ops {
	/* Opens the workspace whole, as cb_ws_open does. */
	int (*open)(struct cb_ws *ws, const char *dir);
	/* A git config setting that cannot be read plainly from the files
	 * (config_peek.h); as cb_ws_config_get. */
	int (*config_get)(struct cb_ws *ws, const char *key, char **out);
	/* Closes the store, the drafts and the index (a sealed index is
	 * stored); NULL when there is nothing but a plain index. */
	void (*close)(struct cb_ws *ws);
};
/* The repository through libgit2. */
extern const struct cb_ws_repo_ops cb_ws_repo_git;

struct cb_ws {
	char *dir;
	struct cb_store store;
	struct cb_index index;
	struct cb_drafts drafts;
	char *user_name, *user_email; /* from CASEBOOK_AUTHOR or config */
	/* Something that went wrong after a save was already durable (the
	 * index could not follow): not an error, but worth telling. Left for
	 * the caller to show, since a terminal screen may be up. */
	char warning[256];
	const struct cb_ws_repo_ops *repo_ops;
};

/* Creates DIR (must not exist or be empty) with an empty repository.
 * user is "Name <email>" or NULL; remote may be NULL. */
int cb_ws_init(const char *dir, const char *remote, const char *user);
/* Opens a workspace; brings the index up to date. repo_ops is
 * cb_ws_repo_git. */
int cb_ws_open(struct cb_ws *ws, const char *dir);
/* Closes a workspace however it was opened (ws_read.c). */
void cb_ws_close(struct cb_ws *ws);
/* For commands that only read the index (log): when the index is already
 * up to date with the branch, opens just the index, leaving the store and
 * drafts closed (store.repo NULL) and libgit2 not started; otherwise
 * repo_ops->open (cb_ws_open for cb_ws_repo_git). Besides ws->index only
 * cb_ws_author and cb_ws_config_get (and with cb_ws_repo_git
 * cb_ws_config_set, which opens the repository) may be used; nothing else
 * unless ws->store.repo is set. */
int cb_ws_open_for_index_reads(struct cb_ws *ws, const char *dir,
			       const struct cb_ws_repo_ops *repo_ops);
/* Only the first half of that: 0 with just the index open, or
 * CB_ENOTFOUND (nothing left open) when the workspace is encrypted or its
 * index is missing, of another schema or not current with the branch. */
int cb_ws_open_index_current(struct cb_ws *ws, const char *dir,
			     const struct cb_ws_repo_ops *repo_ops);
/* dir/name, malloc'd (NULL when out of memory). */
char *cb_ws_path(const char *dir, const char *name);

/* The author for saves: CASEBOOK_AUTHOR, else the workspace's user.
 * CB_EINVALID with a message saying how to set one when neither is set. */
int cb_ws_author(struct cb_ws *ws, const char **name, const char **email);

/* Parses "Name <email>" into malloc'd parts. */
int cb_identity_parse(const char *s, char **name, char **email);

/* Reads a record at the tip (or commit when non-NULL) into *out. *exists
 * is 0 (and *out a new record with defaults) when the person has none. */
int cb_ws_read(struct cb_ws *ws, const git_oid *commit, const char *person_id,
	       const struct cb_record_type *t, struct cb_doc *out, int *exists);

struct cb_save {
	const char *person_id;
	const struct cb_record_type *type;
	const struct cb_doc *doc; /* new version; NULL deletes the record */
};

/* Saves records as one commit on top of base (the tip the caller read the
 * records at; NULL = the current tip). Message: summary, then trailers
 * "Record: <id>/<type>" and "Fields: <changed>" per record. Records are
 * written canonical. *made is 0 when nothing changed (no commit).
 * CB_ECONFLICT when the tip moved from base: re-read and try again.
 * when = 0 means now. On success the index has the commit. */
int cb_ws_save(struct cb_ws *ws, const struct cb_save *saves, size_t n,
	       const char *summary, const git_oid *base, int64_t when,
	       git_oid *out_commit, int *made);

/* The current tip (zero oid when the repository is empty). */
void cb_ws_tip(struct cb_ws *ws, git_oid *out);

/* Read-only mode, for auditors: a workspace opened read-only refuses
 * every save (CB_EREADONLY from the store) and every move of a review
 * mark. It is on when the process asked for it (casebook --read-only calls
 * cb_ws_force_read_only before opening) or when the repository's git
 * config says casebook.readonly=true (an auditor's workspace). The index
 * may still be brought up to date: it is derived, not a record. */
void cb_ws_force_read_only(int on);
/* 1 when opened read-only (either way). */
int cb_ws_read_only(const struct cb_ws *ws);
/* 1 when --read-only was given or the workspace at dir has
 * casebook.readonly=true; 0 otherwise (also when dir is NULL or no
 * workspace).
 * Reads only the git config, so a command can refuse before it starts. */
int cb_ws_dir_read_only(const char *dir);

/* git config of the workspace's repository (borrowed handles inside).
 * *out malloc'd; CB_ENOTFOUND when not set. Reads the files plainly
 * when it can (config_peek.h) and the store is not open; else through
 * ws->repo_ops. */
int cb_ws_config_get(struct cb_ws *ws, const char *key, char **out);
int cb_ws_config_set(struct cb_ws *ws, const char *key, const char *value);

#endif
