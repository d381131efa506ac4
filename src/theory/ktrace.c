/* Kernel scale along a linear-network flow: see ktrace.h. */
#include "config.h"

#include "theory/ktrace.h"

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

/* ANCHOR: ktrace_gram_fro */
double sa_ktrace_gram_fro(const gsl_matrix *X, const gsl_matrix *M, sa_ktrace_work *w)
{
  gsl_blas_dsymm(CblasLeft, CblasUpper, 1.0, M, X, 0.0, w->MX);    /* M X       */
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, X, w->MX, 0.0, w->K); /* X^T M X */
  double f2 = 0;
  for (size_t i = 0; i < w->K->size1; i++)
    for (size_t j = 0; j < w->K->size2; j++)
      f2 += gsl_matrix_get(w->K, i, j) * gsl_matrix_get(w->K, i, j);
  return sqrt(f2);
}
/* END: ktrace_gram_fro */

size_t sa_ktrace_rank(const gsl_matrix *X, double rcond)
{
  /* gsl_linalg_SV_decomp wants rows >= columns: use X or X^T */
  int tr = X->size1 < X->size2;
  size_t m = tr ? X->size2 : X->size1, n = tr ? X->size1 : X->size2;
  gsl_matrix *A = gsl_matrix_alloc(m, n), *V = gsl_matrix_alloc(n, n);
  gsl_vector *S = gsl_vector_alloc(n), *work = gsl_vector_alloc(n);
  size_t r = 0;
  if (A && V && S && work) {
    if (tr)
      gsl_matrix_transpose_memcpy(A, X);
    else
      gsl_matrix_memcpy(A, X);
    gsl_linalg_SV_decomp(A, V, S, work);
    double smax = gsl_vector_get(S, 0);
    for (size_t i = 0; i < n; i++)
      if (gsl_vector_get(S, i) > rcond * smax)
        r++;
  }
  gsl_matrix_free(A);
  gsl_matrix_free(V);
  gsl_vector_free(S);
  gsl_vector_free(work);
  return r;
}
