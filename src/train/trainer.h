/* A training run: full-batch GD or Adam on an sa_mlp, with the paper's
 * measurements recorded along the way (paper sections 1.3, 3, 4).
 *
 * Loop.  For t = 0, 1, ..., steps: the loss L_t and its gradient g_t at
 * theta_t are computed (one forward/backward pass, sa_mlp_loss_grad); if t
 * is a record step the observables below are measured at theta_t and
 * passed to the observer; then, unless t = steps, the optimiser moves
 * theta_t -> theta_{t+1}.  Step 0 and the last step are always recorded.
 *
 * Record schedule (sa_train_schedule).  `records` steps between 0 and
 * `steps`: linear spacing rounds t_k = k steps / (records - 1); log
 * spacing rounds exp of an even grid from log 1 to log steps and prepends
 * 0.  Duplicates produced by rounding are dropped, so fewer than `records`
 * steps may result.
 *
 * Observables at a record (sa_train_record).  loss L_t; L_t / L_0; the
 * training classification error; test loss and error (NaN without test
 * data).  Classification: for C = 1, sign(f) against sign(y); for C > 1,
 * argmax_c f_c against argmax_c y_c.  NTK (if params.ntk): the training
 * Gram K_t (P x P, or CP x CP with index c*P + mu, ntk.h), its Frobenius
 * norm, the alignment A(t) = y^T K y / (||K||_F |y|^2) of ntk.h (for C > 1
 * on the full CP x CP kernel with the flattened targets) and its n_eig
 * largest eigenvalues.  Per-layer kernels (params.layer_kernels, with
 * ntk): the Frobenius norm and the alignment of each layer's part K_l of the
 * NTK (ntk.h, sa_ntk_gram_layers; K = sum_l K_l).  Adam with params.eta_kernel: the same norm and
 * alignment for the optimiser-weighted kernel of App. J.1 with the rates of
 * optim.h (sa_optim_rates; for GD it is lr K).  Linear nets with a teacher
 * B (C x D): cos(W1^T W1, B^T B) (= cos(W1^T W1, beta beta^T) for C = 1,
 * Fig. 3b).  Two-layer linear nets with C = 1 and a unit teacher direction
 * beta: q = 1/2 beta^T M beta with M = W^T W + |a|^2 I, and r = a^T W beta
 * (App. C.1, Eqs. 33-36).  Quantities that do not apply are NaN.
 *
 * Gradient flow (params.flow): instead of optimiser steps, the flow
 * d theta/dt = -grad L(theta) is integrated by sa_ode (core/sa_ode.h;
 * flow_method, default CVODE's non-stiff Adams; relative tolerance
 * flow_rtol, absolute tolerance flow_atol per entry, default flow_rtol times the RMS entry of
 * theta_0 so that a small initialisation is resolved) and recorded on the SAME grid as GD: record
 * step k is time t = lr * step_k (the optimiser parameters are ignored except lr).  GD with
 * learning rate lr is forward Euler on this flow, so its records converge to these at O(lr).  The
 * right-hand side is the backprop gradient of the network (nets/model.h, sa_model_loss_grad_at):
 * the MLP and the Wide ResNet are flowed alike.  Observables and the final kernel regression are
 * those of GD; the optimiser-weighted kernel does not apply (the flow's rates are all 1). Cost:
 * ReLU's right-hand side jumps wherever a pre-activation changes sign, and the integrator shrinks
 * its steps to locate each jump to the tolerance. Measured (two-layer ReLU, N = 100, whitened MNIST
 * 0/1, P = 100, sigma = 1e-5, t up to 50): 472 steps at rtol 1e-4, but 731 steps for t <= 1 alone
 * at 1e-5 and 3367 at 1e-6; at rtol 1e-4 the run's discrepancies and silence metrics agree with GD
 * at lr 0.1 to within 1%.  Hence the default flow_rtol = 1e-4; smooth nets (tanh, linear) can
 * afford much tighter.
 *
 * Divergence.  Training stops at step t if L_t is NaN or infinite, if
 * L_t > diverge_factor * L_0 (only when L_0 > 0), or if the gradient or
 * the parameters after a step contain NaN or Inf.  The observer is then
 * called once more with rec->diverged = 1 (step t, the offending loss, all
 * other observables NaN); the result has diverged = 1 and a reason.  The
 * final kernel regression is skipped.  Default factor:
 * SA_TRAIN_DIVERGE_FACTOR = 1e6 (a blow-up by six decades is far outside
 * anything a converging run does: full-batch GD on the MSE loss is
 * monotone for lr below 2/lambda_max of the Hessian, and Adam's spikes in
 * the paper's runs stay within a decade of the current loss).
 *
 * Final kernel regression (params.kernel_regression, test data given, not
 * diverged): with the NTK Gram and cross-kernel at step 0 (K_0) and at the
 * last step (K_inf), the ridgeless predictor of kernel_regression.h,
 *   f_K(x) = f_0(x) + k(x)^T K^+ (y - f_0)      (Eq. 2 / Theorem 1, default)
 *   f_K(x) = k(x)^T K^+ y                        (params.kr_plain)
 * with f_0 the network's outputs at step 0 (training and test points), the
 * relative discrepancies |f_NN - f_K| / |f_NN| (Euclidean norm over all
 * test points and outputs) and, for Adam with eta_kernel, the same for the
 * optimiser-weighted kernels at step 0 and at the end.  The predictions
 * are kept in the result (C x P_test each).
 *
 * Gram matrices (params.keep_gram): copies of the training NTK Gram at
 * step 0 (gram0) and at the last step (gram_inf), CP x CP, for pictures of
 * the kernel (Fig. E.3b); computed even without a test set or with ntk off.
 * gram_inf stays NULL when the run diverges. */
