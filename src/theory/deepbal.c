/* The balanced deep linear ODE and its closed form: see deepbal.h. */
#include "config.h"

#include "theory/deepbal.h"

#include "core/sa_errno.h"

#include <complex.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdio.h>

/* Relative distance to s^{1/L} below which t(u) is not resolved in double. */
#define DEEPBAL_EDGE 1e-15

double sa_deepbal_time(unsigned L, double s, double u0, double u)
{
  double a = pow(s, 1.0 / L);
  if (L < 2 || !(s > 0) || !(u0 > 0) || !(u0 < a) || !(u >= u0) || !(u < a))
    return NAN;
  double first = (L == 2) ? log(u / u0) : (pow(u0, 2.0 - L) - pow(u, 2.0 - L)) / (L - 2.0);
  /* J(u) - J(u0) = -(1/L) sum_k rho_k^{2-L} log[(u - rho_k)/(u0 - rho_k)].
   * k = 0: rho_0 = a real, u, u0 < a, the log of the ratio of two negative
   * numbers is real.  k > 0: u - rho_k and u0 - rho_k share the sign of their
   * (nonzero) imaginary part, or are both positive (rho = -a), so the
   * principal log of their ratio is the difference of continuous logs. */
  double complex sum = pow(a, 2.0 - L) * log((a - u) / (a - u0));
  for (unsigned k = 1; k < L; k++) {
    double complex rho = a * cexp(2.0 * M_PI * I * (double)k / (double)L);
    double complex rp = cpow(rho, 2.0 - L);
    sum += rp * clog((u - rho) / (u0 - rho));
  }
  return (first - creal(sum) / L) / s;
}

typedef struct {
  unsigned L;
  double s, u0, t;
} inv_ctx;

static double inv_f(double u, void *p)
{
  const inv_ctx *c = p;
  return sa_deepbal_time(c->L, c->s, c->u0, u) - c->t;
}

int sa_deepbal_u(unsigned L, double s, double u0, double t, double epsrel, double *u)
{
  double a = pow(s, 1.0 / L);
  if (L < 2 || !(s > 0) || !(u0 > 0) || !(u0 < a) || !(t >= 0) || !(epsrel > 0))
    return GSL_EINVAL;
  if (t == 0) {
    *u = u0;
    return GSL_SUCCESS;
  }
  /* Bracket: t(u) increases from 0 at u0 to infinity at a. */
  double delta = 0.5 * (1.0 - u0 / a), hi = a * (1.0 - delta);
  while (sa_deepbal_time(L, s, u0, hi) <= t) {
    delta *= 0.5;
    if (delta < DEEPBAL_EDGE) {
      *u = a;
      return GSL_SUCCESS;
    }
    hi = a * (1.0 - delta);
  }
  inv_ctx c = {L, s, u0, t};
  gsl_function F = {inv_f, &c};
  gsl_root_fsolver *solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!solver)
    return GSL_ENOMEM;
  int st = gsl_root_fsolver_set(solver, &F, u0, hi);
  for (int iter = 0; st == GSL_SUCCESS && iter < 500; iter++) {
    if ((st = gsl_root_fsolver_iterate(solver)) != GSL_SUCCESS)
      break;
    double lo = gsl_root_fsolver_x_lower(solver), up = gsl_root_fsolver_x_upper(solver);
    st = gsl_root_test_interval(lo, up, 0.0, epsrel);
    if (st == GSL_SUCCESS) {
      *u = gsl_root_fsolver_root(solver);
      break;
    }
    st = (st == GSL_CONTINUE) ? GSL_SUCCESS : st;
    if (iter == 499)
      st = GSL_EMAXITER;
  }
  gsl_root_fsolver_free(solver);
  return st;
}

double sa_deepbal_u_half(unsigned L, double s, double u0)
{
  return pow(s - (s - pow(u0, L)) / M_SQRT2, 1.0 / L);
}

/* ANCHOR: deepbal_t_half */
double sa_deepbal_t_half_exact(unsigned L, double s, double u0)
{
  return sa_deepbal_time(L, s, u0, sa_deepbal_u_half(L, s, u0));
}

double sa_deepbal_t_half_formula(unsigned L, double s, double u0)
{
  if (L == 2)
    return log1p((M_SQRT2 - 1.0) * s / (u0 * u0)) / (2.0 * s);
  return pow(u0, 2.0 - L) / ((L - 2.0) * s);
}

