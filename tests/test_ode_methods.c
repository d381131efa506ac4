/* Tests of the three integrators behind sa_ode (ERK, Adams, BDF) on the
 * full weight-space flow (sa_linflow_run, chain right-hand side):
 * - from a balanced rank-one start of the two-layer network on whitened
 *   data (W = u0 r beta^T, a = u0 r^T, |r| = |beta| = 1) the flow stays
 *   balanced and c = |a|^2 is exactly the logistic of Eq. (49); each method
 *   reproduces it, and the half-loss time ln(1 + (sqrt2 - 1) s/c0)/(2s)
 *   found by its root finder, to its tolerance, and the error shrinks when
 *   the tolerance is tightened;
 * - on a random deep start (L = 3) the three methods agree on t_1/2 and
 *   t_align (cos(W1^T W1, beta beta^T) = 1/2) found by root finding.
 * The closed forms come from src/theory/twolayer.c, a code path that shares
 * nothing with the integrators. */
#include "config.h"

#include "tap.h"
#include "core/sa_errno.h"
#include "theory/linear_flow.h"
#include "theory/linear_setup.h"
#include "theory/twolayer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define D 8
#define NH 6
#define NREC 41

typedef struct {
  const sa_linnet_shape *sh;
  double s, c0, err; /* max |c - c_exact| / s over the records */
} rec_ctx;

static int record(double t, const double *theta, void *user)
{
  rec_ctx *r = user;
  const double *a = theta + r->sh->offset[2];
  double c = 0;
  for (size_t i = 0; i < NH; i++)
    c += a[i] * a[i];
  r->err = fmax(r->err, fabs(c - sa_twolayer_logistic(t, r->s, r->c0)) / r->s);
  return 0;
}

/* Runs the balanced two-layer flow with method m at rtol; returns the
 * trajectory error and the relative t_1/2 error. */
static int balanced_run(sa_ode_method m, double rtol, double *err_c, double *err_th)
{
  size_t widths[3] = {D, NH, 1};
  sa_linflow_problem pb;
  memset(&pb, 0, sizeof pb);
  sa_linnet_shape_init(&pb.shape, 2, widths);
  gsl_matrix *Sigma = gsl_matrix_alloc(D, D), *T = gsl_matrix_calloc(1, D);
  gsl_matrix_set_identity(Sigma);
  double s = 1.0, u0 = 1e-2, c0 = u0 * u0;
  gsl_matrix_set(T, 0, 0, s); /* beta = e_1 */
  double r[NH], theta[D * NH + NH];
  for (size_t i = 0; i < NH; i++)
    r[i] = 1.0 / sqrt((double)NH) * (i % 2 ? -1 : 1);
  memset(theta, 0, sizeof theta);
  for (size_t i = 0; i < NH; i++) {
    theta[i * D + 0] = u0 * r[i];              /* W1 = u0 r e_1^T */
    theta[pb.shape.offset[2] + i] = u0 * r[i]; /* a = u0 r^T */
  }
  pb.Sigma = Sigma;
  pb.T = T;
  double times[NREC];
  for (size_t k = 0; k < NREC; k++)
    times[k] = 10.0 * (double)(k + 1) / NREC;
  /* atol far below the initial weights (u0 / sqrt(NH) ~ 4e-3) */
  sa_ode_params par = {rtol, 1e-4 * rtol * u0, NULL, 1000000, m};
  rec_ctx rc = {&pb.shape, s, c0, 0};
  sa_linflow_result res;
  int st = sa_linflow_run(&pb, theta, times, NREC, &par, record, &rc, &res);
  if (st != 0)
    tap_diag("%s: %s", sa_ode_method_name(m), sa_error_message());
  double th = sa_twolayer_t_half(s, c0);
  *err_c = rc.err;
  *err_th = fabs(res.t_half - th) / th;
  gsl_matrix_free(Sigma);
  gsl_matrix_free(T);
  return st;
}

int main(void)
{
  const sa_ode_method methods[] = {SA_ODE_ERK, SA_ODE_ADAMS, SA_ODE_BDF};
  for (size_t i = 0; i < 3; i++) {
    sa_ode_method m = methods[i];
    double ec6, et6, ec9, et9;
    int st = balanced_run(m, 1e-6, &ec6, &et6) | balanced_run(m, 1e-9, &ec9, &et9);
    /* The global error of a tolerance-controlled solution is the local
     * tolerance times the number of steps and the error amplification of
     * the problem; the logistic keeps a relative error of c through Phase I
     * (exponential growth) and turns it into an absolute error of at most
     * that size times s at the transition, so 100 rtol bounds it with
     * room for a few hundred steps. */
    tap_ok(st == 0 && ec6 <= 100 * 1e-6 && et6 <= 100 * 1e-6,
           "%s rtol 1e-6: c(t) = Eq. (49) to %.1e (of s), t_1/2 = closed form to %.1e relative",
           sa_ode_method_name(m), ec6, et6);
    tap_ok(st == 0 && ec9 <= 100 * 1e-9 && et9 <= 100 * 1e-9,
           "%s rtol 1e-9: c(t) = Eq. (49) to %.1e (of s), t_1/2 = closed form to %.1e relative",
           sa_ode_method_name(m), ec9, et9);
    /* 1000 times tighter: the error must shrink at least 30-fold (tolerance
     * proportionality is only approximate for adaptive methods). */
    tap_ok(ec9 <= ec6 / 30 && et9 <= fmax(et6 / 30, 1e-12),
           "%s converges: trajectory error %.1e -> %.1e, t_1/2 error %.1e -> %.1e for rtol 1e-6 -> "
           "1e-9",
           sa_ode_method_name(m), ec6, ec9, et6, et9);
  }

  /* Random deep start: events from all three methods agree. */
  sa_linsetup_params sp = {3, 10, 8, 40, 0.05, 1.0, 0.0, 7};
  double th[3], ta[3];
  for (size_t i = 0; i < 3; i++) {
    sa_linsetup su;
    sa_linsetup_alloc(&sp, &su);
    double *atol = malloc(su.pb.shape.nparam * sizeof *atol);
    sa_linnet_atol(&su.pb.shape, 1e-8, sp.sigma, atol);
    sa_ode_params par = {1e-10, 0, atol, 1000000, methods[i]};
    double tend = 3000;
    sa_linflow_result res;
    if (sa_linflow_run(&su.pb, su.theta, &tend, 1, &par, NULL, NULL, &res))
      tap_diag("%s: %s", sa_ode_method_name(methods[i]), sa_error_message());
    th[i] = res.t_half;
    ta[i] = res.t_align;
    free(atol);
    sa_linsetup_free(&su);
  }
  /* rtol 1e-10: the event times carry the global error of the flow, which
   * the exponential Phase I amplifies (the balanced case above: about 10
   * rtol); 1e-6 relative leaves a wide margin yet would catch a root taken
   * from the wrong function or a stale interpolant. */
  for (size_t i = 1; i < 3; i++)
    tap_ok(isfinite(th[0]) && isfinite(ta[0]) && fabs(th[i] - th[0]) <= 1e-6 * th[0] &&
               fabs(ta[i] - ta[0]) <= 1e-6 * ta[0],
           "L=3 random start: %s and erk agree on t_1/2 (%.9g vs %.9g) and t_align (%.9g vs %.9g)",
           sa_ode_method_name(methods[i]), th[i], th[0], ta[i], ta[0]);
  tap_ok(ta[0] < th[0], "t_align (%.4g) precedes t_1/2 (%.4g): the silent alignment", ta[0], th[0]);
  return tap_done();
}
