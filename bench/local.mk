## bench: benchmarks, not run by make check (`make bench`).
## bench_ntk: NTK Gram and gradient timings against the machine's DGEMM rate;
## bench_wrn: one Adam step and one NTK of the Wide ResNet, one thread;
## bench_flow: the gradient-flow solvers against SciPy;
## bench_sweep.sh: 2-rank speed-up of `silentalign sweep` and its cost per point.
noinst_PROGRAMS += bench/bench_ntk bench/bench_wrn bench/bench_flow
bench_bench_ntk_SOURCES = bench/bench_ntk.c bench/bench_util.c bench/bench_util.h
bench_bench_ntk_LDADD = src/libsilentalign.la
bench_bench_wrn_SOURCES = bench/bench_wrn.c bench/bench_util.c bench/bench_util.h
bench_bench_wrn_LDADD = src/libsilentalign.la
bench_bench_flow_SOURCES = bench/bench_flow.c bench/bench_util.c bench/bench_util.h
bench_bench_flow_LDADD = src/libsilentalign.la
EXTRA_DIST += bench/flow_scipy.py bench/bench_sweep.sh

bench: bench/bench_ntk$(EXEEXT) bench/bench_wrn$(EXEEXT)
	./bench/bench_ntk$(EXEEXT)
	OPENBLAS_NUM_THREADS=1 ./bench/bench_wrn$(EXEEXT)
bench: bench-sweep
bench-sweep: src/cli/silentalign$(EXEEXT)
	$(SHELL) $(srcdir)/bench/bench_sweep.sh src/cli/silentalign$(EXEEXT)
bench: bench-flow
bench-flow: bench/bench_flow$(EXEEXT)
	OPENBLAS_NUM_THREADS=1 ./bench/bench_flow$(EXEEXT) --scipy=$(srcdir)/bench/flow_scipy.py
.PHONY: bench bench-sweep bench-flow
