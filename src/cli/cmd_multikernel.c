/* silentalign multiout-kernel: the kernel panels of Fig. H.1.  Runs the same
 * C-output flow as `silentalign multiout` (same options and seed, the same
 * random draws in the same order: the same trajectory) and records the loss
 * ratio, the Frobenius norm of the P C x P C NTK Gram matrix (per P^2,
 * absolute and relative to its last value), its alignment with the
 * targets Y = T X on whitened data, and the alignment of the output-traced
 * kernel sum_c K_cc (theory/ktrace.h; the paper does not define its
 * multi-output alignment). */
#include "config.h"

#include "cli/cli_status.h"
#include "cli/commands.h"
#include "cli/multiout_cli.h"
#include "core/sa_errno.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "theory/ktrace.h"
#include "theory/linear_flow.h"
#include "theory/linear_setup.h"
#include "theory/multiout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { MK_T, MK_LOSS, MK_KFRO, MK_KREL, MK_KALIGN, MK_KALIGN_TR, MK_PLATEAU_TR, MK_NCOL };

typedef struct {
  const sa_linnet_shape *sh;
  sa_linnet_work *w;
  const gsl_matrix *Sigma, *T;
  double loss0, plateau_tr;
  double *rows;
  size_t nrow, cap;
} mk_ctx;

static int record(double t, const double *theta, void *user)
{
  mk_ctx *c = user;
  if (c->nrow == c->cap)
    return -1;
  if (sa_linnet_products(c->sh, theta, c->w))
    return -1;
  double loss = sa_linnet_loss(c->sh, c->w, c->Sigma, c->T);
  if (isnan(loss))
    return -1;
  if (t == 0)
    c->loss0 = loss;
  double *r = c->rows + c->nrow++ * MK_NCOL, fro, align, align_tr;
  if (sa_ktrace_multi(c->sh, c->w, c->T, &fro, &align, &align_tr) != 0)
    return -1;
  r[MK_T] = t;
  r[MK_LOSS] = loss / c->loss0;
  r[MK_KFRO] = fro;
  r[MK_KREL] = 0;
  r[MK_KALIGN] = align;
  r[MK_KALIGN_TR] = align_tr;
  r[MK_PLATEAU_TR] = c->plateau_tr;
  return 0;
}

int cmd_multiout_kernel(int argc, char **argv)
{
  sa_multiout_cli o;
  sa_opt table[SA_MULTIOUT_CLI_NOPT];
  sa_multiout_cli_options(&o, table, "100", "(0,inf)", "horizon");
  const size_t nopt = SA_MULTIOUT_CLI_NOPT;
  int st = sa_cli_parse(table, nopt, argc, argv, 1, "multiout-kernel",
                        "C-output linear network on whitened data (as `multiout`, same run):\n"
                        "loss ratio, Frobenius norm of the P C x P C NTK Gram matrix (per P^2,\n"
                        "absolute and relative to the last time) and its alignment with Y = T X.");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  if ((st = sa_multiout_cli_check(&o, "multiout-kernel")) != 0)
    return st;
  if (o.log_time && sa_cli_check_t_first("multiout-kernel", o.t_first, o.t_end) != 0)
    return 2;
  gsl_rng *rng = NULL;
  sa_multiout_teacher teacher = {0};
  sa_multiout_net net = {0};
  sa_linnet_work *work = NULL;
  sa_output *out = NULL;
  double *times = NULL, *atol_vec = NULL, *rows = NULL;
  sa_ode_params par;
  size_t n = (size_t)o.samples;
  int status = 1;
  /* the draws of cmd_multiout, in its order: teacher, then weights */
  if (sa_multiout_cli_setup(&o, "multiout-kernel", &rng, &teacher, &net) != 0)
    goto cleanup;
  const sa_linnet_shape *sh = &net.shape;
  work = sa_linnet_work_alloc(sh);
  sa_linsetup_run_params rp = {.samples = n,
                               .t_first = o.t_first,
                               .t_end = o.t_end,
                               .log_time = o.log_time,
                               .method = (sa_ode_method)o.method,
                               .rtol = o.rtol,
                               .atol = o.atol,
                               .max_steps = o.max_steps};
  rows = malloc((n + 1) * MK_NCOL * sizeof *rows);
  if (!work || !rows || sa_linsetup_schedule_alloc(sh, o.sigma, &rp, &times, &atol_vec, &par))
    goto oom;
  out = sa_output_open(o.output, argc, argv, table, nopt);
  if (!out)
    goto cleanup;
  sa_output_comment(out, "teacher T = sum_alpha s_alpha z_alpha v_alpha^T, whitened inputs; "
                         "kfro = ||K||_F / P^2, kalign = vec(Y)^T K vec(Y) / (||K||_F |vec Y|^2)");
  const char *cols[] = {"t", "loss_ratio", "kfro", "kfro_rel", "kalign", "kalign_tr", "plateau_tr"};
  sa_output_columns(out, MK_NCOL, cols);
  sa_linflow_problem pb = {*sh, net.Sigma, teacher.T, NULL, o.stop_ratio};
  mk_ctx c = {sh,
              work,
              net.Sigma,
              teacher.T,
              0,
              sa_ktrace_multi_plateau_tr((unsigned)o.L, (size_t)o.C, o.sv.v, o.sv.n, (size_t)o.D),
              rows,
              0,
              n + 1};
  sa_linflow_result res;
  if (sa_linflow_run(&pb, net.theta, times, n, &par, record, &c, &res) != 0) {
    sa_cli_solver_advice(SA_CLI_ODE_ADVICE);
    fprintf(stderr, "silentalign multiout-kernel: %s\n", sa_error_message());
    sa_output_abort(out);
    goto cleanup;
  }
  double klast = rows[(c.nrow - 1) * MK_NCOL + MK_KFRO];
  for (size_t i = 0; i < c.nrow; i++) {
    rows[i * MK_NCOL + MK_KREL] = rows[i * MK_NCOL + MK_KFRO] / klast;
    sa_output_row(out, rows + i * MK_NCOL);
  }
  sa_output_result(out, "kalign_final", rows[(c.nrow - 1) * MK_NCOL + MK_KALIGN], NULL);
  sa_output_result(out, "kalign_tr_final", rows[(c.nrow - 1) * MK_NCOL + MK_KALIGN_TR], NULL);
  sa_output_result(out, "plateau_tr", c.plateau_tr, "balanced sigma -> 0 prediction");
  sa_output_result(out, "t_half", res.t_half, NULL);
  status = sa_output_commit(out) == 0 ? 0 : 1;
  goto cleanup;
oom:
  fprintf(stderr, "silentalign multiout-kernel: cannot set up the problem (out of memory?)\n");
cleanup:
  free(rows);
  free(times);
  free(atol_vec);
  sa_linnet_work_free(work, &net.shape);
  sa_multiout_net_free(&net);
  sa_multiout_teacher_free(&teacher);
  gsl_rng_free(rng);
  return status;
}