double sa_deepbal_t_half_paper(unsigned L, double s, double u0)
{
  return L < 3 ? NAN : L * pow(u0, 2.0 - L) / ((L - 2.0) * s);
}
/* END: deepbal_t_half */

double sa_deepbal_kernel_scale(unsigned L, double s)
{
  return pow(s, (2.0 * L - 2.0) / L);
}

/* ANCHOR: deepbal_plateau */
double sa_deepbal_alignment_plateau(unsigned L, double r)
{
  return L / sqrt((double)L * L + r - 1.0);
}
/* END: deepbal_plateau */

typedef struct {
  unsigned L;
  double s, c_half;
} ode_ctx;

/* du/dt = u^{L-1} (s - u^L). */
/* ANCHOR: deepbal_rhs */
static int bal_rhs(double t, const double *y, double *ydot, void *user)
{
  (void)t;
  const ode_ctx *c = user;
  if (!isfinite(y[0]))
    return -1;
  double ul1 = pow(y[0], c->L - 1.0);
  ydot[0] = ul1 * (c->s - ul1 * y[0]);
  return 0;
}
/* END: deepbal_rhs */

/* Half loss: u^L - u_h^L = 0. */
static int bal_root(double t, const double *y, double *g, void *user)
{
  (void)t;
  const ode_ctx *c = user;
  g[0] = pow(y[0], c->L) - c->c_half;
  return 0;
}

int sa_deepbal_integrate(unsigned L, double s, double u0, const double *times, size_t n,
                         const sa_ode_params *par, double *u, double *t_half, long *nsteps,
                         long *nrhs)
{
  ode_ctx c = {L, s, pow(sa_deepbal_u_half(L, s, u0), L)};
  *t_half = NAN;
  sa_ode *ode = NULL;
  int status = sa_ode_alloc(1, bal_rhs, &c, par, &u0, 0.0, &ode);
  if (status != GSL_SUCCESS)
    return status;
  if ((status = sa_ode_set_roots(ode, 1, bal_root)) != GSL_SUCCESS)
    goto cleanup;
  for (size_t k = 0; k < n; k++) {
    double t = 0, y = u0;
    if (!(times[k] > 0)) { /* the integrators cannot be asked for t = t0 */
      u[k] = u0;
      continue;
    }
    for (;;) {
      int st = sa_ode_advance(ode, times[k], &t, &y);
      if (st == GSL_SUCCESS)
        break;
      if (st != GSL_CONTINUE) {
        status = sa_error_prefix(st, "integration failed");
        goto cleanup;
      }
      if (isnan(*t_half))
        *t_half = t;
    }
    u[k] = y;
  }
cleanup:
  sa_ode_stats(ode, nsteps, nrhs); /* either may be NULL */
  sa_ode_free(ode);
  return status;
}

int sa_deepbal_t_half_ode(unsigned L, double s, double u0, const sa_ode_params *par, double *t_half,
                          long *nsteps, long *nrhs)
{
  ode_ctx c = {L, s, pow(sa_deepbal_u_half(L, s, u0), L)};
  /* The root lies near the closed form's t_1/2; twice it bounds the search. */
  double t_max = 2.0 * sa_deepbal_t_half_exact(L, s, u0) + 10.0 / s, t = 0, y = u0;
  *t_half = NAN;
  sa_ode *ode = NULL;
  int status = sa_ode_alloc(1, bal_rhs, &c, par, &u0, 0.0, &ode);
  if (status != GSL_SUCCESS)
    return status;
  if ((status = sa_ode_set_roots(ode, 1, bal_root)) == GSL_SUCCESS) {
    status = sa_ode_advance(ode, t_max, &t, &y);
    if (status == GSL_CONTINUE) {
      *t_half = t;
      status = GSL_SUCCESS;
    } else if (status != GSL_SUCCESS)
      status = sa_error_prefix(status, "integration failed");
  }
  sa_ode_stats(ode, nsteps, nrhs); /* either may be NULL */
  sa_ode_free(ode);
  return status;
}

double sa_deepbal_t_end_auto(unsigned L, double s, double u0)
{
  return sa_deepbal_t_half_exact(L, s, u0) +
         SA_DEEPBAL_AUTO_RELAX / (L * pow(s, (2.0 * L - 2.0) / L));
}
