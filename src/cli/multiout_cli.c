/* Shared options and set-up of the multi-output subcommands: see multiout_cli.h. */
#include "config.h"

#include "cli/multiout_cli.h"

#include "cli/cli_limits.h"
#include "cli/linflow_opts.h"
#include "theory/linear_flow.h"

#include <stdio.h>
#include <string.h>

void sa_multiout_cli_options(sa_multiout_cli *o, sa_opt *t, const char *t_end_default,
                             const char *t_end_range, const char *t_end_help)
{
  const sa_opt shared[SA_MULTIOUT_CLI_NOPT] = {
      {"L", SA_OPT_LONG, &o->L, "2", "[2,16]", "depth (number of weight matrices)"},
      {"D", SA_OPT_LONG, &o->D, "30", "[1,inf)", "input dimension (whitened: Sigma = I)"},
      {"N", SA_OPT_LONG, &o->N, "50", "[1,inf)", "hidden width (every hidden layer)"},
      {"C", SA_OPT_LONG, &o->C, "5", "[1,inf)", "number of outputs"},
      {"s", SA_OPT_DLIST, &o->sv, "4,2,1,0.5,0.25", "(0,inf)",
       "teacher singular values s_alpha (at most min(C, D))"},
      {"sigma", SA_OPT_DOUBLE, &o->sigma, "1e-3", "(0,inf)",
       "init scale: W_ij ~ N(0, sigma^2/fan_in)"},
      {"seed", SA_OPT_LONG, &o->seed, "1", "[0,inf)", "random seed (teacher, weights)"},
      {"t-end", SA_OPT_DOUBLE, &o->t_end, t_end_default, t_end_range, t_end_help},
      {"samples", SA_OPT_LONG, &o->samples, "300", "[2,1e6]", "number of recorded times"},
      {"log-time", SA_OPT_FLAG, &o->log_time, NULL, NULL,
       "record on a log-spaced grid from --t-first"},
      {"t-first", SA_OPT_DOUBLE, &o->t_first, "1e-2", "(0,inf)", "first time of the log grid"},
      SA_CLI_LINFLOW_SOLVER_OPTIONS(o),
      {"stop-ratio", SA_OPT_DOUBLE, &o->stop_ratio, "0", "[0,1)",
       "stop once L/L0 falls below this (0: run to --t-end)"},
      {"output", SA_OPT_STRING, &o->output, NULL, NULL, "output file (default stdout)"},
  };
  memcpy(t, shared, sizeof shared);
}

int sa_multiout_cli_check(const sa_multiout_cli *o, const char *command)
{
  if (o->sv.n > (size_t)o->C || o->sv.n > (size_t)o->D) {
    fprintf(stderr,
            "silentalign %s: invalid value '%zu singular values' for --s: at most "
            "min(C, D) = %ld\n",
            command, o->sv.n, o->C < o->D ? o->C : o->D);
    return 2;
  }
  double smax = 0;
  for (size_t i = 0; i < o->sv.n; i++)
    smax = o->sv.v[i] > smax ? o->sv.v[i] : smax;
  /* whitened population data: the Gram matrix is D C x D C at most */
  return sa_cli_limits_linflow(command, (double)o->L, (double)o->D, (double)o->N, -1, (double)o->C,
                               o->sigma, smax, o->t_end, (double)o->samples, o->stop_ratio);
}

int sa_multiout_cli_setup(const sa_multiout_cli *o, const char *command, gsl_rng **rng,
                          sa_multiout_teacher *teacher, sa_multiout_net *net)
{
  *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!*rng)
    goto oom;
  gsl_rng_set(*rng, (unsigned long)o->seed);
  if (sa_multiout_teacher_alloc((size_t)o->C, (size_t)o->D, o->sv.v, o->sv.n, *rng, teacher) ||
      sa_multiout_net_alloc((size_t)o->L, (size_t)o->D, (size_t)o->N, (size_t)o->C, o->sigma, *rng,
                            net))
    goto oom;
  return 0;
oom:
  fprintf(stderr, "silentalign %s: cannot set up the problem (out of memory?)\n", command);
  return 1;
}
