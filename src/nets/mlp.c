/* MLPs, with optional biases and NTK parameterisation: see mlp.h. */
#include "config.h"

#include "nets/mlp.h"

#include "core/sa_errno.h"
#include "nets/model.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

sa_mlp *sa_mlp_alloc(size_t L, const size_t *widths, sa_act act)
{
  return sa_mlp_alloc_config(L, widths, act, NULL);
}

sa_mlp *sa_mlp_alloc_config(size_t L, const size_t *widths, sa_act act, const sa_mlp_config *cfg)
{
  if (L < 1 || widths == NULL)
    return NULL;
  if (cfg && !(cfg->bias_sigma >= 0.0))
    return NULL;
  if (act != SA_ACT_LINEAR && act != SA_ACT_RELU && act != SA_ACT_TANH)
    return NULL;
  for (size_t l = 0; l <= L; l++)
    if (widths[l] < 1)
      return NULL;
  sa_mlp *net = calloc(1, sizeof *net);
  if (!net)
    return NULL;
  net->L = L;
  net->act = act;
  if (cfg)
    net->cfg = *cfg;
  net->widths = malloc((L + 1) * sizeof *net->widths);
  net->offset = malloc(L * sizeof *net->offset);
  net->boffset = malloc(L * sizeof *net->boffset);
  net->wscale = malloc(L * sizeof *net->wscale);
  net->bscale = malloc(L * sizeof *net->bscale);
  if (!net->widths || !net->offset || !net->boffset || !net->wscale || !net->bscale)
    goto fail;
  memcpy(net->widths, widths, (L + 1) * sizeof *widths);
  size_t n = 0;
  for (size_t l = 1; l <= L; l++) {
    net->offset[l - 1] = n;
    n += widths[l] * widths[l - 1];
    net->wscale[l - 1] = net->bscale[l - 1] = 1.0;
  }
  for (size_t l = 1; l <= L; l++) {
    net->boffset[l - 1] = n;
    if (net->cfg.bias)
      n += widths[l];
  }
  net->n_params = n;
  net->theta = gsl_vector_calloc(n);
  if (!net->theta)
    goto fail;
  return net;
fail:
  sa_mlp_free(net);
  return NULL;
}

void sa_mlp_free(sa_mlp *net)
{
  if (!net)
    return;
  if (net->theta)
    gsl_vector_free(net->theta);
  free(net->widths);
  free(net->offset);
  free(net->boffset);
  free(net->wscale);
  free(net->bscale);
  free(net);
}

static const char *const act_names[] = {"linear", "relu", "tanh"};

int sa_act_from_name(const char *name, sa_act *act)
{
  for (int i = 0; i < 3; i++)
    if (strcmp(name, act_names[i]) == 0) {
      *act = (sa_act)i;
      return GSL_SUCCESS;
    }
  return sa_error(GSL_EINVAL, "unknown activation '%s' (linear, relu or tanh)", name);
}

const char *sa_act_name(sa_act act)
{
  return act_names[act];
}

void sa_mlp_init(sa_mlp *net, double sigma, gsl_rng *rng)
{
  int ntk = net->cfg.ntk_param;
  for (size_t l = 1; l <= net->L; l++) {
    double s = sigma / sqrt((double)net->widths[l - 1]);
    size_t n = net->widths[l] * net->widths[l - 1];
    double *w = net->theta->data + net->offset[l - 1];
    for (size_t k = 0; k < n; k++)
      w[k] = (ntk ? 1.0 : s) * gsl_ran_gaussian(rng, 1.0);
    net->wscale[l - 1] = ntk ? s : 1.0;
    net->bscale[l - 1] = ntk ? net->cfg.bias_sigma : 1.0;
  }
  if (!net->cfg.bias)
    return;
  for (size_t l = 1; l <= net->L; l++) {
    double *b = net->theta->data + net->boffset[l - 1];
    for (size_t i = 0; i < net->widths[l]; i++)
      b[i] = (ntk ? 1.0 : net->cfg.bias_sigma) * gsl_ran_gaussian(rng, 1.0);
  }
}

gsl_vector_view sa_mlp_bias_of(const sa_mlp *net, gsl_vector *v, size_t l)
{
  return gsl_vector_view_array(v->data + net->boffset[l - 1], net->widths[l]);
}

/* out[i, mu] += t b_i for every column (biases of layer l). */
static void add_bias(const sa_mlp *net, size_t l, gsl_matrix *out)
{
  const double *b = net->theta->data + net->boffset[l - 1];
  double t = net->bscale[l - 1];
  for (size_t i = 0; i < out->size1; i++) {
    double v = t * b[i], *row = out->data + i * out->tda;
    for (size_t j = 0; j < out->size2; j++)
      row[j] += v;
  }
}

