/* Centring and partial whitening via the smaller Gram matrix: see preprocess.h. */
#include "config.h"

#include "data/preprocess.h"

#include "core/sa_linalg.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>

void sa_whiten_free(sa_whiten *w)
{
  if (!w)
    return;
  if (w->mean)
    gsl_vector_free(w->mean);
  if (w->U)
    gsl_matrix_free(w->U);
  if (w->s)
    gsl_vector_free(w->s);
  if (w->gain)
    gsl_vector_free(w->gain);
  free(w);
}

/* Xc = X - m 1^T, m = row means (allocated here). */
static gsl_matrix *centre(const gsl_matrix *X, const gsl_vector *m)
{
  gsl_matrix *Xc = gsl_matrix_alloc(X->size1, X->size2);
  if (!Xc)
    return NULL;
  for (size_t d = 0; d < X->size1; d++) {
    double md = gsl_vector_get(m, d);
    for (size_t mu = 0; mu < X->size2; mu++)
      gsl_matrix_set(Xc, d, mu, gsl_matrix_get(X, d, mu) - md);
  }
  return Xc;
}

/* Eigenpairs of the smaller Gram matrix G, descending: eval (n), evec (n x n). */
static int gram_eigen(const gsl_matrix *Xc, gsl_vector *eval, gsl_matrix *evec)
{
  size_t n = eval->size;
  gsl_matrix *G = gsl_matrix_alloc(n, n);
  gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(n);
  int status = GSL_ENOMEM;
  if (G && ws) {
    /* G = Xc^T Xc (P <= D) or Xc Xc^T (P > D); the solver reads the lower triangle. */
    status = gsl_blas_dsyrk(CblasLower, Xc->size2 <= Xc->size1 ? CblasTrans : CblasNoTrans, 1.0, Xc,
                            0.0, G);
    if (!status)
      status = gsl_eigen_symmv(G, eval, evec, ws);
    if (!status)
      status = gsl_eigen_symmv_sort(eval, evec, GSL_EIGEN_SORT_VAL_DESC);
  }
  if (ws)
    gsl_eigen_symmv_free(ws);
  if (G)
    gsl_matrix_free(G);
  return status;
}

/* ANCHOR: whiten_fit */
int sa_whiten_fit(const gsl_matrix *X, double gamma, double rcond, int scaling, sa_whiten **out)
{
  *out = NULL;
  size_t D = X->size1, P = X->size2, n = D < P ? D : P;
  if (P < 2)
    return sa_error(GSL_EINVAL, "whiten: need P >= 2 training points, got %zu", P);
  if (!(gamma >= 0.0 && gamma <= 1.0))
    return sa_error(GSL_EINVAL, "whiten: gamma = %g outside [0,1]", gamma);
  if (!(rcond > 0.0 && rcond < 1.0))
    return sa_error(GSL_EINVAL, "whiten: rcond = %g outside (0,1)", rcond);
  if (scaling != SA_WHITEN_SCALE_NONE && scaling != SA_WHITEN_SCALE_UNIT)
    return sa_error(GSL_EINVAL, "whiten: unknown scaling %d", scaling);

  sa_whiten *w = calloc(1, sizeof *w);
  gsl_matrix *Xc = NULL, *evec = NULL;
  gsl_vector *eval = NULL;
  int status = GSL_SUCCESS;
  if (!w || !(w->mean = gsl_vector_alloc(D)))
    status = GSL_ENOMEM;
  if (!status) {
    w->D = D;
    w->P = P;
    w->gamma = gamma;
    w->rcond = rcond;
    for (size_t d = 0; d < D; d++) {
      double sum = 0.0;
      for (size_t mu = 0; mu < P; mu++)
        sum += gsl_matrix_get(X, d, mu);
      gsl_vector_set(w->mean, d, sum / (double)P);
    }
    Xc = centre(X, w->mean);
    eval = gsl_vector_alloc(n);
    evec = gsl_matrix_alloc(n, n);
    if (!Xc || !eval || !evec)
      status = GSL_ENOMEM;
  }
  if (!status && (status = gram_eigen(Xc, eval, evec)) != GSL_SUCCESS && status != GSL_ENOMEM)
    status = sa_error(GSL_EFAILED,
                      "whiten: symmetric eigensolver failed on the %zu x %zu Gram matrix", n, n);
  double smax = 0.0;
  size_t r = 0;
  if (!status) {
    /* s_k = sqrt(lambda_k); keep s_k > rcond * s_max (see preprocess.h). */
    smax = sqrt(fmax(gsl_vector_get(eval, 0), 0.0));
    while (r < n && sqrt(fmax(gsl_vector_get(eval, r), 0.0)) > rcond * smax)
      r++;
    if (smax == 0.0 || r == 0)
      status = sa_error(GSL_EFAILED,
                        "whiten: the centred training matrix is zero (all %zu points equal)", P);
  }
  if (!status) {
    w->rank = r;
    w->s_dropped_max = r < n ? sqrt(fmax(gsl_vector_get(eval, r), 0.0)) : 0.0;
    w->U = gsl_matrix_alloc(D, r);
    w->s = gsl_vector_alloc(r);
    w->gain = gsl_vector_alloc(r);
    if (!w->U || !w->s || !w->gain)
      status = GSL_ENOMEM;
  }
  if (!status) {
    for (size_t k = 0; k < r; k++)
      gsl_vector_set(w->s, k, sqrt(gsl_vector_get(eval, k)));
    gsl_matrix_const_view Vr = gsl_matrix_const_submatrix(evec, 0, 0, n, r);
    if (P > D) /* eigenvectors of Xc Xc^T are U itself */
      status = gsl_matrix_memcpy(w->U, &Vr.matrix);
    else { /* U = Xc V S^-1 */
      status = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, Xc, &Vr.matrix, 0.0, w->U);
      for (size_t k = 0; k < r && !status; k++) {
        gsl_vector_view col = gsl_matrix_column(w->U, k);
        status = gsl_vector_scale(&col.vector, 1.0 / gsl_vector_get(w->s, k));
      }
    }
    if (status)
      sa_error(status, "whiten: the basis U: %s", gsl_strerror(status));
    /* c^2 = P r / sum_k s_k^(2 gamma): retained eigenvalues of Sigma_gamma average 1. */
    double sum = 0.0;
    for (size_t k = 0; k < r; k++)
      sum += pow(gsl_vector_get(w->s, k), 2.0 * gamma);
    w->scale = scaling == SA_WHITEN_SCALE_UNIT ? sqrt((double)P * (double)r / sum) : 1.0;
    for (size_t k = 0; k < r; k++)
      gsl_vector_set(w->gain, k, w->scale * pow(gsl_vector_get(w->s, k), gamma - 1.0));
  }
  if (Xc)
    gsl_matrix_free(Xc);
  if (eval)
    gsl_vector_free(eval);
  if (evec)
    gsl_matrix_free(evec);
  if (status == GSL_ENOMEM)
    sa_error(status, "whiten: out of memory (D = %zu, P = %zu)", D, P);
  if (status) {
    sa_whiten_free(w);
    return status;
  }
  *out = w;
  return GSL_SUCCESS;
}
/* END: whiten_fit */

