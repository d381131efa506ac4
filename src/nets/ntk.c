/* Empirical NTK by layer-wise Hadamard products of Grams: see ntk.h. */
#include "config.h"

#include "nets/ntk.h"

#include "core/sa_errno.h"

#include "core/sa_linalg.h"
#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort_vector.h>
#include <math.h>
#include <stdlib.h>

static size_t max_hidden(const sa_mlp *net)
{
  size_t n = 1;
  for (size_t l = 1; l < net->L; l++)
    if (net->widths[l] > n)
      n = net->widths[l];
  return n;
}

static void set_free(sa_ntk_set *s)
{
  if (!s)
    return;
  sa_mlp_workspace_free(s->fw);
  if (s->B)
    gsl_matrix_free(s->B);
  if (s->Bn)
    gsl_matrix_free(s->Bn);
  free(s);
}

static sa_ntk_set *set_alloc(const sa_mlp *net, size_t P)
{
  size_t C = net->widths[net->L];
  sa_ntk_set *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->P = P;
  s->fw = sa_mlp_workspace_alloc(net, P);
  s->B = gsl_matrix_alloc(max_hidden(net), C * P);
  s->Bn = gsl_matrix_alloc(max_hidden(net), C * P);
  if (!s->fw || !s->B || !s->Bn) {
    set_free(s);
    return NULL;
  }
  return s;
}

sa_ntk_workspace *sa_ntk_workspace_alloc(const sa_mlp *net, size_t P, size_t P_test)
{
  if (P < 1)
    return NULL;
  sa_ntk_workspace *ws = calloc(1, sizeof *ws);
  if (!ws)
    return NULL;
  ws->C = net->widths[net->L];
  size_t rows = P_test > P ? P_test : P;
  ws->train = set_alloc(net, P);
  ws->test = P_test > 0 ? set_alloc(net, P_test) : NULL;
  ws->GH = gsl_matrix_alloc(rows, P);
  ws->GB = gsl_matrix_alloc(rows, P);
  /* eta-kernel buffers: n_in, n_out = largest layer input / output width */
  size_t C = ws->C, n_in = 1, n_out = C, n_w = 1;
  for (size_t l = 1; l <= net->L; l++) {
    size_t a = net->widths[l - 1], b = net->widths[l];
    n_in = a > n_in ? a : n_in;
    n_out = b > n_out ? b : n_out;
    n_w = a * b > n_w ? a * b : n_w;
  }
  ws->eg = malloc(n_w * sizeof *ws->eg);
  ws->s = malloc(n_in * P * sizeof *ws->s);
  ws->m = malloc(n_out * P * sizeof *ws->m);
  ws->t = malloc(n_out * P * sizeof *ws->t);
  ws->r = malloc(C * P * sizeof *ws->r);
  ws->bmu = malloc(n_out * C * sizeof *ws->bmu);
  ws->ai = malloc(n_out * sizeof *ws->ai);
  ws->aj = malloc(n_in * sizeof *ws->aj);
  if (!ws->train || (P_test > 0 && !ws->test) || !ws->GH || !ws->GB || !ws->eg || !ws->s ||
      !ws->m || !ws->t || !ws->r || !ws->bmu || !ws->ai || !ws->aj) {
    sa_ntk_workspace_free(ws);
    return NULL;
  }
  return ws;
}

void sa_ntk_workspace_free(sa_ntk_workspace *ws)
{
  if (!ws)
    return;
  set_free(ws->train);
  set_free(ws->test);
  if (ws->GH)
    gsl_matrix_free(ws->GH);
  if (ws->GB)
    gsl_matrix_free(ws->GB);
  free(ws->eg);
  free(ws->s);
  free(ws->m);
  free(ws->t);
  free(ws->r);
  free(ws->bmu);
  free(ws->ai);
  free(ws->aj);
  free(ws);
}

/* Input h_{l-1} of layer l for a set evaluated on X. */
static const gsl_matrix *layer_input(const sa_ntk_set *s, const gsl_matrix *X, size_t l)
{
  return l == 1 ? X : s->fw->H[l - 1];
}

