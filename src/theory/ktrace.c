/* Kernel scale along a linear-network flow: see ktrace.h. */
#include "config.h"

#include "theory/ktrace.h"

#include "core/sa_errno.h"

#include "core/sa_linalg.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>

struct sa_ktrace_work {
  gsl_matrix *MX; /* D x P */
  gsl_matrix *K;  /* P x P */
};

sa_ktrace_work *sa_ktrace_work_alloc(size_t D, size_t P)
{
  sa_ktrace_work *w = calloc(1, sizeof *w);
  if (!w)
    return NULL;
  w->MX = gsl_matrix_alloc(D, P);
  w->K = gsl_matrix_alloc(P, P);
  if (!w->MX || !w->K) {
    sa_ktrace_work_free(w);
    return NULL;
  }
  return w;
}

void sa_ktrace_work_free(sa_ktrace_work *w)
{
  if (!w)
    return;
  gsl_matrix_free(w->MX);
  gsl_matrix_free(w->K);
  free(w);
}

/* ANCHOR: ktrace_refine */
size_t sa_ktrace_refine_grid(const double *times, size_t n, double t_half, double t_end,
                             size_t nref, double dmin, double *out)
{
  size_t m = 0;
  for (size_t i = 0; i < n && times[i] < t_half - t_half / 2; i++)
    out[m++] = times[i];
  /* t_half -+ 10^a, a = a0..a1 in nref equal steps (nref >= 2) */
  double a0 = log10(dmin), a1 = log10(t_half / 2);
  for (size_t k = nref; k-- > 0;) { /* t_half - 10^a, a decreasing */
    double t = t_half - pow(10.0, a0 + (a1 - a0) * (double)k / (double)(nref - 1));
    if (t > 0 && (m == 0 || t > out[m - 1]))
      out[m++] = t;
  }
  for (size_t k = 0; k < nref; k++) { /* t_half + 10^a, a increasing */
    double t = t_half + pow(10.0, a0 + (a1 - a0) * (double)k / (double)(nref - 1));
    if (t <= t_end && (m == 0 || t > out[m - 1]))
      out[m++] = t;
  }
  for (size_t i = 0; i < n; i++) /* the rest of the first pass */
    if (m == 0 || times[i] > out[m - 1])
      out[m++] = times[i];
  return m;
}
/* END: ktrace_refine */

/* ANCHOR: ktrace_gram_fro */
double sa_ktrace_gram_fro(const gsl_matrix *X, const gsl_matrix *M, sa_ktrace_work *w)
{
  int st;
  if ((st = gsl_blas_dsymm(CblasLeft, CblasUpper, 1.0, M, X, 0.0, w->MX)) ||       /* M X     */
      (st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, X, w->MX, 0.0, w->K))) { /* X^T M X */
    sa_error(st, "kernel Gram X^T M X: %s", gsl_strerror(st));
    return NAN;
  }
  double f2 = 0;
  for (size_t i = 0; i < w->K->size1; i++)
    for (size_t j = 0; j < w->K->size2; j++)
      f2 += gsl_matrix_get(w->K, i, j) * gsl_matrix_get(w->K, i, j);
  return sqrt(f2);
}
/* END: ktrace_gram_fro */

int sa_ktrace_rank(const gsl_matrix *X, double rcond, size_t *rank)
{
  /* gsl_linalg_SV_decomp wants rows >= columns: use X or X^T */
  int tr = X->size1 < X->size2;
  size_t m = tr ? X->size2 : X->size1, n = tr ? X->size1 : X->size2;
  gsl_matrix *A = gsl_matrix_alloc(m, n), *V = gsl_matrix_alloc(n, n);
  gsl_vector *S = gsl_vector_alloc(n), *work = gsl_vector_alloc(n);
  size_t r = 0;
  int st = GSL_ENOMEM;
  if (!A || !V || !S || !work)
    sa_error(st, "rank of the inputs: out of memory");
  else if ((st = tr ? gsl_matrix_transpose_memcpy(A, X) : gsl_matrix_memcpy(A, X)) ||
           (st = gsl_linalg_SV_decomp(A, V, S, work)))
    sa_error(st, "rank of the inputs: SVD: %s", gsl_strerror(st));
  else {
    double smax = gsl_vector_get(S, 0);
    for (size_t i = 0; i < n; i++)
      if (gsl_vector_get(S, i) > rcond * smax)
        r++;
  }
  gsl_matrix_free(A);
  gsl_matrix_free(V);
  gsl_vector_free(S);
  gsl_vector_free(work);
  *rank = r;
  return st;
}

