/* Tests of the figure helpers: kernel2d (Figs. 2, C.1) and ktrace
 * (Figs. C.2c, E.1).
 *  - level sets: w(theta) = sqrt(c) M^{1/2} u(theta) satisfies w^T M^{-1} w = c,
 *    checked with an explicit 2x2 inverse (not the closed-form square root);
 *  - the RKHS norm of kernel2d.h on the level set and against an LU solve;
 *    the top-eigenvector angle and eigenvalue ratio of a rotated diagonal M;
 *    the drawn segment of an interpolating line (on the line, its length,
 *    centre and direction);
 *  - least-norm interpolant: X^T w = y, and w minimises w^T M^{-1} w on the
 *    interpolating line (P = 1: compared with the Lagrange solution
 *    w = y M x / (x^T M x) and with points displaced along the line);
 *  - App. G: for M = A beta beta^T + I with beta along the sample, w_KR does
 *    not depend on A;
 *  - ||X^T M X||_F against a direct triple loop; rank of a matrix with a
 *    known number of nonzero singular values;
 *  - the whitened P = 1 setup: Sigma = x x^T, beta = +-x, y = s beta_T.x;
 *  - multi-output kernel norm and alignments (Fig. H.1) by the trace
 *    identities of ktrace.h against the explicit C D x C D block matrix
 *    assembled from sa_linnet_kernel_matrix (Eq. 57), with X = I. */
#include "config.h"

#include "core/sa_errno.h"
#include "tap.h"
#include "theory/kernel2d.h"
#include "theory/ktrace.h"

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static double quad_inv(const double m[4], const double w[2])
{
  double det = m[0] * m[3] - m[1] * m[2];
  return (m[3] * w[0] * w[0] - 2 * m[1] * w[0] * w[1] + m[0] * w[1] * w[1]) / det;
}

