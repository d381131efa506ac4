/* silentalign transfer: learning curves E_g(P) of the transfer task (App. F,
 * Eqs. 65-69 with the kappa^2 of Eq. 67 restored), optionally against the
 * Monte-Carlo kernel regression; --grid-P=N gives the heat map of Fig. F.1c
 * over A x alpha at fixed P. */
#include "config.h"

#include "cli/commands.h"
#include "core/sa_limits.h"
#include "core/sa_opts.h"
#include "core/sa_output.h"
#include "experiment/transfer_mc.h"
#include "theory/transfer.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>

#ifdef HAVE_OPENBLAS_SET_NUM_THREADS
void openblas_set_num_threads(int n);
#endif

typedef struct {
  long D, P_max, P_step, mc_trials, seed, grid_P, grid_nA, grid_nalpha, max_iter;
  double lambda, grid_A_max, epsrel, rcond;
  sa_dlist A, alpha;
} transfer_opts;

/* The output's columns; the Monte Carlo pair comes last and only with
 * --mc-trials > 0. */
static const char *const transfer_cols[] = {"A",     "alpha", "P",     "kappa",
                                            "gamma", "Eg",    "Eg_mc", "Eg_mc_se"};
enum { TR_NCOL = sizeof transfer_cols / sizeof transfer_cols[0], TR_EG_MC = TR_NCOL - 2 };

/* One output row: theory, then (mc_trials > 0) the Monte-Carlo mean and
 * standard error.  Returns 0 or prints the reason and returns -1. */
static int transfer_row(const transfer_opts *o, double A, double alpha, long P, gsl_rng *rng,
                        sa_output *out)
{
  sa_transfer_params tp = sa_transfer_params_default();
  tp.epsrel = o->epsrel;
  tp.max_iter = (int)o->max_iter;
  sa_transfer_result r;
  int st = sa_transfer_eg((double)P, A, alpha, (double)o->D, o->lambda, &tp, &r);
  if (st != GSL_SUCCESS) {
    fprintf(stderr, "silentalign transfer: kappa equation failed at A=%g alpha=%g P=%ld (%s)\n", A,
            alpha, P,
            st == GSL_EMAXITER ? "Brent did not converge in --max-iter iterations"
                               : sa_strerror(st));
    return -1;
  }
  double row[TR_NCOL] = {A, alpha, (double)P, r.kappa, r.gamma, r.eg};
  if (o->mc_trials > 0) {
    sa_transfer_mc_params mp = {(size_t)o->D,         (size_t)P, A, alpha, o->lambda,
                                (size_t)o->mc_trials, o->rcond};
    sa_transfer_mc_result mr;
    if ((st = sa_transfer_mc(&mp, rng, &mr)) != GSL_SUCCESS) {
      fprintf(stderr, "silentalign transfer: Monte-Carlo failed at A=%g alpha=%g P=%ld: %s\n", A,
              alpha, P, sa_error_message());
      return -1;
    }
    row[TR_EG_MC] = mr.mean;
    row[TR_EG_MC + 1] = mr.se;
  }
  sa_output_row(out, row);
  return 0;
}

static int run_curves(const transfer_opts *o, gsl_rng *rng, sa_output *out)
{
  for (size_t i = 0; i < o->A.n; i++)
    for (size_t j = 0; j < o->alpha.n; j++)
      for (long P = 0; P <= o->P_max; P += o->P_step)
        if (transfer_row(o, o->A.v[i], o->alpha.v[j], P, rng, out) != 0)
          return -1;
  return 0;
}

/* Fig. F.1c: A in [0, grid-A-max] x alpha in [0, 1] at P = grid-P. */
static int run_grid(const transfer_opts *o, gsl_rng *rng, sa_output *out)
{
  for (long i = 0; i < o->grid_nA; i++) {
    double A = o->grid_A_max * (double)i / (double)(o->grid_nA - 1);
    for (long j = 0; j < o->grid_nalpha; j++) {
      double alpha = (double)j / (double)(o->grid_nalpha - 1);
      if (transfer_row(o, A, alpha, o->grid_P, rng, out) != 0)
        return -1;
    }
  }
  return 0;
}

