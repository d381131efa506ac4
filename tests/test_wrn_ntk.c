/* Tests of src/nets/wrn_ntk.c: the Wide ResNet's empirical NTK from
 * per-sample gradients in Jacobian column blocks (paper 1.2, 2.8).
 *
 * Independent code paths:
 *  - Jacobian columns by central differences of the network function
 *    (forward passes only), on a random subset S of the parameters (24 per
 *    layer; all 10^5 would take 2 10^5 forward passes).  The kernel of S is
 *    the optimiser-weighted kernel with eta = indicator of S, so this checks
 *    the rows, the eta weighting and the cross-kernel against FD at once.
 *  - The full K against the Gram of whole gradients grad f(x^mu), each made
 *    by the batched backward pass (sa_wrn_backward with df = e_mu: weight
 *    gradients summed over a chunk by one dgemm, not per sample), whose
 *    correctness test_wrn checks against finite differences.
 *  - The cross-kernel with the test set equal to the training set (a full
 *    dgemm) against K (a dsyrk, upper triangle): symmetry of J J^T.
 *  - Small Jacobian blocks (one filter row each, many flushes) against one
 *    block.
 *
 * FD tolerance.  In a fixed ReLU pattern f is linear in each single weight
 * (test_wrn.c), so the central difference is exact up to rounding,
 * eps |f| / h ~ 2e-11 |f| per entry with h = 1e-5; relative to |J_S J_S^T|
 * that is ~1e-10.  FD_TOL = 1e-7; every perturbation checks that no ReLU
 * input changed sign.  Rounding-only comparisons: ROUND_TOL = 1e-11 (sums of
 * 10^5 products, relative). */
#include "config.h"

#include "nets/wrn.h"
#include "nets/wrn_ntk.h"
#include "fixture.h"
#include "tap.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FD_H 1e-5
#define FD_TOL 1e-7
#define FD_PER_LAYER 24
#define ROUND_TOL 1e-11

static gsl_rng *rng;

static size_t pattern(const sa_wrn *net, const sa_wrn_workspace *ws, unsigned char *p)
{
  size_t k = 0;
  for (size_t t = 0; t < net->n_tensor; t++)
    for (size_t i = 0; i < ws->T[t]->size1 * ws->T[t]->size2; i++) {
      if (p)
        p[k] = ws->T[t]->data[i] > 0.0;
      k++;
    }
  return k;
}