/* out = alpha A^T Bm + beta out (A: n x Pa, Bm: n x Pb); upper triangle
 * only when sym. */
static int gram_into(int sym, double alpha, const gsl_matrix *A, const gsl_matrix *Bm, double beta,
                     gsl_matrix *out, double *flops)
{
  double n = (double)A->size1, pa = (double)A->size2, pb = (double)Bm->size2;
  int st;
  if (sym) {
    st = gsl_blas_dsyrk(CblasUpper, CblasTrans, alpha, A, beta, out);
    *flops += n * pa * (pa + 1.0);
  } else {
    st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, alpha, A, Bm, beta, out);
    *flops += 2.0 * n * pa * pb;
  }
  return st ? sa_error(st, "NTK: Gram A^T B: %s", gsl_strerror(st)) : GSL_SUCCESS;
}

static int gram(int sym, const gsl_matrix *A, const gsl_matrix *Bm, gsl_matrix *out, double *flops)
{
  return gram_into(sym, 1.0, A, Bm, 0.0, out, flops);
}

/* Kblk += w * GH .* GB (upper triangle only when upper). */
static void hadamard_acc(gsl_matrix *Kblk, double w, const gsl_matrix *GH, const gsl_matrix *GB,
                         int upper)
{
  for (size_t i = 0; i < Kblk->size1; i++) {
    double *k = Kblk->data + i * Kblk->tda;
    const double *gh = GH->data + i * GH->tda, *gb = GB->data + i * GB->tda;
    for (size_t j = upper ? i : 0; j < Kblk->size2; j++)
      k[j] += w * gh[j] * gb[j];
  }
}

/* b stack of layer l-1 from that of layer l (l >= 2). */
static int backprop_stack(const sa_mlp *net, sa_ntk_set *s, size_t l, size_t C, double *flops)
{
  size_t P = s->P, nprev = net->widths[l - 1], nl = net->widths[l];
  gsl_matrix_const_view W = sa_mlp_layer_const(net, net->theta, l);
  gsl_matrix_view Bn = gsl_matrix_submatrix(s->Bn, 0, 0, nprev, C * P);
  if (l == net->L) {
    /* b^c_{L-1,i}(x) = W^L_{c i} phi'(z_{L-1,i}(x)), written directly. */
    for (size_t i = 0; i < nprev; i++)
      for (size_t c = 0; c < C; c++) {
        double w = net->wscale[l - 1] * gsl_matrix_get(&W.matrix, c, i);
        double *row = Bn.matrix.data + i * Bn.matrix.tda + c * P;
        for (size_t mu = 0; mu < P; mu++)
          row[mu] = w;
      }
  } else {
    gsl_matrix_view B = gsl_matrix_submatrix(s->B, 0, 0, nl, C * P);
    int st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, net->wscale[l - 1], &W.matrix, &B.matrix, 0.0,
                            &Bn.matrix);
    if (st)
      return sa_error(st, "NTK: backpropagated stack of layer %zu: %s", l - 1, gsl_strerror(st));
    *flops += 2.0 * (double)nprev * (double)nl * (double)(C * P);
  }
  if (net->act != SA_ACT_LINEAR) {
    const gsl_matrix *H = s->fw->H[l - 1];
    for (size_t i = 0; i < nprev; i++)
      for (size_t c = 0; c < C; c++)
        sa_act_deriv_mul(net->act, Bn.matrix.data + i * Bn.matrix.tda + c * P, H->data + i * H->tda,
                         P);
  }
  gsl_matrix *t = s->B;
  s->B = s->Bn;
  s->Bn = t;
  return GSL_SUCCESS;
}

/* Add v to every entry of M (upper triangle only when upper). */
static void add_const(gsl_matrix *M, double v, int upper)
{
  for (size_t i = 0; i < M->size1; i++)
    for (size_t j = upper ? i : 0; j < M->size2; j++)
      M->data[i * M->tda + j] += v;
}

