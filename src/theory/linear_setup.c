/* Problem setup for scalar-output linear flows: see linear_setup.h. */
#include "config.h"

#include "theory/linear_setup.h"

#include "core/sa_errno.h"
#include "core/sa_grid.h"
#include "data/synthetic.h"

#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include <string.h>

void sa_linsetup_free(sa_linsetup *su)
{
  gsl_matrix_free(su->X);
  gsl_matrix_free(su->Sigma);
  gsl_matrix_free(su->T);
  gsl_vector_free(su->beta);
  free(su->theta);
  memset(su, 0, sizeof *su);
}

int sa_linsetup_from_data(size_t L, size_t N, double sigma, gsl_rng *rng, gsl_matrix *X,
                          gsl_matrix *T, gsl_vector *beta, sa_linsetup *su)
{
  memset(su, 0, sizeof *su);
  su->X = X;
  su->T = T;
  su->beta = beta;
  int st = GSL_EINVAL;
  if (L < 2 || L > SA_LINNET_MAXL || N < 1 || !X || !T || !beta || T->size1 != 1 ||
      T->size2 != X->size1 || beta->size != X->size1)
    goto done;
  size_t widths[SA_LINNET_MAXL + 1];
  widths[0] = X->size1;
  for (size_t l = 1; l < L; l++)
    widths[l] = N;
  widths[L] = 1;
  if ((st = sa_linnet_shape_init(&su->pb.shape, L, widths)) != 0)
    goto done;
  su->Sigma = gsl_matrix_alloc(X->size1, X->size1);
  su->theta = malloc(su->pb.shape.nparam * sizeof *su->theta);
  if (!su->Sigma || !su->theta) {
    st = GSL_ENOMEM;
    goto done;
  }
  if ((st = sa_synth_covariance(X, su->Sigma)) != 0)
    goto done;
  sa_linnet_init_standard(&su->pb.shape, sigma, rng, su->theta);
  su->pb.Sigma = su->Sigma;
  su->pb.T = su->T;
  su->pb.beta = su->beta;
done:
  if (st)
    sa_linsetup_free(su);
  return st;
}

int sa_linsetup_alloc(const sa_linsetup_params *p, sa_linsetup *su)
{
  memset(su, 0, sizeof *su);
  if (p->L < 2 || p->L > SA_LINNET_MAXL || p->D < 1 || p->N < 1 || p->P < 1)
    return GSL_EINVAL;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!rng)
    return GSL_ENOMEM;
  gsl_rng_set(rng, p->seed);
  /* the draws: inputs, teacher, then (sa_linsetup_from_data) the weights */
  gsl_matrix *X = sa_synth_inputs(p->D, p->P, p->spectrum, rng);
  gsl_matrix *T = gsl_matrix_alloc(1, p->D);
  gsl_vector *beta = gsl_vector_alloc(p->D);
  int st = GSL_ENOMEM;
  if (!X || !T || !beta)
    goto fail;
  if ((st = sa_synth_teacher(X, rng, beta)) != 0)
    goto fail;
  for (size_t i = 0; i < p->D; i++)
    gsl_matrix_set(T, 0, i, p->s * gsl_vector_get(beta, i));
  st = sa_linsetup_from_data(p->L, p->N, p->sigma, rng, X, T, beta, su);
  gsl_rng_free(rng);
  return st;
fail:
  gsl_matrix_free(X);
  gsl_matrix_free(T);
  gsl_vector_free(beta);
  gsl_rng_free(rng);
  return st;
}

void sa_linsetup_run_free(sa_linsetup_run *run)
{
  free(run->times);
  free(run->atol_vec);
  sa_linsetup_free(&run->su);
  run->times = run->atol_vec = NULL;
}

static int check_grid(const sa_linsetup_run_params *r)
{
  if (r->samples < (r->log_time ? 2u : 1u) || !(r->t_end > 0) ||
      (r->log_time && !(r->t_first > 0 && r->t_first < r->t_end)))
    return sa_error(GSL_EINVAL,
                    "recording grid: need at least 1 time on (0, t_end], and at least 2 "
                    "with 0 < t_first < t_end for a log grid (samples %zu, t_first %g, "
                    "t_end %g)",
                    r->samples, r->t_first, r->t_end);
  return GSL_SUCCESS;
}

int sa_linsetup_schedule_alloc(const sa_linnet_shape *shape, double sigma,
                               const sa_linsetup_run_params *r, double **times, double **atol_vec,
                               sa_ode_params *par)
{
  *times = *atol_vec = NULL;
  int st = check_grid(r);
  if (st)
    return st;
  *times = malloc(r->samples * sizeof **times);
  *atol_vec = malloc(shape->nparam * sizeof **atol_vec);
  if (!*times || !*atol_vec) {
    free(*times);
    free(*atol_vec);
    *times = *atol_vec = NULL;
    return sa_error(GSL_ENOMEM, "out of memory");
  }
  if ((st = sa_grid_record(*times, r->samples, r->t_first, r->t_end, r->log_time))) {
    free(*times); /* check_grid above makes this unreachable; kept for the status */
    free(*atol_vec);
    *times = *atol_vec = NULL;
    return st;
  }
  sa_linnet_atol(shape, r->atol, sigma, *atol_vec);
  *par = (sa_ode_params){r->rtol, 0, *atol_vec, r->max_steps, r->method};
  return GSL_SUCCESS;
}

int sa_linsetup_run_alloc(const sa_linsetup_params *p, const sa_linsetup_run_params *r,
                          sa_linsetup_run *run)
{
  memset(run, 0, sizeof *run);
  int st = check_grid(r);
  if (st)
    return st;
  st = sa_linsetup_alloc(p, &run->su);
  if (st)
    return sa_error(st, "cannot set up the flow problem L = %zu, D = %zu, N = %zu, P = %zu: %s",
                    p->L, p->D, p->N, p->P, st == GSL_EINVAL ? "bad sizes" : gsl_strerror(st));
  run->su.pb.stop_ratio = r->stop_ratio;
  st = sa_linsetup_schedule_alloc(&run->su.pb.shape, p->sigma, r, &run->times, &run->atol_vec,
                                  &run->par);
  if (st)
    sa_linsetup_free(&run->su);
  return st;
}
