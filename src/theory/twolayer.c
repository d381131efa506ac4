/* Two-layer linear network closed forms: see twolayer.h. */
#include "config.h"

#include "theory/twolayer.h"

#include <gsl/gsl_math.h>
#include <math.h>

double sa_twolayer_c0(double q0, double r0, sa_twolayer_c0_rule rule)
{
  return rule == SA_TWOLAYER_C0_Q0R0 ? 0.5 * (q0 + r0) : 0.5 * q0;
}

/* ANCHOR: twolayer_closed */
double sa_twolayer_logistic(double t, double s, double c0)
{
  /* s e^{2st}/(e^{2st} - 1 + s/c0) = s / (1 + (s/c0 - 1) e^{-2st}), overflow-free. */
  return s / (1 + (s / c0 - 1) * exp(-2 * s * t));
}

double sa_twolayer_q(double t, double s, double c0)
{
  double e = exp(-2 * s * t);
  /* 2 s cosh(2st)/D = s (1 + e^{-4st}) / (e^{-2st} D) */
  return s * (1 + e * e) / (1 - e + e * s / c0);
}

double sa_twolayer_r(double t, double s, double c0)
{
  double e = exp(-2 * s * t);
  return s * (1 - e * e) / (1 - e + e * s / c0);
}
/* END: twolayer_closed */

void sa_twolayer_phase1(double t, double s, double q0, double r0, double *q, double *r)
{
  double up = 0.5 * (q0 + r0) * exp(2 * s * t), down = 0.5 * (q0 - r0) * exp(-2 * s * t);
  *q = up + down;
  *r = up - down;
}

double sa_twolayer_loss(double c, double s)
{
  return 0.5 * (s - c) * (s - c);
}

/* ANCHOR: twolayer_t_half */
double sa_twolayer_t_half(double s, double c0)
{
  return log1p((M_SQRT2 - 1) * s / c0) / (2 * s);
}
/* END: twolayer_t_half */

double sa_twolayer_t_half_approx(double s, double c0)
{
  double arg = (M_SQRT2 - 1) * (s / c0 - 1);
  return arg > 0 ? log(arg) / (2 * s) : NAN;
}

double sa_twolayer_t_mid(double s, double c0)
{
  return s > c0 ? log(s / c0 - 1) / (2 * s) : NAN;
}

void sa_twolayer_init_moments(double sigma, double N, double D, sa_twolayer_initstats *m)
{
  double s2 = sigma * sigma, s4 = s2 * s2;
  m->q0_mean = 0.5 * s2 * (1 + N / D);
  /* |a|^2 = sigma^2/N chi^2_N, |W beta|^2 = sigma^2/D chi^2_N, independent. */
  m->q0_var = 0.25 * (2 * s4 / N + 2 * N * s4 / (D * D));
  m->r0_mean = 0;
  m->r0_var = s4 / D;
  m->r0sq_mean = s4 / D;
  /* E r0^4 = sigma^8/D^2 (3 + 6/N) for r0 = sum_i a_i (W beta)_i. */
  m->r0sq_var = s4 * s4 / (D * D) * (2 + 6 / N);
}
