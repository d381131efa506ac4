/* Empirical neural tangent kernel of an sa_mlp (paper sections 1.2, 1.6,
 * 2.8), from layer-wise closed forms with BLAS-3, never materialising the
 * Jacobian.  With the forward factors s_l, t_l and the biases of mlp.h,
 * layer l contributes (s_l^2 <h_{l-1}, h_{l-1}'> + t_l^2) <b_l, b_l'>, and
 * the back-propagation below carries s_l.
 *
 * Notation: h_{l-1}(x) is the input of layer l (h_0 = x), z_l = W^l h_{l-1}
 * and b^c_l(x) = d f_c(x) / d z_l (so b^c_L = e_c).  Since
 * d f_c / d W^l_ij = b^c_{l,i}(x) h_{l-1,j}(x),
 *
 *   K_{cc'}(x,x') = sum_l <h_{l-1}(x), h_{l-1}(x')> <b^c_l(x), b^c'_l(x')>,    (NTK)
 *
 * i.e. K = sum_l tile(H_{l-1}^T H_{l-1}) .* (B_l^T B_l): a Hadamard product of
 * two Gram matrices per layer (dsyrk on the training set, dgemm for a
 * cross-kernel).  B_l stacks b^c_l(x^mu) as columns c*P + mu and is
 * back-propagated as B_{l-1} = (W^l^T B_l) .* phi'(z_{l-1}) (one dgemm).
 *
 * Index convention for C outputs: the kernel on P inputs is CP x CP with row
 * (and column) index c*P + mu, i.e. blocks K_{cc'} (paper 1.6).  Targets
 * Y (C x P) are flattened the same way, y[c*P + mu] = Y_{c,mu} (row-major
 * order of Y).  With C = 1 everything reduces to the P x P kernel.
 *
 * Cost of sa_ntk_gram (P inputs, widths n_0..n_L, C outputs), in flops of
 * the BLAS-3 calls (counted in ws->flops):
 *   forward pass        sum_l 2 n_l n_{l-1} P
 *   input Grams         sum_l P^2 n_{l-1}                  (dsyrk)
 *   backprop stacks     sum_{l=2}^{L-1} 2 n_{l-1} n_l C P  (dgemm)
 *   b Grams             sum_{l<L} C^2 P^2 n_l              (dsyrk/dgemm per block)
 * memory O(C P^2 + C P max n_l).
 *
 * Optimiser-weighted kernel (App. J.1, paper 2.8):
 *   K^eta(x,x') = sum_j eta_j df/dtheta_j(x) df/dtheta_j(x'),  eta_j >= 0.
 * For layer l with rates E (same shape as W^l),
 *   K^eta_l(x,x') = sum_ij E_ij b_i(x) b_i(x') h_j(x) h_j(x')
 *                 = sum_i (b_i b_i^T) .* (H^T diag(E_i.) H),
 * which factorises into two Grams only when E is rank one.  A layer whose
 * rates are all equal (plain GD) takes the fast form above times that
 * constant.  Otherwise every entry needs the whole of E, and the layer is
 * done one training input x^mu at a time with two dgemm:
 *   M_mu = E diag(h(x^mu)) H                     (n_l x P),
 *   K[(c,mu), (c',.)] += (b^c(x^mu))^T (B^c' .* M_mu),
 * with E restricted to the units i where some b^c_i(x^mu) != 0 (active ReLU
 * units) and the inputs j where h_j(x^mu) != 0 (e.g. non-zero pixels), and,
 * on the training set, to the columns nu >= mu (symmetry).  Cost per layer:
 * at most P^2 n_l n_{l-1} + C^2 P^2 n_l flops (dense case; about a
 * quarter of that for ReLU hidden layers), i.e. the cost of J diag(eta) J^T
 * without ever forming J; memory O(n_l n_{l-1} + (n_l + n_{l-1}) P).  At
 * P = 1000, D = 784, N = 1000 (two-layer ReLU, C = 1, dense inputs) that is
 * ~4e11 flops, about 10^2 times the plain NTK. */
#ifndef SA_NETS_NTK_H
#define SA_NETS_NTK_H

#include "nets/mlp.h"

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

/* Per input set: forward pass and back-propagated stacks. */
typedef struct {
  size_t P;
  sa_mlp_workspace *fw; /* activations h_l of the set                   */
  gsl_matrix *B, *Bn;   /* b stacks, (max hidden width) x CP            */
} sa_ntk_set;

typedef struct {
  size_t C;
  sa_ntk_set *train;                /* P inputs                                     */
  sa_ntk_set *test;                 /* P_test inputs (NULL when P_test == 0)        */
  gsl_matrix *GH;                   /* input Gram, max(P, P_test) x P               */
  gsl_matrix *GB;                   /* one block of the b Gram, same size           */
  double *eg, *s, *m, *t, *r, *bmu; /* eta-kernel buffers (layer_eta)   */
  size_t *ai, *aj;                  /* active units / inputs of one sample          */
  double flops;                     /* BLAS-3 flops of the last call                */
} sa_ntk_workspace;

