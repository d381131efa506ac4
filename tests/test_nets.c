/* Tests of src/nets: MLP forward/backprop, the empirical NTK (paper 1.2,
 * 1.6), the optimiser-weighted kernel (App. J.1, paper 2.8), the kernel
 * measures (paper 1.3) and ridgeless kernel regression.
 *
 * Independent code paths: the NTK closed form (Hadamard products of Grams,
 * back-propagated b vectors) is checked against K_fd = J J^T where the
 * Jacobian J is built HERE by central differences of the forward pass,
 * parameter by parameter; the gradient against central differences of the
 * loss; the two-layer linear NTK against Eq. (5), x^T (W^T W + |a|^2 I) x';
 * the pseudo-inverse against an SVD of the data matrix.
 *
 * Finite-difference tolerance.  Central differences with step h have
 * truncation error h^2 |f'''|/6 and rounding error eps |f| / h.  For linear
 * and ReLU nets f is multilinear in the weights inside a fixed activation
 * pattern, so f (and the quadratic loss) has zero third derivative along a
 * coordinate: only rounding remains.  With h = 1e-5 the relative error of a
 * Jacobian entry is h^2 |f'''|/|f'| + (eps/h) |f|/|f'| = 1e-10 r3 + 2e-11 r0
 * with ratios r3, r0 of order one for O(1) weights and inputs, and that of
 * J J^T about twice that.  FD_TOL = 1e-8 accepts ratios up to ~10^2
 * (measured errors: ~1e-12 linear/ReLU, ~5e-11 tanh), while an error in the
 * closed form is O(1).
 * ReLU kinks: every FD evaluation checks that no hidden unit changed sign
 * (activation pattern identical to the unperturbed one); this is asserted. */
#include "config.h"

#include "nets/kernel_regression.h"
#include "nets/mlp.h"
#include "nets/ntk.h"
#include "fixture.h"
#include "tap.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FD_H 1e-5
#define FD_TOL 1e-8
/* Agreement of two exact-arithmetic-equal BLAS computations of different
 * association order on O(10)-sized sums: a few hundred eps. */
#define ROUND_TOL 1e-12

static gsl_rng *rng;

static double rel_vec(const gsl_vector *a, const gsl_vector *b)
{
  double d = 0.0, s = 0.0;
  for (size_t i = 0; i < a->size; i++) {
    double x = gsl_vector_get(a, i), y = gsl_vector_get(b, i);
    d += (x - y) * (x - y);
    s += y * y;
  }
  return sqrt(d / s);
}

/* Activation pattern (h > 0) of all hidden units, for kink detection. */
static void pattern(const sa_mlp *net, const sa_mlp_workspace *ws, unsigned char *pat)
{
  size_t k = 0;
  for (size_t l = 1; l < net->L; l++)
    for (size_t i = 0; i < ws->H[l]->size1 * ws->H[l]->size2; i++)
      pat[k++] = ws->H[l]->data[i] > 0.0;
}

static size_t pattern_len(const sa_mlp *net, size_t P)
{
  size_t n = 0;
  for (size_t l = 1; l < net->L; l++)
    n += net->widths[l] * P;
  return n ? n : 1;
}

/* Central-difference Jacobian J[c*P + mu, k] = d f_c(x^mu) / d theta_k,
 * by perturbing each parameter and re-running the forward pass.  *kinks
 * counts perturbations that changed the ReLU activation pattern. */
static gsl_matrix *fd_jacobian(sa_mlp *net, const gsl_matrix *X, size_t *kinks)
{
  size_t P = X->size2, C = net->widths[net->L], n = net->n_params;
  gsl_matrix *J = gsl_matrix_alloc(C * P, n), *Fp = gsl_matrix_alloc(C, P);
  sa_mlp_workspace *ws = sa_mlp_workspace_alloc(net, P);
  size_t np = pattern_len(net, P);
  unsigned char *p0 = calloc(np, 1), *p1 = calloc(np, 1);
  sa_mlp_forward(net, X, ws);
  pattern(net, ws, p0);
  *kinks = 0;
  for (size_t k = 0; k < n; k++) {
    double t = gsl_vector_get(net->theta, k);
    gsl_vector_set(net->theta, k, t + FD_H);
    sa_mlp_forward(net, X, ws);
    pattern(net, ws, p1);
    if (net->act == SA_ACT_RELU && memcmp(p0, p1, np))
      (*kinks)++;
    gsl_matrix_memcpy(Fp, ws->F);
    gsl_vector_set(net->theta, k, t - FD_H);
    sa_mlp_forward(net, X, ws);
    pattern(net, ws, p1);
    if (net->act == SA_ACT_RELU && memcmp(p0, p1, np))
      (*kinks)++;
    gsl_vector_set(net->theta, k, t);
    for (size_t c = 0; c < C; c++)
      for (size_t mu = 0; mu < P; mu++)
        gsl_matrix_set(J, c * P + mu, k,
                       (gsl_matrix_get(Fp, c, mu) - gsl_matrix_get(ws->F, c, mu)) / (2 * FD_H));
  }
  free(p0);
  free(p1);
  sa_mlp_workspace_free(ws);
  gsl_matrix_free(Fp);
  return J;
}

/* Ja diag(eta) Jb^T (eta NULL: all ones). */
static gsl_matrix *jac_kernel(const gsl_matrix *Ja, const gsl_matrix *Jb, const gsl_vector *eta)
{
  gsl_matrix *S = gsl_matrix_alloc(Jb->size1, Jb->size2);
  gsl_matrix_memcpy(S, Jb);
  if (eta)
    for (size_t i = 0; i < S->size1; i++)
      for (size_t k = 0; k < S->size2; k++)
        gsl_matrix_set(S, i, k, gsl_matrix_get(S, i, k) * gsl_vector_get(eta, k));
  gsl_matrix *K = gsl_matrix_alloc(Ja->size1, Jb->size1);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, Ja, S, 0.0, K);
  gsl_matrix_free(S);
  return K;
}