/* ANCHOR: ntk_layer_plain */
/* Plain (rank-one-rate) contribution of layer l, weighted by w:
 *   w (s_l^2 <h_{l-1}(x), h_{l-1}(x')> + t_l^2 [bias]) <b_l(x), b_l(x')>. */
static int layer_plain(const sa_mlp *net, size_t l, double w, int sym, sa_ntk_set *a,
                       const gsl_matrix *Xa, sa_ntk_set *b, const gsl_matrix *Xb,
                       sa_ntk_workspace *ws, gsl_matrix *K)
{
  size_t C = ws->C, Pa = a->P, Pb = b->P, nl = net->widths[l];
  const gsl_matrix *Ha = layer_input(a, Xa, l), *Hb = layer_input(b, Xb, l);
  double s2 = net->wscale[l - 1] * net->wscale[l - 1];
  double t2 = net->cfg.bias ? net->bscale[l - 1] * net->bscale[l - 1] : 0.0;
  if (l == net->L) {
    /* b^c_L = e_c, <b^c, b^c'> = delta_cc': K_cc += w Ha^T Hb, straight into K
     * (which is not zeroed beforehand when C = 1, hence beta = 0 then). */
    for (size_t c = 0; c < C; c++) {
      gsl_matrix_view Kb = gsl_matrix_submatrix(K, c * Pa, c * Pb, Pa, Pb);
      int st = gram_into(sym, w * s2, Ha, Hb, C == 1 ? 0.0 : 1.0, &Kb.matrix, &ws->flops);
      if (st)
        return st;
      if (t2 > 0.0)
        add_const(&Kb.matrix, w * t2, sym);
    }
    return GSL_SUCCESS;
  }
  gsl_matrix_view GH = gsl_matrix_submatrix(ws->GH, 0, 0, Pa, Pb);
  gsl_matrix_view GB = gsl_matrix_submatrix(ws->GB, 0, 0, Pa, Pb);
  int st = gram_into(sym, s2, Ha, Hb, 0.0, &GH.matrix, &ws->flops);
  if (st)
    return st;
  if (t2 > 0.0)
    add_const(&GH.matrix, t2, sym);
  if (sym && C > 1)
    sa_linalg_fill_lower(&GH.matrix); /* off-diagonal output blocks need all of it */
  for (size_t c = 0; c < C; c++)
    for (size_t c2 = (sym ? c : 0); c2 < C; c2++) {
      gsl_matrix_view Kb = gsl_matrix_submatrix(K, c * Pa, c2 * Pb, Pa, Pb);
      int upper = sym && c == c2;
      gsl_matrix_view Ba = gsl_matrix_submatrix(a->B, 0, c * Pa, nl, Pa);
      gsl_matrix_view Bb = gsl_matrix_submatrix(b->B, 0, c2 * Pb, nl, Pb);
      if ((st = gram(upper, &Ba.matrix, &Bb.matrix, &GB.matrix, &ws->flops)))
        return st;
      hadamard_acc(&Kb.matrix, w, &GH.matrix, &GB.matrix, upper);
    }
  return GSL_SUCCESS;
}
/* END: ntk_layer_plain */

/* General per-entry rates E of layer l, one input x_a^mu at a time:
 *
 *   M_mu = E_act diag(h(x_a^mu)) H_b          (dgemm, m x k by k x ncol)
 *   K[(c,mu),(c',nu)] += sum_i b^c_i(x_a^mu) b^c'_i(x_b^nu) M_mu[i,nu]
 *                      = (bmu^T (B_b^c' .* M_mu))[c, nu]      (dgemm, C x m by m x ncol)
 *
 * restricted to the m units i with some b^c_i(x_a^mu) != 0 and the k inputs j
 * with h_j(x_a^mu) != 0 (inactive ReLU units and zero pixels cost nothing).
 * On the training set (sym) only nu >= mu is computed; a value of an output
 * pair c > c' then lands at its transposed, upper-triangle position. */
