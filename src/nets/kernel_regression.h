/* Ridgeless kernel regression (paper 1.2, 1.3, 4):
 *
 *   f_K(x) = k(x)^T K^+ y,
 *
 * with K the n x n training Gram matrix (n = CP for C outputs, index c*P+mu
 * as in ntk.h), k(x) the cross-kernel row and K^+ the Moore-Penrose
 * pseudo-inverse.  With f_0 != 0 the paper's Eq. (2) predictor is
 * f_0(x) + k(x)^T K^+ (y - f_0): pass y - f_0 as the targets and add f_0.
 *
 * Singular Gram matrices.  The Gram matrix of a kernel is positive
 * semi-definite; it is exactly singular for a linear kernel with P > D and
 * numerically singular for a trained network's NTK.  Two factorisations:
 *
 *  - EIGEN: K = V diag(lambda) V^T (GSL symmetric eigensolver), and
 *    K^+ = sum_{lambda_i > rcond * lambda_max} v_i v_i^T / lambda_i.
 *    Eigenvalues at or below the cutoff, including the slightly negative
 *    ones that rounding produces, are treated as zero: the result is the
 *    minimum-norm least-squares solution of K alpha = y on the retained
 *    subspace.  Justification of the cutoff: a Gram matrix formed as sums of
 *    m products carries absolute rounding errors of order m eps ||K||, so
 *    eigenvalues below about m eps lambda_max (1e-12 for m = 10^4 inner
 *    products and eps = 2.2e-16) are indistinguishable from zero;
 *    SA_KREG_RCOND = 1e-10 leaves two decades of margin above that and
 *    keeps every direction that the data resolve.
 *  - CHOLESKY: K = L L^T, used only when it succeeds AND its 1-norm
 *    reciprocal condition estimate exceeds n * rcond.  Since
 *    kappa_2 <= n kappa_1, every eigenvalue then exceeds rcond * lambda_max,
 *    so the eigen path would keep them all and give the same K^{-1} y
 *    (up to the estimator's accuracy, usually a factor of a few).
 *  - AUTO tries CHOLESKY and falls back to EIGEN.
 *
 * Cost: Cholesky n^3/3 flops; the eigen path O(n^3) with eigenvectors
 * (several seconds at n = 1000 with GSL's unblocked solver). */
#ifndef SA_NETS_KERNEL_REGRESSION_H
#define SA_NETS_KERNEL_REGRESSION_H

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

/* Default relative eigenvalue cutoff (see the justification above). */
#define SA_KREG_RCOND 1e-10

typedef enum { SA_KREG_AUTO, SA_KREG_CHOLESKY, SA_KREG_EIGEN } sa_kreg_method;

typedef struct {
  size_t n;
  sa_kreg_method used; /* CHOLESKY or EIGEN after a successful fit,
                          AUTO while there is none (solve then fails) */
  size_t rank;         /* eigenvalues kept (n after Cholesky)           */
  double rcond;        /* cutoff used                                   */
  double rcond_chol;   /* Cholesky 1-norm rcond estimate (0 if not PD)  */
  gsl_matrix *F;       /* Cholesky factor or eigenvectors (columns)     */
  gsl_vector *lambda;  /* eigenvalues (EIGEN)                           */
  gsl_vector *work;    /* 3n                                            */
  gsl_matrix *A;       /* copy of K that the eigensolver overwrites     */
  gsl_eigen_symmv_workspace *eig;
} sa_kreg;

/* Everything a fit and a solve of size n need (2 n^2 + O(n) doubles),
 * allocated once: sa_kreg_fit and sa_kreg_solve allocate nothing. */
sa_kreg *sa_kreg_alloc(size_t n);
void sa_kreg_free(sa_kreg *kr);

/* Factorise the symmetric n x n Gram K (not modified) with the method and
 * relative cutoff rcond (> 0, < 1; SA_KREG_RCOND recommended).  CHOLESKY
 * returns GSL_EDOM if K is not (well enough) positive definite.  A zero K
 * gives rank 0 under EIGEN (K^+ = 0). */
int sa_kreg_fit(sa_kreg *kr, const gsl_matrix *K, sa_kreg_method method, double rcond);

/* alpha = K^+ y (lengths n).  GSL_EFAILED without a successful fit. */
int sa_kreg_solve(const sa_kreg *kr, const gsl_vector *y, gsl_vector *alpha);

/* Flattened predictions f[c*Pt + mu] = sum_j Kx[c*Pt+mu, j] alpha_j, with Kx
 * the (C Pt) x n cross-kernel (sa_ntk_cross).  Pass the training Gram as
 * Kx to get the fit on the training points. */
int sa_kreg_predict(const gsl_matrix *Kx, const gsl_vector *alpha, gsl_vector *f);

/* Workspace of sa_kreg_predict_outputs for C outputs, P training and Pt
 * test points (all >= 1): the flattened targets y, alpha = K^+ y (CP each)
 * and predictions f (C Pt).  NULL on bad sizes or memory. */
typedef struct {
  size_t C, P, Pt;
  gsl_vector *y, *alpha, *f;
} sa_kreg_outputs_workspace;

sa_kreg_outputs_workspace *sa_kreg_outputs_alloc(size_t C, size_t P, size_t Pt);
void sa_kreg_outputs_free(sa_kreg_outputs_workspace *w);

/* Convenience for C x P matrices (mlp.h layout): Fk (C x Pt) = predictions
 * from targets Y (C x P), with n = CP and Kx of size C Pt x CP; w of the
 * same C, P, Pt (GSL_EBADLEN otherwise).  Allocates nothing. */
int sa_kreg_predict_outputs(const sa_kreg *kr, const gsl_matrix *Kx, const gsl_matrix *Y,
                            gsl_matrix *Fk, sa_kreg_outputs_workspace *w);

/* Relative discrepancy |f_NN - f_K| / |f_NN| (Euclidean norms over all
 * test points and outputs; paper 1.3).  NaN if |f_NN| = 0 or sizes differ. */
double sa_kreg_discrepancy(const gsl_matrix *F_nn, const gsl_matrix *F_k);

#endif
