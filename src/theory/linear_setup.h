/* Setting up a scalar-output linear-network flow problem from options:
 * synthetic data X (D x P) with a power-law spectrum (0: whitened),
 * Sigma = X X^T / P, unit teacher beta in span(X), T = s beta^T, and
 * standard-parameterisation initial weights.
 *
 * Its functions and types keep the short prefix sa_linsetup_ (the file's former
 * name), so that callers read as before. */
#ifndef SA_LINEAR_SETUP_H
#define SA_LINEAR_SETUP_H

#include "theory/linear_flow.h"

typedef struct {
  size_t L, D, N, P; /* depth, inputs, hidden width (all layers), samples */
  double sigma, s, spectrum;
  unsigned long seed;
} sa_linsetup_params;

typedef struct {
  sa_linflow_problem pb;
  gsl_matrix *X, *Sigma, *T;
  gsl_vector *beta;
  double *theta;
} sa_linsetup;

/* Returns 0, or a GSL error code (allocation failure, bad sizes). */
int sa_linsetup_alloc(const sa_linsetup_params *p, sa_linsetup *out);
void sa_linsetup_free(sa_linsetup *su);

/* The same problem for data given by the caller (e.g. the hand-placed
 * samples of theory/kernel2d.h): inputs X (D x P), target map T (1 x D),
 * unit direction beta (D) for the observables; shape D -> N -> ... -> 1
 * with L - 1 hidden layers of width N, Sigma = X X^T / P, and
 * standard-parameterisation weights drawn from rng (nothing else is drawn,
 * so sa_linsetup_alloc's weights are those drawn after its data).  su takes
 * X, T and beta over: sa_linsetup_free frees them, and on failure they are
 * freed before returning.  Returns GSL_SUCCESS, GSL_EINVAL (sizes) or
 * GSL_ENOMEM. */
int sa_linsetup_from_data(size_t L, size_t N, double sigma, gsl_rng *rng, gsl_matrix *X,
                          gsl_matrix *T, gsl_vector *beta, sa_linsetup *su);

/* How a flow of the problem above is integrated and recorded (the options
 * that `flow`, `kernel-trace`, `unwhitened` and `kernel2d` share, so the
 * same options give the same trajectory). */
typedef struct {
  size_t samples;        /* recorded times after t = 0: at least 2 on a log
                          * grid, at least 1 on an even one                 */
  double t_first, t_end; /* grid of sa_grid_record (core/sa_grid.h): from
                          * t_first log-spaced when log_time, else evenly
                          * spaced from t_end/(samples-1); ends at t_end
                          * (one sample: t_end alone)                       */
  int log_time;
  sa_ode_method method;
  double rtol;
  double atol;       /* per weight, in units of its initial standard
                      * deviation sigma/sqrt(fan_in) (sa_linnet_atol)   */
  long max_steps;    /* integrator step limit per output time            */
  double stop_ratio; /* stop once L/L0 < stop_ratio (0: run to t_end)    */
} sa_linsetup_run_params;

typedef struct {
  sa_linsetup su;   /* data, teacher, initial weights, flow problem */
  double *times;    /* the r->samples recording times */
  double *atol_vec; /* per-weight absolute tolerances */
  sa_ode_params par;
} sa_linsetup_run;

/* The problem-free part of a run, for flows set up otherwise (multiout):
 * *times (r->samples recording times), *atol_vec (atol sigma/sqrt(fan_in)
 * per weight of `shape`) and *par (pointing at *atol_vec).  Returns
 * GSL_SUCCESS, or GSL_EINVAL (grid) or GSL_ENOMEM with a message and
 * nothing to free; else free(*times), free(*atol_vec). */
int sa_linsetup_schedule_alloc(const sa_linnet_shape *shape, double sigma,
                               const sa_linsetup_run_params *r, double **times, double **atol_vec,
                               sa_ode_params *par);

/* Builds the problem p and the grid, tolerances and integrator parameters
 * r for sa_linflow_run(&run->su.pb, run->su.theta, run->times,
 * r->samples, &run->par, ...).  Returns GSL_SUCCESS; GSL_EINVAL (sizes, no
 * samples or one on a log grid, a grid that does not increase) or GSL_ENOMEM, with
 * the message in sa_error_message (core/sa_errno.h) and nothing to free. */
int sa_linsetup_run_alloc(const sa_linsetup_params *p, const sa_linsetup_run_params *r,
                          sa_linsetup_run *run);
void sa_linsetup_run_free(sa_linsetup_run *run);

#endif
