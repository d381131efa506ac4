/* Tests of the shared dense linear algebra (src/core/sa_linalg.h), each
 * against a route that does not use the code under test:
 *  - Frobenius product against tr(A^T B) by dgemm, the norm against the
 *    singular values (|A|_F^2 = sum sigma_i^2);
 *  - kernel-target alignment (paper Eq. 4): exactly 1 for K proportional to
 *    y y^T, 1/sqrt(n) for K = I, 0 for y orthogonal to the range of K,
 *    invariant under scaling of K and y, NaN for a zero y or wrong sizes;
 *  - Householder orthonormalisation: Q^T Q = I to 1e-14 and A = Q R with
 *    R = Q^T A upper triangular and positive on the diagonal (Q spans the
 *    input), also for nearly dependent columns; with GSL's signs, the bits
 *    of gsl_linalg_QR_unpack's full Q (five shapes); GSL_ESING for a zero
 *    column, GSL_EBADLEN for wrong sizes;
 *  - random frames: orthonormal, reproducible from the seed, and Haar in
 *    the mean: E[Q_11^2] = 1/n;
 *  - the symmetric fill copies the upper triangle;
 *  - Cholesky solve: a known solution of an SPD system, in place too, and
 *    the statuses for a singular K and wrong sizes;
 *  - |A A^T|_F from the smaller Gram against the full product;
 *  - RMS and largest difference of two vectors on a hand-computed case
 *    (binary fractions, exact).
 * Tolerances: 1e-13 relative for results of O(n) rounded operations on
 * numbers of order 1 (n <= 12 here, unit roundoff 1.1e-16). */
#include "config.h"

#include "core/sa_errno.h"
#include "core/sa_linalg.h"
#include "tap.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>

#define TOL 1e-13

static gsl_matrix *gaussian(size_t n, size_t k, gsl_rng *r, double scale)
{
  gsl_matrix *A = gsl_matrix_alloc(n, k);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < k; j++)
      gsl_matrix_set(A, i, j, scale * gsl_ran_gaussian(r, 1.0));
  return A;
}

/* max_ij |(Q^T Q - I)_ij| */
static double orth_error(const gsl_matrix *Q)
{
  size_t k = Q->size2;
  gsl_matrix *G = gsl_matrix_alloc(k, k);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, Q, Q, 0.0, G);
  double e = 0;
  for (size_t i = 0; i < k; i++)
    for (size_t j = 0; j < k; j++)
      e = fmax(e, fabs(gsl_matrix_get(G, i, j) - (i == j ? 1.0 : 0.0)));
  gsl_matrix_free(G);
  return e;
}

static void test_frobenius(gsl_rng *r)
{
  gsl_matrix *A = gaussian(5, 3, r, 2.385), *B = gaussian(5, 3, r, 0.731);
  gsl_matrix *AtB = gsl_matrix_alloc(3, 3);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, A, B, 0.0, AtB);
  double tr = 0;
  for (size_t i = 0; i < 3; i++)
    tr += gsl_matrix_get(AtB, i, i);
  tap_rel(sa_linalg_frobenius_dot(A, B), tr, TOL, "<A, B>_F = tr(A^T B)");
  gsl_matrix *U = gsl_matrix_alloc(5, 3), *V = gsl_matrix_alloc(3, 3);
  gsl_vector *s = gsl_vector_alloc(3), *w = gsl_vector_alloc(3);
  gsl_matrix_memcpy(U, A);
  gsl_linalg_SV_decomp(U, V, s, w);
  double s2 = 0;
  for (size_t i = 0; i < 3; i++)
    s2 += gsl_vector_get(s, i) * gsl_vector_get(s, i);
  tap_rel(sa_linalg_frobenius(A), sqrt(s2), TOL, "|A|_F^2 = sum of squared singular values");
  gsl_matrix_view Asub = gsl_matrix_submatrix(A, 1, 1, 3, 2); /* tda != size2 */
  double d = 0;
  for (size_t i = 0; i < 3; i++)
    for (size_t j = 0; j < 2; j++)
      d += pow(gsl_matrix_get(A, i + 1, j + 1), 2);
  tap_rel(sa_linalg_frobenius(&Asub.matrix), sqrt(d), TOL, "|A|_F of a submatrix view");
  gsl_matrix_view Bsub = gsl_matrix_submatrix(B, 0, 0, 2, 3);
  tap_ok(isnan(sa_linalg_frobenius_dot(A, &Bsub.matrix)), "<A, B>_F of different shapes is NaN");
  gsl_matrix_free(A);
  gsl_matrix_free(B);
  gsl_matrix_free(AtB);
  gsl_matrix_free(U);
  gsl_matrix_free(V);
  gsl_vector_free(s);
  gsl_vector_free(w);
}

