/* silentalign multiout: a linear network with C outputs learning the
 * teacher T = sum_alpha s_alpha z_alpha v_alpha^T on whitened inputs
 * (Sec. 4.2, App. H).  The full flow (Eq. 9, --method) records the loss and
 * the mode overlaps c_alpha = z_alpha^T W_eff v_alpha next to the per-mode
 * balanced theory (logistic for L = 2, App. E.1 closed form for L >= 3) and
 * its staircase loss; the trailer lists the mode learning times. */
#include "config.h"

#include "cli/cli_status.h"
#include "cli/commands.h"
#include "cli/multiout_cli.h"
#include "core/sa_errno.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "theory/deepbal.h"
#include "theory/linear_flow.h"
#include "theory/linear_setup.h"
#include "theory/multiout.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Columns: these, then c1..cn (measured overlaps) and c1_theory..cn_theory. */
static const char *const fixed_cols[] = {"t", "loss", "loss_ratio", "loss_theory"};
enum { MO_T, MO_LOSS, MO_LOSS_RATIO, MO_LOSS_THEORY, MO_NFIXED };

typedef struct {
  sa_output *out;
  const sa_multiout_teacher *teacher;
  const sa_linnet_shape *shape;
  sa_linnet_work *w;
  const gsl_matrix *Sigma;
  unsigned L;
  const double *u0;
  double loss0;
  double *c, *row;
  sa_multiout_modetimes *mt;
} record_ctx;

static int record(double t, const double *theta, void *user)
{
  record_ctx *r = user;
  size_t n = r->teacher->nmodes;
  if (sa_linnet_products(r->shape, theta, r->w))
    return -1;
  double loss = sa_linnet_loss(r->shape, r->w, r->Sigma, r->teacher->T);
  if (isnan(loss))
    return -1;
  if (t == 0)
    r->loss0 = loss;
  sa_multiout_overlaps(r->teacher, sa_linnet_effective(r->shape, r->w), r->c);
  r->row[MO_T] = t;
  r->row[MO_LOSS] = loss;
  r->row[MO_LOSS_RATIO] = loss / r->loss0;
  r->row[MO_LOSS_THEORY] = sa_multiout_loss(r->L, r->teacher->s, r->u0, n, t);
  for (size_t a = 0; a < n; a++) {
    r->row[MO_NFIXED + a] = r->c[a];
    r->row[MO_NFIXED + n + a] = sa_multiout_mode_c(r->L, r->teacher->s[a], r->u0[a], t);
  }
  sa_multiout_modetimes_record(r->mt, t, r->teacher->s, r->c);
  sa_output_row(r->out, r->row);
  return 0;
}

