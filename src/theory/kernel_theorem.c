/* The App. B kernel-regression theorem by CVODE: see kernel_theorem.h.
 *
 * State y = [Delta (P) | f(test) (ntest) | Phi (P x P, row-major)].
 * Phase I (t <= tau) and phase II (t > tau) are separate CVODE problems,
 * so no step straddles the switch of schedule at tau: the phase-I
 * right-hand side is the linear-in-t kernel extended smoothly past tau
 * (CVODE may step beyond tau and interpolate back), the phase-II one is
 * g(t) K_inf.  Phase II stops at the root |Delta|^2 = (delta_tol |Delta0|)^2. */
#include "config.h"

#include "theory/kernel_theorem.h"

#include "core/sa_errno.h"
#include "core/sa_linalg.h"
#include "core/sa_ode.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- problem */

/* Gram of nfeat random features for P + ntest points: G = U^T U. */
static gsl_matrix *feature_gram(size_t npts, size_t nfeat, gsl_rng *r)
{
  gsl_matrix *U = gsl_matrix_alloc(nfeat, npts);
  gsl_matrix *G = gsl_matrix_alloc(npts, npts);
  if (!U || !G) {
    gsl_matrix_free(U);
    gsl_matrix_free(G);
    return NULL;
  }
  double sd = 1.0 / sqrt((double)nfeat);
  for (size_t i = 0; i < nfeat; i++)
    for (size_t j = 0; j < npts; j++)
      gsl_matrix_set(U, i, j, gsl_ran_gaussian(r, sd));
  int st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, U, U, 0.0, G);
  gsl_matrix_free(U);
  if (st) {
    sa_error(st, "random-feature Gram U^T U: %s", gsl_strerror(st));
    gsl_matrix_free(G);
    return NULL;
  }
  return G;
}

/* Split a Gram matrix of P + ntest points into K (P x P) and k (ntest x P). */
static int split_gram(const gsl_matrix *G, size_t P, size_t ntest, gsl_matrix *K, gsl_matrix *k)
{
  gsl_matrix_const_view train = gsl_matrix_const_submatrix(G, 0, 0, P, P);
  gsl_matrix_const_view cross = gsl_matrix_const_submatrix(G, P, 0, ntest, P);
  int st;
  if ((st = gsl_matrix_memcpy(K, &train.matrix)) || (st = gsl_matrix_memcpy(k, &cross.matrix)))
    return sa_error(st, "splitting the Gram matrix into K and k: %s", gsl_strerror(st));
  return GSL_SUCCESS;
}

void sa_ktheorem_problem_free(sa_ktheorem_problem *pb)
{
  if (!pb)
    return;
  gsl_matrix_free(pb->K0);
  gsl_matrix_free(pb->Kinf);
  gsl_matrix_free(pb->k0);
  gsl_matrix_free(pb->kinf);
  gsl_vector_free(pb->y);
  gsl_vector_free(pb->f0_train);
  gsl_vector_free(pb->f0_test);
  free(pb);
}

sa_ktheorem_problem *sa_ktheorem_problem_alloc(size_t P, size_t ntest, size_t nfeat,
                                               double f0_scale, gsl_rng *r)
{
  if (P == 0 || ntest == 0 || nfeat == 0 || !(f0_scale >= 0))
    return NULL;
  sa_ktheorem_problem *pb = calloc(1, sizeof *pb);
  if (!pb)
    return NULL;
  pb->P = P;
  pb->ntest = ntest;
  pb->K0 = gsl_matrix_alloc(P, P);
  pb->Kinf = gsl_matrix_alloc(P, P);
  pb->k0 = gsl_matrix_alloc(ntest, P);
  pb->kinf = gsl_matrix_alloc(ntest, P);
  pb->y = gsl_vector_alloc(P);
  pb->f0_train = gsl_vector_alloc(P);
  pb->f0_test = gsl_vector_alloc(ntest);
  gsl_matrix *G0 = feature_gram(P + ntest, nfeat, r);
  gsl_matrix *Ginf = feature_gram(P + ntest, nfeat, r);
  if (!pb->K0 || !pb->Kinf || !pb->k0 || !pb->kinf || !pb->y || !pb->f0_train || !pb->f0_test ||
      !G0 || !Ginf || split_gram(G0, P, ntest, pb->K0, pb->k0) ||
      split_gram(Ginf, P, ntest, pb->Kinf, pb->kinf)) {
    gsl_matrix_free(G0);
    gsl_matrix_free(Ginf);
    sa_ktheorem_problem_free(pb);
    return NULL;
  }
  gsl_matrix_free(G0);
  gsl_matrix_free(Ginf);
  for (size_t i = 0; i < P; i++)
    gsl_vector_set(pb->y, i, gsl_ran_gaussian(r, 1.0));
  for (size_t i = 0; i < P; i++)
    gsl_vector_set(pb->f0_train, i, f0_scale * gsl_ran_gaussian(r, 1.0));
  for (size_t i = 0; i < ntest; i++)
    gsl_vector_set(pb->f0_test, i, f0_scale * gsl_ran_gaussian(r, 1.0));
  return pb;
}