/* ANCHOR: whiten_apply */
int sa_whiten_apply(const sa_whiten *w, const gsl_matrix *X, gsl_matrix *out)
{
  if (X->size1 != w->D || out->size1 != w->D || out->size2 != X->size2)
    return sa_error(GSL_EINVAL,
                    "whiten: input is %zu x %zu and output %zu x %zu, map expects D = %zu",
                    X->size1, X->size2, out->size1, out->size2, w->D);
  gsl_matrix *Xc = centre(X, w->mean);
  gsl_matrix *T = gsl_matrix_alloc(w->rank, X->size2);
  if (!Xc || !T) {
    if (Xc)
      gsl_matrix_free(Xc);
    if (T)
      gsl_matrix_free(T);
    return sa_error(GSL_ENOMEM, "whiten: out of memory for %zu points", X->size2);
  }
  /* out = U diag(c s^(gamma-1)) U^T (X - m 1^T) */
  int status = gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, w->U, Xc, 0.0, T);
  for (size_t k = 0; k < w->rank && !status; k++) {
    gsl_vector_view row = gsl_matrix_row(T, k);
    status = gsl_vector_scale(&row.vector, gsl_vector_get(w->gain, k));
  }
  if (!status)
    status = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, w->U, T, 0.0, out);
  gsl_matrix_free(Xc);
  gsl_matrix_free(T);
  if (status)
    return sa_error(status, "whiten: matrix product failed: %s", gsl_strerror(status));
  return GSL_SUCCESS;
}
/* END: whiten_apply */

int sa_whiten_spectrum(const sa_whiten *w, gsl_vector *out)
{
  if (out->size < w->rank)
    return sa_error(GSL_EINVAL, "whiten: spectrum vector of length %zu, the rank is %zu", out->size,
                    w->rank);
  double s1 = gsl_vector_get(w->s, 0);
  for (size_t k = 0; k < w->rank; k++)
    gsl_vector_set(out, k, pow(gsl_vector_get(w->s, k) / s1, w->gamma));
  return GSL_SUCCESS;
}

double sa_whiten_outside_fraction(const sa_whiten *w, const gsl_matrix *X)
{
  if (X->size1 != w->D) {
    sa_error(GSL_EBADLEN, "whiten: %zu-dimensional inputs, the map expects D = %zu", X->size1,
             w->D);
    return NAN;
  }
  gsl_matrix *Xc = centre(X, w->mean);
  gsl_matrix *T = gsl_matrix_alloc(w->rank, X->size2);
  double frac = NAN;
  int st;
  if (!Xc || !T)
    sa_error(GSL_ENOMEM, "whiten: out of memory for %zu points", X->size2);
  else {
    /* |x - m|^2 summed, and the part inside: |U^T (x - m)|^2 */
    double total = sa_linalg_frobenius_dot(Xc, Xc) / (double)X->size2;
    if ((st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, w->U, Xc, 0.0, T)))
      sa_error(st, "whiten: U^T (X - m): %s", gsl_strerror(st));
    else {
      double inside = sa_linalg_frobenius_dot(T, T) / (double)X->size2;
      frac = total > 0 ? (total - inside) / total : 0.0;
    }
  }
  if (Xc)
    gsl_matrix_free(Xc);
  if (T)
    gsl_matrix_free(T);
  return frac;
}
