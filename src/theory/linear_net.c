/* Deep linear networks in population form: see linear_net.h. */
#include "config.h"

#include "theory/linear_net.h"

#include "core/sa_errno.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cblas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

int sa_linnet_shape_init(sa_linnet_shape *shape, size_t L, const size_t *widths)
{
  if (L < 1 || L > SA_LINNET_MAXL)
    return GSL_EINVAL;
  shape->L = L;
  size_t off = 0;
  for (size_t l = 0; l <= L; l++) {
    if (widths[l] < 1)
      return GSL_EINVAL;
    shape->n[l] = widths[l];
  }
  for (size_t l = 1; l <= L; l++) {
    shape->offset[l] = off;
    off += shape->n[l] * shape->n[l - 1];
  }
  shape->nparam = off;
  return 0;
}

void sa_linnet_init_standard(const sa_linnet_shape *shape, double sigma, gsl_rng *rng,
                             double *theta)
{
  for (size_t l = 1; l <= shape->L; l++) {
    double sd = sigma / sqrt((double)shape->n[l - 1]);
    size_t len = shape->n[l] * shape->n[l - 1];
    for (size_t k = 0; k < len; k++)
      theta[shape->offset[l] + k] = gsl_ran_gaussian(rng, sd);
  }
}

void sa_linnet_atol(const sa_linnet_shape *shape, double atol, double sigma, double *atol_vec)
{
  for (size_t l = 1; l <= shape->L; l++) {
    double scale = atol * sigma / sqrt((double)shape->n[l - 1]);
    for (size_t k = 0; k < shape->n[l] * shape->n[l - 1]; k++)
      atol_vec[shape->offset[l] + k] = scale;
  }
}

gsl_matrix_view sa_linnet_layer(const sa_linnet_shape *shape, double *theta, size_t l)
{
  return gsl_matrix_view_array(theta + shape->offset[l], shape->n[l], shape->n[l - 1]);
}

/* (_gsl_matrix_const_view: GSL's const-qualified typedef cannot be a return type.) */
_gsl_matrix_const_view sa_linnet_layer_const(const sa_linnet_shape *shape, const double *theta,
                                             size_t l)
{
  return gsl_matrix_const_view_array(theta + shape->offset[l], shape->n[l], shape->n[l - 1]);
}

sa_linnet_work *sa_linnet_work_alloc(const sa_linnet_shape *shape)
{
  sa_linnet_work *w = calloc(1, sizeof *w);
  if (!w)
    return NULL;
  size_t D = shape->n[0], C = shape->n[shape->L], nmax = 0;
  int ok = 1;
  for (size_t l = 0; l <= shape->L; l++) {
    if (shape->n[l] > nmax)
      nmax = shape->n[l];
    w->prefix[l] = gsl_matrix_alloc(shape->n[l], D);
    w->suffix[l] = gsl_matrix_alloc(C, shape->n[l]);
    ok = ok && w->prefix[l] && w->suffix[l];
  }
  w->G = gsl_matrix_alloc(C, D);
  w->tmp = gsl_matrix_alloc(nmax, D);
  for (size_t l = 0; l <= shape->L; l++) {
    w->srow[l] = malloc(C * shape->n[l] * sizeof(double));
    w->pcol[l] = malloc(C * shape->n[l] * sizeof(double));
    ok = ok && w->srow[l] && w->pcol[l];
  }
  w->E = malloc(C * D * sizeof(double));
  w->Gc = malloc(C * D * sizeof(double));
  if (!ok || !w->G || !w->tmp || !w->E || !w->Gc) {
    sa_linnet_work_free(w, shape);
    return NULL;
  }
  gsl_matrix_set_identity(w->prefix[0]);
  gsl_matrix_set_identity(w->suffix[shape->L]);
  for (size_t i = 0; i < C; i++)
    for (size_t j = 0; j < C; j++)
      w->srow[shape->L][i * C + j] = i == j;
  return w;
}

void sa_linnet_work_free(sa_linnet_work *w, const sa_linnet_shape *shape)
{
  if (!w)
    return;
  for (size_t l = 0; l <= shape->L; l++) {
    gsl_matrix_free(w->prefix[l]);
    gsl_matrix_free(w->suffix[l]);
    free(w->srow[l]);
    free(w->pcol[l]);
  }
  free(w->E);
  free(w->Gc);
  gsl_matrix_free(w->G);
  gsl_matrix_free(w->tmp);
  free(w);
}

int sa_linnet_products(const sa_linnet_shape *shape, const double *theta, sa_linnet_work *w)
{
  size_t L = shape->L;
  int st;
  for (size_t l = 1; l <= L; l++) {
    gsl_matrix_const_view W = sa_linnet_layer_const(shape, theta, l);
    st = l == 1 ? gsl_matrix_memcpy(w->prefix[1], &W.matrix)
                : gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &W.matrix, w->prefix[l - 1], 0.0,
                                 w->prefix[l]);
    if (st)
      return sa_error(st, "linear net: prefix product P_%zu: %s", l, gsl_strerror(st));
  }
  for (size_t l = L; l >= 1; l--) {
    gsl_matrix_const_view W = sa_linnet_layer_const(shape, theta, l);
    st = l == L ? gsl_matrix_memcpy(w->suffix[L - 1], &W.matrix)
                : gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, w->suffix[l], &W.matrix, 0.0,
                                 w->suffix[l - 1]);
    if (st)
      return sa_error(st, "linear net: suffix product S_%zu: %s", l - 1, gsl_strerror(st));
  }
  return GSL_SUCCESS;
}

