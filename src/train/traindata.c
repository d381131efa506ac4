/* Training and test sets from a description: see traindata.h. */
#include "config.h"

#include "train/traindata.h"

#include "core/sa_errno.h"
#include "core/sa_linalg.h"
#include "data/load.h"
#include "data/preprocess.h"
#include "data/synthetic.h"
#include "nets/kernel_regression.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_sort_vector.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void sa_traindata_free(sa_traindata *td)
{
  if (td->X)
    gsl_matrix_free(td->X);
  if (td->Y)
    gsl_matrix_free(td->Y);
  if (td->Xt)
    gsl_matrix_free(td->Xt);
  if (td->Yt)
    gsl_matrix_free(td->Yt);
  if (td->teacher)
    gsl_matrix_free(td->teacher);
  if (td->beta)
    gsl_vector_free(td->beta);
  memset(td, 0, sizeof *td);
}

sa_train_data sa_traindata_view(const sa_traindata *td)
{
  sa_train_data d = {td->X, td->Y, td->Xt, td->Yt, td->teacher, td->beta};
  return d;
}

/* Teacher T (C x D) as described in traindata.h. */
static int synth_teacher(const sa_traindata_spec *sp, const gsl_matrix *X, gsl_rng *rng,
                         sa_traindata *td)
{
  size_t C = sp->C, D = sp->D;
  td->teacher = gsl_matrix_alloc(C, D);
  if (!td->teacher)
    return sa_error(GSL_ENOMEM, "teacher: out of memory (C = %zu, D = %zu)", C, D);
  if (C == 1) {
    td->beta = gsl_vector_alloc(D);
    if (!td->beta)
      return sa_error(GSL_ENOMEM, "teacher: out of memory (D = %zu)", D);
    int st = sa_synth_teacher(X, rng, td->beta);
    if (st)
      return st;
    /* T = s beta^T; both have length D by construction */
    gsl_vector_view row = gsl_matrix_row(td->teacher, 0);
    if ((st = gsl_vector_memcpy(&row.vector, td->beta)))
      return sa_error(st, "teacher: %s", gsl_strerror(st));
    if ((st = gsl_vector_scale(&row.vector, sp->s)))
      return sa_error(st, "teacher: s beta: %s", gsl_strerror(st));
    return GSL_SUCCESS;
  }
  gsl_matrix *V = gsl_matrix_alloc(D, C), *Z = gsl_matrix_alloc(C, C);
  gsl_vector *v = gsl_vector_alloc(D), *tau = gsl_vector_alloc(C);
  int st = GSL_ENOMEM;
  if (!V || !Z || !v || !tau) {
    sa_error(st, "teacher: out of memory (C = %zu, D = %zu)", C, D);
    goto done;
  }
  for (size_t k = 0; k < C; k++) {
    if ((st = sa_synth_teacher(X, rng, v)))
      goto done;
    if ((st = gsl_matrix_set_col(V, k, v))) {
      sa_error(st, "teacher: direction %zu: %s", k, gsl_strerror(st));
      goto done;
    }
  }
  if ((st = sa_linalg_random_orthonormal(Z, rng, tau, SA_LINALG_R_POSITIVE)) ||
      (st = sa_linalg_orthonormalise(V, tau, SA_LINALG_R_POSITIVE))) {
    sa_error_prefix(st, "teacher with %zu outputs", C);
    goto done;
  }
  /* T = Z diag(s) V^T: scale column alpha of Z by s_alpha. */
  for (size_t a = 0; a < C; a++) {
    gsl_vector_view za = gsl_matrix_column(Z, a);
    if ((st = gsl_vector_scale(&za.vector, sp->svals ? sp->svals[a] : sp->s))) {
      sa_error(st, "teacher: s_%zu z_%zu: %s", a, a, gsl_strerror(st));
      goto done;
    }
  }
  if ((st = gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, Z, V, 0.0, td->teacher))) {
    sa_error(st, "teacher T = Z diag(s) V^T: %s", gsl_strerror(st));
    goto done;
  }
  st = GSL_SUCCESS;
done:
  if (V)
    gsl_matrix_free(V);
  if (Z)
    gsl_matrix_free(Z);
  if (v)
    gsl_vector_free(v);
  gsl_vector_free(tau);
  return st;
}

