/* revs.c - naming a revision; see revs.h. Dates and times are when.c. */
#include "revs.h"
#include "err.h"
#include "i18n.h"

int cb_rev_resolve(git_repository *repo, const char *spec, git_oid *out)
{
	git_object *obj = NULL, *peeled = NULL;
	if (!spec || !*spec)
		return cb_err(CB_EINVALID, _("an empty revision"));
	/* Revspecs starting with '-' would read as options to a person, and
	 * none names a commit. */
	if (spec[0] == '-' || git_revparse_single(&obj, repo, spec) < 0)
		return cb_err(CB_ENOTFOUND, _("\"%s\" is not a revision or date "
					      "(use a commit id, or YYYY-MM-DD[THH:MM[:SS]])"), spec);
	int rc = 0;
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0)
		rc = cb_err(CB_ENOTFOUND, _("\"%s\" does not name a commit"), spec);
	else
		git_oid_cpy(out, git_object_id(peeled));
	git_object_free(peeled);
	git_object_free(obj);
	return rc;
}
