/* Tests of the factored Dormand-Prince integrator of the deep linear flow
 * (theory/linear_flow_lowrank.h, --method=lowrank):
 * - the factored right-hand side at a stage state W + sum_j c_j K_j equals
 *   sa_linnet_flow_chain at the formed state (1e-12 relative);
 * - the factored error norm |sum_j c_j K_j|_F equals that of the formed
 *   sum, also for the error coefficients, whose sum is ~1e-9 of its terms
 *   (to the terms' rounding amplified by that cancellation);
 * - the factored, mixed and exact error tests all give ERK's solution
 *   (weights, t_1/2 and t_align, whose root is refined on the factored
 *   Gram of either side, n1 x n1 or D x D);
 * - final weights and t_1/2 (t_align, the stop time) equal those of ARKODE
 *   ERK (the same Dormand-Prince pair on the flat state) at rtol 1e-11 on
 *   small nets: L = 2, 3, 4, C = 1 and 2, whitened and non-whitened Sigma;
 * - the balanced two-layer start follows the closed form of Eq. (49)
 *   (src/theory/twolayer.c, sharing nothing with the integrator) and the
 *   error falls like (number of steps)^-5 when rtol is tightened;
 * - the continuous extension is of order 4: halving a fixed step divides
 *   its mid-step error by ~2^5 = 32;
 * - a non-finite state and the step limit give SA_ESOLVER with their
 *   messages; sa_ode itself refuses the method. */
#include "config.h"

#include "tap.h"
#include "core/sa_errno.h"
#include "theory/linear_flow.h"
#include "theory/linear_flow_lowrank.h"
#include "theory/twolayer.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  sa_linflow_problem pb;
  gsl_matrix *Sigma, *T;
  gsl_vector *beta;
  double *theta;
} net;

/* A random net: D inputs, hidden width NH, C outputs, depth L; Sigma = I
 * (whitened) or X X^T / P of a random X with unequal column scales;
 * teacher T random of norm ~1, beta its first row normalised. */
static void net_alloc(net *n, size_t L, size_t D, size_t NH, size_t C, int whitened, double sigma,
                      unsigned long seed)
{
  size_t widths[SA_LINNET_MAXL + 1];
  widths[0] = D;
  for (size_t l = 1; l < L; l++)
    widths[l] = NH;
  widths[L] = C;
  memset(n, 0, sizeof *n);
  sa_linnet_shape_init(&n->pb.shape, L, widths);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, seed);
  n->Sigma = gsl_matrix_alloc(D, D);
  if (whitened)
    gsl_matrix_set_identity(n->Sigma);
  else {
    size_t P = 3 * D;
    gsl_matrix *X = gsl_matrix_alloc(D, P);
    for (size_t i = 0; i < D; i++)
      for (size_t p = 0; p < P; p++)
        gsl_matrix_set(X, i, p, gsl_ran_gaussian(rng, 1.0) / (1.0 + (double)i));
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0 / (double)P, X, X, 0.0, n->Sigma);
    gsl_matrix_free(X);
  }
  n->T = gsl_matrix_alloc(C, D);
  for (size_t i = 0; i < C; i++)
    for (size_t j = 0; j < D; j++)
      gsl_matrix_set(n->T, i, j, gsl_ran_gaussian(rng, 1.0) / sqrt((double)D));
  n->beta = gsl_vector_alloc(D);
  gsl_vector_const_view r0 = gsl_matrix_const_row(n->T, 0);
  gsl_vector_memcpy(n->beta, &r0.vector);
  gsl_vector_scale(n->beta, 1.0 / gsl_blas_dnrm2(n->beta));
  n->theta = malloc(n->pb.shape.nparam * sizeof(double));
  sa_linnet_init_standard(&n->pb.shape, sigma, rng, n->theta);
  n->pb.Sigma = n->Sigma;
  n->pb.T = n->T;
  gsl_rng_free(rng);
}

static void net_free(net *n)
{
  gsl_matrix_free(n->Sigma);
  gsl_matrix_free(n->T);
  gsl_vector_free(n->beta);
  free(n->theta);
}

static double maxabs(const double *x, size_t n)
{
  double m = 0;
  for (size_t i = 0; i < n; i++)
    m = fmax(m, fabs(x[i]));
  return m;
}

