/* Learning-curve theory for kernel regression: see transfer.h.
 *
 * Root finding.  Write S(kappa) = sum_k m_k lambda_k / (lambda_k P + kappa)
 * and T = sum_k m_k lambda_k.  For kappa > 0 the self-consistency
 * kappa = lambda + kappa S(kappa) is equivalent to
 *     F(kappa) = 1 - S(kappa) - lambda / kappa = 0.
 * F is strictly increasing (S decreases, lambda/kappa decreases), so there
 * is at most one positive root.  Bracket:
 *   lower  kappa = lambda (> 0):  F = -S(lambda) < 0;
 *          lambda = 0:            F(0+) = 1 - N/P, N = sum m_k, which is
 *                                  < 0 exactly when P < N;
 *   upper  kappa = lambda + T:    S(kappa) < T/kappa, so
 *          F > 1 - T/(lambda+T) - lambda/(lambda+T) = 0.
 * For lambda = 0 and P >= N there is no positive root: kappa -> 0 as the
 * ridge vanishes, every mode is learned exactly and E_g = 0 (at P = N,
 * 1 - gamma and kappa^2 vanish together, the ratio like kappa). */
#include "config.h"

#include "theory/transfer.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>

typedef struct {
  const sa_spectrum *s;
  double P, ridge;
} kappa_eq;

static double spectrum_S(const sa_spectrum *s, double P, double kappa)
{
  double sum = 0;
  for (size_t k = 0; k < s->n; k++)
    sum += s->mult[k] * s->lambda[k] / (s->lambda[k] * P + kappa);
  return sum;
}

static double kappa_F(double kappa, void *data)
{
  const kappa_eq *q = data;
  double F = 1.0 - spectrum_S(q->s, q->P, kappa);
  if (q->ridge > 0)
    F -= q->ridge / kappa;
  return F;
}

sa_transfer_params sa_transfer_params_default(void)
{
  sa_transfer_params p = {0.0, 1e-13, 200};
  return p;
}

double sa_transfer_kappa_residual(const sa_spectrum *s, double P, double ridge, double kappa)
{
  return kappa - ridge - kappa * spectrum_S(s, P, kappa);
}

/* gamma and E_g of Eq. (67) with kappa^2 restored. */
/* ANCHOR: transfer_eg */
static void gamma_eg(const sa_spectrum *s, double P, double kappa, sa_transfer_result *r)
{
  double gamma = 0, num = 0;
  for (size_t k = 0; k < s->n; k++) {
    double d = s->lambda[k] * P + kappa;
    gamma += P * s->mult[k] * s->lambda[k] * s->lambda[k] / (d * d);
    num += kappa * kappa * s->weight[k] / (d * d);
  }
  r->kappa = kappa;
  r->gamma = gamma;
  r->eg = num / (1.0 - gamma);
}
/* END: transfer_eg */

double sa_transfer_eg_printed67(const sa_spectrum *s, double P, double kappa, double gamma)
{
  double num = 0;
  for (size_t k = 0; k < s->n; k++) {
    double d = s->lambda[k] * P + kappa;
    num += s->weight[k] / (d * d);
  }
  return num / (1.0 - gamma);
}

static int check_spectrum(const sa_spectrum *s, double P, double ridge)
{
  if (!s || s->n == 0 || !(P >= 0) || !(ridge >= 0) || !isfinite(P) || !isfinite(ridge))
    return GSL_EINVAL;
  for (size_t k = 0; k < s->n; k++)
    if (!(s->lambda[k] > 0) || !(s->mult[k] > 0) || !(s->weight[k] >= 0))
      return GSL_EINVAL;
  return GSL_SUCCESS;
}

int sa_transfer_eg_spectrum(const sa_spectrum *s, double P, double ridge,
                            const sa_transfer_params *p, sa_transfer_result *r)
{
  if (check_spectrum(s, P, ridge) != GSL_SUCCESS || !p || !r)
    return GSL_EINVAL;
  double N = 0, T = 0, W = 0;
  for (size_t k = 0; k < s->n; k++) {
    N += s->mult[k];
    T += s->mult[k] * s->lambda[k];
    W += s->weight[k];
  }
  r->iterations = 0;
  if (P == 0) { /* S = T/kappa: kappa = ridge + T, gamma = 0, E_g = total power */
    r->kappa = ridge + T;
    r->gamma = 0;
    r->eg = W;
    return GSL_SUCCESS;
  }
  if (ridge == 0 && P >= N) { /* no positive root: the ridgeless limit */
    r->kappa = 0;
    r->gamma = N / P;
    r->eg = 0;
    return GSL_SUCCESS;
  }
  kappa_eq q = {s, P, ridge};
  gsl_function F = {kappa_F, &q};
  double lo = ridge, hi = ridge + T;
  gsl_root_fsolver *solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!solver)
    return GSL_ENOMEM;
  int status = gsl_root_fsolver_set(solver, &F, lo, hi);
  int iter = 0;
  while (status == GSL_SUCCESS && iter < p->max_iter) {
    iter++;
    status = gsl_root_fsolver_iterate(solver);
    if (status != GSL_SUCCESS)
      break;
    lo = gsl_root_fsolver_x_lower(solver);
    hi = gsl_root_fsolver_x_upper(solver);
    status = gsl_root_test_interval(lo, hi, p->epsabs, p->epsrel);
    if (status == GSL_SUCCESS)
      break;
    status = GSL_SUCCESS; /* GSL_CONTINUE: keep iterating */
  }
  double kappa = gsl_root_fsolver_root(solver);
  int converged =
      status == GSL_SUCCESS && gsl_root_test_interval(lo, hi, p->epsabs, p->epsrel) == GSL_SUCCESS;
  gsl_root_fsolver_free(solver);
  r->iterations = iter;
  if (!converged)
    return GSL_EMAXITER;
  gamma_eg(s, P, kappa, r);
  return GSL_SUCCESS;
}

/* ANCHOR: transfer_spectrum */
void sa_transfer_spectrum_fill(double A, double alpha, double D, double *lambda, double *mult,
                               double *weight, sa_spectrum *s)
{
  lambda[0] = 1.0 + A; /* phi_1 = beta.x          */
  mult[0] = 1.0;
  weight[0] = alpha * alpha;
  lambda[1] = 1.0; /* the D-1 orthogonal modes */
  mult[1] = D - 1.0;
  weight[1] = 1.0 - alpha * alpha;
  s->n = 2;
  s->lambda = lambda;
  s->mult = mult;
  s->weight = weight;
}
/* END: transfer_spectrum */

int sa_transfer_eg(double P, double A, double alpha, double D, double ridge,
                   const sa_transfer_params *p, sa_transfer_result *r)
{
  if (!(A >= 0) || !(fabs(alpha) <= 1) || !(D >= 2))
    return GSL_EINVAL;
  double lambda[2], mult[2], weight[2];
  sa_spectrum s;
  sa_transfer_spectrum_fill(A, alpha, D, lambda, mult, weight, &s);
  return sa_transfer_eg_spectrum(&s, P, ridge, p, r);
}