typedef struct {
  sa_act act;
  size_t L;
  size_t widths[8];
  double sigma;
  sa_mlp_config cfg; /* biases (own init scale), NTK parameterisation */
} arch;

static sa_mlp *make_net(const arch *a)
{
  sa_mlp *net = sa_mlp_alloc_config(a->L, a->widths, a->act, &a->cfg);
  sa_mlp_init(net, a->sigma, rng);
  return net;
}

static void arch_name(const arch *a, char *buf, size_t len)
{
  snprintf(buf, len, "%s L=%zu C=%zu%s%s", sa_act_name(a->act), a->L, a->widths[a->L],
           a->cfg.bias ? " bias" : "", a->cfg.ntk_param ? " NTK-param" : "");
}

/* ---- forward pass and loss against an explicit loop ------------------------- */
static void test_forward(void)
{
  size_t w[3] = {4, 5, 2}, P = 3;
  sa_mlp *net = sa_mlp_alloc(2, w, SA_ACT_TANH);
  sa_mlp_init(net, 1.37, rng);
  gsl_matrix *X = fixture_random_matrix(rng, 4, P, 1.0), *Y = fixture_random_matrix(rng, 2, P, 1.0);
  sa_mlp_workspace *ws = sa_mlp_workspace_alloc(net, P);
  double loss;
  sa_mlp_loss_grad(net, X, Y, ws, &loss, NULL);
  gsl_matrix_view W1 = sa_mlp_layer(net, 1), W2 = sa_mlp_layer(net, 2);
  double err = 0.0, sse = 0.0;
  for (size_t mu = 0; mu < P; mu++)
    for (size_t c = 0; c < 2; c++) {
      double f = 0.0;
      for (size_t i = 0; i < 5; i++) {
        double z = 0.0;
        for (size_t j = 0; j < 4; j++)
          z += gsl_matrix_get(&W1.matrix, i, j) * gsl_matrix_get(X, j, mu);
        f += gsl_matrix_get(&W2.matrix, c, i) * tanh(z);
      }
      err = fmax(err, fabs(f - gsl_matrix_get(ws->F, c, mu)));
      sse += (f - gsl_matrix_get(Y, c, mu)) * (f - gsl_matrix_get(Y, c, mu));
    }
  tap_abs(err, 0.0, ROUND_TOL, "forward pass f = W2 tanh(W1 x) equals explicit loops");
  tap_rel(loss, sse / (2.0 * P), ROUND_TOL, "loss equals 1/(2P) sum |f - y|^2 (paper 1.1)");
  /* theta layout: W^2 follows W^1 row-major in one contiguous vector */
  tap_ok(W2.matrix.data == net->theta->data + 5 * 4 && net->n_params == 5 * 4 + 2 * 5,
         "parameters: one contiguous vector, W^l views at consecutive offsets");
  sa_mlp_workspace_free(ws);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  sa_mlp_free(net);
}

/* ---- NTK, cross-kernel, eta kernels against finite-difference Jacobians ----- */
static void test_ntk_fd(const arch *a, int with_eta)
{
  char name[64];
  arch_name(a, name, sizeof name);
  size_t P = 6, Pt = 4, C = a->widths[a->L], D = a->widths[0];
  sa_mlp *net = make_net(a);
  gsl_matrix *X = fixture_random_matrix(rng, D, P, 1.0),
             *Xt = fixture_random_matrix(rng, D, Pt, 1.0);
  size_t kinks, kinks_t;
  gsl_matrix *J = fd_jacobian(net, X, &kinks), *Jt = fd_jacobian(net, Xt, &kinks_t);
  if (a->act == SA_ACT_RELU)
    tap_ok(kinks + kinks_t == 0, "%s: no ReLU pre-activation crosses zero under FD steps", name);
  sa_ntk_workspace *ws = sa_ntk_workspace_alloc(net, P, Pt);
  gsl_matrix *K = gsl_matrix_alloc(C * P, C * P), *Kx = gsl_matrix_alloc(C * Pt, C * P);
  gsl_matrix *Kfd = jac_kernel(J, J, NULL), *Kxfd = jac_kernel(Jt, J, NULL);
  sa_ntk_gram(net, X, ws, K);
  tap_diag("%s: relative Frobenius error of the NTK against J J^T: %.2e", name,
           fixture_rel_fro(K, Kfd));
  tap_abs(fixture_rel_fro(K, Kfd), 0.0, FD_TOL,
          "%s: NTK Gram (layer-wise Hadamard form) = J J^T by central differences (paper 1.2)",
          name);
  sa_ntk_cross(net, Xt, X, ws, Kx);
  tap_abs(fixture_rel_fro(Kx, Kxfd), 0.0, FD_TOL,
          "%s: NTK cross-kernel (test x train) = J_t J^T by central differences", name);
  if (with_eta) {
    gsl_vector *eta = gsl_vector_alloc(net->n_params);
    gsl_matrix *K1 = gsl_matrix_alloc(C * P, C * P), *Kx1 = gsl_matrix_alloc(C * Pt, C * P);
    /* eta = 1 on every entry: NTK */
    gsl_vector_set_all(eta, 1.0);
    sa_ntk_eta_gram(net, eta, X, ws, K1);
    tap_abs(fixture_rel_fro(K1, K), 0.0, ROUND_TOL,
            "%s: eta-weighted kernel with eta = 1 equals the NTK (App. J.1)", name);
    /* random positive rates (a few exact zeros): J diag(eta) J^T */
    for (size_t k = 0; k < net->n_params; k++)
      gsl_vector_set(eta, k, k % 7 == 3 ? 0.0 : gsl_ran_flat(rng, 0.05, 2.9));
    gsl_matrix *Kefd = jac_kernel(J, J, eta), *Kxefd = jac_kernel(Jt, J, eta);
    sa_ntk_eta_gram(net, eta, X, ws, K1);
    tap_abs(fixture_rel_fro(K1, Kefd), 0.0, FD_TOL,
            "%s: eta kernel, random per-parameter rates = J diag(eta) J^T (App. J.1, Eq. 91)",
            name);
    sa_ntk_eta_cross(net, eta, Xt, X, ws, Kx1);
    tap_abs(fixture_rel_fro(Kx1, Kxefd), 0.0, FD_TOL,
            "%s: eta cross-kernel, random rates = J_t diag(eta) J^T", name);
    gsl_matrix_free(Kefd);
    gsl_matrix_free(Kxefd);
    /* one rate per layer (rank-one fast path), except the last layer random */
    for (size_t l = 1; l <= net->L; l++) {
      gsl_matrix_view E = sa_mlp_layer_of(net, eta, l);
      for (size_t i = 0; i < E.matrix.size1; i++)
        for (size_t j = 0; j < E.matrix.size2; j++)
          gsl_matrix_set(&E.matrix, i, j,
                         l < net->L ? 0.385 * (double)l + 0.2 : gsl_ran_flat(rng, 0.1, 1.7));
      if (net->cfg.bias) { /* the layer's biases share its rate */
        gsl_vector_view Eb = sa_mlp_bias_of(net, eta, l);
        for (size_t i = 0; i < Eb.vector.size; i++)
          gsl_vector_set(&Eb.vector, i,
                         l < net->L ? 0.385 * (double)l + 0.2 : gsl_ran_flat(rng, 0.1, 1.7));
      }
    }
    Kefd = jac_kernel(J, J, eta);
    sa_ntk_eta_gram(net, eta, X, ws, K1);
    tap_abs(fixture_rel_fro(K1, Kefd), 0.0, FD_TOL,
            "%s: eta kernel, per-layer constant rates (rank-one form) = J diag(eta) J^T", name);
    gsl_matrix_free(Kefd);
    gsl_vector_free(eta);
    gsl_matrix_free(K1);
    gsl_matrix_free(Kx1);
  }
  gsl_matrix_free(Kfd);
  gsl_matrix_free(Kxfd);
  gsl_matrix_free(K);
  gsl_matrix_free(Kx);
  sa_ntk_workspace_free(ws);
  gsl_matrix_free(J);
  gsl_matrix_free(Jt);
  gsl_matrix_free(X);
  gsl_matrix_free(Xt);
  sa_mlp_free(net);
}

