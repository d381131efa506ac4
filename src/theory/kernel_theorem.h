/* The kernel-regression theorem of App. B (Lemma 1, Lemma 2, Theorem 1),
 * checked by integrating the function-space gradient flow with CVODE.
 *
 * Training errors Delta = y - f (P-vector) and test values f(x) obey
 *     dDelta/dt = -K(t) Delta,    df(x)/dt = k_t(x)^T Delta        (11), (16)
 * with the Gram schedule of Eq. (18):
 *     t <= tau:  K(t) = eps [(1 - t/tau) K0 + (t/tau) K_inf]  (the kernel
 *                aligns while small; --static-phase1 keeps eps K0),
 *     t >  tau:  K(t) = g(t) K_inf,  g(t) = eps + (1 - eps) (l(r(t-tau-d)) -
 *                l(-r d)) / (1 - l(-r d)),  l the logistic function,
 * so g is continuous and monotone, g(tau) = eps, g -> 1 (rate r, delay d).
 * The transition matrix Phi (dPhi/dt = -K(t) Phi, Phi(0) = I) is
 * integrated as a matrix ODE alongside, for Lemma 1.
 *
 * Theorem 1: f(x) - f0(x) = k_inf(x)^T K_inf^{-1} (y - f0) + O(eps tau).
 * Exactly, f - f0 - k_inf^T K_inf^{-1} Delta0
 *     = int_0^tau eps k_t^T Phi(t) Delta0 dt + k_inf^T K_inf^{-1} (Phi(tau) - I) Delta0,
 * whose size is at most  eps tau |Delta0| (kt0(x) + k0 |K_inf^{-1} k_inf(x)|)
 * with kt0(x) = max_t |k_t(x)|, k0 = max_{t<=tau} |K(t)/eps|_op (the
 * maximum of a convex combination sits at an end). */
#ifndef SA_KERNEL_THEOREM_H
#define SA_KERNEL_THEOREM_H

#include "core/sa_ode.h"

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <stddef.h>

/* Training and test kernels, targets, initial function. */
typedef struct {
  size_t P, ntest;
  gsl_matrix *K0, *Kinf; /* P x P Gram matrices                   */
  gsl_matrix *k0, *kinf; /* ntest x P: row i is k(x_i)^T          */
  gsl_vector *y;         /* P targets                             */
  gsl_vector *f0_train;  /* f_0 on the training points (P)        */
  gsl_vector *f0_test;   /* f_0 on the test points (ntest)        */
} sa_ktheorem_problem;

/* Random-feature kernels: each point gets nfeat features N(0, 1/nfeat) for
 * K0 and an independent set for K_inf; y ~ N(0,1); f0 = f0_scale N(0,1).
 * nfeat >= P makes both Gram matrices positive definite w.p. 1.  NULL on
 * bad sizes or memory. */
sa_ktheorem_problem *sa_ktheorem_problem_alloc(size_t P, size_t ntest, size_t nfeat,
                                               double f0_scale, gsl_rng *r);
void sa_ktheorem_problem_free(sa_ktheorem_problem *pb);

typedef struct {
  double eps, tau;
  double g_rate, g_delay; /* logistic g of the header comment           */
  int static_phase1;      /* 1: K = eps K0 on [0, tau]                   */
} sa_ktheorem_schedule;

typedef struct {
  int method;        /* sa_ode_method                                */
  double rtol, atol; /* integrator tolerances                        */
  long max_steps;    /* per CVODE call                               */
  double delta_tol;  /* stop when |Delta| <= delta_tol |Delta0|      */
  double t_max;      /* give up if not reached by then               */
  double sample_dt;  /* |Phi(t)|_op sampled every sample_dt          */
} sa_ktheorem_solver;

typedef struct {
  double phi_dev;      /* |Phi(tau) - I|_op (Lemma 1)                  */
  double k0_op;        /* k0 = max_{t<=tau} |K(t)/eps|_op              */
  double lemma1_bound; /* eps k0 tau                                   */
  double phi_max;      /* max |Phi(t)|_op over the samples, t > 0      */
  double delta_end;    /* |Delta(t_end)| / |Delta0|                    */
  double t_end;
  long nsteps; /* CVODE steps, both phases                     */
} sa_ktheorem_result;

/* Everything the routines below need for P training and ntest test
 * points, allocated once (they allocate nothing else but CVODE's memory):
 * the ODE state, the SVD of a P x P matrix, a Cholesky factor and two
 * P-vectors.  NULL on bad sizes or memory. */
typedef struct {
  size_t P, ntest;
  double *y;         /* ODE state, P + ntest + P^2                 */
  gsl_matrix *A, *V; /* SVD input (overwritten) and right vectors  */
  gsl_vector *S, *svd_work;
  gsl_matrix *L;     /* Cholesky factor                            */
  gsl_vector *c, *d; /* P-vectors                                  */
} sa_ktheorem_workspace;

sa_ktheorem_workspace *sa_ktheorem_workspace_alloc(size_t P, size_t ntest);
void sa_ktheorem_workspace_free(sa_ktheorem_workspace *w);

/* Integrate both phases; f_test (length ntest) receives f at t_end.
 * Returns GSL_SUCCESS; GSL_EINVAL (schedule or solver parameters),
 * GSL_EBADLEN (workspace of other sizes), GSL_ENOMEM (the integrator's
 * memory), GSL_EMAXITER (|Delta| still above delta_tol |Delta0| at
 * t_max) or sa_ode's status (SA_ESOLVER: the integrator's flag named),
 * with the message in sa_error_message() (core/sa_errno.h). */
int sa_ktheorem_solve(const sa_ktheorem_problem *pb, const sa_ktheorem_schedule *s,
                      const sa_ktheorem_solver *sv, gsl_vector *f_test, sa_ktheorem_result *res,
                      sa_ktheorem_workspace *w);

/* Kernel-regression prediction out = f0_test + k K^{-1} (y - f0_train)
 * (Cholesky, core/sa_linalg.h).  Returns GSL_SUCCESS, GSL_EBADLEN, or the
 * status of sa_linalg_cholesky (GSL_EDOM: K is not positive definite),
 * with its message (the caller adds which kernel it passed). */
int sa_ktheorem_predict(const sa_ktheorem_problem *pb, const gsl_matrix *K, const gsl_matrix *k,
                        gsl_vector *out, sa_ktheorem_workspace *w);

/* The Theorem-1 bound of the header comment, per test point.  Statuses as
 * for sa_ktheorem_predict (K_inf is factorised).  The workspaces of these
 * three routines are w of the problem's P and ntest (GSL_EBADLEN else). */
int sa_ktheorem_bound(const sa_ktheorem_problem *pb, const sa_ktheorem_schedule *s,
                      gsl_vector *bound, sa_ktheorem_workspace *w);

/* How much of the bound is used: max over test points of
 * |f_i - finf_i| / bound_i (at most 1 where Theorem 1 holds); the three
 * vectors have the same length. */
double sa_ktheorem_bound_ratio(const gsl_vector *f, const gsl_vector *finf,
                               const gsl_vector *bound);

/* g(t) for t >= tau. */
double sa_ktheorem_g(const sa_ktheorem_schedule *s, double t);

/* Largest singular value of a P x P matrix (gsl_linalg_SV_decomp in w);
 * NaN if M is not P x P or the SVD fails. */
double sa_ktheorem_opnorm(const gsl_matrix *M, sa_ktheorem_workspace *w);

#endif
