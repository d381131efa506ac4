/* 3 x 3 SAME convolutions by im2col + DGEMM, double precision: see conv.h.
 * The geometry is here; the convolutions are conv_source.c with REAL =
 * double (conv_float.c compiles it again with REAL = float). */
#include "config.h"

#include "nets/conv.h"

#include "core/sa_errno.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cblas.h>
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

#define SA_REAL_DOUBLE
#include "nets/real_on.h"
#include "nets/conv_source.c"
#include "nets/real_off.h"
#undef SA_REAL_DOUBLE
