/* Benchmark of the gradient-flow solvers (issue 13): silentalign's full
 * weight-space flow of a scalar-output deep linear network against SciPy's
 * solve_ivp (RK45 and DOP853) on the same problem, at matched error.
 *
 * For each size (D, N, P, L) the problem (whitened synthetic data, teacher,
 * standard-parameterisation initial weights; sa_linsetup, seed 1) is set up
 * once and written to a file that bench/flow_scipy.py reads; that script
 * integrates the same flow with its own NumPy right-hand side.  The
 * reference is this program's ERK run at rtol 1e-12; each run's error is
 * the relative error of its final loss L(t_end) against it.  t_end is the
 * time at which a reference run reaches L/L0 = 1e-2 (event function), just
 * after t_1/2, so that the final loss depends on the whole plateau and the
 * drop; later the loss decays to the integrators' noise floor, where a
 * final-loss error means nothing.
 *
 * Tolerances: rtol r and, per weight, atol = 100 r sigma/sqrt(fan_in) on
 * both sides.  The C runs are sa_linflow_run as the subcommands call it
 * (with the t_1/2 and t_align event functions; SciPy gets none).  Each
 * (side, method, rtol) is timed in CPU time of its process (one BLAS
 * thread each) in R interleaved rounds (C first in even rounds, SciPy first
 * in odd ones) and the best time is kept, so that load from other
 * processes affects both alike.  The rtol ladders are quarter decades
 * (10^(-k/4)) on both sides at the two smaller sizes, decades at the
 * largest.  Times at equal error, two rules, both printed: "raw", for each
 * SciPy point (error e, time t) the time of the cheapest C run of a method
 * with error at most e (an upper bound of the C time at error e; '<' marks
 * the loosest C run, which may be more accurate than needed); "eq", the C
 * time at error e read off the C method's time-vs-error frontier (the runs
 * no other run beats in both), interpolating log time linearly in log
 * error between the two frontier runs around e (the "compare the
 * times at equal error"; errors of adaptive runs are not monotone in rtol,
 * hence the frontier).
 *
 * C methods: erk (ARKODE), lowrank (the same Dormand-Prince pair on the
 * factored flow, theory/linear_flow_lowrank.h), adams, bdf.
 * At the largest size only ERK, lowrank and Adams run (BDF's Newton-GMRES iterations
 * there take minutes and lose at the smaller sizes already).  For the two
 * smaller sizes a second table repeats the setting: rtol 1e-8 on
 * both sides to a horizon well past the drop (t = 400, 200), where the
 * final loss sits at each integrator's noise floor: times and RHS counts.
 *
 * Finally the balanced reduced ODE (App. E.1): CPU time per solve for
 * t_1/2 (sa_deepbal_integrate with its root function), each method.
 *
 * usage: bench_flow [--rounds=R] [--sizes=0,1,2] [--scipy=bench/flow_scipy.py]
 *                   [--python=/usr/bin/python3]
 * Without the script or without SciPy the C side is printed alone. */
#include "config.h"

#include "bench_util.h"
#include "core/sa_errno.h"
#include "core/sa_ode.h"
#include "core/sa_opts.h"
#include "core/sa_version.h"
#include "theory/deepbal.h"
#include "theory/linear_setup.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXPTS 32
#define MAXROUNDS 9

typedef struct {
  size_t D, N, P, L;
  double sigma, t_end;
  int rounds;          /* at most this many rounds (SciPy is slow) */
  double c_hi, c_lo;   /* C ladder: rtol from c_hi down to c_lo, */
  int c_per;           /* c_per rtols per decade, 10^(-k/c_per) */
  double py_hi, py_lo; /* SciPy ladder, likewise */
  int py_per;
  int nmethods;  /* the first nmethods of C_METHODS */
  double t_long; /* the horizon, past the drop (0: none) */
} bench_size;

/* Quarter-decade ladders at the two smaller sizes (equal-error comparison
 * by interpolation needs neighbouring runs close in error); decades at the
 * largest, where one SciPy run takes ~10 s. */
static const bench_size SIZES[] = {
    {30, 50, 100, 3, 3.16e-3, 0, 5, 1e-4, 1e-10, 4, 1e-4, 1e-10, 4, 4, 400},
    {100, 200, 300, 3, 1e-2, 0, 3, 1e-5, 1e-10, 4, 1e-4, 1e-9, 4, 4, 200},
    {784, 500, 1000, 4, 0.1, 0, 1, 1e-5, 1e-10, 1, 1e-5, 1e-8, 1, 3, 0},
};
#define NSIZES (sizeof SIZES / sizeof SIZES[0])

