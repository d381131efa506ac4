/* Ridgeless kernel regression with a pseudo-inverse fallback: see
 * kernel_regression.h. */
#include "config.h"

#include "nets/kernel_regression.h"

#include "core/sa_errno.h"
#include "core/sa_linalg.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>

sa_kreg *sa_kreg_alloc(size_t n)
{
  if (n < 1)
    return NULL;
  sa_kreg *kr = calloc(1, sizeof *kr);
  if (!kr)
    return NULL;
  kr->n = n;
  kr->used = SA_KREG_AUTO;
  kr->F = gsl_matrix_alloc(n, n);
  kr->lambda = gsl_vector_alloc(n);
  kr->work = gsl_vector_alloc(3 * n);
  kr->A = gsl_matrix_alloc(n, n);
  kr->eig = gsl_eigen_symmv_alloc(n);
  if (!kr->F || !kr->lambda || !kr->work || !kr->A || !kr->eig) {
    sa_kreg_free(kr);
    return NULL;
  }
  return kr;
}

void sa_kreg_free(sa_kreg *kr)
{
  if (!kr)
    return;
  if (kr->F)
    gsl_matrix_free(kr->F);
  if (kr->lambda)
    gsl_vector_free(kr->lambda);
  if (kr->work)
    gsl_vector_free(kr->work);
  if (kr->A)
    gsl_matrix_free(kr->A);
  if (kr->eig)
    gsl_eigen_symmv_free(kr->eig);
  free(kr);
}

/* Cholesky accepted only if kappa_2 <= n kappa_1 <= 1/rcond. */
static int fit_cholesky(sa_kreg *kr, const gsl_matrix *K, double rcond)
{
  int st = sa_linalg_cholesky(kr->F, K);
  kr->rcond_chol = 0.0;
  if (!st)
    st = gsl_linalg_cholesky_rcond(kr->F, &kr->rcond_chol, kr->work);
  if (st)
    return GSL_EDOM;
  if (!(kr->rcond_chol > (double)kr->n * rcond))
    return GSL_EDOM;
  kr->used = SA_KREG_CHOLESKY;
  kr->rank = kr->n;
  return GSL_SUCCESS;
}

static int fit_eigen(sa_kreg *kr, const gsl_matrix *K, double rcond)
{
  size_t n = kr->n;
  int st;
  if ((st = gsl_matrix_memcpy(kr->A, K)))
    return sa_error(st, "kernel regression: copy of K: %s", gsl_strerror(st));
  if ((st = gsl_eigen_symmv(kr->A, kr->lambda, kr->F, kr->eig)))
    return sa_error(st, "kernel regression: eigen-decomposition of K: %s", gsl_strerror(st));
  double lmax = gsl_vector_max(kr->lambda), cut = rcond * lmax;
  kr->rank = 0;
  for (size_t i = 0; i < n; i++)
    if (lmax > 0.0 && gsl_vector_get(kr->lambda, i) > cut)
      kr->rank++;
  kr->used = SA_KREG_EIGEN;
  return GSL_SUCCESS;
}

/* ANCHOR: kreg_fit */
int sa_kreg_fit(sa_kreg *kr, const gsl_matrix *K, sa_kreg_method method, double rcond)
{
  if (K->size1 != kr->n || K->size2 != kr->n)
    return GSL_EBADLEN;
  if (!(rcond > 0.0 && rcond < 1.0))
    return GSL_EINVAL;
  kr->rcond = rcond;
  kr->used = SA_KREG_AUTO; /* no valid factorisation until one succeeds */
  if (method == SA_KREG_CHOLESKY)
    return fit_cholesky(kr, K, rcond);
  if (method == SA_KREG_AUTO && fit_cholesky(kr, K, rcond) == GSL_SUCCESS)
    return GSL_SUCCESS;
  return fit_eigen(kr, K, rcond);
}
/* END: kreg_fit */

