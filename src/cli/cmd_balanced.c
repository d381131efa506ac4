/* silentalign balanced: the balanced deep linear ODE (App. E.1)
 *   du/dt = u^{L-1}(s - u^L),  c = u^L,  loss (s - c)^2/2,
 * integrated (--method) next to its closed form t(u) (deepbal.h), on a
 * time grid; t_1/2 by root finding, closed form, small-u0 formula and the
 * paper's printed formula in the header. */
#include "config.h"

#include "cli/cli_status.h"
#include "cli/commands.h"
#include "core/sa_errno.h"
#include "core/sa_limits.h"
#include "core/sa_grid.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "theory/deepbal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int cmd_balanced(int argc, char **argv)
{
  long L, samples, max_steps;
  double s, sigma, u0, t_end, rtol, atol, rank;
  int method;
  const char *output;
  const sa_opt table[] = {
      {"L", SA_OPT_LONG, &L, "3", "[2,16]", "depth (number of weight matrices)"},
      {"s", SA_OPT_DOUBLE, &s, "1", "(0,inf)", "teacher scale s"},
      {"sigma", SA_OPT_DOUBLE, &sigma, "1e-2", "(0,inf)", "init scale; u0 = sigma unless --u0"},
      {"u0", SA_OPT_DOUBLE, &u0, "0", "[0,inf)", "initial u (0: u0 = sigma, as in the paper)"},
      {"t-end", SA_OPT_DOUBLE, &t_end, "0", "[0,inf)",
       "horizon (0: closed-form t_1/2 + 20/(L s^{(2L-2)/L}))"},
      {"samples", SA_OPT_LONG, &samples, "200", "[2,1e6]", "number of recorded times"},
      {"rank", SA_OPT_DOUBLE, &rank, "30", "[1,inf)",
       "rank r of the whitened data, for the alignment plateau in the header"},
      {"method", SA_OPT_CHOICE, &method, "erk", SA_ODE_METHOD_CHOICES_NOT_LOWRANK,
       SA_ODE_METHOD_HELP_NOT_LOWRANK},
      {"rtol", SA_OPT_DOUBLE, &rtol, SA_OPT_TEXT(SA_ODE_RTOL_REFERENCE), "(0,1)",
       "relative tolerance of the integrator"},
      {"atol", SA_OPT_DOUBLE, &atol, SA_OPT_TEXT(SA_DEEPBAL_ATOL_U0), "(0,1)",
       "absolute tolerance in units of rtol*u0"},
      {"max-steps", SA_OPT_LONG, &max_steps, "100000", "[1,inf)",
       "integrator step limit per output"},
      {"output", SA_OPT_STRING, &output, NULL, NULL, "output file (default stdout)"},
  };
  const size_t nopt = sizeof table / sizeof table[0];
  int st = sa_cli_parse(table, nopt, argc, argv, 1, "balanced",
                        "Balanced deep linear ODE du/dt = u^{L-1}(s-u^L) (App. E.1), integrated\n"
                        "(--method) next to the exact closed form; loss ratio and t_1/2.");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  if (sa_cli_check_scale("balanced", "s", 2 * log10(s), "initial loss (s^2 / 2)") ||
      sa_cli_check_scale("balanced", u0 > 0 ? "u0" : "sigma",
                         2 * (double)L * log10(u0 > 0 ? u0 : sigma),
                         "square of the initial c = u0^L") ||
      (t_end > 0 && sa_cli_check_work("balanced", "--s, --t-end", s * t_end, 1e7,
                                      "s t_end (relaxation times to integrate)")))
    return 2;
  if (u0 == 0)
    u0 = sigma;
  unsigned Lu = (unsigned)L;
  if (!(u0 < pow(s, 1.0 / Lu))) {
    fprintf(stderr,
            "silentalign balanced: invalid value '%g' for --u0 (or --sigma): must lie below "
            "s^{1/L} = %g\n",
            u0, pow(s, 1.0 / Lu));
    return 2;
  }
  double th_exact = sa_deepbal_t_half_exact(Lu, s, u0);
  if (t_end == 0)
    t_end = sa_deepbal_t_end_auto(Lu, s, u0);

  size_t n = (size_t)samples;
  double *times = malloc(n * sizeof *times), *u = malloc(n * sizeof *u);
  sa_output *out = NULL;
  int status = 1;
  if (!times || !u) {
    fprintf(stderr, "silentalign balanced: out of memory\n");
    goto cleanup;
  }
  if (sa_grid_fill(times, n, 0.0, t_end, 0)) {
    fprintf(stderr, "silentalign balanced: %s\n", sa_error_message());
    goto cleanup;
  }
  out = sa_output_open(output, argc, argv, table, nopt);
  if (!out)
    goto cleanup;
  sa_ode_params par = {rtol, atol * rtol * u0, NULL, max_steps, (sa_ode_method)method};
  double t_root = NAN;
  long nsteps = 0, nrhs = 0;
  if (sa_deepbal_integrate(Lu, s, u0, times, n, &par, u, &t_root, &nsteps, &nrhs) != 0) {
    sa_cli_solver_advice(SA_CLI_ODE_ADVICE);
    fprintf(stderr, "silentalign balanced: %s\n", sa_error_message());
    sa_output_abort(out);
    out = NULL;
    goto cleanup;
  }
  sa_output_comment(out, "ODE du/dt = u^{L-1}(s - u^L), c = u^L, loss ratio (s-c)^2/(s-u0^L)^2");
  sa_output_result(out, "u0", u0, NULL);
  sa_output_result(out, "t_half_root", t_root, NULL);
  sa_output_result(out, "t_half_closed", th_exact, NULL);
  sa_output_result(out, "t_half_formula", sa_deepbal_t_half_formula(Lu, s, u0),
                   Lu == 2 ? "ln(1+(sqrt2-1)s/u0^2)/(2s), exact"
                           : "u0^{2-L}/((L-2)s), small-u0 asymptote");
  sa_output_result(out, "t_half_paper", sa_deepbal_t_half_paper(Lu, s, u0),
                   "L/((L-2)s) u0^{2-L} as printed");
  sa_output_result(out, "kernel_scale", sa_deepbal_kernel_scale(Lu, s),
                   "s^{(2L-2)/L}; Eq. 63 prints s^{2L-2}");
  char note[64];
  snprintf(note, sizeof note, "L/sqrt(L^2+r-1), r = %g", rank);
  sa_output_result(out, "alignment_plateau", sa_deepbal_alignment_plateau(Lu, rank), note);
  sa_output_result(out, "solver_steps", (double)nsteps, NULL);
  sa_output_result(out, "solver_rhs_evals", (double)nrhs, NULL);
  const char *cols[] = {"t", "u", "c", "loss_ratio", "u_closed", "c_closed", "loss_ratio_closed"};
  sa_output_columns(out, sizeof cols / sizeof cols[0], cols);
  double l0 = (s - pow(u0, Lu)) * (s - pow(u0, Lu));
  for (size_t k = 0; k < n; k++) {
    double uc = NAN;
    if (sa_deepbal_u(Lu, s, u0, times[k], 1e-14, &uc) != 0) {
      fprintf(stderr, "silentalign balanced: closed-form inversion failed at t=%g\n", times[k]);
      sa_output_abort(out);
      out = NULL;
      goto cleanup;
    }
    double c = pow(u[k], Lu), cc = pow(uc, Lu);
    double row[] = {times[k], u[k], c, (s - c) * (s - c) / l0, uc, cc, (s - cc) * (s - cc) / l0};
    sa_output_row(out, row);
  }
  status = sa_output_commit(out) == 0 ? 0 : 1;
cleanup:
  free(times);
  free(u);
  return status;
}
