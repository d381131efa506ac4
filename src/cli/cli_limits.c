/* Resource and applicability checks of the subcommands: see cli_limits.h. */
#include "config.h"

#include "cli/cli_limits.h"

#include "core/sa_limits.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Work bound of a gradient flow without a stop criterion: s t_end counts
 * the relaxation times after learning, each costing CVODE steps. */
#define SA_LIMITS_MAX_RELAX 1e7

int sa_cli_limits_linflow(const char *command, double L, double D, double N, double P, double C,
                          double sigma, double s, double t_end, double rows, double stop_ratio)
{
  char opts[200];
  if (P < 0) /* whitened population data: no --P, the Gram matrix is D C x D C */
    snprintf(opts, sizeof opts, "--L=%.0f --D=%.0f --N=%.0f --C=%.0f", L, D, N, C);
  else
    snprintf(opts, sizeof opts, "--L=%.0f --D=%.0f --N=%.0f --P=%.0f", L, D, N, P);
  P = P < 0 ? D : P;
  double np = sa_limits_net_params(L, D, N, C);
  /* CVODE (Adams: about 20 vectors of the state with its history), theta,
   * tolerances; Sigma, M, its copy, eigenvectors and workspace (D x D);
   * X and M X (D x P); the Gram matrix (P x P); per-layer N x N products;
   * the recorded rows. */
  double doubles =
      25 * np + 6 * D * D + 2 * D * P + (C * P) * (C * P) + 2 * L * N * N + C * D + 16 * rows;
  if (sa_cli_check_memory(command, doubles, opts))
    return 2;
  double lgP = log10(P * C);
  if (sa_cli_check_scale(command, "s", 2 * log10(s) + lgP, "initial loss (s^2 P / 2)"))
    return 2;
  if (sa_cli_check_scale(command, "sigma", 2 * L * log10(sigma) + lgP,
                         "initial network output (sigma^(2L) P)"))
    return 2;
  /* A large initial kernel makes the flow stiff from t = 0: CVODE needs
   * about sigma^(2(L-1)) steps per unit of time whatever the horizon. */
  snprintf(opts, sizeof opts, "--sigma=%g --L=%.0f", sigma, L);
  if (sa_cli_check_work(command, opts, pow(sigma, 2 * (L - 1)), SA_LIMITS_MAX_RELAX,
                        "the initial kernel scale sigma^(2(L-1)) (CVODE steps per unit time)"))
    return 2;
  if (t_end > 0 && stop_ratio == 0) {
    /* the fastest rate: the teacher's s, or the initial kernel sigma^(2(L-1)) when larger */
    double rate = fmax(s, pow(sigma, 2 * (L - 1)));
    snprintf(opts, sizeof opts, "--s=%g --sigma=%g --t-end=%g", s, sigma, t_end);
    if (sa_cli_check_work(command, opts, rate * t_end, SA_LIMITS_MAX_RELAX,
                          "max(s, sigma^(2(L-1))) t_end (relaxation times to integrate; "
                          "--stop-ratio ends earlier)"))
      return 2;
  }
  return 0;
}

/* Largest work of a Wide ResNet run in flops: about 20 times the paper-size
 * tier of the figures (figures/wrn.mk, 4.6e15 flops in all). */
#define SA_LIMITS_MAX_WRN_FLOPS 1e17

