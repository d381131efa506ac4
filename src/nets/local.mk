## src/nets: file lists (included by the top Makefile.am)
## Experiment side: bias-free MLPs (forward, loss, backprop), the empirical
## NTK by layer-wise Hadamard products of Grams, ridgeless kernel regression.
src_libsilentalign_la_SOURCES += \
	src/nets/mlp.c src/nets/mlp.h \
	src/nets/ntk.c src/nets/ntk.h \
	src/nets/kernel_regression.c src/nets/kernel_regression.h \
	src/nets/conv.c src/nets/conv.h \
	src/nets/wrn.c src/nets/wrn.h \
	src/nets/wrn_ntk.c src/nets/wrn_ntk.h \
	src/nets/model.c src/nets/model.h

check_PROGRAMS += tests/test_nets
tests_test_nets_SOURCES = tests/test_nets.c
tests_test_nets_LDADD = $(TEST_LDADD)

## Wide ResNet: convolutions against direct loops, gradient against finite
## differences, residual identity, odd sizes.
check_PROGRAMS += tests/test_wrn
tests_test_wrn_SOURCES = tests/test_wrn.c
tests_test_wrn_LDADD = $(TEST_LDADD)
check_PROGRAMS += tests/test_wrn_ntk
tests_test_wrn_ntk_SOURCES = tests/test_wrn_ntk.c
tests_test_wrn_ntk_LDADD = $(TEST_LDADD)
## `train --arch=wrn`: bad input, trace columns, training reduces the loss.
dist_check_SCRIPTS += tests/wrn_cli.sh

## Benchmark (not run by make check): `make bench`.
noinst_PROGRAMS = bench/bench_ntk bench/bench_wrn
bench_bench_ntk_SOURCES = bench/bench_ntk.c bench/bench_util.c bench/bench_util.h
bench_bench_ntk_LDADD = src/libsilentalign.la
bench_bench_wrn_SOURCES = bench/bench_wrn.c bench/bench_util.c bench/bench_util.h
bench_bench_wrn_LDADD = src/libsilentalign.la

bench: bench/bench_ntk$(EXEEXT) bench/bench_wrn$(EXEEXT)
	./bench/bench_ntk$(EXEEXT)
	OPENBLAS_NUM_THREADS=1 ./bench/bench_wrn$(EXEEXT)
.PHONY: bench
