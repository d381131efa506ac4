/* The templated part of conv.h (real_on.h), included once per precision:
 * REAL = double gives sa_conv_buf, sa_conv_forward, ... on gsl_matrix;
 * REAL = float gives sa_conv_buf_float, sa_conv_forward_float, ... on
 * gsl_matrix_float with sgemm.  No include guard: conv.h includes it
 * twice. */

typedef struct {
  size_t cap;
  REAL *col, *dcol;
  int wino;
  REAL *u;
  size_t ucap;
} SA_FN(sa_conv_buf);

/* cap >= 9 cin ho wo of every layer that will use it (one sample). */
SA_FN(sa_conv_buf) * SA_FN(sa_conv_buf_alloc)(size_t cap);
void SA_FN(sa_conv_buf_free)(SA_FN(sa_conv_buf) * b);

/* Col (9 cin x S ho wo, row-major, leading dimension S ho wo) of samples
 * s0 .. s0+S-1 of X (cin x P h w), through ReLU if relu_in. */
void SA_FN(sa_conv_im2col)(const sa_conv_geom *g, const SA_MAT *X, size_t s0, size_t S, int relu_in,
                           REAL *col);
/* dX[samples s0..s0+S-1] += col2im(dcol), each entry multiplied by
 * [X > 0] if mask != NULL (mask is the layer's input X). */
void SA_FN(sa_conv_col2im_add)(const sa_conv_geom *g, const REAL *dcol, size_t s0, size_t S,
                               const SA_MAT *mask, SA_MAT *dX);

/* Y = conv(W, act(X)) + beta Y, act = ReLU if relu_in else identity.
 * X is cin x P h w, Y cout x P ho wo (P from X). */
void SA_FN(sa_conv_forward)(const sa_conv_geom *g, const REAL *W, const SA_MAT *X, int relu_in,
                            REAL beta, SA_MAT *Y, SA_FN(sa_conv_buf) * buf);

/* Backward of Y = conv(W, act(X)) for the output gradient dY:
 *   dW (cout x 9 cin, row-major) = dY Col^T + beta_w dW   (if dW != NULL),
 *   dX += col2im(W^T dY) (masked by [X > 0] if relu_in)    (if dX != NULL). */
void SA_FN(sa_conv_backward)(const sa_conv_geom *g, const REAL *W, const SA_MAT *X, int relu_in,
                             const SA_MAT *dY, REAL *dW, REAL beta_w, SA_MAT *dX,
                             SA_FN(sa_conv_buf) * buf);

/* Per-sample weight gradient of sample mu, output channels co0 .. co1-1:
 *   out (co1-co0 x 9 cin, row-major) = dY[co0:co1, mu] Col_mu^T,
 * with Col_mu = im2col of sample mu (9 cin x ho wo, sa_conv_im2col with
 * s0 = mu, S = 1) in col. */
void SA_FN(sa_conv_sample_grad)(const sa_conv_geom *g, const SA_MAT *dY, size_t mu, size_t co0,
                                size_t co1, const REAL *col, REAL *out);