/* 1. factored right-hand side = chain right-hand side at the formed state */
static void test_factored_rhs(size_t L, size_t C, int whitened)
{
  net n;
  net_alloc(&n, L, 7, 5, C, whitened, 0.5, 10 + L + C);
  size_t np = n.pb.shape.nparam;
  sa_lowrank *w = sa_lowrank_alloc(&n.pb);
  sa_linnet_work *cw = sa_linnet_work_alloc(&n.pb.shape);
  double *Y = malloc(np * sizeof *Y), *K = malloc(np * sizeof *K), *ref = malloc(np * sizeof *ref);
  double coef[SA_LOWRANK_SLOTS], worst = 0, worst_loss = 0;
  for (size_t s = 0; s < SA_LOWRANK_SLOTS; s++) {
    for (size_t j = 0; j < s; j++)
      coef[j] = 0.3 * sin(1.0 + (double)(3 * s + j)); /* arbitrary stage coefficients */
    double loss = sa_lowrank_stage(w, n.theta, s, coef, s);
    memcpy(Y, n.theta, np * sizeof *Y);
    for (size_t j = 0; j < s; j++) {
      sa_lowrank_expand(w, j, K);
      for (size_t i = 0; i < np; i++)
        Y[i] += coef[j] * K[i];
    }
    double lref = sa_linnet_flow_chain(&n.pb.shape, Y, n.Sigma, n.T, cw, ref);
    sa_lowrank_expand(w, s, K);
    double d = 0;
    for (size_t i = 0; i < np; i++)
      d = fmax(d, fabs(K[i] - ref[i]));
    worst = fmax(worst, d / maxabs(ref, np));
    worst_loss = fmax(worst_loss, fabs(loss - lref) / lref);
  }
  tap_ok(worst < 1e-12 && worst_loss < 1e-12,
         "factored RHS = chain RHS at W + sum c_j K_j, 7 slots, L=%zu C=%zu %s: max rel. diff "
         "%.2e (gradient), %.2e (loss) < 1e-12",
         L, C, whitened ? "whitened" : "non-whitened", worst, worst_loss);
  free(Y);
  free(K);
  free(ref);
  sa_linnet_work_free(cw, &n.pb.shape);
  sa_lowrank_free(w);
  net_free(&n);
}

/* The same flow of n by ERK (th[0], res[0]) and lowrank (th[1], res[1])
 * from n's initial weights; returns 1 if both succeed. */
static int run_erk_lowrank(net *n, const double *times, size_t ntimes, double rtol, double atol,
                           double *th[2], sa_linflow_result res[2])
{
  const sa_ode_method m[2] = {SA_ODE_ERK, SA_ODE_LOWRANK};
  int ok = 1;
  for (int i = 0; i < 2; i++) {
    memcpy(th[i], n->theta, n->pb.shape.nparam * sizeof(double));
    sa_ode_params par = {rtol, atol, NULL, 1000000, m[i]};
    if (sa_linflow_run(&n->pb, th[i], times, ntimes, &par, NULL, NULL, &res[i]) != GSL_SUCCESS) {
      tap_diag("%s: %s", sa_ode_method_name(m[i]), sa_error_message());
      ok = 0;
    }
  }
  return ok;
}

/* max_i |th[0]_i - th[1]_i| / max_i |th[0]_i| */
static double weights_diff(double *th[2], size_t np)
{
  double d = 0;
  for (size_t i = 0; i < np; i++)
    d = fmax(d, fabs(th[0][i] - th[1][i]));
  return d / maxabs(th[0], np);
}

