/* Dormand-Prince 5(4) on the deep linear flow in factored form: see
 * linear_flow_lowrank.h. */
#include "config.h"

#include "theory/linear_flow_lowrank.h"

#include "core/sa_errno.h"

#include <gsl/gsl_blas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NS SA_LOWRANK_SLOTS /* stages of Dormand-Prince 5(4) */
#define ROWS 32             /* row block of the norm passes */
#define MAX_REJECT 50       /* rejected steps in a row before giving up */
/* The factored error test of a layer (mixed_errsq) overestimates the
 * weighted norm by at most the factor 1 + TIGHT while rtol max|W^l| <=
 * TIGHT atol: with TIGHT = 1 a run then takes at most 2^(1/5) = 1.15 times
 * the steps of the exact test (step sizes go as err^(-1/5)), and in
 * practice a few per cent more (the bound is reached only if every weight
 * is as large as the largest). */
#define TIGHT SA_LOWRANK_TIGHT
#define SA_ODE_DEFAULT_MAX_STEPS 500 /* SUNDIALS' default, as sa_ode */

/* The Dormand-Prince 5(4) pair (Dormand and Prince 1980). */
static const double DP_C[NS] = {0.0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1.0, 1.0};
static const double DP_A[NS][NS] = {
    {0},
    {1.0 / 5},
    {3.0 / 40, 9.0 / 40},
    {44.0 / 45, -56.0 / 15, 32.0 / 9},
    {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
    {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
    {35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}};
/* b = the last row of A (first same as last: stage 7 is f(y_{n+1})). */
static const double DP_B[NS] = {35.0 / 384,     0.0,       500.0 / 1113, 125.0 / 192,
                                -2187.0 / 6784, 11.0 / 84, 0.0};
/* b - bhat (the 4th-order weights bhat). */
static const double DP_E[NS] = {71.0 / 57600,      0.0,        -71.0 / 16695, 71.0 / 1920,
                                -17253.0 / 339200, 22.0 / 525, -1.0 / 40};
/* Continuous extension of order 4 (Hairer, Norsett and Wanner, DOPRI5):
 * y(t_n + th h) = y_n + h sum_j c_j(th) K_j with
 * c_j = th b_j + th(1-th)(d1_j - b_j) + th^2(1-th)(2 b_j - d1_j - d7_j)
 *       + th^2 (1-th)^2 DP_D_j,
 * d1, d7 the indicators of stages 1 and 7 (c_j(1) = b_j, c'(0) = e_1,
 * c'(1) = e_7: a Hermite fit plus a 4th-order correction). */
static const double DP_D[NS] = {-12715105075.0 / 11282082432.0,  0.0,
                                87487479700.0 / 32700410799.0,   -10690763975.0 / 1880347072.0,
                                701980252875.0 / 199316789632.0, -1453857185.0 / 822651844.0,
                                69997945.0 / 29380423.0};

static void dense_coef(double th, double *c)
{
  double a = th * (1 - th), b2 = th * th * (1 - th), d = a * a;
  for (int j = 0; j < NS; j++) {
    double e1 = j == 0, e7 = j == NS - 1;
    c[j] = th * DP_B[j] + a * (e1 - DP_B[j]) + b2 * (2 * DP_B[j] - e1 - e7) + d * DP_D[j];
  }
}

struct sa_lowrank {
  const sa_linflow_problem *pb;
  const sa_linnet_shape *sh;
  size_t L, C, D, ldk;              /* ldk = NS C: factor vectors per layer */
  double *U[SA_LINNET_MAXL + 1];    /* U[l]: ldk x n_l, slot j in rows jC..jC+C-1 */
  double *V[SA_LINNET_MAXL + 1];    /* V[l]: ldk x n_{l-1}, likewise */
  double *srow[SA_LINNET_MAXL + 1]; /* S_l, C x n_l */
  double *pcol[SA_LINNET_MAXL + 1]; /* p_l, n_l x C */
  double *tmp, *z;                  /* C x ldk, ldk x C */
  double *E, *Gc;                   /* C x D */
  double *Us;                       /* ldk x n_max: U's active rows times coefficients */
  double *blk;                      /* ROWS x n_max */
  double *Vc;                       /* ldk x n_max: V's active rows (active_factors) */
  double *qu, *qv, *cf;             /* ldk x n_max, twice (factored_frob2); ldk (active_vectors) */
  size_t *slotrow;                  /* ldk: row of U, V of an active vector (active_vectors) */
};

sa_lowrank *sa_lowrank_alloc(const sa_linflow_problem *pb)
{
  sa_lowrank *w = calloc(1, sizeof *w);
  if (!w)
    return NULL;
  const sa_linnet_shape *sh = &pb->shape;
  w->pb = pb;
  w->sh = sh;
  w->L = sh->L;
  w->C = sh->n[sh->L];
  w->D = sh->n[0];
  w->ldk = NS * w->C;
  size_t nmax = 0;
  int ok = 1;
  for (size_t l = 0; l <= w->L; l++) {
    nmax = sh->n[l] > nmax ? sh->n[l] : nmax;
    w->srow[l] = malloc(w->C * sh->n[l] * sizeof(double));
    w->pcol[l] = malloc(w->C * sh->n[l] * sizeof(double));
    ok = ok && w->srow[l] && w->pcol[l];
    if (l >= 1) {
      w->U[l] = calloc(sh->n[l] * w->ldk, sizeof(double));
      w->V[l] = calloc(sh->n[l - 1] * w->ldk, sizeof(double));
      ok = ok && w->U[l] && w->V[l];
    }
  }
  w->tmp = malloc(w->C * w->ldk * sizeof(double));
  w->z = malloc(w->C * w->ldk * sizeof(double));
  w->E = malloc(w->C * w->D * sizeof(double));
  w->Gc = malloc(w->C * w->D * sizeof(double));
  w->Us = malloc(nmax * w->ldk * sizeof(double));
  w->blk = malloc(ROWS * nmax * sizeof(double));
  w->Vc = malloc(w->ldk * nmax * sizeof(double));
  w->qu = malloc(nmax * w->ldk * sizeof(double));
  w->qv = malloc(nmax * w->ldk * sizeof(double));
  w->cf = malloc(w->ldk * sizeof(double));
  w->slotrow = malloc(w->ldk * sizeof(size_t));
  if (!ok || !w->tmp || !w->z || !w->E || !w->Gc || !w->Us || !w->blk || !w->Vc || !w->qu ||
      !w->qv || !w->cf || !w->slotrow) {
    sa_lowrank_free(w);
    return NULL;
  }
  return w;
}

void sa_lowrank_free(sa_lowrank *w)
{
  if (!w)
    return;
  for (size_t l = 0; l <= w->L; l++) {
    free(w->U[l]);
    free(w->V[l]);
    free(w->srow[l]);
    free(w->pcol[l]);
  }
  free(w->tmp);
  free(w->z);
  free(w->E);
  free(w->Gc);
  free(w->Us);
  free(w->blk);
  free(w->Vc);
  free(w->qu);
  free(w->qv);
  free(w->cf);
  free(w->slotrow);
  free(w);
}

/* The suffix chain of Y = W + sum_{j<nprev} coef_j K_j:
 * S_{l-1} = S_l Y^l = S_l W^l + sum_j coef_j (S_l U^l_j) V^l_j^T, then
 * E = S_0 - T, Gc = -E Sigma; returns the loss 1/2 tr(E Sigma E^T). */
static double suffix_loss(sa_lowrank *w, const double *W, size_t nprev, const double *coef)
{
  const sa_linnet_shape *sh = w->sh;
  size_t L = w->L, C = w->C, D = w->D, nc = nprev * C;
  for (size_t l = L; l >= 1; l--) {
    const double *Wl = W + sh->offset[l];
    size_t nl = sh->n[l], nm = sh->n[l - 1];
    if (l == L) {
      memcpy(w->srow[L - 1], Wl, C * nm * sizeof(double));
      for (size_t i = 0; i < C; i++) /* S_L U^L = U^L (S_L = I) */
        for (size_t k = 0; k < nc; k++)
          w->tmp[i * nc + k] = w->U[L][k * C + i];
    } else {
      if (C == 1)
        cblas_dgemv(CblasRowMajor, CblasTrans, (int)nl, (int)nm, 1.0, Wl, (int)nm, w->srow[l], 1,
                    0.0, w->srow[l - 1], 1);
      else
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)C, (int)nm, (int)nl, 1.0,
                    w->srow[l], (int)nl, Wl, (int)nm, 0.0, w->srow[l - 1], (int)nm);
      if (nc && C == 1) /* (GEMMs with one row spend their time packing) */
        cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)nc, (int)nl, 1.0, w->U[l], (int)nl,
                    w->srow[l], 1, 0.0, w->tmp, 1);
      else if (nc)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)C, (int)nc, (int)nl, 1.0,
                    w->srow[l], (int)nl, w->U[l], (int)nl, 0.0, w->tmp, (int)nc);
    }
    if (nc) {
      for (size_t i = 0; i < C; i++)
        for (size_t k = 0; k < nc; k++)
          w->tmp[i * nc + k] *= coef[k / C];
      if (C == 1)
        cblas_dgemv(CblasRowMajor, CblasTrans, (int)nc, (int)nm, 1.0, w->V[l], (int)nm, w->tmp, 1,
                    1.0, w->srow[l - 1], 1);
      else
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)C, (int)nm, (int)nc, 1.0,
                    w->tmp, (int)nc, w->V[l], (int)nm, 1.0, w->srow[l - 1], (int)nm);
    }
  }
  return sa_linnet_residual(C, D, w->srow[0], w->pb->Sigma, w->pb->T, w->E, w->Gc);
}

