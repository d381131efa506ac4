/* silentalign unwhitened: two-layer network on anisotropic data (Sec. 3.2,
 * App. C.3).  Prints the eigenvalues of the 5 x 5 system of Eqs. (45)-(46)
 * against s {0, +-sqrt b, +-2 sqrt b}, then runs the full flow (Eq. 4)
 * and traces the spike direction: the top eigenvector of
 * W^T W(t) - W^T W(0) against Sigma beta/|Sigma beta| and beta (Eq. 48),
 * and the top eigenvector of W^T W(t) against beta (re-alignment). */
#include "config.h"

#include "cli/commands.h"
#include "cli/cli_limits.h"
#include "cli/cli_status.h"
#include "cli/linflow_opts.h"
#include "core/sa_errno.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "theory/linear_observables.h"
#include "theory/linear_setup.h"
#include "theory/unwhitened.h"

#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  sa_output *out;
  sa_linsetup *su;
  sa_linobs_work *obs;
  sa_spike_work *spike;
  gsl_vector *w_star;
  double loss0;
} record_ctx;

static int record(double t, const double *theta, void *user)
{
  record_ctx *c = user;
  sa_linobs o;
  sa_spike sp;
  if (sa_linobs_compute(theta, c->su->Sigma, c->su->T, c->su->beta, c->obs, &o) != 0 ||
      sa_spike_compute(c->spike, theta, c->w_star, &sp) != 0)
    return -1;
  if (t == 0)
    c->loss0 = o.loss;
  double row[] = {t,           o.loss / c->loss0, o.a2,       o.kalign, sp.cos_sigbeta,
                  sp.cos_beta, sp.top_cos_beta,   sp.weff_err};
  sa_output_row(c->out, row);
  return 0;
}

typedef struct {
  long D, N, P, samples, max_steps, seed;
  int method;
  double sigma, s, spectrum, t_end, t_first, rtol, atol;
  const char *output;
} unwhitened_opts;

#define UNWHITENED_NOPT 15

/* Writes the option table, bound to o, into table[0 .. UNWHITENED_NOPT-1]. */
static void unwhitened_options(unwhitened_opts *o, sa_opt *table)
{
  const sa_opt t[] = {
      {"D", SA_OPT_LONG, &o->D, "20", "[2,inf)", "input dimension"},
      {"N", SA_OPT_LONG, &o->N, "10", "[1,inf)", "hidden width"},
      {"P", SA_OPT_LONG, &o->P, "100", "[1,inf)", "number of training samples"},
      {"sigma", SA_OPT_DOUBLE, &o->sigma, "1e-3", "(0,inf)", "init scale"},
      {"s", SA_OPT_DOUBLE, &o->s, "1", "(0,inf)", "teacher scale: y = s beta.x"},
      {"spectrum", SA_OPT_DOUBLE, &o->spectrum, "1", "[0,inf)",
       "input spectrum exponent a, lambda_k ~ k^-a (> 0: anisotropic)"},
      {"seed", SA_OPT_LONG, &o->seed, "1", "[0,inf)", "random seed (data, teacher, weights)"},
      {"t-end", SA_OPT_DOUBLE, &o->t_end, "40", "(0,inf)", "integration horizon"},
      {"t-first", SA_OPT_DOUBLE, &o->t_first, "1e-2", "(0,inf)", "first time of the log grid"},
      {"samples", SA_OPT_LONG, &o->samples, "120", "[2,1e6]",
       "number of recorded times (log grid)"},
      SA_CLI_LINFLOW_SOLVER_OPTIONS(o),
      {"output", SA_OPT_STRING, &o->output, NULL, NULL, "output file (default stdout)"},
  };
  _Static_assert(sizeof t / sizeof t[0] == UNWHITENED_NOPT, "UNWHITENED_NOPT counts the table");
  memcpy(table, t, sizeof t);
}

/* Checks the grid and the sizes, then builds the run: problem, log grid,
 * per-weight atol vector and CVODE parameters (sa_linsetup_run_alloc,
 * theory/linsetup.h).  Returns 0, 2 (invalid option) or 1 (failure), the
 * message printed; on failure nothing needs releasing. */
