/* privacy.c - what the workbench does so that a child's record does not
 * outlive the screen it was on: no core dumps (a dump holds every record
 * read), and a screen wiped on exit and on suspend (^Z or SIGTSTP), so the
 * shell underneath, or its scroll-back, does not show it. */
#include "ui.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

static volatile sig_atomic_t got_tstp;

static void on_tstp(int sig)
{
	(void)sig;
	got_tstp = 1;
}

void ui_privacy_start(void)
{
	/* RLIMIT_CORE 0 stops the kernel writing a core file; not dumpable
	 * also stops a core pipe handler (systemd-coredump, apport) and
	 * other users' ptrace. */
	struct rlimit no = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_tstp;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, NULL);
}

void ui_privacy_wipe(void)
{
	erase();
	refresh();
}

int ui_privacy_suspend_asked(const struct key *k, int got)
{
	return got_tstp || (got && !k->fn && k->code == ('z' & 0x1f));
}

void ui_privacy_suspend(void)
{
	got_tstp = 0;
	ui_privacy_wipe();
	def_prog_mode();
	endwin();
	/* Stop for real. SIGSTOP, not SIGTSTP: a stop signal's default
	 * action is dropped in an orphaned process group (no job-control
	 * shell above us), and the screen would come straight back. */
	raise(SIGSTOP);
	got_tstp = 0;
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}