/* ---- per-layer kernels K_l against the finite-difference Jacobian ----------- */
/* K_l = J_l J_l^T with J_l the columns of J belonging to layer l's weights
 * and biases (parameter layout of mlp.h); and sum_l K_l = K. */
static void test_layers_fd(const arch *a)
{
  char name[64];
  arch_name(a, name, sizeof name);
  size_t P = 5, C = a->widths[a->L], D = a->widths[0], n = C * P;
  sa_mlp *net = make_net(a);
  gsl_matrix *X = fixture_random_matrix(rng, D, P, 1.0);
  size_t kinks;
  gsl_matrix *J = fd_jacobian(net, X, &kinks);
  sa_ntk_workspace *ws = sa_ntk_workspace_alloc(net, P, 0);
  gsl_matrix *K = gsl_matrix_alloc(n, n), *K2 = gsl_matrix_alloc(n, n),
             *S = gsl_matrix_calloc(n, n);
  gsl_matrix *Kl[8];
  for (size_t l = 0; l < net->L; l++)
    Kl[l] = gsl_matrix_alloc(n, n);
  sa_ntk_gram_layers(net, X, ws, K, Kl);
  sa_ntk_gram(net, X, ws, K2);
  double worst = 0.0;
  for (size_t l = 1; l <= net->L; l++) {
    gsl_vector *mask = gsl_vector_calloc(net->n_params);
    for (size_t k = 0; k < a->widths[l] * a->widths[l - 1]; k++)
      gsl_vector_set(mask, net->offset[l - 1] + k, 1.0);
    if (net->cfg.bias)
      for (size_t k = 0; k < a->widths[l]; k++)
        gsl_vector_set(mask, net->boffset[l - 1] + k, 1.0);
    gsl_matrix *Kfd = jac_kernel(J, J, mask);
    worst = fmax(worst, fixture_rel_fro(Kl[l - 1], Kfd));
    gsl_matrix_add(S, Kl[l - 1]);
    gsl_matrix_free(Kfd);
    gsl_vector_free(mask);
  }
  tap_ok(kinks == 0, "%s: no ReLU kink crossed by the FD steps", name);
  tap_abs(worst, 0.0, FD_TOL,
          "%s: each layer's kernel K_l = J_l J_l^T by central differences (worst %.1e)", name,
          worst);
  tap_abs(fixture_rel_fro(S, K2), 0.0, ROUND_TOL,
          "%s: per-layer kernels sum to the NTK, sum_l K_l = K", name);
  tap_abs(fixture_rel_fro(K, K2), 0.0, ROUND_TOL,
          "%s: the NTK returned beside the parts equals sa_ntk_gram", name);
  for (size_t l = 0; l < net->L; l++)
    gsl_matrix_free(Kl[l]);
  gsl_matrix_free(K);
  gsl_matrix_free(K2);
  gsl_matrix_free(S);
  gsl_matrix_free(J);
  gsl_matrix_free(X);
  sa_ntk_workspace_free(ws);
  sa_mlp_free(net);
}

/* ---- NTK parameterisation: same function at init, gradient scaled by s_l ------ */
/* Same seed, same draws: the NTK-parameterised net computes the same f at
 * initialisation as the standard one, and its gradient with respect to W^l is
 * s_l = sigma/sqrt(fan_in) times the standard one (biases: t_l = sigma_b),
 * so layer l's kernel is s_l^2 (resp. t_l^2) times the standard layer's. */
