/* Learning-curve theory of kernel regression (paper App. F, Eqs. 66-69;
 * Bordelon et al. 2020, Canatar et al. 2021), used for the transfer task.
 *
 * Kernel eigenvalues lambda_k (each with multiplicity m_k) and target
 * weights w_k = sum over the m_k degenerate modes of <y phi_k>^2.  With P
 * samples and ridge lambda, in the convention
 *     f(x) = k(x)^T (K + lambda I)^{-1} y     (lambda added to the Gram),
 * kappa solves
 *     kappa = lambda + kappa sum_k m_k lambda_k / (lambda_k P + kappa),
 *     gamma = P sum_k m_k lambda_k^2 / (lambda_k P + kappa)^2,
 *     E_g   = 1/(1-gamma) sum_k kappa^2 w_k / (lambda_k P + kappa)^2.
 * The kappa^2 of E_g is missing from the paper's printed Eq. (67).
 *
 * The transfer kernel K(x,x') = x^T (A beta beta^T + I) x' on x ~ N(0, I_D)
 * has lambda_1 = 1 + A (eigenfunction beta.x) and D-1 eigenvalues 1; the
 * task w = alpha beta + sqrt(1-alpha^2) w_perp has weights alpha^2 and
 * 1 - alpha^2 (Eqs. 68-69). */
#ifndef SA_TRANSFER_H
#define SA_TRANSFER_H

#include "core/sa_errno.h"

#include <stddef.h>

typedef struct {
  size_t n;             /* number of distinct eigenvalues            */
  const double *lambda; /* eigenvalues, > 0                          */
  const double *mult;   /* multiplicities m_k, > 0                   */
  const double *weight; /* target power w_k >= 0 in each eigenspace  */
} sa_spectrum;

typedef struct {
  double epsabs, epsrel; /* gsl_root_test_interval on kappa          */
  int max_iter;          /* Brent iterations before giving up        */
} sa_transfer_params;

typedef struct {
  double kappa, gamma, eg;
  int iterations; /* Brent iterations (0: closed form)        */
} sa_transfer_result;

/* Statuses (src/core/sa_errno.h): GSL_SUCCESS, GSL_EINVAL (an argument out of
 * range), GSL_ENOMEM, GSL_EMAXITER (Brent did not converge in max_iter). */

/* Defaults: epsabs 0, epsrel 1e-13, max_iter 200. */
sa_transfer_params sa_transfer_params_default(void);

/* General spectrum.  P >= 0, ridge >= 0.  Ridgeless (ridge = 0) with P at
 * least the number of modes N = sum m_k gives kappa = 0, E_g = 0 (the
 * interpolant is exact), gamma = min(N/P, 1).  Returns a GSL status. */
int sa_transfer_eg_spectrum(const sa_spectrum *s, double P, double ridge,
                            const sa_transfer_params *p, sa_transfer_result *r);

/* The transfer task: Eqs. (68)-(69) with kappa^2 restored; D >= 2,
 * A >= 0, |alpha| <= 1. */
int sa_transfer_eg(double P, double A, double alpha, double D, double ridge,
                   const sa_transfer_params *p, sa_transfer_result *r);

/* Residual kappa - lambda - kappa sum m_k lambda_k/(lambda_k P + kappa). */
double sa_transfer_kappa_residual(const sa_spectrum *s, double P, double ridge, double kappa);

/* Eq. (67) exactly as printed (no kappa^2 in the numerator), at a given
 * kappa and gamma.  Only for demonstrating the typo. */
double sa_transfer_eg_printed67(const sa_spectrum *s, double P, double kappa, double gamma);

/* Fill the 2-level spectrum of the transfer kernel (D >= 2) into caller
 * arrays of length 2 (lambda, mult, weight). */
void sa_transfer_spectrum_fill(double A, double alpha, double D, double *lambda, double *mult,
                               double *weight, sa_spectrum *s);

#endif
