/* Two-layer linear network on unwhitened data (paper Sec. 3.2, App. C.3):
 * the 5x5 early system (Eqs. 45-46), the early spike direction Sigma beta
 * of the full flow (Eq. 48), its re-alignment to beta, and the final
 * function against the pseudo-inverse solution (App. G.1). */
#include "config.h"

#include "core/sa_errno.h"
#include "core/sa_grid.h"
#include "tap.h"
#include "theory/linear_observables.h"
#include "theory/linear_setup.h"
#include "theory/unwhitened.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>

#define S_TEACHER 2.385
#define NGRID 240

static void test_eigen(double s, double a, double b, const char *what)
{
  double re[5], im[5], ev[5];
  if (!tap_ok(sa_unwhitened_eigenvalues(s, a, b, re, im) == 0,
              "eqs. (45)-(46): gsl_eigen_nonsymm converged (%s)", what))
    return;
  sa_unwhitened_eigen_theory(s, b, ev);
  /* Backward-stable QR: eigenvalue errors ~ eps ||A|| / separation; the
   * spectrum is real and simple with gaps s sqrt(b) ~ ||A||/4, so 1e-10 of
   * the spectral radius 2 s sqrt(b) is generous. */
  double scale = 2 * s * sqrt(b), maxerr = 0, maxim = 0;
  for (size_t i = 0; i < 5; i++) {
    maxerr = fmax(maxerr, fabs(re[i] - ev[i]));
    maxim = fmax(maxim, fabs(im[i]));
  }
  tap_ok(maxerr <= 1e-10 * scale && maxim <= 1e-10 * scale,
         "eqs. (45)-(46): eigenvalues of the 5x5 system are s{0,+-sqrt b,+-2 sqrt b} to 1e-10 "
         "(%s, err %.2g)",
         what, maxerr / scale);
}

/* Eqs. (45)-(46) against the exact flow field: the overlaps r1..r5 and
 * their time derivatives from d theta/dt = -grad L (linear_net.h) by the
 * product rule, versus s A r.  The neglected terms (W Sigma W^T a in
 * da/dt, a a^T W Sigma in dW/dt) are O(sigma^3) against O(sigma), so the
 * relative deviation is O(sigma^2/s) at initialisation. */