/* Test inputs x = U diag(sqrt(max(lambda, 0))) z with Sigma = U diag(lambda) U^T. */
static int synth_test_inputs(const gsl_matrix *X, size_t Pt, gsl_rng *rng, gsl_matrix **Xt)
{
  size_t D = X->size1;
  gsl_matrix *S = gsl_matrix_alloc(D, D), *U = gsl_matrix_alloc(D, D);
  gsl_matrix *Z = gsl_matrix_alloc(D, Pt);
  gsl_vector *lam = gsl_vector_alloc(D);
  gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(D);
  *Xt = gsl_matrix_alloc(D, Pt);
  int st = GSL_ENOMEM;
  if (!S || !U || !Z || !lam || !w || !*Xt) {
    sa_error(st, "test inputs: out of memory (D = %zu, P_test = %zu)", D, Pt);
    goto done;
  }
  if ((st = sa_synth_covariance(X, S)))
    goto done;
  if ((st = gsl_eigen_symmv(S, lam, U, w))) {
    sa_error(st, "test inputs: eigendecomposition of the %zu x %zu covariance: %s", D, D,
             gsl_strerror(st));
    goto done;
  }
  for (size_t i = 0; i < D; i++)
    for (size_t mu = 0; mu < Pt; mu++)
      gsl_matrix_set(Z, i, mu, gsl_ran_gaussian(rng, 1.0));
  for (size_t k = 0; k < D; k++) {
    double l = gsl_vector_get(lam, k);
    gsl_vector_view uk = gsl_matrix_column(U, k);
    if ((st = gsl_vector_scale(&uk.vector, l > 0 ? sqrt(l) : 0.0))) {
      sa_error(st, "test inputs: sqrt(lambda_%zu) u_%zu: %s", k, k, gsl_strerror(st));
      goto done;
    }
  }
  if ((st = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, U, Z, 0.0, *Xt))) {
    sa_error(st, "test inputs x = U diag(sqrt(lambda)) z: %s", gsl_strerror(st));
    goto done;
  }
  st = GSL_SUCCESS;
done:
  if (S)
    gsl_matrix_free(S);
  if (U)
    gsl_matrix_free(U);
  if (Z)
    gsl_matrix_free(Z);
  if (lam)
    gsl_vector_free(lam);
  if (w)
    gsl_eigen_symmv_free(w);
  return st;
}

static int build_synthetic(const sa_traindata_spec *sp, sa_traindata *td)
{
  size_t r = sp->D < sp->P ? sp->D : sp->P;
  if (sp->C > r)
    return sa_error(GSL_EINVAL,
                    "a teacher with C = %zu orthonormal directions needs C <= min(D, P) = %zu",
                    sp->C, r);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!rng)
    return sa_error(GSL_ENOMEM, "out of memory");
  gsl_rng_set(rng, sp->seed);
  /* Every failure below records its message; this function adds the
   * context "synthetic data: " in front. */
  int st = GSL_ENOMEM;
  td->rank = r;
  td->X = sa_synth_inputs(sp->D, sp->P, sp->spectrum, rng);
  if (!td->X) {
    sa_error(st, "inputs: out of memory or failed factorisation (D = %zu, P = %zu)", sp->D, sp->P);
    goto done;
  }
  if ((st = synth_teacher(sp, td->X, rng, td)))
    goto done;
  st = GSL_ENOMEM;
  td->Y = gsl_matrix_alloc(sp->C, sp->P);
  if (!td->Y) {
    sa_error(st, "targets: out of memory (C = %zu, P = %zu)", sp->C, sp->P);
    goto done;
  }
  if ((st = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, td->teacher, td->X, 0.0, td->Y))) {
    sa_error(st, "targets Y = T X: %s", gsl_strerror(st));
    goto done;
  }
  if (sp->P_test) {
    if ((st = synth_test_inputs(td->X, sp->P_test, rng, &td->Xt)))
      goto done;
    st = GSL_ENOMEM;
    td->Yt = gsl_matrix_alloc(sp->C, sp->P_test);
    if (!td->Yt) {
      sa_error(st, "test targets: out of memory (C = %zu, P_test = %zu)", sp->C, sp->P_test);
      goto done;
    }
    if ((st = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, td->teacher, td->Xt, 0.0, td->Yt))) {
      sa_error(st, "test targets Yt = T Xt: %s", gsl_strerror(st));
      goto done;
    }
  }
  st = GSL_SUCCESS;