static const sa_ode_method C_METHODS[] = {SA_ODE_ERK, SA_ODE_LOWRANK, SA_ODE_ADAMS, SA_ODE_BDF};
#define NCM 4
/* The balanced ODE is not a weight flow: lowrank does not apply there. */
static const sa_ode_method BAL_METHODS[] = {SA_ODE_ERK, SA_ODE_ADAMS, SA_ODE_BDF};
#define NBM 3
static const char *PY_METHODS[] = {"RK45", "DOP853"};
#define NPM 2

typedef struct {
  size_t n;
  double rtol[MAXPTS], err[MAXPTS], time[MAXPTS];
  long nrhs[MAXPTS];
} curve;

/* The machine's load average (the bench shares it with other processes). */
static void print_load(const char *when)
{
  FILE *f = fopen("/proc/loadavg", "r");
  char buf[128] = "unknown";
  if (f) {
    if (!fgets(buf, sizeof buf, f))
      snprintf(buf, sizeof buf, "unknown\n");
    fclose(f);
  }
  printf("# load average %s: %s", when, buf);
}

/* rtol = 10^(-k/per) from hi down to lo (both powers of ten). */
static size_t ladder(double hi, double lo, int per, double *v, size_t max)
{
  int k0 = (int)lround(-per * log10(hi)), k1 = (int)lround(-per * log10(lo));
  size_t n = 0;
  for (int k = k0; k <= k1 && n < max; k++)
    v[n++] = k % per == 0 ? pow(10.0, -k / per) : pow(10.0, -(double)k / per);
  return n;
}

/* The ladder as the comma-separated list flow_scipy.py reads. */
static void ladder_text(double hi, double lo, int per, char *buf, size_t size)
{
  double v[MAXPTS];
  size_t n = ladder(hi, lo, per, v, MAXPTS), used = 0;
  buf[0] = 0;
  for (size_t k = 0; k < n && used < size; k++)
    used += (size_t)snprintf(buf + used, size - used, "%s%.17g", k ? "," : "", v[k]);
}

/* One C run: final loss, CPU time, RHS count.  Returns 0 or -1. */
static int c_run(const sa_linsetup *su, double sigma, double t_end, sa_ode_method m, double rtol,
                 double *loss, double *cpu, long *nrhs)
{
  const sa_linnet_shape *sh = &su->pb.shape;
  double *theta = malloc(sh->nparam * sizeof *theta);
  double *atol = malloc(sh->nparam * sizeof *atol);
  if (!theta || !atol) {
    free(theta);
    free(atol);
    return -1;
  }
  memcpy(theta, su->theta, sh->nparam * sizeof *theta);
  sa_linnet_atol(sh, 100 * rtol, sigma, atol);
  sa_ode_params par = {rtol, 0, atol, 10000000, m};
  sa_linflow_result res;
  double t0 = bench_cpu();
  int st = sa_linflow_run(&su->pb, theta, &t_end, 1, &par, NULL, NULL, &res);
  *cpu = bench_cpu() - t0;
  *nrhs = res.nrhs;
  if (st == 0) {
    sa_linnet_work *w = sa_linnet_work_alloc(sh);
    *loss = w ? sa_linnet_loss_chain(sh, theta, su->pb.Sigma, su->pb.T, w) : NAN;
    sa_linnet_work_free(w, sh);
  } else {
    fprintf(stderr, "bench_flow: %s rtol %g: %s\n", sa_ode_method_name(m), rtol,
            sa_error_message());
    *loss = NAN;
  }
  free(theta);
  free(atol);
  return st;
}

/* The problem for flow_scipy.py: "SAFLOW1\n", then little-endian int64 L,
 * n_0..n_L, doubles sigma, t_end, Sigma (D x D), T (C x D), theta0. */
