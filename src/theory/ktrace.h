/* Kernel scale along a linear-network flow (Figs. C.2c, E.1b).
 *
 * The training Gram matrix of the NTK is K = X^T M X (P x P, Sec. 1.3);
 * the paper's "kernel norm" |K(t)| is its Frobenius norm.  The alignment
 * plateau it should reach on whitened data of rank r is L/sqrt(L^2 + r - 1)
 * (theory/deepbal.h), with r the numerical rank of X. */
#ifndef SA_KTRACE_H
#define SA_KTRACE_H

#include <gsl/gsl_matrix.h>

typedef struct sa_ktrace_work sa_ktrace_work;

sa_ktrace_work *sa_ktrace_work_alloc(size_t D, size_t P);
void sa_ktrace_work_free(sa_ktrace_work *w);

/* ||X^T M X||_F. */
double sa_ktrace_gram_fro(const gsl_matrix *X, const gsl_matrix *M, sa_ktrace_work *w);

/* Number of singular values of X above rcond times the largest.
 * Returns 0 on allocation failure. */
size_t sa_ktrace_rank(const gsl_matrix *X, double rcond);

#endif
