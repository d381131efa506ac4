/* Tests of src/nets/conv.c and src/nets/wrn.c: 3x3 SAME convolutions by
 * im2col + DGEMM, and the Wide ResNet (paper section 1.6, Figs. 1d,e,
 * J.1-J.3).
 *
 * Independent code paths: the convolution, its weight gradient and its
 * input gradient are compared with direct six-fold loops written here
 * (index arithmetic of the definition, no im2col); the SAME-padding
 * geometry with sizes worked out by hand from TensorFlow's rule; the
 * network's loss gradient with central differences of the loss (24
 * coordinates drawn at random in every layer: all of them would take two
 * forward passes per parameter).
 *
 * Finite-difference tolerance.  Inside a fixed ReLU activation pattern the
 * network output is linear in every single weight (each weight lies in one
 * layer, and the net is a sum over paths of products of one weight per
 * layer), so the MSE loss is quadratic along a coordinate and the central
 * difference (L(t+h) - L(t-h)) / 2h is exact in exact arithmetic: only
 * rounding remains, about eps |L| / h = 2e-16 |L| / 1e-5 = 2e-11 |L| per
 * entry.  Relative to |grad| (of order |L| for O(1) weights) the vector
 * error is then ~1e-10 sqrt(n); FD_TOL = 1e-7 leaves three decades for
 * ratios |L|/|grad| up to ~100, while an error in the backward pass is
 * O(1).  Every perturbed evaluation checks that no ReLU input changed
 * sign (asserted: a kink would make the difference one-sided). */
#include "config.h"

#include "nets/conv.h"
#include "nets/wrn.h"
#include "fixture.h"
#include "tap.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FD_H 1e-5
#define FD_TOL 1e-7
#define FD_PER_LAYER 24
/* Two summation orders of sums of at most 9 cin * P * 64 O(1) products:
 * a few hundred eps relative to the magnitude. */
#define ROUND_TOL 1e-12

static gsl_rng *rng;

static double max_abs(const double *a, size_t n)
{
  double m = 0.0;
  for (size_t i = 0; i < n; i++)
    m = fmax(m, fabs(a[i]));
  return m;
}

/* Direct definition of the SAME 3x3 convolution, the weight gradient
 * sum dY * x and the input gradient sum dY * W, from the pads pt, pl. */
static void direct_conv(size_t cin, size_t cout, size_t h, size_t w, size_t s, size_t ho, size_t wo,
                        long pt, long pl, size_t P, const double *W, const double *X, int relu,
                        const double *dY, double *Y, double *dW, double *dX)
{
  memset(Y, 0, cout * P * ho * wo * sizeof *Y);
  memset(dW, 0, cout * cin * 9 * sizeof *dW);
  memset(dX, 0, cin * P * h * w * sizeof *dX);
  for (size_t co = 0; co < cout; co++)
    for (size_t mu = 0; mu < P; mu++)
      for (size_t oy = 0; oy < ho; oy++)
        for (size_t ox = 0; ox < wo; ox++) {
          size_t yi = co * P * ho * wo + mu * ho * wo + oy * wo + ox;
          for (size_t ci = 0; ci < cin; ci++)
            for (long ky = 0; ky < 3; ky++)
              for (long kx = 0; kx < 3; kx++) {
                long iy = (long)(oy * s) + ky - pt, ix = (long)(ox * s) + kx - pl;
                if (iy < 0 || ix < 0 || iy >= (long)h || ix >= (long)w)
                  continue;
                size_t xi = ci * P * h * w + mu * h * w + (size_t)iy * w + (size_t)ix;
                size_t wi = co * cin * 9 + ci * 9 + (size_t)(ky * 3 + kx);
                double x = X[xi];
                if (relu && x <= 0.0)
                  continue;
                Y[yi] += W[wi] * x;
                dW[wi] += dY[yi] * x;
                dX[xi] += dY[yi] * W[wi];
              }
        }
}

