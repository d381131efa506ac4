/* Kernel pictures of a two-dimensional two-layer network: see kernel2d.h. */
#include "config.h"

#include "theory/kernel2d.h"

#include "core/sa_errno.h"
#include "core/sa_linalg.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_math.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void sa_kernel2d_free(sa_kernel2d *k)
{
  sa_linsetup_free(&k->su);
  gsl_vector_free(k->y);
  k->y = NULL;
}

int sa_kernel2d_alloc(const sa_kernel2d_params *p, sa_kernel2d *k)
{
  memset(k, 0, sizeof *k);
  if ((p->P != 1 && p->P != 2) || p->N < 1 || !(p->lambda2 > 0))
    return GSL_EINVAL;
  gsl_matrix *X = gsl_matrix_calloc(2, p->P);
  gsl_matrix *T = gsl_matrix_alloc(1, 2);
  gsl_vector *beta = gsl_vector_alloc(2);
  k->y = gsl_vector_alloc(p->P);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  int st = GSL_ENOMEM;
  if (!X || !T || !beta || !k->y || !rng)
    goto fail;
  const double bt[2] = {cos(p->phi_beta), sin(p->phi_beta)};
  if (p->P == 1) {
    /* one unit sample: Sigma = x x^T, beta = +-x (the span of the data) */
    gsl_matrix_set(X, 0, 0, cos(p->phi_x));
    gsl_matrix_set(X, 1, 0, sin(p->phi_x));
    double proj = bt[0] * cos(p->phi_x) + bt[1] * sin(p->phi_x);
    double sgn = proj < 0 ? -1.0 : 1.0;
    gsl_vector_set(beta, 0, sgn * cos(p->phi_x));
    gsl_vector_set(beta, 1, sgn * sin(p->phi_x));
  } else {
    /* x^1 = sqrt2 e_1, x^2 = sqrt(2 lambda2) e_2: Sigma = diag(1, lambda2) */
    gsl_matrix_set(X, 0, 0, sqrt(2.0));
    gsl_matrix_set(X, 1, 1, sqrt(2.0 * p->lambda2));
    gsl_vector_set(beta, 0, bt[0]);
    gsl_vector_set(beta, 1, bt[1]);
  }
  for (size_t i = 0; i < 2; i++)
    gsl_matrix_set(T, 0, i, p->s * bt[i]);
  gsl_vector_const_view trow = gsl_matrix_const_row(T, 0);
  if ((st = gsl_blas_dgemv(CblasTrans, 1.0, X, &trow.vector, 0.0, k->y)) != 0) /* X^T s beta_T */
    goto fail;
  gsl_rng_set(rng, p->seed);
  /* su owns X, T and beta from here, also when it fails */
  st = sa_linsetup_from_data(2, p->N, p->sigma, rng, X, T, beta, &k->su);
  gsl_rng_free(rng);
  if (st)
    sa_kernel2d_free(k);
  return st;
fail:
  gsl_matrix_free(X);
  gsl_matrix_free(T);
  gsl_vector_free(beta);
  gsl_rng_free(rng);
  sa_kernel2d_free(k);
  return st;
}

/* ANCHOR: kernel2d_ellipse */
/* w = sqrt(c) M^{1/2} (cos theta, sin theta) solves w^T M^{-1} w = c.
 * For a 2 x 2 SPD matrix, M^{1/2} = (M + sqrt(det M) I) / sqrt(tr M + 2 sqrt(det M)). */
void sa_kernel2d_ellipse(const gsl_matrix *M, double c, double theta, double w[2])
{
  double m11 = gsl_matrix_get(M, 0, 0), m12 = gsl_matrix_get(M, 0, 1),
         m22 = gsl_matrix_get(M, 1, 1);
  double rd = sqrt(m11 * m22 - m12 * m12);
  double nrm = sqrt(m11 + m22 + 2.0 * rd);
  double u0 = cos(theta), u1 = sin(theta), sc = sqrt(c) / nrm;
  w[0] = sc * ((m11 + rd) * u0 + m12 * u1);
  w[1] = sc * (m12 * u0 + (m22 + rd) * u1);
}
/* END: kernel2d_ellipse */

