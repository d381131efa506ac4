/* Options and set-up shared by the subcommands that run the C-output linear
 * flow on whitened data (`multiout`, `multiout-kernel`): the same options
 * draw the same teacher and weights, in the same order. */
#ifndef SA_MULTIOUT_CLI_H
#define SA_MULTIOUT_CLI_H

#include "core/sa_opts.h"
#include "theory/multiout.h"

#include <gsl/gsl_rng.h>

typedef struct {
  long L, D, N, C, seed, samples, max_steps;
  sa_dlist sv;
  double sigma, t_end, t_first, rtol, atol, stop_ratio;
  int log_time, method;
  const char *output;
} sa_multiout_cli;

#define SA_MULTIOUT_CLI_NOPT 17

/* Writes the shared options, bound to o, into table[0 .. NOPT-1]; the
 * horizon's default, range and help differ between the commands. */
void sa_multiout_cli_options(sa_multiout_cli *o, sa_opt *table, const char *t_end_default,
                             const char *t_end_range, const char *t_end_help);

/* Checks --s against min(C, D): returns 0, or 2 with a message. */
int sa_multiout_cli_check(const sa_multiout_cli *o, const char *command);

/* Seeds *rng (allocated here) and draws the teacher, then the weights.
 * Returns 0, or 1 (message printed; whatever was allocated is set for the
 * caller's usual release: gsl_rng_free, sa_multiout_*_free). */
int sa_multiout_cli_setup(const sa_multiout_cli *o, const char *command, gsl_rng **rng,
                          sa_multiout_teacher *teacher, sa_multiout_net *net);

#endif