/* |A A^T|_F from the smaller Gram against the full product A A^T, for a
 * wide and a tall A (each side's Gram), and NaN for a gram of the wrong
 * size. */
static void test_gram_frobenius(gsl_rng *r)
{
  for (int tall = 0; tall < 2; tall++) {
    size_t n = tall ? 7 : 3, m = tall ? 3 : 7;
    gsl_matrix *A = gaussian(n, m, r, 1.3), *AAt = gsl_matrix_alloc(n, n);
    gsl_matrix *G = gsl_matrix_alloc(3, 3);
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, A, A, 0.0, AAt);
    tap_rel(sa_linalg_gram_frobenius(A, G), sa_linalg_frobenius(AAt), TOL,
            "|A A^T|_F from the %s Gram (A %zu x %zu)", tall ? "A^T A" : "A A^T", n, m);
    gsl_matrix *G4 = gsl_matrix_alloc(4, 4);
    tap_ok(isnan(sa_linalg_gram_frobenius(A, G4)), "gram of the wrong size gives NaN");
    gsl_matrix_free(G4);
    gsl_matrix_free(G);
    gsl_matrix_free(AAt);
    gsl_matrix_free(A);
  }
}

static void test_alignment(gsl_rng *r)
{
  size_t n = 7;
  gsl_vector *y = gsl_vector_alloc(n), *work = gsl_vector_alloc(n);
  for (size_t i = 0; i < n; i++)
    gsl_vector_set(y, i, gsl_ran_gaussian(r, 1.3));
  gsl_matrix *K = gsl_matrix_calloc(n, n);
  gsl_blas_dger(2.385, y, y, K);
  tap_rel(sa_linalg_alignment(K, y, work), 1.0, TOL, "A(c y y^T, y) = 1 (Eq. 4)");
  gsl_matrix *G = gaussian(n, n, r, 1.0), *S = gsl_matrix_alloc(n, n);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, G, G, 0.0, S); /* random PSD kernel */
  double a = sa_linalg_alignment(S, y, work);
  gsl_matrix_scale(S, 41.7);
  gsl_vector_scale(y, -0.0123);
  tap_rel(sa_linalg_alignment(S, y, work), a, TOL, "A(c K, d y) = A(K, y) (scale invariance)");
  tap_ok(a > 0 && a <= 1.0 + TOL, "A(K, y) in (0, 1] for a PSD kernel (%.6f)", a);
  gsl_matrix_set_identity(K);
  tap_rel(sa_linalg_alignment(K, y, work), 1.0 / sqrt((double)n), TOL, "A(I, y) = 1/sqrt(n)");
  gsl_matrix_set_zero(K);
  gsl_matrix_set(K, 0, 0, 3.1);
  gsl_vector_set(y, 0, 0.0);
  tap_abs(sa_linalg_alignment(K, y, work), 0.0, 0.0, "A(K, y) = 0 for y orthogonal to range K");
  gsl_vector_set_zero(y);
  tap_ok(isnan(sa_linalg_alignment(K, y, work)), "A(K, 0) is NaN");
  gsl_vector_view ys = gsl_vector_subvector(y, 0, n - 1);
  tap_ok(isnan(sa_linalg_alignment(K, &ys.vector, work)), "A of mismatched sizes is NaN");
  gsl_vector_free(y);
  gsl_vector_free(work);
  gsl_matrix_free(K);
  gsl_matrix_free(G);
  gsl_matrix_free(S);
}

/* Q from A: orthonormal, and R = Q^T A upper triangular, positive
 * diagonal, Q R = A.  Returns the worst of the three errors relative to
 * |A|_F. */
static double qr_error(const gsl_matrix *A, const gsl_matrix *Q)
{
  size_t n = A->size1, k = A->size2;
  gsl_matrix *R = gsl_matrix_alloc(k, k), *QR = gsl_matrix_alloc(n, k);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, Q, A, 0.0, R);
  double nA = sa_linalg_frobenius(A), e = orth_error(Q);
  for (size_t i = 0; i < k; i++) {
    if (!(gsl_matrix_get(R, i, i) > 0))
      e = INFINITY;
    for (size_t j = 0; j < i; j++)
      e = fmax(e, fabs(gsl_matrix_get(R, i, j)) / nA);
  }
  for (size_t i = 0; i < k; i++)
    for (size_t j = 0; j < i; j++)
      gsl_matrix_set(R, i, j, 0.0);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, Q, R, 0.0, QR);
  gsl_matrix_sub(QR, A);
  e = fmax(e, sa_linalg_frobenius(QR) / nA);
  gsl_matrix_free(R);
  gsl_matrix_free(QR);
  return e;
}