const gsl_matrix *sa_linnet_effective(const sa_linnet_shape *shape, const sa_linnet_work *w)
{
  return w->prefix[shape->L];
}

/* E = W_eff - T into tmp (C x D view *E). */
static int residual(const sa_linnet_shape *shape, sa_linnet_work *w, const gsl_matrix *T,
                    gsl_matrix_view *E)
{
  size_t C = shape->n[shape->L], D = shape->n[0];
  *E = gsl_matrix_submatrix(w->tmp, 0, 0, C, D);
  int st;
  if ((st = gsl_matrix_memcpy(&E->matrix, w->prefix[shape->L])) ||
      (st = gsl_matrix_sub(&E->matrix, T)))
    return sa_error(st, "linear net: residual W_eff - T: %s", gsl_strerror(st));
  return GSL_SUCCESS;
}

double sa_linnet_loss(const sa_linnet_shape *shape, sa_linnet_work *w, const gsl_matrix *Sigma,
                      const gsl_matrix *T)
{
  gsl_matrix_view E;
  if (residual(shape, w, T, &E))
    return NAN;
  /* G = E Sigma, loss = 1/2 sum_ij E_ij G_ij. */
  int st = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &E.matrix, Sigma, 0.0, w->G);
  if (st) {
    sa_error(st, "linear net: loss, E Sigma: %s", gsl_strerror(st));
    return NAN;
  }
  double sum = 0;
  for (size_t i = 0; i < w->G->size1; i++)
    for (size_t j = 0; j < w->G->size2; j++)
      sum += gsl_matrix_get(&E.matrix, i, j) * gsl_matrix_get(w->G, i, j);
  return 0.5 * sum;
}

/* ANCHOR: linnet_flow */
int sa_linnet_flow(const sa_linnet_shape *shape, const double *theta, const gsl_matrix *Sigma,
                   const gsl_matrix *T, sa_linnet_work *w, double *dtheta)
{
  gsl_matrix_view E;
  int st;
  if ((st = sa_linnet_products(shape, theta, w)) || (st = residual(shape, w, T, &E)))
    return st;
  /* G = (T - W_eff) Sigma */
  if ((st = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, -1.0, &E.matrix, Sigma, 0.0, w->G)))
    return sa_error(st, "linear net flow: G = -E Sigma: %s", gsl_strerror(st));
  for (size_t l = 1; l <= shape->L; l++) {
    gsl_matrix_view dW = sa_linnet_layer(shape, dtheta, l);
    size_t nl = shape->n[l], D = shape->n[0];
    /* tmp = S_l^T G (n_l x D); dW^l = tmp P_{l-1}^T */
    gsl_matrix_view tmp = gsl_matrix_submatrix(w->tmp, 0, 0, nl, D);
    if ((st =
             gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, w->suffix[l], w->G, 0.0, &tmp.matrix)) ||
        (st = l == 1 ? gsl_matrix_memcpy(&dW.matrix, &tmp.matrix)
                     : gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &tmp.matrix, w->prefix[l - 1],
                                      0.0, &dW.matrix)))
      return sa_error(st, "linear net flow: dW^%zu = S^T G P^T: %s", l, gsl_strerror(st));
  }
  return GSL_SUCCESS;
}
/* END: linnet_flow */

/* Chain form, first half: suffix rows S_l, E = W_eff - T, Gc = -E Sigma;
 * returns the loss 1/2 tr(E Sigma E^T). */
static double chain_residual(const sa_linnet_shape *shape, const double *theta,
                             const gsl_matrix *Sigma, const gsl_matrix *T, sa_linnet_work *w)
{
  size_t L = shape->L, C = shape->n[L], D = shape->n[0];
  for (size_t l = L; l >= 1; l--) {
    const double *W = theta + shape->offset[l];
    size_t nl = shape->n[l], nm = shape->n[l - 1];
    if (l == L) /* S_{L-1} = W^L */
      for (size_t k = 0; k < C * nm; k++)
        w->srow[L - 1][k] = W[k];
    else if (C == 1)
      cblas_dgemv(CblasRowMajor, CblasTrans, (int)nl, (int)nm, 1.0, W, (int)nm, w->srow[l], 1, 0.0,
                  w->srow[l - 1], 1);
    else
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)C, (int)nm, (int)nl, 1.0,
                  w->srow[l], (int)nl, W, (int)nm, 0.0, w->srow[l - 1], (int)nm);
  }
  return sa_linnet_residual(C, D, w->srow[0], Sigma, T, w->E, w->Gc);
}

