/* Tests of the single-precision Wide ResNet (wrn_float.c, conv_float.c,
 * wrn_ntk_float.c: the REAL = float instances of wrn_source.c,
 * conv_source.c and wrn_ntk_source.c) against the double ones, which
 * test_wrn and test_wrn_ntk check against finite differences.
 *
 *  - One training step's forward and backward pass: the outputs, the MSE
 *    loss and the gradient dL/dtheta (what the optimiser is given).
 *  - The NTK K, the cross kernel Kx and the Adam-weighted E, Ex from float
 *    per-sample gradients (with one block and with many small blocks).
 *
 * Tolerance.  float's unit roundoff is u = 2^-24 = 6e-8.  A layer's
 * products accumulate m <= 9 cin = 576 terms (k = 1: at most 64 input
 * channels; the weight gradients and per-sample gradients sum over at
 * most P h w = 384 and 64 pixels); the Winograd transforms add up to
 * ~10^2 u (conv.h); forward and backward pass through d = 2 (3 b + 1) = 14
 * convolutions.  The worst-case relative bound is then of order
 * d m u = 14 x 576 x 6e-8 = 5e-4 on the outputs and gradients, and the
 * block Gram (sum over the parameters, in float within a block, in double
 * across blocks) adds at most the same again relative to |J|^2.  REL_TOL
 * = 2e-3 (relative to the norm of the double result) covers it; the
 * typical error, with rounding errors of random sign, is ~ d sqrt(m) u =
 * 2e-5.  ReLU inputs within rounding of zero may flip their mask, which
 * changes a gradient by the size of that input, itself of order u.  The
 * float results must also differ from the double ones by more than
 * FLOAT_MIN_DIFF = 1e-10 (relative), which double rounding cannot reach
 * (its u is 1e-16): the float path is really float. */
#include "config.h"

#include "nets/model.h"
#include "nets/wrn.h"
#include "nets/wrn_ntk.h"
#include "fixture.h"
#include "tap.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

#define REL_TOL 2e-3
#define FLOAT_MIN_DIFF 1e-10

static double rel_diff_vec(const gsl_vector *a, const gsl_vector *b)
{
  gsl_matrix_const_view A = gsl_matrix_const_view_vector(a, 1, a->size);
  gsl_matrix_const_view B = gsl_matrix_const_view_vector(b, 1, b->size);
  return fixture_rel_fro(&A.matrix, &B.matrix);
}

static void check(double r, const char *what)
{
  tap_ok(r <= REL_TOL && r > FLOAT_MIN_DIFF,
         "%s: float vs double relative difference %.2e in "
         "(%.0e, %.0e]",
         what, r, FLOAT_MIN_DIFF, REL_TOL);
}

int main(void)
{
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 2201);
  size_t P = 6, Pt = 3;
  sa_wrn *net = sa_wrn_alloc(1, 2, 1, 8, 8, 1);
  sa_wrn_init(net, 2.0, 0.8, rng);
  gsl_matrix *X = fixture_random_matrix(rng, 64, P, 1.0),
             *Xt = fixture_random_matrix(rng, 64, Pt, 1.0),
             *Y = fixture_random_matrix(rng, 1, P, 1.0);

  /* ---- one training step: forward, loss, gradient ------------------------- */
  sa_wrn_workspace *wd = sa_wrn_workspace_alloc(net, P);
  sa_wrn_workspace_float *wf = sa_wrn_workspace_alloc_float(net, P);
  gsl_vector *gd = gsl_vector_alloc(net->n_params), *gf = gsl_vector_alloc(net->n_params);
  double ld, lf;
  tap_ok(wd && wf && !sa_wrn_loss_grad(net, X, Y, wd, &ld, gd) &&
             !sa_wrn_loss_grad_float(net, X, Y, wf, &lf, gf),
         "double and float gradients computed (k = 1, b = 2, 8 x 8, P = %zu)", P);
  check(fixture_rel_fro(wf->F, wd->F), "outputs F");
  check(fabs(lf - ld) / ld, "loss");
  check(rel_diff_vec(gf, gd), "gradient dL/dtheta");
  tap_ok(sa_wrn_forward_float(net, Y, wf) == GSL_EBADLEN, "float forward rejects a wrong size");

  /* ---- NTK: K, Kx, E, Ex ----------------------------------------------------- */
  gsl_vector *eta = gsl_vector_alloc(net->n_params);
  for (size_t j = 0; j < net->n_params; j++)
    gsl_vector_set(eta, j, gsl_rng_uniform(rng));
  gsl_matrix *K[2], *Kx[2], *E[2], *Ex[2];
  for (int p = 0; p < 2; p++) {
    K[p] = gsl_matrix_alloc(P, P);
    E[p] = gsl_matrix_alloc(P, P);
    Kx[p] = gsl_matrix_alloc(Pt, P);
    Ex[p] = gsl_matrix_alloc(Pt, P);
  }
  sa_wrn_ntk_workspace *nd = sa_wrn_ntk_workspace_alloc(net, P, Pt, 0);
  sa_wrn_ntk_workspace_float *nf = sa_wrn_ntk_workspace_alloc_float(net, P, Pt, 0);
  tap_ok(nd && nf && !sa_wrn_ntk(net, X, Xt, eta, nd, K[0], Kx[0], E[0], Ex[0]) &&
             !sa_wrn_ntk_float(net, X, Xt, eta, nf, K[1], Kx[1], E[1], Ex[1]),
         "double and float kernels computed");
  check(fixture_rel_fro(K[1], K[0]), "NTK K");
  check(fixture_rel_fro(Kx[1], Kx[0]), "cross kernel Kx");
  check(fixture_rel_fro(E[1], E[0]), "Adam-weighted kernel E");
  check(fixture_rel_fro(Ex[1], Ex[0]), "Adam-weighted cross kernel Ex");
  int sym = 1;
  for (size_t i = 0; i < P; i++)
    for (size_t j = 0; j < P; j++)
      sym &= gsl_matrix_get(K[1], i, j) == gsl_matrix_get(K[1], j, i);
  tap_ok(sym, "float K is symmetric");
  /* many blocks (one filter row each): float within, double across */
  sa_wrn_ntk_workspace_float *nf1 = sa_wrn_ntk_workspace_alloc_float(net, P, Pt, 1);
  tap_ok(nf1 && nf1->cols < net->n_params &&
             !sa_wrn_ntk_float(net, X, Xt, NULL, nf1, K[1], Kx[1], NULL, NULL),
         "float kernels with small blocks computed");
  check(fixture_rel_fro(K[1], K[0]), "NTK K, small blocks");
  check(fixture_rel_fro(Kx[1], Kx[0]), "cross kernel Kx, small blocks");

  for (int p = 0; p < 2; p++) {
    gsl_matrix_free(K[p]);
    gsl_matrix_free(E[p]);
    gsl_matrix_free(Kx[p]);
    gsl_matrix_free(Ex[p]);
  }
  sa_wrn_ntk_workspace_free_float(nf1);
  sa_wrn_ntk_workspace_free_float(nf);
  sa_wrn_ntk_workspace_free(nd);
  gsl_vector_free(eta);
  gsl_vector_free(gd);
  gsl_vector_free(gf);
  sa_wrn_workspace_free_float(wf);
  sa_wrn_workspace_free(wd);
  gsl_matrix_free(X);
  gsl_matrix_free(Xt);
  gsl_matrix_free(Y);
  sa_wrn_free(net);
  gsl_rng_free(rng);
  return tap_done();
}
