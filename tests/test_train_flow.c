/* Discrete gradient descent against the gradient flow (paper 1.1, 2.2,
 * 2.4, App. D; predictions 5.1):
 *
 *  1. GD with learning rate lr is forward Euler on d theta/dt = -grad L, so
 *     at a fixed time T = steps * lr its distance to the exact flow is the
 *     global Euler error e(lr) = c1 lr + c2 lr^2 + O(lr^3): halving lr
 *     halves the error, e(lr)/e(lr/2) = 2 (1 + (c2/c1) lr/2 + O(lr^2)).
 *     The flow comes from a different code path: CVODE (src/theory/linear_flow.h)
 *     on the population loss 1/2 tr[(W_eff - T) Sigma (W_eff - T)^T] with
 *     Sigma = X X^T / P, while GD runs the trainer on the sample loss with
 *     backprop gradients (src/nets/mlp.h).  Same initial weights (the two
 *     layouts are the same: layers in order, each row-major, checked below
 *     through the initial losses).
 *  2. Conservation (App. D): Q_l = W^l W^lT - W^{l+1 T} W^{l+1} is constant
 *     under the flow.  One GD step changes it by exactly
 *     lr^2 (G_l G_l^T - G_{l+1}^T G_{l+1}) (the O(lr) term is the flow's
 *     derivative, zero), so the mean per-step drift over a fixed time is
 *     4 times smaller at lr/2, up to the O(lr) difference of the two
 *     trajectories: ratio 4 (1 + O(lr)).
 * Both for the two-layer net (Eq. 4) and a three-layer net (Eq. 9).
 *
 *  3. The trainer's own gradient flow (`train --optimizer=flow`: CVODE
 *     Adams on the backprop gradient of any MLP, trainer.h).  (a) For a
 *     linear net it equals the population-form CVODE flow of 1. (a different
 *     right-hand side: products of weight matrices and Sigma, not backprop)
 *     to the solvers' tolerance.  (b) For nonlinear nets (tanh L = 3, ReLU
 *     L = 2) there is no independent flow, and the claim tested is the one
 *     the figures rely on: GD recorded at t = lr step converges to the
 *     trainer's flow records at O(lr), e(lr)/e(lr/2) = 2 (1 + O(lr)), the
 *     error measured on the weights at T and on every recorded loss.  ReLU:
 *     the flow's right-hand side jumps where a pre-activation changes sign,
 *     which Euler crosses at a shifted time; the error is still first order
 *     (measured ratio printed), and the band is the same RATIO_TOL. */
#include "config.h"

#include "core/sa_errno.h"
#include "data/synthetic.h"
#include "nets/mlp.h"
#include "tap.h"
#include "theory/linear_flow.h"
#include "train/optim.h"
#include "train/trainer.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define D 7
#define P 16
#define NH 5
#define S_TEACHER 1.37
#define SIGMA 0.63
#define T_END 2.0
#define NLR 3

/* Learning rates halve: 0.02, 0.01, 0.005. */
static const double LR0 = 0.02;

/* Ratios of Euler errors / drifts must lie within this relative band of 2
 * resp. 4.  The deviation is (c2/c1) lr/2 + O(lr^2): it halves with lr.
 * Measured at lr = 0.02 it is about 0.3% (printed below), so about 0.15%
 * at lr = 0.01; 1% leaves a factor ~7 of margin, while an error of the
 * wrong order in lr (ratio 1 or 4, resp. 2 or 8) is 50-100% off. */
#define RATIO_TOL 0.01

/* CVODE tolerances far below the smallest Euler error (about 1e-3 here). */
#define FLOW_RTOL 1e-11
#define FLOW_ATOL 1e-13

typedef struct {
  gsl_matrix *X, *Y, *Sigma, *T;
} problem;

static void problem_alloc(problem *pb, gsl_rng *rng)
{
  pb->X = sa_synth_inputs(D, P, 0.0, rng);
  gsl_vector *beta = gsl_vector_alloc(D);
  sa_synth_teacher(pb->X, rng, beta);
  pb->T = gsl_matrix_alloc(1, D);
  for (size_t i = 0; i < D; i++)
    gsl_matrix_set(pb->T, 0, i, S_TEACHER * gsl_vector_get(beta, i));
  pb->Y = gsl_matrix_alloc(1, P);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, pb->T, pb->X, 0.0, pb->Y);
  pb->Sigma = gsl_matrix_alloc(D, D);
  sa_synth_covariance(pb->X, pb->Sigma);
  gsl_vector_free(beta);
}

