/* silentalign theorem: App. B, Theorem 1 and Lemma 1 checked by an ODE integration (--method).
 * For each eps, integrates the training errors and test-point values under
 * the Gram schedule of Eq. (18) (src/theory/kernel_theorem.h) and compares
 * the final test values with kernel regression on K_inf (Theorem 1) and on
 * K0 (which it should not match). */
#include "config.h"

#include "cli/cli_status.h"
#include "cli/commands.h"
#include "core/sa_errno.h"
#include "core/sa_linalg.h"
#include "core/sa_ode.h"
#include "core/sa_limits.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "theory/kernel_theorem.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#ifdef HAVE_OPENBLAS_SET_NUM_THREADS
void openblas_set_num_threads(int n);
#endif

enum { NCOL = 14 };

/* One row for one eps; returns 0, or -1 with the reason printed. */
static int theorem_row(const sa_ktheorem_problem *pb, const sa_ktheorem_schedule *s,
                       const sa_ktheorem_solver *sv, sa_ktheorem_workspace *w, sa_output *out)
{
  size_t n = pb->ntest;
  gsl_vector *f = gsl_vector_alloc(n), *finf = gsl_vector_alloc(n), *fk0 = gsl_vector_alloc(n),
             *B = gsl_vector_alloc(n);
  int rc = -1;
  sa_ktheorem_result res;
  if (!f || !finf || !fk0 || !B) {
    fprintf(stderr, "silentalign theorem: out of memory\n");
    goto done;
  }
  if (sa_ktheorem_solve(pb, s, sv, f, &res, w) != 0) {
    sa_cli_solver_advice(SA_CLI_ODE_ADVICE);
    fprintf(stderr, "silentalign theorem: eps=%g tau=%g: %s\n", s->eps, s->tau, sa_error_message());
    goto done;
  }
  if (sa_ktheorem_predict(pb, pb->Kinf, pb->kinf, finf, w) != 0 ||
      sa_ktheorem_predict(pb, pb->K0, pb->k0, fk0, w) != 0 || sa_ktheorem_bound(pb, s, B, w) != 0) {
    fprintf(stderr, "silentalign theorem: K0 or K_inf: %s (raise --nfeat)\n", sa_error_message());
    goto done;
  }
  double err_rms, err_max, k0_rms, k0_max, pred_rms, pred_max;
  if (sa_linalg_diff_stats(f, finf, &err_rms, &err_max) ||
      sa_linalg_diff_stats(f, fk0, &k0_rms, &k0_max) ||
      sa_linalg_diff_stats(finf, pb->f0_test, &pred_rms, &pred_max)) {
    fprintf(stderr, "silentalign theorem: test predictions of different lengths\n");
    goto done;
  }
  double row[NCOL] = {s->eps,          s->tau,
                      s->eps * s->tau, err_rms,
                      err_max,         sa_ktheorem_bound_ratio(f, finf, B),
                      k0_rms,          pred_rms,
                      res.phi_dev,     res.lemma1_bound,
                      res.phi_max,     res.delta_end,
                      res.t_end,       (double)res.nsteps};
  sa_output_row(out, row);
  rc = 0;
done:
  gsl_vector_free(f);
  gsl_vector_free(finf);
  gsl_vector_free(fk0);
  gsl_vector_free(B);
  return rc;
}

typedef struct {
  sa_dlist eps;
  double tau, f0_scale, g_rate, g_delay;
  long P, ntest, nfeat, seed;
  int static_phase1;
  sa_ktheorem_solver sv;
  const char *output;
} theorem_opts;

#define THEOREM_NOPT 18