int cmd_transfer(int argc, char **argv)
{
  transfer_opts o;
  const char *output = NULL;
  const sa_opt table[] = {
      {"D", SA_OPT_LONG, &o.D, "100", "[2,inf)", "input dimension D"},
      {"lambda", SA_OPT_DOUBLE, &o.lambda, "0", "[0,inf)",
       "ridge: f = k^T (K + lambda I)^{-1} y (0: ridgeless limit)"},
      {"A", SA_OPT_DLIST, &o.A, "0,1,5,10", "[0,inf)",
       "kernel spike strengths A (Eq. 65), one curve each"},
      {"alpha", SA_OPT_DLIST, &o.alpha, "0.75", "[-1,1]",
       "task alignments alpha = w.beta, one curve each"},
      {"P-max", SA_OPT_LONG, &o.P_max, "25", "[0,inf)", "largest sample size P"},
      {"P-step", SA_OPT_LONG, &o.P_step, "1", "[1,inf)", "step of the P grid (from 0)"},
      {"mc-trials", SA_OPT_LONG, &o.mc_trials, "0", "[0,inf)",
       "Monte-Carlo trials per row (0: theory only; otherwise >= 2)"},
      {"seed", SA_OPT_LONG, &o.seed, "1", "[0,inf)", "gsl_rng (mt19937) seed for Monte-Carlo"},
      {"rcond", SA_OPT_DOUBLE, &o.rcond, "1e-12", "(0,1)",
       "Monte-Carlo pseudo-inverse cut (ridgeless, P > D), relative to largest eigenvalue"},
      {"grid-P", SA_OPT_LONG, &o.grid_P, "0", "[0,inf)",
       "if > 0: heat map over A x alpha at this P (Fig. F.1c) instead of curves"},
      {"grid-nA", SA_OPT_LONG, &o.grid_nA, "41", "[2,inf)", "heat map: number of A values"},
      {"grid-A-max", SA_OPT_DOUBLE, &o.grid_A_max, "10", "(0,inf)", "heat map: largest A"},
      {"grid-nalpha", SA_OPT_LONG, &o.grid_nalpha, "41", "[2,inf)",
       "heat map: number of alpha values in [0,1]"},
      {"epsrel", SA_OPT_DOUBLE, &o.epsrel, "1e-13", "(0,1)",
       "relative tolerance of the Brent root for kappa"},
      {"max-iter", SA_OPT_LONG, &o.max_iter, "200", "[1,100000]", "Brent iterations allowed"},
      {"output", SA_OPT_STRING, &output, NULL, NULL, "output file (default stdout)"},
  };
  const size_t n = sizeof table / sizeof table[0];
  int st = sa_cli_parse(table, n, argc, argv, 1, "transfer",
                        "Transfer-task learning curves E_g(P) (App. F, Eqs. 65-69), "
                        "theory and optional Monte-Carlo.");
  if (st != SA_OPTS_OK)
    return st == SA_OPTS_HELP ? 0 : 2;
  {
    char lim[200];
    double Pm = (double)(o.grid_P > o.P_max ? o.grid_P : o.P_max), Dd = (double)o.D;
    snprintf(lim, sizeof lim, "--D=%ld --P-max=%ld --grid-P=%ld --grid-nA=%ld --grid-nalpha=%ld",
             o.D, o.P_max, o.grid_P, o.grid_nA, o.grid_nalpha);
    if (sa_cli_check_memory(
            "transfer",
            6 * Dd * Dd + 4 * Pm * Pm + 3 * Pm * Dd + (double)o.grid_nA * o.grid_nalpha * 4, lim))
      return 2;
    snprintf(lim, sizeof lim, "--mc-trials=%ld --P-max=%ld --P-step=%ld --D=%ld", o.mc_trials,
             o.P_max, o.P_step, o.D);
    if (sa_cli_check_work("transfer", lim,
                          (double)o.mc_trials * (Pm / o.P_step + 1) *
                              (Pm * Pm * Dd + Dd * Dd + Pm * Dd + 100),
                          1e10, "Monte-Carlo multiply-adds"))
      return 2;
    for (size_t i = 0; i < o.A.n; i++)
      if (sa_cli_check_scale("transfer", "A", 2 * log10(o.A.v[i] + 1), "kernel scale (1 + A)^2"))
        return 2;
    if (sa_cli_check_scale("transfer", "grid-A-max", 2 * log10(o.grid_A_max + 1),
                           "kernel scale (1 + A)^2"))
      return 2;
    if (sa_cli_check_work("transfer", "--grid-nA, --grid-nalpha", (double)o.grid_nA * o.grid_nalpha,
                          1e8, "heat-map points"))
      return 2;
  }
  if (o.mc_trials == 1) {
    fprintf(stderr, "silentalign transfer: invalid value '1' for --mc-trials: must be 0 or >= 2 "
                    "(a standard error needs two trials)\n");
    return 2;
  }
#ifdef HAVE_OPENBLAS_SET_NUM_THREADS
  openblas_set_num_threads(1); /* the Gram matrices are tiny: threads only cost */
#endif
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!rng) {
    fprintf(stderr, "silentalign transfer: out of memory\n");
    return 1;
  }
  gsl_rng_set(rng, (unsigned long)o.seed);
  sa_output *out = sa_output_open(output, argc, argv, table, n);
  if (!out) {
    gsl_rng_free(rng);
    return 1;
  }
  sa_output_comment(out, "E_g from Eq. (67) with kappa^2 restored; ridge convention "
                         "f = k^T (K + lambda I)^{-1} y");
  if (o.mc_trials > 0)
    sa_output_comment(out,
                      "Eg_mc: mean over %ld trials of |beta_hat - w|^2, Eg_mc_se its "
                      "standard error",
                      o.mc_trials);
  sa_output_columns(out, o.mc_trials > 0 ? TR_NCOL : TR_EG_MC, transfer_cols);
  int rc = o.grid_P > 0 ? run_grid(&o, rng, out) : run_curves(&o, rng, out);
  gsl_rng_free(rng);
  if (rc != 0) {
    sa_output_abort(out);
    return 1;
  }
  return sa_output_commit(out) == 0 ? 0 : 1;
}
