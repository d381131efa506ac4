/* Fully-connected networks without biases, standard parameterisation
 * (paper section 1.6):
 *
 *   h_0 = x,  z_l = W^l h_{l-1},  h_l = phi(z_l)  (l = 1..L-1),
 *   f(x) = z_L = W^L h_{L-1},
 *
 * W^l is widths[l] x widths[l-1] with entries N(0, sigma^2 / widths[l-1]);
 * widths[0] = D (input dimension), widths[L] = C (outputs).  There is no
 * 1/sqrt(N) prefactor in the forward pass.  phi is the identity (deep linear
 * net), ReLU or tanh.
 *
 * Options (sa_mlp_config, sa_mlp_alloc_config).  In general
 *
 *   z_l = s_l W^l h_{l-1} + t_l b^l,
 *
 * with a bias vector b^l (widths[l]) per layer when cfg.bias is set.
 * Standard parameterisation (default): s_l = t_l = 1, W^l_ij ~
 * N(0, sigma^2 / fan_in), b^l_i ~ N(0, sigma_b^2).  NTK parameterisation
 * (cfg.ntk_param): s_l = sigma / sqrt(widths[l-1]), t_l = sigma_b, and every
 * trained entry starts N(0, 1).  Both give the same function at
 * initialisation (the same random draws), but the gradient with respect to
 * the trained W^l is s_l times the standard one, so the NTK's layer-l
 * weight part carries s_l^2: GD in NTK parameterisation is GD in standard
 * parameterisation with per-layer rates lr s_l^2 (for the biases lr t_l^2).
 * Effect on the kernels: biases add to each layer's part
 * t_l^2 <b_l(x), b_l(x')> (a constant per layer times the back-propagated
 * Gram), which raises the kernel's constant mode (the class mean of one-hot
 * targets) and lets ReLU units move their kinks.
 *
 * Layout.  All trained entries live in ONE contiguous vector theta (length
 * n_params): every W^l, layer after layer, each row-major, then (with
 * biases) every b^l, layer after layer.  Weights therefore sit at the same
 * offsets with and without biases.  sa_mlp_layer() gives a
 * gsl_matrix_view of layer l inside theta, and sa_mlp_layer_of() the same
 * view inside any vector with the parameter layout (a gradient, Adam's
 * moments, per-parameter rates), so an optimiser may treat them as flat
 * vectors.
 *
 * Data.  A batch of P inputs is a D x P matrix X whose COLUMN mu is x^mu
 * (the paper's X, section 1.1); outputs and targets are C x P (column mu is
 * f(x^mu) resp. y^mu).  Hidden activations are widths[l] x P, so every
 * layer is one dgemm with the batch as the long dimension.
 *
 * Loss (paper 1.1): L = 1/(2P) sum_mu |f(x^mu) - y^mu|^2. */
#ifndef SA_NETS_MLP_H
#define SA_NETS_MLP_H

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <stddef.h>

typedef enum { SA_ACT_LINEAR, SA_ACT_RELU, SA_ACT_TANH } sa_act;

typedef struct {
  int bias;          /* a bias vector b^l in every layer                */
  double bias_sigma; /* sigma_b: b^l ~ N(0, sigma_b^2) (standard), or the
                        forward factor t_l of b^l (NTK parameterisation) */
  int ntk_param;     /* NTK parameterisation                           */
} sa_mlp_config;

typedef struct {
  size_t L;        /* number of weight matrices (depth), L >= 1      */
  size_t *widths;  /* widths[0] = D, ..., widths[L] = C (L+1 values)  */
  sa_act act;      /* hidden activation phi                          */
  size_t n_params; /* total number of trained entries                */
  size_t *offset;  /* offset[l-1] = start of W^l in theta, l = 1..L  */
  size_t *boffset; /* boffset[l-1] = start of b^l (with biases)      */
  double *wscale;  /* s_l, forward factor of W^l (1 unless NTK param) */
  double *bscale;  /* t_l, forward factor of b^l                     */
  sa_mlp_config cfg;
  gsl_vector *theta; /* all trained entries, contiguous                */
} sa_mlp;

/* Forward/backward workspace for batches of exactly P inputs. */
typedef struct {
  size_t P;
  size_t L;
  gsl_matrix **H; /* H[l], l = 1..L-1: hidden activations h_l (widths[l] x P);
                     H[0] is unused (the input is the caller's X)   */
  gsl_matrix *F;  /* outputs f (C x P)                              */
  gsl_matrix *G;  /* backprop buffers (max hidden width x P) ...    */
  gsl_matrix *G2; /* ... used alternately                           */
} sa_mlp_workspace;