/* Writes the option table, bound to o, into table[0 .. THEOREM_NOPT-1]. */
static void theorem_options(theorem_opts *o, sa_opt *table)
{
  const sa_opt t[] = {
      {"eps", SA_OPT_DLIST, &o->eps, "1e-4,3e-4,1e-3,3e-3,1e-2", "(0,1)",
       "kernel scale eps during phase I (Eq. 18), one row each"},
      {"tau", SA_OPT_DOUBLE, &o->tau, "3.7", "(0,inf)", "end tau of phase I"},
      {"P", SA_OPT_LONG, &o->P, "20", "[1,inf)", "training points"},
      {"ntest", SA_OPT_LONG, &o->ntest, "8", "[1,inf)", "test points"},
      {"nfeat", SA_OPT_LONG, &o->nfeat, "80", "[1,inf)",
       "random features per kernel (>= P so that K0, K_inf are invertible)"},
      {"seed", SA_OPT_LONG, &o->seed, "1", "[0,inf)", "gsl_rng (mt19937) seed for kernels, y, f0"},
      {"f0-scale", SA_OPT_DOUBLE, &o->f0_scale, "0", "[0,inf)",
       "initial function f0 ~ N(0, scale^2)"},
      {"g-rate", SA_OPT_DOUBLE, &o->g_rate, "1.5", "(0,inf)", "rate r of the logistic g(t)"},
      {"g-delay", SA_OPT_DOUBLE, &o->g_delay, "4", "[0,inf)",
       "delay d of the logistic midpoint after tau"},
      {"static-phase1", SA_OPT_FLAG, &o->static_phase1, NULL, NULL,
       "phase I kernel eps K0 (default: eps times K0 -> K_inf linearly)"},
      {"method", SA_OPT_CHOICE, &o->sv.method, "erk", SA_ODE_METHOD_CHOICES_NOT_LOWRANK,
       SA_ODE_METHOD_HELP_NOT_LOWRANK},
      {"rtol", SA_OPT_DOUBLE, &o->sv.rtol, SA_OPT_TEXT(SA_ODE_RTOL_REFERENCE), "(0,1)",
       "relative tolerance of the integrator"},
      {"atol", SA_OPT_DOUBLE, &o->sv.atol, "1e-13", "(0,1)", "absolute tolerance"},
      {"max-steps", SA_OPT_LONG, &o->sv.max_steps, "100000", "[1,inf)",
       "integrator steps allowed per output interval"},
      {"delta-tol", SA_OPT_DOUBLE, &o->sv.delta_tol, "1e-11", "(0,1)",
       "stop when |Delta| <= delta-tol |Delta0|"},
      {"t-max", SA_OPT_DOUBLE, &o->sv.t_max, "1e5", "(0,inf)", "fail if not converged by t-max"},
      {"sample-dt", SA_OPT_DOUBLE, &o->sv.sample_dt, "0.5", "(0,inf)",
       "|Phi(t)|_op sampled every sample-dt"},
      {"output", SA_OPT_STRING, &o->output, NULL, NULL, "output file (default stdout)"},
  };
  _Static_assert(sizeof t / sizeof t[0] == THEOREM_NOPT, "THEOREM_NOPT counts the table");
  memcpy(table, t, sizeof t);
}

/* Memory, work and scales (core/sa_limits.h), then the values that depend
 * on each other.  Returns 0, or 2 with the message printed. */
static int theorem_check(const theorem_opts *o)
{
  char lim[160];
  double Pd = (double)o->P, Nt = (double)o->ntest, F = (double)o->nfeat;
  snprintf(lim, sizeof lim, "--P=%ld --ntest=%ld --nfeat=%ld", o->P, o->ntest, o->nfeat);
  /* CVODE state: errors, test values and the transition matrix Phi (P^2),
   * about 20 copies; random features (nfeat x (P + ntest), 2 kernels);
   * Gram matrices and their inverses ((P + ntest)^2, about 8) */
  if (sa_cli_check_memory(
          "theorem", 20 * (Pd * Pd + Pd + Nt) + 4 * F * (Pd + Nt) + 8 * (Pd + Nt) * (Pd + Nt), lim))
    return 2;
  if (sa_cli_check_work("theorem", lim, F * (Pd + Nt), 1e8,
                        "nfeat x (P + ntest) (random features to draw)"))
    return 2;
  /* Phase II is advanced in steps of --sample-dt up to --t-max (a root
   * ends it earlier when the error has decayed): a count of outputs. */
  snprintf(lim, sizeof lim, "--t-max=%g --sample-dt=%g --tau=%g", o->sv.t_max, o->sv.sample_dt,
           o->tau);
  if (sa_cli_check_work("theorem", lim, (o->sv.t_max - o->tau) / o->sv.sample_dt,
                        SA_LIMITS_MAX_SAMPLES, "(t-max - tau) / sample-dt (sampled times)"))
    return 2;
  if (o->f0_scale > 0 &&
      sa_cli_check_scale("theorem", "f0-scale", 2 * log10(o->f0_scale) + log10(Pd),
                         "initial error |Delta0|^2 ~ f0-scale^2 P"))
    return 2;
  if (o->nfeat < o->P) {
    fprintf(stderr,
            "silentalign theorem: invalid value '%ld' for --nfeat: must be >= --P=%ld "
            "(K0, K_inf must be invertible)\n",
            o->nfeat, o->P);
    return 2;
  }
  if (o->sv.t_max <= o->tau) {
    fprintf(stderr,
            "silentalign theorem: invalid value '%g' for --t-max: must exceed "
            "--tau=%g\n",
            o->sv.t_max, o->tau);
    return 2;
  }
  return 0;
}

