/* Monte-Carlo experiment for the transfer task of App. F: kernel ridge
 * regression with K(x,x') = x^T M x', M = A beta beta^T + I, on P samples
 * x ~ N(0, I_D), target y = w.x with w = alpha beta + sqrt(1-alpha^2) w_perp.
 *
 * Ridge convention (the one of the learning-curve theory, transfer.h):
 *     f(x) = k(x)^T (K + lambda I)^{-1} y,   K_{mu nu} = x_mu^T M x_nu,
 * so f(x) = beta_hat . x with beta_hat = M X^T (K + lambda I)^{-1} y.
 * Ridgeless (lambda = 0): Cholesky when P <= D (K is then positive definite
 * with probability one), the eigen pseudo-inverse of K when P > D.
 * Since x ~ N(0, I_D), E_g = E_x (f(x) - w.x)^2 = |beta_hat - w|^2 exactly.
 *
 * This is a code path independent of the theory (no spectrum, no kappa). */
#ifndef SA_TRANSFER_MC_H
#define SA_TRANSFER_MC_H

#include <gsl/gsl_rng.h>
#include "core/sa_errno.h"

#include <stddef.h>

typedef struct {
  size_t D, P;
  double A, alpha, ridge;
  size_t trials; /* >= 2 for a standard error                      */
  double rcond;  /* pseudo-inverse: drop eigenvalues < rcond * max  */
} sa_transfer_mc_params;

typedef struct {
  double mean, se;    /* mean of |beta_hat - w|^2 and its standard error */
  size_t pinv_trials; /* trials solved by the pseudo-inverse          */
} sa_transfer_mc_result;

/* beta is drawn once (uniform on the sphere) from r, then w_perp and X
 * fresh for each trial.  Returns GSL_SUCCESS, GSL_EINVAL (parameters out of
 * range), GSL_ENOMEM, or the status of a failed eigen-decomposition, with
 * the message in sa_error_message() (src/core/sa_errno.h). */
int sa_transfer_mc(const sa_transfer_mc_params *p, gsl_rng *r, sa_transfer_mc_result *res);

#endif