/* widths has L+1 entries, all >= 1; L >= 1 (L = 1 is a linear model).
 * Returns NULL on bad arguments or allocation failure.  Weights are zero
 * until sa_mlp_init. */
sa_mlp *sa_mlp_alloc(size_t L, const size_t *widths, sa_act act);
/* The same with biases and/or NTK parameterisation (cfg NULL: defaults;
 * bias_sigma >= 0). */
sa_mlp *sa_mlp_alloc_config(size_t L, const size_t *widths, sa_act act, const sa_mlp_config *cfg);
void sa_mlp_free(sa_mlp *net);

/* "linear", "relu", "tanh" -> activation; GSL_EINVAL (with a message,
 * core/sa_errno.h) if unknown. */
int sa_act_from_name(const char *name, sa_act *act);
const char *sa_act_name(sa_act act);

/* W^l_ij = sd_l z with z ~ N(0, 1), drawn layer by layer, row-major, then
 * (with biases) b^l_i = sd_b z', layer by layer; standard parameterisation:
 * sd_l = sigma / sqrt(widths[l-1]), sd_b = sigma_b; NTK parameterisation:
 * sd = 1 and the forward factors s_l = sigma / sqrt(widths[l-1]),
 * t_l = sigma_b are set here. */
void sa_mlp_init(sa_mlp *net, double sigma, gsl_rng *rng);

/* View of b^l (1 <= l <= L) inside a vector with the parameter layout
 * (only with biases). */
gsl_vector_view sa_mlp_bias_of(const sa_mlp *net, gsl_vector *v, size_t l);

/* View of W^l (1 <= l <= L) inside theta, resp. inside any vector v of
 * length n_params with the same layout. */
gsl_matrix_view sa_mlp_layer(const sa_mlp *net, size_t l);
gsl_matrix_view sa_mlp_layer_of(const sa_mlp *net, gsl_vector *v, size_t l);
_gsl_matrix_const_view sa_mlp_layer_const(const sa_mlp *net, const gsl_vector *v, size_t l);

sa_mlp_workspace *sa_mlp_workspace_alloc(const sa_mlp *net, size_t P);
void sa_mlp_workspace_free(sa_mlp_workspace *ws);

/* phi(z) and phi'(z) expressed through h = phi(z): identity -> 1,
 * ReLU -> [h > 0] (equal to [z > 0]), tanh -> 1 - h^2.  Storing h alone is
 * therefore enough for backprop. */
double sa_act_apply(sa_act act, double z);
double sa_act_deriv_from_h(sa_act act, double h);
/* g[i] *= phi'(z_i) for i < n, from h[i] = phi(z_i) (vectorisable loops). */
void sa_act_deriv_mul(sa_act act, double *g, const double *h, size_t n);

/* Forward pass on X (D x P, columns are inputs; P must equal ws->P).
 * Fills ws->H[1..L-1] and ws->F (C x P).  Returns GSL_SUCCESS or
 * GSL_EBADLEN on a size mismatch. */
int sa_mlp_forward(const sa_mlp *net, const gsl_matrix *X, sa_mlp_workspace *ws);

/* Forward pass, loss (stored in *loss if non-NULL) and, if grad != NULL,
 * its gradient dL/dtheta (length n_params, parameter layout) by backprop:
 *   G_L = (F - Y)/P,  dL/dW^l = s_l G_l H_{l-1}^T,  dL/db^l = t_l G_l 1,
 *   G_{l-1} = s_l (W^l^T G_l) .* phi'(z_{l-1}),
 * every product one dgemm.  Returns GSL_SUCCESS or GSL_EBADLEN. */
int sa_mlp_loss_grad(const sa_mlp *net, const gsl_matrix *X, const gsl_matrix *Y,
                     sa_mlp_workspace *ws, double *loss, gsl_vector *grad);

/* Flops of the dgemm calls of one forward pass resp. one forward+backward
 * pass on P inputs (2mnk per m x k by k x n product). */
double sa_mlp_forward_flops(const sa_mlp *net, size_t P);
double sa_mlp_grad_flops(const sa_mlp *net, size_t P);

#endif
