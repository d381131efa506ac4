## bench: the gradient-flow solvers against SciPy (`make bench`, not run by make check).
noinst_PROGRAMS += bench/bench_flow
bench_bench_flow_SOURCES = bench/bench_flow.c bench/bench_util.c bench/bench_util.h
bench_bench_flow_LDADD = src/libsilentalign.la
EXTRA_DIST += bench/flow_scipy.py

bench: bench-flow
bench-flow: bench/bench_flow$(EXEEXT)
	OPENBLAS_NUM_THREADS=1 ./bench/bench_flow$(EXEEXT) --scipy=$(srcdir)/bench/flow_scipy.py
.PHONY: bench-flow
