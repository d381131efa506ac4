/* Empirical NTK by layer-wise Hadamard products of Grams: see ntk.h. */
#include "config.h"

#include "nets/ntk.h"

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
  if (s->A)
    gsl_matrix_free(s->A);
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
  s->A = gsl_matrix_alloc(SA_NTK_ETA_BLOCK, C * P);
  if (!s->fw || !s->B || !s->Bn || !s->A) {
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
  if (!ws->train || (P_test > 0 && !ws->test) || !ws->GH || !ws->GB) {
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
  free(ws);
}

/* Input h_{l-1} of layer l for a set evaluated on X. */
static const gsl_matrix *layer_input(const sa_ntk_set *s, const gsl_matrix *X, size_t l)
{
  return l == 1 ? X : s->fw->H[l - 1];
}

/* out = alpha A^T Bm + beta out (A: n x Pa, Bm: n x Pb); upper triangle
 * only when sym. */
static void gram_into(int sym, double alpha, const gsl_matrix *A, const gsl_matrix *Bm,
                      double beta, gsl_matrix *out, double *flops)
{
  double n = (double)A->size1, pa = (double)A->size2, pb = (double)Bm->size2;
  if (sym) {
    gsl_blas_dsyrk(CblasUpper, CblasTrans, alpha, A, beta, out);
    *flops += n * pa * (pa + 1.0);
  } else {
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, alpha, A, Bm, beta, out);
    *flops += 2.0 * n * pa * pb;
  }
}

static void gram(int sym, const gsl_matrix *A, const gsl_matrix *Bm, gsl_matrix *out,
                 double *flops)
{
  gram_into(sym, 1.0, A, Bm, 0.0, out, flops);
}

static void copy_upper_to_lower(gsl_matrix *M)
{
  for (size_t i = 0; i < M->size1; i++)
    for (size_t j = 0; j < i; j++)
      M->data[i * M->tda + j] = M->data[j * M->tda + i];
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
static void backprop_stack(const sa_mlp *net, sa_ntk_set *s, size_t l, size_t C, double *flops)
{
  size_t P = s->P, nprev = net->widths[l - 1], nl = net->widths[l];
  gsl_matrix_const_view W = sa_mlp_layer_const(net, net->theta, l);
  gsl_matrix_view Bn = gsl_matrix_submatrix(s->Bn, 0, 0, nprev, C * P);
  if (l == net->L) {
    /* b^c_{L-1,i}(x) = W^L_{c i} phi'(z_{L-1,i}(x)), written directly. */
    for (size_t i = 0; i < nprev; i++)
      for (size_t c = 0; c < C; c++) {
        double w = gsl_matrix_get(&W.matrix, c, i);
        double *row = Bn.matrix.data + i * Bn.matrix.tda + c * P;
        for (size_t mu = 0; mu < P; mu++)
          row[mu] = w;
      }
  } else {
    gsl_matrix_view B = gsl_matrix_submatrix(s->B, 0, 0, nl, C * P);
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &W.matrix, &B.matrix, 0.0, &Bn.matrix);
    *flops += 2.0 * (double)nprev * (double)nl * (double)(C * P);
  }
  if (net->act != SA_ACT_LINEAR) {
    const gsl_matrix *H = s->fw->H[l - 1];
    for (size_t i = 0; i < nprev; i++)
      for (size_t c = 0; c < C; c++)
        sa_act_deriv_mul(net->act, Bn.matrix.data + i * Bn.matrix.tda + c * P,
                         H->data + i * H->tda, P);
  }
  gsl_matrix *t = s->B;
  s->B = s->Bn;
  s->Bn = t;
}

/* Plain (rank-one-rate) contribution of layer l, weighted by w. */
static void layer_plain(const sa_mlp *net, size_t l, double w, int sym, sa_ntk_set *a,
                        const gsl_matrix *Xa, sa_ntk_set *b, const gsl_matrix *Xb,
                        sa_ntk_workspace *ws, gsl_matrix *K)
{
  size_t C = ws->C, Pa = a->P, Pb = b->P, nl = net->widths[l];
  const gsl_matrix *Ha = layer_input(a, Xa, l), *Hb = layer_input(b, Xb, l);
  if (l == net->L) {
    /* b^c_L = e_c, <b^c, b^c'> = delta_cc': K_cc += w Ha^T Hb, straight into K
     * (which is not zeroed beforehand when C = 1, hence beta = 0 then). */
    for (size_t c = 0; c < C; c++) {
      gsl_matrix_view Kb = gsl_matrix_submatrix(K, c * Pa, c * Pb, Pa, Pb);
      gram_into(sym, w, Ha, Hb, C == 1 ? 0.0 : 1.0, &Kb.matrix, &ws->flops);
    }
    return;
  }
  gsl_matrix_view GH = gsl_matrix_submatrix(ws->GH, 0, 0, Pa, Pb);
  gsl_matrix_view GB = gsl_matrix_submatrix(ws->GB, 0, 0, Pa, Pb);
  gram(sym, Ha, Hb, &GH.matrix, &ws->flops);
  if (sym && C > 1)
    copy_upper_to_lower(&GH.matrix); /* off-diagonal output blocks need all of it */
  for (size_t c = 0; c < C; c++)
    for (size_t c2 = (sym ? c : 0); c2 < C; c2++) {
      gsl_matrix_view Kb = gsl_matrix_submatrix(K, c * Pa, c2 * Pb, Pa, Pb);
      int upper = sym && c == c2;
      gsl_matrix_view Ba = gsl_matrix_submatrix(a->B, 0, c * Pa, nl, Pa);
      gsl_matrix_view Bb = gsl_matrix_submatrix(b->B, 0, c2 * Pb, nl, Pb);
      gram(upper, &Ba.matrix, &Bb.matrix, &GB.matrix, &ws->flops);
      hadamard_acc(&Kb.matrix, w, &GH.matrix, &GB.matrix, upper);
    }
}

