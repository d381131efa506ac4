/* Benchmark of the Wide ResNet (issue 8, section 5): one full-batch Adam
 * step (forward, backward, update) and one empirical NTK (training Gram
 * from per-sample gradients, wrn_ntk.h) of the k = 4, b = 1 network on
 * P = 100 inputs of 1 x 28 x 28, in double and in single precision (the
 * _float instances of the templated sources: float tensors, sgemm, float
 * per-sample gradients and block Grams), with the machine's DGEMM and
 * SGEMM rates for scale
 * (override: bench_wrn k b P [rounds]).  Run with OPENBLAS_NUM_THREADS=1
 * for the one-thread figures (the Makefile does).  Wall and CPU times are
 * both printed: on a shared machine the CPU time is the compute time.
 * Inputs and targets are random (the cost
 * does not depend on the values, except for the ReLU masks' branches in
 * im2col/col2im, which random inputs exercise like images do).
 *
 * Rounds are interleaved (DGEMM, SGEMM, both steps, both NTKs) and the
 * best of each is kept,
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
#include <gsl/gsl_matrix_float.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
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

/* A float copy of a double matrix. */
static gsl_matrix_float *to_float(const gsl_matrix *A)
{
  gsl_matrix_float *B = gsl_matrix_float_alloc(A->size1, A->size2);
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++)
      gsl_matrix_float_set(B, i, j, (float)gsl_matrix_get(A, i, j));
  return B;
}

