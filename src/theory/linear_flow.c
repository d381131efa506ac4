/* CVODE integration of the deep linear gradient flow: see linear_flow.h. */
#include "config.h"

#include "theory/linear_flow.h"

#include "core/sa_errno.h"
#include "core/sa_linalg.h"
#include "theory/linear_flow_lowrank.h"

#include <gsl/gsl_blas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* The event functions, in the order of their bits in flow_ctx.active. */
enum { EV_HALF = 0, EV_STOP = 1, EV_ALIGN = 2, EV_COUNT = 3 };

typedef struct {
  const sa_linflow_problem *pb;
  sa_linnet_work *w;
  double loss0;
  gsl_matrix *gram;     /* min(n1, D) square, for cos_w1 */
  gsl_vector *w1b;      /* n1 */
  int active[EV_COUNT]; /* which events are still looked for */
  int map[EV_COUNT];    /* map[i]: the event of root function i */
  int nactive;
} flow_ctx;

/* ANCHOR: linflow_rhs */
static int rhs(double t, const double *y, double *ydot, void *user)
{
  (void)t;
  flow_ctx *c = user;
  /* A non-finite weight makes the loss non-finite: every weight enters
   * W_eff = S_0 through the suffix chain (NaN times anything, and Inf
   * times zero, give NaN), so no separate pass over the state is needed. */
  double loss = sa_linnet_flow_chain(&c->pb->shape, y, c->pb->Sigma, c->pb->T, c->w, ydot);
  return isfinite(loss) ? 0 : -1;
}
/* END: linflow_rhs */

double sa_linflow_cos_w1(const sa_linnet_shape *sh, const double *theta, const gsl_vector *beta,
                         gsl_matrix *gram, gsl_vector *w1b)
{
  gsl_matrix_const_view W1 = sa_linnet_layer_const(sh, theta, 1);
  double fro = sa_linalg_gram_frobenius(&W1.matrix, gram);
  if (isnan(fro))
    return NAN;
  double num = 0;
  int st;
  if ((st = gsl_blas_dgemv(CblasNoTrans, 1.0, &W1.matrix, beta, 0.0, w1b)) ||
      (st = gsl_blas_ddot(w1b, w1b, &num))) {
    sa_error(st, "cos(W1, beta): W1 beta: %s", gsl_strerror(st));
    return NAN;
  }
  return fro > 0 ? num / fro : 0.0;
}

/* cos_w1 - 1/2 with the sign of the exact value, cheaply while far below.
 * For A = W1 W1^T (PSD, rank r <= min(n1, D)), |A|_F >= tr A / sqrt(r), so
 * cos_w1 <= |W1 beta|^2 sqrt(r) / |W1|_F^2 =: ub (O(n1 D)).  While ub < 1/2
 * the event function returns ub - 1/2 < 0: the right sign, and the exact
 * value (an O(min(n1,D)^2 max(n1,D)) Gram) is computed only where ub >= 1/2,
 * which includes every point where cos_w1 = 1/2.  The root finder only
 * needs the sign to bracket and refines on exact values near the root. */
double sa_linflow_align_event(const sa_linnet_shape *sh, const double *w, const gsl_vector *beta,
                              gsl_matrix *gram, gsl_vector *w1b)
{
  gsl_matrix_const_view W1 = gsl_matrix_const_view_array(w, sh->n[1], sh->n[0]);
  double num = 0, tr = 0;
  int st;
  if ((st = gsl_blas_dgemv(CblasNoTrans, 1.0, &W1.matrix, beta, 0.0, w1b)) ||
      (st = gsl_blas_ddot(w1b, w1b, &num))) {
    sa_error(st, "t_align event: W1 beta: %s", gsl_strerror(st));
    return NAN;
  }
  tr = cblas_ddot((int)(sh->n[1] * sh->n[0]), w, 1, w, 1); /* |W1|_F^2 = tr W1^T W1 */
  double ub = tr > 0 ? num * sqrt((double)gram->size1) / tr : 0.0;
  if (ub < 0.5)
    return ub - 0.5;
  double fro = sa_linalg_gram_frobenius(&W1.matrix, gram);
  return (fro > 0 ? num / fro : 0.0) - 0.5;
}

/* Event functions (only the active ones, in the order of map):
 * t_half: L - L0/2; stop: L - stop_ratio L0; t_align: cos_w1 - 1/2.  The
 * loss comes from the chain form (no matrix products). */
