/* Tests of the theory-side linear network (src/theory/linear_net.c) and the synthetic data:
 * - the flow field equals minus the central finite-difference gradient of
 *   the population loss (Eq. 9);
 * - the NTK matrix M of Eq. 57 equals sum_j g_j g_j^T with g_j the
 *   finite-difference derivative of the effective weights W_eff^T w.r.t.
 *   parameter j (the NTK by its definition, an independent code path);
 * - for L = 2, M = W^T W + |a|^2 I (Eq. 5);
 * - synthetic data have exactly the prescribed covariance spectrum, and the
 *   teacher is a unit vector inside span(X). */
#include "config.h"

#include "data/synthetic.h"
#include "tap.h"
#include "core/sa_errno.h"
#include "theory/linear_net.h"
#include "theory/linear_setup.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort_vector.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static double max_abs_diff(const gsl_matrix *A, const gsl_matrix *B)
{
  double m = 0;
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++)
      m = fmax(m, fabs(gsl_matrix_get(A, i, j) - gsl_matrix_get(B, i, j)));
  return m;
}

static double max_abs(const gsl_matrix *A)
{
  double m = 0;
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++)
      m = fmax(m, fabs(gsl_matrix_get(A, i, j)));
  return m;
}

/* The chain form of the gradient (matrix-vector products) against the
 * matrix form (prefix products): the same sums in another order, so equal
 * to rounding, 1e-12 relative to the largest entry; the same for the loss. */
static void check_chain(const sa_linnet_shape *sh, const double *theta, const gsl_matrix *Sigma,
                        const gsl_matrix *T, sa_linnet_work *w)
{
  double *fm = malloc(sh->nparam * sizeof *fm), *fc = malloc(sh->nparam * sizeof *fc);
  sa_linnet_flow(sh, theta, Sigma, T, w, fm);
  sa_linnet_products(sh, theta, w);
  double lm = sa_linnet_loss(sh, w, Sigma, T);
  double lc = sa_linnet_flow_chain(sh, theta, Sigma, T, w, fc);
  double lc2 = sa_linnet_loss_chain(sh, theta, Sigma, T, w);
  double err = 0, gmax = 0;
  for (size_t j = 0; j < sh->nparam; j++) {
    err = fmax(err, fabs(fc[j] - fm[j]));
    gmax = fmax(gmax, fabs(fm[j]));
  }
  tap_ok(
      err <= 1e-12 * gmax && fabs(lc - lm) <= 1e-12 * lm && lc2 == lc,
      "chain gradient = matrix gradient, L=%zu C=%zu D=%zu (max diff %.1e of %.1e; loss %.1e rel)",
      sh->L, sh->n[sh->L], sh->n[0], err, gmax, fabs(lc - lm) / lm);
  free(fm);
  free(fc);
}

/* Chain against matrix form at the sizes of the flows (BLAS level-2 paths). */
static void check_chain_large(size_t L, size_t C, size_t D, size_t N, double sigma, gsl_rng *rng)
{
  size_t widths[SA_LINNET_MAXL + 1];
  widths[0] = D;
  for (size_t l = 1; l < L; l++)
    widths[l] = N + l;
  widths[L] = C;
  sa_linnet_shape sh;
  sa_linnet_shape_init(&sh, L, widths);
  double *theta = malloc(sh.nparam * sizeof *theta);
  sa_linnet_init_standard(&sh, sigma, rng, theta);
  sa_linnet_work *w = sa_linnet_work_alloc(&sh);
  gsl_matrix *X = sa_synth_inputs(D, 2 * D, 0.5, rng);
  gsl_matrix *Sigma = gsl_matrix_alloc(D, D);
  sa_synth_covariance(X, Sigma);
  gsl_matrix *T = gsl_matrix_alloc(C, D);
  for (size_t i = 0; i < C; i++)
    for (size_t j = 0; j < D; j++)
      gsl_matrix_set(T, i, j, gsl_ran_gaussian(rng, 1.0));
  check_chain(&sh, theta, Sigma, T, w);
  gsl_matrix_free(T);
  gsl_matrix_free(Sigma);
  gsl_matrix_free(X);
  sa_linnet_work_free(w, &sh);
  free(theta);
}

