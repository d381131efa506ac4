/* CVODE integration of the two-layer reduced ODEs: see twolayer_ode.h. */
#include "config.h"

#include "theory/twolayer_ode.h"

#include "core/sa_errno.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  double s, loss_half; /* s, and L(0)/2 for the root */
} logistic_ctx;

static int logistic_rhs(double t, const double *y, double *ydot, void *user)
{
  (void)t;
  const logistic_ctx *c = user;
  ydot[0] = 2 * y[0] * (c->s - y[0]);
  return 0;
}

/* g = L(c) - L(0)/2 with L = (s - c)^2 / 2. */
static int logistic_root(double t, const double *y, double *g, void *user)
{
  (void)t;
  const logistic_ctx *c = user;
  g[0] = 0.5 * (c->s - y[0]) * (c->s - y[0]) - c->loss_half;
  return 0;
}

/* Advance to each output time, stopping at roots on the way; root_t gets
 * the first root time. */
static int sweep(sa_ode *ode, const double *times, size_t n, size_t dim, double *out,
                 double *root_t)
{
  double y[2] = {0, 0}, t = 0;
  for (size_t k = 0; k < n; k++) {
    if (times[k] <= 0) {
      for (size_t i = 0; i < dim; i++)
        out[i * n + k] = NAN; /* filled by the caller with y0 */
      continue;
    }
    for (;;) {
      int st = sa_ode_advance(ode, times[k], &t, y);
      if (st == GSL_SUCCESS)
        break;
      if (st != GSL_CONTINUE)
        return sa_error_prefix(st, "integration failed");
      if (root_t && isnan(*root_t))
        *root_t = t;
    }
    for (size_t i = 0; i < dim; i++)
      out[i * n + k] = y[i];
  }
  return GSL_SUCCESS;
}

int sa_twolayer_logistic_solve(double s, double c0, const double *times, size_t n,
                               const sa_ode_params *par, double *c, double *t_half, long *nsteps)
{
  logistic_ctx ctx = {s, 0.25 * (s - c0) * (s - c0)};
  *t_half = NAN;
  sa_ode *ode = NULL;
  int st = sa_ode_alloc(1, logistic_rhs, &ctx, par, &c0, 0.0, &ode);
  if (st != GSL_SUCCESS)
    return st;
  if ((st = sa_ode_set_roots(ode, 1, logistic_root)) != GSL_SUCCESS)
    goto done;
  st = sweep(ode, times, n, 1, c, t_half);
  for (size_t k = 0; st == GSL_SUCCESS && k < n; k++)
    if (times[k] <= 0)
      c[k] = c0;
done:
  sa_ode_stats(ode, nsteps, NULL);
  sa_ode_free(ode);
  return st;
}

static int phase1_rhs(double t, const double *y, double *ydot, void *user)
{
  (void)t;
  double s = *(const double *)user;
  ydot[0] = 2 * s * y[1];
  ydot[1] = 2 * s * y[0];
  return 0;
}

int sa_twolayer_phase1_solve(double s, double q0, double r0, const double *times, size_t n,
                             const sa_ode_params *par, double *q, double *r)
{
  double y0[2] = {q0, r0};
  sa_ode *ode = NULL;
  int st = sa_ode_alloc(2, phase1_rhs, &s, par, y0, 0.0, &ode);
  if (st != GSL_SUCCESS)
    return st;
  /* sweep writes component i of time k at tmp[i n + k]. */
  double *tmp = malloc(2 * n * sizeof *tmp);
  if (!tmp) {
    st = sa_error(GSL_ENOMEM, "out of memory");
    goto done;
  }
  st = sweep(ode, times, n, 2, tmp, NULL);
  for (size_t k = 0; st == GSL_SUCCESS && k < n; k++) {
    q[k] = times[k] <= 0 ? q0 : tmp[k];
    r[k] = times[k] <= 0 ? r0 : tmp[n + k];
  }
done:
  free(tmp);
  sa_ode_free(ode);
  return st;
}
