## src/theory/transfer.mk: the transfer learning-curve theory (App. F) with
## its Monte-Carlo experiment, and the kernel-regression theorem (App. B).
src_libsa_a_SOURCES += \
	src/theory/transfer.c src/theory/transfer.h \
	src/experiment/transfer_mc.c src/experiment/transfer_mc.h
src_cli_silentalign_SOURCES += src/cli/cmd_transfer.c

check_PROGRAMS += tests/test_transfer
tests_test_transfer_SOURCES = tests/test_transfer.c
tests_test_transfer_LDADD = $(TEST_LDADD)
