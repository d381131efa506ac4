/* silentalign kernel2d: the data of Figs. 2 and C.1.  A two-layer linear
 * network with D = 2 inputs is trained by the full gradient flow (Eq. 4,
 * --method); at one chosen time the command writes the RKHS-norm level sets
 * w^T M(t)^{-1} w = c of the actual kernel M(t) = W^T W + |a|^2 I (Eq. 5),
 * the network function beta(t) = W^T a, the least-norm interpolant of M(t)
 * and the interpolating set; or (--path) the trajectory of all of these. */
#include "config.h"

#include "cli/cli_status.h"
#include "cli/commands.h"
#include "cli/linflow_opts.h"
#include "core/sa_errno.h"
#include "core/sa_limits.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "theory/kernel2d.h"
#include "theory/linear_observables.h"

#include <gsl/gsl_math.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  sa_kernel2d *k;
  sa_linobs_work *obs;
  sa_linnet_work *net;
  double loss0, t_last;
  double w[2], M[4], loss; /* state at the last observed time */
  sa_output *path;         /* non-NULL: write a path row at each time */
} k2d_ctx;

static int observe(double t, const double *theta, void *user)
{
  k2d_ctx *c = user;
  sa_linobs o;
  if (sa_linobs_compute(theta, c->k->su.Sigma, c->k->su.T, c->k->su.beta, c->obs, &o) != 0)
    return -1;
  const gsl_matrix *M = sa_linobs_kernel(c->obs);
  if (sa_linnet_products(&c->k->su.pb.shape, theta, c->net))
    return -1;
  const gsl_matrix *weff = sa_linnet_effective(&c->k->su.pb.shape, c->net);
  for (size_t i = 0; i < 4; i++)
    c->M[i] = gsl_matrix_get(M, i / 2, i % 2);
  c->w[0] = gsl_matrix_get(weff, 0, 0);
  c->w[1] = gsl_matrix_get(weff, 0, 1);
  if (t == 0)
    c->loss0 = o.loss;
  c->loss = o.loss;
  c->t_last = t;
  if (c->path) {
    double kr[2], n2, angle, ratio;
    if (sa_kernel2d_interpolant(M, c->k->su.X, c->k->y, kr, &n2) != 0)
      return -1;
    gsl_matrix_const_view Mv = gsl_matrix_const_view_array(c->M, 2, 2);
    sa_kernel2d_top_direction(&Mv.matrix, &angle, &ratio);
    double row[] = {t,       o.loss / c->loss0, c->w[0], c->w[1], kr[0], kr[1],
                    c->M[0], c->M[1],           c->M[3], ratio,   angle, o.kalign};
    sa_output_row(c->path, row);
  }
  return 0;
}

static void write_point(FILE *f, const double w[2], const double M[4])
{
  gsl_matrix_const_view Mv = gsl_matrix_const_view_array(M, 2, 2);
  fprintf(f, "%.12g\t%.12g\t%.12g\n", w[0], w[1], sa_kernel2d_rkhs_norm2(&Mv.matrix, w));
}

typedef struct {
  long N, P, seed, levels, ntheta, samples, max_steps;
  int method, path;
  double phi_x, phi_beta, lambda2, sigma, s, t_at, half_len, t_end, t_first, rtol, atol;
  const char *output;
} kernel2d_opts;

#define KERNEL2D_NOPT 21

