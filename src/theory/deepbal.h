/* The balanced deep linear network, scalar output (App. E.1).
 *
 * After balancing, every layer is u r_{l+1} r_l^T and the flow reduces to
 *   du/dt = u^{L-1} (s - u^L),  u(0) = u0,   loss  L = (s - u^L)^2 / 2,
 * so that c = u^L obeys dc/dt = L c^{2-2/L} (s - c) (the paper's Eq. 60
 * drops this factor L).  Half loss, L(t) = L(0)/2, is reached at
 *   u_h^L = s - (s - u0^L)/sqrt 2.
 * Closed form of the whole path (any integer L >= 2), from the partial
 * fractions 1/(u^{L-1}(s - u^L)) = (1/s)[u^{1-L} + u/(s - u^L)]:
 *   s t(u) = [u0^{2-L} - u^{2-L}]/(L-2) + J(u) - J(u0)   (ln(u/u0) for L = 2)
 *   J(v)   = -(1/L) sum_k rho_k^{2-L} log(v - rho_k),  rho_k = s^{1/L} e^{2 pi i k/L}.
 * Asymptotic half-loss time: t_1/2 ~ u0^{2-L}/((L-2) s) for L >= 3 (the paper
 * prints L/((L-2) s) u0^{2-L}, a factor L too big); for L = 2 the exact
 * logistic value t_1/2 = ln(1 + (sqrt2 - 1) s/u0^2)/(2 s). */
#ifndef SA_DEEPBAL_H
#define SA_DEEPBAL_H

#include "core/sa_ode.h"

#include <stddef.h>

/* Closed form t(u) for u0 <= u < s^{1/L}.  NAN outside that range. */
double sa_deepbal_time(unsigned L, double s, double u0, double u);

/* u(t) by inverting the closed form t(u) (GSL Brent, relative accuracy
 * epsrel).  Returns 0 or a GSL error code.  Once u is within a relative
 * 1e-15 of s^{1/L} (beyond double precision of t(u)) u = s^{1/L}. */
int sa_deepbal_u(unsigned L, double s, double u0, double t, double epsrel, double *u);

/* The half-loss value u_h = (s - (s - u0^L)/sqrt2)^{1/L}. */
double sa_deepbal_u_half(unsigned L, double s, double u0);
/* t_1/2 from the closed form: sa_deepbal_time at u_h (exact). */
double sa_deepbal_t_half_exact(unsigned L, double s, double u0);
/* Small-u0 formula: u0^{2-L}/((L-2) s) for L >= 3; exact logistic for L = 2. */
double sa_deepbal_t_half_formula(unsigned L, double s, double u0);
/* As printed in the paper (Sec. 4.1.1): L/((L-2) s) u0^{2-L} (L >= 3), NAN for L = 2. */
double sa_deepbal_t_half_paper(unsigned L, double s, double u0);

/* Relaxation times after t_1/2 in the automatic horizon. */
#define SA_DEEPBAL_AUTO_RELAX 20.0

/* The default absolute tolerance of the reduced ODE for u(t), in units of
 * rtol * u0: errors below a thousandth of the relative tolerance at the
 * initial scale are not controlled (`balanced --atol`). */
#define SA_DEEPBAL_ATOL_U0 1e-3

/* The automatic horizon of a balanced run: t_1/2 (exact) plus
 * SA_DEEPBAL_AUTO_RELAX relaxation times of the linearised flow at the
 * fixed point c = s, whose rate is L s^{(2L-2)/L}:
 *   t_end = t_1/2 + 20 / (L s^{(2L-2)/L}).
 * The decay rate L c^{(2L-2)/L} of s - c grows towards that value, so the
 * loss at t_end is between e^{-40} and e^{-40 (c_h/s)^{(2L-2)/L}} times the
 * loss at t_1/2 (c_h = u_h^L). */
double sa_deepbal_t_end_auto(unsigned L, double s, double u0);

/* Predicted final NTK scale u^{2(L-1)} -> s^{(2L-2)/L} (Eq. 63 corrected)
 * and training-set alignment of x^T[(L-1) beta beta^T + I] x' on whitened
 * data of rank r: L / sqrt(L^2 + r - 1). */
double sa_deepbal_kernel_scale(unsigned L, double s);
double sa_deepbal_alignment_plateau(unsigned L, double r);

/* sa_ode integration of the balanced ODE through times[0..n-1]
 * (increasing, > 0).  u[k] receives u(times[k]); *t_half the integrator's
 * root of u^L - u_h^L (NAN if not reached).  nsteps, nrhs may be NULL.
 * Returns GSL_SUCCESS or sa_ode's failure status (SA_ESOLVER: the
 * integrator's flag named; GSL_EINVAL, GSL_ENOMEM) with the message in
 * sa_error_message() (core/sa_errno.h). */
int sa_deepbal_integrate(unsigned L, double s, double u0, const double *times, size_t n,
                         const sa_ode_params *par, double *u, double *t_half, long *nsteps,
                         long *nrhs);

/* t_1/2 of the balanced ODE alone: integrates from u0 until the root of
 * u^L - u_h^L and stops there (the stiff tail after learning, where an
 * explicit method's step is bounded by 3.3 / (L s^{(2L-2)/L}), is never
 * entered).  *t_half is NAN if the root is not reached by
 * 2 sa_deepbal_t_half_exact + 10/s.  Returns GSL_SUCCESS or a status as
 * for sa_deepbal_integrate. */
int sa_deepbal_t_half_ode(unsigned L, double s, double u0, const sa_ode_params *par, double *t_half,
                          long *nsteps, long *nrhs);

#endif
