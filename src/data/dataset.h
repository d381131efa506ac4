/* A supervised data set in the paper's layout (section 1.1).
 *
 * X is D x P: column mu is the input x^mu (so X X^T / P = Sigma).
 * Y is C x P: column mu is the target of sample mu.  For two classes
 * C = 1 and y = -1 for the first listed class, +1 for the second; for three
 * or more classes Y is one-hot over the listed classes (row k is 1 for
 * classes[k]).  labels[mu] is the original class (0..9).
 *
 * Selection from an image set (sa_dataset_split): the images of each listed
 * class are taken in file order (seed = 0) or in an order shuffled by a
 * GSL mt19937 generator seeded with `seed` (one shuffle per class, classes
 * in listed order); the first n_k go to the training set and the next m_k
 * to the test set, where P_train = sum_k n_k is shared out as evenly as
 * possible (n_k = floor(P_train / nclasses), plus one for the first
 * P_train mod nclasses classes), and likewise P_test.  Inside each set the
 * samples are interleaved round-robin over the classes (class a, class b,
 * class a, ...), so every prefix is class-balanced. */
#ifndef SA_DATASET_H
#define SA_DATASET_H

#include <gsl/gsl_matrix.h>

#include "data/data_error.h"
#include "data/images.h"

typedef struct {
  size_t D, P, C;
  gsl_matrix *X; /* D x P inputs, columns are samples  */
  gsl_matrix *Y; /* C x P targets                       */
  int *labels;   /* P original classes                  */
  size_t nclasses;
  int classes[SA_NCLASSES]; /* the listed classes, in order */
} sa_dataset;

/* Number of target rows for nclasses classes: 1 if nclasses == 2, else nclasses. */
size_t sa_dataset_ntargets(size_t nclasses);

/* X, Y zeroed; NULL if out of memory or a size is 0. */
sa_dataset *sa_dataset_alloc(size_t D, size_t P, size_t C);
void sa_dataset_free(sa_dataset *ds);

/* Checks a class list: 2..10 distinct classes in 0..9.  Returns
 * GSL_SUCCESS or GSL_EINVAL (message: "classes: ..."). */
int sa_dataset_check_classes(const int *classes, size_t nclasses);

/* Selects the training and test sets described above.  p_train or p_test
 * may be 0, and then *train or *test is set to NULL (either pointer may be
 * NULL then).  Fails with GSL_EINVAL, naming the class, if a class has
 * fewer than n_k + m_k images. */
int sa_dataset_split(const sa_images *im, const int *classes, size_t nclasses, size_t p_train,
                     size_t p_test, unsigned long seed, sa_dataset **train, sa_dataset **test);

#endif