/* Orthonormal columns to 1e-14: Householder QR keeps |Q^T Q - I| within a
 * small multiple of n eps (n = 12: ~3e-15) whatever the conditioning. */
#define ORTH_TOL 1e-14

/* GSL's route: QR_decomp and QR_unpack's full n x n Q; its first k columns
 * must equal the in-place thin Q of SA_LINALG_R_HOUSEHOLDER bit for bit. */
static int same_as_gsl_unpack(const gsl_matrix *A, const gsl_matrix *Q)
{
  size_t n = A->size1, k = A->size2;
  gsl_matrix *QR = gsl_matrix_alloc(n, k), *Qf = gsl_matrix_alloc(n, n),
             *R = gsl_matrix_alloc(n, k);
  gsl_vector *tau = gsl_vector_alloc(k);
  gsl_matrix_memcpy(QR, A);
  gsl_linalg_QR_decomp(QR, tau);
  gsl_linalg_QR_unpack(QR, tau, Qf, R);
  int same = 1;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < k; j++)
      if (memcmp(gsl_matrix_const_ptr(Qf, i, j), gsl_matrix_const_ptr(Q, i, j), sizeof(double)))
        same = 0;
  gsl_matrix_free(QR);
  gsl_matrix_free(Qf);
  gsl_matrix_free(R);
  gsl_vector_free(tau);
  return same;
}

static void test_orthonormalise(gsl_rng *r)
{
  gsl_matrix *A = gaussian(12, 5, r, 3.7), *Q = gsl_matrix_alloc(12, 5);
  gsl_vector *tau = gsl_vector_alloc(5);
  gsl_matrix_memcpy(Q, A);
  int st = sa_linalg_orthonormalise(Q, tau, SA_LINALG_R_POSITIVE);
  double e = qr_error(A, Q);
  tap_ok(st == GSL_SUCCESS && e < ORTH_TOL,
         "Householder: Q^T Q = I, A = Q R (spans the input), R upper, diag > 0 (error %.2g)", e);
  /* The Householder signs: the same columns up to sign, exactly, and the
   * bits of GSL's own unpacked Q (an independent route through GSL). */
  gsl_matrix *Qh = gsl_matrix_alloc(12, 5);
  gsl_matrix_memcpy(Qh, A);
  st = sa_linalg_orthonormalise(Qh, tau, SA_LINALG_R_HOUSEHOLDER);
  int pm = 1;
  for (size_t i = 0; i < 12; i++)
    for (size_t j = 0; j < 5; j++)
      pm = pm && fabs(gsl_matrix_get(Qh, i, j)) == fabs(gsl_matrix_get(Q, i, j));
  tap_ok(st == GSL_SUCCESS && pm, "Householder signs: the same columns up to sign, exactly");
  tap_ok(same_as_gsl_unpack(A, Qh), "Householder signs: bits of gsl_linalg_QR_unpack (12 x 5)");
  size_t shapes[][2] = {{1, 1}, {7, 7}, {40, 3}, {33, 17}};
  for (size_t c = 0; c < sizeof shapes / sizeof shapes[0]; c++) {
    size_t n = shapes[c][0], k = shapes[c][1];
    gsl_matrix *B = gaussian(n, k, r, 1.0), *Qb = gsl_matrix_alloc(n, k);
    gsl_vector *tb = gsl_vector_alloc(k);
    gsl_matrix_memcpy(Qb, B);
    st = sa_linalg_orthonormalise(Qb, tb, SA_LINALG_R_HOUSEHOLDER);
    tap_ok(st == GSL_SUCCESS && same_as_gsl_unpack(B, Qb),
           "Householder signs: bits of gsl_linalg_QR_unpack (%zu x %zu)", n, k);
    gsl_matrix_free(B);
    gsl_matrix_free(Qb);
    gsl_vector_free(tb);
  }
  /* Nearly dependent: column 3 = column 1 + 1e-9 noise (cond ~ 1e9);
   * Householder stays orthonormal to working precision. */
  for (size_t i = 0; i < 12; i++)
    gsl_matrix_set(A, i, 2, gsl_matrix_get(A, i, 0) + 1e-9 * gsl_ran_gaussian(r, 1.0));
  gsl_matrix_memcpy(Q, A);
  st = sa_linalg_orthonormalise(Q, tau, SA_LINALG_R_POSITIVE);
  e = orth_error(Q);
  tap_ok(st == GSL_SUCCESS && e < ORTH_TOL,
         "nearly dependent columns (cond ~ 1e9): |Q^T Q - I| = %.2g", e);
  gsl_matrix_memcpy(Q, A);
  gsl_vector_view c3 = gsl_matrix_column(Q, 3);
  gsl_vector_set_zero(&c3.vector);
  st = sa_linalg_orthonormalise(Q, tau, SA_LINALG_R_POSITIVE);
  tap_ok(st == GSL_ESING && strstr(sa_error_message(), "column 4 of 5"),
         "a zero column is GSL_ESING, named in the message (%s)", sa_error_message());
  gsl_matrix *W = gsl_matrix_alloc(3, 4);
  gsl_vector *t4 = gsl_vector_alloc(4), *t3 = gsl_vector_alloc(3);
  gsl_matrix_set_identity(W);
  tap_ok(sa_linalg_orthonormalise(W, t4, SA_LINALG_R_POSITIVE) == GSL_EBADLEN,
         "more columns than rows is GSL_EBADLEN");
  gsl_matrix_memcpy(Q, A);
  tap_ok(sa_linalg_orthonormalise(Q, t3, SA_LINALG_R_POSITIVE) == GSL_EBADLEN,
         "tau of the wrong length is GSL_EBADLEN");
  gsl_matrix_free(W);
  gsl_vector_free(t4);
  gsl_vector_free(t3);
  gsl_matrix_free(A);
  gsl_matrix_free(Q);
  gsl_matrix_free(Qh);
  gsl_vector_free(tau);
}