/* ---- SAME geometry ------------------------------------------------------- */
static void test_geometry(void)
{
  /* (h, stride) -> (ho, pad before), TensorFlow SAME: ho = ceil(h/s),
   * total pad = max((ho-1)s + 3 - h, 0), before = floor(total/2). */
  const size_t cases[][4] = {{28, 1, 28, 1}, {28, 2, 14, 0}, {14, 2, 7, 0}, {7, 2, 4, 1},
                             {7, 1, 7, 1},   {5, 2, 3, 1},   {8, 2, 4, 0},  {1, 2, 1, 1}};
  int ok = 1;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    sa_conv_geom g;
    sa_conv_geom_set(&g, 1, 1, cases[i][0], cases[i][0], cases[i][1]);
    if (g.ho != cases[i][2] || g.pt != cases[i][3] || g.wo != g.ho || g.pl != g.pt) {
      ok = 0;
      tap_diag("h = %zu s = %zu: ho = %zu pt = %zu, want %zu, %zu", cases[i][0], cases[i][1], g.ho,
               g.pt, cases[i][2], cases[i][3]);
    }
  }
  tap_ok(ok, "SAME geometry: 28->28/14, 14->7, 7->4 (pad 1 before), 5->3, 8->4, 1->1");
  sa_conv_geom g;
  tap_ok(sa_conv_geom_set(&g, 1, 1, 8, 8, 3) == GSL_EINVAL &&
             sa_conv_geom_set(&g, 0, 1, 8, 8, 1) == GSL_EINVAL,
         "geometry rejects stride 3 and zero channels");
}

/* ---- convolution, weight and input gradient against direct loops ---------- */
static void check_conv(size_t cin, size_t cout, size_t h, size_t w, size_t s, size_t P, int relu,
                       size_t cap_samples)
{
  sa_conv_geom g;
  sa_conv_geom_set(&g, cin, cout, h, w, s);
  size_t ho = (h + s - 1) / s, wo = (w + s - 1) / s;
  gsl_matrix *X = fixture_random_matrix(rng, cin, P * h * w, 1.0),
             *Y = gsl_matrix_alloc(cout, P * ho * wo);
  gsl_matrix *dY = fixture_random_matrix(rng, cout, P * ho * wo, 1.0),
             *dX = gsl_matrix_calloc(cin, P * h * w);
  double *W = malloc(cout * cin * 9 * sizeof *W), *dW = malloc(cout * cin * 9 * sizeof *dW);
  double *Yd = malloc(Y->size1 * Y->size2 * sizeof *Yd),
         *dWd = malloc(cout * cin * 9 * sizeof *dWd);
  double *dXd = malloc(cin * P * h * w * sizeof *dXd);
  for (size_t i = 0; i < cout * cin * 9; i++)
    W[i] = gsl_ran_gaussian(rng, 1.0);
  /* a buffer of cap_samples samples: the batch is done in several chunks */
  sa_conv_buf *buf = sa_conv_buf_alloc(cap_samples * 9 * cin * ho * wo);
  sa_conv_forward(&g, W, X, relu, 0.0, Y, buf);
  sa_conv_backward(&g, W, X, relu, dY, dW, 0.0, dX, buf);
  /* the direct loops take the pads from TensorFlow's rule, recomputed here */
  long tot_h = (long)((ho - 1) * s + 3) - (long)h, tot_w = (long)((wo - 1) * s + 3) - (long)w;
  direct_conv(cin, cout, h, w, s, ho, wo, tot_h > 0 ? tot_h / 2 : 0, tot_w > 0 ? tot_w / 2 : 0, P,
              W, X->data, relu, dY->data, Yd, dWd, dXd);
  size_t ny = Y->size1 * Y->size2, nx = cin * P * h * w, nw = cout * cin * 9;
  for (size_t i = 0; i < ny; i++)
    Yd[i] -= Y->data[i];
  for (size_t i = 0; i < nw; i++)
    dWd[i] -= dW[i];
  for (size_t i = 0; i < nx; i++)
    dXd[i] -= dX->data[i];
  double sc = 9.0 * (double)cin * (double)(P * ho * wo); /* worst-case sum size */
  tap_abs(max_abs(Yd, ny), 0.0, ROUND_TOL * sc,
          "conv %zux%zu s=%zu cin=%zu cout=%zu P=%zu relu=%d: im2col+DGEMM = direct loop", h, w, s,
          cin, cout, P, relu);
  tap_abs(max_abs(dWd, nw), 0.0, ROUND_TOL * sc, "  weight gradient dY Col^T = direct sum");
  tap_abs(max_abs(dXd, nx), 0.0, ROUND_TOL * sc, "  input gradient col2im(W^T dY) = direct sum");
  sa_conv_buf_free(buf);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  gsl_matrix_free(dY);
  gsl_matrix_free(dX);
  free(W);
  free(dW);
  free(Yd);
  free(dWd);
  free(dXd);
}