/* 1b. the factored error norm = the Frobenius norm of the formed sum */
static void test_factored_norm(size_t L, size_t C, int whitened)
{
  /* b - bhat of Dormand-Prince 5(4) (the coefficients of the error
   * estimate; they sum to zero, so the estimate is a small difference of
   * nearly equal slopes) */
  static const double E[SA_LOWRANK_SLOTS] = {
      71.0 / 57600, 0.0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40};
  net n;
  net_alloc(&n, L, 7, 5, C, whitened, 0.5, 40 + L + C);
  const sa_linnet_shape *sh = &n.pb.shape;
  size_t np = sh->nparam;
  sa_lowrank *w = sa_lowrank_alloc(&n.pb);
  double *out = malloc(np * sizeof *out), *K = malloc(SA_LOWRANK_SLOTS * np * sizeof *K);
  const double h = 0.02;
  sa_lowrank_dense_step(w, n.theta, h, 1.0, out); /* fills the 7 slots */
  for (size_t j = 0; j < SA_LOWRANK_SLOTS; j++)
    sa_lowrank_expand(w, j, K + j * np);
  double worst[2] = {0, 0}, dbl = 0, cancel = 1;
  for (int kind = 0; kind < 2; kind++) {
    double coef[SA_LOWRANK_SLOTS];
    for (size_t j = 0; j < SA_LOWRANK_SLOTS; j++)
      coef[j] = kind ? h * E[j] : 0.7 * cos(2.0 + 5.0 * (double)j);
    for (size_t l = 1; l <= L; l++) {
      /* reference: the sum formed weight by weight in long double */
      long double ref = 0, mag = 0, sd = 0;
      for (size_t k = sh->offset[l]; k < sh->offset[l] + sh->n[l] * sh->n[l - 1]; k++) {
        long double x = 0, a = 0;
        double xd = 0; /* the same sum in double, for comparison */
        for (size_t j = 0; j < SA_LOWRANK_SLOTS; j++) {
          x += (long double)coef[j] * K[j * np + k];
          a += fabsl((long double)coef[j] * K[j * np + k]);
          xd += coef[j] * K[j * np + k];
        }
        ref += x * x;
        mag += a * a;
        sd += (long double)xd * xd;
      }
      double got = sa_lowrank_frob2(w, l, coef), d = fabs(got - (double)ref) / (double)ref;
      worst[kind] = fmax(worst[kind], d);
      if (kind) {
        cancel = fmin(cancel, sqrt((double)(ref / mag)));
        dbl = fmax(dbl, (double)(fabsl(sd - ref) / ref));
      }
    }
  }
  /* Random coefficients: no cancellation, the rounding of short sums
   * (1e-12).  The error coefficients h (b - bhat): the sum is `cancel`
   * (~1e-9) of its terms, so any evaluation in double, the formed sum
   * included, carries the terms' rounding divided by cancel (a form
   * through the Grams U^T U, V^T V would divide by cancel^2 and keep no
   * digit): the bound is 100 eps / cancel. */
  double bound = 100 * DBL_EPSILON / cancel;
  tap_ok(worst[0] < 1e-12 && worst[1] < bound,
         "factored |sum c_j K_j|_F^2 = formed one, L=%zu C=%zu %s: %.2e (random c) < 1e-12; %.2e "
         "(h (b - bhat): sum %.1e of its terms; formed in double %.2e) < 100 eps / that = %.1e",
         L, C, whitened ? "whitened" : "non-whitened", worst[0], worst[1], cancel, dbl, bound);
  free(out);
  free(K);
  sa_lowrank_free(w);
  net_free(&n);
}

/* 1c. the error test's two paths (factored and exact per layer) give the
 * same solution as ERK: an atol-dominated run (only factored tests), a run
 * that starts with rtol max|W| = atol (factored, then exact in the layers
 * whose weights grow) and an rtol-dominated one (only exact). */