static void test_random_orthonormal(gsl_rng *r)
{
  size_t n = 5, k = 3;
  gsl_matrix *Q = gsl_matrix_alloc(n, k), *Q2 = gsl_matrix_alloc(n, k);
  gsl_vector *tau = gsl_vector_alloc(k);
  gsl_rng *r1 = gsl_rng_alloc(gsl_rng_mt19937), *r2 = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r1, 77);
  gsl_rng_set(r2, 77);
  int st = sa_linalg_random_orthonormal(Q, r1, tau, SA_LINALG_R_POSITIVE) |
           sa_linalg_random_orthonormal(Q2, r2, tau, SA_LINALG_R_POSITIVE);
  tap_ok(st == GSL_SUCCESS && orth_error(Q) < ORTH_TOL, "random frame is orthonormal (%.2g)",
         orth_error(Q));
  tap_ok(memcmp(Q->data, Q2->data, n * k * sizeof(double)) == 0, "same seed, same frame");
  /* Haar: Q_11^2 ~ Beta(1/2, (n-1)/2), mean 1/n, variance
   * 2 (n-1) / (n^2 (n+2)).  4 standard errors of the mean. */
  long N = 4000L * tap_multiplier();
  double m = 0;
  for (long t = 0; t < N; t++) {
    sa_linalg_random_orthonormal(Q, r, tau, SA_LINALG_R_POSITIVE);
    m += pow(gsl_matrix_get(Q, 0, 0), 2);
  }
  m /= (double)N;
  double se = sqrt(2.0 * (double)(n - 1) / ((double)(n * n) * (double)(n + 2)) / (double)N);
  tap_abs(m, 1.0 / (double)n, 4 * se, "Haar frame: E[Q_11^2] = 1/n over %ld draws", N);
  gsl_matrix_free(Q);
  gsl_matrix_free(Q2);
  gsl_vector_free(tau);
  gsl_rng_free(r1);
  gsl_rng_free(r2);
}

static void test_fill_lower(gsl_rng *r)
{
  gsl_matrix *M = gaussian(6, 6, r, 1.0), *U = gsl_matrix_alloc(6, 6);
  gsl_matrix_memcpy(U, M);
  sa_linalg_fill_lower(M);
  int ok = 1;
  for (size_t i = 0; i < 6; i++)
    for (size_t j = 0; j < 6; j++)
      ok &= gsl_matrix_get(M, i, j) == gsl_matrix_get(U, i <= j ? i : j, i <= j ? j : i);
  tap_ok(ok, "fill_lower: M_ij = M_ji from the upper triangle, upper unchanged");
  gsl_matrix_free(M);
  gsl_matrix_free(U);
}

