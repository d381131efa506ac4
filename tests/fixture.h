/* Fixtures shared by the C test programs (beside tap.h): random operands,
 * a relative Frobenius distance, and whether the program runs under
 * valgrind (the heavy tests then shrink or skip their largest cases). */
#ifndef SA_TESTS_FIXTURE_H
#define SA_TESTS_FIXTURE_H

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <stddef.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

/* An m x n matrix of N(0, sd^2) entries drawn from r row by row. */
gsl_matrix *fixture_random_matrix(gsl_rng *r, size_t m, size_t n, double sd);

/* |A - B|_F / |B|_F (same shapes). */
double fixture_rel_fro(const gsl_matrix *A, const gsl_matrix *B);

#endif
