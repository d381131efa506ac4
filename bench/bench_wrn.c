/* Benchmark of the Wide ResNet (issue 8, section 5): one full-batch Adam
 * step (forward, backward, update) and one empirical NTK (training Gram
 * from per-sample gradients, wrn_ntk.h) of the k = 4, b = 1 network on
 * P = 100 inputs of 1 x 28 x 28, with the machine's DGEMM rate for scale
 * (override: bench_wrn k b P [rounds]).  Run with OPENBLAS_NUM_THREADS=1
 * for the one-thread figures (the Makefile does).  Wall and CPU times are
 * both printed: on a shared machine the CPU time is the compute time.
 * Inputs and targets are random (the cost
 * does not depend on the values, except for the ReLU masks' branches in
 * im2col/col2im, which random inputs exercise like images do).
 *
 * Rounds are interleaved (DGEMM, step, NTK) and the best of each is kept,
 * so load from other processes on a shared machine affects them alike.
 * GFLOP/s counts the flops of the convolution and dense products
 * (forward 2 Cout 9 Cin P Ho Wo per conv; the step is forward + weight
 * gradient + input gradient; the NTK adds the per-sample weight gradients
 * and the P^2 n_params of the dsyrk).  These are the direct (im2col)
 * counts also for the stride-1 convolutions with at least 32 channels on
 * each side, which conv.h computes by Winograd F(4 x 4, 3 x 3) with 3 to 4 x
 * fewer multiplications: "GFLOP/s" is then an effective rate and may
 * exceed the DGEMM rate.
 *
 * For comparison (issue 8, one thread, PyTorch 1.13 on this kind of
 * machine): Adam step 16.6 s (float64), 1.35 s (float32); NTK with
 * per-sample Jacobians (functorch) 19 s (float64), 9.7 s (float32). */
#include "config.h"

#include "bench_util.h"
#include "core/sa_version.h"
#include "nets/wrn.h"
#include "nets/wrn_ntk.h"
#include "train/optim.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The best (smallest) wall and CPU time of one measurement over the rounds:
 * best_start before it, best_stop after it. */
typedef struct {
  double wall, cpu;   /* best so far */
  double wall0, cpu0; /* clocks at best_start */
} best;
static const best best_none = {1e30, 1e30, 0, 0};

static void best_start(best *b)
{
  b->wall0 = bench_wall();
  b->cpu0 = bench_cpu();
}

static void best_stop(best *b)
{
  double w = bench_wall() - b->wall0, c = bench_cpu() - b->cpu0;
  if (w < b->wall)
    b->wall = w;
  if (c < b->cpu)
    b->cpu = c;
}

