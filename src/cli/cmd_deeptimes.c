/* silentalign deep-times: the data of Fig. 3a/3c.  For each depth L and init scale sigma: t_1/2 of
 * the balanced ODE (root by the --method integrator, default ERK, and closed form), the small-u0
 * formula sigma^{2-L}/((L-2)s), the paper's printed L/((L-2)s) sigma^{2-L}, and t_1/2 and t_align
 * of the full flow (Eq. 9, D inputs, N hidden units, standard parameterisation). */
#include "config.h"

#include "cli/cli_status.h"
#include "cli/commands.h"
#include "cli/cli_limits.h"
#include "core/sa_errno.h"
#include "core/sa_limits.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "theory/deepbal.h"
#include "theory/deeptimes.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  sa_dlist depths, sigmas;
  long D, N, P, seed, flow_max_L, max_steps;
  int method;
  double s, rtol, atol, horizon, stop_ratio;
  const char *output;
} deeptimes_opts;

#define DEEPTIMES_NOPT 15

/* Writes the option table, bound to o, into table[0 .. DEEPTIMES_NOPT-1]. */
static void deeptimes_options(deeptimes_opts *o, sa_opt *table)
{
  const sa_opt t[] = {
      {"L", SA_OPT_DLIST, &o->depths, "3,4,5", "[2,16]", "depths (comma-separated integers)"},
      {"sigma", SA_OPT_DLIST, &o->sigmas, "3e-3,5e-3,1e-2,2e-2,5e-2,0.1,0.2,0.5", "(0,inf)",
       "init scales (comma-separated); the balanced ODE uses u0 = sigma"},
      {"s", SA_OPT_DOUBLE, &o->s, "1", "(0,inf)", "teacher scale s"},
      {"D", SA_OPT_LONG, &o->D, "30", "[1,inf)", "full flow: input dimension"},
      {"N", SA_OPT_LONG, &o->N, "50", "[1,inf)", "full flow: hidden width"},
      {"P", SA_OPT_LONG, &o->P, "100", "[1,inf)", "full flow: samples (whitened data)"},
      {"seed", SA_OPT_LONG, &o->seed, "1", "[0,inf)", "full flow: random seed"},
      {"flow-max-L", SA_OPT_LONG, &o->flow_max_L, "5", "[0,16]",
       "run the full flow only for L up to this (0: never)"},
      {"horizon", SA_OPT_DOUBLE, &o->horizon, "10", "(0,1e4]",
       "full-flow horizon in units of max(sigma^{2-L}/((L-2)s), ln(s/sigma^2)/s) + 50/s"},
      {"stop-ratio", SA_OPT_DOUBLE, &o->stop_ratio, "1e-3", "(0,0.5)",
       "stop the full flow once L/L0 falls below this"},
      {"method", SA_OPT_CHOICE, &o->method, "erk", SA_ODE_METHOD_CHOICES_NOT_LOWRANK,
       "balanced ODE and full flow: " SA_ODE_METHOD_HELP_NOT_LOWRANK},
      {"rtol", SA_OPT_DOUBLE, &o->rtol, SA_OPT_TEXT(SA_LINFLOW_RTOL), "(0,1)",
       "full flow: relative tolerance"},
      {"atol", SA_OPT_DOUBLE, &o->atol, "1e-6", "(0,1)",
       "absolute tolerance, in units of the initial weight size"},
      {"max-steps", SA_OPT_LONG, &o->max_steps, "1000000", "[1,inf)",
       "integrator step limit per output"},
      {"output", SA_OPT_STRING, &o->output, NULL, NULL, "output file (default stdout)"},
  };
  _Static_assert(sizeof t / sizeof t[0] == DEEPTIMES_NOPT, "DEEPTIMES_NOPT counts the table");
  memcpy(table, t, sizeof t);
}

/* Sizes, work and the values that depend on each other, for every (L,
 * sigma) pair, before anything is integrated.  Returns 0, or 2 with the
 * message printed. */