#ifndef SA_TRAIN_TRAINER_H
#define SA_TRAIN_TRAINER_H

#include "core/sa_ode.h"
#include "nets/mlp.h"
#include "nets/model.h"
#include "train/optim.h"

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#define SA_TRAIN_DIVERGE_FACTOR 1e6
/* Gradient flow's default relative tolerance: ReLU's kinks make
 * tighter ones costly (measured when the flow was added). */
#define SA_TRAIN_FLOW_RTOL 1e-4
/* Gradient flow's default integrator: Adams takes fewer right-hand sides
 * than ERK (875 against 1,075, Fig. 1's ReLU run at rtol 1e-4; 354 against
 * 542, Fig. H.1c's tanh run at 1e-6) at about the same CPU time and error
 * (README, "Experiment"); BDF 3.5 times as many. */
#define SA_TRAIN_FLOW_METHOD SA_ODE_ADAMS
#define SA_TRAIN_REASON_LEN 256

/* Data of a run.  X: D x P training inputs (columns), Y: C x P targets.
 * Xt, Yt: test set (D x P_test, C x P_test) or NULL.  teacher: C x D
 * linear teacher or NULL; beta: unit teacher direction (length D) or NULL.
 * All borrowed, not copied. */
typedef struct {
  const gsl_matrix *X, *Y;
  const gsl_matrix *Xt, *Yt;
  const gsl_matrix *teacher;
  const gsl_vector *beta;
} sa_train_data;

typedef struct {
  size_t steps;              /* optimiser steps                                  */
  size_t records;            /* requested record steps (>= 2)                    */
  int log_records;           /* log-spaced schedule                              */
  double diverge_factor;     /* stop when L_t > factor L_0 (> 1)                 */
  int ntk;                   /* measure the NTK at records                       */
  size_t n_eig;              /* top eigenvalues of K_t recorded (0: none)        */
  int eta_kernel;            /* also the optimiser-weighted kernel (Adam)        */
  int kernel_regression;     /* final K_0 / K_inf regression on the test set     */
  int kr_plain;              /* f_K = k^T K^+ y instead of the f_0-corrected form */
  double kr_rcond;           /* eigenvalue cutoff (SA_KREG_RCOND)                */
  int keep_gram;             /* keep the NTK Gram at step 0 and at the end       */
  int layer_kernels;         /* record norm and alignment of each layer's K_l    */
  int flow;                  /* gradient flow (sa_ode) instead of the optimiser  */
  sa_ode_method flow_method; /* its integrator (default SA_TRAIN_FLOW_METHOD) */
  double flow_rtol;          /* its relative tolerance (default 1e-4)            */
  double flow_atol;          /* absolute tolerance; <= 0: flow_rtol x RMS(theta_0) */
} sa_train_params;

