/* Two-layer reduced dynamics integrated with sa_ode (the independent path
 * to the closed forms of twolayer.h):
 *   logistic  dc/dt = 2 c (s - c)            (App. C.4, Eq. 49), with the
 *             half-loss event (s - c)^2 = (s - c0)^2 / 2 located by
 *             the integrator's root finder;
 *   Phase I   d/dt (q, r) = 2 s (r, q)        (App. C.1, Eq. 33). */
#ifndef SA_TWOLAYER_ODE_H
#define SA_TWOLAYER_ODE_H

#include "core/sa_ode.h"

#include <stddef.h>

/* c[k] = c(times[k]) for increasing times >= 0; *t_half receives the
 * half-loss time (NAN if not reached by the last time).  Returns
 * GSL_SUCCESS or sa_ode's failure status (SA_ESOLVER, GSL_EINVAL,
 * GSL_ENOMEM) with the message in sa_error_message() (core/sa_errno.h). */
int sa_twolayer_logistic_solve(double s, double c0, const double *times, size_t n,
                               const sa_ode_params *par, double *c, double *t_half, long *nsteps);

/* q[k], r[k] of the linear Phase-I system at times[k]; statuses as above. */
int sa_twolayer_phase1_solve(double s, double q0, double r0, const double *times, size_t n,
                             const sa_ode_params *par, double *q, double *r);

#endif