static int deeptimes_check(const deeptimes_opts *o)
{
  for (size_t i = 0; i < o->depths.n; i++)
    for (size_t j = 0; j < o->sigmas.n; j++)
      if (sa_cli_limits_linflow("deep-times", o->depths.v[i], (double)o->D, (double)o->N,
                                (double)o->P, 1, o->sigmas.v[j], o->s, 0, 0, o->stop_ratio))
        return 2;
  /* After learning (u^L = s) the balanced ODE's rate is L s^(2-2/L), and it
   * is integrated for 10/s beyond t_1/2: an explicit method needs about
   * their product in steps (with --s=1e20 ERK stopped at t = 1e-19). */
  for (size_t i = 0; i < o->depths.n; i++) {
    double Ld = o->depths.v[i];
    char lim[96];
    snprintf(lim, sizeof lim, "--s=%g --L=%g", o->s, Ld);
    if (sa_cli_check_work("deep-times", lim, 10 * Ld * pow(o->s, 1 - 2 / Ld), 1e7,
                          "the stiffness after learning, 10 L s^(1-2/L) (steps past t_1/2)"))
      return 2;
  }
  for (size_t i = 0; i < o->depths.n; i++)
    if (o->depths.v[i] != floor(o->depths.v[i])) {
      fprintf(stderr, "silentalign deep-times: invalid value '%g' for --L: must be an integer\n",
              o->depths.v[i]);
      return 2;
    }
  for (size_t i = 0; i < o->depths.n; i++)
    for (size_t j = 0; j < o->sigmas.n; j++)
      if (!(o->sigmas.v[j] < pow(o->s, 1.0 / o->depths.v[i]))) {
        fprintf(stderr,
                "silentalign deep-times: invalid value '%g' for --sigma: must lie below "
                "s^{1/L} = %g (L=%g)\n",
                o->sigmas.v[j], pow(o->s, 1.0 / o->depths.v[i]), o->depths.v[i]);
        return 2;
      }
  return 0;
}

enum { DT_NCOL = 10 };

/* One row for depth L and init scale sg: the balanced ODE's t_1/2 (by
 * --method, up to its root only), its closed form and formulas, and, for L
 * up to --flow-max-L, the full flow's t_1/2 and t_align.  Returns 0, or 1
 * with the message printed. */
static int deeptimes_row(const deeptimes_opts *o, unsigned L, double sg, double row[DT_NCOL])
{
  double t_root = NAN;
  sa_ode_params par = {1e-10, 1e-13 * sg, NULL, o->max_steps, (sa_ode_method)o->method};
  if (sa_deepbal_t_half_ode(L, o->s, sg, &par, &t_root, NULL, NULL)) {
    sa_cli_solver_advice(SA_CLI_ODE_ADVICE);
    fprintf(stderr, "silentalign deep-times: balanced ODE, L=%u sigma=%g: %s\n", L, sg,
            sa_error_message());
    return 1;
  }
  sa_linflow_result res = {NAN, NAN, NAN, NAN, 0, 0, 0, 0};
  if ((long)L <= o->flow_max_L) {
    sa_linsetup_params sp = {L,  (size_t)o->D, (size_t)o->N, (size_t)o->P,
                             sg, o->s,         0.0,          (unsigned long)o->seed};
    sa_deeptimes_params q = {
        o->method,    o->rtol, o->atol, o->max_steps, sa_deeptimes_horizon(L, o->s, sg, o->horizon),
        o->stop_ratio};
    if (sa_deeptimes_flow(&sp, &q, &res) != 0) {
      sa_cli_solver_advice(SA_CLI_ODE_ADVICE);
      fprintf(stderr, "silentalign deep-times: full flow, L=%u sigma=%g: %s\n", L, sg,
              sa_error_message());
      return 1;
    }
  }
  double r[DT_NCOL] = {(double)L,
                       sg,
                       t_root,
                       sa_deepbal_t_half_exact(L, o->s, sg),
                       sa_deepbal_t_half_formula(L, o->s, sg),
                       sa_deepbal_t_half_paper(L, o->s, sg),
                       res.t_half,
                       res.t_align,
                       (double)res.nsteps,
                       (double)res.nrhs};
  memcpy(row, r, sizeof r);
  return 0;
}

int cmd_deep_times(int argc, char **argv)
{
  deeptimes_opts o;
  sa_opt table[DEEPTIMES_NOPT];
  deeptimes_options(&o, table);
  const size_t nopt = DEEPTIMES_NOPT;
  int st = sa_cli_parse(table, nopt, argc, argv, 1, "deep-times",
                        "Deep linear time scales (Fig. 3a/3c): t_1/2 of the balanced ODE and\n"
                        "its formulas, t_1/2 and t_align of the full flow, per (L, sigma).");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  if ((st = deeptimes_check(&o)) != 0)
    return st;

  sa_output *out = sa_output_open(o.output, argc, argv, table, nopt);
  if (!out)
    return 1;
  const char *cols[DT_NCOL] = {"L",
                               "sigma",
                               "t_half_ode",
                               "t_half_closed",
                               "t_half_formula",
                               "t_half_paper",
                               "t_half_flow",
                               "t_align_flow",
                               "flow_steps",
                               "flow_rhs"};
  sa_output_columns(out, DT_NCOL, cols);
  for (size_t i = 0; i < o.depths.n; i++)
    for (size_t j = 0; j < o.sigmas.n; j++) {
      double row[DT_NCOL];
      if (deeptimes_row(&o, (unsigned)o.depths.v[i], o.sigmas.v[j], row)) {
        sa_output_abort(out);
        return 1;
      }
      sa_output_row(out, row);
    }
  return sa_output_commit(out) == 0 ? 0 : 1;
}