int main(int argc, char **argv)
{
  size_t k = argc > 1 ? strtoul(argv[1], NULL, 10) : 4;
  size_t b = argc > 2 ? strtoul(argv[2], NULL, 10) : 1;
  size_t P = argc > 3 ? strtoul(argv[3], NULL, 10) : 100;
  int rounds = argc > 4 ? atoi(argv[4]) : 3;
  const char *nt = getenv("OPENBLAS_NUM_THREADS");
  printf("BLAS core: %s (OPENBLAS_NUM_THREADS=%s)\n", sa_blas_corename(), nt ? nt : "unset");
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 2022);
  sa_wrn *net = sa_wrn_alloc(k, b, 1, 28, 28, 1);
  if (!net) {
    fprintf(stderr, "bench_wrn: bad k = %zu or b = %zu\n", k, b);
    return 2;
  }
  sa_wrn_init(net, 6.0, 0.3, r);
  gsl_matrix *X = bench_random_matrix(r, 784, P), *Y = bench_random_matrix(r, 1, P);
  gsl_matrix *K = gsl_matrix_alloc(P, P), *E = gsl_matrix_alloc(P, P);
  sa_wrn_workspace *fw = sa_wrn_workspace_alloc(net, P);
  sa_wrn_ntk_workspace *nw = sa_wrn_ntk_workspace_alloc(net, P, 0, 0);
  gsl_vector *g = gsl_vector_alloc(net->n_params), *eta = gsl_vector_alloc(net->n_params);
  sa_optim_params op = {SA_OPTIM_ADAM, 1e-5, 0.9, 0.999, 1e-8};
  sa_optim *opt = sa_optim_alloc(&op, net->n_params);
  size_t n = 1000;
  gsl_matrix *A = bench_random_matrix(r, n, n), *B = bench_random_matrix(r, n, n),
             *Cm = gsl_matrix_alloc(n, n);
  printf("WRN k=%zu b=%zu, 1x28x28, P=%zu: %zu parameters; NTK workspace %.0f MB "
         "(Jacobian block %zu columns; the whole Jacobian would be %.0f MB)\n",
         k, b, P, net->n_params, sa_wrn_ntk_bytes(net, P, 0) / 1e6, nw->cols,
         8.0 * (double)P * (double)net->n_params / 1e6);
  /* best wall and CPU times of each measurement over the rounds */
  best bg = best_none, bs = best_none, bk = best_none, be = best_none;
  double loss;
  for (int it = 0; it < rounds; it++) {
    best_start(&bg);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, A, B, 0.0, Cm);
    best_stop(&bg);
    best_start(&bs);
    sa_wrn_loss_grad(net, X, Y, fw, &loss, g);
    sa_optim_step(opt, net->theta, g);
    best_stop(&bs);
    best_start(&bk);
    sa_wrn_ntk(net, X, NULL, NULL, nw, K, NULL, NULL, NULL);
    best_stop(&bk);
    sa_optim_rates(opt, g, eta);
    best_start(&be);
    sa_wrn_ntk(net, X, NULL, eta, nw, K, NULL, E, NULL);
    best_stop(&be);
  }
  double tg = bg.wall, ts = bs.wall, tk = bk.wall, te = be.wall;
  double cg = bg.cpu, cs = bs.cpu, ck = bk.cpu, ce = be.cpu;
  double rg = 2.0 * (double)n * (double)n * (double)n / tg / 1e9;
  double fs = sa_wrn_grad_flops(net, P);
  /* NTK flops: forward, input gradients, per-sample weight gradients, dsyrk */
  sa_wrn_ntk(net, X, NULL, NULL, nw, K, NULL, NULL, NULL);
  double fk = nw->flops;
  sa_wrn_ntk(net, X, NULL, eta, nw, K, NULL, E, NULL);
  double fe = nw->flops;
  printf("DGEMM %zu^3: %.4f s, %.1f GFLOP/s\n", n, tg, rg);
  printf("Adam step (forward + backward + update): %.3f s, %.2f GFLOP, %.1f GFLOP/s = %.0f%% of "
         "DGEMM;  PyTorch 1.13: 16.6 s float64 (%.1fx), 1.35 s float32 (%.2fx)\n",
         ts, fs / 1e9, fs / ts / 1e9, 100.0 * fs / ts / 1e9 / rg, 16.6 / ts, 1.35 / ts);
  printf("NTK (P x P Gram, per-sample gradients + dsyrk): %.3f s, %.2f GFLOP, %.1f GFLOP/s = "
         "%.0f%% of DGEMM;  PyTorch/functorch: 19 s float64 (%.1fx), 9.7 s float32 (%.1fx)\n",
         tk, fk / 1e9, fk / tk / 1e9, 100.0 * fk / tk / 1e9 / rg, 19.0 / tk, 9.7 / tk);
  printf("NTK and Adam-weighted kernel from the same rows: %.3f s, %.2f GFLOP, %.1f GFLOP/s\n", te,
         fe / 1e9, fe / te / 1e9);
  /* The same by CPU time (equal to the wall times above on an idle machine;
   * on a shared one the wall times include waiting for a core). */
  double rgc = 2.0 * (double)n * (double)n * (double)n / cg / 1e9;
  printf(
      "CPU time: DGEMM %.1f GFLOP/s; Adam step %.3f s, %.1f GFLOP/s = %.0f%% of DGEMM (PyTorch "
      "float64 %.1fx, float32 %.2fx); NTK %.3f s, %.1f GFLOP/s = %.0f%% (functorch float64 %.1fx, "
      "float32 %.1fx); NTK + Adam kernel %.3f s\n",
      rgc, cs, fs / cs / 1e9, 100.0 * fs / cs / 1e9 / rgc, 16.6 / cs, 1.35 / cs, ck, fk / ck / 1e9,
      100.0 * fk / ck / 1e9 / rgc, 19.0 / ck, 9.7 / ck, ce);
  gsl_matrix_free(A);
  gsl_matrix_free(B);
  gsl_matrix_free(Cm);
  sa_optim_free(opt);
  gsl_vector_free(g);
  gsl_vector_free(eta);
  sa_wrn_ntk_workspace_free(nw);
  sa_wrn_workspace_free(fw);
  gsl_matrix_free(K);
  gsl_matrix_free(E);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  sa_wrn_free(net);
  gsl_rng_free(r);
  return 0;
}
