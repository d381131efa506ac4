/* Benchmark of the NTK Gram computation (issue 3, section 5).
 *
 * Two-layer ReLU net, C = 1, at P = 1000 inputs, D = 784, N = 1000 hidden
 * units (override: bench_ntk P D N).  Prints the OpenBLAS core, the
 * machine's DGEMM rate (n^3 products, n = 1000 and 2000), the time and
 * GFLOP/s of one sa_ntk_gram (flops of the GEMM/SYRK calls it makes, as
 * counted in ws->flops), the time of one forward+backward pass
 * (sa_mlp_loss_grad) and, at P/5 inputs, of the eta-weighted kernel with
 * per-entry rates.  Each timing is the best of a few repetitions. */
#include "config.h"

#include "core/sa_version.h"
#include "nets/mlp.h"
#include "nets/ntk.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define REPS 3

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static gsl_matrix *random_matrix(gsl_rng *r, size_t m, size_t n)
{
  gsl_matrix *A = gsl_matrix_alloc(m, n);
  for (size_t i = 0; i < m * n; i++)
    A->data[i] = gsl_ran_gaussian(r, 1.0);
  return A;
}

static double dgemm_rate(gsl_rng *r, size_t n)
{
  gsl_matrix *A = random_matrix(r, n, n), *B = random_matrix(r, n, n), *C = gsl_matrix_alloc(n, n);
  double best = 1e30;
  for (int k = 0; k < REPS; k++) {
    double t = now();
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, A, B, 0.0, C);
    t = now() - t;
    if (t < best)
      best = t;
  }
  gsl_matrix_free(A);
  gsl_matrix_free(B);
  gsl_matrix_free(C);
  return 2.0 * (double)n * (double)n * (double)n / best / 1e9;
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
  double g1 = dgemm_rate(r, 1000), g2 = dgemm_rate(r, 2000);
  printf("DGEMM 1000^3: %.1f GFLOP/s   DGEMM 2000^3: %.1f GFLOP/s\n", g1, g2);

  size_t w[3] = {D, N, 1};
  sa_mlp *net = sa_mlp_alloc(2, w, SA_ACT_RELU);
  sa_mlp_init(net, 1.0, r);
  gsl_matrix *X = random_matrix(r, D, P), *Y = random_matrix(r, 1, P);
  gsl_matrix *K = gsl_matrix_alloc(P, P);
  sa_ntk_workspace *ws = sa_ntk_workspace_alloc(net, P, 0);
  double best = 1e30;
  for (int k = 0; k < REPS; k++) {
    double t = now();
    sa_ntk_gram(net, X, ws, K);
    t = now() - t;
    if (t < best)
      best = t;
  }
  double rate = ws->flops / best / 1e9, ref = g1 > g2 ? g1 : g2;
  printf("NTK Gram, two-layer ReLU P=%zu D=%zu N=%zu: %.3f s, %.2f GFLOP, %.1f GFLOP/s = %.0f%% of DGEMM\n",
         P, D, N, best, ws->flops / 1e9, rate, 100.0 * rate / ref);

  sa_mlp_workspace *fw = sa_mlp_workspace_alloc(net, P);
  gsl_vector *g = gsl_vector_alloc(net->n_params);
  double loss, bg = 1e30;
  for (int k = 0; k < REPS; k++) {
    double t = now();
    sa_mlp_loss_grad(net, X, Y, fw, &loss, g);
    t = now() - t;
    if (t < bg)
      bg = t;
  }
  double gf = sa_mlp_grad_flops(net, P);
  printf("forward+backward (loss and gradient): %.4f s, %.2f GFLOP, %.1f GFLOP/s\n", bg, gf / 1e9,
         gf / bg / 1e9);

  /* eta kernel with per-entry rates, at P/5 inputs (cost P^2 n_params) */
  size_t Pe = P / 5 > 0 ? P / 5 : 1;
  sa_ntk_workspace *we = sa_ntk_workspace_alloc(net, Pe, 0);
  gsl_matrix_view Xe = gsl_matrix_submatrix(X, 0, 0, D, Pe);
  gsl_matrix *Ke = gsl_matrix_alloc(Pe, Pe);
  gsl_vector *eta = gsl_vector_alloc(net->n_params);
  for (size_t k = 0; k < net->n_params; k++)
    gsl_vector_set(eta, k, gsl_ran_flat(r, 0.5, 1.5));
  double te = now();
  sa_ntk_eta_gram(net, eta, &Xe.matrix, we, Ke);
  te = now() - te;
  printf("eta kernel (per-entry rates), P=%zu: %.3f s, %.2f GFLOP, %.1f GFLOP/s\n", Pe, te,
         we->flops / 1e9, we->flops / te / 1e9);

  gsl_vector_free(eta);
  gsl_matrix_free(Ke);
  sa_ntk_workspace_free(we);
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