static void check_depth(size_t L, size_t C, gsl_rng *rng)
{
  size_t D = 5, widths[8];
  widths[0] = D;
  for (size_t l = 1; l < L; l++)
    widths[l] = 3 + l; /* unequal widths */
  widths[L] = C;
  sa_linnet_shape sh;
  sa_linnet_shape_init(&sh, L, widths);
  double *theta = malloc(sh.nparam * sizeof *theta);
  double *flow = malloc(sh.nparam * sizeof *flow);
  sa_linnet_init_standard(&sh, 0.9, rng, theta);
  sa_linnet_work *w = sa_linnet_work_alloc(&sh);
  gsl_matrix *X = sa_synth_inputs(D, 7, 1.3, rng);
  gsl_matrix *Sigma = gsl_matrix_alloc(D, D);
  sa_synth_covariance(X, Sigma);
  gsl_matrix *T = gsl_matrix_alloc(C, D);
  for (size_t i = 0; i < C; i++)
    for (size_t j = 0; j < D; j++)
      gsl_matrix_set(T, i, j, gsl_ran_gaussian(rng, 1.0));

  /* Gradient: central differences, h = 1e-5: truncation O(h^2 |L'''|) and
   * rounding O(eps |L| / h) are both ~1e-10 here; tolerance 1e-7 relative to
   * the largest gradient entry. */
  sa_linnet_flow(&sh, theta, Sigma, T, w, flow);
  double h = 1e-5, err = 0, gmax = 0;
  for (size_t j = 0; j < sh.nparam; j++) {
    double keep = theta[j];
    theta[j] = keep + h;
    sa_linnet_products(&sh, theta, w);
    double lp = sa_linnet_loss(&sh, w, Sigma, T);
    theta[j] = keep - h;
    sa_linnet_products(&sh, theta, w);
    double lm = sa_linnet_loss(&sh, w, Sigma, T);
    theta[j] = keep;
    double g = (lp - lm) / (2 * h);
    err = fmax(err, fabs(-g - flow[j]));
    gmax = fmax(gmax, fabs(g));
  }
  tap_ok(err <= 1e-7 * gmax,
         "Eq. (9): flow field = -dL/dtheta by central differences, L=%zu C=%zu (max err %.2e)", L,
         C, err);
  check_chain(&sh, theta, Sigma, T, w);

  /* NTK: for output pair (c, c'), M = sum_j g_j^c (g_j^c')^T with
   * g_j^c = d(row c of W_eff)/d theta_j; W_eff is multilinear in each
   * layer, so central differences are exact up to rounding. */
  gsl_matrix *M = gsl_matrix_alloc(D, D), *Mfd = gsl_matrix_calloc(D, D);
  gsl_matrix *Wp = gsl_matrix_alloc(C, D), *Wm = gsl_matrix_alloc(C, D);
  size_t c = 0, cp = C - 1;
  for (size_t j = 0; j < sh.nparam; j++) {
    double keep = theta[j];
    theta[j] = keep + h;
    sa_linnet_products(&sh, theta, w);
    gsl_matrix_memcpy(Wp, sa_linnet_effective(&sh, w));
    theta[j] = keep - h;
    sa_linnet_products(&sh, theta, w);
    gsl_matrix_memcpy(Wm, sa_linnet_effective(&sh, w));
    theta[j] = keep;
    for (size_t a = 0; a < D; a++)
      for (size_t b = 0; b < D; b++) {
        double ga = (gsl_matrix_get(Wp, c, a) - gsl_matrix_get(Wm, c, a)) / (2 * h);
        double gb = (gsl_matrix_get(Wp, cp, b) - gsl_matrix_get(Wm, cp, b)) / (2 * h);
        gsl_matrix_set(Mfd, a, b, gsl_matrix_get(Mfd, a, b) + ga * gb);
      }
  }
  sa_linnet_products(&sh, theta, w);
  sa_linnet_kernel_matrix(&sh, w, c, cp, M);
  tap_ok(max_abs_diff(M, Mfd) <= 1e-7 * max_abs(M),
         "Eq. (57): NTK matrix M_cc' = sum_j dW_eff/dtheta_j outer products (finite differences), "
         "L=%zu C=%zu",
         L, C);

  if (L == 2 && C == 1) {
    /* Eq. (5): M = W^T W + |a|^2 I. */
    gsl_matrix_const_view W = sa_linnet_layer_const(&sh, theta, 1);
    gsl_matrix_const_view a = sa_linnet_layer_const(&sh, theta, 2);
    gsl_matrix *M5 = gsl_matrix_alloc(D, D);
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &W.matrix, &W.matrix, 0.0, M5);
    double a2 = 0;
    for (size_t i = 0; i < a.matrix.size2; i++)
      a2 += gsl_matrix_get(&a.matrix, 0, i) * gsl_matrix_get(&a.matrix, 0, i);
    for (size_t i = 0; i < D; i++)
      gsl_matrix_set(M5, i, i, gsl_matrix_get(M5, i, i) + a2);
    tap_ok(max_abs_diff(M, M5) <= 1e-13 * max_abs(M),
           "Eq. (5): two-layer NTK matrix = W^T W + |a|^2 I");
    gsl_matrix_free(M5);
  }
  gsl_matrix_free(M);
  gsl_matrix_free(Mfd);
  gsl_matrix_free(Wp);
  gsl_matrix_free(Wm);
  gsl_matrix_free(X);
  gsl_matrix_free(Sigma);
  gsl_matrix_free(T);
  sa_linnet_work_free(w, &sh);
  free(theta);
  free(flow);
}