static int unwhitened_prepare(const unwhitened_opts *o, sa_linsetup_run *run)
{
  memset(run, 0, sizeof *run);
  if (sa_cli_check_t_first("unwhitened", o->t_first, o->t_end) != 0)
    return 2;
  if (sa_cli_limits_linflow("unwhitened", 2, (double)o->D, (double)o->N, (double)o->P, 1, o->sigma,
                            o->s, o->t_end, (double)o->samples, 0))
    return 2;
  sa_linsetup_params sp = {2,        (size_t)o->D, (size_t)o->N, (size_t)o->P,
                           o->sigma, o->s,         o->spectrum,  (unsigned long)o->seed};
  sa_linsetup_run_params rp = {.samples = (size_t)o->samples,
                               .t_first = o->t_first,
                               .t_end = o->t_end,
                               .log_time = 1,
                               .method = (sa_ode_method)o->method,
                               .rtol = o->rtol,
                               .atol = o->atol,
                               .max_steps = o->max_steps,
                               .stop_ratio = 0};
  int st = sa_linsetup_run_alloc(&sp, &rp, run);
  return st ? sa_cli_fail("unwhitened", st) : 0;
}

int cmd_unwhitened(int argc, char **argv)
{
  unwhitened_opts o;
  sa_opt table[UNWHITENED_NOPT];
  unwhitened_options(&o, table);
  const size_t nopt = UNWHITENED_NOPT;
  int st = sa_cli_parse(table, nopt, argc, argv, 1, "unwhitened",
                        "Two-layer network on unwhitened data (Sec. 3.2, App. C.3): eigenvalues\n"
                        "of the 5x5 system (Eqs. 45-46) and the spike direction of W^T W along\n"
                        "the full flow: Sigma beta early (Eq. 48), beta at the end.");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  sa_linsetup_run run;
  if ((st = unwhitened_prepare(&o, &run)) != 0)
    return st;
  sa_linsetup *su = &run.su;
  sa_linobs_work *obs = sa_linobs_work_alloc(&su->pb.shape, su->X, su->theta);
  sa_spike_work *spike = sa_spike_alloc(&su->pb.shape, su->Sigma, su->beta, su->theta);
  gsl_vector *w_star = gsl_vector_alloc((size_t)o.D);
  sa_output *out = NULL;
  int status = 1;
  if (!spike) {
    fprintf(stderr, "silentalign unwhitened: %s\n", sa_error_message());
    goto cleanup;
  }
  if (!obs || !w_star) {
    fprintf(stderr, "silentalign unwhitened: out of memory\n");
    goto cleanup;
  }
  double a, b, re[5], im[5], ev[5];
  if (sa_unwhitened_interpolant(o.s, su->beta, w_star) ||
      sa_unwhitened_ab(su->Sigma, su->beta, &a, &b)) {
    fprintf(stderr, "silentalign unwhitened: %s\n", sa_error_message());
    goto cleanup;
  }
  if (sa_unwhitened_eigenvalues(o.s, a, b, re, im) != 0) {
    fprintf(stderr, "silentalign unwhitened: gsl_eigen_nonsymm failed\n");
    goto cleanup;
  }
  sa_unwhitened_eigen_theory(o.s, b, ev);
  out = sa_output_open(o.output, argc, argv, table, nopt);
  if (!out)
    goto cleanup;
  sa_output_comment(out, "a = beta^T Sigma beta = %.12g  b = beta^T Sigma^2 beta = %.12g", a, b);
  sa_output_comment(out, "a/sqrt(b) = cos(beta, Sigma beta) = %.12g", a / sqrt(b));
  for (size_t i = 0; i < 5; i++)
    sa_output_comment(out, "eigenvalue %zu: %.15g %+.3g i  theory %.15g", i, re[i], im[i], ev[i]);
  const char *cols[] = {"t",
                        "loss_ratio",
                        "a2",
                        "kalign",
                        "cos_spike_sigbeta",
                        "cos_spike_beta",
                        "top_cos_beta",
                        "weff_err"};
  sa_output_columns(out, sizeof cols / sizeof cols[0], cols);
  record_ctx rc = {out, su, obs, spike, w_star, 0};
  sa_linflow_result res;
  if (sa_linflow_run(&su->pb, su->theta, run.times, (size_t)o.samples, &run.par, record, &rc,
                     &res) != 0) {
    sa_cli_solver_advice(SA_CLI_ODE_ADVICE);
    fprintf(stderr, "silentalign unwhitened: %s\n", sa_error_message());
    sa_output_abort(out);
    goto cleanup;
  }
  sa_output_result(out, "t_half", res.t_half, NULL);
  sa_output_result(out, "solver_steps", (double)res.nsteps, NULL);
  status = sa_output_commit(out) == 0 ? 0 : 1;
cleanup:
  sa_spike_free(spike);
  sa_linobs_work_free(obs);
  gsl_vector_free(w_star);
  sa_linsetup_run_free(&run);
  return status;
}
