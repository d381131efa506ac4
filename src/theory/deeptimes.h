/* Time scales of the full deep linear flow (paper Fig. 3c): t_1/2 and
 * t_align (cos(W1^T W1, beta beta^T) = 1/2) of the scalar-output flow of
 * Eq. (9) from a standard-parameterisation start, whitened or not. */
#ifndef SA_DEEPTIMES_H
#define SA_DEEPTIMES_H

#include "theory/linear_setup.h"

typedef struct {
  int method;        /* sa_ode_method of the full flow                        */
  double rtol;       /* relative tolerance                                    */
  double atol;       /* absolute tolerance in units of sigma/sqrt(fan_in)     */
  long max_steps;    /* integrator step limit per output time                 */
  double t_end;      /* horizon                                               */
  double stop_ratio; /* stop once L/L0 < stop_ratio (after t_1/2 and t_align) */
} sa_deeptimes_params;

/* Runs the flow for the problem p; res gets t_half, t_align (NAN if not
 * reached) and the integrator's statistics.  Returns GSL_SUCCESS, or the
 * status of sa_linsetup_alloc or sa_linflow_run (SA_ESOLVER: the
 * integrator's flag named) with the message in sa_error_message()
 * (core/sa_errno.h). */
int sa_deeptimes_flow(const sa_linsetup_params *p, const sa_deeptimes_params *q,
                      sa_linflow_result *res);

/* A horizon for the full flow at depth L, teacher scale s and init scale
 * sigma: units T + 50/s, with T the small-init time scale of learning,
 * ln(s/sigma^2)/s at L = 2 and sigma^(2-L)/((L-2) s) at L >= 3 (the
 * balanced ODE's t_1/2 up to O(1), deepbal.h), and 50/s for the loss to
 * settle after the drop (the rate near the end is about s). */
double sa_deeptimes_horizon(unsigned L, double s, double sigma, double units);

#endif