static void test_ntk_param(void)
{
  size_t w[4] = {6, 9, 7, 2}, P = 4, n = 2 * P;
  double sigma = 1.3, sb = 0.7;
  sa_mlp_config cs = {1, sb, 0}, cn = {1, sb, 1};
  sa_mlp *a = sa_mlp_alloc_config(3, w, SA_ACT_TANH, &cs),
         *b = sa_mlp_alloc_config(3, w, SA_ACT_TANH, &cn);
  gsl_rng_set(rng, 77);
  sa_mlp_init(a, sigma, rng);
  gsl_rng_set(rng, 77);
  sa_mlp_init(b, sigma, rng);
  gsl_matrix *X = fixture_random_matrix(rng, 6, P, 1.0);
  sa_mlp_workspace *wa = sa_mlp_workspace_alloc(a, P), *wb = sa_mlp_workspace_alloc(b, P);
  sa_mlp_forward(a, X, wa);
  sa_mlp_forward(b, X, wb);
  tap_abs(fixture_rel_fro(wb->F, wa->F), 0.0, ROUND_TOL,
          "NTK parameterisation: same function at initialisation as the standard one");
  gsl_matrix *Ka[3], *Kb[3], *K = gsl_matrix_alloc(n, n);
  sa_ntk_workspace *na = sa_ntk_workspace_alloc(a, P, 0), *nb = sa_ntk_workspace_alloc(b, P, 0);
  for (int l = 0; l < 3; l++) {
    Ka[l] = gsl_matrix_alloc(n, n);
    Kb[l] = gsl_matrix_alloc(n, n);
  }
  sa_ntk_gram_layers(a, X, na, K, Ka);
  sa_ntk_gram_layers(b, X, nb, K, Kb);
  /* top layer, weights only: s_3^2 x standard; with its bias (t = sb, standard
   * bias part is 1 per output): Kb_3 = s^2 (Ka_3 - 1) + sb^2 on diagonal blocks */
  double s2 = sigma * sigma / 7.0, worst = 0.0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      double same = (i / P == j / P) ? 1.0 : 0.0;
      double pred = s2 * (gsl_matrix_get(Ka[2], i, j) - same) + sb * sb * same;
      worst = fmax(worst, fabs(gsl_matrix_get(Kb[2], i, j) - pred));
    }
  tap_abs(
      worst, 0.0, ROUND_TOL,
      "NTK parameterisation: top-layer kernel = s_L^2 (standard weight part) + t_L^2 (bias part)");
  for (int l = 0; l < 3; l++) {
    gsl_matrix_free(Ka[l]);
    gsl_matrix_free(Kb[l]);
  }
  gsl_matrix_free(K);
  gsl_matrix_free(X);
  sa_ntk_workspace_free(na);
  sa_ntk_workspace_free(nb);
  sa_mlp_workspace_free(wa);
  sa_mlp_workspace_free(wb);
  sa_mlp_free(a);
  sa_mlp_free(b);
}

/* ---- gradient of the loss against central differences ---------------------- */
static void test_grad(const arch *a)
{
  char name[64];
  arch_name(a, name, sizeof name);
  size_t P = 7, C = a->widths[a->L], D = a->widths[0];
  sa_mlp *net = make_net(a);
  gsl_matrix *X = fixture_random_matrix(rng, D, P, 1.0), *Y = fixture_random_matrix(rng, C, P, 0.8);
  sa_mlp_workspace *ws = sa_mlp_workspace_alloc(net, P);
  gsl_vector *g = gsl_vector_alloc(net->n_params), *gfd = gsl_vector_alloc(net->n_params);
  double loss, lp, lm;
  sa_mlp_loss_grad(net, X, Y, ws, &loss, g);
  for (size_t k = 0; k < net->n_params; k++) {
    double t = gsl_vector_get(net->theta, k);
    gsl_vector_set(net->theta, k, t + FD_H);
    sa_mlp_loss_grad(net, X, Y, ws, &lp, NULL);
    gsl_vector_set(net->theta, k, t - FD_H);
    sa_mlp_loss_grad(net, X, Y, ws, &lm, NULL);
    gsl_vector_set(net->theta, k, t);
    gsl_vector_set(gfd, k, (lp - lm) / (2 * FD_H));
  }
  tap_abs(rel_vec(g, gfd), 0.0, FD_TOL,
          "%s: backprop gradient of L = 1/(2P) sum |f-y|^2 equals central differences", name);
  gsl_vector_free(g);
  gsl_vector_free(gfd);
  sa_mlp_workspace_free(ws);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  sa_mlp_free(net);
}

/* ---- Eq. (5): two-layer linear NTK = x^T (W^T W + |a|^2 I) x' ---------------- */
static void test_eq5(void)
{
  size_t D = 6, N = 9, P = 5, w[3] = {6, 9, 1};
  sa_mlp *net = sa_mlp_alloc(2, w, SA_ACT_LINEAR);
  sa_mlp_init(net, 0.83, rng);
  gsl_matrix *X = fixture_random_matrix(rng, D, P, 1.0), *K = gsl_matrix_alloc(P, P);
  gsl_matrix *K5 = gsl_matrix_alloc(P, P);
  sa_ntk_workspace *ws = sa_ntk_workspace_alloc(net, P, 0);
  sa_ntk_gram(net, X, ws, K);
  gsl_matrix_view W = sa_mlp_layer(net, 1), a = sa_mlp_layer(net, 2);
  double a2 = 0.0;
  for (size_t i = 0; i < N; i++)
    a2 += gsl_matrix_get(&a.matrix, 0, i) * gsl_matrix_get(&a.matrix, 0, i);
  for (size_t mu = 0; mu < P; mu++)
    for (size_t nu = 0; nu < P; nu++) {
      double s = 0.0;
      for (size_t j = 0; j < D; j++)
        for (size_t k = 0; k < D; k++) {
          double m = j == k ? a2 : 0.0;
          for (size_t i = 0; i < N; i++)
            m += gsl_matrix_get(&W.matrix, i, j) * gsl_matrix_get(&W.matrix, i, k);
          s += gsl_matrix_get(X, j, mu) * m * gsl_matrix_get(X, k, nu);
        }
      gsl_matrix_set(K5, mu, nu, s);
    }
  tap_abs(fixture_rel_fro(K, K5), 0.0, ROUND_TOL,
          "two-layer linear NTK equals x^T (W^T W + |a|^2 I) x' (Eq. 5)");
  sa_ntk_workspace_free(ws);
  gsl_matrix_free(K);
  gsl_matrix_free(K5);
  gsl_matrix_free(X);
  sa_mlp_free(net);
}

