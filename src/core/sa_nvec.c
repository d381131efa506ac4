/* Faster serial N_Vector kernels: see sa_nvec.h. */
#if defined(__GNUC__) && !defined(__clang__)
/* The loops below are written to be vectorised; -O2 of GCC 12 vectorises
 * only loops without an epilogue. */
#pragma GCC optimize("O3")
#endif

#include "config.h"

#include "sa_nvec.h"

#include <math.h>

#define LEN(v) ((size_t)NV_LENGTH_S(v))
#define DATA(v) (NV_DATA_S(v))

static void linear_sum(sunrealtype a, N_Vector x, sunrealtype b, N_Vector y, N_Vector z)
{
  size_t n = LEN(z);
  const double *xd = DATA(x), *yd = DATA(y);
  double *zd = DATA(z);
  /* z may alias x or y: element-wise, so the loop stays correct. */
  for (size_t i = 0; i < n; i++)
    zd[i] = a * xd[i] + b * yd[i];
}

static void vconst(sunrealtype c, N_Vector z)
{
  size_t n = LEN(z);
  double *restrict zd = DATA(z);
  for (size_t i = 0; i < n; i++)
    zd[i] = c;
}

static void prod(N_Vector x, N_Vector y, N_Vector z)
{
  size_t n = LEN(z);
  const double *xd = DATA(x), *yd = DATA(y);
  double *zd = DATA(z);
  for (size_t i = 0; i < n; i++)
    zd[i] = xd[i] * yd[i];
}

static void vdiv(N_Vector x, N_Vector y, N_Vector z)
{
  size_t n = LEN(z);
  const double *xd = DATA(x), *yd = DATA(y);
  double *zd = DATA(z);
  for (size_t i = 0; i < n; i++)
    zd[i] = xd[i] / yd[i];
}

static void scale(sunrealtype c, N_Vector x, N_Vector z)
{
  size_t n = LEN(z);
  const double *xd = DATA(x);
  double *zd = DATA(z);
  for (size_t i = 0; i < n; i++)
    zd[i] = c * xd[i];
}

static void vabs(N_Vector x, N_Vector z)
{
  size_t n = LEN(z);
  const double *xd = DATA(x);
  double *zd = DATA(z);
  for (size_t i = 0; i < n; i++)
    zd[i] = fabs(xd[i]);
}

static void inv(N_Vector x, N_Vector z)
{
  size_t n = LEN(z);
  const double *xd = DATA(x);
  double *zd = DATA(z);
  for (size_t i = 0; i < n; i++)
    zd[i] = 1.0 / xd[i];
}

static void add_const(N_Vector x, sunrealtype b, N_Vector z)
{
  size_t n = LEN(z);
  const double *xd = DATA(x);
  double *zd = DATA(z);
  for (size_t i = 0; i < n; i++)
    zd[i] = xd[i] + b;
}

static sunrealtype dot(N_Vector x, N_Vector y)
{
  size_t n = LEN(x);
  const double *restrict xd = DATA(x), *restrict yd = DATA(y);
  double s = 0;
  for (size_t i = 0; i < n; i++)
    s += xd[i] * yd[i];
  return s;
}

static sunrealtype max_norm(N_Vector x)
{
  size_t n = LEN(x);
  const double *restrict xd = DATA(x);
  double m = 0;
  for (size_t i = 0; i < n; i++)
    m = fmax(m, fabs(xd[i]));
  return m;
}

static sunrealtype wsqr_sum(N_Vector x, N_Vector w)
{
  size_t n = LEN(x);
  const double *restrict xd = DATA(x), *restrict wd = DATA(w);
  double s = 0;
  for (size_t i = 0; i < n; i++) {
    double p = xd[i] * wd[i];
    s += p * p;
  }
  return s;
}

static sunrealtype wrms_norm(N_Vector x, N_Vector w)
{
  return sqrt(wsqr_sum(x, w) / (double)LEN(x));
}

/* z = sum_k c_k X_k.  z may be one of the X_k (ERKStep and CVODE pass
 * z = X_0), so the first pass reads X_0 before writing z, and every later
 * pass reads X_k, k >= 1, which must then differ from z: SUNDIALS' own
 * kernel makes the same assumption.  Up to four vectors per pass cut the
 * passes over z (an explicit Runge-Kutta stage combines up to 8). */
static int linear_combination(int nvec, sunrealtype *c, N_Vector *X, N_Vector z)
{
  size_t n = LEN(z);
  double *zd = DATA(z);
  const double *x0 = DATA(X[0]);
  double c0 = c[0];
  int k = 1;
  if (nvec >= 2) {
    const double *x1 = DATA(X[1]);
    double c1 = c[1];
    for (size_t i = 0; i < n; i++)
      zd[i] = c0 * x0[i] + c1 * x1[i];
    k = 2;
  } else {
    for (size_t i = 0; i < n; i++)
      zd[i] = c0 * x0[i];
  }
  double *restrict zr = zd;
  for (; k + 3 < nvec; k += 4) {
    const double *restrict a = DATA(X[k]), *restrict b = DATA(X[k + 1]);
    const double *restrict e = DATA(X[k + 2]), *restrict f = DATA(X[k + 3]);
    double ca = c[k], cb = c[k + 1], ce = c[k + 2], cf = c[k + 3];
    for (size_t i = 0; i < n; i++)
      zr[i] += ca * a[i] + cb * b[i] + ce * e[i] + cf * f[i];
  }
  for (; k + 1 < nvec; k += 2) {
    const double *restrict a = DATA(X[k]), *restrict b = DATA(X[k + 1]);
    double ca = c[k], cb = c[k + 1];
    for (size_t i = 0; i < n; i++)
      zr[i] += ca * a[i] + cb * b[i];
  }
  if (k < nvec) {
    const double *restrict a = DATA(X[k]);
    double ca = c[k];
    for (size_t i = 0; i < n; i++)
      zr[i] += ca * a[i];
  }
  return 0;
}

/* Z_k = a_k x + Y_k. */
static int scale_add_multi(int nvec, sunrealtype *a, N_Vector x, N_Vector *Y, N_Vector *Z)
{
  size_t n = LEN(x);
  const double *xd = DATA(x);
  for (int k = 0; k < nvec; k++) {
    const double *yd = DATA(Y[k]);
    double *zd = DATA(Z[k]);
    double ak = a[k];
    for (size_t i = 0; i < n; i++)
      zd[i] = ak * xd[i] + yd[i];
  }
  return 0;
}

static int dot_multi(int nvec, N_Vector x, N_Vector *Y, sunrealtype *d)
{
  for (int k = 0; k < nvec; k++)
    d[k] = dot(x, Y[k]);
  return 0;
}

void sa_nvec_fast_ops(N_Vector v)
{
  N_Vector_Ops ops = v->ops;
  ops->nvlinearsum = linear_sum;
  ops->nvconst = vconst;
  ops->nvprod = prod;
  ops->nvdiv = vdiv;
  ops->nvscale = scale;
  ops->nvabs = vabs;
  ops->nvinv = inv;
  ops->nvaddconst = add_const;
  ops->nvdotprod = dot;
  ops->nvdotprodlocal = dot;
  ops->nvmaxnorm = max_norm;
  ops->nvmaxnormlocal = max_norm;
  ops->nvwrmsnorm = wrms_norm;
  ops->nvwsqrsumlocal = wsqr_sum;
  ops->nvlinearcombination = linear_combination;
  ops->nvscaleaddmulti = scale_add_multi;
  ops->nvdotprodmulti = dot_multi;
}