int cmd_theorem(int argc, char **argv)
{
  theorem_opts o;
  sa_opt table[THEOREM_NOPT];
  theorem_options(&o, table);
  const size_t nopt = THEOREM_NOPT;
  int st = sa_cli_parse(table, nopt, argc, argv, 1, "theorem",
                        "Theorem 1 of App. B: gradient flow under the Gram schedule of Eq. (18) "
                        "ends at kernel regression with K_inf, error O(eps tau); Lemma 1.");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  if ((st = theorem_check(&o)) != 0)
    return st;
#ifdef HAVE_OPENBLAS_SET_NUM_THREADS
  openblas_set_num_threads(1); /* P x P products: threads only cost */
#endif
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!rng) {
    fprintf(stderr, "silentalign theorem: out of memory\n");
    return 1;
  }
  gsl_rng_set(rng, (unsigned long)o.seed);
  sa_ktheorem_problem *pb =
      sa_ktheorem_problem_alloc((size_t)o.P, (size_t)o.ntest, (size_t)o.nfeat, o.f0_scale, rng);
  gsl_rng_free(rng);
  sa_ktheorem_workspace *w = sa_ktheorem_workspace_alloc((size_t)o.P, (size_t)o.ntest);
  if (!pb || !w) {
    fprintf(stderr, "silentalign theorem: out of memory\n");
    sa_ktheorem_problem_free(pb);
    sa_ktheorem_workspace_free(w);
    return 1;
  }
  sa_output *out = sa_output_open(o.output, argc, argv, table, nopt);
  if (!out) {
    sa_ktheorem_problem_free(pb);
    sa_ktheorem_workspace_free(w);
    return 1;
  }
  sa_output_comment(out, "err_inf: RMS over test points of f - k_inf^T K_inf^{-1}(y - f0) - f0 "
                         "(Theorem 1, Eq. 29); err_inf_max its max; bound_ratio: max of err / "
                         "eps tau |Delta0| (kt0 + k0 |K_inf^{-1} k_inf|)");
  sa_output_comment(out, "err_K0: RMS of f - (f0 + k0^T K0^{-1}(y - f0)); pred_rms: RMS of the "
                         "K_inf prediction minus f0");
  sa_output_comment(out, "phi_dev = |Phi(tau) - I|_op from the matrix ODE, lemma1_bound = eps "
                         "k0 tau (Lemma 1); phi_max = max |Phi(t)|_op over samples t > 0");
  const char *cols[NCOL] = {"eps",         "tau",       "eps_tau",  "err_inf", "err_inf_max",
                            "bound_ratio", "err_K0",    "pred_rms", "phi_dev", "lemma1_bound",
                            "phi_max",     "delta_end", "t_end",    "nsteps"};
  sa_output_columns(out, NCOL, cols);
  int rc = 0;
  for (size_t i = 0; i < o.eps.n && rc == 0; i++) {
    sa_ktheorem_schedule s = {o.eps.v[i], o.tau, o.g_rate, o.g_delay, o.static_phase1};
    rc = theorem_row(pb, &s, &o.sv, w, out);
  }
  sa_ktheorem_problem_free(pb);
  sa_ktheorem_workspace_free(w);
  if (rc != 0) {
    sa_output_abort(out);
    return 1;
  }
  return sa_output_commit(out) == 0 ? 0 : 1;
}
