/* CVODE integration of the deep linear gradient flow: see linflow.h. */
#include "config.h"

#include "theory/linflow.h"

#include <gsl/gsl_blas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  const sa_linflow_problem *pb;
  sa_linnet_work *w;
  double loss0;
  gsl_matrix *gram; /* n1 x n1, for cos_w1 */
  gsl_vector *w1b;  /* n1 */
} flow_ctx;

static int rhs(double t, const double *y, double *ydot, void *user)
{
  (void)t;
  flow_ctx *c = user;
  const sa_linnet_shape *sh = &c->pb->shape;
  for (size_t i = 0; i < sh->nparam; i++)
    if (!isfinite(y[i]))
      return -1;
  sa_linnet_flow(sh, y, c->pb->Sigma, c->pb->T, c->w, ydot);
  return 0;
}

static double cos_w1(const sa_linnet_shape *sh, const double *theta, const gsl_vector *beta,
                     gsl_matrix *gram, gsl_vector *w1b)
{
  gsl_matrix_const_view W1 = sa_linnet_layer_const(sh, theta, 1);
  gsl_blas_dsyrk(CblasUpper, CblasNoTrans, 1.0, &W1.matrix, 0.0, gram);
  double fro2 = 0;
  for (size_t i = 0; i < gram->size1; i++)
    for (size_t j = i; j < gram->size2; j++) {
      double g = gsl_matrix_get(gram, i, j);
      fro2 += (i == j ? 1.0 : 2.0) * g * g;
    }
  gsl_blas_dgemv(CblasNoTrans, 1.0, &W1.matrix, beta, 0.0, w1b);
  double num = 0;
  gsl_blas_ddot(w1b, w1b, &num);
  return fro2 > 0 ? num / sqrt(fro2) : 0.0;
}

double sa_linflow_cos_w1(const sa_linnet_shape *shape, const double *theta,
                         const gsl_vector *beta)
{
  gsl_matrix *gram = gsl_matrix_alloc(shape->n[1], shape->n[1]);
  gsl_vector *w1b = gsl_vector_alloc(shape->n[1]);
  double c = (gram && w1b) ? cos_w1(shape, theta, beta, gram, w1b) : NAN;
  gsl_matrix_free(gram);
  gsl_vector_free(w1b);
  return c;
}

/* g0 = L - L0/2; g1 = L - stop_ratio L0; g2 = cos_w1 - 1/2. */
/* ANCHOR: linflow_roots */
static int roots(double t, const double *y, double *g, void *user)
{
  (void)t;
  flow_ctx *c = user;
  const sa_linflow_problem *pb = c->pb;
  sa_linnet_products(&pb->shape, y, c->w);
  double loss = sa_linnet_loss(&pb->shape, c->w, pb->Sigma, pb->T);
  g[0] = loss - 0.5 * c->loss0;
  g[1] = loss - pb->stop_ratio * c->loss0;
  if (pb->beta)
    g[2] = cos_w1(&pb->shape, y, pb->beta, c->gram, c->w1b) - 0.5;
  return 0;
}
/* END: linflow_roots */

int sa_linflow_run(const sa_linflow_problem *pb, double *theta, const double *times,
                   size_t ntimes, const sa_ode_params *par, sa_linflow_observer obs, void *user,
                   sa_linflow_result *res, char *err, size_t errlen)
{
  const sa_linnet_shape *sh = &pb->shape;
  flow_ctx c = {pb, sa_linnet_work_alloc(sh), 0, NULL, NULL};
  c.gram = gsl_matrix_alloc(sh->n[1], sh->n[1]);
  c.w1b = gsl_vector_alloc(sh->n[1]);
  double *y = malloc(sh->nparam * sizeof *y);
  sa_ode *ode = NULL;
  int status = -1;
  res->t_half = res->t_align = NAN;
  res->t_final = 0;
  res->nsteps = res->nrhs = 0;
  if (!c.w || !c.gram || !c.w1b || !y) {
    snprintf(err, errlen, "out of memory");
    goto cleanup;
  }
  sa_linnet_products(sh, theta, c.w);
  c.loss0 = res->loss0 = sa_linnet_loss(sh, c.w, pb->Sigma, pb->T);
  if (obs && obs(0.0, theta, user) != 0) {
    snprintf(err, errlen, "observer failed at t=0");
    goto cleanup;
  }
  ode = sa_ode_alloc(sh->nparam, rhs, &c, par, theta, 0.0, err, errlen);
  if (!ode)
    goto cleanup;
  if (sa_ode_set_roots(ode, pb->beta ? 3 : 2, roots) != SA_ODE_OK) {
    snprintf(err, errlen, "%s", sa_ode_error(ode));
    goto cleanup;
  }
  int stopped = 0;
  for (size_t k = 0; k < ntimes && !stopped; k++) {
    double t = 0;
    for (;;) {
      int st = sa_ode_advance(ode, times[k], &t, y);
      if (st == SA_ODE_FAIL) {
        snprintf(err, errlen, "CVODE failed: %s", sa_ode_error(ode));
        goto cleanup;
      }
      if (st == SA_ODE_OK)
        break;
      /* A root: which one?  Evaluate the event functions at the root. */
      int found[3] = {0, 0, 0};
      sa_ode_root_info(ode, found);
      if (isnan(res->t_half) && found[0])
        res->t_half = t;
      if (pb->beta && isnan(res->t_align) && found[2])
        res->t_align = t;
      if (pb->stop_ratio > 0 && found[1]) {
        stopped = 1;
        break;
      }
    }
    res->t_final = t;
    if (obs && obs(t, y, user) != 0) {
      snprintf(err, errlen, "observer failed at t=%g", t);
      goto cleanup;
    }
  }
  for (size_t i = 0; i < sh->nparam; i++)
    theta[i] = y[i];
  status = 0;
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
