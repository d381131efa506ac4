/* silentalign kernel-trace: the kernel-scale panels of Figs. C.2c and E.1.
 * Runs the same full flow as `silentalign flow` (same options, same seed:
 * the same trajectory) and records the loss ratio, the Frobenius norm
 * |K(t)| of the training Gram matrix K = X^T M X (absolute and relative to
 * its value at the last time), the kernel alignment, the plateau
 * L/sqrt(L^2 + r - 1) predicted for whitened data of rank r, and the
 * cosine of W1^T W1 with beta beta^T. */
#include "config.h"

#include "cli/cli_status.h"
#include "cli/commands.h"
#include "cli/flow_cli.h"
#include "core/sa_errno.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "core/sa_progress.h"
#include "theory/deepbal.h"
#include "theory/ktrace.h"
#include "theory/linear_observables.h"
#include "theory/linear_setup.h"
#include "train/silence.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { KT_T, KT_LOSS, KT_KFRO, KT_KREL, KT_KALIGN, KT_PLATEAU, KT_COSW1, KT_NCOL };

typedef struct {
  sa_linsetup *su;
  sa_linobs_work *obs;
  sa_ktrace_work *kw;
  double loss0, plateau;
  double *rows; /* nrow x KT_NCOL */
  size_t nrow, cap;
  sa_progress *prog;
} kt_ctx;

static int record(double t, const double *theta, void *user)
{
  kt_ctx *c = user;
  sa_linobs o;
  if (c->nrow == c->cap)
    return -1;
  if (sa_linobs_compute(theta, c->su->Sigma, c->su->T, c->su->beta, c->obs, &o) != 0)
    return -1;
  if (t == 0)
    c->loss0 = o.loss;
  double *r = c->rows + c->nrow++ * KT_NCOL;
  r[KT_T] = t;
  r[KT_LOSS] = o.loss / c->loss0;
  r[KT_KFRO] = sa_ktrace_gram_fro(c->su->X, sa_linobs_kernel(c->obs), c->kw);
  if (isnan(r[KT_KFRO]))
    return -1;
  r[KT_KREL] = 0; /* filled in once the last value is known */
  r[KT_KALIGN] = o.kalign;
  r[KT_PLATEAU] = c->plateau;
  r[KT_COSW1] = o.cos_w1;
  char where[48];
  snprintf(where, sizeof where, "t = %.4g", t);
  sa_progress_update(c->prog, (double)c->nrow / (double)(c->cap - 1), where, r[KT_LOSS]);
  return 0;
}