static int layer_eta(const sa_mlp *net, size_t l, const double *E, int sym, sa_ntk_set *a,
                     const gsl_matrix *Xa, sa_ntk_set *b, const gsl_matrix *Xb,
                     sa_ntk_workspace *ws, gsl_matrix *K)
{
  size_t C = ws->C, Pa = a->P, Pb = b->P, nin = net->widths[l - 1], nout = net->widths[l];
  int top = l == net->L;
  double s2 = net->wscale[l - 1] * net->wscale[l - 1];
  const gsl_matrix *Ha = layer_input(a, Xa, l), *Hb = layer_input(b, Xb, l);
  for (size_t mu = 0; mu < Pa; mu++) {
    size_t c0 = sym ? mu : 0, ncol = Pb - c0, k = 0, m = 0;
    for (size_t j = 0; j < nin; j++)
      if (Ha->data[j * Ha->tda + mu] != 0.0)
        ws->aj[k++] = j;
    for (size_t i = 0; i < nout; i++) {
      int act = top;
      for (size_t c = 0; c < C && !act; c++)
        act = a->B->data[i * a->B->tda + c * Pa + mu] != 0.0;
      if (act)
        ws->ai[m++] = i;
    }
    if (m == 0 || k == 0)
      continue;
    /* E restricted to the active block, and S = diag(h(x_a^mu)) H_b[:, c0:] */
    for (size_t r = 0; r < m; r++)
      for (size_t q = 0; q < k; q++)
        ws->eg[r * k + q] = s2 * E[ws->ai[r] * nin + ws->aj[q]];
    for (size_t q = 0; q < k; q++) {
      double h = Ha->data[ws->aj[q] * Ha->tda + mu];
      const double *src = Hb->data + ws->aj[q] * Hb->tda + c0;
      double *dst = ws->s + q * ncol;
      for (size_t t = 0; t < ncol; t++)
        dst[t] = h * src[t];
    }
    gsl_matrix_view Eg = gsl_matrix_view_array(ws->eg, m, k);
    gsl_matrix_view S = gsl_matrix_view_array(ws->s, k, ncol);
    gsl_matrix_view M = gsl_matrix_view_array(ws->m, m, ncol);
    int st = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &Eg.matrix, &S.matrix, 0.0, &M.matrix);
    if (st)
      return sa_error(st, "NTK with rates, layer %zu: E diag(h) H: %s", l, gsl_strerror(st));
    ws->flops += 2.0 * (double)m * (double)k * (double)ncol;
    if (top) { /* b^c_{L,i} = delta_ic: K_cc[mu, nu] += M[c, nu] */
      for (size_t c = 0; c < C; c++) {
        double *krow = K->data + (c * Pa + mu) * K->tda + c * Pb + c0;
        for (size_t t = 0; t < ncol; t++)
          krow[t] += ws->m[c * ncol + t];
      }
      continue;
    }
    for (size_t r = 0; r < m; r++)
      for (size_t c = 0; c < C; c++)
        ws->bmu[r * C + c] = a->B->data[ws->ai[r] * a->B->tda + c * Pa + mu];
    gsl_matrix_view Bmu = gsl_matrix_view_array(ws->bmu, m, C);
    gsl_matrix_view T = gsl_matrix_view_array(ws->t, m, ncol);
    gsl_matrix_view R = gsl_matrix_view_array(ws->r, C, ncol);
    for (size_t c2 = 0; c2 < C; c2++) {
      for (size_t r = 0; r < m; r++) {
        const double *bb = b->B->data + ws->ai[r] * b->B->tda + c2 * Pb + c0;
        const double *mm = ws->m + r * ncol;
        double *tt = ws->t + r * ncol;
        for (size_t t = 0; t < ncol; t++)
          tt[t] = bb[t] * mm[t];
      }
      if ((st = gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &Bmu.matrix, &T.matrix, 0.0,
                               &R.matrix)))
        return sa_error(st, "NTK with rates, layer %zu: b^T (B .* M): %s", l, gsl_strerror(st));
      ws->flops += 2.0 * (double)C * (double)m * (double)ncol;
      for (size_t c = 0; c < C; c++) {
        const double *rr = ws->r + c * ncol;
        if (!sym || c <= c2) {
          double *krow = K->data + (c * Pa + mu) * K->tda + c2 * Pb + c0;
          for (size_t t = 0; t < ncol; t++)
            krow[t] += rr[t];
        } else { /* lower-triangle entry: store its transpose; nu = mu (t = 0)
                    is the pair (c2, c) already stored directly */
          double *kcol = K->data + (c2 * Pb + c0) * K->tda + c * Pa + mu;
          for (size_t t = 1; t < ncol; t++)
            kcol[t * K->tda] += rr[t];
        }
      }
    }
  }
  return GSL_SUCCESS;
}

