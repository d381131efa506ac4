/* Synthetic data with prescribed spectrum: see synthetic.h. */
#include "config.h"

#include "data/synthetic.h"

#include "core/sa_errno.h"
#include "core/sa_linalg.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <math.h>

/* Orthonormal n x r columns: the Q factor of a Gaussian matrix
 * (core/sa_linalg.h) with GSL's Householder signs, which every synthetic
 * data set since the first has been drawn with (Haar up to the signs of
 * its columns). */
static gsl_matrix *random_orthonormal(size_t n, size_t r, gsl_rng *rng)
{
  gsl_matrix *out = gsl_matrix_alloc(n, r);
  gsl_vector *tau = gsl_vector_alloc(r);
  if (!out || !tau || sa_linalg_random_orthonormal(out, rng, tau, SA_LINALG_R_HOUSEHOLDER)) {
    gsl_matrix_free(out);
    out = NULL;
  }
  gsl_vector_free(tau);
  return out;
}

gsl_matrix *sa_synth_inputs(size_t D, size_t P, double a, gsl_rng *rng)
{
  size_t r = D < P ? D : P;
  gsl_matrix *U = random_orthonormal(D, r, rng);
  gsl_matrix *V = random_orthonormal(P, r, rng);
  gsl_matrix *X = gsl_matrix_alloc(D, P);
  if (!U || !V || !X) {
    gsl_matrix_free(X);
    X = NULL;
    goto done;
  }
  double mean = 0;
  for (size_t k = 0; k < r; k++)
    mean += pow((double)(k + 1), -a) / (double)r;
  /* Scale column k of U by sqrt(P lambda_k), then X = U_scaled V^T. */
  int st = GSL_SUCCESS;
  for (size_t k = 0; k < r && !st; k++) {
    double lambda = pow((double)(k + 1), -a) / mean;
    gsl_vector_view col = gsl_matrix_column(U, k);
    st = gsl_vector_scale(&col.vector, sqrt((double)P * lambda));
  }
  if (st || (st = gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, U, V, 0.0, X))) {
    sa_error(st, "synthetic inputs X = U diag(sqrt(P lambda)) V^T: %s", gsl_strerror(st));
    gsl_matrix_free(X);
    X = NULL;
  }
done:
  gsl_matrix_free(U);
  gsl_matrix_free(V);
  return X;
}

int sa_synth_covariance(const gsl_matrix *X, gsl_matrix *Sigma)
{
  int st = gsl_blas_dsyrk(CblasUpper, CblasNoTrans, 1.0 / (double)X->size2, X, 0.0, Sigma);
  if (st)
    return sa_error(st, "covariance of a %zu x %zu input matrix into %zu x %zu: %s", X->size1,
                    X->size2, Sigma->size1, Sigma->size2, gsl_strerror(st));
  for (size_t i = 0; i < Sigma->size1; i++)
    for (size_t j = 0; j < i; j++)
      gsl_matrix_set(Sigma, i, j, gsl_matrix_get(Sigma, j, i));
  return GSL_SUCCESS;
}

int sa_synth_teacher(const gsl_matrix *X, gsl_rng *rng, gsl_vector *beta)
{
  size_t D = X->size1, P = X->size2;
  gsl_vector *g = gsl_vector_alloc(D);
  if (!g)
    return sa_error(GSL_ENOMEM, "teacher: out of memory (D = %zu)", D);
  for (size_t i = 0; i < D; i++)
    gsl_vector_set(g, i, gsl_ran_gaussian(rng, 1.0));
  if (P >= D) {
    int st = gsl_vector_memcpy(beta, g);
    if (st) {
      gsl_vector_free(g);
      return sa_error(st, "teacher: copy of the draw: %s", gsl_strerror(st));
    }
  } else {
    /* Project onto span(X): beta = X (X^T X)^{-1} X^T g by Cholesky. */
    gsl_matrix *G = gsl_matrix_alloc(P, P);
    gsl_vector *c = gsl_vector_alloc(P);
    if (!G || !c) {
      gsl_matrix_free(G);
      gsl_vector_free(c);
      gsl_vector_free(g);
      return sa_error(GSL_ENOMEM, "teacher: out of memory (P = %zu)", P);
    }
    int st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, X, X, 0.0, G);
    if (st == 0)
      st = gsl_blas_dgemv(CblasTrans, 1.0, X, g, 0.0, c);
    if (st == 0)
      st = sa_linalg_cholesky(G, G);
    if (st == 0)
      st = sa_linalg_cholesky_solve(G, c, c);
    if (st == 0)
      st = gsl_blas_dgemv(CblasNoTrans, 1.0, X, c, 0.0, beta);
    gsl_matrix_free(G);
    gsl_vector_free(c);
    if (st) {
      gsl_vector_free(g);
      return sa_error(st, "teacher: projection onto the span of the %zu inputs failed: %s", P,
                      gsl_strerror(st));
    }
  }
  gsl_vector_free(g);
  /* beta / |beta|: |beta| = 0 (the draw orthogonal to span(X), or X = 0)
   * or NaN (non-finite inputs) gives no direction. */
  double nrm = gsl_blas_dnrm2(beta);
  if (!(nrm > 0.0) || !isfinite(nrm))
    return sa_error(GSL_EZERODIV,
                    "teacher: the projection of the Gaussian draw onto the span of the %zu "
                    "inputs has norm %g, not a direction",
                    P, nrm);
  int st = gsl_vector_scale(beta, 1.0 / nrm);
  return st ? sa_error(st, "teacher: beta / |beta|: %s", gsl_strerror(st)) : GSL_SUCCESS;
}
