/* tui.h - the workbench: what main() calls when no command is given. */
#ifndef CASEBOOK_UI_TUI_H
#define CASEBOOK_UI_TUI_H

struct cli;

/* Opens the workspace named by c and runs the workbench on the terminal
 * until the user quits. Returns the exit status (0, or 1 with a message
 * on stderr when the workspace or the terminal cannot be used). */
int tui_main(struct cli *c);

#endif