static void test_error_paths(size_t L, size_t C, size_t D, size_t NH)
{
  net n;
  net_alloc(&n, L, D, NH, C, 1, 0.3, 70 + L + C);
  n.pb.beta = n.beta;
  size_t np = n.pb.shape.nparam;
  double w0 = maxabs(n.theta, np), times[1] = {40};
  const char *name[3] = {"atol-dominated", "mixed", "rtol-dominated"};
  const double rtol[3] = {1e-13, 1e-11, 1e-11};
  const double atol[3] = {1e-11, 1e-11 * w0 * SA_LOWRANK_TIGHT, 1e-14};
  double *th[2] = {malloc(np * sizeof(double)), malloc(np * sizeof(double))};
  for (int c = 0; c < 3; c++) {
    sa_linflow_result res[2];
    int ok = run_erk_lowrank(&n, times, 1, rtol[c], atol[c], th, res);
    double d = weights_diff(th, np);
    double dh = fabs(res[1].t_half - res[0].t_half) / res[0].t_half;
    double da = fabs(res[1].t_align - res[0].t_align) / res[0].t_align;
    long nf = res[1].ntest_factored, ne = res[1].ntest_exact;
    int paths = c == 0 ? nf > 0 && ne == 0 : c == 1 ? nf > 0 && ne > 0 : nf == 0 && ne > 0;
    /* both at global errors of ~1e-11 (rtol 1e-11, or atol 1e-11 on
     * weights of size ~1); 1e-8 as in test_vs_erk */
    tap_ok(ok && paths && d < 1e-8 && dh < 1e-8 && da < 1e-8,
           "error test %s, L=%zu C=%zu D=%zu N=%zu (rtol %g, atol %.2g): %ld factored and %ld "
           "exact layer tests; lowrank = erk: weights %.2e, t_half %.2e, t_align %.2e relative "
           "< 1e-8 (steps %ld vs %ld)",
           name[c], L, C, D, NH, rtol[c], atol[c], nf, ne, d, dh, da, res[1].nsteps, res[0].nsteps);
  }
  free(th[0]);
  free(th[1]);
  net_free(&n);
}

/* 2. lowrank = ERK (final weights, t_1/2, t_align) at rtol 1e-11 */
static void test_vs_erk(size_t L, size_t C, int whitened)
{
  net n;
  net_alloc(&n, L, 6, 5, C, whitened, 0.3, 100 + 7 * L + C + (size_t)whitened);
  n.pb.beta = n.beta;
  size_t np = n.pb.shape.nparam;
  double *th[2] = {malloc(np * sizeof(double)), malloc(np * sizeof(double))};
  double times[3] = {5, 20, 60};
  sa_linflow_result res[2];
  int ok = run_erk_lowrank(&n, times, 3, 1e-11, 1e-13, th, res);
  double d = weights_diff(th, np);
  double dh = fabs(res[1].t_half - res[0].t_half) / res[0].t_half;
  double da = isnan(res[0].t_align) && isnan(res[1].t_align)
                  ? 0
                  : fabs(res[1].t_align - res[0].t_align) / res[0].t_align;
  /* Both integrate to rtol 1e-11 with global errors of a few 1e-11 (the
   * flow is not stiff here and the step counts are a few hundred); 1e-8
   * leaves a factor ~100 for the different step sequences. */
  tap_ok(ok && d < 1e-8 && dh < 1e-8 && !(da >= 1e-8) && isfinite(res[1].t_half),
         "lowrank = erk at rtol 1e-11, L=%zu C=%zu %s: weights %.2e, t_half %.2e (%.6f), "
         "t_align %.2e relative < 1e-8 (steps %ld vs %ld, RHS %ld vs %ld)",
         L, C, whitened ? "whitened" : "non-whitened", d, dh, res[1].t_half, da, res[1].nsteps,
         res[0].nsteps, res[1].nrhs, res[0].nrhs);
  /* the early stop at L/L0 = 0.25 (every net here gets there by t = 60) */
  double tt = 60;
  n.pb.stop_ratio = 0.25;
  ok = run_erk_lowrank(&n, &tt, 1, 1e-11, 1e-13, th, res) && ok;
  double ds = fabs(res[1].t_final - res[0].t_final) / res[0].t_final;
  tap_ok(ok && ds < 1e-8 && res[1].t_final < tt,
         "stop at L/L0 = 0.25, L=%zu C=%zu %s: t %.6f vs erk %.6f (%.2e relative < 1e-8)", L, C,
         whitened ? "whitened" : "non-whitened", res[1].t_final, res[0].t_final, ds);
  free(th[0]);
  free(th[1]);
  net_free(&n);
}

/* The balanced rank-one two-layer start on whitened data (W = u0 r e_1^T,
 * a = u0 r^T): c = |a|^2 follows the logistic of Eq. (49). */
#define D2 8
#define NH2 6
typedef struct {
  const sa_linnet_shape *sh;
  double s, c0, err;
} rec_ctx;

static double c_of(const sa_linnet_shape *sh, const double *theta)
{
  const double *a = theta + sh->offset[2];
  double c = 0;
  for (size_t i = 0; i < NH2; i++)
    c += a[i] * a[i];
  return c;
}