done:
  gsl_rng_free(rng);
  if (st)
    return sa_error_prefix(st, "synthetic data");
  return GSL_SUCCESS;
}

static gsl_matrix *take(gsl_matrix **m)
{
  gsl_matrix *r = *m;
  *m = NULL;
  return r;
}

/* ANCHOR: traindata_zca */
/* out = U diag((lambda + eps)^(-1/2)) U^T (X - m) + eps^(-1/2) (I - U U^T)(X - m),
 * lambda_k = s_k^2 / P, from the eigenvectors of the unscaled gamma = 1
 * fit (traindata.h).  out may be X. */
static int zca_apply(const sa_whiten *w, double eps, const gsl_matrix *X, gsl_matrix *out)
{
  size_t D = X->size1, Q = X->size2, r = w->rank;
  if (D != w->D || out->size1 != D || out->size2 != Q)
    return sa_error(GSL_EBADLEN, "input is %zu x %zu and output %zu x %zu, the map expects D = %zu",
                    D, Q, out->size1, out->size2, w->D);
  gsl_matrix *Xc = gsl_matrix_alloc(D, Q), *Z = gsl_matrix_alloc(r ? r : 1, Q);
  if (!Xc || !Z) {
    if (Xc)
      gsl_matrix_free(Xc);
    if (Z)
      gsl_matrix_free(Z);
    return sa_error(GSL_ENOMEM, "out of memory for %zu points", Q);
  }
  int st = gsl_matrix_memcpy(Xc, X);
  for (size_t i = 0; i < D && !st; i++) {
    double m = gsl_vector_get(w->mean, i);
    for (size_t q = 0; q < Q; q++)
      Xc->data[i * Xc->tda + q] -= m;
  }
  double ce = 1.0 / sqrt(eps);
  if (r && !st) {
    gsl_matrix_view Zr = gsl_matrix_submatrix(Z, 0, 0, r, Q);
    st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, w->U, Xc, 0.0, &Zr.matrix); /* U^T xc */
    for (size_t k = 0; k < r && !st; k++) {
      double sk = gsl_vector_get(w->s, k), lam = sk * sk / (double)w->P;
      /* U (g_k - eps^-1/2) z_k added to eps^-1/2 xc gives the formula */
      double g = 1.0 / sqrt(lam + eps) - ce;
      gsl_vector_view row = gsl_matrix_row(&Zr.matrix, k);
      st = gsl_vector_scale(&row.vector, g);
    }
    if (!st && !(st = gsl_matrix_scale(Xc, ce)))
      st = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, w->U, &Zr.matrix, 1.0, Xc);
  } else if (!st) {
    st = gsl_matrix_scale(Xc, ce);
  }
  if (!st)
    st = gsl_matrix_memcpy(out, Xc);
  gsl_matrix_free(Xc);
  gsl_matrix_free(Z);
  if (st)
    return sa_error(st, "matrix product failed: %s", gsl_strerror(st));
  return GSL_SUCCESS;
}
/* END: traindata_zca */

/* Y_c -= mean over the training samples of Y_c, also on Yt. */
static void center_targets(gsl_matrix *Y, gsl_matrix *Yt)
{
  for (size_t c = 0; c < Y->size1; c++) {
    double m = 0.0;
    for (size_t mu = 0; mu < Y->size2; mu++)
      m += gsl_matrix_get(Y, c, mu);
    m /= (double)Y->size2;
    for (size_t mu = 0; mu < Y->size2; mu++)
      gsl_matrix_set(Y, c, mu, gsl_matrix_get(Y, c, mu) - m);
    if (Yt)
      for (size_t mu = 0; mu < Yt->size2; mu++)
        gsl_matrix_set(Yt, c, mu, gsl_matrix_get(Yt, c, mu) - m);
  }
}

/* Average f x f blocks of every 28 x 28 column image of *X (in place:
 * *X is replaced by the (28/f)^2 x P matrix). */