/* ---- the eta kernel with exactly-zero inputs (skipped, like blank pixels) --- */
static void test_eta_sparse(void)
{
  arch a = {SA_ACT_RELU, 3, {30, 41, 17, 2}, 1.1, {0, 0.0, 0}};
  size_t P = 5, Pt = 3, C = 2;
  sa_mlp *net = make_net(&a);
  gsl_matrix *X = fixture_random_matrix(rng, 30, P, 1.0),
             *Xt = fixture_random_matrix(rng, 30, Pt, 1.0);
  for (size_t j = 0; j < 30; j++) /* about 60% zero entries, as in MNIST images */
    for (size_t mu = 0; mu < P; mu++)
      if ((j * 7 + mu * 3) % 5 < 3)
        gsl_matrix_set(X, j, mu, 0.0);
  size_t kinks, kinks_t;
  gsl_matrix *J = fd_jacobian(net, X, &kinks), *Jt = fd_jacobian(net, Xt, &kinks_t);
  gsl_vector *eta = gsl_vector_alloc(net->n_params);
  for (size_t k = 0; k < net->n_params; k++)
    gsl_vector_set(eta, k, gsl_ran_flat(rng, 0.01, 3.1));
  gsl_matrix *Kfd = jac_kernel(J, J, eta), *K = gsl_matrix_alloc(C * P, C * P);
  gsl_matrix *Kxfd = jac_kernel(Jt, J, eta), *Kx = gsl_matrix_alloc(C * Pt, C * P);
  sa_ntk_workspace *ws = sa_ntk_workspace_alloc(net, P, Pt);
  sa_ntk_eta_gram(net, eta, X, ws, K);
  sa_ntk_eta_cross(net, eta, Xt, X, ws, Kx);
  tap_ok(kinks + kinks_t == 0, "eta kernel, sparse inputs: no ReLU kink under FD steps");
  tap_abs(fixture_rel_fro(K, Kfd), 0.0, FD_TOL,
          "eta kernel with 60%% zero inputs = J diag(eta) J^T (relu L=3 C=2)");
  tap_abs(fixture_rel_fro(Kx, Kxfd), 0.0, FD_TOL,
          "eta cross-kernel with sparse training inputs = J_t diag(eta) J^T (relu L=3 C=2)");
  gsl_matrix_free(Kxfd);
  gsl_matrix_free(Kx);
  gsl_matrix_free(Jt);
  gsl_matrix_free(Xt);
  gsl_vector_set(eta, 17, -0.5);
  tap_ok(sa_ntk_eta_gram(net, eta, X, ws, K) == GSL_EDOM,
         "eta kernel rejects a negative rate (GSL_EDOM)");
  sa_ntk_workspace_free(ws);
  gsl_matrix_free(K);
  gsl_matrix_free(Kfd);
  gsl_vector_free(eta);
  gsl_matrix_free(J);
  gsl_matrix_free(X);
  sa_mlp_free(net);
}

