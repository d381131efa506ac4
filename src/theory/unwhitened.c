/* Unwhitened two-layer network: see unwhitened.h. */
#include "config.h"

#include "theory/unwhitened.h"

#include "core/sa_errno.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>

int sa_unwhitened_ab(const gsl_matrix *Sigma, const gsl_vector *beta, double *a, double *b)
{
  *a = *b = NAN;
  gsl_vector *sb = gsl_vector_alloc(beta->size);
  if (!sb)
    return sa_error(GSL_ENOMEM, "beta^T Sigma beta: out of memory");
  int st;
  if ((st = gsl_blas_dsymv(CblasUpper, 1.0, Sigma, beta, 0.0, sb)) ||
      (st = gsl_blas_ddot(beta, sb, a)) || (st = gsl_blas_ddot(sb, sb, b)))
    sa_error(st, "beta^T Sigma beta and beta^T Sigma^2 beta: %s", gsl_strerror(st));
  gsl_vector_free(sb);
  return st;
}

int sa_unwhitened_interpolant(double s, const gsl_vector *beta, gsl_vector *w_star)
{
  int st;
  if ((st = gsl_vector_memcpy(w_star, beta)) || (st = gsl_vector_scale(w_star, s)))
    return sa_error(st, "min-norm interpolant s beta: %s", gsl_strerror(st));
  return GSL_SUCCESS;
}

void sa_unwhitened_matrix(double s, double a, double b, gsl_matrix *A)
{
  const double m[5][5] = {
      {0, a, 1, 0, 0}, {0, 0, 0, 2, 0}, {b, 0, 0, a, 0}, {0, b, 0, 0, 1}, {0, 0, 0, 2 * b, 0}};
  for (size_t i = 0; i < 5; i++)
    for (size_t j = 0; j < 5; j++)
      gsl_matrix_set(A, i, j, s * m[i][j]);
}

int sa_unwhitened_eigenvalues(double s, double a, double b, double *re, double *im)
{
  gsl_matrix *A = gsl_matrix_alloc(5, 5);
  gsl_vector_complex *ev = gsl_vector_complex_alloc(5);
  gsl_eigen_nonsymm_workspace *ws = gsl_eigen_nonsymm_alloc(5);
  int st = GSL_ENOMEM;
  if (A && ev && ws) {
    sa_unwhitened_matrix(s, a, b, A);
    st = gsl_eigen_nonsymm(A, ev, ws);
  }
  if (st == 0) {
    for (size_t i = 0; i < 5; i++) {
      re[i] = GSL_REAL(gsl_vector_complex_get(ev, i));
      im[i] = GSL_IMAG(gsl_vector_complex_get(ev, i));
    }
    /* insertion sort by real part */
    for (size_t i = 1; i < 5; i++)
      for (size_t j = i; j > 0 && re[j] < re[j - 1]; j--) {
        double t = re[j];
        re[j] = re[j - 1];
        re[j - 1] = t;
        t = im[j];
        im[j] = im[j - 1];
        im[j - 1] = t;
      }
  }
  gsl_matrix_free(A);
  gsl_vector_complex_free(ev);
  if (ws)
    gsl_eigen_nonsymm_free(ws);
  return st;
}

void sa_unwhitened_eigen_theory(double s, double b, double *ev)
{
  double r = sqrt(b);
  ev[0] = -2 * s * r;
  ev[1] = -s * r;
  ev[2] = 0;
  ev[3] = s * r;
  ev[4] = 2 * s * r;
}

struct sa_spike_work {
  sa_linnet_shape shape;
  const gsl_vector *beta;
  gsl_vector *sigbeta; /* Sigma beta / |Sigma beta| */
  gsl_matrix *G0, *G, *evec;
  gsl_vector *eval, *weff;
  gsl_eigen_symmv_workspace *eig;
};

void sa_spike_free(sa_spike_work *w)
{
  if (!w)
    return;
  gsl_vector_free(w->sigbeta);
  gsl_matrix_free(w->G0);
  gsl_matrix_free(w->G);
  gsl_matrix_free(w->evec);
  gsl_vector_free(w->eval);
  gsl_vector_free(w->weff);
  if (w->eig)
    gsl_eigen_symmv_free(w->eig);
  free(w);
}

/* G = W^T W (full symmetric), W = layer 1. */
static int gram(const sa_linnet_shape *sh, const double *theta, gsl_matrix *G)
{
  gsl_matrix_const_view W = sa_linnet_layer_const(sh, theta, 1);
  int st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &W.matrix, &W.matrix, 0.0, G);
  return st ? sa_error(st, "first-layer Gram W^T W: %s", gsl_strerror(st)) : GSL_SUCCESS;
}