static int pool_images(gsl_matrix **X, size_t f)
{
  size_t side = 28, s = side / f, P = (*X)->size2;
  if ((*X)->size1 != side * side || side % f)
    return sa_error(GSL_EINVAL, "downsampling factor %zu does not divide the 28 x 28 images", f);
  gsl_matrix *Z = gsl_matrix_calloc(s * s, P);
  if (!Z)
    return sa_error(GSL_ENOMEM, "downsampling by %zu: out of memory for %zu images", f, P);
  for (size_t y = 0; y < side; y++)
    for (size_t x = 0; x < side; x++)
      for (size_t mu = 0; mu < P; mu++)
        Z->data[((y / f) * s + x / f) * Z->tda + mu] +=
            gsl_matrix_get(*X, y * side + x, mu) / (double)(f * f);
  gsl_matrix_free(*X);
  *X = Z;
  return 0;
}

static int build_images(const sa_traindata_spec *sp, sa_traindata *td)
{
  sa_data_spec ds;
  memset(&ds, 0, sizeof ds);
  ds.source = sp->source;
  ds.mnist_dir = sp->mnist_dir;
  ds.fashion_dir = sp->fashion_dir;
  memcpy(ds.classes, sp->classes, sizeof ds.classes);
  ds.nclasses = sp->nclasses;
  ds.p_train = sp->P;
  ds.p_test = sp->P_test;
  ds.seed = sp->seed;
  sa_dataset *train = NULL, *test = NULL;
  sa_whiten *wh = NULL;
  int st = sa_data_load(&ds, &train, &test);
  if (!st && sp->pool > 1) {
    st = pool_images(&train->X, sp->pool);
    if (!st && test)
      st = pool_images(&test->X, sp->pool);
  }
  int zca = sp->zca_eps > 0.0;
  if (!st && zca) {
    st = sa_whiten_fit(train->X, 1.0, SA_WHITEN_RCOND_DEFAULT, SA_WHITEN_SCALE_NONE, &wh);
    if (!st)
      st = zca_apply(wh, sp->zca_eps, train->X, train->X);
    if (!st && test)
      st = zca_apply(wh, sp->zca_eps, test->X, test->X);
    if (st)
      sa_error_prefix(st, "ZCA whitening");
  } else if (!st) {
    st = sa_whiten_fit(train->X, sp->gamma, sp->rcond, SA_WHITEN_SCALE_UNIT, &wh);
    if (!st)
      st = sa_whiten_apply(wh, train->X, train->X);
    if (!st && test)
      st = sa_whiten_apply(wh, test->X, test->X);
  }
  if (!st) {
    td->rank = wh->rank;
    if (zca) {
      td->zca_dim = 0.0;
      for (size_t k = 0; k < wh->rank; k++) {
        double sk = gsl_vector_get(wh->s, k), lam = sk * sk / (double)wh->P;
        td->zca_dim += lam / (lam + sp->zca_eps);
      }
    }
    td->X = take(&train->X);
    td->Y = take(&train->Y);
    if (test) {
      td->Xt = take(&test->X);
      td->Yt = take(&test->Y);
    }
  }
  sa_whiten_free(wh);
  sa_dataset_free(train);
  sa_dataset_free(test);
  return st;
}

int sa_traindata_build(const sa_traindata_spec *spec, sa_traindata *out)
{
  memset(out, 0, sizeof *out);
  out->zca_dim = NAN;
  int code;
  if (!strcmp(spec->source, "synthetic"))
    code = build_synthetic(spec, out);
  else if (!strcmp(spec->source, "mnist") || !strcmp(spec->source, "fashion"))
    code = build_images(spec, out);
  else
    code =
        sa_error(GSL_EINVAL, "data source '%s' is not synthetic, mnist or fashion", spec->source);
  if (!code && spec->center_targets)
    center_targets(out->Y, out->Yt);
  if (code)
    sa_traindata_free(out);
  return code;
}

