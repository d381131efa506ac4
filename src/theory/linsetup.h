/* Setting up a scalar-output linear-network flow problem from options:
 * synthetic data X (D x P) with a power-law spectrum (0: whitened),
 * Sigma = X X^T / P, unit teacher beta in span(X), T = s beta^T, and
 * standard-parameterisation initial weights. */
#ifndef SA_LINSETUP_H
#define SA_LINSETUP_H

#include "theory/linflow.h"

typedef struct {
  size_t L, D, N, P; /* depth, inputs, hidden width (all layers), samples */
  double sigma, s, spectrum;
  unsigned long seed;
} sa_linsetup_params;

typedef struct {
  sa_linflow_problem pb;
  gsl_matrix *X, *Sigma, *T;
  gsl_vector *beta;
  double *theta;
} sa_linsetup;

/* Returns 0, or a GSL error code (allocation failure, bad sizes). */
int sa_linsetup_alloc(const sa_linsetup_params *p, sa_linsetup *out);
void sa_linsetup_free(sa_linsetup *su);

#endif
