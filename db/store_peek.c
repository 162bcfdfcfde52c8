/* store_peek.c - the branch's commit id read from the ref files, without
 * libgit2; see cb_store_peek_branch in store.h. */
#include "store.h"
#include "err.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* 1 if s starts with 40 lower-case hex digits. */
static int hex40(const char *s)
{
	for (int i = 0; i < 40; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

int cb_store_peek_branch(const char *gitdir, char hex[41])
{
	char path[4096], line[512];
	int found = 0;
	/* A loose ref wins over packed-refs, as in git. */
	snprintf(path, sizeof path, "%s/%s", gitdir, CB_BRANCH);
	FILE *f = fopen(path, "r");
	if (f) {
		found = fgets(line, sizeof line, f) && hex40(line) &&
			(line[40] == '\n' || line[40] == '\0');
		fclose(f);
		if (!found)
			return CB_ENOTFOUND;
	} else {
		if (errno != ENOENT)
			return CB_ENOTFOUND;
		snprintf(path, sizeof path, "%s/packed-refs", gitdir);
		if (!(f = fopen(path, "r")))
			return CB_ENOTFOUND;
		while (!found && fgets(line, sizeof line, f))
			found = hex40(line) && line[40] == ' ' &&
				strcmp(line + 41, CB_BRANCH "\n") == 0;
		fclose(f);
	}
	if (!found)
		return CB_ENOTFOUND;
	memcpy(hex, line, 40);
	hex[40] = '\0';
	return 0;
}