/* Workspace for kernels on P training inputs and, if P_test > 0, for
 * cross-kernels between P_test test inputs and the training inputs. */
sa_ntk_workspace *sa_ntk_workspace_alloc(const sa_mlp *net, size_t P, size_t P_test);
void sa_ntk_workspace_free(sa_ntk_workspace *ws);

/* NTK Gram matrix on X (D x P): K is CP x CP, symmetric (both triangles
 * filled).  Runs its own forward pass.  GSL_EBADLEN on size mismatch. */
int sa_ntk_gram(const sa_mlp *net, const gsl_matrix *X, sa_ntk_workspace *ws, gsl_matrix *K);

/* The same, and the contribution of each layer's parameters (W^l and b^l),
 *   K_l(x,x') = (s_l^2 <h_{l-1}(x), h_{l-1}(x')> + t_l^2 [bias]) <b_l(x), b_l(x')>,
 * into Kl[l-1] (L matrices of K's size, both triangles); K = sum_l K_l.
 * For the two-layer net f = a . phi(W x): K_1 = sum_i a_i^2 phi'phi' x.x',
 * K_2 = sum_i phi(w_i.x) phi(w_i.x'). */
int sa_ntk_gram_layers(const sa_mlp *net, const gsl_matrix *X, sa_ntk_workspace *ws, gsl_matrix *K,
                       gsl_matrix **Kl);

/* Cross-kernel K[c*Pt + mu, c'*P + nu] = K_{cc'}(xt^mu, x^nu) between the
 * test inputs Xt (D x P_test) and the training inputs X (D x P);
 * K is C P_test x C P. */
int sa_ntk_cross(const sa_mlp *net, const gsl_matrix *Xt, const gsl_matrix *X, sa_ntk_workspace *ws,
                 gsl_matrix *K);

/* The same with per-parameter rates eta (length n_params, parameter layout
 * of sa_mlp, all >= 0; GSL_EDOM otherwise).  eta = 1 gives the NTK. */
int sa_ntk_eta_gram(const sa_mlp *net, const gsl_vector *eta, const gsl_matrix *X,
                    sa_ntk_workspace *ws, gsl_matrix *K);
int sa_ntk_eta_cross(const sa_mlp *net, const gsl_vector *eta, const gsl_matrix *Xt,
                     const gsl_matrix *X, sa_ntk_workspace *ws, gsl_matrix *K);

/* ||K||_F. */
double sa_ntk_frobenius(const gsl_matrix *K);

/* Uncentred target alignment (paper 1.3), A = y^T K y / (||K||_F |y|^2),
 * with y the flattened targets y[c*P + mu] = Y_{c,mu} (Y is C x P, K is
 * CP x CP).  For C outputs this is the alignment of the full multi-output
 * kernel with the one-hot (or any) target vector; cross-output blocks
 * count.  work (2 CP entries, allocated once by the caller) receives y and
 * K y.  Returns NaN if K or Y vanishes or the sizes disagree. */
double sa_ntk_alignment(const gsl_matrix *K, const gsl_matrix *Y, gsl_vector *work);

/* The k largest eigenvalues of the symmetric K, in decreasing order, into
 * eval (length k <= K->size1), by GSL's symmetric eigensolver (all
 * eigenvalues, Householder tridiagonalisation + implicit QL, O(n^3),
 * no convergence tolerance to choose).  K is not modified.  Returns a GSL
 * status. */
int sa_ntk_top_eigenvalues(const gsl_matrix *K, gsl_vector *eval);

/* Cosine of W^T W with B^T B in the Frobenius inner product,
 *   <W^T W, B^T B>_F / (||W^T W||_F ||B^T B||_F) = ||W B^T||_F^2 / (||W W^T||_F ||B B^T||_F),
 * with W = W^1 (N x D) and B the teacher (C x D; a 1 x D row beta for a
 * scalar output, giving the paper's cos(W1^T W1, beta beta^T), Fig. 3b/c).
 * work: sa_ntk_weight_alignment_worksize(N, C, D) doubles, allocated once
 * by the caller (W B^T and the two smaller Grams).  Returns NaN on size
 * mismatch, a short work or zero norms. */
double sa_ntk_weight_alignment(const gsl_matrix *W, const gsl_matrix *B, double *work,
                               size_t nwork);
/* N C + min(N, D)^2 + min(C, D)^2. */
size_t sa_ntk_weight_alignment_worksize(size_t N, size_t C, size_t D);

#endif
