/* Benchmark of the NTK Gram computation (issue 3, section 5).
 *
 * Two-layer ReLU net, C = 1, at P = 1000 inputs, D = 784, N = 1000 hidden
 * units (override: bench_ntk P D N [P_eta]).  Prints the OpenBLAS core, the
 * machine's DGEMM rate (1000^3 product), the time and
 * GFLOP/s of one sa_ntk_gram (flops of the GEMM/SYRK calls it makes, as
 * counted in ws->flops), the time of one forward+backward pass
 * (sa_mlp_loss_grad) and, at P_eta = P/5 inputs, of the eta-weighted kernel with
 * per-entry rates.  DGEMM, NTK and gradient are timed in interleaved
 * rounds and the best of each is kept, so that load from other processes
 * on a shared machine affects them alike; the BLAS-3 parts of the NTK are
 * then timed alone. */
#include "config.h"

#include "bench_util.h"
#include "core/sa_version.h"
#include "nets/mlp.h"
#include "nets/ntk.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define REPS 7

static double best_syrk(gsl_matrix *A, gsl_matrix *C, int reps)
{
  double best = 1e30;
  for (int k = 0; k < reps; k++) {
    double t = bench_wall();
    gsl_blas_dsyrk(CblasUpper, CblasTrans, 1.0, A, 0.0, C);
    t = bench_wall() - t;
    if (t < best)
      best = t;
  }
  return best;
}

int main(int argc, char **argv)
{
  size_t P = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000;
  size_t D = argc > 2 ? strtoul(argv[2], NULL, 10) : 784;
  size_t N = argc > 3 ? strtoul(argv[3], NULL, 10) : 1000;
  const char *ct = getenv("OPENBLAS_CORETYPE"), *nt = getenv("OPENBLAS_NUM_THREADS");
  printf("BLAS core: %s (OPENBLAS_CORETYPE=%s, OPENBLAS_NUM_THREADS=%s)\n", sa_blas_corename(),
         ct ? ct : "unset", nt ? nt : "unset");
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 784);

  size_t w[3] = {D, N, 1};
  sa_mlp *net = sa_mlp_alloc(2, w, SA_ACT_RELU);
  sa_mlp_init(net, 1.0, r);
  gsl_matrix *X = bench_random_matrix(r, D, P), *Y = bench_random_matrix(r, 1, P);
  gsl_matrix *K = gsl_matrix_alloc(P, P);
  sa_ntk_workspace *ws = sa_ntk_workspace_alloc(net, P, 0);
  sa_mlp_workspace *fw = sa_mlp_workspace_alloc(net, P);
  gsl_vector *g = gsl_vector_alloc(net->n_params);
  size_t n = 1000;
  gsl_matrix *A = bench_random_matrix(r, n, n), *B = bench_random_matrix(r, n, n),
             *Cm = gsl_matrix_alloc(n, n);

  /* Interleaved rounds (the machine may be shared): best time of each. */
  double tg = 1e30, tk = 1e30, tb = 1e30, loss;
  for (int k = 0; k < REPS; k++) {
    double t = bench_wall();
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, A, B, 0.0, Cm);
    t = bench_wall() - t;
    tg = t < tg ? t : tg;
    t = bench_wall();
    sa_ntk_gram(net, X, ws, K);
    t = bench_wall() - t;
    tk = t < tk ? t : tk;
    t = bench_wall();
    sa_mlp_loss_grad(net, X, Y, fw, &loss, g);
    t = bench_wall() - t;
    tb = t < tb ? t : tb;
  }
  double rg = 2.0 * (double)n * (double)n * (double)n / tg / 1e9;
  double rk = ws->flops / tk / 1e9, gf = sa_mlp_grad_flops(net, P);
  printf("DGEMM %zu^3: %.4f s, %.1f GFLOP/s\n", n, tg, rg);
  printf("NTK Gram, two-layer ReLU P=%zu D=%zu N=%zu: %.4f s, %.3f GFLOP, %.1f GFLOP/s = %.0f%% of "
         "DGEMM\n",
         P, D, N, tk, ws->flops / 1e9, rk, 100.0 * rk / rg);
  printf("forward+backward (loss and gradient = one GD step's work): %.4f s, %.3f GFLOP, %.1f "
         "GFLOP/s\n",
         tb, gf / 1e9, gf / tb / 1e9);

  /* Components of the NTK: the BLAS-3 calls it makes, timed alone. */
  gsl_matrix *Z = gsl_matrix_alloc(N, P), *G = gsl_matrix_alloc(P, P);
  gsl_matrix_view W1 = sa_mlp_layer(net, 1);
  double tf = 1e30;
  for (int k = 0; k < REPS; k++) {
    double t = bench_wall();
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &W1.matrix, X, 0.0, Z);
    t = bench_wall() - t;
    tf = t < tf ? t : tf;
  }
  double tsx = best_syrk(X, G, REPS), tsh = best_syrk(Z, G, REPS);
  printf("  parts: forward dgemm %.4f s (%.1f GFLOP/s), dsyrk X^T X %.4f s (%.1f GFLOP/s), "
         "dsyrk H^T H %.4f s (%.1f GFLOP/s, twice: H and B)\n",
         tf, 2.0 * N * D * P / tf / 1e9, tsx, (double)D * P * (P + 1.0) / tsx / 1e9, tsh,
         (double)N * P * (P + 1.0) / tsh / 1e9);
  printf("  BLAS-3 total of parts %.4f s; remainder (elementwise, Hadamard) %.4f s\n",
         tf + tsx + 2 * tsh, tk - (tf + tsx + 2 * tsh));

  /* eta kernel with per-entry rates, at P/5 inputs (cost P^2 n_params) */
  size_t Pe = argc > 4 ? strtoul(argv[4], NULL, 10) : (P / 5 > 0 ? P / 5 : 1);
  Pe = Pe > P ? P : Pe;
  sa_ntk_workspace *we = sa_ntk_workspace_alloc(net, Pe, 0);
  gsl_matrix_view Xe = gsl_matrix_submatrix(X, 0, 0, D, Pe);
  gsl_matrix *Ke = gsl_matrix_alloc(Pe, Pe);
  gsl_vector *eta = gsl_vector_alloc(net->n_params);
  for (size_t k = 0; k < net->n_params; k++)
    gsl_vector_set(eta, k, gsl_ran_flat(r, 0.5, 1.5));
  double te = bench_wall();
  sa_ntk_eta_gram(net, eta, &Xe.matrix, we, Ke);
  te = bench_wall() - te;
  printf("eta kernel (per-entry rates), P=%zu: %.3f s, %.2f GFLOP, %.1f GFLOP/s\n", Pe, te,
         we->flops / 1e9, we->flops / te / 1e9);

  gsl_vector_free(eta);
  gsl_matrix_free(Ke);
  sa_ntk_workspace_free(we);
  gsl_matrix_free(Z);
  gsl_matrix_free(G);
  gsl_matrix_free(A);
  gsl_matrix_free(B);
  gsl_matrix_free(Cm);
  gsl_vector_free(g);
  sa_mlp_workspace_free(fw);
  sa_ntk_workspace_free(ws);
  gsl_matrix_free(K);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  sa_mlp_free(net);
  gsl_rng_free(r);
  return 0;
}
