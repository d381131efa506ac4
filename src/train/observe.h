/* Observables of a network along training that are not kernels (paper
 * sections 1.3, 2.2; see trainer.h for when each is recorded). */
#ifndef SA_TRAIN_OBSERVE_H
#define SA_TRAIN_OBSERVE_H

#include "nets/mlp.h"

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

/* Fraction of columns mu whose predicted class differs from the target's:
 * C = 1: sign(F_mu) != sign(Y_mu) (a zero output counts as wrong unless the
 * target is zero too); C > 1: argmax_c F_{c,mu} != argmax_c Y_{c,mu}
 * (first maximum).  NaN on a size mismatch or P = 0. */
double sa_train_class_error(const gsl_matrix *F, const gsl_matrix *Y);

/* Two-layer linear net (L = 2, C = 1), W = W^1 (N x D), a = W^2 (as a
 * vector), unit beta (length D):
 *   q = 1/2 beta^T (W^T W + |a|^2 I) beta = 1/2 (|W beta|^2 + |a|^2),
 *   r = a^T W beta                                  (App. C.1, Eq. 33).
 * Returns GSL_SUCCESS, or GSL_EINVAL (and NaNs) if the net is not of that
 * shape, GSL_ENOMEM (and NaNs) without memory. */
int sa_train_twolayer_qr(const sa_mlp *net, const gsl_vector *beta, double *q, double *r);

/* The order in which to show the samples of a Gram matrix so that the
 * classes form contiguous blocks (Fig. E.3b): order[i] (i < C P) is the
 * flattened index c P + mu of the i-th sample after sorting by the target
 * Y[c, mu], ties by index.  Returns GSL_SUCCESS or GSL_ENOMEM. */
int sa_train_target_order(const gsl_matrix *Y, size_t *order);

/* 1 if every entry of v is finite, else 0. */
int sa_train_all_finite(const gsl_vector *v);

/* Euclidean norm of a vector (gsl_blas_dnrm2 wrapper kept for clarity). */
double sa_train_norm(const gsl_vector *v);

#endif
