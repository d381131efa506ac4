/* Empirical NTK of a Wide ResNet (wrn.h) from per-sample gradients, the
 * rows of the Jacobian J[mu, j] = d f(x^mu) / d theta_j (paper sections
 * 1.2, 2.8; Figs. 1d,e, J.1-J.3).  There is no cheap layer-wise closed form
 * as for the MLP (ntk.h): a convolution's weight gradient for one sample is
 * a sum over pixel pairs.  So
 *
 *   K = J_train J_train^T                 (dsyrk)
 *   K_x = J_test J_train^T                (dgemm, test x train)
 *   K^eta = J diag(eta) J^T               (App. J.1: the optimiser-weighted
 *                                          kernel, same rows scaled by sqrt(eta))
 *
 * all from ONE pass.  How the rows are made: one forward pass of the train
 * and test samples together and one backward pass with df/df = 1 for every
 * sample give the gradient of each sample's output with respect to every
 * activation (the samples do not interact).  The weight gradient of sample
 * mu for a convolution is then dY_mu Col_mu^T (one small dgemm per sample,
 * conv.h), and for the dense layer the pooled features of mu.
 *
 * Memory bound.  J is never held whole (P = 100 samples of the k = 4,
 * b = 1 net with 1.53 million parameters would be 1.2 GB; with 100 test
 * samples 2.4 GB).  It is built in column blocks: a block holds the
 * gradients of all n = P + P_test samples with respect to a contiguous range
 * of parameters (whole output-channel rows of one or more layers) with at
 * most `block_cols` columns; each block is folded into K, K_x (and K^eta,
 * K^eta_x) by dsyrk/dgemm with beta = 1 and reused.  The working memory is
 *   8 bytes x [ n A + n block_cols + 2 SA_WRN_COL_CAP ] + the output kernels,
 * with A = sa_wrn_activation_doubles(net, 1) (activations and their
 * gradients for one sample), plus the im2col cache below - sa_wrn_ntk_bytes
 * computes it.  Every parameter's gradient is made once (no recomputation
 * across blocks).
 *
 * im2col cache.  A convolution whose weights span several blocks (at
 * n = 100 with the default block, every convolution of groups 2 and 3 of
 * the k = 4 net: up to 15 blocks) needs Col_mu of every sample in every
 * block.  Col_mu (9 cin x ho wo) is built once per sample and kept for the
 * first n_c samples, n_c = min(n, SA_WRN_NTK_COL_CACHE_DOUBLES / (9 cin ho
 * wo)); only the samples beyond n_c are rebuilt per block.  The cache
 * holds at most SA_WRN_NTK_COL_CACHE_DOUBLES (96 MiB), so with the block
 * the NTK's own buffers (block and cache) stay under 128 MiB whatever n;
 * at n = 100, k = 4 it holds all samples of every convolution of groups 2
 * and 3 but group 2's second (22.6 million doubles, of which 55 samples
 * are kept).  The values are the same
 * with or without it (the same products of the same numbers).
 *
 * Scalar output only (C = 1): the P x P kernel of the paper's two-class
 * experiments. */
#ifndef SA_NETS_WRN_NTK_H
#define SA_NETS_WRN_NTK_H

#include "nets/wrn.h"

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

/* Default block width: 2^22 doubles (32 MB) over the n samples. */
#define SA_WRN_NTK_BLOCK_DOUBLES ((size_t)1 << 22)
/* Bound of the im2col cache: 12 x 2^20 doubles (96 MiB). */
#define SA_WRN_NTK_COL_CACHE_DOUBLES ((size_t)12 << 20)

typedef struct {
  size_t P, Pt, n;      /* training, test samples, n = P + Pt         */
  size_t cols;          /* columns of a Jacobian block                */
  sa_wrn_workspace *fw; /* forward/backward of all n samples           */
  gsl_matrix *X;        /* train and test inputs side by side, D x n   */
  gsl_matrix *ones;     /* df/df = 1, 1 x n                            */
  double *J;            /* Jacobian block, n x cols row-major          */
  double *col;          /* im2col cache, col_cap doubles               */
  size_t col_cap;
  double *sqrt_eta; /* sqrt of the rates of one block, cols        */
  double flops;     /* BLAS-3 flops of the last call               */
} sa_wrn_ntk_workspace;

/* Bytes of a workspace for P training and Pt test samples with the
 * default block (the bound above, without the caller's output kernels). */
double sa_wrn_ntk_bytes(const sa_wrn *net, size_t P, size_t Pt);

/* block_doubles: size of the Jacobian block (0: SA_WRN_NTK_BLOCK_DOUBLES;
 * never below one filter row per sample).  NULL on C != 1, P = 0 or no
 * memory. */
sa_wrn_ntk_workspace *sa_wrn_ntk_workspace_alloc(const sa_wrn *net, size_t P, size_t Pt,
                                                 size_t block_doubles);
void sa_wrn_ntk_workspace_free(sa_wrn_ntk_workspace *ws);

/* The kernels at the current parameters.  X: D x P training inputs; Xt:
 * D x Pt test inputs (may be NULL when Kx and Ex are NULL).  eta: rates
 * (length n_params, >= 0) for E and Ex, or NULL.  Any output may be NULL:
 *   K  (P x P)  = J J^T,            Kx (Pt x P) = J_t J^T,
 *   E  (P x P)  = J diag(eta) J^T,  Ex (Pt x P) = J_t diag(eta) J^T.
 * K and E are symmetric with both triangles filled.  Returns GSL_SUCCESS,
 * GSL_EBADLEN on a size mismatch, GSL_EDOM for a negative or NaN rate. */
int sa_wrn_ntk(const sa_wrn *net, const gsl_matrix *X, const gsl_matrix *Xt, const gsl_vector *eta,
               sa_wrn_ntk_workspace *ws, gsl_matrix *K, gsl_matrix *Kx, gsl_matrix *E,
               gsl_matrix *Ex);

#endif
