/* Data sets from a source description: see load.h. */
#include "config.h"

#include "data/load.h"

#include "core/sa_errno.h"

#include <stdlib.h>
#include <string.h>

#include "data/idx.h"
#include "data/mnist_json.h"

static unsigned mask_of(const sa_data_spec *spec)
{
  unsigned mask = 0;
  for (size_t k = 0; k < spec->nclasses; k++)
    if (spec->classes[k] >= 0 && spec->classes[k] < SA_NCLASSES)
      mask |= 1u << spec->classes[k];
  return mask;
}

static int check_source(const sa_data_spec *spec)
{
  if (!spec->source || (strcmp(spec->source, "mnist") && strcmp(spec->source, "fashion")))
    return sa_error(GSL_EINVAL, "data source \"%s\": must be mnist or fashion",
                    spec->source ? spec->source : "(null)");
  return sa_dataset_check_classes(spec->classes, spec->nclasses);
}

static const char *mnist_dir(const sa_data_spec *spec)
{
  return sa_data_mnist_dir(spec->mnist_dir);
}

static const char *fashion_dir(const sa_data_spec *spec)
{
  return spec->fashion_dir ? spec->fashion_dir : SA_FASHION_DEFAULT_DIR;
}

int sa_data_load(const sa_data_spec *spec, sa_dataset **train, sa_dataset **test)
{
  *train = NULL;
  *test = NULL;
  int status = check_source(spec);
  if (status)
    return status;
  unsigned mask = mask_of(spec);
  sa_images *im = NULL;
  if (!strcmp(spec->source, "mnist")) {
    status = sa_mnist_json_read(mnist_dir(spec), mask, &im);
    if (!status)
      status = sa_dataset_split(im, spec->classes, spec->nclasses, spec->p_train, spec->p_test,
                                spec->seed, train, test);
    sa_images_free(im);
    return status;
  }
  if (spec->p_train) {
    status = sa_fashion_read(fashion_dir(spec), "train", mask, &im);
    if (!status)
      status = sa_dataset_split(im, spec->classes, spec->nclasses, spec->p_train, 0, spec->seed,
                                train, NULL);
    sa_images_free(im);
    im = NULL;
  }
  if (!status && spec->p_test) {
    status = sa_fashion_read(fashion_dir(spec), "t10k", mask, &im);
    if (!status)
      status = sa_dataset_split(im, spec->classes, spec->nclasses, 0, spec->p_test, spec->seed,
                                NULL, test);
    sa_images_free(im);
  }
  if (status) {
    sa_dataset_free(*train);
    *train = NULL;
  }
  return status;
}

int sa_data_class_counts(const sa_data_spec *spec, size_t count[SA_NCLASSES])
{
  int status = check_source(spec);
  if (status)
    return status;
  if (!strcmp(spec->source, "fashion")) {
    unsigned char *labels = NULL;
    size_t n = 0;
    char *path = malloc(strlen(fashion_dir(spec)) + sizeof "/train-labels-idx1-ubyte.gz");
    if (!path)
      return sa_error(GSL_ENOMEM, "fashion-mnist: out of memory");
    strcpy(path, fashion_dir(spec));
    strcat(path, "/train-labels-idx1-ubyte.gz");
    status = sa_idx_read_labels(path, &labels, &n);
    free(path);
    for (int c = 0; c < SA_NCLASSES; c++)
      count[c] = 0;
    for (size_t i = 0; i < n; i++)
      count[labels[i]]++;
    free(labels);
    return status;
  }
  sa_images *im = NULL;
  status = sa_mnist_json_read(mnist_dir(spec), SA_ALL_CLASSES, &im);
  if (!status)
    sa_images_count(im, count);
  sa_images_free(im);
  return status;
}

int sa_data_parse_classes(const char *text, int classes[SA_NCLASSES], size_t *n)
{
  *n = 0;
  if (!strcmp(text, "all")) {
    for (int c = 0; c < SA_NCLASSES; c++)
      classes[(*n)++] = c;
    return GSL_SUCCESS;
  }
  for (const char *p = text; *p;) {
    if (*p < '0' || *p > '9' || *n == SA_NCLASSES)
      return sa_error(GSL_EINVAL, "class list '%s': expected digits 0-9 separated by commas", text);
    for (size_t k = 0; k < *n; k++)
      if (classes[k] == *p - '0')
        return sa_error(GSL_EINVAL, "class list '%s': class %c listed twice", text, *p);
    classes[(*n)++] = *p++ - '0';
    if (*p == ',')
      p++;
    else if (*p)
      return sa_error(GSL_EINVAL, "class list '%s': expected digits 0-9 separated by commas", text);
  }
  return *n ? GSL_SUCCESS : sa_error(GSL_EINVAL, "class list '%s' is empty", text);
}

const char *sa_data_mnist_default_dir(void)
{
  return SA_MNIST_DEFAULT_DIR;
}

const char *sa_data_mnist_dir(const char *given)
{
  if (given && *given)
    return given;
  const char *env = getenv(SA_MNIST_DIR_ENV);
  return env && *env ? env : SA_MNIST_DEFAULT_DIR;
}
