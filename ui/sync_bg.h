/* sync_bg.h - sync in the background, its progress bar and the sync part
 * of the status line.
 *
 * A sync runs as "casebook -C DIR sync --porcelain" in a child process
 * whose standard output is a pipe; the event loop reads the pipe whenever
 * it waits for a key (at least every 100 ms while a sync runs), so typing
 * never waits for the network. The child merges and moves main itself,
 * by compare-and-swap, as every save does: a save made in the workbench
 * meanwhile is never overwritten (the sync makes its merge again), and a
 * save that finds main moved by the sync is made again on the new tip
 * when what it edits is unchanged (src/forms.c, src/resolve.c). */
#ifndef CASEBOOK_UI_SYNC_BG_H
#define CASEBOOK_UI_SYNC_BG_H

#include <stddef.h>

struct tui;

/* Starts a sync (the sync key); says so on the status line when one is
 * already running or there is no remote. */
void sync_bg_start(struct tui *t);
/* 1 while a sync runs. */
int sync_bg_running(struct tui *t);
/* Reads what the child said, without blocking; notices when it ended. */
void sync_bg_poll(struct tui *t);
/* After a sync ended: says how it went, brings the index up to date and
 * reloads the screen on top. Does nothing otherwise. */
void sync_bg_settle(struct tui *t);
/* The progress bar on row y, while a sync runs: 1 when drawn. */
int sync_bg_draw_bar(struct tui *t, int y, int width);
/* The status line's sync part: saves not on the remote, the last
 * successful sync, records to resolve. level 0 says it in words, 1
 * shorter, 2 in a few characters, to leave room for a message. Safe to
 * draw. */
void sync_bg_status(struct tui *t, int level, char *out, size_t n);
/* Leaving the workbench: stops a running sync (nothing is lost: main
 * only moves by compare-and-swap) and frees the state. */
void sync_bg_stop(struct tui *t);

#endif