static void check_synthetic(size_t D, size_t P, double a, gsl_rng *rng)
{
  gsl_matrix *X = sa_synth_inputs(D, P, a, rng);
  gsl_matrix *Sigma = gsl_matrix_alloc(D, D);
  sa_synth_covariance(X, Sigma);
  gsl_vector *ev = gsl_vector_alloc(D);
  gsl_eigen_symm_workspace *ws = gsl_eigen_symm_alloc(D);
  gsl_matrix *S = gsl_matrix_alloc(D, D);
  gsl_matrix_memcpy(S, Sigma);
  gsl_eigen_symm(S, ev, ws);
  gsl_sort_vector(ev);
  size_t r = D < P ? D : P;
  double mean = 0, err = 0;
  for (size_t k = 0; k < r; k++)
    mean += pow((double)(k + 1), -a) / (double)r;
  for (size_t k = 0; k < D; k++) {
    /* ascending order: the largest r are the prescribed ones */
    double want = k < D - r ? 0.0 : pow((double)(D - k), -a) / mean;
    err = fmax(err, fabs(gsl_vector_get(ev, k) - want));
  }
  tap_ok(err <= 1e-12,
         "synthetic data: Sigma = X X^T/P has spectrum k^-%.2g/mean on rank %zu (D=%zu, P=%zu)", a,
         r, D, P);
  gsl_vector *beta = gsl_vector_alloc(D), *res = gsl_vector_alloc(D);
  sa_synth_teacher(X, rng, beta);
  /* beta in span(X)  <=>  Sigma Sigma^+ beta = beta; test via residual of
   * projection on the eigenvectors with nonzero eigenvalue. */
  gsl_matrix_memcpy(S, Sigma);
  gsl_matrix *V = gsl_matrix_alloc(D, D);
  gsl_eigen_symmv_workspace *wv = gsl_eigen_symmv_alloc(D);
  gsl_eigen_symmv(S, ev, V, wv);
  gsl_vector_memcpy(res, beta);
  for (size_t k = 0; k < D; k++) {
    if (gsl_vector_get(ev, k) < 1e-10)
      continue;
    gsl_vector_view v = gsl_matrix_column(V, k);
    double d = 0;
    gsl_blas_ddot(&v.vector, beta, &d);
    gsl_blas_daxpy(-d, &v.vector, res);
  }
  tap_ok(fabs(gsl_blas_dnrm2(beta) - 1) < 1e-14 && gsl_blas_dnrm2(res) < 1e-10,
         "section 1.1: teacher beta is a unit vector in span(X) (D=%zu, P=%zu)", D, P);
  gsl_matrix_free(V);
  gsl_eigen_symmv_free(wv);
  gsl_vector_free(beta);
  gsl_vector_free(res);
  gsl_matrix_free(X);
  gsl_matrix_free(Sigma);
  gsl_matrix_free(S);
  gsl_vector_free(ev);
  gsl_eigen_symm_free(ws);
}