static int write_problem(const char *path, const sa_linsetup *su, double sigma, double t_end)
{
  const sa_linnet_shape *sh = &su->pb.shape;
  FILE *f = fopen(path, "wb");
  if (!f)
    return -1;
  fputs("SAFLOW1\n", f);
  long long L = (long long)sh->L;
  fwrite(&L, sizeof L, 1, f);
  for (size_t l = 0; l <= sh->L; l++) {
    long long n = (long long)sh->n[l];
    fwrite(&n, sizeof n, 1, f);
  }
  fwrite(&sigma, sizeof sigma, 1, f);
  fwrite(&t_end, sizeof t_end, 1, f);
  size_t D = sh->n[0], C = sh->n[sh->L];
  for (size_t i = 0; i < D; i++)
    fwrite(su->Sigma->data + i * su->Sigma->tda, sizeof(double), D, f);
  for (size_t i = 0; i < C; i++)
    fwrite(su->T->data + i * su->T->tda, sizeof(double), D, f);
  fwrite(su->theta, sizeof(double), sh->nparam, f);
  return fclose(f) == 0 ? 0 : -1;
}

/* Runs the SciPy script once; adds its points (best time per point); the
 * error is against loss_ref, or (loss_ref = 0) the final loss itself. */
static int py_round(const char *python, const char *script, const char *problem, const char *rtols,
                    curve *pc, double loss_ref)
{
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "%s %s %s --methods=RK45,DOP853 --rtols=%s", python, script, problem,
           rtols);
  FILE *p = popen(cmd, "r");
  if (!p)
    return -1;
  char line[512];
  int got = 0;
  while (fgets(line, sizeof line, p)) {
    char meth[32];
    double rtol, cpu, loss;
    long nfev;
    if (sscanf(line, "scipy %31s %lf %lf %lf %ld", meth, &rtol, &cpu, &loss, &nfev) != 5)
      continue;
    for (int m = 0; m < NPM; m++) {
      if (strcmp(meth, PY_METHODS[m]) != 0)
        continue;
      curve *c = &pc[m];
      size_t k = 0;
      while (k < c->n && c->rtol[k] != rtol)
        k++;
      if (k == c->n && c->n < MAXPTS) {
        c->n++;
        c->rtol[k] = rtol;
        c->time[k] = INFINITY;
      }
      if (k < MAXPTS) {
        c->err[k] = loss_ref > 0 ? fabs(loss - loss_ref) / loss_ref : loss;
        c->nrhs[k] = nfev;
        if (cpu < c->time[k])
          c->time[k] = cpu;
      }
      got++;
    }
  }
  int st = pclose(p);
  return (st == 0 && got > 0) ? 0 : -1;
}

/* C time at error e: the cheapest C run of the curve whose error is at most
 * e (no interpolation: adaptive runs' errors are not monotone in rtol, and
 * the cheapest run at least as accurate bounds the C time from above).
 * *bound = 1 when that run is the curve's loosest (C may be faster still). */
static double time_at_error(const curve *c, double e, int *bound)
{
  double best = INFINITY;
  size_t kbest = 0;
  for (size_t k = 0; k < c->n; k++)
    if (c->err[k] <= e && c->time[k] < best) {
      best = c->time[k];
      kbest = k;
    }
  *bound = isfinite(best) && kbest == 0;
  return best;
}

/* C time at error e on the curve's time-vs-error frontier: the runs that no
 * other run beats in both time and error, ordered by error; between the two
 * frontier runs whose errors bracket e, log time is interpolated linearly
 * in log error.  NAN when e is below the most accurate run's error;
 * *bound = 1 when e is above the loosest frontier run's error (its time,
 * an upper bound, is returned). */
static double time_at_error_interp(const curve *c, double e, int *bound)
{
  size_t idx[MAXPTS], nf = 0;
  *bound = 0;
  for (size_t k = 0; k < c->n; k++) {
    if (!(c->err[k] > 0) || !isfinite(c->time[k]))
      continue;
    int dominated = 0;
    for (size_t q = 0; q < c->n && !dominated; q++)
      if (q != k && c->err[q] > 0 && isfinite(c->time[q]) && c->err[q] <= c->err[k] &&
          c->time[q] <= c->time[k] && (c->err[q] < c->err[k] || c->time[q] < c->time[k]))
        dominated = 1;
    if (!dominated)
      idx[nf++] = k;
  }
  for (size_t i = 1; i < nf; i++) /* by increasing error */
    for (size_t j = i; j > 0 && c->err[idx[j]] < c->err[idx[j - 1]]; j--) {
      size_t t = idx[j];
      idx[j] = idx[j - 1];
      idx[j - 1] = t;
    }
  if (nf == 0 || e < c->err[idx[0]])
    return NAN;
  if (e >= c->err[idx[nf - 1]]) {
    *bound = e > c->err[idx[nf - 1]];
    return c->time[idx[nf - 1]];
  }
  for (size_t i = 0; i + 1 < nf; i++) {
    double e0 = c->err[idx[i]], e1 = c->err[idx[i + 1]];
    if (e >= e0 && e <= e1) {
      double f = log(e / e0) / log(e1 / e0);
      return exp((1 - f) * log(c->time[idx[i]]) + f * log(c->time[idx[i + 1]]));
    }
  }
  return NAN;
}