/* ANCHOR: lowrank_stage */
double sa_lowrank_stage(sa_lowrank *w, const double *W, size_t nprev, const double *coef,
                        size_t slot)
{
  const sa_linnet_shape *sh = w->sh;
  size_t L = w->L, C = w->C, D = w->D, nc = nprev * C, col = slot * C;
  double loss = suffix_loss(w, W, nprev, coef);
  /* p_0 = Gc^T */
  for (size_t i = 0; i < C; i++)
    for (size_t j = 0; j < D; j++)
      w->pcol[0][j * C + i] = w->Gc[i * D + j];
  for (size_t l = 1; l <= L; l++) {
    size_t nl = sh->n[l], nm = sh->n[l - 1];
    /* K^l_slot = S_l^T p_{l-1}^T: U^l = S_l^T (the identity for l = L) and
     * V^l = p_{l-1}. */
    double *Ul = w->U[l] + col * nl, *Vl = w->V[l] + col * nm;
    const double *pm = w->pcol[l - 1];
    if (l == L) /* the slot's C rows: the C x C identity */
      for (size_t c = 0; c < C; c++)
        for (size_t i = 0; i < nl; i++)
          Ul[c * nl + i] = (double)(i == c);
    else /* S_l is C x n_l by rows: the C rows of the slot */
      memcpy(Ul, w->srow[l], C * nl * sizeof(double));
    if (C == 1)
      memcpy(Vl, pm, nm * sizeof(double));
    else /* p_{l-1} is n_{l-1} x C: its transpose */
      for (size_t c = 0; c < C; c++)
        for (size_t i = 0; i < nm; i++)
          Vl[c * nm + i] = pm[i * C + c];
    if (l == L)
      break;
    /* p_l = Y^l p_{l-1} = W^l p_{l-1} + sum_j coef_j U^l_j (V^l_j^T p_{l-1}) */
    const double *Wl = W + sh->offset[l];
    if (C == 1)
      cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)nl, (int)nm, 1.0, Wl, (int)nm, w->pcol[l - 1],
                  1, 0.0, w->pcol[l], 1);
    else
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)nl, (int)C, (int)nm, 1.0, Wl,
                  (int)nm, w->pcol[l - 1], (int)C, 0.0, w->pcol[l], (int)C);
    if (nc && C == 1) {
      cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)nc, (int)nm, 1.0, w->V[l], (int)nm,
                  w->pcol[l - 1], 1, 0.0, w->z, 1);
      for (size_t k = 0; k < nc; k++)
        w->z[k] *= coef[k];
      cblas_dgemv(CblasRowMajor, CblasTrans, (int)nc, (int)nl, 1.0, w->U[l], (int)nl, w->z, 1, 1.0,
                  w->pcol[l], 1);
    } else if (nc) {
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)nc, (int)C, (int)nm, 1.0, w->V[l],
                  (int)nm, w->pcol[l - 1], (int)C, 0.0, w->z, (int)C);
      for (size_t k = 0; k < nc; k++)
        for (size_t c = 0; c < C; c++)
          w->z[k * C + c] *= coef[k / C];
      cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)nl, (int)C, (int)nc, 1.0, w->U[l],
                  (int)nl, w->z, (int)C, 1.0, w->pcol[l], (int)C);
    }
  }
  return loss;
}
/* END: lowrank_stage */

