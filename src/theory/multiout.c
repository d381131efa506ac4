/* Multiple outputs, whitened inputs: see multiout.h. */
#include "config.h"

#include "theory/multiout.h"

#include "core/sa_errno.h"

#include "core/sa_linalg.h"
#include "theory/deepbal.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void sa_multiout_teacher_free(sa_multiout_teacher *t)
{
  free(t->s);
  gsl_matrix_free(t->Z);
  gsl_matrix_free(t->V);
  gsl_matrix_free(t->T);
  memset(t, 0, sizeof *t);
}

int sa_multiout_teacher_alloc(size_t C, size_t D, const double *s, size_t nmodes, gsl_rng *rng,
                              sa_multiout_teacher *t)
{
  memset(t, 0, sizeof *t);
  if (nmodes < 1 || nmodes > C || nmodes > D)
    return GSL_EINVAL;
  t->C = C;
  t->D = D;
  t->nmodes = nmodes;
  t->s = malloc(nmodes * sizeof *t->s);
  t->Z = gsl_matrix_alloc(C, nmodes);
  t->V = gsl_matrix_alloc(D, nmodes);
  t->T = gsl_matrix_alloc(C, D);
  int st = GSL_ENOMEM;
  if (!t->s || !t->Z || !t->V || !t->T)
    goto fail;
  memcpy(t->s, s, nmodes * sizeof *s);
  gsl_vector *tau = gsl_vector_alloc(nmodes);
  if (!tau)
    goto fail;
  st = sa_linalg_random_orthonormal(t->Z, rng, tau, SA_LINALG_R_POSITIVE);
  if (!st)
    st = sa_linalg_random_orthonormal(t->V, rng, tau, SA_LINALG_R_POSITIVE);
  gsl_vector_free(tau);
  if (st)
    goto fail;
  /* T = Z diag(s) V^T */
  gsl_matrix_set_zero(t->T);
  for (size_t a = 0; a < nmodes; a++) {
    gsl_vector_view z = gsl_matrix_column(t->Z, a), v = gsl_matrix_column(t->V, a);
    if ((st = gsl_blas_dger(s[a], &z.vector, &v.vector, t->T))) {
      sa_error(st, "teacher T = Z diag(s) V^T: %s", gsl_strerror(st));
      goto fail;
    }
  }
  return GSL_SUCCESS;
fail:
  sa_multiout_teacher_free(t);
  return st;
}

void sa_multiout_modetimes_start(sa_multiout_modetimes *m)
{
  for (size_t a = 0; a < m->nmodes; a++)
    m->t_mode[a] = NAN;
  m->prev_t = 0;
}

void sa_multiout_modetimes_record(sa_multiout_modetimes *m, double t, const double *s,
                                  const double *c)
{
  for (size_t a = 0; a < m->nmodes; a++) {
    double g = (s[a] - c[a]) * (s[a] - c[a]); /* twice the mode's loss: the ratio is the same */
    if (t == 0)
      m->g0[a] = g;
    else if (isnan(m->t_mode[a]) && g <= 0.5 * m->g0[a])
      m->t_mode[a] =
          m->prev_t + (t - m->prev_t) * (m->prev_g[a] - 0.5 * m->g0[a]) / (m->prev_g[a] - g);
    m->prev_g[a] = g;
  }
  m->prev_t = t;
}

/* ANCHOR: multiout_theory */
double sa_multiout_mode_c(unsigned L, double s_alpha, double u0, double t)
{
  double u = NAN;
  if (sa_deepbal_u(L, s_alpha, u0, t, 1e-14, &u) != 0)
    return NAN;
  return pow(u, L);
}

double sa_multiout_loss(unsigned L, const double *s, const double *u0, size_t nmodes, double t)
{
  double loss = 0;
  for (size_t a = 0; a < nmodes; a++) {
    double d = s[a] - sa_multiout_mode_c(L, s[a], u0[a], t);
    loss += 0.5 * d * d;
  }
  return loss;
}
/* END: multiout_theory */

double sa_multiout_mode_time(unsigned L, double s_alpha, double u0)
{
  return sa_deepbal_t_half_exact(L, s_alpha, u0);
}

double sa_multiout_mode_time_paper(double s_alpha, double u0)
{
  return log(s_alpha / (u0 * u0)) / s_alpha;
}

void sa_multiout_overlaps(const sa_multiout_teacher *t, const gsl_matrix *W, double *c)
{
  for (size_t a = 0; a < t->nmodes; a++) {
    double acc = 0;
    for (size_t i = 0; i < t->C; i++)
      for (size_t j = 0; j < t->D; j++)
        acc += gsl_matrix_get(t->Z, i, a) * gsl_matrix_get(W, i, j) * gsl_matrix_get(t->V, j, a);
    c[a] = acc;
  }
}

