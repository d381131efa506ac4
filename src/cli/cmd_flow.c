/* silentalign flow: the full weight-space gradient flow of a scalar-output
 * linear network (two-layer Eq. 4 for L = 2, deep Eq. 9 for L >= 3) with
 * CVODE, recording the observables of linobs.h on a time grid. */
#include "config.h"

#include "cli/commands.h"
#include "core/sa_grid.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "theory/linobs.h"
#include "theory/linsetup.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  sa_output *out;
  sa_linsetup *su;
  sa_linobs_work *obs;
  double loss0;
} record_ctx;

static int record(double t, const double *theta, void *user)
{
  record_ctx *c = user;
  sa_linobs o;
  if (sa_linobs_compute(theta, c->su->Sigma, c->su->T, c->su->beta, c->obs, &o) != 0)
    return -1;
  if (t == 0)
    c->loss0 = o.loss;
  double row[] = {t,       o.loss,   o.loss / c->loss0, o.q,     o.r,      o.a2,
                  o.cos_w1, o.m_align, o.m_top,          o.m_bulk, o.top_cos, o.kalign,
                  o.conservation};
  sa_output_row(c->out, row);
  return 0;
}

int cmd_flow(int argc, char **argv)
{
  long L, D, N, P, samples, max_steps, seed;
  double sigma, s, spectrum, t_end, t_first, rtol, atol, stop_ratio;
  int log_time;
  const char *output;
  const sa_opt table[] = {
      {"L", SA_OPT_LONG, &L, "2", "[2,16]", "depth (number of weight matrices)"},
      {"D", SA_OPT_LONG, &D, "30", "[1,inf)", "input dimension"},
      {"N", SA_OPT_LONG, &N, "50", "[1,inf)", "hidden width (every hidden layer)"},
      {"P", SA_OPT_LONG, &P, "100", "[1,inf)", "number of training samples"},
      {"sigma", SA_OPT_DOUBLE, &sigma, "1e-3", "(0,inf)", "init scale: W_ij ~ N(0, sigma^2/fan_in)"},
      {"s", SA_OPT_DOUBLE, &s, "1", "(0,inf)", "teacher scale: y = s beta.x"},
      {"spectrum", SA_OPT_DOUBLE, &spectrum, "0", "[0,inf)",
       "input spectrum exponent a, lambda_k ~ k^-a (0: whitened)"},
      {"seed", SA_OPT_LONG, &seed, "1", "[0,inf)", "random seed (data, teacher, weights)"},
      {"t-end", SA_OPT_DOUBLE, &t_end, "50", "(0,inf)", "integration horizon"},
      {"samples", SA_OPT_LONG, &samples, "200", "[2,inf)", "number of recorded times"},
      {"log-time", SA_OPT_FLAG, &log_time, NULL, NULL, "record on a log-spaced grid from --t-first"},
      {"t-first", SA_OPT_DOUBLE, &t_first, "1e-2", "(0,inf)", "first time of the log grid"},
      {"rtol", SA_OPT_DOUBLE, &rtol, "1e-8", "(0,1)", "CVODE relative tolerance"},
      {"atol", SA_OPT_DOUBLE, &atol, "1e-6", "(0,1)",
       "CVODE absolute tolerance, in units of sigma/sqrt(fan_in) (the initial weight size)"},
      {"max-steps", SA_OPT_LONG, &max_steps, "1000000", "[1,inf)", "CVODE step limit per output"},
      {"stop-ratio", SA_OPT_DOUBLE, &stop_ratio, "0", "[0,1)",
       "stop once L/L0 falls below this (0: run to --t-end)"},
      {"output", SA_OPT_STRING, &output, NULL, NULL, "output file (default stdout)"},
  };
  const size_t nopt = sizeof table / sizeof table[0];
  int st = sa_opts_parse(table, nopt, argc, argv, 1, "flow",
                         "Full gradient flow of a scalar-output linear network (Eqs. 4, 9)\n"
                         "with CVODE; records loss, q, r, |a|^2, kernel alignment, NTK spectrum\n"
                         "and the conservation residual, then t_1/2 and t_align.");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  if (log_time && !(t_first < t_end)) {
    fprintf(stderr, "silentalign flow: invalid value '%g' for --t-first: must be below --t-end\n",
            t_first);
    return 2;
  }

  sa_linsetup_params sp = {(size_t)L, (size_t)D, (size_t)N, (size_t)P, sigma, s, spectrum,
                           (unsigned long)seed};
  sa_linsetup su;
  if (sa_linsetup_alloc(&sp, &su) != 0) {
    fprintf(stderr, "silentalign flow: cannot set up the problem (out of memory?)\n");
    return 1;
  }
  su.pb.stop_ratio = stop_ratio;
  size_t n = (size_t)samples;
  double *times = malloc(n * sizeof *times);
  double *atol_vec = malloc(su.pb.shape.nparam * sizeof *atol_vec);
  sa_linobs_work *obs = sa_linobs_work_alloc(&su.pb.shape, su.X, su.theta);
  sa_output *out = NULL;
  int status = 1;
  if (!times || !atol_vec || !obs) {
    fprintf(stderr, "silentalign flow: out of memory\n");
    goto cleanup;
  }
  sa_grid_record(times, n, t_first, t_end, log_time);
  sa_linnet_atol(&su.pb.shape, atol, sigma, atol_vec);
  out = sa_output_open(output, argc, argv, table, nopt);
  if (!out)
    goto cleanup;
  const char *cols[] = {"t",      "loss",    "loss_ratio", "q",      "r",       "a2",
                        "cos_w1", "m_align", "m_top",      "m_bulk", "top_cos", "kalign",
                        "conservation"};
  sa_output_columns(out, sizeof cols / sizeof cols[0], cols);
  record_ctx rc = {out, &su, obs, 0};
  sa_ode_params par = {rtol, 0, atol_vec, max_steps, SA_ODE_ADAMS};
  sa_linflow_result res;
  char err[600];
  if (sa_linflow_run(&su.pb, su.theta, times, n, &par, record, &rc, &res, err, sizeof err) != 0) {
    fprintf(stderr, "silentalign flow: %s\n", err);
    sa_output_abort(out);
    goto cleanup;
  }
  sa_output_comment(out, "result t_half = %.10g", res.t_half);
  sa_output_comment(out, "result t_align = %.10g", res.t_align);
  sa_output_comment(out, "result t_final = %.10g", res.t_final);
  sa_output_comment(out, "result cvode_steps = %ld", res.nsteps);
  sa_output_comment(out, "result cvode_rhs_evals = %ld", res.nrhs);
  status = sa_output_commit(out) == 0 ? 0 : 1;
cleanup:
  sa_linobs_work_free(obs);
  free(times);
  free(atol_vec);
  sa_linsetup_free(&su);
  return status;
}
