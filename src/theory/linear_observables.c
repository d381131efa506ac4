/* Observables along a linear-network flow: see linear_observables.h. */
#include "config.h"

#include "theory/linear_observables.h"

#include "core/sa_errno.h"

#include "core/sa_linalg.h"
#include "theory/linear_flow.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>

struct sa_linobs_work {
  sa_linnet_shape shape;
  sa_linnet_work *net;
  const gsl_matrix *X;
  gsl_matrix *M, *Mcopy, *evec, *MX, *K;
  gsl_vector *eval, *y, *Ky, *Mb;
  gsl_matrix *gram; /* min(n1, D) square, for cos_w1 */
  gsl_vector *w1b;  /* n1, for cos_w1 */
  gsl_eigen_symmv_workspace *eig;
  gsl_matrix *Q0[SA_LINNET_MAXL], *Q[SA_LINNET_MAXL];
};

void sa_linobs_work_free(sa_linobs_work *w)
{
  if (!w)
    return;
  sa_linnet_work_free(w->net, &w->shape);
  gsl_matrix_free(w->M);
  gsl_matrix_free(w->Mcopy);
  gsl_matrix_free(w->evec);
  gsl_matrix_free(w->MX);
  gsl_matrix_free(w->K);
  gsl_vector_free(w->eval);
  gsl_vector_free(w->y);
  gsl_vector_free(w->Ky);
  gsl_vector_free(w->Mb);
  gsl_matrix_free(w->gram);
  gsl_vector_free(w->w1b);
  if (w->eig)
    gsl_eigen_symmv_free(w->eig);
  for (size_t l = 0; l < SA_LINNET_MAXL; l++) {
    gsl_matrix_free(w->Q0[l]);
    gsl_matrix_free(w->Q[l]);
  }
  free(w);
}

sa_linobs_work *sa_linobs_work_alloc(const sa_linnet_shape *shape, const gsl_matrix *X,
                                     const double *theta0)
{
  sa_linobs_work *w = calloc(1, sizeof *w);
  if (!w)
    return NULL;
  size_t D = shape->n[0];
  w->shape = *shape;
  w->X = X;
  w->net = sa_linnet_work_alloc(shape);
  w->M = gsl_matrix_alloc(D, D);
  w->Mcopy = gsl_matrix_alloc(D, D);
  w->evec = gsl_matrix_alloc(D, D);
  w->eval = gsl_vector_alloc(D);
  w->Mb = gsl_vector_alloc(D);
  w->eig = gsl_eigen_symmv_alloc(D);
  size_t n1 = shape->n[1];
  w->gram = gsl_matrix_alloc(n1 < D ? n1 : D, n1 < D ? n1 : D);
  w->w1b = gsl_vector_alloc(n1);
  int ok = w->net && w->M && w->Mcopy && w->evec && w->eval && w->Mb && w->eig && w->gram && w->w1b;
  if (X) {
    size_t P = X->size2;
    w->MX = gsl_matrix_alloc(D, P);
    w->K = gsl_matrix_alloc(P, P);
    w->y = gsl_vector_alloc(P);
    w->Ky = gsl_vector_alloc(P);
    ok = ok && w->MX && w->K && w->y && w->Ky;
  }
  for (size_t l = 1; ok && l < shape->L; l++) {
    w->Q0[l] = gsl_matrix_alloc(shape->n[l], shape->n[l]);
    w->Q[l] = gsl_matrix_alloc(shape->n[l], shape->n[l]);
    ok = w->Q0[l] && w->Q[l];
    if (ok && sa_linnet_balance(shape, theta0, l, w->Q0[l]))
      ok = 0;
  }
  if (!ok) {
    sa_linobs_work_free(w);
    return NULL;
  }
  return w;
}

const gsl_matrix *sa_linobs_kernel(const sa_linobs_work *w)
{
  return w->M;
}