/* --------------------------------------------------------------- schedule */

static double logistic(double u)
{
  return 1.0 / (1.0 + exp(-u));
}

double sa_ktheorem_g(const sa_ktheorem_schedule *s, double t)
{
  double l0 = logistic(-s->g_rate * s->g_delay);
  double l = logistic(s->g_rate * (t - s->tau - s->g_delay));
  return s->eps + (1.0 - s->eps) * (l - l0) / (1.0 - l0);
}

/* K(t) = a K0 + b K_inf. */
static void schedule_coeffs(const sa_ktheorem_schedule *s, int phase2, double t, double *a,
                            double *b)
{
  if (phase2) {
    *a = 0;
    *b = sa_ktheorem_g(s, t);
  } else if (s->static_phase1) {
    *a = s->eps;
    *b = 0;
  } else {
    double u = t / s->tau;
    *a = s->eps * (1.0 - u);
    *b = s->eps * u;
  }
}

/* ------------------------------------------------------------------- flow */

typedef struct {
  const sa_ktheorem_problem *pb;
  const sa_ktheorem_schedule *s;
  int phase2;
  double d0;         /* |Delta0|                 */
  double delta_tol2; /* (delta_tol |Delta0|)^2   */
  sa_ktheorem_workspace *w;
} flow_ctx;

static int flow_rhs(double t, const double *y, double *ydot, void *user)
{
  int st;
  const flow_ctx *c = user;
  const sa_ktheorem_problem *pb = c->pb;
  size_t P = pb->P, n = pb->ntest;
  double a, b;
  schedule_coeffs(c->s, c->phase2, t, &a, &b);
  gsl_vector_const_view D = gsl_vector_const_view_array(y, P);
  gsl_matrix_const_view Phi = gsl_matrix_const_view_array(y + P + n, P, P);
  gsl_vector_view dD = gsl_vector_view_array(ydot, P);
  gsl_vector_view df = gsl_vector_view_array(ydot + P, n);
  gsl_matrix_view dPhi = gsl_matrix_view_array(ydot + P + n, P, P);
  /* dDelta = -K Delta;  df = k Delta;  dPhi = -K Phi */
  if ((st = gsl_blas_dsymv(CblasUpper, -a, pb->K0, &D.vector, 0.0, &dD.vector)) ||
      (st = gsl_blas_dsymv(CblasUpper, -b, pb->Kinf, &D.vector, 1.0, &dD.vector)) ||
      (st = gsl_blas_dgemv(CblasNoTrans, a, pb->k0, &D.vector, 0.0, &df.vector)) ||
      (st = gsl_blas_dgemv(CblasNoTrans, b, pb->kinf, &D.vector, 1.0, &df.vector)) ||
      (st = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, -a, pb->K0, &Phi.matrix, 0.0,
                           &dPhi.matrix)) ||
      (st = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, -b, pb->Kinf, &Phi.matrix, 1.0,
                           &dPhi.matrix)))
    return sa_error(st, "theorem flow right-hand side: %s", gsl_strerror(st));
  return 0;
}

static int flow_root(double t, const double *y, double *g, void *user)
{
  (void)t;
  const flow_ctx *c = user;
  double d2 = 0;
  for (size_t i = 0; i < c->pb->P; i++)
    d2 += y[i] * y[i];
  g[0] = d2 - c->delta_tol2;
  return 0;
}

