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
 * first n_c samples, n_c = min(n, SA_WRN_NTK_COL_CACHE_BYTES / (9 cin ho
 * wo sizeof(REAL))); only the samples beyond n_c are rebuilt per block.  The cache
 * holds at most SA_WRN_NTK_COL_CACHE_BYTES (96 MiB), so with the block
 * the NTK's own buffers (block and cache) stay under 128 MiB whatever n;
 * at n = 100, k = 4 it holds all samples of every convolution of groups 2
 * and 3 but group 2's second (22.6 million values, of which 55 samples
 * are kept in double, all 100 in single precision).  The values are the same
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
/* Bound of the im2col cache: 96 MiB (12 x 2^20 doubles, 24 x 2^20 floats). */
#define SA_WRN_NTK_COL_CACHE_BYTES ((size_t)96 << 20)

/* Bytes of a workspace for P training and Pt test samples with the
 * default block (the bound above, without the caller's output kernels). */
double sa_wrn_ntk_bytes(const sa_wrn *net, size_t P, size_t Pt);

/* The double API (sa_wrn_ntk_workspace, sa_wrn_ntk, ...) and the
 * single-precision one (sa_wrn_ntk_workspace_float, sa_wrn_ntk_float,
 * ...), from one template, wrn_ntk_tmpl.h.  sa_wrn_ntk_bytes is the
 * double workspace's size, an upper bound for the float one. */
#define SA_REAL_DOUBLE
#include "nets/real_on.h"
#include "nets/wrn_ntk_tmpl.h"
#include "nets/real_off.h"
#undef SA_REAL_DOUBLE
#define SA_REAL_FLOAT
#include "nets/real_on.h"
#include "nets/wrn_ntk_tmpl.h"
#include "nets/real_off.h"
#undef SA_REAL_FLOAT

#endif