int sa_linobs_compute(const double *theta, const gsl_matrix *Sigma, const gsl_matrix *T,
                      const gsl_vector *beta, sa_linobs_work *w, sa_linobs *out)
{
  int st;
  const sa_linnet_shape *sh = &w->shape;
  size_t D = sh->n[0], L = sh->L;
  if (sh->n[L] != 1)
    return sa_error(GSL_EINVAL, "linear-net observables need one output, not %zu", sh->n[L]);
  if ((st = sa_linnet_products(sh, theta, w->net)))
    return st;
  out->loss = sa_linnet_loss(sh, w->net, Sigma, T);
  if (isnan(out->loss))
    return GSL_EFAILED;
  if ((st = sa_linnet_kernel_matrix(sh, w->net, 0, 0, w->M)))
    return st;

  double bMb = 0;
  if ((st = gsl_blas_dsymv(CblasUpper, 1.0, w->M, beta, 0.0, w->Mb)) ||
      (st = gsl_blas_ddot(beta, w->Mb, &bMb)))
    return sa_error(st, "linear-net observables: dsymv/ddot: %s", gsl_strerror(st));
  out->q = 0.5 * bMb;
  gsl_vector_const_view weff = gsl_matrix_const_row(sa_linnet_effective(sh, w->net), 0);
  if ((st = gsl_blas_ddot(&weff.vector, beta, &out->r)))
    return sa_error(st, "linear-net observables: ddot: %s", gsl_strerror(st));
  gsl_matrix_const_view WL = sa_linnet_layer_const(sh, theta, L);
  double nL = sa_linalg_frobenius(&WL.matrix);
  out->a2 = nL * nL;
  out->cos_w1 = sa_linflow_cos_w1(sh, theta, beta, w->gram, w->w1b);
  if (isnan(out->cos_w1))
    return GSL_EFAILED;
  double ma = sa_linalg_alignment(w->M, beta, w->Mb);
  out->m_align = isnan(ma) ? 0 : ma; /* 0 for a zero kernel */

  if ((st = gsl_matrix_memcpy(w->Mcopy, w->M)))
    return sa_error(st, "linear-net observables: matrix_memcpy: %s", gsl_strerror(st));
  if ((st = gsl_eigen_symmv(w->Mcopy, w->eval, w->evec, w->eig)))
    return sa_error(st, "eigenvectors of the kernel matrix M: %s", gsl_strerror(st));
  /* sorts eval and evec, sized together by the workspace: cannot fail */
  (void)gsl_eigen_symmv_sort(w->eval, w->evec, GSL_EIGEN_SORT_VAL_DESC);
  out->m_top = gsl_vector_get(w->eval, 0);
  double bulk = 0;
  for (size_t i = 1; i < D; i++)
    bulk += gsl_vector_get(w->eval, i);
  out->m_bulk = D > 1 ? bulk / (double)(D - 1) : NAN;
  gsl_vector_const_view top = gsl_matrix_const_column(w->evec, 0);
  double tc = 0;
  if ((st = gsl_blas_ddot(&top.vector, beta, &tc)))
    return sa_error(st, "linear-net observables: ddot: %s", gsl_strerror(st));
  out->top_cos = fabs(tc);

  out->kalign = NAN;
  if (w->X) {
    /* K = X^T M X, y = X^T T^T. */
    if ((st = gsl_blas_dsymm(CblasLeft, CblasUpper, 1.0, w->M, w->X, 0.0, w->MX)) ||
        (st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, w->X, w->MX, 0.0, w->K)))
      return sa_error(st, "linear-net observables: dsymm/dgemm: %s", gsl_strerror(st));
    gsl_vector_const_view t = gsl_matrix_const_row(T, 0);
    if ((st = gsl_blas_dgemv(CblasTrans, 1.0, w->X, &t.vector, 0.0, w->y)))
      return sa_error(st, "linear-net observables: dgemv: %s", gsl_strerror(st));
    double a = sa_linalg_alignment(w->K, w->y, w->Ky);
    out->kalign = isnan(a) ? 0 : a; /* 0 for a zero kernel or zero targets */
  }

  out->conservation = 0;
  for (size_t l = 1; l < L; l++) {
    if ((st = sa_linnet_balance(sh, theta, l, w->Q[l])))
      return st;
    if ((st = gsl_matrix_sub(w->Q[l], w->Q0[l])))
      return sa_error(st, "linear-net observables: matrix_sub: %s", gsl_strerror(st));
    double d = sa_linalg_frobenius(w->Q[l]);
    if (d > out->conservation)
      out->conservation = d;
  }
  return 0;
}
