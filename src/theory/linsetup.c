/* Problem setup for scalar-output linear flows: see linsetup.h. */
#include "config.h"

#include "theory/linsetup.h"

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
