/* A thin driver around SUNDIALS for the gradient-flow ODEs.
 *
 * Solves y' = f(t, y), y(t0) = y0, with one of three methods:
 *   SA_ODE_ERK   ARKODE ERKStep, explicit Runge-Kutta with an embedded
 *                error estimate (Dormand-Prince 5(4); see sa_ode.c);
 *   SA_ODE_ADAMS CVODE Adams-Moulton (orders 1-12) with fixed-point
 *                iteration;
 *   SA_ODE_BDF   CVODE BDF (orders 1-5) with Newton iteration: a dense
 *                difference-quotient Jacobian for small systems, matrix-free
 *                GMRES for large ones.
 * Tolerances: relative rtol, absolute atol per component.  Root functions
 * g_i(t, y) mark events such as the half-loss time (both packages locate
 * them on their dense output).  Every SUNDIALS failure is reported with the
 * package's own flag name. */
#ifndef SA_ODE_H
#define SA_ODE_H

#include <stddef.h>

typedef int (*sa_ode_rhs)(double t, const double *y, double *ydot, void *user);
typedef int (*sa_ode_roots)(double t, const double *y, double *g, void *user);

/* SA_ODE_LOWRANK is not a method of sa_ode: it is Dormand-Prince 5(4) on
 * the linear-network weight flow in factored form (theory/linear_flow_lowrank.h),
 * chosen through sa_linflow_run; sa_ode_alloc refuses it (GSL_EINVAL). */
typedef enum { SA_ODE_ADAMS = 0, SA_ODE_BDF = 1, SA_ODE_ERK = 2, SA_ODE_LOWRANK = 3 } sa_ode_method;

/* The method names in enum order, for an SA_OPT_CHOICE option (sa_opts.h). */
#define SA_ODE_METHOD_CHOICES "adams|bdf|erk|lowrank"
/* The help text shared by every --method option. */
#define SA_ODE_METHOD_HELP                                                                         \
  "integrator: erk (ARKODE explicit Runge-Kutta, Dormand-Prince 5(4)), adams (CVODE Adams, "       \
  "fixed point), bdf (CVODE BDF, Newton), lowrank (Dormand-Prince 5(4) on the factored "           \
  "linear-network flow; linear-network weight flows only)"

/* The same for subcommands whose ODE is not the weight flow of a linear
 * network (lowrank does not apply): the first three names, same indices. */
#define SA_ODE_METHOD_CHOICES_NOT_LOWRANK "adams|bdf|erk"
#define SA_ODE_METHOD_HELP_NOT_LOWRANK                                                             \
  "integrator: erk (ARKODE explicit Runge-Kutta, Dormand-Prince 5(4)), adams (CVODE Adams, "       \
  "fixed point), bdf (CVODE BDF, Newton)"

const char *sa_ode_method_name(sa_ode_method m);

/* Default relative tolerance of the reduced ODEs of the theory (the
 * one-component balanced ODE of `balanced`, the few-component systems of
 * `twolayer`, the linear function-space flow of `theorem`): cheap systems
 * (milliseconds) checked against closed forms and used as the reference
 * that full weight flows (SA_LINFLOW_RTOL, theory/linear_flow.h, 100x
 * looser) are compared with, so that a comparison measures the flow and
 * not the reference; `theorem` also resolves |f - f_inf| down to its
 * --delta-tol 1e-11. */
#define SA_ODE_RTOL_REFERENCE 1e-10

typedef struct {
  double rtol;
  double atol; /* scalar absolute tolerance, used when atol_vec is NULL */
  const double *atol_vec;
  long max_steps; /* per call of sa_ode_advance; 0 keeps SUNDIALS' 500 */
  sa_ode_method method;
} sa_ode_params;

typedef struct sa_ode sa_ode;

/* Statuses follow core/sa_errno.h: GSL_SUCCESS, or a failure status with
 * the message (SUNDIALS' own flag name and text included) in
 * sa_error_message(). */

/* *ode receives the integrator (NULL on failure).  Returns GSL_SUCCESS,
 * GSL_EINVAL (tolerances not positive, unknown method), GSL_ENOMEM, or
 * SA_ESOLVER (a SUNDIALS set-up call failed). */
int sa_ode_alloc(size_t n, sa_ode_rhs f, void *user, const sa_ode_params *p, const double *y0,
                 double t0, sa_ode **ode);
/* Event functions g_0..g_{nroots-1}.  May be called again during the run
 * to change them (e.g. fewer once an event has been found, so that its
 * function is no longer evaluated at every step).  GSL_SUCCESS or
 * SA_ESOLVER. */
int sa_ode_set_roots(sa_ode *ode, int nroots, sa_ode_roots g);
/* Integrate to tout (or to the next root).  y receives the state at the
 * time reached, *t that time.  Returns GSL_SUCCESS (tout reached),
 * GSL_CONTINUE (stopped at an event before tout: call again to go on), or
 * SA_ESOLVER (a SUNDIALS failure, or a right-hand side that refused a
 * non-finite state: the integrator became unstable, sa_ode_unstable_error). */
int sa_ode_advance(sa_ode *ode, double tout, double *t, double *y);
/* The failure of an integration that became unstable (a right-hand side
 * refused a non-finite state): SA_ESOLVER with the message "the integrator
 * became unstable at t=T (...)" and the reason SA_REASON_UNSTABLE
 * (core/sa_errno.h), which sa_ode_advance and the low-rank integrator
 * (theory/linear_flow_lowrank.h) return.  The message states the problem
 * only: what to change (a tighter tolerance, an implicit method) is said by
 * the program, in its own option names (src/cli/cli_status.h). */
int sa_ode_unstable_error(double t);
/* After GSL_CONTINUE from sa_ode_advance: found[i] != 0 for each event
 * function i that has a root at the returned time.  GSL_SUCCESS or
 * SA_ESOLVER. */
int sa_ode_root_info(sa_ode *ode, int *found);
/* Steps taken and right-hand-side evaluations so far; either pointer may be
 * NULL. */
void sa_ode_stats(const sa_ode *ode, long *nsteps, long *nrhs);
void sa_ode_free(sa_ode *ode);

#endif
