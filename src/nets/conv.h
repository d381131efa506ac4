/* 3 x 3 convolutions with SAME padding and stride 1 or 2, bias-free, as
 * im2col + DGEMM (forward, weight gradient, input gradient), for the Wide
 * ResNet of wrn.h (paper section 1.6, Figs. 1d,e and J.1-J.3).
 *
 * Tensor layout.  A batch of P images with C channels of H x W pixels is a
 * C x (P H W) gsl_matrix: row c, column mu H W + y W + x.  This is the MLP's
 * "features x batch" layout (mlp.h) with every pixel of every sample a
 * column, so a convolution of the whole batch is one product
 *   Y (Cout x P Ho Wo) = W (Cout x 9 Cin) * Col (9 Cin x P Ho Wo),
 * with Col[ci*9 + ky*3 + kx, (mu, oy, ox)] = X[ci, (mu, oy s + ky - pt,
 * ox s + kx - pl)] (zero outside the image): im2col.  W is row-major
 * Cout x 9 Cin, entry (co, ci*9 + ky*3 + kx), which is also its layout in
 * the parameter vector.
 *
 * SAME padding (TensorFlow/JAX convention): Ho = ceil(H / s), total padding
 * max((Ho - 1) s + 3 - H, 0), of which floor(half) goes before (top/left)
 * and the rest after.  28 -> 14 -> 7 for s = 2; 7 -> 4 with one padded row
 * at the top and one at the bottom.
 *
 * Memory.  Col is never built for the whole batch: the batch is cut into
 * chunks of S samples with 9 Cin S Ho Wo <= the buffer capacity (at least
 * one sample), and each chunk is one dgemm writing a column block of Y.
 * The input may be read through ReLU (relu_in): Col then holds
 * max(X, 0), and the input gradient is masked by [X > 0].
 *
 * Flops: 2 Cout 9 Cin P Ho Wo per product (forward, weight gradient and
 * input gradient alike) by im2col; this count is also the one reported
 * for the Winograd path below (its "effective" flops).
 *
 * Winograd path (stride 1 only).  F(m x m, 3 x 3) computes an m x m output
 * tile from an a x a input tile d (a = m + 2, pad 1 as SAME) as
 *   Y = A^T [ (G g G^T) .* (B^T d B) ] A,
 * so the sum over input channels becomes one product per transform point
 * p = 1..a^2 over all tiles of all samples:
 *   M_p (Cout x T) = U_p (Cout x Cin) V_p (Cin x T),
 * with U_p the transformed kernels and V_p the transformed input tiles:
 * 2 a^2 Cout Cin T flops instead of 2 * 9 Cout Cin m^2 T: fewer by
 * 9 m^2 / a^2, 2.25 x for m = 2 and 4 x for m = 4 (less on maps that the tiles do not
 * divide: 7 x 7 in 2 x 2 tiles of 4 x 4 computes 8 x 8).  The input
 * gradient of a stride-1 SAME conv is the same conv of dY with the kernels
 * rotated by 180 degrees and transposed (Cin x Cout), and the weight
 * gradient is dg = G^T [ sum_tiles (B^T d B) .* (A dY A^T) ] G, again one
 * product per point, dU_p = Z_p V_p^T.  The transforms are exact in exact
 * arithmetic; in floating point their coefficients (up to 8 and 1/24 for
 * m = 4) add rounding of order 10^2 eps relative to the sums' magnitude
 * (tests/test_wrn.c states the tolerance).  Tiles are done in chunks that
 * fill the column buffers (a^2 max(Cin, Cout) doubles per tile). */
#ifndef SA_NETS_CONV_H
#define SA_NETS_CONV_H

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_matrix_float.h>
#include <stddef.h>

typedef struct {
  size_t cin, cout; /* channels                              */
  size_t h, w;      /* input size                            */
  size_t stride;    /* 1 or 2                                */
  size_t ho, wo;    /* output size, ceil(h / stride) etc.    */
  size_t pt, pl;    /* padding before (top, left)            */
} sa_conv_geom;

/* Fills g; returns GSL_SUCCESS, or GSL_EINVAL if a size is zero or stride
 * is not 1 or 2. */
int sa_conv_geom_set(sa_conv_geom *g, size_t cin, size_t cout, size_t h, size_t w, size_t stride);

/* Weights of one filter bank (9 cin) and their count (cout 9 cin). */
size_t sa_conv_fan_in(const sa_conv_geom *g);
size_t sa_conv_n_weights(const sa_conv_geom *g);
/* 2 cout 9 cin P ho wo. */
double sa_conv_flops(const sa_conv_geom *g, size_t P);

/* Algorithm of the stride-1 convolutions (sa_conv_buf.wino): 2 or 4 for
 * Winograd F(2 x 2, 3 x 3) or F(4 x 4, 3 x 3), 0 for im2col, AUTO (the
 * default of sa_conv_buf_alloc) for F(4 x 4, 3 x 3) when both channel
 * counts are at least SA_CONV_WINO_MIN_CH and im2col otherwise: with fewer
 * channels the transforms cost more than the products they save (measured
 * on the k = 4 network: 16 -> 64 channels on 28 x 28 took about as long
 * either way, 64 -> 64 half as long by F(4 x 4, 3 x 3)). */
#define SA_CONV_WINO_AUTO (-1)
#define SA_CONV_WINO_MIN_CH 32

/* The double API (REAL = double below: sa_conv_buf, sa_conv_forward, ...)
 * and the single-precision one (REAL = float: sa_conv_buf_float,
 * sa_conv_forward_float, ..., on gsl_matrix_float tensors with sgemm),
 * declared from one template, conv_tmpl.h (real_on.h). */
#define SA_REAL_DOUBLE
#include "nets/real_on.h"
#include "nets/conv_tmpl.h"
#include "nets/real_off.h"
#undef SA_REAL_DOUBLE
#define SA_REAL_FLOAT
#include "nets/real_on.h"
#include "nets/conv_tmpl.h"
#include "nets/real_off.h"
#undef SA_REAL_FLOAT

#endif
