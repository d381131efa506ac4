/* Monte-Carlo initial statistics: see twolayer_mc.h. */
#include "config.h"

#include "experiment/twolayer_mc.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

/* Welford running mean and variance. */
typedef struct {
  double mean, m2;
  size_t n;
} running;

static void running_add(running *r, double x)
{
  r->n++;
  double d = x - r->mean;
  r->mean += d / (double)r->n;
  r->m2 += d * (x - r->mean);
}

static double running_se(const running *r)
{
  return sqrt(r->m2 / (double)(r->n - 1) / (double)r->n);
}

int sa_twolayer_init_mc(double sigma, size_t N, size_t D, size_t trials, unsigned long seed,
                        sa_twolayer_mc *out)
{
  if (trials < 2 || N < 1 || D < 1 || !(sigma > 0))
    return GSL_EINVAL;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  double *a = malloc(N * sizeof *a), *beta = malloc(D * sizeof *beta);
  if (!rng || !a || !beta) {
    gsl_rng_free(rng);
    free(a);
    free(beta);
    return GSL_ENOMEM;
  }
  gsl_rng_set(rng, seed);
  running q = {0, 0, 0}, r = {0, 0, 0}, r2 = {0, 0, 0};
  double sa = sigma / sqrt((double)N), sw = sigma / sqrt((double)D);
  for (size_t k = 0; k < trials; k++) {
    gsl_ran_dir_nd(rng, D, beta);
    double a2 = 0, wb2 = 0, r0 = 0;
    for (size_t i = 0; i < N; i++) {
      a[i] = gsl_ran_gaussian(rng, sa);
      a2 += a[i] * a[i];
    }
    /* Row i of W, drawn and contracted with beta on the fly. */
    for (size_t i = 0; i < N; i++) {
      double wb = 0;
      for (size_t j = 0; j < D; j++)
        wb += gsl_ran_gaussian(rng, sw) * beta[j];
      wb2 += wb * wb;
      r0 += a[i] * wb;
    }
    running_add(&q, 0.5 * (a2 + wb2));
    running_add(&r, r0);
    running_add(&r2, r0 * r0);
  }
  out->trials = trials;
  out->q0_mean = q.mean;
  out->q0_se = running_se(&q);
  out->r0_mean = r.mean;
  out->r0_se = running_se(&r);
  out->r0sq_mean = r2.mean;
  out->r0sq_se = running_se(&r2);
  gsl_rng_free(rng);
  free(a);
  free(beta);
  return 0;
}
