/* demo.h - a workspace full of invented people, for trying casebook out
 * and for tests. Deterministic for a seed and a given today
 * (CASEBOOK_TODAY); never real data. */
#ifndef CASEBOOK_DEMO_H
#define CASEBOOK_DEMO_H

struct cb_demo_opts {
	const char *dir;
	unsigned people;          /* default 40 */
	unsigned long long seed;  /* default 1 */
	int with_remote;          /* make DIR/remote.git and push to it */
	int quiet;
	/* Encrypted (keys.h): set up by this callback between making the
	 * workspace and its first save. */
	int (*encrypt)(const char *dir, void *ctx);
	void *encrypt_ctx;
};

int cb_demo_make(const struct cb_demo_opts *o);

/* The children on plans (src/demo_plans.c): made after the `people`
 * others, so these are as they were. */
#define CB_DEMO_PLAN_CHILDREN 17
struct cb_ws;
int cb_demo_plans(struct cb_ws *ws, long today);

#endif
