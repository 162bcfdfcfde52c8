# ui/local.mk - the workbench TUI: sources and tests (included by Makefile.am).