int main(void)
{
  rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 1905);
  size_t P = 4, Pt = 3, n = P + Pt;
  sa_wrn *net = sa_wrn_alloc(1, 1, 1, 8, 8, 1);
  sa_wrn_init(net, 2.0, 0.8, rng);
  gsl_matrix *X = fixture_random_matrix(rng, 64, P, 1.0),
             *Xt = fixture_random_matrix(rng, 64, Pt, 1.0);
  gsl_matrix *K = gsl_matrix_alloc(P, P), *Kx = gsl_matrix_alloc(Pt, P);
  gsl_matrix *E = gsl_matrix_alloc(P, P), *Ex = gsl_matrix_alloc(Pt, P);
  sa_wrn_ntk_workspace *ws = sa_wrn_ntk_workspace_alloc(net, P, Pt, 0);
  tap_ok(ws && ws->cols == net->n_params, "default block holds all %zu parameters of the tiny net",
         net->n_params);

  /* ---- E with eta = indicator of S against FD columns ---------------------- */
  gsl_vector *eta = gsl_vector_calloc(net->n_params);
  size_t ns = 0, *S = malloc((net->n_conv + 1) * FD_PER_LAYER * sizeof *S);
  for (size_t l = 0; l <= net->n_conv; l++) {
    size_t off = l < net->n_conv ? net->conv[l].offset : net->dense_offset;
    size_t m = l < net->n_conv ? sa_conv_n_weights(&net->conv[l].g) : net->n_params - off;
    for (size_t r = 0; r < FD_PER_LAYER; r++) {
      size_t i = off + gsl_rng_uniform_int(rng, m);
      if (gsl_vector_get(eta, i) == 0.0) {
        gsl_vector_set(eta, i, 1.0);
        S[ns++] = i;
      }
    }
  }
  sa_wrn_ntk(net, X, Xt, eta, ws, NULL, NULL, E, Ex);
  gsl_matrix *Xall = gsl_matrix_alloc(64, n);
  for (size_t mu = 0; mu < n; mu++)
    for (size_t p = 0; p < 64; p++)
      gsl_matrix_set(Xall, p, mu,
                     mu < P ? gsl_matrix_get(X, p, mu) : gsl_matrix_get(Xt, p, mu - P));
  sa_wrn_workspace *fw = sa_wrn_workspace_alloc(net, n);
  sa_wrn_forward(net, Xall, fw);
  size_t np = pattern(net, fw, NULL), kinks = 0;
  unsigned char *p0 = malloc(np), *p1 = malloc(np);
  pattern(net, fw, p0);
  gsl_matrix *J = gsl_matrix_alloc(n, ns), *Fp = gsl_matrix_alloc(1, n);
  for (size_t s = 0; s < ns; s++) {
    double t = net->theta->data[S[s]];
    net->theta->data[S[s]] = t + FD_H;
    sa_wrn_forward(net, Xall, fw);
    pattern(net, fw, p1);
    kinks += memcmp(p0, p1, np) != 0;
    gsl_matrix_memcpy(Fp, fw->F);
    net->theta->data[S[s]] = t - FD_H;
    sa_wrn_forward(net, Xall, fw);
    pattern(net, fw, p1);
    kinks += memcmp(p0, p1, np) != 0;
    net->theta->data[S[s]] = t;
    for (size_t mu = 0; mu < n; mu++)
      gsl_matrix_set(J, mu, s,
                     (gsl_matrix_get(Fp, 0, mu) - gsl_matrix_get(fw->F, 0, mu)) / (2 * FD_H));
  }
  gsl_matrix *Kfd = gsl_matrix_alloc(n, n);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, J, J, 0.0, Kfd);
  gsl_matrix_view Kfd_tr = gsl_matrix_submatrix(Kfd, 0, 0, P, P);
  gsl_matrix_view Kfd_te = gsl_matrix_submatrix(Kfd, P, 0, Pt, P);
  tap_ok(kinks == 0, "k=1 b=1 8x8: no ReLU input changed sign under the %zu x 2 perturbations", ns);
  tap_abs(fixture_rel_fro(E, &Kfd_tr.matrix), 0.0, FD_TOL,
          "J_S J_S^T (eta = indicator of %zu parameters) = central differences of f", ns);
  tap_abs(fixture_rel_fro(Ex, &Kfd_te.matrix), 0.0, FD_TOL,
          "  cross-kernel test x train = central differences of f");

  /* ---- K against the Gram of batched-backward gradients ---------------------- */
  sa_wrn_ntk(net, X, Xt, NULL, ws, K, Kx, NULL, NULL);
  gsl_matrix *G = gsl_matrix_alloc(n, net->n_params), *dF = gsl_matrix_alloc(1, n);
  sa_wrn_forward(net, Xall, fw);
  for (size_t mu = 0; mu < n; mu++) {
    gsl_matrix_set_zero(dF);
    gsl_matrix_set(dF, 0, mu, 1.0);
    gsl_vector_view g = gsl_matrix_row(G, mu);
    sa_wrn_backward(net, dF, fw, &g.vector);
  }
  gsl_matrix *KG = gsl_matrix_alloc(n, n);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, G, G, 0.0, KG);
  gsl_matrix_view KG_tr = gsl_matrix_submatrix(KG, 0, 0, P, P);
  gsl_matrix_view KG_te = gsl_matrix_submatrix(KG, P, 0, Pt, P);
  tap_abs(fixture_rel_fro(K, &KG_tr.matrix), 0.0, ROUND_TOL,
          "K = Gram of whole gradients from the batched backward pass (%zu params)", net->n_params);
  tap_abs(fixture_rel_fro(Kx, &KG_te.matrix), 0.0, ROUND_TOL, "  cross-kernel likewise");

  /* ---- eta = constant c: E = c K --------------------------------------------- */
  gsl_vector_set_all(eta, 0.37);
  sa_wrn_ntk(net, X, Xt, eta, ws, K, NULL, E, NULL);
  gsl_matrix *cK = gsl_matrix_alloc(P, P);
  gsl_matrix_memcpy(cK, K);
  gsl_matrix_scale(cK, 0.37);
  tap_abs(fixture_rel_fro(E, cK), 0.0, ROUND_TOL,
          "eta = 0.37 everywhere: K^eta = 0.37 K (same pass)");

  /* ---- symmetry: cross-kernel of the training set with itself ---------------- */
  sa_wrn_ntk_workspace *ws2 = sa_wrn_ntk_workspace_alloc(net, P, P, 0);
  gsl_matrix *KxX = gsl_matrix_alloc(P, P), *KxT = gsl_matrix_alloc(P, P);
  sa_wrn_ntk(net, X, X, NULL, ws2, NULL, KxX, NULL, NULL);
  gsl_matrix_transpose_memcpy(KxT, KxX);
  tap_abs(fixture_rel_fro(KxX, KxT), 0.0, ROUND_TOL, "J J^T by dgemm (test = train) is symmetric");
  tap_abs(fixture_rel_fro(KxX, K), 0.0, ROUND_TOL, "  and equals K by dsyrk");

  /* ---- PSD --------------------------------------------------------------------- */
  gsl_matrix *A = gsl_matrix_alloc(P, P);
  gsl_vector *ev = gsl_vector_alloc(P);
  gsl_eigen_symm_workspace *ew = gsl_eigen_symm_alloc(P);
  gsl_matrix_memcpy(A, K);
  gsl_eigen_symm(A, ev, ew);
  tap_ok(gsl_vector_min(ev) >= -ROUND_TOL * gsl_vector_max(ev) && gsl_vector_max(ev) > 0,
         "K is positive semi-definite (eigenvalues %.3g .. %.3g)", gsl_vector_min(ev),
         gsl_vector_max(ev));

  /* ---- many small blocks = one block ------------------------------------------- */
  sa_wrn_ntk_workspace *ws3 = sa_wrn_ntk_workspace_alloc(net, P, Pt, 1);
  gsl_matrix *K3 = gsl_matrix_alloc(P, P), *Kx3 = gsl_matrix_alloc(Pt, P);
  sa_wrn_ntk(net, X, Xt, NULL, ws3, K3, Kx3, NULL, NULL);
  tap_abs(fixture_rel_fro(K3, K), 0.0, ROUND_TOL,
          "Jacobian blocks of %zu columns (%zu flushes at least) give the same K", ws3->cols,
          net->n_params / ws3->cols);
  tap_abs(fixture_rel_fro(Kx3, Kx), 0.0, ROUND_TOL, "  and the same cross-kernel");

  /* ---- bad input --------------------------------------------------------------- */
  gsl_vector_set(eta, 5, -1.0);
  tap_ok(sa_wrn_ntk(net, X, Xt, eta, ws, NULL, NULL, E, NULL) != 0, "a negative rate is rejected");
  sa_wrn *net2 = sa_wrn_alloc(1, 1, 1, 8, 8, 2);
  tap_ok(sa_wrn_ntk_workspace_alloc(net2, P, 0, 0) == NULL, "C = 2 outputs are rejected");
  sa_wrn_free(net2);

  gsl_eigen_symm_free(ew);
  gsl_vector_free(ev);
  gsl_matrix_free(A);
  gsl_matrix_free(K3);
  gsl_matrix_free(Kx3);
  sa_wrn_ntk_workspace_free(ws3);
  gsl_matrix_free(KxX);
  gsl_matrix_free(KxT);
  sa_wrn_ntk_workspace_free(ws2);
  gsl_matrix_free(cK);
  gsl_matrix_free(KG);
  gsl_matrix_free(G);
  gsl_matrix_free(dF);
  gsl_matrix_free(Kfd);
  gsl_matrix_free(J);
  gsl_matrix_free(Fp);
  free(p0);
  free(p1);
  free(S);
  sa_wrn_workspace_free(fw);
  gsl_matrix_free(Xall);
  gsl_vector_free(eta);
  sa_wrn_ntk_workspace_free(ws);
  gsl_matrix_free(K);
  gsl_matrix_free(Kx);
  gsl_matrix_free(E);
  gsl_matrix_free(Ex);
  gsl_matrix_free(X);
  gsl_matrix_free(Xt);
  sa_wrn_free(net);
  gsl_rng_free(rng);
  return tap_done();
}
