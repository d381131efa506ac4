/* Helpers shared by the benchmarks (make bench): clocks and random
 * operands.  Benchmarks report both clocks: on a shared machine the wall
 * time includes waiting for the CPU, the process CPU time does not. */
#ifndef SA_BENCH_UTIL_H
#define SA_BENCH_UTIL_H

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <stddef.h>

/* Wall-clock seconds (CLOCK_MONOTONIC). */
double bench_wall(void);
/* CPU seconds of this process (CLOCK_PROCESS_CPUTIME_ID). */
double bench_cpu(void);
/* An m x n matrix of N(0, 1) entries drawn in storage order. */
gsl_matrix *bench_random_matrix(gsl_rng *r, size_t m, size_t n);

#endif
