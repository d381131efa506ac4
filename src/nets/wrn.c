/* Wide residual networks (Neural Tangents layout, no batch norm, no
 * biases): see wrn.h. */
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
  sa_conv_geom_set(&c->g, cin, net->t_ch[out], h, w, stride);
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

void sa_wrn_workspace_free(sa_wrn_workspace *ws)
{
  if (!ws)
    return;
  if (ws->T)
    for (size_t t = 0; ws->T[t]; t++)
      gsl_matrix_free(ws->T[t]);
  if (ws->dT)
    for (size_t t = 0; ws->dT[t]; t++)
      gsl_matrix_free(ws->dT[t]);
  free(ws->T);
  free(ws->dT);
  if (ws->img)
    gsl_matrix_free(ws->img);
  if (ws->pool)
    gsl_matrix_free(ws->pool);
  if (ws->dpool)
    gsl_matrix_free(ws->dpool);
  if (ws->F)
    gsl_matrix_free(ws->F);
  sa_conv_buf_free(ws->buf);
  free(ws);
}

sa_wrn_workspace *sa_wrn_workspace_alloc(const sa_wrn *net, size_t P)
{
  if (P < 1)
    return NULL;
  sa_wrn_workspace *ws = calloc(1, sizeof *ws);
  if (!ws)
    return NULL;
  ws->P = P;
  /* NULL-terminated arrays, so that a partial allocation frees cleanly. */
  ws->T = calloc(net->n_tensor + 1, sizeof *ws->T);
  ws->dT = calloc(net->n_tensor + 1, sizeof *ws->dT);
  if (!ws->T || !ws->dT)
    goto fail;
  for (size_t t = 0; t < net->n_tensor; t++) {
    size_t cols = P * net->t_h[t] * net->t_w[t];
    if (!(ws->T[t] = gsl_matrix_alloc(net->t_ch[t], cols)))
      goto fail;
    if (!(ws->dT[t] = gsl_matrix_alloc(net->t_ch[t], cols)))
      goto fail;
  }
  size_t cf = net->t_ch[net->n_tensor - 1], cap = SA_WRN_COL_CAP;
  for (size_t c = 0; c < net->n_conv; c++) {
    size_t one = 9 * net->conv[c].g.cin * net->conv[c].g.ho * net->conv[c].g.wo;
    cap = one > cap ? one : cap;
  }
  ws->img = gsl_matrix_alloc(net->cin, P * net->h * net->w);
  ws->pool = gsl_matrix_alloc(cf, P);
  ws->dpool = gsl_matrix_alloc(cf, P);
  ws->F = gsl_matrix_alloc(net->C, P);
  ws->buf = sa_conv_buf_alloc(cap);
  if (!ws->img || !ws->pool || !ws->dpool || !ws->F || !ws->buf)
    goto fail;
  return ws;
fail:
  sa_wrn_workspace_free(ws);
  return NULL;
}

static const gsl_matrix *conv_input(const sa_wrn_workspace *ws, const sa_wrn_conv *cv)
{
  return cv->in < 0 ? ws->img : ws->T[cv->in];
}

int sa_wrn_forward(const sa_wrn *net, const gsl_matrix *X, sa_wrn_workspace *ws)
{
  size_t P = ws->P, hw = net->h * net->w;
  if (X->size1 != net->cin * hw || X->size2 != P)
    return GSL_EBADLEN;
  /* Columns of X (pixels in channel, row, column order) -> image tensor. */
  for (size_t c = 0; c < net->cin; c++)
    for (size_t mu = 0; mu < P; mu++) {
      double *dst = ws->img->data + c * ws->img->tda + mu * hw;
      for (size_t p = 0; p < hw; p++)
        dst[p] = X->data[(c * hw + p) * X->tda + mu];
    }
  /* ANCHOR: wrn_forward */
  ws->flops = 0.0;
  for (size_t c = 0; c < net->n_conv; c++) {
    const sa_wrn_conv *cv = &net->conv[c];
    sa_conv_forward(&cv->g, net->theta->data + cv->offset, conv_input(ws, cv), cv->relu_in,
                    cv->accumulate ? 1.0 : 0.0, ws->T[cv->out], ws->buf);
    ws->flops += sa_conv_flops(&cv->g, P);
    int from = net->t_identity_from[cv->out];
    if (from >= 0 && !cv->accumulate)
      gsl_matrix_add(ws->T[cv->out], ws->T[from]); /* identity shortcut after conv2 */
  }
  /* END: wrn_forward */
  /* Global average pooling and the dense layer. */
  const gsl_matrix *last = ws->T[net->n_tensor - 1];
  size_t cf = last->size1, hwl = net->t_h[net->n_tensor - 1] * net->t_w[net->n_tensor - 1];
  for (size_t c = 0; c < cf; c++)
    for (size_t mu = 0; mu < P; mu++) {
      const double *v = last->data + c * last->tda + mu * hwl;
      double s = 0.0;
      for (size_t p = 0; p < hwl; p++)
        s += v[p];
      gsl_matrix_set(ws->pool, c, mu, s / (double)hwl);
    }
  gsl_matrix_const_view Wd =
      gsl_matrix_const_view_array(net->theta->data + net->dense_offset, net->C, cf);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &Wd.matrix, ws->pool, 0.0, ws->F);
  ws->flops += 2.0 * (double)(net->C * cf * P);
  return GSL_SUCCESS;
}