int cmd_multiout(int argc, char **argv)
{
  sa_multiout_cli o;
  sa_opt table[SA_MULTIOUT_CLI_NOPT];
  sa_multiout_cli_options(&o, table, "0", "[0,inf)",
                          "horizon (0: twice the slowest predicted mode time + 20/s_min)");
  const size_t nopt = SA_MULTIOUT_CLI_NOPT;
  int st = sa_cli_parse(table, nopt, argc, argv, 1, "multiout",
                        "C-output linear network on whitened data (Sec. 4.2, App. H): full\n"
                        "flow mode overlaps z^T W_eff v and loss vs the per-mode balanced theory.");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  if ((st = sa_multiout_cli_check(&o, "multiout")) != 0)
    return st;
  const sa_dlist sv = o.sv;
  const double sigma = o.sigma, t_first = o.t_first;
  double t_end = o.t_end;
  size_t n = sv.n;
  unsigned Lu = (unsigned)o.L;
  for (size_t a = 0; a < n; a++)
    if (Lu > 2 && !(sigma < pow(sv.v[a], 1.0 / Lu))) {
      fprintf(stderr,
              "silentalign multiout: invalid value '%g' for --sigma: must lie below "
              "s_alpha^{1/L} = %g\n",
              sigma, pow(sv.v[a], 1.0 / Lu));
      return 2;
    }

  gsl_rng *rng = NULL;
  sa_multiout_teacher teacher = {0};
  sa_multiout_net net = {0};
  sa_linnet_work *work = NULL;
  sa_output *out = NULL;
  double *times = NULL, *atol_vec = NULL, *buf = NULL;
  sa_ode_params par;
  const char **names = NULL;
  char *namebuf = NULL;
  int status = 1;
  if (sa_multiout_cli_setup(&o, "multiout", &rng, &teacher, &net) != 0)
    goto cleanup;
  const sa_linnet_shape *sh = &net.shape;
  size_t ncol = MO_NFIXED + 2 * n;
  work = sa_linnet_work_alloc(sh);
  buf = malloc((ncol + 5 * n) * sizeof *buf);
  names = calloc(ncol, sizeof *names);
  namebuf = malloc(2 * n * 24);
  if (!work || !buf || !names || !namebuf)
    goto oom;

  /* Theory initial values: L = 2 the effective c0_alpha of the initial
   * weights (multiout.h); L >= 3 u0 = sigma as in the paper. */
  double *u0 = buf + ncol, *c = u0 + n;
  sa_multiout_modetimes mt = {n, 0, c + n, c + 2 * n, c + 3 * n};
  sa_multiout_modetimes_start(&mt);
  if (Lu == 2) {
    if (sa_multiout_u0_twolayer(sh, net.theta, &teacher, u0))
      goto oom;
  } else {
    for (size_t a = 0; a < n; a++)
      u0[a] = sigma;
  }
  double s_min = INFINITY, t_max = 0;
  for (size_t a = 0; a < n; a++) {
    s_min = fmin(s_min, sv.v[a]);
    t_max = fmax(t_max, sa_multiout_mode_time(Lu, sv.v[a], u0[a]));
  }
  if (t_end == 0)
    t_end = 2.0 * t_max + 20.0 / s_min;
  if (o.log_time && sa_cli_check_t_first("multiout", t_first, t_end) != 0) {
    status = 2;
    goto cleanup;
  }
  sa_linsetup_run_params rp = {.samples = (size_t)o.samples,
                               .t_first = t_first,
                               .t_end = t_end,
                               .log_time = o.log_time,
                               .method = (sa_ode_method)o.method,
                               .rtol = o.rtol,
                               .atol = o.atol,
                               .max_steps = o.max_steps};
  if (sa_linsetup_schedule_alloc(sh, sigma, &rp, &times, &atol_vec, &par))
    goto oom;

  _Static_assert(sizeof fixed_cols / sizeof fixed_cols[0] == MO_NFIXED, "one name per column");
  for (size_t k = 0; k < MO_NFIXED; k++)
    names[k] = fixed_cols[k];
  for (size_t a = 0; a < n; a++) {
    char *p1 = namebuf + 24 * a, *p2 = namebuf + 24 * (n + a);
    snprintf(p1, 24, "c%zu", a + 1);
    snprintf(p2, 24, "c%zu_theory", a + 1);
    names[MO_NFIXED + a] = p1;
    names[MO_NFIXED + n + a] = p2;
  }
  out = sa_output_open(o.output, argc, argv, table, nopt);
  if (!out)
    goto cleanup;
  sa_output_comment(out, "teacher T = sum_alpha s_alpha z_alpha v_alpha^T, whitened inputs");
  sa_output_comment(
      out, "theory u0: %s",
      Lu == 2 ? "c0_alpha = |Pi_alpha(W1 v_alpha + W2^T z_alpha)|^2/4, faster modes projected out"
              : "u0 = sigma (balanced per-mode ODE, App. E.1)");
  sa_output_columns(out, ncol, names);

  sa_linflow_problem pb = {*sh, net.Sigma, teacher.T, NULL, o.stop_ratio};
  record_ctx rc = {out, &teacher, sh, work, net.Sigma, Lu, u0, 0, c, buf, &mt};
  sa_linflow_result res;
  if (sa_linflow_run(&pb, net.theta, times, (size_t)o.samples, &par, record, &rc, &res) != 0) {
    sa_cli_solver_advice(SA_CLI_ODE_ADVICE);
    fprintf(stderr, "silentalign multiout: %s\n", sa_error_message());
    sa_output_abort(out);
    out = NULL;
    goto cleanup;
  }
  for (size_t a = 0; a < n; a++) {
    static const char *const fields[] = {"s", "u0", "t_mode_theory", "t_mode_formula",
                                         "t_mode_flow"};
    double v[] = {sv.v[a], u0[a], sa_multiout_mode_time(Lu, sv.v[a], u0[a]),
                  Lu == 2 ? sa_multiout_mode_time_paper(sv.v[a], u0[a])
                          : sa_deepbal_t_half_formula(Lu, sv.v[a], u0[a]),
                  mt.t_mode[a]};
    char label[32];
    snprintf(label, sizeof label, "mode %zu", a + 1);
    sa_output_result_fields(out, label, sizeof fields / sizeof fields[0], fields, v);
  }
  sa_output_result(out, "t_half", res.t_half, NULL);
  sa_output_result(out, "t_final", res.t_final, NULL);
  sa_output_result(out, "solver_steps", (double)res.nsteps, NULL);
  sa_output_result(out, "solver_rhs_evals", (double)res.nrhs, NULL);
  status = sa_output_commit(out) == 0 ? 0 : 1;
  out = NULL;
  goto cleanup;
oom:
  fprintf(stderr, "silentalign multiout: cannot set up the problem (out of memory?)\n");
cleanup:
  free(names);
  free(namebuf);
  free(buf);
  free(times);
  free(atol_vec);
  sa_linnet_work_free(work, &net.shape);
  sa_multiout_net_free(&net);
  sa_multiout_teacher_free(&teacher);
  gsl_rng_free(rng);
  return status;
}