/* ANCHOR: kreg_solve */
int sa_kreg_solve(const sa_kreg *kr, const gsl_vector *y, gsl_vector *alpha)
{
  size_t n = kr->n;
  if (y->size != n || alpha->size != n)
    return GSL_EBADLEN;
  if (kr->used == SA_KREG_AUTO)
    return GSL_EFAILED;
  if (kr->used == SA_KREG_CHOLESKY)
    return sa_linalg_cholesky_solve(kr->F, y, alpha);
  /* alpha = V diag(1/lambda_i on kept i, 0 else) V^T y */
  gsl_vector_view t = gsl_vector_subvector(kr->work, 0, n);
  int st;
  if ((st = gsl_blas_dgemv(CblasTrans, 1.0, kr->F, y, 0.0, &t.vector)))
    return sa_error(st, "kernel regression: V^T y: %s", gsl_strerror(st));
  double cut = kr->rcond * gsl_vector_max(kr->lambda);
  for (size_t i = 0; i < n; i++) {
    double li = gsl_vector_get(kr->lambda, i);
    double ti = gsl_vector_get(&t.vector, i);
    gsl_vector_set(&t.vector, i, (li > cut && li > 0.0) ? ti / li : 0.0);
  }
  if ((st = gsl_blas_dgemv(CblasNoTrans, 1.0, kr->F, &t.vector, 0.0, alpha)))
    return sa_error(st, "kernel regression: alpha = V t: %s", gsl_strerror(st));
  return GSL_SUCCESS;
}
/* END: kreg_solve */

int sa_kreg_predict(const gsl_matrix *Kx, const gsl_vector *alpha, gsl_vector *f)
{
  if (Kx->size2 != alpha->size || Kx->size1 != f->size)
    return GSL_EBADLEN;
  return gsl_blas_dgemv(CblasNoTrans, 1.0, Kx, alpha, 0.0, f);
}

sa_kreg_outputs_workspace *sa_kreg_outputs_alloc(size_t C, size_t P, size_t Pt)
{
  if (C < 1 || P < 1 || Pt < 1)
    return NULL;
  sa_kreg_outputs_workspace *w = calloc(1, sizeof *w);
  if (!w)
    return NULL;
  w->C = C;
  w->P = P;
  w->Pt = Pt;
  w->y = gsl_vector_alloc(C * P);
  w->alpha = gsl_vector_alloc(C * P);
  w->f = gsl_vector_alloc(C * Pt);
  if (!w->y || !w->alpha || !w->f) {
    sa_kreg_outputs_free(w);
    return NULL;
  }
  return w;
}

void sa_kreg_outputs_free(sa_kreg_outputs_workspace *w)
{
  if (!w)
    return;
  if (w->y)
    gsl_vector_free(w->y);
  if (w->alpha)
    gsl_vector_free(w->alpha);
  if (w->f)
    gsl_vector_free(w->f);
  free(w);
}

int sa_kreg_predict_outputs(const sa_kreg *kr, const gsl_matrix *Kx, const gsl_matrix *Y,
                            gsl_matrix *Fk, sa_kreg_outputs_workspace *w)
{
  size_t C = Y->size1, P = Y->size2, Pt = Fk->size2;
  if (Fk->size1 != C || C * P != kr->n || Kx->size1 != C * Pt || Kx->size2 != C * P || w->C != C ||
      w->P != P || w->Pt != Pt)
    return GSL_EBADLEN;
  for (size_t c = 0; c < C; c++)
    for (size_t mu = 0; mu < P; mu++)
      gsl_vector_set(w->y, c * P + mu, gsl_matrix_get(Y, c, mu));
  int st = sa_kreg_solve(kr, w->y, w->alpha);
  if (!st)
    st = sa_kreg_predict(Kx, w->alpha, w->f);
  if (!st)
    for (size_t c = 0; c < C; c++)
      for (size_t mu = 0; mu < Pt; mu++)
        gsl_matrix_set(Fk, c, mu, gsl_vector_get(w->f, c * Pt + mu));
  return st;
}

/* ANCHOR: kreg_discrepancy */
double sa_kreg_discrepancy(const gsl_matrix *F_nn, const gsl_matrix *F_k)
{
  if (F_nn->size1 != F_k->size1 || F_nn->size2 != F_k->size2)
    return NAN;
  double d = 0.0, s = 0.0;
  for (size_t i = 0; i < F_nn->size1; i++)
    for (size_t j = 0; j < F_nn->size2; j++) {
      double a = gsl_matrix_get(F_nn, i, j), b = gsl_matrix_get(F_k, i, j);
      d += (a - b) * (a - b);
      s += a * a;
    }
  if (s == 0.0)
    return NAN;
  return sqrt(d / s);
}
/* END: kreg_discrepancy */
