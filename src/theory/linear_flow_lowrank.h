/* The deep linear gradient flow by Dormand-Prince 5(4) in factored form
 * (sa_linflow_run with method SA_ODE_LOWRANK, --method=lowrank).
 *
 * The same ODE and the same Runge-Kutta pair as SA_ODE_ERK, written so that
 * the stage states are never formed.  The gradient of every layer has rank
 * <= C (linear_net.h): dW^l/dt = U^l V^l^T with U^l = S_l^T (n_l x C) and
 * V^l = p_{l-1} (n_{l-1} x C).  A stage state of an explicit step is then
 *   Y_i = W + h sum_{j<i} a_ij U_j V_j^T,
 * "the weights plus a low-rank term", and the right-hand side at Y_i needs
 * only products of Y_i with C vectors (the suffix and prefix chains):
 *   Y x = W x + U_(i) (diag(h a_ij) (V_(i)^T x)),
 * i.e. two matrix-vector passes over W per stage plus O(7 C N) work.
 *
 * Error test, per layer: the weighted RMS norm of the error estimate
 * X = h sum_j (b_j - bhat_j) U_j V_j^T with weights 1/(rtol |W_ij| +
 * atol_l) at the start of the step (as ARKODE), over all weights.  While
 * rtol max|W^l_ij| <= SA_LOWRANK_TIGHT atol_l (atol dominates; the
 * default --atol makes it so until the weights have grown through the
 * loss drop) the layer's term is taken as |X^l|_F^2 / atol_l^2, computed
 * from thin QR factorisations of the slots' U and V columns without
 * forming X: never below the exact term and at most (1 + SA_LOWRANK_TIGHT)^2
 * times it, so the test is never weaker and the steps at most
 * 2^(1/5) = 1.15 times more (in practice a few per cent).  A layer past
 * that bound gets the exact sum in one pass over it (GEMM row blocks that
 * stay in cache).  max|W^l| is tracked by a bound (exact after each exact
 * pass, plus sum_j |b_j| max|U_j| max|V_j| per step).  An accepted step
 * updates the weights in place, in the caller's theta (one GEMM per layer
 * over the slots with b_j != 0), so that the state has one buffer, which
 * stays in cache.  In exact arithmetic the solution is that of the
 * explicit method on the flat state, up to the step sequence.
 *
 * Method: Dormand-Prince 5(4), 7 stages, first same as last; norm = RMS
 * over all weights; PI step-size control of Hairer-Wanner's DOPRI5
 * (h_new = h err^-0.17 err_prev^0.04 / 0.9 ... see the .c file; safety 0.9,
 * growth <= 10, shrink >= 0.2, no growth right after a rejection); initial
 * step by Hairer-Wanner's heuristic (one extra right-hand side).  Outputs
 * and events use the method's 4th-order continuous extension (a linear
 * combination of the weights and the stages, so it also stays factored):
 * the weights are formed only at the requested times; the events of
 * linear_flow.h are located by sign change at accepted steps and refined by
 * the Illinois method on the continuous extension to 1e-12 relative in t
 * (t_align on a low-rank update of the step-end Gram of layer 1).
 *
 * Failures (GSL statuses, message in sa_error_message()):
 *   SA_ESOLVER  a non-finite state (the integrator became unstable), the
 *               step limit par->max_steps per output time reached
 *               ("TOO_MUCH_WORK"), the step size underflowed, or 50
 *               rejected steps in a row;
 *   GSL_EINVAL  tolerances not positive; GSL_ENOMEM; GSL_EFAILED (the
 *               observer returned non-zero). */
#ifndef SA_LINEAR_FLOW_LOWRANK_H
#define SA_LINEAR_FLOW_LOWRANK_H

#include "theory/linear_flow.h"

/* Same contract as sa_linflow_run (par->method is not read). */
int sa_linflow_lowrank_run(const sa_linflow_problem *pb, double *theta, const double *times,
                           size_t ntimes, const sa_ode_params *par, sa_linflow_observer obs,
                           void *user, sa_linflow_result *res);

/* The factored right-hand side on its own (for tests).  A workspace holds
 * the factors of up to SA_LOWRANK_SLOTS stage slopes K_j = f(Y_j). */
#define SA_LOWRANK_SLOTS 7
typedef struct sa_lowrank sa_lowrank;
sa_lowrank *sa_lowrank_alloc(const sa_linflow_problem *pb);
void sa_lowrank_free(sa_lowrank *w);
/* K_slot := f(W + sum_{j<nprev} coef[j] K_j) (nprev <= slot); returns the
 * loss at that state (non-finite if the state is). */
double sa_lowrank_stage(sa_lowrank *w, const double *W, size_t nprev, const double *coef,
                        size_t slot);
/* dtheta := K_slot as a flat parameter vector. */
void sa_lowrank_expand(const sa_lowrank *w, size_t slot, double *dtheta);
/* ||sum_j coef[j] K_j||_F^2 over layer l (1..L) from the factors alone
 * (thin Householder QR of the slots' U and V columns): the factored error
 * test's norm. */
double sa_lowrank_frob2(sa_lowrank *w, size_t l, const double *coef);

/* The factored error test is used in layer l while
 * rtol max|W^l_ij| <= SA_LOWRANK_TIGHT atol_l. */
#define SA_LOWRANK_TIGHT 1.0

/* One Dormand-Prince step of size h from W (for tests): out := the
 * continuous extension at t + th h (th in [0, 1]; th = 1: the step's
 * 5th-order result).  Returns the loss at the last stage state. */
double sa_lowrank_dense_step(sa_lowrank *w, const double *W, double h, double th, double *out);

#endif