/* The factor vectors (rows of U, V) of the slots j < nk with coef[j] !=
 * 0: for active vector a, slotrow[a] is its row and cf[a] its slot's
 * coefficient; returns their number na, C per active slot (a step's
 * update has two zero weights of seven, b_2 = b_7 = 0). */
static size_t active_vectors(sa_lowrank *w, size_t nk, const double *coef)
{
  size_t na = 0;
  for (size_t j = 0; j < nk; j++)
    for (size_t c = 0; coef[j] != 0 && c < w->C; c++, na++) {
      w->cf[na] = coef[j];
      w->slotrow[na] = j * w->C + c;
    }
  return na;
}

/* The active factor vectors (active_vectors) of layer l, compacted: Us :=
 * those of U^l times their coefficients (na x n_l), Vc := those of V^l
 * (na x n_{l-1}); returns na. */
static size_t active_factors(sa_lowrank *w, size_t l, size_t nk, const double *coef)
{
  size_t nl = w->sh->n[l], nm = w->sh->n[l - 1], na = active_vectors(w, nk, coef);
  for (size_t a = 0; a < na; a++) {
    const double *u = w->U[l] + w->slotrow[a] * nl;
    for (size_t i = 0; i < nl; i++)
      w->Us[a * nl + i] = u[i] * w->cf[a];
    memcpy(w->Vc + a * nm, w->V[l] + w->slotrow[a] * nm, nm * sizeof(double));
  }
  return na;
}

/* Layer l of W + sum_{j<nk} coef_j K_j into outl (n_l x n_{l-1}; may be
 * W's own layer l): one GEMM over the active slots (one pass over the
 * layer; BLAS' kernels beat a hand loop here by ~1.4x). */
static void materialise_layer(sa_lowrank *w, const double *W, size_t nk, const double *coef,
                              size_t l, double *outl)
{
  const sa_linnet_shape *sh = w->sh;
  size_t nl = sh->n[l], nm = sh->n[l - 1];
  if (outl != W + sh->offset[l])
    memcpy(outl, W + sh->offset[l], nl * nm * sizeof(double));
  size_t na = active_factors(w, l, nk, coef);
  if (na)
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)nl, (int)nm, (int)na, 1.0, w->Us,
                (int)nl, w->Vc, (int)nm, 1.0, outl, (int)nm);
}

/* out := W + sum_{j<nk} coef_j K_j (out may be W). */
static void materialise(sa_lowrank *w, const double *W, size_t nk, const double *coef, double *out)
{
  for (size_t l = 1; l <= w->L; l++)
    materialise_layer(w, W, nk, coef, l, out + w->sh->offset[l]);
}

void sa_lowrank_expand(const sa_lowrank *w, size_t slot, double *dtheta)
{
  const sa_linnet_shape *sh = w->sh;
  for (size_t l = 1; l <= w->L; l++) {
    size_t nl = sh->n[l], nm = sh->n[l - 1];
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)nl, (int)nm, (int)w->C, 1.0,
                w->U[l] + slot * w->C * nl, (int)nl, w->V[l] + slot * w->C * nm, (int)nm, 0.0,
                dtheta + sh->offset[l], (int)nm);
  }
}

double sa_lowrank_dense_step(sa_lowrank *w, const double *W, double h, double th, double *out)
{
  double coef[NS] = {0}, loss = sa_lowrank_stage(w, W, 0, coef, 0);
  for (int i = 1; i < NS && isfinite(loss); i++) {
    for (int j = 0; j < i; j++)
      coef[j] = h * DP_A[i][j];
    loss = sa_lowrank_stage(w, W, (size_t)i, coef, (size_t)i);
  }
  dense_coef(th, coef);
  for (int j = 0; j < NS; j++)
    coef[j] *= h;
  materialise(w, W, NS, coef, out);
  return loss;
}

/* Error weights: atol per layer when constant over the layer (the flows'
 * sa_linnet_atol), else per weight. */
typedef struct {
  double rtol;
  double atol_layer[SA_LINNET_MAXL + 1];
  const double *atol_vec; /* NULL when per layer */
} tolerances;

#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__)
#define SA_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define SA_CLONES
#endif
#pragma GCC push_options
#pragma GCC optimize("O3") /* vectorised loops (as core/sa_nvec.c) */

/* The weighted sum of squares of len error numbers x against the weights
 * wr: sum_k (x_k / (rt |wr_k| + atol_k))^2 with atol_k = at, or av[k] when
 * av is not NULL.  Four partial sums (independent chains, ~1.5x faster
 * than one); elementwise the same operations on every instruction set, so
 * the AVX2 clone (target_clones, where the compiler and C library support
 * it) gives the same result bit for bit. */
SA_CLONES
static double weigh_sumsq(size_t len, const double *restrict x, const double *restrict wr,
                          double rt, double at, const double *restrict av)
{
  double s4[4] = {0, 0, 0, 0};
  size_t k = 0;
  if (!av)
    for (; k + 4 <= len; k += 4)
      for (int q = 0; q < 4; q++) {
        double e = x[k + q] / (rt * fabs(wr[k + q]) + at);
        s4[q] += e * e;
      }
  for (; k < len; k++) {
    double e = x[k] / (rt * fabs(wr[k]) + (av ? av[k] : at));
    s4[0] += e * e;
  }
  return (s4[0] + s4[1]) + (s4[2] + s4[3]);
}

/* max_k |x_k| (0 for len = 0; NaN entries are skipped, and then caught as
 * a non-finite error norm). */
