## src/sweep: parameter sweeps over any subcommand (`silentalign sweep`),
## serial or on MPI ranks (MPI only in src/cli/cmd_sweep.c).
src_libsilentalign_la_SOURCES += src/sweep/sweep.c src/sweep/sweep.h
src_cli_silentalign_SOURCES += src/cli/cmd_sweep.c
src_cli_silentalign_CPPFLAGS = $(AM_CPPFLAGS) $(MPI_CFLAGS)
src_cli_silentalign_LDADD += $(MPI_LIBS)

## Tests: the engine with a stand-in subcommand; the CLI serially and on
## 2 and 6 MPI ranks, killed and resumed.
check_PROGRAMS += tests/test_sweep
tests_test_sweep_SOURCES = tests/test_sweep.c
tests_test_sweep_LDADD = $(TEST_LDADD)
dist_check_SCRIPTS += tests/sweep_cli.sh

## Benchmark (not run by make check): 2-rank speed-up and per-point cost.
EXTRA_DIST += bench/bench_sweep.sh
bench: bench-sweep
bench-sweep: src/cli/silentalign$(EXEEXT)
	$(SHELL) $(srcdir)/bench/bench_sweep.sh src/cli/silentalign$(EXEEXT)
.PHONY: bench-sweep
