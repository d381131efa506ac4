/* 3 x 3 SAME convolutions by im2col + DGEMM: see conv.h. */
#include "config.h"

#include "nets/conv.h"

#include "core/sa_errno.h"

#include <gsl/gsl_blas.h>
#include <stdlib.h>
#include <string.h>

int sa_conv_geom_set(sa_conv_geom *g, size_t cin, size_t cout, size_t h, size_t w, size_t stride)
{
  if (!cin || !cout || !h || !w || (stride != 1 && stride != 2))
    return sa_error(GSL_EINVAL,
                    "convolution %zu -> %zu channels on %zu x %zu with stride %zu: sizes must "
                    "be positive and the stride 1 or 2",
                    cin, cout, h, w, stride);
  g->cin = cin;
  g->cout = cout;
  g->h = h;
  g->w = w;
  g->stride = stride;
  g->ho = (h + stride - 1) / stride;
  g->wo = (w + stride - 1) / stride;
  size_t need_h = (g->ho - 1) * stride + 3, need_w = (g->wo - 1) * stride + 3;
  g->pt = need_h > h ? (need_h - h) / 2 : 0;
  g->pl = need_w > w ? (need_w - w) / 2 : 0;
  return 0;
}

size_t sa_conv_fan_in(const sa_conv_geom *g)
{
  return 9 * g->cin;
}
size_t sa_conv_n_weights(const sa_conv_geom *g)
{
  return 9 * g->cin * g->cout;
}

double sa_conv_flops(const sa_conv_geom *g, size_t P)
{
  return 2.0 * (double)g->cout * (double)(9 * g->cin) * (double)P * (double)(g->ho * g->wo);
}

sa_conv_buf *sa_conv_buf_alloc(size_t cap)
{
  sa_conv_buf *b = calloc(1, sizeof *b);
  if (!b)
    return NULL;
  b->cap = cap;
  b->col = malloc(cap * sizeof *b->col);
  b->dcol = malloc(cap * sizeof *b->dcol);
  if (!b->col || !b->dcol) {
    sa_conv_buf_free(b);
    return NULL;
  }
  return b;
}

void sa_conv_buf_free(sa_conv_buf *b)
{
  if (!b)
    return;
  free(b->col);
  free(b->dcol);
  free(b);
}

/* Input row iy of kernel row ky for output row oy, or -1 in the padding. */
static long in_index(size_t o, size_t k, size_t stride, size_t pad, size_t n)
{
  long i = (long)(o * stride + k) - (long)pad;
  return i >= 0 && i < (long)n ? i : -1;
}

/* Outputs ox in [*lo, *hi) read an input column inside the image for
 * kernel column kx: 0 <= ox s + kx - pl < w. */
static void valid_range(const sa_conv_geom *g, size_t kx, size_t *lo, size_t *hi)
{
  long s = (long)g->stride, off = (long)kx - (long)g->pl, w = (long)g->w;
  long a = off >= 0 ? 0 : (-off + s - 1) / s;             /* first ox with ox s + off >= 0 */
  long b = (w - 1 - off) < 0 ? 0 : (w - 1 - off) / s + 1; /* ox s + off <= w - 1 */
  if (b > (long)g->wo)
    b = (long)g->wo;
  if (a > b)
    a = b;
  *lo = (size_t)a;
  *hi = (size_t)b;
}

void sa_conv_im2col(const sa_conv_geom *g, const gsl_matrix *X, size_t s0, size_t S, int relu_in,
                    double *col)
{
  size_t hw = g->h * g->w, howo = g->ho * g->wo, ld = S * howo, st = g->stride;
  for (size_t ci = 0; ci < g->cin; ci++)
    for (size_t ky = 0; ky < 3; ky++)
      for (size_t kx = 0; kx < 3; kx++) {
        double *row = col + (ci * 9 + ky * 3 + kx) * ld;
        size_t lo, hi;
        valid_range(g, kx, &lo, &hi);
        long off = (long)kx - (long)g->pl;
        for (size_t s = 0; s < S; s++) {
          const double *img = X->data + ci * X->tda + (s0 + s) * hw;
          double *dst = row + s * howo;
          for (size_t oy = 0; oy < g->ho; oy++) {
            long iy = in_index(oy, ky, st, g->pt, g->h);
            double *d = dst + oy * g->wo;
            if (iy < 0) {
              memset(d, 0, g->wo * sizeof *d);
              continue;
            }
            long base = iy * (long)g->w + off; /* x[iy, ox s + off] = img[base + ox s] */
            for (size_t ox = 0; ox < lo; ox++)
              d[ox] = 0.0;
            if (relu_in)
              for (size_t ox = lo; ox < hi; ox++) {
                double v = img[base + (long)(ox * st)];
                d[ox] = v > 0.0 ? v : 0.0;
              }
            else
              for (size_t ox = lo; ox < hi; ox++)
                d[ox] = img[base + (long)(ox * st)];
            for (size_t ox = hi; ox < g->wo; ox++)
              d[ox] = 0.0;
          }
        }
      }
}

