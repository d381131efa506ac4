/* Shared options and set-up of the linear-flow subcommands: see flow_cli.h. */
#include "config.h"

#include "cli/flow_cli.h"

#include "cli/cli_limits.h"
#include "cli/cli_status.h"
#include "cli/linflow_opts.h"

#include <string.h>

void sa_flow_cli_options(sa_flow_cli *o, sa_opt *t)
{
  const sa_opt shared[SA_FLOW_CLI_NOPT] = {
      {"L", SA_OPT_LONG, &o->L, "2", "[2,16]", "depth (number of weight matrices)"},
      {"D", SA_OPT_LONG, &o->D, "30", "[1,inf)", "input dimension"},
      {"N", SA_OPT_LONG, &o->N, "50", "[1,inf)", "hidden width (every hidden layer)"},
      {"P", SA_OPT_LONG, &o->P, "100", "[1,inf)", "number of training samples"},
      {"sigma", SA_OPT_DOUBLE, &o->sigma, "1e-3", "(0,inf)",
       "init scale: W_ij ~ N(0, sigma^2/fan_in)"},
      {"s", SA_OPT_DOUBLE, &o->s, "1", "(0,inf)", "teacher scale: y = s beta.x"},
      {"spectrum", SA_OPT_DOUBLE, &o->spectrum, "0", "[0,inf)",
       "input spectrum exponent a, lambda_k ~ k^-a (0: whitened)"},
      {"seed", SA_OPT_LONG, &o->seed, "1", "[0,inf)", "random seed (data, teacher, weights)"},
      {"t-end", SA_OPT_DOUBLE, &o->t_end, "50", "(0,inf)", "integration horizon"},
      {"samples", SA_OPT_LONG, &o->samples, "200", "[2,1e6]", "number of recorded times"},
      {"log-time", SA_OPT_FLAG, &o->log_time, NULL, NULL,
       "record on a log-spaced grid from --t-first"},
      {"t-first", SA_OPT_DOUBLE, &o->t_first, "1e-2", "(0,inf)", "first time of the log grid"},
      SA_CLI_LINFLOW_SOLVER_OPTIONS(o),
      {"stop-ratio", SA_OPT_DOUBLE, &o->stop_ratio, "0", "[0,1)",
       "stop once L/L0 falls below this (0: run to --t-end); the last row is then the stop"},
      {"output", SA_OPT_STRING, &o->output, NULL, NULL, "output file (default stdout)"},
  };
  memcpy(t, shared, sizeof shared);
}

int sa_flow_cli_prepare(const sa_flow_cli *o, const char *command, sa_linsetup_run *run)
{
  memset(run, 0, sizeof *run);
  if (o->log_time && sa_cli_check_t_first(command, o->t_first, o->t_end) != 0)
    return 2;
  if (sa_cli_limits_linflow(command, (double)o->L, (double)o->D, (double)o->N, (double)o->P, 1,
                            o->sigma, o->s, o->t_end, (double)o->samples, o->stop_ratio))
    return 2;
  sa_linsetup_params sp = {(size_t)o->L, (size_t)o->D, (size_t)o->N, (size_t)o->P,
                           o->sigma,     o->s,         o->spectrum,  (unsigned long)o->seed};
  sa_linsetup_run_params rp = {.samples = (size_t)o->samples,
                               .t_first = o->t_first,
                               .t_end = o->t_end,
                               .log_time = o->log_time,
                               .method = (sa_ode_method)o->method,
                               .rtol = o->rtol,
                               .atol = o->atol,
                               .max_steps = o->max_steps,
                               .stop_ratio = o->stop_ratio};
  int st = sa_linsetup_run_alloc(&sp, &rp, run);
  return st ? sa_cli_fail(command, st) : 0;
}
