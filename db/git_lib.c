/* git_lib.c - starting libgit2 without the certificate parse; see
 * git_lib.h.
 *
 * How: this file defines mbedtls_x509_crt_parse_file, the mbedTLS call
 * libgit2 makes to load a bundle. A definition in the program comes
 * before the shared library's, so libgit2's call lands here. While
 * cb_git_lib_init is starting libgit2 the call loads nothing and says it
 * succeeded; at any other time (the sync child naming its authorities)
 * it is passed to mbedTLS's own, found with dlsym(RTLD_NEXT). An empty
 * chain trusts nobody: an https connection made without the sync child's
 * own setting fails its certificate check, it is never let through. */
#include "git_lib.h"

#include <dlfcn.h>
#include <git2.h>

/* mbedtls_x509_crt is opaque here: the chain is only passed on. */
struct mbedtls_x509_crt;
int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path);

static int starting;
static int skipped;

int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path)
{
	if (starting) {
		skipped = 1;
		return 0;
	}
	static int (*real)(struct mbedtls_x509_crt *, const char *);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "mbedtls_x509_crt_parse_file");
	if (!real)
		return -1; /* MBEDTLS_ERR_...: some failure, the file is not loaded */
	return real(chain, path);
}

void cb_git_lib_init(void)
{
	/* Each call counts once, as git_libgit2_init's own do; only the first
	 * actually starts libgit2 and would load the bundle. */
	starting = 1;
	git_libgit2_init();
	starting = 0;
}

int cb_git_lib_skipped(void)
{
	return skipped;
}