/* Bias part of layer l with per-unit rates Eb (length widths[l]):
 *   K[(c,mu),(c',nu)] += t_l^2 sum_i Eb_i b^c_i(x_a^mu) b^c'_i(x_b^nu),
 * as (B_a^c)^T (Eb .* B_b^c') per block; the top layer (b^c_L = e_c) adds
 * t_l^2 Eb_c to the diagonal blocks.  Uses b->Bn as scratch (it is free
 * until the next backprop_stack).  On the training set only the blocks
 * c <= c' are written (the lower triangle is mirrored at the end). */
static int layer_bias_eta(const sa_mlp *net, size_t l, const double *Eb, int sym, sa_ntk_set *a,
                          sa_ntk_set *b, sa_ntk_workspace *ws, gsl_matrix *K)
{
  size_t C = ws->C, Pa = a->P, Pb = b->P, nl = net->widths[l];
  double t2 = net->bscale[l - 1] * net->bscale[l - 1];
  if (l == net->L) {
    for (size_t c = 0; c < C; c++) {
      gsl_matrix_view Kb = gsl_matrix_submatrix(K, c * Pa, c * Pb, Pa, Pb);
      add_const(&Kb.matrix, t2 * Eb[c], sym);
    }
    return GSL_SUCCESS;
  }
  gsl_matrix_view S = gsl_matrix_submatrix(b->Bn, 0, 0, nl, C * Pb);
  for (size_t i = 0; i < nl; i++) {
    const double *src = b->B->data + i * b->B->tda;
    double *dst = S.matrix.data + i * S.matrix.tda;
    for (size_t k = 0; k < C * Pb; k++)
      dst[k] = Eb[i] * src[k];
  }
  for (size_t c = 0; c < C; c++)
    for (size_t c2 = (sym ? c : 0); c2 < C; c2++) {
      gsl_matrix_view Kb = gsl_matrix_submatrix(K, c * Pa, c2 * Pb, Pa, Pb);
      gsl_matrix_view Ba = gsl_matrix_submatrix(a->B, 0, c * Pa, nl, Pa);
      gsl_matrix_view Sb = gsl_matrix_submatrix(&S.matrix, 0, c2 * Pb, nl, Pb);
      int st =
          gsl_blas_dgemm(CblasTrans, CblasNoTrans, t2, &Ba.matrix, &Sb.matrix, 1.0, &Kb.matrix);
      if (st)
        return sa_error(st, "NTK with rates, bias of layer %zu: %s", l, gsl_strerror(st));
      ws->flops += 2.0 * (double)nl * (double)Pa * (double)Pb;
    }
  return GSL_SUCCESS;
}

/* No rates, or one rate for the whole layer (weights and biases): the
 * rank-one (Hadamard) form. */
static int layer_is_plain(const sa_mlp *net, const gsl_vector *eta, size_t l)
{
  if (!eta)
    return 1;
  const double *E = eta->data + net->offset[l - 1];
  size_t n = net->widths[l] * net->widths[l - 1], k = 1;
  while (k < n && E[k] == E[0])
    k++;
  if (k < n)
    return 0;
  if (net->cfg.bias) {
    const double *Eb = eta->data + net->boffset[l - 1];
    for (size_t i = 0; i < net->widths[l]; i++)
      if (Eb[i] != E[0])
        return 0;
  }
  return 1;
}

