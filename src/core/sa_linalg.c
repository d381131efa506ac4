/* Small dense linear algebra shared by theory and experiment: see
 * sa_linalg.h. */
#include "config.h"

#include "core/sa_linalg.h"

#include "core/sa_errno.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <math.h>

double sa_linalg_frobenius_dot(const gsl_matrix *A, const gsl_matrix *B)
{
  if (A->size1 != B->size1 || A->size2 != B->size2)
    return NAN;
  double s = 0.0;
  for (size_t i = 0; i < A->size1; i++) {
    const double *a = A->data + i * A->tda, *b = B->data + i * B->tda;
    for (size_t j = 0; j < A->size2; j++)
      s += a[j] * b[j];
  }
  return s;
}

double sa_linalg_frobenius(const gsl_matrix *A)
{
  return sqrt(sa_linalg_frobenius_dot(A, A));
}

double sa_linalg_gram_frobenius(const gsl_matrix *A, gsl_matrix *gram)
{
  int small_rows = A->size1 <= A->size2;
  size_t m = small_rows ? A->size1 : A->size2;
  if (gram->size1 != m || gram->size2 != m)
    return NAN;
  if (gsl_blas_dsyrk(CblasUpper, small_rows ? CblasNoTrans : CblasTrans, 1.0, A, 0.0, gram))
    return NAN;
  double fro2 = 0;
  for (size_t i = 0; i < m; i++)
    for (size_t j = i; j < m; j++) {
      double g = gsl_matrix_get(gram, i, j);
      fro2 += (i == j ? 1.0 : 2.0) * g * g;
    }
  return sqrt(fro2);
}

/* ANCHOR: linalg_alignment */
double sa_linalg_alignment(const gsl_matrix *K, const gsl_vector *y, gsl_vector *work)
{
  size_t n = y->size;
  if (K->size1 != n || K->size2 != n || work->size != n) {
    sa_error(GSL_EBADLEN, "alignment: a %zu x %zu kernel, %zu targets and work of %zu", K->size1,
             K->size2, n, work->size);
    return NAN;
  }
  double yKy, yy;
  int st;
  if ((st = gsl_blas_dgemv(CblasNoTrans, 1.0, K, y, 0.0, work)) ||
      (st = gsl_blas_ddot(y, work, &yKy)) || (st = gsl_blas_ddot(y, y, &yy))) {
    sa_error(st, "alignment y^T K y: %s", gsl_strerror(st));
    return NAN;
  }
  double nk = sa_linalg_frobenius(K);
  if (nk == 0.0 || yy == 0.0)
    return NAN;
  return yKy / (nk * yy);
}
/* END: linalg_alignment */

/* ANCHOR: linalg_orthonormalise */
int sa_linalg_orthonormalise(gsl_matrix *A, gsl_vector *tau, sa_linalg_rsign sign)
{
  size_t n = A->size1, k = A->size2;
  if (k > n)
    return sa_error(GSL_EBADLEN, "cannot orthonormalise %zu columns of length %zu", k, n);
  if (tau->size != k)
    return sa_error(GSL_EBADLEN, "orthonormalise: tau has %zu entries for %zu columns", tau->size,
                    k);
  if (k == 0)
    return GSL_SUCCESS;
  int st = gsl_linalg_QR_decomp(A, tau);
  if (st)
    return sa_error(st, "orthonormalise: Householder QR of %zu x %zu: %s", n, k, gsl_strerror(st));
  for (size_t j = 0; j < k; j++)
    if (gsl_matrix_get(A, j, j) == 0.0)
      return sa_error(GSL_ESING, "column %zu of %zu depends on the previous ones", j + 1, k);
  /* Q = H_1 ... H_k e_j, j < k, last reflector first.  Before step i the
   * columns j > i hold H_{i+1} ... H_k e_j (zero above row j, and row i is
   * zero); column i still holds R_ii and the reflector v_i below it. */
  for (size_t i = k; i-- > 0;) {
    double ti = gsl_vector_get(tau, i), rii = gsl_matrix_get(A, i, i);
    gsl_vector_view ci = gsl_matrix_column(A, i);
    gsl_vector_view v = gsl_vector_subvector(&ci.vector, i, n - i); /* v_0 = 1 implied */
    if (i + 1 < k) {
      gsl_matrix_view rest = gsl_matrix_submatrix(A, i, i + 1, n - i, k - i - 1);
      if ((st = gsl_linalg_householder_hm(ti, &v.vector, &rest.matrix)))
        return sa_error(st, "orthonormalise: reflector %zu: %s", i + 1, gsl_strerror(st));
    }
    /* H_i e_i = e_i - tau v (v^T e_i) with v^T e_i = 1: the operations of
     * gsl_linalg_householder_hm on e_i, w = 1. */
    for (size_t r = 0; r < i; r++)
      gsl_matrix_set(A, r, i, 0.0);
    for (size_t r = i + 1; r < n; r++)
      gsl_matrix_set(A, r, i, 0.0 - ti * gsl_matrix_get(A, r, i) * 1.0);
    gsl_matrix_set(A, i, i, 1.0 - ti * 1.0);
    /* R_ii < 0: negate column i of Q (and so row i of R).  Exact, and
     * the later reflectors act linearly, so negating now or at the end
     * gives the same bits. */
    if (sign == SA_LINALG_R_POSITIVE && rii < 0 && (st = gsl_vector_scale(&ci.vector, -1.0)))
      return sa_error(st, "orthonormalise: column %zu: %s", i, gsl_strerror(st));
  }
  return GSL_SUCCESS;
}
/* END: linalg_orthonormalise */

