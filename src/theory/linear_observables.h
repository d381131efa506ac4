/* What is recorded along a scalar-output linear-network flow.
 *
 * With M = sum_l |S_l|^2 P_{l-1}^T P_{l-1} the NTK matrix, K(x,x') = x^T M x'
 * (Eq. 57; M = W^T W + |a|^2 I for L = 2, Eq. 5), and s beta = T^T:
 *   q       = 1/2 beta^T M beta                     (App. C.1, Eq. 33)
 *   r       = W_eff . beta  (= a^T W beta for L = 2)
 *   a2      = |W^L|^2       (|a|^2 for L = 2; u^2 of the balanced solution)
 *   cos_w1  = cos(W1^T W1, beta beta^T)             (Fig. 3b/c)
 *   m_align = cos(M, beta beta^T) = beta^T M beta / (||M||_F |beta|^2)
 *             (sa_linalg_alignment; 0 for a zero kernel)
 *   m_top, m_bulk : largest eigenvalue of M and the mean of the others
 *   top_cos = |cos| of M's top eigenvector with beta
 *   kalign  = y^T K y / (||K||_F |y|^2), K = X^T M X, y = X^T T^T (Sec. 1.3)
 *   conservation = max_l ||Q_l(t) - Q_l(0)||_F, Q_l = W^l W^lT - W^{l+1 T} W^{l+1}
 *
 * Its functions and types keep the short prefix sa_linobs_ (the file's former
 * name), so that callers read as before. */
#ifndef SA_LINEAR_OBSERVABLES_H
#define SA_LINEAR_OBSERVABLES_H

#include "theory/linear_net.h"

typedef struct {
  double loss, q, r, a2, cos_w1, m_align, m_top, m_bulk, top_cos, kalign, conservation;
} sa_linobs;

typedef struct sa_linobs_work sa_linobs_work;

/* X (D x P) may be NULL (kalign is then NAN).  theta0 gives Q_l(0). */
sa_linobs_work *sa_linobs_work_alloc(const sa_linnet_shape *shape, const gsl_matrix *X,
                                     const double *theta0);
void sa_linobs_work_free(sa_linobs_work *w);

/* Scalar output (C = 1) only.  Returns 0 or a GSL error code. */
int sa_linobs_compute(const double *theta, const gsl_matrix *Sigma, const gsl_matrix *T,
                      const gsl_vector *beta, sa_linobs_work *w, sa_linobs *out);

/* The NTK matrix M of the last sa_linobs_compute (D x D). */
const gsl_matrix *sa_linobs_kernel(const sa_linobs_work *w);

#endif