/* Fill rows of the scaled-Jacobian block for parameters k0..k1-1 of layer l
 * whose rate is nonzero; returns the number of rows written. */
static size_t eta_block(const sa_mlp *net, size_t l, const double *E, size_t k0, size_t k1,
                        sa_ntk_set *s, const gsl_matrix *X, size_t C)
{
  size_t P = s->P, nprev = net->widths[l - 1], r = 0;
  const gsl_matrix *H = layer_input(s, X, l);
  for (size_t k = k0; k < k1; k++) {
    if (E[k] == 0.0)
      continue;
    size_t i = k / nprev, j = k % nprev;
    double sq = sqrt(E[k]);
    const double *h = H->data + j * H->tda;
    double *row = s->A->data + r * s->A->tda;
    for (size_t c = 0; c < C; c++) {
      double *out = row + c * P;
      if (l == net->L) { /* b^c_{L,i} = delta_ic */
        double v = i == c ? sq : 0.0;
        for (size_t mu = 0; mu < P; mu++)
          out[mu] = v * h[mu];
      } else {
        const double *bb = s->B->data + i * s->B->tda + c * P;
        for (size_t mu = 0; mu < P; mu++)
          out[mu] = sq * bb[mu] * h[mu];
      }
    }
    r++;
  }
  return r;
}

/* General per-entry rates of layer l: K += A_a^T A_b over blocks. */
static void layer_eta(const sa_mlp *net, size_t l, const double *E, int sym, sa_ntk_set *a,
                      const gsl_matrix *Xa, sa_ntk_set *b, const gsl_matrix *Xb,
                      sa_ntk_workspace *ws, gsl_matrix *K)
{
  size_t C = ws->C, n = net->widths[l] * net->widths[l - 1];
  double ca = (double)(C * a->P), cb = (double)(C * b->P);
  for (size_t k0 = 0; k0 < n; k0 += SA_NTK_ETA_BLOCK) {
    size_t k1 = k0 + SA_NTK_ETA_BLOCK < n ? k0 + SA_NTK_ETA_BLOCK : n;
    size_t m = eta_block(net, l, E, k0, k1, a, Xa, C);
    if (m == 0)
      continue;
    gsl_matrix_view Aa = gsl_matrix_submatrix(a->A, 0, 0, m, C * a->P);
    if (sym) {
      gsl_blas_dsyrk(CblasUpper, CblasTrans, 1.0, &Aa.matrix, 1.0, K);
      ws->flops += (double)m * ca * (ca + 1.0);
    } else {
      eta_block(net, l, E, k0, k1, b, Xb, C);
      gsl_matrix_view Ab = gsl_matrix_submatrix(b->A, 0, 0, m, C * b->P);
      gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &Aa.matrix, &Ab.matrix, 1.0, K);
      ws->flops += 2.0 * (double)m * ca * cb;
    }
  }
}

/* No rates, or one rate for the whole layer: the rank-one (Hadamard) form. */
static int layer_is_plain(const sa_mlp *net, const gsl_vector *eta, size_t l)
{
  if (!eta)
    return 1;
  const double *E = eta->data + net->offset[l - 1];
  size_t n = net->widths[l] * net->widths[l - 1], k = 1;
  while (k < n && E[k] == E[0])
    k++;
  return k == n;
}

