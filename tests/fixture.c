/* Fixtures shared by the C test programs: see fixture.h. */
#include "config.h"

#include "fixture.h"

#include <gsl/gsl_randist.h>
#include <math.h>

gsl_matrix *fixture_random_matrix(gsl_rng *r, size_t m, size_t n, double sd)
{
  gsl_matrix *A = gsl_matrix_alloc(m, n);
  if (A)
    for (size_t i = 0; i < m; i++)
      for (size_t j = 0; j < n; j++)
        gsl_matrix_set(A, i, j, gsl_ran_gaussian(r, sd));
  return A;
}

double fixture_rel_fro(const gsl_matrix *A, const gsl_matrix *B)
{
  double d = 0.0, s = 0.0;
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++) {
      double a = gsl_matrix_get(A, i, j), b = gsl_matrix_get(B, i, j);
      d += (a - b) * (a - b);
      s += b * b;
    }
  return sqrt(d / s);
}