/* ---- kernel measures -------------------------------------------------------- */
static void test_measures(void)
{
  size_t C = 2, P = 4, n = C * P;
  gsl_matrix *Y = fixture_random_matrix(rng, C, P, 1.0), *K = gsl_matrix_alloc(n, n);
  gsl_vector *aw = gsl_vector_alloc(2 * n);
  /* K = y y^T is perfectly aligned: A = |y|^4 / (|y|^2 |y|^2) = 1 */
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      gsl_matrix_set(K, i, j, gsl_matrix_get(Y, i / P, i % P) * gsl_matrix_get(Y, j / P, j % P));
  tap_rel(sa_ntk_alignment(K, Y, aw), 1.0, ROUND_TOL,
          "alignment of K = y y^T is 1 (paper 1.3, flattened C=2 targets)");
  /* K = 2.385 I: A = 2.385 |y|^2 / (2.385 sqrt(n) |y|^2) = 1/sqrt(n) */
  gsl_matrix_set_identity(K);
  gsl_matrix_scale(K, 2.385);
  tap_rel(sa_ntk_alignment(K, Y, aw), 1.0 / sqrt((double)n), ROUND_TOL,
          "alignment of K = c I is 1/sqrt(PC)");
  tap_rel(sa_ntk_frobenius(K), 2.385 * sqrt((double)n), ROUND_TOL,
          "Frobenius norm of 2.385 I is 2.385 sqrt(n)");

  /* eigenvalues: K = Q diag(lam) Q^T with Q orthogonal from a QR */
  size_t m = 7;
  double lam[7] = {5.3, -0.2, 1.7, 3.9, 0.4, 2.2, 0.0};
  gsl_matrix *A = fixture_random_matrix(rng, m, m, 1.0), *Q = gsl_matrix_alloc(m, m),
             *R = gsl_matrix_alloc(m, m);
  gsl_vector *tau = gsl_vector_alloc(m);
  gsl_linalg_QR_decomp(A, tau);
  gsl_linalg_QR_unpack(A, tau, Q, R);
  gsl_matrix *S = gsl_matrix_alloc(m, m), *Ks = gsl_matrix_alloc(m, m);
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < m; j++)
      gsl_matrix_set(S, i, j, gsl_matrix_get(Q, i, j) * lam[j]);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, S, Q, 0.0, Ks);
  gsl_vector *ev = gsl_vector_alloc(3);
  sa_ntk_top_eigenvalues(Ks, ev);
  tap_ok(fabs(gsl_vector_get(ev, 0) - 5.3) < 1e-12 && fabs(gsl_vector_get(ev, 1) - 3.9) < 1e-12 &&
             fabs(gsl_vector_get(ev, 2) - 2.2) < 1e-12,
         "top 3 eigenvalues of Q diag(lam) Q^T are the 3 largest lam, decreasing");

  /* weight alignment cos(W^T W, beta beta^T) (Fig. 3b/c) */
  size_t D = 5, N = 4;
  double ww[32]; /* sa_ntk_weight_alignment_worksize(4, 1, 5) = 21 */
  gsl_matrix *beta = fixture_random_matrix(rng, 1, D, 1.0), *W = gsl_matrix_alloc(N, D);
  for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < D; j++)
      gsl_matrix_set(W, i, j, (0.3 + (double)i) * gsl_matrix_get(beta, 0, j));
  tap_rel(sa_ntk_weight_alignment(W, beta, ww, sizeof ww / sizeof ww[0]), 1.0, ROUND_TOL,
          "cos(W^T W, beta beta^T) = 1 when every row of W is along beta");
  gsl_matrix_free(W);
  W = fixture_random_matrix(rng, N, D, 1.0);
  double num = 0.0, nw = 0.0, nb = 0.0;
  for (size_t j = 0; j < D; j++)
    for (size_t k = 0; k < D; k++) {
      double wtw = 0.0, bb = gsl_matrix_get(beta, 0, j) * gsl_matrix_get(beta, 0, k);
      for (size_t i = 0; i < N; i++)
        wtw += gsl_matrix_get(W, i, j) * gsl_matrix_get(W, i, k);
      num += wtw * bb;
      nw += wtw * wtw;
      nb += bb * bb;
    }
  tap_rel(sa_ntk_weight_alignment(W, beta, ww, sizeof ww / sizeof ww[0]), num / sqrt(nw * nb),
          ROUND_TOL, "cos(W^T W, beta beta^T) equals the explicit D x D Frobenius cosine");
  tap_ok(isnan(sa_ntk_weight_alignment(W, beta, ww, 20)),
         "weight alignment with a short workspace is NaN");
  gsl_matrix_free(W);
  gsl_matrix_free(beta);
  gsl_vector_free(ev);
  gsl_matrix_free(S);
  gsl_matrix_free(Ks);
  gsl_vector_free(tau);
  gsl_matrix_free(A);
  gsl_matrix_free(Q);
  gsl_matrix_free(R);
  gsl_matrix_free(Y);
  gsl_matrix_free(K);
  gsl_vector_free(aw);
}

/* ---- kernel regression ------------------------------------------------------ */
static void test_kreg_wellposed(void)
{
  /* ReLU NTK on P = 9 < D = 20 points, C = 3 one-hot targets: positive definite */
  arch a = {SA_ACT_RELU, 3, {20, 15, 12, 3}, 1.2, {0, 0.0, 0}};
  size_t P = 9, Pt = 5, C = 3, n = C * P;
  sa_mlp *net = make_net(&a);
  gsl_matrix *X = fixture_random_matrix(rng, 20, P, 1.0),
             *Xt = fixture_random_matrix(rng, 20, Pt, 1.0);
  gsl_matrix *Y = gsl_matrix_calloc(C, P);
  for (size_t mu = 0; mu < P; mu++)
    gsl_matrix_set(Y, mu % C, mu, 1.0);
  sa_ntk_workspace *ws = sa_ntk_workspace_alloc(net, P, Pt);
  gsl_matrix *K = gsl_matrix_alloc(n, n), *Kx = gsl_matrix_alloc(C * Pt, n);
  sa_ntk_gram(net, X, ws, K);
  sa_ntk_cross(net, Xt, X, ws, Kx);
  sa_kreg *kr = sa_kreg_alloc(n);
  int st = sa_kreg_fit(kr, K, SA_KREG_AUTO, SA_KREG_RCOND);
  tap_ok(st == GSL_SUCCESS && kr->used == SA_KREG_CHOLESKY && kr->rank == n,
         "kernel regression: well-conditioned NTK Gram takes the Cholesky path (rcond %.2g)",
         kr->rcond_chol);
  gsl_matrix *Ftr = gsl_matrix_alloc(C, P), *Ft = gsl_matrix_alloc(C, Pt),
             *Ft2 = gsl_matrix_alloc(C, Pt);
  sa_kreg_outputs_workspace *kwtr = sa_kreg_outputs_alloc(C, P, P),
                            *kwt = sa_kreg_outputs_alloc(C, P, Pt);
  tap_ok(kwtr && kwt && !sa_kreg_outputs_alloc(C, P, 0),
         "kernel regression output workspaces: allocated for Pt >= 1, refused for Pt = 0");
  tap_ok(sa_kreg_predict_outputs(kr, K, Y, Ftr, kwt) == GSL_EBADLEN,
         "predictions with a workspace of another Pt: GSL_EBADLEN");
  sa_kreg_predict_outputs(kr, K, Y, Ftr, kwtr);
  /* interpolation error ~ kappa eps; kappa of this Gram ~ 1/rcond_chol <= 1e3 */
  tap_abs(fixture_rel_fro(Ftr, Y), 0.0, 1e-10,
          "kernel regression interpolates the one-hot training labels, f(x^mu) = y^mu");
  sa_kreg_predict_outputs(kr, Kx, Y, Ft, kwt);

  /* direct solve K alpha = y by LU, independent of Cholesky and of the pseudo-inverse */
  gsl_matrix *LU = gsl_matrix_alloc(n, n);
  gsl_matrix_memcpy(LU, K);
  gsl_permutation *perm = gsl_permutation_alloc(n);
  int sgn;
  gsl_linalg_LU_decomp(LU, perm, &sgn);
  gsl_vector *y = gsl_vector_alloc(n), *alpha = gsl_vector_alloc(n), *alu = gsl_vector_alloc(n);
  for (size_t i = 0; i < n; i++)
    gsl_vector_set(y, i, gsl_matrix_get(Y, i / P, i % P));
  gsl_linalg_LU_solve(LU, perm, y, alu);
  sa_kreg_solve(kr, y, alpha);
  tap_abs(rel_vec(alpha, alu), 0.0, 1e-10,
          "kernel regression weights K^-1 y (Cholesky) equal a direct LU solve");
  sa_kreg_fit(kr, K, SA_KREG_EIGEN, SA_KREG_RCOND);
  sa_kreg_solve(kr, y, alpha);
  tap_ok(kr->used == SA_KREG_EIGEN && kr->rank == n,
         "eigen path keeps all %zu eigenvalues of a PD Gram", n);
  tap_abs(rel_vec(alpha, alu), 0.0, 1e-10,
          "kernel regression weights by eigen pseudo-inverse equal a direct LU solve");
  sa_kreg_predict_outputs(kr, Kx, Y, Ft2, kwt);
  tap_abs(sa_kreg_discrepancy(Ft, Ft2), 0.0, 1e-10,
          "test predictions agree between Cholesky and eigen paths");
  sa_kreg_outputs_free(kwtr);
  sa_kreg_outputs_free(kwt);
  sa_kreg_free(kr);
  gsl_matrix_free(LU);
  gsl_permutation_free(perm);
  gsl_vector_free(y);
  gsl_vector_free(alpha);
  gsl_vector_free(alu);
  gsl_matrix_free(Ftr);
  gsl_matrix_free(Ft);
  gsl_matrix_free(Ft2);
  gsl_matrix_free(K);
  gsl_matrix_free(Kx);
  sa_ntk_workspace_free(ws);
  gsl_matrix_free(X);
  gsl_matrix_free(Xt);
  gsl_matrix_free(Y);
  sa_mlp_free(net);
}