/* Writes the option table, bound to o, into table[0 .. KERNEL2D_NOPT-1]. */
static void kernel2d_options(kernel2d_opts *o, sa_opt *table)
{
  const sa_opt t[] = {
      {"P", SA_OPT_LONG, &o->P, "1", "[1,2]",
       "samples: 1 = one unit sample (whitened on its span, interpolating line), "
       "2 = Sigma = diag(1, lambda2) (anisotropic, interpolating point)"},
      {"N", SA_OPT_LONG, &o->N, "100", "[1,inf)", "hidden width"},
      {"phi-x", SA_OPT_DOUBLE, &o->phi_x, "30", "[-180,180]",
       "P = 1: angle of the sample x (degrees)"},
      {"lambda2", SA_OPT_DOUBLE, &o->lambda2, "0.1", "(0,inf)",
       "P = 2: second eigenvalue of Sigma (the first is 1)"},
      {"phi-beta", SA_OPT_DOUBLE, &o->phi_beta, "75", "[-180,180]",
       "angle of the unit teacher beta_T (degrees)"},
      {"sigma", SA_OPT_DOUBLE, &o->sigma, "1e-3", "(0,inf)",
       "init scale: W_ij ~ N(0, sigma^2/fan_in)"},
      {"s", SA_OPT_DOUBLE, &o->s, "1", "(0,inf)", "teacher scale: y = s beta_T.x"},
      {"seed", SA_OPT_LONG, &o->seed, "1", "[0,inf)", "random seed (weights)"},
      {"time", SA_OPT_DOUBLE, &o->t_at, "0", "[0,inf)", "time of the contour picture"},
      {"levels", SA_OPT_LONG, &o->levels, "4", "[1,100]",
       "number of level sets: c = (k/levels)^2 |w_KR|_K^2, k = 1..levels (the last "
       "touches the interpolating set at the least-norm interpolant w_KR)"},
      {"ntheta", SA_OPT_LONG, &o->ntheta, "181", "[8,100000]", "points per level set"},
      {"line-half", SA_OPT_DOUBLE, &o->half_len, "1.5", "(0,inf)",
       "half length of each drawn interpolating line, in units of s"},
      {"path", SA_OPT_FLAG, &o->path, NULL, NULL,
       "write the trajectory (t, loss ratio, beta(t), w_KR(t), M(t)) instead of contours"},
      {"t-end", SA_OPT_DOUBLE, &o->t_end, "40", "(0,inf)", "--path: last time"},
      {"t-first", SA_OPT_DOUBLE, &o->t_first, "1e-2", "(0,inf)",
       "--path: first time of the log grid"},
      {"samples", SA_OPT_LONG, &o->samples, "200", "[2,1e6]", "--path: number of times"},
      SA_CLI_LINFLOW_SOLVER_OPTIONS(o),
      {"output", SA_OPT_STRING, &o->output, NULL, NULL, "output file (default stdout)"},
  };
  _Static_assert(sizeof t / sizeof t[0] == KERNEL2D_NOPT, "KERNEL2D_NOPT counts the table");
  memcpy(table, t, sizeof t);
}

/* The --path grid, memory, work and scales, then the options of --path
 * only.  Returns 0, or 2 with the message printed. */
static int kernel2d_check(const kernel2d_opts *o, const sa_opt *table, size_t nopt)
{
  if (o->path && sa_cli_check_t_first("kernel2d", o->t_first, o->t_end) != 0)
    return 2;
  char lim[120];
  snprintf(lim, sizeof lim, "--N=%ld --samples=%ld", o->N, o->samples);
  if (sa_cli_check_memory("kernel2d",
                          30.0 * 4 * o->N + 16.0 * o->samples + (double)o->levels * o->ntheta * 4,
                          lim) ||
      sa_cli_check_scale("kernel2d", "s", 2 * log10(o->s), "initial loss (s^2 / 2)") ||
      sa_cli_check_scale("kernel2d", "sigma", 4 * log10(o->sigma), "initial output (sigma^4)") ||
      sa_cli_check_work("kernel2d", "--s, --time", o->s * o->t_at, 1e7,
                        "s time (relaxation times to integrate)") ||
      (o->path && sa_cli_check_work("kernel2d", "--s, --t-end", o->s * o->t_end, 1e7,
                                    "s t_end (relaxation times to integrate)")))
    return 2;
  const sa_opt_scope scope[] = {
      {(const char *const[]){"t-end", "t-first", "samples", NULL}, o->path, "only with --path"}};
  return sa_cli_check_scope(table, nopt, "kernel2d", scope, 1) ? 2 : 0;
}