/* Defaults: records 100 linear, factor SA_TRAIN_DIVERGE_FACTOR, ntk on,
 * 1 eigenvalue, eta kernel on, kernel regression on, rcond SA_KREG_RCOND. */
void sa_train_params_default(sa_train_params *p, size_t steps);

typedef struct {
  size_t step;
  double t;     /* lr * step: gradient-flow time for GD             */
  int diverged; /* 1 on the final record of a diverged run          */
  double loss, loss_ratio, train_err, test_loss, test_err;
  double k_norm, k_align;
  const double *k_eig; /* n_eig values, largest first (NaN if not measured) */
  double eta_norm, eta_align;
  double cos_w1, q, r;
  double grad_norm;                 /* |g_t|                                            */
  size_t n_layers;                  /* L when per-layer kernels are recorded, else 0    */
  const double *kl_norm, *kl_align; /* |K_l|_F and alignment, l = 1..L   */
} sa_train_record;

/* Called at every record; a non-zero return stops the run (GSL_EFAILED). */
typedef int (*sa_train_observer)(const sa_train_record *rec, void *user);

typedef struct {
  int diverged;
  size_t diverged_step;
  char reason[SA_TRAIN_REASON_LEN]; /* why it stopped (diverged or failed)  */
  size_t steps_done;                /* steps taken by the optimiser         */
  double loss0, loss_final;
  /* Kernel regression (NaN / NULL when not computed). */
  double disc_k0, disc_kinf, disc_eta0, disc_etainf;
  size_t rank_k0, rank_kinf;                            /* retained eigen-directions of K^+     */
  gsl_matrix *f_nn, *f_k0, *f_kinf, *f_eta0, *f_etainf; /* C x P_test */
  gsl_matrix *gram0, *gram_inf;                         /* NTK Gram at 0 / end (keep_gram)    */
  long flow_nsteps, flow_nrhs;                          /* integrator steps, gradient evaluations */
} sa_train_result;

void sa_train_result_init(sa_train_result *res);
void sa_train_result_free(sa_train_result *res);

/* The record steps: *out (malloc'ed) holds *n increasing steps starting at
 * 0 and ending at steps.  Returns GSL_SUCCESS, GSL_EINVAL (records < 2) or
 * GSL_ENOMEM. */
int sa_train_schedule(size_t steps, size_t records, int log_spacing, size_t **out, size_t *n);

/* Trains net (theta is modified in place, starting from its current value)
 * with a fresh optimiser of parameters opt.  Returns a status of
 * core/sa_errno.h: GSL_SUCCESS when the run completed; SA_EDIVERGED when it
 * diverged (res->reason says why; the observer has seen the final diverged
 * record); on failure GSL_EBADLEN (data of the wrong sizes), GSL_EINVAL
 * (parameters out of range), GSL_ENOMEM, GSL_EFAILED (observer stop) or the
 * kernel regression's GSL status, with the message both in res->reason and
 * in sa_error_message(). */
int sa_train_run(sa_mlp *net, const sa_train_data *data, const sa_optim_params *opt,
                 const sa_train_params *par, sa_train_observer obs, void *user,
                 sa_train_result *res);

/* The same for any network of nets/model.h (MLP or Wide ResNet);
 * sa_train_run is this with the MLP.  Observables that exist only for
 * MLPs (cos_w1, q, r) are NaN for other networks. */
int sa_train_run_model(const sa_model *net, const sa_train_data *data, const sa_optim_params *opt,
                       const sa_train_params *par, sa_train_observer obs, void *user,
                       sa_train_result *res);

#endif
