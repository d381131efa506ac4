/* The kernel of a two-dimensional two-layer linear network as a picture
 * (paper Fig. 2, Fig. C.1).
 *
 * With D = 2 inputs the NTK is K(x, x') = x^T M x', M = W^T W + |a|^2 I
 * (Eq. 5), and the RKHS norm of the linear function f = w.x is
 * |f|_K^2 = w^T M^{-1} w.  Its level sets are the ellipses
 *   w(theta) = sqrt(c) M^{1/2} (cos theta, sin theta),
 * long along M's top eigenvector.  Kernel regression with M on the training
 * set (X, y) returns the interpolant of least RKHS norm,
 *   w_KR = M X (X^T M X)^{-1} y,  |w_KR|_K^2 = y^T (X^T M X)^{-1} y,
 * the point where the interpolating set X^T w = y touches the smallest
 * ellipse.  Two data sets:
 *   P = 1 ("whitened"): one unit sample x at angle phi_x, Sigma = x x^T
 *         (whitened on its one-dimensional span), interpolating set a line;
 *   P = 2 ("anisotropic"): samples sqrt2 e_1, sqrt(2 lambda2) e_2, so
 *         Sigma = diag(1, lambda2); the interpolating set is one point and
 *         each sample contributes a line x^mu . w = y^mu through it.
 * A one-dimensional data span cannot be anisotropic, hence P = 2 for C.1. */
#ifndef SA_KERNEL2D_H
#define SA_KERNEL2D_H

#include "theory/linear_setup.h"

typedef struct {
  size_t N;        /* hidden width                                  */
  size_t P;        /* 1 (whitened, line) or 2 (anisotropic, point)  */
  double phi_x;    /* P = 1: angle of the sample x (radians)        */
  double lambda2;  /* P = 2: second eigenvalue of Sigma (first = 1) */
  double phi_beta; /* angle of the unit teacher beta_T (radians)    */
  double sigma, s;
  unsigned long seed;
} sa_kernel2d_params;

/* The flow problem is the one of every scalar-output linear flow
 * (theory/linear_setup.h, sa_linsetup_from_data) on these data: */
typedef struct {
  sa_linsetup su; /* su.pb: L = 2, widths (2, N, 1); su.X: the 2 x P samples;
                   * su.Sigma = X X^T / P; su.T = s beta_T^T; su.beta: unit
                   * projection of beta_T on span X; su.theta: initial
                   * weights, drawn first from a generator seeded with seed */
  gsl_vector *y;  /* P targets y = s beta_T . x                          */
} sa_kernel2d;

/* Returns 0 or a GSL error code (GSL_EINVAL for P not 1 or 2). */
int sa_kernel2d_alloc(const sa_kernel2d_params *p, sa_kernel2d *k);
void sa_kernel2d_free(sa_kernel2d *k);

/* The squared RKHS norm w^T M^{-1} w of the linear function f = w.x for
 * the 2 x 2 kernel matrix M (by the adjugate of M; M symmetric positive
 * definite). */
double sa_kernel2d_rkhs_norm2(const gsl_matrix *M, const double w[2]);

/* The orientation of the ellipses: the angle of M's top eigenvector in
 * degrees, in (-90, 90], and the ratio lambda_max / lambda_min. */
void sa_kernel2d_top_direction(const gsl_matrix *M, double *angle, double *ratio);

/* The segment of sample mu's interpolating line x.w = y^mu (x = column mu
 * of X) drawn in the figures: centred on the line's foot y^mu x / |x|^2,
 * half-length `half` along x-perp = (-x_2, x_1)/|x|, end points
 * w[0] = foot - half x-perp and w[1] = foot + half x-perp. */
void sa_kernel2d_line(const gsl_matrix *X, const gsl_vector *y, size_t mu, double half,
                      double w[2][2]);

/* The point of the level set w^T M^{-1} w = c at angle theta. */
void sa_kernel2d_ellipse(const gsl_matrix *M, double c, double theta, double w[2]);

/* Least-RKHS-norm interpolant w_KR and its squared norm.  Returns 0,
 * GSL_ENOMEM, or GSL_EDOM if X^T M X is not positive definite (Cholesky,
 * core/sa_linalg.h), with the message in sa_error_message(). */
int sa_kernel2d_interpolant(const gsl_matrix *M, const gsl_matrix *X, const gsl_vector *y,
                            double w[2], double *norm2);

#endif
