/* Optimisers on a flat parameter vector (paper sections 1.1, 2.8).
 *
 * Full-batch gradient descent with a constant learning rate lr:
 *   theta_{t+1} = theta_t - lr g_t,           g_t = dL/dtheta(theta_t).
 * Forward Euler on the gradient flow d theta/dt = -g with step lr, so
 * step t corresponds to flow time lr t.
 *
 * Adam (Kingma & Ba 2015, Algorithm 1), t = 1, 2, ... counting steps:
 *   m_t = beta1 m_{t-1} + (1 - beta1) g_{t-1}
 *   v_t = beta2 v_{t-1} + (1 - beta2) g_{t-1}^2          (elementwise)
 *   m^_t = m_t / (1 - beta1^t),  v^_t = v_t / (1 - beta2^t)
 *   theta_t = theta_{t-1} - lr m^_t / (sqrt(v^_t) + eps),
 * with m_0 = v_0 = 0 (g_{t-1} is the gradient at theta_{t-1}; Kingma & Ba
 * index it g_t).  This is the paper's form with eps added outside the
 * square root, not the "eps-hat" variant of their section 2.
 *
 * Effective per-parameter rate for the App. J.1 kernel (eqs. 90-91).  Adam
 * moves theta_j by -eta_j m^_j, so the rate multiplying the (momentum-
 * averaged) gradient in the step LEAVING theta_t is
 *   eta_j(t) = lr / (sqrt(v^_{t+1,j}) + eps),
 * where v^_{t+1} is the bias-corrected second moment after the current
 * gradient g_t has been folded in (the value the next step will use).  At
 * t = 0 this gives eta_j(0) = lr / (|g_j(0)| + eps), the rate of the first
 * step.  sa_optim_rates computes it without changing the optimiser state.
 * For GD, eta_j = lr for every j.  (lr_t = lr: the learning rate is
 * constant; there is no learning-rate schedule.) */
#ifndef SA_TRAIN_OPTIM_H
#define SA_TRAIN_OPTIM_H

#include <gsl/gsl_vector.h>
#include <stddef.h>

typedef enum { SA_OPTIM_GD = 0, SA_OPTIM_ADAM = 1 } sa_optim_kind;

typedef struct {
  sa_optim_kind kind;
  double lr;    /* learning rate (> 0)                          */
  double beta1; /* Adam first-moment decay, [0, 1)              */
  double beta2; /* Adam second-moment decay, [0, 1)             */
  double eps;   /* Adam denominator offset, > 0                  */
} sa_optim_params;

typedef struct {
  sa_optim_params par;
  size_t n;        /* number of parameters                        */
  unsigned long t; /* steps taken                                 */
  gsl_vector *m;   /* Adam first moment (NULL for GD)             */
  gsl_vector *v;   /* Adam second moment (NULL for GD)            */
  double b1t, b2t; /* beta1^t, beta2^t                            */
} sa_optim;

/* "gd" or "adam" -> kind; GSL_EINVAL (with a message) if unknown. */
int sa_optim_kind_from_name(const char *name, sa_optim_kind *kind);
const char *sa_optim_kind_name(sa_optim_kind kind);

/* Checks the parameters (lr > 0; for Adam beta1, beta2 in [0,1), eps > 0)
 * and allocates the state for n parameters, moments zero.  NULL on bad
 * parameters or allocation failure. */
sa_optim *sa_optim_alloc(const sa_optim_params *par, size_t n);
void sa_optim_free(sa_optim *opt);

/* Back to t = 0 with zero moments. */
void sa_optim_reset(sa_optim *opt);

/* One step: theta <- theta - update(grad) as above.  Returns GSL_SUCCESS
 * or GSL_EBADLEN if a length differs from n. */
int sa_optim_step(sa_optim *opt, gsl_vector *theta, const gsl_vector *grad);

/* eta_j(t) of the header comment, for the current gradient grad (the
 * gradient at the current theta); eta has length n.  Does not change the
 * state.  Returns GSL_SUCCESS or GSL_EBADLEN. */
int sa_optim_rates(const sa_optim *opt, const gsl_vector *grad, gsl_vector *eta);

#endif
