/* transfer.h - moving a child to another team's repository with their
 * history kept.
 *
 * Each commit of the source's main that changed the child's folder
 * (people/<c0>/<c1>/<id>/), oldest first, is made again in the other
 * repository on top of its main: the same changes to the child's files,
 * the same author, committer, dates and message, with a trailer
 * "Transferred-From: <original commit>". Only the child's own record texts
 * cross over; nothing of the other team's comes back. Then the child's
 * records are removed from the source in one save, which names where they
 * went. The other repository is opened directly: a bare repository (the
 * team's shared remote on a server's disk) or a workspace, on this
 * machine. */
#ifndef CASEBOOK_TRANSFER_H
#define CASEBOOK_TRANSFER_H

#include <stddef.h>
#include "workspace.h"

/* dest_gitdir: the other repository's git directory. *replayed: commits
 * made there. CB_EINVALID when the other repository has the child already. */
int cb_transfer(struct cb_ws *ws, const char *person, const char *dest_gitdir,
		const char *summary, size_t *replayed);

#endif
