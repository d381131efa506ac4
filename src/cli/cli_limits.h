/* Resource and applicability checks of the subcommands, made right after
 * option parsing, before any allocation or integration (core/sa_limits.h
 * for the limits).  Each returns 0, or 2 with a message naming the
 * option(s) and the limit. */
#ifndef SA_CLI_LIMITS_H
#define SA_CLI_LIMITS_H

#include "cli/cli_opts.h"
#include "core/sa_opts.h"

/* Linear flow on whitened or k^-a data (flow, kernel-trace, deep-times,
 * unwhitened): depth L, sizes D, N, P, C outputs, init scale sigma,
 * teacher scale s, horizon t_end (0: none), recorded rows; P < 0 means
 * whitened population data (multiout), the Gram matrix then D C x D C. */
int sa_cli_limits_linflow(const char *command, double L, double D, double N, double P, double C,
                          double sigma, double s, double t_end, double rows, double stop_ratio);

/* Sizes of a train run (cmd_train.c).  For the Wide ResNet (wrn) the
 * caller fills the wrn_* fields from a probe network: bytes of its
 * workspaces and NTK, parameters, flops of one training step and of the
 * kernels of one record, and the number of layers on its longest path. */
typedef struct {
  const char *data; /* synthetic, mnist or fashion */
  int wrn, adam;
  double P, P_test, D, C, L, N, steps, records, sigma, s, lr, sigma_first;
  double mem_max_mb; /* --mem-max: a lower memory limit in MB (0: none) */
  double wrn_k, wrn_b, wrn_bytes, wrn_params, wrn_step_flops, wrn_record_flops, wrn_depth;
  int flow; /* --optimizer=flow: CVODE's state and Adams history, ~20 weight vectors */
} sa_cli_train_sizes;

/* train: memory (against the machine's limit and --mem-max), work and
 * initial scales. */
int sa_cli_limits_train(const char *command, const sa_cli_train_sizes *z);

#endif