int main(void)
{
  gsl_set_error_handler_off();
  const double mv[4] = {2.385, 0.731, 0.731, 0.917}; /* SPD: det = 1.653 > 0 */
  gsl_matrix_const_view M = gsl_matrix_const_view_array(mv, 2, 2);
  const double c = 0.4173;
  double worst = 0;
  for (int k = 0; k < 37; k++) {
    double w[2];
    sa_kernel2d_ellipse(&M.matrix, c, 0.1713 * k, w);
    double e = fabs(quad_inv(mv, w) - c) / c;
    if (e > worst)
      worst = e;
  }
  /* rounding only: a few ulps of the 2x2 arithmetic */
  tap_rel(1 + worst, 1, 1e-13, "level set w^T M^{-1} w = c along the ellipse (Fig. 2 contours)");

  /* The library's RKHS norm (adjugate) on the same level set, and against
   * an LU solve w^T (M^{-1} w) at an arbitrary point. */
  double we[2], wr[2] = {-1.37, 0.52};
  sa_kernel2d_ellipse(&M.matrix, c, 2.9, we);
  tap_rel(sa_kernel2d_rkhs_norm2(&M.matrix, we), c, 1e-13,
          "sa_kernel2d_rkhs_norm2 = c on the level set (Fig. 2 contour values)");
  {
    gsl_matrix *LU = gsl_matrix_alloc(2, 2);
    gsl_permutation *perm = gsl_permutation_alloc(2);
    gsl_vector_view wv = gsl_vector_view_array(wr, 2);
    gsl_vector *z = gsl_vector_alloc(2);
    int sg;
    gsl_matrix_memcpy(LU, &M.matrix);
    gsl_linalg_LU_decomp(LU, perm, &sg);
    gsl_linalg_LU_solve(LU, perm, &wv.vector, z);
    double q = wr[0] * gsl_vector_get(z, 0) + wr[1] * gsl_vector_get(z, 1);
    tap_rel(sa_kernel2d_rkhs_norm2(&M.matrix, wr), q, 1e-13,
            "sa_kernel2d_rkhs_norm2 = w^T (M^{-1} w) by an LU solve");
    gsl_vector_free(z);
    gsl_permutation_free(perm);
    gsl_matrix_free(LU);
  }
  /* Top direction of M = R(phi) diag(l1, l2) R(phi)^T: angle phi folded
   * into (-90, 90] degrees, ratio l1 / l2. */
  const double phis[2] = {37.3, 120.0}, folded[2] = {37.3, -60.0}, l1 = 3.1, l2 = 0.45;
  for (int k = 0; k < 2; k++) {
    double p = phis[k] * M_PI / 180.0, cs = cos(p), sn = sin(p);
    double rv[4] = {l1 * cs * cs + l2 * sn * sn, (l1 - l2) * cs * sn, (l1 - l2) * cs * sn,
                    l1 * sn * sn + l2 * cs * cs};
    gsl_matrix_const_view R = gsl_matrix_const_view_array(rv, 2, 2);
    double angle, ratio;
    sa_kernel2d_top_direction(&R.matrix, &angle, &ratio);
    tap_rel(angle, folded[k], 1e-12, "top eigenvector of M at %.1f degrees reads %.1f", phis[k],
            folded[k]);
    tap_rel(ratio, l1 / l2, 1e-12, "eigenvalue ratio l1/l2 of M (Fig. 2 ellipse elongation)");
  }

  /* P = 1 interpolant: Lagrange solution w = y M x / (x^T M x), norm y^2/(x^T M x) */
  double xv[2] = {0.8134, -0.5817}, yv[1] = {1.273};
  gsl_matrix_view X = gsl_matrix_view_array(xv, 2, 1);
  gsl_vector_view y = gsl_vector_view_array(yv, 1);
  double w[2], n2;
  int st = sa_kernel2d_interpolant(&M.matrix, &X.matrix, &y.vector, w, &n2);
  double Mx0 = mv[0] * xv[0] + mv[1] * xv[1], Mx1 = mv[2] * xv[0] + mv[3] * xv[1];
  double xMx = xv[0] * Mx0 + xv[1] * Mx1;
  tap_ok(st == 0, "interpolant: X^T M X positive definite");
  tap_rel(w[0], yv[0] * Mx0 / xMx, 1e-13, "least-norm interpolant, component 1 (Lagrange)");
  tap_rel(w[1], yv[0] * Mx1 / xMx, 1e-13, "least-norm interpolant, component 2 (Lagrange)");
  tap_rel(n2, yv[0] * yv[0] / xMx, 1e-13, "RKHS norm of the interpolant y^2/(x^T M x)");
  /* caller's sizes disagree: X with 3 rows against the 2 x 2 M is reported
   * as GSL_EBADLEN with the product named, not silently ignored */
  {
    double x3[3] = {0.3, -0.2, 0.9};
    gsl_matrix_view X3 = gsl_matrix_view_array(x3, 3, 1);
    double wb[2], nb;
    int sb = sa_kernel2d_interpolant(&M.matrix, &X3.matrix, &y.vector, wb, &nb);
    tap_ok(sb == GSL_EBADLEN, "interpolant: 3 x 1 X against 2 x 2 M gives GSL_EBADLEN (got %d)",
           sb);
    tap_ok(strstr(sa_error_message(), "interpolant: M X") != NULL,
           "interpolant: the size mismatch names the product (\"%s\")", sa_error_message());
  }
  /* Interpolating-line segment of sample 0: both ends on x.w = y, length
   * 2 half, centred on the foot y x / |x|^2, in the direction x-perp. */
  {
    double seg[2][2], half = 0.77, nx2 = xv[0] * xv[0] + xv[1] * xv[1];
    sa_kernel2d_line(&X.matrix, &y.vector, 0, half, seg);
    double e0 = xv[0] * seg[0][0] + xv[1] * seg[0][1] - yv[0];
    double e1 = xv[0] * seg[1][0] + xv[1] * seg[1][1] - yv[0];
    tap_abs(fabs(e0) + fabs(e1), 0.0, 1e-14, "line segment ends lie on x.w = y");
    tap_rel(hypot(seg[1][0] - seg[0][0], seg[1][1] - seg[0][1]), 2 * half, 1e-14,
            "line segment has length 2 half");
    tap_rel(0.5 * (seg[0][0] + seg[1][0]), yv[0] * xv[0] / nx2, 1e-14,
            "line segment centred on the foot y x/|x|^2 (component 1)");
    tap_ok((seg[1][0] - seg[0][0]) * -xv[1] + (seg[1][1] - seg[0][1]) * xv[0] > 0,
           "w[1] - w[0] points along x-perp = (-x_2, x_1)");
  }
  tap_rel(xv[0] * w[0] + xv[1] * w[1], yv[0], 1e-13, "interpolant lies on the line x.w = y");
  int minimal = 1;
  for (int k = -3; k <= 3; k++) {
    if (k == 0)
      continue;
    double d = 0.05 * k, v[2] = {w[0] - d * xv[1], w[1] + d * xv[0]}; /* along the line */
    if (!(quad_inv(mv, v) > n2))
      minimal = 0;
  }
  tap_ok(minimal, "interpolant minimises w^T M^{-1} w on the interpolating line (App. G, Eq. 70)");

  /* App. G: M = A beta beta^T + I, beta along x: same interpolant for every A */
  double nx = hypot(xv[0], xv[1]), b[2] = {xv[0] / nx, xv[1] / nx}, wA[2][2];
  const double As[2] = {0.0, 7.919};
  for (int i = 0; i < 2; i++) {
    double ma[4] = {1 + As[i] * b[0] * b[0], As[i] * b[0] * b[1], As[i] * b[0] * b[1],
                    1 + As[i] * b[1] * b[1]};
    gsl_matrix_const_view Ma = gsl_matrix_const_view_array(ma, 2, 2);
    sa_kernel2d_interpolant(&Ma.matrix, &X.matrix, &y.vector, wA[i], &n2);
  }
  tap_rel(
      wA[1][0], wA[0][0], 1e-13,
      "App. G: kernel x^T[A beta beta^T + I]x' gives the same interpolant (A = 0 vs 7.919), w_1");
  tap_rel(wA[1][1], wA[0][1], 1e-13, "App. G: same interpolant for A = 0 and 7.919, w_2");

  /* Gram Frobenius norm and rank */
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 7);
  size_t D = 5, P = 7;
  gsl_matrix *Xr = gsl_matrix_alloc(D, P), *Mr = gsl_matrix_alloc(D, D);
  for (size_t i = 0; i < D; i++)
    for (size_t j = 0; j < P; j++)
      gsl_matrix_set(Xr, i, j, gsl_rng_uniform(rng) - 0.5);
  for (size_t i = 0; i < D; i++)
    for (size_t j = 0; j <= i; j++) {
      double v = gsl_rng_uniform(rng) + (i == j ? 2.0 : 0.0);
      gsl_matrix_set(Mr, i, j, v);
      gsl_matrix_set(Mr, j, i, v);
    }
  sa_ktrace_work *kw = sa_ktrace_work_alloc(D, P);
  double f = sa_ktrace_gram_fro(Xr, Mr, kw), f2 = 0;
  for (size_t m = 0; m < P; m++)
    for (size_t n = 0; n < P; n++) {
      double k = 0;
      for (size_t i = 0; i < D; i++)
        for (size_t j = 0; j < D; j++)
          k += gsl_matrix_get(Xr, i, m) * gsl_matrix_get(Mr, i, j) * gsl_matrix_get(Xr, j, n);
      f2 += k * k;
    }
  tap_rel(f, sqrt(f2), 1e-12, "|K|_F = ||X^T M X||_F against a direct sum (Sec. 1.3 kernel norm)");
  size_t rank = 0;
  tap_ok(sa_ktrace_rank(Xr, 1e-10, &rank) == GSL_SUCCESS && rank == D,
         "rank of a random 5 x 7 matrix is 5");
  /* rank-2 matrix: columns in span{e_1, e_2} */
  for (size_t i = 2; i < D; i++)
    for (size_t j = 0; j < P; j++)
      gsl_matrix_set(Xr, i, j, 0.0);
  tap_ok(sa_ktrace_rank(Xr, 1e-10, &rank) == GSL_SUCCESS && rank == 2,
         "rank of a 5 x 7 matrix supported on two rows is 2");
  sa_ktrace_work_free(kw);

  /* kernel-trace's refining grid: a log first pass 1e-2..1e3 (51 times),
   * t_half = 100, 20 exponents from dmin = 1e-3, t_end = 1e3 */
  double tg[51], out[51 + 40];
  for (int i = 0; i < 51; i++)
    tg[i] = pow(10.0, -2.0 + 5.0 * i / 50.0);
  size_t ng = sa_ktrace_refine_grid(tg, 51, 100.0, 1e3, 20, 1e-3, out);
  int incr = 1, below = 0, at50 = 0, near_lo = 0, near_hi = 0;
  for (size_t i = 1; i < ng; i++)
    incr = incr && out[i] > out[i - 1];
  for (size_t i = 0; i < ng; i++) {
    below += out[i] < 50.0 * (1 - 1e-12);
    at50 = at50 || fabs(out[i] - 50.0) < 1e-12 * 50.0;
    near_lo = near_lo || fabs(out[i] - (100.0 - 1e-3)) < 1e-12 * 100.0;
    near_hi = near_hi || fabs(out[i] - (100.0 + 1e-3)) < 1e-12 * 100.0;
  }
  int nbelow = 0;
  for (int i = 0; i < 51; i++)
    nbelow += tg[i] < 50.0;
  tap_ok(ng <= 91 && incr && out[ng - 1] == 1e3,
         "refine grid: %zu increasing times within room, ending at t_end", ng);
  tap_ok(below == nbelow && at50,
         "refine grid: the first pass below t_half/2 kept (%d of %d), then t_half - t_half/2",
         below, nbelow);
  tap_ok(near_lo && near_hi, "refine grid: t_half -+ dmin present (the closest records)");
  gsl_matrix_free(Xr);
  gsl_matrix_free(Mr);
  gsl_rng_free(rng);

  /* whitened P = 1 setup of Fig. 2 */
  sa_kernel2d_params kp = {20, 1, 30 * M_PI / 180, 0.1, 75 * M_PI / 180, 1e-3, 1.793, 3};
  sa_kernel2d k;
  tap_ok(sa_kernel2d_alloc(&kp, &k) == 0, "kernel2d setup P = 1");
  tap_rel(gsl_matrix_get(k.su.Sigma, 0, 1), cos(kp.phi_x) * sin(kp.phi_x), 1e-14,
          "P = 1: Sigma = x x^T (whitened on its span)");
  tap_rel(gsl_vector_get(k.y, 0), kp.s * cos(kp.phi_beta - kp.phi_x), 1e-14,
          "P = 1: y = s beta_T . x");
  tap_rel(fabs(gsl_vector_get(k.su.beta, 0)), cos(kp.phi_x), 1e-14,
          "P = 1: beta = unit sample direction");
  sa_kernel2d_free(&k);
  kp.P = 3;
  tap_ok(sa_kernel2d_alloc(&kp, &k) != 0, "kernel2d rejects P = 3");

  /* multi-output: L = 3, D = 4, N = 5, C = 3, random weights */
  {
    size_t widths[4] = {4, 5, 5, 3}, Cn = 3, Dn = 4;
    sa_linnet_shape sh;
    sa_linnet_shape_init(&sh, 3, widths);
    gsl_rng *r2 = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r2, 11);
    double *theta = malloc(sh.nparam * sizeof *theta);
    sa_linnet_init_standard(&sh, 0.913, r2, theta);
    gsl_matrix *T = gsl_matrix_alloc(Cn, Dn), *Mb = gsl_matrix_alloc(Dn, Dn);
    gsl_matrix *Kbar = gsl_matrix_calloc(Dn, Dn);
    for (size_t i = 0; i < Cn; i++)
      for (size_t j = 0; j < Dn; j++)
        gsl_matrix_set(T, i, j, gsl_rng_uniform(r2) - 0.37);
    sa_linnet_work *lw = sa_linnet_work_alloc(&sh);
    sa_linnet_products(&sh, theta, lw);
    double fro, al, altr;
    tap_ok(sa_ktrace_multi(&sh, lw, T, &fro, &al, &altr) == 0, "ktrace_multi runs");
    double g2 = 0, num = 0, t2 = 0;
    for (size_t oc = 0; oc < Cn; oc++)
      for (size_t cp = 0; cp < Cn; cp++) {
        sa_linnet_kernel_matrix(&sh, lw, oc, cp, Mb);
        for (size_t i = 0; i < Dn; i++)
          for (size_t j = 0; j < Dn; j++) {
            double m = gsl_matrix_get(Mb, i, j);
            g2 += m * m;
            num += gsl_matrix_get(T, oc, i) * m * gsl_matrix_get(T, cp, j);
            if (oc == cp)
              gsl_matrix_set(Kbar, i, j, gsl_matrix_get(Kbar, i, j) + m);
          }
      }
    for (size_t i = 0; i < Cn; i++)
      for (size_t j = 0; j < Dn; j++)
        t2 += gsl_matrix_get(T, i, j) * gsl_matrix_get(T, i, j);
    double kb2 = 0, numtr = 0;
    for (size_t i = 0; i < Dn; i++)
      for (size_t j = 0; j < Dn; j++) {
        kb2 += gsl_matrix_get(Kbar, i, j) * gsl_matrix_get(Kbar, i, j);
        for (size_t oc = 0; oc < Cn; oc++)
          numtr += gsl_matrix_get(T, oc, i) * gsl_matrix_get(Kbar, i, j) * gsl_matrix_get(T, oc, j);
      }
    /* sums of a few hundred products: rounding at 1e-13 relative */
    tap_rel(
        fro, sqrt(g2), 1e-12,
        "Fig. H.1: ||K||_F of the C-output NTK by the trace identity vs the block matrix (Eq. 57)");
    tap_rel(al, num / (sqrt(g2) * t2), 1e-12,
            "Fig. H.1: alignment vec(Y)^T K vec(Y)/(||K|| |Y|^2) vs the block matrix");
    tap_rel(altr, numtr / (sqrt(kb2) * t2), 1e-12,
            "Fig. H.1: output-traced kernel alignment vs sum_c K_cc assembled");
    /* plateau of the traced kernel for L = 2, s = (2, 1), C = 2, D = 3:
     * Mbar = (s1 + s2) I + C sum_a s_a v_a v_a^T: eigenvalues 3 + 2 s_a and 3 */
    const double s2v[2] = {2.0, 1.0};
    double e1 = 3 + 4, e2 = 3 + 2, want = (4 * e1 + 1 * e2) / (sqrt(e1 * e1 + e2 * e2 + 9) * 5);
    tap_rel(sa_ktrace_multi_plateau_tr(2, 2, s2v, 2, 3), want, 1e-14,
            "Fig. H.1: traced-kernel plateau, L = 2 hand-computed spectrum");
    sa_linnet_work_free(lw, &sh);
    gsl_matrix_free(T);
    gsl_matrix_free(Mb);
    gsl_matrix_free(Kbar);
    free(theta);
    gsl_rng_free(r2);
  }
  return tap_done();
}
