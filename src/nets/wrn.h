/* Wide residual networks without batch normalisation and without biases,
 * the Neural Tangents layout used by the paper (section 1.6; Figs. 1d,e,
 * J.1-J.3):
 *
 *   conv3x3(cin -> 16, stride 1)                       ("first conv")
 *   group 1: b blocks with 16k channels, stride 1
 *   group 2: b blocks with 32k channels, first block stride 2
 *   group 3: b blocks with 64k channels, first block stride 2
 *   global average pooling over the pixels, dense layer to C outputs.
 *
 * A block maps x to  conv3x3(relu(conv3x3(relu(x), stride))) + shortcut(x).
 * The shortcut of the FIRST block of every group is a 3x3 convolution of x
 * (with the block's stride), as in Neural Tangents' WideResnetGroup (its
 * channel_mismatch flag is set for the first block of each group, even for
 * group 1 at k = 1 where the channel count does not change); the other
 * blocks have the identity shortcut.  The shortcut reads x itself, not
 * relu(x); there is no ReLU between the last block and the pooling.
 *
 * Standard parameterisation: a convolution's weights are
 * N(0, sigma^2 / (9 cin)), the dense layer's N(0, sigma^2 / 64k), with
 * sigma = sigma_first for the first convolution and sigma for all other
 * layers (the paper: 6.0 and 0.3).  No prefactors in the forward pass.
 *
 * Parameters: one vector theta, layer after layer in the order first conv;
 * per block conv1, conv2, shortcut conv (if any); dense.  Each conv weight
 * is row-major cout x 9 cin (conv.h), the dense weight row-major C x 64k.
 *
 * Data.  Inputs are the columns of X (D x P, D = cin h w), each an image
 * in channel, row, column order; outputs are C x P, the loss
 * L = 1/(2P) sum_mu |f(x^mu) - y^mu|^2 (as for the MLP, mlp.h).
 *
 * Memory of a workspace for P samples: the activations of every block
 * (input, middle and output tensors) and as much again for their
 * gradients, 2 P sum_tensors C_t H_t W_t doubles, plus the im2col buffers
 * (SA_WRN_COL_CAP doubles each, or one sample of the widest layer). */
#ifndef SA_NETS_WRN_H
#define SA_NETS_WRN_H

#include "nets/conv.h"

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_vector_float.h>
#include <stddef.h>

/* im2col buffer target: 2^20 doubles (8 MB), enough for the DGEMMs to run
 * near peak (their short dimension is then >= a few hundred columns). */
#define SA_WRN_COL_CAP ((size_t)1 << 20)
#define SA_WRN_K_MAX 64
#define SA_WRN_B_MAX 16

/* One convolution: geometry, where its weights live, which tensors it
 * reads and writes (tensor -1 is the input image). */
typedef struct {
  sa_conv_geom g;
  size_t offset;  /* start of its weights in theta   */
  int in, out;    /* tensor indices                   */
  int relu_in;    /* reads relu(in)                   */
  int accumulate; /* adds to out (shortcut conv)      */
} sa_wrn_conv;

typedef struct {
  size_t k, b;         /* width factor, blocks per group              */
  size_t cin, h, w, C; /* input channels and size, outputs            */
  double sigma_first, sigma;
  size_t n_conv;
  sa_wrn_conv *conv;        /* first conv, then per block conv1, conv2, [shortcut] */
  size_t n_tensor;          /* 1 + 2 * 3b: first-conv output, per block mid and out */
  size_t *t_ch, *t_h, *t_w; /* shape of each tensor                        */
  int *t_identity_from;     /* block output: tensor added as identity shortcut, or -1 */
  size_t dense_offset;      /* dense weights, C x t_ch[last]               */
  size_t n_params;
  gsl_vector *theta;
} sa_wrn;

/* Checks: 1 <= k <= SA_WRN_K_MAX, 1 <= b <= SA_WRN_B_MAX, cin, h, w, C >= 1.
 * NULL on bad arguments or no memory.  Weights are zero until init. */
sa_wrn *sa_wrn_alloc(size_t k, size_t b, size_t cin, size_t h, size_t w, size_t C);
/* The same without the weights (theta NULL): layout, n_params and the
 * size and flop counts below, for checking a run's sizes before any large
 * allocation.  Only sa_wrn_free may be called on it besides those. */
sa_wrn *sa_wrn_alloc_shape(size_t k, size_t b, size_t cin, size_t h, size_t w, size_t C);
void sa_wrn_free(sa_wrn *net);

/* Draws every weight as described above (layer order, row-major). */
void sa_wrn_init(sa_wrn *net, double sigma_first, double sigma, gsl_rng *rng);

/* Doubles of the activations and their gradients for P samples (the
 * workspace's main memory). */
double sa_wrn_activation_doubles(const sa_wrn *net, size_t P);

/* Workspaces and passes in double (sa_wrn_workspace, sa_wrn_forward, ...)
 * and in single precision (sa_wrn_workspace_float, sa_wrn_forward_float,
 * ...: float tensors, weights rounded to float, F and the gradient
 * widened to double), declared from one template, wrn_tmpl.h. */
#define SA_REAL_DOUBLE
#include "nets/real_on.h"
#include "nets/wrn_tmpl.h"
#include "nets/real_off.h"
#undef SA_REAL_DOUBLE
#define SA_REAL_FLOAT
#include "nets/real_on.h"
#include "nets/wrn_tmpl.h"
#include "nets/real_off.h"
#undef SA_REAL_FLOAT

/* Flops of the convolution and dense products of one forward pass, and of
 * forward + backward with the weight gradient, on P samples. */
double sa_wrn_forward_flops(const sa_wrn *net, size_t P);
double sa_wrn_grad_flops(const sa_wrn *net, size_t P);

#endif