int sa_linalg_random_orthonormal(gsl_matrix *M, gsl_rng *rng, gsl_vector *tau, sa_linalg_rsign sign)
{
  for (size_t i = 0; i < M->size1; i++)
    for (size_t j = 0; j < M->size2; j++)
      gsl_matrix_set(M, i, j, gsl_ran_gaussian(rng, 1.0));
  return sa_linalg_orthonormalise(M, tau, sign);
}

int sa_linalg_cholesky(gsl_matrix *L, const gsl_matrix *K)
{
  size_t n = K->size1;
  if (K->size2 != n || L->size1 != n || L->size2 != n)
    return sa_error(GSL_EBADLEN, "Cholesky: a %zu x %zu matrix into a %zu x %zu factor", n,
                    K->size2, L->size1, L->size2);
  int st;
  if (L != K && (st = gsl_matrix_memcpy(L, K)))
    return sa_error(st, "Cholesky: copy of the matrix: %s", gsl_strerror(st));
  if ((st = gsl_linalg_cholesky_decomp1(L)))
    return sa_error(st, "Cholesky: the %zu x %zu matrix is not positive definite (%s)", n, n,
                    gsl_strerror(st));
  return GSL_SUCCESS;
}

int sa_linalg_cholesky_solve(const gsl_matrix *L, const gsl_vector *b, gsl_vector *x)
{
  size_t n = L->size1;
  if (L->size2 != n || b->size != n || x->size != n)
    return sa_error(GSL_EBADLEN, "Cholesky solve: a %zu x %zu factor with vectors of %zu and %zu",
                    n, L->size2, b->size, x->size);
  int st;
  if (x != b && (st = gsl_vector_memcpy(x, b)))
    return sa_error(st, "Cholesky solve: copy of the right-hand side: %s", gsl_strerror(st));
  if ((st = gsl_linalg_cholesky_svx(L, x)))
    return sa_error(st, "Cholesky solve (n = %zu): %s", n, gsl_strerror(st));
  return GSL_SUCCESS;
}

void sa_linalg_fill_lower(gsl_matrix *M)
{
  for (size_t i = 0; i < M->size1; i++)
    for (size_t j = 0; j < i; j++)
      M->data[i * M->tda + j] = M->data[j * M->tda + i];
}

int sa_linalg_diff_stats(const gsl_vector *a, const gsl_vector *b, double *rms, double *max)
{
  *rms = *max = NAN;
  if (a->size != b->size || a->size == 0)
    return GSL_EBADLEN;
  double s = 0, m = 0;
  for (size_t i = 0; i < a->size; i++) {
    double d = fabs(gsl_vector_get(a, i) - gsl_vector_get(b, i));
    s += d * d;
    m = fmax(m, d);
  }
  *rms = sqrt(s / (double)a->size);
  *max = m;
  return GSL_SUCCESS;
}