/* ---- the network -------------------------------------------------------------- */
static size_t relu_pattern_len(const sa_wrn *net, size_t P)
{
  size_t n = 0;
  for (size_t t = 0; t < net->n_tensor; t++)
    n += net->t_ch[t] * net->t_h[t] * net->t_w[t] * P;
  return n;
}

static void relu_pattern(const sa_wrn *net, const sa_wrn_workspace *ws, unsigned char *p)
{
  size_t k = 0;
  for (size_t t = 0; t < net->n_tensor; t++)
    for (size_t i = 0; i < ws->T[t]->size1 * ws->T[t]->size2; i++)
      p[k++] = ws->T[t]->data[i] > 0.0;
}

static void test_gradient_fd(size_t k, size_t b, size_t h, size_t w, size_t C, size_t P)
{
  sa_wrn *net = sa_wrn_alloc(k, b, 1, h, w, C);
  sa_wrn_init(net, 2.0, 0.8, rng);
  gsl_matrix *X = fixture_random_matrix(rng, h * w, P, 1.0),
             *Y = fixture_random_matrix(rng, C, P, 1.0);
  sa_wrn_workspace *ws = sa_wrn_workspace_alloc(net, P);
  gsl_vector *g = gsl_vector_alloc(net->n_params);
  double L0;
  sa_wrn_loss_grad(net, X, Y, ws, &L0, g);
  size_t np = relu_pattern_len(net, P), kinks = 0;
  unsigned char *p0 = malloc(np), *p1 = malloc(np);
  relu_pattern(net, ws, p0);
  /* FD_PER_LAYER coordinates of every layer (all of a smaller one): the
   * full vector would take 2 n forward passes. */
  double num = 0.0, den = 0.0;
  size_t checked = 0;
  for (size_t l = 0; l <= net->n_conv; l++) {
    size_t off = l < net->n_conv ? net->conv[l].offset : net->dense_offset;
    size_t n =
        l < net->n_conv ? sa_conv_n_weights(&net->conv[l].g) : net->n_params - net->dense_offset;
    for (size_t r = 0; r < FD_PER_LAYER && r < n; r++) {
      size_t i = off + (n <= FD_PER_LAYER ? r : gsl_rng_uniform_int(rng, n));
      double t = net->theta->data[i], lp, lm;
      net->theta->data[i] = t + FD_H;
      sa_wrn_loss_grad(net, X, Y, ws, &lp, NULL);
      relu_pattern(net, ws, p1);
      kinks += memcmp(p0, p1, np) != 0;
      net->theta->data[i] = t - FD_H;
      sa_wrn_loss_grad(net, X, Y, ws, &lm, NULL);
      relu_pattern(net, ws, p1);
      kinks += memcmp(p0, p1, np) != 0;
      net->theta->data[i] = t;
      double fd = (lp - lm) / (2.0 * FD_H);
      num += (fd - g->data[i]) * (fd - g->data[i]);
      den += g->data[i] * g->data[i];
      checked++;
    }
  }
  double err = sqrt(num / den);
  tap_ok(kinks == 0,
         "k=%zu b=%zu %zux%zu: no ReLU input changed sign under +-h (%zu of %zu params)", k, b, h,
         w, checked, net->n_params);
  tap_abs(err, 0.0, FD_TOL, "  loss gradient = central differences (relative 2-norm, C=%zu, P=%zu)",
          C, P);
  free(p0);
  free(p1);
  gsl_vector_free(g);
  sa_wrn_workspace_free(ws);
  gsl_matrix_free(X);
  gsl_matrix_free(Y);
  sa_wrn_free(net);
}

