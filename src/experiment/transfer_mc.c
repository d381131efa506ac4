/* Monte-Carlo kernel regression for the transfer task: see transfer_mc.h. */
#include "config.h"

#include "experiment/transfer_mc.h"

#include "core/sa_linalg.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_vector.h>
#include <math.h>

typedef struct {
  gsl_matrix *X, *Z, *K, *evec;
  gsl_vector *beta, *w, *y, *c, *bhat, *eval, *tmp;
  gsl_eigen_symmv_workspace *eig;
} mc_work;

static void work_free(mc_work *m)
{
  gsl_matrix_free(m->X);
  gsl_matrix_free(m->Z);
  gsl_matrix_free(m->K);
  gsl_matrix_free(m->evec);
  gsl_vector_free(m->beta);
  gsl_vector_free(m->w);
  gsl_vector_free(m->y);
  gsl_vector_free(m->c);
  gsl_vector_free(m->bhat);
  gsl_vector_free(m->eval);
  gsl_vector_free(m->tmp);
  if (m->eig)
    gsl_eigen_symmv_free(m->eig);
}

static int work_alloc(mc_work *m, size_t D, size_t P)
{
  *m = (mc_work){0};
  m->X = gsl_matrix_alloc(P, D); /* rows are the samples x_mu */
  m->Z = gsl_matrix_alloc(P, D); /* rows are (M x_mu)^T       */
  m->K = gsl_matrix_alloc(P, P);
  m->evec = gsl_matrix_alloc(P, P);
  m->beta = gsl_vector_alloc(D);
  m->w = gsl_vector_alloc(D);
  m->y = gsl_vector_alloc(P);
  m->c = gsl_vector_alloc(P);
  m->bhat = gsl_vector_alloc(D);
  m->eval = gsl_vector_alloc(P);
  m->tmp = gsl_vector_alloc(P);
  m->eig = gsl_eigen_symmv_alloc(P);
  if (!m->X || !m->Z || !m->K || !m->evec || !m->beta || !m->w || !m->y || !m->c || !m->bhat ||
      !m->eval || !m->tmp || !m->eig) {
    work_free(m);
    return -1;
  }
  return 0;
}

/* The message of a failed product of the Monte Carlo (GSL_EBADLEN: the
 * workspace's sizes disagree). */
static int blas_failed(int st, const char *what)
{
  return sa_error(st, "transfer Monte Carlo: %s: %s", what, gsl_strerror(st));
}

/* v uniform on the unit sphere (a Gaussian draw redrawn while zero). */
static int unit_gaussian(gsl_vector *v, gsl_rng *r)
{
  double n;
  do {
    for (size_t i = 0; i < v->size; i++)
      gsl_vector_set(v, i, gsl_ran_gaussian(r, 1.0));
  } while (!((n = gsl_blas_dnrm2(v)) > 0));
  int st = gsl_vector_scale(v, 1.0 / n);
  return st ? blas_failed(st, "beta / |beta|") : GSL_SUCCESS;
}

/* w = alpha beta + sqrt(1 - alpha^2) w_perp, w_perp uniform on the unit
 * sphere of the complement of beta. */
static int draw_task(mc_work *m, double alpha, gsl_rng *r)
{
  double bw;
  int st;
  do {
    for (size_t i = 0; i < m->w->size; i++)
      gsl_vector_set(m->w, i, gsl_ran_gaussian(r, 1.0));
    if ((st = gsl_blas_ddot(m->w, m->beta, &bw)) || (st = gsl_blas_daxpy(-bw, m->beta, m->w)))
      return blas_failed(st, "w_perp = w - (w . beta) beta");
  } while (gsl_blas_dnrm2(m->w) == 0);
  if ((st = gsl_vector_scale(m->w, sqrt(1.0 - alpha * alpha) / gsl_blas_dnrm2(m->w))) ||
      (st = gsl_blas_daxpy(alpha, m->beta, m->w)))
    return blas_failed(st, "w = alpha beta + sqrt(1 - alpha^2) w_perp");
  return GSL_SUCCESS;
}

/* c = K^+ y through the eigen-decomposition of the symmetric K.  Returns
 * the status of gsl_eigen_symmv (GSL_EMAXITER if QR did not converge). */
