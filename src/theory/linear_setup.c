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

int sa_linsetup_alloc(const sa_linsetup_params *p, sa_linsetup *su)
{
  memset(su, 0, sizeof *su);
  if (p->L < 2 || p->L > SA_LINNET_MAXL || p->D < 1 || p->N < 1 || p->P < 1)
    return GSL_EINVAL;
  size_t widths[SA_LINNET_MAXL + 1];
  widths[0] = p->D;
  for (size_t l = 1; l < p->L; l++)
    widths[l] = p->N;
  widths[p->L] = 1;
  int st = sa_linnet_shape_init(&su->pb.shape, p->L, widths);
  if (st)
    return st;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!rng)
    return GSL_ENOMEM;
  gsl_rng_set(rng, p->seed);
  su->X = sa_synth_inputs(p->D, p->P, p->spectrum, rng);
  su->Sigma = gsl_matrix_alloc(p->D, p->D);
  su->T = gsl_matrix_alloc(1, p->D);
  su->beta = gsl_vector_alloc(p->D);
  su->theta = malloc(su->pb.shape.nparam * sizeof *su->theta);
  if (!su->X || !su->Sigma || !su->T || !su->beta || !su->theta) {
    st = GSL_ENOMEM;
    goto done;
  }
  sa_synth_covariance(su->X, su->Sigma);
  if ((st = sa_synth_teacher(su->X, rng, su->beta)) != 0)
    goto done;
  for (size_t i = 0; i < p->D; i++)
    gsl_matrix_set(su->T, 0, i, p->s * gsl_vector_get(su->beta, i));
  sa_linnet_init_standard(&su->pb.shape, p->sigma, rng, su->theta);
  su->pb.Sigma = su->Sigma;
  su->pb.T = su->T;
  su->pb.beta = su->beta;
done:
  gsl_rng_free(rng);
  if (st)
    sa_linsetup_free(su);
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
  if (r->samples < 2 || !(r->t_end > 0) ||
      (r->log_time && !(r->t_first > 0 && r->t_first < r->t_end)))
    return sa_error(GSL_EINVAL,
                    "recording grid: need at least 2 times on (0, t_end], and "
                    "0 < t_first < t_end for a log grid (samples %zu, t_first %g, "
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
  sa_grid_record(*times, r->samples, r->t_first, r->t_end, r->log_time);
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