gsl_matrix_view sa_mlp_layer_of(const sa_mlp *net, gsl_vector *v, size_t l)
{
  return gsl_matrix_view_array(v->data + net->offset[l - 1], net->widths[l], net->widths[l - 1]);
}

gsl_matrix_view sa_mlp_layer(const sa_mlp *net, size_t l)
{
  return sa_mlp_layer_of(net, net->theta, l);
}

_gsl_matrix_const_view sa_mlp_layer_const(const sa_mlp *net, const gsl_vector *v, size_t l)
{
  return gsl_matrix_const_view_array(v->data + net->offset[l - 1], net->widths[l],
                                     net->widths[l - 1]);
}

sa_mlp_workspace *sa_mlp_workspace_alloc(const sa_mlp *net, size_t P)
{
  if (P < 1)
    return NULL;
  sa_mlp_workspace *ws = calloc(1, sizeof *ws);
  if (!ws)
    return NULL;
  ws->P = P;
  ws->L = net->L;
  ws->H = calloc(net->L, sizeof *ws->H);
  if (!ws->H)
    goto fail;
  size_t nmax = 1;
  for (size_t l = 1; l <= net->L; l++) {
    if (net->widths[l] > nmax)
      nmax = net->widths[l];
    if (l < net->L && !(ws->H[l] = gsl_matrix_alloc(net->widths[l], P)))
      goto fail;
  }
  ws->F = gsl_matrix_alloc(net->widths[net->L], P);
  ws->G = gsl_matrix_alloc(nmax, P);
  ws->G2 = gsl_matrix_alloc(nmax, P);
  if (!ws->F || !ws->G || !ws->G2)
    goto fail;
  return ws;
fail:
  sa_mlp_workspace_free(ws);
  return NULL;
}

void sa_mlp_workspace_free(sa_mlp_workspace *ws)
{
  if (!ws)
    return;
  if (ws->H)
    for (size_t l = 1; l < ws->L; l++)
      if (ws->H[l])
        gsl_matrix_free(ws->H[l]);
  free(ws->H);
  if (ws->F)
    gsl_matrix_free(ws->F);
  if (ws->G)
    gsl_matrix_free(ws->G);
  if (ws->G2)
    gsl_matrix_free(ws->G2);
  free(ws);
}

double sa_act_apply(sa_act act, double z)
{
  switch (act) {
  case SA_ACT_RELU:
    return z > 0 ? z : 0.0;
  case SA_ACT_TANH:
    return tanh(z);
  default:
    return z;
  }
}

double sa_act_deriv_from_h(sa_act act, double h)
{
  switch (act) {
  case SA_ACT_RELU:
    return h > 0 ? 1.0 : 0.0;
  case SA_ACT_TANH:
    return 1.0 - h * h;
  default:
    return 1.0;
  }
}

/* x if keep, else +0, without a branch: random signs of ReLU pre-activations
 * defeat branch prediction (GCC -O2 turns a ?: or a multiply by the 0/1
 * comparison into a branch).  The comparison result is widened to an all-ones
 * or all-zeros bit mask. */
static inline double keep_if(double x, int keep)
{
  uint64_t b, m = -(uint64_t)(keep != 0);
  memcpy(&b, &x, sizeof b);
  b &= m;
  memcpy(&x, &b, sizeof x);
  return x;
}

void sa_act_deriv_mul(sa_act act, double *g, const double *h, size_t n)
{
  switch (act) {
  case SA_ACT_RELU:
    for (size_t i = 0; i < n; i++)
      g[i] = keep_if(g[i], h[i] > 0.0);
    break;
  case SA_ACT_TANH:
    for (size_t i = 0; i < n; i++)
      g[i] *= 1.0 - h[i] * h[i];
    break;
  default:
    break;
  }
}

/* Input of layer l: X for l = 1, else h_{l-1}. */
static const gsl_matrix *layer_input(const sa_mlp_workspace *ws, const gsl_matrix *X, size_t l)
{
  return l == 1 ? X : ws->H[l - 1];
}

static void apply_act_inplace(sa_act act, gsl_matrix *Z)
{
  for (size_t i = 0; i < Z->size1; i++) {
    double *row = Z->data + i * Z->tda;
    if (act == SA_ACT_RELU)
      for (size_t j = 0; j < Z->size2; j++)
        row[j] = keep_if(row[j], row[j] > 0.0);
    else if (act == SA_ACT_TANH)
      for (size_t j = 0; j < Z->size2; j++)
        row[j] = tanh(row[j]);
  }
}