sa_spike_work *sa_spike_alloc(const sa_linnet_shape *shape, const gsl_matrix *Sigma,
                              const gsl_vector *beta, const double *theta0)
{
  if (shape->L != 2 || shape->n[2] != 1) {
    sa_error(GSL_EINVAL, "the spike observables need a two-layer net with one output");
    return NULL;
  }
  size_t D = shape->n[0];
  sa_spike_work *w = calloc(1, sizeof *w);
  if (!w) {
    sa_error(GSL_ENOMEM, "spike workspace: out of memory");
    return NULL;
  }
  w->shape = *shape;
  w->beta = beta;
  w->sigbeta = gsl_vector_alloc(D);
  w->G0 = gsl_matrix_alloc(D, D);
  w->G = gsl_matrix_alloc(D, D);
  w->evec = gsl_matrix_alloc(D, D);
  w->eval = gsl_vector_alloc(D);
  w->weff = gsl_vector_alloc(D);
  w->eig = gsl_eigen_symmv_alloc(D);
  if (!w->sigbeta || !w->G0 || !w->G || !w->evec || !w->eval || !w->weff || !w->eig) {
    sa_error(GSL_ENOMEM, "spike workspace: out of memory");
    sa_spike_free(w);
    return NULL;
  }
  /* sigbeta = Sigma beta / |Sigma beta|, G0 = W^T W at theta0 */
  int st = gsl_blas_dsymv(CblasUpper, 1.0, Sigma, beta, 0.0, w->sigbeta);
  double nsb = st ? 0 : gsl_blas_dnrm2(w->sigbeta);
  if (st)
    sa_error(st, "Sigma beta: %s", gsl_strerror(st));
  else if (!(nsb > 0))
    st = sa_error(GSL_EZERODIV, "Sigma beta is zero: no direction to compare the spike with");
  if (st || (st = gsl_vector_scale(w->sigbeta, 1.0 / nsb)) || (st = gram(shape, theta0, w->G0))) {
    sa_spike_free(w);
    return NULL;
  }
  return w;
}

/* |cos| of the eigenvector of the largest eigenvalue of G (destroyed) with u. */
static int top_cos(sa_spike_work *w, gsl_matrix *G, const gsl_vector *u, const gsl_vector *v,
                   double *cu, double *cv)
{
  int st;
  if ((st = gsl_eigen_symmv(G, w->eval, w->evec, w->eig)))
    return sa_error(st, "eigenvectors of the Gram change: %s", gsl_strerror(st));
  /* sorts eval and evec, sized together by the workspace: cannot fail */
  (void)gsl_eigen_symmv_sort(w->eval, w->evec, GSL_EIGEN_SORT_VAL_DESC);
  gsl_vector_const_view top = gsl_matrix_const_column(w->evec, 0);
  double d = 0;
  if ((st = gsl_blas_ddot(&top.vector, u, &d)))
    return sa_error(st, "cosine with the top eigenvector: %s", gsl_strerror(st));
  *cu = fabs(d);
  if (v) {
    if ((st = gsl_blas_ddot(&top.vector, v, &d)))
      return sa_error(st, "cosine with the top eigenvector: %s", gsl_strerror(st));
    *cv = fabs(d);
  }
  return 0;
}

int sa_spike_compute(sa_spike_work *w, const double *theta, const gsl_vector *w_star, sa_spike *out)
{
  const sa_linnet_shape *sh = &w->shape;
  int st;
  if ((st = gram(sh, theta, w->G)))
    return st;
  if ((st = gsl_matrix_sub(w->G, w->G0)))
    return sa_error(st, "spike G - G0: %s", gsl_strerror(st));
  if ((st = top_cos(w, w->G, w->sigbeta, w->beta, &out->cos_sigbeta, &out->cos_beta)) ||
      (st = gram(sh, theta, w->G)) ||
      (st = top_cos(w, w->G, w->beta, NULL, &out->top_cos_beta, NULL)))
    return st;
  out->weff_err = NAN;
  if (w_star) {
    /* W^T a, a = layer 2 as a vector. */
    gsl_matrix_const_view W = sa_linnet_layer_const(sh, theta, 1);
    gsl_vector_const_view a = gsl_vector_const_view_array(theta + sh->offset[2], sh->n[1]);
    if ((st = gsl_blas_dgemv(CblasTrans, 1.0, &W.matrix, &a.vector, 0.0, w->weff)) ||
        (st = gsl_vector_sub(w->weff, w_star)))
      return sa_error(st, "W^T a - w*: %s", gsl_strerror(st));
    out->weff_err = gsl_blas_dnrm2(w->weff) / gsl_blas_dnrm2(w_star);
  }
  return 0;
}