SA_CLONES
static double absmax(size_t len, const double *restrict x)
{
  double m4[4] = {0, 0, 0, 0};
  size_t k = 0;
  for (; k + 4 <= len; k += 4)
    for (int q = 0; q < 4; q++) {
      double a = fabs(x[k + q]);
      m4[q] = a > m4[q] ? a : m4[q];
    }
  for (; k < len; k++)
    m4[0] = fabs(x[k]) > m4[0] ? fabs(x[k]) : m4[0];
  return fmax(fmax(m4[0], m4[1]), fmax(m4[2], m4[3]));
}
/* x . y over len numbers, in four partial sums (independent chains). */
SA_CLONES
static double dot4(size_t len, const double *restrict x, const double *restrict y)
{
  double s4[4] = {0, 0, 0, 0};
  size_t k = 0;
  for (; k + 4 <= len; k += 4)
    for (int q = 0; q < 4; q++)
      s4[q] += x[k + q] * y[k + q];
  for (; k < len; k++)
    s4[0] += x[k] * y[k];
  return (s4[0] + s4[1]) + (s4[2] + s4[3]);
}

/* R of a Householder QR of A (n x k, stored by columns: column a at
 * a n .. a n + n - 1), in place: afterwards R_ib = A[b n + i] for
 * i <= b, i < min(n, k) (the rows below are the reflectors' leftovers).
 * A column that is already zero below the diagonal is left as it is. */
SA_CLONES
static void householder_r(size_t n, size_t k, double *A)
{
  size_t m = n < k ? n : k;
  for (size_t j = 0; j < m; j++) {
    double *x = A + j * n, nx2 = dot4(n - j, x + j, x + j);
    double alpha = x[j] >= 0 ? -sqrt(nx2) : sqrt(nx2);
    double v0 = x[j] - alpha, vv = nx2 - x[j] * x[j] + v0 * v0; /* |v|^2, v = (v0, x[j+1..]) */
    if (!(vv > 0))                                              /* nothing to reflect */
      continue;
    for (size_t c = j + 1; c < k; c++) { /* column c -= 2 v (v . column c) / |v|^2 */
      double *y = A + c * n;
      double d = (v0 * y[j] + dot4(n - j - 1, x + j + 1, y + j + 1)) * (2 / vv);
      y[j] -= d * v0;
      for (size_t i = j + 1; i < n; i++)
        y[i] -= d * x[i];
    }
    x[j] = alpha;
  }
}
#pragma GCC pop_options

/* sum over all weights of (x_ij / (rtol |Wref_ij| + atol_ij))^2 with
 * x = sum_{j<nk} coef_j K_j (+ Wx if Wx is not NULL), formed by GEMM in
 * blocks of ROWS rows that stay in cache: one pass over Wref (and Wx).
 * The caller divides by the number of weights. */
static double factored_sumsq_layers(sa_lowrank *w, const tolerances *tol, const double *Wref,
                                    const double *Wx, size_t nk, const double *coef, size_t l0,
                                    size_t l1, double *refmax)
{
  const sa_linnet_shape *sh = w->sh;
  size_t nc = nk * w->C;
  double sum = 0;
  for (size_t l = l0; l <= l1; l++) {
    if (refmax)
      refmax[l] = 0;
    size_t nl = sh->n[l], nm = sh->n[l - 1];
    size_t na = nc ? active_factors(w, l, nk, coef) : 0;
    double at = tol->atol_layer[l], rt = tol->rtol;
    for (size_t i0 = 0; i0 < nl; i0 += ROWS) {
      size_t r = nl - i0 < ROWS ? nl - i0 : ROWS, len = r * nm;
      const double *wr = Wref + sh->offset[l] + i0 * nm;
      const double *av = tol->atol_vec ? tol->atol_vec + sh->offset[l] + i0 * nm : NULL;
      double *x = w->blk;
      if (Wx)
        memcpy(x, Wx + sh->offset[l] + i0 * nm, len * sizeof(double));
      if (na)
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)r, (int)nm, (int)na, 1.0,
                    w->Us + i0, (int)nl, w->Vc, (int)nm, Wx ? 1.0 : 0.0, x, (int)nm);
      else if (!Wx)
        memset(x, 0, len * sizeof(double));
      sum += weigh_sumsq(len, x, wr, rt, at, av);
      if (refmax)
        refmax[l] = fmax(refmax[l], absmax(len, wr));
    }
  }
  return sum;
}

/* factored_sumsq over all layers */
static double factored_sumsq(sa_lowrank *w, const tolerances *tol, const double *Wref,
                             const double *Wx, size_t nk, const double *coef)
{
  return factored_sumsq_layers(w, tol, Wref, Wx, nk, coef, 1, w->L, NULL);
}

/* ||X||_F^2 of X = sum_j coef_j U^l_j V^l_j^T (layer l), without forming
 * X: with thin QR factorisations U = Q_U R_U and V = Q_V R_V of the
 * columns with a non-zero coefficient (Householder, so Q_U and Q_V are
 * orthonormal to rounding), X = Q_U (R_U diag(coef) R_V^T) Q_V^T and the
 * norm is that of the small middle matrix, whose entries are sums like
 * those of the GEMM that forms X.  The Grams U^T U, V^T V would not do:
 * the error estimate is O(h^5) while the slopes are O(1), and its square
 * would drown in the rounding of the Grams' quadratic form. */
static double factored_frob2(sa_lowrank *w, size_t l, const double *coef)
{
  const sa_linnet_shape *sh = w->sh;
  size_t nl = sh->n[l], nm = sh->n[l - 1], na = active_vectors(w, NS, coef);
  const double *cf = w->cf;
  if (!na)
    return 0;
  for (size_t a = 0; a < na; a++) {
    size_t r = w->slotrow[a];
    memcpy(w->qu + a * nl, w->U[l] + r * nl, nl * sizeof(double));
    memcpy(w->qv + a * nm, w->V[l] + r * nm, nm * sizeof(double));
  }
  householder_r(nl, na, w->qu);
  householder_r(nm, na, w->qv);
  size_t ru = nl < na ? nl : na, rv = nm < na ? nm : na;
  double sum = 0;
  for (size_t a = 0; a < ru; a++)
    for (size_t b = 0; b < rv; b++) {
      double m = 0;
      for (size_t k = a > b ? a : b; k < na; k++)
        m += w->qu[k * nl + a] * cf[k] * w->qv[k * nm + b];
      sum += m * m;
    }
  return sum;
}

double sa_lowrank_frob2(sa_lowrank *w, size_t l, const double *coef)
{
  return factored_frob2(w, l, coef);
}

