/* sync_state.c - WS/sync-state; see sync_state.h. */
#include "sync_state.h"
#include "deb822.h"
#include "err.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATE_FILE "sync-state"

static char *path_of(const char *wsdir, const char *name)
{
	size_t n = strlen(wsdir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", wsdir, name);
	return p;
}

void cb_sync_state_free(struct cb_sync_state *s)
{
	free(s->last_error);
	for (size_t i = 0; i < s->nconflicts; i++)
		free(s->conflicts[i]);
	free(s->conflicts);
	memset(s, 0, sizeof *s);
}

void cb_sync_state_set_error(struct cb_sync_state *s, const char *msg)
{
	free(s->last_error);
	s->last_error = msg ? strdup(msg) : NULL;
}

static int64_t num(const char *v)
{
	return v ? strtoll(v, NULL, 10) : 0;
}

static void load_list(struct cb_sync_state *s, const char *v)
{
	for (const char *l = v; l && *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);
		char **nv = n ? realloc(s->conflicts, (s->nconflicts + 1) * sizeof *nv) : NULL;
		if (nv) {
			s->conflicts = nv;
			if ((nv[s->nconflicts] = strndup(l, n)))
				s->nconflicts++;
		}
		l = nl ? nl + 1 : NULL;
	}
}

void cb_sync_state_load(const char *wsdir, struct cb_sync_state *s)
{
	memset(s, 0, sizeof *s);
	char *path = path_of(wsdir, STATE_FILE);
	FILE *f = path ? fopen(path, "re") : NULL;
	free(path);
	if (!f)
		return;
	char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, f);
	int whole = feof(f);
	fclose(f);
	struct cb_doc d;
	/* A state file too long for the buffer is a damaged cache: start
	 * afresh rather than trust half of it. */
	if (!whole || cb_doc_parse(&d, buf, n, NULL) != 0)
		return;
	if (d.nstanzas) {
		const struct cb_stanza *st = &d.stanzas[0];
		s->last_sync = num(cb_stanza_get(st, "Last-Sync"));
		s->last_attempt = num(cb_stanza_get(st, "Last-Attempt"));
		const char *e = cb_stanza_get(st, "Last-Error");
		if (e && *e)
			s->last_error = strdup(e);
		const char *t = cb_stanza_get(st, "Conflict-Tip");
		if (t && strlen(t) == 40)
			memcpy(s->conflict_tip, t, 41);
		load_list(s, cb_stanza_get(st, "Conflicts"));
	}
	cb_doc_free(&d);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int cb_sync_state_save(const char *wsdir, const struct cb_sync_state *s)
{
	struct cb_doc d = { 0 };
	struct cb_stanza *st = cb_doc_add_stanza(&d);
	char n[32], *list = NULL;
	int rc = st ? 0 : CB_ENOMEM;
	if (!rc && s->last_sync) {
		snprintf(n, sizeof n, "%lld", (long long)s->last_sync);
		rc = cb_stanza_set(st, "Last-Sync", n);
	}
	if (!rc && s->last_attempt) {
		snprintf(n, sizeof n, "%lld", (long long)s->last_attempt);
		rc = cb_stanza_set(st, "Last-Attempt", n);
	}
	/* The message may quote the remote: keep what the format can hold. */
	if (!rc && s->last_error && cb_stanza_set(st, "Last-Error", s->last_error))
		rc = cb_stanza_set(st, "Last-Error", _("(the message could not be kept)"));
	if (!rc && s->conflict_tip[0])
		rc = cb_stanza_set(st, "Conflict-Tip", s->conflict_tip);
	if (!rc && s->nconflicts) {
		size_t len = 1;
		for (size_t i = 0; i < s->nconflicts; i++)
			len += strlen(s->conflicts[i]) + 1;
		list = malloc(len);
		if (!list) {
			rc = CB_ENOMEM;
		} else {
			list[0] = '\0';
			for (size_t i = 0; i < s->nconflicts; i++) {
				strcat(list, s->conflicts[i]);
				if (i + 1 < s->nconflicts)
					strcat(list, "\n");
			}
			rc = cb_stanza_set(st, "Conflicts", list);
		}
	}
	free(list);
	size_t len = 0;
	char *text = rc ? NULL : cb_doc_serialise(&d, &len);
	cb_doc_free(&d);
	if (!text)
		return cb_err(rc ? rc : CB_ENOMEM, _("cannot record the sync state"));
	/* Write a temporary file and rename it over the old one, so a crash
	 * leaves the old state or the new, never half of one. */
	char *path = path_of(wsdir, STATE_FILE);
	char *tmp = path_of(wsdir, STATE_FILE ".tmp");
	rc = CB_ENOMEM;
	if (path && tmp) {
		int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		int bad = fd < 0;
		if (!bad) {
			bad = write_all(fd, text, len) || fsync(fd);
			if (close(fd))
				bad = 1;
		}
		if (!bad && rename(tmp, path))
			bad = 1;
		rc = 0;
		if (bad) {
			rc = cb_err(CB_ERROR, _("cannot record the sync state in %s: %s"),
				    path, strerror(errno));
			unlink(tmp);
		}
	}
	free(path);
	free(tmp);
	free(text);
	return rc;
}
