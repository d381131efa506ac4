/* Kernel scale along a linear-network flow (Figs. C.2c, E.1b).
 *
 * The training Gram matrix of the NTK is K = X^T M X (P x P, Sec. 1.3);
 * the paper's "kernel norm" |K(t)| is its Frobenius norm.  The alignment
 * plateau it should reach on whitened data of rank r is L/sqrt(L^2 + r - 1)
 * (theory/deepbal.h), with r the numerical rank of X. */
#ifndef SA_KTRACE_H
#define SA_KTRACE_H

#include <gsl/gsl_matrix.h>

#include "theory/linear_net.h"

typedef struct sa_ktrace_work sa_ktrace_work;

sa_ktrace_work *sa_ktrace_work_alloc(size_t D, size_t P);
void sa_ktrace_work_free(sa_ktrace_work *w);

/* The time grid of kernel-trace's refining pass (--refine): the times of
 * the first pass (times[0..n-1], increasing) below t_half/2, then
 * t_half -+ 10^a for nref >= 2 exponents a from log10(dmin) to
 * log10(t_half/2) in equal steps (the + side up to t_end), then the first
 * pass's times after those.  The kernel of a deep network grows from 10%
 * to 100% of its final norm within a few 1/s of t_half, which a log grid
 * from t-first resolves only when t_half is small.  out has room for
 * n + 2 nref times; returns how many it holds (increasing). */
size_t sa_ktrace_refine_grid(const double *times, size_t n, double t_half, double t_end,
                             size_t nref, double dmin, double *out);

/* ||X^T M X||_F; NAN, with the message in sa_error_message(), if a
 * product fails. */
double sa_ktrace_gram_fro(const gsl_matrix *X, const gsl_matrix *M, sa_ktrace_work *w);

/* *rank = the number of singular values of X above rcond times the
 * largest.  Returns a GSL status (GSL_ENOMEM, or the SVD's). */
int sa_ktrace_rank(const gsl_matrix *X, double rcond, size_t *rank);

/* Multiple outputs on whitened data (Sigma = I, Fig. H.1).  The NTK blocks
 * are K_cc'(x, x') = x^T M_cc' x' with M_cc' = sum_l (A_l)_cc' G_l,
 * A_l = S_l S_l^T (C x C), G_l = P_{l-1}^T P_{l-1} (D x D) (Eq. 57, 79).
 * On a training set with X X^T = P I and targets Y = T X the Gram matrix
 * of the P C x P C kernel has
 *   ||K||_F^2 = P^2 sum_{l,l'} <A_l, A_l'> <G_l, G_l'>,
 *   vec(Y)^T K vec(Y) = P^2 sum_l <A_l, T G_l T^T>,  |vec Y|^2 = P ||T||_F^2,
 * so the alignment (Sec. 1.3) is sum_l <A_l, T G_l T^T> / (sqrt(...) ||T||_F^2),
 * independent of P.  *fro receives ||K||_F / P.  The output-traced P x P
 * kernel sum_c K_cc (Neural Tangents' default) is x^T Mbar x' with
 * Mbar = sum_l tr(A_l) G_l, and its alignment tr(Y Kbar Y^T)/(||Kbar||_F ||Y||_F^2)
 * = tr(T Mbar T^T)/(||Mbar||_F ||T||_F^2) goes to *align_tr.  w must hold the
 * products (sa_linnet_products).  Returns 0 or GSL_ENOMEM. */
int sa_ktrace_multi(const sa_linnet_shape *shape, const sa_linnet_work *w, const gsl_matrix *T,
                    double *fro, double *align, double *align_tr);

/* Predicted final alignment of the output-traced kernel (balanced limit,
 * sigma -> 0, whitened D inputs, C outputs, teacher singular values
 * s_1..s_n): with A_l = S_l S_l^T and G_l = P_{l-1}^T P_{l-1} at convergence,
 *   tr A_l = sum_a s_a^{2(L-l)/L} (l < L),  tr A_L = C,
 *   G_1 = I,  G_l = sum_a s_a^{2(l-1)/L} v_a v_a^T (l >= 2),
 * so Mbar = a_1 I + sum_a m_a v_a v_a^T with a_1 = tr A_1 and
 * m_a = sum_{l>=2} tr(A_l) s_a^{2(l-1)/L}, and the alignment is
 *   sum_a s_a^2 (a_1 + m_a) / (sqrt(sum_a (a_1 + m_a)^2 + (D - n) a_1^2) sum_a s_a^2). */
double sa_ktrace_multi_plateau_tr(unsigned L, size_t C, const double *s, size_t n, size_t D);

#endif