/* Layout of the paper's k = 4, b = 1 network on 28 x 28 images. */
static void test_layout(void)
{
  sa_wrn *net = sa_wrn_alloc(4, 1, 1, 28, 28, 1);
  /* first conv 1*16*9; group 1: 16->64 conv1, 64->64 conv2, 16->64 shortcut;
   * group 2: 64->128, 128->128, 64->128; group 3: 128->256, 256->256,
   * 128->256; dense 256 */
  size_t want =
      144 + (9216 + 36864 + 9216) + (73728 + 147456 + 73728) + (294912 + 589824 + 294912) + 256;
  tap_ok(net->n_params == want, "k=4 b=1: %zu parameters (by hand: %zu, 1.5 million)",
         net->n_params, want);
  size_t last = net->n_tensor - 1;
  tap_ok(net->t_h[last] == 7 && net->t_w[last] == 7 && net->t_ch[last] == 256 && net->n_conv == 10,
         "28x28 -> 14x14 -> 7x7 with 256 channels; 10 convolutions (7 main + 3 shortcut)");
  sa_wrn_free(net);
  tap_ok(!sa_wrn_alloc(0, 1, 1, 8, 8, 1) && !sa_wrn_alloc(1, 0, 1, 8, 8, 1) &&
             !sa_wrn_alloc(SA_WRN_K_MAX + 1, 1, 1, 8, 8, 1),
         "alloc rejects k = 0, b = 0 and k > %d", SA_WRN_K_MAX);
}

/* Main branch zeroed: a block with identity shortcut is the identity; a
 * block with a conv shortcut is that convolution alone. */
static void test_residual_identity(void)
{
  size_t P = 2;
  sa_wrn *net = sa_wrn_alloc(1, 2, 1, 8, 8, 1);
  sa_wrn_init(net, 6.0, 0.3, rng);
  /* conv list: 0 first; group 1 block 1: 1 conv1, 2 conv2, 3 shortcut;
   * block 2: 4 conv1, 5 conv2 (identity shortcut) */
  const sa_wrn_conv *c5 = &net->conv[5], *c2 = &net->conv[2];
  tap_ok(c5->in != net->conv[4].in && net->t_identity_from[c5->out] == net->conv[4].in &&
             net->conv[3].accumulate,
         "group 1: block 1 has a conv shortcut, block 2 the identity");
  memset(net->theta->data + c5->offset, 0, sa_conv_n_weights(&c5->g) * sizeof(double));
  memset(net->theta->data + c2->offset, 0, sa_conv_n_weights(&c2->g) * sizeof(double));
  gsl_matrix *X = fixture_random_matrix(rng, 64, P, 1.0);
  sa_wrn_workspace *ws = sa_wrn_workspace_alloc(net, P);
  sa_wrn_forward(net, X, ws);
  const gsl_matrix *in = ws->T[net->conv[4].in], *out = ws->T[c5->out];
  double d = 0.0;
  for (size_t i = 0; i < in->size1 * in->size2; i++)
    d = fmax(d, fabs(in->data[i] - out->data[i]));
  tap_ok(d == 0.0, "main branch zeroed: identity-shortcut block output = input exactly");
  /* block 1: output = shortcut conv of its input alone */
  const sa_wrn_conv *sc = &net->conv[3];
  gsl_matrix *Ysc = gsl_matrix_alloc(out->size1, out->size2);
  sa_conv_forward(&sc->g, net->theta->data + sc->offset, ws->T[sc->in], 0, 0.0, Ysc, ws->buf);
  const gsl_matrix *o1 = ws->T[sc->out];
  d = 0.0;
  for (size_t i = 0; i < o1->size1 * o1->size2; i++)
    d = fmax(d, fabs(o1->data[i] - Ysc->data[i]));
  tap_ok(d == 0.0, "main branch zeroed: conv-shortcut block output = shortcut conv of x");
  gsl_matrix_free(Ysc);
  gsl_matrix_free(X);
  sa_wrn_workspace_free(ws);
  sa_wrn_free(net);
}