static void problem_free(problem *pb)
{
  gsl_matrix_free(pb->X);
  gsl_matrix_free(pb->Y);
  gsl_matrix_free(pb->Sigma);
  gsl_matrix_free(pb->T);
}

static double dist(const gsl_vector *a, const double *b)
{
  double s = 0;
  for (size_t j = 0; j < a->size; j++) {
    double d = gsl_vector_get(a, j) - b[j];
    s += d * d;
  }
  return sqrt(s);
}

/* Test 1 for depth L. */
static void gd_vs_flow(size_t L, gsl_rng *rng)
{
  problem pb;
  problem_alloc(&pb, rng);
  size_t widths[4] = {D, NH, NH, NH};
  widths[L] = 1;
  sa_mlp *net = sa_mlp_alloc(L, widths, SA_ACT_LINEAR);
  sa_mlp_init(net, SIGMA, rng);
  gsl_vector *theta0 = gsl_vector_alloc(net->n_params);
  gsl_vector_memcpy(theta0, net->theta);

  /* Exact flow by CVODE in the population form. */
  sa_linflow_problem fp;
  memset(&fp, 0, sizeof fp);
  sa_linnet_shape_init(&fp.shape, L, widths);
  fp.Sigma = pb.Sigma;
  fp.T = pb.T;
  double *flow = malloc(net->n_params * sizeof *flow);
  memcpy(flow, theta0->data, net->n_params * sizeof *flow);
  sa_linnet_work *lw = sa_linnet_work_alloc(&fp.shape);
  sa_linnet_products(&fp.shape, flow, lw);
  double loss_pop = sa_linnet_loss(&fp.shape, lw, pb.Sigma, pb.T);
  sa_linnet_work_free(lw, &fp.shape);
  sa_mlp_workspace *ws = sa_mlp_workspace_alloc(net, P);
  double loss_sample;
  sa_mlp_loss_grad(net, pb.X, pb.Y, ws, &loss_sample, NULL);
  sa_mlp_workspace_free(ws);
  tap_rel(loss_sample, loss_pop, 1e-12,
          "L=%zu: sample loss 1/(2P)|f - y|^2 equals population 1/2 tr[(W-T)Sigma(W-T)^T] "
          "at theta_0 (same parameter layout)",
          L);
  double times[1] = {T_END};
  sa_ode_params op = {FLOW_RTOL, FLOW_ATOL, NULL, 1000000, SA_ODE_ADAMS};
  sa_linflow_result fres;
  int fst = sa_linflow_run(&fp, flow, times, 1, &op, NULL, NULL, &fres);
  tap_ok(fst == 0, "L=%zu: CVODE gradient flow to T = %g (%s)", L, T_END,
         fst ? sa_error_message() : "ok");

  double e[NLR], loss_end = 0;
  for (int k = 0; k < NLR; k++) {
    double lr = LR0 / pow(2.0, k);
    gsl_vector_memcpy(net->theta, theta0);
    sa_train_params par;
    sa_train_params_default(&par, (size_t)llround(T_END / lr));
    par.records = 2;
    par.ntk = 0;
    par.n_eig = 0;
    par.kernel_regression = 0;
    sa_optim_params opt = {SA_OPTIM_GD, lr, 0, 0, 0};
    sa_train_data d = {pb.X, pb.Y, NULL, NULL, NULL, NULL};
    sa_train_result res;
    sa_train_run(net, &d, &opt, &par, NULL, NULL, &res);
    e[k] = dist(net->theta, flow);
    loss_end = res.loss_final;
    sa_train_result_free(&res);
  }
  tap_diag("L=%zu: L(0) = %.4g, L(T) = %.4g; |theta_GD - theta_flow| at T = %g: %.4e "
           "(lr %g), %.4e (lr %g), %.4e (lr %g)",
           L, loss_pop, loss_end, T_END, e[0], LR0, e[1], LR0 / 2, e[2], LR0 / 4);
  tap_ok(loss_end < 0.5 * loss_pop, "L=%zu: the run leaves the initial region (L(T) < L(0)/2)", L);
  double r1 = e[0] / e[1], r2 = e[1] / e[2];
  tap_rel(r2, 2.0, RATIO_TOL,
          "L=%zu: GD-vs-flow error e(lr)/e(lr/2) = 2 (Euler O(lr) global error), lr = %g: %.4f", L,
          LR0 / 2, r2);
  tap_ok(fabs(r2 - 2) < fabs(r1 - 2),
         "L=%zu: the ratio approaches 2 as lr shrinks (%.4f at lr %g, %.4f at lr %g)", L, r1, LR0,
         r2, LR0 / 2);

  free(flow);
  gsl_vector_free(theta0);
  sa_mlp_free(net);
  problem_free(&pb);
}

