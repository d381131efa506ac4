/* silentalign twolayer: closed forms and reduced ODEs of the two-layer
 * linear network on whitened data (App. C): the logistic c(t) of Eq. (49),
 * the full-path q(t), r(t) of Eqs. (50)-(51), the Phase-I exponentials of
 * Eq. (33), ODE solutions (--method) of the logistic and of the Phase-I (q, r)
 * system, and the half-loss time (closed form and the integrator's root). */
#include "config.h"

#include "cli/cli_status.h"
#include "cli/commands.h"
#include "core/sa_errno.h"
#include "core/sa_limits.h"
#include "core/sa_grid.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "theory/twolayer.h"
#include "theory/twolayer_ode.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int cmd_twolayer(int argc, char **argv)
{
  long N, D, samples, max_steps, rule;
  int method;
  double s, c0, q0, r0, sigma, t_end, rtol, atol;
  const char *output;
  const sa_opt table[] = {
      {"s", SA_OPT_DOUBLE, &s, "1", "(0,inf)", "teacher scale: y = s beta.x"},
      {"c0", SA_OPT_DOUBLE, &c0, "0", "[0,inf)",
       "initial c = u0^2 (0: c0 = <q0>/2 from --sigma, --N, --D by Eq. 34)"},
      {"q0", SA_OPT_DOUBLE, &q0, "0", "[0,inf)",
       "measured initial q0 (> 0: c0 from --q0, --r0 and --c0-rule; overrides --c0)"},
      {"r0", SA_OPT_DOUBLE, &r0, "0", NULL, "measured initial r0 (used with --q0)"},
      {"c0-rule", SA_OPT_LONG, &rule, "1", "[0,1]",
       "c0 from q0, r0: 0 = q0/2 (paper), 1 = (q0+r0)/2 (growing Phase-I mode)"},
      {"sigma", SA_OPT_DOUBLE, &sigma, "1e-3", "(0,inf)", "init scale (used when --c0=0)"},
      {"N", SA_OPT_LONG, &N, "10", "[1,inf)", "hidden width (used when --c0=0)"},
      {"D", SA_OPT_LONG, &D, "25", "[1,inf)", "input dimension (used when --c0=0)"},
      {"t-end", SA_OPT_DOUBLE, &t_end, "0", "[0,inf)",
       "last time of the grid (0: twice the closed-form t_1/2)"},
      {"samples", SA_OPT_LONG, &samples, "201", "[2,1e6]", "number of grid times"},
      {"method", SA_OPT_CHOICE, &method, "erk", SA_ODE_METHOD_CHOICES_NOT_LOWRANK,
       SA_ODE_METHOD_HELP_NOT_LOWRANK},
      {"rtol", SA_OPT_DOUBLE, &rtol, SA_OPT_TEXT(SA_ODE_RTOL_REFERENCE), "(0,1)",
       "relative tolerance of the integrator"},
      {"atol", SA_OPT_DOUBLE, &atol, "1e-12", "(0,1)", "absolute tolerance, in units of c0"},
      {"max-steps", SA_OPT_LONG, &max_steps, "100000", "[1,inf)",
       "integrator step limit per output"},
      {"output", SA_OPT_STRING, &output, NULL, NULL, "output file (default stdout)"},
  };
  const size_t nopt = sizeof table / sizeof table[0];
  int st = sa_cli_parse(table, nopt, argc, argv, 1, "twolayer",
                        "Two-layer linear network, whitened data: logistic c(t) (Eq. 49),\n"
                        "q(t), r(t) (Eqs. 50-51), Phase-I exponentials (Eq. 33), their ODE\n"
                        "solutions (--method), and the half-loss time t_1/2 (closed form and\n"
                        "the integrator's root).");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  /* c = |a|^2 runs from c0 to s: both squared in the loss and the ODE */
  if (sa_cli_check_scale("twolayer", "s", 2 * log10(s), "initial loss ((s - c0)^2 / 2)") ||
      (c0 > 0 && sa_cli_check_scale("twolayer", "c0", 2 * log10(c0), "square of c0")) ||
      (q0 > 0 && sa_cli_check_scale("twolayer", "q0", 2 * log10(q0), "square of q0")) ||
      (c0 == 0 && q0 == 0 &&
       sa_cli_check_scale("twolayer", "sigma", 4 * log10(sigma) + 2 * log10(1.0 + (double)N / D),
                          "square of c0 = sigma^2 (1 + N/D) / 4")))
    return 2;
  const sa_opt_scope scope[] = {{(const char *const[]){"sigma", "N", "D", NULL},
                                 !(c0 > 0 || q0 > 0),
                                 "only when c0 comes from Eq. 34 (--c0=0, no --q0)"}};
  if (sa_cli_check_scope(table, nopt, "twolayer", scope, 1))
    return 2;
  int q0_given = q0 > 0, c0_given = c0 > 0;
  if (t_end > 0 && sa_cli_check_work("twolayer", "--s, --t-end", s * t_end, 1e7,
                                     "s t_end (relaxation times to integrate)"))
    return 2;
  sa_twolayer_initstats m;
  sa_twolayer_init_moments(sigma, (double)N, (double)D, &m);
  if (q0 > 0) {
    c0 = sa_twolayer_c0(q0, r0, (sa_twolayer_c0_rule)rule);
    if (!(c0 > 0)) {
      fprintf(stderr,
              "silentalign twolayer: invalid value '%g' for --r0: c0 = %g must be "
              "positive\n",
              r0, c0);
      return 2;
    }
  } else {
    if (c0 == 0)
      c0 = 0.5 * m.q0_mean;
    /* Phase-I initial values with (q0 + r0)/2 = c0 and r0 = <r0> = 0. */
    q0 = 2 * c0;
    r0 = 0;
  }
  if (!(c0 < s)) {
    const char *from = q0_given   ? "--q0 (c0 from --q0, --r0)"
                       : c0_given ? "--c0"
                                  : "--sigma (c0 = sigma^2 (1 + N/D) / 4 from --sigma, --N, --D)";
    fprintf(stderr, "silentalign twolayer: invalid value for %s: c0 = %g must be below --s (%g)\n",
            from, c0, s);
    return 2;
  }
  double th = sa_twolayer_t_half(s, c0);
  if (t_end == 0)
    t_end = 2 * th;

  size_t n = (size_t)samples;
  double *times = malloc(n * sizeof *times), *c = malloc(n * sizeof *c);
  double *qp = malloc(n * sizeof *qp), *rp = malloc(n * sizeof *rp);
  sa_output *out = NULL;
  int status = 1;
  if (!times || !c || !qp || !rp) {
    fprintf(stderr, "silentalign twolayer: out of memory\n");
    goto cleanup;
  }
  if (sa_grid_fill(times, n, 0.0, t_end, 0)) {
    fprintf(stderr, "silentalign twolayer: %s\n", sa_error_message());
    goto cleanup;
  }
  out = sa_output_open(output, argc, argv, table, nopt);
  if (!out)
    goto cleanup;
  sa_ode_params par = {rtol, atol * c0, NULL, max_steps, (sa_ode_method)method};
  double t_root = NAN;
  long nsteps = 0;
  if (sa_twolayer_logistic_solve(s, c0, times, n, &par, c, &t_root, &nsteps) != 0 ||
      sa_twolayer_phase1_solve(s, q0, r0, times, n, &par, qp, rp) != 0) {
    sa_cli_solver_advice(SA_CLI_ODE_ADVICE);
    fprintf(stderr, "silentalign twolayer: %s\n", sa_error_message());
    sa_output_abort(out);
    goto cleanup;
  }
  sa_output_comment(out, "c0 = %.10g  q0 = %.10g  r0 = %.10g", c0, q0, r0);
  sa_output_result(out, "t_half_closed", th, "ln(1 + (sqrt2-1) s/c0)/(2s), exact");
  sa_output_result(out, "t_half_ode", t_root, "--method integrator's root of (s-c)^2 = (s-c0)^2/2");
  sa_output_result(out, "t_half_approx", sa_twolayer_t_half_approx(s, c0),
                   "ln[(sqrt2-1)(s/c0-1)]/(2s), L0 ~ s^2/2");
  sa_output_result(out, "t_mid", sa_twolayer_t_mid(s, c0), "c = s/2: ln(s/c0-1)/(2s)");
  sa_output_result(out, "solver_steps_logistic", (double)nsteps, NULL);
  const char *cols[] = {"t",        "c_closed", "c_ode", "q_closed", "r_closed",
                        "q_phase1", "r_phase1", "q_ode", "r_ode",    "loss_ratio"};
  sa_output_columns(out, sizeof cols / sizeof cols[0], cols);
  double loss0 = sa_twolayer_loss(c0, s);
  for (size_t k = 0; k < n; k++) {
    double t = times[k], q1, r1;
    sa_twolayer_phase1(t, s, q0, r0, &q1, &r1);
    double cc = sa_twolayer_logistic(t, s, c0);
    double row[] = {t,  cc,    c[k],  sa_twolayer_q(t, s, c0),        sa_twolayer_r(t, s, c0), q1,
                    r1, qp[k], rp[k], sa_twolayer_loss(cc, s) / loss0};
    sa_output_row(out, row);
  }
  status = sa_output_commit(out) == 0 ? 0 : 1;
cleanup:
  free(times);
  free(c);
  free(qp);
  free(rp);
  return status;
}
