## tests: core services
check_PROGRAMS += tests/test_core
tests_test_core_SOURCES = tests/test_core.c
tests_test_core_LDADD = $(TEST_LDADD)

## tests: theory-side linear network and synthetic data
check_PROGRAMS += tests/test_linnet
tests_test_linnet_SOURCES = tests/test_linnet.c
tests_test_linnet_LDADD = $(TEST_LDADD)

## tests: interrupted runs, unwritable and full outputs (src/core/sa_output.c)
dist_check_SCRIPTS += tests/output_cli.sh

## tests: the integrators (ERK, Adams, BDF) against Eq. (49) and each other
check_PROGRAMS += tests/test_ode_methods
tests_test_ode_methods_SOURCES = tests/test_ode_methods.c
tests_test_ode_methods_LDADD = $(TEST_LDADD)

## tests: the progress line and '--' (src/core/sa_progress.c, sa_opts.c)
dist_check_SCRIPTS += tests/progress_cli.sh

## tests: prediction 21, the laziness ratio at initialisation (App. I)
check_PROGRAMS += tests/test_laziness
tests_test_laziness_SOURCES = tests/test_laziness.c
tests_test_laziness_LDADD = $(TEST_LDADD)

## tests: every option of every subcommand with hostile values, and absurd sizes (issue 10)
dist_check_SCRIPTS += tests/cli_badinput.sh

## tests: the C sources follow .clang-format (clang-format 14)
dist_check_SCRIPTS += tests/format_check.sh
EXTRA_DIST += .clang-format