/* Q_l = W^l W^lT - W^{l+1 T} W^{l+1}, n_l x n_l, computed here directly. */
static void balance(const sa_mlp *net, size_t l, gsl_matrix *Q)
{
  gsl_matrix_const_view A = sa_mlp_layer_const(net, net->theta, l);
  gsl_matrix_const_view B = sa_mlp_layer_const(net, net->theta, l + 1);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &A.matrix, &A.matrix, 0.0, Q);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, -1.0, &B.matrix, &B.matrix, 1.0, Q);
}

static double fro_diff(const gsl_matrix *A, const gsl_matrix *B)
{
  double s = 0;
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++) {
      double d = gsl_matrix_get(A, i, j) - gsl_matrix_get(B, i, j);
      s += d * d;
    }
  return sqrt(s);
}

/* Mean per-step drift of every Q_l over time T_END. */
static void drift_run(sa_mlp *net, const gsl_vector *theta0, const problem *pb, double lr,
                      double *mean_drift)
{
  size_t L = net->L, n = (size_t)llround(T_END / lr);
  gsl_vector_memcpy(net->theta, theta0);
  sa_optim_params op = {SA_OPTIM_GD, lr, 0, 0, 0};
  sa_optim *opt = sa_optim_alloc(&op, net->n_params);
  sa_mlp_workspace *ws = sa_mlp_workspace_alloc(net, P);
  gsl_vector *g = gsl_vector_alloc(net->n_params);
  gsl_matrix *Q[3], *Qn[3];
  for (size_t l = 1; l < L; l++) {
    Q[l] = gsl_matrix_alloc(NH, NH);
    Qn[l] = gsl_matrix_alloc(NH, NH);
    balance(net, l, Q[l]);
    mean_drift[l] = 0;
  }
  for (size_t k = 0; k < n; k++) {
    double loss;
    sa_mlp_loss_grad(net, pb->X, pb->Y, ws, &loss, g);
    sa_optim_step(opt, net->theta, g);
    for (size_t l = 1; l < L; l++) {
      balance(net, l, Qn[l]);
      mean_drift[l] += fro_diff(Qn[l], Q[l]) / (double)n;
      gsl_matrix_memcpy(Q[l], Qn[l]);
    }
  }
  for (size_t l = 1; l < L; l++) {
    gsl_matrix_free(Q[l]);
    gsl_matrix_free(Qn[l]);
  }
  gsl_vector_free(g);
  sa_mlp_workspace_free(ws);
  sa_optim_free(opt);
}

/* Test 2 for depth L. */
static void conservation(size_t L, gsl_rng *rng)
{
  problem pb;
  problem_alloc(&pb, rng);
  size_t widths[4] = {D, NH, NH, NH};
  widths[L] = 1;
  sa_mlp *net = sa_mlp_alloc(L, widths, SA_ACT_LINEAR);
  sa_mlp_init(net, SIGMA, rng);
  gsl_vector *theta0 = gsl_vector_alloc(net->n_params);
  gsl_vector_memcpy(theta0, net->theta);
  double d1[3], d2[3];
  const double lr = LR0 / 2;
  drift_run(net, theta0, &pb, lr, d1);
  drift_run(net, theta0, &pb, lr / 2, d2);
  for (size_t l = 1; l < L; l++) {
    tap_diag("L=%zu, l=%zu: mean per-step drift of Q_l: %.4e (lr %g), %.4e (lr %g)", L, l, d1[l],
             lr, d2[l], lr / 2);
    tap_rel(d1[l] / d2[l], 4.0, RATIO_TOL,
            "L=%zu: W^%zu W^%zuT - W^%zuT W^%zu drifts by O(lr^2) per GD step (App. D): halving "
            "lr quarters it, ratio %.4f",
            L, l, l, l + 1, l + 1, d1[l] / d2[l]);
  }
  gsl_vector_free(theta0);
  sa_mlp_free(net);
  problem_free(&pb);
}

