/* access_note.c - appending an opening to the access log's pending file
 * (see access.h): a write and an fsync, no git, so that commands which
 * read only the index can log without libgit2. */
#include "access.h"
#include "err.h"
#include "i18n.h"
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void esc(struct cb_sb *sb, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\t')
			cb_sb_adds(sb, "\\t");
		else if (*s == '\n')
			cb_sb_adds(sb, "\\n");
		else if (*s == '\\')
			cb_sb_adds(sb, "\\\\");
		else
			cb_sb_addc(sb, *s);
	}
}

void cb_access_pending_path(char *out, size_t sz, const char *dir)
{
	snprintf(out, sz, "%s/access.pending", dir);
}

int cb_access_note(const char *dir, const struct cb_access_entry *e)
{
	struct cb_sb sb = { 0 };
	cb_sb_addf(&sb, "%lld\t", (long long)e->when);
	const char *f[] = { e->person, e->record, e->what, e->email, e->name, e->reason };
	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		esc(&sb, f[i]);
		cb_sb_addc(&sb, i + 1 < sizeof f / sizeof *f ? '\t' : '\n');
	}
	if (cb_sb_failed(&sb)) {
		cb_sb_free(&sb);
		return cb_err(CB_ENOMEM, _("out of memory"));
	}
	char path[4096];
	cb_access_pending_path(path, sizeof path, dir);
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	int rc = 0;
	if (fd < 0) {
		rc = cb_err(CB_ERROR, _("cannot write the access log %s: %s"), path, strerror(errno));
	} else {
		/* One write of a whole line: O_APPEND keeps lines from two
		 * processes apart. */
		ssize_t w = write(fd, sb.buf, sb.len);
		if (w != (ssize_t)sb.len || fsync(fd) != 0)
			rc = cb_err(CB_ERROR, _("cannot write the access log %s: %s"), path,
				    strerror(errno));
		close(fd);
	}
	cb_sb_free(&sb);
	return rc;
}
