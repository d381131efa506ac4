/* Multiple outputs (paper Sec. 4.2, App. H), whitened inputs (Sigma = I).
 *
 * Teacher T = sum_alpha s_alpha z_alpha v_alpha^T (C x D) with random
 * orthonormal z_alpha in R^C, v_alpha in R^D.  Under balance each mode is
 * an independent balanced flow (App. E.1 with s -> s_alpha):
 *   c_alpha = z_alpha^T W_eff v_alpha,  c_alpha = u_alpha^L,
 *   du_alpha/dt = u_alpha^{L-1}(s_alpha - u_alpha^L),
 * logistic for L = 2: c(t) = s c0 e^{2st}/(s - c0 + c0 e^{2st}), c0 = u0^2.
 * The loss is the staircase  L(t) = 1/2 sum_alpha (s_alpha - c_alpha(t))^2.
 * Mode learning time t_alpha: half of that mode's loss (exact, deepbal.h);
 * the paper's 2-layer estimate is t_alpha = log(s_alpha/u0^2)/s_alpha.
 *
 * Effective initial overlap for L = 2 [derived]: early on, with
 * p = W1 v_alpha and q = W2^T z_alpha, dp/dt = s_alpha q and dq/dt = s_alpha p,
 * so c = q.p grows as |p0 + q0|^2/4 e^{2 s_alpha t}: c0_alpha = |p0+q0|^2/4.
 * Once a faster mode beta is learned, W2^T W2 and W1 W1^T hold s_beta h_beta
 * h_beta^T (h_beta its hidden direction), and the components of p, q along
 * h_beta decay at rate s_beta - s_alpha: the part of p0 + q0 along the
 * hidden directions of faster modes does not count.  Hence
 *   c0_alpha = |Pi_alpha (p0 + q0)|^2 / 4,
 * Pi_alpha projecting out (p0 + q0)_beta of every mode with s_beta > s_alpha
 * (an O(#faster modes / N) correction at width N). */
#ifndef SA_MULTIOUT_H
#define SA_MULTIOUT_H

#include "core/sa_ode.h"
#include "theory/linear_net.h"

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>

typedef struct {
  size_t C, D, nmodes;
  double *s;     /* singular values s_alpha, nmodes */
  gsl_matrix *Z; /* C x nmodes, orthonormal columns z_alpha */
  gsl_matrix *V; /* D x nmodes, orthonormal columns v_alpha */
  gsl_matrix *T; /* C x D teacher */
} sa_multiout_teacher;

/* nmodes <= min(C, D).  Returns 0 or a GSL error code. */
int sa_multiout_teacher_alloc(size_t C, size_t D, const double *s, size_t nmodes, gsl_rng *rng,
                              sa_multiout_teacher *t);
void sa_multiout_teacher_free(sa_multiout_teacher *t);

/* c_alpha(t) of the balanced per-mode flow with initial u0 (closed form). */
double sa_multiout_mode_c(unsigned L, double s_alpha, double u0, double t);
/* Staircase loss 1/2 sum (s_alpha - c_alpha(t))^2; u0[alpha] per mode. */
double sa_multiout_loss(unsigned L, const double *s, const double *u0, size_t nmodes, double t);
/* Half of mode alpha's loss: exact closed form. */
double sa_multiout_mode_time(unsigned L, double s_alpha, double u0);
/* The paper's t_alpha = log(s_alpha/u0^2)/s_alpha (2 layers). */
double sa_multiout_mode_time_paper(double s_alpha, double u0);

/* Mode learning times measured along a recorded flow: mode alpha's own
 * loss (s_alpha - c_alpha)^2 / 2, here g = (s_alpha - c_alpha)^2 (the same
 * passage), reaches half its value at t = 0
 * between two records at t_k-1 and t_k (g_k <= g(0)/2 < g_k-1), and
 *   t_alpha = t_k-1 + (t_k - t_k-1)(g_k-1 - g(0)/2)/(g_k-1 - g_k)
 * (linear interpolation; NaN until the passage).  The arrays have nmodes
 * entries each and belong to the caller. */
typedef struct {
  size_t nmodes;
  double prev_t;
  double *g0, *prev_g, *t_mode;
} sa_multiout_modetimes;

/* Every t_mode NaN: no passage yet. */
void sa_multiout_modetimes_start(sa_multiout_modetimes *m);
/* One record: time t (the first one t = 0), the teacher's s and the
 * overlaps c (nmodes each). */
void sa_multiout_modetimes_record(sa_multiout_modetimes *m, double t, const double *s,
                                  const double *c);

/* Mode overlaps z_alpha^T W v_alpha of a C x D matrix W into c[nmodes]. */
void sa_multiout_overlaps(const sa_multiout_teacher *t, const gsl_matrix *W, double *c);

/* L = 2: c0_alpha = |Pi_alpha(W1 v_alpha + W2^T z_alpha)|^2/4 from the initial weights
 * theta (shape D -> N -> C); u0_alpha = sqrt(c0_alpha) into u0[nmodes]. */
int sa_multiout_u0_twolayer(const sa_linnet_shape *shape, const double *theta,
                            const sa_multiout_teacher *t, double *u0);

/* The full flow with C outputs.  Widths D, N (every hidden layer), C;
 * standard-parameterisation start with scale sigma from rng; Sigma = I. */
typedef struct {
  sa_linnet_shape shape;
  gsl_matrix *Sigma;
  double *theta;
} sa_multiout_net;

int sa_multiout_net_alloc(size_t L, size_t D, size_t N, size_t C, double sigma, gsl_rng *rng,
                          sa_multiout_net *net);
void sa_multiout_net_free(sa_multiout_net *net);

#endif
