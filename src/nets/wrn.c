/* Wide residual networks (Neural Tangents layout, no batch norm, no
 * biases): see wrn.h.  The layout, initialisation and flop counts are
 * here; the workspaces and passes are wrn_source.c with REAL = double
 * (wrn_float.c compiles it again with REAL = float). */
#include "config.h"

#include "nets/wrn.h"

#include "nets/model.h"
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void sa_wrn_free(sa_wrn *net)
{
  if (!net)
    return;
  if (net->theta)
    gsl_vector_free(net->theta);
  free(net->conv);
  free(net->t_ch);
  free(net->t_h);
  free(net->t_w);
  free(net->t_identity_from);
  free(net);
}

/* Appends a tensor of the given shape; returns its index. */
static int add_tensor(sa_wrn *net, size_t ch, size_t h, size_t w)
{
  size_t t = net->n_tensor++;
  net->t_ch[t] = ch;
  net->t_h[t] = h;
  net->t_w[t] = w;
  net->t_identity_from[t] = -1;
  return (int)t;
}

/* Appends a convolution reading tensor `in` (-1: the image) into `out`. */
static void add_conv(sa_wrn *net, int in, int out, size_t stride, int relu_in, int accumulate,
                     size_t *n_params)
{
  sa_wrn_conv *c = &net->conv[net->n_conv++];
  size_t cin = in < 0 ? net->cin : net->t_ch[in];
  size_t h = in < 0 ? net->h : net->t_h[in], w = in < 0 ? net->w : net->t_w[in];
  /* cannot fail: sa_wrn_alloc_shape refuses zero sizes, every tensor's
   * side is ceil(side / stride) >= 1 and stride is 1 or 2 */
  (void)sa_conv_geom_set(&c->g, cin, net->t_ch[out], h, w, stride);
  c->offset = *n_params;
  c->in = in;
  c->out = out;
  c->relu_in = relu_in;
  c->accumulate = accumulate;
  *n_params += sa_conv_n_weights(&c->g);
}

sa_wrn *sa_wrn_alloc_shape(size_t k, size_t b, size_t cin, size_t h, size_t w, size_t C)
{
  if (k < 1 || k > SA_WRN_K_MAX || b < 1 || b > SA_WRN_B_MAX || !cin || !h || !w || !C)
    return NULL;
  sa_wrn *net = calloc(1, sizeof *net);
  if (!net)
    return NULL;
  net->k = k;
  net->b = b;
  net->cin = cin;
  net->h = h;
  net->w = w;
  net->C = C;
  size_t nt = 1 + 6 * b, nc = 1 + 6 * b + 3;
  net->conv = calloc(nc, sizeof *net->conv);
  net->t_ch = calloc(nt, sizeof *net->t_ch);
  net->t_h = calloc(nt, sizeof *net->t_h);
  net->t_w = calloc(nt, sizeof *net->t_w);
  net->t_identity_from = calloc(nt, sizeof *net->t_identity_from);
  if (!net->conv || !net->t_ch || !net->t_h || !net->t_w || !net->t_identity_from)
    goto fail;
  size_t n = 0;
  int cur = add_tensor(net, 16, h, w);
  add_conv(net, -1, cur, 1, 0, 0, &n);
  for (size_t grp = 0; grp < 3; grp++) {
    size_t ch = 16 * k << grp;
    for (size_t j = 0; j < b; j++) {
      size_t s = (j == 0 && grp > 0) ? 2 : 1;
      size_t ho = (net->t_h[cur] + s - 1) / s, wo = (net->t_w[cur] + s - 1) / s;
      int mid = add_tensor(net, ch, ho, wo), out = add_tensor(net, ch, ho, wo);
      add_conv(net, cur, mid, s, 1, 0, &n);
      add_conv(net, mid, out, 1, 1, 0, &n);
      if (j == 0)
        add_conv(net, cur, out, s, 0, 1, &n);
      else
        net->t_identity_from[out] = cur;
      cur = out;
    }
  }
  net->dense_offset = n;
  n += C * net->t_ch[cur];
  net->n_params = n;
  return net;
fail:
  sa_wrn_free(net);
  return NULL;
}

sa_wrn *sa_wrn_alloc(size_t k, size_t b, size_t cin, size_t h, size_t w, size_t C)
{
  sa_wrn *net = sa_wrn_alloc_shape(k, b, cin, h, w, C);
  if (net && !(net->theta = gsl_vector_calloc(net->n_params))) {
    sa_wrn_free(net);
    return NULL;
  }
  return net;
}

void sa_wrn_init(sa_wrn *net, double sigma_first, double sigma, gsl_rng *rng)
{
  net->sigma_first = sigma_first;
  net->sigma = sigma;
  for (size_t c = 0; c < net->n_conv; c++) {
    const sa_wrn_conv *cv = &net->conv[c];
    double sd = (c == 0 ? sigma_first : sigma) / sqrt((double)sa_conv_fan_in(&cv->g));
    double *wt = net->theta->data + cv->offset;
    for (size_t i = 0; i < sa_conv_n_weights(&cv->g); i++)
      wt[i] = gsl_ran_gaussian(rng, sd);
  }
  size_t cf = net->t_ch[net->n_tensor - 1];
  double sd = sigma / sqrt((double)cf);
  double *wd = net->theta->data + net->dense_offset;
  for (size_t i = 0; i < net->C * cf; i++)
    wd[i] = gsl_ran_gaussian(rng, sd);
}

double sa_wrn_activation_doubles(const sa_wrn *net, size_t P)
{
  double s = (double)(net->cin * net->h * net->w);
  for (size_t t = 0; t < net->n_tensor; t++)
    s += 2.0 * (double)(net->t_ch[t] * net->t_h[t] * net->t_w[t]);
  return s * (double)P;
}

#define SA_REAL_DOUBLE
#include "nets/real_on.h"
#include "nets/wrn_source.c"
#include "nets/real_off.h"
#undef SA_REAL_DOUBLE

double sa_wrn_forward_flops(const sa_wrn *net, size_t P)
{
  double f = 2.0 * (double)(net->C * net->t_ch[net->n_tensor - 1] * P);
  for (size_t c = 0; c < net->n_conv; c++)
    f += sa_conv_flops(&net->conv[c].g, P);
  return f;
}

double sa_wrn_grad_flops(const sa_wrn *net, size_t P)
{
  /* forward, weight gradient of every layer, input gradient of all but the
   * first convolution, and the dense layer's two backward products */
  double f = 3.0 * sa_wrn_forward_flops(net, P);
  f -= sa_conv_flops(&net->conv[0].g, P);
  return f;
}
