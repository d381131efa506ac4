/* Monte-Carlo check of the initial statistics of Eq. (34): draw
 * a ~ N(0, sigma^2/N I_N) and W ~ N(0, sigma^2/D) entrywise directly with
 * gsl_ran_gaussian (independently of linear_net.c), a fresh random unit beta per
 * trial, and average q0 = (|a|^2 + |W beta|^2)/2, r0 = a^T W beta, r0^2. */
#ifndef SA_TWOLAYER_MC_H
#define SA_TWOLAYER_MC_H

#include <stddef.h>

typedef struct {
  size_t trials;
  double q0_mean, q0_se; /* sample mean and its standard error */
  double r0_mean, r0_se;
  double r0sq_mean, r0sq_se;
} sa_twolayer_mc;

/* trials >= 2.  Returns 0 or a GSL error code (allocation failure). */
int sa_twolayer_init_mc(double sigma, size_t N, size_t D, size_t trials, unsigned long seed,
                        sa_twolayer_mc *out);

#endif