/* ---- 3. the trainer's gradient flow ---------------------------------------- */
typedef struct {
  double loss[64];
  double t[64];
  size_t n;
} loss_trace;

static int keep_loss(const sa_train_record *rec, void *user)
{
  loss_trace *lt = user;
  if (lt->n < 64) {
    lt->t[lt->n] = rec->t;
    lt->loss[lt->n++] = rec->loss;
  }
  return 0;
}

/* Runs the trainer (GD at lr, or the flow on the lr grid) from theta0 to
 * T_END with `records` records; theta at T is left in net->theta. */
static int trainer_run(sa_mlp *net, const gsl_vector *theta0, const problem *pb, double lr,
                       int flow, size_t records, loss_trace *lt, long *nrhs)
{
  gsl_vector_memcpy(net->theta, theta0);
  sa_train_params par;
  sa_train_params_default(&par, (size_t)llround(T_END / lr));
  par.records = records;
  par.ntk = 0;
  par.n_eig = 0;
  par.kernel_regression = 0;
  par.flow = flow;
  par.flow_rtol = FLOW_RTOL;
  par.flow_atol = FLOW_ATOL;
  sa_optim_params opt = {SA_OPTIM_GD, lr, 0, 0, 0};
  sa_train_data d = {pb->X, pb->Y, NULL, NULL, NULL, NULL};
  sa_train_result res;
  lt->n = 0;
  int st = sa_train_run(net, &d, &opt, &par, keep_loss, lt, &res);
  if (st)
    tap_diag("trainer: %s", res.reason);
  if (nrhs)
    *nrhs = res.flow_nrhs;
  sa_train_result_free(&res);
  return st;
}

static void trainer_flow_linear(gsl_rng *rng)
{
  problem pb;
  problem_alloc(&pb, rng);
  size_t widths[3] = {D, NH, 1};
  sa_mlp *net = sa_mlp_alloc(2, widths, SA_ACT_LINEAR);
  sa_mlp_init(net, SIGMA, rng);
  gsl_vector *theta0 = gsl_vector_alloc(net->n_params);
  gsl_vector_memcpy(theta0, net->theta);
  sa_linflow_problem fp;
  memset(&fp, 0, sizeof fp);
  sa_linnet_shape_init(&fp.shape, 2, widths);
  fp.Sigma = pb.Sigma;
  fp.T = pb.T;
  double *flow = malloc(net->n_params * sizeof *flow);
  memcpy(flow, theta0->data, net->n_params * sizeof *flow);
  double times[1] = {T_END};
  sa_ode_params op = {FLOW_RTOL, FLOW_ATOL, NULL, 1000000, SA_ODE_ADAMS};
  sa_linflow_result fres;
  if (sa_linflow_run(&fp, flow, times, 1, &op, NULL, NULL, &fres) != GSL_SUCCESS)
    tap_diag("gradient flow failed: %s", sa_error_message());
  loss_trace lt;
  long nrhs = 0;
  int st = trainer_run(net, theta0, &pb, 0.01, 1, 5, &lt, &nrhs);
  double nf = 0;
  for (size_t j = 0; j < net->n_params; j++)
    nf += flow[j] * flow[j];
  double rel = dist(net->theta, flow) / sqrt(nf);
  /* both integrate to rtol 1e-11; global error ~ 1e2 rtol over T = 2 */
  tap_ok(st == 0 && lt.n == 5 && fabs(lt.t[4] - T_END) < 1e-12,
         "trainer flow: 5 records on the GD grid t = lr step, last at T = %g (%ld gradient "
         "evaluations)",
         T_END, nrhs);
  tap_abs(rel, 0.0, 1e-8,
          "trainer flow (CVODE on backprop) = population-form flow (CVODE on Eq. 4) for the linear "
          "net at T");
  free(flow);
  gsl_vector_free(theta0);
  sa_mlp_free(net);
  problem_free(&pb);
}

