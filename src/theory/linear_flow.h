/* Gradient flow of a deep linear network, integrated with sa_ode (ARKODE
 * explicit Runge-Kutta, or CVODE Adams or BDF).
 *
 * d theta/dt = -grad L(theta) (learning rate 1; paper Eqs. 4 and 9), with
 * the population loss of linear_net.h.  The state is the flat parameter vector.
 * Two events are located by the integrator's root finder:
 *   t_half : L(t) = L(0)/2                      (half-loss time, t_1/2)
 *   t_align: cos(W1^T W1, beta beta^T) = 1/2    (paper Fig. 3c), if beta set
 * and the run can stop early once L(t)/L(0) falls below stop_ratio.
 *
 * Its functions and types keep the short prefix sa_linflow_ (the file's former
 * name), so that callers read as before. */
#ifndef SA_LINEAR_FLOW_H
#define SA_LINEAR_FLOW_H

#include "core/sa_ode.h"
#include "theory/linear_net.h"

/* Default relative tolerance of the weight flow of a linear network, for
 * every command that integrates one (flow, kernel-trace, multiout,
 * multiout-kernel, deep-times' full flow, kernel2d, unwhitened); the flow
 * of a trained (nonlinear) network has its own, SA_TRAIN_FLOW_RTOL
 * (train/trainer.h).  Measured against 1e-11, the figure data of Figs. 2,
 * C.1 and the unwhitened run differ by at most 1.5e-7 of a column's
 * largest value at 1e-8 (1e-8 for t_1/2), far below what a figure or a
 * table shows; no command needs a tighter default. */
#define SA_LINFLOW_RTOL 1e-8

typedef struct {
  sa_linnet_shape shape;
  const gsl_matrix *Sigma; /* D x D input covariance X X^T / P          */
  const gsl_matrix *T;     /* C x D teacher (s beta^T for a scalar output) */
  const gsl_vector *beta;  /* unit teacher direction for t_align, or NULL  */
  double stop_ratio;       /* stop when L/L0 < stop_ratio; 0: never        */
} sa_linflow_problem;

typedef struct {
  double t_half;  /* NAN if not reached */
  double t_align; /* NAN if not reached or beta NULL */
  double t_final; /* time the integration ended */
  double loss0;
  long nsteps, nrhs;
  /* --method=lowrank: layer error tests done by the factored bound (no
   * pass over the layer) and by the exact weighted norm (0 otherwise) */
  long ntest_factored, ntest_exact;
} sa_linflow_result;

/* Called at t = 0 and at each requested time (and once at an early stop). */
typedef int (*sa_linflow_observer)(double t, const double *theta, void *user);

/* Integrate from theta (initial weights; overwritten by the final ones;
 * after a failure, by the weights at some time the integration reached:
 * --method=lowrank integrates in theta itself and leaves the last accepted
 * step's) through the increasing times[0..ntimes-1].  Returns GSL_SUCCESS, or
 * GSL_ENOMEM, GSL_EFAILED (the observer returned non-zero), a status of
 * sa_ode (SA_ESOLVER: the integrator failed, its flag named), with the
 * message in sa_error_message() (core/sa_errno.h). */
int sa_linflow_run(const sa_linflow_problem *pb, double *theta, const double *times, size_t ntimes,
                   const sa_ode_params *par, sa_linflow_observer obs, void *user,
                   sa_linflow_result *res);

/* cos of W1^T W1 with beta beta^T: |W1 beta|^2 / ||W1 W1^T||_F, with the
 * caller's workspace (allocated once): gram is min(n1, D) square, w1b has
 * n1 entries.  0 for W1 = 0; NaN if gram has the wrong size. */
double sa_linflow_cos_w1(const sa_linnet_shape *shape, const double *theta, const gsl_vector *beta,
                         gsl_matrix *gram, gsl_vector *w1b);

/* The t_align event cos_w1 - 1/2 of the first layer w (n1 x D, row-major),
 * exact near the root and a cheap upper bound while far below it (see
 * linear_flow.c); gram is min(n1, D) square, w1b has n1 entries.  Shared by
 * both integrators of the flow (linear_flow_lowrank.c). */
double sa_linflow_align_event(const sa_linnet_shape *shape, const double *w, const gsl_vector *beta,
                              gsl_matrix *gram, gsl_vector *w1b);

#endif