/* The contour picture at the observed time (blocks for gnuplot's index):
 * result lines, the network's beta(t), the least-norm interpolant w_KR,
 * the level sets c = (k/levels)^2 |w_KR|_K^2 and the interpolating lines.
 * Returns 0, or -1 when X^T M X is singular (message printed). */
static int write_contours(sa_output *out, const kernel2d_opts *o, const sa_kernel2d *k,
                          const k2d_ctx *c)
{
  const double deg = M_PI / 180.0;
  gsl_matrix_const_view Mv = gsl_matrix_const_view_array(c->M, 2, 2);
  double kr[2], n2, angle, ratio;
  if (sa_kernel2d_interpolant(&Mv.matrix, k->su.X, k->y, kr, &n2) != 0) {
    fprintf(stderr, "silentalign kernel2d: X^T M X is singular at t = %g\n", c->t_last);
    return -1;
  }
  sa_kernel2d_top_direction(&Mv.matrix, &angle, &ratio);
  sa_output_result(out, "t", c->t_last, NULL);
  sa_output_result(out, "loss_ratio", c->loss / c->loss0, NULL);
  sa_output_result(out, "m_ratio", ratio, "top/bottom eigenvalue of M");
  sa_output_result(out, "top_angle", angle, "degrees, top eigenvector of M");
  const gsl_matrix *Sg = k->su.Sigma;
  const gsl_vector *b = k->su.beta;
  double sb[2] = {gsl_matrix_get(Sg, 0, 0) * gsl_vector_get(b, 0) +
                      gsl_matrix_get(Sg, 0, 1) * gsl_vector_get(b, 1),
                  gsl_matrix_get(Sg, 1, 0) * gsl_vector_get(b, 0) +
                      gsl_matrix_get(Sg, 1, 1) * gsl_vector_get(b, 1)};
  sa_output_result(out, "beta_angle", atan2(gsl_vector_get(b, 1), gsl_vector_get(b, 0)) / deg,
                   "degrees, unit beta in span X");
  sa_output_result(out, "sigma_beta_angle", atan2(sb[1], sb[0]) / deg, "degrees, Sigma beta");
  FILE *f = sa_output_stream(out);
  write_point(f, c->w, c->M);
  fputs("\n\n", f);
  write_point(f, kr, c->M);
  fputs("\n\n", f);
  for (long lv = 1; lv <= o->levels; lv++) {
    double cl = n2 * ((double)lv / (double)o->levels) * ((double)lv / (double)o->levels);
    for (long j = 0; j < o->ntheta; j++) {
      double w[2];
      sa_kernel2d_ellipse(&Mv.matrix, cl, 2.0 * M_PI * (double)j / (double)(o->ntheta - 1), w);
      write_point(f, w, c->M);
    }
    fputs("\n", f);
  }
  fputs("\n", f);
  /* sample mu: a segment of the interpolating line x.w = y^mu */
  for (size_t mu = 0; mu < k->su.X->size2; mu++) {
    double w[2][2];
    sa_kernel2d_line(k->su.X, k->y, mu, o->half_len * o->s, w);
    write_point(f, w[0], c->M);
    write_point(f, w[1], c->M);
    fputs("\n", f);
  }
  return 0;
}

