/* One interface over the networks that `silentalign train` can train: the
 * fully-connected net of mlp.h (its NTK by layer-wise Hadamard products,
 * ntk.h) and the Wide ResNet of wrn.h (its NTK from per-sample gradients,
 * wrn_ntk.h).  The training loop (train/trainer.h) sees only this: the
 * parameter vector, a loss and gradient, a forward pass with its outputs,
 * and the kernels
 *
 *   K  = NTK Gram on the training inputs         (P x P, or CP x CP),
 *   Kx = NTK between test and training inputs,
 *   E, Ex = the same with per-parameter rates eta (App. J.1),
 *
 * asked for together, so that a network whose kernels come from the same
 * Jacobian rows (the WRN) makes them in one pass.  Both networks share the
 * data convention of mlp.h: inputs are the columns of X (D x P), outputs
 * and targets C x P, loss 1/(2P) sum |f - y|^2.  The WRN's kernels exist for
 * C = 1 only.
 *
 * Precision.  The WRN may run its passes and per-sample gradients in single
 * precision (single = 1: the _float instances of wrn.h and wrn_ntk.h, float
 * tensors and products; outputs, loss, gradient and kernels are widened to
 * double, and theta and the optimiser stay double).  The default (single
 * = 0, as sa_model_wrn sets it) is double throughout; the MLP is always
 * double. */
#ifndef SA_NETS_MODEL_H
#define SA_NETS_MODEL_H

#include "nets/mlp.h"
#include "nets/ntk.h"
#include "nets/wrn.h"
#include "nets/wrn_ntk.h"

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

typedef enum { SA_MODEL_MLP, SA_MODEL_WRN } sa_model_kind;

typedef struct {
  sa_model_kind kind;
  sa_mlp *mlp; /* kind MLP, else NULL */
  sa_wrn *wrn; /* kind WRN, else NULL */
  int single;  /* WRN in single precision (see above) */
} sa_model;

sa_model sa_model_mlp(sa_mlp *net);
sa_model sa_model_wrn(sa_wrn *net);

gsl_vector *sa_model_theta(const sa_model *m);
size_t sa_model_n_params(const sa_model *m);
size_t sa_model_inputs(const sa_model *m);  /* D */
size_t sa_model_outputs(const sa_model *m); /* C */

/* Forward/backward workspace for batches of exactly P inputs. */
typedef struct {
  sa_model_kind kind;
  sa_mlp_workspace *mlp;
  sa_wrn_workspace *wrn;
  sa_wrn_workspace_float *wrnf; /* instead of wrn in single precision */
} sa_model_ws;

sa_model_ws *sa_model_ws_alloc(const sa_model *m, size_t P);
void sa_model_ws_free(sa_model_ws *ws);
/* The outputs F (C x P) of the last forward pass. */
const gsl_matrix *sa_model_ws_outputs(const sa_model_ws *ws);

int sa_model_forward(const sa_model *m, const gsl_matrix *X, sa_model_ws *ws);
/* The loss of both networks: L = 1/(2P) sum_{c,mu} (F_c,mu - Y_c,mu)^2 for
 * outputs F and targets Y of the same size C x P (summed output by output,
 * sample by sample). */
double sa_model_mse(const gsl_matrix *F, const gsl_matrix *Y);
/* Its gradient with respect to the outputs, G = dL/dF = (F - Y)/P (C x P;
 * each entry divided by P, so the bits do not depend on the caller).
 * GSL_EBADLEN if the three sizes differ. */
int sa_model_mse_grad(const gsl_matrix *F, const gsl_matrix *Y, gsl_matrix *G);
/* sa_model_mse of the outputs of the last forward pass. */
double sa_model_loss_from_outputs(const sa_model_ws *ws, const gsl_matrix *Y);
int sa_model_loss_grad(const sa_model *m, const gsl_matrix *X, const gsl_matrix *Y, sa_model_ws *ws,
                       double *loss, gsl_vector *grad);

/* The parameters as a plain array (length n_params), for integrators that
 * keep their own state (the gradient flow of train/trainer.h):
 * sa_model_set_theta copies theta into the network (a GSL status);
 * sa_model_loss_grad_at is sa_model_loss_grad at that theta (the network
 * keeps it). */
int sa_model_set_theta(const sa_model *m, const double *theta);
int sa_model_loss_grad_at(const sa_model *m, const double *theta, const gsl_matrix *X,
                          const gsl_matrix *Y, sa_model_ws *ws, double *loss, gsl_vector *grad);

/* Kernel workspace for P training and P_test test inputs. */
typedef struct {
  sa_model_kind kind;
  sa_ntk_workspace *mlp;
  sa_wrn_ntk_workspace *wrn;
  sa_wrn_ntk_workspace_float *wrnf; /* instead of wrn in single precision */
} sa_model_kws;

sa_model_kws *sa_model_kws_alloc(const sa_model *m, size_t P, size_t P_test);
void sa_model_kws_free(sa_model_kws *ws);

/* Any of K, Kx, E, Ex may be NULL; Xt is needed for Kx, Ex and eta for
 * E, Ex.  Returns a GSL status (GSL_EBADLEN on sizes, GSL_EDOM on a
 * negative rate). */
int sa_model_kernels(const sa_model *m, const gsl_matrix *X, const gsl_matrix *Xt,
                     const gsl_vector *eta, sa_model_kws *ws, gsl_matrix *K, gsl_matrix *Kx,
                     gsl_matrix *E, gsl_matrix *Ex);

#endif
