/* Helpers shared by the benchmarks: see bench_util.h. */
#include "config.h"

#include "bench_util.h"

#include <gsl/gsl_randist.h>
#include <time.h>

static double seconds(clockid_t clock)
{
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

double bench_wall(void)
{
  return seconds(CLOCK_MONOTONIC);
}

double bench_cpu(void)
{
  return seconds(CLOCK_PROCESS_CPUTIME_ID);
}

gsl_matrix *bench_random_matrix(gsl_rng *r, size_t m, size_t n)
{
  gsl_matrix *A = gsl_matrix_alloc(m, n);
  if (A)
    for (size_t i = 0; i < m * n; i++)
      A->data[i] = gsl_ran_gaussian(r, 1.0);
  return A;
}