double sa_linnet_residual(size_t C, size_t D, const double *S0, const gsl_matrix *Sigma,
                          const gsl_matrix *T, double *E, double *Gc)
{
  for (size_t i = 0; i < C; i++)
    for (size_t j = 0; j < D; j++)
      E[i * D + j] = S0[i * D + j] - T->data[i * T->tda + j];
  /* Gc = -E Sigma (Sigma symmetric, stored in full; for one output a DGEMV,
   * which at D = 100 takes fewer instructions than OpenBLAS' DSYMV) */
  if (C == 1)
    cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)D, (int)D, -1.0, Sigma->data, (int)Sigma->tda, E,
                1, 0.0, Gc, 1);
  else
    cblas_dsymm(CblasRowMajor, CblasRight, CblasUpper, (int)C, (int)D, -1.0, Sigma->data,
                (int)Sigma->tda, E, (int)D, 0.0, Gc, (int)D);
  double sum = 0;
  for (size_t k = 0; k < C * D; k++)
    sum += E[k] * Gc[k];
  return -0.5 * sum;
}

double sa_linnet_loss_chain(const sa_linnet_shape *shape, const double *theta,
                            const gsl_matrix *Sigma, const gsl_matrix *T, sa_linnet_work *w)
{
  return chain_residual(shape, theta, Sigma, T, w);
}

/* ANCHOR: linnet_flow_chain */
double sa_linnet_flow_chain(const sa_linnet_shape *shape, const double *theta,
                            const gsl_matrix *Sigma, const gsl_matrix *T, sa_linnet_work *w,
                            double *dtheta)
{
  size_t L = shape->L, C = shape->n[L], D = shape->n[0];
  double loss = chain_residual(shape, theta, Sigma, T, w);
  /* p_0 = Gc^T (D x C) */
  for (size_t i = 0; i < C; i++)
    for (size_t j = 0; j < D; j++)
      w->pcol[0][j * C + i] = w->Gc[i * D + j];
  for (size_t l = 1; l <= L; l++) {
    const double *W = theta + shape->offset[l];
    double *dW = dtheta + shape->offset[l];
    size_t nl = shape->n[l], nm = shape->n[l - 1];
    /* dW^l = S_l^T p_{l-1}^T (n_l x n_{l-1}) */
    if (C == 1) {
      const double *sv = w->srow[l], *pv = w->pcol[l - 1];
      for (size_t i = 0; i < nl; i++) {
        double si = sv[i];
        double *row = dW + i * nm;
        for (size_t j = 0; j < nm; j++)
          row[j] = si * pv[j];
      }
    } else {
      cblas_dgemm(CblasRowMajor, CblasTrans, CblasTrans, (int)nl, (int)nm, (int)C, 1.0, w->srow[l],
                  (int)nl, w->pcol[l - 1], (int)C, 0.0, dW, (int)nm);
    }
    if (l == L)
      break;
    /* p_l = W^l p_{l-1} (n_l x C) */
    if (C == 1)
      cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)nl, (int)nm, 1.0, W, (int)nm, w->pcol[l - 1], 1,
                  0.0, w->pcol[l], 1);
    else
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)nl, (int)C, (int)nm, 1.0, W,
                  (int)nm, w->pcol[l - 1], (int)C, 0.0, w->pcol[l], (int)C);
  }
  return loss;
}
/* END: linnet_flow_chain */

/* ANCHOR: linnet_kernel_matrix */
int sa_linnet_kernel_matrix(const sa_linnet_shape *shape, const sa_linnet_work *w, size_t c,
                            size_t cp, gsl_matrix *M)
{
  gsl_matrix_set_zero(M);
  for (size_t l = 1; l <= shape->L; l++) {
    gsl_vector_const_view sc = gsl_matrix_const_row(w->suffix[l], c);
    gsl_vector_const_view scp = gsl_matrix_const_row(w->suffix[l], cp);
    double coef = 0;
    int st;
    /* M += (S_l[c] . S_l[c']) P_{l-1}^T P_{l-1} */
    if ((st = gsl_blas_ddot(&sc.vector, &scp.vector, &coef)) ||
        (st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, coef, w->prefix[l - 1], w->prefix[l - 1],
                             1.0, M)))
      return sa_error(st, "linear net kernel matrix, layer %zu: %s", l, gsl_strerror(st));
  }
  return GSL_SUCCESS;
}
/* END: linnet_kernel_matrix */

int sa_linnet_balance(const sa_linnet_shape *shape, const double *theta, size_t l, gsl_matrix *Q)
{
  gsl_matrix_const_view Wl = sa_linnet_layer_const(shape, theta, l);
  gsl_matrix_const_view Wn = sa_linnet_layer_const(shape, theta, l + 1);
  int st;
  if ((st = gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &Wl.matrix, &Wl.matrix, 0.0, Q)) ||
      (st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, -1.0, &Wn.matrix, &Wn.matrix, 1.0, Q)))
    return sa_error(st, "linear net balance Q_%zu: %s", l, gsl_strerror(st));
  return GSL_SUCCESS;
}