/* ---- Winograd path against the direct loop and the im2col path ---------- */
/* Relative to the magnitude of the sums (sum of |terms| of the largest
 * entry, which bounds every entry's rounding): F(2 x 2, 3 x 3) transforms
 * with coefficients 1 and 1/2 add a few eps per transform stage on top of
 * the products' own rounding, a few tens of eps for sums of <= 9 * 16 *
 * tiles terms: 1e-13.  F(4 x 4, 3 x 3) has coefficients up to 8 (A^T) and
 * 5 (B^T) and fractions 1/6, 1/24 (G), which amplify the rounding of each
 * stage by up to the transforms' norms (about 10 and 7): 1e-12.  A wrong
 * transform or tile index gives O(1) errors. */
#define WINO2_TOL 1e-13
#define WINO4_TOL 1e-12

/* Largest |entry| of a, relative to scale. */
static double rel_diff(const double *a, const double *b, size_t n, double scale)
{
  double m = 0.0;
  for (size_t i = 0; i < n; i++)
    m = fmax(m, fabs(a[i] - b[i]));
  return m / scale;
}

/* Sum of |terms| bound of the convolution sums: 9 cin max|W| max|X| for
 * the forward pass (and alike for the gradients, with dY and the pixel
 * count). */
static void check_wino(size_t m, size_t cin, size_t cout, size_t h, size_t w, size_t P, int relu,
                       size_t cap_tiles)
{
  sa_conv_geom g;
  sa_conv_geom_set(&g, cin, cout, h, w, 1);
  size_t nx = cin * P * h * w, ny = cout * P * h * w, nw = cout * cin * 9;
  gsl_matrix *X = fixture_random_matrix(rng, cin, P * h * w, 1.0);
  gsl_matrix *dY = fixture_random_matrix(rng, cout, P * h * w, 1.0);
  gsl_matrix *Y[2], *dX[2];
  double *W = malloc(nw * sizeof *W), *dW[2], *Yd = malloc(ny * sizeof *Yd),
         *dWd = malloc(nw * sizeof *dWd), *dXd = malloc(nx * sizeof *dXd);
  for (size_t i = 0; i < nw; i++)
    W[i] = gsl_ran_gaussian(rng, 1.0);
  /* alg 0: im2col, alg 1: Winograd with a buffer of cap_tiles tiles
   * (several chunks, a chunk boundary inside an image) */
  size_t a = m + 2, wide = cin > cout ? cin : cout;
  for (int alg = 0; alg < 2; alg++) {
    Y[alg] = gsl_matrix_alloc(cout, P * h * w);
    gsl_matrix_set_all(Y[alg], 0.5); /* forward with beta = 2: Y = conv + 2 Y */
    dX[alg] = gsl_matrix_alloc(cin, P * h * w);
    gsl_matrix_set_all(dX[alg], 0.25); /* the input gradient adds to dX */
    dW[alg] = malloc(nw * sizeof *dW[alg]);
    sa_conv_buf *buf = sa_conv_buf_alloc(alg ? cap_tiles * a * a * wide : 9 * cin * h * w);
    buf->wino = alg ? (int)m : 0;
    sa_conv_forward(&g, W, X, relu, 2.0, Y[alg], buf);
    sa_conv_backward(&g, W, X, relu, dY, dW[alg], 0.0, dX[alg], buf);
    sa_conv_buf_free(buf);
  }
  direct_conv(cin, cout, h, w, 1, h, w, 1, 1, P, W, X->data, relu, dY->data, Yd, dWd, dXd);
  for (size_t i = 0; i < ny; i++)
    Yd[i] += 1.0;
  for (size_t i = 0; i < nx; i++)
    dXd[i] += 0.25;
  double xm = max_abs(X->data, nx), wm = max_abs(W, nw), dym = max_abs(dY->data, ny);
  double sy = 9.0 * (double)cin * wm * xm, sx = 9.0 * (double)cout * wm * dym,
         sw = (double)(P * h * w) * dym * xm;
  double tol = m == 2 ? WINO2_TOL : WINO4_TOL;
  double ey = rel_diff(Y[1]->data, Yd, ny, sy), ew = rel_diff(dW[1], dWd, nw, sw),
         ex = rel_diff(dX[1]->data, dXd, nx, sx);
  tap_abs(ey, 0.0, tol,
          "Winograd F(%zux%zu,3x3) %zux%zu cin=%zu cout=%zu P=%zu relu=%d, %zu tiles a chunk: "
          "forward = direct loop (relative to 9 cin max|W| max|X|)",
          m, m, h, w, cin, cout, P, relu, cap_tiles);
  tap_abs(ew, 0.0, tol, "  weight gradient = direct sum (relative to P h w max|dY| max|X|)");
  tap_abs(ex, 0.0, tol, "  input gradient = direct sum (relative to 9 cout max|W| max|dY|)");
  double e2 =
      fmax(rel_diff(Y[1]->data, Y[0]->data, ny, sy),
           fmax(rel_diff(dW[1], dW[0], nw, sw), rel_diff(dX[1]->data, dX[0]->data, nx, sx)));
  tap_abs(e2, 0.0, tol, "  forward and both gradients = the im2col path");
  for (int alg = 0; alg < 2; alg++) {
    gsl_matrix_free(Y[alg]);
    gsl_matrix_free(dX[alg]);
    free(dW[alg]);
  }
  gsl_matrix_free(X);
  gsl_matrix_free(dY);
  free(W);
  free(Yd);
  free(dWd);
  free(dXd);
}