/* ANCHOR: linflow_roots */
static int roots(double t, const double *y, double *g, void *user)
{
  (void)t;
  flow_ctx *c = user;
  const sa_linflow_problem *pb = c->pb;
  double loss = NAN;
  if (c->active[EV_HALF] || c->active[EV_STOP])
    loss = sa_linnet_loss_chain(&pb->shape, y, pb->Sigma, pb->T, c->w);
  for (int i = 0; i < c->nactive; i++) {
    switch (c->map[i]) {
    case EV_HALF:
      g[i] = loss - 0.5 * c->loss0;
      break;
    case EV_STOP:
      g[i] = loss - pb->stop_ratio * c->loss0;
      break;
    default:
      g[i] = sa_linflow_align_event(&pb->shape, y + pb->shape.offset[1], pb->beta, c->gram, c->w1b);
      if (isnan(g[i]))
        return GSL_EFAILED; /* the event's message is set */
      break;
    }
  }
  return 0;
}
/* END: linflow_roots */

/* Hand the active events to the integrator (none: no root finding). */
static int install_roots(sa_ode *ode, flow_ctx *c)
{
  c->nactive = 0;
  for (int e = 0; e < EV_COUNT; e++)
    if (c->active[e])
      c->map[c->nactive++] = e;
  return sa_ode_set_roots(ode, c->nactive, c->nactive ? roots : NULL);
}

int sa_linflow_run(const sa_linflow_problem *pb, double *theta, const double *times, size_t ntimes,
                   const sa_ode_params *par, sa_linflow_observer obs, void *user,
                   sa_linflow_result *res)
{
  if (par->method == SA_ODE_LOWRANK) /* the same flow in factored form */
    return sa_linflow_lowrank_run(pb, theta, times, ntimes, par, obs, user, res);
  const sa_linnet_shape *sh = &pb->shape;
  flow_ctx c = {.pb = pb, .w = sa_linnet_work_alloc(sh)};
  size_t m = sh->n[1] < sh->n[0] ? sh->n[1] : sh->n[0];
  c.gram = gsl_matrix_alloc(m, m);
  c.w1b = gsl_vector_alloc(sh->n[1]);
  double *y = malloc(sh->nparam * sizeof *y);
  sa_ode *ode = NULL;
  int status = GSL_SUCCESS;
  res->t_half = res->t_align = NAN;
  res->t_final = 0;
  res->nsteps = res->nrhs = 0;
  res->ntest_factored = res->ntest_exact = 0;
  if (!c.w || !c.gram || !c.w1b || !y) {
    status = sa_error(GSL_ENOMEM, "out of memory");
    goto cleanup;
  }
  c.loss0 = res->loss0 = sa_linnet_loss_chain(sh, theta, pb->Sigma, pb->T, c.w);
  if (obs && obs(0.0, theta, user) != 0) {
    status = sa_error(GSL_EFAILED, "observer failed at t=0");
    goto cleanup;
  }
  if ((status = sa_ode_alloc(sh->nparam, rhs, &c, par, theta, 0.0, &ode)) != GSL_SUCCESS)
    goto cleanup;
  c.active[EV_HALF] = 1;
  c.active[EV_STOP] = pb->stop_ratio > 0;
  c.active[EV_ALIGN] = pb->beta != NULL;
  if ((status = install_roots(ode, &c)) != GSL_SUCCESS)
    goto cleanup;
  int stopped = 0;
  for (size_t k = 0; k < ntimes && !stopped; k++) {
    double t = 0;
    for (;;) {
      int st = sa_ode_advance(ode, times[k], &t, y);
      if (st == GSL_SUCCESS)
        break;
      if (st != GSL_CONTINUE) {
        status = sa_error_prefix(st, "integration failed");
        goto cleanup;
      }
      /* A root: which one?  An event found once is no longer looked for. */
      int found[EV_COUNT] = {0, 0, 0}, hit[EV_COUNT] = {0, 0, 0};
      if ((status = sa_ode_root_info(ode, found)) != GSL_SUCCESS)
        goto cleanup;
      for (int i = 0; i < c.nactive; i++)
        hit[c.map[i]] = found[i] != 0;
      if (hit[EV_HALF]) {
        res->t_half = t;
        c.active[EV_HALF] = 0;
      }
      if (hit[EV_ALIGN]) {
        res->t_align = t;
        c.active[EV_ALIGN] = 0;
      }
      if (hit[EV_STOP]) {
        stopped = 1;
        break;
      }
      if ((hit[EV_HALF] || hit[EV_ALIGN]) && (status = install_roots(ode, &c)) != GSL_SUCCESS)
        goto cleanup;
    }
    res->t_final = t;
    if (obs && obs(t, y, user) != 0) {
      status = sa_error(GSL_EFAILED, "observer failed at t=%g", t);
      goto cleanup;
    }
  }
  for (size_t i = 0; i < sh->nparam; i++)
    theta[i] = y[i];
cleanup:
  if (ode)
    sa_ode_stats(ode, &res->nsteps, &res->nrhs);
  sa_ode_free(ode);
  free(y);
  gsl_matrix_free(c.gram);
  gsl_vector_free(c.w1b);
  sa_linnet_work_free(c.w, sh);
  return status;
}
