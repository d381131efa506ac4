/* Training and test sets for `silentalign train` (paper sections 1.1, 4, 5).
 *
 * Synthetic (source "synthetic").  X (D x P) from sa_synth_inputs with
 * spectrum exponent a (lambda_k ~ k^-a, mean 1; a = 0 whitened).  Scalar
 * output (C = 1): unit teacher direction beta in span(X) (sa_synth_teacher),
 * teacher T = s beta^T.  C > 1 outputs: T = Z diag(s_1..s_C) V^T with V
 * (D x C) orthonormal inside span(X) (C sa_synth_teacher draws made
 * orthonormal, core/sa_linalg.h) and Z a random C x C orthogonal matrix; needs C <= min(D, P).
 * Targets Y = T X.  Test points are Gaussian with the TRAINING covariance,
 * x = U diag(sqrt(lambda)) z, z ~ N(0, I), from the eigendecomposition
 * Sigma = X X^T / P = U diag(lambda) U^T (so they lie in span(X), where the
 * teacher lives), with targets T x.  Consequence for P < D: every linear
 * interpolant of the training data agrees on such test points, so the
 * K_0 / K_inf comparison of a LINEAR net is trivially tight there (the
 * network's frozen component outside span(X) is invisible).  Data and
 * teacher use a GSL mt19937
 * generator seeded with `seed` (train inputs, teacher, test inputs, in
 * that order).
 *
 * Images (source "mnist" or "fashion").  sa_data_load (data/load.h) selects
 * P training and P_test test images of the listed classes (two classes:
 * y = -1 / +1 for the first / second listed class; more: one-hot), then
 * the partial whitening map of data/preprocess.h is fitted on the training
 * inputs (centring, X_gamma = c U S^gamma V^T, retained eigenvalues of
 * Sigma_gamma with mean 1, relative cutoff rcond) and applied to both sets.
 * With pool = f > 1 each 28 x 28 image is first reduced to (28/f)^2 pixels
 * by averaging f x f blocks (the whitening then acts on the smaller
 * images; for the convolutional net's scaled-down runs).
 * There is no teacher (teacher and beta are NULL).
 *
 * ZCA whitening with a regulariser (zca_eps > 0, images only; replaces the
 * partial whitening and its PCA cut-off): x -> (Sigma + eps I)^(-1/2) (x - m)
 * with Sigma = X_c X_c^T / P on the loader's pixel scale (intensities in
 * [0, 1]).  On Sigma's eigenvectors this is lambda_k -> lambda_k /
 * (lambda_k + eps): directions with lambda_k >> eps are whitened to unit
 * variance, those with lambda_k << eps keep lambda_k / eps << 1, so the
 * training inputs have an effective dimension about #{lambda_k > eps}
 * instead of the full rank, and |x|^2 = sum_k lambda_k / (lambda_k + eps)
 * on average (reported as zca_dim).  Sigma's eigenvectors come from
 * preprocess.h (gamma = 1, no scaling, numerical cut-off 1e-6); a test
 * point's component outside the training span is multiplied by eps^(-1/2),
 * as the formula says.  Effect on the kernels: the initial NTK of a ReLU net
 * is dominated by x.x', and the first layer's NTK part
 * ~ |x|^2, so a smaller effective dimension makes the rank-one target mode a
 * larger part of the kernel (the linear theory's plateau L/sqrt(L^2 + r - 1)).
 *
 * Centred targets (center_targets, any source): every output's training
 * mean over the samples is subtracted from the training and the test
 * targets, Y_c -> Y_c - mean_mu Y_c(mu) (one-hot: y_c - P_c/P).  The class
 * mean mode, which a bias-free odd network on centred inputs can fit only
 * very late (Fig. H.1c), is removed from the task; argmax and sign
 * classification are unchanged (1 - m_c > -m_c'). */
#ifndef SA_TRAIN_TRAINDATA_H
#define SA_TRAIN_TRAINDATA_H

#include "core/sa_errno.h"
#include "train/trainer.h"

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

/* train's whitening cut-off: singular values below 1e-2 s_max are dropped.
 * dataset-info keeps everything above the rounding floor
 * (SA_WHITEN_RCOND_DEFAULT = 1e-6, data/preprocess.h) because it measures
 * the spectrum; a network trained on whitened inputs (gamma < 1) would get
 * those weak directions, pixel noise of the training set, scaled up to unit
 * variance, and the test points' components along them with them. */
#define SA_TRAIN_WHITEN_RCOND 1e-2