static void trainer_flow_order(sa_act act, size_t L, gsl_rng *rng)
{
  problem pb;
  problem_alloc(&pb, rng);
  size_t widths[4] = {D, NH, NH, NH};
  widths[L] = 1;
  sa_mlp *net = sa_mlp_alloc(L, widths, act);
  sa_mlp_init(net, 1.2, rng);
  gsl_vector *theta0 = gsl_vector_alloc(net->n_params);
  gsl_vector_memcpy(theta0, net->theta);
  loss_trace lf, lg;
  /* records every 0.08 in t: on the grid of all three learning rates */
  const size_t records = 26;
  trainer_run(net, theta0, &pb, LR0 / 4, 1, records, &lf, NULL);
  double *flow = malloc(net->n_params * sizeof *flow);
  memcpy(flow, net->theta->data, net->n_params * sizeof *flow);
  double e[NLR], el[NLR];
  for (int k = 0; k < NLR; k++) {
    double lr = LR0 / pow(2.0, k);
    trainer_run(net, theta0, &pb, lr, 0, records, &lg, NULL);
    e[k] = dist(net->theta, flow);
    el[k] = 0;
    for (size_t i = 0; i < lg.n && i < lf.n; i++)
      el[k] = fmax(el[k], fabs(lg.loss[i] - lf.loss[i]));
  }
  const char *nm = sa_act_name(act);
  tap_diag("%s L=%zu: L(0) = %.4g, L(T) = %.4g; |theta_GD - theta_flow| at T: %.4e, %.4e, %.4e; "
           "max loss error over the records: %.4e, %.4e, %.4e (lr %g, %g, %g)",
           nm, L, lf.loss[0], lf.loss[lf.n - 1], e[0], e[1], e[2], el[0], el[1], el[2], LR0,
           LR0 / 2, LR0 / 4);
  tap_ok(lf.n == lg.n && lf.loss[lf.n - 1] < 0.8 * lf.loss[0],
         "%s L=%zu: flow and GD record the same grid; the flow leaves the initial region", nm, L);
  /* order of convergence: least-squares slope of ln e against ln lr */
  double p = 0, pl = 0, mx = 0;
  for (int k = 0; k < NLR; k++)
    mx += log(LR0 / pow(2.0, k)) / NLR;
  double sxx = 0, sxy = 0, sxyl = 0, my = 0, myl = 0;
  for (int k = 0; k < NLR; k++) {
    my += log(e[k]) / NLR;
    myl += log(el[k]) / NLR;
  }
  for (int k = 0; k < NLR; k++) {
    double x = log(LR0 / pow(2.0, k)) - mx;
    sxx += x * x;
    sxy += x * (log(e[k]) - my);
    sxyl += x * (log(el[k]) - myl);
  }
  p = sxy / sxx;
  pl = sxyl / sxx;
  if (act == SA_ACT_TANH) {
    tap_rel(e[1] / e[2], 2.0, RATIO_TOL,
            "%s L=%zu: GD converges to the trainer's CVODE flow at O(lr): weight error ratio "
            "e(lr)/e(lr/2) = %.4f at lr = %g",
            nm, L, e[1] / e[2], LR0 / 2);
    tap_rel(el[1] / el[2], 2.0, 4 * RATIO_TOL,
            "%s L=%zu: the same for the recorded loss curve (max over records), ratio %.4f", nm, L,
            el[1] / el[2]);
  } else {
    /* ReLU: the right-hand side jumps where a pre-activation changes sign;
     * GD crosses such a kink up to one step late, which adds an O(lr) error
     * whose constant depends on where the grid falls, so the ratio of two
     * errors scatters around 2 (measured 2.39, 1.74) while the order fitted
     * over three learning rates stays 1.  Band 1 +- 0.2: a first-order
     * method that was wrongly compared (O(1) offset) gives 0, second order 2. */
    tap_abs(p, 1.0, 0.2,
            "%s L=%zu: GD converges to the trainer's CVODE flow at O(lr): fitted order of the "
            "weight error over lr = %g..%g is %.3f",
            nm, L, LR0 / 4, LR0, p);
    tap_abs(pl, 1.0, 0.2, "%s L=%zu: the same for the recorded loss curve, order %.3f", nm, L, pl);
  }
  free(flow);
  gsl_vector_free(theta0);
  sa_mlp_free(net);
  problem_free(&pb);
}

int main(void)
{
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 20385);
  gd_vs_flow(2, rng);
  gd_vs_flow(3, rng);
  conservation(2, rng);
  conservation(3, rng);
  trainer_flow_linear(rng);
  trainer_flow_order(SA_ACT_TANH, 3, rng);
  trainer_flow_order(SA_ACT_RELU, 2, rng);
  gsl_rng_free(rng);
  return tap_done();
}
