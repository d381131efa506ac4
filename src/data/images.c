/* Labelled image sets: see images.h. */
#include "config.h"

#include "data/images.h"

#include "core/sa_errno.h"

#include <stdlib.h>

sa_images *sa_images_alloc(size_t n)
{
  sa_images *im = calloc(1, sizeof *im);
  if (!im)
    return NULL;
  if (sa_images_resize(im, n) != 0) {
    free(im);
    return NULL;
  }
  return im;
}

int sa_images_resize(sa_images *im, size_t n)
{
  /* realloc(p, 0) is implementation-defined: keep at least one slot. */
  size_t cap = n ? n : 1;
  double *px = realloc(im->pixels, cap * SA_IMAGE_PIXELS * sizeof *px);
  if (!px)
    return sa_error(GSL_ENOMEM, "images: out of memory for %zu images", n);
  im->pixels = px;
  int *lb = realloc(im->labels, cap * sizeof *lb);
  if (!lb)
    return sa_error(GSL_ENOMEM, "images: out of memory for %zu images", n);
  im->labels = lb;
  im->n = n;
  return GSL_SUCCESS;
}

void sa_images_free(sa_images *im)
{
  if (!im)
    return;
  free(im->pixels);
  free(im->labels);
  free(im);
}

void sa_images_count(const sa_images *im, size_t count[SA_NCLASSES])
{
  for (int c = 0; c < SA_NCLASSES; c++)
    count[c] = 0;
  for (size_t i = 0; i < im->n; i++)
    if (im->labels[i] >= 0 && im->labels[i] < SA_NCLASSES)
      count[im->labels[i]]++;
}