typedef struct {
  const char *source; /* "synthetic", "mnist" or "fashion"             */
  size_t P, P_test;
  unsigned long seed;
  /* synthetic */
  size_t D, C;
  double spectrum, s;
  const double *svals; /* C singular values (C > 1), or NULL: all s     */
  /* images */
  const char *mnist_dir;   /* NULL or "": sa_data_mnist_dir (data/load.h)    */
  const char *fashion_dir; /* NULL: SA_FASHION_DEFAULT_DIR                   */
  int classes[10];
  size_t nclasses;
  double gamma, rcond; /* partial whitening exponent and cutoff (train's
                        * default SA_TRAIN_WHITEN_RCOND)                */
  double zca_eps;      /* > 0: ZCA whitening (Sigma + eps I)^(-1/2)      */
  int center_targets;  /* subtract each output's training mean          */
  size_t pool;         /* > 1: average f x f pixel blocks of the 28 x 28
                          images before whitening (f divides 28)        */
} sa_traindata_spec;

typedef struct {
  gsl_matrix *X, *Y;   /* D x P, C x P          */
  gsl_matrix *Xt, *Yt; /* test, or NULL         */
  gsl_matrix *teacher; /* C x D, or NULL        */
  gsl_vector *beta;    /* C = 1 synthetic, or NULL */
  size_t rank;         /* rank of the training inputs (whitening rank for images,
                          min(D, P) for synthetic)  */
  double zca_dim;      /* ZCA: sum_k lambda_k / (lambda_k + eps) (else NaN) */
} sa_traindata;

/* Builds the data sets.  Returns GSL_SUCCESS, or (src/core/sa_errno.h)
 * GSL_EINVAL (an option value out of range), SA_EDATA (a data file missing
 * or corrupt), GSL_EFAILED (the whitening failed numerically, e.g. all
 * training points equal), GSL_ENOMEM or the GSL status of a failed
 * synthetic draw (GSL_EZERODIV: a teacher direction of norm zero), with a
 * message (sa_error_message) naming the option, or the file and the
 * problem.  The message of a synthetic failure starts "synthetic data: ",
 * that of a failed ZCA whitening "ZCA whitening: ". */
int sa_traindata_build(const sa_traindata_spec *spec, sa_traindata *out);
void sa_traindata_free(sa_traindata *td);

/* Least-squares minimum-norm linear solution of the training set (C = 1):
 * beta* = X (X^T X)^+ y (pseudo-inverse with relative eigenvalue cutoff
 * rcond, kernel_regression.h).  Sets td->beta to the unit vector
 * beta* / |beta*| (replacing any previous one) and *norm = |beta*|, the
 * teacher scale s of App. C for real data: q(t) and r(t) (Eq. 33) are then
 * recorded along this direction and tend to s (Fig. C.3b).  Returns 0, or a
 * GSL error code with a message (C != 1: GSL_EBADLEN; beta* = 0:
 * GSL_EZERODIV; GSL_ENOMEM; the kernel solve's status, kernel_regression.h). */
int sa_traindata_minnorm_beta(sa_traindata *td, double rcond, double *norm);

/* The seeding rule of a training run: the data (above) use a generator
 * seeded with `seed`, the initial weights their own generator seeded with
 * seed + SA_TRAIN_INIT_SEED_OFFSET (a prime), so data and weights are
 * independent streams and either can be changed without the other. */
#define SA_TRAIN_INIT_SEED_OFFSET 1000003 /* added to an unsigned long seed */
unsigned long sa_traindata_init_seed(unsigned long seed);

/* Class-mode spectrum (App. H, Fig. H.1c): the singular values of the
 * input-output correlation Sigma_yx = Y X^T / P (C x D), largest first,
 * into sv (length C).  For a linear network from small initialisation each
 * singular mode is learned on its own time scale ~ 1/s_k (App. H), so a
 * staircase of C drops needs well separated s_k.  Whitened inputs with P
 * below the rank are nearly orthogonal (X^T X ~ r I), which makes
 * Sigma_yx Sigma_yx^T ~ (r/P) Y Y^T / P: for one-hot labels diag(P_c/P), for
 * centred ones diag(p_c) - p p^T, i.e. degenerate for balanced classes.
 * Returns a GSL status with a message (GSL_EBADLEN: sv not of length C;
 * GSL_ENOMEM; the eigensolver's status). */
int sa_traindata_class_modes(const sa_traindata *td, gsl_vector *sv);

/* The borrowed view used by sa_train_run. */
sa_train_data sa_traindata_view(const sa_traindata *td);

#endif