/* ANCHOR: ktrace_multi */
int sa_ktrace_multi(const sa_linnet_shape *shape, const sa_linnet_work *w, const gsl_matrix *T,
                    double *fro, double *align, double *align_tr)
{
  size_t L = shape->L, C = T->size1, D = T->size2;
  gsl_matrix *A[SA_LINNET_MAXL], *G[SA_LINNET_MAXL];
  gsl_matrix *TG = gsl_matrix_alloc(C, D), *TGT = gsl_matrix_alloc(C, C);
  gsl_matrix *Mbar = gsl_matrix_calloc(D, D), *TM = gsl_matrix_alloc(C, D);
  gsl_matrix *TMT = gsl_matrix_alloc(C, C);
  int st = (TG && TGT && Mbar && TM && TMT) ? 0 : GSL_ENOMEM;
  for (size_t l = 0; l < L; l++) {
    A[l] = gsl_matrix_alloc(C, C);
    G[l] = gsl_matrix_alloc(D, D);
    if (!A[l] || !G[l])
      st = GSL_ENOMEM;
  }
  if (st) {
    sa_error(st, "multi-output kernel trace: out of memory");
    goto done;
  }
  double f2 = 0, num = 0;
  for (size_t l = 0; l < L; l++) {
    /* A_l = S_{l+1} S_{l+1}^T, G_l = P_l^T P_l (layers numbered from 1) */
    if ((st = gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, w->suffix[l + 1], w->suffix[l + 1], 0.0,
                             A[l])) ||
        (st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, w->prefix[l], w->prefix[l], 0.0,
                             G[l])) ||
        (st = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, T, G[l], 0.0, TG)) ||
        (st = gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, TG, T, 0.0, TGT)))
      goto blas_failed;
    num += sa_linalg_frobenius_dot(A[l], TGT);
    double trA = 0;
    for (size_t c = 0; c < C; c++)
      trA += gsl_matrix_get(A[l], c, c);
    /* Mbar += tr(A_l) G_l */
    if ((st = gsl_matrix_scale(G[l], trA)) || (st = gsl_matrix_add(Mbar, G[l])) ||
        (st = gsl_matrix_scale(G[l], 1.0 / trA)))
      goto blas_failed;
  }
  for (size_t l = 0; l < L; l++)
    for (size_t k = 0; k < L; k++)
      f2 += sa_linalg_frobenius_dot(A[l], A[k]) * sa_linalg_frobenius_dot(G[l], G[k]);
  double t2 = sa_linalg_frobenius_dot(T, T);
  *fro = sqrt(f2);
  *align = num / (sqrt(f2) * t2);
  if ((st = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, T, Mbar, 0.0, TM)) ||
      (st = gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, TM, T, 0.0, TMT)))
    goto blas_failed;
  double trTMT = 0;
  for (size_t c = 0; c < C; c++)
    trTMT += gsl_matrix_get(TMT, c, c);
  *align_tr = trTMT / (sqrt(sa_linalg_frobenius_dot(Mbar, Mbar)) * t2);
  goto done;
blas_failed:
  sa_error(st, "multi-output kernel trace: %s", gsl_strerror(st));
done:
  for (size_t l = 0; l < L; l++) {
    gsl_matrix_free(A[l]);
    gsl_matrix_free(G[l]);
  }
  gsl_matrix_free(TG);
  gsl_matrix_free(TGT);
  gsl_matrix_free(Mbar);
  gsl_matrix_free(TM);
  gsl_matrix_free(TMT);
  return st;
}
/* END: ktrace_multi */

/* ANCHOR: ktrace_multi_plateau */
double sa_ktrace_multi_plateau_tr(unsigned L, size_t C, const double *s, size_t n, size_t D)
{
  double trA[SA_LINNET_MAXL + 1];
  for (unsigned l = 1; l <= L; l++) {
    trA[l] = 0;
    if (l == L)
      trA[l] = (double)C;
    else
      for (size_t a = 0; a < n; a++)
        trA[l] += pow(s[a], 2.0 * (L - l) / L);
  }
  double num = 0, den2 = (double)(D - n) * trA[1] * trA[1], t2 = 0;
  for (size_t a = 0; a < n; a++) {
    double e = trA[1]; /* eigenvalue of Mbar along v_a */
    for (unsigned l = 2; l <= L; l++)
      e += trA[l] * pow(s[a], 2.0 * (l - 1) / L);
    num += s[a] * s[a] * e;
    den2 += e * e;
    t2 += s[a] * s[a];
  }
  return num / (sqrt(den2) * t2);
}
/* END: ktrace_multi_plateau */
