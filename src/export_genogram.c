/* export_genogram.c - the genogram through Graphviz; see
 * export_genogram.h. dot runs as a program (not libgvc linked in): casebook
 * builds and runs without Graphviz, and a renderer that crashes or hangs
 * on odd input cannot take the workbench with it. */
#include "export_genogram.h"
#include "export_read.h"
#include "export_tool.h"

#include "date.h"
#include "err.h"
#include "genogram.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const names[] = { "dot", "svg", "png", "pdf" };

int cb_geno_format_parse(const char *s, enum cb_geno_format *out)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum cb_geno_format)i;
			return 0;
		}
	return cb_err(CB_EINVALID, _("unknown genogram format \"%s\"; expected svg, png, pdf or dot"), s);
}

const char *cb_geno_format_name(enum cb_geno_format f)
{
	return names[f];
}

int cb_genogram_render_dot(struct cb_ws *ws, const char *person_id,
			   const struct cb_export_ctx *x, char **dot)
{
	*dot = NULL;
	char on[11];
	int rc = cb_export_produced_on(x, on);
	if (rc)
		return rc;
	struct cb_genogram_style st = { 0 };
	cb_date_parse(on, &st.today);
	struct cb_doc doc;
	int exists = 0;
	rc = cb_export_read(ws, person_id, "genogram", &doc, &exists);
	if (rc)
		return rc;
	if (!exists) {
		cb_doc_free(&doc);
		return cb_err(CB_ENOTFOUND, _("%s has no genogram record yet (casebook edit %s/genogram starts one)"),
			      person_id, person_id);
	}
	*dot = cb_genogram_dot(&doc, &st);
	cb_doc_free(&doc);
	return *dot ? 0 : CB_ENOMEM;
}

/* cairo (Debian 12's 1.16) stamps a PDF with the time it was drawn and
 * ignores SOURCE_DATE_EPOCH: the date is overwritten in place with the
 * production date at midnight, the same number of bytes, so the file's
 * cross-reference offsets stay right and the bytes repeat. */
static int pin_pdf_date(const char *path, const char *on)
{
	static const char key[] = "/CreationDate (D:";
	FILE *f = fopen(path, "r+b");
	if (!f)
		return cb_err(CB_ERROR, _("cannot read %s"), path);
	char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	int rc = 0;
	/* The info dictionary is near the end; read the last 64 KiB. */
	if (n == sizeof buf - 1 && fseek(f, -(long)(sizeof buf - 1), SEEK_END) == 0) {
		n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
	}
	long base = ftell(f) - (long)n;
	char *hit = NULL;
	for (size_t i = 0; i + sizeof key - 1 + 14 <= n; i++)
		if (memcmp(buf + i, key, sizeof key - 1) == 0) {
			hit = buf + i + sizeof key - 1;
			break;
		}
	if (hit) {
		char stamp[15];
		snprintf(stamp, sizeof stamp, "%.4s%.2s%.2s000000", on, on + 5, on + 8);
		if (fseek(f, base + (hit - buf), SEEK_SET) != 0 || fwrite(stamp, 1, 14, f) != 14)
			rc = cb_err(CB_ERROR, _("cannot write %s"), path);
	}
	if (fclose(f) != 0 && !rc)
		rc = cb_err(CB_ERROR, _("cannot write %s"), path);
	return rc;
}

/* path with suffix added: malloc'd, or NULL with the error set. */
static char *beside(const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix);
	char *s = malloc(n + k + 1);
	if (!s) {
		cb_err(CB_ENOMEM, _("out of memory"));
		return NULL;
	}
	memcpy(s, path, n);
	memcpy(s + n, suffix, k + 1);
	return s;
}

int cb_export_genogram(struct cb_ws *ws, const char *person_id,
		       enum cb_geno_format f, const char *path,
		       const struct cb_export_ctx *x)
{
	cb_export_progress(x, 0, 2, _("Reading the genogram"));
	char *dot = NULL;
	int rc = cb_genogram_render_dot(ws, person_id, x, &dot);
	if (rc)
		return rc;
	if (f == CB_GENO_DOT) {
		rc = cb_export_write_file(path, dot, strlen(dot));
		free(dot);
		if (!rc)
			cb_export_progress(x, 2, 2, NULL);
		return rc;
	}
	/* dot reads the graph from a private file beside the output and
	 * writes a temporary file that is renamed over path when it is
	 * whole; neither is left behind. */
	char *src = beside(path, ".tmpdot");
	char *out = beside(path, ".tmpout");
	if (!src || !out) {
		free(dot);
		free(src);
		free(out);
		return CB_ENOMEM;
	}
	rc = cb_export_write_file(src, dot, strlen(dot));
	free(dot);
	char type[8];
	snprintf(type, sizeof type, "-T%s", names[f]);
	const char *argv[] = { "dot", type, NULL };
	if (!rc) {
		cb_export_progress(x, 1, 2, _("Drawing the genogram"));
		long long epoch = 0;
		char on[11];
		struct cb_date d;
		rc = cb_export_produced_on(x, on);
		if (!rc && cb_date_parse(on, &d) == 0)
			epoch = (long long)cb_date_to_days(&d) * 86400;
		char *said = NULL;
		if (!rc)
			rc = cb_export_run_tool(argv, src, out, epoch, &said);
		free(said);
		if (!rc && f == CB_GENO_PDF)
			rc = pin_pdf_date(out, on);
	}
	if (!rc && rename(out, path) != 0)
		rc = cb_err(CB_ERROR, _("cannot write %s"), path);
	unlink(src);
	if (rc)
		unlink(out);
	else
		cb_export_progress(x, 2, 2, NULL);
	free(src);
	free(out);
	return rc;
}
