/* Small dense linear algebra shared by theory and experiment: one
 * implementation of each piece of maths that more than one module needs.
 *
 *   Frobenius product and norm:  <A, B>_F = sum_ij A_ij B_ij,
 *                                |A|_F = sqrt(<A, A>_F),
 *     summed row by row in index order (so every caller gets the same bits).
 *   Frobenius norm of a Gram matrix: |A A^T|_F = |A^T A|_F (the two share
 *     their nonzero spectrum), from the Gram of the smaller side, G = A A^T
 *     or A^T A (dsyrk, upper triangle), |G|_F^2 = sum_i G_ii^2 +
 *     2 sum_{i<j} G_ij^2.
 *   Kernel-target alignment (paper Eq. 4, section 1.2):
 *     A(K, y) = y^T K y / (|K|_F |y|^2),
 *     1 when K is proportional to y y^T; NaN when K = 0 or y = 0.
 *   Orthonormalisation of the columns of A (n x k, k <= n): Householder QR,
 *     A = Q R with Q = H_1 ... H_k (GSL's gsl_linalg_QR_decomp; orthonormal
 *     to working precision whatever the conditioning of A), and the thin Q
 *     formed in place from the reflectors, last to first (as LAPACK's
 *     dorg2r), with the arithmetic of gsl_linalg_QR_unpack, so its bits
 *     equal the first k columns of GSL's full n x n Q.  Column j of Q spans,
 *     with columns 1..j-1, the space of columns 1..j of A.  R's diagonal
 *     gets one of two sign conventions: SA_LINALG_R_POSITIVE (columns of Q
 *     negated where R_jj < 0: the unique QR with R_jj > 0, the one
 *     Gram-Schmidt gives) or SA_LINALG_R_HOUSEHOLDER (GSL's signs,
 *     R_jj = -sign(pivot) |.|, kept by data/synthetic.c so that its data
 *     sets keep their bits).  Negating a column is exact, so the two differ
 *     only in the signs of columns.
 *   Random orthonormal columns: Gaussian entries (row by row) made
 *     orthonormal as above; with SA_LINALG_R_POSITIVE a Haar-distributed
 *     frame (Mezzadri 2007), with SA_LINALG_R_HOUSEHOLDER Haar up to the
 *     signs of its columns.
 *   Symmetric positive-definite solve by Cholesky (kernel regression,
 *     projections): K = L L^T (GSL's gsl_linalg_cholesky_decomp1, the
 *     factor in the lower triangle), then x = K^{-1} b by the two
 *     triangular solves L z = b, L^T x = z (gsl_linalg_cholesky_svx).
 *   Symmetric fill: the strict lower triangle copied from the upper one
 *     (after dsyrk/dsymm, which write one triangle).
 *   Difference statistics of two vectors: RMS and largest difference.
 *
 * Statuses follow core/sa_errno.h.  Nothing here allocates: callers pass
 * the workspace (GSL's convention). */
#ifndef SA_CORE_LINALG_H
#define SA_CORE_LINALG_H

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>

/* <A, B>_F; NaN if the shapes differ. */
double sa_linalg_frobenius_dot(const gsl_matrix *A, const gsl_matrix *B);
/* |A|_F. */
double sa_linalg_frobenius(const gsl_matrix *A);

/* |A A^T|_F for an n x m matrix A; gram is min(n, m) square (it receives
 * the upper triangle of the smaller Gram).  NaN if gram has the wrong size
 * or BLAS fails. */
double sa_linalg_gram_frobenius(const gsl_matrix *A, gsl_matrix *gram);

/* y^T K y / (|K|_F |y|^2) for a square K of the size of y; work has the
 * size of y (it receives K y).  NaN for a zero denominator, and, with the
 * message in sa_error_message(), on a size mismatch. */
double sa_linalg_alignment(const gsl_matrix *K, const gsl_vector *y, gsl_vector *work);

/* The sign convention of R's diagonal in sa_linalg_orthonormalise. */
typedef enum { SA_LINALG_R_POSITIVE, SA_LINALG_R_HOUSEHOLDER } sa_linalg_rsign;

/* Columns of A made orthonormal in place (see above); tau (k entries) is
 * the workspace.  GSL_SUCCESS, GSL_EBADLEN if A has more columns than rows
 * or tau the wrong length, GSL_ESING if a column is exactly dependent on
 * the previous ones (R_jj = 0), each with a message (sa_error_message).
 * On failure A is overwritten. */
int sa_linalg_orthonormalise(gsl_matrix *A, gsl_vector *tau, sa_linalg_rsign sign);

/* Fills M (n x k, k <= n) with N(0, 1) entries drawn row by row from rng
 * and orthonormalises its columns; tau and statuses as
 * sa_linalg_orthonormalise. */
int sa_linalg_random_orthonormal(gsl_matrix *M, gsl_rng *rng, gsl_vector *tau,
                                 sa_linalg_rsign sign);

/* L = the Cholesky factor of the symmetric n x n K (only its lower
 * triangle is read); L may be K itself.  GSL_SUCCESS, GSL_EBADLEN for
 * sizes that differ, GSL_EDOM if K is not (numerically) positive
 * definite; the message names the size (sa_error_message). */
int sa_linalg_cholesky(gsl_matrix *L, const gsl_matrix *K);

/* x = K^{-1} b from L = sa_linalg_cholesky(K); x may be b (solved in
 * place).  GSL_SUCCESS, or GSL_EBADLEN (with a message) for sizes that
 * differ. */
int sa_linalg_cholesky_solve(const gsl_matrix *L, const gsl_vector *b, gsl_vector *x);

/* M_ij = M_ji for i > j (M square). */
void sa_linalg_fill_lower(gsl_matrix *M);

/* Root-mean-square and largest absolute difference of two vectors of the
 * same length n >= 1: rms = sqrt(sum_i (a_i - b_i)^2 / n), max = max_i
 * |a_i - b_i|.  GSL_EBADLEN (and NaNs) on different or zero lengths. */
int sa_linalg_diff_stats(const gsl_vector *a, const gsl_vector *b, double *rms, double *max);

#endif
