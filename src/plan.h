/* plan.h - a child's plans (the `plan` record: child in need, child
 * protection, pre-proceedings) as the command line and the workbench use
 * them: finding a plan, action or meeting by a unique prefix of its Id,
 * and the open/current test. The fields and rules themselves are in the
 * schema (db/schema_types.c) and src/validate.c. */
#ifndef CASEBOOK_PLAN_H
#define CASEBOOK_PLAN_H

#include "deb822.h"

/* The stanza of kind ("plan", "action" or "meeting") whose Id is prefix
 * or starts with it (any case), when exactly one does. Returns its index,
 * or 0 with the error set: CB_ENOTFOUND when none, CB_EINVALID when the
 * prefix is ambiguous or not an id. */
long cb_plan_find(const struct cb_doc *doc, const char *kind, const char *prefix);

/* 1 when plan stanza s has no End, or an End after today (YYYY-MM-DD). */
int cb_plan_is_open(const struct cb_stanza *s, const char *today);

#endif