/* ANCHOR: kernel2d_interpolant */
/* Kernel regression with K(x, x') = x^T M x': alpha = (X^T M X)^{-1} y,
 * w_KR = M X alpha, |w_KR|_K^2 = y^T alpha. */
int sa_kernel2d_interpolant(const gsl_matrix *M, const gsl_matrix *X, const gsl_vector *y,
                            double w[2], double *norm2)
{
  size_t P = X->size2;
  gsl_matrix *MX = gsl_matrix_alloc(2, P);
  gsl_matrix *G = gsl_matrix_alloc(P, P);
  gsl_vector *alpha = gsl_vector_alloc(P);
  int st = GSL_ENOMEM;
  if (!MX || !G || !alpha)
    goto done;
  /* M must be 2 x 2 and X 2 x P, y of length P: GSL_EBADLEN otherwise */
  if ((st = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, M, X, 0.0, MX)) ||
      (st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, X, MX, 0.0, G))) {
    st = sa_error(st, "interpolant: M X, X^T M X: %s", gsl_strerror(st));
    goto done;
  }
  if ((st = sa_linalg_cholesky(G, G)) || (st = sa_linalg_cholesky_solve(G, y, alpha))) {
    st = sa_error_prefix(st, "interpolant: X^T M X");
    goto done;
  }
  gsl_vector_view wv = gsl_vector_view_array(w, 2);
  if ((st = gsl_blas_dgemv(CblasNoTrans, 1.0, MX, alpha, 0.0, &wv.vector)) ||
      (st = gsl_blas_ddot(y, alpha, norm2)))
    st = sa_error(st, "interpolant: w = M X alpha, y^T alpha: %s", gsl_strerror(st));
done:
  gsl_matrix_free(MX);
  gsl_matrix_free(G);
  gsl_vector_free(alpha);
  return st;
}
/* END: kernel2d_interpolant */

double sa_kernel2d_rkhs_norm2(const gsl_matrix *M, const double w[2])
{
  double m11 = gsl_matrix_get(M, 0, 0), m12 = gsl_matrix_get(M, 0, 1),
         m21 = gsl_matrix_get(M, 1, 0), m22 = gsl_matrix_get(M, 1, 1);
  double det = m11 * m22 - m12 * m21;
  return (m22 * w[0] * w[0] - 2.0 * m12 * w[0] * w[1] + m11 * w[1] * w[1]) / det;
}

void sa_kernel2d_top_direction(const gsl_matrix *M, double *angle, double *ratio)
{
  double m11 = gsl_matrix_get(M, 0, 0), m12 = gsl_matrix_get(M, 0, 1),
         m22 = gsl_matrix_get(M, 1, 1);
  double tr = m11 + m22, dif = m11 - m22;
  double disc = sqrt(dif * dif + 4.0 * m12 * m12);
  double lmax = 0.5 * (tr + disc), lmin = 0.5 * (tr - disc);
  *ratio = lmax / lmin;
  *angle = 0.5 * atan2(2.0 * m12, dif) * 180.0 / M_PI;
}

void sa_kernel2d_line(const gsl_matrix *X, const gsl_vector *y, size_t mu, double half,
                      double w[2][2])
{
  double x0 = gsl_matrix_get(X, 0, mu), x1 = gsl_matrix_get(X, 1, mu);
  double nx = hypot(x0, x1), ym = gsl_vector_get(y, mu);
  double foot[2] = {ym * x0 / (nx * nx), ym * x1 / (nx * nx)};
  for (int k = 0; k < 2; k++) {
    int e = 2 * k - 1; /* -1, then +1 */
    w[k][0] = foot[0] - e * half * x1 / nx;
    w[k][1] = foot[1] + e * half * x0 / nx;
  }
}
