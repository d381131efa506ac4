/* silentalign unwhitened: two-layer network on anisotropic data (Sec. 3.2,
 * App. C.3).  Prints the eigenvalues of the 5 x 5 system of Eqs. (45)-(46)
 * against s {0, +-sqrt b, +-2 sqrt b}, then runs the full flow (Eq. 4)
 * and traces the spike direction: the top eigenvector of
 * W^T W(t) - W^T W(0) against Sigma beta/|Sigma beta| and beta (Eq. 48),
 * and the top eigenvector of W^T W(t) against beta (re-alignment). */
#include "config.h"

#include "cli/commands.h"
#include "cli/cli_limits.h"
#include "core/sa_errno.h"
#include "core/sa_grid.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "theory/linear_observables.h"
#include "theory/linear_setup.h"
#include "theory/unwhitened.h"

#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

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

int cmd_unwhitened(int argc, char **argv)
{
  long D, N, P, samples, max_steps, seed;
  int method;
  double sigma, s, spectrum, t_end, t_first, rtol, atol;
  const char *output;
  const sa_opt table[] = {
      {"D", SA_OPT_LONG, &D, "20", "[2,inf)", "input dimension"},
      {"N", SA_OPT_LONG, &N, "10", "[1,inf)", "hidden width"},
      {"P", SA_OPT_LONG, &P, "100", "[1,inf)", "number of training samples"},
      {"sigma", SA_OPT_DOUBLE, &sigma, "1e-3", "(0,inf)", "init scale"},
      {"s", SA_OPT_DOUBLE, &s, "1", "(0,inf)", "teacher scale: y = s beta.x"},
      {"spectrum", SA_OPT_DOUBLE, &spectrum, "1", "[0,inf)",
       "input spectrum exponent a, lambda_k ~ k^-a (> 0: anisotropic)"},
      {"seed", SA_OPT_LONG, &seed, "1", "[0,inf)", "random seed (data, teacher, weights)"},
      {"t-end", SA_OPT_DOUBLE, &t_end, "40", "(0,inf)", "integration horizon"},
      {"t-first", SA_OPT_DOUBLE, &t_first, "1e-2", "(0,inf)", "first time of the log grid"},
      {"samples", SA_OPT_LONG, &samples, "120", "[2,1e6]", "number of recorded times (log grid)"},
      {"method", SA_OPT_CHOICE, &method, "erk", SA_ODE_METHOD_CHOICES, SA_ODE_METHOD_HELP},
      {"rtol", SA_OPT_DOUBLE, &rtol, "1e-9", "(0,1)", "relative tolerance of the integrator"},
      {"atol", SA_OPT_DOUBLE, &atol, "1e-6", "(0,1)",
       "absolute tolerance, in units of sigma/sqrt(fan_in)"},
      {"max-steps", SA_OPT_LONG, &max_steps, "1000000", "[1,inf)",
       "integrator step limit per output"},
      {"output", SA_OPT_STRING, &output, NULL, NULL, "output file (default stdout)"},
  };
  const size_t nopt = sizeof table / sizeof table[0];
  int st = sa_opts_parse(table, nopt, argc, argv, 1, "unwhitened",
                         "Two-layer network on unwhitened data (Sec. 3.2, App. C.3): eigenvalues\n"
                         "of the 5x5 system (Eqs. 45-46) and the spike direction of W^T W along\n"
                         "the full flow: Sigma beta early (Eq. 48), beta at the end.");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  if (sa_opts_check_t_first("unwhitened", t_first, t_end) != 0)
    return 2;
  if (sa_cli_limits_linflow("unwhitened", 2, (double)D, (double)N, (double)P, 1, sigma, s, t_end,
                            (double)samples, 0))
    return 2;
  sa_linsetup_params sp = {2,     (size_t)D, (size_t)N, (size_t)P,
                           sigma, s,         spectrum,  (unsigned long)seed};
  sa_linsetup su;
  if (sa_linsetup_alloc(&sp, &su) != 0) {
    fprintf(stderr, "silentalign unwhitened: cannot set up the problem (out of memory?)\n");
    return 1;
  }
  size_t n = (size_t)samples;
  double *times = malloc(n * sizeof *times);
  double *atol_vec = malloc(su.pb.shape.nparam * sizeof *atol_vec);
  sa_linobs_work *obs = sa_linobs_work_alloc(&su.pb.shape, su.X, su.theta);
  sa_spike_work *spike = sa_spike_alloc(&su.pb.shape, su.Sigma, su.beta, su.theta);
  gsl_vector *w_star = gsl_vector_alloc((size_t)D);
  sa_output *out = NULL;
  int status = 1;
  if (!times || !atol_vec || !obs || !spike || !w_star) {
    fprintf(stderr, "silentalign unwhitened: out of memory\n");
    goto cleanup;
  }
  /* The min-norm interpolant (App. G.1): s beta, beta in span(X). */
  gsl_vector_memcpy(w_star, su.beta);
  gsl_vector_scale(w_star, s);
  sa_grid_fill(times, n, t_first, t_end, 1);
  sa_linnet_atol(&su.pb.shape, atol, sigma, atol_vec);

  double a, b, re[5], im[5], ev[5];
  sa_unwhitened_ab(su.Sigma, su.beta, &a, &b);
  if (sa_unwhitened_eigenvalues(s, a, b, re, im) != 0) {
    fprintf(stderr, "silentalign unwhitened: gsl_eigen_nonsymm failed\n");
    goto cleanup;
  }
  sa_unwhitened_eigen_theory(s, b, ev);
  out = sa_output_open(output, argc, argv, table, nopt);
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
  record_ctx rc = {out, &su, obs, spike, w_star, 0};
  sa_ode_params par = {rtol, 0, atol_vec, max_steps, (sa_ode_method)method};
  sa_linflow_result res;
  if (sa_linflow_run(&su.pb, su.theta, times, n, &par, record, &rc, &res) != 0) {
    fprintf(stderr, "silentalign unwhitened: %s\n", sa_error_message());
    sa_output_abort(out);
    goto cleanup;
  }
  sa_output_comment(out, "result t_half = %.10g", res.t_half);
  sa_output_comment(out, "result cvode_steps = %ld", res.nsteps);
  status = sa_output_commit(out) == 0 ? 0 : 1;
cleanup:
  sa_spike_free(spike);
  sa_linobs_work_free(obs);
  gsl_vector_free(w_star);
  free(times);
  free(atol_vec);
  sa_linsetup_free(&su);
  return status;
}