/* The error test with the layers with fact[l] factored: for those
 * ||X^l||_F^2 / atol_l^2, an upper bound of sum_ij (X_ij / (rtol |W_ij| +
 * atol_l))^2 that exceeds it by at most the factor (1 + rtol max|W^l| /
 * atol_l)^2; for the others that sum itself, in one pass over the layer
 * that also sets wmax[l] := max |W^l_ij|.  The caller divides by the
 * number of weights. */
static double mixed_errsq(sa_lowrank *w, const tolerances *tol, const double *W, const double *coef,
                          const int *fact, double *wmax)
{
  double sum = 0;
  for (size_t l = 1; l <= w->L; l++)
    sum += fact[l] ? factored_frob2(w, l, coef) / (tol->atol_layer[l] * tol->atol_layer[l])
                   : factored_sumsq_layers(w, tol, W, NULL, NS, coef, l, l, wmax);
  return sum;
}

/* A bound of max_ij |(sum_j coef_j U^l_j V^l_j^T)_ij|: sum_j |coef_j|
 * sum_c max|U^l_jc| max|V^l_jc|. */
static double increment_absmax(const sa_lowrank *w, size_t l, const double *coef)
{
  const sa_linnet_shape *sh = w->sh;
  size_t C = w->C, ldk = w->ldk, nl = sh->n[l], nm = sh->n[l - 1];
  double bound = 0;
  for (size_t a = 0; a < ldk; a++)
    if (coef[a / C] != 0)
      bound += fabs(coef[a / C]) * absmax(nl, w->U[l] + a * nl) * absmax(nm, w->V[l] + a * nm);
  return bound;
}

/* ---- events (linear_flow.h): t_half, stop, t_align ---- */
enum { EV_HALF = 0, EV_STOP = 1, EV_ALIGN = 2, EV_COUNT = 3 };

/* The t_align event on the continuous extension of one step, W1(x) =
 * A + U C V^T with A = W1 at the step's end, U (n1 x k), V (D x k) the
 * slots' factors of layer 1 (k = 7 C) and C = diag(c(x)), without forming
 * W1(x) (align_prepare once per root, align_eval per iterate).  With m =
 * min(n1, D), the Gram G = W1^T W1 if D <= n1 (else W1 W1^T) is
 *   G(x) = G_A + Z K Z^T,  Z = [X B] (m x 2k),  K = [C S C, C; C, 0],
 * X = V, B = A^T U, S = U^T U (D <= n1), or X = U, B = A V, S = V^T V:
 * one GEMM of inner size 2k per iterate instead of a Gram of inner size
 * max(n1, D); and W1 beta = A beta + U C V^T beta,
 * |W1|_F^2 = |A|_F^2 + 2 tr(C U^T A V) + tr(C U^T U C V^T V). */
typedef struct {
  size_t m, k;
  double *GA, *G, *Z, *ZK, *K; /* m x m, m x m, m x 2k, m x 2k, 2k x 2k */
  double *SU, *SV, *UAV;       /* k x k: U^T U, V^T V, U^T A V */
  const double *S;             /* X's inner Gram: SU or SV */
  double *Ab, *Vb, *cv;        /* n1, k, k */
  double trA;
} align_lr;

typedef struct {
  sa_lowrank *w;
  const sa_linflow_problem *pb;
  double loss0;
  gsl_matrix *gram; /* min(n1, D) square */
  gsl_vector *w1b;  /* n1 */
  align_lr al;
} event_ctx;

static int align_alloc(align_lr *a, size_t n1, size_t D, size_t k)
{
  size_t m = n1 < D ? n1 : D;
  a->m = m;
  a->k = k;
  a->GA = malloc(m * m * sizeof(double));
  a->G = malloc(m * m * sizeof(double));
  a->Z = malloc(m * 2 * k * sizeof(double));
  a->ZK = malloc(m * 2 * k * sizeof(double));
  a->K = malloc(4 * k * k * sizeof(double));
  a->SU = malloc(k * k * sizeof(double));
  a->SV = malloc(k * k * sizeof(double));
  a->UAV = malloc(k * k * sizeof(double));
  a->Ab = malloc(n1 * sizeof(double));
  a->Vb = malloc(k * sizeof(double));
  a->cv = malloc(k * sizeof(double));
  return a->GA && a->G && a->Z && a->ZK && a->K && a->SU && a->SV && a->UAV && a->Ab && a->Vb &&
         a->cv;
}

static void align_free(align_lr *a)
{
  free(a->GA);
  free(a->G);
  free(a->Z);
  free(a->ZK);
  free(a->K);
  free(a->SU);
  free(a->SV);
  free(a->UAV);
  free(a->Ab);
  free(a->Vb);
  free(a->cv);
}

/* The parts of G(x), W1(x) beta and |W1(x)|_F^2 that do not depend on x,
 * from A (n1 x D, layer 1 at the end of the step) and the slots' factors. */
static void align_prepare(event_ctx *e, const double *A)
{
  align_lr *a = &e->al;
  sa_lowrank *w = e->w;
  size_t n1 = w->sh->n[1], D = w->sh->n[0], k = a->k, m = a->m;
  const double *U = w->U[1], *V = w->V[1]; /* k x n1, k x D (their transposes below) */
  int cols = D <= n1;                      /* G = A^T A (D x D), else A A^T (n1 x n1) */
  cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)n1, (int)D, 1.0, A, (int)D, e->pb->beta->data,
              (int)e->pb->beta->stride, 0.0, a->Ab, 1);
  cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)k, (int)D, 1.0, V, (int)D, e->pb->beta->data,
              (int)e->pb->beta->stride, 0.0, a->Vb, 1);
  a->trA = cblas_ddot((int)(n1 * D), A, 1, A, 1);
  cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)k, (int)k, (int)n1, 1.0, U, (int)n1, U,
              (int)n1, 0.0, a->SU, (int)k);
  cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)k, (int)k, (int)D, 1.0, V, (int)D, V,
              (int)D, 0.0, a->SV, (int)k);
  a->S = cols ? a->SU : a->SV;
  /* Z = [X B]: X in columns 0..k-1, B in k..2k-1 */
  const double *X = cols ? V : U; /* k x m */
  for (size_t i = 0; i < m; i++)
    for (size_t c = 0; c < k; c++)
      a->Z[i * 2 * k + c] = X[c * m + i];
  if (cols) { /* B = A^T U (D x k); U^T A V = B^T V */
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasTrans, (int)D, (int)k, (int)n1, 1.0, A, (int)D, U,
                (int)n1, 0.0, a->Z + k, (int)(2 * k));
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasTrans, (int)k, (int)k, (int)D, 1.0, a->Z + k,
                (int)(2 * k), V, (int)D, 0.0, a->UAV, (int)k);
  } else { /* B = A V (n1 x k); U^T A V = U^T B */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)n1, (int)k, (int)D, 1.0, A, (int)D, V,
                (int)D, 0.0, a->Z + k, (int)(2 * k));
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)k, (int)k, (int)n1, 1.0, U, (int)n1,
                a->Z + k, (int)(2 * k), 0.0, a->UAV, (int)k);
  }
  /* G_A, both triangles */
  cblas_dsyrk(CblasRowMajor, CblasUpper, cols ? CblasTrans : CblasNoTrans, (int)m,
              (int)(cols ? n1 : D), 1.0, A, (int)D, 0.0, a->GA, (int)m);
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < i; j++)
      a->GA[i * m + j] = a->GA[j * m + i];
}

