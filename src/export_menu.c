/* export_menu.c - the exports the workbench's `x` menu offers, in order:
 * which apply to one child and which to the caseload. Each row calls an
 * export in src/export_*.c with its usual options. */
#include "export.h"
#include "export_chronology.h"
#include "export_genogram.h"
#include "export_plan.h"
#include "i18n.h"
#include "ssda903.h"

static int chron(struct cb_ws *ws, const char *id, const char *path,
		 const struct cb_export_ctx *x, enum cb_chron_format f)
{
	struct cb_chron_export o = { 0 };
	o.format = f;
	return cb_export_chronology(ws, id, &o, path, x);
}

static int chron_court(struct cb_ws *ws, const char *id, const char *path,
		       const struct cb_export_ctx *x)
{
	return chron(ws, id, path, x, CB_CHRON_COURT);
}

static int chron_csv(struct cb_ws *ws, const char *id, const char *path,
		     const struct cb_export_ctx *x)
{
	return chron(ws, id, path, x, CB_CHRON_CSV);
}

static int chron_md(struct cb_ws *ws, const char *id, const char *path,
		    const struct cb_export_ctx *x)
{
	return chron(ws, id, path, x, CB_CHRON_MD);
}

static int geno_svg(struct cb_ws *ws, const char *id, const char *path,
		    const struct cb_export_ctx *x)
{
	return cb_export_genogram(ws, id, CB_GENO_SVG, path, x);
}

static int geno_png(struct cb_ws *ws, const char *id, const char *path,
		    const struct cb_export_ctx *x)
{
	return cb_export_genogram(ws, id, CB_GENO_PNG, path, x);
}

static int geno_pdf(struct cb_ws *ws, const char *id, const char *path,
		    const struct cb_export_ctx *x)
{
	return cb_export_genogram(ws, id, CB_GENO_PDF, path, x);
}

const struct cb_export_def cb_exports[] = {
	{ "chronology-court", N_("Chronology for court (PDF)"), CB_EXPORT_PERSON, "pdf", chron_court },
	{ "chronology-csv", N_("Chronology as a spreadsheet (CSV)"), CB_EXPORT_PERSON, "csv", chron_csv },
	{ "chronology-md", N_("Chronology as text (Markdown)"), CB_EXPORT_PERSON, "md", chron_md },
	{ "plan-plain", N_("Pathway plan for the young person"), CB_EXPORT_PERSON, "md", cb_export_plan_plain },
	{ "genogram-pdf", N_("Genogram picture (PDF)"), CB_EXPORT_PERSON, "pdf", geno_pdf },
	{ "genogram-svg", N_("Genogram picture (SVG)"), CB_EXPORT_PERSON, "svg", geno_svg },
	{ "genogram-png", N_("Genogram picture (PNG)"), CB_EXPORT_PERSON, "png", geno_png },
	{ "ssda903", N_("Care leavers' return, SSDA903 OC3 (CSV)"), CB_EXPORT_CASELOAD, "csv", cb_export_ssda903 },
	{ NULL, NULL, 0, NULL, NULL }
};
