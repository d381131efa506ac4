/* Deep linear networks in population form (theory side).
 *
 * f(x) = W^L W^{L-1} ... W^1 x, W^l in R^{n_l x n_{l-1}}, n_0 = D inputs,
 * n_L = C outputs (paper Eq. 9; L = 2, C = 1 is Eq. 4 with a = W^2).
 * The parameters live in one flat vector theta (row-major layers).
 * With Sigma = X X^T / P and teacher T (C x D, T = s beta^T for a scalar
 * output) the training loss is the population form
 *   L = 1/2 tr[(W_eff - T) Sigma (W_eff - T)^T],  W_eff = W^L ... W^1,
 * and the gradient flow is  dW^l/dt = S_l^T (T - W_eff) Sigma P_{l-1}^T
 * with prefix products P_l = W^l ... W^1 (P_0 = I) and suffix products
 * S_l = W^L ... W^{l+1} (S_L = I).
 *
 * Two forms of the same gradient: sa_linnet_flow forms the prefix products
 * as n_l x D matrices (O(L N^2 D) per call; it also gives the NTK of
 * Eq. 57), sa_linnet_flow_chain never does: with G = (T - W_eff) Sigma,
 *   S_l (C x n_l):  S_L = I,  S_{l-1} = S_l W^l      (W_eff = S_0),
 *   p_l (n_l x C):  p_0 = G^T, p_l = W^l p_{l-1}     (= P_l G^T),
 *   dW^l/dt = S_l^T p_{l-1}^T,
 * O(C (#weights + D^2)) per call: matrix-vector products for C = 1.  The
 * integrator uses the chain form; the matrix form is its test oracle.
 *
 * Its functions and types keep the short prefix sa_linnet_ (the file's former
 * name), so that callers read as before. */
#ifndef SA_LINEAR_NET_H
#define SA_LINEAR_NET_H

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>

#define SA_LINNET_MAXL 16

typedef struct {
  size_t L;                          /* number of weight matrices, >= 1    */
  size_t n[SA_LINNET_MAXL + 1];      /* widths: n[0] = D, ..., n[L] = C    */
  size_t offset[SA_LINNET_MAXL + 1]; /* start of W^l in theta, l = 1..L    */
  size_t nparam;
} sa_linnet_shape;

/* widths has L + 1 entries (D, hidden..., C).  Returns 0 or GSL_EINVAL. */
int sa_linnet_shape_init(sa_linnet_shape *shape, size_t L, const size_t *widths);

/* Standard parameterisation: W^l_ij ~ N(0, sigma^2 / n_{l-1}). */
void sa_linnet_init_standard(const sa_linnet_shape *shape, double sigma, gsl_rng *rng,
                             double *theta);

/* CVODE absolute tolerance per weight: atol times the weight's initial
 * standard deviation sigma/sqrt(n_{l-1}), far below the initialisation
 * scale where Phase I happens. */
void sa_linnet_atol(const sa_linnet_shape *shape, double atol, double sigma, double *atol_vec);

gsl_matrix_view sa_linnet_layer(const sa_linnet_shape *shape, double *theta, size_t l);
/* (_gsl_matrix_const_view: GSL's const-qualified typedef cannot be a return type.) */
_gsl_matrix_const_view sa_linnet_layer_const(const sa_linnet_shape *shape, const double *theta,
                                             size_t l);

/* Prefix/suffix products and the residual of one parameter vector. */
typedef struct {
  gsl_matrix *prefix[SA_LINNET_MAXL + 1]; /* P_l, n_l x D; P_0 = I */
  gsl_matrix *suffix[SA_LINNET_MAXL + 1]; /* S_l, C x n_l; S_L = I */
  gsl_matrix *G;                          /* (T - W_eff) Sigma, C x D */
  gsl_matrix *tmp;                        /* n_max x D scratch */
  /* chain form: S_l (C x n_l) and p_l (n_l x C), row-major; E, G C x D */
  double *srow[SA_LINNET_MAXL + 1];
  double *pcol[SA_LINNET_MAXL + 1];
  double *E, *Gc;
} sa_linnet_work;

sa_linnet_work *sa_linnet_work_alloc(const sa_linnet_shape *shape);
void sa_linnet_work_free(sa_linnet_work *w, const sa_linnet_shape *shape);

/* Fill prefix and suffix products for theta.  Returns a GSL status. */
int sa_linnet_products(const sa_linnet_shape *shape, const double *theta, sa_linnet_work *w);
/* W_eff = P_L (C x D), valid after sa_linnet_products. */
const gsl_matrix *sa_linnet_effective(const sa_linnet_shape *shape, const sa_linnet_work *w);

/* Loss 1/2 tr[(W_eff - T) Sigma (W_eff - T)^T]; needs products.  NAN, with
 * the message in sa_error_message(), if a product fails. */
double sa_linnet_loss(const sa_linnet_shape *shape, sa_linnet_work *w, const gsl_matrix *Sigma,
                      const gsl_matrix *T);

/* dtheta = -grad L (learning rate 1).  Computes the products itself.
 * Returns a GSL status. */
int sa_linnet_flow(const sa_linnet_shape *shape, const double *theta, const gsl_matrix *Sigma,
                   const gsl_matrix *T, sa_linnet_work *w, double *dtheta);

/* The chain form (see above): the same dtheta as sa_linnet_flow without
 * matrix products.  Returns the loss at theta as a by-product. */
double sa_linnet_flow_chain(const sa_linnet_shape *shape, const double *theta,
                            const gsl_matrix *Sigma, const gsl_matrix *T, sa_linnet_work *w,
                            double *dtheta);
/* The loss alone by the chain form (suffix chain and one product with
 * Sigma): O(C (#weights + D^2)). */
double sa_linnet_loss_chain(const sa_linnet_shape *shape, const double *theta,
                            const gsl_matrix *Sigma, const gsl_matrix *T, sa_linnet_work *w);

/* The residual step shared by the chain forms: from the effective map
 * S0 = W_eff (C x D, row-major), E = S0 - T and Gc = -E Sigma (C x D;
 * Sigma symmetric and stored in full); returns the loss 1/2 tr(E Sigma E^T). */
double sa_linnet_residual(size_t C, size_t D, const double *S0, const gsl_matrix *Sigma,
                          const gsl_matrix *T, double *E, double *Gc);

/* NTK kernel matrix of output pair (c, c'):  K_cc'(x, x') = x^T M x' with
 * M = sum_l (S_l S_l^T)_{cc'} P_{l-1}^T P_{l-1}   (paper Eq. 57; for L = 2,
 * C = 1 this is W^T W + |a|^2 I, Eq. 5).  M is D x D; needs products.
 * Returns a GSL status. */
int sa_linnet_kernel_matrix(const sa_linnet_shape *shape, const sa_linnet_work *w, size_t c,
                            size_t cp, gsl_matrix *M);

/* Conserved quantities of App. D: Q_l = W^l W^{l T} - W^{l+1 T} W^{l+1}
 * (n_l x n_l) for l = 1..L-1.  Writes Q_l into Q (caller allocates);
 * returns a GSL status. */
int sa_linnet_balance(const sa_linnet_shape *shape, const double *theta, size_t l, gsl_matrix *Q);

#endif