int main(void)
{
  rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 20220425);
  test_geometry();
  check_conv(3, 4, 8, 8, 1, 3, 0, 1);
  check_conv(3, 4, 8, 8, 2, 3, 1, 2);
  check_conv(2, 5, 7, 5, 2, 5, 1, 2);   /* odd, non-square, stride 2 */
  check_conv(2, 3, 7, 7, 1, 4, 0, 100); /* one chunk */
  check_conv(1, 2, 1, 3, 2, 2, 0, 1);   /* 1 x 3 image: more padding than pixels */
  for (size_t m = 2; m <= 4; m += 2) {
    check_wino(m, 1, 3, 8, 8, 2, 0, 5);        /* even size, tiles divide it */
    check_wino(m, 3, 16, 7, 9, 3, 1, 7);       /* odd sizes: partial tiles */
    check_wino(m, 16, 3, 5, 6, 2, 1, 3);       /* more inputs than outputs */
    check_wino(m, 16, 16, 14, 14, 2, 1, 1000); /* one chunk */
    check_wino(m, 3, 1, 1, 3, 2, 0, 1);        /* 1 x 3 image, one tile a chunk */
  }
  test_layout();
  test_residual_identity();
  test_gradient_fd(1, 1, 8, 8, 1, 3);
  test_gradient_fd(1, 2, 7, 5, 2, 2); /* odd sizes: 7x5 -> 4x3 -> 2x2, identity blocks */
  gsl_rng_free(rng);
  return tap_done();
}