sa_ktheorem_workspace *sa_ktheorem_workspace_alloc(size_t P, size_t ntest)
{
  if (P == 0 || ntest == 0)
    return NULL;
  sa_ktheorem_workspace *w = calloc(1, sizeof *w);
  if (!w)
    return NULL;
  w->P = P;
  w->ntest = ntest;
  w->y = calloc(P + ntest + P * P, sizeof *w->y);
  w->A = gsl_matrix_alloc(P, P);
  w->V = gsl_matrix_alloc(P, P);
  w->S = gsl_vector_alloc(P);
  w->svd_work = gsl_vector_alloc(P);
  w->L = gsl_matrix_alloc(P, P);
  w->c = gsl_vector_alloc(P);
  w->d = gsl_vector_alloc(P);
  if (!w->y || !w->A || !w->V || !w->S || !w->svd_work || !w->L || !w->c || !w->d) {
    sa_ktheorem_workspace_free(w);
    return NULL;
  }
  return w;
}

void sa_ktheorem_workspace_free(sa_ktheorem_workspace *w)
{
  if (!w)
    return;
  free(w->y);
  gsl_matrix_free(w->A);
  gsl_matrix_free(w->V);
  gsl_vector_free(w->S);
  gsl_vector_free(w->svd_work);
  gsl_matrix_free(w->L);
  gsl_vector_free(w->c);
  gsl_vector_free(w->d);
  free(w);
}

static int ws_fits(const sa_ktheorem_problem *pb, const sa_ktheorem_workspace *w)
{
  return w->P == pb->P && w->ntest == pb->ntest;
}

/* Largest singular value of w->A (overwritten). */
static double opnorm_in_place(sa_ktheorem_workspace *w)
{
  if (gsl_linalg_SV_decomp(w->A, w->V, w->S, w->svd_work) != GSL_SUCCESS)
    return NAN;
  return gsl_vector_get(w->S, 0); /* singular values come sorted, largest first */
}

double sa_ktheorem_opnorm(const gsl_matrix *M, sa_ktheorem_workspace *w)
{
  if (M->size1 != w->P || M->size2 != w->P || gsl_matrix_memcpy(w->A, M))
    return NAN;
  return opnorm_in_place(w);
}

/* |Phi|_op or |Phi - I|_op of the state's Phi block. */
static double phi_norm(const double *y, int minus_identity, sa_ktheorem_workspace *w)
{
  size_t P = w->P;
  gsl_matrix_const_view Phi = gsl_matrix_const_view_array(y + P + w->ntest, P, P);
  if (gsl_matrix_memcpy(w->A, &Phi.matrix))
    return NAN;
  if (minus_identity)
    for (size_t i = 0; i < P; i++)
      gsl_matrix_set(w->A, i, i, gsl_matrix_get(w->A, i, i) - 1.0);
  return opnorm_in_place(w);
}

/* phi_max = max(phi_max, |Phi|_op) at the state y. */
static int track_phi_max(const double *y, sa_ktheorem_workspace *w, double *phi_max)
{
  double p = phi_norm(y, 0, w);
  if (isnan(p))
    return sa_error(GSL_EFAILED, "|Phi|_op: the SVD failed");
  *phi_max = fmax(*phi_max, p);
  return GSL_SUCCESS;
}

static double vnorm(const double *v, size_t n)
{
  double s = 0;
  for (size_t i = 0; i < n; i++)
    s += v[i] * v[i];
  return sqrt(s);
}

/* Phase I: [0, tau] sampled at n_samples equal steps. */
static int run_phase1(flow_ctx *c, const sa_ktheorem_solver *sv, double *y, sa_ktheorem_result *res)
{
  size_t P = c->pb->P, n = c->pb->ntest, N = P + n + P * P;
  sa_ode_params op = {sv->rtol, sv->atol, NULL, sv->max_steps, (sa_ode_method)sv->method};
  sa_ode *ode = NULL;
  int st = sa_ode_alloc(N, flow_rhs, c, &op, y, 0.0, &ode);
  if (st != GSL_SUCCESS)
    return sa_error_prefix(st, "phase I");
  long nsamp = (long)ceil(c->s->tau / sv->sample_dt);
  if (nsamp < 1)
    nsamp = 1;
  double t = 0;
  for (long k = 1; k <= nsamp && st == GSL_SUCCESS; k++) {
    st = sa_ode_advance(ode, c->s->tau * (double)k / (double)nsamp, &t, y);
    if (st == GSL_SUCCESS)
      st = track_phi_max(y, c->w, &res->phi_max);
  }
  if (st != GSL_SUCCESS) /* no event functions in phase I: never GSL_CONTINUE */
    st = sa_error_prefix(st, "integration failed in phase I (t=%g of tau=%g)", t, c->s->tau);
  long steps;
  sa_ode_stats(ode, &steps, NULL);
  res->nsteps += steps;
  sa_ode_free(ode);
  return st;
}