static int record(double t, const double *theta, void *user)
{
  rec_ctx *r = user;
  r->err = fmax(r->err, fabs(c_of(r->sh, theta) - sa_twolayer_logistic(t, r->s, r->c0)) / r->s);
  return 0;
}

static void balanced_net(sa_linflow_problem *pb, gsl_matrix *Sigma, gsl_matrix *T, double u0,
                         double *theta)
{
  size_t widths[3] = {D2, NH2, 1};
  memset(pb, 0, sizeof *pb);
  sa_linnet_shape_init(&pb->shape, 2, widths);
  gsl_matrix_set_identity(Sigma);
  gsl_matrix_set_zero(T);
  gsl_matrix_set(T, 0, 0, 1.0); /* s = 1, beta = e_1 */
  memset(theta, 0, pb->shape.nparam * sizeof *theta);
  for (size_t i = 0; i < NH2; i++) {
    double r = (i % 2 ? -1 : 1) / sqrt((double)NH2);
    theta[i * D2] = u0 * r;
    theta[pb->shape.offset[2] + i] = u0 * r;
  }
  pb->Sigma = Sigma;
  pb->T = T;
}

static void test_closed_form(void)
{
  gsl_matrix *Sigma = gsl_matrix_alloc(D2, D2), *T = gsl_matrix_alloc(1, D2);
  double theta[D2 * NH2 + NH2], u0 = 1e-2, c0 = u0 * u0, th = sa_twolayer_t_half(1.0, c0);
  const double rtols[3] = {1e-6, 1e-8, 1e-10};
  double err[3], eth[3];
  long steps[3];
  enum { NREC = 41 };
  double times[NREC];
  for (size_t k = 0; k < NREC; k++)
    times[k] = 10.0 * (double)(k + 1) / NREC;
  for (int i = 0; i < 3; i++) {
    sa_linflow_problem pb;
    balanced_net(&pb, Sigma, T, u0, theta);
    sa_ode_params par = {rtols[i], 1e-4 * rtols[i] * u0, NULL, 1000000, SA_ODE_LOWRANK};
    rec_ctx rc = {&pb.shape, 1.0, c0, 0};
    sa_linflow_result res;
    if (sa_linflow_run(&pb, theta, times, NREC, &par, record, &rc, &res) != GSL_SUCCESS)
      tap_diag("lowrank: %s", sa_error_message());
    err[i] = rc.err;
    eth[i] = fabs(res.t_half - th) / th;
    steps[i] = res.nsteps;
  }
  for (int i = 0; i < 3; i++)
    tap_ok(err[i] < 100 * rtols[i] && eth[i] < 100 * rtols[i],
           "Eq. 49 by lowrank at rtol %g: max |c - c_exact|/s = %.2e, t_half error %.2e "
           "(< 100 rtol), %ld steps",
           rtols[i], err[i], eth[i], steps[i]);
  /* Order: error ~ h^5 ~ steps^-5 from rtol 1e-6 to 1e-10 */
  double p = log(err[0] / err[2]) / log((double)steps[2] / (double)steps[0]);
  tap_ok(p > 4.0 && p < 6.0,
         "Eq. 49 by lowrank: observed order %.2f in the number of steps (%ld -> %ld steps, "
         "error %.2e -> %.2e), expected ~5 (in (4, 6))",
         p, steps[0], steps[2], err[0], err[2]);
  /* dense output: mid-step error of a fixed step h and h/2 from t = 6 (the
   * ratio tends to 32 from above as h falls) */
  sa_linflow_problem pb;
  balanced_net(&pb, Sigma, T, u0, theta);
  double t0 = 6.0; /* start on the closed form at t0, inside the loss drop */
  double ct = sa_twolayer_logistic(t0, 1.0, c0), scale = sqrt(ct / c0);
  for (size_t i = 0; i < pb.shape.nparam; i++)
    theta[i] *= scale; /* balanced: W and a scale together, c = |a|^2 */
  sa_lowrank *w = sa_lowrank_alloc(&pb);
  double out[D2 * NH2 + NH2], e[2];
  const double hs[2] = {0.05, 0.025};
  for (int i = 0; i < 2; i++) {
    sa_lowrank_dense_step(w, theta, hs[i], 0.5, out);
    e[i] = fabs(c_of(&pb.shape, out) - sa_twolayer_logistic(t0 + 0.5 * hs[i], 1.0, c0));
  }
  tap_ok(e[0] / e[1] > 28 && e[0] / e[1] < 38,
         "continuous extension of order 4: mid-step error %.2e (h = 0.05) / %.2e (h = 0.025) = "
         "%.1f, expected ~32 (in (28, 38); measured 66, 47, 41, 37, 35, 33 from h = 0.8 down)",
         e[0], e[1], e[0] / e[1]);
  sa_lowrank_free(w);
  gsl_matrix_free(Sigma);
  gsl_matrix_free(T);
}