static void test_kreg_rank_deficient(void)
{
  /* Linear kernel K = X^T X with P = 11 > D = 4: rank 4. */
  size_t D = 4, P = 11, Pt = 6;
  gsl_matrix *X = fixture_random_matrix(rng, D, P, 1.0),
             *Xt = fixture_random_matrix(rng, D, Pt, 1.0);
  gsl_matrix *K = gsl_matrix_alloc(P, P), *Kx = gsl_matrix_alloc(Pt, P);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, X, X, 0.0, K);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, Xt, X, 0.0, Kx);
  sa_kreg *kr = sa_kreg_alloc(P);
  tap_ok(sa_kreg_fit(kr, K, SA_KREG_CHOLESKY, SA_KREG_RCOND) == GSL_EDOM,
         "Cholesky path refuses the rank-deficient linear Gram (P > D)");
  {
    gsl_vector *y0 = gsl_vector_calloc(P), *a0 = gsl_vector_alloc(P);
    tap_ok(sa_kreg_solve(kr, y0, a0) == GSL_EFAILED, "solve after a failed fit is refused");
    gsl_vector_free(y0);
    gsl_vector_free(a0);
  }
  int st = sa_kreg_fit(kr, K, SA_KREG_AUTO, SA_KREG_RCOND);
  tap_ok(st == GSL_SUCCESS && kr->used == SA_KREG_EIGEN && kr->rank == D,
         "rank-deficient Gram: AUTO falls back to the eigen pseudo-inverse, rank %zu = D",
         kr->rank);
  /* arbitrary y (not in the range of K): alpha = K^+ y is the min-norm
   * least-squares solution; independently, X^T = U S V^T gives
   * K^+ = U S^-2 U^T. */
  gsl_vector *y = gsl_vector_alloc(P), *alpha = gsl_vector_alloc(P), *amn = gsl_vector_alloc(P);
  for (size_t i = 0; i < P; i++)
    gsl_vector_set(y, i, gsl_ran_gaussian(rng, 1.0));
  sa_kreg_solve(kr, y, alpha);
  gsl_matrix *U = gsl_matrix_alloc(P, D), *V = gsl_matrix_alloc(D, D);
  gsl_vector *s = gsl_vector_alloc(D), *work = gsl_vector_alloc(D), *t = gsl_vector_alloc(D);
  gsl_matrix_transpose_memcpy(U, X);
  gsl_linalg_SV_decomp(U, V, s, work);
  gsl_blas_dgemv(CblasTrans, 1.0, U, y, 0.0, t);
  for (size_t k = 0; k < D; k++)
    gsl_vector_set(t, k, gsl_vector_get(t, k) / (gsl_vector_get(s, k) * gsl_vector_get(s, k)));
  gsl_blas_dgemv(CblasNoTrans, 1.0, U, t, 0.0, amn);
  /* K^+ amplifies rounding by kappa(nonzero part) ~ 10^2 here: 1e-10 is generous */
  tap_abs(rel_vec(alpha, amn), 0.0, 1e-10,
          "pseudo-inverse weights equal the min-norm solution U S^-2 U^T y from an SVD of X");
  /* teacher y = X^T beta: the predictor recovers beta . x on test points */
  gsl_vector *beta = gsl_vector_alloc(D), *ft = gsl_vector_alloc(Pt), *fb = gsl_vector_alloc(Pt);
  for (size_t k = 0; k < D; k++)
    gsl_vector_set(beta, k, gsl_ran_gaussian(rng, 1.0));
  gsl_blas_dgemv(CblasTrans, 1.0, X, beta, 0.0, y);
  sa_kreg_solve(kr, y, alpha);
  sa_kreg_predict(Kx, alpha, ft);
  gsl_blas_dgemv(CblasTrans, 1.0, Xt, beta, 0.0, fb);
  tap_abs(
      rel_vec(ft, fb), 0.0, 1e-10,
      "linear-kernel regression with P > D recovers the linear teacher beta . x on test points");
  gsl_matrix *A = gsl_matrix_alloc(1, 2), *B = gsl_matrix_alloc(1, 2);
  gsl_matrix_set(A, 0, 0, 3.0);
  gsl_matrix_set(A, 0, 1, 4.0);
  gsl_matrix_set(B, 0, 0, 3.0);
  gsl_matrix_set(B, 0, 1, 4.5);
  tap_rel(sa_kreg_discrepancy(A, B), 0.1, ROUND_TOL, "discrepancy |f_NN - f_K| / |f_NN| = 0.5 / 5");
  gsl_matrix_free(A);
  gsl_matrix_free(B);
  gsl_vector_free(beta);
  gsl_vector_free(ft);
  gsl_vector_free(fb);
  gsl_matrix_free(U);
  gsl_matrix_free(V);
  gsl_vector_free(s);
  gsl_vector_free(work);
  gsl_vector_free(t);
  gsl_vector_free(y);
  gsl_vector_free(alpha);
  gsl_vector_free(amn);
  sa_kreg_free(kr);
  gsl_matrix_free(K);
  gsl_matrix_free(Kx);
  gsl_matrix_free(X);
  gsl_matrix_free(Xt);
}