/* Phase II: from tau until |Delta| <= delta_tol |Delta0| (or t_max). */
static int run_phase2(flow_ctx *c, const sa_ktheorem_solver *sv, double *y, sa_ktheorem_result *res)
{
  size_t P = c->pb->P, n = c->pb->ntest, N = P + n + P * P;
  sa_ode_params op = {sv->rtol, sv->atol, NULL, sv->max_steps, (sa_ode_method)sv->method};
  sa_ode *ode = NULL;
  int st = sa_ode_alloc(N, flow_rhs, c, &op, y, c->s->tau, &ode);
  if (st != GSL_SUCCESS)
    return sa_error_prefix(st, "phase II");
  st = sa_ode_set_roots(ode, 1, flow_root);
  double t = c->s->tau;
  while (st == GSL_SUCCESS && t < sv->t_max) {
    st = sa_ode_advance(ode, fmin(t + sv->sample_dt, sv->t_max), &t, y);
    if (st == GSL_SUCCESS || st == GSL_CONTINUE) {
      int pst = track_phi_max(y, c->w, &res->phi_max);
      if (pst)
        st = pst;
    }
  }
  long steps;
  sa_ode_stats(ode, &steps, NULL);
  res->nsteps += steps;
  res->t_end = t;
  if (st == GSL_SUCCESS) /* t_max reached before the event */
    st = sa_error(GSL_EMAXITER,
                  "training error |Delta|/|Delta0| = %g still above delta_tol = %g at t_max = %g",
                  vnorm(y, P) / c->d0, sv->delta_tol, sv->t_max);
  else if (st == GSL_CONTINUE) /* the event |Delta| = delta_tol |Delta0| */
    st = GSL_SUCCESS;
  else
    st = sa_error_prefix(st, "integration failed in phase II (t=%g)", t);
  sa_ode_free(ode);
  return st;
}

int sa_ktheorem_solve(const sa_ktheorem_problem *pb, const sa_ktheorem_schedule *s,
                      const sa_ktheorem_solver *sv, gsl_vector *f_test, sa_ktheorem_result *res,
                      sa_ktheorem_workspace *w)
{
  size_t P = pb->P, n = pb->ntest, N = P + n + P * P;
  if (!(s->eps > 0) || !(s->tau > 0) || !(sv->sample_dt > 0) || !(sv->t_max > s->tau) ||
      f_test->size != n)
    return sa_error(GSL_EINVAL, "invalid schedule or solver parameters");
  if (!ws_fits(pb, w))
    return sa_error(GSL_EBADLEN, "workspace of P=%zu, ntest=%zu for a problem of P=%zu, ntest=%zu",
                    w->P, w->ntest, P, n);
  double *y = w->y;
  /* Delta0 = y - f0, f(test) = f0(test), Phi = I */
  memset(y, 0, N * sizeof *y);
  for (size_t i = 0; i < P; i++)
    y[i] = gsl_vector_get(pb->y, i) - gsl_vector_get(pb->f0_train, i);
  for (size_t i = 0; i < n; i++)
    y[P + i] = gsl_vector_get(pb->f0_test, i);
  for (size_t i = 0; i < P; i++)
    y[P + n + i * P + i] = 1.0;
  double d0 = vnorm(y, P);
  flow_ctx c = {pb, s, 0, d0, sv->delta_tol * sv->delta_tol * d0 * d0, w};
  memset(res, 0, sizeof *res);
  double k0a = sa_ktheorem_opnorm(pb->K0, w), k0b = sa_ktheorem_opnorm(pb->Kinf, w);
  if (isnan(k0a) || isnan(k0b))
    return sa_error(GSL_EFAILED, "operator norm of K_0 or K_inf: the SVD failed");
  res->k0_op = s->static_phase1 ? k0a : fmax(k0a, k0b);
  res->lemma1_bound = s->eps * res->k0_op * s->tau;
  int rc = run_phase1(&c, sv, y, res);
  if (rc == GSL_SUCCESS) {
    res->phi_dev = phi_norm(y, 1, w);
    if (isnan(res->phi_dev))
      return sa_error(GSL_EFAILED, "|Phi - I|_op at tau: the SVD failed");
    c.phase2 = 1;
    rc = run_phase2(&c, sv, y, res);
  }
  if (rc == GSL_SUCCESS) {
    res->delta_end = vnorm(y, P) / d0;
    for (size_t i = 0; i < n; i++)
      gsl_vector_set(f_test, i, y[P + i]);
  }
  return rc;
}