static void test_diff_stats(void)
{
  double av[3] = {1.5, -2.25, 3.125}, bv[3] = {1.0, -2.0, 4.0}, rms, max;
  gsl_vector_view a = gsl_vector_view_array(av, 3), b = gsl_vector_view_array(bv, 3);
  int st = sa_linalg_diff_stats(&a.vector, &b.vector, &rms, &max);
  /* differences 0.5, 0.25, 0.875: squares 0.25 + 0.0625 + 0.765625 */
  tap_ok(st == GSL_SUCCESS && max == 0.875, "largest difference 0.875");
  tap_rel(rms, sqrt(1.078125 / 3.0), 1e-15, "RMS difference sqrt(1.078125/3)");
  gsl_vector_view a2 = gsl_vector_subvector(&a.vector, 0, 2);
  st = sa_linalg_diff_stats(&a2.vector, &b.vector, &rms, &max);
  tap_ok(st == GSL_EBADLEN && isnan(rms) && isnan(max), "different lengths: GSL_EBADLEN, NaNs");
}

/* Cholesky solve: K = A A^T + I (SPD, condition ~ 10) and b = K x for a
 * known x; the solve returns x to 1e-13 (backward stable, error ~ cond *
 * n * eps ~ 1e-14), also in place (x = b).  A rank-one K is not positive
 * definite: GSL_EDOM with a message; wrong sizes: GSL_EBADLEN. */
static void test_cholesky(gsl_rng *r)
{
  size_t n = 6;
  gsl_matrix *A = gaussian(n, n, r, 0.5), *K = gsl_matrix_alloc(n, n), *L = gsl_matrix_alloc(n, n);
  gsl_vector *x = gsl_vector_alloc(n), *b = gsl_vector_alloc(n), *z = gsl_vector_alloc(n);
  gsl_matrix_set_identity(K);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, A, A, 1.0, K);
  for (size_t i = 0; i < n; i++)
    gsl_vector_set(x, i, gsl_ran_gaussian(r, 1.0));
  gsl_blas_dgemv(CblasNoTrans, 1.0, K, x, 0.0, b);
  int st = sa_linalg_cholesky(L, K);
  if (!st)
    st = sa_linalg_cholesky_solve(L, b, z);
  double e = 0;
  for (size_t i = 0; i < n; i++)
    e = fmax(e, fabs(gsl_vector_get(z, i) - gsl_vector_get(x, i)));
  tap_ok(st == GSL_SUCCESS && e < TOL, "Cholesky solve of K x = b, K = A A^T + I (error %.2g)", e);
  st = sa_linalg_cholesky_solve(L, b, b);
  e = 0;
  for (size_t i = 0; i < n; i++)
    e = fmax(e, fabs(gsl_vector_get(b, i) - gsl_vector_get(x, i)));
  tap_ok(st == GSL_SUCCESS && e < TOL, "Cholesky solve in place (error %.2g)", e);
  gsl_vector_view a0 = gsl_matrix_column(A, 0);
  gsl_matrix_set_zero(K);
  gsl_blas_dger(1.0, &a0.vector, &a0.vector, K);
  st = sa_linalg_cholesky(K, K);
  tap_ok(st == GSL_EDOM && strstr(sa_error_message(), "not positive definite"),
         "rank-one K: GSL_EDOM (%s)", sa_error_message());
  gsl_matrix *L5 = gsl_matrix_alloc(5, 5);
  tap_ok(sa_linalg_cholesky(L5, L) == GSL_EBADLEN, "factor of the wrong size: GSL_EBADLEN");
  gsl_vector_view b5 = gsl_vector_subvector(b, 0, 5);
  tap_ok(sa_linalg_cholesky_solve(L, &b5.vector, z) == GSL_EBADLEN,
         "right-hand side of the wrong length: GSL_EBADLEN");
  gsl_matrix_free(L5);
  gsl_matrix_free(A);
  gsl_matrix_free(K);
  gsl_matrix_free(L);
  gsl_vector_free(x);
  gsl_vector_free(b);
  gsl_vector_free(z);
}

int main(void)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 20261202);
  test_frobenius(r);
  test_alignment(r);
  test_orthonormalise(r);
  test_random_orthonormal(r);
  test_fill_lower(r);
  test_diff_stats();
  test_gram_frobenius(r); /* last: the earlier tests keep their draws */
  test_cholesky(r);
  gsl_rng_free(r);
  return tap_done();
}