void sa_conv_col2im_add(const sa_conv_geom *g, const double *dcol, size_t s0, size_t S,
                        const gsl_matrix *mask, gsl_matrix *dX)
{
  size_t hw = g->h * g->w, howo = g->ho * g->wo, ld = S * howo, st = g->stride;
  for (size_t ci = 0; ci < g->cin; ci++)
    for (size_t ky = 0; ky < 3; ky++)
      for (size_t kx = 0; kx < 3; kx++) {
        const double *row = dcol + (ci * 9 + ky * 3 + kx) * ld;
        size_t lo, hi;
        valid_range(g, kx, &lo, &hi);
        long off = (long)kx - (long)g->pl;
        for (size_t s = 0; s < S; s++) {
          double *img = dX->data + ci * dX->tda + (s0 + s) * hw;
          const double *mimg = mask ? mask->data + ci * mask->tda + (s0 + s) * hw : NULL;
          const double *src = row + s * howo;
          for (size_t oy = 0; oy < g->ho; oy++) {
            long iy = in_index(oy, ky, st, g->pt, g->h);
            if (iy < 0)
              continue;
            long base = iy * (long)g->w + off;
            const double *v = src + oy * g->wo;
            if (mimg)
              for (size_t ox = lo; ox < hi; ox++) {
                long i = base + (long)(ox * st);
                img[i] += mimg[i] > 0.0 ? v[ox] : 0.0;
              }
            else
              for (size_t ox = lo; ox < hi; ox++)
                img[base + (long)(ox * st)] += v[ox];
          }
        }
      }
}

/* Samples per chunk: as many as fit in the buffer, at least one. */
static size_t chunk_samples(const sa_conv_geom *g, size_t P, const sa_conv_buf *buf)
{
  size_t per = 9 * g->cin * g->ho * g->wo, S = buf->cap / per;
  if (S < 1)
    S = 1;
  return S < P ? S : P;
}

/* ANCHOR: conv_forward */
void sa_conv_forward(const sa_conv_geom *g, const double *W, const gsl_matrix *X, int relu_in,
                     double beta, gsl_matrix *Y, sa_conv_buf *buf)
{
  size_t P = X->size2 / (g->h * g->w), howo = g->ho * g->wo, k = 9 * g->cin;
  size_t S = chunk_samples(g, P, buf);
  gsl_matrix_const_view Wv = gsl_matrix_const_view_array(W, g->cout, k);
  for (size_t s0 = 0; s0 < P; s0 += S) {
    size_t n = s0 + S <= P ? S : P - s0;
    sa_conv_im2col(g, X, s0, n, relu_in, buf->col);
    gsl_matrix_view Col = gsl_matrix_view_array(buf->col, k, n * howo);
    gsl_matrix_view Yb = gsl_matrix_submatrix(Y, 0, s0 * howo, g->cout, n * howo);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &Wv.matrix, &Col.matrix, beta, &Yb.matrix);
  }
}
/* END: conv_forward */

void sa_conv_backward(const sa_conv_geom *g, const double *W, const gsl_matrix *X, int relu_in,
                      const gsl_matrix *dY, double *dW, double beta_w, gsl_matrix *dX,
                      sa_conv_buf *buf)
{
  size_t P = X->size2 / (g->h * g->w), howo = g->ho * g->wo, k = 9 * g->cin;
  size_t S = chunk_samples(g, P, buf);
  gsl_matrix_const_view Wv = gsl_matrix_const_view_array(W, g->cout, k);
  for (size_t s0 = 0; s0 < P; s0 += S) {
    size_t n = s0 + S <= P ? S : P - s0;
    gsl_matrix_const_view dYb = gsl_matrix_const_submatrix(dY, 0, s0 * howo, g->cout, n * howo);
    if (dW) {
      sa_conv_im2col(g, X, s0, n, relu_in, buf->col);
      gsl_matrix_view Col = gsl_matrix_view_array(buf->col, k, n * howo);
      gsl_matrix_view dWv = gsl_matrix_view_array(dW, g->cout, k);
      gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &dYb.matrix, &Col.matrix,
                     s0 == 0 ? beta_w : 1.0, &dWv.matrix);
    }
    if (dX) {
      gsl_matrix_view dCol = gsl_matrix_view_array(buf->dcol, k, n * howo);
      gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &Wv.matrix, &dYb.matrix, 0.0, &dCol.matrix);
      sa_conv_col2im_add(g, buf->dcol, s0, n, relu_in ? X : NULL, dX);
    }
  }
}

void sa_conv_sample_grad(const sa_conv_geom *g, const gsl_matrix *dY, size_t mu, size_t co0,
                         size_t co1, const sa_conv_buf *buf, double *out)
{
  size_t howo = g->ho * g->wo, k = 9 * g->cin;
  gsl_matrix_const_view dYb = gsl_matrix_const_submatrix(dY, co0, mu * howo, co1 - co0, howo);
  gsl_matrix_const_view Col = gsl_matrix_const_view_array(buf->col, k, howo);
  gsl_matrix_view O = gsl_matrix_view_array(out, co1 - co0, k);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &dYb.matrix, &Col.matrix, 0.0, &O.matrix);
}