int sa_multiout_u0_twolayer(const sa_linnet_shape *shape, const double *theta,
                            const sa_multiout_teacher *t, double *u0)
{
  int st;
  if (shape->L != 2 || shape->n[0] != t->D || shape->n[2] != t->C)
    return GSL_EINVAL;
  size_t N = shape->n[1], n = t->nmodes;
  gsl_matrix_const_view W1 = sa_linnet_layer_const(shape, theta, 1);
  gsl_matrix_const_view W2 = sa_linnet_layer_const(shape, theta, 2);
  gsl_matrix *H = gsl_matrix_alloc(n, N); /* rows: w_alpha = p0 + q0 */
  gsl_matrix *B = gsl_matrix_alloc(n, N); /* orthonormal basis of the faster w_beta */
  if (!H || !B) {
    gsl_matrix_free(H);
    gsl_matrix_free(B);
    return GSL_ENOMEM;
  }
  for (size_t a = 0; a < n; a++) {
    gsl_vector_view w = gsl_matrix_row(H, a);
    gsl_vector_const_view v = gsl_matrix_const_column(t->V, a);
    gsl_vector_const_view z = gsl_matrix_const_column(t->Z, a);
    if ((st = gsl_blas_dgemv(CblasNoTrans, 1.0, &W1.matrix, &v.vector, 0.0, &w.vector)) ||
        (st = gsl_blas_dgemv(CblasTrans, 1.0, &W2.matrix, &z.vector, 1.0, &w.vector)))
      return sa_error(st, "two-layer u0: dgemv: %s", gsl_strerror(st));
  }
  /* Modes in order of decreasing s: project out the hidden directions of the
   * modes learned earlier, then c0 = |P w|^2/4.  A Gram-Schmidt whose result
   * is the residual norms |P w| (zero allowed, and more modes than hidden
   * units), not a frame: so not sa_linalg_orthonormalise (core/sa_linalg.h),
   * which fails on a dependent column. */
  int *done = calloc(n, sizeof *done);
  if (!done) {
    gsl_matrix_free(H);
    gsl_matrix_free(B);
    return GSL_ENOMEM;
  }
  for (size_t m = 0; m < n; m++) {
    size_t a = n;
    for (size_t b = 0; b < n; b++)
      if (!done[b] && (a == n || t->s[b] > t->s[a]))
        a = b;
    gsl_vector_view b_m = gsl_matrix_row(B, m);
    gsl_vector_view w = gsl_matrix_row(H, a);
    if ((st = gsl_vector_memcpy(&b_m.vector, &w.vector)))
      return sa_error(st, "two-layer u0: vector_memcpy: %s", gsl_strerror(st));
    for (int pass = 0; pass < 2; pass++)
      for (size_t k = 0; k < m; k++) {
        gsl_vector_view b_k = gsl_matrix_row(B, k);
        double d;
        if ((st = gsl_blas_ddot(&b_k.vector, &b_m.vector, &d)) ||
            (st = gsl_blas_daxpy(-d, &b_k.vector, &b_m.vector)))
          return sa_error(st, "two-layer u0: ddot/daxpy: %s", gsl_strerror(st));
      }
    double nrm = gsl_blas_dnrm2(&b_m.vector);
    u0[a] = 0.5 * nrm; /* c0 = |P w|^2/4, u0 = sqrt(c0) */
    if (nrm > 0) {
      if ((st = gsl_vector_scale(&b_m.vector, 1.0 / nrm)))
        return sa_error(st, "two-layer u0: vector_scale: %s", gsl_strerror(st));
    }
    done[a] = 1;
  }
  free(done);
  gsl_matrix_free(H);
  gsl_matrix_free(B);
  return GSL_SUCCESS;
}

void sa_multiout_net_free(sa_multiout_net *net)
{
  gsl_matrix_free(net->Sigma);
  free(net->theta);
  memset(net, 0, sizeof *net);
}

int sa_multiout_net_alloc(size_t L, size_t D, size_t N, size_t C, double sigma, gsl_rng *rng,
                          sa_multiout_net *net)
{
  memset(net, 0, sizeof *net);
  if (L < 2 || L > SA_LINNET_MAXL)
    return GSL_EINVAL;
  size_t widths[SA_LINNET_MAXL + 1];
  widths[0] = D;
  for (size_t l = 1; l < L; l++)
    widths[l] = N;
  widths[L] = C;
  int st = sa_linnet_shape_init(&net->shape, L, widths);
  if (st)
    return st;
  net->Sigma = gsl_matrix_alloc(D, D);
  net->theta = malloc(net->shape.nparam * sizeof *net->theta);
  if (!net->Sigma || !net->theta) {
    sa_multiout_net_free(net);
    return GSL_ENOMEM;
  }
  gsl_matrix_set_identity(net->Sigma); /* whitened inputs, P >= D */
  sa_linnet_init_standard(&net->shape, sigma, rng, net->theta);
  return GSL_SUCCESS;
}
