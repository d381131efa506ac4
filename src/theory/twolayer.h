/* Two-layer linear network, scalar output, whitened data: closed forms
 * (paper Sec. 3, App. C; learning rate 1).
 *
 * Balanced Phase II (App. C.4, Eq. 49): c = u^2 = |a|^2 obeys
 *   dc/dt = 2 c (s - c),  c(t) = s e^{2st} / (e^{2st} - 1 + s/c0).
 * Full path (App. C.5, Eqs. 50-51), parameterised by c0:
 *   q(t) = 2 s cosh(2st) / (e^{2st} - 1 + s/c0),
 *   r(t) = 2 s sinh(2st) / (e^{2st} - 1 + s/c0),
 * so q + r = 2 c(t).  The paper takes c0 = q0/2; c0 = (q0 + r0)/2 is the
 * coefficient of the growing Phase-I mode (see below).
 * Phase I (App. C.1, Eq. 33): d/dt (q, r) = 2s (r, q), solved by
 *   q + r = (q0 + r0) e^{2st},  q - r = (q0 - r0) e^{-2st}.
 * Half-loss time of the balanced logistic, L = (s - c)^2/2,
 * L(0) = (s - c0)^2/2:  e^{2st} = 1 + (sqrt2 - 1) s/c0, exactly.
 * Initial statistics (Eq. 34; exact in expectation for every N, D):
 *   <q0> = sigma^2/2 (1 + N/D),  <r0> = 0,  <r0^2> = sigma^4/D. */
#ifndef SA_TWOLAYER_H
#define SA_TWOLAYER_H

#include <stddef.h>

/* Which initial value stands for c0 in Eqs. (49)-(51). */
typedef enum { SA_TWOLAYER_C0_Q0 = 0, SA_TWOLAYER_C0_Q0R0 = 1 } sa_twolayer_c0_rule;

/* c0 = q0/2 (paper) or (q0 + r0)/2 (growing-mode coefficient). */
double sa_twolayer_c0(double q0, double r0, sa_twolayer_c0_rule rule);

/* Eq. (49): the logistic c(t). */
double sa_twolayer_logistic(double t, double s, double c0);
/* Eqs. (50)-(51). */
double sa_twolayer_q(double t, double s, double c0);
double sa_twolayer_r(double t, double s, double c0);
/* Eq. (33) solution: the Phase-I exponentials. */
void sa_twolayer_phase1(double t, double s, double q0, double r0, double *q, double *r);

/* Loss of the balanced solution, (s - c)^2 / 2. */
double sa_twolayer_loss(double c, double s);
/* Exact half-loss time: ln(1 + (sqrt2 - 1) s/c0) / (2s). */
double sa_twolayer_t_half(double s, double c0);
/* shared/paper.md's approximation (L0 taken as s^2/2):
 * ln[(sqrt2 - 1)(s/c0 - 1)] / (2s).  NAN when the argument is <= 0. */
double sa_twolayer_t_half_approx(double s, double c0);
/* Midpoint c = s/2 of Eq. (49): ln(s/c0 - 1) / (2s). */
double sa_twolayer_t_mid(double s, double c0);

/* Eq. (34) and the second moments needed for standard errors
 * (a ~ N(0, sigma^2/N I_N), W ~ N(0, sigma^2/D) entrywise, |beta| = 1):
 *   Var q0   = sigma^4/2 (1/N + N/D^2),
 *   Var r0   = sigma^4/D,
 *   Var r0^2 = sigma^8/D^2 (2 + 6/N). */
typedef struct {
  double q0_mean, q0_var, r0_mean, r0_var, r0sq_mean, r0sq_var;
} sa_twolayer_initstats;

void sa_twolayer_init_moments(double sigma, double N, double D, sa_twolayer_initstats *m);

#endif