int sa_cli_limits_train(const char *command, const sa_cli_train_sizes *z)
{
  int synthetic = !strcmp(z->data, "synthetic");
  double P = z->P, P_test = z->P_test, L = z->L, N = z->N, D = z->D, C = z->C;
  if (!synthetic) {
    D = 784; /* 28 x 28 images; at most the 10 classes as outputs */
    C = z->wrn ? 1 : 10;
  }
  char opts[240], cap[64] = "";
  double cap_bytes = z->mem_max_mb > 0 ? 1e6 * z->mem_max_mb : 0;
  if (cap_bytes > 0)
    snprintf(cap, sizeof cap, "--mem-max=%g MB", z->mem_max_mb);
  double CP = C * P, Pall = P + P_test;
  if (z->wrn) {
    snprintf(opts, sizeof opts, "--P=%.0f --P-test=%.0f --k=%.0f --b=%.0f", P, P_test, z->wrn_k,
             z->wrn_b);
    /* the network, its workspaces and NTK, then as for an MLP the images
     * (3 copies), the Gram matrices and test kernels, the records */
    double doubles =
        z->wrn_bytes / 8 + 3 * D * Pall + 5 * CP * CP + 2 * C * P_test * CP + 64 * z->records;
    if (sa_cli_check_memory_cap(command, doubles, opts, cap_bytes, cap))
      return 2;
    double work = z->steps * z->wrn_step_flops + z->records * z->wrn_record_flops;
    snprintf(opts, sizeof opts, "--steps=%.0f --records=%.0f --P=%.0f --k=%.0f --b=%.0f", z->steps,
             z->records, P, z->wrn_k, z->wrn_b);
    if (sa_cli_check_work(command, opts, work, SA_LIMITS_MAX_WRN_FLOPS,
                          "flops of the training steps and recorded kernels"))
      return 2;
    /* The output is a sum over paths: sigma_first times sigma^(m), m the
     * number of later layers on the path, the longest (6b + 1) when
     * sigma >= 1, the shortest (the three shortcut convolutions and the
     * dense layer: 4) when sigma < 1. */
    double m = z->sigma >= 1 ? z->wrn_depth - 1 : 4;
    double lg_out = log10(z->sigma_first) + m * log10(z->sigma);
    if (sa_cli_check_scale(command, z->sigma >= 1 ? "sigma" : "sigma-first", 2 * lg_out + log10(P),
                           "initial network output (sigma_first sigma^m, squared, times P)"))
      return 2;
    if (sa_cli_check_scale(command, "lr", log10(z->lr) + fmax(0, lg_out) + log10(P),
                           "first step (lr times the initial gradient)"))
      return 2;
    return 0;
  }
  snprintf(opts, sizeof opts, "--P=%.0f --P-test=%.0f --N=%.0f --L=%.0f%s", P, P_test, N, L,
           synthetic ? "" : " (images: D = 784)");
  if (synthetic) {
    size_t len = strlen(opts);
    snprintf(opts + len, sizeof opts - len, " --D=%.0f --C=%.0f", D, C);
  }
  double np = sa_limits_net_params(L, D, N, C);
  /* Weights, gradient, optimiser moments and the two kernel-regression
   * snapshots (about 8 copies); activations and their gradients per layer
   * (L N (P + P_test), 4 times); the data (D (P + P_test), 3 copies with
   * whitening); the NTK blocks (hidden x C P, 4 of them); Gram matrices
   * K, K_0, K_inf, Adam's and an eigen workspace (5 (C P)^2); test kernels
   * (C P_test x C P, 2); the recorded rows; for the flow, CVODE's state and
   * Adams history (about 20 weight vectors). */
  double doubles = 8 * np + 4 * L * N * Pall + 3 * D * Pall + 4 * N * CP + 5 * CP * CP +
                   2 * C * P_test * CP + 64 * z->records + (z->flow ? 20 * np : 0);
  if (sa_cli_check_memory_cap(command, doubles, opts, cap_bytes, cap))
    return 2;
  snprintf(opts, sizeof opts, "--steps=%.0f --P=%.0f --N=%.0f", z->steps, P, N);
  if (sa_cli_check_work(command, opts, z->steps * (np * CP + 2e5), 1e13,
                        "steps x (weights x C P + 2e5) (multiply-adds of the training, with "
                        "a fixed cost per step)"))
    return 2;
  double lgP = log10(CP);
  if (synthetic &&
      sa_cli_check_scale(command, "s", 2 * log10(z->s) + lgP, "initial loss (s^2 P / 2)"))
    return 2;
  if (sa_cli_check_scale(command, "sigma", 2 * L * log10(z->sigma) + lgP,
                         "initial network output (sigma^(2L) P)"))
    return 2;
  /* The first step moves the weights by lr times the gradient, whose size
   * is set by the larger of the teacher and the network output. */
  double lg_grad =
      (synthetic ? fmax(log10(z->s), L * log10(z->sigma)) : fmax(0, L * log10(z->sigma)));
  if (sa_cli_check_scale(command, "lr", log10(z->lr) + lg_grad + lgP,
                         "first step (lr times the initial gradient)"))
    return 2;
  return 0;
}
