## src/theory/deep.mk: file lists (included by the top Makefile.am)
## Deep linear networks (App. D, E) and multiple outputs (App. H):
## balanced ODE with its closed form, full-flow time scales, multi-output modes.
src_libsilentalign_la_SOURCES += \
	src/theory/deepbal.c src/theory/deepbal.h
check_PROGRAMS += tests/test_deep
tests_test_deep_SOURCES = tests/test_deep.c
tests_test_deep_LDADD = $(TEST_LDADD)
src_libsilentalign_la_SOURCES += \
	src/theory/deeptimes.c src/theory/deeptimes.h
src_cli_silentalign_SOURCES += src/cli/cmd_balanced.c src/cli/cmd_deeptimes.c
src_libsilentalign_la_SOURCES += \
	src/theory/multiout.c src/theory/multiout.h
src_cli_silentalign_SOURCES += src/cli/cmd_multiout.c
check_PROGRAMS += tests/test_multiout
tests_test_multiout_SOURCES = tests/test_multiout.c
tests_test_multiout_LDADD = $(TEST_LDADD)
dist_check_SCRIPTS += tests/flow_cli.sh tests/deeptimes_cli.sh
src_cli_silentalign_SOURCES += src/cli/multiout_cli.c src/cli/multiout_cli.h