/* ANCHOR: traindata_minnorm_beta */
int sa_traindata_minnorm_beta(sa_traindata *td, double rcond, double *norm)
{
  *norm = NAN;
  if (td->Y->size1 != 1)
    return sa_error(GSL_EBADLEN, "the minimum-norm direction needs one output, not %zu",
                    td->Y->size1);
  size_t D = td->X->size1, P = td->X->size2;
  gsl_matrix *G = gsl_matrix_alloc(P, P); /* X^T X */
  sa_kreg *kr = sa_kreg_alloc(P);
  gsl_vector *alpha = gsl_vector_alloc(P), *b = gsl_vector_alloc(D);
  int st = GSL_ENOMEM;
  if (!G || !kr || !alpha || !b) {
    sa_error(st, "out of memory (P = %zu)", P);
    goto done;
  }
  if ((st = gsl_blas_dsyrk(CblasUpper, CblasTrans, 1.0, td->X, 0.0, G))) {
    sa_error(st, "Gram matrix X^T X: %s", gsl_strerror(st));
    goto done;
  }
  sa_linalg_fill_lower(G);
  gsl_vector_const_view y = gsl_matrix_const_row(td->Y, 0);
  if ((st = sa_kreg_fit(kr, G, SA_KREG_EIGEN, rcond)) ||
      (st = sa_kreg_solve(kr, &y.vector, alpha))) /* alpha = (X^T X)^+ y */
    goto done;                                    /* the message is sa_kreg's */
  if ((st = gsl_blas_dgemv(CblasNoTrans, 1.0, td->X, alpha, 0.0, b))) { /* beta* = X alpha */
    sa_error(st, "beta* = X alpha: %s", gsl_strerror(st));
    goto done;
  }
  *norm = gsl_blas_dnrm2(b);
  if (!(*norm > 0)) {
    st = sa_error(GSL_EZERODIV, "beta* = X (X^T X)^+ y has norm %g: no direction", *norm);
    goto done;
  }
  if ((st = gsl_vector_scale(b, 1.0 / *norm))) {
    sa_error(st, "beta* / |beta*|: %s", gsl_strerror(st));
    goto done;
  }
  if (td->beta)
    gsl_vector_free(td->beta);
  td->beta = b;
  b = NULL;
  st = 0;
done:
  if (G)
    gsl_matrix_free(G);
  sa_kreg_free(kr);
  if (alpha)
    gsl_vector_free(alpha);
  if (b)
    gsl_vector_free(b);
  return st;
}
/* END: traindata_minnorm_beta */

unsigned long sa_traindata_init_seed(unsigned long seed)
{
  return seed + SA_TRAIN_INIT_SEED_OFFSET;
}

/* ANCHOR: traindata_class_modes */
int sa_traindata_class_modes(const sa_traindata *td, gsl_vector *sv)
{
  size_t C = td->Y->size1, D = td->X->size1, P = td->X->size2;
  if (sv->size != C)
    return sa_error(GSL_EBADLEN, "class modes: %zu outputs but room for %zu singular values", C,
                    sv->size);
  /* singular values of the C x D matrix = sqrt of the eigenvalues of the
   * C x C matrix M M^T (C is small) */
  gsl_matrix *M = gsl_matrix_alloc(C, D), *G = gsl_matrix_alloc(C, C);
  gsl_vector *ev = gsl_vector_alloc(C);
  gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(C);
  int st = GSL_ENOMEM;
  if (!(M && G && ev && w))
    sa_error(st, "class modes: out of memory (C = %zu, D = %zu)", C, D);
  else if ((st = gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0 / (double)P, td->Y, td->X, 0.0, M)) ||
           (st = gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, M, M, 0.0, G)))
    sa_error(st, "class modes: Sigma_yx Sigma_yx^T: %s", gsl_strerror(st));
  else if ((st = gsl_eigen_symm(G, ev, w)))
    sa_error(st, "class modes: eigenvalues of the %zu x %zu matrix: %s", C, C, gsl_strerror(st));
  else {
    gsl_sort_vector(ev);
    for (size_t k = 0; k < C; k++) {
      double e = gsl_vector_get(ev, C - 1 - k);
      gsl_vector_set(sv, k, e > 0 ? sqrt(e) : 0.0);
    }
  }
  if (M)
    gsl_matrix_free(M);
  if (G)
    gsl_matrix_free(G);
  if (ev)
    gsl_vector_free(ev);
  if (w)
    gsl_eigen_symm_free(w);
  return st;
}
/* END: traindata_class_modes */