static void test_failures(void)
{
  net n;
  net_alloc(&n, 3, 6, 5, 1, 1, 0.3, 7);
  double tt = 60;
  sa_linflow_result res;
  sa_ode_params par = {1e-8, 1e-10, NULL, 3, SA_ODE_LOWRANK};
  int st = sa_linflow_run(&n.pb, n.theta, &tt, 1, &par, NULL, NULL, &res);
  tap_ok(st == SA_ESOLVER && strstr(sa_error_message(), "TOO_MUCH_WORK") &&
             strstr(sa_error_message(), "max_steps = 3"),
         "step limit 3: SA_ESOLVER, message: %s", sa_error_message());
  par.max_steps = 100000;
  n.theta[4] = NAN;
  st = sa_linflow_run(&n.pb, n.theta, &tt, 1, &par, NULL, NULL, &res);
  tap_ok(st == SA_ESOLVER && strstr(sa_error_message(), "unstable"),
         "a NaN weight: SA_ESOLVER, message: %s", sa_error_message());
  /* the library states the problem; option advice is src/cli's */
  tap_ok(sa_error_reason() == SA_REASON_UNSTABLE && !strstr(sa_error_message(), "--"),
         "a NaN weight: reason SA_REASON_UNSTABLE, no option name in the message");
  n.theta[4] = 0.1;
  n.theta[0] = 1e200; /* the flow overflows at the first stages */
  st = sa_linflow_run(&n.pb, n.theta, &tt, 1, &par, NULL, NULL, &res);
  tap_ok(st == SA_ESOLVER && strstr(sa_error_message(), "non-finite"),
         "an overflowing start: SA_ESOLVER, message: %s", sa_error_message());
  par.max_steps = 0;
  par.rtol = 0;
  st = sa_linflow_run(&n.pb, n.theta, &tt, 1, &par, NULL, NULL, &res);
  tap_ok(st == GSL_EINVAL, "rtol 0: GSL_EINVAL (%s)", sa_error_message());
  sa_ode *ode = NULL;
  par.rtol = 1e-8;
  par.method = SA_ODE_LOWRANK;
  st = sa_ode_alloc(4, NULL, NULL, &par, n.theta, 0.0, &ode);
  /* the library names its method, not the option (src/cli speaks in options) */
  tap_ok(st == GSL_EINVAL && !ode && strstr(sa_error_message(), "the low-rank method") &&
             !strstr(sa_error_message(), "--"),
         "sa_ode refuses lowrank: %s", sa_error_message());
  net_free(&n);
}

int main(void)
{
  tap_plan(6 + 4 + 6 + 12 + 12 + 3 + 1 + 1 + 6);
  for (size_t L = 2; L <= 4; L++)
    test_factored_rhs(L, L == 3 ? 2 : 1, L != 4);
  test_factored_rhs(2, 2, 0);
  test_factored_rhs(3, 1, 0);
  test_factored_rhs(4, 2, 1);
  test_factored_norm(2, 1, 1);
  test_factored_norm(3, 2, 0);
  test_factored_norm(4, 1, 0);
  test_factored_norm(3, 1, 1);
  test_error_paths(3, 1, 6, 5); /* the t_align Gram: n1 x n1 */
  test_error_paths(2, 2, 4, 7); /* D x D */
  for (size_t L = 2; L <= 4; L++)
    for (size_t C = 1; C <= 2; C++) {
      test_vs_erk(L, C, 1);
      test_vs_erk(L, C, 0);
    }
  test_closed_form();
  test_failures();
  return tap_done();
}
