# src/welsh.mk - the Welsh workbench and the exports' finishing tests:
# the catalogue shown on the screens, installed and found; tools' install
# hints; golden genogram and OC3 files; escaping through SVG (included by
# Makefile.am).

welsh_e2e_tests = \
	tests/export/tool_hints.sh \
	tests/export/svg_escape.sh
TESTS += $(welsh_e2e_tests) tests/tui/welsh.sh tests/e2e/welsh_install.sh
EXTRA_DIST += tests/tui/welsh.sh tests/e2e/welsh_install.sh
EXTRA_DIST += $(welsh_e2e_tests)