static void bench_balanced(void)
{
  printf("\n## balanced reduced ODE du/dt = u^{L-1}(s - u^L), one solve to t_1/2 (root)\n");
  printf("# L\tu0\tmethod\trtol\tus_per_solve\tt_half\trel_err_vs_closed_form\n");
  const unsigned Ls[] = {3, 5};
  const double u0s[] = {1e-2, 1e-1};
  for (size_t i = 0; i < 2; i++)
    for (size_t m = 0; m < NBM; m++) {
      unsigned L = Ls[i];
      double u0 = u0s[i], s = 1, rtol = 1e-10;
      double th = sa_deepbal_t_half_exact(L, s, u0);
      double tend = 2 * th, u, t_root = NAN;
      sa_ode_params par = {rtol, 1e-3 * rtol * u0, NULL, 100000, BAL_METHODS[m]};
      int reps = 200;
      double best = INFINITY;
      for (int r = 0; r < 3; r++) {
        double t0 = bench_cpu();
        for (int k = 0; k < reps; k++)
          if (sa_deepbal_integrate(L, s, u0, &tend, 1, &par, &u, &t_root, NULL, NULL) != 0) {
            fprintf(stderr, "bench_flow: balanced: %s\n", sa_error_message());
            return;
          }
        double dt = (bench_cpu() - t0) / reps;
        if (dt < best)
          best = dt;
      }
      printf("%u\t%g\t%s\t%g\t%.1f\t%.10g\t%.2e\n", L, u0, sa_ode_method_name(BAL_METHODS[m]), rtol,
             1e6 * best, t_root, fabs(t_root - th) / th);
    }
}