/* A generator whose Gaussian draws are exactly 0: gsl_ran_gaussian takes
 * x = 2 u1 - 1, y = 2 u2 - 1 (polar Box-Muller, accepted when 0 < x^2 +
 * y^2 <= 1) and returns y sqrt(-2 ln r2 / r2); u1 = 0.75, u2 = 0.5 gives
 * x = 0.5, y = 0, hence 0. */
static void zero_set(void *state, unsigned long seed)
{
  (void)seed;
  *(unsigned long *)state = 0;
}
static unsigned long zero_get(void *state)
{
  (void)state;
  return 0;
}
static double zero_get_double(void *state)
{
  unsigned long *n = state;
  return (*n)++ % 2 ? 0.5 : 0.75;
}
static const gsl_rng_type zero_gaussian = {
    "zero-gaussian", 1, 0, sizeof(unsigned long), zero_set, zero_get, zero_get_double};

/* sa_synth_teacher refuses a draw whose projection has norm zero (GSL_EZERODIV with
 * a message) instead of dividing by it: here g = 0 with P >= D, so beta = g = 0. */
static void check_synthetic_zero_teacher(void)
{
  size_t D = 4, P = 6;
  gsl_rng *mt = gsl_rng_alloc(gsl_rng_mt19937), *zr = gsl_rng_alloc(&zero_gaussian);
  gsl_matrix *X = sa_synth_inputs(D, P, 0.0, mt);
  gsl_vector *beta = gsl_vector_alloc(D);
  tap_ok(gsl_ran_gaussian(zr, 1.0) == 0.0, "zero-gaussian generator draws exactly 0");
  int st = sa_synth_teacher(X, zr, beta);
  tap_ok(st == GSL_EZERODIV && strstr(sa_error_message(), "norm 0, not a direction"),
         "teacher of norm zero: GSL_EZERODIV with message (status %d: %s)", st, sa_error_message());
  gsl_vector_free(beta);
  gsl_matrix_free(X);
  gsl_rng_free(zr);
  gsl_rng_free(mt);
}

/* A flow run's set-up (sa_linsetup_run_alloc): the problem is the one
 * sa_linsetup_alloc builds, the recording grid is the documented one, the
 * tolerance of each weight is atol sigma/sqrt(fan_in) of its layer (widths
 * 6, 4, 4, 1: 24, 16 and 4 weights in layer order), and the integrator
 * settings are passed on.  Bad grids and sizes are refused with a message. */