/* |A - B|_F / |B|_F */
static double rel_diff(const gsl_matrix *A, const gsl_matrix *B)
{
  double d = 0.0, n = 0.0;
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++) {
      double a = gsl_matrix_get(A, i, j), b = gsl_matrix_get(B, i, j);
      d += (a - b) * (a - b);
      n += b * b;
    }
  return sqrt(d / n);
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
  gsl_matrix *Kf = gsl_matrix_alloc(P, P);
  sa_wrn_workspace *fw = sa_wrn_workspace_alloc(net, P);
  sa_wrn_workspace_float *ff = sa_wrn_workspace_alloc_float(net, P);
  sa_wrn_ntk_workspace *nw = sa_wrn_ntk_workspace_alloc(net, P, 0, 0);
  sa_wrn_ntk_workspace_float *nf = sa_wrn_ntk_workspace_alloc_float(net, P, 0, 0);
  gsl_vector *g = gsl_vector_alloc(net->n_params), *eta = gsl_vector_alloc(net->n_params);
  sa_optim_params op = {SA_OPTIM_ADAM, 1e-5, 0.9, 0.999, 1e-8};
  sa_optim *opt = sa_optim_alloc(&op, net->n_params);
  size_t n = 1000;
  gsl_matrix *A = bench_random_matrix(r, n, n), *B = bench_random_matrix(r, n, n),
             *Cm = gsl_matrix_alloc(n, n);
  gsl_matrix_float *Af = to_float(A), *Bf = to_float(B), *Cf = gsl_matrix_float_alloc(n, n);
  if (!fw || !ff || !nw || !nf) {
    fprintf(stderr, "bench_wrn: out of memory\n");
    return 1;
  }
  printf("WRN k=%zu b=%zu, 1x28x28, P=%zu: %zu parameters; NTK workspace %.0f MB "
         "(Jacobian block %zu columns, im2col cache %.0f MB; the whole Jacobian would be %.0f "
         "MB)\n",
         k, b, P, net->n_params, sa_wrn_ntk_bytes(net, P, 0) / 1e6, nw->cols,
         8.0 * (double)nw->col_cap / 1e6, 8.0 * (double)P * (double)net->n_params / 1e6);
  /* best wall and CPU times of each measurement over the rounds; [0]
   * double, [1] single precision */
  best bg[2] = {best_none, best_none}, bs[2] = {best_none, best_none},
       bk[2] = {best_none, best_none}, be[2] = {best_none, best_none};
  double loss;
  for (int it = 0; it < rounds; it++) {
    best_start(&bg[0]);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, A, B, 0.0, Cm);
    best_stop(&bg[0]);
    best_start(&bg[1]);
    gsl_blas_sgemm(CblasNoTrans, CblasNoTrans, 1.0f, Af, Bf, 0.0f, Cf);
    best_stop(&bg[1]);
    best_start(&bs[0]);
    sa_wrn_loss_grad(net, X, Y, fw, &loss, g);
    sa_optim_step(opt, net->theta, g);
    best_stop(&bs[0]);
    best_start(&bs[1]);
    sa_wrn_loss_grad_float(net, X, Y, ff, &loss, g);
    sa_optim_step(opt, net->theta, g);
    best_stop(&bs[1]);
    best_start(&bk[0]);
    sa_wrn_ntk(net, X, NULL, NULL, nw, K, NULL, NULL, NULL);
    best_stop(&bk[0]);
    best_start(&bk[1]);
    sa_wrn_ntk_float(net, X, NULL, NULL, nf, K, NULL, NULL, NULL);
    best_stop(&bk[1]);
    sa_optim_rates(opt, g, eta);
    best_start(&be[0]);
    sa_wrn_ntk(net, X, NULL, eta, nw, K, NULL, E, NULL);
    best_stop(&be[0]);
    best_start(&be[1]);
    sa_wrn_ntk_float(net, X, NULL, eta, nf, K, NULL, E, NULL);
    best_stop(&be[1]);
  }
  double fs = sa_wrn_grad_flops(net, P);
  /* NTK flops: forward, input gradients, per-sample weight gradients,
   * dsyrk (the same count in both precisions); float against double at
   * the same theta */
  sa_wrn_ntk(net, X, NULL, NULL, nw, K, NULL, NULL, NULL);
  double fk = nw->flops;
  sa_wrn_ntk_float(net, X, NULL, NULL, nf, Kf, NULL, NULL, NULL);
  double dK = rel_diff(Kf, K);
  sa_wrn_ntk(net, X, NULL, eta, nw, K, NULL, E, NULL);
  double fe = nw->flops;
  static const char *name[2] = {"double", "single"}, *gemm[2] = {"DGEMM", "SGEMM"};
  static const double torch_step[2] = {16.6, 1.35}, torch_ntk[2] = {19.0, 9.7};
  for (int cpu = 0; cpu < 2; cpu++) {
    printf("%s:\n", cpu ? "CPU time (equal to the wall time on an idle machine; on a shared one "
                          "the wall time includes waiting for a core)"
                        : "Wall time");
    for (int pr = 0; pr < 2; pr++) {
      double tg = cpu ? bg[pr].cpu : bg[pr].wall, ts = cpu ? bs[pr].cpu : bs[pr].wall;
      double tk = cpu ? bk[pr].cpu : bk[pr].wall, te = cpu ? be[pr].cpu : be[pr].wall;
      double rg = 2.0 * (double)n * (double)n * (double)n / tg / 1e9;
      printf("  %s: %s %zu^3 %.4f s, %.1f GFLOP/s\n", name[pr], gemm[pr], n, tg, rg);
      printf("  %s: Adam step (forward + backward + update) %.3f s, %.2f GFLOP, %.1f GFLOP/s = "
             "%.0f%% of %s;  PyTorch 1.13 %s: %.2f s (%.2fx)\n",
             name[pr], ts, fs / 1e9, fs / ts / 1e9, 100.0 * fs / ts / 1e9 / rg, gemm[pr],
             pr ? "float32" : "float64", torch_step[pr], torch_step[pr] / ts);
      printf("  %s: NTK (P x P Gram, per-sample gradients + syrk) %.3f s, %.2f GFLOP, %.1f "
             "GFLOP/s = %.0f%% of %s;  functorch %s: %.1f s (%.2fx)\n",
             name[pr], tk, fk / 1e9, fk / tk / 1e9, 100.0 * fk / tk / 1e9 / rg, gemm[pr],
             pr ? "float32" : "float64", torch_ntk[pr], torch_ntk[pr] / tk);
      printf("  %s: NTK and Adam-weighted kernel from the same rows %.3f s, %.2f GFLOP, %.1f "
             "GFLOP/s\n",
             name[pr], te, fe / 1e9, fe / te / 1e9);
    }
  }
  printf("single against double NTK at the same theta: |K_f - K_d|_F / |K_d|_F = %.2e\n", dK);
  gsl_matrix_free(A);
  gsl_matrix_free(B);
  gsl_matrix_free(Cm);
  gsl_matrix_float_free(Af);
  gsl_matrix_float_free(Bf);
  gsl_matrix_float_free(Cf);
  sa_optim_free(opt);
  gsl_vector_free(g);
  gsl_vector_free(eta);
  sa_wrn_ntk_workspace_free(nw);
  sa_wrn_ntk_workspace_free_float(nf);
  sa_wrn_workspace_free(fw);
  sa_wrn_workspace_free_float(ff);
  gsl_matrix_free(K);
  gsl_matrix_free(Kf);
  gsl_matrix_free(E);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  sa_wrn_free(net);
  gsl_rng_free(r);
  return 0;
}