static double matrix_vs_flow(double sigma, unsigned long seed, double *a_out, double *b_out)
{
  const size_t D = 17, N = 9, P = 60;
  const double s = S_TEACHER;
  sa_linsetup_params p = {2, D, N, P, sigma, s, 0.8, seed};
  sa_linsetup su;
  if (sa_linsetup_alloc(&p, &su) != 0)
    return NAN;
  const sa_linnet_shape *sh = &su.pb.shape;
  double *dth = malloc(sh->nparam * sizeof *dth);
  sa_linnet_work *w = sa_linnet_work_alloc(sh);
  gsl_vector *g = gsl_vector_alloc(D);
  gsl_vector *Wb = gsl_vector_alloc(N), *Wg = gsl_vector_alloc(N), *dWb = gsl_vector_alloc(N),
             *dWg = gsl_vector_alloc(N), *rv = gsl_vector_alloc(5), *Ar = gsl_vector_alloc(5);
  gsl_matrix *A = gsl_matrix_alloc(5, 5);
  double dev = NAN;
  if (dth && w && g && Wb && Wg && dWb && dWg && rv && Ar && A) {
    sa_linnet_flow(sh, su.theta, su.Sigma, su.T, w, dth);
    gsl_matrix_const_view W = sa_linnet_layer_const(sh, su.theta, 1);
    gsl_matrix_const_view dW = sa_linnet_layer_const(sh, dth, 1);
    gsl_vector_const_view a = gsl_vector_const_view_array(su.theta + sh->offset[2], N);
    gsl_vector_const_view da = gsl_vector_const_view_array(dth + sh->offset[2], N);
    gsl_blas_dgemv(CblasNoTrans, 1.0, su.Sigma, su.beta, 0.0, g);
    gsl_blas_dgemv(CblasNoTrans, 1.0, &W.matrix, su.beta, 0.0, Wb);
    gsl_blas_dgemv(CblasNoTrans, 1.0, &W.matrix, g, 0.0, Wg);
    gsl_blas_dgemv(CblasNoTrans, 1.0, &dW.matrix, su.beta, 0.0, dWb);
    gsl_blas_dgemv(CblasNoTrans, 1.0, &dW.matrix, g, 0.0, dWg);
    double r[5], dr[5], x, y;
    gsl_blas_ddot(Wb, &a.vector, &r[0]);
    gsl_blas_ddot(&a.vector, &a.vector, &r[1]);
    gsl_blas_ddot(Wb, Wg, &r[2]);
    gsl_blas_ddot(Wg, &a.vector, &r[3]);
    gsl_blas_ddot(Wg, Wg, &r[4]);
    gsl_blas_ddot(dWb, &a.vector, &x);
    gsl_blas_ddot(Wb, &da.vector, &y);
    dr[0] = x + y;
    gsl_blas_ddot(&a.vector, &da.vector, &x);
    dr[1] = 2 * x;
    gsl_blas_ddot(dWb, Wg, &x);
    gsl_blas_ddot(Wb, dWg, &y);
    dr[2] = x + y;
    gsl_blas_ddot(dWg, &a.vector, &x);
    gsl_blas_ddot(Wg, &da.vector, &y);
    dr[3] = x + y;
    gsl_blas_ddot(Wg, dWg, &x);
    dr[4] = 2 * x;
    double aa, bb;
    sa_unwhitened_ab(su.Sigma, su.beta, &aa, &bb);
    *a_out = aa;
    *b_out = bb;
    sa_unwhitened_matrix(s, aa, bb, A);
    for (size_t i = 0; i < 5; i++)
      gsl_vector_set(rv, i, r[i]);
    gsl_blas_dgemv(CblasNoTrans, 1.0, A, rv, 0.0, Ar);
    double num = 0;
    for (size_t i = 0; i < 5; i++)
      num += (dr[i] - gsl_vector_get(Ar, i)) * (dr[i] - gsl_vector_get(Ar, i));
    dev = sqrt(num) / gsl_blas_dnrm2(Ar);
  }
  free(dth);
  sa_linnet_work_free(w, sh);
  gsl_vector_free(g);
  gsl_vector_free(Wb);
  gsl_vector_free(Wg);
  gsl_vector_free(dWb);
  gsl_vector_free(dWg);
  gsl_vector_free(rv);
  gsl_vector_free(Ar);
  gsl_matrix_free(A);
  sa_linsetup_free(&su);
  return dev;
}

static void test_matrix_vs_flow(void)
{
  double a, b;
  double d3 = matrix_vs_flow(1e-3, 21, &a, &b), d2 = matrix_vs_flow(1e-2, 21, &a, &b);
  tap_diag("5x5 system vs exact flow field: rel dev %.3g (sigma=1e-3), %.3g (sigma=1e-2); "
           "a=%.4f b=%.4f",
           d3, d2, a, b);
  tap_ok(d3 <= 10 * 1e-6 / S_TEACHER,
         "eqs. (45)-(46): d r/dt of the exact flow equals s A r within 10 sigma^2/s (sigma=1e-3, "
         "rel dev %.2g)",
         d3);
  /* same draws scaled by sigma: the deviation must scale as sigma^2 */
  tap_rel(d2 / d3, 100, 0.1, "eqs. (45)-(46): deviation from s A r scales as sigma^2");
}

typedef struct {
  size_t n;
  double t[NGRID];
  sa_linobs o[NGRID];
  sa_spike sp[NGRID];
  sa_linsetup *su;
  sa_linobs_work *w;
  sa_spike_work *spw;
  double weff[64]; /* W^T a at the last call (D <= 64) */
} trace;

static int observe(double t, const double *theta, void *user)
{
  trace *tr = user;
  if (tr->n >= NGRID)
    return -1;
  tr->t[tr->n] = t;
  int st = sa_linobs_compute(theta, tr->su->Sigma, tr->su->T, tr->su->beta, tr->w, &tr->o[tr->n]);
  if (!st)
    st = sa_spike_compute(tr->spw, theta, NULL, &tr->sp[tr->n]);
  /* W^T a directly from the flat vector: W (N x D) row-major, then a. */
  const sa_linnet_shape *sh = &tr->su->pb.shape;
  size_t D = sh->n[0], N = sh->n[1];
  for (size_t j = 0; j < D; j++) {
    double v = 0;
    for (size_t i = 0; i < N; i++)
      v += theta[sh->offset[1] + i * D + j] * theta[sh->offset[2] + i];
    tr->weff[j] = v;
  }
  tr->n++;
  return st;
}