int cmd_kernel2d(int argc, char **argv)
{
  kernel2d_opts o;
  sa_opt table[KERNEL2D_NOPT];
  kernel2d_options(&o, table);
  const size_t nopt = KERNEL2D_NOPT;
  int st = sa_cli_parse(table, nopt, argc, argv, 1, "kernel2d",
                        "Two-layer linear network with D = 2 inputs (Figs. 2, C.1): RKHS-norm\n"
                        "level sets w^T M(t)^{-1} w = c of its NTK M(t) = W^T W + |a|^2 I at one\n"
                        "time, with beta(t) = W^T a, the least-norm interpolant and the\n"
                        "interpolating set; or the whole trajectory (--path).");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  if ((st = kernel2d_check(&o, table, nopt)) != 0)
    return st;

  const double deg = M_PI / 180.0;
  sa_kernel2d_params kp = {(size_t)o.N,      (size_t)o.P, o.phi_x * deg, o.lambda2,
                           o.phi_beta * deg, o.sigma,     o.s,           (unsigned long)o.seed};
  sa_kernel2d k;
  if (sa_kernel2d_alloc(&kp, &k) != 0) {
    fprintf(stderr, "silentalign kernel2d: cannot set up the problem (out of memory?)\n");
    return 1;
  }
  /* The recording times, per-weight tolerances and integrator parameters
   * of every linear flow (theory/linear_setup.h): --samples times on the
   * log grid (--path), or the one time --time (none at t = 0, where
   * nothing is integrated). */
  size_t n = o.path ? (size_t)o.samples : 1;
  const sa_linsetup_run_params rp = {.samples = n,
                                     .t_first = o.t_first,
                                     .t_end = o.path ? o.t_end : o.t_at,
                                     .log_time = o.path,
                                     .method = (sa_ode_method)o.method,
                                     .rtol = o.rtol,
                                     .atol = o.atol,
                                     .max_steps = o.max_steps,
                                     .stop_ratio = 0};
  double *times = NULL, *atol_vec = NULL;
  sa_ode_params par = {0};
  sa_linobs_work *obs = NULL;
  sa_linnet_work *net = NULL;
  sa_output *out = NULL;
  int status = 1;
  if ((o.path || o.t_at > 0) &&
      sa_linsetup_schedule_alloc(&k.su.pb.shape, o.sigma, &rp, &times, &atol_vec, &par) != 0) {
    fprintf(stderr, "silentalign kernel2d: %s\n", sa_error_message());
    goto cleanup;
  }
  obs = sa_linobs_work_alloc(&k.su.pb.shape, k.su.X, k.su.theta);
  net = sa_linnet_work_alloc(&k.su.pb.shape);
  if (!obs || !net) {
    fprintf(stderr, "silentalign kernel2d: out of memory\n");
    goto cleanup;
  }
  out = sa_output_open(o.output, argc, argv, table, nopt);
  if (!out)
    goto cleanup;
  k2d_ctx c = {&k, obs, net, 0, 0, {0, 0}, {0, 0, 0, 0}, 0, o.path ? out : NULL};
  if (o.path) {
    const char *cols[] = {"t",   "loss_ratio", "w1",  "w2",      "kr1",       "kr2",
                          "m11", "m12",        "m22", "m_ratio", "top_angle", "kalign"};
    sa_output_columns(out, sizeof cols / sizeof cols[0], cols);
  } else {
    sa_output_comment(out, "blocks (gnuplot index): 0 network beta(t) = W^T a; 1 least-norm "
                           "interpolant w_KR of M(t); 2 level sets c = (k/levels)^2 |w_KR|_K^2; "
                           "3 interpolating set (one line per sample)");
    const char *cols[] = {"w1", "w2", "rkhs_norm2"};
    sa_output_columns(out, sizeof cols / sizeof cols[0], cols);
  }
  sa_linflow_result res;
  res.t_half = NAN;
  if (!o.path && o.t_at == 0) {
    /* the initial kernel needs no integration */
    if (observe(0.0, k.su.theta, &c) != 0) {
      fprintf(stderr, "silentalign kernel2d: cannot evaluate the kernel at t = 0\n");
      goto fail;
    }
  } else if (sa_linflow_run(&k.su.pb, k.su.theta, times, n, &par, observe, &c, &res) != 0) {
    sa_cli_solver_advice(SA_CLI_ODE_ADVICE);
    fprintf(stderr, "silentalign kernel2d: %s\n", sa_error_message());
    goto fail;
  }
  if (!o.path) {
    if (write_contours(out, &o, &k, &c) != 0)
      goto fail;
  } else {
    sa_output_result(out, "t_half", res.t_half, NULL);
  }
  status = sa_output_commit(out) == 0 ? 0 : 1;
  goto cleanup;
fail:
  sa_output_abort(out);
cleanup:
  sa_linnet_work_free(net, &k.su.pb.shape);
  sa_linobs_work_free(obs);
  free(times);
  free(atol_vec);
  sa_kernel2d_free(&k);
  return status;
}
