## src/theory/transfer.mk: the transfer learning-curve theory (App. F) with
## its Monte-Carlo experiment, and the kernel-regression theorem (App. B).
src_libsilentalign_la_SOURCES += \
	src/theory/transfer.c src/theory/transfer.h \
	src/experiment/transfer_mc.c src/experiment/transfer_mc.h \
	src/theory/kernel_theorem.c src/theory/kernel_theorem.h
src_cli_silentalign_SOURCES += src/cli/cmd_transfer.c src/cli/cmd_theorem.c

check_PROGRAMS += tests/test_transfer
tests_test_transfer_SOURCES = tests/test_transfer.c
tests_test_transfer_LDADD = $(TEST_LDADD)

check_PROGRAMS += tests/test_theorem
tests_test_theorem_SOURCES = tests/test_theorem.c
tests_test_theorem_LDADD = $(TEST_LDADD)
dist_check_SCRIPTS += tests/theorem_cli.sh
