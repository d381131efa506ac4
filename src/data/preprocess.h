/* Centring and partial whitening of a training matrix (paper section 1.1, Sec. 5).
 *
 * Given training inputs X (D x P, columns are samples), with mean m and
 * centred matrix X_c = X - m 1^T = U S V^T (thin SVD), partial whitening is
 *     X_gamma = c U S^gamma V^T = c U S^(gamma-1) U^T X_c,   gamma in [0,1],
 * so gamma = 0 is fully whitened (all retained singular values equal) and
 * gamma = 1 is the centred raw data (times c).  The covariance eigenvalues
 * map as lambda_k -> c^2 lambda_k^gamma P^(gamma-1).
 *
 * The SAME affine map  x -> W (x - m),  W = c U S^(gamma-1) U^T,  is applied
 * to test points.  A test point's component outside the retained span of
 * the training data (I - U U^T)(x - m) is discarded: W annihilates it, as
 * the pseudo-inverse does.  Training points lie in that span (up to the
 * discarded directions below), so the map reproduces X_gamma on them.
 *
 * Rank deficiency: MNIST has pixels that are 0 in every image, and
 * centring removes one direction when P <= D.  The SVD is obtained from the
 * eigendecomposition of the smaller Gram matrix (X_c^T X_c if P <= D, else
 * X_c X_c^T; GSL's symmetric eigensolver; O(n^3), n = min(D, P)), whose
 * eigenvalues carry an absolute rounding error of order eps lambda_max.
 * Hence s_k = sqrt(lambda_k) cannot be told from 0 below about
 * sqrt(eps) s_max = 1.5e-8 s_max (measured: exactly-zero directions of
 * MNIST / Fashion selections come out at <= 1.1e-8 s_max), and a retained
 * direction is whitened with a relative error bounded by about
 * eps (s_max / s_k)^2.  Directions with s_k <= rcond * s_max are dropped:
 * the map acts on the retained r-dimensional subspace only.  The default
 * rcond = SA_WHITEN_RCOND_DEFAULT = 1e-6 lies 100 times above that floor
 * (1e4 in lambda), so no rounding-zero direction is ever blown up to unit
 * variance, and bounds the whitening error by eps / rcond^2 = 2e-4 (measured
 * <= 4e-7 on MNIST 0/1, 3/8 and Fashion 0/6 with P = 1000, and 1.3e-6 on
 * MNIST 0/1 with P = 600, the P x P route).  Measured effect:
 * MNIST 0 vs 1 and 3 vs 8 (P = 1000) lose no genuine direction (their
 * smallest are 1.9e-6 and 1.4e-6 s_max, the next ones rounding zeros);
 * Fashion T-shirt vs Shirt (P = 1000) loses 6 of 780, between 1e-7 and
 * 1e-6 s_max, carrying < 1e-12 of the variance.
 *
 * Test points and small rcond: for gamma < 1 the map amplifies direction k
 * by (s_max / s_k)^(1-gamma), and held-out images are not small along the
 * directions where the training images barely vary.  Measured with
 * `silentalign dataset-info --gamma=0 --P=1000 --P-test=1000`: the mean
 * squared norm of whitened test points is 2.95e6 for MNIST 0/1 (training:
 * r = 467) and 4.7e6 for Fashion 0/6 (r = 774) at rcond = 1e-6, but 465
 * (r = 319) and 605 (r = 419) at rcond = 1e-2.  rcond = 1e-6 is the
 * numerical choice (the exact recipe on the data's numerical span);
 * experiments that evaluate a whitened model on test points should choose
 * a larger rcond (a PCA truncation, the paper says nothing about one).
 *
 * Normalisation (scaling = SA_WHITEN_SCALE_UNIT): c is chosen so that the
 * retained eigenvalues of Sigma_gamma = X_gamma X_gamma^T / P have mean 1,
 *     c^2 = P r / sum_k s_k^(2 gamma),
 * i.e. the average squared norm per retained dimension is 1 (the same
 * convention as the synthetic data of synthetic.h).  For gamma = 0 this is
 * the paper's "whitened": Sigma = I on the span of the data.
 * SA_WHITEN_SCALE_NONE sets c = 1. */
#ifndef SA_PREPROCESS_H
#define SA_PREPROCESS_H

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "data/data_error.h"

/* The default of dataset-info, which measures the spectrum; training
 * truncates far more (SA_TRAIN_WHITEN_RCOND = 1e-2, train/traindata.h). */
#define SA_WHITEN_RCOND_DEFAULT 1e-6

enum { SA_WHITEN_SCALE_NONE = 0, SA_WHITEN_SCALE_UNIT = 1 };

typedef struct {
  size_t D, P;          /* shape of the training matrix                      */
  size_t rank;          /* r: retained directions                           */
  double gamma, rcond;  /* exponent and relative threshold used             */
  double scale;         /* c                                                */
  double s_dropped_max; /* largest dropped singular value (0 if none)       */
  gsl_vector *mean;     /* D: training mean m                               */
  gsl_matrix *U;        /* D x r: retained left singular vectors            */
  gsl_vector *s;        /* r: singular values of X_c, descending            */
  gsl_vector *gain;     /* r: c s_k^(gamma-1), the map's eigenvalues         */
} sa_whiten;

/* Fits the map on training inputs X (D x P, P >= 2).  gamma in [0,1],
 * rcond in (0,1).  *out: new object (sa_whiten_free), NULL on error.
 * Returns GSL_SUCCESS, GSL_EINVAL (an argument out of range), GSL_ENOMEM
 * or GSL_EFAILED (eigensolver failure, or all points equal), with the
 * message in sa_error_message(). */
int sa_whiten_fit(const gsl_matrix *X, double gamma, double rcond, int scaling, sa_whiten **out);

void sa_whiten_free(sa_whiten *w);

/* out = W (X - m 1^T) for any D x Q matrix X (training or test inputs);
 * out is D x Q and may be X itself.  GSL_EINVAL when the shapes disagree. */
int sa_whiten_apply(const sa_whiten *w, const gsl_matrix *X, gsl_matrix *out);

/* The partially whitened spectrum of Fig. 4a: out[k] = (s_k / s_1)^gamma
 * = (lambda_k / lambda_1)^(gamma/2), k < rank; out has length >= rank
 * (GSL_EINVAL otherwise). */
int sa_whiten_spectrum(const sa_whiten *w, gsl_vector *out);

/* Fraction of the centred energy of inputs X (D x Q) outside the retained
 * training span,
 *   sum_mu |(I - U U^T)(x_mu - m)|^2 / sum_mu |x_mu - m|^2,
 * which the whitening map discards (0 for the training inputs themselves
 * when no direction was dropped; 0 for X = m).  NaN (message in sa_error_message()) without memory,
 * when X has another dimension than the fit, or if the product fails. */
double sa_whiten_outside_fraction(const sa_whiten *w, const gsl_matrix *X);

#endif
