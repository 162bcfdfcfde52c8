# src/plan.mk - a child's plans (child in need, child protection,
# pre-proceedings): the `plan` record's rules, command line, workbench
# screen and tests (included by Makefile.am).

plan_unit_tests = \
	tests/unit/test_plan_validate
check_PROGRAMS += $(plan_unit_tests)

tests_unit_test_plan_validate_SOURCES = tests/unit/test_plan_validate.c
tests_unit_test_plan_validate_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_plan_validate_LDADD = $(UNIT_LDADD)

TESTS += $(plan_unit_tests)

libcbcore_a_SOURCES += \
	src/plan.c src/plan.h \
	src/cmd_plan.c src/cmd_plan.h

plan_e2e_tests = \
	tests/e2e/plan.sh
TESTS += $(plan_e2e_tests)
EXTRA_DIST += $(plan_e2e_tests)

# The workbench screen of a child's plans (P on the person screen).
casebook_full_SOURCES += ui/view_child_plans.c

plan_tui_tests = \
	tests/tui/child_plans.sh
TESTS += $(plan_tui_tests)
EXTRA_DIST += $(plan_tui_tests)

# The demo's children on plans (casebook demo).
libcbcore_a_SOURCES += src/demo_plans.c
