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