static trace tr;

/* Min-norm least squares w* of X^T w = y, y = X^T T^T, by SVD of X^T. */
static double pinv_error(const sa_linsetup *su, const double *w)
{
  size_t D = su->X->size1, P = su->X->size2;
  gsl_matrix *A = gsl_matrix_alloc(P, D), *V = gsl_matrix_alloc(D, D);
  gsl_vector *S = gsl_vector_alloc(D), *work = gsl_vector_alloc(D), *y = gsl_vector_alloc(P),
             *x = gsl_vector_alloc(D);
  gsl_matrix_transpose_memcpy(A, su->X);
  gsl_vector_const_view t = gsl_matrix_const_row(su->T, 0);
  gsl_blas_dgemv(CblasNoTrans, 1.0, A, &t.vector, 0.0, y);
  gsl_linalg_SV_decomp(A, V, S, work);
  gsl_linalg_SV_solve(A, V, S, y, x);
  double num = 0, den = 0;
  for (size_t j = 0; j < D; j++) {
    num += (w[j] - gsl_vector_get(x, j)) * (w[j] - gsl_vector_get(x, j));
    den += gsl_vector_get(x, j) * gsl_vector_get(x, j);
  }
  gsl_matrix_free(A);
  gsl_matrix_free(V);
  gsl_vector_free(S);
  gsl_vector_free(work);
  gsl_vector_free(y);
  gsl_vector_free(x);
  return sqrt(num / den);
}

