## tests: core services
check_PROGRAMS += tests/test_core
tests_test_core_SOURCES = tests/test_core.c
tests_test_core_LDADD = $(TEST_LDADD)