static void check_linsetup_run(void)
{
  sa_linsetup_params p = {3, 6, 4, 9, 0.3, 2.0, 0.5, 5};
  sa_linsetup_run_params r = {5, 0.1, 10.0, 1, SA_ODE_ADAMS, 1e-7, 1e-5, 1234, 0.01};
  sa_linsetup_run run;
  sa_linsetup ref;
  int st = sa_linsetup_run_alloc(&p, &r, &run);
  int st_ref = sa_linsetup_alloc(&p, &ref);
  tap_ok(st == GSL_SUCCESS && st_ref == GSL_SUCCESS, "linsetup run: built");
  if (st || st_ref)
    return;
  size_t np = run.su.pb.shape.nparam;
  tap_ok(np == 44 && !memcmp(run.su.theta, ref.theta, np * sizeof *ref.theta) &&
             gsl_matrix_equal(run.su.X, ref.X) && gsl_matrix_equal(run.su.T, ref.T),
         "linsetup run: same data, teacher and initial weights as sa_linsetup_alloc");
  double worst = 0;
  for (size_t k = 0; k + 1 < r.samples; k++)
    worst = fmax(worst, fabs(run.times[k + 1] / run.times[k] - sqrt(10.0)));
  /* exp/log round trips: a few ulps */
  tap_ok(fabs(run.times[0] - 0.1) < 1e-15 && run.times[4] == 10.0 && worst < 1e-12,
         "linsetup run: log grid 0.1 .. 10, ratio sqrt(10) per step (deviation %.1e)", worst);
  int tol_ok = 1;
  for (size_t k = 0; k < np; k++) {
    double fan_in = k < 24 ? 6 : 4;
    tol_ok &= fabs(run.atol_vec[k] - 1e-5 * 0.3 / sqrt(fan_in)) <= 1e-15 * 1e-5;
  }
  tap_ok(tol_ok && run.par.atol_vec == run.atol_vec && run.par.rtol == 1e-7 &&
             run.par.max_steps == 1234 && run.par.method == SA_ODE_ADAMS &&
             run.su.pb.stop_ratio == 0.01,
         "linsetup run: per-weight atol sigma/sqrt(fan_in) x 1e-5; rtol, steps, method, stop");
  sa_linsetup_run_free(&run);
  sa_linsetup_free(&ref);

  r.log_time = 0;
  r.t_end = 8.0;
  st = sa_linsetup_run_alloc(&p, &r, &run);
  worst = 0;
  for (size_t k = 0; st == GSL_SUCCESS && k < r.samples; k++)
    worst = fmax(worst, fabs(run.times[k] - (2.0 + 1.5 * (double)k)));
  tap_ok(st == GSL_SUCCESS && worst < 1e-14 && run.times[4] == 8.0,
         "linsetup run: even grid of 5 times from t_end/(n-1) = 2 to t_end = 8 (step 1.5)");
  if (st == GSL_SUCCESS)
    sa_linsetup_run_free(&run);

  r.samples = 1;
  st = sa_linsetup_run_alloc(&p, &r, &run);
  tap_ok(st == GSL_SUCCESS && run.times[0] == 8.0,
         "linsetup run: one sample on an even grid is t_end alone (kernel2d --time)");
  if (st == GSL_SUCCESS)
    sa_linsetup_run_free(&run);
  r.log_time = 1;
  st = sa_linsetup_run_alloc(&p, &r, &run);
  tap_ok(st == GSL_EINVAL && strstr(sa_error_message(), "samples 1") && !run.times,
         "linsetup run: one sample on a log grid refused (%s)", sa_error_message());
  r.samples = 0;
  r.log_time = 0;
  st = sa_linsetup_run_alloc(&p, &r, &run);
  tap_ok(st == GSL_EINVAL && !run.times, "linsetup run: no sample refused");
  r.samples = 5;
  r.log_time = 1;
  r.t_first = 8.0;
  st = sa_linsetup_run_alloc(&p, &r, &run);
  tap_ok(st == GSL_EINVAL && strstr(sa_error_message(), "t_first 8"),
         "linsetup run: log grid with t_first = t_end refused");
  r.t_first = 0.1;
  p.L = 1;
  st = sa_linsetup_run_alloc(&p, &r, &run);
  tap_ok(st == GSL_EINVAL && strstr(sa_error_message(), "bad sizes") && !run.su.theta,
         "linsetup run: L = 1 refused (%s)", sa_error_message());
}

/* The problem-free part alone (sa_linsetup_schedule_alloc), as multiout
 * uses it: a two-output net of widths 3, 5, 2 gets atol sigma/sqrt(3) on
 * its 15 first-layer weights and sigma/sqrt(5) on the 10 others; a bad
 * grid leaves nothing allocated. */
static void check_linsetup_schedule(void)
{
  size_t widths[] = {3, 5, 2};
  sa_linnet_shape sh;
  sa_linsetup_run_params r = {4, 0.5, 2.0, 1, SA_ODE_BDF, 1e-6, 1e-3, 77, 0};
  double *times, *atol_vec;
  sa_ode_params par;
  int st = sa_linnet_shape_init(&sh, 2, widths);
  st = st ? st : sa_linsetup_schedule_alloc(&sh, 0.2, &r, &times, &atol_vec, &par);
  tap_ok(st == GSL_SUCCESS && sh.nparam == 25, "linsetup schedule: built for widths 3, 5, 2");
  if (st)
    return;
  int ok = fabs(times[3] - 2.0) == 0 && fabs(times[0] - 0.5) < 1e-15 && par.atol_vec == atol_vec &&
           par.method == SA_ODE_BDF && par.rtol == 1e-6 && par.max_steps == 77;
  for (size_t k = 0; k < 25; k++)
    ok &= fabs(atol_vec[k] - 1e-3 * 0.2 / sqrt(k < 15 ? 3.0 : 5.0)) <= 1e-15 * 1e-3;
  tap_ok(ok, "linsetup schedule: log grid 0.5 .. 2, atol sigma/sqrt(fan_in) per layer, settings");
  free(times);
  free(atol_vec);
  r.t_end = 0;
  st = sa_linsetup_schedule_alloc(&sh, 0.2, &r, &times, &atol_vec, &par);
  tap_ok(st == GSL_EINVAL && !times && !atol_vec, "linsetup schedule: t_end = 0 refused");
}