static void test_flow(double sigma, double spectrum)
{
  const size_t D = 20, N = 10, P = 100;
  const double s = S_TEACHER, t_end = 30;
  sa_linsetup_params p = {2, D, N, P, sigma, s, spectrum, 13};
  sa_linsetup su;
  if (!tap_ok(sa_linsetup_alloc(&p, &su) == 0, "setup: anisotropic data, spectrum k^-%g", spectrum))
    return;
  double times[NGRID - 1];
  sa_grid_fill(times, NGRID - 1, 1e-2, t_end, 1);
  double *atol = malloc(su.pb.shape.nparam * sizeof *atol);
  tr.n = 0;
  tr.su = &su;
  tr.w = sa_linobs_work_alloc(&su.pb.shape, su.X, su.theta);
  tr.spw = sa_spike_alloc(&su.pb.shape, su.Sigma, su.beta, su.theta);
  sa_linflow_result res;
  int st = -1;
  if (atol && tr.w && tr.spw) {
    for (size_t l = 1; l <= 2; l++)
      for (size_t k = 0; k < su.pb.shape.n[l] * su.pb.shape.n[l - 1]; k++)
        atol[su.pb.shape.offset[l] + k] = 1e-8 * sigma / sqrt((double)su.pb.shape.n[l - 1]);
    sa_ode_params par = {1e-10, 0, atol, 1000000, SA_ODE_ADAMS};
    st = sa_linflow_run(&su.pb, su.theta, times, NGRID - 1, &par, observe, &tr, &res);
    if (st)
      tap_diag("%s", sa_error_message());
  }
  if (tap_ok(st == 0 && tr.n == NGRID, "eq. (4): full flow on unwhitened data ran (sigma=%g)",
             sigma)) {
    double a, b;
    sa_unwhitened_ab(su.Sigma, su.beta, &a, &b);
    test_eigen(s, a, b, "a, b of the data");
    /* Early time: the last grid time still in Phase I, L/L0 > 0.99. */
    size_t kI = 0;
    while (kI + 1 < tr.n && tr.o[kI + 1].loss / tr.o[0].loss > 0.99)
      kI++;
    const sa_spike *e = &tr.sp[kI];
    tap_diag("sigma=%g: a=%.6f b=%.6f a/sqrt(b)=%.6f; t_I=%.4g |a|^2=%.3g cos(Sigma beta)=%.8f "
             "cos(beta)=%.6f",
             sigma, a, b, a / sqrt(b), tr.t[kI], tr.o[kI].a2, e->cos_sigbeta, e->cos_beta);
    /* W(t) = W0 + A(t) (Sigma beta)^T/|Sigma beta| + nonlinear terms: the
     * cross terms W0^T A tilt the top eigenvector of W^T W - W0^T W0 by
     * theta ~ |W0|/|A| ~ sigma/|a|, and the nonlinear terms (the start of
     * the re-alignment) by O(|a|^2/s); so 1 - cos ~ sigma^2/|a|^2 + O(|a|^4/s^2).
     * At the end of Phase I |a|^2 ~ 3e-3 s, giving ~ 1e-4 <= sigma = 1e-3,
     * and the bound tightens as sigma shrinks. */
    tap_ok(1 - e->cos_sigbeta <= sigma,
           "eq. (48): early spike of W^T W - W0^T W0 is Sigma beta/|Sigma beta|, 1-|cos| = %.2g "
           "<= sigma",
           1 - e->cos_sigbeta);
    /* If the spike v makes angle theta with g = Sigma beta/|Sigma beta|,
     * then |v.beta - g.beta| <= sin theta <= sqrt(2(1 - cos theta)). */
    double theta = sqrt(2 * (1 - e->cos_sigbeta));
    tap_abs(e->cos_beta, a / sqrt(b), theta + 1e-12,
            "eq. (48): early spike has cos with beta = a/sqrt(b) = %.4f (< 1)", a / sqrt(b));
    tap_ok(a / sqrt(b) < 0.95, "eq. (48): a/sqrt(b) = %.4f is clearly below 1 (anisotropic)",
           a / sqrt(b));
    /* Re-alignment (paper.md 2.3): at the end W^T W's top eigenvector is
     * beta (W -> a beta^T up to the O(sigma^2) conserved unbalance). */
    const sa_spike *f = &tr.sp[tr.n - 1];
    tap_abs(f->top_cos_beta, 1.0, sigma,
            "App. C.3/G.1: final spike of W^T W is beta (1-|cos| = %.2g <= sigma)",
            1 - f->top_cos_beta);
    double dA = 0;
    for (size_t k = kI; k < tr.n; k++)
      dA = fmax(dA, fabs(tr.o[k].kalign - tr.o[kI].kalign));
    tap_ok(dA > 0.01,
           "Sec. 3.2: kernel alignment is not constant during the loss drop "
           "(max change %.4f > 0.01)",
           dA);
    /* Final function: at the end L = L_end, so |w - w*|^2 <= 2 L_end/lambda_min;
     * lambda_min = min k^-a/mean over the spectrum. */
    double lmin = pow((double)D, -spectrum), mean = 0;
    for (size_t k = 1; k <= D; k++)
      mean += pow((double)k, -spectrum) / (double)D;
    lmin /= mean;
    double bound = sqrt(2 * tr.o[tr.n - 1].loss / lmin) / s;
    double perr = pinv_error(&su, tr.weff);
    tap_diag("final: L=%.3g, |W^T a - w*|/|w*| = %.3g (bound %.3g); |w*| = s (P>=D: w* = s beta)",
             tr.o[tr.n - 1].loss, perr, bound);
    tap_ok(perr <= 1.01 * bound + 1e-9 && perr < 1e-4,
           "App. G.1: final W^T a equals the pseudo-inverse solution (rel err %.2g < 1e-4)", perr);
  }
  sa_spike_free(tr.spw);
  sa_linobs_work_free(tr.w);
  free(atol);
  sa_linsetup_free(&su);
}

int main(void)
{
  /* Cauchy-Schwarz: b >= a^2 for unit beta; high-entropy values. */
  test_eigen(S_TEACHER, 1.37, 2.91, "a=1.37, b=2.91");
  test_eigen(0.713, 0.42, 0.2319, "a=0.42, b=0.2319");
  test_matrix_vs_flow();
  test_flow(1e-3, 1.0);
  test_flow(1e-4, 1.0);
  return tap_done();
}