int main(int argc, char **argv)
{
  long rounds = 0;
  const char *scipy = "bench/flow_scipy.py", *python = "/usr/bin/python3";
  sa_dlist sizes;
  const sa_opt table[] = {
      {"rounds", SA_OPT_LONG, &rounds, "0", "[0,9]", "rounds per size (0: per-size default)"},
      {"sizes", SA_OPT_DLIST, &sizes, "0,1,2", "[0,2]", "which sizes (0, 1, 2)"},
      {"scipy", SA_OPT_STRING, &scipy, "bench/flow_scipy.py", NULL, "SciPy peer script"},
      {"python", SA_OPT_STRING, &python, "/usr/bin/python3", NULL, "Python with NumPy/SciPy"},
  };
  int help = 0;
  if (sa_opts_read(table, sizeof table / sizeof table[0], argc, argv, 1, &help) != GSL_SUCCESS) {
    fprintf(stderr, "bench_flow: %s\n", sa_error_message());
    return 2;
  }
  if (help) {
    sa_opts_help(stdout, table, sizeof table / sizeof table[0], "bench_flow",
                 "Gradient-flow solvers against SciPy at matched error.");
    return 0;
  }
  printf("# bench_flow: silentalign %s, BLAS core %s, CPU times of one thread\n", sa_version(),
         sa_blas_corename());
  char probe[1024];
  snprintf(probe, sizeof probe, "%s -c 'import scipy, numpy' >/dev/null 2>&1", python);
  int have_py = access(scipy, R_OK) == 0 && system(probe) == 0;
  print_load("at start");
  if (!have_py)
    printf("# SciPy peer not available (%s with scipy, %s): C side only\n", python, scipy);
  char dir[] = "/tmp/bench_flow.XXXXXX";
  if (!mkdtemp(dir)) {
    perror("bench_flow: mkdtemp");
    return 1;
  }
  char problem[128];
  snprintf(problem, sizeof problem, "%s/problem.bin", dir);

  for (size_t si = 0; si < sizes.n; si++) {
    const bench_size *bs = &SIZES[(size_t)sizes.v[si]];
    sa_linsetup_params sp = {bs->L, bs->D, bs->N, bs->P, bs->sigma, 1.0, 0.0, 1};
    sa_linsetup su;
    if (sa_linsetup_alloc(&sp, &su) != 0) {
      fprintf(stderr, "bench_flow: set-up failed\n");
      return 1;
    }
    double t_end = bs->t_end, loss_ref, loss_ref2, cpu;
    long nrhs;
    if (t_end == 0) { /* where a reference run reaches L/L0 = 1e-2 */
      sa_linflow_result res;
      double *theta = malloc(su.pb.shape.nparam * sizeof *theta);
      double *atol = malloc(su.pb.shape.nparam * sizeof *atol);
      if (!theta || !atol)
        return 1;
      memcpy(theta, su.theta, su.pb.shape.nparam * sizeof *theta);
      sa_linnet_atol(&su.pb.shape, 1e-8, bs->sigma, atol);
      sa_ode_params par = {1e-10, 0, atol, 10000000, SA_ODE_ERK};
      su.pb.stop_ratio = 1e-2;
      double horizon = 1e6;
      if (sa_linflow_run(&su.pb, theta, &horizon, 1, &par, NULL, NULL, &res)) {
        fprintf(stderr, "bench_flow: %s\n", sa_error_message());
        return 1;
      }
      su.pb.stop_ratio = 0;
      t_end = res.t_final;
      free(theta);
      free(atol);
    }
    double loss0;
    {
      sa_linnet_work *w = sa_linnet_work_alloc(&su.pb.shape);
      loss0 = sa_linnet_loss_chain(&su.pb.shape, su.theta, su.pb.Sigma, su.pb.T, w);
      sa_linnet_work_free(w, &su.pb.shape);
    }
    c_run(&su, bs->sigma, t_end, SA_ODE_ERK, 1e-12, &loss_ref, &cpu, &nrhs);
    c_run(&su, bs->sigma, t_end, SA_ODE_ERK, 1e-11, &loss_ref2, &cpu, &nrhs);
    printf("\n## (D, N, P, L) = (%zu, %zu, %zu, %zu), sigma = %g, t_end = %g, %zu weights\n", bs->D,
           bs->N, bs->P, bs->L, bs->sigma, t_end, su.pb.shape.nparam);
    printf("# reference: ERK rtol 1e-12, L(t_end)/L(0) = %.6e (rtol 1e-11 differs by %.1e "
           "relative), %ld RHS, %.3f s\n",
           loss_ref / loss0, fabs(loss_ref2 - loss_ref) / loss_ref, nrhs, cpu);
    if (have_py && write_problem(problem, &su, bs->sigma, t_end) != 0) {
      fprintf(stderr, "bench_flow: cannot write %s\n", problem);
      return 1;
    }
    double crt[MAXPTS];
    size_t nc = ladder(bs->c_hi, bs->c_lo, bs->c_per, crt, MAXPTS);
    char py_rtols[1024];
    ladder_text(bs->py_hi, bs->py_lo, bs->py_per, py_rtols, sizeof py_rtols);
    curve cc[NCM], pc[NPM];
    memset(cc, 0, sizeof cc);
    memset(pc, 0, sizeof pc);
    int ncm = bs->nmethods;
    for (int m = 0; m < ncm; m++) {
      cc[m].n = nc;
      for (size_t k = 0; k < nc; k++) {
        cc[m].rtol[k] = crt[k];
        cc[m].time[k] = INFINITY;
      }
    }
    int R = rounds > 0 ? (int)rounds : bs->rounds;
    int py_ok = have_py;
    for (int r = 0; r < R; r++) {
      for (int half = 0; half < 2; half++) {
        int do_py = (r % 2 == 0) ? half == 1 : half == 0;
        if (do_py) {
          if (py_ok && py_round(python, scipy, problem, py_rtols, pc, loss_ref) != 0) {
            printf("# SciPy run failed: C side only\n");
            py_ok = 0;
          }
          continue;
        }
        for (int m = 0; m < ncm; m++)
          for (size_t k = 0; k < nc; k++) {
            double loss;
            if (c_run(&su, bs->sigma, t_end, C_METHODS[m], crt[k], &loss, &cpu, &nrhs) != 0)
              continue;
            cc[m].err[k] = fabs(loss - loss_ref) / loss_ref;
            cc[m].nrhs[k] = nrhs;
            if (cpu < cc[m].time[k])
              cc[m].time[k] = cpu;
          }
      }
    }
    printf("# side\tmethod\trtol\tcpu_s\trhs\trel_err_final_loss\n");
    for (int m = 0; m < ncm; m++)
      for (size_t k = 0; k < cc[m].n; k++)
        printf("C\t%s\t%g\t%.4f\t%ld\t%.2e\n", sa_ode_method_name(C_METHODS[m]), cc[m].rtol[k],
               cc[m].time[k], cc[m].nrhs[k], cc[m].err[k]);
    for (int m = 0; m < NPM; m++)
      for (size_t k = 0; k < pc[m].n; k++)
        printf("SciPy\t%s\t%g\t%.4f\t%ld\t%.2e\n", PY_METHODS[m], pc[m].rtol[k], pc[m].time[k],
               pc[m].nrhs[k], pc[m].err[k]);
    if (py_ok || pc[1].n > 0) {
      printf("# at matched error, two rules: raw = SciPy time / time of the cheapest C run at "
             "least as accurate ('<': C's loosest run, C may be faster still); eq = SciPy time / "
             "C time at the SciPy error on C's time-vs-error frontier (log-log interpolation "
             "between the two neighbouring frontier runs; '<': above C's loosest error)\n");
      printf("# SciPy\trtol\terror\tscipy_s");
      for (int m = 0; m < ncm; m++) {
        const char *mn = sa_ode_method_name(C_METHODS[m]);
        printf("\tC_%s_raw_s\tx_%s_raw\tC_%s_eq_s\tx_%s_eq", mn, mn, mn, mn);
      }
      printf("\n");
      for (int pm = 0; pm < NPM; pm++)
        for (size_t k = 0; k < pc[pm].n; k++) {
          printf("%s\t%g\t%.2e\t%.4f", PY_METHODS[pm], pc[pm].rtol[k], pc[pm].err[k],
                 pc[pm].time[k]);
          for (int m = 0; m < ncm; m++) {
            int bound;
            double tc = time_at_error(&cc[m], pc[pm].err[k], &bound);
            if (isfinite(tc))
              printf("\t%s%.4f\t%.1f", bound ? "<" : "", tc, pc[pm].time[k] / tc);
            else
              printf("\tn/a\tn/a");
            tc = time_at_error_interp(&cc[m], pc[pm].err[k], &bound);
            if (isfinite(tc))
              printf("\t%s%.4f\t%.1f", bound ? "<" : "", tc, pc[pm].time[k] / tc);
            else
              printf("\tn/a\tn/a");
          }
          printf("\n");
        }
    }
    if (bs->t_long > 0) {
      /* The setting: rtol 1e-8 both sides to a horizon past the drop;
       * the final loss then sits at each integrator's noise floor, so only
       * times and RHS counts compare. */
      const sa_ode_method lm[2] = {SA_ODE_ERK, SA_ODE_LOWRANK};
      curve lc, lp[NPM];
      memset(&lc, 0, sizeof lc);
      memset(lp, 0, sizeof lp);
      lc.time[0] = lc.time[1] = INFINITY;
      double lloss[2] = {NAN, NAN};
      if (have_py && write_problem(problem, &su, bs->sigma, bs->t_long) != 0)
        return 1;
      for (int r = 0; r < R; r++) {
        double l;
        for (int i = 0; i < 2; i++)
          if (c_run(&su, bs->sigma, bs->t_long, lm[i], 1e-8, &l, &cpu, &nrhs) == 0 &&
              cpu < lc.time[i]) {
            lc.time[i] = cpu;
            lc.nrhs[i] = nrhs;
            lloss[i] = l;
          }
        if (py_ok)
          py_round(python, scipy, problem, "1e-8", lp, 0);
      }
      printf("# to t = %g (past the drop), rtol 1e-8: side method cpu_s rhs L(t)/L(0)\n",
             bs->t_long);
      for (int i = 0; i < 2; i++)
        printf("long\tC\t%s\t%.4f\t%ld\t%.2e\n", sa_ode_method_name(lm[i]), lc.time[i], lc.nrhs[i],
               lloss[i] / loss0);
      for (int m = 0; m < NPM; m++)
        if (lp[m].n > 0)
          printf("long\tSciPy\t%s\t%.4f\t%ld\t%.2e\t(x%.1f vs erk, x%.1f vs lowrank)\n",
                 PY_METHODS[m], lp[m].time[0], lp[m].nrhs[0], lp[m].err[0] / loss0,
                 lp[m].time[0] / lc.time[0], lp[m].time[0] / lc.time[1]);
    }
    print_load("after this size");
    fflush(stdout);
    sa_linsetup_free(&su);
  }
  bench_balanced();
  unlink(problem);
  rmdir(dir);
  return 0;
}