/* The problem of given data (sa_linsetup_from_data, as kernel2d uses it):
 * X = [[1, 2, 0], [0, 1, 3]] (D = 2, P = 3) gives Sigma = X X^T / 3 =
 * [[5, 2], [2, 10]] / 3, the shape 2 -> 4 -> 4 -> 1 (L = 3: 8 + 16 + 4
 * weights), and the weights are the generator's first draws, as
 * sa_linnet_init_standard makes them from the same seed.  Data of the
 * wrong sizes are refused and freed (valgrind checks the freeing). */
static void check_linsetup_from_data(void)
{
  const double xv[] = {1, 2, 0, 0, 1, 3};
  gsl_matrix *X = gsl_matrix_alloc(2, 3), *T = gsl_matrix_alloc(1, 2);
  gsl_vector *beta = gsl_vector_alloc(2);
  memcpy(X->data, xv, sizeof xv);
  gsl_matrix_set(T, 0, 0, 0.6);
  gsl_matrix_set(T, 0, 1, 0.8);
  gsl_vector_set(beta, 0, 0.6);
  gsl_vector_set(beta, 1, 0.8);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937), *ref = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 42);
  gsl_rng_set(ref, 42);
  sa_linsetup su;
  int st = sa_linsetup_from_data(3, 4, 0.5, rng, X, T, beta, &su);
  tap_ok(st == GSL_SUCCESS && su.X == X && su.T == T && su.beta == beta &&
             su.pb.Sigma == su.Sigma && su.pb.T == T && su.pb.beta == beta,
         "linsetup from data: built on the caller's X, T, beta");
  if (st) {
    gsl_rng_free(rng);
    gsl_rng_free(ref);
    return;
  }
  tap_ok(su.pb.shape.L == 3 && su.pb.shape.nparam == 28, "linsetup from data: widths 2, 4, 4, 1");
  /* entries are sums of at most two products of small integers, over 3 */
  tap_ok(fabs(gsl_matrix_get(su.Sigma, 0, 0) - 5.0 / 3) < 1e-15 &&
             fabs(gsl_matrix_get(su.Sigma, 0, 1) - 2.0 / 3) < 1e-15 &&
             fabs(gsl_matrix_get(su.Sigma, 1, 0) - 2.0 / 3) < 1e-15 &&
             fabs(gsl_matrix_get(su.Sigma, 1, 1) - 10.0 / 3) < 1e-15,
         "linsetup from data: Sigma = X X^T / P = [[5, 2], [2, 10]] / 3");
  double theta[28];
  sa_linnet_init_standard(&su.pb.shape, 0.5, ref, theta);
  tap_ok(!memcmp(theta, su.theta, sizeof theta),
         "linsetup from data: weights are the generator's next draws (standard init, sigma 0.5)");
  sa_linsetup_free(&su);
  X = gsl_matrix_alloc(3, 3);
  T = gsl_matrix_alloc(1, 2);
  beta = gsl_vector_alloc(3);
  st = sa_linsetup_from_data(2, 4, 0.5, rng, X, T, beta, &su);
  tap_ok(st == GSL_EINVAL && !su.X && !su.theta,
         "linsetup from data: T of 2 columns for 3 inputs refused, data freed");
  gsl_rng_free(rng);
  gsl_rng_free(ref);
}

int main(void)
{
  check_linsetup_run();
  check_linsetup_from_data();
  check_linsetup_schedule();
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 2385);
  check_depth(2, 1, rng);
  check_depth(3, 1, rng);
  check_depth(4, 3, rng);
  check_depth(5, 2, rng);
  check_chain_large(3, 1, 30, 50, 1e-3, rng);
  check_chain_large(4, 1, 40, 25, 1.0, rng);
  check_chain_large(2, 5, 30, 20, 0.5, rng);
  check_chain_large(4, 3, 20, 16, 1.0, rng);
  check_synthetic(12, 40, 0.0, rng);
  check_synthetic(12, 7, 0.0, rng);
  check_synthetic(9, 30, 1.7, rng);
  check_synthetic_zero_teacher();
  gsl_rng_free(rng);
  return tap_done();
}