/* ------------------------------------------------------------- predictors */

int sa_ktheorem_predict(const sa_ktheorem_problem *pb, const gsl_matrix *K, const gsl_matrix *k,
                        gsl_vector *out, sa_ktheorem_workspace *w)
{
  int st;
  if (!ws_fits(pb, w))
    return sa_error(GSL_EBADLEN, "workspace of P=%zu, ntest=%zu for a problem of P=%zu, ntest=%zu",
                    w->P, w->ntest, pb->P, pb->ntest);
  if ((st = gsl_vector_memcpy(w->d, pb->y)) || (st = gsl_vector_sub(w->d, pb->f0_train)))
    return sa_error(st, "kernel prediction: y - f0: %s", gsl_strerror(st));
  int rc;
  if ((rc = sa_linalg_cholesky(w->L, K)) == GSL_SUCCESS &&
      (rc = sa_linalg_cholesky_solve(w->L, w->d, w->c)) == GSL_SUCCESS) {
    if ((st = gsl_vector_memcpy(out, pb->f0_test)))
      return sa_error(st, "kernel prediction: f0 on the test points: %s", gsl_strerror(st));
    rc = gsl_blas_dgemv(CblasNoTrans, 1.0, k, w->c, 1.0, out);
  }
  return rc;
}

int sa_ktheorem_bound(const sa_ktheorem_problem *pb, const sa_ktheorem_schedule *s,
                      gsl_vector *bound, sa_ktheorem_workspace *w)
{
  int st;
  size_t n = pb->ntest;
  if (!ws_fits(pb, w))
    return sa_error(GSL_EBADLEN, "workspace of P=%zu, ntest=%zu for a problem of P=%zu, ntest=%zu",
                    w->P, w->ntest, pb->P, n);
  gsl_vector *d = w->d, *v = w->c;
  if ((st = gsl_vector_memcpy(d, pb->y)) || (st = gsl_vector_sub(d, pb->f0_train)))
    return sa_error(st, "theorem bound: y - f0: %s", gsl_strerror(st));
  double d0 = gsl_blas_dnrm2(d);
  double k0a = sa_ktheorem_opnorm(pb->K0, w), k0b = sa_ktheorem_opnorm(pb->Kinf, w);
  if (isnan(k0a) || isnan(k0b))
    return sa_error(GSL_EFAILED, "operator norm of K_0 or K_inf: the SVD failed");
  double k0 = s->static_phase1 ? k0a : fmax(k0a, k0b);
  int rc;
  if ((rc = sa_linalg_cholesky(w->L, pb->Kinf)) != GSL_SUCCESS)
    return sa_error_prefix(rc, "K_inf");
  for (size_t i = 0; i < n; i++) {
    gsl_vector_const_view a = gsl_matrix_const_row(pb->k0, i);
    gsl_vector_const_view b = gsl_matrix_const_row(pb->kinf, i);
    double kt0 = s->static_phase1 ? gsl_blas_dnrm2(&a.vector)
                                  : fmax(gsl_blas_dnrm2(&a.vector), gsl_blas_dnrm2(&b.vector));
    if ((rc = sa_linalg_cholesky_solve(w->L, &b.vector, v)) !=
        GSL_SUCCESS) /* K_inf^{-1} k_inf(x) */
      return rc;
    gsl_vector_set(bound, i, s->eps * s->tau * d0 * (kt0 + k0 * gsl_blas_dnrm2(v)));
  }
  return GSL_SUCCESS;
}

double sa_ktheorem_bound_ratio(const gsl_vector *f, const gsl_vector *finf, const gsl_vector *bound)
{
  double ratio = 0;
  for (size_t i = 0; i < f->size; i++)
    ratio = fmax(ratio,
                 fabs(gsl_vector_get(f, i) - gsl_vector_get(finf, i)) / gsl_vector_get(bound, i));
  return ratio;
}
