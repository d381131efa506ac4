/* Class-pair / multi-class data sets from image sets: see dataset.h. */
#include "config.h"

#include "data/dataset.h"

#include <stdlib.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

size_t sa_dataset_ntargets(size_t nclasses)
{
  return nclasses == 2 ? 1 : nclasses;
}

sa_dataset *sa_dataset_alloc(size_t D, size_t P, size_t C)
{
  if (D == 0 || P == 0 || C == 0)
    return NULL;
  sa_dataset *ds = calloc(1, sizeof *ds);
  if (!ds)
    return NULL;
  ds->D = D;
  ds->P = P;
  ds->C = C;
  ds->X = gsl_matrix_calloc(D, P);
  ds->Y = gsl_matrix_calloc(C, P);
  ds->labels = calloc(P, sizeof *ds->labels);
  if (!ds->X || !ds->Y || !ds->labels) {
    sa_dataset_free(ds);
    return NULL;
  }
  return ds;
}

void sa_dataset_free(sa_dataset *ds)
{
  if (!ds)
    return;
  if (ds->X)
    gsl_matrix_free(ds->X);
  if (ds->Y)
    gsl_matrix_free(ds->Y);
  free(ds->labels);
  free(ds);
}

int sa_dataset_check_classes(const int *classes, size_t nclasses)
{
  if (nclasses < 2 || nclasses > SA_NCLASSES)
    return sa_error(GSL_EINVAL, "classes: %zu listed, need 2 to %d", nclasses, SA_NCLASSES);
  unsigned seen = 0;
  for (size_t k = 0; k < nclasses; k++) {
    if (classes[k] < 0 || classes[k] >= SA_NCLASSES)
      return sa_error(GSL_EINVAL, "classes: %d is outside 0..9", classes[k]);
    if (seen & (1u << classes[k]))
      return sa_error(GSL_EINVAL, "classes: %d is listed twice", classes[k]);
    seen |= 1u << classes[k];
  }
  return GSL_SUCCESS;
}

/* Per-class share of a total: floor(total / n), one more for the first total mod n. */
static size_t share(size_t total, size_t n, size_t k)
{
  return total / n + (k < total % n ? 1 : 0);
}

/* Fills ds from the images idx[k][first_k ...] of each class, round-robin. */
static void fill(sa_dataset *ds, const sa_images *im, size_t *const *idx, const size_t *first,
                 const size_t *count, size_t nclasses)
{
  size_t mu = 0;
  for (size_t j = 0; mu < ds->P; j++)
    for (size_t k = 0; k < nclasses; k++) {
      if (j >= count[k])
        continue;
      size_t i = idx[k][first[k] + j];
      const double *px = im->pixels + i * SA_IMAGE_PIXELS;
      for (size_t d = 0; d < SA_IMAGE_PIXELS; d++)
        gsl_matrix_set(ds->X, d, mu, px[d]);
      if (ds->C == 1)
        gsl_matrix_set(ds->Y, 0, mu, k == 0 ? -1.0 : 1.0);
      else
        gsl_matrix_set(ds->Y, k, mu, 1.0);
      ds->labels[mu] = im->labels[i];
      mu++;
    }
}

static sa_dataset *build(const sa_images *im, const int *classes, size_t nclasses,
                         size_t *const *idx, const size_t *first, const size_t *count, size_t P)
{
  sa_dataset *ds = sa_dataset_alloc(SA_IMAGE_PIXELS, P, sa_dataset_ntargets(nclasses));
  if (!ds)
    return NULL;
  ds->nclasses = nclasses;
  for (size_t k = 0; k < nclasses; k++)
    ds->classes[k] = classes[k];
  fill(ds, im, idx, first, count, nclasses);
  return ds;
}

int sa_dataset_split(const sa_images *im, const int *classes, size_t nclasses, size_t p_train,
                     size_t p_test, unsigned long seed, sa_dataset **train, sa_dataset **test)
{
  if (train)
    *train = NULL;
  if (test)
    *test = NULL;
  int status = sa_dataset_check_classes(classes, nclasses);
  if (status)
    return status;
  if (p_train + p_test == 0 || (p_train && !train) || (p_test && !test))
    return sa_error(GSL_EINVAL, "dataset: nothing to select (P_train = %zu, P_test = %zu)", p_train,
                    p_test);
  size_t total[SA_NCLASSES], ntr[SA_NCLASSES], nte[SA_NCLASSES], zero[SA_NCLASSES] = {0};
  size_t *idx[SA_NCLASSES] = {0};
  sa_images_count(im, total);
  for (size_t k = 0; k < nclasses && !status; k++) {
    ntr[k] = share(p_train, nclasses, k);
    nte[k] = share(p_test, nclasses, k);
    if (total[classes[k]] < ntr[k] + nte[k])
      status = sa_error(GSL_EINVAL,
                        "dataset: class %d has %zu images, %zu requested (%zu train + %zu "
                        "test)",
                        classes[k], total[classes[k]], ntr[k] + nte[k], ntr[k], nte[k]);
  }
  for (size_t k = 0; k < nclasses && !status; k++) {
    idx[k] = malloc((total[classes[k]] ? total[classes[k]] : 1) * sizeof *idx[k]);
    if (!idx[k]) {
      status = sa_error(GSL_ENOMEM, "dataset: out of memory");
      break;
    }
    size_t m = 0;
    for (size_t i = 0; i < im->n; i++)
      if (im->labels[i] == classes[k])
        idx[k][m++] = i;
  }
  if (!status && seed != 0) {
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng)
      status = sa_error(GSL_ENOMEM, "dataset: out of memory");
    else {
      gsl_rng_set(rng, seed);
      for (size_t k = 0; k < nclasses; k++)
        gsl_ran_shuffle(rng, idx[k], total[classes[k]], sizeof *idx[k]);
      gsl_rng_free(rng);
    }
  }
  sa_dataset *tr = NULL, *te = NULL;
  if (!status && p_train && !(tr = build(im, classes, nclasses, idx, zero, ntr, p_train)))
    status = sa_error(GSL_ENOMEM, "dataset: out of memory for %zu samples", p_train);
  if (!status && p_test && !(te = build(im, classes, nclasses, idx, ntr, nte, p_test)))
    status = sa_error(GSL_ENOMEM, "dataset: out of memory for %zu samples", p_test);
  for (size_t k = 0; k < nclasses; k++)
    free(idx[k]);
  if (status) {
    sa_dataset_free(tr);
    sa_dataset_free(te);
    return status;
  }
  if (train)
    *train = tr;
  if (test)
    *test = te;
  return GSL_SUCCESS;
}
