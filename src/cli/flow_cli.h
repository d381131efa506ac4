/* Options and set-up shared by the subcommands that run the full gradient
 * flow of a scalar-output linear network on synthetic data (`flow`,
 * `kernel-trace`): the same options give the same trajectory. */
#ifndef SA_FLOW_CLI_H
#define SA_FLOW_CLI_H

#include "core/sa_ode.h"
#include "core/sa_opts.h"
#include "theory/linear_setup.h"

typedef struct {
  long L, D, N, P, samples, max_steps, seed;
  double sigma, s, spectrum, t_end, t_first, rtol, atol, stop_ratio;
  int log_time, method;
  const char *output;
} sa_flow_cli;

#define SA_FLOW_CLI_NOPT 18

/* Writes the shared options, bound to o, into table[0 .. SA_FLOW_CLI_NOPT-1]. */
void sa_flow_cli_options(sa_flow_cli *o, sa_opt *table);

/* Checks the options that depend on each other and builds the run
 * (sa_linsetup_run_alloc, theory/linear_setup.h; release it with
 * sa_linsetup_run_free).  Returns 0, 2 (invalid option, message printed)
 * or 1 (failure, message printed); on failure nothing needs releasing. */
int sa_flow_cli_prepare(const sa_flow_cli *o, const char *command, sa_linsetup_run *run);

#endif
