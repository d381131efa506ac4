/* Non-kernel observables along training: see observe.h. */
#include "config.h"

#include "train/observe.h"

#include "core/sa_errno.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>

static int sign_of(double x)
{
  return (x > 0) - (x < 0);
}

static size_t argmax_col(const gsl_matrix *A, size_t mu)
{
  size_t best = 0;
  for (size_t c = 1; c < A->size1; c++)
    if (gsl_matrix_get(A, c, mu) > gsl_matrix_get(A, best, mu))
      best = c;
  return best;
}

double sa_train_class_error(const gsl_matrix *F, const gsl_matrix *Y)
{
  if (F->size1 != Y->size1 || F->size2 != Y->size2 || F->size2 == 0)
    return NAN;
  size_t wrong = 0, P = F->size2;
  for (size_t mu = 0; mu < P; mu++) {
    if (F->size1 == 1)
      wrong += sign_of(gsl_matrix_get(F, 0, mu)) != sign_of(gsl_matrix_get(Y, 0, mu));
    else
      wrong += argmax_col(F, mu) != argmax_col(Y, mu);
  }
  return (double)wrong / (double)P;
}

int sa_train_twolayer_qr(const sa_mlp *net, const gsl_vector *beta, double *q, double *r)
{
  *q = *r = NAN;
  if (net->L != 2 || net->act != SA_ACT_LINEAR || net->widths[2] != 1 ||
      beta->size != net->widths[0])
    return sa_error(GSL_EINVAL, "q and r need a linear two-layer net with one output and "
                                "beta of its input dimension");
  gsl_matrix_const_view W = sa_mlp_layer_const(net, net->theta, 1); /* N x D */
  gsl_matrix_const_view A = sa_mlp_layer_const(net, net->theta, 2); /* 1 x N */
  gsl_vector_const_view a = gsl_matrix_const_row(&A.matrix, 0);
  gsl_vector *wb = gsl_vector_alloc(net->widths[1]);
  if (!wb)
    return sa_error(GSL_ENOMEM, "q and r: out of memory");
  double wb2, a2, awb;
  int st;
  if ((st = gsl_blas_dgemv(CblasNoTrans, 1.0, &W.matrix, beta, 0.0, wb)) || /* W beta */
      (st = gsl_blas_ddot(wb, wb, &wb2)) || (st = gsl_blas_ddot(&a.vector, &a.vector, &a2)) ||
      (st = gsl_blas_ddot(&a.vector, wb, &awb))) {
    gsl_vector_free(wb);
    return sa_error(st, "q and r: %s", gsl_strerror(st));
  }
  gsl_vector_free(wb);
  *q = 0.5 * (wb2 + a2);
  *r = awb;
  return GSL_SUCCESS;
}

int sa_train_all_finite(const gsl_vector *v)
{
  for (size_t j = 0; j < v->size; j++)
    if (!isfinite(v->data[j * v->stride]))
      return 0;
  return 1;
}

double sa_train_norm(const gsl_vector *v)
{
  return gsl_blas_dnrm2(v);
}

/* Sort key of sa_train_target_order: (flattened target, index). */
typedef struct {
  double y;
  size_t k;
} target_key;

static int cmp_target_key(const void *a, const void *b)
{
  const target_key *x = a, *y = b;
  if (x->y != y->y)
    return (x->y > y->y) - (x->y < y->y);
  return (x->k > y->k) - (x->k < y->k);
}

int sa_train_target_order(const gsl_matrix *Y, size_t *order)
{
  size_t C = Y->size1, P = Y->size2, n = C * P;
  target_key *key = malloc((n ? n : 1) * sizeof *key);
  if (!key)
    return GSL_ENOMEM;
  for (size_t c = 0; c < C; c++)
    for (size_t mu = 0; mu < P; mu++)
      key[c * P + mu] = (target_key){gsl_matrix_get(Y, c, mu), c * P + mu};
  qsort(key, n, sizeof *key, cmp_target_key);
  for (size_t i = 0; i < n; i++)
    order[i] = key[i].k;
  free(key);
  return GSL_SUCCESS;
}
