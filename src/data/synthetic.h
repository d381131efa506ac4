/* Synthetic regression data with an exactly prescribed input spectrum.
 *
 * X (D x P, columns are samples) = U diag(sqrt(P lambda_k)) V^T with random
 * orthonormal U (D x r), V (P x r), r = min(D, P), so that
 * Sigma = X X^T / P = U diag(lambda) U^T exactly.  lambda_k = k^(-a) scaled
 * to mean 1 over the r nonzero directions; a = 0 gives whitened data
 * (all nonzero singular values of X equal, paper section 1.1). */
#ifndef SA_SYNTHETIC_H
#define SA_SYNTHETIC_H

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>

/* Returns a new D x P matrix, or NULL on allocation failure (or a failed
 * QR factorisation or product, which the sizes rule out). */
gsl_matrix *sa_synth_inputs(size_t D, size_t P, double spectrum_exponent, gsl_rng *rng);

/* A random unit teacher direction inside the column span of X (the
 * normalised projection of a Gaussian vector; section 1.1's beta).
 * GSL_SUCCESS, GSL_ENOMEM, GSL_EZERODIV (the projection has norm zero or
 * is not finite: no direction), or the status of the failed GSL call of
 * the projection (Cholesky of X^T X when P < D), with a message. */
int sa_synth_teacher(const gsl_matrix *X, gsl_rng *rng, gsl_vector *beta);

/* Sigma = X X^T / P (D x D, caller allocates).  GSL_SUCCESS, or
 * GSL_EBADLEN (with a message) when Sigma is not D x D. */
int sa_synth_covariance(const gsl_matrix *X, gsl_matrix *Sigma);

#endif