int sa_wrn_backward(const sa_wrn *net, const gsl_matrix *dF, sa_wrn_workspace *ws, gsl_vector *grad)
{
  size_t P = ws->P, C = net->C, nt = net->n_tensor;
  if (dF->size1 != C || dF->size2 != P ||
      (grad && (grad->size != net->n_params || grad->stride != 1)))
    return GSL_EBADLEN;
  size_t cf = net->t_ch[nt - 1], hwl = net->t_h[nt - 1] * net->t_w[nt - 1];
  gsl_matrix_const_view Wd =
      gsl_matrix_const_view_array(net->theta->data + net->dense_offset, C, cf);
  if (grad) {
    gsl_matrix_view dWd = gsl_matrix_view_array(grad->data + net->dense_offset, C, cf);
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, dF, ws->pool, 0.0, &dWd.matrix);
    ws->flops += 2.0 * (double)(C * cf * P);
  }
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &Wd.matrix, dF, 0.0, ws->dpool);
  ws->flops += 2.0 * (double)(C * cf * P);
  gsl_matrix *dlast = ws->dT[nt - 1];
  for (size_t c = 0; c < cf; c++)
    for (size_t mu = 0; mu < P; mu++) {
      double v = gsl_matrix_get(ws->dpool, c, mu) / (double)hwl;
      double *d = dlast->data + c * dlast->tda + mu * hwl;
      for (size_t p = 0; p < hwl; p++)
        d[p] = v;
    }
  for (size_t t = 0; t + 1 < nt; t++)
    gsl_matrix_set_zero(ws->dT[t]);
  for (size_t c = net->n_conv; c-- > 0;) {
    const sa_wrn_conv *cv = &net->conv[c];
    int from = net->t_identity_from[cv->out];
    if (from >= 0 && !cv->accumulate)
      gsl_matrix_add(ws->dT[from], ws->dT[cv->out]); /* identity shortcut */
    double *dW = grad ? grad->data + cv->offset : NULL;
    gsl_matrix *dX = cv->in < 0 ? NULL : ws->dT[cv->in];
    sa_conv_backward(&cv->g, net->theta->data + cv->offset, conv_input(ws, cv), cv->relu_in,
                     ws->dT[cv->out], dW, 0.0, dX, ws->buf);
    ws->flops += (dW ? 1.0 : 0.0) * sa_conv_flops(&cv->g, P) + (dX ? sa_conv_flops(&cv->g, P) : 0);
  }
  return GSL_SUCCESS;
}

int sa_wrn_loss_grad(const sa_wrn *net, const gsl_matrix *X, const gsl_matrix *Y,
                     sa_wrn_workspace *ws, double *loss, gsl_vector *grad)
{
  if (Y->size1 != net->C || Y->size2 != ws->P)
    return GSL_EBADLEN;
  int st = sa_wrn_forward(net, X, ws);
  if (st)
    return st;
  if (loss)
    *loss = sa_model_mse(ws->F, Y);
  if (!grad)
    return GSL_SUCCESS;
  gsl_matrix *dF = gsl_matrix_alloc(net->C, ws->P);
  if (!dF)
    return GSL_ENOMEM;
  st = sa_model_mse_grad(ws->F, Y, dF); /* (F - Y)/P */
  if (!st)
    st = sa_wrn_backward(net, dF, ws, grad);
  gsl_matrix_free(dF);
  return st;
}

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