/* Common driver: Gram (sym, a == b) or cross-kernel, optional rates,
 * optional per-layer parts Kl[0..L-1] (then K is their sum). */
static int kernel_run(const sa_mlp *net, const gsl_vector *eta, int sym, sa_ntk_set *a,
                      const gsl_matrix *Xa, sa_ntk_set *b, const gsl_matrix *Xb,
                      sa_ntk_workspace *ws, gsl_matrix *K, gsl_matrix **Kl)
{
  size_t C = ws->C, L = net->L;
  if (K->size1 != C * a->P || K->size2 != C * b->P)
    return GSL_EBADLEN;
  if (Kl)
    for (size_t l = 0; l < L; l++)
      if (!Kl[l] || Kl[l]->size1 != K->size1 || Kl[l]->size2 != K->size2)
        return GSL_EBADLEN;
  if (eta) {
    if (eta->size != net->n_params || eta->stride != 1)
      return GSL_EBADLEN;
    for (size_t k = 0; k < eta->size; k++)
      if (!(eta->data[k] >= 0.0))
        return GSL_EDOM;
  }
  int st = sa_mlp_forward(net, Xa, a->fw);
  if (!st && !sym)
    st = sa_mlp_forward(net, Xb, b->fw);
  if (st)
    return st;
  ws->flops = sa_mlp_forward_flops(net, a->P) + (sym ? 0.0 : sa_mlp_forward_flops(net, b->P));
  /* The top layer comes first; with C = 1 and a plain top layer it
   * overwrites all of K (beta = 0), otherwise K starts from zero. */
  if (C > 1 || !layer_is_plain(net, eta, L) || Kl)
    gsl_matrix_set_zero(K);
  for (size_t l = L; l >= 1; l--) {
    gsl_matrix *T = K;
    if (Kl) {
      T = Kl[l - 1];
      gsl_matrix_set_zero(T);
    }
    if (layer_is_plain(net, eta, l))
      st = layer_plain(net, l, eta ? eta->data[net->offset[l - 1]] : 1.0, sym, a, Xa, b, Xb, ws, T);
    else if (!(st = layer_eta(net, l, eta->data + net->offset[l - 1], sym, a, Xa, b, Xb, ws, T)) &&
             net->cfg.bias)
      st = layer_bias_eta(net, l, eta->data + net->boffset[l - 1], sym, a, b, ws, T);
    if (st)
      return st;
    if (Kl) {
      if (sym)
        sa_linalg_fill_lower(T);
      if ((st = gsl_matrix_add(K, T)))
        return sa_error(st, "NTK: sum of the layers: %s", gsl_strerror(st));
    }
    if (l == 1)
      break;
    if ((st = backprop_stack(net, a, l, C, &ws->flops)) ||
        (!sym && (st = backprop_stack(net, b, l, C, &ws->flops))))
      return st;
  }
  if (sym)
    sa_linalg_fill_lower(K);
  return GSL_SUCCESS;
}

int sa_ntk_gram(const sa_mlp *net, const gsl_matrix *X, sa_ntk_workspace *ws, gsl_matrix *K)
{
  return kernel_run(net, NULL, 1, ws->train, X, ws->train, X, ws, K, NULL);
}

int sa_ntk_gram_layers(const sa_mlp *net, const gsl_matrix *X, sa_ntk_workspace *ws, gsl_matrix *K,
                       gsl_matrix **Kl)
{
  return kernel_run(net, NULL, 1, ws->train, X, ws->train, X, ws, K, Kl);
}

int sa_ntk_cross(const sa_mlp *net, const gsl_matrix *Xt, const gsl_matrix *X, sa_ntk_workspace *ws,
                 gsl_matrix *K)
{
  if (!ws->test)
    return GSL_EBADLEN;
  return kernel_run(net, NULL, 0, ws->test, Xt, ws->train, X, ws, K, NULL);
}