int cmd_kernel_trace(int argc, char **argv)
{
  sa_flow_cli o;
  double rcond;
  long refine;
  sa_opt table[SA_FLOW_CLI_NOPT + 2];
  sa_flow_cli_options(&o, table);
  table[SA_FLOW_CLI_NOPT] =
      (sa_opt){"rcond", SA_OPT_DOUBLE, &rcond,
               "1e-10", "(0,1)",       "rank of X: singular values above rcond times the largest"};
  table[SA_FLOW_CLI_NOPT + 1] = (sa_opt){
      "refine",
      SA_OPT_LONG,
      &refine,
      "0",
      "[0,100000]",
      "if > 0: integrate twice; the second pass (same trajectory) records the first\n"
      "                         pass's times below t_half/2 and 2 x REFINE times t_half +- 10^a\n"
      "                         (a from log10(0.01/s) to log10(t_half/2)), resolving the final "
      "growth"};
  const size_t nopt = SA_FLOW_CLI_NOPT + 2;
  int st = sa_cli_parse(table, nopt, argc, argv, 1, "kernel-trace",
                        "Full flow of a scalar-output linear network (as `flow`): loss ratio,\n"
                        "Frobenius norm |K(t)| of the training NTK Gram matrix, its value\n"
                        "relative to the last time, kernel alignment with the plateau\n"
                        "L/sqrt(L^2 + r - 1) (r = rank X), and cos(W1^T W1, beta beta^T).");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  sa_linsetup_run run;
  if ((st = sa_flow_cli_prepare(&o, "kernel-trace", &run)) != 0)
    return st;
  sa_linsetup *su = &run.su;
  size_t n = (size_t)o.samples;
  double *rows = malloc((n + 2 * (size_t)refine + 1) * KT_NCOL * sizeof *rows);
  double *times2 = refine ? malloc((n + 2 * (size_t)refine) * sizeof *times2) : NULL;
  sa_linobs_work *obs = sa_linobs_work_alloc(&su->pb.shape, su->X, su->theta);
  sa_ktrace_work *kw = sa_ktrace_work_alloc((size_t)o.D, (size_t)o.P);
  sa_output *out = NULL;
  int status = 1;
  if (!rows || !obs || !kw || (refine && !times2)) {
    fprintf(stderr, "silentalign kernel-trace: out of memory\n");
    goto cleanup;
  }
  size_t rank;
  if (sa_ktrace_rank(su->X, rcond, &rank)) {
    fprintf(stderr, "silentalign kernel-trace: %s\n", sa_error_message());
    goto cleanup;
  }
  out = sa_output_open(o.output, argc, argv, table, nopt);
  if (!out)
    goto cleanup;
  const char *cols[] = {"t", "loss_ratio", "kfro", "kfro_rel", "kalign", "plateau", "cos_w1"};
  sa_output_columns(out, KT_NCOL, cols);
  sa_progress prog;
  sa_progress_begin(&prog, "kernel-trace");
  kt_ctx c = {su,
              obs,
              kw,
              0,
              sa_deepbal_alignment_plateau((unsigned)o.L, (double)rank),
              rows,
              0,
              n + 2 * (size_t)refine + 1,
              &prog};
  sa_linflow_result res;
  if (sa_linflow_run(&su->pb, su->theta, run.times, n, &run.par, record, &c, &res) != 0) {
    sa_progress_end(&prog);
    sa_cli_solver_advice(SA_CLI_ODE_ADVICE);
    fprintf(stderr, "silentalign kernel-trace: %s\n", sa_error_message());
    sa_output_abort(out);
    goto cleanup;
  }
  sa_progress_end(&prog);
  if (refine && isfinite(res.t_half) && res.t_half > 0.02 / o.s) {
    /* Second pass from the same initial weights (same seed) on the refined grid. */
    size_t m = sa_ktrace_refine_grid(run.times, n, res.t_half, o.t_end, (size_t)refine, 0.01 / o.s,
                                     times2);
    sa_linsetup_run_free(&run);
    if ((st = sa_flow_cli_prepare(&o, "kernel-trace", &run)) != 0) {
      sa_output_abort(out);
      out = NULL;
      status = st;
      goto cleanup;
    }
    c.su = su = &run.su;
    c.nrow = 0;
    sa_linobs_work_free(obs); /* it keeps X of the first set-up */
    c.obs = obs = sa_linobs_work_alloc(&su->pb.shape, su->X, su->theta);
    if (!obs) {
      fprintf(stderr, "silentalign kernel-trace: out of memory\n");
      sa_output_abort(out);
      goto cleanup;
    }
    sa_progress_begin(&prog, "kernel-trace");
    int rs = sa_linflow_run(&su->pb, su->theta, times2, m, &run.par, record, &c, &res);
    sa_progress_end(&prog);
    if (rs != 0) {
      sa_cli_solver_advice(SA_CLI_ODE_ADVICE);
      fprintf(stderr, "silentalign kernel-trace: %s\n", sa_error_message());
      sa_output_abort(out);
      goto cleanup;
    }
  }
  double klast = rows[(c.nrow - 1) * KT_NCOL + KT_KFRO];
  for (size_t i = 0; i < c.nrow; i++) {
    rows[i * KT_NCOL + KT_KREL] = rows[i * KT_NCOL + KT_KFRO] / klast;
    sa_output_row(out, rows + i * KT_NCOL);
  }
  sa_output_result(out, "rank", (double)rank, NULL);
  sa_output_result(out, "plateau", c.plateau, "L/sqrt(L^2 + rank - 1)");
  sa_output_result(out, "kalign_final", rows[(c.nrow - 1) * KT_NCOL + KT_KALIGN], NULL);
  sa_output_result(out, "t_half", res.t_half, NULL);
  sa_output_result(out, "t_align", res.t_align, NULL);
  /* The silence metrics of `train` (src/train/silence.h) on this trace, so
   * that linear and nonlinear runs are summarised alike (phase diagram). */
  double *col = malloc(4 * c.nrow * sizeof *col);
  if (col) {
    for (size_t i = 0; i < c.nrow; i++) {
      col[i] = rows[i * KT_NCOL + KT_T];
      col[c.nrow + i] = rows[i * KT_NCOL + KT_LOSS];
      col[2 * c.nrow + i] = rows[i * KT_NCOL + KT_KFRO];
      col[3 * c.nrow + i] = rows[i * KT_NCOL + KT_KALIGN];
    }
    sa_silence sm;
    sa_silence_compute(col, col + c.nrow, col + 2 * c.nrow, col + 3 * c.nrow, c.nrow, &sm);
    free(col);
    sa_output_result(out, "knorm0_ratio", rows[KT_KFRO] / klast, "|K(0)| / |K(last)|");
    sa_output_result(out, "align0", sm.align0, NULL);
    sa_output_result(out, "t_knorm10", sm.t_knorm10, NULL);
    sa_output_result(out, "align_knorm10_ratio", sm.align_knorm10_ratio, NULL);
    sa_output_result(out, "align_phase1_ratio", sm.align_phase1_ratio, NULL);
    sa_output_result(out, "knorm_phase1_ratio", sm.knorm_phase1_ratio, NULL);
    sa_output_result(out, "silent_alignment", sm.silent < 0 ? NAN : (double)sm.silent,
                     "silence.h: 1 holds, 0 does not");
  }
  status = sa_output_commit(out) == 0 ? 0 : 1;
cleanup:
  free(times2);
  sa_ktrace_work_free(kw);
  sa_linobs_work_free(obs);
  free(rows);
  sa_linsetup_run_free(&run);
  return status;
}