int main(void)
{
  gsl_rng_env_setup();
  rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 20220425);

  test_forward();
  const arch archs[] = {
      {SA_ACT_LINEAR, 1, {5, 3}, 1.3, {0, 0.0, 0}}, /* a linear model: K = x.x' delta_cc' */
      {SA_ACT_LINEAR, 2, {5, 7, 1}, 1.3, {0, 0.0, 0}},
      {SA_ACT_LINEAR, 2, {5, 7, 3}, 1.3, {0, 0.0, 0}},
      {SA_ACT_LINEAR, 3, {5, 6, 4, 1}, 1.2, {0, 0.0, 0}},
      {SA_ACT_LINEAR, 3, {5, 6, 4, 3}, 1.2, {0, 0.0, 0}},
      {SA_ACT_LINEAR, 4, {5, 4, 6, 3, 1}, 1.1, {0, 0.0, 0}},
      {SA_ACT_LINEAR, 4, {5, 4, 6, 3, 3}, 1.1, {0, 0.0, 0}},
      {SA_ACT_LINEAR, 6, {5, 4, 6, 3, 5, 4, 1}, 1.05, {0, 0.0, 0}},
      {SA_ACT_RELU, 2, {5, 8, 1}, 1.4, {0, 0.0, 0}},
      {SA_ACT_RELU, 2, {5, 8, 3}, 1.4, {0, 0.0, 0}},
      {SA_ACT_RELU, 3, {5, 7, 6, 1}, 1.4, {0, 0.0, 0}},
      {SA_ACT_RELU, 3, {5, 7, 6, 3}, 1.4, {0, 0.0, 0}},
      {SA_ACT_TANH, 3, {5, 6, 7, 1}, 1.3, {0, 0.0, 0}},
      {SA_ACT_TANH, 3, {5, 6, 7, 3}, 1.3, {0, 0.0, 0}},
      /* biases with their own init scale, NTK parameterisation, both */
      {SA_ACT_LINEAR, 3, {5, 6, 4, 3}, 1.2, {1, 0.8, 0}},
      {SA_ACT_RELU, 2, {5, 8, 1}, 1.4, {1, 0.6, 0}},
      {SA_ACT_RELU, 3, {5, 7, 6, 3}, 1.4, {1, 0.9, 0}},
      {SA_ACT_TANH, 3, {5, 6, 7, 3}, 1.3, {1, 0.5, 0}},
      {SA_ACT_RELU, 3, {5, 7, 6, 3}, 1.4, {0, 0.0, 1}},
      {SA_ACT_TANH, 3, {5, 6, 7, 1}, 1.3, {0, 0.0, 1}},
      {SA_ACT_RELU, 2, {5, 8, 3}, 1.4, {1, 0.7, 1}},
      {SA_ACT_TANH, 4, {5, 6, 7, 4, 3}, 1.3, {1, 1.1, 1}},
  };
  size_t na = sizeof archs / sizeof archs[0];
  for (size_t i = 0; i < na; i++)
    test_ntk_fd(&archs[i], archs[i].L != 6);
  for (size_t i = 0; i < na; i++)
    test_grad(&archs[i]);
  const arch larchs[] = {
      {SA_ACT_RELU, 2, {5, 8, 1}, 1.4, {0, 0.0, 0}},
      {SA_ACT_TANH, 3, {5, 6, 7, 3}, 1.3, {0, 0.0, 0}},
      {SA_ACT_RELU, 3, {5, 7, 6, 3}, 1.4, {1, 0.9, 0}},
      {SA_ACT_TANH, 3, {5, 6, 7, 1}, 1.3, {1, 0.5, 1}},
  };
  for (size_t i = 0; i < sizeof larchs / sizeof larchs[0]; i++)
    test_layers_fd(&larchs[i]);
  test_ntk_param();
  test_eq5();
  test_eta_sparse();
  test_measures();
  test_kreg_wellposed();
  test_kreg_rank_deficient();

  gsl_rng_free(rng);
  return tap_done();
}