/* ANCHOR: mlp_forward */
int sa_mlp_forward(const sa_mlp *net, const gsl_matrix *X, sa_mlp_workspace *ws)
{
  if (X->size1 != net->widths[0] || X->size2 != ws->P || ws->L != net->L)
    return GSL_EBADLEN;
  for (size_t l = 1; l <= net->L; l++) {
    gsl_matrix_const_view W = sa_mlp_layer_const(net, net->theta, l);
    gsl_matrix *out = l == net->L ? ws->F : ws->H[l];
    /* z_l = W^l h_{l-1}; h_l = phi(z_l) overwrites z_l. */
    int st = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, net->wscale[l - 1], &W.matrix,
                            layer_input(ws, X, l), 0.0, out);
    if (st)
      return sa_error(st, "MLP forward, layer %zu: %s", l, gsl_strerror(st));
    if (net->cfg.bias)
      add_bias(net, l, out);
    if (l < net->L)
      apply_act_inplace(net->act, out);
  }
  return GSL_SUCCESS;
}
/* END: mlp_forward */

/* ANCHOR: mlp_loss_grad */
int sa_mlp_loss_grad(const sa_mlp *net, const gsl_matrix *X, const gsl_matrix *Y,
                     sa_mlp_workspace *ws, double *loss, gsl_vector *grad)
{
  size_t L = net->L, P = ws->P, C = net->widths[L];
  if (Y->size1 != C || Y->size2 != P || (grad && grad->size != net->n_params) ||
      (grad && grad->stride != 1))
    return GSL_EBADLEN;
  int st = sa_mlp_forward(net, X, ws);
  if (st)
    return st;
  if (loss)
    *loss = sa_model_mse(ws->F, Y);
  if (!grad)
    return GSL_SUCCESS;
  /* G_L = dL/dz_L = (F - Y)/P, kept in the top C rows of ws->G. */
  gsl_matrix_view Gl = gsl_matrix_submatrix(ws->G, 0, 0, C, P);
  if ((st = sa_model_mse_grad(ws->F, Y, &Gl.matrix)))
    return st;
  gsl_matrix *cur = ws->G, *next = ws->G2;
  for (size_t l = L; l >= 1; l--) {
    size_t nl = net->widths[l], nprev = net->widths[l - 1];
    gsl_matrix_view G = gsl_matrix_submatrix(cur, 0, 0, nl, P);
    gsl_matrix_view dW = sa_mlp_layer_of(net, grad, l);
    /* dL/dW^l = s_l G_l h_{l-1}^T, dL/db^l = t_l G_l 1 */
    if ((st = gsl_blas_dgemm(CblasNoTrans, CblasTrans, net->wscale[l - 1], &G.matrix,
                             layer_input(ws, X, l), 0.0, &dW.matrix)))
      return sa_error(st, "MLP gradient dW^%zu: %s", l, gsl_strerror(st));
    if (net->cfg.bias) {
      double *db = grad->data + net->boffset[l - 1], t = net->bscale[l - 1];
      for (size_t i = 0; i < nl; i++) {
        const double *row = G.matrix.data + i * G.matrix.tda;
        double acc = 0.0;
        for (size_t mu = 0; mu < P; mu++)
          acc += row[mu];
        db[i] = t * acc;
      }
    }
    if (l == 1)
      break;
    /* G_{l-1} = s_l (W^l^T G_l) .* phi'(z_{l-1}) */
    gsl_matrix_const_view W = sa_mlp_layer_const(net, net->theta, l);
    gsl_matrix_view Gp = gsl_matrix_submatrix(next, 0, 0, nprev, P);
    if ((st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, net->wscale[l - 1], &W.matrix, &G.matrix,
                             0.0, &Gp.matrix)))
      return sa_error(st, "MLP backward, layer %zu: %s", l, gsl_strerror(st));
    if (net->act != SA_ACT_LINEAR) {
      const gsl_matrix *Hp = ws->H[l - 1];
      for (size_t i = 0; i < nprev; i++)
        sa_act_deriv_mul(net->act, Gp.matrix.data + i * Gp.matrix.tda, Hp->data + i * Hp->tda, P);
    }
    gsl_matrix *t = cur;
    cur = next;
    next = t;
  }
  return GSL_SUCCESS;
}
/* END: mlp_loss_grad */

double sa_mlp_forward_flops(const sa_mlp *net, size_t P)
{
  double f = 0.0;
  for (size_t l = 1; l <= net->L; l++)
    f += 2.0 * (double)net->widths[l] * (double)net->widths[l - 1] * (double)P;
  return f;
}

double sa_mlp_grad_flops(const sa_mlp *net, size_t P)
{
  /* forward, one weight-gradient gemm per layer, one backprop gemm per layer > 1 */
  double f = 3.0 * sa_mlp_forward_flops(net, P);
  f -= 2.0 * (double)net->widths[1] * (double)net->widths[0] * (double)P;
  return f;
}