int sa_ntk_eta_gram(const sa_mlp *net, const gsl_vector *eta, const gsl_matrix *X,
                    sa_ntk_workspace *ws, gsl_matrix *K)
{
  return kernel_run(net, eta, 1, ws->train, X, ws->train, X, ws, K, NULL);
}

int sa_ntk_eta_cross(const sa_mlp *net, const gsl_vector *eta, const gsl_matrix *Xt,
                     const gsl_matrix *X, sa_ntk_workspace *ws, gsl_matrix *K)
{
  if (!ws->test)
    return GSL_EBADLEN;
  return kernel_run(net, eta, 0, ws->test, Xt, ws->train, X, ws, K, NULL);
}

double sa_ntk_frobenius(const gsl_matrix *K)
{
  return sa_linalg_frobenius(K);
}

double sa_ntk_alignment(const gsl_matrix *K, const gsl_matrix *Y, gsl_vector *work)
{
  size_t C = Y->size1, P = Y->size2, n = C * P;
  if (K->size1 != n || K->size2 != n || work->size != 2 * n)
    return NAN;
  gsl_vector_view y = gsl_vector_subvector(work, 0, n), Ky = gsl_vector_subvector(work, n, n);
  for (size_t c = 0; c < C; c++)
    for (size_t mu = 0; mu < P; mu++)
      gsl_vector_set(&y.vector, c * P + mu, gsl_matrix_get(Y, c, mu));
  return sa_linalg_alignment(K, &y.vector, &Ky.vector); /* core/sa_linalg.h */
}

int sa_ntk_top_eigenvalues(const gsl_matrix *K, gsl_vector *eval)
{
  size_t n = K->size1, k = eval->size;
  if (K->size2 != n || k > n || k == 0)
    return GSL_EBADLEN;
  gsl_matrix *A = gsl_matrix_alloc(n, n);
  gsl_vector *all = gsl_vector_alloc(n);
  gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(n);
  int st = GSL_ENOMEM;
  if (A && all && w) {
    if ((st = gsl_matrix_memcpy(A, K)) || (st = gsl_eigen_symm(A, all, w)))
      sa_error(st, "NTK eigenvalues: %s", gsl_strerror(st));
    else {
      gsl_sort_vector(all);
      for (size_t i = 0; i < k; i++)
        gsl_vector_set(eval, i, gsl_vector_get(all, n - 1 - i));
    }
  }
  if (w)
    gsl_eigen_symm_free(w);
  if (all)
    gsl_vector_free(all);
  if (A)
    gsl_matrix_free(A);
  return st;
}

static size_t smaller(size_t a, size_t b)
{
  return a < b ? a : b;
}

size_t sa_ntk_weight_alignment_worksize(size_t N, size_t C, size_t D)
{
  return N * C + smaller(N, D) * smaller(N, D) + smaller(C, D) * smaller(C, D);
}

double sa_ntk_weight_alignment(const gsl_matrix *W, const gsl_matrix *B, double *work, size_t nwork)
{
  size_t N = W->size1, C = B->size1, D = W->size2, gw = smaller(N, D), gb = smaller(C, D);
  if (B->size2 != D || nwork < sa_ntk_weight_alignment_worksize(N, C, D))
    return NAN;
  gsl_matrix_view WB = gsl_matrix_view_array(work, N, C);
  gsl_matrix_view GW = gsl_matrix_view_array(work + N * C, gw, gw);
  gsl_matrix_view GB = gsl_matrix_view_array(work + N * C + gw * gw, gb, gb);
  int st = gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, W, B, 0.0, &WB.matrix);
  if (st) {
    sa_error(st, "weight alignment W B^T: %s", gsl_strerror(st));
    return NAN;
  }
  double num = sa_ntk_frobenius(&WB.matrix);
  /* ||W W^T||_F ||B B^T||_F from the smaller Grams (core/sa_linalg.h) */
  double den = sa_linalg_gram_frobenius(W, &GW.matrix) * sa_linalg_gram_frobenius(B, &GB.matrix);
  if (!(den > 0.0))
    return NAN;
  return num * num / den;
}
