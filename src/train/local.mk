## src/train: optimisers (GD, Adam), the training loop with the paper's
## measurements and divergence detection, data sets for `silentalign train`.
src_libsilentalign_la_SOURCES += \
	src/train/optim.c src/train/optim.h \
	src/train/observe.c src/train/observe.h \
	src/train/trainer.c src/train/trainer.h \
	src/train/silence.c src/train/silence.h \
	src/train/traindata.c src/train/traindata.h
src_cli_silentalign_SOURCES += src/cli/cmd_train.c

## Tests: Adam/GD and schedules; GD against the CVODE flow and the
## conservation laws; linear-net predictions; MNIST K_0 vs K_inf; the CLI.
check_PROGRAMS += tests/test_train_optim tests/test_train_flow
tests_test_train_optim_SOURCES = tests/test_train_optim.c
tests_test_train_optim_LDADD = $(TEST_LDADD)
tests_test_train_flow_SOURCES = tests/test_train_flow.c
tests_test_train_flow_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/test_train_linear
tests_test_train_linear_SOURCES = tests/test_train_linear.c
tests_test_train_linear_LDADD = $(TEST_LDADD)
dist_check_SCRIPTS += tests/train_cli.sh
check_PROGRAMS += tests/test_train_mnist
tests_test_train_mnist_SOURCES = tests/test_train_mnist.c
tests_test_train_mnist_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/test_train_nonlin
tests_test_train_nonlin_SOURCES = tests/test_train_nonlin.c
tests_test_train_nonlin_LDADD = $(TEST_LDADD)
