/* Gradient descent and Adam on a flat parameter vector: see optim.h. */
#include "config.h"

#include "train/optim.h"

#include "core/sa_errno.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"gd", "adam"};

int sa_optim_kind_from_name(const char *name, sa_optim_kind *kind)
{
  for (int i = 0; i < 2; i++)
    if (strcmp(name, kind_names[i]) == 0) {
      *kind = (sa_optim_kind)i;
      return GSL_SUCCESS;
    }
  return sa_error(GSL_EINVAL, "unknown optimiser '%s' (gd or adam)", name);
}

const char *sa_optim_kind_name(sa_optim_kind kind)
{
  return kind_names[kind];
}

static int params_ok(const sa_optim_params *p)
{
  if (!(p->lr > 0) || !isfinite(p->lr))
    return 0;
  if (p->kind == SA_OPTIM_GD)
    return 1;
  if (p->kind != SA_OPTIM_ADAM)
    return 0;
  return p->beta1 >= 0 && p->beta1 < 1 && p->beta2 >= 0 && p->beta2 < 1 && p->eps > 0;
}

sa_optim *sa_optim_alloc(const sa_optim_params *par, size_t n)
{
  if (!par || n == 0 || !params_ok(par))
    return NULL;
  sa_optim *opt = calloc(1, sizeof *opt);
  if (!opt)
    return NULL;
  opt->par = *par;
  opt->n = n;
  if (par->kind == SA_OPTIM_ADAM) {
    opt->m = gsl_vector_alloc(n);
    opt->v = gsl_vector_alloc(n);
    if (!opt->m || !opt->v) {
      sa_optim_free(opt);
      return NULL;
    }
  }
  sa_optim_reset(opt);
  return opt;
}

void sa_optim_free(sa_optim *opt)
{
  if (!opt)
    return;
  if (opt->m)
    gsl_vector_free(opt->m);
  if (opt->v)
    gsl_vector_free(opt->v);
  free(opt);
}

void sa_optim_reset(sa_optim *opt)
{
  opt->t = 0;
  opt->b1t = 1;
  opt->b2t = 1;
  if (opt->m)
    gsl_vector_set_zero(opt->m);
  if (opt->v)
    gsl_vector_set_zero(opt->v);
}

/* ANCHOR: adam_step */
int sa_optim_step(sa_optim *opt, gsl_vector *theta, const gsl_vector *grad)
{
  if (theta->size != opt->n || grad->size != opt->n)
    return GSL_EBADLEN;
  const double lr = opt->par.lr;
  opt->t++;
  if (opt->par.kind == SA_OPTIM_GD) {
    for (size_t j = 0; j < opt->n; j++)
      theta->data[j * theta->stride] -= lr * grad->data[j * grad->stride];
    return GSL_SUCCESS;
  }
  const double b1 = opt->par.beta1, b2 = opt->par.beta2, eps = opt->par.eps;
  opt->b1t *= b1;
  opt->b2t *= b2;
  const double c1 = 1 - opt->b1t, c2 = 1 - opt->b2t; /* bias corrections */
  for (size_t j = 0; j < opt->n; j++) {
    double g = grad->data[j * grad->stride];
    double *m = opt->m->data + j, *v = opt->v->data + j;
    *m = b1 * *m + (1 - b1) * g;
    *v = b2 * *v + (1 - b2) * g * g;
    theta->data[j * theta->stride] -= lr * (*m / c1) / (sqrt(*v / c2) + eps);
  }
  return GSL_SUCCESS;
}
/* END: adam_step */

/* ANCHOR: optim_rates */
int sa_optim_rates(const sa_optim *opt, const gsl_vector *grad, gsl_vector *eta)
{
  if (grad->size != opt->n || eta->size != opt->n)
    return GSL_EBADLEN;
  if (opt->par.kind == SA_OPTIM_GD) {
    gsl_vector_set_all(eta, opt->par.lr);
    return GSL_SUCCESS;
  }
  const double b2 = opt->par.beta2;
  const double c2 = 1 - opt->b2t * b2; /* 1 - beta2^(t+1) */
  for (size_t j = 0; j < opt->n; j++) {
    double g = grad->data[j * grad->stride];
    double v = b2 * opt->v->data[j] + (1 - b2) * g * g;
    eta->data[j * eta->stride] = opt->par.lr / (sqrt(v / c2) + opt->par.eps);
  }
  return GSL_SUCCESS;
}
/* END: optim_rates */
