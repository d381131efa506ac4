/* silentalign flow: the full weight-space gradient flow of a scalar-output
 * linear network (two-layer Eq. 4 for L = 2, deep Eq. 9 for L >= 3) with
 * the --method integrator, recording the observables of linear_observables.h on a time grid. */
#include "config.h"

#include "cli/cli_status.h"
#include "cli/commands.h"
#include "cli/flow_cli.h"
#include "core/sa_errno.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "core/sa_progress.h"
#include "theory/linear_observables.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct {
  sa_output *out;
  sa_linsetup *su;
  sa_linobs_work *obs;
  double loss0;
  sa_progress *prog;
  size_t k, n; /* records written, records asked for */
} record_ctx;

static int record(double t, const double *theta, void *user)
{
  record_ctx *c = user;
  sa_linobs o;
  if (sa_linobs_compute(theta, c->su->Sigma, c->su->T, c->su->beta, c->obs, &o) != 0)
    return -1;
  if (t == 0)
    c->loss0 = o.loss;
  double row[] = {t,         o.loss,   o.loss / c->loss0, o.q,     o.r,
                  o.a2,      o.cos_w1, o.m_align,         o.m_top, o.m_bulk,
                  o.top_cos, o.kalign, o.conservation};
  sa_output_row(c->out, row);
  char where[48];
  snprintf(where, sizeof where, "t = %.4g", t);
  sa_progress_update(c->prog, (double)++c->k / (double)c->n, where, o.loss / c->loss0);
  return 0;
}

int cmd_flow(int argc, char **argv)
{
  sa_flow_cli o;
  sa_opt table[SA_FLOW_CLI_NOPT];
  sa_flow_cli_options(&o, table);
  const size_t nopt = SA_FLOW_CLI_NOPT;
  int st = sa_cli_parse(
      table, nopt, argc, argv, 1, "flow",
      "Full gradient flow of a scalar-output linear network (Eqs. 4, 9)\n"
      "(integrator: --method); records loss, q, r, |a|^2, kernel alignment, NTK spectrum\n"
      "and the conservation residual, then t_1/2 and t_align.");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  sa_linsetup_run run;
  if ((st = sa_flow_cli_prepare(&o, "flow", &run)) != 0)
    return st;
  sa_linsetup *su = &run.su;
  sa_linobs_work *obs = sa_linobs_work_alloc(&su->pb.shape, su->X, su->theta);
  sa_output *out = NULL;
  int status = 1;
  if (!obs) {
    fprintf(stderr, "silentalign flow: out of memory\n");
    goto cleanup;
  }
  out = sa_output_open(o.output, argc, argv, table, nopt);
  if (!out)
    goto cleanup;
  const char *cols[] = {"t",       "loss",   "loss_ratio",  "q",     "r",
                        "a2",      "cos_w1", "m_align",     "m_top", "m_bulk",
                        "top_cos", "kalign", "conservation"};
  sa_output_columns(out, sizeof cols / sizeof cols[0], cols);
  sa_progress prog;
  sa_progress_begin(&prog, "flow");
  record_ctx rc = {out, su, obs, 0, &prog, 0, (size_t)o.samples + 1}; /* t = 0 and samples */
  sa_linflow_result res;
  if (sa_linflow_run(&su->pb, su->theta, run.times, (size_t)o.samples, &run.par, record, &rc,
                     &res) != 0) {
    sa_progress_end(&prog);
    sa_cli_solver_advice(SA_CLI_ODE_ADVICE);
    fprintf(stderr, "silentalign flow: %s\n", sa_error_message());
    sa_output_abort(out);
    goto cleanup;
  }
  sa_progress_end(&prog);
  sa_output_result(out, "t_half", res.t_half, NULL);
  sa_output_result(out, "t_align", res.t_align, NULL);
  sa_output_result(out, "t_final", res.t_final, NULL);
  sa_output_result(out, "solver_steps", (double)res.nsteps, NULL);
  sa_output_result(out, "solver_rhs_evals", (double)res.nrhs, NULL);
  status = sa_output_commit(out) == 0 ? 0 : 1;
cleanup:
  sa_linobs_work_free(obs);
  sa_linsetup_run_free(&run);
  return status;
}