static int solve_pinv(mc_work *m, double rcond)
{
  int st = gsl_eigen_symmv(m->K, m->eval, m->evec, m->eig);
  if (st != GSL_SUCCESS)
    return sa_error(st, "transfer Monte Carlo: eigen-decomposition of K failed: %s",
                    gsl_strerror(st));
  double emax = gsl_vector_max(m->eval);
  if ((st = gsl_blas_dgemv(CblasTrans, 1.0, m->evec, m->y, 0.0, m->tmp)))
    return blas_failed(st, "U^T y");
  for (size_t i = 0; i < m->tmp->size; i++) {
    double e = gsl_vector_get(m->eval, i);
    gsl_vector_set(m->tmp, i, e > rcond * emax ? gsl_vector_get(m->tmp, i) / e : 0.0);
  }
  if ((st = gsl_blas_dgemv(CblasNoTrans, 1.0, m->evec, m->tmp, 0.0, m->c)))
    return blas_failed(st, "c = U diag(1/lambda) U^T y");
  return GSL_SUCCESS;
}

/* One trial: *e = |beta_hat - w|^2; *pinv set when the pseudo-inverse ran.
 * Returns a GSL status. */
static int trial(mc_work *m, const sa_transfer_mc_params *p, gsl_rng *r, int *pinv, double *e)
{
  int st;
  if ((st = draw_task(m, p->alpha, r)))
    return st;
  for (size_t i = 0; i < m->X->size1; i++)
    for (size_t j = 0; j < m->X->size2; j++)
      gsl_matrix_set(m->X, i, j, gsl_ran_gaussian(r, 1.0));
  if ((st = gsl_blas_dgemv(CblasNoTrans, 1.0, m->X, m->w, 0.0, m->y))) /* y_mu = w.x_mu */
    return blas_failed(st, "y = X w");
  /* Z = X M = X + A (X beta) beta^T */
  if ((st = gsl_matrix_memcpy(m->Z, m->X)) ||
      (st = gsl_blas_dgemv(CblasNoTrans, 1.0, m->X, m->beta, 0.0, m->tmp)) ||
      (st = gsl_blas_dger(p->A, m->tmp, m->beta, m->Z)))
    return blas_failed(st, "Z = X + A (X beta) beta^T");
  /* K = Z X^T + lambda I */
  if ((st = gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, m->Z, m->X, 0.0, m->K)))
    return blas_failed(st, "K = Z X^T");
  for (size_t i = 0; i < p->P; i++)
    gsl_matrix_set(m->K, i, i, gsl_matrix_get(m->K, i, i) + p->ridge);
  *pinv = 0;
  int chol = -1;
  if (p->ridge > 0 || p->P <= p->D) {
    chol = sa_linalg_cholesky(m->evec, m->K);
    if (chol == GSL_SUCCESS)
      chol = sa_linalg_cholesky_solve(m->evec, m->y, m->c);
  }
  if (chol != GSL_SUCCESS) { /* not positive definite: the pseudo-inverse */
    st = solve_pinv(m, p->rcond);
    if (st != GSL_SUCCESS)
      return st;
    *pinv = 1;
  }
  /* beta_hat = M X^T c = Z^T c */
  if ((st = gsl_blas_dgemv(CblasTrans, 1.0, m->Z, m->c, 0.0, m->bhat)) ||
      (st = gsl_vector_sub(m->bhat, m->w)))
    return blas_failed(st, "beta_hat - w = Z^T c - w");
  double n = gsl_blas_dnrm2(m->bhat);
  *e = n * n;
  return GSL_SUCCESS;
}

int sa_transfer_mc(const sa_transfer_mc_params *p, gsl_rng *r, sa_transfer_mc_result *res)
{
  if (!p || !r || !res || p->D < 2 || p->trials < 2 || !(p->A >= 0) || !(fabs(p->alpha) <= 1) ||
      !(p->ridge >= 0) || !(p->rcond > 0))
    return sa_error(GSL_EINVAL, "transfer Monte Carlo: parameters out of range");
  if (p->P == 0) { /* f = 0: E_g = |w|^2 = 1 in every trial */
    res->mean = 1.0;
    res->se = 0.0;
    res->pinv_trials = 0;
    return 0;
  }
  mc_work m;
  if (work_alloc(&m, p->D, p->P) != 0)
    return sa_error(GSL_ENOMEM, "transfer Monte Carlo: out of memory");
  int ust = unit_gaussian(m.beta, r);
  if (ust) {
    work_free(&m);
    return ust;
  }
  /* Welford running mean and variance */
  double mean = 0, m2 = 0;
  size_t npinv = 0;
  for (size_t t = 0; t < p->trials; t++) {
    int pinv = 0;
    double e = 0.0;
    int st = trial(&m, p, r, &pinv, &e);
    if (st != GSL_SUCCESS) {
      work_free(&m);
      return st;
    }
    npinv += (size_t)pinv;
    double d = e - mean;
    mean += d / (double)(t + 1);
    m2 += d * (e - mean);
  }
  work_free(&m);
  res->mean = mean;
  res->se = sqrt(m2 / (double)(p->trials - 1) / (double)p->trials);
  res->pinv_trials = npinv;
  return 0;
}
