/* Two-layer linear network on unwhitened data (paper Sec. 3.2, App. C.3).
 *
 * Early on (Eqs. 43-44) the overlaps r1 = beta^T W^T a, r2 = |a|^2,
 * r3 = beta^T W^T W Sigma beta, r4 = beta^T Sigma W^T a,
 * r5 = beta^T Sigma W^T W Sigma beta obey the linear system (45)-(46)
 *   dr/dt = s A r,  A = [0 a 1 0 0; 0 0 0 2 0; b 0 0 a 0; 0 b 0 0 1; 0 0 0 2b 0]
 * with a = beta^T Sigma beta, b = beta^T Sigma^2 beta; the eigenvalues of
 * s A are s {0, +-sqrt b, +-2 sqrt b}.  The early spike of W^T W points
 * along Sigma beta / |Sigma beta| (Eq. 48), whose cosine with beta is
 * a / sqrt(b); at the end the spike is beta (App. G.1: W^T a -> s beta). */
#ifndef SA_UNWHITENED_H
#define SA_UNWHITENED_H

#include "theory/linear_net.h"

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

/* a = beta^T Sigma beta, b = beta^T Sigma^2 beta.  Returns a GSL status
 * (a and b NAN on failure). */
int sa_unwhitened_ab(const gsl_matrix *Sigma, const gsl_vector *beta, double *a, double *b);

/* The min-norm interpolant of App. G.1: w_star = s beta (beta in the span
 * of the inputs).  Returns a GSL status. */
int sa_unwhitened_interpolant(double s, const gsl_vector *beta, gsl_vector *w_star);

/* The 5 x 5 matrix s A of Eqs. (45)-(46) (caller allocates 5 x 5). */
void sa_unwhitened_matrix(double s, double a, double b, gsl_matrix *A);

/* Eigenvalues of s A by gsl_eigen_nonsymm, sorted by increasing real part:
 * re[5], im[5].  Returns 0 or a GSL error code. */
int sa_unwhitened_eigenvalues(double s, double a, double b, double *re, double *im);

/* The theory values s {-2 sqrt b, -sqrt b, 0, sqrt b, 2 sqrt b}. */
void sa_unwhitened_eigen_theory(double s, double b, double *ev);

/* Spike directions along a full two-layer flow (shape with L = 2, C = 1). */
typedef struct sa_spike_work sa_spike_work;

typedef struct {
  double cos_sigbeta;  /* |cos| of top eigvec of W^T W(t) - W^T W(0) with Sigma beta */
  double cos_beta;     /* |cos| of that eigenvector with beta                     */
  double top_cos_beta; /* |cos| of the top eigvec of W^T W(t) with beta           */
  double weff_err;     /* |W^T a - w_star| / |w_star| for the given w_star         */
} sa_spike;

/* theta0: the initial weights (for W^T W(0)).  Returns NULL, with the
 * message in sa_error_message(), if L != 2 or C != 1, on allocation
 * failure, or if Sigma beta = 0. */
sa_spike_work *sa_spike_alloc(const sa_linnet_shape *shape, const gsl_matrix *Sigma,
                              const gsl_vector *beta, const double *theta0);
void sa_spike_free(sa_spike_work *w);
/* w_star may be NULL (weff_err is then NAN).  Returns 0 or a GSL code. */
int sa_spike_compute(sa_spike_work *w, const double *theta, const gsl_vector *w_star,
                     sa_spike *out);

#endif