/* cos_w1 - 1/2 at W1(x) = A + sum_j coef_j U_j V_j^T (slots j < 7), with
 * the early exit of sa_linflow_align_event: ub - 1/2 while ub < 1/2. */
static double align_eval(event_ctx *e, const double *coef)
{
  align_lr *a = &e->al;
  sa_lowrank *w = e->w;
  size_t n1 = w->sh->n[1], k = a->k, m = a->m, C = w->C, k2 = 2 * k;
  const double *U = w->U[1];
  for (size_t c = 0; c < k; c++)
    a->cv[c] = coef[c / C];
  double num = 0, tr = a->trA;
  for (size_t i = 0; i < n1; i++) { /* W1 beta = A beta + U C V^T beta */
    double y = a->Ab[i];
    for (size_t c = 0; c < k; c++)
      y += U[c * n1 + i] * a->cv[c] * a->Vb[c];
    num += y * y;
  }
  for (size_t c = 0; c < k; c++) {
    tr += 2 * a->cv[c] * a->UAV[c * k + c];
    for (size_t d = 0; d < k; d++)
      tr += a->cv[c] * a->SU[c * k + d] * a->cv[d] * a->SV[d * k + c];
  }
  double ub = tr > 0 ? num * sqrt((double)m) / tr : 0.0;
  if (ub < 0.5)
    return ub - 0.5;
  for (size_t i = 0; i < k2; i++) /* K = [C S C, C; C, 0] */
    for (size_t j = 0; j < k2; j++) {
      double v = 0;
      if (i < k && j < k)
        v = a->cv[i] * a->S[i * k + j] * a->cv[j];
      else if ((i < k) != (j < k) && i % k == j % k)
        v = a->cv[i % k];
      a->K[i * k2 + j] = v;
    }
  memcpy(a->G, a->GA, m * m * sizeof(double));
  cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)m, (int)k2, (int)k2, 1.0, a->Z,
              (int)k2, a->K, (int)k2, 0.0, a->ZK, (int)k2);
  cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)m, (int)m, (int)k2, 1.0, a->ZK, (int)k2,
              a->Z, (int)k2, 1.0, a->G, (int)m);
  double fro = sqrt(cblas_ddot((int)(m * m), a->G, 1, a->G, 1));
  return (fro > 0 ? num / fro : 0.0) - 0.5;
}

/* cos_w1 - 1/2 of the first layer w1 (n1 x D): linear_flow.h's event. */
static double align_g(event_ctx *e, const double *w1)
{
  return sa_linflow_align_event(&e->pb->shape, w1, e->pb->beta, e->gram, e->w1b);
}

/* Event function ev at the state W + sum_{j<nk} coef_j K_j (nk = 0: W;
 * for t_align nk = 7 only after align_prepare at W). */
static double event_g(event_ctx *e, int ev, const double *W, size_t nk, const double *coef)
{
  if (ev == EV_ALIGN)
    return nk ? align_eval(e, coef) : align_g(e, W + e->pb->shape.offset[1]);
  double loss = suffix_loss(e->w, W, nk, coef);
  return loss - (ev == EV_HALF ? 0.5 : e->pb->stop_ratio) * e->loss0;
}

/* Coefficients of the continuous extension at th, relative to the new
 * weights W_{n+1} = W_n + h sum b_j K_j: h (c_j(th) - b_j). */
static void dense_rel(double th, double h, double *coef)
{
  dense_coef(th, coef);
  for (int j = 0; j < NS; j++)
    coef[j] = h * (coef[j] - DP_B[j]);
}

/* Root of event ev in (t_n, t_n + h] (g0 at t_n, g1 at t_{n+1}, opposite
 * signs or g1 = 0): the Illinois variant of regula falsi on the
 * continuous extension, to 1e-12 relative in t. */
static double refine_root(event_ctx *e, int ev, const double *Wnew, double tn, double h, double g0,
                          double g1)
{
  double a = 0, b = 1, ga = g0, gb = g1, coef[NS] = {0};
  double tol = 1e-12 * fmax(fabs(tn + h), h) / h;
  int side = 0;
  if (gb == 0)
    return tn + h;
  if (ev == EV_ALIGN)
    align_prepare(e, Wnew + e->pb->shape.offset[1]);
  for (int it = 0; it < 200 && b - a > tol; it++) {
    double x = (a * gb - b * ga) / (gb - ga);
    if (!(x > a && x < b)) /* degenerate secant: bisect */
      x = 0.5 * (a + b);
    dense_rel(x, h, coef);
    double gx = event_g(e, ev, Wnew, NS, coef);
    if (gx == 0) {
      a = b = x;
      break;
    }
    if ((gx < 0) == (ga < 0)) {
      a = x;
      ga = gx;
      if (side == -1)
        gb *= 0.5;
      side = -1;
    } else {
      b = x;
      gb = gx;
      if (side == 1)
        ga *= 0.5;
      side = 1;
    }
  }
  return tn + b * h; /* the end where g has the new sign */
}

static int unstable(double t)
{
  return sa_ode_unstable_error(t); /* core/sa_ode.h: the message and its reason */
}