/* Common driver: Gram (sym, a == b) or cross-kernel, optional rates. */
static int kernel_run(const sa_mlp *net, const gsl_vector *eta, int sym, sa_ntk_set *a,
                      const gsl_matrix *Xa, sa_ntk_set *b, const gsl_matrix *Xb,
                      sa_ntk_workspace *ws, gsl_matrix *K)
{
  size_t C = ws->C, L = net->L;
  if (K->size1 != C * a->P || K->size2 != C * b->P)
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
  if (C > 1 || !layer_is_plain(net, eta, L))
    gsl_matrix_set_zero(K);
  for (size_t l = L; l >= 1; l--) {
    if (layer_is_plain(net, eta, l))
      layer_plain(net, l, eta ? eta->data[net->offset[l - 1]] : 1.0, sym, a, Xa, b, Xb, ws, K);
    else
      layer_eta(net, l, eta->data + net->offset[l - 1], sym, a, Xa, b, Xb, ws, K);
    if (l == 1)
      break;
    backprop_stack(net, a, l, C, &ws->flops);
    if (!sym)
      backprop_stack(net, b, l, C, &ws->flops);
  }
  if (sym)
    copy_upper_to_lower(K);
  return GSL_SUCCESS;
}

int sa_ntk_gram(const sa_mlp *net, const gsl_matrix *X, sa_ntk_workspace *ws, gsl_matrix *K)
{
  return kernel_run(net, NULL, 1, ws->train, X, ws->train, X, ws, K);
}

int sa_ntk_cross(const sa_mlp *net, const gsl_matrix *Xt, const gsl_matrix *X,
                 sa_ntk_workspace *ws, gsl_matrix *K)
{
  if (!ws->test)
    return GSL_EBADLEN;
  return kernel_run(net, NULL, 0, ws->test, Xt, ws->train, X, ws, K);
}

int sa_ntk_eta_gram(const sa_mlp *net, const gsl_vector *eta, const gsl_matrix *X,
                    sa_ntk_workspace *ws, gsl_matrix *K)
{
  return kernel_run(net, eta, 1, ws->train, X, ws->train, X, ws, K);
}

int sa_ntk_eta_cross(const sa_mlp *net, const gsl_vector *eta, const gsl_matrix *Xt,
                     const gsl_matrix *X, sa_ntk_workspace *ws, gsl_matrix *K)
{
  if (!ws->test)
    return GSL_EBADLEN;
  return kernel_run(net, eta, 0, ws->test, Xt, ws->train, X, ws, K);
}

double sa_ntk_frobenius(const gsl_matrix *K)
{
  double s = 0.0;
  for (size_t i = 0; i < K->size1; i++)
    for (size_t j = 0; j < K->size2; j++) {
      double v = K->data[i * K->tda + j];
      s += v * v;
    }
  return sqrt(s);
}

double sa_ntk_alignment(const gsl_matrix *K, const gsl_matrix *Y)
{
  size_t C = Y->size1, P = Y->size2, n = C * P;
  if (K->size1 != n || K->size2 != n)
    return NAN;
  gsl_vector *y = gsl_vector_alloc(n), *Ky = gsl_vector_alloc(n);
  if (!y || !Ky) {
    if (y)
      gsl_vector_free(y);
    return NAN;
  }
  for (size_t c = 0; c < C; c++)
    for (size_t mu = 0; mu < P; mu++)
      gsl_vector_set(y, c * P + mu, gsl_matrix_get(Y, c, mu));
  double yKy, yy;
  gsl_blas_dgemv(CblasNoTrans, 1.0, K, y, 0.0, Ky);
  gsl_blas_ddot(y, Ky, &yKy);
  gsl_blas_ddot(y, y, &yy);
  gsl_vector_free(y);
  gsl_vector_free(Ky);
  double nk = sa_ntk_frobenius(K);
  if (nk == 0.0 || yy == 0.0)
    return NAN;
  return yKy / (nk * yy);
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
    gsl_matrix_memcpy(A, K);
    st = gsl_eigen_symm(A, all, w);
    if (!st) {
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

/* ||A A^T||_F via the smaller of A A^T and A^T A (same nonzero spectrum). */
static double gram_frobenius(const gsl_matrix *A)
{
  int small_rows = A->size1 <= A->size2;
  size_t m = small_rows ? A->size1 : A->size2;
  gsl_matrix *G = gsl_matrix_alloc(m, m);
  if (!G)
    return NAN;
  gsl_blas_dsyrk(CblasUpper, small_rows ? CblasNoTrans : CblasTrans, 1.0, A, 0.0, G);
  copy_upper_to_lower(G);
  double f = sa_ntk_frobenius(G);
  gsl_matrix_free(G);
  return f;
}

double sa_ntk_weight_alignment(const gsl_matrix *W, const gsl_matrix *B)
{
  if (W->size2 != B->size2)
    return NAN;
  gsl_matrix *WB = gsl_matrix_alloc(W->size1, B->size1);
  if (!WB)
    return NAN;
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, W, B, 0.0, WB);
  double num = sa_ntk_frobenius(WB);
  gsl_matrix_free(WB);
  double den = gram_frobenius(W) * gram_frobenius(B);
  if (!(den > 0.0))
    return NAN;
  return num * num / den;
}