/* ANCHOR: lowrank_run */
int sa_linflow_lowrank_run(const sa_linflow_problem *pb, double *theta, const double *times,
                           size_t ntimes, const sa_ode_params *par, sa_linflow_observer obs,
                           void *user, sa_linflow_result *res)
{
  const sa_linnet_shape *sh = &pb->shape;
  size_t n = sh->nparam, m = sh->n[1] < sh->n[0] ? sh->n[1] : sh->n[0];
  int status = GSL_SUCCESS;
  res->t_half = res->t_align = NAN;
  res->t_final = 0;
  res->nsteps = res->nrhs = 0;
  res->ntest_factored = res->ntest_exact = 0;
  if (!(par->rtol > 0) || (!par->atol_vec && !(par->atol > 0)))
    return sa_error(GSL_EINVAL, "tolerances must be positive (rtol=%g, atol=%g)", par->rtol,
                    par->atol);
  tolerances tol = {.rtol = par->rtol};
  for (size_t l = 1; l <= sh->L; l++) {
    tol.atol_layer[l] = par->atol_vec ? par->atol_vec[sh->offset[l]] : par->atol;
    for (size_t k = 0; par->atol_vec && !tol.atol_vec && k < sh->n[l] * sh->n[l - 1]; k++)
      if (par->atol_vec[sh->offset[l] + k] != tol.atol_layer[l])
        tol.atol_vec = par->atol_vec;
  }
  for (size_t l = 1; l <= sh->L && !tol.atol_vec; l++)
    if (!(tol.atol_layer[l] > 0))
      return sa_error(GSL_EINVAL, "tolerances must be positive (atol of layer %zu = %g)", l,
                      tol.atol_layer[l]);
  for (size_t k = 0; tol.atol_vec && k < n; k++)
    if (!(tol.atol_vec[k] > 0))
      return sa_error(GSL_EINVAL, "tolerances must be positive (atol[%zu] = %g)", k,
                      tol.atol_vec[k]);
  long max_steps = par->max_steps > 0 ? par->max_steps : SA_ODE_DEFAULT_MAX_STEPS;

  event_ctx ev = {.pb = pb};
  ev.w = sa_lowrank_alloc(pb);
  ev.gram = gsl_matrix_alloc(m, m);
  ev.w1b = gsl_vector_alloc(sh->n[1]);
  int al_ok = align_alloc(&ev.al, sh->n[1], sh->n[0], NS * sh->n[sh->L]);
  /* W: the weights, updated in place in the caller's theta (a buffer of
   * the size of the state touched for the first time costs its page
   * faults: ~0.9 ms per run at 60,200 weights on this VM, 13% of a run);
   * Wn: the outputs before the last, which goes to theta itself. */
  double *W = theta, *Wn = malloc(n * sizeof *Wn);
  sa_lowrank *w = ev.w;
  if (!w || !ev.gram || !ev.w1b || !al_ok || !Wn) {
    status = sa_error(GSL_ENOMEM, "out of memory");
    goto cleanup;
  }
  /* wmax[l] >= max |W^l_ij|: exact here and after each exact test of the
   * layer, a bound (increment_absmax) in between */
  double wmax[SA_LINNET_MAXL + 1] = {0};
  for (size_t l = 1; l <= sh->L; l++)
    wmax[l] = absmax(sh->n[l] * sh->n[l - 1], W + sh->offset[l]);
  double coef[NS] = {0};
  double loss = sa_lowrank_stage(w, W, 0, coef, 0); /* K_1 = f(W) */
  res->nrhs = 1;
  ev.loss0 = res->loss0 = loss;
  if (!isfinite(loss)) {
    status = unstable(0.0);
    goto cleanup;
  }
  if (obs && obs(0.0, theta, user) != 0) {
    status = sa_error(GSL_EFAILED, "observer failed at t=0");
    goto cleanup;
  }
  int active[EV_COUNT] = {1, pb->stop_ratio > 0, pb->beta != NULL};
  double gprev[EV_COUNT] = {0, 0, 0};
  for (int e = 0; e < EV_COUNT; e++)
    if (active[e] && isnan(gprev[e] = event_g(&ev, e, W, 0, NULL)) && e == EV_ALIGN) {
      status = GSL_EFAILED; /* the message is the event's */
      goto cleanup;
    }

  double t = 0, tlast = ntimes ? times[ntimes - 1] : 0;
  double dn = (double)n;
  /* Initial step (Hairer-Wanner): h0 = 0.01 |y0|/|f0| in the error norm,
   * then from the second derivative estimated by one Euler step. */
  double h;
  {
    double dny = factored_sumsq(w, &tol, W, W, 0, NULL) / dn;
    double one = 1.0;
    double dnf = factored_sumsq(w, &tol, W, NULL, 1, &one) / dn;
    h = (dnf <= 1e-10 || dny <= 1e-10) ? 1e-6 : 0.01 * sqrt(dny / dnf);
    if (tlast > 0)
      h = fmin(h, tlast);
    double l1 = sa_lowrank_stage(w, W, 1, &h, 1); /* K_2 := f(W + h K_1) */
    res->nrhs++;
    if (!isfinite(l1)) {
      status = unstable(h);
      goto cleanup;
    }
    double d2c[2] = {-1.0 / h, 1.0 / h};
    double der2 = sqrt(factored_sumsq(w, &tol, W, NULL, 2, d2c) / dn);
    double der12 = fmax(der2, sqrt(dnf));
    double h1 = der12 <= 1e-15 ? fmax(1e-6, h * 1e-3) : pow(0.01 / der12, 1.0 / 5);
    h = fmin(100 * h, h1);
    if (tlast > 0)
      h = fmin(h, tlast);
  }

  /* Step control: h_new = h / fac with fac the larger (the smaller step)
   * of DOPRI5's PI controller, err^0.17 / err_prev^0.04 / 0.9, and
   * Gustafsson's predictive controller (as in RADAU5),
   * (h_prev / h) (err^2 / err_prev)^(1/5) / 0.9 over accepted steps, limited
   * to [1/10, 5] (growth <= 10, shrink >= 0.2); after a rejection no
   * growth.  On the plateau of the deep flows the error per step grows
   * ~3x from one step to the next (the weights accelerate towards the
   * drop); the PI controller alone then alternates accepted and rejected
   * steps (21 rejections in 58 attempts at L = 3, D = 100, N = 200,
   * rtol 1e-8), the predictor sees the trend: 236 right-hand sides instead
   * of 350 there. */
  const double beta = 0.04, expo1 = 0.2 - beta * 0.75, safe = 0.9;
  double errold = 1e-4, hacc = 0, erracc = 1e-2;
  int rejected = 0, nreject = 0;
  long steps_since_out = 0;
  size_t k = 0;
  int stopped = 0;
  while (k < ntimes && !stopped) {
    if (steps_since_out >= max_steps) {
      status = sa_error(SA_ESOLVER,
                        "too much work (TOO_MUCH_WORK): the step limit max_steps = %ld was "
                        "reached before t=%g (at t=%g)",
                        max_steps, times[k], t);
      goto cleanup;
    }
    if (!(t + h > t)) {
      status = sa_error(SA_ESOLVER, "step size underflow at t=%g (h=%g)", t, h);
      goto cleanup;
    }
    steps_since_out++;
    /* stages 2..7 (K_1 = f(W) from the last step, first same as last) */
    double lossi = 0;
    for (int i = 1; i < NS; i++) {
      for (int j = 0; j < i; j++)
        coef[j] = h * DP_A[i][j];
      lossi = sa_lowrank_stage(w, W, (size_t)i, coef, (size_t)i);
      res->nrhs++;
      if (!isfinite(lossi)) {
        status = unstable(t + DP_C[i] * h);
        goto cleanup;
      }
    }
    double bcoef[NS];
    for (int j = 0; j < NS; j++) {
      coef[j] = h * DP_E[j];
      bcoef[j] = h * DP_B[j];
    }
    /* The error test, per layer: factored (no pass over the weights)
     * while it is tight (TIGHT), else the exact weighted norm in one pass. */
    int fact[SA_LINNET_MAXL + 1] = {0}, factored = 0;
    for (size_t l = 1; l <= sh->L; l++)
      factored += fact[l] = !tol.atol_vec && tol.rtol * wmax[l] <= TIGHT * tol.atol_layer[l];
    res->ntest_factored += factored;
    res->ntest_exact += (long)sh->L - factored;
    double err = sqrt(mixed_errsq(w, &tol, W, coef, fact, wmax) / dn);
    if (!isfinite(err)) {
      status = unstable(t + h);
      goto cleanup;
    }
    double fac11 = pow(err, expo1);
    if (err > 1.0) { /* reject */
      h /= fmin(5.0, fac11 / safe);
      rejected = 1;
      if (++nreject > MAX_REJECT) {
        status =
            sa_error(SA_ESOLVER, "%d rejected steps in a row at t=%g (h=%g)", MAX_REJECT, t, h);
        goto cleanup;
      }
      continue;
    }
    /* accept: W_{n+1} = W_n + h sum b_j K_j (one GEMM per layer) */
    double fac = fac11 / pow(errold, beta) / safe;
    if (hacc > 0) /* Gustafsson's predictor, from the last two accepted steps */
      fac = fmax(fac, (hacc / h) * pow(err * err / erracc, 0.2) / safe);
    fac = fmax(0.1, fmin(5.0, fac));
    hacc = h;
    erracc = fmax(err, 1e-2);
    double hnew = h / fac;
    if (rejected)
      hnew = fmin(hnew, h);
    errold = fmax(err, 1e-4);
    rejected = 0;
    nreject = 0;
    /* W_{n+1} = W_n + h sum b_j K_j in place, one GEMM per layer */
    for (size_t l = 1; l <= sh->L; l++)
      wmax[l] += increment_absmax(w, l, bcoef);
    materialise(w, W, NS, bcoef, W);
    double tn = t;
    t += h;
    res->nsteps++;
    /* events in (tn, t] */
    double troot[EV_COUNT] = {NAN, NAN, NAN};
    for (int e = 0; e < EV_COUNT; e++) {
      if (!active[e])
        continue;
      double g = e == EV_ALIGN ? event_g(&ev, e, W, 0, NULL)
                               : lossi - (e == EV_HALF ? 0.5 : pb->stop_ratio) * ev.loss0;
      if (e == EV_ALIGN && isnan(g)) { /* the message is the event's */
        status = GSL_EFAILED;
        goto cleanup;
      }
      if ((gprev[e] > 0 && g <= 0) || (gprev[e] < 0 && g >= 0)) {
        troot[e] = refine_root(&ev, e, W, tn, h, gprev[e], g);
        active[e] = 0;
      }
      gprev[e] = g;
    }
    if (!isnan(troot[EV_HALF]))
      res->t_half = troot[EV_HALF];
    if (!isnan(troot[EV_ALIGN]))
      res->t_align = troot[EV_ALIGN];
    /* outputs in (tn, t], and the stop */
    double tstop = troot[EV_STOP];
    for (;;) {
      double tout;
      int is_stop = 0;
      if (k < ntimes && times[k] <= t && !(tstop <= times[k]))
        tout = times[k];
      else if (!isnan(tstop)) {
        tout = tstop;
        is_stop = 1;
      } else
        break;
      double th = (tout - tn) / h;
      dense_rel(th, h, coef);
      /* the last output in place (W is theta), the others in Wn */
      double *y = is_stop || k == ntimes - 1 ? theta : Wn;
      materialise(w, W, NS, coef, y);
      res->t_final = tout;
      steps_since_out = 0;
      if (obs && obs(tout, y, user) != 0) {
        status = sa_error(GSL_EFAILED, "observer failed at t=%g", tout);
        goto cleanup;
      }
      if (is_stop) {
        stopped = 1;
        break;
      }
      k++;
    }
    /* first same as last: K_1 of the next step is K_7 of this one */
    for (size_t l = 1; l <= sh->L; l++) {
      size_t C = w->C, last = (NS - 1) * C, nl = sh->n[l], nm = sh->n[l - 1];
      memcpy(w->U[l], w->U[l] + last * nl, C * nl * sizeof(double));
      memcpy(w->V[l], w->V[l] + last * nm, C * nm * sizeof(double));
    }
    h = hnew;
  }
cleanup:
  free(Wn);
  align_free(&ev.al);
  gsl_matrix_free(ev.gram);
  gsl_vector_free(ev.w1b);
  sa_lowrank_free(ev.w);
  return status;
}
/* END: lowrank_run */
